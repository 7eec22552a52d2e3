//! Stage 1 (load), the changelog: `content/_data/changes.yaml` lists dated changes, each
//! naming the pages it touched by their file (`about/realist-review.md`, or
//! `findings/support.md` for a finding). Those pages show "What changed" and the news feed
//! carries each change. A bad date is an error here, at its line; a page that does not
//! exist is one once the site is modelled ([`unknown_pages`]).

use serde::{Deserialize, Serialize};

use crate::load::discover::SourceFile;
use crate::load::frontmatter::is_date;
use crate::text::diagnostics::{did_you_mean, Diagnostic, Src};

/// The keys of an entry, for did-you-mean suggestions.
pub const KEYS: &[&str] = &["date", "pages", "text"];

/// One change to the site.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When it was made (`YYYY-MM-DD`).
    pub date: Src<String>,
    /// The files of the pages it touched, as under `content/`.
    pub pages: Vec<Src<String>>,
    /// What changed, in a sentence or two (Markdown).
    pub text: Src<String>,
}

/// Reads the file; each date that is not a date is an error at its line.
pub fn load(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Vec<Change> {
    let changes: Vec<Change> = super::yaml_list::parse_list(file, KEYS, problems);
    for c in changes.iter().filter(|c| !is_date(&c.date)) {
        let d = Diagnostic::error(format!("date \"{}\" is not a date", c.date.as_str()))
            .help("write the date of the change as year-month-day, e.g. date: 2026-11-25");
        problems.push(c.date.place(d, &file.display(), &file.text));
    }
    changes
}

/// Each page a change names that is not a page of the site (`pages` lists the files of
/// the site's pages), at its line, with a did-you-mean.
pub fn unknown_pages(changes: &[Change], pages: &[&str], file: &SourceFile) -> Vec<Diagnostic> {
    changes
        .iter()
        .flat_map(|c| &c.pages)
        .filter(|p| !pages.contains(&p.as_str()))
        .map(|p| {
            let d = Diagnostic::error(format!("there is no page \"{}\"", p.as_str()));
            let d = match did_you_mean(p, pages.iter().copied()) {
                Some(s) => d.help(format!("did you mean {s}?")),
                None => {
                    d.help("name the page's file as under content/, e.g. about/our-question.md")
                }
            };
            p.place(d, &file.display(), &file.text)
        })
        .collect()
}

/// The changes that touched the page whose file is `rel`, each with its place in the
/// file (counted from 0), newest first.
pub fn of_page<'a>(changes: &'a [Change], rel: &str) -> Vec<(usize, &'a Change)> {
    let mut out: Vec<(usize, &Change)> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.pages.iter().any(|p| p.as_str() == rel))
        .collect();
    out.sort_by(|a, b| b.1.date.as_str().cmp(a.1.date.as_str()));
    out
}

/// The id of the `i`th change (from 0) on the pages it touched, for links from the feed.
pub fn anchor(i: usize) -> String {
    format!("change-{}", i + 1)
}
