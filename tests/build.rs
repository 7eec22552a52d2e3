//! `plainsite build` on fixture sites: what it writes for a good site, and the exact
//! diagnostics, exit code and untouched output for bad ones.

mod common;

use common::*;

#[test]
fn builds_the_fixture_site() {
    let f = Fixture::new("basic");
    let err = assert_ok(&f.build());
    assert!(
        err.contains("Built 11 pages, 2 charts, 0 warnings, 0 errors in"),
        "{err}"
    );
    for file in [
        "index.html",
        "guide/index.html",
        "guide/first/index.html",
        "guide/second/index.html",
        "guide/square.svg",
        "findings/index.html",
        "findings/helps/index.html",
        "recommendations/act/index.html",
        "glossary/index.html",
        "news/atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "fonts/OFL.txt",
    ] {
        assert!(f.public().join(file).is_file(), "{file} missing");
    }
    assert!(
        !f.public().join("guide/draft").exists(),
        "drafts are left out"
    );

    let first = f.read_output("guide/first/index.html");
    assert!(
        first.contains("<html dir=ltr lang=en>"),
        "language and direction on <html>"
    );
    assert!(first.contains("<title>First page – Fixture site</title>"));
    assert!(
        first.contains("href=https://example.org/guide/first/ rel=canonical"),
        "canonical"
    );
    assert!(first.contains("property=og:title"));
    assert!(first.contains(r#"<a class=skip-link href=#main>Skip to main content</a>"#));
    assert!(
        first.contains("This page talks about tests."),
        "content warning shown"
    );
    assert!(
        first.find("This page talks about tests.") < first.find("First part"),
        "warning comes before the content"
    );
    assert!(first.contains("<h2 id=first-part>First part</h2>"));
    assert!(
        first.contains("aria-labelledby=notes"),
        "labelled notes section"
    );
    assert!(first.contains("href=#fnref-n"), "back-link from the note");
    assert!(
        first.contains("<a href=../../>link back home</a>"),
        "link in a note resolved relative: {first}"
    );
    assert!(
        first.contains("<img alt=\"A small square\" src=../../guide/square.svg>"),
        "{first}"
    );
    assert!(first.contains("<p class=callout-title>Tip"));
    assert!(first.contains("<th class=align-right scope=col>Count"));
    assert!(!first.contains("style="), "no inline styles");

    let home = f.read_output("index.html");
    assert!(
        home.contains("href=guide/first/#second-part"),
        "md link with anchor resolved: {home}"
    );
    assert!(
        home.contains("href=recommendations/act/"),
        "link to a generated page"
    );

    let rec = f.read_output("recommendations/act/index.html");
    assert!(rec.contains("<h1>Act on it</h1>"));
    assert!(
        rec.contains("href=../../findings/helps/>It helps</a>"),
        "supporting finding linked: {rec}"
    );
    let finding = f.read_output("findings/helps/index.html");
    assert!(
        finding.contains("href=../../recommendations/act/>Act on it</a>"),
        "{finding}"
    );

    let feed = f.read_output("news/atom.xml");
    assert!(feed.contains("<updated>2026-01-02T00:00:00Z</updated>"));
    assert!(feed.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/news/one/\"/>"
    ));
    let sitemap = f.read_output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/guide/first/</loc>"));
    assert!(f
        .read_output("robots.txt")
        .contains("Sitemap: https://example.org/sitemap.xml"));
    let not_found = f.read_output("404.html");
    assert!(
        not_found.contains("href=/style.css"),
        "the 404 page keeps root addresses: it is shown at any address"
    );
}

#[test]
fn building_twice_gives_identical_output() {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let first = snapshot(&f.public());
    assert_ok(&f.build());
    assert_eq!(first, snapshot(&f.public()));
}

/// The default build has no minify-html: `minify = "smallest"` then makes the same pages
/// as `minify = true` and says so once.
#[cfg(not(feature = "minify"))]
#[test]
fn smallest_without_minify_html_uses_the_one_pass_minifier_and_says_so_once() {
    let fast = Fixture::new("basic");
    assert_ok(&fast.build());
    let small = Fixture::new("basic");
    let toml = std::fs::read_to_string(small.root().join("site.toml")).unwrap();
    small.write("site.toml", &format!("minify = \"smallest\"\n{toml}"));
    let err = assert_ok(&small.build());
    assert_eq!(err.matches("minify-html").count(), 1, "{err}");
    assert!(err.contains(SMALLEST_NOTE), "{err}");
    assert_eq!(snapshot(&small.public()), snapshot(&fast.public()));
}

#[cfg(not(feature = "minify"))]
const SMALLEST_NOTE: &str = "suggestion: minify = \"smallest\" uses the one-pass minifier of minify = true: this plainsite was installed without minify-html
  --> site.toml
  = help: for the smallest pages, install plainsite with `cargo install --path . --features minify`
";

#[test]
fn portable_mode_links_to_index_files() {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}portable = true\n"));
    assert_ok(&f.build());
    let home = f.read_output("index.html");
    assert!(
        home.contains("href=guide/first/index.html#second-part"),
        "{home}"
    );
}

#[test]
fn base_path_and_base_url_override() {
    let f = Fixture::new("basic");
    assert_ok(&f.run(&["build", "--base-url", "https://example.org/review"]));
    let first = f.read_output("guide/first/index.html");
    assert!(first.contains("href=https://example.org/review/guide/first/ rel=canonical"));
    assert!(
        first.contains("href=../../style.css"),
        "relative addresses never climb above the site"
    );
    assert!(f.read_output("404.html").contains("href=/review/style.css"));
}

#[test]
fn broken_yaml_is_located_and_leaves_the_output_untouched() {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let before = snapshot(&f.public());
    f.write(
        "content/_data/findings.yaml",
        "- id: helps\n  title: [unclosed\n  summary: s\n",
    );
    let err = assert_fails(&f.build());
    // `[` starts a list where one value goes: named in plain words.
    assert!(
        err.contains("error: this value must be one value, not a list or a group of keys"),
        "{err}"
    );
    assert!(
        err.contains("--> content/_data/findings.yaml:2:10"),
        "{err}"
    );
    assert!(err.contains("Build failed:"), "{err}");
    assert!(err.contains("was left as it was"), "{err}");
    assert_eq!(
        before,
        snapshot(&f.public()),
        "public/ is byte-for-byte unchanged"
    );
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("plainsite"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn unclosed_front_matter() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second\n\nNo closing line.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: the front matter is not closed\n  --> content/guide/second.md:1:1\n  |\n1 | ---\n  | ^\n  = help: add a line with only --- after the last front matter line"),
        "{err}"
    );
}

#[test]
fn unknown_front_matter_key_gets_a_suggestion() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second\nweigth: 2\n---\nText\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: plainsite does not know the setting `weigth`\n  --> content/guide/second.md:3:1\n  |\n3 | weigth: 2\n  | ^\n  = help: did you mean `weight`?\n"),
        "{err}"
    );
}

/// A key a data file's entries do not have is said in plain words, with the closest one
/// and, the list being short, the keys an entry has.
#[test]
fn unknown_data_file_key_is_said_in_plain_words_with_the_keys_an_entry_has() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/key_messages.yaml",
        "- title: Roles\n  txet: Clear roles help.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: plainsite does not know the setting `txet`\n  --> content/_data/key_messages.yaml:2:3\n  |\n2 |   txet: Clear roles help.\n  |   ^\n  = help: did you mean `text`? The settings plainsite knows here are: title, text\n"),
        "{err}"
    );
}

/// A quote with no end, in front matter or in a data file, is named where it opens, with
/// what to do, not the help about indentation.
#[test]
fn an_unclosed_quote_is_an_error_where_it_opens_with_what_to_do() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: \"Second page\nweight: 2\n---\nText\n",
    );
    f.write(
        "content/_data/key_messages.yaml",
        "- title: Roles\n  text: 'Clear roles help.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: this quote mark (\") opens a text that is never closed\n  --> content/guide/second.md:2:8\n  |\n2 | title: \"Second page\n  |        ^\n  = help: the quote mark (\") at line 2, column 8 starts a text in quotes, and nothing ends it: put the same quote mark at the end of that text, on the same line, e.g. title: \"My page\"\n"),
        "{err}"
    );
    assert!(
        err.contains("error: this quote mark (') opens a text that is never closed\n  --> content/_data/key_messages.yaml:2:9\n  |\n2 |   text: 'Clear roles help.\n  |         ^\n  = help: the quote mark (') at line 2, column 9 starts a text in quotes, and nothing ends it: put the same quote mark at the end of that text, on the same line, e.g. title: 'My page'\n"),
        "{err}"
    );
    assert!(!err.contains("indentation"), "{err}");
}

#[test]
fn missing_title() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ndescription: no title\n---\nText\n",
    );
    let err = assert_fails(&f.build());
    assert!(err.contains("content/guide/second.md:"), "{err}");
    assert!(err.contains("title"), "{err}");
}

#[test]
fn broken_links_anchors_and_alt_text_are_all_reported_in_one_run() {
    let f = Fixture::new("basic");
    f.write("content/guide/second.md", "---\ntitle: Second\n---\nSee [x](frist.md).\n\nAnd [y](first.md#nowhere).\n\n![](square.svg)\n\n<img src=\"square.svg\">\n");
    let err = assert_fails(&f.build());
    assert!(err.contains("error[broken-link]: broken link: no page at content/guide/frist.md\n  --> content/guide/second.md:4:5"), "{err}");
    assert!(
        err.contains("help: did you mean content/guide/first.md?"),
        "{err}"
    );
    assert!(err.contains("error[broken-link]: broken link: /guide/first/ has no anchor #nowhere\n  --> content/guide/second.md:6:5"), "{err}");
    assert!(
        err.contains(
            "error[alt-text]: this image has no alt text\n  --> content/guide/second.md:8:1"
        ),
        "{err}"
    );
    assert!(err.contains("the image \"square.svg\" on /guide/second/ has no alt attribute\n  --> content/guide/second.md:10:1"), "{err}");
    assert!(err.contains("error[broken-link]: broken image: no file or page at /guide/second/square.svg\n  --> content/guide/second.md:10:1"), "a raw relative address is checked too: {err}");
    assert!(
        err.contains("Build failed: 5 errors, 0 warnings in"),
        "{err}"
    );
}

#[test]
fn unknown_finding_reference() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/recommendations.yaml",
        "- id: act\n  title: Act\n  summary: s\n  why: w\n  findings:\n    - help\n",
    );
    let err = assert_fails(&f.build());
    assert!(err.contains("recommendation \"act\" names finding \"help\", which does not exist\n  --> content/_data/recommendations.yaml:6:7"), "{err}");
    assert!(err.contains("did you mean \"helps\"?"), "{err}");
}

#[test]
fn two_pages_at_one_address() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/other.md",
        "---\ntitle: Other\nslug: second\n---\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("two pages would be written to the same address /guide/second/"),
        "{err}"
    );
}

#[test]
fn template_errors_point_at_the_template() {
    let f = Fixture::new("basic");
    f.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | nosuchfilter }}\n{% endblock content %}\n");
    let err = assert_fails(&f.build());
    assert!(err.contains("--> templates/page.html:3:"), "{err}");
}

#[test]
fn site_templates_override_the_theme() {
    let f = Fixture::new("basic");
    f.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1><p>Custom page layout</p>{{ page.content | safe }}{% endblock content %}\n");
    assert_ok(&f.build());
    assert!(f
        .read_output("guide/first/index.html")
        .contains("Custom page layout"));
}

#[test]
fn unknown_template_name_in_front_matter() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second\ntemplate: pgae.html\n---\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains(
            "there is no template named \"pgae.html\"\n  --> content/guide/second.md:3:11"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean template: page.html?"), "{err}");
}

#[test]
fn unknown_site_toml_key() {
    let f = Fixture::new("basic");
    f.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://e.org/\"\ntheem = \"default\"\n",
    );
    let err = assert_fails(&f.build());
    assert!(err.contains("--> site.toml:3:1"), "{err}");
    assert!(
        err.contains("error: site.toml: plainsite does not know the setting `theem`\n  --> site.toml:3:1\n  |\n3 | theem = \"default\"\n  | ^\n  = help: did you mean `theme`?\n"),
        "{err}"
    );
}

#[test]
fn drafts_flag_includes_drafts() {
    let f = Fixture::new("basic");
    assert_ok(&f.run(&["build", "--drafts"]));
    assert!(f.public().join("guide/draft/index.html").is_file());
}

#[test]
fn refuses_output_folders_it_must_not_replace() {
    let f = Fixture::new("basic");
    for out in [".", "content", "content/x", ".."] {
        let err = assert_fails(&f.run(&["build", "--output", out]));
        assert!(err.contains("error: the output folder"), "{out}: {err}");
    }
    f.write("docs/mine.txt", "keep me");
    let err = assert_fails(&f.run(&["build", "--output", "docs"]));
    assert!(
        err.contains("already has files that plainsite did not write"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(f.root().join("docs/mine.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn check_writes_nothing() {
    let f = Fixture::new("basic");
    let err = assert_ok(&f.run(&["check"]));
    assert!(err.contains("Checked 11 pages"), "{err}");
    assert!(!f.public().exists());
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second\n---\n[x](nope.md)\n",
    );
    let err = assert_fails(&f.run(&["check"]));
    assert!(err.contains("content/guide/second.md:4:1"), "{err}");
    assert!(!f.public().exists());
}

#[test]
fn new_site_builds_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = new_site(dir.path(), "my-site");
    assert_ok(&o);
    let elsewhere = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-site");
    let o = std::process::Command::new(BIN)
        .args(["build", "--root"])
        .arg(&site)
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    let err = assert_ok(&o);
    assert!(err.contains("0 warnings, 0 errors"), "{err}");
    assert!(site.join("public/index.html").is_file());
    assert!(site
        .join("public/findings/early-involvement/index.html")
        .is_file());
    let o = new_site(dir.path(), "my-site");
    assert!(assert_fails(&o).contains("is not empty"));
}

/// `plainsite new --language fr,en`: a site in French, its pages at the top, with its
/// English translation under /en/, each language's own words in site.toml, and nothing
/// for the checks to say (the theme's French words are plain too).
#[test]
fn new_site_in_french_with_english_has_each_language_s_pages_and_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let o = new_site_in(dir.path(), "s", "fr,en");
    assert_ok(&o);
    let site = dir.path().join("s");
    let settings = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(settings.contains("language = \"fr\""), "{settings}");
    assert!(
        settings.contains("[languages.en]\ntitle = \"My review summary\"\n"),
        "{settings}"
    );
    assert!(site.join("content/about.en.md").is_file());
    assert!(site.join("content/_data/findings.en.yaml").is_file());
    assert!(!site.join("CREDITS.en.md").exists());
    let o = std::process::Command::new(BIN)
        .args(["build", "--suggestions", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let err = assert_ok(&o);
    assert!(err.contains("0 warnings, 0 errors in"), "{err}");
    assert!(!err.contains("suggestion"), "{err}");
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("lang=fr") && home.contains("Dites d’abord l’idée principale"));
    let english = std::fs::read_to_string(site.join("public/en/about/index.html")).unwrap();
    assert!(english.contains("lang=en") && english.contains("About this site"));
    // The page-not-found page's title (its tab, what a screen reader says first) too.
    let missing = std::fs::read_to_string(site.join("public/404.html")).unwrap();
    assert!(
        missing.contains("<title>Nous ne trouvons pas cette page – "),
        "{missing}"
    );
}

/// A first language the starter has no pages in, a language the theme has no words in,
/// and a language given twice are each refused with what to do, and nothing is written.
#[test]
fn new_refuses_languages_it_cannot_make_a_site_in_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (languages, says) in [
        ("zh", "plainsite has example pages in English (en) and French (fr) only, and a site starts in the language of its pages. The theme has words in zh, so it can be a second language: --language en,zh."),
        ("en,de", "the default theme has no words in de yet (it has ar, en, fr, zh). Make the site without it; then copy themes/default/i18n/en.toml to i18n/de.toml beside site.toml"),
        ("fr,FR", "fr is given twice; give each language once, the site's own first"),
        ("fr-CA,fr", "fr-CA and fr are the same language, and would have the same name in the site's language menu"),
        ("fr,x y", "\"x y\" is not a language code; use codes such as en, fr or fr-CA"),
    ] {
        let o = new_site_in(dir.path(), "s", languages);
        let err = assert_fails(&o);
        assert!(err.contains(says), "{languages}: {err}");
        assert!(!dir.path().join("s").exists(), "{languages}");
    }
}

/// A site made by an earlier plainsite keeps its copy of the theme: `check` says when
/// the copy is behind, and `update-theme` replaces the files as an earlier plainsite
/// wrote them (fr.toml as it was before the topic links' words), adds the theme's new
/// ones, and keeps the one the author changed, naming it.
#[test]
fn update_theme_replaces_old_copies_adds_new_files_and_keeps_the_author_s() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&new_site(dir.path(), "s"));
    let site = dir.path().join("s");
    let theme = site.join("themes/default");
    let before = repo().join("tests/fixtures/theme-before/i18n/fr.toml");
    std::fs::copy(&before, theme.join("i18n/fr.toml")).unwrap();
    std::fs::remove_file(theme.join("static/snowball/LICENSE")).unwrap();
    let page = theme.join("templates/page.html");
    let mine = std::fs::read_to_string(&page).unwrap() + "{# my note #}\n";
    std::fs::write(&page, &mine).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(BIN)
            .args(args)
            .arg("--root")
            .arg(&site)
            .output()
            .unwrap()
    };
    let err = assert_ok(&run(&["check"]));
    assert!(err.contains("warning[old-theme]: themes/default is older than this plainsite's theme: 2 file(s) have changed since it was copied (such as i18n/fr.toml), with fixes the site does not have yet\n  --> site.toml:6:1"), "{err}");
    let err = assert_ok(&run(&["update-theme"]));
    assert!(
        err.contains(
            "Updated 2 file(s) of themes/default to this plainsite's theme (1 replaced, 1 added)."
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "Kept 1 file(s) you changed, as they are:\n  themes/default/templates/page.html\n"
        ),
        "{err}"
    );
    assert_eq!(
        snapshot(&repo().join("themes/default/i18n")),
        snapshot(&theme.join("i18n"))
    );
    assert!(theme.join("static/snowball/LICENSE").is_file());
    assert_eq!(std::fs::read_to_string(&page).unwrap(), mine);
    let err = assert_ok(&run(&["check"]));
    assert!(!err.contains("old-theme"), "{err}");
    let err = assert_ok(&run(&["update-theme"]));
    assert!(
        err.contains("themes/default is up to date with this plainsite's theme."),
        "{err}"
    );
}

/// A language's theme words that lack labels the theme uses (an older fr.toml the
/// author changed, which update-theme keeps) show English in French pages: a warning at
/// the file, with plainsite's own French lines to add.
#[test]
fn theme_words_that_lack_labels_are_a_warning_with_plainsite_s_own_lines() {
    let dir = tempfile::tempdir().unwrap();
    let o = new_site_in(dir.path(), "s", "fr");
    assert_ok(&o);
    let site = dir.path().join("s");
    let words = site.join("themes/default/i18n/fr.toml");
    let before =
        std::fs::read_to_string(repo().join("tests/fixtures/theme-before/i18n/fr.toml")).unwrap();
    std::fs::write(
        &words,
        before.replace(
            "skip_link = \"Aller au contenu principal\"",
            "skip_link = \"Passer au contenu\"",
        ),
    )
    .unwrap();
    let o = std::process::Command::new(BIN)
        .args(["check", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let err = assert_ok(&o);
    assert!(err.contains("warning[missing-translation]: themes/default/i18n/fr.toml has no words for 5 of the theme's labels (brief_letter, language_name_ar, language_name_en, language_name_fr, language_name_zh): pages in fr show them in English\n  --> themes/default/i18n/fr.toml:1:1\n"), "{err}");
    assert!(
        err.contains("add plainsite's own lines for them:\n    brief_letter = \"Lettre US\"\n"),
        "{err}"
    );
}

/// `update-theme` writes only into the site's own copy of the theme: a folder of it that
/// is a link to another place, or a theme of the author's own named `default`, is
/// refused and nothing is changed.
#[cfg(unix)]
#[test]
fn update_theme_never_writes_through_a_link_or_into_another_theme() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&new_site(dir.path(), "s"));
    let site = dir.path().join("s");
    let theme = site.join("themes/default");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::rename(theme.join("static"), &elsewhere).unwrap();
    std::fs::remove_file(elsewhere.join("search.js")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, theme.join("static")).unwrap();
    let update = || {
        std::process::Command::new(BIN)
            .args(["update-theme", "--root"])
            .arg(&site)
            .output()
            .unwrap()
    };
    let err = assert_fails(&update());
    assert!(
        err.contains(
            "static is a link or a file, not a folder of the theme; nothing was written there"
        ),
        "{err}"
    );
    assert!(!elsewhere.join("search.js").exists());
    std::fs::remove_file(theme.join("static")).unwrap();
    std::fs::remove_dir_all(&theme).unwrap();
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(theme.join("templates/page.html"), "{{ page.title }}").unwrap();
    let err = assert_fails(&update());
    assert!(err.contains("themes/default is not plainsite's default theme (none of its files is one plainsite wrote), so nothing was changed"), "{err}");
    assert_eq!(std::fs::read_dir(&theme).unwrap().count(), 1);
}

#[test]
fn new_embeds_the_whole_default_theme() {
    let dir = tempfile::tempdir().unwrap();
    let o = new_site(dir.path(), "s");
    assert_ok(&o);
    assert_eq!(
        snapshot(&repo().join("themes/default")),
        snapshot(&dir.path().join("s/themes/default"))
    );
}

#[test]
fn help_explains_each_command() {
    for (cmd, words) in [
        ("build", "Build the site"),
        ("serve", "Every time you save a page"),
        ("check", "without writing anything"),
        ("new", "Make a new site in DIR"),
        ("new", "--language fr,en"),
        ("update-theme", "keeps each file you"),
    ] {
        let o = std::process::Command::new(BIN)
            .args([cmd, "--help"])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success() && out.contains(words), "{cmd}: {out}");
    }
}

#[test]
fn example_site_builds_clean() {
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(BIN)
        .args(["build", "--strict", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    let err = assert_ok(&o);
    // Suggestions (passive voice, plainer words) are the author's call and never fail
    // --strict; warnings and errors must be none.
    assert!(
        err.contains("0 warnings, 0 errors"),
        "clean under --strict: {err}"
    );
    let pages = walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .count();
    assert!(
        pages >= 12,
        "the example site has at least 12 pages, found {pages}"
    );
}

#[test]
fn build_output_with_dotdot_through_missing_folder_is_refused() {
    let f = Fixture::new("basic");
    let before = snapshot(&f.root().join("content"));
    for out in ["x/../content", "x/../../victim"] {
        std::fs::create_dir_all(f.dir.path().join("victim")).unwrap();
        std::fs::write(f.dir.path().join("victim/keep.txt"), "mine").unwrap();
        let err = assert_fails(&f.run(&["build", "--output", out]));
        assert!(err.contains("output folder"), "{err}");
    }
    assert_eq!(snapshot(&f.root().join("content")), before);
    assert!(f.dir.path().join("victim/keep.txt").is_file());
    assert!(!f.root().join("x").exists());
}

/// The A–Z index is made by the search output, not from a page: an `<img>` without alt
/// in its template is still found, as on every page.
#[test]
fn an_img_without_alt_in_the_a_z_template_is_an_error() {
    let f = Fixture::new("basic");
    let a_z = std::fs::read_to_string(f.root().join("themes/default/templates/a-z.html")).unwrap();
    f.write(
        "templates/a-z.html",
        &a_z.replacen(
            "{% block content %}",
            "{% block content %}<img src=\"/guide/square.svg\">",
            1,
        ),
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains(
            "error[alt-text]: the image \"/guide/square.svg\" on /a-z/ has no alt attribute"
        ),
        "{err}"
    );
}

#[test]
fn the_writing_room_guide_is_in_english_and_french_with_described_screenshots() {
    let guide = common::repo().join("content/guide");
    for page in ["writing-room.md", "writing-room.fr.md"] {
        let text = std::fs::read_to_string(guide.join(page)).unwrap();
        for shot in [
            "writing-room-view.png",
            "writing-room-editor.png",
            "writing-room-form.png",
            "writing-room-add.png",
            "writing-room-person.png",
            "writing-room-credit.png",
        ] {
            let image = text
                .lines()
                .find(|l| l.starts_with("![") && l.contains(&format!("]({shot})")))
                .unwrap_or_else(|| panic!("{page} shows {shot}"));
            let alt = &image[2..image.find("](").unwrap_or(2)];
            assert!(
                alt.split_whitespace().count() >= 5,
                "{page}: {shot} is described: {alt:?}"
            );
            assert!(guide.join(shot).is_file(), "{shot} is there");
        }
    }
}

/// The glossary is rendered after the other pages (it lists the pages each term is on),
/// while their problems are shown batch by batch as they are done: its problems still
/// come in its place in page order, before those of the pages after it.
#[test]
fn problems_are_shown_in_page_order_around_the_glossary() {
    let f = Fixture::new("basic");
    let long = "This sentence goes on and on with many more words than it needs, so that it is \
        far longer than any reader would like to read in one go, without a pause for breath \
        or a full stop anywhere along the way, which is the point of it here today.";
    for name in ["aa", "glossary", "zz"] {
        f.write(
            &format!("content/{name}.md"),
            &format!("---\ntitle: Page {name}\n---\n\n{long}\n"),
        );
    }
    let err = assert_ok(&f.build());
    let files: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .filter_map(|l| l.split(':').next())
        .filter(|f| ["content/aa.md", "content/glossary.md", "content/zz.md"].contains(f))
        .collect();
    let first = |f: &str| files.iter().position(|x| *x == f);
    assert!(
        first("content/aa.md") < first("content/glossary.md")
            && first("content/glossary.md") < first("content/zz.md")
            && first("content/aa.md").is_some(),
        "{files:?}\n{err}"
    );
}

#[test]
fn a_feed_section_that_names_no_section_is_a_warning_at_its_line() {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}feed_section = \"nwes\"\n"));
    let err = assert_ok(&f.run(&["build", "--no-checks"]));
    let line = toml.lines().count() + 1;
    assert!(
        err.contains("warning: feed_section = \"nwes\" is not a section of the site, so the site has no news feed")
            && err.contains(&format!("--> site.toml:{line}:1")),
        "{err}"
    );
}

#[test]
fn a_broken_anchor_of_the_page_itself_comes_in_line_order_once() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second\n---\nSee [the part](#nowhere).\n\n![](square.svg)\n\nSee [x](frist.md).\n",
    );
    let err = assert_fails(&f.build());
    let lines: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim().strip_prefix("--> content/guide/second.md:"))
        .collect();
    assert_eq!(lines, ["4:5", "6:1", "8:5"], "{err}");
    assert!(
        err.contains("broken link: /guide/second/ has no anchor #nowhere"),
        "{err}"
    );
}

/// The guide says a news item needs a date: one without is named, not left out of the
/// feed in silence.
#[test]
fn a_news_item_without_a_date_is_a_warning_that_the_feed_leaves_it_out() {
    let f = Fixture::new("basic");
    f.write(
        "content/news/two.md",
        "---\ntitle: Two\n---\n\nWe met again.\n",
    );
    let err = assert_ok(&f.build());
    assert!(
        err.contains("warning: this news item has no date, so the news feed (news/atom.xml) leaves it out\n  --> content/news/two.md\n"),
        "{err}"
    );
    assert!(!f.read_output("news/atom.xml").contains("/news/two/"));
}
