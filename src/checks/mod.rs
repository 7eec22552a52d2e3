//! Stage 7b, checks: problems only visible once every page is rendered. This issue's
//! checks are broken internal links and anchors ([`links`]) and images without alt
//! text ([`images`]); each reports at the Markdown source line when the problem is in a
//! page's text, and at the template otherwise.

pub mod images;
pub mod links;
pub mod readability;
pub mod syllables;

use crate::html_scan::Scan;
use crate::markdown::LinkRef;

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
}
