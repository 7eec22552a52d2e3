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

/// Adds French to the fixture site, and lowers the checks in `rules` (TOML lines of
/// `[checks.rules]`) to warnings the build lets stand.
fn french_with_warnings(f: &Fixture, rules: &str) {
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.fr]\ntitle = \"Site\"\n\n[checks.rules]\n{rules}"),
    );
}

/// The statement is honest about the build: a page whose accessibility problems the
/// site lets stand as warnings is listed with each problem in plain words and its WCAG
/// criterion, in the page's language.
#[test]
fn statement_lists_the_accessibility_problems_the_build_left_on_each_page() {
    let f = Fixture::new("basic");
    french_with_warnings(&f, "link-text = \"warning\"\nheading-order = \"warning\"\n");
    f.write("content/_data/accessibility.yaml", STATEMENT);
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nRead more [here](first.md).\n\n### Too deep\n\nText.\n",
    );
    let err = assert_ok(&f.build());
    assert!(err.contains("warning[link-text]"), "{err}");
    let html = f.read_output("accessibility/index.html");
    assert!(
        html.contains("<li>The checks found problems on the page <a href=../guide/second/>Second page</a>: the headings skip a level (WCAG rule 1.3.1); a link does not say where it goes (WCAG rule 2.4.4).<"),
        "{html}"
    );
    // The French statement lists the French version of the page (here the English
    // page standing in for it) in French words.
    let fr = f.read_output("fr/accessibility/index.html");
    assert!(
        fr.contains("Les vérifications ont trouvé des problèmes sur la page <a href=../../fr/guide/second/>Second page</a>\u{a0}: les titres sautent un niveau (critère de succès WCAG 1.3.1)\u{a0}; un lien ne dit pas où il mène (critère de succès WCAG 2.4.4)."),
        "{fr}"
    );
    // Without the warnings, no page is listed.
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nRead [the first page](first.md).\n",
    );
    assert_ok(&f.build());
    let html = f.read_output("accessibility/index.html");
    assert!(!html.contains("The checks found problems"), "{html}");
}

/// Problems the checks find for the whole site, not on one page (the theme's colours),
/// and those found on a page only once every page is written (an `<img>` without alt),
/// are in the statement too, in the statement's language, with their WCAG criterion.
#[test]
fn statement_lists_the_sites_own_problems_and_those_found_after_the_pages() {
    let f = Fixture::new("basic");
    french_with_warnings(&f, "contrast = \"warning\"\nalt-text = \"warning\"\n");
    f.write("content/_data/accessibility.yaml", STATEMENT);
    let css = std::fs::read_to_string(f.root().join("themes/default/static/style.css")).unwrap();
    f.write(
        "themes/default/static/style.css",
        &css.replacen("--muted: #474747;", "--muted: #b0b0b0;", 1),
    );
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\n<img src=\"/guide/square.svg\">\n",
    );
    let err = assert_ok(&f.build());
    assert!(err.contains("warning[contrast]"), "{err}");
    assert!(err.contains("warning[alt-text]"), "{err}");
    let html = f.read_output("accessibility/index.html");
    for expected in [
        "<li>The checks found problems on the whole website: some text is hard to see on its background (WCAG rule 1.4.3).<",
        "<li>The checks found problems on the page <a href=../guide/second/>Second page</a>: an image has no words to say what it shows (WCAG rule 1.1.1).<",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    let fr = f.read_output("fr/accessibility/index.html");
    assert!(
        fr.contains("Les vérifications ont trouvé des problèmes sur tout le site\u{a0}: du texte est difficile à voir sur son fond (critère de succès WCAG 1.4.3)."),
        "{fr}"
    );
}

fn serve_options(f: &Fixture, only: Option<&str>) -> plainsite::pipeline::BuildOptions {
    plainsite::pipeline::BuildOptions {
        root: f.root(),
        output: f.public(),
        overrides: Default::default(),
        drafts: false,
        mode: plainsite::pipeline::Mode::Serve,
        report: None,
        checks: true,
        only: only.map(|file| [file.to_string()].into_iter().collect()),
        since: None,
        today: None,
        overdue: None,
        cancel: None,
    }
}

/// Serve's one-page update (a save that changes only a page's text) renders the
/// statement again when the save changes the page's accessibility problems, in every
/// language, keeping the other pages' problems from the last full build.
#[test]
fn a_one_page_update_that_changes_the_problems_renders_the_statement_again() {
    use plainsite::text::diagnostics::Reporter;
    let f = Fixture::new("basic");
    french_with_warnings(&f, "link-text = \"warning\"\n");
    f.write("content/_data/accessibility.yaml", STATEMENT);
    let page = "---\ntitle: Second page\ndescription: The second page.\n---\n\n";
    f.write(
        "content/guide/second.md",
        &format!("{page}Read [the first page](first.md).\n"),
    );
    f.write(
        "content/news/one.md",
        "---\ntitle: News one\ndate: 2026-01-02\n---\n\n[Here](/guide/).\n",
    );
    let full = plainsite::pipeline::run(&serve_options(&f, None), &Reporter::silent()).unwrap();
    let listed = |html: &str, title: &str| {
        html.contains(&format!(">{title}</a>: a link does not say where it goes"))
    };
    let before = f.read_output("accessibility/index.html");
    assert!(
        listed(&before, "News one") && !listed(&before, "Second page"),
        "{before}"
    );

    let save = |text: &str| {
        f.write("content/guide/second.md", &format!("{page}{text}\n"));
        let opts = serve_options(&f, Some("guide/second.md"));
        full.warm.update(&opts, &Reporter::silent())
    };
    let update = |text: &str| {
        save(text).unwrap();
        f.read_output("accessibility/index.html")
    };
    // A save with an error writes nothing, the statement included: the next save that
    // is written shows the problem, though it found the same list.
    assert!(save("Read more [here](first.md), or [there](nowhere.md).").is_err());
    assert_eq!(f.read_output("accessibility/index.html"), before);
    let after = update("Read more [here](first.md).");
    assert!(
        listed(&after, "News one") && listed(&after, "Second page"),
        "{after}"
    );
    let fr = f.read_output("fr/accessibility/index.html");
    assert!(
        fr.contains(">Second page</a>\u{a0}: un lien ne dit pas où il mène"),
        "{fr}"
    );
    let fixed = update("Read [the first page](first.md) again.");
    assert!(
        listed(&fixed, "News one") && !listed(&fixed, "Second page"),
        "{fixed}"
    );
}

/// The statement's other formats: each brief (to print or save as a PDF) and each slide
/// deck, with the one-file copy of each to read offline and its plain-text copy.
#[test]
fn statement_lists_the_brief_and_the_slides_with_their_one_file_and_plain_text_copies() {
    let f = Fixture::new("basic");
    f.write("content/_data/accessibility.yaml", STATEMENT);
    f.write(
        "content/brief.md",
        "---\ntitle: A brief\ndescription: The brief.\ntemplate: brief.html\n---\n\nPay people fairly for their work.\n",
    );
    f.write(
        "content/slides.md",
        "---\ntitle: Slides\ndescription: The slides.\ntemplate: slides.html\n---\n\nPay people fairly.\n",
    );
    assert_ok(&f.build());
    let html = f.read_output("accessibility/index.html");
    for expected in [
        "<h2 id=a11y-formats>Other formats</h2>",
        "<li><a href=../brief/>A brief</a>. A short brief to print or save as a PDF.<ul><li><a href=../brief/brief.html>One file to save and read offline<span class=visually-hidden> (A brief)</span></a><li><a href=../brief/brief.txt>The words only, in a plain text file<span class=visually-hidden> (A brief)</span></a></ul>",
        "<li><a href=../slides/>Slides</a>. Slides to show or print.<ul><li><a href=../slides/slides.html>One file to save and read offline<span class=visually-hidden> (Slides)</span></a><li><a href=../slides/slides.txt>The words only, in a plain text file<span class=visually-hidden> (Slides)</span></a></ul>",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    assert!(f
        .read_output("slides/slides.txt")
        .contains("Pay people fairly."));
}

/// Each brief and slide deck has a plain-text copy beside it: its words, headings
/// underlined, list items and table rows on their own lines, links with their address
/// (the site's own made absolute), and no HTML.
#[test]
fn brief_has_a_plain_text_copy_with_its_headings_list_items_and_link_addresses() {
    let f = Fixture::new("basic");
    f.write(
        "content/brief.md",
        "---\ntitle: A brief\ndescription: The brief.\ntemplate: brief.html\n---\n\nPay people fairly for their [work](https://example.com/work). See the [guide](/guide/).\n\n## What to do\n\n- Pay people.\n- Make roles clear.\n\n| Who | Pay |\n|---|---|\n| Peers | Fair |\n",
    );
    assert_ok(&f.build());
    let text = f.read_output("brief/brief.txt");
    for expected in [
        "A brief\n=======\n\nThe brief.",
        "What to do\n----------\n\n- Pay people.\n- Make roles clear.",
        "work (https://example.com/work)",
        "guide (https://example.org/guide/)",
        "Who | Pay\nPeers | Fair",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    assert!(!text.contains('<'), "{text}");
}
