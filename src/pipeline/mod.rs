//! The build pipeline: runs the stages in order (config, discover, data and front
//! matter, model, Markdown, templates, scan and checks, outputs, write), times each one,
//! and reports every problem it can reach in one run. `build`, `check` and `serve` all
//! run it; `check` writes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod claims;
mod deck;
mod language;
mod render;
mod search;
mod statics;
mod words;

use crate::charts::ChartOutput;
use crate::checks::report::ReportRow;
use crate::checks::{self, PageReport};
use crate::load::config::{self, Overrides, SiteConfig};
use crate::load::discover;
use crate::model::{Page, PageKind, SiteModel};
use crate::outputs::{self, feed::FeedEntry, sitemap::SitemapEntry};
use crate::text::diagnostics::{Diagnostic, Reporter};
use crate::text::error::{Error, Result};
use crate::theme::templates::Templates;
use crate::theme::views::SiteView;
use crate::write::Staging;
use claims::{Claims, Source};
use language::LangSite;
use render::RenderContext;

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
    /// Serve mode only: re-render just the pages made from these files (paths under
    /// `content/`) into the existing output, after an edit that changed only their text.
    /// Site-wide outputs and checks wait for the full build that follows.
    pub only: Option<HashSet<String>>,
    /// Serve mode: a render past render_time_limit sends its message here and the
    /// build is abandoned, instead of ending the process.
    pub overdue: Option<std::sync::mpsc::Sender<String>>,
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
    /// Output files of the printable pages (the `brief.html` template), e.g.
    /// `brief/index.html`, with their language.
    pub printable: Vec<(String, String)>,
    /// The briefs again, for their Word files (`plainsite brief --docx`, `docx: true`).
    pub briefs: Vec<crate::outputs::docx::Brief>,
    /// One EPUB book of the site per language (`plainsite epub`).
    pub books: Vec<crate::outputs::epub::Book>,
    /// For each page file under `content/`, a hash of its front matter: an edit that
    /// keeps it the same changes no other page, so serve can re-render that page alone.
    pub front_matter: std::collections::HashMap<String, u64>,
}

impl Summary {
    /// The one-line summary printed after a build.
    pub fn line(&self, verb: &str) -> String {
        let suggestions = if self.suggestions > 0 {
            format!(
                ", {} {}",
                self.suggestions,
                plural(self.suggestions, "suggestion", "suggestions")
            )
        } else {
            String::new()
        };
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
    format!(
        "{e} {}, {w} {} in {:.2} s",
        plural(e, "error", "errors"),
        plural(w, "warning", "warnings"),
        elapsed.as_secs_f64()
    )
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
        Timer {
            start: now,
            last: now,
            timings: Vec::new(),
        }
    }
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// An error when serve abandoned this build because a render ran too long.
fn still_wanted(templates: &Templates) -> Result<()> {
    if templates.watchdog.abandoned() {
        return Err(Error::RenderStopped(
            "this build was stopped: a template ran too long".into(),
        ));
    }
    Ok(())
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
    let only = opts.only.as_ref().filter(|_| opts.mode == Mode::Serve);
    let staging = match (opts.mode, only) {
        (Mode::Check, _) => None,
        (Mode::Serve, Some(_)) => Some(Staging::in_place(&opts.root, &opts.output)?),
        (Mode::Build | Mode::Serve, _) => Some(Staging::new(&opts.root, &opts.output)?),
    };
    if opts.mode == Mode::Build && config.minify == config::Minify::Smallest {
        reporter.report_all(crate::write::smallest_note());
    }
    timer.lap("config");

    crate::charts::fonts::use_site_fonts(&config.root.join("fonts"));
    let codes: Vec<String> = config
        .languages
        .iter()
        .skip(1)
        .map(|l| l.code.clone())
        .collect();
    let (found, problems) = discover::discover(&config.content_dir(), &codes);
    reporter.report_all(problems);
    timer.lap("discover");

    let sites: Vec<LangSite> = config
        .languages
        .iter()
        .map(|lang| language::load(&found.sources, lang, &config, opts.drafts, reporter))
        .collect();
    let versions = language::versions(&sites);
    if opts.checks {
        reporter.report_all(language::stale_translations(&sites));
        reporter.report_all(sites.iter().flat_map(words::check_chart_words));
        reporter.report_all(sites.iter().flat_map(words::check_theme_words));
    }
    timer.lap("front matter and data");

    let templates = match Templates::load(
        &opts.root,
        &config.theme_dir(),
        &config.site_templates_dir(),
        Default::default(),
        config.render_time_limit,
        config.safe,
    ) {
        Ok(t) => t,
        Err(problems) => {
            reporter.report_all(problems);
            return Err(fail(reporter));
        }
    };
    if let Some(s) = staging.as_ref() {
        templates.watchdog.set_cleanup(s.abandoner());
    }
    if let Some(to) = &opts.overdue {
        templates.watchdog.abandon_to(to.clone());
    }
    if !check_template_names(&sites, &templates, reporter) {
        return Err(fail(reporter));
    }
    // The feed is the default language's news.
    let feed = feed_section(&config, &sites[0].model);
    let feed_url = feed
        .as_ref()
        .map(|f| config.site_path(&format!("{f}atom.xml")));
    timer.lap("templates loaded");

    let assets: HashSet<String> = found.assets.iter().map(|a| a.rel.clone()).collect();
    let images = crate::load::images::sizes(
        found
            .assets
            .par_iter()
            .map(|a| (a.rel.as_str(), a.path.as_path())),
    );
    let mut reports = Vec::new();
    let mut feed_entries: Vec<(&Page, String)> = Vec::new();
    let mut rows = Vec::new();
    let mut charts: Vec<ChartOutput> = Vec::new();
    let mut claims = Claims::default();
    // The default language's templates also render the 404 page.
    let mut default_templates = None;
    let mut search = search::Search::default();
    for site in &sites {
        let folder = crate::load::languages::charts_folder(&site.lang.prefix);
        // A language without its own charts.yaml shows the default language's charts,
        // whose files are written once, under charts/.
        let own_library = site.lang.is_default
            || site
                .sources
                .iter()
                .any(|s| s.rel == "_data/charts.yaml" && !s.fallback);
        let library_folder =
            crate::load::languages::charts_folder(if own_library { &site.lang.prefix } else { "" });
        let (library_html, mut library_charts) = site.charts.render_all(
            &config.site_path(&format!("/{library_folder}/")),
            &site.strings,
        );
        if !own_library {
            library_charts.clear();
        }
        let feed_url = if site.lang.is_default {
            feed_url.clone()
        } else {
            None
        };
        let site_view = SiteView::new(&site.config, &site.model, feed_url);
        let lang_templates = templates.for_language(
            &site_view,
            &site.data,
            &site.strings,
            Arc::new(library_html),
        );
        let ctx = RenderContext {
            site,
            default_site: &sites[0],
            templates: &lang_templates,
            assets: &assets,
            images: &images,
            staging: staging.as_ref(),
            mode: opts.mode,
            feed: if site.lang.is_default {
                feed.as_deref()
            } else {
                None
            },
            checks: opts.checks,
            versions: &versions,
            languages: &config.languages,
            offline_assets: Default::default(),
            only,
        };
        let mut rendered = ctx.render_all();
        reports.extend(search.add(&ctx, &mut rendered));
        drop(ctx);
        if site.lang.is_default {
            default_templates = Some(lang_templates);
        }
        for (i, mut outcome) in rendered {
            let page = &site.model.pages[i];
            let source = page_source(page, site);
            claims.claim(&output_path(&page.url), source.clone());
            for file in outcome.extra_files.drain(..) {
                claims.claim(&file, source.clone());
            }
            // A fallback page's charts are the default language's, already written.
            if !page.fallback {
                charts.extend(outcome.charts.drain(..).map(|c| ChartOutput {
                    folder: folder.clone(),
                    ..c
                }));
            }
            let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
            for d in &outcome.diagnostics {
                *by_rule
                    .entry(d.rule.map_or("build", |r| r.as_str()).to_string())
                    .or_default() += 1;
            }
            reporter.report_all(outcome.diagnostics);
            if let Some(html) = outcome.feed_html {
                feed_entries.push((page, html));
            }
            if let (Some(prose), false) = (&outcome.prose, page.fallback) {
                rows.push(ReportRow::new(
                    &page.meta.title,
                    &config.site_path(&page.url),
                    &page.file,
                    prose,
                    by_rule.into_iter().collect(),
                ));
            }
            reports.extend(outcome.report);
        }
        library_charts
            .iter_mut()
            .for_each(|c| c.folder = folder.clone());
        charts.extend(library_charts);
    }
    timer.lap("pages rendered, checked and written");
    let front_matter = front_matter_hashes(&sites);
    if only.is_some() {
        // One-page update: its own charts and links, nothing else site-wide.
        still_wanted(&templates)?;
        for chart in &charts {
            crate::write::chart_files::write_chart(chart, staging.as_ref())?;
        }
        let others: HashSet<&str> = sites
            .iter()
            .flat_map(|s| &s.model.pages)
            .map(|p| p.url.as_str())
            .filter(|u| !reports.iter().any(|r| r.url == *u))
            .collect();
        let files = staging
            .as_ref()
            .map(|s| s.previous_files())
            .unwrap_or_default();
        let links = checks::links::check_links_among(&reports, &others, &files, &config.checks);
        reporter.report_all(without_ignored(&reports, links));
        if reporter.errors() > 0 {
            return Err(fail(reporter));
        }
        // Only now, with no error counted, are the held pages written.
        if let Some(s) = staging {
            s.commit()?;
        }
        return Ok(Summary {
            pages: reports.len(),
            charts: charts.len(),
            warnings: reporter.warnings(),
            errors: 0,
            suggestions: reporter.suggestions(),
            elapsed: timer.start.elapsed(),
            timings: timer.timings,
            printable: Vec::new(),
            briefs: Vec::new(),
            books: Vec::new(),
            front_matter,
        });
    }
    let default_site = &sites[0];
    let default_templates = default_templates.unwrap_or_else(|| {
        templates.for_language(
            &SiteView::new(&default_site.config, &default_site.model, feed_url.clone()),
            &default_site.data,
            &default_site.strings,
            Default::default(),
        )
    });
    let ctx = RenderContext {
        site: default_site,
        default_site,
        templates: &default_templates,
        assets: &assets,
        images: &images,
        staging: staging.as_ref(),
        mode: opts.mode,
        feed: None,
        checks: opts.checks,
        versions: &versions,
        languages: &config.languages,
        offline_assets: Default::default(),
        only: None,
    };
    let model = &default_site.model;
    let mut extra = |rel: &str, what: &str, bytes: Vec<u8>| -> Result<()> {
        claims.claim(rel, Source::made(what, crate::load::config::CONFIG_FILE));
        match &staging {
            Some(s) => s.write(rel, &bytes),
            None => Ok(()),
        }
    };
    match ctx.render_not_found() {
        Ok(html) => extra("404.html", "the page-not-found page", html)?,
        Err(d) => reporter.report(d),
    }
    search.publish(reporter, &mut extra)?;
    timer.lap("search index and A–Z pages");
    // Fallback pages stand in for translations: only real pages are in the sitemap.
    let sitemap: Vec<SitemapEntry> = sites
        .iter()
        .flat_map(|s| &s.model.pages)
        .filter(|p| !p.fallback)
        .map(|p| SitemapEntry {
            url: &p.url,
            lastmod: p.meta.updated.as_deref().or(p.meta.date.as_deref()),
        })
        .collect();
    extra(
        "sitemap.xml",
        "the sitemap",
        outputs::sitemap::sitemap(&config, &sitemap).into_bytes(),
    )?;
    extra(
        "robots.txt",
        "robots.txt",
        outputs::robots(&config).into_bytes(),
    )?;
    if let (Some(section), Some(_)) = (&feed, &feed_url) {
        let title = model
            .page_at(section)
            .map(|p| p.meta.title.as_str())
            .unwrap_or("News");
        let mut entries: Vec<FeedEntry> = feed_entries
            .iter()
            .filter_map(|(p, html)| {
                Some(FeedEntry {
                    title: &p.meta.title,
                    url: &p.url,
                    date: p.meta.date.as_deref()?,
                    updated: p.meta.updated.as_deref(),
                    summary: p.meta.description.as_deref(),
                    content_html: html,
                })
            })
            .collect();
        entries.sort_by(|a, b| b.date.cmp(a.date).then_with(|| a.title.cmp(b.title)));
        let rel = format!("{}atom.xml", section.trim_start_matches('/'));
        extra(
            &rel,
            "the news feed",
            outputs::feed::atom(
                &config,
                title,
                section,
                &format!("{section}atom.xml"),
                &entries,
            )
            .into_bytes(),
        )?;
    }
    // A chart from charts.yaml may show on several pages: its files are written once.
    // Two different charts with one id are an error.
    let mut chart_ids: std::collections::HashMap<String, (String, String)> = Default::default();
    charts.retain(
        |chart| match chart_ids.get(&format!("{}/{}", chart.folder, chart.id)) {
            Some((_, svg)) if *svg == chart.svg_file => false,
            Some((first, _)) => {
                reporter.report(
                    Diagnostic::error(format!("two charts have the id \"{}\"", chart.id))
                        .in_file(chart.place.clone())
                        .help(format!(
                            "the other one is in {first}; give each chart its own id"
                        )),
                );
                false
            }
            None => {
                chart_ids.insert(
                    format!("{}/{}", chart.folder, chart.id),
                    (chart.place.clone(), chart.svg_file.clone()),
                );
                true
            }
        },
    );
    for chart in &charts {
        let text: String = chart.scene.texts().collect::<Vec<_>>().join(" ");
        let missing = crate::charts::fonts::undrawable(&text);
        if !missing.is_empty() {
            let sample: String = missing.iter().take(8).collect();
            reporter.report(
                Diagnostic::warning(format!("no font on this computer can draw the characters {sample} of chart \"{}\" in its PNG picture", chart.id))
                    .in_file(chart.place.clone())
                    .help("install a font for this script (on Debian or Ubuntu: fonts-noto-cjk for Chinese, Japanese and Korean), or put a .ttf or .otf file in the site's fonts/ folder; the web page's chart is not affected"),
            );
        }
    }
    for c in &charts {
        for file in ["svg", "png", "csv", "txt", "-slide.png"] {
            let dot = if file.starts_with('-') { "" } else { "." };
            claims.claim(
                &format!("{}/{}{dot}{file}", c.folder, c.id),
                Source::made(format!("chart \"{}\" ({})", c.id, c.place), c.place.clone()),
            );
        }
    }
    let (statics, skipped) = statics::static_files(&config, &found.assets);
    reporter.report_all(skipped);
    for (from, rel) in &statics {
        let shown = from.strip_prefix(&config.root).unwrap_or(from);
        claims.claim(
            rel,
            Source::file(shown.to_string_lossy().replace('\\', "/")),
        );
    }
    if opts.mode == Mode::Serve {
        claims.claim(
            RELOAD_SCRIPT,
            Source::made(
                "the dev server's reload script",
                crate::load::config::CONFIG_FILE,
            ),
        );
    }
    reporter.report_all(claims.take_problems());
    let files = claims.files();
    // The chart pictures are drawn while the theme's files are copied and the site-wide
    // checks run: the checks need only the list of files, not the files.
    let (chart_files, (copied, site_wide)) = rayon::join(
        || {
            charts
                .par_iter()
                .map(|c| crate::write::chart_files::write_chart(c, staging.as_ref()))
                .collect::<Vec<Result<bool>>>()
        },
        || {
            let copied = statics
                .par_iter()
                .map(|(from, rel)| statics::publish(from, rel, &config, staging.as_ref()))
                .collect::<Result<Vec<_>>>();
            (copied, site_wide_checks(&reports, &files, &config, opts))
        },
    );
    for r in chart_files {
        r?;
    }
    reporter.report_all(copied?.into_iter().flatten());
    reporter.report_all(site_wide);
    timer.lap("outputs and site-wide checks");
    if let Some(path) = &opts.report {
        checks::report::sort_worst_first(&mut rows);
        // A report named .json holds the figures for tools; any other name, the HTML page.
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            crate::write::write_file(&opts.root, path, &checks::report::json(&rows))?;
        } else {
            let html = ctx.render_report(&rows, reporter)?;
            crate::write::write_file(&opts.root, path, html.as_bytes())?;
        }
    }

    if reporter.errors() > 0 {
        return Err(fail(reporter));
    }
    if let Some(s) = staging {
        // A build serve gave up on must not replace the site it went on serving.
        if let Err(e) = still_wanted(&templates) {
            drop(s);
            return Err(e);
        }
        s.commit()?;
    }
    timer.lap("swap");
    let (briefs, books) = word_and_epub(&sites);
    let printable = briefs
        .iter()
        .map(|b| (b.page.clone(), b.lang.clone()))
        .collect();
    let pages = sites.iter().map(|s| s.model.pages.len()).sum();
    // `build` and `check` end right after this: freeing every page, model and source
    // one by one takes 8 ms at 1,000 pages and 87 ms at 10,000, for memory the
    // operating system takes back at once when the process ends. The dev server builds
    // again and again, so it frees them.
    if opts.mode != Mode::Serve {
        std::mem::forget((reports, sites, found));
    }
    Ok(Summary {
        front_matter,
        printable,
        briefs,
        books,
        pages,
        charts: charts.len(),
        warnings: reporter.warnings(),
        errors: reporter.errors(),
        suggestions: reporter.suggestions(),
        elapsed: timer.start.elapsed(),
        timings: timer.timings,
    })
}

/// Where a page's output comes from, in words: its file, and its language when that is
/// not the default one.
fn page_source(page: &Page, site: &LangSite) -> Source {
    let what = if site.lang.is_default {
        page.file.clone()
    } else if page.url == site.model.home {
        format!(
            "the home page of language \"{}\" ({})",
            site.lang.code, page.file
        )
    } else {
        format!("{} in language \"{}\"", page.file, site.lang.code)
    };
    Source::made(what, page.file.clone())
}

/// The section whose pages make the Atom feed: `feed_section` in site.toml, or `news`.
/// A hash of each page file's front matter (the text before its body).
fn front_matter_hashes(sites: &[LangSite]) -> std::collections::HashMap<String, u64> {
    let mut out = std::collections::HashMap::new();
    for site in sites {
        for page in site.model.pages.iter().filter(|p| !p.fallback) {
            if let Some(src) = page.source.map(|i| &site.sources[i]) {
                out.insert(
                    src.file.clone(),
                    front_matter_hash(&src.text[..page.body_offset.min(src.text.len())]),
                );
            }
        }
    }
    out
}

/// The hash [`Summary::front_matter`] holds for a front matter's text.
pub fn front_matter_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// Every template named in front matter must exist; says which do not.
fn check_template_names(sites: &[LangSite], templates: &Templates, reporter: &Reporter) -> bool {
    let mut ok = true;
    for site in sites {
        for page in site.model.pages.iter().filter(|p| !p.fallback) {
            let Some(t) = &page.meta.template else {
                continue;
            };
            if templates.has(&t.value) {
                continue;
            }
            let names: Vec<&str> = templates.names().collect();
            let mut d = Diagnostic::error(format!("there is no template named \"{}\"", t.value));
            if let Some(src) = page.source.map(|i| &site.sources[i]) {
                d = d.at(&page.file, &src.text, t.line, t.column);
            }
            d = match crate::text::diagnostics::did_you_mean(&t.value, names.iter().copied()) {
                Some(s) => d.help(format!("did you mean template: {s}?")),
                None => d.help(format!("templates available: {}", names.join(", "))),
            };
            reporter.report(d);
            ok = false;
        }
    }
    ok
}

/// The checks that look at the whole site: links between pages and to files, pictures,
/// and the theme's colour contrast.
fn site_wide_checks(
    reports: &[PageReport],
    files: &HashSet<String>,
    config: &SiteConfig,
    opts: &BuildOptions,
) -> Vec<Diagnostic> {
    let mut out = without_ignored(
        reports,
        checks::links::check_links(reports, files, &config.checks),
    );
    out.extend(checks::images::check_images(reports, &config.checks));
    if opts.checks {
        out.extend(checks::contrast::check_theme(
            &opts.root,
            &config.theme_dir(),
            &config.checks,
        ));
    }
    out
}

/// The problems left once each page's `ignore` list (front matter) is applied.
fn without_ignored(reports: &[PageReport], found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let ignored = |d: &Diagnostic, r: &PageReport| {
        d.rule
            .as_ref()
            .is_some_and(|rule| r.ignored.iter().any(|i| i == rule))
    };
    found
        .into_iter()
        .filter(|d| {
            let page = reports
                .iter()
                .find(|r| d.location.as_ref().is_some_and(|l| l.file == r.file));
            !page.is_some_and(|r| ignored(d, r))
        })
        .collect()
}

fn feed_section(config: &SiteConfig, model: &SiteModel) -> Option<String> {
    let wanted = config.feed_section.clone().unwrap_or_else(|| "news".into());
    let url = format!("/{}/", wanted.trim_matches('/'));
    model
        .page_at(&url)
        .filter(|p| p.kind == PageKind::Section)
        .map(|_| url)
}

/// The output file of a page address: `/a/b/` is written to `a/b/index.html`.
pub fn output_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// What `plainsite brief --docx` and `plainsite epub` make from the written site.
fn word_and_epub(
    sites: &[LangSite],
) -> (
    Vec<crate::outputs::docx::Brief>,
    Vec<crate::outputs::epub::Book>,
) {
    let rtl = |s: &LangSite| s.lang.dir == "rtl";
    let briefs = sites
        .iter()
        .flat_map(|s| {
            s.model
                .pages
                .iter()
                .filter(|p| p.template == "brief.html" && !p.fallback)
                .map(move |p| crate::outputs::docx::Brief::new(p, &s.config, rtl(s)))
        })
        .collect();
    let books = sites
        .iter()
        .map(|s| crate::outputs::epub::book(&s.config, &s.lang, &s.model))
        .collect();
    (briefs, books)
}

/// The default output folder of a site.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
