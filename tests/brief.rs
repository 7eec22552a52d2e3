//! The policy brief: its web page has the key messages, the recommendations, a chart
//! and a QR code that decodes to the site's address; `plainsite brief` prints it to
//! tagged PDFs of at most two pages on A4 and Letter, in each language; without a
//! browser it says how to print from one.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn build_example(out: &Path) -> String {
    let o = Command::new(BIN)
        .args(["build", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert_ok(&o)
}

/// The text a QR code on the page decodes to.
fn qr_text(html: &str) -> String {
    let class = html.find("class=qr-code").expect("a QR code");
    let start = html[..class].rfind("<svg").unwrap();
    let end = start + html[start..].find("</svg>").unwrap() + 6;
    // The HTML parser reads `viewbox` as `viewBox` in SVG; the minifier writes it lower case.
    let svg = html[start..end].replace("viewbox=", "viewBox=");
    let grid = plainsite::theme::qr::modules_of(&svg).expect("modules");
    let scale = 6;
    let size = grid.len() * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
        if grid[y / scale][x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    grids
        .first()
        .expect("a QR code is found")
        .decode()
        .expect("it decodes")
        .1
}

#[test]
fn the_brief_page_has_everything_and_its_qr_code_opens_the_site() {
    let out = tempfile::tempdir().unwrap();
    build_example(out.path());
    let brief = std::fs::read_to_string(out.path().join("brief/index.html")).unwrap();
    assert!(
        brief.contains("Key messages") && brief.contains("Taking part can help or harm"),
        "key messages"
    );
    for rec in [
        "Pay people fairly.",
        "Make roles clear.",
        "Keep learning together.",
        "Give people a real say.",
    ] {
        assert!(brief.contains(rec), "{rec}");
    }
    assert!(
        brief.contains("What makes taking part healthy or harmful"),
        "the chart"
    );
    assert!(
        brief.contains("aria-label=\"QR code that opens https://example.org/taking-part/\""),
        "labelled QR code"
    );
    assert!(
        brief.contains("class=qr-code role=img"),
        "the code is an image"
    );
    assert!(
        brief.contains("<span class=brief-url>https://example.org/taking-part/</span>"),
        "the address is printed beside the code"
    );
    assert_eq!(qr_text(&brief), "https://example.org/taking-part/");
    assert!(
        brief.contains("brief-letter.css"),
        "the example site prints on Letter by default"
    );
    let fr = std::fs::read_to_string(out.path().join("fr/brief/index.html")).unwrap();
    assert!(
        fr.contains("Messages clés") && fr.contains("Payer les gens de façon juste."),
        "French brief"
    );
    assert_eq!(qr_text(&fr), "https://example.org/taking-part/fr/");
}

#[test]
fn without_a_browser_it_says_how_to_print_instead() {
    let out = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .args(["brief", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(out.path())
        .env("PATH", empty.path())
        .env("PLAINSITE_BROWSER", "")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no Chromium, Chrome or Edge browser was found"),
        "{err}"
    );
    assert!(
        err.contains("press Ctrl+P") && err.contains("brief/index.html"),
        "{err}"
    );
    assert!(
        out.path().join("brief/index.html").is_file(),
        "the site itself was built"
    );
}

/// Needs Chromium and pdfinfo (poppler-utils); the test command installs both and sets
/// PLAINSITE_REQUIRE_BROWSER=1, so there this test cannot skip.
#[test]
fn the_brief_prints_to_tagged_pdfs_of_at_most_two_pages() {
    let have = plainsite::outputs::pdf::find_browser().is_some()
        && Command::new("pdfinfo").arg("-v").output().is_ok();
    if !have {
        assert!(
            std::env::var_os("PLAINSITE_REQUIRE_BROWSER").is_none(),
            "Chromium and pdfinfo are required here"
        );
        eprintln!("skipped: no Chromium or no pdfinfo on this machine");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .args(["brief", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap();
    let err = assert_ok(&o);
    for (file, lang, size) in [
        ("brief/brief-en-a4.pdf", "en", "(A4)"),
        ("brief/brief-en-letter.pdf", "en", "(letter)"),
        ("fr/brief/brief-fr-a4.pdf", "fr", "(A4)"),
        ("fr/brief/brief-fr-letter.pdf", "fr", "(letter)"),
    ] {
        let path = out.path().join(file);
        assert!(err.contains(&format!("Wrote {}", path.display())), "{err}");
        let info =
            String::from_utf8_lossy(&Command::new("pdfinfo").arg(&path).output().unwrap().stdout)
                .into_owned();
        assert!(info.contains("Tagged:          yes"), "{file}: {info}");
        let pages: u32 = info
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!((1..=2).contains(&pages), "{file} has {pages} pages");
        assert!(info.contains(size), "{file}: {info}");
        let bytes = std::fs::read(&path).unwrap();
        let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(has(&format!("/Lang ({lang})")), "{file} says its language");
        assert!(has("/Outlines"), "{file} has an outline");
    }
}
