//! `robots.txt`: everything may be indexed; the sitemap is named.

use super::{made, Built, Files, Output};
use crate::load::config::SiteConfig;
use crate::text::error::Result;

/// The `robots.txt` output.
pub struct Robots;

impl Output for Robots {
    fn name(&self) -> &'static str {
        "robots.txt"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        files.write(
            "robots.txt",
            made("robots.txt"),
            robots(site.config).as_bytes(),
        )
    }
}

/// The text of `robots.txt`.
pub fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink("/sitemap.xml")
    )
}
