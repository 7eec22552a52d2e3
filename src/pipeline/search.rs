//! Search and the A–Z index, per language: collects the searchable text of each
//! rendered page (see [`crate::outputs::search`]), renders the A–Z page (every page and
//! glossary term, the search form's destination when a browser runs no script). Once
//! every language is rendered, the A–Z pages are written in the site-wide phase and the
//! index files are built and written on a thread of their own ([`Search::start`]). The
//! sentence files of the pages read as they render are written then ([`SoFar::read`]).

use std::collections::HashSet;

use serde::Serialize;

use super::render::{PageOutcome, RenderContext};
use crate::checks::PageReport;
use crate::load::data_file::DataFile;
use crate::model::{MadeBy, Page, PageKind};
use crate::outputs::search::{self, words::fold, Alias, PageText};
use crate::outputs::{made, Files, Store};
use crate::text::diagnostics::{Diagnostic, Reporter};
use crate::text::error::Result;
use crate::theme::views::{PageView, VersionView};

/// The theme template of the A–Z page; a theme without it has no A–Z page.
const A_Z_TEMPLATE: &str = "a-z.html";

/// What the run collects for search, language by language.
#[derive(Default)]
pub struct Search {
    languages: Vec<Language>,
    problems: Vec<Diagnostic>,
}

struct Language {
    code: String,
    pages: Vec<PageText>,
    aliases: Vec<Alias>,
    /// The A–Z page's output file and bytes.
    a_z: Option<Made>,
    /// The index of the first pages, read while they were rendered.
    reading: Option<search::Reading>,
    /// The sentence files of the pages read while they were rendered (written then),
    /// to go on with the pages read after.
    sentences: Option<search::SentenceFiles>,
}

/// A language's index read as its pages are rendered, a batch at a time while the next
/// renders (see `RenderContext::render_all`): the pool of threads is then busy, where
/// the index read once every page is rendered left it idle.
pub struct SoFar<'a> {
    /// Where the sentence files are written: the build's staging folder.
    store: &'a dyn Store,
    reading: search::Reading,
    /// The pages read, by number, in the order read (page order). The pages rendered
    /// late (see `rendered_late`) are not given here: they are read once every page is
    /// rendered, after these.
    read: Vec<usize>,
    /// The sentence files of the pages read, each written as soon as it is whole; the
    /// pages' text is then dropped.
    sentences: search::SentenceFiles,
    /// A sentence file that could not be written.
    problems: Vec<Diagnostic>,
}

impl<'a> SoFar<'a> {
    /// The index of the context's language, to be read as its pages are rendered: none
    /// when the build writes no index (`check`, a one-page update, search off).
    pub fn of(ctx: &RenderContext<'a>) -> Option<SoFar<'a>> {
        let site = ctx.site;
        let store = ctx.index_store()?;
        Some(SoFar {
            store,
            reading: search::Reading::new(&site.lang.code, &aliases(site)),
            read: Vec::new(),
            sentences: search::SentenceFiles::new(&site.lang.code),
            problems: Vec::new(),
        })
    }

    /// Reads the searchable text of rendered pages that follow those read before, and
    /// writes each sentence file their sections complete; the pages keep
    /// only how many sections they have. `Search::add` puts the pages read here first
    /// in the index, then the others (rendered late). The files' names are claimed with
    /// the index's, once every page is rendered, as a page's file is claimed after it
    /// is written.
    pub fn read(&mut self, rendered: &mut [(usize, PageOutcome)]) {
        for (i, outcome) in rendered.iter_mut() {
            let Some(text) = &mut outcome.search else {
                continue;
            };
            self.reading.read([&*text]);
            self.read.push(*i);
            for section in text.sections.iter() {
                if let Some(file) = self.sentences.add(section) {
                    self.write(&file);
                }
            }
            text.sections.forget();
        }
    }

    fn write(&mut self, (rel, text): &(String, String)) {
        match self.store.write(rel, text.as_bytes()) {
            // A build given up for a newer change (serve) writes nothing more.
            Ok(()) | Err(crate::text::error::Error::RenderStopped(_)) => {}
            Err(e) => self.problems.push(e.diagnostic_of(rel)),
        }
    }
}

/// The searchable text of the language's pages in the order the index lists them: the
/// pages `read` as they were rendered (in page order, their text gone into sentence
/// files already), then the others, rendered late, in page order. `None` if a page
/// read is not among those rendered, in its place (the index would not be the pages').
fn read_first(rendered: &mut [(usize, PageOutcome)], read: &[usize]) -> Option<Vec<PageText>> {
    if !read.is_sorted() {
        return None;
    }
    let mut first = Vec::with_capacity(read.len());
    let mut late = Vec::new();
    for (i, outcome) in rendered.iter_mut() {
        if let Some(text) = outcome.search.take() {
            match read.binary_search(i) {
                Ok(_) => first.push(text),
                Err(_) => late.push(text),
            }
        }
    }
    if first.len() != read.len() {
        return None;
    }
    first.append(&mut late);
    Some(first)
}

/// The glossary's abbreviations, each with what it stands for.
fn aliases(site: &super::language::LangSite) -> Vec<Alias> {
    (site.data.glossary.iter())
        .filter_map(|g| {
            Some(Alias {
                short: g.abbreviation.as_ref()?.0.value.clone(),
                long: g.term.0.value.clone(),
            })
        })
        .collect()
}

/// What a line of the A–Z page leads to: a topic and a glossary word can share a name
/// ("Pay"), so the page says which is which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum EntryKind {
    Page,
    Topic,
    /// A glossary word, at its explanation.
    Word,
    /// A glossary word's abbreviation, with the words it stands for.
    Abbreviation,
}

/// One line of the A–Z page.
#[derive(Serialize)]
struct Entry {
    title: String,
    url: String,
    kind: EntryKind,
    /// What an abbreviation stands for.
    note: Option<String>,
    /// The language of the title when it is not the page's (a page standing in for
    /// its translation, titled in the default language).
    lang: Option<String>,
    #[serde(skip)]
    key: String,
}

/// The entries that start with one letter.
#[derive(Serialize)]
struct Group {
    letter: String,
    id: String,
    entries: Vec<Entry>,
}

impl Search {
    /// Takes the searchable text of a language's rendered pages and its A–Z page (see
    /// [`a_z`]; none when the run keeps no search files), whose report (for the link
    /// checks) it returns.
    pub fn add(
        &mut self,
        ctx: &RenderContext,
        rendered: &mut [(usize, PageOutcome)],
        so_far: Option<SoFar<'_>>,
        a_z: Option<AToZ>,
    ) -> Option<PageReport> {
        let a_z = a_z?;
        let site = ctx.site;
        let (reading, sentences, pages) = match so_far {
            Some(s) => {
                self.problems.extend(s.problems);
                let Some(pages) = read_first(rendered, &s.read) else {
                    self.problems.push(
                        Diagnostic::error(
                            "the search index could not be made: its pages were read out of order",
                        )
                        .help("build again; if this happens again, please report it"),
                    );
                    return None;
                };
                (Some(s.reading), Some(s.sentences), pages)
            }
            None => {
                let pages = rendered.iter_mut().filter_map(|(_, o)| o.search.take());
                (None, None, pages.collect())
            }
        };
        let aliases = aliases(site);
        let (a_z, report) = match a_z {
            Ok(Some((rel, bytes, report))) => {
                // Checked as each page is (see `check_html`): it is not made from a page.
                let images = crate::checks::images::check_images(&report, &site.config.checks);
                self.problems.extend(images);
                (Some((rel, bytes)), Some(report))
            }
            Ok(None) => (None, None),
            Err(d) => {
                self.problems.push(d);
                (None, None)
            }
        };
        self.languages.push(Language {
            code: site.lang.code.clone(),
            pages,
            aliases,
            a_z,
            reading,
            sentences,
        });
        report
    }

    /// Starts building each language's index files on a thread of `scope`, while the
    /// main thread makes the site's other outputs: on a 1,000-page site the index took
    /// about 50 ms on the main thread with the other core idle. The files are written
    /// from that thread once [`Indexing::claim`] has claimed their names, one at a time
    /// (a build does not hold the whole site's text at once); nothing is built when
    /// nothing is written (`store` is none: `check`).
    pub fn start<'scope, 'env>(
        self,
        scope: &'scope std::thread::Scope<'scope, 'env>,
        store: Option<&'env dyn Store>,
    ) -> Indexing<'scope> {
        let mut languages = self.languages;
        let files = (languages.iter_mut())
            .map(|l| (l.a_z.take(), search::file_names(&l.code, &l.pages)))
            .collect();
        let (tx, rx) = std::sync::mpsc::channel::<Claimed>();
        let parts = index_parts();
        let handle = (store.filter(|_| !languages.is_empty()))
            .map(|store| scope.spawn(move || build_and_write(&mut languages, store, &rx, parts)));
        Indexing {
            problems: self.problems,
            files,
            claimed: Some(tx),
            handle,
        }
    }
}

/// In how many runs of pages each index is read, in parallel (see
/// [`search::build_index`]): once the pages are rendered, the pool of threads that
/// rendered them is idle but for the site-wide outputs' slow part, and the index, read
/// on one thread, was the last to end (a 1,000-page build took a fifth longer with
/// search on two cores, for a tenth more work). A few runs a thread, so the runs end
/// close together; at most 16, since each run stems its own words again and the merge
/// maps every run's keys. The pool takes its own jobs before those sent from outside
/// it, so the main thread's slow outputs mostly wait until the runs are read. One run
/// when the build has one thread, or runs on a pool of its own (serve's: the index's
/// thread, not one of the pool's, would use the global pool).
fn index_parts() -> usize {
    let threads = rayon::current_num_threads();
    if rayon::current_thread_index().is_some() || threads < 2 {
        1
    } else {
        (threads * 4).min(16)
    }
}

/// The index files' names the main thread claimed (`ok`), and every one it asked for.
struct Claimed {
    ok: HashSet<String>,
    asked: HashSet<String>,
}

/// Builds each language's index, waits for its files' names to be claimed, then writes
/// the files claimed. Returns any file whose name was not asked for, for the main
/// thread to claim and write; none, unless [`search::file_names`] is wrong.
fn build_and_write(
    languages: &mut [Language],
    store: &dyn Store,
    claimed: &std::sync::mpsc::Receiver<Claimed>,
    parts: usize,
) -> Result<Unasked> {
    let indexes: Vec<search::IndexFiles> = (languages.iter_mut())
        .map(|lang| {
            let reading = lang.reading.take();
            let read = reading.as_ref().map_or(0, search::Reading::pages);
            // At least 32 pages a run: a small language, or the few pages left after
            // those read as they were rendered, is read in one.
            let unread = lang.pages.len().saturating_sub(read);
            let parts = parts.min(unread.div_ceil(32)).max(1);
            let (code, pages, aliases) = (&lang.code, &lang.pages, &lang.aliases);
            match reading {
                Some(reading) => search::build_index_read(code, pages, aliases, reading, parts),
                None => search::build_index(code, pages, aliases, parts),
            }
        })
        .collect();
    // Dropped unsent: the build stopped before the claims (an error, or serve gave it up).
    let Ok(claimed) = claimed.recv() else {
        return Ok(Vec::new());
    };
    let mut unasked = Vec::new();
    let mut write = |(rel, text): (String, String)| -> Result<()> {
        if claimed.ok.contains(&rel) {
            store.write(&rel, text.as_bytes())?;
        } else if !claimed.asked.contains(&rel) {
            unasked.push((rel, text));
        }
        Ok(())
    };
    for (lang, index) in languages.iter_mut().zip(indexes) {
        index.files.into_iter().try_for_each(&mut write)?;
        // The sentence files of the pages read after rendering (those of the pages read
        // before are written), one at a time.
        let mut files =
            (lang.sentences.take()).unwrap_or_else(|| search::SentenceFiles::new(&lang.code));
        for section in lang.pages.iter().flat_map(|p| p.sections.iter()) {
            files.add(section).map_or(Ok(()), &mut write)?;
        }
        files.finish().map_or(Ok(()), &mut write)?;
    }
    Ok(unasked)
}

/// Index files the main thread did not claim beforehand: path and text.
type Unasked = Vec<(String, String)>;

/// A file made whole: its path in the output folder and its bytes.
type Made = (String, Vec<u8>);

/// The search files of a build, being made on their own thread (see [`Search::start`]).
pub struct Indexing<'scope> {
    problems: Vec<Diagnostic>,
    /// Each language's A–Z page (output file and bytes) and its index files' names,
    /// known before they are built.
    files: Vec<(Option<Made>, Vec<String>)>,
    claimed: Option<std::sync::mpsc::Sender<Claimed>>,
    /// None when nothing is written (`check`) or the site has no search.
    handle: Option<std::thread::ScopedJoinHandle<'scope, Result<Unasked>>>,
}

impl Indexing<'_> {
    /// Reports search's problems, writes the A–Z pages and claims the index files, in
    /// the order of the other outputs (a file claimed later that clashes with one of
    /// them is the one reported); the index thread then writes those claimed.
    pub fn claim(&mut self, reporter: &Reporter, files: &mut Files) -> Result<()> {
        reporter.report_all(std::mem::take(&mut self.problems));
        let (mut ok, mut asked) = (HashSet::new(), HashSet::new());
        for (a_z, names) in std::mem::take(&mut self.files) {
            if let Some((rel, bytes)) = a_z {
                files.write(&rel, made("the A–Z index page"), &bytes)?;
            }
            for rel in names {
                if files.claim(&rel, made("the search index")) {
                    ok.insert(rel.clone());
                }
                asked.insert(rel);
            }
        }
        if let Some(tx) = self.claimed.take() {
            // Not received only when the thread has already ended: there is none
            // (`check`), or building the index panicked, which `finish` raises here.
            let _ = tx.send(Claimed { ok, asked });
        }
        Ok(())
    }

    /// Waits for the index files to be written (a write error is returned here, after
    /// the site-wide problems are reported), then claims and writes any file whose name
    /// [`search::file_names`] did not give (none: a unit test compares them). A build
    /// that stops before [`Indexing::claim`] still waits, at the end of its thread
    /// scope, for the index to be built, and writes none of it.
    pub fn finish(self, files: &mut Files) -> Result<()> {
        drop(self.claimed);
        let unasked = match self.handle.map(|h| h.join()) {
            Some(Ok(unasked)) => unasked?,
            // A panic there is one here, as when the index was built on this thread.
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Vec::new(),
        };
        for (rel, text) in unasked {
            files.write(&rel, made("the search index"), text.as_bytes())?;
        }
        Ok(())
    }
}

use crate::outputs::search::a_z_url;

/// The A–Z page of a language as rendered: its output file, bytes and report, if the
/// theme has one, or the problem that stopped it.
pub type AToZ = std::result::Result<Option<(String, Vec<u8>, PageReport)>, Diagnostic>;

/// The A–Z page of the context's language when the run keeps search's files (a full
/// build or check with search on), rendered while the language's pages render: it
/// needs only their titles and addresses, and on its own it left the other threads
/// idle.
pub fn a_z(ctx: &RenderContext) -> Option<AToZ> {
    ctx.keeps_search().then(|| a_z_page(ctx))
}

/// The A–Z page of the context's language: every page and glossary term (and
/// abbreviation), sorted without regard to case and accents, grouped by first letter.
fn a_z_page(
    ctx: &RenderContext,
) -> std::result::Result<Option<(String, Vec<u8>, PageReport)>, Diagnostic> {
    if !ctx.templates.has(A_Z_TEMPLATE) {
        return Ok(None);
    }
    let site = ctx.site;
    let strings = &site.strings;
    let Some(url) = site.model.made_url(MadeBy::AToZ).map(str::to_string) else {
        return Ok(None);
    };
    let page = Page {
        kind: PageKind::Page,
        file: A_Z_TEMPLATE.into(),
        rel: "a-z.md".into(),
        source: None,
        body_offset: 0,
        meta: crate::load::frontmatter::FrontMatter {
            title: strings.get("a_z_title").to_string(),
            description: Some(strings.get("a_z_intro").to_string()),
            extra: serde_json::json!({}),
            ..Default::default()
        },
        url: url.clone(),
        parent: None,
        template: A_Z_TEMPLATE.into(),
        children: Vec::new(),
        fallback: false,
    };
    let mut view = PageView::new(&page, &site.model, &site.config, "", &[]);
    view.versions = ctx
        .languages
        .iter()
        .map(|l| {
            let path = a_z_url(&l.prefix);
            VersionView {
                code: l.code.clone(),
                name: l.name.clone(),
                dir: l.dir,
                url: site.config.site_path(&path),
                permalink: site.config.permalink(&path),
                translated: true,
                current: l.code == site.lang.code,
            }
        })
        .collect();
    let mut tera_ctx = tera::Context::new();
    tera_ctx.insert("page", &view);
    tera_ctx.insert("groups", &groups(ctx));
    let html = ctx
        .templates
        .render(A_Z_TEMPLATE, &tera_ctx, "the A–Z index page")?;
    let (bytes, scan) = ctx.finish(&html, &site.config.site_path(&url), true);
    let written = ctx.written(&bytes, &scan);
    let report = PageReport {
        url: url.clone(),
        file: A_Z_TEMPLATE.into(),
        template: A_Z_TEMPLATE.into(),
        source_text: None,
        scan,
        md_links: Vec::new(),
        md_broken: Vec::new(),
        places: Default::default(),
        ignored: Vec::new(),
        written,
    };
    Ok(Some((super::output_path(&url), bytes, report)))
}

/// The A–Z entries of a language, grouped by their first letter.
fn groups(ctx: &RenderContext) -> Vec<Group> {
    let site = ctx.site;
    let config = &site.config;
    let mut entries: Vec<Entry> = site
        .model
        .pages
        .iter()
        // A long list once, at its first page.
        .filter(|p| site.model.list_of(&p.url).is_none())
        .map(|p| {
            let kind = match p.kind {
                PageKind::Topic(_) => EntryKind::Topic,
                _ => EntryKind::Page,
            };
            let mut e = entry(&p.meta.title, config.site_path(&p.url), kind, None);
            // A page standing in for its translation is listed in the words it has.
            e.lang = (p.fallback).then(|| ctx.default_site.lang.code.clone());
            e
        })
        .collect();
    // A glossary standing in for its translation is in the default language's words.
    let glossary_lang = (site.sources.iter())
        .any(|s| s.fallback && s.rel == DataFile::Glossary.rel())
        .then(|| ctx.default_site.lang.code.clone());
    for g in &site.data.glossary {
        let url = g.url.clone();
        let mut word = entry(&g.term.0.value, url.clone(), EntryKind::Word, None);
        word.lang.clone_from(&glossary_lang);
        entries.push(word);
        if let Some(short) = &g.abbreviation {
            let stands_for = Some(g.term.0.value.clone());
            let mut short = entry(&short.0.value, url, EntryKind::Abbreviation, stands_for);
            short.lang.clone_from(&glossary_lang);
            entries.push(short);
        }
    }
    let order = Order::of(&site.lang.code);
    for e in &mut entries {
        e.key = order.key(&e.key);
    }
    entries.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.title.cmp(&b.title)));
    let mut out: Vec<Group> = Vec::new();
    for e in entries {
        let letter = first_letter(&e.key);
        match out.last_mut() {
            Some(g) if g.letter == letter => g.entries.push(e),
            _ => out.push(Group {
                id: format!("a-z-{}", out.len() + 1),
                letter,
                entries: vec![e],
            }),
        }
    }
    out
}

fn entry(title: &str, url: String, kind: EntryKind, note: Option<String>) -> Entry {
    let key = fold(title.trim_start_matches(|c: char| !c.is_alphanumeric()));
    Entry {
        title: title.to_string(),
        url,
        kind,
        note,
        lang: None,
        key,
    }
}

/// How a language's A–Z page orders its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// By letters, without regard to case and accents.
    Letters,
    /// Chinese: by each character's pinyin reading with its tone number, so entries
    /// group under the Latin letter their reading starts with.
    Pinyin,
}

impl Order {
    fn of(code: &str) -> Self {
        match code.split(['-', '_']).next() {
            Some(p) if p.eq_ignore_ascii_case("zh") => Order::Pinyin,
            _ => Order::Letters,
        }
    }

    /// The sort key of an entry's folded title.
    fn key(self, folded: &str) -> String {
        use pinyin::ToPinyin;
        match self {
            Order::Letters => folded.to_string(),
            Order::Pinyin => folded
                .chars()
                .map(|c| match c.to_pinyin() {
                    Some(p) => format!("{} ", p.with_tone_num_end()),
                    None => c.to_string(),
                })
                .collect(),
        }
    }
}

/// The heading an entry is listed under: its first letter in capitals, "0–9" for digits.
fn first_letter(key: &str) -> String {
    match key.chars().next() {
        Some(c) if c.is_numeric() => "0–9".into(),
        Some(c) => c.to_uppercase().collect(),
        None => "#".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_entries_sort_by_pinyin_and_group_by_its_first_letter() {
        let order = Order::of("zh-Hans");
        let mut e: Vec<Entry> = ["中国", "同伴", "报酬", "安全", "PWUD"]
            .into_iter()
            .map(|t| {
                let mut e = entry(t, String::new(), EntryKind::Page, None);
                e.key = order.key(&e.key);
                e
            })
            .collect();
        e.sort_by(|a, b| a.key.cmp(&b.key));
        let order: Vec<(&str, String)> = e
            .iter()
            .map(|e| (e.title.as_str(), first_letter(&e.key)))
            .collect();
        assert_eq!(
            order,
            [
                ("安全", "A".to_string()),
                ("报酬", "B".to_string()),
                ("PWUD", "P".to_string()),
                ("同伴", "T".to_string()),
                ("中国", "Z".to_string()),
            ]
        );
    }

    #[test]
    fn entries_sort_without_case_or_accents_and_group_by_letter() {
        let mut e = [
            entry("Équipe", "/e/".into(), EntryKind::Page, None),
            entry("enquête", "/q/".into(), EntryKind::Page, None),
            entry("“Pay”", "/p/".into(), EntryKind::Page, None),
            entry("2024 update", "/u/".into(), EntryKind::Page, None),
        ];
        e.sort_by(|a, b| a.key.cmp(&b.key));
        let order: Vec<(&str, String)> = e
            .iter()
            .map(|e| (e.title.as_str(), first_letter(&e.key)))
            .collect();
        assert_eq!(
            order,
            [
                ("2024 update", "0–9".to_string()),
                ("enquête", "E".to_string()),
                ("Équipe", "E".to_string()),
                ("“Pay”", "P".to_string()),
            ]
        );
    }
}
