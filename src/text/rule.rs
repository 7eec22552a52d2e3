//! The identity of each check rule as a type: [`Rule`] names every rule plainsite has,
//! with its default level and what it looks for, so a misspelt rule id is a compile
//! error instead of a silent warning.
//! [`Level`] is how much a rule matters on a site and [`CheckConfig`] the site's
//! settings of the checks, from `[checks]` in site.toml (its diagnostics are made in
//! the `diagnostics` file beside it, which this file does not import).

use std::collections::BTreeMap;

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
    /// headline measure (see `checks::measures::target_for`).
    pub targets: BTreeMap<String, f64>,
    /// Body text must reach 7:1 (WCAG AAA) instead of 4.5:1.
    pub aaa_contrast: bool,
    /// Words and names never reported (organizations, drug-user unions).
    pub allow: Vec<String>,
    pub levels: BTreeMap<Rule, Level>,
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
    /// The level of a rule on this site.
    pub fn level(&self, rule: Rule) -> Level {
        self.levels
            .get(&rule)
            .copied()
            .unwrap_or(rule.default_level())
    }
}

/// A check rule. The variants are in the order the user guide lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    ReadingGrade,
    PlainSummary,
    LongSentence,
    LongParagraph,
    Jargon,
    Abbreviation,
    PassiveVoice,
    RespectfulLanguage,
    AltText,
    HeadingOrder,
    LinkText,
    LinkTextRepeated,
    BrokenLink,
    TableHeaders,
    DuplicateId,
    LanguageTag,
    HtmlStructure,
    DeepNesting,
    Contrast,
    UnsafeHtml,
    UnsafeFile,
    ImageLocation,
    PageWeight,
    ExternalResource,
    SecurityPolicy,
    KeyMessages,
    SlideText,
    BriefLength,
    StaleTranslation,
    MissingTranslation,
    OldTheme,
    HiddenFamilyName,
}

impl Rule {
    /// Every rule, in the order the user guide lists them.
    pub const ALL: [Rule; 32] = [
        Rule::ReadingGrade,
        Rule::PlainSummary,
        Rule::LongSentence,
        Rule::LongParagraph,
        Rule::Jargon,
        Rule::Abbreviation,
        Rule::PassiveVoice,
        Rule::RespectfulLanguage,
        Rule::AltText,
        Rule::HeadingOrder,
        Rule::LinkText,
        Rule::LinkTextRepeated,
        Rule::BrokenLink,
        Rule::TableHeaders,
        Rule::DuplicateId,
        Rule::LanguageTag,
        Rule::HtmlStructure,
        Rule::DeepNesting,
        Rule::Contrast,
        Rule::UnsafeHtml,
        Rule::UnsafeFile,
        Rule::ImageLocation,
        Rule::PageWeight,
        Rule::ExternalResource,
        Rule::SecurityPolicy,
        Rule::KeyMessages,
        Rule::SlideText,
        Rule::BriefLength,
        Rule::StaleTranslation,
        Rule::MissingTranslation,
        Rule::OldTheme,
        Rule::HiddenFamilyName,
    ];

    /// The id a user writes in site.toml's `[checks.rules]` and a page's `ignore`, and
    /// that diagnostics print.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rule::ReadingGrade => "reading-grade",
            Rule::PlainSummary => "plain-summary",
            Rule::LongSentence => "long-sentence",
            Rule::LongParagraph => "long-paragraph",
            Rule::Jargon => "jargon",
            Rule::Abbreviation => "abbreviation",
            Rule::PassiveVoice => "passive-voice",
            Rule::RespectfulLanguage => "respectful-language",
            Rule::AltText => "alt-text",
            Rule::HeadingOrder => "heading-order",
            Rule::LinkText => "link-text",
            Rule::LinkTextRepeated => "link-text-repeated",
            Rule::BrokenLink => "broken-link",
            Rule::TableHeaders => "table-headers",
            Rule::DuplicateId => "duplicate-id",
            Rule::LanguageTag => "language-tag",
            Rule::HtmlStructure => "html-structure",
            Rule::DeepNesting => "deep-nesting",
            Rule::Contrast => "contrast",
            Rule::UnsafeHtml => "unsafe-html",
            Rule::UnsafeFile => "unsafe-file",
            Rule::ImageLocation => "image-location",
            Rule::PageWeight => "page-weight",
            Rule::ExternalResource => "external-resource",
            Rule::SecurityPolicy => "security-policy",
            Rule::KeyMessages => "key-messages",
            Rule::SlideText => "slide-text",
            Rule::BriefLength => "brief-length",
            Rule::StaleTranslation => "stale-translation",
            Rule::MissingTranslation => "missing-translation",
            Rule::OldTheme => "old-theme",
            Rule::HiddenFamilyName => "hidden-family-name",
        }
    }

    /// The rule a user's id names, or `None` for an unknown id (the caller reports it
    /// with a did-you-mean from [`Rule::ALL`]).
    pub fn parse(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == id)
    }

    /// How much the rule matters when a site does not set its level.
    pub const fn default_level(self) -> Level {
        match self {
            Rule::Jargon | Rule::PassiveVoice | Rule::MissingTranslation => Level::Suggestion,
            Rule::AltText
            | Rule::HeadingOrder
            | Rule::LinkText
            | Rule::BrokenLink
            | Rule::TableHeaders
            | Rule::DuplicateId
            | Rule::LanguageTag
            | Rule::HtmlStructure
            | Rule::Contrast => Level::Error,
            Rule::ReadingGrade
            | Rule::PlainSummary
            | Rule::LongSentence
            | Rule::LongParagraph
            | Rule::Abbreviation
            | Rule::RespectfulLanguage
            | Rule::LinkTextRepeated
            | Rule::DeepNesting
            | Rule::UnsafeHtml
            | Rule::UnsafeFile
            | Rule::ImageLocation
            | Rule::PageWeight
            | Rule::ExternalResource
            | Rule::SecurityPolicy
            | Rule::KeyMessages
            | Rule::SlideText
            | Rule::BriefLength
            | Rule::StaleTranslation
            | Rule::OldTheme
            | Rule::HiddenFamilyName => Level::Warning,
        }
    }

    /// What the rule looks for, in a few plain words (`plainsite check --rules`, the guide).
    pub const fn about(self) -> &'static str {
        match self {
            Rule::ReadingGrade => "the page's Flesch-Kincaid grade is above the target",
            Rule::PlainSummary => "a page above the reading target has no plain summary",
            Rule::LongSentence => "a sentence has more words than the limit",
            Rule::LongParagraph => "a paragraph has more sentences than the limit",
            Rule::Jargon => "a long word that is neither common nor in the glossary",
            Rule::Abbreviation => "an abbreviation that is not in the glossary or explained",
            Rule::PassiveVoice => "a verb in the passive voice (English and French): say who does what",
            Rule::RespectfulLanguage => {
                "a stigmatizing word, with a preferred one (each term has its own tier)"
            }
            Rule::AltText => "alt text that is missing, a file name, \"image of\", or too long",
            Rule::HeadingOrder => "not exactly one h1, a skipped heading level, or a heading with no words",
            Rule::LinkText => "empty or vague link text such as \"click here\"",
            Rule::LinkTextRepeated => "two links with the same text lead to different places",
            Rule::BrokenLink => "a link or anchor inside the site that leads nowhere",
            Rule::TableHeaders => "a table with no header cells",
            Rule::DuplicateId => "two elements with the same id on one page",
            Rule::LanguageTag => "a lang attribute that is not a language code",
            Rule::HtmlStructure => {
                "raw HTML left open: a comment, element or tag never closed, or an end tag with nothing to close"
            }
            Rule::DeepNesting => {
                "a page nests more than 512 levels deep (lists, quotes or HTML elements inside each other); what is deeper is read flattened"
            }
            Rule::Contrast => "theme colours below 4.5:1 for text or 3:1 for other marks",
            Rule::UnsafeHtml => {
                "safe mode removed a script, frame, event handler or script address"
            }
            Rule::UnsafeFile => {
                "safe mode did not copy a file from content/ that a browser could run (.js, .html, .svg, .xml)"
            }
            Rule::ImageLocation => {
                "a source image holds the place where it was taken (GPS); the published copy never does"
            }
            Rule::PageWeight => {
                "a page weighs more to load (HTML, styles, fonts, scripts, images) than page_weight_budget"
            }
            Rule::ExternalResource => {
                "a page loads a script, style, image or frame from another website"
            }
            Rule::SecurityPolicy => {
                "raw HTML the page's own security policy stops: an inline script, an onclick, a style attribute or a <style> block"
            }
            Rule::KeyMessages => "the home page does not start with key messages",
            Rule::SlideText => "a hand-written slide has more than 40 words (one idea per slide)",
            Rule::BriefLength => {
                "a printed brief takes more than one sheet of paper (two sides) (plainsite brief)"
            }
            Rule::StaleTranslation => {
                "a translation is older than its original (by the dates in their front matter)"
            }
            Rule::MissingTranslation => {
                "a page, data file or entry that a language of the site has no translation of yet"
            }
            Rule::OldTheme => {
                "the site's copy of the default theme has files an earlier plainsite wrote, which this one has changed"
            }
            Rule::HiddenFamilyName => {
                "the family name alone of someone named by a pseudonym, their role or not at all"
            }
        }
    }
}

/// A rule is written as its id (in `--format json` and the checks' settings).
impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown rule id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a check rule")]
pub struct UnknownRule(pub String);

impl std::str::FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(id: &str) -> Result<Rule, UnknownRule> {
        Rule::parse(id).ok_or_else(|| UnknownRule(id.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses_back_from_its_id() {
        for rule in Rule::ALL {
            assert_eq!(Rule::parse(rule.as_str()), Some(rule));
            assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
        }
    }

    #[test]
    fn an_unknown_or_misspelt_id_is_not_a_rule() {
        assert_eq!(Rule::parse("alt_text"), None);
        assert_eq!(Rule::parse("Alt-Text"), None);
        assert_eq!(Rule::parse(""), None);
        assert_eq!(
            "jargons".parse::<Rule>(),
            Err(UnknownRule("jargons".into()))
        );
    }

    #[test]
    fn all_lists_every_rule_once_in_enum_order() {
        let mut sorted = Rule::ALL;
        sorted.sort();
        assert_eq!(sorted, Rule::ALL);
        let ids: std::collections::BTreeSet<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    /// What `deep-nesting` looks for names the depth pages are read to
    /// ([`crate::text::nesting::MAX_DEPTH`]): the guide and `--rules` say the same limit.
    #[test]
    fn deep_nesting_names_the_depth_pages_are_read_to() {
        let limit = crate::text::nesting::MAX_DEPTH.to_string();
        assert!(Rule::DeepNesting
            .about()
            .contains(&format!("more than {limit} levels")));
        assert_eq!(Rule::parse("deep-nesting"), Some(Rule::DeepNesting));
        assert_eq!(Rule::DeepNesting.default_level(), Level::Warning);
    }

    /// Each language's checks page of the guide (`content/guide/checks.md`,
    /// `checks.fr.md`, ...) has a table row for every rule, so no rule is left unexplained
    /// in any language.
    #[test]
    fn every_rule_has_a_row_in_each_language_of_the_checks_guide() {
        let guide = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/guide");
        let mut pages = 0;
        for entry in std::fs::read_dir(&guide).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.starts_with("checks.") && name.ends_with(".md")) {
                continue;
            }
            pages += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let missing: Vec<&str> = Rule::ALL
                .iter()
                .map(|r| r.as_str())
                .filter(|id| !text.lines().any(|l| l.starts_with(&format!("| `{id}` |"))))
                .collect();
            assert!(missing.is_empty(), "{name} has no row for {missing:?}");
        }
        assert!(pages >= 2, "the guide's checks pages were not found");
    }
}
