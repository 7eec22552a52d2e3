//! The parts of rendering that only slide decks (the `slides.html` template) have: the
//! slides themselves, the one-idea-per-slide check, and the one-file offline copy
//! (which the policy brief has too).

use crate::model::Page;
use crate::outputs::offline;
use crate::outputs::slides::{self, Slide};
use crate::text::diagnostics::Diagnostic;
use crate::text::escape::escape;
use crate::text::rule::Rule;

use super::render::RenderContext;

/// Words a hand-written slide may have before the check suggests splitting it.
const SLIDE_WORDS: usize = 40;

impl RenderContext<'_> {
    /// The slides of a deck page, with problems in `diagnostics`.
    pub(super) fn deck_slides(
        &self,
        page: &Page,
        content: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Slide> {
        // Each one the language's chart library has (see `chart_names`).
        let charts: Vec<String> = page
            .meta
            .extra
            .get("charts")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let mut deck = slides::deck(
            &page.meta.title,
            content,
            &self.site.data,
            &charts,
            self.site.strings.get("speaker_notes"),
            self.site.config.safe,
        );
        for slide in &mut deck {
            if let Some(id) = &slide.chart {
                // The takeaway is the slide's title: what the room should remember.
                slide.heading = escape(self.site.charts.takeaway_of(id).unwrap_or(id));
            }
            let words = slides::word_count(&slide.body);
            if self.checks && slide.kind == "content" && words > SLIDE_WORDS {
                let message = format!("slide {} has {words} words; a slide read from the back of a room holds one idea in about {SLIDE_WORDS} words or fewer", slide.number);
                if let Some(d) = self.site.config.checks.diagnostic(Rule::SlideText, message) {
                    diagnostics.push(d.in_file(page.file.clone()).help("move the detail into the speaker notes (a ```notes block), or split the slide in two"));
                }
            }
        }
        deck
    }

    /// Renders and writes the one-file offline copy of a deck or a brief; returns its
    /// output path.
    pub(super) fn write_offline(
        &self,
        page: &Page,
        ctx: &mut tera::Context,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> String {
        let file = offline::file_for(&page.url);
        let Some(staging) = self.staging else {
            return file;
        };
        let static_dir = self.site.config.theme_dir().join("static");
        // The brief's copy has the style of the site's paper; a site has one or two
        // briefs, so its files are read for each.
        let brief_assets;
        let assets = if page.role() == crate::model::PageRole::Brief {
            let paper = format!("brief-{}.css", self.site.config.paper);
            brief_assets = offline::assets(&static_dir, &["style.css", &paper], "brief.js");
            &brief_assets
        } else {
            self.offline_assets.get_or_init(|| {
                offline::assets(&static_dir, &["style.css", "slides.css"], "slides.js")
            })
        };
        let assets = match assets {
            Ok(a) => a,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "could not read the theme's files for the one-file copy: {e}"
                    ))
                    .in_file(page.file.clone()),
                );
                return file;
            }
        };
        ctx.insert("offline", assets);
        match self.templates.render(&page.template, ctx, &page.file) {
            Ok(html) => {
                let config = &self.site.config;
                let html = offline::inline_photos(&html, &config.base_path, &config.content_dir());
                let html = offline::absolutize(&html, &config.base_path, &config.base_url);
                if let Err(e) = staging.write(&file, html.as_bytes()) {
                    if !matches!(e, crate::text::error::Error::RenderStopped(_)) {
                        diagnostics.push(e.diagnostic_of(&page.file));
                    }
                }
            }
            Err(d) => diagnostics.push(d),
        }
        file
    }

    /// Writes the plain-text copy of a deck or a brief from its page `html`; returns its
    /// output path.
    pub(super) fn write_plain_text(
        &self,
        page: &Page,
        html: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> String {
        let file = crate::outputs::plain_text::file_for(&page.url);
        let Some(staging) = self.staging else {
            return file;
        };
        let address = self.site.config.permalink(&page.url);
        let text = crate::outputs::plain_text::of_page(html, &address);
        if let Err(e) = staging.write(&file, text.as_bytes()) {
            if !matches!(e, crate::text::error::Error::RenderStopped(_)) {
                diagnostics.push(e.diagnostic_of(&page.file));
            }
        }
        file
    }
}
