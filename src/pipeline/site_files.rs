//! The site-wide phase, after every page is rendered: each output of
//! [`crate::outputs::all`] claims and writes its files, the static files are claimed,
//! then the slow outputs (chart pictures) are written while the static files are
//! copied and the checks that need the list of every output file run.

use std::collections::HashSet;

use super::pages::Rendered;
use super::render::RenderContext;
use super::search::Indexing;
use super::{site_wide_checks, statics, Loaded, Mode, AUTHOR_SCRIPT, RELOAD_SCRIPT};
use crate::charts::ChartOutput;
use crate::outputs::claims::Source;
use crate::outputs::{self, Built, Files, Store};
use crate::text::diagnostics::{Diagnostic, Reporter};
use crate::text::error::Result;

/// The charts to write, each once: a chart from charts.yaml may show on several pages.
/// Two different charts with one id are an error.
pub(super) fn unique_charts(mut charts: Vec<ChartOutput>, reporter: &Reporter) -> Vec<ChartOutput> {
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
    charts
}

/// Makes every output and copies the static files, then runs the site-wide checks; the
/// search index is built meanwhile on a thread of its own (see `Search::start`).
pub(super) fn make(
    site: &Loaded,
    pages: &mut Rendered,
    charts: &[ChartOutput],
    theme: &RenderContext,
    reporter: &Reporter,
) -> Result<()> {
    let search = std::mem::take(&mut pages.search);
    let store = site.staging.as_ref().map(|s| s as &dyn Store);
    std::thread::scope(|scope| {
        let indexing = search.start(scope, store);
        make_with(site, pages, (charts, theme), reporter, indexing)
    })
}

/// [`make`] once the search index is being built: `indexing` is claimed among the other
/// outputs and waited for after the slow ones.
fn make_with(
    site: &Loaded,
    pages: &mut Rendered,
    (charts, theme): (&[ChartOutput], &RenderContext),
    reporter: &Reporter,
    mut indexing: Indexing,
) -> Result<()> {
    let redirects;
    let mut built = Built {
        redirects: &[],
        since: site.opts.since.as_deref(),
        config: site.config,
        models: site.sites.iter().map(|s| &s.model).collect(),
        feed: site.feed.as_deref().map(|f| (f, &pages.feed_entries[..])),
        charts,
        people: &site.sites[0].data.people,
        changes: &site.sites[0].data.changes,
        theme,
    };
    let store = site.staging.as_ref().map(|s| s as &dyn Store);
    let list = outputs::all();
    let mut files = Files {
        claims: &mut pages.claims,
        store,
        reporter,
    };
    for output in &list {
        super::still_wanted(site.templates)?;
        output.make(&built, &mut files)?;
    }
    super::still_wanted(site.templates)?;
    indexing.claim(reporter, &mut files)?;
    let statics = claim_statics(site, &mut files);
    reporter.report_all(names_in_files(site, &statics));
    // Every other file is claimed: an old address must not land on one of them.
    let problems;
    (redirects, problems) = checked_redirects(site, files.claims);
    reporter.report_all(problems);
    built.redirects = &redirects;
    for output in outputs::last() {
        output.make(&built, &mut files)?;
    }
    reporter.report_all(pages.claims.take_problems());
    let all_files = pages.claims.files();
    // The chart pictures are drawn while the theme's files are copied and the site-wide
    // checks run: the checks need only the list of files, not the files.
    let (slow, (copied, site_wide)) = rayon::join(
        || {
            list.iter()
                .map(|o| o.make_slow(&built, store))
                .collect::<Vec<_>>()
        },
        || {
            let copied = copy_statics(site, &statics, &pages.reports);
            (
                copied,
                site_wide_checks(site, &pages.reports, &all_files, &site.site_problems),
            )
        },
    );
    for problems in slow {
        reporter.report_all(problems?);
    }
    reporter.report_all(copied?.into_iter().flatten());
    reporter.report_all(site_wide);
    let mut files = Files {
        claims: &mut pages.claims,
        store,
        reporter,
    };
    indexing.finish(&mut files)?;
    reporter.report_all(pages.claims.take_problems());
    weigh_pages(site, pages, reporter);
    Ok(())
}

/// Each page's weight from the written files, and a warning for each page over the
/// budget. A build weighs the folder it wrote; `check` writes nothing, so for its author
/// report it weighs the last build's folder, if there is one, and warns about nothing.
/// Serve writes in place only at the end, so it does not weigh pages.
fn weigh_pages(site: &Loaded, pages: &mut Rendered, reporter: &Reporter) {
    use crate::outputs::page_weight::{over_budget, weigh};
    let dir = match site.staging.as_ref() {
        Some(s) if s.is_temporary() => s.path().to_path_buf(),
        None if site.opts.report.is_some() => site.opts.root.join(&site.opts.output),
        _ => return,
    };
    pages.weights = weigh(&dir, &pages.reports, &site.images);
    if site.staging.is_some() {
        let budget = site.config.page_weight_budget;
        reporter.report_all(over_budget(&pages.weights, budget, &site.config.checks));
    }
}

/// The site's old addresses, each checked against every file the build claimed and
/// every file another command may write; and the problems found.
fn checked_redirects(
    site: &Loaded,
    claims: &crate::outputs::claims::Claims,
) -> (Vec<outputs::redirects::RedirectTo>, Vec<Diagnostic>) {
    let exports = export_files(site);
    super::addresses::redirects(site.sites, &|file| {
        let file = file.to_lowercase();
        let in_the_way = |p: &str| {
            let p = p.to_lowercase();
            p == file || file.starts_with(&format!("{p}/")) || p.starts_with(&format!("{file}/"))
        };
        if let Some((path, command)) = exports.iter().find(|(p, _)| in_the_way(p)) {
            return Some(format!("where `{command}` writes {path}"));
        }
        let (path, source) = claims.taken(&file)?;
        Some(format!("where the build writes {path} ({})", source.what))
    })
}

/// Every file another command may make from the site (see [`outputs::export_files`]).
fn export_files(site: &Loaded) -> Vec<(String, &'static str)> {
    let books: Vec<(&str, &str)> = site
        .sites
        .iter()
        .map(|s| (s.config.base_url.as_str(), s.lang.code.as_str()))
        .collect();
    outputs::export_files(&super::briefs(site.sites), &books)
}

/// Claims the static files (and, when serving, the reload script); returns them as
/// (source, path in the output).
fn claim_statics(site: &Loaded, files: &mut Files) -> Vec<(std::path::PathBuf, String)> {
    let config = site.config;
    let (statics, skipped) = statics::static_files(config, &site.found.assets);
    files.reporter.report_all(skipped);
    let mut statics = statics;
    statics.retain(|(from, rel)| {
        let shown = from.strip_prefix(&config.root).unwrap_or(from);
        files.claim(
            rel,
            Source::file(shown.to_string_lossy().replace('\\', "/")),
        )
    });
    if site.opts.mode == Mode::Serve {
        files.claim(
            RELOAD_SCRIPT,
            outputs::made("the dev server's reload script"),
        );
        files.claim(AUTHOR_SCRIPT, outputs::made("the dev server's author view"));
    }
    statics
}

/// The text files among `statics` (notes, tables, calendars copied as they are) that
/// name in full someone who did not agree to it: pages are checked as they render.
fn names_in_files(site: &Loaded, statics: &[(std::path::PathBuf, String)]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    const TEXT: &[&str] = &[
        "bib", "csv", "htm", "html", "ics", "json", "ris", "rtf", "svg", "tex", "tsv", "txt",
        "vcf", "xml", "yaml", "yml",
    ];
    const MOST_BYTES: u64 = 16 << 20;
    let people = &site.sites[0].data.people;
    let hidden = crate::checks::credit::hidden_names(people, crate::load::people::Channel::Site);
    if hidden.is_empty() {
        return Vec::new();
    }
    let is_text = |rel: &str| {
        let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
        TEXT.iter().any(|t| t.eq_ignore_ascii_case(ext))
    };
    statics
        .par_iter()
        .filter_map(|(from, rel)| {
            let shown = from.strip_prefix(&site.config.root).unwrap_or(from);
            let shown = shown.to_string_lossy().replace('\\', "/");
            // A file of any kind is checked by its name; a text file by its words too.
            let small = std::fs::metadata(from).is_ok_and(|m| m.len() <= MOST_BYTES);
            let text = match is_text(rel) && small {
                true => std::fs::read(from)
                    .map(|b| as_text(&b, rel))
                    .unwrap_or_default(),
                false => String::new(),
            };
            crate::checks::credit::names_in_file(&text, &shown, &hidden, &site.config.checks.allow)
        })
        .collect()
}

/// A text file's words: UTF-16 (as Excel and Notepad save) or UTF-8, with the
/// character references of HTML, SVG and XML decoded.
fn as_text(bytes: &[u8], rel: &str) -> String {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks_exact(2).map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    };
    let ext = rel
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "htm" | "html" | "svg" | "xml" => crate::text::html_scan::decode(&text),
        _ => text,
    }
}

/// Copies the static files, in parallel; returns the problems found in each, naming
/// the pages (of `reports`) that show an image with a problem.
fn copy_statics(
    site: &Loaded,
    statics: &[(std::path::PathBuf, String)],
    reports: &[crate::checks::PageReport],
) -> Result<Vec<Vec<Diagnostic>>> {
    use rayon::prelude::*;
    let used_on = images_used_on(reports);
    statics
        .par_iter()
        .map(|(from, rel)| {
            let pages = used_on.get(rel.as_str()).map_or(&[][..], |p| &p[..]);
            statics::publish(from, rel, site.config, site.staging.as_ref(), pages)
        })
        .collect::<Result<Vec<_>>>()
}

/// For each image a page shows (its path in the output), the files of those pages, in
/// page order, each once.
fn images_used_on(
    reports: &[crate::checks::PageReport],
) -> std::collections::HashMap<&str, Vec<String>> {
    let mut used: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for report in reports {
        for link in report.scan.links.iter().filter(|l| l.kind == "image") {
            let pages = used.entry(link.target.trim_start_matches('/')).or_default();
            if !pages.contains(&report.file) {
                pages.push(report.file.clone());
            }
        }
    }
    used
}

/// The files a one-page update may link to: those of the last build.
pub(super) fn previous_files(site: &Loaded) -> HashSet<String> {
    site.staging
        .as_ref()
        .map(|s| s.previous_files())
        .unwrap_or_default()
}
