//! What the accessibility statement's template sees besides the statement's facts
//! (`data.accessibility`): the other formats the site offers (each brief and slide deck,
//! with its one-file copy for reading offline), and the known gaps: the pages where the
//! site's authors turned a check off, and the accessibility problems the build's checks
//! found and the site lets stand as warnings ([`remaining`]), page by page in plain
//! words with their WCAG success criterion. All of it comes from the page model and the
//! checks of this build, so the statement is the same on every build of the same site.

use serde::Serialize;

use crate::load::config::SiteConfig;
use crate::load::i18n::Strings;
use crate::model::{Page, PageRole, SiteModel};
use crate::text::diagnostics::{Diagnostic, Severity};
use crate::text::rule::Rule;

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

/// A page with accessibility problems that the build's checks found and the site lets
/// stand (warnings; an error stops the build).
#[derive(Debug, Serialize)]
pub struct Remaining {
    pub title: String,
    pub url: String,
    pub problems: Vec<Problem>,
}

/// One kind of problem on a page, in plain words, with the WCAG criterion it fails.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub criterion: &'static str,
    pub words: String,
}

/// The WCAG 2.2 success criterion each accessibility check looks after, and the key of
/// its plain words in the theme's i18n files. Other checks (reading level, duplicate
/// ids, whose criterion WCAG 2.2 removed) are not WCAG 2.2 AA failures.
fn criterion(rule: Rule) -> Option<(&'static str, &'static str)> {
    Some(match rule {
        Rule::AltText => ("1.1.1", "a11y_problem_alt_text"),
        Rule::HeadingOrder => ("1.3.1", "a11y_problem_headings"),
        Rule::TableHeaders => ("1.3.1", "a11y_problem_tables"),
        Rule::Contrast => ("1.4.3", "a11y_problem_contrast"),
        Rule::LinkText => ("2.4.4", "a11y_problem_links"),
        Rule::LinkTextRepeated => ("2.4.4", "a11y_problem_links_repeated"),
        Rule::LanguageTag => ("3.1.2", "a11y_problem_language"),
        _ => None?,
    })
}

/// The pages (in the order given) whose warnings include accessibility problems, each
/// kind of problem once per page, ordered by criterion.
pub fn remaining<'a>(
    pages: impl Iterator<Item = (&'a Page, &'a [Diagnostic])>,
    config: &SiteConfig,
    strings: &Strings,
) -> Vec<Remaining> {
    pages
        .filter_map(|(page, diagnostics)| {
            let mut problems: Vec<Problem> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .filter_map(|d| criterion(d.rule?))
                .map(|(criterion, key)| Problem {
                    criterion,
                    words: strings.get(key).to_string(),
                })
                .collect();
            problems.sort();
            problems.dedup();
            (!problems.is_empty()).then(|| Remaining {
                title: page.meta.title.clone(),
                url: config.site_path(&page.url),
                problems,
            })
        })
        .collect()
}
