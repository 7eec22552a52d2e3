//! What the accessibility statement's template sees besides the statement's facts
//! (`data.accessibility`): the other formats the site offers (each brief and slide deck,
//! with its one-file copy for reading offline and its plain-text copy), and the known gaps: the pages where the
//! site's authors turned a check off, and the accessibility problems the build's checks
//! found and the site lets stand as warnings, page by page ([`remaining`]) and for the
//! whole site ([`problems`] of the theme's colours), in plain words with their WCAG
//! success criterion. All of it comes from the page model and the checks of this build,
//! so the statement is the same on every build of the same site. [`Found`] keeps the
//! pages' problems for serve's one-page updates.

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
    /// The copy of its words as plain text.
    pub text_url: String,
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
/// one-file copy (`/brief/brief.html` for `/brief/`), `text` its plain-text copy.
pub fn formats(
    model: &SiteModel,
    config: &SiteConfig,
    offline: impl Fn(&str) -> String,
    text: impl Fn(&str) -> String,
) -> Vec<Format> {
    model
        .pages
        .iter()
        .filter(|p| p.role() != PageRole::Page)
        .map(|p| Format {
            title: p.meta.title.clone(),
            url: config.site_path(&p.url),
            offline_url: config.site_path(&format!("/{}", offline(&p.url))),
            text_url: config.site_path(&format!("/{}", text(&p.url))),
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
#[derive(Debug, Serialize, PartialEq, Eq)]
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

/// The accessibility problems among `diagnostics` that the site lets stand as warnings,
/// each kind once, ordered by criterion, in the words of `strings`. For a page's
/// problems, and for the site's own (the theme's colours), which are on no one page.
pub fn problems(diagnostics: &[Diagnostic], strings: &Strings) -> Vec<Problem> {
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
    problems
}

/// The page's line in the statement, when its warnings include accessibility problems.
pub fn remaining(
    page: &Page,
    diagnostics: &[Diagnostic],
    config: &SiteConfig,
    strings: &Strings,
) -> Option<Remaining> {
    let problems = problems(diagnostics, strings);
    (!problems.is_empty()).then(|| Remaining {
        title: page.meta.title.clone(),
        url: config.site_path(&page.url),
        problems,
    })
}

/// The pages' problems the statement lists, by the page's place in the model, as the
/// last build of a language found them. Serve keeps them between builds: its one-page
/// update puts in those of the pages it renders again, and renders the statement again
/// only when the list changed (or a change to it is not written yet).
#[derive(Debug, Default)]
pub struct Found {
    pages: std::collections::BTreeMap<usize, Remaining>,
    /// Every page's problems are here (a full build rendered them all).
    complete: bool,
    /// The list changed since the statement was last written.
    unsaved: bool,
}

impl Found {
    /// Every page's problems, in page order, from a full build.
    pub fn all(pages: impl IntoIterator<Item = (usize, Remaining)>) -> Found {
        Found {
            pages: pages.into_iter().collect(),
            complete: true,
            unsaved: false,
        }
    }

    /// Puts a page's problems (`None`: it has none) in place of those found before.
    pub fn set(&mut self, index: usize, now: Option<Remaining>) {
        if self.pages.get(&index) == now.as_ref() {
            return;
        }
        match now {
            Some(r) => self.pages.insert(index, r),
            None => self.pages.remove(&index),
        };
        self.unsaved = true;
    }

    /// Whether the statement must be rendered again: its list is complete and changed
    /// since it was last written.
    pub fn stale(&self) -> bool {
        self.complete && self.unsaved
    }

    /// The statement as now rendered is written.
    pub fn saved(&mut self) {
        self.unsaved = false;
    }

    /// The pages with problems, in page order.
    pub fn pages(&self) -> Vec<&Remaining> {
        self.pages.values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, criterion: &'static str) -> Remaining {
        Remaining {
            title: title.into(),
            url: format!("/{title}/"),
            problems: vec![Problem {
                criterion,
                words: "words".into(),
            }],
        }
    }

    #[test]
    fn a_one_page_update_renders_the_statement_only_when_its_complete_list_changed() {
        let mut found = Found::all([(1, page("a", "1.1.1")), (4, page("b", "2.4.4"))]);
        found.set(1, Some(page("a", "1.1.1")));
        assert!(!found.stale(), "the same problems");
        found.set(1, None);
        assert!(found.stale());
        assert_eq!(found.pages(), [&page("b", "2.4.4")]);
        found.saved();
        assert!(!found.stale());
        found.set(2, Some(page("c", "1.3.1")));
        let titles: Vec<&str> = found.pages().iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["c", "b"], "in page order");
        // Without a full build's list, a page's problems alone would hide the others.
        let mut partial = Found::default();
        partial.set(0, Some(page("a", "1.1.1")));
        assert!(!partial.stale());
    }
}
