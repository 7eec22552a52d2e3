//! Stage 7b, checks: what plainsite checks so that everyone can read a site, each a
//! named rule whose level a site can set.
//!
//! - Plain language, on each page's prose ([`prose`], [`readability`], [`respectful`]):
//!   reading grade, long sentences and paragraphs, jargon, unexplained abbreviations,
//!   stigmatizing words.
//! - Accessibility of the rendered HTML ([`html_a11y`], [`images`], [`links`],
//!   [`contrast`]): headings, link text, alt text, tables, ids, language tags, colours,
//!   broken links and anchors.
//! - Completeness for the audience: key messages first, a plain summary on hard pages.
//!
//! Each problem is reported at the Markdown line and column when it is in a page's
//! text, at the template otherwise. Nothing here changes an author's words.

pub mod chinese;
pub mod contrast;
pub mod french;
pub mod html_a11y;
pub mod images;
pub mod links;
pub mod measures;
pub mod passive;
pub mod passive_fr;
pub mod plain_words;
pub mod prose;
pub mod readability;
pub mod report;
pub mod respectful;
// The typed rule ids of issue 12; the call sites switch to them after the restructure,
// so nothing uses the enum yet.
#[allow(dead_code)]
pub mod rule;
pub mod syllables;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Severity};

/// How much a rule matters on a site. Ordered from the weakest (`Off`) to the strongest
/// (`Error`), so a site's setting can cap a finding's level with `min`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    #[serde(alias = "context")]
    Suggestion,
    #[serde(alias = "warn")]
    Warning,
    Error,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "suggestion" => Some(Level::Suggestion),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

/// A check, with its default level and what it looks for.
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    pub about: &'static str,
}

/// Every rule, in the order the user guide lists them.
pub const RULES: &[Rule] = &[
    Rule {
        id: "reading-grade",
        level: Level::Warning,
        about: "the page's Flesch-Kincaid grade is above the target",
    },
    Rule {
        id: "plain-summary",
        level: Level::Warning,
        about: "a page above the reading target has no plain summary",
    },
    Rule {
        id: "long-sentence",
        level: Level::Warning,
        about: "a sentence has more words than the limit",
    },
    Rule {
        id: "long-paragraph",
        level: Level::Warning,
        about: "a paragraph has more sentences than the limit",
    },
    Rule {
        id: "jargon",
        level: Level::Suggestion,
        about: "a long word that is neither common nor in the glossary",
    },
    Rule {
        id: "abbreviation",
        level: Level::Warning,
        about: "an abbreviation that is not in the glossary or explained",
    },
    Rule {
        id: "passive-voice",
        level: Level::Suggestion,
        about: "a verb in the passive voice (English and French): say who does what",
    },
    Rule {
        id: "respectful-language",
        level: Level::Warning,
        about: "a stigmatizing word, with a preferred one (each term has its own tier)",
    },
    Rule {
        id: "alt-text",
        level: Level::Error,
        about: "alt text that is missing, a file name, \"image of\", or too long",
    },
    Rule {
        id: "heading-order",
        level: Level::Error,
        about: "not exactly one h1, or a skipped heading level",
    },
    Rule {
        id: "link-text",
        level: Level::Error,
        about: "empty or vague link text such as \"click here\"",
    },
    Rule {
        id: "link-text-repeated",
        level: Level::Warning,
        about: "two links with the same text lead to different places",
    },
    Rule {
        id: "broken-link",
        level: Level::Error,
        about: "a link or anchor inside the site that leads nowhere",
    },
    Rule {
        id: "table-headers",
        level: Level::Error,
        about: "a table with no header cells",
    },
    Rule {
        id: "duplicate-id",
        level: Level::Error,
        about: "two elements with the same id on one page",
    },
    Rule {
        id: "language-tag",
        level: Level::Error,
        about: "a lang attribute that is not a language code",
    },
    Rule {
        id: "contrast",
        level: Level::Error,
        about: "theme colours below 4.5:1 for text or 3:1 for other marks",
    },
    Rule {
        id: "unsafe-html",
        level: Level::Warning,
        about: "safe mode removed a script, frame, event handler or script address",
    },
    Rule {
        id: "unsafe-file",
        level: Level::Warning,
        about: "safe mode did not copy a file from content/ that a browser could run (.js, .html, .svg, .xml)",
    },
    Rule {
        id: "external-resource",
        level: Level::Warning,
        about: "a page loads a script, style, image or frame from another website",
    },
    Rule {
        id: "key-messages",
        level: Level::Warning,
        about: "the home page does not start with key messages",
    },
    Rule {
        id: "slide-text",
        level: Level::Warning,
        about: "a hand-written slide has more than 40 words (one idea per slide)",
    },
    Rule {
        id: "stale-translation",
        level: Level::Warning,
        about: "a translation is older than its original (by the dates in their front matter)",
    },
];

/// The settings of the checks, from `[checks]` in site.toml.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckConfig {
    /// Flesch-Kincaid grade a page should not pass.
    pub reading_grade: f64,
    pub sentence_words: usize,
    pub paragraph_sentences: usize,
    /// Limits for Chinese, counted in characters.
    pub sentence_characters: usize,
    pub paragraph_characters: usize,
    /// Reading targets by language code (`[checks.targets]`), each in its language's
    /// headline measure (see [`measures::Measure::headline`]).
    pub targets: BTreeMap<String, f64>,
    /// Body text must reach 7:1 (WCAG AAA) instead of 4.5:1.
    pub aaa_contrast: bool,
    /// Words and names never reported (organizations, drug-user unions).
    pub allow: Vec<String>,
    pub levels: BTreeMap<String, Level>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            reading_grade: 8.0,
            sentence_words: 20,
            paragraph_sentences: 5,
            sentence_characters: 50,
            paragraph_characters: 200,
            targets: BTreeMap::new(),
            aaa_contrast: false,
            allow: Vec::new(),
            levels: BTreeMap::new(),
        }
    }
}

impl CheckConfig {
    /// The reading target of pages in `language` (a BCP 47 code): `[checks.targets]` for
    /// the code or its language (`fr` for `fr-CA`), else `reading_grade` for English and
    /// the measure's usual target for French and Chinese.
    pub fn target_for(&self, language: &str) -> f64 {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        if let Some(&t) = self
            .targets
            .get(language)
            .or_else(|| self.targets.get(primary))
        {
            return t;
        }
        match measures::Measure::headline(measures::Lang::of(language)) {
            Some(measures::Measure::FleschKincaidGrade) | None => self.reading_grade,
            Some(m) => m.default_target(),
        }
    }

    /// The level of a rule on this site.
    pub fn level(&self, rule: &str) -> Level {
        self.levels
            .get(rule)
            .copied()
            .or_else(|| RULES.iter().find(|r| r.id == rule).map(|r| r.level))
            .unwrap_or(Level::Warning)
    }

    /// A diagnostic for `rule` at the site's level for it, or `None` when it is off.
    pub fn diagnostic(&self, rule: &'static str, message: impl Into<String>) -> Option<Diagnostic> {
        self.diagnostic_at_level(rule, self.level(rule), message)
    }

    /// Like [`CheckConfig::diagnostic`] for rules whose level varies by finding (the
    /// respectful-language tiers); a site's `[checks.rules]` setting is a ceiling: it can
    /// lower every finding of the rule (to `suggestion`, or `off`) but never raise one.
    pub fn diagnostic_at_level(
        &self,
        rule: &'static str,
        tier: Level,
        message: impl Into<String>,
    ) -> Option<Diagnostic> {
        let level = self.levels.get(rule).map_or(tier, |&cap| cap.min(tier));
        let severity = match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Suggestion => Severity::Suggestion,
            Level::Off => return None,
        };
        let mut d = Diagnostic::error(message).rule(rule);
        d.severity = severity;
        Some(d)
    }
}

use crate::html_scan::Scan;
use crate::markdown::LinkRef;

/// What the checks know about one rendered page.
#[derive(Debug, Clone)]
pub struct PageReport {
    /// Root-relative address, without the base path.
    pub url: String,
    /// The file the page comes from, as shown in diagnostics.
    pub file: String,
    pub template: String,
    /// The Markdown source text, to quote lines.
    pub source_text: Option<std::sync::Arc<str>>,
    pub scan: Scan,
    /// Internal links written in the page's Markdown, with their places.
    pub md_links: Vec<LinkRef>,
    /// Addresses the Markdown stage already reported as broken.
    pub md_broken: Vec<String>,
    /// Rules the page's front matter turns off.
    pub ignored: Vec<String>,
}
