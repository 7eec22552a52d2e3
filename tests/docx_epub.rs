//! Outputs people carry into rooms, on the example site: the brief as a Word file
//! (`plainsite brief --docx`) read back for its heading styles, alt text, lists, table
//! header and language, then opened by LibreOffice; the site as EPUB books
//! (`plainsite epub`) read back for their order, charts and accessibility metadata,
//! then checked by EPUBCheck; and the brief's one-file copy.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn run(args: &[&str], out: &Path) -> String {
    let o = Command::new(BIN)
        .args(args)
        .arg("--root")
        .arg(repo())
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert_ok(&o)
}

/// The text of one file of a zip package.
fn part(zip_file: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(zip_file).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{} has {name}", zip_file.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Whether a checker the test command installs may be missing here; it may not when
/// PLAINSITE_REQUIRE_BROWSER is set.
fn may_skip(what: &str) -> bool {
    assert!(
        std::env::var_os("PLAINSITE_REQUIRE_BROWSER").is_none(),
        "{what} is required here"
    );
    eprintln!("skipped: no {what} on this machine (the test command installs it)");
    true
}

#[test]
fn the_word_brief_has_heading_styles_alt_text_lists_a_table_header_and_its_language() {
    let out = tempfile::tempdir().unwrap();
    let err = run(&["brief", "--docx"], out.path());
    let en = out.path().join("brief/brief-en.docx");
    let fr = out.path().join("fr/brief/brief-fr.docx");
    assert!(err.contains(&format!("Wrote {}", en.display())), "{err}");
    assert!(err.contains(&format!("Wrote {}", fr.display())), "{err}");
    let doc = part(&en, "word/document.xml");
    for style in ["Heading1", "Heading2", "ListParagraph"] {
        assert!(
            doc.contains(&format!("<w:pStyle w:val=\"{style}\"/>")),
            "{style}"
        );
    }
    assert!(doc.contains("Taking part, staying well: a brief for decision makers"));
    assert!(
        doc.contains("descr=\"What makes taking part healthy or harmful. Pathway diagram."),
        "the chart's alt text is its title and description"
    );
    assert!(
        doc.contains("descr=\"QR code") || doc.contains("descr=\"A QR code"),
        "the QR code has alt text"
    );
    // The address may be split into runs where the page lets it break (after a slash);
    // Word shows the runs as one line of text.
    let text: String = doc
        .split('<')
        .map(|piece| piece.split_once('>').map_or(piece, |(_, rest)| rest))
        .collect();
    assert!(
        text.contains("https://example.org/taking-part/"),
        "the printed address"
    );
    assert!(doc.contains("<w:numPr>"), "lists are Word lists");
    assert!(
        doc.contains("<w:tblHeader/>"),
        "the data table has a header row"
    );
    let styles = part(&en, "word/styles.xml");
    assert!(
        styles.contains("<w:name w:val=\"heading 1\"/>"),
        "Word's own heading style"
    );
    assert!(styles.contains("<w:lang w:val=\"en\""), "language");
    assert!(part(&fr, "word/styles.xml").contains("<w:lang w:val=\"fr\""));
    assert!(
        part(&en, "word/_rels/document.xml.rels").contains(
            "Target=\"https://example.org/taking-part/glossary/#realist-review\" TargetMode=\"External\""
        ),
        "links lead to the website"
    );
    assert!(part(&en, "word/fontTable.xml").contains("<w:altName w:val=\"Verdana\"/>"));

    // LibreOffice opens it (as Word would) and makes a PDF of it.
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok());
    let Some(soffice) = soffice else {
        may_skip("LibreOffice (libreoffice-writer-nogui)");
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.path())
        .arg(&en)
        .output()
        .unwrap();
    let pdf = out.path().join("brief-en.pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_epub_has_the_menu_pages_in_order_charts_and_accessibility_metadata() {
    let out = tempfile::tempdir().unwrap();
    run(&["epub"], out.path());
    let en = out.path().join("taking-part-en.epub");
    let fr = out.path().join("taking-part-fr.epub");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&en).unwrap()).unwrap();
    assert_eq!(
        zip.by_index(0).unwrap().name().unwrap(),
        "mimetype",
        "mimetype comes first"
    );
    assert_eq!(part(&en, "mimetype"), "application/epub+zip");
    let opf = part(&en, "EPUB/package.opf");
    for meta in [
        "<meta property=\"schema:accessMode\">textual</meta>",
        "<meta property=\"schema:accessModeSufficient\">textual</meta>",
        "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "<meta property=\"schema:accessibilitySummary\">",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>",
        "<dc:language>en</dc:language>",
    ] {
        assert!(opf.contains(meta), "{meta}");
    }
    assert!(part(&fr, "EPUB/package.opf").contains("<dc:language>fr</dc:language>"));
    // The table of contents: home, then the menu in its order, the glossary last.
    let nav = part(&en, "EPUB/nav.xhtml");
    let at = |title: &str| {
        nav.find(&format!(">{title}</a>"))
            .unwrap_or_else(|| panic!("{title} in {nav}"))
    };
    assert!(at("About the review") < at("What we found"));
    assert!(at("What we found") < at("What we recommend"));
    assert!(at("What we recommend") < at("Words we use"));
    // A chart: inline SVG with its description, and its data table.
    let chapters: Vec<String> = (1..40)
        .map(|i| format!("EPUB/c{i:03}.xhtml"))
        .take_while(|n| {
            zip::ZipArchive::new(std::fs::File::open(&en).unwrap())
                .unwrap()
                .by_name(n)
                .is_ok()
        })
        .map(|n| part(&en, &n))
        .collect();
    assert!(chapters.len() > 10, "{} chapters", chapters.len());
    assert!(chapters
        .iter()
        .any(|c| c.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
            && c.contains("<desc")
            && c.contains("<table")));
    assert!(chapters
        .iter()
        .all(|c| !c.contains("<script") && !c.contains("<nav")));

    // EPUBCheck: no error and no warning.
    if epubcheck().is_none() {
        may_skip("EPUBCheck (Debian package epubcheck)");
        return;
    }
    for book in [&en, &fr] {
        let o = epubcheck().unwrap().arg(book).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            text.contains("0 fatals / 0 errors / 0 warnings"),
            "{}: {text}",
            book.display()
        );
    }
}

#[test]
fn the_book_has_the_cite_page_as_back_matter_in_each_language() {
    // The cite page is outside the menu: the book left it out, so it had no references.
    let out = tempfile::tempdir().unwrap();
    run(&["epub"], out.path());
    for (lang, glossary, cite) in [
        ("en", "Words we use", "How to cite this work"),
        (
            "fr",
            "Les mots que nous utilisons",
            "Comment citer ce travail",
        ),
    ] {
        let book = out.path().join(format!("taking-part-{lang}.epub"));
        let nav = part(&book, "EPUB/nav.xhtml");
        let at = |title: &str| nav.find(&format!(">{title}</a>"));
        let (Some(glossary_at), Some(cite_at)) = (at(glossary), at(cite)) else {
            panic!("{lang}: the glossary and the cite page in {nav}");
        };
        assert!(glossary_at < cite_at, "{lang}: the cite page comes last");
        // Its chapter is the last one, marked as back matter, and the landmarks say so.
        let file = nav[..cite_at]
            .rsplit("href=\"")
            .next()
            .and_then(|h| h.split('"').next())
            .unwrap()
            .to_string();
        let landmark = format!("<a epub:type=\"backmatter\" href=\"{file}\">{cite}</a>");
        assert!(nav.contains(&landmark), "{lang}: {landmark} in {nav}");
        let chapter = part(&book, &format!("EPUB/{file}"));
        assert!(
            chapter.contains("<body epub:type=\"backmatter\">"),
            "{chapter}"
        );
        assert!(
            chapter.contains("Salvalaggio G"),
            "{lang}: the reference itself"
        );
        let number: u32 = file
            .trim_start_matches('c')
            .trim_end_matches(".xhtml")
            .parse()
            .unwrap();
        let opf = part(&book, "EPUB/package.opf");
        assert!(
            opf.contains(&format!("<itemref idref=\"c{number}\"/>\n</spine>")),
            "{lang}: last in the spine"
        );
        // Pages with outputs of their own, and the guide for site makers, stay out.
        for other in [
            "brief for decision makers",
            "slides for info sessions",
            "Guide for site makers",
            "note pour les décideurs",
            "diapositives pour",
            "Guide pour faire un site",
        ] {
            assert!(!nav.contains(other), "{lang}: {other} in {nav}");
        }
    }
}

/// EPUBCheck as Debian installs it: a jar (its /usr/bin/epubcheck needs binfmt).
fn epubcheck() -> Option<Command> {
    let jar = PathBuf::from("/usr/share/java/epubcheck.jar");
    if jar.is_file() && Command::new("java").arg("-version").output().is_ok() {
        let mut c = Command::new("java");
        c.arg("-jar").arg(jar);
        return Some(c);
    }
    None
}

#[test]
fn the_brief_has_a_one_file_copy_with_its_style_inside() {
    let out = tempfile::tempdir().unwrap();
    run(&["build"], out.path());
    let page = std::fs::read_to_string(out.path().join("brief/index.html")).unwrap();
    assert!(
        page.contains("download href=../brief/brief.html>"),
        "the brief links to its copy"
    );
    let copy = std::fs::read_to_string(out.path().join("brief/brief.html")).unwrap();
    assert!(copy.contains("<style>") && copy.contains("data:font/woff2;base64,"));
    assert!(!copy.contains("stylesheet") && !copy.contains("<script src"));
    assert!(copy.contains("style-src 'sha256-") && copy.contains("default-src 'none'"));
    assert!(copy.contains("https://example.org/taking-part/glossary/#realist-review"));
    assert!(copy.contains("Five things to do."));
    assert!(
        std::fs::read_to_string(out.path().join("fr/brief/index.html"))
            .unwrap()
            .contains("fr/brief/brief.html>")
    );
}

#[test]
fn a_brief_with_docx_true_comes_as_a_word_file_with_every_build() {
    let site = site_with_word_brief("This brief sums up a realist review of 85 publications.");
    let err = plainsite(&["build"], site.path());
    let docx = site.path().join("public/brief/brief-en.docx");
    assert!(docx.is_file(), "{err}");
    assert!(part(&docx, "word/document.xml").contains("<w:pStyle w:val=\"Heading1\"/>"));
    // Only the brief that asks for it: the French one does not.
    assert!(!site.path().join("public/fr/brief/brief-fr.docx").exists());
}

/// A copy of the example site whose brief asks for a Word file with every build, its
/// opening sentence changed to `opening`.
fn site_with_word_brief(opening: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    for dir in ["content", "themes"] {
        copy_dir(&repo().join(dir), &site.path().join(dir));
    }
    std::fs::copy(repo().join("site.toml"), site.path().join("site.toml")).unwrap();
    set_brief(site.path(), true, opening);
    site
}

/// The brief of the site at `root`: `docx: true` or not, and its opening sentence.
fn set_brief(root: &Path, docx: bool, opening: &str) {
    let brief = root.join("content/brief.md");
    let text = std::fs::read_to_string(repo().join("content/brief.md")).unwrap();
    let first = "This brief sums up a realist review of 85 publications.";
    assert!(text.contains(first));
    let text = text.replacen(first, opening, 1);
    let text = match docx {
        true => text.replacen("extra:\n", "extra:\n  docx: true\n", 1),
        false => text,
    };
    std::fs::write(&brief, text).unwrap();
}

fn plainsite(args: &[&str], root: &Path) -> String {
    let o = Command::new(BIN)
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    assert_ok(&o)
}

/// Lists nested 10,000 levels deep, where `plainsite epub` and `plainsite brief
/// --docx` ran out of stack (exit 134) and left their lock file and staging folder
/// beside the output: the book, the Word brief and the brief's text copy are made with
/// what is deeper than a browser keeps flattened, the innermost words kept, and each
/// page is named at the line where it passes the limit.
#[test]
fn nesting_deeper_than_a_browser_keeps_is_flattened_in_the_book_and_the_word_brief() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&new_site(dir.path(), "site"));
    let root = dir.path().join("site");
    let deep = format!("\n\n{}innermost\n", "- ".repeat(10_000));
    for page in ["content/_index.md", "content/brief.md"] {
        let text = std::fs::read_to_string(root.join(page)).unwrap();
        std::fs::write(root.join(page), text + &deep).unwrap();
    }
    for args in [&["epub"][..], &["brief", "--docx"]] {
        let err = plainsite(args, &root);
        for page in ["_index", "brief"] {
            let place = format!("nested more than 512 levels deep (lists, quotes or HTML elements inside each other)\n  --> content/{page}.md:");
            assert!(err.contains(&place), "{err}");
        }
    }
    let public = root.join("public");
    let book = part(&public.join("example.org-en.epub"), "EPUB/c001.xhtml");
    assert!(book.contains("innermost"), "{book}");
    let word = part(&public.join("brief/brief-en.docx"), "word/document.xml");
    assert!(word.contains(">innermost<"), "{word}");
    let text = std::fs::read_to_string(public.join("brief/brief.txt")).unwrap();
    assert!(text.contains("innermost"), "{text}");
    let left: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with(".public"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_site_whose_brief_comes_as_a_word_file_builds_again() {
    // The Word file was not on the output folder's list of the build's files: the next
    // build stopped on it as a file plainsite did not write.
    let site = site_with_word_brief("This brief sums up a review.");
    plainsite(&["build"], site.path());
    let err = plainsite(&["build"], site.path());
    let docx = site.path().join("public/brief/brief-en.docx");
    assert!(
        part(&docx, "word/document.xml").contains("sums up a review."),
        "{err}"
    );
}

#[test]
fn a_build_writes_its_word_brief_over_the_one_brief_docx_made_before() {
    // The build's Word file was not known as its own, so the older one that `plainsite
    // brief --docx` had made was kept in its place.
    let site = site_with_word_brief("This brief sums up a review.");
    set_brief(site.path(), false, "This brief sums up an older review.");
    plainsite(&["brief", "--docx"], site.path());
    set_brief(site.path(), true, "This brief sums up a newer review.");
    let err = plainsite(&["build"], site.path());
    let docx = site.path().join("public/brief/brief-en.docx");
    assert!(
        part(&docx, "word/document.xml").contains("a newer review."),
        "{err}"
    );
    // The French brief, which asks for none, keeps the one `brief --docx` made.
    let kept: Vec<&str> = err.lines().filter(|l| l.starts_with("Kept")).collect();
    assert!(kept.iter().all(|l| !l.contains("brief-en.docx")), "{err}");
    assert!(kept.iter().any(|l| l.contains("brief-fr.docx")), "{err}");
}

#[test]
fn a_word_brief_changed_where_it_was_saved_stops_the_build_and_is_kept() {
    // Word saves the file where it was opened: public/. The next `brief --docx`, or any
    // build of a brief with `docx: true`, replaced it without a word.
    let site = site_with_word_brief("This brief sums up a review.");
    plainsite(&["build"], site.path());
    let docx = site.path().join("public/brief/brief-en.docx");
    let mut edited = std::fs::read(&docx).unwrap();
    edited.extend_from_slice(b"saved by Word");
    std::fs::write(&docx, &edited).unwrap();
    for command in [&["build"][..], &["brief", "--docx"]] {
        let o = Command::new(BIN)
            .args(command)
            .arg("--root")
            .arg(site.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{command:?}: {err}");
        assert!(
            err.contains("edited after plainsite made it: ")
                && err.contains("public/brief/brief-en.docx. A build replaces"),
            "{err}"
        );
        assert_eq!(std::fs::read(&docx).unwrap(), edited);
    }
    // Moved out, as the message says: the build makes a new one.
    std::fs::rename(&docx, site.path().join("brief-en-edited.docx")).unwrap();
    let err = plainsite(&["build"], site.path());
    assert!(
        part(&docx, "word/document.xml").contains("sums up a review."),
        "{err}"
    );
}

#[test]
fn a_word_brief_open_in_word_or_libreoffice_stops_the_build_with_what_to_do() {
    // The lock file was taken for a stranger ("put it in content/"), and a build would
    // replace the file while a person is at work on it.
    let site = site_with_word_brief("This brief sums up a review.");
    plainsite(&["build"], site.path());
    let brief = site.path().join("public/brief");
    for lock in ["~$ief-en.docx", ".~lock.brief-en.docx#"] {
        std::fs::write(brief.join(lock), "owner").unwrap();
        let o = Command::new(BIN)
            .args(["build", "--root"])
            .arg(site.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("public/brief/brief-en.docx in the output folder is open in Word or LibreOffice (the hidden file ")
                && err.contains(&format!("public/brief/{lock} says so).")),
            "{err}"
        );
        let delete = format!("public/brief/{lock}: Word or LibreOffice left it behind");
        assert!(err.contains(&delete), "{err}");
        assert!(!err.contains("did not write"), "{err}");
        assert!(brief.join(lock).exists());
        std::fs::remove_file(brief.join(lock)).unwrap();
    }
    plainsite(&["build"], site.path());
}

/// The pages of a PDF, as pdfinfo counts them.
fn pdf_pages(pdf: &Path) -> Option<u32> {
    let o = Command::new("pdfinfo").arg(pdf).output().ok()?;
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn the_word_brief_ends_on_its_second_page_on_a4_and_letter_in_every_language() {
    // It was three pages on Letter, the QR code alone on the third.
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok());
    let (Some(soffice), true) = (soffice, Command::new("pdfinfo").arg("-v").output().is_ok())
    else {
        may_skip("LibreOffice (libreoffice-writer-nogui) and pdfinfo (poppler-utils)");
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    for part in ["content", "themes"] {
        copy_dir(&repo().join(part), &site.join(part));
    }
    let toml = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    let profile = tempfile::tempdir().unwrap();
    for paper in ["a4", "letter"] {
        let toml: String = toml
            .lines()
            .map(|l| match l.starts_with("paper =") {
                true => format!("paper = \"{paper}\"\n"),
                false => format!("{l}\n"),
            })
            .collect();
        std::fs::write(site.join("site.toml"), toml).unwrap();
        let out = work.path().join(paper);
        let o = Command::new(BIN)
            .args(["brief", "--docx", "--root"])
            .arg(&site)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert_ok(&o);
        for docx in ["brief/brief-en.docx", "fr/brief/brief-fr.docx"] {
            let pdfs = work.path().join(format!("pdf-{paper}"));
            Command::new(soffice)
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    profile.path().display()
                ))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&pdfs)
                .arg(out.join(docx))
                .output()
                .unwrap();
            let name = Path::new(docx).with_extension("pdf");
            let pdf = pdfs.join(name.file_name().unwrap());
            let pages = pdf_pages(&pdf);
            assert!(
                matches!(pages, Some(1 | 2)),
                "{docx} on {paper}: {pages:?} pages"
            );
        }
    }
}
