//! Serve's one-page update: after an edit that changed only a page's text, that page
//! is rendered again into the existing output with its own charts, and its links are
//! checked against the other pages and the files of the last build. Site-wide outputs
//! and checks wait for the full build that follows.

use std::collections::HashSet;

use super::pages::Rendered;
use super::{still_wanted, without_ignored, Loaded, Summary, Timer};
use crate::checks;
use crate::outputs::Store;
use crate::text::diagnostics::Reporter;
use crate::text::error::Result;

/// Ends the update: the page's charts written, its links checked against `files` (those
/// of the last build), the output committed, and the accessibility statements rendered
/// again marked as written.
pub(super) fn finish(
    site: Loaded,
    mut pages: Rendered,
    files: &HashSet<String>,
    reporter: &Reporter,
    mut timer: Timer,
    front_matter: std::collections::HashMap<String, u64>,
) -> Result<Summary> {
    check(&site, &pages, files, reporter)?;
    super::commit(site.staging, site.templates, reporter, None, site.sites)?;
    for s in site.sites {
        s.statement
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .saved();
    }
    timer.lap("written");
    Ok(Summary {
        author: std::mem::take(&mut pages.author),
        ..summary(&pages, reporter, timer, front_matter)
    })
}

/// Writes the page's charts and checks its links; `files` are those of the last build.
fn check(
    site: &Loaded,
    pages: &Rendered,
    files: &HashSet<String>,
    reporter: &Reporter,
) -> Result<()> {
    still_wanted(site.templates)?;
    let store = site.staging.as_ref().map(|s| s as &dyn Store);
    for chart in &pages.charts {
        crate::outputs::chart_files::write_chart(chart, store)?;
    }
    let reports = &pages.reports;
    // Pages an output makes (the A–Z pages) are among the model's addresses: the last
    // full build wrote them.
    let others: HashSet<&str> = site
        .sites
        .iter()
        .flat_map(|s| s.model.addresses())
        .filter(|u| !reports.iter().any(|r| r.url == *u))
        .collect();
    let links = checks::links::check_links_among(reports, &others, files, &site.config.checks);
    reporter.report_all(without_ignored(reports, links));
    Ok(())
}

/// What the update did.
fn summary(
    pages: &Rendered,
    reporter: &Reporter,
    timer: Timer,
    front_matter: std::collections::HashMap<String, u64>,
) -> Summary {
    Summary {
        pages: pages.reports.len(),
        charts: pages.charts.len(),
        warnings: reporter.warnings(),
        errors: 0,
        suggestions: reporter.suggestions(),
        elapsed: timer.start.elapsed(),
        timings: timer.timings,
        printable: Vec::new(),
        made: Vec::new(),
        kept: Vec::new(),
        front_matter,
        author: Vec::new(),
        warm: super::Kept::default(),
    }
}
