//! The accessibility statement: `content/_data/accessibility.yaml` gives the site a page
//! at /accessibility/ (after GOV.UK's model statement) in each language, linked from
//! every footer, with the standard aimed at, how and when the site was checked, what is
//! known not to meet it (declared exceptions and pages with checks turned off), other
//! formats and a contact. Its date comes from the file, never from the clock.

mod common;

use common::*;

const STATEMENT: &str = "title: Accessibility statement\nchecked: 2026-11-30\ncontact: \"Write to [us@example.org](mailto:us@example.org).\"\nexceptions:\n  - criterion: \"1.2.2\"\n    text: The video on the home page has no captions yet.\n";

#[test]
fn statement_page_says_the_standard_the_date_the_known_gaps_and_the_contact() {
    let f = Fixture::new("basic");
    f.write("content/_data/accessibility.yaml", STATEMENT);
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\nignore_checks: [long-sentence]\n---\n\nText.\n",
    );
    assert_ok(&f.build());
    let html = f.read_output("accessibility/index.html");
    for expected in [
        "<h1>Accessibility statement</h1>",
        "Web Content Accessibility Guidelines (WCAG) 2.2 at level double-A (AA).",
        "The website meets this standard in part.",
        "We last checked the website on <time datetime=2026-11-30>30 November 2026</time>.",
        "<li>The video on the home page has no captions yet. (WCAG rule 1.2.2)",
        "<li>The authors turned some checks off on the page <a href=../guide/second/>Second page</a> (long-sentence)",
        "Write to <a href=mailto:us@example.org>us@example.org</a>.",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    let home = f.read_output("index.html");
    assert!(
        home.contains("<a href=accessibility/>Accessibility statement</a>"),
        "{home}"
    );
}

#[test]
fn a_site_without_the_file_has_no_statement_and_no_footer_link() {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    assert!(!f.public().join("accessibility").exists());
    assert!(!f
        .read_output("index.html")
        .contains("Accessibility statement"));
}

#[test]
fn a_bad_check_date_or_criterion_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/accessibility.yaml",
        &STATEMENT
            .replace("checked: 2026-11-30", "checked: last week")
            .replace("\"1.2.2\"", "\"1.2\""),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(&err, "error:", "checked \"last week\" is not a date"),
        "content/_data/accessibility.yaml:2:10"
    );
    assert_eq!(
        place_of(&err, "error:", "\"1.2\" is not a WCAG success criterion"),
        "content/_data/accessibility.yaml:5:16"
    );
}
