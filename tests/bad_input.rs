//! Bad input never crashes plainsite, never loses the last good site, and always says
//! where the problem is. Each case asserts the exit code, the place in the message, and
//! that `public/` is byte-for-byte unchanged.

mod common;

use common::*;

/// Builds once, breaks the site with `change`, builds again: returns the second run's
/// standard error after checking the exit code and that the output did not change.
fn breaks(change: impl FnOnce(&Fixture), expected_code: i32) -> String {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let before = snapshot(&f.public());
    change(&f);
    let o = f.build();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(expected_code), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    if expected_code != 0 {
        assert_eq!(
            before,
            snapshot(&f.public()),
            "public/ is unchanged after a failed build"
        );
    }
    err
}

#[test]
fn front_matter_that_is_a_list() {
    let err = breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                "---\n- title\n- two\n---\nText\n",
            )
        },
        1,
    );
    assert!(err.contains("content/guide/second.md:2:"), "{err}");
}

#[test]
fn an_empty_file() {
    let err = breaks(|f| f.write("content/guide/second.md", ""), 1);
    assert!(
        err.contains("this page has no front matter\n  --> content/guide/second.md:1:1"),
        "{err}"
    );
}

#[test]
fn non_utf8_bytes() {
    let err = breaks(
        |f| {
            std::fs::write(
                f.root().join("content/guide/second.md"),
                b"---\ntitle: A\n---\n\xff\xfe bad\n",
            )
            .unwrap()
        },
        1,
    );
    assert!(
        err.contains("this file is not UTF-8 text\n  --> content/guide/second.md:4:1"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_and_windows_line_endings_are_accepted() {
    let err = breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                "\u{feff}---\r\ntitle: Second\r\n---\r\n\r\nSee [nothing](nope.md).\r\n",
            )
        },
        1,
    );
    assert!(
        err.contains("content/guide/second.md:5:5"),
        "line numbers stay right with CRLF: {err}"
    );
    breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                "\u{feff}---\r\ntitle: Second\r\n---\r\n\r\nFine.\r\n",
            )
        },
        0,
    );
}

#[test]
fn a_yaml_alias_bomb_is_stopped() {
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
    let err = breaks(|f| f.write("content/_data/bomb.yaml", bomb), 1);
    assert!(err.contains("content/_data/bomb.yaml:"), "{err}");
}

#[test]
fn a_duplicate_key() {
    let err = breaks(
        |f| f.write("content/guide/second.md", "---\ntitle: A\ntitle: B\n---\n"),
        1,
    );
    assert!(err.contains("content/guide/second.md:3:"), "{err}");
}

/// A site.toml that is not UTF-8 is an error at the line and column of the first bad
/// byte with what to do, as a page's is: it said "stream did not contain valid UTF-8",
/// with a help about running plainsite in a site folder.
#[test]
fn a_site_toml_that_is_not_utf8_is_an_error_at_its_place() {
    let err = breaks(
        |f| {
            let path = f.root().join("site.toml");
            let mut toml = std::fs::read(&path).unwrap();
            toml.extend_from_slice(b"description = \"Bad \xff\"\n");
            std::fs::write(&path, toml).unwrap();
        },
        1,
    );
    assert!(
        err.contains("error: this file is not UTF-8 text\n  --> site.toml:"),
        "{err}"
    );
    assert!(err.contains("save the file as UTF-8"), "{err}");
}

#[test]
fn a_tab_that_indents_front_matter_is_reported_at_the_tab() {
    let err = breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                "---\ntitle: Tab\n\tdescription: x\n---\nText\n",
            )
        },
        1,
    );
    assert_eq!(
        place_of(&err, "error:", "indented with a tab"),
        "content/guide/second.md:3:1"
    );
}

#[test]
fn a_tab_that_indents_a_data_file_is_reported_at_the_tab() {
    let findings =
        "- id: helps\n  title: It helps\n  summary: Something helps.\n\teffect: benefit\n";
    let err = breaks(|f| f.write("content/_data/findings.yaml", findings), 1);
    assert_eq!(
        place_of(&err, "error:", "indented with a tab"),
        "content/_data/findings.yaml:4:1"
    );
}

#[test]
fn a_missing_site_toml() {
    let err = breaks(
        |f| std::fs::remove_file(f.root().join("site.toml")).unwrap(),
        1,
    );
    assert!(err.contains("could not read site.toml"), "{err}");
}

#[test]
fn deep_nesting_does_not_crash() {
    breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                &format!("---\ntitle: Deep\n---\n\n{}deep\n", "> ".repeat(10_000)),
            )
        },
        0,
    );
    breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                &format!(
                    "---\ntitle: Deep\n---\n\n{}\n",
                    (0..10_000)
                        .map(|i| format!("{}- item", "  ".repeat(i % 200)))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
            )
        },
        0,
    );
}

#[test]
fn a_very_large_page() {
    let para =
        "People who use drugs took part in the planning group and were paid for their time. ";
    // 50 MB of prose in eight paragraphs.
    let body = format!("{}\n\n", para.repeat(50 * 1024 * 1024 / para.len() / 8)).repeat(8);
    let err = breaks(
        move |f| {
            f.write(
                "content/guide/second.md",
                &format!("---\ntitle: Large\n---\n\n{body}\n"),
            )
        },
        0,
    );
    assert!(err.contains("Built"), "{err}");
}

#[test]
fn a_symlink_loop_is_skipped() {
    #[cfg(unix)]
    {
        let err = breaks(
            |f| {
                std::os::unix::fs::symlink(
                    f.root().join("content"),
                    f.root().join("content/guide/loop"),
                )
                .unwrap()
            },
            0,
        );
        assert!(err.contains("this symbolic link was skipped"), "{err}");
    }
}

#[test]
fn links_and_images_outside_the_site() {
    let err = breaks(
        |f| {
            f.write("content/guide/second.md", "---\ntitle: A\n---\n\n[x](../../../../etc/passwd.md) ![y](../../../secret.png) [z](/etc/passwd)\n")
        },
        1,
    );
    assert!(err.contains("points outside content/"), "{err}");
    assert!(err.contains("no file or page at /etc/passwd"), "{err}");
}

#[test]
fn an_output_folder_that_cannot_be_written() {
    // A folder that cannot be made (its parent is a file) stands for a read-only or
    // full disk here, because the tests may run as root, who ignores permissions.
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let before = snapshot(&f.public());
    f.write("blocked", "a file, not a folder");
    let o = f.run(&["build", "--output", "blocked/public"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: could not write ") && stderr(&o).contains("blocked: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        before,
        snapshot(&f.public()),
        "the other output is untouched"
    );
    assert_eq!(
        std::fs::read_to_string(f.root().join("blocked")).unwrap(),
        "a file, not a folder"
    );
}

/// The basic site in safe mode, and its site.toml without it.
fn safe_site() -> (Fixture, String) {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}safe = true\n"));
    // Safe mode does not copy SVG pictures (tests/let_in.rs).
    let first = std::fs::read_to_string(f.root().join("content/guide/first.md")).unwrap();
    f.write(
        "content/guide/first.md",
        &first.replace("![A small square](square.svg)", ""),
    );
    (f, toml)
}

#[test]
fn safe_mode_removes_scripts_and_says_so() {
    let (f, toml) = safe_site();
    f.write("content/guide/second.md", "---\ntitle: Second page\n---\n\nHello <b onclick=\"steal()\">there</b>.\n\n<script>steal()</script>\n\n[Click me](javascript:steal())\n");
    let err = assert_ok(&f.build());
    assert!(err.contains("warning[unsafe-html]: safe mode removed the onclick attribute of a <b> tag\n  --> content/guide/second.md:5:7"), "{err}");
    assert!(
        err.contains("safe mode removed a <script> element"),
        "{err}"
    );
    assert!(
        err.contains(
            "safe mode removed a script address from a link\n  --> content/guide/second.md:9:1"
        ),
        "{err}"
    );
    let page = f.read_output("guide/second/index.html");
    assert!(!page.contains("steal()"), "{page}");
    assert!(page.contains("<b>there</b>"), "{page}");
    // Without safe mode, trusted authors keep their HTML.
    f.write("site.toml", &toml);
    assert_ok(&f.build());
    assert!(f.read_output("guide/second/index.html").contains("steal()"));
}

/// Each `[unsafe-html]` diagnostic in `err`: its first line and the place it points at.
fn unsafe_html(err: &str) -> Vec<String> {
    let lines: Vec<&str> = err.lines().collect();
    (lines.iter().enumerate())
        .filter(|(_, l)| l.contains("[unsafe-html]"))
        .map(|(i, l)| format!("{l} @ {}", lines.get(i + 1).unwrap_or(&"").trim()))
        .collect()
}

/// The text of the data files is shown through the theme's `markdown` filter, which
/// cleaned it in safe mode with no word to the author. Each removal is now listed once,
/// in a page's words, at its place in the data file: the tag's own column in a value
/// written as it reads, the value's start in a folded one. The theme's own templates
/// lose nothing and add no warning, and without safe mode nothing is removed or said.
#[test]
fn safe_mode_lists_script_removed_from_a_data_file_at_its_line() {
    let (f, toml) = safe_site();
    f.write(
        "content/_data/findings.yaml",
        "- id: helps\n  title: It helps\n  summary: Something <b onclick=\"steal()\">helps</b>.\n  context: >\n    When things\n    are clear.<script>steal()</script>\n  outcome: \"[People](javascript:steal()) feel better.\"\n  effect: benefit\n",
    );
    // Shown on the page it touched and in the news feed: still one removal.
    f.write(
        "content/_data/changes.yaml",
        "- date: 2026-11-30\n  pages: [guide/first.md]\n  text: We fixed <iframe src=\"https://e.org\"></iframe> a link.\n",
    );
    let err = assert_ok(&f.build());
    assert_eq!(
        unsafe_html(&err),
        [
            "warning[unsafe-html]: safe mode removed the onclick attribute of a <b> tag @ --> content/_data/findings.yaml:3:22",
            "warning[unsafe-html]: safe mode removed a <script> element and what is inside it @ --> content/_data/findings.yaml:5:5",
            "warning[unsafe-html]: safe mode removed a script address from a link @ --> content/_data/findings.yaml:7:13",
            "warning[unsafe-html]: safe mode removed a <iframe> element and what is inside it @ --> content/_data/changes.yaml:3:18",
        ],
        "{err}"
    );
    assert!(err.contains("safe mode removed the onclick attribute of a <b> tag\n  --> content/_data/findings.yaml:3:22\n"), "{err}");
    let page = f.read_output("findings/helps/index.html");
    assert!(
        page.contains("<p class=lede>Something <b>helps</b>."),
        "{page}"
    );
    // The summary is the page's description too, written there as text.
    for removed in ["onclick=\"steal()\"", "<script>", "javascript:"] {
        assert!(!page.contains(removed), "{removed}: {page}");
    }
    assert!(!f.read_output("guide/first/index.html").contains("iframe"));
    // Without safe mode, trusted authors keep their HTML, and nothing is said.
    f.write("site.toml", &toml);
    let err = assert_ok(&f.build());
    assert_eq!(unsafe_html(&err), Vec::<String>::new(), "{err}");
    let page = f.read_output("findings/helps/index.html");
    assert!(
        page.contains("<p class=lede>Something <b onclick="),
        "{page}"
    );
}

/// Safe mode's sanitizer (ammonia, on html5ever) spent time in proportion to the depth
/// on each tag: 100,000 nested `<div>`s took 42 s, 40,000 about a tenth of that in a
/// release build and more in a test build. Flattened past what a browser keeps first,
/// the page is cleaned in linear time, its script still removed and its words kept,
/// and the page is named where it nests too deeply.
#[test]
fn safe_mode_cleans_deeply_nested_html_in_linear_time() {
    let (f, _) = safe_site();
    let (open, close) = ("<div>".repeat(40_000), "</div>".repeat(40_000));
    f.write(
        "content/guide/second.md",
        &format!(
            "---\ntitle: Deep\n---\n\nWords.\n\n{open}<script>steal()</script>innermost{close}\n"
        ),
    );
    let start = std::time::Instant::now();
    let err = assert_ok(&f.build());
    let took = start.elapsed();
    // About 3 s in a test build on a busy machine; it took minutes.
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    assert!(
        err.contains("nested more than 512 levels deep (lists, quotes or HTML elements inside each other)\n  --> content/guide/second.md:7:"),
        "{err}"
    );
    let page = f.read_output("guide/second/index.html");
    assert!(page.contains("innermost") && !page.contains("steal()"));
}

/// Raw HTML left open carries on into the rest of the page, the theme's footer too: the
/// build stops and names the place where it opens (or the end tag with nothing to close).
#[test]
fn raw_html_left_open_stops_the_build_at_the_place_it_opens() {
    let cases = [
        (
            "Some words.\n\n<textarea>\n\nMore words.\n",
            "<textarea> is never closed with </textarea>",
            "7:1",
        ),
        (
            "Some words.\n\n<!-- a note\n\nMore words.\n",
            "this HTML comment is never closed with -->",
            "7:1",
        ),
        (
            "Read <a href=\"first.md\">the first page.\n\nMore words.\n",
            "<a> is never closed with </a>",
            "5:6",
        ),
        (
            "Some words.\n\n</div>\n\nMore words.\n",
            "</div> closes nothing this page opened",
            "7:1",
        ),
        (
            "If a <b and c> holds.\n",
            "<b> is never closed with </b>",
            "5:6",
        ),
        (
            "If a <y and z> holds.\n",
            "<y and z> is read as an HTML tag that HTML does not have, so the tag itself does not show",
            "5:6",
        ),
        (
            "Some words.\n\n> <title>\n> Quoted.\n",
            "<title> is never closed with </title>",
            "7:3",
        ),
    ];
    for (body, message, place) in cases {
        let err = breaks(
            |f| {
                f.write(
                    "content/guide/second.md",
                    &format!("---\ntitle: Second page\n---\n\n{body}"),
                )
            },
            1,
        );
        let want =
            format!("error[html-structure]: {message}\n  --> content/guide/second.md:{place}");
        assert!(err.contains(&want), "{body}: {err}");
    }
}

/// HTML pasted from Word: its Office tags (`<o:p></o:p>`) are left out of the page with
/// no problem, what is inside them kept; its style attributes, two a paragraph, are one
/// warning at the first.
#[test]
fn html_pasted_from_word_builds_without_its_office_tags_and_with_one_warning_for_its_styles() {
    let paragraph = "<p class=MsoNormal style='margin-bottom:0cm'><span lang=EN-CA style='font-size:12.0pt'>Clinics were closed at night.<o:p></o:p></span></p>\n<p class=MsoNormal><st1:place>Toronto</st1:place> had one.<o:p>&nbsp;</o:p></p>\n";
    let err = breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                &format!("---\ntitle: Second page\n---\n\n{}", paragraph.repeat(3)),
            )
        },
        0,
    );
    assert!(!err.contains("html-structure"), "{err}");
    let policy: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("[security-policy]"))
        .collect();
    assert_eq!(
        policy,
        ["warning[security-policy]: this page has 6 style attributes (from a word processor?): the site's security policy stops them, and a browser ignores them"],
        "{err}"
    );
    assert!(
        err.contains("them, and a browser ignores them\n  --> content/guide/second.md:5:1"),
        "{err}"
    );
}

/// The same in Markdown from a data file: placed in the file by the YAML parser's span.
#[test]
fn raw_html_left_open_in_a_data_file_stops_the_build_at_its_place() {
    let err = breaks(
        |f| {
            f.write(
                "content/_data/glossary.yaml",
                "- term: Fixture\n  definition: A <b>small site made for tests.\n",
            )
        },
        1,
    );
    assert!(
        err.contains("error[html-structure]: <b> is never closed with </b>\n  --> content/_data/glossary.yaml:2:17"),
        "{err}"
    );
}

#[test]
fn a_template_that_loops_for_ever_is_stopped() {
    let err = breaks(
        |f| {
            let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
            f.write("site.toml", &format!("{toml}render_time_limit = 1\n"));
            f.write("templates/page.html", "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{{ a }}{% endfor %}{% endfor %}");
        },
        1,
    );
    assert!(
        err.contains(
            "error: the template templates/page.html took more than 1 s to render content/"
        ),
        "{err}"
    );
    assert!(err.contains("render_time_limit"), "{err}");
}

#[test]
fn a_template_that_calls_itself_is_stopped() {
    let err = breaks(
        |f| f.write("templates/page.html", "<p>\n{% include \"page.html\" %}"),
        1,
    );
    assert!(err.contains("error: template error: page.html includes itself in a loop (page.html → page.html)\n  --> templates/page.html:2:12"), "{err}");
}

/// The place is the include that closes the loop, taken from Tera's parser: the word
/// "include" written earlier in a comment and in text is not it.
#[test]
fn an_include_loop_is_placed_at_the_include_that_closes_it() {
    let err = breaks(
        |f| {
            f.write(
                "templates/page.html",
                "<p>include</p>\n{# include the partial #}\n  {% include \"part.html\" %}",
            );
            f.write(
                "templates/part.html",
                "<p>include</p>\n{% if true %}{% include \"page.html\" %}{% endif %}",
            );
        },
        1,
    );
    assert!(err.contains("includes itself in a loop (page.html → part.html → page.html)\n  --> templates/part.html:2:25"), "{err}");
}

#[test]
fn an_extends_loop_is_placed_at_its_extends() {
    let err = breaks(
        |f| {
            f.write(
                "templates/page.html",
                "{# extends nothing #}\n\n  {% extends \"page.html\" %}",
            )
        },
        1,
    );
    assert!(err.contains("error: template error: page.html extends itself in a loop (page.html)\n  --> templates/page.html:3:14"), "{err}");
}

/// A build of `f` in which writing any file past `kib` KiB fails, as on a full disk.
#[cfg(target_os = "linux")]
fn build_writing_files_of_at_most(kib: u64, f: &Fixture) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(BIN);
    cmd.args(["build", "--no-checks"])
        .current_dir(f.root())
        .env("NO_COLOR", "1");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: kib * 1024,
                rlim_max: kib * 1024,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            // Without this the kernel ends the process instead of failing the write.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    cmd.output().unwrap()
}

/// A file of `content/` that cannot be copied into the output is a problem writing it,
/// said at its place in the output folder: it was "could not read" the author's file,
/// which was there, and a failed picture said the build's staging folder.
#[test]
#[cfg(target_os = "linux")]
fn a_copy_that_fails_is_said_at_its_place_in_the_output_folder() {
    let f = Fixture::new("basic");
    f.write("content/guide/report.pdf", &"%PDF-1.4 ".repeat(100_000));
    let err = stderr(&build_writing_files_of_at_most(512, &f));
    assert!(
        err.contains("error: could not write ./public/guide/report.pdf: "),
        "{err}"
    );
    assert!(
        !err.contains("staging") && !err.contains("could not read"),
        "{err}"
    );
}

/// A write that fails half-way through the build (here: a limit on the size of any file
/// the build writes, which fails the write as a full disk does) keeps the last good site
/// and leaves no half-built folder behind.
#[test]
#[cfg(target_os = "linux")]
fn running_out_of_disk_mid_build_keeps_the_last_good_site() {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let before = snapshot(&f.public());
    let words = "Fair pay for the work people do matters to their health. ".repeat(4000);
    f.write(
        "content/guide/second.md",
        &format!("---\ntitle: Second page\n---\n\n{words}\n"),
    );
    let o = build_writing_files_of_at_most(64, &f);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // At the file's place in the output folder, not in the build's staging folder.
    assert!(
        err.contains("error: could not write ./public/guide/second/index.html: "),
        "{err}"
    );
    assert!(!err.contains("staging"), "{err}");
    assert_eq!(before, snapshot(&f.public()), "public/ is unchanged");
    let left: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter()
            .all(|n| !n.contains("plainsite-staging") && !n.starts_with(".public")),
        "a half-built folder was left: {left:?}"
    );
}

#[test]
fn an_unknown_theme_gets_a_suggestion() {
    let err = breaks(
        |f| {
            f.write(
                "site.toml",
                &format!(
                    "{}theme = \"defualt\"\n",
                    std::fs::read_to_string(f.root().join("site.toml")).unwrap()
                ),
            )
        },
        1,
    );
    assert!(
        err.contains("error: theme \"defualt\" was not found in themes/\n  --> site.toml:6:1"),
        "{err}"
    );
    assert!(err.contains("did you mean theme = \"default\"?"), "{err}");
}

#[test]
fn a_site_toml_that_is_not_toml() {
    let err = breaks(
        |f| f.write("site.toml", "title = \"x\"\nbase_url = = 3\n"),
        1,
    );
    assert!(err.contains("--> site.toml:2:12"), "{err}");
}

#[test]
fn charts_with_impossible_numbers() {
    for (value, says) in [
        (".nan", "not a number"),
        (".inf", "not a number (.inf)"),
        ("-1", "negative"),
        ("1e300", "too large"),
    ] {
        let page = format!("---\ntitle: Second page\n---\n\n```chart\nkind: bar\ntitle: Numbers\ntakeaway: K\ndata:\n  - label: A\n    value: {value}\n```\n");
        let err = breaks(|f| f.write("content/guide/second.md", &page), 1);
        // At the value, not at its label the line before.
        assert!(
            err.contains("--> content/guide/second.md:11:12"),
            "{value}: {err}"
        );
        assert!(
            err.to_lowercase().contains(says),
            "{value} should say {says}: {err}"
        );
    }
    let empty = "---\ntitle: Second page\n---\n\n```chart\nkind: bar\ntitle: Numbers\ntakeaway: K\ndata: []\n```\n";
    let err = breaks(|f| f.write("content/guide/second.md", empty), 1);
    assert!(
        err.contains("the data is empty\n  --> content/guide/second.md:5:1"),
        "{err}"
    );
}

#[test]
fn a_reader_that_stops_reading_the_messages_ends_the_command_without_an_abort() {
    use std::io::Read;
    let f = Fixture::new("author");
    let mut child = std::process::Command::new(BIN)
        .args(["check", "--suggestions"])
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // As `plainsite check 2>&1 | head -c 100` does.
    let mut first = [0u8; 100];
    let mut stderr = child.stderr.take().unwrap();
    stderr.read_exact(&mut first).unwrap();
    drop(stderr);
    let status = child.wait().unwrap();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "ended with {status:?} (134 is an abort)"
    );
}

/// A page's address part longer than a disk allows for a name (a slug or a data id of
/// 300 letters) is an error at the slug or the id, not an error of the operating system
/// ("File name too long (os error 36)") with the staging folder's path.
#[test]
fn an_address_part_too_long_for_a_disk_is_an_error_at_its_page_or_id() {
    let f = Fixture::new("basic");
    let long = "a".repeat(300);
    f.write(
        "content/long.md",
        &format!("---\ntitle: Long\nslug: {long}\n---\n\nHi.\n"),
    );
    f.write(
        "content/_data/findings.yaml",
        &format!("- id: {long}\n  title: T\n  summary: S.\n  effect: benefit\n"),
    );
    let err = assert_fails(&f.build());
    let part =
        "\"aaaaaaaaaaaaaaaaaaaaaaaa…\" is 300 bytes long, and an address part may have at most 200";
    assert_eq!(
        places_of(&err, "error:", &format!("the id {part}")),
        ["content/_data/findings.yaml:1:7"],
        "{err}"
    );
    assert_eq!(
        places_of(&err, "error:", &format!("the slug {part}")),
        ["content/long.md:3:7"],
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

/// A page whose template fails is one error, the template's: the links to that page
/// are not reported broken too (the page exists; it could not be built this time), on
/// every page and template that links to it.
#[test]
fn links_to_a_page_whose_template_failed_are_not_reported_broken_as_well() {
    let err = breaks(
        |f| {
            // Fails as the page is rendered: the template names a chart the site lacks.
            f.write("templates/odd.html", "{{ chart(id=\"no-such-chart\") }}");
            f.write(
                "content/odd.md",
                "---\ntitle: An odd page\ntemplate: odd.html\n---\n\nText.\n",
            );
            f.write(
                "content/links.md",
                "---\ntitle: Links\n---\n\nSee [the odd page](odd.md).\n",
            );
        },
        1,
    );
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(errors[0].starts_with("error: template error:"), "{err}");
    assert!(!err.contains("broken"), "{err}");
}

/// A file or folder whose name leaves no room for the names the build makes from it
/// (a picture's `NAME-480w.jpg` on a disk that holds 255 bytes) is an error at it, in
/// words, where writing it failed with the system's words and the staging folder's path.
#[test]
fn a_name_too_long_for_the_files_made_from_it_is_an_error_at_the_file() {
    let long = "a".repeat(251);
    let err = breaks(
        |f| {
            let svg = std::fs::read_to_string(f.root().join("content/guide/square.svg")).unwrap();
            f.write(&format!("content/guide/{long}.svg"), &svg);
        },
        1,
    );
    assert!(
        err.contains(&format!(
            "error: the name of this file, \"{}…\", is 255 bytes long",
            &long[..24]
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("  --> content/guide/{long}.svg")),
        "{err}"
    );
    assert!(
        !err.contains("staging") && !err.contains("os error"),
        "{err}"
    );
}

/// One mistake in findings.yaml (a quote never closed, which hides every entry after
/// it) is one error: the recommendations that name its findings are not each reported
/// as naming a finding that does not exist.
#[test]
fn a_findings_file_that_cannot_be_read_is_one_error_not_one_per_recommendation() {
    let err = breaks(
        |f| {
            let path = f.root().join("content/_data/findings.yaml");
            let yaml = std::fs::read_to_string(&path).unwrap();
            f.write(
                "content/_data/findings.yaml",
                &yaml.replace("summary: Something helps.", "summary: \"Something helps."),
            );
        },
        1,
    );
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(err.contains("content/_data/findings.yaml:3:"), "{err}");
    assert!(!err.contains("which does not exist"), "{err}");
}

/// A page whose front matter has a wrong value (a date that is not one) is still read
/// to its end: the problems of its body are reported in the same run, where they were
/// hidden until the date was mended, and the wrong value is not used.
#[test]
fn a_wrong_date_does_not_hide_the_problems_of_the_pages_body() {
    let err = breaks(
        |f| {
            f.write(
                "content/guide/second.md",
                "---\ntitle: Second page\ndate: 2026-03-32\nslug: \"..\"\n---\n\nSee [the plan](nowhere.md).\n",
            )
        },
        1,
    );
    assert!(
        err.contains("error: date \"2026-03-32\" is not a date\n  --> content/guide/second.md:3:7"),
        "{err}"
    );
    assert!(
        err.contains("slug \"..\" cannot be used in a web address"),
        "{err}"
    );
    assert!(
        err.contains("broken link: no page at content/guide/nowhere.md"),
        "{err}"
    );
}
