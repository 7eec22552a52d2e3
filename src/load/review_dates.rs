//! Stage 1 (load), review dates in data files: a finding or a recommendation may say when
//! it was last reviewed (`reviewed`), when its next review is due (`review_due`) and when
//! the search for its evidence ended (`evidence_to`), as front matter does. Each is
//! checked to be a date, and the next review to come after the last, at its line.

use crate::load::discover::SourceFile;
use crate::load::frontmatter::is_date;
use crate::text::diagnostics::{Diagnostic, Src};

/// The keys of a data entry this module reads.
pub const KEYS: [&str; 3] = ["reviewed", "review_due", "evidence_to"];

/// Each of `dates` (`reviewed`, `review_due`, `evidence_to`, in that order) that is not a
/// date, and a next review due before the last one, as an error at its place in `file`.
pub fn check(dates: [&Option<Src<String>>; 3], file: &SourceFile, problems: &mut Vec<Diagnostic>) {
    let shown = file.display();
    for (key, value) in KEYS.iter().zip(dates) {
        let Some(v) = value.as_ref().filter(|v| !is_date(v)) else {
            continue;
        };
        let d = Diagnostic::error(format!("{key} \"{}\" is not a date", v.as_str())).help(format!(
            "write the date as year-month-day, e.g. {key}: 2026-11-25"
        ));
        problems.push(v.place(d, &shown, &file.text));
    }
    let [reviewed, review_due, _] = dates;
    if let (Some(last), Some(next), Some(at)) = (date(reviewed), date(review_due), review_due) {
        if next < last {
            let d = Diagnostic::error(format!(
                "the next review ({next}) is due before the last one ({last})"
            ))
            .help("set review_due to a date after reviewed");
            problems.push(at.place(d, &shown, &file.text));
        }
    }
}

/// The date (`YYYY-MM-DD`) of a value, when it is one.
pub fn date(value: &Option<Src<String>>) -> Option<String> {
    value
        .as_ref()
        .filter(|v| is_date(v))
        .and_then(|v| v.get(..10))
        .map(str::to_string)
}
