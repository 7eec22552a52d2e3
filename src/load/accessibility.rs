//! Stage 1 (load), the accessibility statement's facts: `content/_data/accessibility.yaml`
//! (and `accessibility.fr.yaml`, ...) says when the site was last checked, who to contact,
//! and what is known not to meet WCAG 2.2 AA. The site then has an accessibility statement
//! page, modelled on the GOV.UK model statement (see the theme's `accessibility.html`).
//! The date comes from this file, never from the clock, so builds stay the same.

use serde::{Deserialize, Serialize};

use crate::load::discover::SourceFile;
use crate::load::frontmatter::{is_date, yaml_error};
use crate::text::diagnostics::{Diagnostic, Src};

/// The keys of the file, for did-you-mean suggestions.
const KEYS: &[&str] = &["title", "checked", "contact", "exceptions"];

/// What the statement says that only the site's team knows.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The page's title, in the file's language.
    pub title: Src<String>,
    /// When the site was last checked against the standard (`YYYY-MM-DD`).
    pub checked: Src<String>,
    /// How to reach the team about a problem (Markdown: an e-mail link, a phone number).
    pub contact: Src<String>,
    /// What is known not to meet the standard.
    #[serde(default)]
    pub exceptions: Vec<Exception>,
}

/// Something known not to meet the standard, and why or until when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The WCAG success criterion's number, e.g. `1.4.5`.
    #[serde(default)]
    pub criterion: Option<Src<String>>,
    pub text: Src<String>,
}

/// Reads the file; problems go to `problems`, at their line.
pub fn load(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Option<Statement> {
    let statement: Statement = match serde_saphyr::from_str(&file.text) {
        Ok(s) => s,
        Err(e) => {
            problems.push(yaml_error(&file.display(), &file.text, 0, &e, KEYS));
            return None;
        }
    };
    let shown = file.display();
    if !is_date(&statement.checked) {
        let d = Diagnostic::error(format!(
            "checked \"{}\" is not a date",
            statement.checked.as_str()
        ))
        .help("write the date of the last check as year-month-day, e.g. checked: 2026-11-25");
        problems.push(statement.checked.place(d, &shown, &file.text));
    }
    for c in statement
        .exceptions
        .iter()
        .filter_map(|e| e.criterion.as_ref())
    {
        if !is_criterion(c) {
            let d = Diagnostic::error(format!("\"{}\" is not a WCAG success criterion", c.as_str()))
                .help("write the criterion's number, e.g. criterion: \"1.4.5\" (see https://www.w3.org/TR/WCAG22/)");
            problems.push(c.place(d, &shown, &file.text));
        }
    }
    Some(statement)
}

/// A WCAG success criterion's number: principle (1–4), guideline and criterion.
fn is_criterion(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && matches!(parts[0], "1" | "2" | "3" | "4")
        && parts[1..]
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_are_three_numbers_under_the_four_principles() {
        assert!(is_criterion("1.4.5"));
        assert!(is_criterion("2.4.11"));
        assert!(!is_criterion("5.1.1"));
        assert!(!is_criterion("1.4"));
        assert!(!is_criterion("1.x.3"));
    }
}
