//! The build pipeline: runs the stages in the order `lib.rs` lists them, as a flat list
//! of phases in [`run`] (config, discover, languages, templates, pages, site-wide
//! outputs and checks, report, swap), times each one, and reports every problem it can
//! reach in one run. `build`, `check` and `serve` all run it; `check` writes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod addresses;
mod chart_names;
mod deck;
mod language;
mod missing_translations;
mod one_page;
mod pages;
mod preview;
mod render;
mod safe_data;
mod search;
mod site_files;
mod statics;
mod warm;
mod words;

use crate::checks::{self, PageReport};
use crate::load::config::{self, Overrides, SiteConfig};
use crate::load::discover::{self, Discovered};
use crate::model::{Page, PageKind, SiteModel};
use crate::outputs::claims::Source;
use crate::text::diagnostics::{Diagnostic, Reporter};
use crate::text::error::{Error, Result};
use crate::theme::templates::Templates;
use crate::write::Staging;
use language::LangSite;
pub use preview::{preview, Preview};
use render::RenderContext;
pub use warm::Kept;

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
    /// `check --since`: a manifest or an earlier output folder whose addresses must
    /// all still exist or redirect.
    pub since: Option<PathBuf>,
    /// `check` only: warn about pages whose review is due on or before this date.
    pub today: Option<String>,
    /// Serve mode: a render past render_time_limit sends its message here and the
    /// build is abandoned, instead of ending the process.
    pub overdue: Option<std::sync::mpsc::Sender<String>>,
    /// Serve mode: set to give this build up. Pages not yet rendered are skipped and no
    /// later phase runs; the render watchdog sets it when a render runs too long, so the
    /// threads of a build it abandoned stop after the page they are on.
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

/// A file another command made that a build kept: its path in the output folder, and
/// the command.
pub type KeptFile = (PathBuf, String);

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
    /// Files a command's [`Finish`] added (PDFs, Word files, EPUBs), in the output folder.
    pub made: Vec<PathBuf>,
    /// Files another command made earlier that this build kept (see
    /// [`crate::outputs::Export::command`]).
    pub kept: Vec<KeptFile>,
    /// For each page file under `content/`, a hash of its front matter: an edit that
    /// keeps it the same changes no other page, so serve can re-render that page alone.
    pub front_matter: std::collections::HashMap<String, u64>,
    /// Serve mode only: each page's figures and problems, for the author view.
    pub author: Vec<checks::report::PageProblems>,
    /// Serve mode only: the loaded site, for the one-page updates after this build.
    pub warm: Kept,
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
/// The address of the dev server's author view script.
pub const AUTHOR_SCRIPT: &str = "__plainsite/author.js";

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

/// An error when serve abandoned this build (a render ran too long) or cancelled it.
fn still_wanted(templates: &Templates) -> Result<()> {
    if templates.watchdog.abandoned() {
        return Err(Error::RenderStopped(
            "this build was stopped: a template ran too long".into(),
        ));
    }
    Ok(())
}

pub use crate::outputs::Written;

/// What a command makes from the written site (see [`crate::outputs::Export`]).
pub type Finish<'a> = &'a dyn crate::outputs::Export;

/// Runs the pipeline. Problems in the site are reported through `reporter`; the run
/// fails with [`Error::BuildFailed`] when any of them is an error, and the output folder
/// is then left as it was. Each phase is one call, in the order data flows, like Zola's
/// `Site::build`; a new output is not a phase but one file in [`crate::outputs`].
pub fn run(opts: &BuildOptions, reporter: &Reporter) -> Result<Summary> {
    run_then(opts, reporter, None)
}

/// [`run`], with `finish` adding its files (an [`crate::outputs::Export`]) to the
/// written site before the swap; when it fails, the output folder is left as it was.
pub fn run_then(
    opts: &BuildOptions,
    reporter: &Reporter,
    finish: Option<Finish>,
) -> Result<Summary> {
    let mut timer = Timer::new();
    let (config, staging) = start(opts, reporter)?;
    if opts.checks {
        rayon::spawn(crate::checks::warm_up);
    }
    let langs: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    rayon::spawn(move || {
        crate::outputs::cite_styles::warm_up(langs.iter().map(String::as_str));
    });
    timer.lap("config");
    let mut found = discover_files(&config, reporter);
    timer.lap("discover");
    let sites = load_languages(&found, &config, opts, reporter);
    withhold_photos(&mut found, &sites);
    timer.lap("front matter and data");
    let templates = load_templates(opts, &config, &sites, staging.as_ref(), reporter)?;
    timer.lap("templates loaded");
    let theme = theme_checks(opts, &config);
    let site = Loaded::new(
        opts,
        &config,
        &sites,
        &templates,
        &found,
        staging,
        theme.clone(),
    );
    reporter.report_all(no_feed(&config, site.feed.is_none()));
    let mut pages = pages::render(&site, reporter);
    timer.lap("pages rendered, checked and written");
    still_wanted(&templates)?;
    let front_matter = front_matter_hashes(&sites);
    if site.only.is_some() {
        let files = site_files::previous_files(&site);
        return one_page::finish(site, pages, &files, reporter, timer, front_matter);
    }
    let charts = site_files::unique_charts(std::mem::take(&mut pages.charts), reporter);
    site_wide(&site, &mut pages, &charts, reporter)?;
    timer.lap("outputs, site-wide checks and the author report");
    let (made, kept) = commit(site.staging, &templates, reporter, finish, &sites)?;
    timer.lap("swap");
    let summary = Summary {
        charts: charts.len(),
        front_matter,
        made,
        kept,
        author: std::mem::take(&mut pages.author),
        ..Summary::of(&sites, reporter, timer)
    };
    let kept = pages.into_kept(opts.mode);
    Ok(keep_for_serve(
        summary,
        opts,
        config,
        (found, sites, kept),
        (templates, theme),
    ))
}

/// Leaves out of the site the people's photos their owners did not agree to publish.
fn withhold_photos(found: &mut Discovered, sites: &[LangSite]) {
    crate::load::people::withhold_photos(
        &mut found.assets,
        sites.iter().flat_map(|s| &s.data.people),
    );
}

/// The site-wide outputs and checks, then the author report, through the default
/// language's templates (which also render the 404 page).
fn site_wide(
    site: &Loaded,
    pages: &mut pages::Rendered,
    charts: &[crate::charts::ChartOutput],
    reporter: &Reporter,
) -> Result<()> {
    let default_templates = pages.default_templates(site);
    let theme = site.render_context(&site.sites[0], &default_templates);
    site_files::make(site, pages, charts, &theme, reporter)?;
    write_report(site, pages, &theme, reporter)
}

/// The summary, with what the dev server keeps of the loaded site for its one-page
/// updates. `build` and `check` end right after this: freeing every page, model and
/// source one by one takes 8 ms at 1,000 pages and 87 ms at 10,000, for memory the
/// operating system takes back at once when the process ends, so they keep nothing and
/// free nothing (see [`Kept::new`]).
fn keep_for_serve(
    mut summary: Summary,
    opts: &BuildOptions,
    config: SiteConfig,
    (found, sites, (reports, files)): (Discovered, Vec<LangSite>, pages::Kept),
    (templates, theme): (Templates, Vec<Diagnostic>),
) -> Summary {
    summary.warm = Kept::new(opts, config, (found, sites, reports), (templates, theme));
    summary.warm.written(files.unwrap_or_default());
    summary
}

/// What the phases after loading share: the options, the loaded site and where it goes.
pub(crate) struct Loaded<'a> {
    opts: &'a BuildOptions,
    config: &'a SiteConfig,
    sites: &'a [LangSite],
    templates: &'a Templates,
    found: &'a Discovered,
    staging: Option<Staging>,
    /// The news section's address, whose pages make the feed (default language only).
    feed: Option<String>,
    assets: HashSet<String>,
    images: crate::load::images::ImageSizes,
    versions: language::Versions,
    /// The files more than one page is made from (see [`language::shared_files`]).
    shared_files: HashSet<String>,
    /// Serve's one-page update: the files whose pages are rendered again.
    only: Option<&'a HashSet<String>>,
    /// The site's own problems, on no one page: the theme's colour contrast. Found
    /// before the pages, as the accessibility statement lists them; reported with the
    /// other site-wide checks.
    site_problems: Vec<Diagnostic>,
}

impl<'a> Loaded<'a> {
    fn new(
        opts: &'a BuildOptions,
        config: &'a SiteConfig,
        sites: &'a [LangSite],
        templates: &'a Templates,
        found: &'a Discovered,
        staging: Option<Staging>,
        site_problems: Vec<Diagnostic>,
    ) -> Self {
        let images = crate::load::images::sizes(
            found
                .assets
                .par_iter()
                .map(|a| (a.rel.as_str(), a.path.as_path())),
        );
        Loaded {
            opts,
            config,
            sites,
            templates,
            found,
            staging,
            feed: feed_section(config, &sites[0].model),
            assets: found.assets.iter().map(|a| a.rel.clone()).collect(),
            images,
            versions: language::versions(sites),
            shared_files: language::shared_files(sites),
            only: opts.only.as_ref().filter(|_| opts.mode == Mode::Serve),
            site_problems,
        }
    }

    /// The address of the news feed, when the site has one.
    fn feed_url(&self) -> Option<String> {
        self.feed
            .as_deref()
            .map(|f| self.config.site_path(&format!("{f}atom.xml")))
    }

    /// What rendering `site`'s pages through `templates` needs.
    fn render_context<'b>(
        &'b self,
        site: &'b LangSite,
        templates: &'b Templates,
    ) -> RenderContext<'b> {
        RenderContext {
            site,
            default_site: &self.sites[0],
            templates,
            assets: &self.assets,
            images: &self.images,
            staging: self.staging.as_ref(),
            mode: self.opts.mode,
            feed: self.feed.as_deref().filter(|_| site.lang.is_default),
            checks: self.opts.checks,
            versions: &self.versions,
            shared_files: &self.shared_files,
            languages: &self.config.languages,
            offline_assets: Default::default(),
            only: self.only,
            site_problems: &self.site_problems,
            rows: self.opts.report.is_some() || self.opts.mode == Mode::Serve,
        }
    }
}

/// Loads `site.toml` and prepares the staging folder (none for `check`).
fn start(opts: &BuildOptions, reporter: &Reporter) -> Result<(SiteConfig, Option<Staging>)> {
    let config = match config::load(&opts.root, &opts.overrides) {
        Ok(c) => c,
        Err(problems) => {
            reporter.report_all(problems);
            return Err(Error::BuildFailed(reporter.errors()));
        }
    };
    let only = opts.only.as_ref().filter(|_| opts.mode == Mode::Serve);
    let staging = match (opts.mode, only) {
        (Mode::Check, _) => None,
        (Mode::Serve, Some(_)) => Some(Staging::in_place(&opts.root, &opts.output)?),
        (Mode::Build | Mode::Serve, _) => Some(Staging::new_cancellable(
            &opts.root,
            &opts.output,
            opts.cancel.clone(),
        )?),
    };
    if opts.mode == Mode::Build && config.minify == config::Minify::Smallest {
        reporter.report_all(crate::write::smallest_note());
    }
    Ok((config, staging))
}

/// Finds the site's files under `content/`, after choosing the charts' fonts.
fn discover_files(config: &SiteConfig, reporter: &Reporter) -> Discovered {
    crate::charts::fonts::use_site_fonts(&config.root.join("fonts"));
    let codes: Vec<String> = config
        .languages
        .iter()
        .skip(1)
        .map(|l| l.code.clone())
        .collect();
    let (found, problems) = discover::discover(&config.content_dir(), &codes);
    reporter.report_all(problems);
    found
}

/// Loads each language's front matter, data and model, and checks the words that are
/// not on any one page (translations gone stale, the charts' and the theme's words).
fn load_languages(
    found: &Discovered,
    config: &SiteConfig,
    opts: &BuildOptions,
    reporter: &Reporter,
) -> Vec<LangSite> {
    let mut sites: Vec<LangSite> = config
        .languages
        .iter()
        .map(|lang| {
            language::load(
                &found.sources,
                lang,
                config,
                (opts.drafts, opts.checks),
                reporter,
            )
        })
        .collect();
    language::title_stand_ins(&mut sites);
    if opts.checks {
        reporter.report_all(language::stale_translations(&sites));
        reporter.report_all(missing_translations::missing_translations(&sites));
        reporter.report_all(crate::load::builtin_theme::behind(config));
        reporter.report_all(sites.iter().flat_map(words::check_chart_words));
        reporter.report_all(sites.iter().flat_map(words::check_theme_words));
        reporter.report_all(sites.iter().flat_map(words::check_people_words));
        reporter.report_all(sites.iter().flat_map(words::check_data_words));
        reporter.report_all(sites.iter().flat_map(words::check_site_words));
    }
    // Pages say what safe mode removes while they render; the data files' text is
    // cleaned by the theme, which cannot say so.
    if config.safe {
        reporter.report_all(sites.iter().flat_map(safe_data::removals));
    }
    if let Some(today) = &opts.today {
        reporter.report_all(
            sites
                .iter()
                .flat_map(|s| checks::review::due(&s.model.pages, &s.sources, today)),
        );
    }
    sites
}

/// Loads the theme's templates, ties their watchdog to this build, and checks that
/// every template a page names exists.
fn load_templates(
    opts: &BuildOptions,
    config: &SiteConfig,
    sites: &[LangSite],
    staging: Option<&Staging>,
    reporter: &Reporter,
) -> Result<Templates> {
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
            return Err(Error::BuildFailed(reporter.errors()));
        }
    };
    watch_templates(&templates, opts, staging);
    if !check_template_names(sites, &templates, reporter) {
        return Err(Error::BuildFailed(reporter.errors()));
    }
    Ok(templates)
}

/// Ties the templates' watchdog to this build: its staging folder, serve's message
/// channel and cancel flag.
fn watch_templates(templates: &Templates, opts: &BuildOptions, staging: Option<&Staging>) {
    if let Some(s) = staging {
        templates.watchdog.set_cleanup(s.abandoner());
    }
    if let Some(to) = &opts.overdue {
        templates.watchdog.abandon_to(to.clone());
    }
    if let Some(flag) = &opts.cancel {
        templates.watchdog.cancel_with(std::sync::Arc::clone(flag));
        staging.inspect(|s| s.cancel_with(std::sync::Arc::clone(flag)));
    }
}

/// Writes the author report when one was asked for: figures for tools in a file named
/// `.json`, the HTML page under any other name.
fn write_report(
    site: &Loaded,
    pages: &mut pages::Rendered,
    theme: &RenderContext,
    reporter: &Reporter,
) -> Result<()> {
    let Some(path) = &site.opts.report else {
        return Ok(());
    };
    crate::write::refuse_in_output(path, &site.opts.output, "the author report")?;
    let rows = &mut pages.rows;
    checks::report::sort_worst_first(rows);
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let json = checks::report::json(rows);
        return crate::write::write_over_own(&site.opts.root, path, &json, checks::report::is_json);
    }
    let heaviest = crate::outputs::page_weight::heaviest(&pages.weights, 10);
    // What each language lacks: site-wide, so on no page's row.
    let untranslated: Vec<(String, String)> =
        (missing_translations::missing_translations(site.sites).into_iter())
            .map(|d| {
                let place = d
                    .location
                    .as_ref()
                    .map_or_else(String::new, |l| format!("{}:{}", l.file, l.line));
                (place, d.message)
            })
            .collect();
    let html =
        theme.render_report(rows, &heaviest, &untranslated, reporter)? + checks::report::HTML_MARK;
    crate::write::write_over_own(
        &site.opts.root,
        path,
        html.as_bytes(),
        checks::report::is_html,
    )
}

/// Replaces the output folder with the staging folder, unless the run found an error
/// or serve gave this build up. Returns the files `finish` made and those of other
/// commands the build kept.
fn commit(
    staging: Option<Staging>,
    templates: &Templates,
    reporter: &Reporter,
    finish: Option<Finish>,
    sites: &[LangSite],
) -> Result<(Vec<PathBuf>, Vec<KeptFile>)> {
    if reporter.errors() > 0 {
        return Err(Error::BuildFailed(reporter.errors()));
    }
    let Some(s) = staging else {
        return Ok(Default::default());
    };
    // Before the slow work of a command's own export (a PDF printed, a book made): a
    // file the swap would lose stops the command before it. A build's Word files (of
    // briefs asking for one) take no longer than the swap's own look (see
    // `Staging::commit`), which is then the only one: the output folder is walked once.
    if finish.is_some_and(|f| f.command().is_some()) {
        s.check_old()?;
    }
    // A build serve gave up on must not replace the site it went on serving.
    if let Err(e) = still_wanted(templates) {
        drop(s);
        return Err(e);
    }
    let mut made = Vec::new();
    if let Some(finish) = finish {
        let (briefs, books) = (briefs(sites), books(sites));
        let no_settings = crate::text::rule::CheckConfig::default();
        let written = Written {
            dir: s.path(),
            output: s.output(),
            briefs: &briefs,
            books: &books,
            checks: sites.first().map_or(&no_settings, |s| &s.config.checks),
            problems: Default::default(),
        };
        let rels = finish.export(&written)?;
        reporter.report_all(written.problems.take());
        if reporter.errors() > 0 {
            return Err(Error::BuildFailed(reporter.errors()));
        }
        match finish.command() {
            Some(command) => s.record_made(&rels, command),
            None => s.record_written(&rels),
        }
        made = rels.iter().map(|rel| s.output().join(rel)).collect();
    }
    let output = s.output().to_path_buf();
    let kept = s.commit()?;
    let kept = kept
        .into_iter()
        .map(|(rel, command)| (output.join(rel), command))
        .collect();
    Ok((made, kept))
}

impl Summary {
    /// What a full run did, before its charts and front matter hashes are added.
    fn of(sites: &[LangSite], reporter: &Reporter, timer: Timer) -> Summary {
        let printable = briefs(sites)
            .iter()
            .map(|b| (b.page.clone(), b.lang.clone()))
            .collect();
        Summary {
            printable,
            made: Vec::new(),
            kept: Vec::new(),
            pages: sites.iter().map(|s| s.model.pages.len()).sum(),
            charts: 0,
            warnings: reporter.warnings(),
            errors: reporter.errors(),
            suggestions: reporter.suggestions(),
            elapsed: timer.start.elapsed(),
            timings: timer.timings,
            front_matter: Default::default(),
            author: Vec::new(),
            warm: Kept::default(),
        }
    }
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

/// The checks that look at the whole site: links between pages and to files, and the
/// theme's colour contrast (`theme`, found before the pages: see [`Loaded::site_problems`]).
fn site_wide_checks(
    site: &Loaded,
    reports: &[PageReport],
    files: &HashSet<String>,
    theme: &[Diagnostic],
) -> Vec<Diagnostic> {
    let config = site.config;
    let failed = not_rendered(site, reports);
    let links = checks::links::check_links_among(reports, &failed, files, &config.checks);
    let mut out = without_ignored(reports, links);
    out.extend(theme.iter().cloned());
    out
}

/// The addresses of the site's pages that have no report: a page whose rendering
/// failed, with its error reported. Its address is still the page's, so a link to it is
/// not reported broken as well, on every page that links to it.
fn not_rendered<'a>(site: &'a Loaded, reports: &[PageReport]) -> HashSet<&'a str> {
    let rendered: HashSet<&str> = reports.iter().map(|r| r.url.as_str()).collect();
    (site.sites.iter())
        .flat_map(|s| s.model.pages.iter().map(|p| p.url.as_str()))
        .filter(|url| !rendered.contains(url))
        .collect()
}

/// The theme's colour contrast, when the checks run. A full build finds it; serve's
/// one-page updates keep the full build's (see [`warm`]), as only a page's text changed.
fn theme_checks(opts: &BuildOptions, config: &SiteConfig) -> Vec<Diagnostic> {
    if !opts.checks {
        return Vec::new();
    }
    checks::contrast::check_theme(&opts.root, &config.theme_dir(), &config.checks)
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

/// The section whose pages make the Atom feed: `feed_section` in site.toml, or `news`.
fn feed_section(config: &SiteConfig, model: &SiteModel) -> Option<String> {
    let wanted = config.feed_section.clone().unwrap_or_else(|| "news".into());
    let url = format!("/{}/", wanted.trim_matches('/'));
    model
        .page_at(&url)
        .filter(|p| p.kind == PageKind::Section)
        .map(|_| url)
}

/// A warning when site.toml names a `feed_section` that is not a section of the site
/// (a typo, or a folder moved): the site would have no feed, and no word said.
fn no_feed(config: &SiteConfig, missing: bool) -> Option<Diagnostic> {
    let wanted = config.feed_section.as_ref().filter(|_| missing)?;
    let d = Diagnostic::warning(format!(
        "feed_section = \"{wanted}\" is not a section of the site, so the site has no news feed"
    ))
    .help("name a folder of content/ that has an _index.md, e.g. feed_section = \"news\"");
    Some(match config.place_of("feed_section") {
        Some((text, offset)) => d.at_offset(
            crate::load::config::CONFIG_FILE,
            &crate::text::diagnostics::LineIndex::new(text),
            text,
            offset,
        ),
        None => d.in_file(crate::load::config::CONFIG_FILE),
    })
}

/// The output file of a page address: `/a/b/` is written to `a/b/index.html`.
pub fn output_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// Every brief page that is not a fallback copy, in every language.
fn briefs(sites: &[LangSite]) -> Vec<crate::outputs::docx::Brief> {
    let rtl = |s: &LangSite| s.lang.dir == "rtl";
    sites
        .iter()
        .flat_map(|s| {
            s.model
                .pages
                .iter()
                .filter(|p| p.role() == crate::model::PageRole::Brief && !p.fallback)
                .map(move |p| crate::outputs::docx::Brief::new(p, &s.config, rtl(s)))
        })
        .collect()
}

/// One EPUB book of the site per language.
fn books(sites: &[LangSite]) -> Vec<crate::outputs::epub::Book> {
    sites
        .iter()
        .map(|s| crate::outputs::epub::book(&s.config, &s.lang, &s.model))
        .collect()
}

/// The default output folder of a site.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
