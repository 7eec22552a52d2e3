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
        brief.contains("<span class=brief-url>https://example.org/<wbr>taking-part/<wbr></span>"),
        "the address is printed beside the code, able to break only after a slash"
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

/// Whether Chromium, pdfinfo and pdftotext (poppler-utils) are here; the test command
/// installs them and sets PLAINSITE_REQUIRE_BROWSER=1, so there these tests cannot skip.
fn can_print() -> bool {
    let have = plainsite::outputs::pdf::find_browser().is_some()
        && Command::new("pdfinfo").arg("-v").output().is_ok()
        && Command::new("pdftotext").arg("-v").output().is_ok();
    if !have {
        assert!(
            std::env::var_os("PLAINSITE_REQUIRE_BROWSER").is_none(),
            "Chromium, pdfinfo and pdftotext are required here"
        );
        eprintln!("skipped: no Chromium or no poppler-utils on this machine");
    }
    have
}

/// The words on each page of a PDF, read back with pdftotext.
fn words_per_page(pdf: &Path, pages: u32) -> Vec<usize> {
    (1..=pages)
        .map(|p| {
            let o = Command::new("pdftotext")
                .args(["-f", &p.to_string(), "-l", &p.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .count()
        })
        .collect()
}

/// Where a word starts across the first page of a PDF, as a share of the page's width.
fn word_left(pdf: &Path, word: &str) -> Option<f64> {
    let o = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "2"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&o.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        tag[start..].split('"').next()?.parse().ok()
    };
    let page = html.split("<page ").nth(1)?;
    let width = attr(page, "width")?;
    html.split("<word ")
        .find(|w| {
            w.split('>')
                .nth(1)
                .is_some_and(|t| t.starts_with(&format!("{word}<")))
        })
        .and_then(|w| attr(w, "xMin"))
        .map(|x| x / width)
}

/// Prints the brief of the site at `root` on both papers.
fn print_briefs(root: &Path, out: &Path) -> String {
    let o = Command::new(BIN)
        .args(["brief", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert_ok(&o)
}

fn pages_of(pdf: &Path) -> u32 {
    let info = String::from_utf8_lossy(&Command::new("pdfinfo").arg(pdf).output().unwrap().stdout)
        .into_owned();
    info.lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap()
}

#[test]
fn a_long_brief_fills_both_sides_evenly_with_its_chart_at_full_width() {
    if !can_print() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    print_briefs(&repo(), out.path());
    for (file, address) in [
        ("brief/brief-en-a4.pdf", "https://example.org/taking-part/"),
        (
            "brief/brief-en-letter.pdf",
            "https://example.org/taking-part/",
        ),
        (
            "fr/brief/brief-fr-a4.pdf",
            "https://example.org/taking-part/fr/",
        ),
        (
            "fr/brief/brief-fr-letter.pdf",
            "https://example.org/taking-part/fr/",
        ),
    ] {
        let pdf = out.path().join(file);
        let words = words_per_page(&pdf, pages_of(&pdf));
        let total: usize = words.iter().sum();
        let least = words.iter().copied().min().unwrap_or(0);
        assert!(
            words.len() == 1 || least * 3 >= total,
            "{file}: a side holds at least a third of the words: {words:?}"
        );
        let text = String::from_utf8_lossy(
            &Command::new("pdftotext")
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap()
                .stdout,
        )
        .into_owned();
        assert!(
            text.contains(address),
            "{file}: the address beside the QR code is on one line"
        );
    }
    // The chart's second column starts right of the middle: the chart is as wide as the
    // column of text, not half of it.
    for file in ["brief/brief-en-a4.pdf", "brief/brief-en-letter.pdf"] {
        let left = word_left(&out.path().join(file), "Result").expect("the chart's Result column");
        assert!(
            left > 0.5,
            "{file}: the chart's Result column starts at {left:.2} of the page"
        );
    }
}

#[test]
fn a_short_brief_prints_on_one_side() {
    if !can_print() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = starter(dir.path());
    let out = tempfile::tempdir().unwrap();
    print_briefs(&site, out.path());
    for paper in ["a4", "letter"] {
        let pdf = out.path().join(format!("brief/brief-en-{paper}.pdf"));
        assert_eq!(
            pages_of(&pdf),
            1,
            "the starter's brief fits one side of {paper}"
        );
    }
}

/// Needs Chromium and pdfinfo (poppler-utils).
#[test]
fn the_brief_prints_to_tagged_pdfs_of_at_most_two_pages() {
    if !can_print() {
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
    // The example site's address is one kept for examples: the paper would lead nowhere.
    assert!(
        err.contains("warning: the printed brief's QR code and link lead to https://example.org/taking-part/, an address kept for examples\n  --> site.toml"),
        "{err}"
    );
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
        let pages = pages_of(&path);
        assert!((1..=2).contains(&pages), "{file} has {pages} pages");
        assert!(info.contains(size), "{file}: {info}");
        let bytes = std::fs::read(&path).unwrap();
        let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(has(&format!("/Lang ({lang})")), "{file} says its language");
        assert!(has("/Outlines"), "{file} has an outline");
    }
}

/// A stand-in browser: a script that writes a one-page PDF where it is asked to, or
/// (when `works` is false) ends without writing one.
fn stand_in_browser(dir: &Path, works: bool) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join(if works { "prints" } else { "fails" });
    let body = match works {
        true => "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4\\n<< /Type /Page >>\\n' > \"${a#--print-to-pdf=}\";; esac; done\n",
        false => "echo 'out of memory' >&2; exit 1\n",
    };
    std::fs::write(&script, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[cfg(unix)]
#[test]
fn a_brief_that_fails_to_print_leaves_the_last_good_site_and_its_pdfs_untouched() {
    let browsers = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let brief = |browser: &Path| {
        Command::new(BIN)
            .args(["brief", "--paper", "a4", "--root"])
            .arg(repo())
            .arg("--output")
            .arg(&public)
            .env("PLAINSITE_BROWSER", browser)
            .output()
            .unwrap()
    };
    assert_ok(&brief(&stand_in_browser(browsers.path(), true)));
    let pdf = public.join("brief/brief-en-a4.pdf");
    let good = std::fs::read(&pdf).unwrap();
    // A mark only the last good output has, in a file plainsite wrote (a file of its
    // own would stop the build before printing): a build that replaced it would lose it.
    std::fs::write(public.join("index.html"), "last good").unwrap();

    let o = brief(&stand_in_browser(browsers.path(), false));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("without writing a PDF"), "{err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "{err}");
    assert_eq!(
        std::fs::read_to_string(public.join("index.html")).unwrap(),
        "last good",
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("public")]);
}

#[test]
fn a_brief_longer_than_a_sheet_is_named_and_stops_the_swap_when_the_site_says_so() {
    if !can_print() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = starter(dir.path());
    let brief = site.join("content/brief.md");
    let mut text = std::fs::read_to_string(&brief).unwrap();
    for i in 0..60 {
        text.push_str(&format!(
            "\n## Point {i}\n\nPeople who take part need fair pay. They need clear roles. They need support.\n"
        ));
    }
    std::fs::write(&brief, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let err = assert_ok(&brief_on_a4(&site, out.path()));
    assert!(
        err.contains("warning[brief-length]: this brief prints on ")
            && err.contains(
                " pages of A4 (brief/brief-en-a4.pdf): more than one sheet of paper, both sides"
            )
            && err.contains("--> content/brief.md"),
        "{err}"
    );
    assert!(pages_of(&out.path().join("brief/brief-en-a4.pdf")) > 2);
    // A site that makes it an error keeps its last good output.
    let toml = site.join("site.toml");
    let settings = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{settings}\n[checks.rules]\nbrief-length = \"error\"\n"),
    )
    .unwrap();
    std::fs::write(
        &brief,
        std::fs::read_to_string(&brief).unwrap() + "\nOne more line.\n",
    )
    .unwrap();
    let o = brief_on_a4(&site, out.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("error[brief-length]"),
        "{err}"
    );
    let page = std::fs::read_to_string(out.path().join("brief/index.html")).unwrap();
    assert!(
        !page.contains("One more line."),
        "the last good output was replaced"
    );
}

/// A new site made by `plainsite new` in `dir`.
fn starter(dir: &Path) -> std::path::PathBuf {
    let o = Command::new(BIN)
        .args(["new", "s"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_ok(&o);
    dir.join("s")
}

/// `plainsite brief --paper a4` of the site at `root` into `out`.
fn brief_on_a4(root: &Path, out: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(["brief", "--paper", "a4", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
}

/// A brief that names a chart the site does not have (`extra.chart`) is one error, at
/// the line in the page with a did-you-mean, where its template failed on it: the error
/// pointed at the theme, and each link to the brief that was not built was reported
/// broken. The same for a deck's `extra.charts`, a name where a list was meant.
#[test]
fn a_brief_naming_an_unknown_chart_is_one_error_at_its_line_not_the_themes() {
    let f = Fixture::new("basic");
    // The error lines of a build with this page, and all it printed.
    let errors_with = |template: &str, extra: &str| {
        let page = format!(
            "---\ntitle: Our brief\ntemplate: {template}\nextra:\n  {extra}\n---\n\nHello.\n"
        );
        f.write("content/brief.md", &page);
        let err = assert_fails(&f.build());
        let errors: Vec<String> = (err.lines())
            .filter(|l| l.starts_with("error"))
            .map(String::from)
            .collect();
        (errors, err)
    };
    let (errors, err) = errors_with("brief.html", "chart: stpes");
    assert_eq!(
        errors,
        ["error: extra.chart names the chart \"stpes\", which is not in content/_data/charts.yaml"],
        "{err}"
    );
    assert!(err.contains("  --> content/brief.md:5:10"), "{err}");
    assert!(err.contains("did you mean steps?"), "{err}");
    let (errors, err) = errors_with("slides.html", "charts: steps");
    assert_eq!(
        errors,
        ["error: extra.charts must be a list of chart ids"],
        "{err}"
    );
    assert!(err.contains("e.g. charts: [steps]"), "{err}");
}
