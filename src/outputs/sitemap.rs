//! `sitemap.xml`, listing every page with its last change date when one is known.

use super::{made, xml_escape, Built, Files, Output};
use crate::load::config::SiteConfig;
use crate::text::error::Result;

/// The `sitemap.xml` output.
pub struct Sitemap;

impl Output for Sitemap {
    fn name(&self) -> &'static str {
        "the sitemap"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        // Fallback pages stand in for translations: only real pages are in the sitemap.
        let entries: Vec<SitemapEntry> = site
            .models
            .iter()
            .flat_map(|m| &m.pages)
            .filter(|p| !p.fallback)
            .map(|p| SitemapEntry {
                url: &p.url,
                lastmod: p.meta.updated.as_deref().or(p.meta.date.as_deref()),
            })
            .collect();
        let xml = sitemap(site.config, &entries);
        files.write("sitemap.xml", made(self.name()), xml.as_bytes())
    }
}

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
