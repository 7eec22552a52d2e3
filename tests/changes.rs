//! The changelog: `content/_data/changes.yaml` lists dated changes, each naming the pages
//! it touched; those pages show "What changed", the news feed carries each change, and
//! a bad date or a page that does not exist is an error at its line.

mod common;

use common::*;

const CHANGES: &str = "- date: 2026-11-30\n  pages: [guide/first.md]\n  text: We moved this page to a *shorter* address.\n";

#[test]
fn changed_page_shows_what_changed_and_the_feed_carries_it() {
    let f = Fixture::new("basic");
    f.write("content/_data/changes.yaml", CHANGES);
    assert_ok(&f.build());
    let html = f.read_output("guide/first/index.html");
    assert!(
        html.contains("<h2 id=ps-changes>What changed</h2><ul><li id=change-1><time datetime=2026-11-30>30 November 2026</time>: We moved this page to a <em>shorter</em> address.</ul>"),
        "{html}"
    );
    assert!(!f
        .read_output("guide/second/index.html")
        .contains("What changed"));
    let feed = f.read_output("news/atom.xml");
    assert!(
        feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/guide/first/#change-1\"/>"),
        "{feed}"
    );
    assert!(
        feed.contains("<summary>We moved this page to a *shorter* address.</summary>"),
        "{feed}"
    );
}

#[test]
fn a_bad_date_or_an_unknown_page_in_the_changelog_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/changes.yaml",
        &CHANGES.replace("2026-11-30", "yesterday"),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(&err, "error:", "date \"yesterday\" is not a date"),
        "content/_data/changes.yaml:1:9"
    );
    f.write(
        "content/_data/changes.yaml",
        &CHANGES.replace("guide/first.md", "guide/frist.md"),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(&err, "error:", "there is no page \"guide/frist.md\""),
        "content/_data/changes.yaml:2:11"
    );
    assert!(err.contains("did you mean guide/first.md?"), "{err}");
}
