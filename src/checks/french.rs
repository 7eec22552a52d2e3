//! French reading measures: Kandel and Moles' reading ease and LIX, from French counts.
//!
//! - Kandel & Moles (1958) adapt Flesch's reading ease to French:
//!   207 − 1.015 × words per sentence − 73.6 × syllables per word; 0 to 100, higher is
//!   easier (60 to 70 reads like a newspaper, above 80 like a children's book).
//! - LIX (Björnsson 1968): words per sentence + 100 × the share of words of more than six
//!   letters; under 30 is very easy, 40 is average prose, above 50 is hard.
//!
//! Syllables come from the French TeX hyphenation patterns (the `hypher` crate), as Python
//! textstat counts them through Pyphen's patterns: a word has one syllable more than its
//! places to break, none within two letters of either end. Words, sentences and long words
//! are counted as for English ([`super::readability`]). A test checks the figures against
//! textstat 0.7.13 with `set_lang('fr')` on the French reference texts kept beside this file.

use super::readability::Stats;

pub use super::syllables::french as syllables;

/// Kandel and Moles' reading ease of a text's counts (0 when it has no words).
pub fn reading_ease(stats: &Stats) -> f64 {
    reading_ease_of_counts(stats.words, stats.sentences.max(1), stats.syllables)
}

/// Kandel and Moles' reading ease of `sentences` sentences of `words` words with
/// `syllables` syllables in all.
pub fn reading_ease_of_counts(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    let w = words as f64;
    207.0 - 1.015 * (w / sentences as f64) - 73.6 * (syllables as f64 / w)
}

/// LIX of a text's counts (0 when it has no words).
pub fn lix(stats: &Stats) -> f64 {
    if stats.words == 0 {
        return 0.0;
    }
    let w = stats.words as f64;
    w / stats.sentences.max(1) as f64 + 100.0 * stats.long_words as f64 / w
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference figures from Python textstat 0.7.13 with `set_lang('fr')` (Kandel and
    /// Moles' reading ease, LIX) on French texts written for this test
    /// (tests/tools/french_reference.py makes them).
    const REFERENCE: &[(&str, [f64; 2])] = include!("french_reference.in");

    fn ours(text: &str) -> [f64; 2] {
        let stats = Stats::of_lang(text, super::super::measures::Lang::French);
        [reading_ease(&stats), lix(&stats)]
    }

    #[test]
    fn french_measures_agree_with_textstat() {
        assert!(REFERENCE.len() >= 20, "{}", REFERENCE.len());
        // (mean, max) allowed: reading ease, LIX.
        let bounds = [(0.5, 3.0), (0.5, 2.0)];
        for (k, name) in ["Kandel-Moles reading ease", "LIX"].iter().enumerate() {
            let diffs: Vec<f64> = REFERENCE
                .iter()
                .map(|(text, expected)| (ours(text)[k] - expected[k]).abs())
                .collect();
            let mean = diffs.iter().sum::<f64>() / diffs.len() as f64;
            let max = diffs.iter().copied().fold(0.0, f64::max);
            eprintln!("{name}: mean difference {mean:.2}, largest {max:.2}");
            assert!(mean <= bounds[k].0, "{name}: mean difference {mean:.2}");
            assert!(max <= bounds[k].1, "{name}: largest difference {max:.2}");
        }
    }

    #[test]
    fn french_syllables_come_from_hyphenation_patterns() {
        assert_eq!(syllables("consommation"), 3);
        assert_eq!(syllables("personnes"), 2);
        assert_eq!(syllables("drogues"), 1);
        assert_eq!(syllables("2023"), 1);
        assert_eq!(syllables("l\u{2019}usage"), 2);
        assert_eq!(syllables(""), 0);
        // A very long word does not panic.
        assert!(syllables(&"anticonstitutionnellement".repeat(4)) > 10);
    }
}
