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
