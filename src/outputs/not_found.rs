//! `404.html`, the page-not-found page: the theme's `404.html` template, rendered with
//! root-relative addresses because a server shows it at any address.

use super::{made, Built, Files, Output};
use crate::model::{Page, PageKind};
use crate::text::error::Result;

/// The page-not-found output.
pub struct NotFound;

impl Output for NotFound {
    fn name(&self) -> &'static str {
        "the page-not-found page"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        match site.theme.render_alone(&page(site.theme)) {
            Ok(html) => files.write("404.html", made(self.name()), &html),
            Err(d) => {
                files.report(d);
                Ok(())
            }
        }
    }
}

/// The page the template sees, titled in the site's language (its tab, and what a
/// screen reader says first).
pub fn page(theme: &dyn super::Theme) -> Page {
    Page {
        kind: PageKind::Page,
        file: "404.html".into(),
        rel: "404.md".into(),
        source: None,
        body_offset: 0,
        meta: crate::load::frontmatter::FrontMatter {
            title: theme.word("not_found_title"),
            extra: serde_json::json!({}),
            ..Default::default()
        },
        url: "/404.html".into(),
        parent: None,
        template: "404.html".into(),
        children: Vec::new(),
        fallback: false,
    }
}
