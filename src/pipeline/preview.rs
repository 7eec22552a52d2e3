//! The page editor's live preview (`serve --edit`): one page rendered and checked from
//! text the author has not saved, by the same phases as a build (front matter, Markdown,
//! the plain-language and HTML checks, the template), with the rest of the site read
//! from disk as it is. Nothing is written: the page is held in memory (see
//! [`Staging::preview`]) and handed back with its figures and problems.

use std::collections::HashSet;

use super::{discover_files, load_languages, load_templates, output_path, pages, Loaded, Mode};
use super::{BuildOptions, Staging};
use crate::checks::report::PageProblems;
use crate::load::config;
use crate::text::diagnostics::{Diagnostic, Reporter};

/// A page rendered from unsaved text.
#[derive(Debug, Default)]
pub struct Preview {
    /// The page's figures and problems, as the author view shows them; none when the
    /// text did not make the page (its front matter does not parse).
    pub page: Option<PageProblems>,
    /// The whole page as the site would serve it.
    pub html: Option<String>,
    /// Problems that stopped the page from being made (front matter, templates).
    pub errors: Vec<Diagnostic>,
}

/// Renders the page at `url`, made from `file` (a path under `content/`), with `text`
/// in place of the file's saved text. `opts` are serve's own.
pub fn preview(opts: &BuildOptions, file: &str, url: &str, text: &str) -> Preview {
    let reporter = Reporter::new().keep_all();
    let only: HashSet<String> = [file.to_string()].into();
    let (overdue, _stuck) = std::sync::mpsc::channel();
    let opts = BuildOptions {
        only: Some(only),
        mode: Mode::Serve,
        checks: true,
        report: None,
        since: None,
        today: None,
        cancel: None,
        overdue: Some(overdue),
        ..opts.clone()
    };
    let mut out = Preview::default();
    let config = match config::load(&opts.root, &opts.overrides) {
        Ok(c) => c,
        Err(problems) => {
            out.errors = problems;
            return out;
        }
    };
    let mut found = discover_files(&config, &reporter);
    for source in found.sources.iter_mut().filter(|s| s.file == file) {
        source.text = text.into();
    }
    let sites = load_languages(&found, &config, &opts, &reporter);
    let staging = Staging::preview(&opts.root, &opts.output).ok();
    let Ok(templates) = load_templates(&opts, &config, &sites, None, &reporter) else {
        out.errors = errors_in(&reporter, file);
        return out;
    };
    let theme = super::theme_checks(&opts, &config);
    let site = Loaded::new(&opts, &config, &sites, &templates, &found, staging, theme);
    let mut rendered = pages::render(&site, &reporter);
    out.page = rendered.author.drain(..).find(|p| p.url == url);
    out.html = out.page.as_ref().and_then(|p| {
        let held = site.staging.as_ref()?.held(&output_path(&p.url))?;
        String::from_utf8(held).ok()
    });
    if out.page.is_none() {
        out.errors = errors_in(&reporter, file);
    }
    out
}

/// The errors reported about `file`.
fn errors_in(reporter: &Reporter, file: &str) -> Vec<Diagnostic> {
    let shown = format!("content/{file}");
    reporter
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == crate::text::diagnostics::Severity::Error)
        .filter(|d| d.file().is_none_or(|f| f == shown))
        .collect()
}
