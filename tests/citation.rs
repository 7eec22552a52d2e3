//! Citable: the example site's `CITATION.cff` validates against the CFF 1.2 schema
//! (cffconvert, which the test command installs), every page carries `citation_*` meta
//! tags and schema.org JSON-LD with its authors as they chose, and the downloads for
//! reference managers are there.

mod common;

use std::process::Command;

use common::*;

fn built() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .args(["build", "--no-checks", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap();
    assert_ok(&o);
    out
}

#[test]
fn citation_cff_validates_with_cffconvert() {
    let out = built();
    let cff = std::fs::read_to_string(out.path().join("CITATION.cff")).unwrap();
    assert!(
        cff.contains("  - family-names: \"Le Chalifoux\"\n    given-names: \"Nathaniel\"\n"),
        "{cff}"
    );
    let Ok(o) = Command::new("cffconvert")
        .arg("--validate")
        .arg("--infile")
        .arg(out.path().join("CITATION.cff"))
        .output()
    else {
        assert!(
            std::env::var_os("PLAINSITE_REQUIRE_BROWSER").is_none(),
            "cffconvert is required here"
        );
        eprintln!("skipped: no cffconvert on this machine (pip install cffconvert)");
        return;
    };
    let said =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{said}\n{cff}");
    assert!(
        said.contains("valid according to schema version 1.2.0"),
        "{said}"
    );
}

#[test]
fn every_page_has_citation_meta_tags_and_json_ld_with_its_language_and_date() {
    let out = built();
    let html = std::fs::read_to_string(out.path().join("fr/brief/index.html")).unwrap();
    assert!(
        html.contains("<meta content=\"Le Chalifoux, Nathaniel\" name=citation_author>"),
        "{html}"
    );
    assert!(
        html.contains("<meta content=fr name=citation_language>"),
        "{html}"
    );
    let start = html.find("<script type=application/ld+json>").unwrap() + 33;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["@type"], "Report");
    assert_eq!(ld["inLanguage"], "fr");
    assert_eq!(ld["dateModified"], "2026-11-25");
    assert_eq!(ld["author"][2]["familyName"], "Le Chalifoux");
    for file in ["citation.bib", "citation.ris", "citation.json"] {
        let text = std::fs::read_to_string(out.path().join(file)).unwrap();
        assert!(text.contains("Le Chalifoux"), "{file}: {text}");
    }
    let csl: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("citation.json")).unwrap())
            .unwrap();
    assert_eq!(csl[0]["issued"]["date-parts"][0][0], 2026);
}

/// The example site, in English and in French: its cite page ("cite this" in APA and
/// Vancouver, the downloads), JSON-LD, `CITATION.cff`, review dates and accessibility
/// statement. (The test command's check-site stage runs axe and the Nu HTML Checker
/// over every one of these pages.)
#[test]
fn the_example_site_is_citable_current_and_has_its_statement_in_english_and_french() {
    let out = built();
    let read = |rel: &str| std::fs::read_to_string(out.path().join(rel)).unwrap();
    for (prefix, cite_h1, a11y_h1, reviewed) in [
        (
            "",
            "<h1>How to cite this work</h1>",
            "<h1>Accessibility statement</h1>",
            "Page last reviewed: <time datetime=2026-11-25>25 November 2026</time> · Next review due: <time datetime=2027-11-25>25 November 2027</time>",
        ),
        (
            "fr/",
            "<h1>Comment citer ce travail</h1>",
            "<h1>Déclaration d’accessibilité</h1>",
            "Dernière révision de la page\u{a0}: <time datetime=2026-11-25>25 novembre 2026</time> · Prochaine révision prévue\u{a0}: <time datetime=2027-11-25>25 novembre 2027</time>",
        ),
    ] {
        let cite = read(&format!("{prefix}cite/index.html"));
        assert!(cite.contains(cite_h1), "{cite}");
        for part in [
            "<strong>APA</strong>",
            "<strong>Vancouver</strong>",
            "citation.bib",
            "citation.ris",
            "citation.json",
            "application/ld+json>",
            "\"inLanguage\":\"",
        ] {
            assert!(cite.contains(part), "{part} in {prefix}cite/: {cite}");
        }
        let home = read(&format!("{prefix}index.html"));
        assert!(home.contains(reviewed), "{home}");
        let statement = read(&format!("{prefix}accessibility/index.html"));
        assert!(statement.contains(a11y_h1), "{statement}");
        assert!(statement.contains("(WCAG) 2.2"), "{statement}");
    }
    let cff = read("CITATION.cff");
    assert!(cff.contains("cff-version: 1.2.0"), "{cff}");
}

/// Every page of the site offers "cite this" in APA and Vancouver, with the downloads;
/// the brief prints its own citation and the slides have none, and redirects, the 404
/// page and the A–Z index are not works to cite.
#[test]
fn every_site_page_offers_cite_this_in_apa_and_vancouver() {
    let out = built();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out.path()) {
        let path = entry.unwrap().into_path();
        let rel = path
            .strip_prefix(out.path())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let skipped = ["brief/", "slides/", "a-z/", "404.html"]
            .iter()
            .any(|s| rel.contains(s));
        if !rel.ends_with("index.html") || skipped {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        for part in [
            "<details class=cite-this data-search=skip>",
            "<strong>APA</strong>",
            "<strong>Vancouver</strong>",
            "download href=",
        ] {
            assert!(html.contains(part), "{part} in {rel}");
        }
        checked += 1;
    }
    assert!(checked > 50, "only {checked} pages");
}

/// The "Cite this page" block of `html`, as its text.
fn cite_block(html: &str) -> &str {
    let start = html.find("<details class=cite-this").unwrap();
    let end = start + html[start..].find("</details>").unwrap();
    &html[start..end]
}

/// A page with no date of its own (no `date`, no `updated`) is cited with no date, in
/// each style's words and the page's language, not with the newest date of another
/// page (the fixture's news item, 2026-01-02): its meta tags and JSON-LD give no date
/// either. A page with only `updated` is cited with that date.
#[test]
fn a_page_without_a_date_is_cited_with_no_date_not_the_newest_date_of_the_site() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second\nupdated: 2025-04-03\n---\nText.\n",
    );
    assert_ok(&f.build());
    let first = f.read_output("guide/first/index.html");
    assert!(
        cite_block(&first).contains("<strong>APA</strong>: Test team. (n.d.). First page. https://example.org/guide/first/<p><strong>Vancouver</strong>: Test team. First page n.d. https://example.org/guide/first/.<p>"),
        "{first}"
    );
    for dated in [
        "citation_publication_date",
        "datePublished",
        "dateModified",
        "2026",
    ] {
        assert!(!first.contains(dated), "{dated}: {first}");
    }
    let second = f.read_output("guide/second/index.html");
    assert!(
        cite_block(&second).contains("<strong>APA</strong>: Test team. (2025, April 3). Second. https://example.org/guide/second/<p>"),
        "{second}"
    );
    assert!(
        second.contains("\"datePublished\":\"2025-04-03\""),
        "{second}"
    );
    // The home page stands for the whole site: cited as CITATION.cff cites it, with the
    // latest date of the site's pages.
    let home = f.read_output("index.html");
    assert!(
        cite_block(&home).contains("Test team. (2026, January 2). Fixture home. "),
        "{}",
        cite_block(&home)
    );
    let cff = f.read_output("CITATION.cff");
    assert!(cff.contains("date-released: \"2026-01-02\""), "{cff}");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &toml.replace("language = \"en\"", "language = \"fr\""),
    );
    assert_ok(&f.build());
    let first = f.read_output("guide/first/index.html");
    assert!(
        cite_block(&first).contains("<strong>APA</strong>\u{a0}: Test team. (s.d.). First page. https://example.org/guide/first/<p><strong>Vancouver</strong>\u{a0}: Test team. First page s.\u{a0}d. https://example.org/guide/first/.<p>"),
        "{first}"
    );
}
