//! Stage 1 (load), references: the works the pages cite with `[@key]`, read from
//! `content/_data/references.bib` (BibTeX or BibLaTeX) or `references.json` (CSL-JSON,
//! as Zotero exports it). A malformed file is an error at its line; the Markdown stage
//! formats the citations and the reference list in the site's CSL style
//! ([`crate::text::csl`]).

use std::collections::{HashMap, HashSet};

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::json::{FixedDateRange, Item, Value};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::load::discover::SourceFile;
use crate::text::diagnostics::{Diagnostic, LineIndex};

/// The works of a references file, as its format holds them.
#[derive(Debug, Clone)]
pub enum Entries {
    /// From BibTeX or BibLaTeX.
    Bib(hayagriva::Library),
    /// From CSL-JSON.
    Csl(Vec<Item>),
}

/// The site's references and how to cite them, for the pages of one language.
#[derive(Debug, Clone)]
pub struct References {
    pub entries: Entries,
    /// The CSL style of citations and lists (site.toml `citation_style`).
    pub style: ArchivedStyle,
    /// The language of the pages (`en`, `fr`), for the style's words.
    pub lang: String,
    /// The path shown in messages, e.g. `content/_data/references.bib`.
    pub file: String,
}

impl References {
    /// Every key, in the file's order.
    pub fn keys(&self) -> Vec<String> {
        match &self.entries {
            Entries::Bib(lib) => lib.keys().map(str::to_string).collect(),
            Entries::Csl(items) => items
                .iter()
                .filter_map(|i| i.id().map(|id| id.into_owned()))
                .collect(),
        }
    }

    /// The CSL locale of the pages' language.
    pub fn locale(&self) -> hayagriva::citationberg::LocaleCode {
        crate::text::csl::locale_of(&self.lang)
    }
}

/// The references of one language's pages: the entries read from `sources`, cited in
/// the site's style with the words of the language of `config`.
pub fn for_site(
    entries: Option<Entries>,
    config: &crate::load::config::SiteConfig,
    sources: &[SourceFile],
) -> Option<std::sync::Arc<References>> {
    let file = sources
        .iter()
        .find(|s| s.rel.starts_with("_data/references."))?;
    Some(std::sync::Arc::new(References {
        entries: entries?,
        style: config.citation_style,
        lang: config.language.clone(),
        file: file.display(),
    }))
}

/// Whether a data file (by its path under `content/`) is the references file.
pub fn is_file(rel: &str) -> bool {
    matches!(rel, "_data/references.bib" | "_data/references.json")
}

/// Reads a references file; problems are reported at their lines.
pub fn load(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Option<Entries> {
    if file.rel.ends_with(".json") {
        load_csl_json(file, problems).map(Entries::Csl)
    } else {
        load_bib(file, problems).map(Entries::Bib)
    }
}

fn load_bib(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Option<hayagriva::Library> {
    let text = &file.text;
    let index = LineIndex::new(text);
    let at = |d: Diagnostic, offset: usize| d.at_offset(&file.display(), &index, text, offset);
    if let Some((message, offset)) = abbreviation_loop(text) {
        problems.push(
            at(Diagnostic::error(message), offset)
                .help("write the value out in full where it names itself or another of these"),
        );
        return None;
    }
    match hayagriva::io::from_biblatex_str(text) {
        Ok(lib) => Some(lib),
        Err(errors) => {
            for e in errors {
                problems.push(match e {
                    hayagriva::io::BibLaTeXError::Parse(p) => at(
                        Diagnostic::error(format!("this BibTeX cannot be read: {}", p.kind)),
                        p.span.start,
                    )
                    .help("each entry is @type{key, field = {value}, ...}; check the braces and commas on this line and the one before"),
                    hayagriva::io::BibLaTeXError::Type(t) => at(
                        Diagnostic::error(format!("this BibTeX field has a wrong value: {}", t.kind)),
                        t.span.start,
                    )
                    .help("dates are written as 2013 or 2013-01-29, page ranges as 21--34"),
                });
            }
            None
        }
    }
}

/// `@string` abbreviations that name each other in a loop (or one that names itself),
/// or whose value, written out, would be longer than [`LONGEST_VALUE`] bytes (a chain
/// that doubles at each step); and entries whose `crossref` or `xdata` lead back to
/// themselves. hayagriva's resolver would overflow its stack, or never end, on any of
/// these. Returns what is wrong and the place of the first. The BibTeX is read raw, as
/// hayagriva reads it; a file that does not parse is reported by hayagriva.
fn abbreviation_loop(text: &str) -> Option<(String, usize)> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("@string") && !lower.contains("crossref") && !lower.contains("xdata") {
        return None;
    }
    let raw = biblatex::RawBibliography::parse(text).ok()?;
    abbreviations_unending(&raw).or_else(|| references_in_a_loop(&raw))
}

/// The longest an `@string`'s value may be once written out.
const LONGEST_VALUE: u64 = 1 << 20;

/// The `@string`s in a loop or too long once written out (see [`abbreviation_loop`]),
/// in the order they can be written out (Kahn's: each once, after those it names).
fn abbreviations_unending(raw: &biblatex::RawBibliography) -> Option<(String, usize)> {
    let mut size: HashMap<&str, u64> = HashMap::new();
    let mut waiting: HashMap<&str, usize> = HashMap::new();
    let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
    let defined: HashSet<&str> = raw.abbreviations.iter().map(|p| p.key.v).collect();
    /// The pieces of an `@string`'s value: another's name, or text and its length.
    fn parts<'s>(p: &biblatex::Pair<'s>) -> Vec<(Option<&'s str>, u64)> {
        p.value
            .v
            .iter()
            .map(|chunk| match chunk.v {
                biblatex::RawChunk::Abbreviation(a) => (Some(a), 0),
                biblatex::RawChunk::Normal(n) => (None, n.len() as u64),
            })
            .collect()
    }
    for p in &raw.abbreviations {
        let named: HashSet<&str> = parts(p)
            .into_iter()
            .filter_map(|(a, _)| a)
            .filter(|a| defined.contains(a))
            .collect();
        waiting.insert(p.key.v, named.len());
        for a in named {
            users.entry(a).or_default().push(p.key.v);
        }
    }
    let by_name: HashMap<&str, &biblatex::Pair> =
        raw.abbreviations.iter().map(|p| (p.key.v, p)).collect();
    let mut ready: Vec<&str> = waiting
        .iter()
        .filter(|(_, &n)| n == 0)
        .map(|(&k, _)| k)
        .collect();
    while let Some(name) = ready.pop() {
        let total = parts(by_name[name]).iter().fold(0u64, |sum, (a, n)| {
            sum.saturating_add(a.map_or(*n, |a| size.get(a).copied().unwrap_or(0)))
        });
        size.insert(name, total);
        for &user in users.get(name).into_iter().flatten() {
            let n = waiting.entry(user).or_default();
            *n -= 1;
            if *n == 0 {
                ready.push(user);
            }
        }
    }
    let bad: Vec<&biblatex::Pair> = raw
        .abbreviations
        .iter()
        .filter(|p| size.get(p.key.v).is_none_or(|&n| n > LONGEST_VALUE))
        .collect();
    let first = bad.first()?;
    let names: Vec<&str> = bad.iter().take(5).map(|p| p.key.v).collect();
    Some((
        format!("this @string never ends: it names itself, or @strings that name each other in a loop, or doubles again and again ({})", names.join(", ")),
        first.key.span.start,
    ))
}

/// The first entry whose `crossref` or `xdata` leads back to itself, through others.
fn references_in_a_loop(raw: &biblatex::RawBibliography) -> Option<(String, usize)> {
    let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &raw.entries {
        for field in &e.v.fields {
            let key = field.key.v.to_ascii_lowercase();
            if key != "crossref" && key != "xdata" {
                continue;
            }
            for chunk in &field.value.v {
                if let biblatex::RawChunk::Normal(targets) = chunk.v {
                    next.entry(e.v.key.v)
                        .or_default()
                        .extend(targets.split(',').map(str::trim));
                }
            }
        }
    }
    // Depth first over every entry once: one met again while still on the path is in
    // a loop (the colours of the usual algorithm, without recursion).
    let mut done: HashSet<&str> = HashSet::new();
    for e in &raw.entries {
        let start = e.v.key.v;
        if done.contains(start) {
            continue;
        }
        let mut on_path: HashSet<&str> = HashSet::from([start]);
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some((at, i)) = stack.pop() {
            let Some(&to) = next.get(at).and_then(|n| n.get(i)) else {
                on_path.remove(at);
                done.insert(at);
                continue;
            };
            stack.push((at, i + 1));
            if on_path.contains(to) {
                return Some((
                    format!("this entry's crossref or xdata leads back to itself ({to}), so it never ends"),
                    e.v.key.span.start,
                ));
            }
            if !done.contains(to) {
                on_path.insert(to);
                stack.push((to, 0));
            }
        }
    }
    None
}

/// Just the id of a CSL-JSON item, with its place (JSON is YAML, and the YAML parser
/// gives places).
#[derive(Deserialize)]
struct IdOf {
    #[serde(default)]
    id: Option<Spanned<serde_json::Value>>,
}

fn load_csl_json(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Option<Vec<Item>> {
    let items: Vec<Item> = match serde_json::from_str(&file.text) {
        Ok(items) => items,
        Err(e) => {
            problems.push(
                Diagnostic::error(format!("this CSL-JSON cannot be read: {e}"))
                    .at(&file.display(), &file.text, e.line(), e.column())
                    .help("the file is a list of items, [{\"id\": \"key\", \"type\": \"article-journal\", ...}], as Zotero exports it"),
            );
            return None;
        }
    };
    let places: Vec<IdOf> = serde_saphyr::from_str(&file.text).unwrap_or_default();
    let before = problems.len();
    let mut seen = HashSet::new();
    for (n, item) in items.iter().enumerate() {
        let place = |d: Diagnostic| match places.get(n).and_then(|p| p.id.as_ref()) {
            Some(id) => d.at(
                &file.display(),
                &file.text,
                id.referenced.line() as usize,
                id.referenced.column() as usize,
            ),
            None => d.in_file(file.display()),
        };
        let Some(id) = item.id() else {
            problems.push(
                place(Diagnostic::error(format!("item {} has no \"id\"", n + 1)))
                    .help("give each item the key pages cite it by, e.g. \"id\": \"pawson2005\""),
            );
            continue;
        };
        if !seen.insert(id.to_string()) {
            problems.push(
                place(Diagnostic::error(format!("the id \"{id}\" is used twice")))
                    .help("give each item its own id"),
            );
        }
        // hayagriva cannot format a date range in CSL-JSON (it would stop the build).
        let range = item.0.iter().find_map(|(name, v)| match v {
            Value::Date(d) => FixedDateRange::try_from(d.clone())
                .ok()
                .filter(|d| d.end.is_some())
                .map(|_| name),
            _ => None,
        });
        if let Some(name) = range {
            problems.push(
                place(Diagnostic::error(format!(
                    "item \"{id}\" has a date range in \"{name}\""
                )))
                .help("give one date, e.g. \"issued\": {\"date-parts\": [[2013, 1, 29]]}"),
            );
        }
    }
    (problems.len() == before).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::SourceKind;

    fn read(rel: &str, text: &str) -> (Option<Entries>, Vec<Diagnostic>) {
        let f = SourceFile::new(rel, SourceKind::Data, text);
        let mut problems = Vec::new();
        (load(&f, &mut problems), problems)
    }

    #[test]
    fn malformed_bibtex_is_an_error_at_its_line() {
        let (entries, problems) = read(
            "_data/references.bib",
            "@article{a,\n  title = {A},\n  year = 2005\n}\n\n@book{b,\n  title = {B}\n  year = 2001,\n}\n",
        );
        assert!(entries.is_none());
        let place = problems[0].place().unwrap_or_default();
        assert!(
            place.starts_with("content/_data/references.bib:8:"),
            "{place}: {problems:?}"
        );
    }

    #[test]
    fn a_string_that_names_itself_is_an_error_at_its_line_not_a_crash() {
        for bib in [
            "@string{a = a}\n@article{k, title = a, author = {X, Y}, year = 2020}\n",
            "@string{ok = {fine}}\n@string{a = b # a}\n@string{b = a # b}\n@article{k, title = a, year = 2020}\n",
        ] {
            let (entries, problems) = read("_data/references.bib", bib);
            assert!(entries.is_none());
            assert!(problems[0].message.starts_with("this @string never ends"), "{problems:?}");
            assert!(problems[0].message.contains("(a"), "{problems:?}");
        }
        // A chain that doubles at each step, and an entry that is its own crossref.
        let mut doubling = String::from("@string{s0 = {xxxxxxxx}}\n");
        for i in 1..40 {
            doubling.push_str(&format!("@string{{s{i} = s{0} # s{0}}}\n", i - 1));
        }
        doubling.push_str("@article{k, title = s39, year = 2020}\n");
        for bib in [
            doubling.as_str(),
            "@article{k, crossref = {k}, title = {T}, year = 2020}\n",
        ] {
            let (entries, problems) = read("_data/references.bib", bib);
            assert!(entries.is_none());
            assert!(problems[0].message.contains("never ends"), "{problems:?}");
        }
        // A long chain without a loop, as long as hayagriva can take, is read.
        let mut bib = String::from("@string{s0 = {x}}\n");
        for i in 1..100 {
            bib.push_str(&format!("@string{{s{i} = s{} # {{x}}}}\n", i - 1));
        }
        bib.push_str("@article{k, title = s99, author = {X, Y}, year = 2020}\n");
        let (entries, problems) = read("_data/references.bib", &bib);
        assert!(entries.is_some(), "{problems:?}");
    }

    #[test]
    fn csl_json_date_range_is_an_error_at_the_item_not_a_crash() {
        let (entries, problems) = read(
            "_data/references.json",
            "[\n  {\"id\": \"a\", \"type\": \"book\", \"title\": \"A\"},\n  {\"id\": \"b\", \"type\": \"book\", \"issued\": {\"date-parts\": [[2001], [2003]]}}\n]\n",
        );
        assert!(entries.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let place = problems[0].place().unwrap_or_default();
        assert!(
            place.starts_with("content/_data/references.json:3:"),
            "{place}"
        );
    }
}
