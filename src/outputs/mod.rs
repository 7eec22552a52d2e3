//! Stage 7, outputs: the files a site has besides the pages the pipeline renders. Each output
//! format is one file here implementing [`Output`]; [`all`] lists them in the order the
//! build makes them. Each is built from the model, never from the clock, so building
//! twice gives the same bytes.
//!
//! Also here: the formats other commands make from the written site, each one file
//! implementing [`Export`] (the Word brief, the EPUB, the PDF), the one-file offline
//! copy of slides and briefs and their plain-text copy, minifying, and [`claims`], which
//! gives every output file exactly one source.

pub mod built_page;
pub mod chart_files;
pub mod citation;
pub mod cite_styles;
pub mod claims;
pub mod docx;
pub mod epub;
pub mod feed;
pub mod images;
pub mod manifest;
pub mod minify;
pub mod not_found;
pub mod offline;
pub mod page_weight;
pub mod pdf;
pub mod plain_text;
pub mod redirects;
pub mod robots;
pub mod search;
pub mod share_cards;
pub mod sitemap;
pub mod slides;

use std::path::{Path, PathBuf};

use crate::charts::ChartOutput;
use crate::load::config::SiteConfig;
use crate::model::{Page, SiteModel};
use crate::text::diagnostics::{Diagnostic, Reporter};
use crate::text::error::Result;
use claims::{Claims, Source};

/// One output format of the site, like mdBook's `Renderer`.
///
/// To add one: write `src/outputs/<name>.rs` with a unit struct implementing this trait,
/// add `pub mod <name>;` above and one line to [`all`]. In [`Output::make`], build the
/// file's bytes from [`Built`] (the site once every page is rendered) and hand them to
/// [`Files::write`] with the path in the output folder and where the file comes from:
/// the path is claimed (two outputs on one path are an error naming both) and written
/// to the staging folder, or nowhere when the run is `plainsite check`. Report site
/// problems with [`Files::report`]; return an error only when writing fails. If the
/// output needs something [`Built`] lacks, add a field there and fill it in
/// `pipeline::outputs`.
pub trait Output: Sync {
    /// The output in words, e.g. "the sitemap".
    fn name(&self) -> &'static str;

    /// Claims and writes the output's files.
    fn make(&self, site: &Built, files: &mut Files) -> Result<()>;

    /// For files that take long to make (the chart pictures): writes them after every
    /// output has claimed its files in [`Output::make`], in parallel with the other
    /// outputs and the site-wide checks. Returns the problems found. Most outputs
    /// write everything in `make` and keep this default, which does nothing.
    fn make_slow(&self, _site: &Built, _store: Option<&dyn Store>) -> Result<Vec<Diagnostic>> {
        Ok(Vec::new())
    }
}

/// Every output, in the order it is made (and its problems reported).
pub fn all() -> Vec<Box<dyn Output>> {
    vec![
        Box::new(not_found::NotFound),
        Box::new(sitemap::Sitemap),
        Box::new(robots::Robots),
        Box::new(feed::Feed),
        Box::new(citation::CitationFile),
        Box::new(chart_files::ChartFiles),
        Box::new(share_cards::ShareCards),
    ]
}

/// The outputs made once every other file is claimed, in order: the redirect pages of
/// old addresses (an alias must not land on any other file) and the manifest of the
/// addresses published.
pub fn last() -> Vec<Box<dyn Output>> {
    vec![Box::new(redirects::Redirects), Box::new(manifest::Manifest)]
}

/// A format a command makes from the written site once every page is written (the Word
/// brief, the PDF brief, the EPUB book), like mdBook's `Renderer`: one file here
/// implementing this, and one line in the command that makes it. It reads only what the
/// build wrote ([`Written`]) and writes into the same staging folder, so its files
/// replace the last good ones together with the site, or not at all.
pub trait Export {
    /// What one of its files is called in messages, e.g. "Word file".
    fn what(&self) -> &'static str;

    /// Writes its files into `site.dir`; returns their paths under it.
    fn export(&self, site: &Written) -> Result<Vec<String>>;

    /// The command that makes these files, e.g. `plainsite epub`; `None` when it is
    /// `plainsite build` itself. A build keeps the files of another command that it does
    /// not write itself, so those of several commands can be published together.
    fn command(&self) -> Option<&'static str>;
}

/// The written site before it replaces the output folder, as an [`Export`] sees it.
pub struct Written<'a> {
    /// The staging folder, to write into.
    pub dir: &'a Path,
    /// The output folder it will replace, to name files in messages.
    pub output: &'a Path,
    /// Every brief page (the `brief.html` template) that is not a fallback copy.
    pub briefs: &'a [docx::Brief],
    /// One book per language.
    pub books: &'a [epub::Book],
    /// The site's check settings, for the problems an export finds.
    pub checks: &'a crate::text::rule::CheckConfig,
    /// Problems an export found in what it made (a printed brief longer than a sheet),
    /// reported before the site replaces the output folder.
    pub problems: std::cell::RefCell<Vec<crate::text::diagnostics::Diagnostic>>,
}

/// A warning when the briefs about to be printed lead to an address kept for examples
/// (`example.org`, the new site's `base_url`): their QR code and link would send every
/// reader of the paper nowhere, for as long as the paper is handed around.
pub fn placeholder_address(briefs: &[docx::Brief]) -> Option<crate::text::diagnostics::Diagnostic> {
    let url = briefs
        .iter()
        .map(|b| b.base_url.as_str())
        .find(|u| is_example_address(u))?;
    Some(
        crate::text::diagnostics::Diagnostic::warning(format!(
            "the printed brief's QR code and link lead to {url}, an address kept for examples"
        ))
        .in_file("site.toml")
        .help("set base_url in site.toml to the address where the site is published, then print again"),
    )
}

/// Whether an address's host is one kept for examples and tests (RFC 2606 and 6761):
/// example.com, .net and .org, and names ending in .example, .test, .invalid or
/// .localhost.
fn is_example_address(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    [
        "example.com",
        "example.net",
        "example.org",
        "example",
        "test",
        "invalid",
        "localhost",
    ]
    .iter()
    .any(|d| under(d))
}

/// Every file another command may make from the site (each brief's PDFs and Word
/// file, each language's EPUB book, given as its site address and language), with
/// the command: no other file of the build may take their place.
pub fn export_files(briefs: &[docx::Brief], books: &[(&str, &str)]) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for b in briefs {
        for paper in ["a4", "letter"] {
            out.push((pdf::file_for(&b.page, &b.lang, paper), "plainsite brief"));
        }
        out.push((docx::file_for(&b.page, &b.lang), "plainsite brief --docx"));
    }
    for (base_url, lang) in books {
        out.push((epub::file_name(base_url, lang), "plainsite epub"));
    }
    out
}

/// The error for a command that makes files from the brief, on a site without one.
pub fn no_brief() -> crate::text::error::Error {
    crate::text::error::Error::Refused(
        "the site has no brief to print\n  = help: make a page with template: brief.html in its front matter, e.g. content/brief.md".into(),
    )
}

/// The site as outputs see it, once every page is rendered.
pub struct Built<'a> {
    /// The site's configuration (`site.toml`, default language).
    pub config: &'a SiteConfig,
    /// Each language's page model, the default language first.
    pub models: Vec<&'a SiteModel>,
    /// The news feed's section address (`/news/`) and its pages with their content,
    /// when the site has one.
    pub feed: Option<(&'a str, &'a [(&'a Page, String)])>,
    /// Every chart with its files to write, each once.
    pub charts: &'a [ChartOutput],
    /// The default language's changelog (`changes.yaml`), for the feed.
    pub changes: &'a [crate::load::changes::Change],
    /// The people of the default language's `people.yaml`, each with their choices.
    pub people: &'a [crate::load::people::Person],
    /// The theme, for outputs that are pages of their own (the 404 page).
    pub theme: &'a dyn Theme,
    /// The old addresses (`aliases`) to redirect, checked, in every language.
    pub redirects: &'a [redirects::RedirectTo],
    /// `check --since`: the manifest or earlier output folder to compare with.
    pub since: Option<&'a Path>,
}

/// Renders a page that has no Markdown body through its template, as the default
/// language, with root-relative addresses (see `pipeline::render`).
pub trait Theme: Sync {
    fn render_alone(&self, page: &Page) -> std::result::Result<Vec<u8>, Diagnostic>;
    /// The theme's word for `key` in the default language (the 404 page's title).
    fn word(&self, key: &str) -> String;
}

/// Where outputs write: the build's staging folder (the write stage's `Staging`).
pub trait Store: Sync {
    /// Writes `bytes` at `rel`, a `/`-separated path in the output folder.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()>;
    /// The file at `rel` as the last build left it, if it is a regular file.
    fn previous(&self, rel: &str) -> Option<PathBuf>;
    /// Copies a file to `rel`.
    fn copy(&self, from: &Path, rel: &str) -> Result<()>;
    /// Keeps the last build's file `previous` (from [`Store::previous`]) at `rel`, without
    /// copying its bytes where it can (a hard link; see the write stage's `Staging::keep`).
    fn keep(&self, previous: &Path, rel: &str) -> Result<()>;
    /// Whether the folder is a new one (not the dev server's in-place update).
    fn is_temporary(&self) -> bool;
    /// The folder being written, for messages.
    fn path(&self) -> &Path;
}

/// The output files of a build: each claimed once, then written.
pub struct Files<'a> {
    pub claims: &'a mut Claims,
    pub store: Option<&'a dyn Store>,
    pub reporter: &'a Reporter,
}

impl Files<'_> {
    /// Claims `rel` for `source` and writes `bytes` there (in check mode, nowhere). A
    /// file another claim has, or in the way of one, is not written (the clash is a
    /// problem of the run).
    pub fn write(&mut self, rel: &str, source: Source, bytes: &[u8]) -> Result<()> {
        let first = self.claims.claim(rel, source);
        match self.store {
            Some(s) if first => s.write(rel, bytes),
            _ => Ok(()),
        }
    }

    /// Claims `rel` for `source`, for a file written later by [`Output::make_slow`];
    /// false when it clashes with another claim (see [`Files::write`]).
    pub fn claim(&mut self, rel: &str, source: Source) -> bool {
        self.claims.claim(rel, source)
    }

    /// Reports a site problem.
    pub fn report(&self, problem: Diagnostic) {
        self.reporter.report(problem);
    }
}

/// The source of a file plainsite makes for the whole site: `site.toml` asks for it.
pub fn made(what: &str) -> Source {
    Source::made(what, crate::load::config::CONFIG_FILE)
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    crate::text::escape::escape(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_kept_for_examples_are_told_from_real_ones() {
        for url in [
            "https://example.org/",
            "https://EXAMPLE.com/site/",
            "http://www.example.net:8080/",
            "https://our-site.example/",
            "https://review.test/",
            "http://localhost:1111/",
        ] {
            assert!(is_example_address(url), "{url}");
        }
        for url in [
            "https://takingpart.ca/",
            "https://example.org.ca/",
            "https://myexample.org/",
            "https://testing.org/",
        ] {
            assert!(!is_example_address(url), "{url}");
        }
    }
}
