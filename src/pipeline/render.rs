//! Rendering one language's pages: Markdown, the plain-language checks on the page's
//! prose and data, the template, the address rewrite and minification, the write to
//! the staging folder, and the HTML checks on the result.

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::language::{LangSite, Versions};
use super::{output_path, Mode, AUTHOR_SCRIPT, MAX_MINIFY_DEPTH, RELOAD_SCRIPT};
use crate::charts::ChartOutput;
use crate::checks::prose::{self, PageProse, ProseContext, ProsePart, ProseReport};
use crate::checks::report::ReportRow;
use crate::checks::{self, PageReport};
use crate::load::config::Minify;
use crate::load::languages::Language;
use crate::markdown::{self, BlockKind, LinkContext, ProseBlock, Source};
use crate::model::{Page, PageKind, PageRole};
use crate::text::diagnostics::{Diagnostic, LineIndex, Reporter, Src};
use crate::text::error::{Error, Result};
use crate::text::html_scan::{scan_and_rewrite_with, Rewrite, Walk};
use crate::text::rule::Rule;
use crate::theme::templates::Templates;
use crate::theme::views::{PageView, VersionView};
use crate::write::{self, Staging};

/// What rendering one language needs.
pub struct RenderContext<'a> {
    pub site: &'a LangSite,
    /// The default language: an untranslated page shows its text, charts and words.
    pub default_site: &'a LangSite,
    pub templates: &'a Templates,
    pub assets: &'a HashSet<String>,
    /// Displayed sizes of the raster assets (see [`crate::load::images`]).
    pub images: &'a crate::load::images::ImageSizes,
    pub staging: Option<&'a Staging>,
    pub mode: Mode,
    pub feed: Option<&'a str>,
    pub checks: bool,
    pub versions: &'a Versions,
    /// The files more than one page is made from: a finding in any other page's file
    /// cannot be found again by another page.
    pub shared_files: &'a HashSet<String>,
    pub languages: &'a [Language],
    /// The theme's style and script written into offline slides, read once.
    pub offline_assets:
        std::sync::OnceLock<std::result::Result<crate::outputs::offline::OfflineAssets, String>>,
    /// Render only the pages made from these files (a one-page update while serving).
    pub only: Option<&'a HashSet<String>>,
    /// The site's own problems, on no one page (the theme's colours), for the
    /// accessibility statement.
    pub site_problems: &'a [Diagnostic],
    /// Each page's figures are kept (for the author report's rows, or the author view).
    pub rows: bool,
}

/// Boxed parts: every page's outcome is held until the language is done, and most
/// pages have no figures kept (`prose`).
#[derive(Default)]
pub struct PageOutcome {
    pub report: Option<Box<PageReport>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The page's content, when it belongs in the feed.
    pub feed_html: Option<String>,
    /// Plain-language figures of the page.
    pub prose: Option<Box<ProseReport>>,
    /// Glossary entries used on the page.
    glossary_used: std::collections::BTreeSet<usize>,
    /// Charts drawn on the page.
    pub charts: Vec<ChartOutput>,
    /// Other files written for the page (the offline copy of a slide deck).
    pub extra_files: Vec<String>,
    /// How many problems each check found on the page (suggestions included, though
    /// those only summed have left `diagnostics`), for the author report.
    pub by_rule: Vec<(String, usize)>,
    /// The page's searchable text (none for a page standing in for a translation).
    pub search: Option<crate::outputs::search::PageText>,
    /// The page's line in the accessibility statement, when its problems were shown
    /// (and taken out of `diagnostics`) as it was done.
    statement: Option<Option<crate::theme::statement::Remaining>>,
}

/// How many pages are rendered between two showings of their problems: enough that the
/// threads seldom wait for the last page of a batch, few enough that a draft's problems
/// of one batch are small.
const SHOWN_BATCH: usize = 32;

/// Whether a page is rendered after the others: the glossary lists the pages each term
/// is used on, the accessibility statement the problems left on them.
pub(super) fn rendered_late(page: &Page) -> bool {
    matches!(page.kind, PageKind::Glossary | PageKind::Accessibility)
}

/// What is given the pages rendered first, a batch at a time, in page order (see
/// `RenderContext::render_all`).
pub type BatchReader<'r> = dyn FnMut(&mut [(usize, PageOutcome)]) + Send + 'r;

/// How many problems each check found on a page: those in `diagnostics` and those only
/// counted.
fn by_rule(
    diagnostics: &[Diagnostic],
    counted: Option<&crate::text::diagnostics::Tally>,
) -> Vec<(String, usize)> {
    let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
    for d in diagnostics {
        *by_rule
            .entry(d.rule.map_or("build", |r| r.as_str()).to_string())
            .or_default() += 1;
    }
    for (rule, n) in counted.iter().flat_map(|c| c.by_rule()) {
        *by_rule.entry(rule.as_str().to_string()).or_default() += n;
    }
    by_rule.into_iter().collect()
}

/// Data values rendered with their places marked, by their text: one rendering for
/// each value with that text, in the data file's order.
type DataMarks = std::collections::HashMap<String, Vec<String>>;

/// The values a page shows from a data file, each with the kind of block it is, and
/// the file.
type DataValues<'a> = (
    &'a crate::load::discover::SourceFile,
    Vec<(BlockKind, &'a Src<String>)>,
);

/// For each glossary entry (by index), the pages it is used on.
type GlossaryUsage = Vec<Vec<crate::theme::views::PageLink>>;

fn glossary_usage(site: &LangSite, outcomes: &[(usize, PageOutcome)]) -> GlossaryUsage {
    let mut usage: GlossaryUsage = vec![Vec::new(); site.data.glossary.len()];
    for (i, o) in outcomes {
        for &entry in &o.glossary_used {
            if let Some(list) = usage.get_mut(entry) {
                list.push(crate::theme::views::PageLink::of(
                    &site.model.pages[*i],
                    &site.config,
                ));
            }
        }
    }
    usage
}

impl<'a> RenderContext<'a> {
    /// Renders every page of the language, in parallel: pages first, then the
    /// glossary, which lists the pages each term is used on. Outcomes are in page order.
    ///
    /// The suggestions that are only summed are counted by `reporter` as each page is
    /// done and are not returned (a draft has tens of thousands). The pages rendered
    /// first are given to `read` (the search index) a batch at a time, in page order,
    /// as they are done.
    pub fn render_all(
        &self,
        reporter: &Reporter,
        read: &mut BatchReader,
    ) -> Vec<(usize, PageOutcome)> {
        let pages = &self.site.model.pages;
        let is_glossary = |p: &&Page| p.kind == PageKind::Glossary;
        let wanted = |p: &&Page| match self.only {
            Some(files) => p
                .source
                .is_some_and(|i| files.contains(&self.site.sources[i].file)),
            None => true,
        };
        let todo: Vec<usize> = (pages.iter().enumerate())
            .filter(|(_, p)| !rendered_late(p) && wanted(p))
            .map(|(i, _)| i)
            .collect();
        // A page's problems are shown as it is done, in page order, up to the first
        // page rendered late (whose problems come before those of the pages after it).
        // Serve's author view keeps every page's problems.
        let shown_until = match self.mode {
            Mode::Serve => Some(0),
            Mode::Build | Mode::Check => pages.iter().position(rendered_late),
        }
        .unwrap_or(pages.len());
        let mut outcomes = self.render_in_order(&todo, shown_until, reporter, read);
        // The glossary lists every page a term is on: it waits for the full build.
        if self.only.is_none() && !self.templates.watchdog.abandoned() {
            let usage = glossary_usage(self.site, &outcomes);
            outcomes.extend(
                pages
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| is_glossary(p))
                    .map(|(i, page)| (i, self.render_counted(page, Some(&usage), reporter))),
            );
        }
        // The statement lists the problems left on every other page.
        if !self.templates.watchdog.abandoned() {
            self.statement_last(&mut outcomes, reporter);
        }
        outcomes.sort_by_key(|(i, _)| *i);
        outcomes
    }

    /// Renders the pages `todo` (indexes, in order) in parallel, a batch at a time, and
    /// hands the problems of those before `shown_until` to `reporter` in page order while
    /// the next batch renders: a draft's tens of thousands of warnings are not all held
    /// until the last page is done. The accessibility statement's line of each page
    /// whose problems are shown is kept in their place. `read` is given each batch
    /// while the next renders.
    fn render_in_order(
        &self,
        todo: &[usize],
        shown_until: usize,
        reporter: &Reporter,
        read: &mut BatchReader,
    ) -> Vec<(usize, PageOutcome)> {
        use crate::theme::statement::remaining;
        let pages = &self.site.model.pages;
        let (config, strings) = (&self.site.config, &self.site.strings);
        let mut outcomes = Vec::with_capacity(todo.len());
        // Each page's problems, with its own file (see `Reporter::report_pages`).
        let mut shown: Vec<(Option<&str>, Vec<Diagnostic>)> = Vec::new();
        // The first of the pages rendered that the index has not read.
        let mut unread = 0;
        for batch in todo.chunks(SHOWN_BATCH) {
            let last = outcomes.get_mut(unread..).unwrap_or_default();
            let (mut done, ()) = rayon::join(
                || {
                    (batch.par_iter())
                        // A build given up (see `theme::watchdog`) renders no further page.
                        .filter(|_| !self.templates.watchdog.abandoned())
                        .map(|&i| (i, self.render_counted(&pages[i], None, reporter)))
                        .collect::<Vec<_>>()
                },
                || {
                    reporter.report_pages(std::mem::take(&mut shown));
                    read(last);
                },
            );
            unread = outcomes.len();
            for (i, o) in done.iter_mut().filter(|(i, _)| *i < shown_until) {
                let page = &pages[*i];
                o.statement = Some(remaining(page, &o.diagnostics, config, strings));
                shown.push((self.own_file(page), std::mem::take(&mut o.diagnostics)));
            }
            outcomes.append(&mut done);
        }
        let last = outcomes.get_mut(unread..).unwrap_or_default();
        rayon::join(|| reporter.report_pages(shown), || read(last));
        outcomes
    }

    /// Renders the accessibility statement after every other page, with their problems:
    /// always in a full build; in a one-page update, only when the pages rendered again
    /// changed its list (the other pages' problems are kept from the last full build).
    fn statement_last(&self, outcomes: &mut Vec<(usize, PageOutcome)>, reporter: &Reporter) {
        use crate::theme::statement::{remaining, Found};
        let pages = &self.site.model.pages;
        let (config, strings) = (&self.site.config, &self.site.strings);
        let now = outcomes.iter_mut().filter_map(|(i, o)| {
            let found = match o.statement.take() {
                Some(shown) => shown,
                None => remaining(pages.get(*i)?, &o.diagnostics, config, strings),
            };
            Some((*i, found))
        });
        {
            let mut found = self
                .site
                .statement
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            if self.only.is_none() {
                *found = Found::all(now.filter_map(|(i, r)| Some((i, r?))));
            } else {
                now.for_each(|(i, r)| found.set(i, r));
                if !found.stale() {
                    return;
                }
            }
        }
        for (i, page) in pages.iter().enumerate() {
            if page.kind == PageKind::Accessibility {
                outcomes.push((i, self.render_counted(page, None, reporter)));
            }
        }
    }

    /// The page in each language, for the switcher and `hreflang` links.
    fn versions_of(&self, page: &Page) -> Vec<VersionView> {
        let config = &self.site.config;
        self.versions
            .get(&page.rel)
            .map(|vs| {
                vs.iter()
                    .map(|v| VersionView {
                        code: v.code.clone(),
                        name: v.name.clone(),
                        dir: v.dir,
                        url: config.site_path(&v.url),
                        permalink: config.permalink(&v.url),
                        translated: v.translated,
                        current: v.code == self.site.lang.code,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The page's file when no other page is made from it: its problems can be found on
    /// this page only.
    fn own_file<'p>(&self, page: &'p Page) -> Option<&'p str> {
        (!self.shared_files.contains(&page.file)).then_some(page.file.as_str())
    }

    /// One page, with its problems counted per check and the suggestions that are only
    /// summed handed to `reporter`.
    fn render_counted(
        &self,
        page: &Page,
        usage: Option<&GlossaryUsage>,
        reporter: &Reporter,
    ) -> PageOutcome {
        // The dev server's author view lists every problem of the page.
        let counts_only = self.mode != Mode::Serve && reporter.counts_only();
        let mut outcome = self.render_page(page, usage, counts_only);
        let counted = outcome
            .prose
            .as_mut()
            .map(|p| std::mem::take(&mut p.counted));
        if self.rows {
            outcome.by_rule = by_rule(&outcome.diagnostics, counted.as_ref());
        } else {
            // Nothing reads the page's figures: they are not kept to the end.
            outcome.prose = None;
        }
        reporter.count_tally(counted.unwrap_or_default(), self.own_file(page));
        if self.mode != Mode::Serve {
            reporter.count_summed(&mut outcome.diagnostics);
        }
        outcome
    }

    /// One page, step by step: Markdown, plain-language checks, template, write, HTML checks.
    /// `tally`: the page's suggestions are only counted (see `check_prose`).
    fn render_page(&self, page: &Page, usage: Option<&GlossaryUsage>, tally: bool) -> PageOutcome {
        let source = page.source.map(|i| &self.site.sources[i]);
        let index = source.map(|s| LineIndex::new(&s.text));
        let text = source
            .zip(index.as_ref())
            .map(|(s, index)| (s.text.as_ref(), index));
        let mut rendered = self.markdown(page, text);
        let md_heading_order = rendered
            .diagnostics
            .iter()
            .any(|d| d.rule == Some(Rule::HeadingOrder));
        let mut diagnostics = std::mem::take(&mut rendered.diagnostics);
        let shared = source
            .zip(index.as_ref())
            .map(|(s, index)| (&s.text, index));
        let (mut prose_report, prose_problems) = self.check_prose(page, shared, &rendered, tally);
        diagnostics.extend(prose_problems);
        diagnostics.extend(self.data_html(page));

        let is_deck = page.role() == PageRole::Deck;
        let mut ctx = self.template_context(page, &rendered, usage, is_deck, &mut diagnostics);
        let content = rendered.html;
        let html = match self.templates.render(&page.template, &ctx, &page.file) {
            Ok(h) => h,
            Err(d) => {
                diagnostics.push(d);
                self.mask_names(page, &mut prose_report, &mut diagnostics);
                return PageOutcome {
                    diagnostics,
                    prose: Some(Box::new(prose_report)),
                    glossary_used: rendered.glossary_used,
                    charts: rendered.charts,
                    ..Default::default()
                };
            }
        };
        let names_at = diagnostics.len();
        let names = checks::credit::NameReader::for_page(page, &self.site.data.people);
        let (scan, written, search, names) =
            self.write_and_read(page, &html, names, &mut diagnostics);
        let named = self.hidden_names(page, &html, names, source.map(|s| &*s.text));
        diagnostics.splice(names_at..names_at, named);
        let extra_files = if is_deck || page.role() == PageRole::Brief {
            vec![
                self.write_offline(page, &mut ctx, &mut diagnostics),
                self.write_plain_text(page, &html, &mut diagnostics),
            ]
        } else {
            Vec::new()
        };
        let mut report = PageReport {
            url: page.url.clone(),
            file: page.file.clone(),
            template: page.template.clone(),
            source_text: source.map(|s| Arc::clone(&s.text)),
            scan,
            md_links: rendered.links,
            md_broken: rendered.broken,
            places: rendered.places,
            ignored: page.meta.ignore_checks.clone(),
            written,
        };
        self.check_html(page, &report, md_heading_order, &mut diagnostics);
        report.keep_for_site();
        self.mask_names(page, &mut prose_report, &mut diagnostics);
        // An undated item too: the feed names it as left out.
        let in_feed = self.feed.is_some() && page.parent.as_deref() == self.feed;
        PageOutcome {
            report: Some(Box::new(report)),
            diagnostics,
            feed_html: in_feed.then_some(content),
            prose: Some(Box::new(prose_report)),
            glossary_used: rendered.glossary_used,
            charts: rendered.charts,
            extra_files,
            search,
            ..Default::default()
        }
    }

    /// The hidden names the page shows (see `checks::credit`), each at its place: `names`
    /// is the page as its scan read it, `own` the text of its file.
    fn hidden_names(
        &self,
        page: &Page,
        html: &str,
        names: Option<checks::credit::NameReader>,
        own: Option<&str>,
    ) -> Vec<Diagnostic> {
        let (people, config) = (&self.site.data.people, &self.site.config.checks);
        let shown = checks::credit::names_in_page(html, page, people, names, config);
        checks::credit::place_names(shown, page, own, || self.shared_texts(), config)
    }

    /// The page's sentences as its prose check quotes them (its hardest, in the author
    /// report and a reading-grade help; a long sentence) and its problems' words with
    /// hidden names masked. A problem's line that holds a hidden name is not shown (its
    /// file, line and column are): terminals and JSON reports end up in shared logs.
    fn mask_names(&self, page: &Page, report: &mut ProseReport, problems: &mut [Diagnostic]) {
        let channel = checks::credit::channel_of(page);
        let people = &self.site.data.people;
        let Some(masker) = checks::credit::Masker::new(people, channel, &self.site.config.checks)
        else {
            return;
        };
        for sentence in &mut report.hardest {
            masker.mask_in(&mut sentence.text);
        }
        problems.iter_mut().for_each(|d| masker.mask_problem(d));
    }

    /// Writes the page (see `write_page`) and reads its searchable text while its links
    /// are rewritten.
    /// `names` reads the page along for hidden names, and is given back.
    fn write_and_read(
        &self,
        page: &Page,
        html: &str,
        names: Option<checks::credit::NameReader>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (
        crate::text::html_scan::Scan,
        Option<checks::Written>,
        Option<crate::outputs::search::PageText>,
        Option<checks::credit::NameReader>,
    ) {
        let reader = self
            .searched(page)
            .then(|| crate::outputs::search::extract::Reader::new(html));
        let mut readers = (reader, names);
        let (scan, written) = self.write_page(page, html, &mut readers, diagnostics);
        let search = readers.0.map(|r| crate::outputs::search::PageText {
            title: page.meta.title.clone(),
            url: page.url.clone(),
            sections: self.kept_for_search(r.finish()),
            stands_in: (page.fallback).then(|| self.default_site.lang.code.clone()),
        });
        (scan, written, search, readers.1)
    }

    /// The files every page of the language is made from, as (file as shown, text), in
    /// the order a hidden name is looked for in them: site.toml, the data files (not
    /// the list of people, where names are meant to be), the templates, the theme's
    /// words. Read only when a page shows a hidden name its own file does not hold.
    fn shared_texts(&self) -> Vec<(String, String)> {
        let config = &self.site.config;
        let mut out = vec![(
            crate::load::config::CONFIG_FILE.to_string(),
            config.text().to_string(),
        )];
        for site in [self.site, self.default_site] {
            out.extend(
                site.sources
                    .iter()
                    .filter(|s| s.kind == crate::load::discover::SourceKind::Data)
                    .filter(|s| {
                        crate::load::data_file::DataFile::of(&s.rel)
                            != Some(crate::load::data_file::DataFile::People)
                    })
                    .map(|s| (s.display(), s.text.to_string())),
            );
        }
        out.extend(
            self.templates
                .sources()
                .map(|(f, t)| (f.to_string(), t.to_string())),
        );
        for dir in [config.theme_dir().join("i18n"), config.root.join("i18n")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            files.sort();
            for path in files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            {
                if let Ok(text) = std::fs::read_to_string(path) {
                    let shown = path.strip_prefix(&config.root).unwrap_or(path);
                    out.push((shown.display().to_string(), text));
                }
            }
        }
        out
    }

    /// Whether the page's text is searched. Only the site's own pages are: the slides
    /// and the brief repeat the pages they sum up (and may name people the site does not),
    /// and a page that only lists others is not searched (see `SiteModel::only_lists`).
    /// A page standing in for its translation is, in the words it has: a reader finds
    /// it, marked as in its language, as the menu shows it.
    pub(super) fn searched(&self, page: &Page) -> bool {
        let site_page = checks::credit::channel_of(page) == crate::load::people::Channel::Site;
        let site = self.site;
        site.config.search && site_page && !site.model.only_lists(page, &site.sources)
    }

    /// Whether the run keeps search's files (its A–Z page, the index's file names): a
    /// full build or check with search on, not a one-page update. A run that writes an
    /// index ([`RenderContext::index_store`]) always does.
    pub(super) fn keeps_search(&self) -> bool {
        self.site.config.search && self.only.is_none()
    }

    /// Where the language's search index is written: the staging folder of a build
    /// with search on; none for `check` and a one-page update, which write no index.
    pub(super) fn index_store(&self) -> Option<&'a dyn crate::outputs::Store> {
        let writes = self.keeps_search() && self.mode != Mode::Check;
        let store: &'a dyn crate::outputs::Store = self.staging.filter(|_| writes)?;
        Some(store)
    }

    /// A page's searchable sections as kept until the index reads them: in memory of
    /// their own size (the batch after the page's reads them, see `SoFar`, or they wait
    /// until every page is rendered), only counted when no index is written (`check`:
    /// the sentence files' names are still claimed).
    fn kept_for_search(
        &self,
        sections: crate::outputs::search::Sections,
    ) -> crate::outputs::search::Sections {
        match self.index_store() {
            None => sections.counted(),
            Some(_) => sections.shrunk(),
        }
    }

    /// Finishes the page (links rewritten, minified) and writes it to the staging
    /// folder, showing `walk` the page as it is scanned; returns what the HTML checks
    /// read of it.
    fn write_page(
        &self,
        page: &Page,
        html: &str,
        walk: &mut impl Walk,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (crate::text::html_scan::Scan, Option<checks::Written>) {
        let page_url = self.site.config.site_path(&page.url);
        let (bytes, scan) = self.finish_walking(html, &page_url, true, walk);
        let written = self.written(&bytes, &scan);
        if let Some(s) = self.staging {
            // A build serve gave up writes nothing more; that is not the page's problem.
            let result = s.write(&output_path(&page.url), &bytes);
            if let (Err(e), false) = (result, self.templates.watchdog.abandoned()) {
                // A build given up for a newer change: serve says so on a line of its own.
                if !matches!(e, Error::RenderStopped(_)) {
                    diagnostics.push(e.diagnostic_of(&page.file));
                }
            }
        }
        (scan, written)
    }

    /// The HTML checks on the written page; then drops what the page's front matter
    /// ignores and sorts its problems by place.
    fn check_html(
        &self,
        page: &Page,
        report: &PageReport,
        md_heading_order: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if self.checks {
            let is_home = page.url == self.site.model.home;
            diagnostics.extend(checks::html_a11y::check_page(
                report,
                &self.site.config.checks,
                md_heading_order,
                is_home,
                !self.site.data.key_messages.is_empty(),
                &self.site.config.base_url,
            ));
            // Safe mode removes all of what the policy would stop (and says so).
            if !self.site.config.safe {
                diagnostics.extend(checks::policy::check_page(report, &self.site.config.checks));
            }
        }
        // Links to the page's own anchors are checked now, to come in line order with
        // the page's other problems (the site-wide check finds them again, printed once).
        diagnostics.extend(checks::links::check_own_anchors(
            report,
            &self.site.config.checks,
        ));
        // Images are always checked, like links: a screen reader would read a file name.
        diagnostics.extend(checks::images::check_images(
            report,
            &self.site.config.checks,
        ));
        diagnostics.retain(|d| !d.rule.is_some_and(|r| page.meta.ignore_checks.contains(&r)));
        diagnostics.sort_by(|a, b| place_key(a).cmp(&place_key(b)));
    }

    /// The page's Markdown as HTML, with its links resolved, glossary terms marked and
    /// charts drawn. A page not translated yet uses the default language's charts and words.
    fn markdown(&self, page: &Page, text: Option<(&str, &LineIndex)>) -> markdown::Rendered {
        let Some((text, index)) = text else {
            return Default::default();
        };
        let words_from = if page.fallback {
            self.default_site
        } else {
            self.site
        };
        let links = LinkContext {
            model: &self.site.model,
            glossary: self
                .site
                .glossary
                .as_ref()
                .filter(|_| page.meta.glossary_links != Some(false)),
            checks: &self.site.config.checks,
            charts: Some(&words_from.charts),
            safe: self.site.config.safe,
            assets: self.assets,
            base_path: &self.site.config.base_path,
            lang_prefix: &words_from.lang.prefix,
            strings: &words_from.strings,
            images: self.images,
            source_marks: self.mode == Mode::Serve,
        };
        let body = text.get(page.body_offset..).unwrap_or("");
        let s = Source {
            file: &page.file,
            text,
            index,
            body_offset: page.body_offset,
            rel: &page.rel,
        };
        markdown::render(body, &s, &links)
    }

    /// The plain-language checks on the page's own prose and on the data it shows.
    fn check_prose(
        &self,
        page: &Page,
        text: Option<(&Arc<str>, &LineIndex)>,
        rendered: &markdown::Rendered,
        counts_only: bool,
    ) -> (ProseReport, Vec<Diagnostic>) {
        // A fallback page's text was checked in its own language already.
        if !self.checks || page.fallback {
            return Default::default();
        }
        let data_parts = self.data_prose(page);
        let data_indexes: Vec<LineIndex> = data_parts
            .iter()
            .map(|(_, text, _)| LineIndex::new(text))
            .collect();
        let mut parts = Vec::new();
        let front = text
            .map(|(t, _)| front_matter_prose(page, t))
            .unwrap_or_default();
        // Alt text, table cells and the words of chart blocks: checked, not measured.
        let labels: Vec<ProseBlock> = rendered
            .labels
            .iter()
            .cloned()
            .chain(
                rendered
                    .chart_sources
                    .iter()
                    .flat_map(super::words::chart_block_labels),
            )
            .collect();
        if let Some((text, index)) = text {
            for blocks in [&front[..], &rendered.blocks, &labels] {
                parts.push(ProsePart {
                    file: &page.file,
                    text,
                    index,
                    blocks,
                });
            }
        }
        for ((file, text, blocks), index) in data_parts.iter().zip(&data_indexes) {
            parts.push(ProsePart {
                file,
                text,
                index,
                blocks,
            });
        }
        let prose_ctx = ProseContext {
            config: &self.site.config.checks,
            glossary: self.site.glossary.as_ref(),
            lexicon: &self.site.lexicon,
        };
        let page_prose = PageProse {
            parts,
            target: page.meta.reading_grade.unwrap_or_else(|| {
                crate::checks::measures::target_for(
                    &self.site.config.checks,
                    &self.site.config.language,
                )
            }),
            has_summary: page.meta.summary.is_some(),
            ignored: &page.meta.ignore_checks,
            language: &self.site.config.language,
            explained: explained_in_html(&rendered.html),
        };
        if counts_only {
            prose::check_page_counting(&page_prose, &prose_ctx)
        } else {
            prose::check_page(&page_prose, &prose_ctx)
        }
    }

    /// The page's citation. A page without a date of its own is cited with its
    /// original's (a translation), or else with no date. The home page stands for the
    /// whole site, and is cited as CITATION.cff cites it: with the latest date of the
    /// site's pages, the date of this version of the site.
    fn cite(&self, page: &Page) -> crate::outputs::citation::PageCite {
        use crate::outputs::citation::{latest_date, page_cite};
        let default = &self.default_site.model;
        let original = match page.url == self.site.model.home {
            true => latest_date(&default.pages),
            false => (!self.site.lang.is_default)
                .then(|| default.by_rel.get(&page.rel))
                .flatten()
                .and_then(|&i| default.pages.get(i))
                .and_then(|o| o.meta.date.as_deref().or(o.meta.updated.as_deref())),
        };
        page_cite(page, &self.site.data.people, &self.site.config, original)
    }

    /// What the page's template sees: the page, its versions in other languages, a
    /// notice when it is not translated yet, and what its kind of page needs (a
    /// finding's recommendations, a deck's slides, the glossary's usage).
    fn template_context(
        &self,
        page: &Page,
        rendered: &markdown::Rendered,
        usage: Option<&GlossaryUsage>,
        is_deck: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> tera::Context {
        let mut view = PageView::new(
            page,
            &self.site.model,
            &self.site.config,
            &rendered.html,
            &rendered.toc,
        );
        view.versions = self.versions_of(page);
        view.changes = crate::theme::views::ChangeView::of(&self.site.data.changes, page);
        view.cite = Some(self.cite(page));
        if page.fallback {
            let original = &self.languages[0];
            view.fallback_lang = Some(original.code.clone());
            // The original language named in the reader's (« anglais »), where the theme
            // has the name; else in itself (« English »).
            let strings = &self.site.strings;
            let key = format!(
                "language_name_{}",
                crate::load::languages::primary(&original.code).to_ascii_lowercase()
            );
            let name = match strings.get(&key) {
                name if name == key => original.name.as_str(),
                name => name,
            };
            view.fallback_notice = Some(strings.fill("not_translated", &[("language", name)]));
        }
        let mut ctx = tera::Context::new();
        if is_deck || page.role() == PageRole::Brief {
            if is_deck {
                let slides = self.deck_slides(page, &rendered.html, diagnostics);
                ctx.insert("slides", &slides);
            }
            let beside = |file: String| Some(self.site.config.site_path(&format!("/{file}")));
            view.offline_file = beside(crate::outputs::offline::file_for(&page.url));
            view.text_file = beside(crate::outputs::plain_text::file_for(&page.url));
        }
        ctx.insert("page", &view);
        if self.mode == Mode::Serve {
            use crate::theme::templates::{SOURCE_MARKS, SOURCE_TEXT_MARKS};
            let (markdown, text) = self.data_marks(page);
            ctx.insert(SOURCE_MARKS, &markdown);
            ctx.insert(SOURCE_TEXT_MARKS, &text);
        }
        match page.kind {
            PageKind::Finding(i) => {
                let f = &self.site.data.findings[i];
                let recs: Vec<_> = self
                    .site
                    .data
                    .recommendations
                    .iter()
                    .filter(|r| r.findings.contains(&f.id))
                    .collect();
                ctx.insert("finding", f);
                ctx.insert("recommendations", &recs);
            }
            PageKind::Recommendation(i) => {
                let r = &self.site.data.recommendations[i];
                let findings: Vec<_> = r
                    .findings
                    .iter()
                    .filter_map(|id| self.site.data.findings.iter().find(|f| &f.id == id))
                    .collect();
                ctx.insert("recommendation", r);
                ctx.insert("findings", &findings);
            }
            PageKind::Glossary => ctx.insert("glossary_usage", &usage.cloned().unwrap_or_default()),
            PageKind::Accessibility => self.statement_context(&mut ctx),
            _ => {}
        }
        ctx
    }

    /// What the accessibility statement shows besides its facts: the other formats, the
    /// pages with checks turned off and the problems left on the other pages.
    fn statement_context(&self, ctx: &mut tera::Context) {
        use crate::theme::statement::{formats, problems, unchecked};
        let (model, config) = (&self.site.model, &self.site.config);
        let (offline, text) = (
            crate::outputs::offline::file_for,
            crate::outputs::plain_text::file_for,
        );
        ctx.insert("formats", &formats(model, config, offline, text));
        ctx.insert("unchecked", &unchecked(model, config));
        let found = self
            .site
            .statement
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        ctx.insert("remaining", &found.pages());
        let site_problems = problems(self.site_problems, &self.site.strings);
        ctx.insert("site_problems", &site_problems);
    }

    /// Raw HTML left open in the Markdown a page shows from a data file, at its place in
    /// the file (a page's own body is read for this while it renders).
    fn data_html(&self, page: &Page) -> Vec<Diagnostic> {
        let Some((file, values)) = self.data_values(page).filter(|_| !page.fallback) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut index = None;
        // Titles and terms are shown as text, never read as HTML.
        for (_, v) in values.into_iter().filter(|(k, _)| *k != BlockKind::Heading) {
            for (at, message, help) in markdown::raw_html_problems(v) {
                let checks = &self.site.config.checks;
                let Some(d) = checks.diagnostic(Rule::HtmlStructure, message) else {
                    continue;
                };
                let offset = v.offset_at(&file.text, at);
                let index = index.get_or_insert_with(|| LineIndex::new(&file.text));
                found.push(
                    d.at_offset(&file.display(), index, &file.text, offset)
                        .help(help),
                );
            }
        }
        found
    }

    /// Prose a page shows from data files: (file shown in diagnostics, its text, blocks).
    fn data_prose(&self, page: &Page) -> Vec<(String, &Arc<str>, Vec<ProseBlock>)> {
        self.data_values(page)
            .into_iter()
            .filter_map(|(file, values)| {
                let blocks: Vec<ProseBlock> = values
                    .into_iter()
                    .filter_map(|(k, v)| prose::data_block(&file.text, v, k))
                    .collect();
                (!blocks.is_empty()).then(|| (file.display(), &file.text, blocks))
            })
            .collect()
    }

    /// Serve mode only: each data value the page shows, rendered with its words marked
    /// at their places in the data file, by the value's text, in the file's order (see
    /// [`crate::theme::templates::SOURCE_MARKS`]): the values in Markdown as the
    /// `markdown` filter renders them, and the titles and terms as written.
    fn data_marks(&self, page: &Page) -> (DataMarks, DataMarks) {
        use markdown::data_marks::{render_marked, render_marked_text, ValuePlaces};
        let (mut markdown, mut text) = (DataMarks::new(), DataMarks::new());
        let Some((file, values)) = self.data_values(page) else {
            return (markdown, text);
        };
        let index = LineIndex::new(&file.text);
        let shown = file.display();
        for (kind, v) in values {
            let places = ValuePlaces::of(&shown, &file.text, &index, v);
            let (marks, html) = match kind {
                BlockKind::Heading => (&mut text, render_marked_text(v, &places)),
                _ => (
                    &mut markdown,
                    render_marked(v, self.site.config.safe, &places),
                ),
            };
            marks.entry(v.to_string()).or_default().push(html);
        }
        (markdown, text)
    }

    /// The values a page shows from a data file, with the file they are read from.
    fn data_values(&self, page: &Page) -> Option<DataValues<'_>> {
        let data_file = |name: &str| {
            self.site.sources.iter().find(|s| {
                s.rel == format!("_data/{name}.yaml") || s.rel == format!("_data/{name}.yml")
            })
        };
        let (name, values) = match page.kind {
            PageKind::Finding(i) => {
                let f = &self.site.data.findings[i];
                let mut v = vec![
                    (BlockKind::Heading, &f.title),
                    (BlockKind::Paragraph, &f.summary),
                ];
                for t in [&f.context, &f.mechanism, &f.outcome, &f.evidence]
                    .into_iter()
                    .flatten()
                {
                    v.push((BlockKind::Paragraph, t));
                }
                ("findings", v)
            }
            PageKind::Recommendation(i) => {
                let r = &self.site.data.recommendations[i];
                let mut v = vec![
                    (BlockKind::Heading, &r.title),
                    (BlockKind::Paragraph, &r.summary),
                    (BlockKind::Paragraph, &r.why),
                ];
                v.extend(r.how.iter().chain(&r.who).map(|t| (BlockKind::ListItem, t)));
                ("recommendations", v)
            }
            PageKind::Glossary => {
                let v = self
                    .site
                    .data
                    .glossary
                    .iter()
                    .flat_map(|g| {
                        [
                            (BlockKind::Heading, &g.term),
                            (BlockKind::Paragraph, &g.definition),
                        ]
                    })
                    .collect();
                ("glossary", v)
            }
            _ if page.url == self.site.model.home => {
                let v = self
                    .site
                    .data
                    .key_messages
                    .iter()
                    .flat_map(|m| {
                        [
                            (BlockKind::Heading, &m.title),
                            (BlockKind::Paragraph, &m.text),
                        ]
                    })
                    .collect();
                ("key_messages", v)
            }
            _ => return None,
        };
        data_file(name).map(|f| (f, values))
    }

    /// The author report, rendered with the theme's `report.html`.
    pub fn render_report(
        &self,
        rows: &[ReportRow],
        heaviest: &[crate::outputs::page_weight::PageWeight],
        untranslated: &[(String, String)],
        reporter: &Reporter,
    ) -> Result<String> {
        let css = std::fs::read_to_string(self.site.config.theme_dir().join("static/style.css"))
            .unwrap_or_default();
        let css: String = css
            .lines()
            .filter(|l| !l.trim_start().starts_with("@font-face"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut ctx = tera::Context::new();
        ctx.insert("rows", rows);
        ctx.insert("heaviest", heaviest);
        ctx.insert("untranslated", untranslated);
        ctx.insert("budget", &self.site.config.page_weight_budget);
        ctx.insert("chart", &checks::report::grade_chart(rows));
        ctx.insert("css", &css);
        ctx.insert("by_rule", &reporter.by_rule());
        ctx.insert("target", &self.site.config.checks.reading_grade);
        self.templates
            .render("report.html", &ctx, "the author report")
            .map_err(|d| Error::Refused(d.render(false)))
    }

    /// What the page weight needs of a page written as `bytes`, whose scan is `scan`:
    /// only a build that writes a new folder weighs its pages (see `weigh_pages`).
    pub(super) fn written(
        &self,
        bytes: &[u8],
        scan: &crate::text::html_scan::Scan,
    ) -> Option<checks::Written> {
        (self.staging)
            .filter(|s| s.is_temporary())
            .map(|_| checks::Written::of(bytes.len() as u64, scan))
    }

    /// Rewrites addresses, adds the reload script when serving, and minifies.
    pub(super) fn finish(
        &self,
        html: &str,
        page_url: &str,
        relative: bool,
    ) -> (Vec<u8>, crate::text::html_scan::Scan) {
        // The pages' type of reader, none here: one copy of the scan's code serves both.
        let mut none: Option<crate::outputs::search::extract::Reader> = None;
        self.finish_walking(html, page_url, relative, &mut none)
    }

    /// [`RenderContext::finish`], showing `walk` the page as its addresses are found.
    fn finish_walking(
        &self,
        html: &str,
        page_url: &str,
        relative: bool,
        walk: &mut impl Walk,
    ) -> (Vec<u8>, crate::text::html_scan::Scan) {
        let rw = Rewrite {
            page_url,
            base_path: &self.site.config.base_path,
            portable: self.site.config.portable,
            relative,
        };
        let (mut html, scan) = scan_and_rewrite_with(html, &rw, walk);
        if self.mode == Mode::Serve {
            let tag = format!(
                "<script src=\"{0}{RELOAD_SCRIPT}\"></script><script src=\"{0}{AUTHOR_SCRIPT}\"></script>",
                self.site.config.base_path
            );
            match html.rfind("</body>") {
                Some(i) => html.insert_str(i, &tag),
                None => html.push_str(&tag),
            }
        }
        // Minifying is for readers: `serve` skips it, so a saved page shows sooner.
        if self.mode != Mode::Build {
            return (html.into_bytes(), scan);
        }
        let bytes = match self.site.config.minify {
            Minify::Off => html.into_bytes(),
            Minify::Whitespace => crate::outputs::minify::minify(&html),
            // minify-html is recursive: a page nested thousands of levels deep gets the
            // one-pass minifier rather than risk its stack.
            Minify::Smallest if scan.max_depth < MAX_MINIFY_DEPTH => write::minify(&html),
            Minify::Smallest => crate::outputs::minify::minify(&html),
        };
        (bytes, scan)
    }
}

impl crate::outputs::Theme for RenderContext<'_> {
    /// A page without a body (the 404 page), whose addresses stay root-relative: it is
    /// shown at any address.
    fn render_alone(&self, page: &Page) -> std::result::Result<Vec<u8>, Diagnostic> {
        let view = PageView::new(page, &self.site.model, &self.site.config, "", &[]);
        let mut ctx = tera::Context::new();
        ctx.insert("page", &view);
        let what = format!(
            "the {} page",
            page.url.trim_start_matches('/').trim_end_matches(".html")
        );
        let html = self.templates.render(&page.template, &ctx, &what)?;
        Ok(self
            .finish(&html, &self.site.config.site_path(&page.url), false)
            .0)
    }

    fn word(&self, key: &str) -> String {
        self.site.strings.get(key).to_string()
    }
}

/// The order problems of a page are shown in: by file, line and column.
fn place_key(d: &Diagnostic) -> Option<(&str, usize, usize)> {
    d.location
        .as_deref()
        .map(|l| (l.file.as_str(), l.line, l.column))
}

/// The words of a page's front matter that readers see (title, description, summary,
/// content warning, the share image's alt text),
/// each at the place the YAML parser read it from.
fn front_matter_prose(page: &Page, text: &str) -> Vec<ProseBlock> {
    let places = &page.meta.places;
    let end = page.body_offset.min(text.len());
    let values = [
        (
            BlockKind::Heading,
            Some(&page.meta.title),
            Some(places.title),
        ),
        (
            BlockKind::Paragraph,
            page.meta.description.as_ref(),
            places.description,
        ),
        (
            BlockKind::Paragraph,
            page.meta.summary.as_ref(),
            places.summary,
        ),
        (
            BlockKind::Label,
            page.meta.content_warning.as_ref(),
            places.content_warning,
        ),
        (
            BlockKind::Label,
            page.meta.share_image_alt.as_ref(),
            places.share_image_alt,
        ),
    ];
    values
        .into_iter()
        .filter_map(|(kind, value, at)| {
            let at = at.filter(|&a| a < end)?;
            prose::value_block(text, value?, at..end, kind)
        })
        .collect()
}

/// The abbreviations a page's raw HTML explains with `<abbr title="...">ABBR</abbr>`,
/// the way HTML explains them.
/// Only each `<abbr` and its element are read, not the whole page: the glossary marks
/// the first use of every abbreviation with one, so most pages have a few.
fn explained_in_html(html: &str) -> Vec<String> {
    const REACH: usize = 2000;
    memchr::memmem::find_iter(html.as_bytes(), b"<abbr")
        .filter_map(|at| {
            let end =
                (html.len().min(at + REACH)..=html.len()).find(|&e| html.is_char_boundary(e))?;
            let piece = &html[at..end];
            let tags = crate::text::html_scan::start_tags(piece);
            let tag = tags.first().filter(|t| t.at == 0 && t.name == "abbr")?;
            let titled = tag
                .attrs
                .iter()
                .any(|(k, v)| k == "title" && !v.trim().is_empty());
            titled
                .then(|| crate::text::html_scan::element_text(piece, tag))
                .flatten()
        })
        .map(|text| text.trim().to_string())
        .collect()
}
