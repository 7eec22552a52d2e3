//! How current a page is: `reviewed`, `review_due` and `evidence_to` in front matter
//! show as "Page last reviewed … · Next review due …" (the NHS pattern); `check --today`
//! warns at the review_due line when the review has come due; the build never reads the
//! clock, so its output is the same whatever the date.

mod common;

use common::*;

const PAGE: &str = "---\ntitle: Second page\ndescription: The second page.\nreviewed: 2026-11-25\nreview_due: 2027-11-25\nevidence_to: 2025-06-30\n---\n\nText.\n";

#[test]
fn review_dates_show_on_the_page_in_each_language() {
    let f = Fixture::new("basic");
    f.write("content/guide/second.md", PAGE);
    assert_ok(&f.build());
    let html = f.read_output("guide/second/index.html");
    assert!(
        html.contains("Page last reviewed: <time datetime=2026-11-25>25 November 2026</time> · Next review due: <time datetime=2027-11-25>25 November 2027</time><br>The search for evidence ended on <time datetime=2025-06-30>30 June 2025</time>."),
        "{html}"
    );
}

#[test]
fn check_today_warns_at_review_due_once_the_review_has_come_due() {
    let f = Fixture::new("basic");
    f.write("content/guide/second.md", PAGE);
    let err = assert_ok(&f.run(&["check", "--today", "2027-11-26"]));
    assert_eq!(
        place_of(&err, "warning:", "this page's review was due on 2027-11-25"),
        "content/guide/second.md:5:13"
    );
    assert!(
        err.contains("then set reviewed: 2027-11-26 and a new review_due"),
        "{err}"
    );
    let err = assert_ok(&f.run(&["check", "--today", "2027-11-24"]));
    assert!(!err.contains("review was due"), "{err}");
    let o = f.run(&["check", "--today", "next week"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn review_due_before_reviewed_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        &PAGE.replace("review_due: 2027-11-25", "review_due: 2025-11-25"),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(
            &err,
            "error:",
            "the next review (2025-11-25) is due before the last one (2026-11-25)"
        ),
        "content/guide/second.md:5:13"
    );
}

/// The basic fixture's first finding, with review dates.
fn finding_with_dates(dates: &str) -> String {
    format!(
        "- id: helps\n  title: It helps\n  summary: Something helps.\n  effect: benefit\n{dates}"
    )
}

#[test]
fn review_dates_in_a_data_file_show_on_its_page_and_come_due_at_their_line() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/findings.yaml",
        &finding_with_dates(
            "  reviewed: 2026-11-25\n  review_due: 2027-11-25\n  evidence_to: 2025-06-30\n",
        ),
    );
    assert_ok(&f.build());
    let html = f.read_output("findings/helps/index.html");
    assert!(
        html.contains("Page last reviewed: <time datetime=2026-11-25>25 November 2026</time> · Next review due: <time datetime=2027-11-25>25 November 2027</time><br>The search for evidence ended on <time datetime=2025-06-30>30 June 2025</time>."),
        "{html}"
    );
    let err = assert_ok(&f.run(&["check", "--today", "2027-11-25"]));
    assert_eq!(
        place_of(&err, "warning:", "this page's review was due today"),
        "content/_data/findings.yaml:6:15"
    );
}

#[test]
fn a_bad_review_date_in_a_data_file_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/findings.yaml",
        &finding_with_dates("  reviewed: last spring\n"),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(&err, "error:", "reviewed \"last spring\" is not a date"),
        "content/_data/findings.yaml:5:13"
    );
    f.write(
        "content/_data/findings.yaml",
        &finding_with_dates("  reviewed: 2026-11-25\n  review_due: 2026-01-01\n"),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(
            &err,
            "error:",
            "the next review (2026-01-01) is due before the last one (2026-11-25)"
        ),
        "content/_data/findings.yaml:6:15"
    );
}
