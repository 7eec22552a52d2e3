//! Respectful language: finds stigmatizing words about drug use and suggests the words
//! people prefer, with the sources. The lexicon ships as YAML (`respectful_terms.yaml`);
//! a site adds to it, changes an entry or turns one off in
//! `content/_data/respectful_terms.yaml`. Words inside double quotes are skipped (people
//! may describe themselves as they choose), and so are allowed names such as the
//! National Institute on Drug Abuse or drug-user unions.

use std::collections::HashSet;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::Level;
use crate::diagnostics::Diagnostic;

/// One entry of the lexicon, as written in YAML.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub id: String,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub prefer: Option<String>,
    /// error, warning, suggestion or off.
    #[serde(default)]
    pub tier: Option<String>,
    #[serde(default)]
    pub sources: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// The language the entry is for (default: English).
    #[serde(default)]
    pub lang: Option<String>,
}

/// Keys of a lexicon entry, for error messages.
pub const TERM_KEYS: &[&str] = &["id", "pattern", "prefer", "tier", "sources", "note", "lang"];

struct Term {
    regex: Regex,
    prefer: String,
    level: Level,
    sources: String,
    note: Option<String>,
}

/// A compiled lexicon.
pub struct Lexicon {
    terms: Vec<Term>,
    /// All patterns at once: one pass tells which terms can match a text at all.
    any: Option<regex::RegexSet>,
}

/// One stigmatizing word found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub start: usize,
    pub matched: String,
    pub prefer: &'a str,
    pub sources: &'a str,
    pub note: Option<&'a str>,
    pub level: Level,
}

/// Names that contain listed words but must never be reported.
const ALLOWED_NAMES: &[&str] = &[
    "national institute on drug abuse",
    "substance abuse and mental health services administration",
    "alcoholics anonymous",
    "narcotics anonymous",
    "vancouver area network of drug users",
    "international network of people who use drugs",
    "vandu",
    "inpud",
];

fn built_in() -> Vec<TermEntry> {
    serde_saphyr::from_str(include_str!("respectful_terms.yaml")).unwrap_or_default()
}

impl Lexicon {
    /// The built-in lexicon for a language.
    pub fn default_for(lang: &str) -> Lexicon {
        Lexicon::build(lang, &[]).0
    }

    /// The built-in lexicon with a site's entries merged in by id. Returns problems with
    /// the site's entries (a bad pattern, an unknown tier) as diagnostics for `file`.
    pub fn build(lang: &str, site: &[TermEntry]) -> (Lexicon, Vec<Diagnostic>) {
        let mut entries = built_in();
        let mut problems = Vec::new();
        for e in site {
            match entries.iter_mut().find(|b| b.id == e.id) {
                Some(b) => {
                    if e.pattern.is_some() {
                        b.pattern = e.pattern.clone();
                    }
                    if e.prefer.is_some() {
                        b.prefer = e.prefer.clone();
                    }
                    if e.tier.is_some() {
                        b.tier = e.tier.clone();
                    }
                    if e.sources.is_some() {
                        b.sources = e.sources.clone();
                    }
                    if e.note.is_some() {
                        b.note = e.note.clone();
                    }
                    if e.lang.is_some() {
                        b.lang = e.lang.clone();
                    }
                }
                None => entries.push(e.clone()),
            }
        }
        let base = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
        let mut terms = Vec::new();
        for e in entries {
            if e.lang.as_deref().unwrap_or("en").to_ascii_lowercase() != base {
                continue;
            }
            let level = match e.tier.as_deref().unwrap_or("warning") {
                "error" => Level::Error,
                "warning" | "warn" => Level::Warning,
                "suggestion" | "context" => Level::Suggestion,
                "off" => continue,
                other => {
                    problems.push(
                        Diagnostic::error(format!(
                            "respectful term \"{}\" has the tier \"{other}\"",
                            e.id
                        ))
                        .help("use tier: error, warning, suggestion or off"),
                    );
                    continue;
                }
            };
            let Some(pattern) = e.pattern.as_deref() else {
                problems.push(
                    Diagnostic::error(format!("respectful term \"{}\" has no pattern", e.id)).help(
                        "add pattern: with the words to find, e.g. pattern: \"\\\\bjunkies?\\\\b\"",
                    ),
                );
                continue;
            };
            match RegexBuilder::new(pattern).case_insensitive(true).size_limit(1 << 20).build() {
                Ok(regex) => terms.push(Term {
                    regex,
                    prefer: e.prefer.unwrap_or_default(),
                    level,
                    sources: e.sources.unwrap_or_default(),
                    note: e.note,
                }),
                Err(err) => problems.push(Diagnostic::error(format!("respectful term \"{}\" has a pattern that is not a valid regular expression: {err}", e.id)).help("fix the pattern; backslashes must be doubled inside double quotes")),
            }
        }
        let any = regex::RegexSetBuilder::new(terms.iter().map(|t| t.regex.as_str()))
            .case_insensitive(true)
            .size_limit(1 << 24)
            .build()
            .ok();
        (Lexicon { terms, any }, problems)
    }

    /// Finds every listed word in `text`, except inside double quotes and in allowed names.
    pub fn find<'a>(&'a self, text: &str, allow: &HashSet<String>) -> Vec<Hit<'a>> {
        let candidates: Vec<usize> = match &self.any {
            // Most text has none of the words: a yes-or-no pass is enough to skip it.
            Some(set) if !set.is_match(text) => Vec::new(),
            Some(set) => set.matches(text).into_iter().collect(),
            None => (0..self.terms.len()).collect(),
        };
        if candidates.is_empty() {
            return Vec::new();
        }
        let lower = text.to_lowercase();
        let mut protected: Vec<(usize, usize)> = quoted_spans(text);
        for name in ALLOWED_NAMES
            .iter()
            .copied()
            .chain(allow.iter().map(String::as_str))
        {
            let mut from = 0;
            while let Some(i) = lower.get(from..).and_then(|l| l.find(name)) {
                protected.push((from + i, from + i + name.len()));
                from += i + name.len().max(1);
            }
        }
        let mut hits = Vec::new();
        for term in candidates.iter().map(|&i| &self.terms[i]) {
            for m in term.regex.find_iter(text) {
                if protected.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
                    continue;
                }
                hits.push(Hit {
                    start: m.start(),
                    matched: m.as_str().to_string(),
                    prefer: &term.prefer,
                    sources: &term.sources,
                    note: term.note.as_deref(),
                    level: term.level,
                });
            }
        }
        hits.sort_by_key(|h| h.start);
        hits
    }
}

/// Byte spans inside double quotes (straight or curly), where people speak for themselves.
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('\u{201c}', _) => open = Some(i),
            ('\u{201d}', Some(s)) => {
                spans.push((s, i + c.len_utf8()));
                open = None;
            }
            ('"', None) => open = Some(i),
            ('"', Some(s)) => {
                spans.push((s, i + 1));
                open = None;
            }
            _ => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lexicon_loads_every_entry() {
        assert_eq!(built_in().len(), 30);
        let (lex, problems) = Lexicon::build("en", &[]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lex.terms.len(), 30);
    }

    #[test]
    fn finds_terms_but_not_quotes_or_names() {
        let lex = Lexicon::default_for("en");
        let none = HashSet::new();
        let hits = lex.find("Drug abusers and junkies, said one \u{201c}former addict\u{201d}. The National Institute on Drug Abuse agreed.", &none);
        let found: Vec<&str> = hits.iter().map(|h| h.matched.as_str()).collect();
        assert_eq!(found, ["Drug abusers", "junkies"]);
        let allow: HashSet<String> = ["junkies united".to_string()].into();
        assert!(lex.find("Junkies United met.", &allow).is_empty());
    }

    #[test]
    fn sites_can_add_change_and_turn_off_entries() {
        let site = vec![
            TermEntry {
                id: "junkie".into(),
                tier: Some("off".into()),
                pattern: None,
                prefer: None,
                sources: None,
                note: None,
                lang: None,
            },
            TermEntry {
                id: "x".into(),
                pattern: Some("\\bfiend\\b".into()),
                prefer: Some("person".into()),
                tier: Some("error".into()),
                sources: Some("site".into()),
                note: None,
                lang: None,
            },
            TermEntry {
                id: "bad".into(),
                pattern: Some("(".into()),
                prefer: None,
                tier: None,
                sources: None,
                note: None,
                lang: None,
            },
        ];
        let (lex, problems) = Lexicon::build("en", &site);
        assert_eq!(problems.len(), 1);
        let none = HashSet::new();
        assert!(lex.find("junkie", &none).is_empty());
        assert_eq!(lex.find("a fiend", &none)[0].level, Level::Error);
        let (fr, _) = Lexicon::build("fr", &site);
        assert!(
            fr.terms.is_empty(),
            "English entries are not used on French pages"
        );
    }
}
