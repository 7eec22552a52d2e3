//! The page phase: every language's pages rendered, checked and written (see
//! [`super::render`]), and what each page hands back gathered for the phases after it:
//! its output files claimed, its charts, its problems, its place in the feed and its
//! row in the author report.

use std::sync::Arc;

use super::language::LangSite;
use super::render::PageOutcome;
use super::{output_path, page_source, Loaded};
use crate::charts::ChartOutput;
use crate::checks::report::ReportRow;
use crate::checks::PageReport;
use crate::load::data_file::DataFile;
use crate::load::languages::charts_folder;
use crate::model::Page;
use crate::outputs::claims::Claims;
use crate::text::diagnostics::Reporter;
use crate::theme::templates::Templates;
use crate::theme::views::SiteView;

/// What the page phase hands on.
pub(super) struct Rendered<'a> {
    /// Each page's links, headings and scan, for the site-wide checks.
    pub reports: Vec<PageReport>,
    /// The feed's pages with their content.
    pub feed_entries: Vec<(&'a Page, String)>,
    /// The author report's rows.
    pub rows: Vec<ReportRow>,
    /// Serve mode only: each page's figures and problems, for the author view.
    pub author: Vec<crate::checks::report::PageProblems>,
    /// Every chart drawn, with its output folder; one may be there several times.
    pub charts: Vec<ChartOutput>,
    /// The output files claimed so far.
    pub claims: Claims,
    /// The default language's templates, once its pages are rendered.
    default_templates: Option<Templates>,
    /// Each language's searchable text and A–Z page.
    pub search: super::search::Search,
    /// Each page's weight to load, once the site is written.
    pub weights: Vec<crate::outputs::page_weight::PageWeight>,
}

/// What the dev server keeps of the rendered pages: their reports, and the files the
/// build wrote (serve mode only).
pub(super) type Kept = (Vec<PageReport>, Option<std::collections::HashSet<String>>);

impl Rendered<'_> {
    /// What the dev server keeps of the pages (see [`Kept`]); the rest is dropped.
    pub fn into_kept(mut self, mode: super::Mode) -> Kept {
        let files = (mode == super::Mode::Serve).then(|| self.claims.files());
        (std::mem::take(&mut self.reports), files)
    }

    /// The default language's templates (loaded again when a one-page update did not
    /// render that language).
    pub fn default_templates(&mut self, site: &Loaded) -> Templates {
        self.default_templates
            .take()
            .unwrap_or_else(|| language_templates(site, &site.sites[0], Default::default()))
    }
}

/// Renders every language's pages, in order, default language first.
pub(super) fn render<'a>(site: &Loaded<'a>, reporter: &Reporter) -> Rendered<'a> {
    let mut out = Rendered {
        reports: Vec::new(),
        feed_entries: Vec::new(),
        rows: Vec::new(),
        author: Vec::new(),
        charts: Vec::new(),
        claims: Claims::default(),
        default_templates: None,
        search: Default::default(),
        weights: Vec::new(),
    };
    let sites: &'a [LangSite] = site.sites;
    for lang in sites {
        let folder = charts_folder(&lang.lang.prefix);
        let (library_html, mut library_charts) = library(site, lang);
        let templates = language_templates(site, lang, Arc::new(library_html));
        let ctx = site.render_context(lang, &templates);
        let mut so_far = super::search::SoFar::of(&ctx);
        let (mut outcomes, a_z) = rayon::join(
            || {
                ctx.render_all(reporter, &mut |done| {
                    so_far.iter_mut().for_each(|s| s.read(done));
                })
            },
            || super::search::a_z(&ctx),
        );
        out.reports
            .extend(out.search.add(&ctx, &mut outcomes, so_far, a_z));
        drop(ctx);
        for (i, outcome) in outcomes {
            out.gather(site, lang, &lang.model.pages[i], outcome, &folder, reporter);
        }
        library_charts
            .iter_mut()
            .for_each(|c| c.folder = folder.clone());
        out.charts.extend(library_charts);
        if lang.lang.is_default {
            out.default_templates = Some(templates);
        }
    }
    out
}

/// The figures of the charts in the language's charts.yaml, and their files to write.
/// A language without its own charts.yaml shows the default language's charts, whose
/// files are written once, under charts/.
fn library(
    site: &Loaded,
    lang: &LangSite,
) -> (
    std::collections::HashMap<String, crate::charts::Figures>,
    Vec<ChartOutput>,
) {
    let own_library = lang.lang.is_default
        || lang
            .sources
            .iter()
            .any(|s| s.rel == DataFile::Charts.rel() && !s.fallback);
    let library_folder = charts_folder(if own_library { &lang.lang.prefix } else { "" });
    let (html, mut charts) = lang.charts.render_all(
        &site.config.site_path(&format!("/{library_folder}/")),
        &lang.strings,
    );
    if !own_library {
        charts.clear();
    }
    (html, charts)
}

/// The templates of one language: its site, data, words and chart figures.
fn language_templates(
    site: &Loaded,
    lang: &LangSite,
    figures: Arc<std::collections::HashMap<String, crate::charts::Figures>>,
) -> Templates {
    let feed_url = site.feed_url().filter(|_| lang.lang.is_default);
    let view = SiteView::new(&lang.config, &lang.model, feed_url);
    let templates = site
        .templates
        .for_language(&view, &lang.data, &lang.strings, figures);
    match site.opts.mode {
        super::Mode::Serve => templates.with_source_marks(site.config.safe),
        super::Mode::Build | super::Mode::Check => templates,
    }
}

impl<'a> Rendered<'a> {
    /// Takes in what rendering `page` handed back.
    fn gather(
        &mut self,
        site: &Loaded,
        lang: &LangSite,
        page: &'a Page,
        mut outcome: PageOutcome,
        folder: &str,
        reporter: &Reporter,
    ) {
        let source = page_source(page, lang);
        self.claims.claim(&output_path(&page.url), source.clone());
        for file in outcome.extra_files.drain(..) {
            self.claims.claim(&file, source.clone());
        }
        // A fallback page's charts are the default language's, already written.
        if !page.fallback {
            self.charts
                .extend(outcome.charts.drain(..).map(|c| ChartOutput {
                    folder: folder.to_string(),
                    ..c
                }));
        }
        if site.opts.mode == super::Mode::Serve {
            let mut problems = crate::checks::report::PageProblems::new(
                page,
                &site.config.site_path(&page.url),
                outcome.prose.as_deref(),
                &outcome.diagnostics,
            );
            problems.data_files = std::sync::Arc::new(lang.data_files());
            problems.lists = data_lists(page, lang, |u| site.config.site_path(u));
            self.author.push(problems);
        }
        reporter.report_all(outcome.diagnostics);
        if let Some(html) = outcome.feed_html {
            self.feed_entries.push((page, html));
        }
        // The author report's row, when one is written.
        let row = site.opts.report.is_some() && !page.fallback;
        if let (Some(prose), true) = (&outcome.prose, row) {
            self.rows.push(ReportRow::new(
                &page.meta.title,
                &site.config.site_path(&page.url),
                &page.file,
                prose,
                std::mem::take(&mut outcome.by_rule),
            ));
        }
        self.reports.extend(outcome.report.map(|r| *r));
    }
}

/// The lists of data entries `page` shows, for the author view's "Add" buttons: a
/// finding's or a recommendation's page and the section listing them, the glossary,
/// the people page, and the home page (key messages, and the recommendations when
/// there are some). A new finding's or recommendation's page is under the section of
/// the others (`site_path` gives its address).
fn data_lists(
    page: &Page,
    lang: &LangSite,
    site_path: impl Fn(&str) -> String,
) -> Vec<crate::checks::report::DataList> {
    use crate::model::{EntryKind, PageKind};
    // The entry a page of this kind is made from, if it has a page of its own.
    let entry_of = |kind: &PageKind| match kind {
        PageKind::Finding(_) => Some(EntryKind::Finding),
        PageKind::Recommendation(_) => Some(EntryKind::Recommendation),
        _ => None,
    };
    let pages = &lang.model.pages;
    let mut kinds: Vec<EntryKind> = match page.kind {
        PageKind::Glossary => vec![EntryKind::GlossaryTerm],
        PageKind::Section => page
            .children
            .iter()
            .filter_map(|&i| entry_of(&pages.get(i)?.kind))
            .fold(Vec::new(), |mut all, k| {
                if !all.contains(&k) {
                    all.push(k);
                }
                all
            }),
        ref kind => entry_of(kind).into_iter().collect(),
    };
    if page.url == lang.model.home {
        kinds.push(EntryKind::KeyMessage);
        if !lang.data.recommendations.is_empty() {
            kinds.push(EntryKind::Recommendation);
        }
    }
    if page.template == "people.html" {
        kinds.push(EntryKind::Person);
    }
    let section = |kind: EntryKind| {
        let first = pages.iter().find(|p| entry_of(&p.kind) == Some(kind))?;
        first.parent.as_deref().map(&site_path)
    };
    kinds
        .into_iter()
        .map(|kind| crate::checks::report::DataList {
            kind,
            pages: section(kind),
        })
        .collect()
}
