//! Nothing let in (issue 11): safe mode under hostile input (payloads in pages, in data
//! files and through the `markdown` filter, built with `safe = true`, each page's main
//! content read as a browser reads it, through scraper, to prove no script can run), a
//! base_url carrying markup, and theme files from outside the site.

mod common;
use common::oracle::script_risk;
use common::*;

/// Payloads that got past the old hand-written rules, and more.
pub const PAYLOADS: &[&str] = &[
    r#"<noscript><p title="</noscript><script src=x.js>">"#,
    r#"<a href="jav&#x09;ascript:alert(1)">tab</a>"#,
    r#"<a href="&#106;avascript:alert(1)">entity</a>"#,
    r#"<a href="java
script:alert(1)">split</a>"#,
    r#"<details open /ontoggle=alert(1)>d</details>"#,
    r#"<svg><script>alert(1)</script></svg>"#,
    r#"<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>"#,
    r#"<img src="https://example.org/x.png" alt="" onerror=alert(1)>"#,
    r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
    r#"<math><mtext><table><mglyph><style><img src="https://example.org/x.png" alt="" onerror=alert(1)>"#,
    r#"<math href="javascript:alert(1)">m</math>"#,
    r#"<form action="javascript:alert(1)"><button>b</button></form>"#,
    r#"<p style="background:url(javascript:alert(1))">s</p>"#,
    r#"<p style="width:expression(alert(1))">e</p>"#,
    r#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#,
    r#"<base href="https://evil.example/">"#,
    r#"<object data="x.swf"></object><embed src="x.swf">"#,
    r#"<a href="data:text/html,<script>alert(1)</script>">data</a>"#,
    r#"<a href="vbscript:msgbox(1)">vb</a>"#,
    r#"<img src="https://example.org/x.png" alt="" srcset="javascript:alert(1) 1x">"#,
    r#"<div/onclick=alert(1)>slash</div>"#,
    r#"<!--><script>alert(1)</script>-->"#,
    r#"<title><img src="https://example.org/x.png" alt="" onerror=alert(1)></title>"#,
    r#"<template><script>alert(1)</script></template>"#,
    r#"<a href="  javascript:alert(1)">space</a>"#,
    r#"<link rel="import" href="x.html"><style>@import "x.css";</style>"#,
];

/// The `<main>` of a built page (the part authors write).
fn main_of(page: &str) -> String {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse("main").unwrap();
    doc.select(&sel).map(|m| m.html()).collect()
}

fn safe_fixture() -> Fixture {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    // The payloads are broken HTML on purpose (an unclosed <noscript>, a <math> full of
    // open elements); what is tested here is what safe mode lets through, so the rule
    // that names broken HTML is only a warning.
    f.write(
        "site.toml",
        &format!("safe = true\n{toml}\n[checks.rules]\nhtml-structure = \"warning\"\n"),
    );
    // An SVG picture is not copied in safe mode (see the test below).
    let first = std::fs::read_to_string(f.root().join("content/guide/first.md")).unwrap();
    f.write(
        "content/guide/first.md",
        &first.replace("![A small square](square.svg)", ""),
    );
    f
}

#[test]
fn safe_mode_leaves_no_script_from_raw_html_in_markdown() {
    let f = safe_fixture();
    // One page each: an unclosed <script> rightly swallows the rest of its page.
    for (n, p) in PAYLOADS.iter().enumerate() {
        f.write(
            &format!("content/guide/p{n}.md"),
            &format!("---\ntitle: Payload {n}\n---\n\nText {p} more.\n\n{p}\n\nLast words.\n"),
        );
    }
    let err = assert_ok(&f.build());
    assert!(err.contains("warning[unsafe-html]"), "{err}");
    assert!(err.contains("warning[html-structure]"), "{err}");
    for (n, payload) in PAYLOADS.iter().enumerate() {
        let main = main_of(&f.read_output(&format!("guide/p{n}/index.html")));
        assert_eq!(script_risk(&main), None, "{payload}: {main}");
    }
    let main = main_of(&f.read_output("guide/p20/index.html"));
    assert!(
        main.contains("slash") && main.contains("Last words."),
        "text around removed tags stays: {main}"
    );
}

#[test]
fn safe_mode_leaves_no_script_from_data_files_or_the_markdown_filter() {
    let f = safe_fixture();
    let yaml: String = PAYLOADS
        .iter()
        .enumerate()
        .map(|(n, p)| {
            format!(
                "- term: Term{n}\n  definition: {}\n",
                serde_json::to_string(p).unwrap()
            )
        })
        .collect();
    f.write("content/_data/glossary.yaml", &yaml);
    let cite = serde_json::to_string(&PAYLOADS.join("\n\n")).unwrap();
    f.write(
        "content/brief.md",
        &format!("---\ntitle: Brief\ntemplate: brief.html\nextra:\n  cite: {cite}\n  team: {cite}\n---\n\nThe brief.\n"),
    );
    assert_ok(&f.build());
    for page in ["glossary/index.html", "brief/index.html"] {
        let main = main_of(&f.read_output(page));
        assert!(
            main.contains("Term3") || page != "glossary/index.html",
            "{main}"
        );
        assert_eq!(script_risk(&main), None, "{page}: {main}");
    }
}

#[test]
fn safe_mode_keeps_ordinary_pages_byte_identical() {
    let plain = Fixture::new("basic");
    assert_ok(&plain.build());
    let safe = safe_fixture();
    for f in [&plain, &safe] {
        f.write("content/guide/third.md", "---\ntitle: Third page\n---\n\nA *plain* page with a [the second page](second.md) and a table.\n\n| a | b |\n|--:|---|\n| 1 | 2 |\n\nA note[^n].\n\n[^n]: The note.\n");
    }
    assert_ok(&plain.build());
    assert_ok(&safe.build());
    assert_eq!(
        main_of(&plain.read_output("guide/third/index.html")),
        main_of(&safe.read_output("guide/third/index.html"))
    );
}

#[test]
fn safe_mode_never_copies_scripts_or_active_files_from_content() {
    let f = safe_fixture();
    f.write("content/guide/x.js", "alert(1)");
    f.write("content/guide/page.html", "<script>alert(1)</script>");
    f.write("content/guide/page.xhtml", "<script>alert(1)</script>");
    let err = assert_ok(&f.build());
    for name in ["x.js", "page.html", "page.xhtml", "square.svg"] {
        assert_not_copied(&f, &err, &format!("guide/{name}"));
    }
}

/// The file `content/<rel>` is not in the output, and the build said so.
fn assert_not_copied(f: &Fixture, err: &str, rel: &str) {
    assert!(!f.public().join(rel).exists(), "{rel} was copied");
    let said =
        format!("warning[unsafe-file]: safe mode does not copy this file\n  --> content/{rel}");
    assert!(err.contains(&said), "{rel}: {err}");
}

/// A web host's settings files (`_headers`, `_redirects` on Netlify and Cloudflare
/// Pages, `web.config` on IIS) can serve a text file as a page that runs its script:
/// safe mode does not copy them, at the top of `content/` or below it.
#[test]
fn safe_mode_never_copies_a_web_hosts_settings_files() {
    let f = safe_fixture();
    f.write("content/notes.txt", "<script>alert(1)</script>");
    f.write(
        "content/_headers",
        "/notes.txt\n  Content-Type: text/html\n",
    );
    f.write("content/_redirects", "/* /notes.txt 200\n");
    f.write("content/guide/web.config", "<configuration/>");
    let err = assert_ok(&f.build());
    assert!(f.public().join("notes.txt").exists());
    for name in ["_headers", "_redirects", "guide/web.config"] {
        assert_not_copied(&f, &err, name);
    }
}

#[test]
fn base_url_with_markup_fails_the_build_and_writes_nothing() {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &toml.replace(
            "base_url = \"https://example.org/\"",
            "base_url = \"https://example.org/\\\"><script>alert(1)</script>\"",
        ),
    );
    let err = assert_fails(&f.build());
    assert!(err.contains("error: base_url \"https://example.org/\\\"><script>alert(1)</script>\" is not a web address: it contains '\"', which a web address cannot hold\n  --> site.toml:3:1"), "{err}");
    assert!(!f.public().exists(), "nothing is written");
    f.write("site.toml", &toml);
    let err = assert_fails(&f.run(&[
        "build",
        "--base-url",
        "https://e.org/'><svg onload=alert(1)>",
    ]));
    assert!(err.contains("error: --base-url"), "{err}");
    assert!(!f.public().exists(), "nothing is written");
}

#[cfg(unix)]
#[test]
fn theme_static_folder_linked_outside_the_site_is_not_copied() {
    let f = Fixture::new("basic");
    let secret = f.dir.path().join("secret");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("id_rsa"), "PRIVATE KEY").unwrap();
    std::fs::write(f.dir.path().join("passwd"), "root:x:0:0").unwrap();
    let statics = f.root().join("themes/default/static");
    std::os::unix::fs::symlink(f.dir.path().join("passwd"), statics.join("passwd")).unwrap();
    let err = assert_ok(&f.build());
    assert!(err.contains("warning: this link was skipped: plainsite copies no file through a link or from outside the site folder\n  --> themes/default/static/passwd"), "{err}");
    assert!(!f.public().join("passwd").exists());
    std::fs::remove_dir_all(&statics).unwrap();
    common::copy_dir(&repo().join("themes/default/static"), &secret);
    std::os::unix::fs::symlink(&secret, &statics).unwrap();
    std::fs::remove_dir_all(f.public()).unwrap();
    let err = assert_fails(&f.build());
    assert!(err.contains("  --> themes/default/static\n"), "{err}");
    assert!(
        !f.public().join("id_rsa").exists(),
        "the outside file never appears in public/"
    );
}

#[test]
fn theme_path_outside_themes_folder_fails_the_build() {
    let f = Fixture::new("basic");
    let outside = f.dir.path().join("outside");
    common::copy_dir(&f.root().join("themes/default"), &outside);
    std::fs::write(outside.join("static/leak.txt"), "outside").unwrap();
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}theme = \"../../outside\"\n"));
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: theme \"../../outside\" is not the name of a folder in themes/"),
        "{err}"
    );
    assert!(!f.public().exists());
}

/// Hostile HTML pieces: dangerous and harmless tags, event attributes, script
/// addresses written in the ways a browser still reads them, and broken markup.
fn hostile_html() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let tag = prop::sample::select(vec![
        "script",
        "svg",
        "math",
        "noscript",
        "iframe",
        "style",
        "title",
        "textarea",
        "template",
        "a",
        "img",
        "p",
        "details",
        "form",
        "meta",
        "base",
        "object",
        "embed",
        "table",
        "div",
        "mglyph",
        "mtext",
        "select",
        "xmp",
        "annotation-xml",
        "foreignObject",
    ]);
    let attr = prop::sample::select(vec![
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "onerror",
        "/onload",
        "ONCLICK",
        "style",
        "xlink:href",
        "http-equiv",
        "title",
        "srcdoc",
        "data",
        "id",
        "class",
    ]);
    let value = prop::sample::select(vec![
        "javascript:alert(1)",
        "jav&#x09;ascript:x",
        "&#106;avascript:x",
        " java\nscript:x",
        "&#x6A;&#x61;vascript:x",
        "vbscript:x",
        "data:text/html,<script>x</script>",
        "refresh",
        "0;url=javascript:x",
        "x.png",
        "https://e.org/",
        "</noscript><script>x</script>",
        "\"><script>x</script>",
        "expression(x)",
        "url(javascript:x)",
        "",
    ]);
    let piece = prop_oneof![
        (
            tag.clone(),
            prop::collection::vec((attr, value, prop::bool::ANY), 0..3)
        )
            .prop_map(|(t, attrs)| {
                let attrs: String = attrs
                    .into_iter()
                    .map(|(a, v, q)| {
                        if q {
                            format!(" {a}=\"{v}\"")
                        } else {
                            format!(" {a}={v}")
                        }
                    })
                    .collect();
                format!("<{t}{attrs}>")
            }),
        tag.prop_map(|t| format!("</{t}>")),
        prop::sample::select(vec![
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "x",
            "\n\n",
            "<",
            "\"",
            "'",
            "alert(1)"
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Runs `test` on generated hostile HTML with a fixed seed, so every run checks the
/// same cases (the open-ended search is the fuzz target `sanitize`).
fn with_hostile_html(
    cases: u32,
    test: impl Fn(&str) -> Result<(), proptest::test_runner::TestCaseError>,
) {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    if let Err(e) = runner.run(&hostile_html(), |html| test(&html)) {
        panic!("{e}");
    }
}

#[test]
fn sanitized_html_never_holds_a_script_when_read_as_a_browser_reads_it() {
    with_hostile_html(2000, |html| {
        let clean = plainsite::markdown::sanitize::clean(html);
        proptest::prop_assert_eq!(script_risk(&clean), None, "{} -> {}", html, clean);
        Ok(())
    });
}

#[test]
fn safe_mode_markdown_never_holds_a_script_when_read_as_a_browser_reads_it() {
    use plainsite::markdown::{render, LinkContext, Source};
    use plainsite::text::diagnostics::LineIndex;
    use plainsite::text::rule::CheckConfig;
    let (model, _) =
        plainsite::model::build(&[], &Default::default(), false, "", &Default::default());
    let assets = std::collections::HashSet::new();
    let checks = CheckConfig::default();
    let ctx = LinkContext {
        model: &model,
        glossary: None,
        checks: &checks,
        charts: None,
        safe: true,
        assets: &assets,
        base_path: "/",
        lang_prefix: "",
        strings: &Default::default(),
        images: &Default::default(),
        source_marks: false,
    };
    with_hostile_html(500, |html| {
        let body =
            format!("Some *text* {html}\n\n{html}\n\n[a](javascript:x) ![b](javascript:x)\n");
        let index = LineIndex::new(&body);
        let src = Source {
            file: "content/a.md",
            text: &body,
            index: &index,
            body_offset: 0,
            rel: "a.md",
        };
        let out = render(&body, &src, &ctx).html;
        proptest::prop_assert_eq!(script_risk(&out), None, "{} -> {}", body, out);
        let filtered = plainsite::markdown::render_plain(&body, true);
        proptest::prop_assert_eq!(script_risk(&filtered), None, "{} -> {}", body, filtered);
        Ok(())
    });
}

#[test]
fn chart_text_with_markup_stays_text_in_safe_mode() {
    let f = safe_fixture();
    f.write("content/guide/second.md", "---\ntitle: Second page\n---\n\nText.\n\n```chart\nkind: bar\nid: x\"><script>alert(1)</script>\ntitle: <img src=x onerror=alert(1)>\ntakeaway: <script>alert(2)</script>\nsource: <a href=\"javascript:alert(3)\">s</a>\nunit: <b onclick=x>u</b>\ndata:\n  - label: <svg onload=alert(4)>\n    value: 1\n```\n");
    let out = f.build();
    let err = stderr(&out);
    if out.status.success() {
        let main = main_of(&f.read_output("guide/second/index.html"));
        assert_eq!(script_risk(&main), None, "{main}");
    } else {
        assert!(err.contains("content/guide/second.md"), "{err}");
    }
}
