//! Stage 8, outputs: the files a site has besides its pages: `sitemap.xml`,
//! `robots.txt` and an Atom feed for the news section. (The 404 page is a template,
//! rendered with the pages.) Each is built from the model, never from the clock, so
//! building twice gives the same bytes.

pub mod built_page;
pub mod docx;
pub mod epub;
pub mod feed;
pub mod images;
pub mod minify;
pub mod offline;
pub mod pdf;
pub mod search;
pub mod sitemap;
pub mod slides;

use crate::load::config::SiteConfig;

/// `robots.txt`: everything may be indexed; the sitemap is named.
pub fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink("/sitemap.xml")
    )
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    crate::text::escape::escape(s)
}
