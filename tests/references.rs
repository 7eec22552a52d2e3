//! References in the text: `[@key]` citations formatted in the site's CSL style, the
//! reference list with back-links, errors at the place of an unknown key, and the
//! proof that plainsite formats with the same CSL styles that citeproc-js (the CSL
//! reference processor) is given in the test command (`tests/citeproc/`).

mod common;

use common::*;
use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::Style;

/// The CSL files in `tests/citeproc/` are the styles plainsite cites with, so
/// citeproc-js and plainsite format from the same style.
#[test]
fn the_csl_files_given_to_citeproc_are_the_styles_plainsite_bundles() {
    for (file, bundled) in [
        ("apa.csl", ArchivedStyle::AmericanPsychologicalAssociation),
        ("elsevier-vancouver.csl", ArchivedStyle::ElsevierVancouver),
    ] {
        let xml = std::fs::read_to_string(repo().join("tests/citeproc").join(file)).unwrap();
        let parsed = Style::from_xml(&xml).unwrap();
        assert!(parsed == bundled.get(), "{file} is not the bundled style");
    }
}

/// The same for the words of the English locale.
#[test]
fn the_locale_given_to_citeproc_is_the_locale_plainsite_bundles() {
    use hayagriva::citationberg::{Locale, LocaleFile};
    let xml = std::fs::read_to_string(repo().join("tests/citeproc/locales-en-US.xml")).unwrap();
    let parsed: Locale = LocaleFile::from_xml(&xml).unwrap().into();
    let bundled = hayagriva::archive::locales();
    let en = bundled
        .iter()
        .find(|l| l.lang.as_ref().is_some_and(|c| c.0 == "en-US"))
        .unwrap();
    assert!(&parsed == en, "locales-en-US.xml is not the bundled locale");
}

/// The fixture's home page with one more paragraph after its first line.
fn page_with(extra: &str) -> String {
    let page = std::fs::read_to_string(repo().join("tests/fixtures/references/content/_index.md"))
        .unwrap();
    format!("{page}\n{extra}\n")
}

#[test]
fn unknown_citation_key_is_an_error_at_its_place_with_a_did_you_mean() {
    let f = Fixture::new("references");
    // Line 12 of the page; `@pawson2050` starts at column 25, after "[@wong2013; ".
    f.write(
        "content/_index.md",
        &page_with("Both say so [@wong2013; @pawson2050]."),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(&err, "error:", "no reference has the key \"pawson2050\""),
        "content/_index.md:12:25",
        "{err}"
    );
    assert!(
        err.contains("did you mean [@pawson2005]? The keys are in content/_data/references.json"),
        "{err}"
    );
}

#[test]
fn citation_on_a_site_without_references_is_an_error_at_its_place() {
    let f = Fixture::new("references");
    std::fs::remove_file(f.root().join("content/_data/references.json")).unwrap();
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(
            &err,
            "error:",
            "this page cites [@pawson2005], but the site has no list"
        ),
        "content/_index.md:5:50",
        "{err}"
    );
}

#[test]
fn malformed_bibtex_is_an_error_at_its_line() {
    let f = Fixture::new("references");
    std::fs::remove_file(f.root().join("content/_data/references.json")).unwrap();
    f.write(
        "content/_data/references.bib",
        "@book{pawson1997,\n  title = {Realistic evaluation},\n  author = {Pawson, Ray and Tilley, Nick}\n  year = {1997},\n}\n",
    );
    let err = assert_fails(&f.build());
    let place = place_of(&err, "error:", "this BibTeX cannot be read");
    assert!(
        place.starts_with("content/_data/references.bib:4:"),
        "{place}\n{err}"
    );
}

#[test]
fn escaped_bracket_is_text_not_a_citation() {
    let f = Fixture::new("references");
    f.write(
        "content/_index.md",
        &page_with("Write \\[@name] to show it."),
    );
    assert_ok(&f.build());
    let html = f.read_output("index.html");
    assert!(html.contains("Write [@name] to show it."), "{html}");
}

/// The reference list: a section labelled by its heading, in each language; each
/// entry with its DOI linked and a link back to each place that cites it; each
/// citation linked to its entry.
#[test]
fn reference_list_is_labelled_and_linked_both_ways_in_each_language() {
    let f = Fixture::new("references");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("minify = false\n{toml}\n[languages.fr]\ntitle = \"Références\"\n"),
    );
    let page = std::fs::read_to_string(f.root().join("content/_index.md")).unwrap();
    f.write(
        "content/_index.fr.md",
        &page.replace("title: Home", "title: Accueil"),
    );
    let json = std::fs::read_to_string(f.root().join("content/_data/references.json")).unwrap();
    f.write(
        "content/_data/references.json",
        &json.replace(
            "\"id\": \"wong2013\",",
            "\"id\": \"wong2013\", \"language\": \"en\",",
        ),
    );
    assert_ok(&f.run(&["build", "--no-checks"]));
    let html = f.read_output("index.html");
    assert!(html.contains("<li id=\"ref-wong2013\">Wong, G."), "{html}");
    assert!(
        html.contains("<section class=\"references\" aria-labelledby=\"references\">\n<h2 id=\"references\">References</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"citation\" id=\"cite-1\">(<a href=\"#ref-pawson2005\">Pawson et al., 2005</a>)</span>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://doi.org/10.1258/1355819054308530\">https://doi.org/10.1258/1355819054308530</a>"),
        "{html}"
    );
    // Cited twice: two links back, named by the sentence before them.
    assert!(
        html.contains("<span class=\"reference-back\">Back to the places the page cites it: <a href=\"#cite-1\"><span class=\"visually-hidden\">place </span>1</a> <a href=\"#cite-7\"><span class=\"visually-hidden\">place </span>2</a></span>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<a class=\"reference-back\" href=\"#cite-6\">Back to where the page cites it</a>"
        ),
        "{html}"
    );
    let fr = f.read_output("fr/index.html");
    assert!(fr.contains("<h2 id=\"references\">Références</h2>"), "{fr}");
    // An English work on a French page is marked as English, its back-link as French.
    assert!(
        fr.contains("<li id=\"ref-wong2013\"><span lang=\"en\">Wong, G."),
        "{fr}"
    );
    assert!(fr.contains(">Retour à l’endroit qui la cite</a>"), "{fr}");
    // The style's own words in French ("et al." stays), and "s.d." for no date, as
    // French APA guides write it.
    assert!(
        fr.contains("(<a href=\"#ref-rameses\">RAMESES, s.d.</a>;"),
        "{fr}"
    );
    assert!(
        fr.contains(">Retour aux endroits qui la citent : <a href"),
        "{fr}"
    );
}

/// The references fixture, unminified, cited in `style` (`apa` or `vancouver`), its
/// language `lang`.
fn references_in(style: &str, lang: &str) -> Fixture {
    let f = Fixture::new("references");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!(
            "minify = false\ncitation_style = \"{style}\"\n{}",
            toml.replace("language = \"en\"", &format!("language = \"{lang}\""))
        ),
    );
    f
}

/// In French, the reference list puts a date's day before its month, each work with its
/// own date, as the page's citation block does: « (2022, 25 novembre) », and the first
/// of a month as the page's own dates write it, « (2023, 1er mars) », not in the small
/// raised letters of the French CSL locale (« 1ᵉʳ »). APA orders them
/// month, day in every language; English keeps that order. The style's own French
/// words stay (APA's « éds. »), and names are joined with « et », with no comma before
/// it, as French APA guides write them (« Dupont, J. et Martin, P. », « (Dupont et
/// Martin, 2020) »), and a date without its day keeps its separator in a
/// style whose month carries it (AGU's « (2021, juin) »). A style that names the months
/// itself, in English, keeps its order.
#[test]
fn french_reference_lists_put_the_day_before_the_month() {
    let apa_fr = [
        "(2023, 1er mars)",
        "(2022, 25 novembre)",
        "Dupont, J. et Martin, P. (éds.). (2020).",
        "Dupont et Martin, 2020",
    ];
    let apa_en = [
        "(2023, March 1)",
        "(2022, November 25)",
        "Dupont, J., &amp; Martin, P. (Eds.). (2020).",
    ];
    let agu_fr = ["(2021, juin)", "(2022, 25 novembre)"];
    // The Lancet names the months itself, in English in every language: left as it is.
    let lancet_fr = ["published online March 1", "published online Nov 25"];
    for (style, lang, expected) in [
        ("apa", "fr", &apa_fr[..]),
        ("apa", "en", &apa_en[..]),
        ("american-geophysical-union", "fr", &agu_fr[..]),
        ("the-lancet", "fr", &lancet_fr[..]),
    ] {
        let f = references_in(style, lang);
        let json = std::fs::read_to_string(f.root().join("content/_data/references.json")).unwrap();
        let dated = r#"[
  {"id": "page2023", "type": "webpage", "title": "Une page",
   "author": [{"literal": "Santé Canada"}], "issued": {"date-parts": [[2023, 3, 1]]},
   "URL": "https://example.org/a/"},
  {"id": "post2022", "type": "post-weblog", "title": "Un billet",
   "author": [{"family": "Tremblay", "given": "Marie"}],
   "issued": {"date-parts": [[2022, 11, 25]]}, "URL": "https://example.org/b/"},
  {"id": "month2021", "type": "webpage", "title": "Un mois",
   "author": [{"literal": "Santé Canada"}], "issued": {"date-parts": [[2021, 6]]},
   "URL": "https://example.org/c/"},
  {"id": "book2020", "type": "book", "title": "Un livre",
   "editor": [{"family": "Dupont", "given": "Jean"}, {"family": "Martin", "given": "Paul"}],
   "publisher": "Presses", "issued": {"date-parts": [[2020]]}},"#;
        f.write(
            "content/_data/references.json",
            &json.replacen('[', dated, 1),
        );
        f.write(
            "content/_index.md",
            &page_with("Un [@page2023]. Deux [@post2022]. Trois [@month2021]. Quatre [@book2020]."),
        );
        assert_ok(&f.run(&["build", "--no-checks"]));
        let html = f.read_output("index.html");
        for text in expected {
            assert!(html.contains(text), "{style} {lang}: {text} in {html}");
        }
    }
}

/// The citations of `[@key, locator]` in the page `extra` is added to, built in `style`
/// (`apa` or `vancouver`), `lang` the page's language.
fn cited_with_locators(style: &str, lang: &str, extra: &str) -> String {
    let f = references_in(style, lang);
    f.write("content/_index.md", &page_with(extra));
    assert_ok(&f.run(&["build", "--no-checks"]));
    f.read_output("index.html")
}

/// `[@key, p. 3]`, `[@key, pp. 3-5]` and `[@key, chapter 2]` are read against the CSL
/// locale's terms and formatted by hayagriva in the style: APA prints the locator.
#[test]
fn page_and_chapter_locators_are_formatted_in_apa() {
    let html = cited_with_locators(
        "apa",
        "en",
        "One [@pawson2005, p. 3]. Two [@wong2013, pp. 3-5]. Three [@pawson2006, chapter 2].",
    );
    for cited in [
        ">Pawson et al., 2005, p. 3</a>)",
        ">Wong et al., 2013, pp. 3–5</a>)",
        ">Pawson, 2006, Chapter 2</a>)",
    ] {
        assert!(html.contains(cited), "{cited} in {html}");
    }
}

#[test]
fn french_locators_are_read_and_formatted_in_french() {
    let html = cited_with_locators(
        "apa",
        "fr",
        "Un [@pawson2005, p. 3]. Deux [@pawson2006, chap. 2].",
    );
    // APA prints a chapter's label in full: "chap. 2" is read, "Chapitre 2" written.
    for cited in [
        ">Pawson et al., 2005, p. 3</a>)",
        ">Pawson, 2006, Chapitre 2</a>)",
    ] {
        assert!(html.contains(cited), "{cited} in {html}");
    }
}

/// Elsevier's Vancouver style, which the site's `vancouver` is, cites by number alone:
/// its CSL file has no locator, so citeproc-js and hayagriva both print "[1]". The
/// locator is still read (an unreadable one is an error in every style).
#[test]
fn locators_in_vancouver_are_read_and_formatted_as_the_style_says() {
    let csl =
        std::fs::read_to_string(repo().join("tests/citeproc/elsevier-vancouver.csl")).unwrap();
    assert!(!csl.contains("locator"));
    let html = cited_with_locators(
        "vancouver",
        "en",
        "One [@pawson2005, p. 3]. Two [@wong2013, pp. 3-5].",
    );
    assert!(
        html.contains("One <span class=\"citation\" id=\"cite-8\">[<a href=\"#ref-pawson2005\"><span class=\"visually-hidden\">Reference </span>1</a>]</span>."),
        "{html}"
    );
    assert!(!html.contains("p. 3"), "{html}");
}

#[test]
fn unreadable_locator_is_an_error_at_its_place() {
    let f = Fixture::new("references");
    // Line 12 of the page; "folder 3" starts at column 17, after "See [@wong2013, ".
    f.write(
        "content/_index.md",
        &page_with("See [@wong2013, folder 3]."),
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(
            &err,
            "error:",
            "plainsite cannot read the locator \"folder 3\""
        ),
        "content/_index.md:12:17",
        "{err}"
    );
}

/// Where a citation style joins two marks, one is left out, as CSL processors do:
/// hayagriva wrote APA's « Poe, P. (2021,). » for a work dated by its year alone, and
/// Chicago's « “A Plain Report.”. » and « Journal of Things,. ».
#[test]
fn reference_lists_leave_out_a_mark_where_the_style_joins_two() {
    for (style, expected) in [
        (
            "apa",
            [
                "Poe, P. (2021). <i>A plain report</i>.",
                "Roy, A. (2020). Pay and health. <i>Journal of Things</i>.",
            ],
        ),
        (
            "chicago-author-date",
            [
                "Poe, Pat. 2021. “A Plain Report.” <a",
                "“Pay and Health.” <i>Journal of Things</i>. <a",
            ],
        ),
    ] {
        let f = references_in(style, "en");
        // BibTeX, as the tester wrote them: a @misc is hayagriva's Misc.
        std::fs::remove_file(f.root().join("content/_data/references.json")).unwrap();
        f.write(
            "content/_data/references.bib",
            "@misc{poe2021, author={Poe, Pat}, title={A plain report}, year={2021}}\n\
             @article{roy2020, author={Roy, Ann}, title={Pay and health}, journal={Journal of Things}, year={2020}}\n",
        );
        f.write(
            "content/_index.md",
            "---\ntitle: Two works\n---\n\nOne [@poe2021]. Two [@roy2020].\n",
        );
        assert_ok(&f.run(&["build", "--no-checks"]));
        let html = f.read_output("index.html");
        for text in expected {
            assert!(html.contains(text), "{style}: {text} in {html}");
        }
    }
}

/// A references file with a mistake is one error, at the mistake: the page's citations
/// are not each reported as citing with "no list of references" (the site has one).
#[test]
fn a_references_file_that_cannot_be_read_is_one_error_not_one_per_citation() {
    let f = Fixture::new("references");
    let path = f.root().join("content/_data/references.json");
    let json = std::fs::read_to_string(&path).unwrap();
    f.write(
        "content/_data/references.json",
        json.trim_end().trim_end_matches(']'),
    );
    let err = assert_fails(&f.run(&["build", "--no-checks"]));
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(err.contains("content/_data/references.json"), "{err}");
    assert!(!err.contains("no list of references"), "{err}");
}
