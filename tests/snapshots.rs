//! Snapshots of the example site's HTML (insta): a handful of pages of each kind, so a
//! change that alters what readers get shows as a diff in review. The site is built
//! once, as `plainsite build` writes it; each page is broken into lines before each tag
//! so the diff is readable (the page itself is minified into few lines).
//!
//! After a change that is meant to alter these pages: `cargo insta review`, or run the
//! test with `INSTA_UPDATE=always` and read the diff of `tests/snapshots/` before
//! committing it.

mod common;

use common::*;

/// The pages snapshotted: a name for each and its file in the built site.
const PAGES: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("finding", "findings/clear-roles/index.html"),
    ("recommendation", "recommendations/pay-fairly/index.html"),
    ("glossary", "glossary/index.html"),
    ("cite", "cite/index.html"),
    ("french_home", "fr/index.html"),
    ("brief", "brief/index.html"),
];

/// A page's HTML with a line break before each tag that follows another.
fn lines_of(html: &str) -> String {
    html.replace("><", ">\n<")
}

#[test]
fn example_site_pages_match_their_snapshots() {
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(BIN)
        .args(["build", "--output"])
        .arg(out.path())
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, file) in PAGES {
            let html = std::fs::read_to_string(out.path().join(file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            insta::assert_snapshot!(*name, lines_of(&html));
        }
    });
}
