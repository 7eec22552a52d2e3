//! Plainer words: for a hard word, the everyday words the US Federal Plain Language
//! Guidelines ("Use simple words and phrases", public domain) give instead, so the
//! jargon hint can say "use “help” instead of “facilitate”". The list is a data file,
//! `plain_words.txt`, with its source in its header.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The list, parsed once: hard word (lower case) to its replacements as written.
fn list() -> &'static HashMap<&'static str, &'static str> {
    static LIST: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("plain_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(hard, plain)| (hard.trim(), plain.trim()))
            .collect()
    })
}

/// The plainer words for the first of `forms` (a word, then its base form) on the list.
pub fn plainer<'a>(forms: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    forms.into_iter().find_map(|f| list().get(f).copied())
}

/// The hint for a hard word with plainer words: `use “ease” or “help” instead of “facilitate”`.
pub fn hint(word: &str, plain: &str) -> String {
    let quoted: Vec<String> = plain
        .split(',')
        .map(|p| format!("\u{201c}{}\u{201d}", p.trim()))
        .collect();
    let choices = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    };
    format!(
        "use {choices} instead of \u{201c}{word}\u{201d} (US Federal Plain Language Guidelines)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_list_has_a_word_and_its_plainer_words() {
        for line in include_str!("plain_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let (hard, plain) = line.split_once('\t').unwrap_or_default();
            assert!(!hard.is_empty() && !plain.is_empty(), "{line:?}");
            assert_eq!(hard, hard.to_lowercase(), "{line:?}");
        }
        assert!(list().len() >= 90);
    }

    #[test]
    fn facilitate_gets_help() {
        assert_eq!(plainer(["facilitates", "facilitate"]), Some("ease, help"));
        assert_eq!(
            hint("facilitate", "ease, help"),
            "use \u{201c}ease\u{201d} or \u{201c}help\u{201d} instead of \u{201c}facilitate\u{201d} (US Federal Plain Language Guidelines)"
        );
        assert_eq!(plainer(["table"]), None);
    }
}
