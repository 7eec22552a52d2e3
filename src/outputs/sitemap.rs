//! `sitemap.xml`, listing every page with its last change date when one is known.

use super::xml_escape;
use crate::load::config::SiteConfig;

/// One page in the sitemap.
pub struct SitemapEntry<'a> {
    pub url: &'a str,
    pub lastmod: Option<&'a str>,
}

/// The sitemap of the given pages, in the order given.
pub fn sitemap(config: &SiteConfig, entries: &[SitemapEntry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in entries {
        out.push_str("  <url>\n    <loc>");
        out.push_str(&xml_escape(&config.permalink(e.url)));
        out.push_str("</loc>\n");
        if let Some(d) = e.lastmod {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", xml_escape(d)));
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
