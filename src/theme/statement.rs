//! What the accessibility statement's template sees besides the statement's facts
//! (`data.accessibility`): the other formats the site offers (each brief and slide deck,
//! with its one-file copy for reading offline), and the pages where the site's authors
//! turned a check off, which are known gaps. All of it comes from the page model, so the
//! statement is the same on every build of the same site.

use serde::Serialize;

use crate::load::config::SiteConfig;
use crate::model::{Page, PageRole, SiteModel};

/// A brief or a slide deck, in the statement's list of other formats.
#[derive(Debug, Serialize)]
pub struct Format {
    pub title: String,
    pub url: String,
    /// The one-file copy to save and read offline.
    pub offline_url: String,
    pub slides: bool,
}

/// A page where some checks are turned off (`ignore_checks`).
#[derive(Debug, Serialize)]
pub struct Unchecked {
    pub title: String,
    pub url: String,
    pub checks: Vec<&'static str>,
}

/// The other formats of the site's pages, in the model's order; `offline` gives a page's
/// one-file copy (`/brief/brief.html` for `/brief/`).
pub fn formats(
    model: &SiteModel,
    config: &SiteConfig,
    offline: impl Fn(&str) -> String,
) -> Vec<Format> {
    model
        .pages
        .iter()
        .filter(|p| p.role() != PageRole::Page)
        .map(|p| Format {
            title: p.meta.title.clone(),
            url: config.site_path(&p.url),
            offline_url: config.site_path(&format!("/{}", offline(&p.url))),
            slides: p.role() == PageRole::Deck,
        })
        .collect()
}

/// The pages whose authors turned checks off.
pub fn unchecked(model: &SiteModel, config: &SiteConfig) -> Vec<Unchecked> {
    model
        .pages
        .iter()
        .filter(|p: &&Page| !p.meta.ignore_checks.is_empty() && !p.fallback)
        .map(|p| Unchecked {
            title: p.meta.title.clone(),
            url: config.site_path(&p.url),
            checks: p.meta.ignore_checks.iter().map(|r| r.as_str()).collect(),
        })
        .collect()
}
