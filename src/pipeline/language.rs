//! One language of the site, loaded: its sources (translations, and the default
//! language's files where a translation is missing), its data, its page model under its
//! address prefix, its glossary, lexicon and charts. Each language is loaded the same
//! way, so a one-language site is just the first case.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::charts::ChartLibrary;
use crate::checks::respectful::Lexicon;
use crate::load::config::SiteConfig;
use crate::load::data::{self, SiteData};
use crate::load::data_file::DataFile;
use crate::load::discover::{SourceFile, SourceKind};
use crate::load::i18n::Strings;
use crate::load::languages::Language;
use crate::load::people::{place_photos, Person};
use crate::load::references;
use crate::markdown::glossary::GlossaryMatcher;
use crate::model::topics::TOPICS_FILE;
use crate::model::{self, PageKind, SiteModel};
use crate::text::diagnostics::{Diagnostic, LineIndex, Mask, Reporter};
use crate::text::rule::Rule;
use crate::theme::views::link_data;

/// A language, ready to render.
pub struct LangSite {
    pub lang: Language,
    /// The site's configuration with this language's code, title, description and
    /// organization name.
    pub config: SiteConfig,
    pub sources: Vec<SourceFile>,
    pub data: SiteData,
    pub model: SiteModel,
    pub glossary: Option<GlossaryMatcher>,
    pub lexicon: Lexicon,
    pub charts: ChartLibrary,
    pub strings: Strings,
    /// The accessibility problems the last build found on each page, which the
    /// accessibility statement lists (kept for serve's one-page updates).
    pub statement: std::sync::Mutex<crate::theme::statement::Found>,
}

impl LangSite {
    /// The data files this language reads: (name without the language, the file as
    /// shown). A file not translated is the default language's.
    pub fn data_files(&self) -> Vec<(String, String)> {
        self.sources
            .iter()
            .filter(|s| s.kind == SourceKind::Data)
            .map(|s| (s.rel.clone(), s.display()))
            .collect()
    }

    /// The language's own data file of `kind`, not one it takes from the default
    /// language (that one is checked in its own language).
    pub fn own_data_file(&self, kind: DataFile) -> Option<&SourceFile> {
        (self.sources.iter()).find(|s| DataFile::of(&s.rel) == Some(kind) && !s.fallback)
    }
}

/// Has `reporter` mask, in every problem it prints or streams from now on, the names of
/// the people in `people` who are not named in full in some output: a problem found
/// anywhere (a broken link, a data file, a site-wide check) can quote a line that names
/// them, and terminals and JSON reports end up in shared logs. A problem found before the
/// people file is read (front matter that cannot be read) is not masked.
pub(super) fn mask_logs(reporter: &Reporter, people: &[Person], config: &SiteConfig) {
    let masker = crate::checks::credit::Masker::for_logs(people, &config.checks);
    reporter.mask_with(
        masker.map(|m| std::sync::Arc::new(move |d: &mut Diagnostic| m.mask_problem(d)) as Mask),
    );
}

/// Loads `lang` from every discovered source.
// Long because it loads one language's data, model and fallbacks in order over the same selected sources.
pub fn load(
    all: &[SourceFile],
    lang: &Language,
    config: &SiteConfig,
    (drafts, checks): (bool, bool),
    reporter: &Reporter,
) -> LangSite {
    let sources = select(all, lang);
    let mut config = config.clone();
    config.language = lang.code.clone();
    config.title = lang.title.clone();
    config.description = lang.description.clone();
    if let Some(organization) = &lang.organization {
        config.organization = organization.clone();
    }

    let data_files: Vec<&SourceFile> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Data)
        .collect();
    let original = original_entries(&data_files, all);
    let (mut data, mut problems) = data::load_over(&data_files, original.as_ref());
    if !lang.is_default {
        problems.extend(people_as_in_original(&mut data.people, &data_files, all));
    }
    problems.extend(place_photos(&mut data.people, &config.content_dir()));
    if lang.is_default {
        mask_logs(reporter, &data.people, &config);
    }
    // A fallback data file was checked as the default language's already.
    reporter.report_all(
        problems
            .into_iter()
            .filter(|_| lang.is_default || data_files.iter().any(|f| !f.fallback)),
    );
    link_data(&mut data, &config, &lang.prefix);
    // Compiled while the pages' files are read; its problems are reported in their turn.
    let (lexicon, lexicon_problems) = Lexicon::build(&config.language, &data.respectful_terms);
    if checks {
        lexicon.compile_in_background();
    }
    // Read before the model: the lists the build makes itself are titled in these words.
    let (strings, problems) = crate::load::i18n::load_checked(
        &config.root,
        &config.theme_dir(),
        &lang.code,
        checks.then_some(&config.checks),
    );
    reporter.report_all(problems);
    let (mut model, problems) = model::build(&sources, &data, drafts, &lang.prefix, &strings);
    model.references = references::for_site(data.references.take(), &config, &sources);
    model.references_unread =
        model.references.is_none() && sources.iter().any(|s| references::is_file(&s.rel));
    reporter.report_all(problems);
    reporter.report_all(crate::checks::credit::check_authors(
        &model.pages,
        &data.people,
        &sources,
    ));
    let fallback_data: HashSet<&str> = data_files
        .iter()
        .filter(|f| f.fallback)
        .map(|f| f.rel.as_str())
        .collect();
    for page in &mut model.pages {
        let file = match page.kind {
            PageKind::Finding(_) => DataFile::Findings.rel(),
            PageKind::Recommendation(_) => DataFile::Recommendations.rel(),
            PageKind::Glossary if page.source.is_none() => DataFile::Glossary.rel(),
            _ => continue,
        };
        page.fallback = fallback_data.contains(file);
        // An entry its translation leaves out is read from the default language's file.
        if data.stand_ins.contains(&page.rel) {
            page.fallback = true;
            let original = all.iter().find(|s| s.lang.is_none() && s.rel == file);
            page.file = original.map_or_else(|| format!("content/{file}"), SourceFile::display);
        }
    }
    let glossary = (!data.glossary.is_empty()).then(|| GlossaryMatcher::new(&data.glossary));
    let (charts, problems) =
        ChartLibrary::load(sources.iter().find(|s| s.rel == DataFile::Charts.rel()));
    reporter.report_all(problems);
    reporter.report_all(super::chart_names::check(
        &mut model.pages,
        &charts,
        &sources,
    ));
    // An entry that changes nothing (a misspelt id) is a warning at its id.
    if let Some(file) = sources
        .iter()
        .find(|s| s.rel == DataFile::RespectfulTerms.rel())
    {
        let places = crate::load::terms::id_places(&file.text);
        let unknown = crate::checks::respectful::unknown_ids(&data.respectful_terms);
        reporter.report_all(unknown.into_iter().map(|(i, d)| match places.get(i) {
            Some(&(line, column)) => d.at(&file.display(), &file.text, line.max(1), column.max(1)),
            None => d.in_file(file.display()),
        }));
    }
    reporter.report_all(place_term_problems(
        lexicon_problems,
        &data.respectful_terms,
        sources
            .iter()
            .find(|s| s.rel == DataFile::RespectfulTerms.rel()),
    ));
    add_lists(
        &mut model,
        &data,
        (&sources, all),
        &strings,
        &config,
        reporter,
    );
    register_a_z(&mut model, &config, &strings);
    LangSite {
        lang: lang.clone(),
        config,
        sources,
        data,
        model,
        glossary,
        lexicon,
        charts,
        strings,
        statement: Default::default(),
    }
}

/// The default language's findings and recommendations, which stand in for those a
/// translation leaves out (their problems were reported in that language); read only
/// when the language's `data_files` translate either file.
fn original_entries(data_files: &[&SourceFile], all: &[SourceFile]) -> Option<SiteData> {
    const ENTRIES: [DataFile; 2] = [DataFile::Findings, DataFile::Recommendations];
    ENTRIES
        .iter()
        .find_map(|&kind| data::translated(data_files, kind))?;
    let files: Vec<&SourceFile> = (all.iter())
        .filter(|s| s.lang.is_none() && DataFile::of(&s.rel).is_some_and(|k| ENTRIES.contains(&k)))
        .collect();
    Some(data::load(&files).0)
}

/// A translated people file held to the default language's: each person's naming and
/// consent are theirs (see `people::hold_to_original`).
fn people_as_in_original(
    people: &mut Vec<Person>,
    data_files: &[&SourceFile],
    all: &[SourceFile],
) -> Vec<Diagnostic> {
    let is_people = |s: &SourceFile| DataFile::of(&s.rel) == Some(DataFile::People);
    let Some(file) = data_files.iter().find(|f| is_people(f) && !f.fallback) else {
        return Vec::new();
    };
    let Some(original) = all.iter().find(|s| is_people(s) && s.lang.is_none()) else {
        return Vec::new();
    };
    // Its problems were reported in the default language.
    let original = crate::load::people::load(original, &mut Vec::new());
    crate::load::people::hold_to_original(people, &original, file)
}

/// Places each problem with a pattern of the site's lexicon at that pattern in its file:
/// the last entry with the id that writes the key (a later entry wins), at the place the
/// YAML parser read the value from.
fn place_term_problems(
    problems: Vec<crate::checks::respectful::TermProblem>,
    site: &[crate::load::terms::TermEntry],
    file: Option<&SourceFile>,
) -> Vec<Diagnostic> {
    let Some(file) = file else {
        return problems
            .into_iter()
            .map(|p| p.diagnostic.in_file("content/_data/respectful_terms.yaml"))
            .collect();
    };
    let places = crate::load::terms::places(&file.text);
    problems
        .into_iter()
        .map(|p| {
            let at = (site.iter().zip(&places).rev())
                .filter(|(e, _)| e.id == p.id)
                .find_map(|(_, places)| places.get(p.key));
            match at {
                Some(value) => value.place(*p.diagnostic, &file.display(), &file.text),
                None => p.diagnostic.in_file(file.display()),
            }
        })
        .collect()
}

/// Adds the topic pages (with the index's words in the language, and the default
/// language's topics, found among `all` the sources, where a translation leaves one
/// out), splits long lists into pages, and checks that the changelog names pages that
/// exist.
fn add_lists(
    model: &mut SiteModel,
    data: &SiteData,
    (sources, all): (&[SourceFile], &[SourceFile]),
    strings: &Strings,
    config: &SiteConfig,
    reporter: &Reporter,
) {
    let words = crate::model::topics::IndexWords {
        title: strings.get("topics"),
        description: strings.get("topics_description"),
    };
    // A translation of topics.yaml may leave out some of the default language's topics.
    let translated = sources
        .iter()
        .any(|s| s.rel == TOPICS_FILE && s.lang.is_some());
    let original = all
        .iter()
        .find(|s| s.rel == TOPICS_FILE && s.lang.is_none())
        .filter(|_| translated);
    // Its problems were reported in the default language; when it has some, the
    // translation's topics are taken as they are.
    let original_topics = original
        .map(|f| data::load(&[f]).0)
        .filter(|d| !d.unread(crate::load::data_file::DataFile::Topics))
        .and_then(|d| d.topics);
    let original = original.zip(original_topics.as_deref());
    reporter.report_all(crate::model::topics::add_topic_pages(
        model, data, sources, &words, original,
    ));
    reporter.report_all(crate::model::pagination::paginate(model, config.page_size));
    // Held to the end of the build: a tenth of a site's pages' room was never used.
    model.pages.shrink_to_fit();
    // A fallback changelog was checked as the default language's already.
    let changes = sources
        .iter()
        .find(|f| f.rel == "_data/changes.yaml" && !f.fallback);
    if let Some(file) = changes {
        let rels: Vec<&str> = model.pages.iter().map(|p| p.rel.as_str()).collect();
        let unknown = crate::load::changes::unknown_pages(&data.changes, &rels, file);
        reporter.report_all(unknown);
    }
}

/// The sources of one language: its own files, and the default language's files where
/// it has no translation (marked as fallbacks).
fn select(all: &[SourceFile], lang: &Language) -> Vec<SourceFile> {
    if lang.is_default {
        return all.iter().filter(|s| s.lang.is_none()).cloned().collect();
    }
    let own: Vec<SourceFile> = all
        .iter()
        .filter(|s| s.lang.as_deref() == Some(lang.code.as_str()))
        .cloned()
        .collect();
    let translated: HashSet<&str> = own.iter().map(|s| s.rel.as_str()).collect();
    let mut out: Vec<SourceFile> = all
        .iter()
        .filter(|s| s.lang.is_none() && !translated.contains(s.rel.as_str()))
        .map(|s| SourceFile {
            fallback: true,
            ..s.clone()
        })
        .collect();
    out.extend(own);
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// One version of a page, for the language switcher and `hreflang` links.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Version {
    pub code: String,
    pub name: String,
    pub dir: &'static str,
    /// Root-relative address (without the base path).
    pub url: String,
    /// A real translation, not the default language's text standing in.
    pub translated: bool,
}

/// For each page (by its path under `content/`), its version in every language.
pub type Versions = HashMap<String, Vec<Version>>;

pub fn versions(sites: &[LangSite]) -> Versions {
    let mut out: Versions = HashMap::new();
    for site in sites {
        for page in &site.model.pages {
            out.entry(page.rel.clone()).or_default().push(Version {
                code: site.lang.code.clone(),
                name: site.lang.name.clone(),
                dir: site.lang.dir,
                url: page.url.clone(),
                translated: !page.fallback,
            });
        }
    }
    out
}

/// The files more than one page is made from, in any language (a list's later pages, a
/// page standing in for its translation): their findings may be found again on another
/// page. Every other page's file is its own.
pub fn shared_files(sites: &[LangSite]) -> HashSet<String> {
    let mut once = HashSet::new();
    let mut shared = HashSet::new();
    for page in sites.iter().flat_map(|s| &s.model.pages) {
        if !once.insert(page.file.as_str()) {
            shared.insert(page.file.clone());
        }
    }
    shared
}

/// A page plainsite makes (the glossary page) that stands in for its translation is
/// titled as its original is: its words are the default language's, so its title is too,
/// and it is marked as in that language wherever it is listed.
pub fn title_stand_ins(sites: &mut [LangSite]) {
    let Some((default, others)) = sites.split_first_mut() else {
        return;
    };
    for site in others {
        let model = &mut site.model;
        let made = (model.pages.iter_mut()).filter(|p| p.fallback && p.source.is_none());
        for page in made {
            let original = (default.model.by_rel.get(&page.rel))
                .and_then(|&i| default.model.pages.get(i))
                .filter(|o| o.kind == page.kind);
            if let Some(original) = original {
                page.meta.title.clone_from(&original.meta.title);
                page.meta.description.clone_from(&original.meta.description);
                // The menu holds its own copy of the title.
                for item in model.menu.iter_mut().filter(|m| m.url == page.url) {
                    item.title.clone_from(&page.meta.title);
                }
            }
        }
    }
}

/// A translation whose original was updated after it (by the `updated` or `date` of
/// their front matter) may be out of date: `check` says so at the translation.
pub fn stale_translations(sites: &[LangSite]) -> Vec<Diagnostic> {
    let Some(default) = sites.first() else {
        return Vec::new();
    };
    let originals: BTreeMap<&str, (&str, &str)> = default
        .model
        .pages
        .iter()
        .filter_map(|p| {
            Some((
                p.rel.as_str(),
                (
                    p.meta.updated.as_deref().or(p.meta.date.as_deref())?,
                    p.file.as_str(),
                ),
            ))
        })
        .collect();
    let mut out = Vec::new();
    for site in &sites[1..] {
        for page in site
            .model
            .pages
            .iter()
            .filter(|p| !p.fallback && p.source.is_some())
        {
            let Some((original_date, original_file)) = originals.get(page.rel.as_str()) else {
                continue;
            };
            let translated = page.meta.updated.as_deref().or(page.meta.date.as_deref());
            let stale = match translated {
                Some(t) => t < *original_date,
                None => true,
            };
            let message = match translated {
                Some(t) => format!("this translation ({t}) is older than its original, {original_file} ({original_date})"),
                None => format!("this translation has no date, and its original {original_file} was updated on {original_date}"),
            };
            if let Some(d) = site
                .config
                .checks
                .diagnostic(Rule::StaleTranslation, message)
                .filter(|_| stale)
            {
                // At the translation's date line, or the top of the file when it has none.
                let text = page.source.map(|i| &*site.sources[i].text).unwrap_or("");
                let places = &page.meta.places;
                let offset = places.updated.or(places.date).unwrap_or(0);
                let d = d
                .at_offset(&page.file, &LineIndex::new(text), text, offset)
                .help(format!("bring the translation up to date with the original, then set updated: {original_date} (or later) in its front matter"));
                out.push(d);
            }
        }
    }
    out
}

/// Registers the language's A–Z page in its model, when the site has search: from then
/// on the page is known where every page's address is. (Here, not in `search.rs`, which
/// renders the page and so imports this file.)
fn register_a_z(
    model: &mut crate::model::SiteModel,
    config: &crate::load::config::SiteConfig,
    strings: &crate::load::i18n::Strings,
) {
    if config.search {
        model.made.push(crate::model::MadePage {
            by: crate::model::MadeBy::AToZ,
            url: crate::outputs::search::a_z_url(model.home.trim_end_matches('/')),
            title: strings.get("a_z_title").to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::languages::RawLanguage;

    fn src(file: &str, rel: &str, lang: Option<&str>, text: &str) -> SourceFile {
        SourceFile {
            file: file.into(),
            lang: lang.map(String::from),
            ..SourceFile::new(rel, SourceKind::Page, text)
        }
    }

    #[test]
    fn translations_replace_originals_and_the_rest_falls_back() {
        let all = vec![
            src("a.md", "a.md", None, ""),
            src("b.md", "b.md", None, ""),
            src("a.fr.md", "a.md", Some("fr"), ""),
        ];
        let fr = Language::new("fr", RawLanguage::default(), false, "T", "D");
        let picked = select(&all, &fr);
        let summary: Vec<(&str, bool)> = picked
            .iter()
            .map(|s| (s.file.as_str(), s.fallback))
            .collect();
        assert_eq!(summary, [("a.fr.md", false), ("b.md", true)]);
        let en = Language::new("en", RawLanguage::default(), true, "T", "D");
        assert_eq!(select(&all, &en).len(), 2);
    }
}
