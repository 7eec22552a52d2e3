//! Search words: how text becomes the terms of the search index. Words are runs of
//! letters and digits, lowercased and folded (accents dropped, so "remuneration" finds
//! « rémunération »), then stemmed with Snowball for English and French ("paying"
//! finds "pay"). Chinese has no spaces: each run of Han characters gives its character
//! pairs (bigrams), the usual way to search Chinese without a dictionary.
//!
//! The browser's script (`search.js` of the theme) splits and folds a query by the same
//! rules, then looks each folded word up in the index's list of word forms, which gives
//! its stem. A word the site never wrote ("payments" where a page says "payment") is
//! stemmed in the browser too, by the Snowball project's JavaScript stemmers of the
//! same algorithms (the theme's `snowball/` folder, one file per language of
//! [`STEMMED`]), and found by its key among the index's stem keys.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words too common to search for, per language (folded).
const STOP_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or",
    "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "was", "we", "were", "which", "who", "will", "with", "you", "your",
];
const STOP_FR: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "il", "ils", "l", "la", "le", "les", "leur", "leurs", "n", "ne",
    "nous", "on", "ont", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses",
    "son", "sont", "sur", "un", "une", "vous", "y",
];

/// The languages whose words are stemmed, as (primary BCP 47 code, Snowball name): the
/// browser loads the theme's `snowball/NAME-stemmer.js` for each. A test runs both
/// stemmers over a word list of each language and requires the same stems.
pub const STEMMED: [(&str, &str); 2] = [("en", "english"), ("fr", "french")];

/// The Snowball algorithm of a name of [`STEMMED`].
fn algorithm(name: &str) -> Option<rust_stemmers::Algorithm> {
    match name {
        "english" => Some(rust_stemmers::Algorithm::English),
        "french" => Some(rust_stemmers::Algorithm::French),
        _ => None,
    }
}

/// How one language's text is cut into search terms.
pub struct Analyzer {
    stemmer: Option<rust_stemmers::Stemmer>,
    stop: &'static [&'static str],
}

/// One searchable term of a text: the folded word as written, and the key it is
/// indexed under (its folded stem; a Chinese bigram is its own key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub form: String,
    pub key: String,
}

impl Analyzer {
    /// The analyzer for a BCP 47 language code: English and French stem, every other
    /// language folds only (and cuts Han text into bigrams, as all do).
    pub fn for_language(code: &str) -> Self {
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let stop = match primary.as_str() {
            "en" => STOP_EN,
            "fr" => STOP_FR,
            _ => &[][..],
        };
        let name = STEMMED.iter().find(|(c, _)| *c == primary).map(|s| s.1);
        Analyzer {
            stemmer: name.and_then(algorithm).map(rust_stemmers::Stemmer::create),
            stop,
        }
    }

    /// Whether this language's words are stemmed.
    pub fn stems(&self) -> bool {
        self.stemmer.is_some()
    }

    /// The stem of a word as written, lowercased and not folded (the word itself in a
    /// language without stemming): what the browser's Snowball stemmer must give too.
    pub fn stem(&self, word: &str) -> String {
        let lower = word.to_lowercase();
        match &self.stemmer {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower,
        }
    }

    /// The terms of `text`, in order; words too common to search for are left out.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        raw_terms(text).filter_map(|raw| self.term(raw)).collect()
    }

    /// The term of a raw piece from [`raw_terms`]; `None` for a word too common to
    /// search for.
    pub fn term(&self, raw: &str) -> Option<Term> {
        if raw.chars().next().is_some_and(is_han) {
            return Some(Term {
                form: raw.to_string(),
                key: raw.to_string(),
            });
        }
        let form = fold(raw);
        if self.stop.contains(&form.as_str()) {
            return None;
        }
        let key = self.key_of(raw, &form);
        Some(Term { form, key })
    }

    /// The index key of a word: its stem, folded. Words with digits are not stemmed.
    fn key_of(&self, word: &str, folded: &str) -> String {
        match &self.stemmer {
            Some(_) if !word.chars().any(|c| c.is_numeric()) => fold(&self.stem(word)),
            _ => folded.to_string(),
        }
    }
}

/// A Han character (CJK Unified Ideographs and their extensions, compatibility
/// ideographs). The browser script tests the same ranges.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A character that belongs to a word: a letter, digit or combining mark.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    (c.is_alphanumeric() || is_combining_mark(c)) && !is_han(c)
}

/// The pieces of `text` that are terms, as written: each run of word characters, and
/// each pair of Han characters in a run of them (a run of one Han character is itself).
/// Everything else separates. Borrowed, so a caller can cache the work done on each.
pub fn raw_terms(text: &str) -> RawTerms<'_> {
    RawTerms {
        rest: text,
        han: "",
    }
}

/// The iterator of [`raw_terms`]. Most text is ASCII: its bytes are tested without
/// decoding characters, as this runs over every word of the site.
pub struct RawTerms<'a> {
    rest: &'a str,
    /// The rest of a Han run from the next pair's first character (two or more).
    han: &'a str,
}

impl<'a> RawTerms<'a> {
    /// The next character pair of the Han run being read.
    fn pair(&mut self) -> Option<&'a str> {
        let mut chars = self.han.char_indices().skip(1);
        let (second, _) = chars.next()?;
        let end = chars.next().map_or(self.han.len(), |(i, _)| i);
        let pair = &self.han[..end];
        self.han = if end == self.han.len() {
            ""
        } else {
            &self.han[second..]
        };
        Some(pair)
    }
}

/// Where the first character of `text` that `keep` refuses starts (its length if none).
/// `ascii` says the same of ASCII characters, by byte, so those are not decoded; it is
/// false for every other byte, which stops the fast loop where a character is decoded.
fn run_end(text: &str, ascii: &[bool; 256], keep: impl Fn(char) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        let rest = bytes.get(i..).unwrap_or_default();
        i += rest
            .iter()
            .position(|&b| !ascii[usize::from(b)])
            .unwrap_or(rest.len());
        match bytes.get(i) {
            Some(b) if !b.is_ascii() => {}
            _ => return i,
        }
        match text.get(i..).and_then(|t| t.chars().next()) {
            Some(c) if keep(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
}

/// By byte: whether it is an ASCII word character.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// By byte: whether it is an ASCII byte that separates words (the opposite of
/// [`ASCII_WORD`] for ASCII).
const ASCII_SEPARATOR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !ASCII_WORD[b];
        b += 1;
    }
    table
};

impl<'a> Iterator for RawTerms<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if !self.han.is_empty() {
            if let Some(pair) = self.pair() {
                return Some(pair);
            }
        }
        let start = run_end(self.rest, &ASCII_SEPARATOR, |c| {
            !is_word_char(c) && !is_han(c)
        });
        let text = self.rest.get(start..)?;
        let han = text.chars().next().is_some_and(is_han);
        let len = if han {
            run_end(text, &[false; 256], is_han)
        } else {
            run_end(text, &ASCII_WORD, is_word_char)
        };
        let (piece, after) = text.split_at(len);
        self.rest = after;
        if piece.is_empty() {
            return None;
        }
        if han && piece.chars().nth(1).is_some() {
            self.han = piece;
            return self.pair();
        }
        Some(piece)
    }
}

/// A word lowercased, its accents dropped (canonical decomposition, marks removed) and
/// the ligatures œ and æ written out.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.to_lowercase().nfd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: &str, text: &str) -> Vec<String> {
        Analyzer::for_language(lang)
            .terms(text)
            .into_iter()
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn folding_drops_accents_and_case_and_writes_out_ligatures() {
        assert_eq!(fold("Rémunération"), "remuneration");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
        assert_eq!(fold("naïve"), "naive");
        assert_eq!(fold("报酬"), "报酬");
    }

    #[test]
    fn english_words_are_stemmed_and_common_words_left_out() {
        assert_eq!(keys("en", "The paying of peers"), ["pay", "peer"]);
        assert_eq!(
            keys("en-CA", "Paid work: payments"),
            ["paid", "work", "payment"]
        );
    }

    #[test]
    fn french_words_are_stemmed_then_folded_so_accents_do_not_matter() {
        let with = keys("fr", "la rémunération");
        let without = keys("fr", "remuneration");
        assert_eq!(with, without);
        assert_eq!(with, ["remuner"]);
        assert_eq!(keys("fr", "l’équipe des pairs"), ["equip", "pair"]);
    }

    #[test]
    fn forms_keep_the_word_as_written_folded() {
        let terms = Analyzer::for_language("fr").terms("Rémunérations");
        assert_eq!(terms[0].form, "remunerations");
        assert_eq!(terms[0].key, "remuner");
    }

    #[test]
    fn chinese_is_cut_into_character_pairs() {
        assert_eq!(keys("zh", "同伴报酬"), ["同伴", "伴报", "报酬"]);
        assert_eq!(keys("zh", "钱。PWUD 2024"), ["钱", "pwud", "2024"]);
    }

    #[test]
    fn han_runs_of_one_two_and_three_characters_between_other_words() {
        let raw: Vec<&str> = raw_terms("a钱b同伴 c同伴报，d").collect();
        assert_eq!(raw, ["a", "钱", "b", "同伴", "c", "同伴", "伴报", "d"]);
        let raw: Vec<&str> = raw_terms("𠀀𠀁x").collect();
        assert_eq!(raw, ["𠀀𠀁", "x"], "characters outside the BMP");
    }

    #[test]
    fn accented_words_and_combining_marks_stay_one_word() {
        let raw: Vec<&str> = raw_terms("Rémunération—cafe\u{301}! über").collect();
        assert_eq!(raw, ["Rémunération", "cafe\u{301}", "über"]);
    }

    #[test]
    fn digits_are_words_and_are_not_stemmed() {
        assert_eq!(
            keys("en", "in 2024, 12 sessions"),
            ["2024", "12", "session"]
        );
    }

    #[test]
    fn separators_split_words_and_nothing_is_lost_at_the_ends() {
        assert_eq!(keys("xx", "—peer-led…"), ["peer", "led"]);
        assert!(keys("en", "").is_empty());
        assert!(keys("en", " … ").is_empty());
    }
}
