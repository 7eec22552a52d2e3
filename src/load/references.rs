//! Stage 1 (load), references: the works the pages cite with `[@key]`, read from
//! `content/_data/references.bib` (BibTeX or BibLaTeX) or `references.json` (CSL-JSON,
//! as Zotero exports it), and the CSL styles and locales hayagriva bundles, so no style
//! is fetched at build time. A malformed file is an error at its line; the Markdown
//! stage formats the citations and the reference list.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::json::{FixedDateRange, Item, Value};
use hayagriva::citationberg::{IndependentStyle, Locale, Style};
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
        locale_of(&self.lang)
    }
}

/// The references of one language's pages: its data's entries, cited in the site's
/// style and the language's words.
pub fn for_site(
    data: &mut crate::load::data::SiteData,
    config: &crate::load::config::SiteConfig,
    sources: &[SourceFile],
) -> Option<std::sync::Arc<References>> {
    let file = sources
        .iter()
        .find(|s| s.rel.starts_with("_data/references."))?;
    Some(std::sync::Arc::new(References {
        entries: data.references.take()?,
        style: config.citation_style,
        lang: config.language.clone(),
        file: file.display(),
    }))
}

/// The CSL locale for a language code: `fr` and `fr-CA` get French, others English
/// unless hayagriva bundles the language.
pub fn locale_of(lang: &str) -> hayagriva::citationberg::LocaleCode {
    let primary = lang.split(['-', '_']).next().unwrap_or("en");
    let code = locales()
        .iter()
        .filter_map(|l| l.lang.as_ref())
        .map(|c| c.0.as_str())
        .find(|c| c.eq_ignore_ascii_case(lang))
        .or_else(|| {
            // CSL's own default for a bare language: `fr` is `fr-FR`, `de` is `de-DE`.
            let usual = match primary {
                "en" => "en-US".to_string(),
                "zh" => "zh-CN".to_string(),
                p => format!("{p}-{}", p.to_ascii_uppercase()),
            };
            let same = |c: &&str| c.split('-').next() == Some(primary);
            let codes = || {
                locales()
                    .iter()
                    .filter_map(|l| l.lang.as_ref())
                    .map(|c| c.0.as_str())
            };
            codes().find(|c| *c == usual).or_else(|| codes().find(same))
        })
        .unwrap_or("en-US");
    hayagriva::citationberg::LocaleCode(code.to_string())
}

/// The style a `citation_style` name means: `apa`, `vancouver` (Elsevier's Vancouver,
/// as the "cite this" block uses: the bundled NLM style leaves out web pages' authors),
/// or the name of any style hayagriva bundles, e.g. `chicago-author-date`, `ieee`.
pub fn style_named(name: &str) -> Option<ArchivedStyle> {
    match name.trim().to_ascii_lowercase().as_str() {
        "vancouver" => Some(ArchivedStyle::ElsevierVancouver),
        other => ArchivedStyle::by_name(other),
    }
}

/// The names `citation_style` accepts, for did-you-mean.
pub fn style_names() -> Vec<&'static str> {
    ArchivedStyle::all()
        .iter()
        .flat_map(|s| s.names().iter().copied())
        .collect()
}

/// A bundled style, read once per build (a few are dependent styles: `None`).
pub fn style(s: ArchivedStyle) -> Option<&'static IndependentStyle> {
    static STYLES: OnceLock<Mutex<HashMap<ArchivedStyle, Option<&'static IndependentStyle>>>> =
        OnceLock::new();
    let cache = STYLES.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    *cache.entry(s).or_insert_with(|| match s.get() {
        // Leaked once per style used: at most the hundred or so styles bundled.
        Style::Independent(i) => Some(&*Box::leak(Box::new(i))),
        Style::Dependent(_) => None,
    })
}

/// The CSL locales hayagriva bundles, read once.
pub fn locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(hayagriva::archive::locales)
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

    #[test]
    fn style_names_mean_the_styles_plainsite_cites_with() {
        assert_eq!(
            style_named("APA"),
            Some(ArchivedStyle::AmericanPsychologicalAssociation)
        );
        assert_eq!(
            style_named("vancouver"),
            Some(ArchivedStyle::ElsevierVancouver)
        );
        assert!(style_named("chicago-author-date").is_some());
        assert!(style_named("apa7").is_none());
        assert!(style(ArchivedStyle::ElsevierVancouver).is_some());
        assert_eq!(locale_of("fr-CA").0, "fr-CA");
        assert_eq!(locale_of("fr").0, "fr-FR");
        assert_eq!(locale_of("en").0, "en-US");
    }
}
