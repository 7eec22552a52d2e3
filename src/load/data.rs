//! Stage 1 (load), data: reads the review's structured YAML under `content/_data/` and
//! validates it. Five files have a fixed shape: `findings.yaml`, `recommendations.yaml`,
//! `glossary.yaml`, `people.yaml` (read by [`crate::load::people`]) and `key_messages.yaml`; any other `.yaml` file is
//! handed to templates as it is, under its file name. References between files (a
//! recommendation naming the findings that support it) must resolve.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::load::data_file::DataFile;
use crate::load::discover::SourceFile;
use crate::load::frontmatter::yaml_error;
use crate::load::references as refs;
use crate::load::terms::{TermEntry, TERM_KEYS};
use crate::text::diagnostics::{did_you_mean, Diagnostic, Src};

/// What a finding did to people's health and well-being.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    Benefit,
    Harm,
    Both,
}

/// One finding of the review, as a context, a mechanism and an outcome.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: Src<String>,
    /// A plain title, e.g. "Support makes taking part healthier".
    pub title: Src<String>,
    /// What happens, in one or two sentences.
    pub summary: Src<String>,
    #[serde(default)]
    pub context: Option<Src<String>>,
    #[serde(default)]
    pub mechanism: Option<Src<String>>,
    #[serde(default)]
    pub outcome: Option<Src<String>>,
    pub effect: Effect,
    /// Number of supporting sources, where the review gives it.
    #[serde(default)]
    pub sources: Option<u32>,
    /// Where the finding comes from (which report, which section).
    #[serde(default)]
    pub evidence: Option<Src<String>>,
    /// Topic ids (`topics.yaml`).
    #[serde(default)]
    pub tags: Vec<Src<String>>,
    /// Old addresses of the finding's page.
    #[serde(default)]
    pub aliases: Vec<Src<String>>,
    /// When it was last reviewed, when its next review is due, and when the search for
    /// its evidence ended (`YYYY-MM-DD`; see [`crate::load::review_dates`]).
    #[serde(default)]
    pub reviewed: Option<Src<String>>,
    #[serde(default)]
    pub review_due: Option<Src<String>>,
    #[serde(default)]
    pub evidence_to: Option<Src<String>>,
    /// The finding's page address (filled in from the id).
    #[serde(default, skip_deserializing)]
    pub url: String,
}

const FINDING_KEYS: &[&str] = &[
    "id",
    "title",
    "summary",
    "context",
    "mechanism",
    "outcome",
    "effect",
    "sources",
    "evidence",
    "tags",
    "aliases",
    "reviewed",
    "review_due",
    "evidence_to",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecommendation {
    id: Src<String>,
    title: Src<String>,
    summary: Src<String>,
    why: Src<String>,
    #[serde(default)]
    how: Vec<Src<String>>,
    #[serde(default)]
    who: Vec<Src<String>>,
    #[serde(default)]
    findings: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Src<String>>,
    #[serde(default)]
    aliases: Vec<Src<String>>,
    #[serde(default)]
    reviewed: Option<Src<String>>,
    #[serde(default)]
    review_due: Option<Src<String>>,
    #[serde(default)]
    evidence_to: Option<Src<String>>,
}

const RECOMMENDATION_KEYS: &[&str] = &[
    "id",
    "title",
    "summary",
    "why",
    "how",
    "who",
    "findings",
    "tags",
    "aliases",
    "reviewed",
    "review_due",
    "evidence_to",
];

/// One recommendation of the review, with the ids of the findings that support it.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub id: Src<String>,
    pub title: Src<String>,
    pub summary: Src<String>,
    pub why: Src<String>,
    pub how: Vec<Src<String>>,
    pub who: Vec<Src<String>>,
    pub findings: Vec<String>,
    /// Topic ids (`topics.yaml`).
    pub tags: Vec<Src<String>>,
    /// Old addresses of the recommendation's page.
    pub aliases: Vec<Src<String>>,
    /// When it was last reviewed, when its next review is due, and when the search for
    /// its evidence ended (`YYYY-MM-DD`; see [`crate::load::review_dates`]).
    pub reviewed: Option<Src<String>>,
    pub review_due: Option<Src<String>>,
    pub evidence_to: Option<Src<String>>,
    /// The recommendation's page address (filled in from the id).
    pub url: String,
}

#[cfg(test)]
impl Recommendation {
    /// A recommendation with only an id, a title and a summary, for tests.
    pub fn minimal(id: &str, title: &str, summary: &str) -> Self {
        Recommendation {
            id: id.into(),
            title: title.into(),
            summary: summary.into(),
            why: "Because.".into(),
            how: vec![],
            who: vec![],
            findings: vec![],
            tags: vec![],
            aliases: vec![],
            reviewed: None,
            review_due: None,
            evidence_to: None,
            url: String::new(),
        }
    }
}

/// A glossary term with its plain definition.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: Src<String>,
    pub definition: Src<String>,
    #[serde(default)]
    pub abbreviation: Option<Src<String>>,
    /// Other forms of the term (plurals, variants).
    #[serde(default)]
    pub also: Vec<Src<String>>,
    /// The id of the term on the glossary page (filled in from the term).
    #[serde(default, skip_deserializing)]
    pub anchor: String,
    /// The term's address on the glossary page.
    #[serde(default, skip_deserializing)]
    pub url: String,
}

const GLOSSARY_KEYS: &[&str] = &["term", "definition", "abbreviation", "also"];

/// A key message, shown first on the home page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyMessage {
    pub title: Src<String>,
    pub text: Src<String>,
}

const KEY_MESSAGE_KEYS: &[&str] = &["title", "text"];

/// A topic pages can be tagged with (`topics.yaml`): its id, used in `tags`, its name
/// and description in the file's language, and its old ids or old addresses.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: Src<String>,
    pub name: Src<String>,
    #[serde(default)]
    pub description: Option<Src<String>>,
    /// Old ids (`pay`) or old addresses (`/topics/pay/`) of the topic's page.
    #[serde(default)]
    pub aliases: Vec<Src<String>>,
}

const TOPIC_KEYS: &[&str] = &["id", "name", "description", "aliases"];

/// All the site's data.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SiteData {
    pub findings: Vec<Finding>,
    pub recommendations: Vec<Recommendation>,
    pub glossary: Vec<GlossaryEntry>,
    pub people: Vec<crate::load::people::Person>,
    /// The people as named in each output (filled in when the data is linked).
    pub credited: crate::load::people::Credited,
    pub key_messages: Vec<KeyMessage>,
    /// The accessibility statement's facts (`accessibility.yaml`); the site has the
    /// statement page when there are some.
    pub accessibility: Option<crate::load::accessibility::Statement>,
    /// The changelog (`changes.yaml`).
    pub changes: Vec<crate::load::changes::Change>,
    /// The topics of `topics.yaml`; `None` when the site has no such file (tags are
    /// then not shown).
    pub topics: Option<Vec<Topic>>,
    /// The data files with an error already reported (a YAML mistake can hide every
    /// entry after it): what other files say of their entries is not checked against
    /// them, where one missing quote was followed by an error at every recommendation
    /// that names a finding; what `topics.yaml` would say of tags and translations is
    /// not guessed at. See [`SiteData::unread`].
    #[serde(skip)]
    unread_files: Vec<DataFile>,
    /// The site's additions to the respectful-language lexicon.
    #[serde(skip)]
    pub respectful_terms: Vec<TermEntry>,
    /// The works pages cite (`references.bib` or `references.json`).
    #[serde(skip)]
    pub references: Option<crate::load::references::Entries>,
    /// Every other data file, by file name without `.yaml`.
    pub other: BTreeMap<String, serde_json::Value>,
    /// Pages (`findings/helps.md`) of entries whose file has an error already reported:
    /// links and references to them are not reported again as unknown.
    #[serde(skip)]
    pub unbuilt: Vec<String>,
    /// Pages (`findings/pay.md`) of entries a translation leaves out, which stand in as
    /// the default language has them.
    #[serde(skip)]
    pub stand_ins: HashSet<String>,
}

impl SiteData {
    /// Whether the data file `file` has an error already reported (see its entries'
    /// checks against it, left out then).
    pub fn unread(&self, file: DataFile) -> bool {
        self.unread_files.contains(&file)
    }
}

/// An entry a translated data file may leave out: a finding or a recommendation.
pub trait Entry: Clone {
    /// What it is called in a message.
    const WHAT: &'static str;
    /// The folder its page is under.
    const SECTION: &'static str;
    fn id(&self) -> &Src<String>;
}

impl Entry for Finding {
    const WHAT: &'static str = "finding";
    const SECTION: &'static str = "findings";
    fn id(&self) -> &Src<String> {
        &self.id
    }
}

impl Entry for Recommendation {
    const WHAT: &'static str = "recommendation";
    const SECTION: &'static str = "recommendations";
    fn id(&self) -> &Src<String> {
        &self.id
    }
}

/// The language's own file of `kind` among `files`, when it is a translation.
pub fn translated<'a>(files: &[&'a SourceFile], kind: DataFile) -> Option<&'a SourceFile> {
    (files.iter().copied())
        .find(|f| f.lang.is_some() && !f.fallback && DataFile::of(&f.rel) == Some(kind))
}

/// The entries of a translated `file` (`own`) over the original's: each one it leaves
/// out is added as the original has it (its page listed in `stand_ins`), and each one
/// the original lacks is a warning at its id.
fn entries_over<E: Entry>(
    own: &mut Vec<E>,
    original: &[E],
    file: &SourceFile,
    stand_ins: &mut HashSet<String>,
) -> Vec<Diagnostic> {
    let ids: Vec<&str> = original.iter().map(|e| e.id().as_str()).collect();
    let problems = (own.iter())
        .filter(|e| !ids.contains(&e.id().as_str()))
        .map(|e| not_in_original(E::WHAT, e.id(), file, &ids))
        .collect();
    for o in original {
        if !own.iter().any(|e| e.id().as_str() == o.id().as_str()) {
            stand_ins.insert(format!("{}/{}.md", E::SECTION, o.id().as_str()));
            own.push(o.clone());
        }
    }
    problems
}

/// The warning for an entry (`what`: finding, recommendation) of a translated `file`
/// whose id the original's entries (`ids`) do not have.
fn not_in_original(what: &str, id: &Src<String>, file: &SourceFile, ids: &[&str]) -> Diagnostic {
    let original = match DataFile::of(&file.rel) {
        Some(kind) => format!("content/{}", kind.rel()),
        None => file.display(),
    };
    let (line, column) = id.line_column();
    let d = Diagnostic::warning(format!(
        "the {what} \"{}\" is not in {original}: its page is in this language only",
        id.as_str()
    ))
    .at(&file.display(), &file.text, line.max(1), column.max(1));
    match did_you_mean(id.as_str(), ids.iter().copied()) {
        Some(s) => d.help(format!("an entry's id stays as in {original} in every language: did you mean {s}?")),
        None => d.help(format!("an entry's id stays as in {original} in every language, so the two versions are linked; only its words are translated")),
    }
}

/// Each glossary word explained a second time (in any case), as a warning at it: a
/// reader would find two explanations, and links would go to one of them.
fn repeated_terms(glossary: &[GlossaryEntry], file: &SourceFile) -> Vec<Diagnostic> {
    let keys: Vec<String> = (glossary.iter())
        .map(|g| crate::text::slug::composed(&g.term).to_lowercase())
        .collect();
    let mut out = Vec::new();
    for (i, g) in glossary.iter().enumerate() {
        let Some(at) = keys[..i].iter().position(|k| *k == keys[i]) else {
            continue;
        };
        let first = &glossary[at];
        let (line, column) = g.term.line_column();
        out.push(
            Diagnostic::warning(format!(
                "the word \"{}\" is explained twice in {}",
                g.term.as_str(),
                file.display()
            ))
            .at(&file.display(), &file.text, line.max(1), column.max(1))
            .help(format!(
                "keep one explanation: the first is at line {}",
                first.term.line_column().0
            )),
        );
    }
    out
}

/// Just the id of an entry, with its place, read whatever else the entry holds.
#[derive(Deserialize)]
struct IdOf {
    #[serde(default)]
    id: Option<Spanned<String>>,
}

/// Reads each data file into `data`, and notes those with an error (see
/// [`SiteData::unread`]); the recommendations come back unchecked, with their file.
fn read_all<'f>(
    files: &[&'f SourceFile],
    data: &mut SiteData,
    problems: &mut Vec<Diagnostic>,
) -> Option<(&'f SourceFile, Vec<RawRecommendation>)> {
    let mut raw_recs = None;
    for file in files {
        let before = problems.len();
        if let Some(recs) = read_file(file, data, problems) {
            raw_recs = Some((*file, recs));
        }
        let failed = (problems[before..].iter())
            .any(|d| d.severity == crate::text::diagnostics::Severity::Error);
        data.unread_files
            .extend(DataFile::of(&file.rel).filter(|_| failed));
    }
    raw_recs
}

/// Reads one data file into `data`; the recommendations come back unchecked, since
/// they name findings that may be in a file read later.
fn read_file(
    file: &SourceFile,
    data: &mut SiteData,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<RawRecommendation>> {
    match DataFile::of(&file.rel) {
        Some(DataFile::Findings) => {
            data.findings = parse_list(file, FINDING_KEYS, problems);
            for f in &data.findings {
                let dates = [&f.reviewed, &f.review_due, &f.evidence_to];
                crate::load::review_dates::check(dates, file, problems);
            }
        }
        Some(DataFile::Recommendations) => {
            return Some(parse_list(file, RECOMMENDATION_KEYS, problems))
        }
        Some(DataFile::Glossary) => {
            data.glossary = parse_list(file, GLOSSARY_KEYS, problems);
            problems.extend(repeated_terms(&data.glossary, file));
        }
        Some(DataFile::People) => data.people = crate::load::people::load(file, problems),
        Some(DataFile::KeyMessages) => {
            data.key_messages = parse_list(file, KEY_MESSAGE_KEYS, problems)
        }
        Some(DataFile::Topics) => data.topics = Some(parse_list(file, TOPIC_KEYS, problems)),
        Some(DataFile::RespectfulTerms) => {
            data.respectful_terms = parse_list(file, TERM_KEYS, problems)
        }
        None if refs::is_file(&file.rel) => data.references = refs::load(file, problems),
        Some(DataFile::Changes) => data.changes = crate::load::changes::load(file, problems),
        Some(DataFile::Accessibility) => {
            data.accessibility = crate::load::accessibility::load(file, problems)
        }
        Some(DataFile::Charts) | None => {
            let stem = file
                .rel
                .trim_start_matches("_data/")
                .trim_end_matches(".yaml")
                .trim_end_matches(".yml");
            match serde_saphyr::from_str::<serde_json::Value>(&file.text) {
                Ok(v) => {
                    data.other.insert(stem.replace('/', "_"), v);
                }
                Err(e) => problems.push(yaml_error(&file.display(), &file.text, 0, &e, &[])),
            }
        }
    }
    None
}

/// Parses and validates the data files. Problems in one file do not stop the others.
pub fn load(files: &[&SourceFile]) -> (SiteData, Vec<Diagnostic>) {
    load_over(files, None)
}

/// [`load`] of a language's data files over the default language's data (`original`):
/// a finding or recommendation its translation leaves out stands in as the original has
/// it (listed in [`SiteData::stand_ins`]), so its page and the links to it are kept; an
/// entry the original does not have is a warning at its id.
pub fn load_over(
    files: &[&SourceFile],
    original: Option<&SiteData>,
) -> (SiteData, Vec<Diagnostic>) {
    let mut data = SiteData::default();
    let mut problems = Vec::new();
    let raw_recs = read_all(files, &mut data, &mut problems);
    if let (Some(original), Some(file)) = (original, translated(files, DataFile::Findings)) {
        let (own, stand_ins) = (&mut data.findings, &mut data.stand_ins);
        let over = entries_over(own, &original.findings, file, stand_ins);
        problems.extend(
            over.into_iter()
                .filter(|_| !original.unread(DataFile::Findings)),
        );
    }
    let mut finding_ids: Vec<&str> = data.findings.iter().map(|f| f.id.as_str()).collect();
    let mut broken_findings = Vec::new();
    if let Some(file) = files.iter().find(|f| f.rel == DataFile::Findings.rel()) {
        broken_findings = check_ids(file, "findings", data.findings.is_empty(), &mut problems);
    }
    if let Some(file) = files.iter().find(|f| f.rel == DataFile::Topics.rel()) {
        check_ids(file, "topics", false, &mut problems);
        problems.extend(empty_topic_names(file, data.topics.iter().flatten()));
    }
    finding_ids.extend(broken_findings.iter().map(String::as_str));
    let mut broken_recs = Vec::new();
    if let Some((file, recs)) = raw_recs {
        broken_recs = check_ids(file, "recommendations", recs.is_empty(), &mut problems);
        for r in recs {
            let dates = [&r.reviewed, &r.review_due, &r.evidence_to];
            crate::load::review_dates::check(dates, file, &mut problems);
            let findings_read = !data.unread(DataFile::Findings);
            for f in &r.findings {
                if findings_read && !finding_ids.contains(&f.value.as_str()) {
                    problems.push(unknown_finding(file, &r.id, f, &finding_ids));
                }
            }
            data.recommendations.push(Recommendation {
                id: r.id,
                title: r.title,
                summary: r.summary,
                why: r.why,
                how: r.how,
                who: r.who,
                findings: r.findings.into_iter().map(|f| f.value).collect(),
                tags: r.tags,
                aliases: r.aliases,
                reviewed: r.reviewed,
                review_due: r.review_due,
                evidence_to: r.evidence_to,
                url: String::new(),
            });
        }
    }
    let recs_file = translated(files, DataFile::Recommendations);
    if let (Some(original), Some(file)) = (original, recs_file) {
        let (own, stand_ins) = (&mut data.recommendations, &mut data.stand_ins);
        let over = entries_over(own, &original.recommendations, file, stand_ins);
        let read = !original.unread(DataFile::Recommendations);
        problems.extend(over.into_iter().filter(|_| read));
    }
    data.unbuilt = broken_findings
        .iter()
        .map(|id| format!("findings/{id}.md"))
        .chain(
            broken_recs
                .iter()
                .map(|id| format!("recommendations/{id}.md")),
        )
        .collect();
    anchor_glossary(&mut data.glossary);
    (data, problems)
}

/// Sorts the glossary by its words and gives each its anchor on the glossary page.
fn anchor_glossary(glossary: &mut [GlossaryEntry]) {
    glossary.sort_by_key(|g| g.term.to_lowercase());
    let mut anchors = crate::text::slug::IdSet::default();
    for entry in glossary {
        entry.anchor =
            crate::text::slug::unique_id(crate::text::slug::slugify(&entry.term), &mut anchors);
    }
}

/// Each topic whose name is empty, as an error at the name: its page would have no
/// title and every link to it no words.
fn empty_topic_names<'t>(
    file: &SourceFile,
    topics: impl Iterator<Item = &'t Topic>,
) -> Vec<Diagnostic> {
    topics
        .filter(|t| t.name.trim().is_empty())
        .map(|t| {
            let (line, column) = t.name.line_column();
            Diagnostic::error(format!("the topic \"{}\" has an empty name", *t.id))
                .at(&file.display(), &file.text, line, column)
                .help("write the name readers see on the topic's page and in its links, e.g. name: Pay and money")
        })
        .collect()
}

/// A recommendation names finding `f`, which does not exist: said at the name.
fn unknown_finding(
    file: &SourceFile,
    rec: &impl std::fmt::Display,
    f: &Spanned<String>,
    finding_ids: &[&str],
) -> Diagnostic {
    let d = Diagnostic::error(format!(
        "recommendation \"{rec}\" names finding \"{}\", which does not exist",
        f.value
    ))
    .at(
        &file.display(),
        &file.text,
        f.referenced.line() as usize,
        f.referenced.column() as usize,
    );
    match did_you_mean(&f.value, finding_ids.iter().copied()) {
        Some(s) => d.help(format!(
            "did you mean \"{s}\"? Finding ids are in content/_data/findings.yaml"
        )),
        None => d.help("use the id of a finding in content/_data/findings.yaml"),
    }
}

pub use super::yaml_list::{not_a_list, parse_list};

/// Ids must be usable in web addresses and unique in their file; the places come from
/// the YAML parser. Returns the ids of a file that could not be read (`unread`), so
/// what refers to them is not reported again.
fn check_ids(
    file: &SourceFile,
    name: &str,
    unread: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Ok(entries) = serde_saphyr::from_str::<Vec<IdOf>>(&file.text) else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    for id in entries.iter().filter_map(|e| e.id.as_ref()) {
        let (value, line, column) = (
            id.value.as_str(),
            id.referenced.line() as usize,
            id.referenced.column() as usize,
        );
        let place = |d: Diagnostic| d.at(&file.display(), &file.text, line, column);
        let example = crate::text::slug::example(value, "pay-fairly");
        if value.trim().is_empty() {
            problems.push(place(Diagnostic::error("the id is empty").help(format!(
                "write a short name of lower-case letters, digits and hyphens, e.g. id: {example}"
            ))));
        } else if let Some(long) = crate::text::slug::too_long(value) {
            problems
                .push(place(Diagnostic::error(format!("the id {long}")).help(
                    "shorten it to a few words: it names the page in its address",
                )));
        } else if crate::text::slug::slugify(value) != crate::text::slug::composed(value) {
            problems.push(place(
                Diagnostic::error(format!("id \"{value}\" cannot be used in a web address")).help(
                    format!("use lower-case letters, digits and hyphens, e.g. id: {example}"),
                ),
            ));
        } else if crate::text::slug::is_device_name(value) {
            problems.push(place(
                Diagnostic::error(format!("id \"{value}\" is a name Windows cannot hold")).help(
                    format!(
                        "choose another id: it names the entry's folder, and {}",
                        crate::text::slug::WINDOWS_NAMES
                    ),
                ),
            ));
        } else if !seen.insert(crate::text::slug::composed(value)) {
            problems.push(place(
                Diagnostic::error(format!("two {name} have the id \"{value}\""))
                    .help("give each one its own id"),
            ));
        }
    }
    if !unread {
        return Vec::new();
    }
    entries
        .into_iter()
        .filter_map(|e| e.id.map(|i| i.value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::SourceKind;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile::new(rel, SourceKind::Data, text)
    }

    #[test]
    fn a_glossary_word_explained_twice_is_a_warning_at_the_second() {
        let f = file(
            "_data/glossary.yaml",
            "- term: Peer worker\n  definition: a\n- term: pay\n  definition: b\n- term: peer worker\n  definition: c\n",
        );
        let (_, problems) = load(&[&f]);
        let found: Vec<(String, usize, String)> = (problems.iter())
            .map(|d| {
                let at = d.location.as_ref().map_or(0, |l| l.line);
                (d.message.clone(), at, d.help.clone().unwrap_or_default())
            })
            .collect();
        assert_eq!(
            found,
            [(
                "the word \"peer worker\" is explained twice in content/_data/glossary.yaml".into(),
                5,
                "keep one explanation: the first is at line 1".into()
            )]
        );
    }

    #[test]
    fn loads_typed_and_free_data() {
        let f = file(
            "_data/findings.yaml",
            "- id: support\n  title: Support helps\n  summary: s\n  effect: benefit\n",
        );
        let r = file(
            "_data/recommendations.yaml",
            "- id: pay\n  title: Pay\n  summary: s\n  why: w\n  findings: [support]\n",
        );
        let g = file(
            "_data/glossary.yaml",
            "- term: Realist review\n  definition: d\n",
        );
        let o = file("_data/sessions.yaml", "place: library\n");
        let (data, problems) = load(&[&f, &g, &r, &o]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(data.recommendations[0].findings, ["support"]);
        assert_eq!(data.glossary[0].anchor, "realist-review");
        assert_eq!(data.other["sessions"]["place"], "library");
    }

    #[test]
    fn an_empty_topic_name_is_an_error_at_the_name() {
        let t = file(
            "_data/topics.yaml",
            "- id: pay\n  name: Pay\n- id: care\n  name: \"\"\n- id: roles\n  name: \"  \"\n",
        );
        let (_, problems) = load(&[&t]);
        let found: Vec<(&str, usize, usize)> = problems
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (d.message.as_str(), l.line, l.column)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("the topic \"care\" has an empty name", 4, 9),
                ("the topic \"roles\" has an empty name", 6, 9)
            ]
        );
    }

    #[test]
    fn unknown_finding_reference_is_an_error_at_its_place() {
        let f = file(
            "_data/findings.yaml",
            "- id: support\n  title: S\n  summary: s\n  effect: benefit\n",
        );
        let r = file(
            "_data/recommendations.yaml",
            "- id: pay\n  title: Pay\n  summary: s\n  why: w\n  findings:\n    - suport\n",
        );
        let (_, problems) = load(&[&f, &r]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (6, 7));
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean \"support\""));
    }

    #[test]
    fn bad_effect_and_duplicate_ids() {
        let f = file(
            "_data/findings.yaml",
            "- id: a\n  title: S\n  summary: s\n  effect: good\n",
        );
        let (_, problems) = load(&[&f]);
        assert_eq!(
            problems[0].location.as_ref().unwrap().line,
            4,
            "{problems:?}"
        );
        let f = file("_data/findings.yaml", "- id: a\n  title: S\n  summary: s\n  effect: harm\n- id: a\n  title: T\n  summary: s\n  effect: harm\n");
        let (_, problems) = load(&[&f]);
        assert!(problems[0].message.contains("two findings"), "{problems:?}");
        assert_eq!(problems[0].location.as_ref().unwrap().line, 5);
    }
}
