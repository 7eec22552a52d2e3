//! Stage 5, checks: what plainsite checks so that everyone can read a site, each a
//! named rule whose level a site can set.
//!
//! - Plain language, on each page's prose ([`prose`], [`readability`], [`respectful`]):
//!   reading grade, long sentences and paragraphs, jargon, unexplained abbreviations,
//!   stigmatizing words.
//! - Accessibility of the rendered HTML ([`html_a11y`], [`images`], [`links`],
//!   [`contrast`]): headings, link text, alt text, tables, ids, language tags, colours,
//!   broken links and anchors.
//! - Pages whose review is due ([`review`], `check` only).
//! - People named only as they chose, where they agreed ([`credit`]).
//! - Completeness for the audience: key messages first, a plain summary on hard pages.
//!
//! Each problem is reported at the Markdown line and column when it is in a page's
//! text, at the template otherwise. Nothing here changes an author's words.

pub mod chinese;
pub mod contrast;
pub mod credit;
pub mod french;
pub mod html_a11y;
pub mod images;
pub mod links;
pub mod measures;
pub mod passive;
pub mod passive_fr;
pub mod plain_words;
pub mod policy;
pub mod prose;
pub mod readability;
pub mod report;
pub mod respectful;
pub mod review;
pub mod syllables;
pub mod word_shape;

pub use crate::text::rule::{CheckConfig, Level};

/// Builds what the checks build once per run on first use (word lists, syllable
/// exceptions, the lexicon's matchers): about 60 M instructions, which a build runs on
/// an idle thread while it finds and reads the site's files, instead of on the first
/// page (or the theme's words) that every other thread then waits for.
pub fn warm_up() {
    readability::warm_up();
    prose::warm_up();
    respectful::warm_up();
    syllables::count("warm");
    plain_words::plainer(["warm"]);
}

use crate::markdown::LinkRef;
use crate::text::html_scan::Scan;

/// What the checks know about one rendered page.
#[derive(Debug, Clone)]
pub struct PageReport {
    /// Root-relative address, without the base path.
    pub url: String,
    /// The file the page comes from, as shown in diagnostics.
    pub file: String,
    pub template: String,
    /// The Markdown source text, to quote lines.
    pub source_text: Option<std::sync::Arc<str>>,
    pub scan: Scan,
    /// Internal links written in the page's Markdown, with their places.
    pub md_links: Vec<LinkRef>,
    /// Addresses the Markdown stage already reported as broken.
    pub md_broken: Vec<String>,
    /// Where the page's Markdown writes its headings, links and raw HTML tags.
    pub places: crate::markdown::places::Places,
    /// Rules the page's front matter turns off.
    pub ignored: Vec<crate::text::rule::Rule>,
    /// The page's HTML as a writing build made it, for its weight (none for `check`,
    /// which weighs the last build's file instead).
    pub written: Option<Written>,
}

/// What the page weight needs of a page's file, taken as the build writes it rather
/// than read back from the disk: its size, and whether it shows italic text (which
/// loads the italic font).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub bytes: u64,
    pub italic: bool,
}

impl Written {
    /// A page's file of `bytes`, whose scan is `scan`.
    pub fn of(bytes: u64, scan: &crate::text::html_scan::Scan) -> Written {
        Written {
            bytes,
            italic: scan.italic,
        }
    }
}

impl PageReport {
    /// Drops what only the page's own checks read, once they are done: the site-wide
    /// steps (links and anchors, the images' pages, the page weight) read the page's
    /// ids, each link's first appearance as each kind, whether it has italic text and
    /// the places of raw HTML attributes. A site keeps every page's report to the end of
    /// the build.
    pub fn keep_for_site(&mut self) {
        let scan = std::mem::take(&mut self.scan);
        let mut seen =
            rustc_hash::FxHashSet::with_capacity_and_hasher(scan.links.len(), Default::default());
        let first: Vec<bool> = scan
            .links
            .iter()
            .map(|l| seen.insert((l.target.as_str(), l.kind)))
            .collect();
        drop(seen);
        let mut first = first.into_iter();
        let mut links = scan.links;
        links.retain(|_| first.next().unwrap_or(true));
        links.shrink_to_fit();
        self.scan = Scan {
            ids: scan.ids,
            links,
            italic: scan.italic,
            ..Scan::default()
        };
        self.places.keep_attrs();
    }
}
