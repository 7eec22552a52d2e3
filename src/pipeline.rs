//! The build pipeline: runs the stages in order (config, discover, data and front
//! matter, model, Markdown, templates, scan and checks, outputs, write), times each one,
//! and reports every problem it can reach in one run. `build`, `check` and `serve` all
//! run it; `check` writes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::checks::{self, PageReport};
use crate::config::{self, Overrides, SiteConfig};
use crate::data::{self, SiteData};
use crate::diagnostics::{Diagnostic, LineIndex, Reporter};
use crate::discover::{self, Asset, SourceFile, SourceKind};
use crate::error::{Error, Result};
use crate::html_scan::{scan_and_rewrite, Rewrite};
use crate::checks::prose::{self, PageProse, ProsePart, ProseContext, ProseReport};
use crate::checks::report::ReportRow;
use crate::checks::respectful::Lexicon;
use crate::charts::{ChartLibrary, ChartOutput};
use crate::glossary_links::GlossaryMatcher;
use crate::markdown::{self, BlockKind, LinkContext, ProseBlock, Source};
use crate::model::{self, Page, PageKind, SiteModel};
use crate::outputs::{self, feed::FeedEntry, sitemap::SitemapEntry};
use crate::templates::Templates;
use crate::views::{link_data, PageView, SiteView};
use crate::write::{self, Staging};

/// What a run does with the rendered site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the site to the output folder.
    Build,
    /// Run every check, write nothing.
    Check,
    /// Write the site and add the dev server's reload script to each page.
    Serve,
}

/// Options of one run.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub overrides: Overrides,
    pub drafts: bool,
    pub mode: Mode,
    /// Write the author report to this file.
    pub report: Option<PathBuf>,
    /// Run the plain-language and accessibility checks (links are always checked).
    pub checks: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub charts: usize,
    pub warnings: usize,
    pub errors: usize,
    pub suggestions: usize,
    pub elapsed: Duration,
    /// Time spent in each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Summary {
    /// The one-line summary printed after a build.
    pub fn line(&self, verb: &str) -> String {
        let suggestions = if self.suggestions > 0 { format!(", {} {}", self.suggestions, plural(self.suggestions, "suggestion", "suggestions")) } else { String::new() };
        format!(
            "{verb} {} {}, {} {}, {} {}, {} {}{suggestions} in {:.2} s",
            self.pages,
            plural(self.pages, "page", "pages"),
            self.charts,
            plural(self.charts, "chart", "charts"),
            self.warnings,
            plural(self.warnings, "warning", "warnings"),
            self.errors,
            plural(self.errors, "error", "errors"),
            self.elapsed.as_secs_f64()
        )
    }
}

/// The line printed when a run fails.
pub fn failure_line(reporter: &Reporter, elapsed: Duration) -> String {
    let (e, w) = (reporter.errors(), reporter.warnings());
    format!("{e} {}, {w} {} in {:.2} s", plural(e, "error", "errors"), plural(w, "warning", "warnings"), elapsed.as_secs_f64())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Pages nested deeper than this are not minified.
const MAX_MINIFY_DEPTH: usize = 500;

/// The address of the dev server's reload script.
pub const RELOAD_SCRIPT: &str = "__plainsite/reload.js";

struct Timer {
    start: Instant,
    last: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        let now = Instant::now();
        Timer { start: now, last: now, timings: Vec::new() }
    }
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// Runs the pipeline. Problems in the site are reported through `reporter`; the run
/// fails with [`Error::BuildFailed`] when any of them is an error, and the output folder
/// is then left as it was.
pub fn run(opts: &BuildOptions, reporter: &Reporter) -> Result<Summary> {
    let mut timer = Timer::new();
    let fail = |reporter: &Reporter| Error::BuildFailed(reporter.errors());
    let config = match config::load(&opts.root, &opts.overrides) {
        Ok(c) => c,
        Err(problems) => {
            reporter.report_all(problems);
            return Err(fail(reporter));
        }
    };
    let staging = match opts.mode {
        Mode::Check => None,
        Mode::Build | Mode::Serve => Some(Staging::new(&opts.root, &opts.output)?),
    };
    timer.lap("config");

    let (found, problems) = discover::discover(&config.content_dir());
    reporter.report_all(problems);
    timer.lap("discover");

    let data_files: Vec<&SourceFile> = found.sources.iter().filter(|s| s.kind == SourceKind::Data).collect();
    let (mut site_data, problems) = data::load(&data_files);
    reporter.report_all(problems);
    link_data(&mut site_data, &config);
    let (model, problems) = model::build(&found.sources, &site_data, opts.drafts);
    reporter.report_all(problems);
    let glossary = (!site_data.glossary.is_empty()).then(|| GlossaryMatcher::new(&site_data.glossary));
    let (chart_library, problems) = ChartLibrary::load(found.sources.iter().find(|s| s.rel == "_data/charts.yaml"));
    reporter.report_all(problems);
    let (lexicon, problems) = Lexicon::build(&config.language, &site_data.respectful_terms);
    reporter.report_all(problems.into_iter().map(|d| d.in_file("content/_data/respectful_terms.yaml")));
    timer.lap("front matter and data");

    let (library_html, library_charts) = chart_library.render_all(&config.site_path("/charts/"));
    let mut templates = match Templates::load(&opts.root, &config.theme_dir(), &config.site_templates_dir(), Arc::new(library_html), config.render_time_limit) {
        Ok(t) => t,
        Err(problems) => {
            reporter.report_all(problems);
            return Err(fail(reporter));
        }
    };
    if let Some(s) = &staging {
        templates.watchdog.set_staging(s.path().to_path_buf());
    }
    let mut missing_template = false;
    for page in &model.pages {
        if let Some(t) = &page.meta.template {
            if !templates.has(&t.value) {
                let names: Vec<&str> = templates.names().collect();
                let mut d = Diagnostic::error(format!("there is no template named \"{}\"", t.value));
                if let Some(src) = page.source.map(|i| &found.sources[i]) {
                    d = d.at(&page.file, &src.text, t.line, t.column);
                }
                d = match crate::diagnostics::did_you_mean(&t.value, names.iter().copied()) {
                    Some(s) => d.help(format!("did you mean template: {s}?")),
                    None => d.help(format!("templates available: {}", names.join(", "))),
                };
                reporter.report(d);
                missing_template = true;
            }
        }
    }
    if missing_template {
        return Err(fail(reporter));
    }
    let feed = feed_section(&config, &model);
    let feed_url = feed.as_ref().map(|f| config.site_path(&format!("{f}atom.xml")));
    let site_view = SiteView::new(&config, &model, feed_url.clone());
    templates.tera.global_context().insert("site", &site_view);
    templates.tera.global_context().insert("data", &site_data);
    timer.lap("templates loaded");

    let assets: HashSet<String> = found.assets.iter().map(|a| a.rel.clone()).collect();
    let ctx = RenderContext {
        config: &config,
        model: &model,
        data: &site_data,
        templates: &templates,
        sources: &found.sources,
        assets: &assets,
        staging: staging.as_ref(),
        mode: opts.mode,
        feed: feed.as_deref(),
        glossary: glossary.as_ref(),
        lexicon: &lexicon,
        checks: opts.checks,
        charts: &chart_library,
    };
    // Pages first, then the glossary, which lists the pages each term is used on.
    let is_glossary = |p: &&Page| p.kind == PageKind::Glossary;
    let mut outcomes: Vec<(usize, PageOutcome)> = model.pages.par_iter().enumerate().filter(|(_, p)| !is_glossary(p)).map(|(i, page)| (i, ctx.render_page(page, None))).collect();
    let usage = glossary_usage(&model, &site_data, &config, &outcomes);
    outcomes.extend(model.pages.iter().enumerate().filter(|(_, p)| is_glossary(p)).map(|(i, page)| (i, ctx.render_page(page, Some(&usage)))));
    outcomes.sort_by_key(|(i, _)| *i);
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut feed_entries = Vec::new();
    let mut rows = Vec::new();
    let mut charts: Vec<ChartOutput> = library_charts;
    for (i, mut outcome) in outcomes {
        charts.append(&mut outcome.charts);
        let page = &model.pages[i];
        let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
        for d in &outcome.diagnostics {
            *by_rule.entry(d.rule.clone().unwrap_or_else(|| "build".into())).or_default() += 1;
        }
        reporter.report_all(outcome.diagnostics);
        if let Some(html) = outcome.feed_html {
            feed_entries.push((page, html));
        }
        if let Some(prose) = &outcome.prose {
            rows.push(ReportRow::new(&page.meta.title, &config.site_path(&page.url), &page.file, prose, by_rule.into_iter().collect()));
        }
        reports.extend(outcome.report);
    }
    timer.lap("pages rendered, checked and written");

    let mut files: HashSet<String> = HashSet::new();
    let mut extra = |rel: &str, bytes: Vec<u8>| -> Result<()> {
        files.insert(rel.to_string());
        match &staging {
            Some(s) => s.write(rel, &bytes),
            None => Ok(()),
        }
    };
    match ctx.render_not_found() {
        Ok(html) => extra("404.html", html)?,
        Err(d) => reporter.report(d),
    }
    let sitemap: Vec<SitemapEntry> = model.pages.iter().map(|p| SitemapEntry { url: &p.url, lastmod: p.meta.updated.as_deref().or(p.meta.date.as_deref()) }).collect();
    extra("sitemap.xml", outputs::sitemap::sitemap(&config, &sitemap).into_bytes())?;
    extra("robots.txt", outputs::robots(&config).into_bytes())?;
    if let (Some(section), Some(_)) = (&feed, &feed_url) {
        let title = model.page_at(section).map(|p| p.meta.title.as_str()).unwrap_or("News");
        let mut entries: Vec<FeedEntry> = feed_entries
            .iter()
            .filter_map(|(p, html)| {
                Some(FeedEntry { title: &p.meta.title, url: &p.url, date: p.meta.date.as_deref()?, updated: p.meta.updated.as_deref(), summary: p.meta.description.as_deref(), content_html: html })
            })
            .collect();
        entries.sort_by(|a, b| b.date.cmp(a.date).then_with(|| a.title.cmp(b.title)));
        let rel = format!("{}atom.xml", section.trim_start_matches('/'));
        extra(&rel, outputs::feed::atom(&config, title, section, &format!("{section}atom.xml"), &entries).into_bytes())?;
    }
    // A chart from charts.yaml may show on several pages: its files are written once.
    // Two different charts with one id are an error.
    let mut chart_ids: std::collections::HashMap<String, (String, String)> = Default::default();
    charts.retain(|chart| match chart_ids.get(&chart.id) {
        Some((_, svg)) if *svg == chart.svg_file => false,
        Some((first, _)) => {
            reporter.report(Diagnostic::error(format!("two charts have the id \"{}\"", chart.id)).in_file(chart.place.clone()).help(format!("the other one is in {first}; give each chart its own id")));
            false
        }
        None => {
            chart_ids.insert(chart.id.clone(), (chart.place.clone(), chart.svg_file.clone()));
            true
        }
    });
    let chart_files: Vec<Result<()>> = charts.par_iter().map(|c| write_chart(c, staging.as_ref())).collect();
    for r in chart_files {
        r?;
    }
    for c in &charts {
        for ext in ["svg", "png", "csv", "txt"] {
            files.insert(format!("charts/{}.{ext}", c.id));
        }
    }
    for (from, rel) in static_files(&config, &found.assets) {
        files.insert(rel.clone());
        if let Some(s) = &staging {
            s.copy(&from, &rel)?;
        }
    }
    if opts.mode == Mode::Serve {
        files.insert(RELOAD_SCRIPT.to_string());
    }
    timer.lap("outputs");

    let ignored = |d: &Diagnostic, r: &PageReport| d.rule.as_ref().is_some_and(|rule| r.ignored.contains(rule));
    for d in checks::links::check_links(&reports, &files, &config.checks) {
        let page = reports.iter().find(|r| d.location.as_ref().is_some_and(|l| l.file == r.file));
        if !page.is_some_and(|r| ignored(&d, r)) {
            reporter.report(d);
        }
    }
    reporter.report_all(checks::images::check_images(&reports, &config.checks));
    if opts.checks {
        reporter.report_all(checks::contrast::check_theme(&opts.root, &config.theme_dir(), &config.checks));
    }
    timer.lap("site-wide checks");
    if let Some(path) = &opts.report {
        checks::report::sort_worst_first(&mut rows);
        let html = ctx.render_report(&rows, reporter)?;
        crate::write::write_file(path, html.as_bytes())?;
    }

    if reporter.errors() > 0 {
        return Err(fail(reporter));
    }
    if let Some(s) = staging {
        s.commit()?;
    }
    timer.lap("swap");
    Ok(Summary {
        pages: model.pages.len(),
        charts: charts.len(),
        warnings: reporter.warnings(),
        errors: reporter.errors(),
        suggestions: reporter.suggestions(),
        elapsed: timer.start.elapsed(),
        timings: timer.timings,
    })
}

/// The section whose pages make the Atom feed: `feed_section` in site.toml, or `news`.
fn feed_section(config: &SiteConfig, model: &SiteModel) -> Option<String> {
    let wanted = config.feed_section.clone().unwrap_or_else(|| "news".into());
    let url = format!("/{}/", wanted.trim_matches('/'));
    model.page_at(&url).filter(|p| p.kind == PageKind::Section).map(|_| url)
}

/// The theme's static files (copied to the output root) and the content's assets
/// (copied beside their pages). Symbolic links are not followed.
fn static_files(config: &SiteConfig, assets: &[Asset]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let dir = config.theme_dir().join("static");
    for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            out.push((entry.path().to_path_buf(), rel));
        }
    }
    out.extend(assets.iter().map(|a| (a.path.clone(), a.rel.clone())));
    out
}

/// Writes a chart's SVG, PNG, CSV and text description under `charts/`.
fn write_chart(chart: &ChartOutput, staging: Option<&Staging>) -> Result<()> {
    let Some(s) = staging else { return Ok(()) };
    s.write(&format!("charts/{}.svg", chart.id), chart.svg_file.as_bytes())?;
    s.write(&format!("charts/{}.csv", chart.id), chart.csv.as_bytes())?;
    s.write(&format!("charts/{}.txt", chart.id), chart.alt.as_bytes())?;
    let png = s.path().join("charts").join(format!("{}.png", chart.id));
    crate::charts::scene::to_png(&chart.scene, &png).map_err(|e| Error::write(&png, std::io::Error::other(e)))
}

/// The output file of a page address: `/a/b/` is written to `a/b/index.html`.
pub fn output_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

struct RenderContext<'a> {
    config: &'a SiteConfig,
    model: &'a SiteModel,
    data: &'a SiteData,
    templates: &'a Templates,
    sources: &'a [SourceFile],
    assets: &'a HashSet<String>,
    staging: Option<&'a Staging>,
    mode: Mode,
    feed: Option<&'a str>,
    glossary: Option<&'a GlossaryMatcher>,
    lexicon: &'a Lexicon,
    checks: bool,
    charts: &'a ChartLibrary,
}

struct PageOutcome {
    report: Option<PageReport>,
    diagnostics: Vec<Diagnostic>,
    /// The page's content, when it belongs in the feed.
    feed_html: Option<String>,
    /// Plain-language figures of the page.
    prose: Option<ProseReport>,
    /// Glossary entries used on the page.
    glossary_used: std::collections::BTreeSet<usize>,
    /// Charts drawn on the page.
    charts: Vec<ChartOutput>,
}

/// For each glossary entry (by index), the pages it is used on.
type GlossaryUsage = Vec<Vec<crate::views::PageLink>>;

fn glossary_usage(model: &SiteModel, data: &SiteData, config: &SiteConfig, outcomes: &[(usize, PageOutcome)]) -> GlossaryUsage {
    let mut usage: GlossaryUsage = vec![Vec::new(); data.glossary.len()];
    for (i, o) in outcomes {
        for &entry in &o.glossary_used {
            if let Some(list) = usage.get_mut(entry) {
                list.push(crate::views::PageLink::of(&model.pages[*i], config));
            }
        }
    }
    usage
}

impl RenderContext<'_> {
    fn render_page(&self, page: &Page, usage: Option<&GlossaryUsage>) -> PageOutcome {
        let mut diagnostics = Vec::new();
        let source = page.source.map(|i| &self.sources[i]);
        let index = source.map(|s| LineIndex::new(&s.text));
        let links = LinkContext { model: self.model, glossary: self.glossary, checks: &self.config.checks, charts: Some(self.charts), safe: self.config.safe, assets: self.assets, base_path: &self.config.base_path };
        let rendered = match (source, &index) {
            (Some(src), Some(index)) => {
                let body = src.text.get(page.body_offset..).unwrap_or("");
                let s = Source { file: &page.file, text: &src.text, index, body_offset: page.body_offset, rel: &page.rel };
                markdown::render(body, &s, &links)
            }
            _ => Default::default(),
        };
        let md_heading_order = rendered.diagnostics.iter().any(|d| d.rule.as_deref() == Some("heading-order"));
        diagnostics.extend(rendered.diagnostics);
        let content = rendered.html;

        // Plain-language checks on the page's own prose and the data it shows.
        let data_parts = self.data_prose(page);
        let data_indexes: Vec<LineIndex> = data_parts.iter().map(|(_, text, _)| LineIndex::new(text)).collect();
        let mut parts = Vec::new();
        if let (Some(src), Some(index)) = (source, &index) {
            parts.push(ProsePart { file: &page.file, text: &src.text, index, blocks: &rendered.blocks });
        }
        for ((file, text, blocks), index) in data_parts.iter().zip(&data_indexes) {
            parts.push(ProsePart { file, text, index, blocks });
        }
        let prose_ctx = ProseContext { config: &self.config.checks, glossary: self.glossary, lexicon: self.lexicon };
        let page_prose = PageProse {
            parts,
            target: page.meta.reading_grade.unwrap_or(self.config.checks.reading_grade),
            has_summary: page.meta.summary.is_some(),
            ignored: &page.meta.ignore_checks,
            language: &self.config.language,
        };
        let (prose_report, prose_problems) = if self.checks { prose::check_page(&page_prose, &prose_ctx) } else { Default::default() };
        diagnostics.extend(prose_problems);

        let view = PageView::new(page, self.model, self.config, &content, &rendered.toc);
        let mut ctx = tera::Context::new();
        ctx.insert("page", &view);
        match page.kind {
            PageKind::Finding(i) => {
                let f = &self.data.findings[i];
                let recs: Vec<_> = self.data.recommendations.iter().filter(|r| r.findings.contains(&f.id)).collect();
                ctx.insert("finding", f);
                ctx.insert("recommendations", &recs);
            }
            PageKind::Recommendation(i) => {
                let r = &self.data.recommendations[i];
                let findings: Vec<_> = r.findings.iter().filter_map(|id| self.data.findings.iter().find(|f| &f.id == id)).collect();
                ctx.insert("recommendation", r);
                ctx.insert("findings", &findings);
            }
            PageKind::Glossary => ctx.insert("glossary_usage", &usage.cloned().unwrap_or_default()),
            _ => {}
        }
        let html = match self.templates.render(&page.template, &ctx, &page.file) {
            Ok(h) => h,
            Err(d) => {
                diagnostics.push(d);
                return PageOutcome { report: None, diagnostics, feed_html: None, prose: Some(prose_report), glossary_used: rendered.glossary_used, charts: rendered.charts };
            }
        };
        let (bytes, scan) = self.finish(&html, &self.config.site_path(&page.url), true);
        if let Some(s) = self.staging {
            if let Err(e) = s.write(&output_path(&page.url), &bytes) {
                diagnostics.push(Diagnostic::error(e.to_string()).in_file(page.file.clone()));
            }
        }
        let report = PageReport {
            url: page.url.clone(),
            file: page.file.clone(),
            template: page.template.clone(),
            source_text: source.map(|s| Arc::clone(&s.text)),
            scan,
            md_links: rendered.links,
            md_broken: rendered.broken,
            ignored: page.meta.ignore_checks.clone(),
        };
        let is_home = page.url == "/";
        if self.checks {
            diagnostics.extend(checks::html_a11y::check_page(&report, &self.config.checks, md_heading_order, is_home, !self.data.key_messages.is_empty()));
        }
        diagnostics.retain(|d| !d.rule.as_ref().is_some_and(|r| page.meta.ignore_checks.contains(r)));
        diagnostics.sort_by_key(|d| d.location.as_ref().map(|l| (l.file.clone(), l.line, l.column)));
        let in_feed = self.feed.is_some() && page.parent.as_deref() == self.feed && page.meta.date.is_some();
        PageOutcome { report: Some(report), diagnostics, feed_html: in_feed.then_some(content), prose: Some(prose_report), glossary_used: rendered.glossary_used, charts: rendered.charts }
    }

    /// Prose a page shows from data files: (file shown in diagnostics, its text, blocks).
    fn data_prose(&self, page: &Page) -> Vec<(String, &str, Vec<ProseBlock>)> {
        let data_file = |name: &str| self.sources.iter().find(|s| s.rel == format!("_data/{name}.yaml") || s.rel == format!("_data/{name}.yml"));
        let mut out = Vec::new();
        let mut add = |name: &str, values: Vec<(BlockKind, &str)>| {
            if let Some(file) = data_file(name) {
                let mut from = 0;
                let blocks: Vec<ProseBlock> = values.into_iter().filter_map(|(k, v)| prose::data_block(&file.text, v, k, &mut from)).collect();
                if !blocks.is_empty() {
                    out.push((file.display(), &*file.text, blocks));
                }
            }
        };
        match page.kind {
            PageKind::Finding(i) => {
                let f = &self.data.findings[i];
                let mut v = vec![(BlockKind::Heading, f.title.as_str()), (BlockKind::Paragraph, f.summary.as_str())];
                for t in [&f.context, &f.mechanism, &f.outcome, &f.evidence].into_iter().flatten() {
                    v.push((BlockKind::Paragraph, t.as_str()));
                }
                add("findings", v);
            }
            PageKind::Recommendation(i) => {
                let r = &self.data.recommendations[i];
                let mut v = vec![(BlockKind::Heading, r.title.as_str()), (BlockKind::Paragraph, r.summary.as_str()), (BlockKind::Paragraph, r.why.as_str())];
                v.extend(r.how.iter().chain(&r.who).map(|t| (BlockKind::ListItem, t.as_str())));
                add("recommendations", v);
            }
            PageKind::Glossary => {
                let v = self.data.glossary.iter().flat_map(|g| [(BlockKind::Heading, g.term.as_str()), (BlockKind::Paragraph, g.definition.as_str())]).collect();
                add("glossary", v);
            }
            _ if page.url == "/" => {
                let v = self.data.key_messages.iter().flat_map(|m| [(BlockKind::Heading, m.title.as_str()), (BlockKind::Paragraph, m.text.as_str())]).collect();
                add("key_messages", v);
            }
            _ => {}
        }
        out
    }

    /// The author report, rendered with the theme's `report.html`.
    fn render_report(&self, rows: &[ReportRow], reporter: &Reporter) -> Result<String> {
        let css = std::fs::read_to_string(self.config.theme_dir().join("static/style.css")).unwrap_or_default();
        let css: String = css.lines().filter(|l| !l.trim_start().starts_with("@font-face")).collect::<Vec<_>>().join("\n");
        let mut ctx = tera::Context::new();
        ctx.insert("rows", rows);
        ctx.insert("chart", &checks::report::grade_chart(rows));
        ctx.insert("css", &css);
        ctx.insert("by_rule", &reporter.by_rule());
        ctx.insert("target", &self.config.checks.reading_grade);
        self.templates.render("report.html", &ctx, "the author report").map_err(|d| Error::Refused(d.render(false)))
    }

    /// Rewrites addresses, adds the reload script when serving, and minifies.
    fn finish(&self, html: &str, page_url: &str, relative: bool) -> (Vec<u8>, crate::html_scan::Scan) {
        let rw = Rewrite { page_url, base_path: &self.config.base_path, portable: self.config.portable, relative };
        let (mut html, scan) = scan_and_rewrite(html, &rw);
        if self.mode == Mode::Serve {
            let tag = format!("<script src=\"{}{RELOAD_SCRIPT}\"></script>", self.config.base_path);
            match html.rfind("</body>") {
                Some(i) => html.insert_str(i, &tag),
                None => html.push_str(&tag),
            }
        }
        // The minifier is recursive: a page nested thousands of levels deep is written as
        // it is rather than risk its stack.
        // Minifying is for readers: `serve` skips it, so a saved page shows sooner.
        let minify = self.config.minify && self.mode == Mode::Build && scan.max_depth < MAX_MINIFY_DEPTH;
        let bytes = if minify { write::minify(&html) } else { html.into_bytes() };
        (bytes, scan)
    }

    /// The 404 page, whose addresses stay root-relative: it is shown at any address.
    fn render_not_found(&self) -> std::result::Result<Vec<u8>, Diagnostic> {
        let page = Page {
            kind: PageKind::Page,
            file: "404.html".into(),
            rel: "404.md".into(),
            source: None,
            body_offset: 0,
            meta: crate::frontmatter::FrontMatter { title: "Page not found".into(), extra: serde_json::json!({}), ..Default::default() },
            url: "/404.html".into(),
            parent: None,
            template: "404.html".into(),
            children: Vec::new(),
        };
        let view = PageView::new(&page, self.model, self.config, "", &[]);
        let mut ctx = tera::Context::new();
        ctx.insert("page", &view);
        let html = self.templates.render("404.html", &ctx, "the 404 page")?;
        Ok(self.finish(&html, &self.config.site_path("/404.html"), false).0)
    }
}

/// The default output folder of a site.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
