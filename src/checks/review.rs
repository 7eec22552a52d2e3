//! Stage 5, review dates (`plainsite check` only): a page whose `review_due` date has
//! come is a warning at that line, in the page or in the data file (findings,
//! recommendations) the page is made from. The date of "today" is given to the check (`check
//! --today`, by default the computer's date), so the build itself never reads the clock.

use crate::load::discover::SourceFile;
use crate::model::Page;
use crate::text::diagnostics::{Diagnostic, LineIndex};

/// A warning for each page whose review is due on or before `today` (`YYYY-MM-DD`).
pub fn due(pages: &[Page], sources: &[SourceFile], today: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| !p.fallback) {
        let (Some(due), Some(offset)) = (&page.meta.review_due, page.meta.places.review_due) else {
            continue;
        };
        if due.as_str() > today {
            continue;
        }
        // A page made from a data file (a finding) has its dates in that file.
        let src = match page.source {
            Some(i) => sources.get(i),
            None => sources.iter().find(|s| s.display() == page.file),
        };
        let Some(src) = src else {
            continue;
        };
        let when = if due == today {
            "today".to_string()
        } else {
            format!("on {due}")
        };
        out.push(
            Diagnostic::warning(format!("this page's review was due {when}"))
                .at_offset(&page.file, &LineIndex::new(&src.text), &src.text, offset)
                .help(format!(
                    "check the page against the latest evidence, then set reviewed: {today} and a new review_due"
                )),
        );
    }
    out
}

/// Today's date (`YYYY-MM-DD`, UTC) from the computer's clock, for `check`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_become_dates() {
        assert_eq!(civil(0), "1970-01-01");
        assert_eq!(civil(20_422), "2025-11-30");
        assert_eq!(civil(11_016), "2000-02-29");
    }
}
