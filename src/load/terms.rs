//! The shape of a respectful-language lexicon entry, read from the built-in lexicon and
//! from a site's `_data/respectful_terms.yaml`; the respectful check uses it.

use serde::Deserialize;

use crate::text::diagnostics::Src;

/// One entry of the respectful-language lexicon, as written in YAML (the built-in one
/// and a site's `_data/respectful_terms.yaml`).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub id: String,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub prefer: Option<String>,
    /// Why the words hurt, in one short sentence for authors.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub tier: Option<crate::text::rule::Level>,
    /// Keys of the respectful check's built-in sources, or a site's own words.
    #[serde(default)]
    pub sources: Option<String>,
    /// A harmless context ending where the match starts.
    #[serde(default)]
    pub unless_before: Option<String>,
    /// A harmless context starting where the match ends.
    #[serde(default)]
    pub unless_after: Option<String>,
    /// Test sentences the entry must report.
    #[serde(default)]
    pub flagged: Vec<String>,
    /// Test sentences the entry must not report.
    #[serde(default)]
    pub not_flagged: Vec<String>,
    /// For maintainers; never shown to authors.
    #[serde(default)]
    pub note: Option<String>,
    /// The language the entry is for (default: English).
    #[serde(default)]
    pub lang: Option<String>,
}

/// A lexicon entry read for the places of its id and patterns alone (every other key is
/// skipped), as the YAML parser reported them.
#[derive(Debug, Deserialize)]
pub struct TermPlaces {
    pub id: Src<String>,
    #[serde(default)]
    pub pattern: Option<Src<String>>,
    #[serde(default)]
    pub unless_before: Option<Src<String>>,
    #[serde(default)]
    pub unless_after: Option<Src<String>>,
}

impl TermPlaces {
    /// The value of `key` (`id`, `pattern`, `unless_before`, `unless_after`), if written.
    pub fn get(&self, key: &str) -> Option<&Src<String>> {
        match key {
            "id" => Some(&self.id),
            "pattern" => self.pattern.as_ref(),
            "unless_before" => self.unless_before.as_ref(),
            "unless_after" => self.unless_after.as_ref(),
            _ => None,
        }
    }
}

/// The places of the ids and patterns of each entry of a site's lexicon file `text`, in
/// order; empty when the file does not read as a list of entries with ids.
pub fn places(text: &str) -> Vec<TermPlaces> {
    serde_saphyr::from_str::<Vec<TermPlaces>>(text).unwrap_or_default()
}

/// The place (line, column) of the id of each entry of a site's lexicon file `text`,
/// in order; empty when the file does not read as a list of entries with ids.
pub fn id_places(text: &str) -> Vec<(usize, usize)> {
    places(text).iter().map(|t| t.id.line_column()).collect()
}

/// Keys of a lexicon entry, for error messages.
pub const TERM_KEYS: &[&str] = &[
    "id",
    "pattern",
    "prefer",
    "reason",
    "tier",
    "sources",
    "unless_before",
    "unless_after",
    "flagged",
    "not_flagged",
    "note",
    "lang",
];
