//! The checks on fixture sites: a site with one planted problem of each kind gets each
//! reported at its exact line and column, and a clean site gets none.

mod common;

use common::*;

#[test]
fn every_planted_problem_is_found_at_its_place() {
    let f = Fixture::new("planted");
    // A theme colour that is too light to read.
    let css = f.root().join("themes/default/static/style.css");
    let text = std::fs::read_to_string(&css).unwrap().replacen(
        "--muted: #474747;",
        "--muted: #999999;",
        1,
    );
    std::fs::write(&css, text).unwrap();

    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        place_of(&err, "respectful-language", "addicts"),
        "content/_index.md:7:6"
    );
    assert_eq!(
        place_of(&err, "abbreviation", "CMOC"),
        "content/_index.md:9:20"
    );
    assert_eq!(
        place_of(&err, "long-sentence", "40 words"),
        "content/_index.md:11:1"
    );
    assert_eq!(
        place_of(&err, "alt-text", "no alt text"),
        "content/_index.md:13:1"
    );
    assert_eq!(
        place_of(&err, "link-text", "click here"),
        "content/_index.md:15:15"
    );
    assert_eq!(
        place_of(&err, "heading-order", "skips a level"),
        "content/_index.md:17:1"
    );
    assert_eq!(
        place_of(&err, "broken-link", "no page at content/missing.md"),
        "content/_index.md:19:5"
    );
    assert_eq!(
        place_of(&err, "broken-link", "has no anchor #nowhere"),
        "content/_index.md:19:38"
    );
    assert!(place_of(
        &err,
        "contrast",
        "--muted (#999999) on --bg (#fbfaf7) in light mode"
    )
    .starts_with("themes/default/static/style.css:"));
    // The offending words are marked, and the suggestion is given.
    assert!(
        err.contains("7 | Some addicts took part in the work.\n  |      ^^^^^^^"),
        "{err}"
    );
    assert!(err.contains("consider: person who uses drugs"), "{err}");
    assert!(
        err.contains("By check: "),
        "a count per rule closes the report: {err}"
    );
}

#[test]
fn json_output_for_tools() {
    let f = Fixture::new("planted");
    let o = f.run(&["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "respectful-language")
        .unwrap();
    assert_eq!(found["location"]["line"], 7);
    assert_eq!(found["location"]["column"], 6);
    assert_eq!(found["severity"], "error");
    assert!(
        stderr(&o).lines().all(|l| !l.starts_with("error[")),
        "JSON mode prints no text problems"
    );
}

#[test]
fn a_clean_site_gets_nothing_even_strict() {
    let f = Fixture::new("basic");
    let err = assert_ok(&f.run(&["check", "--strict"]));
    assert!(err.contains("0 warnings, 0 errors in"), "{err}");
}

/// A page nested deeper than a browser keeps was a warning with no rule id: no site
/// could turn it off or raise it. It is `deep-nesting` now, set like any other check.
#[test]
fn deep_nesting_has_a_rule_id_a_site_can_turn_off_or_raise() {
    let f = Fixture::new("basic");
    let deep = format!("{}Deep words.{}", "<div>".repeat(600), "</div>".repeat(600));
    f.write(
        "content/guide/second.md",
        &format!("---\ntitle: Second page\n---\n\n{deep}\n"),
    );
    let message = "this is nested more than 512 levels deep (lists, quotes or HTML elements inside each other)";
    let err = assert_ok(&f.build());
    assert_eq!(
        places_of(&err, "deep-nesting", message),
        ["content/guide/second.md:5:2996"],
        "{err}"
    );
    assert!(
        err.contains(&format!("warning[deep-nesting]: {message}")),
        "{err}"
    );
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[checks.rules]\ndeep-nesting = \"off\"\n"),
    );
    let err = assert_ok(&f.build());
    assert!(!err.contains("nested more than"), "{err}");
    f.write(
        "site.toml",
        &format!("{toml}\n[checks.rules]\ndeep-nesting = \"error\"\n"),
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains(&format!("error[deep-nesting]: {message}")),
        "{err}"
    );
}

#[test]
fn levels_ignores_and_strict() {
    let f = Fixture::new("planted");
    // Turn off or ignore every planted problem except the long sentence, a warning.
    f.write("content/_index.md", "---\ntitle: Planted problems\nignore_checks: [abbreviation]\n---\n\nThe CMOC group.\n\n<!-- plainsite-ignore respectful-language -->\nSome addicts took part.\n\nThis sentence is far too long because it keeps adding one more small idea and then another small idea and then yet another idea.\n");
    let css = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{css}\n[checks.rules]\njargon = \"off\"\n"),
    );
    let err = assert_ok(&f.run(&["check"]));
    assert!(err.contains("1 warning, 0 errors"), "{err}");
    let err = assert_fails(&f.run(&["check", "--strict"]));
    assert!(
        err.contains("error[long-sentence]"),
        "--strict makes warnings errors: {err}"
    );
    f.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[checks.rules]\nlong-sentense = \"off\"\n",
    );
    let err = assert_fails(&f.run(&["check"]));
    assert!(err.contains("did you mean \"long-sentence\"?"), "{err}");
}

#[test]
fn glossary_terms_are_linked_once_and_the_glossary_lists_their_pages() {
    let f = Fixture::new("basic");
    f.write("content/_data/glossary.yaml", "- term: Fixture\n  definition: A small site made for tests.\n- term: People who use drugs\n  abbreviation: PWUD\n  definition: People who use illegal drugs.\n");
    f.write("content/guide/second.md", "---\ntitle: Second page\n---\n\nA fixture is small. Another fixture.\n\n## Fixture heading\n\nPWUD took part. PWUD again.\n");
    assert_ok(&f.build());
    let page = f.read_output("guide/second/index.html");
    assert_eq!(page.matches("class=glossary-link").count(), 2, "{page}");
    assert!(
        page.contains("<a class=glossary-link href=../../glossary/#fixture>fixture</a> is small"),
        "{page}"
    );
    assert!(page.contains("<abbr title=\"People who use drugs\">PWUD</abbr></a> (people who use drugs) took part. PWUD again."), "{page}");
    assert!(
        page.contains("<h2 id=fixture-heading>Fixture heading</h2>"),
        "never inside headings: {page}"
    );
    let glossary = f.read_output("glossary/index.html");
    assert!(
        glossary.contains("Used on: <a href=../guide/second/>Second page</a>"),
        "{glossary}"
    );
}

#[test]
fn glossary_links_false_keeps_a_page_as_written() {
    let f = Fixture::new("basic");
    f.write("content/_data/glossary.yaml", "- term: Fixture\n  definition: A small site made for tests.\n- term: People who use drugs\n  abbreviation: PWUD\n  definition: People who use illegal drugs.\n");
    f.write("content/guide/second.md", "---\ntitle: Second page\nglossary_links: false\n---\n\nA fixture is small. PWUD took part.\n");
    assert_ok(&f.build());
    let page = f.read_output("guide/second/index.html");
    assert!(!page.contains("glossary-link"), "{page}");
    assert!(
        page.contains("A fixture is small. PWUD took part."),
        "{page}"
    );
}

#[test]
fn author_report() {
    let f = Fixture::new("planted");
    let report = f.root().join("report.html");
    let _ = f.run(&["check", "--report", report.to_str().unwrap()]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<caption id=\"ps-report-caption\">"));
    assert!(html.contains("role=\"img\" aria-labelledby=\"grade-chart-title grade-chart-desc\""));
    assert!(html.contains("respectful-language: 1"), "{html}");
    assert!(!f.public().exists(), "check writes no site");
}

#[test]
fn a_report_replaces_only_an_earlier_report_and_is_never_put_in_the_output_folder() {
    let f = Fixture::new("basic");
    for (name, text) in [("notes.md", "my own notes\n"), ("figures.json", "[]")] {
        let file = f.root().join(name);
        std::fs::write(&file, text).unwrap();
        let err = assert_fails(&f.run(&["check", "--report", file.to_str().unwrap()]));
        assert!(err.contains("is a file plainsite did not write"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
    // A folder is called a folder.
    let folder = f.root().join("figures");
    std::fs::create_dir(&folder).unwrap();
    let err = assert_fails(&f.run(&["check", "--report", folder.to_str().unwrap()]));
    assert!(err.contains("figures is a folder;"), "{err}");
    // An earlier report is replaced, whatever its kind.
    for name in ["report.html", "report.json"] {
        let file = f.root().join(name);
        for _ in 0..2 {
            let _ = f.run(&["check", "--report", file.to_str().unwrap()]);
            assert!(file.is_file(), "{name}");
        }
        let err = f.run(&["check", "--report", file.to_str().unwrap()]);
        assert!(!String::from_utf8_lossy(&err.stderr).contains("did not write"));
    }
    assert_ok(&f.build());
    let inside = f.public().join("report.html");
    let err = assert_fails(&f.run(&["check", "--report", inside.to_str().unwrap()]));
    assert!(err.contains("would be published with the site"), "{err}");
    assert!(!inside.exists());
}

/// A long paragraph is reported at its first character, even when it starts with code.
#[test]
fn a_long_paragraph_is_placed_at_its_start() {
    let f = Fixture::new("basic");
    f.write("content/guide/long.md", "---\ntitle: Long\ndescription: A page with a long paragraph.\n---\n\nSome words.\n\n`code` one. Two is here. Three is here. Four is here. Five is here. Six is here.\n");
    let err = assert_ok(&f.run(&["check"]));
    assert!(
        err.contains(
            "this paragraph has 6 sentences (the limit is 5)\n  --> content/guide/long.md:8:1"
        ),
        "{err}"
    );
}

/// `check --report FILE.json` lists every page with its counts and the measures made
/// for its language: English formulas for English pages, none for Chinese ones.
#[test]
fn json_report_lists_each_page_with_its_language_measures() {
    let f = Fixture::new("languages");
    f.write("content/plain.md", "---\ntitle: Plain\ndescription: A plain page.\n---\n\nWe asked people who use drugs about their work. They told us what helped. Fair pay helped. Clear roles helped too. Some people felt used. They were asked for ideas and then ignored. We want teams to listen, pay people on time, and share power with them.\n");
    let report = f.root().join("figures.json");
    let _ = f.run(&["check", "--report", report.to_str().unwrap()]);
    let text = std::fs::read_to_string(&report).unwrap();
    let pages: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pages = pages.as_array().unwrap();
    for page in pages {
        for key in ["file", "url", "language", "words", "sentences", "measures"] {
            assert!(page.get(key).is_some(), "{key} missing: {page}");
        }
    }
    let plain = pages
        .iter()
        .find(|p| p["file"] == "content/plain.md")
        .unwrap();
    assert_eq!(plain["language"], "en");
    // The description is read too: 3 words, and "A plain page." is a sentence. The
    // title, a heading, is left out of the formulas' counts.
    assert_eq!(plain["words"], 50);
    assert_eq!(plain["sentences"], 8);
    let m = &plain["measures"];
    let grade = m["flesch_kincaid_grade"].as_f64().unwrap();
    assert!((0.0..8.0).contains(&grade), "{m}");
    assert!(
        (60.0..110.0).contains(&m["flesch_reading_ease"].as_f64().unwrap()),
        "{m}"
    );
    for key in ["smog", "coleman_liau", "gunning_fog", "ari"] {
        assert!(
            (0.0..15.0).contains(&m[key].as_f64().unwrap()),
            "{key}: {m}"
        );
    }
    let chinese: Vec<_> = pages.iter().filter(|p| p["language"] == "zh").collect();
    assert!(!chinese.is_empty(), "{text}");
    for page in chinese {
        assert_eq!(
            page["measures"],
            serde_json::json!({}),
            "no English grade: {page}"
        );
    }
}

/// `check --report FILE.json` gives each language its own measures, by their JSON names:
/// Kandel and Moles' reading ease and LIX for French, the two character proxies for
/// Chinese, and none of the English formulas on either.
#[test]
fn json_report_names_the_french_and_chinese_measures() {
    let f = Fixture::new("languages");
    let config = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{config}\n[languages.fr]\ntitle = \"Site de test\"\ndescription = \"Un site en plusieurs langues.\"\n"),
    );
    f.write(
        "content/reading.md",
        "---\ntitle: Reading\ndescription: Reading.\n---\n\nA short page.\n",
    );
    f.write("content/reading.fr.md", "---\ntitle: Lire\ndescription: Lire.\n---\n\nNous avons parlé avec des personnes qui consomment des drogues. Elles nous ont dit ce qui les aide. Un bon salaire aide. Des rôles clairs aident aussi. Nous voulons que les équipes écoutent, paient à temps et partagent le pouvoir.\n");
    let zh = "同伴工作者每周都来中心帮助大家一起做事了。".repeat(6);
    f.write(
        "content/reading.zh.md",
        &format!("---\ntitle: 阅读\ndescription: 阅读。\n---\n\n{zh}\n"),
    );
    let report = f.root().join("figures.json");
    let _ = f.run(&["check", "--report", report.to_str().unwrap()]);
    let text = std::fs::read_to_string(&report).unwrap();
    let pages: serde_json::Value = serde_json::from_str(&text).unwrap();
    let page = |file: &str| {
        pages
            .as_array()
            .and_then(|p| p.iter().find(|p| p["file"] == file))
            .cloned()
            .unwrap_or_else(|| panic!("{file} missing: {text}"))
    };
    let names = |file: &str| -> Vec<String> {
        let page = page(file);
        page["measures"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(page("content/reading.fr.md")["language"], "fr");
    assert_eq!(
        names("content/reading.fr.md"),
        ["kandel_moles_reading_ease", "lix"]
    );
    let ease = page("content/reading.fr.md")["measures"]["kandel_moles_reading_ease"]
        .as_f64()
        .unwrap();
    assert!(ease > 60.0, "plain French reads easily: {ease}");
    assert_eq!(
        names("content/reading.zh.md"),
        ["characters_per_sentence", "uncommon_characters_percent"]
    );
    // Six sentences of 20 characters, and the description of two. The title, a
    // heading, is left out, as in English.
    let chinese = page("content/reading.zh.md");
    assert_eq!(
        (chinese["words"].as_u64(), chinese["sentences"].as_u64()),
        (Some(122), Some(7))
    );
    let per_sentence = chinese["measures"]["characters_per_sentence"].as_f64();
    assert!(
        (per_sentence.unwrap() - 122.0 / 7.0).abs() < 1e-9,
        "{chinese}"
    );
}

/// Two pages with suggestions of two kinds (jargon, passive voice): three on one page,
/// one on the other. The build adds them up and prints none of them.
fn fixture_with_suggestions() -> Fixture {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/heavy.md",
        "---\ntitle: Heavy\n---\n\nThe heterogeneity was noted.\n\nThe ambivalence was seen.\n",
    );
    f.write(
        "content/guide/light.md",
        "---\ntitle: Light\n---\n\nWe saw the heterogeneity.\n",
    );
    f
}

#[test]
fn suggestions_are_summed_per_check_and_per_page_worst_first() {
    let f = fixture_with_suggestions();
    let err = assert_ok(&f.build());
    assert!(!err.contains("suggestion["), "no suggestion printed: {err}");
    let summary: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.contains("suggestion(s) not shown"))
        .take(4)
        .collect();
    assert_eq!(
        summary,
        [
            "5 suggestion(s) not shown: add --suggestions to see them all, or read them page by page in the author report (plainsite check --report report.html)",
            "  by check: jargon 3, passive-voice 2",
            "  content/guide/heavy.md: 4 (jargon 2, passive-voice 2)",
            "  content/guide/light.md: 1 (jargon 1)",
        ],
        "{err}"
    );
}

#[test]
fn suggestions_flag_prints_every_suggestion() {
    let f = fixture_with_suggestions();
    let err = assert_ok(&f.run(&["build", "--suggestions"]));
    assert_eq!(err.matches("suggestion[").count(), 5, "{err}");
    assert!(!err.contains("not shown"), "{err}");
}

#[test]
fn json_streams_every_problem_suggestions_included() {
    let f = fixture_with_suggestions();
    let o = f.run(&["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let suggestions: Vec<(&str, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "suggestion")
        .map(|d| {
            (
                d["location"]["file"].as_str().unwrap(),
                d["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(suggestions.len(), 5, "{v:#}");
    assert!(
        suggestions.contains(&("content/guide/heavy.md", 7)),
        "{v:#}"
    );
    assert!(!stderr(&o).contains("not shown"), "{}", stderr(&o));
}

#[test]
fn json_of_a_clean_site_is_an_empty_array() {
    let f = Fixture::new("basic");
    let o = f.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().is_some(), "{v}");
}

#[test]
fn an_abbreviation_explained_by_an_abbr_title_in_raw_html_is_not_reported() {
    let f = Fixture::new("basic");
    f.write(
        "content/abbr.md",
        "---\ntitle: Abbr\ndescription: A page.\n---\n\nWe met the <abbr title=\"Regional Peer Union\">RPU</abbr> group. Later the RPU wrote to us.\n\nThe XYZQ came too.\n",
    );
    let err = String::from_utf8_lossy(&f.run(&["check"]).stderr).into_owned();
    assert!(
        !err.contains("the abbreviation RPU is not explained"),
        "{err}"
    );
    assert!(
        err.contains("the abbreviation XYZQ is not explained"),
        "{err}"
    );
}

/// Each page's figures in the author report (`check --report`).
fn report_pages(f: &Fixture) -> serde_json::Value {
    let report = f.root().join("figures.json");
    let _ = f.run(&["check", "--report", report.to_str().unwrap()]);
    serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap()
}

/// The figures of the page written in `file`.
fn page_in(pages: &serde_json::Value, file: &str) -> serde_json::Value {
    let page = pages.as_array().unwrap().iter().find(|p| p["file"] == file);
    page.unwrap_or_else(|| panic!("{file} missing")).clone()
}

/// The same words as one paragraph, under headings, cut into paragraphs at their commas,
/// with a sentence's first words made a heading, quoted, in a table cell, cut across a
/// table row's cells, or with a line break (`<br>`) get about the same grade (issue: no
/// change of structure alone may lower a grade by more than half a grade).
#[test]
fn the_structure_of_the_same_words_cannot_lower_a_pages_grade() {
    let f = Fixture::new("basic");
    let one = "The review team searched four large databases of health research with help from a university librarian and read every study twice, and when two readers disagreed about whether a study fit the question, they talked it through and asked a third person.";
    let easy = "We asked people who use drugs what helps them. They told us about their lives. Many said a kind nurse made the most difference. Some said they could not get to the clinic on time. Others said the bus was too slow.";
    let (first, rest) = one.split_once(" with help").unwrap();
    let (middle, last) = rest.split_once(" and read").unwrap();
    let pages = [
        ("one", one.to_string()),
        (
            "headings",
            format!("## How the team searched\n\n## Who helped\n\n## What did they read?\n\n## When readers disagreed\n\n{one}"),
        ),
        ("paragraphs", one.replace(", ", ",\n\n")),
        (
            "cut",
            one.replacen(" searched", "\n\nsearched", 1)
                .replacen("The review team", "## The review team", 1),
        ),
        // The page's text all in a quote is measured as it would be in a paragraph.
        ("all-quoted", format!("> {one}")),
        ("mixed", format!("{easy} {one}")),
        ("quoted", format!("{easy}\n\n> {one}")),
        (
            "cell",
            format!("{easy}\n\n| Step | What the team did |\n|---|---|\n| Search | {one} |"),
        ),
        (
            "row",
            format!("{easy}\n\n| Who | With whom | How |\n|---|---|---|\n| {first} | with help{middle} | and read{last} |"),
        ),
        ("line-break", one.replacen(" and read", "<br>and read", 1)),
        ("html-quote", format!("{easy}\n\n<blockquote><p>{one}</p></blockquote>")),
        ("html-in-quote", format!("{easy}\n\n> <p>{one}</p>")),
        ("definition", format!("{easy}\n\nSearch\n: {one}")),
        (
            "quoted-table",
            format!("{easy}\n\n> | Step | What the team did |\n> |---|---|\n> | Search | {one} |"),
        ),
    ];
    for (name, body) in &pages {
        let md = format!("---\ntitle: Same words\ndescription: The same words.\n---\n\n{body}\n");
        f.write(&format!("content/{name}.md"), &md);
    }
    let pages = report_pages(&f);
    let page = |name: &str| page_in(&pages, &format!("content/{name}.md"));
    let grade = |name: &str| {
        let measure = page(name)["measures"]["flesch_kincaid_grade"].as_f64();
        measure.unwrap_or_else(|| panic!("{name} has no grade"))
    };
    let before = grade("one");
    assert!(before > 10.0, "{before}");
    for name in ["headings", "paragraphs", "cut", "all-quoted"] {
        let after = grade(name);
        assert!(after >= before - 0.5, "{name}: {before} -> {after}");
    }
    let mixed = grade("mixed");
    let moved = [
        "quoted",
        "cell",
        "row",
        "html-quote",
        "html-in-quote",
        "definition",
        "quoted-table",
    ];
    for name in moved {
        let after = grade(name);
        assert!(after >= mixed - 0.5, "{name}: {mixed} -> {after}");
    }
    // A line break reads as a space: the same words, the same grade.
    assert_eq!(page("line-break")["words"], page("one")["words"]);
    assert!((grade("line-break") - before).abs() < 0.01);
}

/// One sentence's words split across blocks without changing a word (issue: no change
/// of structure alone may lower a grade by more than half a grade): each way of cutting
/// it gets the grade of the sentence in one paragraph. The tester's case: its second
/// half moved into a quote went from grade 39.8 to 31.7.
#[test]
fn a_sentence_split_across_blocks_keeps_its_grade() {
    let f = Fixture::new("basic");
    let a = "Participants in the longitudinal investigation consistently emphasized that organizational responsiveness, transparent communication, and equitable remuneration substantially influenced their willingness to continue contributing to collaborative research activities, and";
    let b = "administrative complexity associated with reimbursement procedures frequently discouraged individuals experiencing housing instability from participating consistently.";
    let (a1, a2) = a.split_once(" organizational").unwrap();
    let note = "[^1]: The study ran for two years.";
    // (name, page body, the body it must grade as)
    let plain = format!("{a} {b}");
    let with_note = format!("{a}[^1] {b}\n\n{note}");
    let cases = [
        ("quote", format!("{a}\n\n> {b}"), &plain),
        ("quote-first", format!("> {a}\n\n{b}"), &plain),
        (
            "quote-middle",
            format!("{a1}\n\n> organizational{a2}\n\n{b}"),
            &plain,
        ),
        ("quoted-list", format!("{a}\n\n> - {b}"), &plain),
        ("list", format!("{a}\n\n- {b}"), &plain),
        ("numbered-list", format!("{a}\n\n1. {b}"), &plain),
        ("hard-break", format!("{a}  \n{b}"), &plain),
        ("backslash-break", format!("{a}\\\n{b}"), &plain),
        ("html-block", format!("{a}\n\n<div>{b}</div>"), &plain),
        ("html-between", format!("{a}\n\n<div></div>\n\n{b}"), &plain),
        (
            "table-between",
            format!("{a}\n\n| Year | Visits |\n|---|---|\n| 2023 | 12 |\n\n{b}"),
            &plain,
        ),
        ("cell", format!("{a}\n\n| {b} |\n|---|\n| Yes |"), &plain),
        ("item-continued", format!("- {a}\n\n  {b}"), &plain),
        ("item-then-paragraph", format!("- {a}\n\n{b}"), &plain),
        ("heading", format!("{a}\n\n## {b}"), &plain),
        ("callout", format!("{a}\n\n> [!NOTE]\n> {b}"), &plain),
        (
            "note-between",
            format!("{a}[^1]\n\n{note}\n\n{b}"),
            &with_note,
        ),
    ];
    let mut bodies = vec![
        ("plain".to_string(), plain.clone()),
        ("with-note".to_string(), with_note.clone()),
    ];
    bodies.extend(
        cases
            .iter()
            .map(|(n, body, _)| (n.to_string(), body.clone())),
    );
    for (name, body) in &bodies {
        let md = format!("---\ntitle: Same words\ndescription: The same words.\n---\n\n{body}\n");
        f.write(&format!("content/{name}.md"), &md);
    }
    let pages = report_pages(&f);
    let grade = |name: &str| {
        let page = page_in(&pages, &format!("content/{name}.md"));
        let measure = page["measures"]["flesch_kincaid_grade"].as_f64();
        measure.unwrap_or_else(|| panic!("{name} has no grade"))
    };
    let mut wrong = Vec::new();
    for (name, _, like) in &cases {
        let expected = grade(if *like == &plain {
            "plain"
        } else {
            "with-note"
        });
        let got = grade(name);
        if (got - expected).abs() > 0.5 {
            wrong.push(format!("{name}: {got:.2} (one paragraph: {expected:.2})"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A hard sentence that counts in the grade from a quote or a table is among the page's
/// hardest sentences in the author report, at its line; an easy one is not.
#[test]
fn a_quoted_sentence_that_makes_the_grade_harder_is_among_the_hardest() {
    let f = Fixture::new("basic");
    let easy = "We asked people what helps. They told us about their lives. Many said a kind nurse made the most difference. Others said the bus was too slow.";
    let hard = "The multidisciplinary consultation recommended comprehensive institutional accountability mechanisms for organizational participation.";
    f.write(
        "content/quoted.md",
        &format!("---\ntitle: Quoted\ndescription: A quote.\n---\n\n{easy}\n\n> Yes, we went back.\n>\n> {hard}\n\n| Who | What |\n|---|---|\n| Staff | {hard} |\n"),
    );
    let _ = f.run(&["check", "--report", "r.html"]);
    let report = std::fs::read_to_string(f.root().join("r.html")).unwrap();
    let row = report.split("content/quoted.md").nth(1).unwrap_or_default();
    assert!(row.contains("Line 10 (reading grade"), "{row}");
    assert!(row.contains("Line 14 (reading grade"), "{row}");
    assert!(!row.contains("we went back"), "{row}");
}

/// A hard sentence from a data file shown on the page (key messages on the home page) is
/// named with its own file and line, in the author report and in the terminal's help;
/// the page's own sentences keep their plain "Line N".
#[test]
fn a_hard_sentence_from_a_data_file_is_named_with_its_own_file_in_the_report() {
    let f = Fixture::new("basic");
    f.write(
        "content/_index.md",
        "---\ntitle: Home\n---\n\nPlain words here for all. We like short words. They help people read. This page is easy to read for most people who come here to learn about the work.\n",
    );
    f.write(
        "content/_data/key_messages.yaml",
        "- title: Key point\n  text: The multidisciplinary operationalization of heterogeneous interventions necessitates comprehensive organizational infrastructure and longitudinal institutional commitment across jurisdictions.\n",
    );
    let out = f.run(&["check", "--report", "r.html"]);
    let report = std::fs::read_to_string(f.root().join("r.html")).unwrap();
    let row = report
        .split("<code>content/_index.md</code>")
        .nth(1)
        .unwrap_or_default();
    let row = row.split("</tr>").next().unwrap_or_default();
    assert!(
        row.contains("<code>content/_data/key_messages.yaml</code>, line 2 (reading grade"),
        "{row}"
    );
    assert!(row.contains("Line 5 (reading grade"), "{row}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/_data/key_messages.yaml, line 2: \u{201c}The multidisciplinary"),
        "{err}"
    );
    assert!(err.contains("\n      line 5: \u{201c}This page"), "{err}");
}

/// A reference list under a Chinese heading (Simplified or Traditional) is left alone, as
/// under "References": its citations are names of works, not the page's words.
#[test]
fn a_chinese_reference_list_is_not_checked_as_prose() {
    let f = Fixture::new("languages");
    let item = "- 王明。吸毒者与同伴工作。中国药物依赖性杂志。2020。";
    for (name, heading) in [("simplified", "参考文献"), ("traditional", "參考資料")] {
        f.write(
            &format!("content/{name}.zh.md"),
            &format!("---\ntitle: 研究\ndescription: 我们读了研究。\n---\n\n我们读了研究。\n\n## {heading}\n\n{item}\n"),
        );
    }
    f.write(
        "content/prose.zh.md",
        &format!("---\ntitle: 文字\ndescription: 我们读了研究。\n---\n\n我们读了研究。\n\n## 结果\n\n{item}\n"),
    );
    let err = stderr(&f.run(&["check"]));
    assert_eq!(
        places_of(&err, "respectful-language", "吸毒者"),
        ["content/prose.zh.md:10:6"],
        "{err}"
    );
}

/// Chinese headings are names, not sentences: six short headings above a paragraph do
/// not halve its characters a sentence.
#[test]
fn chinese_headings_cannot_shorten_a_pages_sentences() {
    let f = Fixture::new("languages");
    let zh = "我们在四个大型健康研究数据库中进行了检索，并在大学图书馆员的帮助下仔细阅读了每一项研究两次，当两位读者对某项研究是否符合问题存在分歧时，他们会讨论并请第三个人决定。".repeat(2);
    let headings = "## 检索\n\n## 帮助\n\n## 阅读\n\n## 分歧\n\n## 讨论\n\n## 决定";
    for (name, body) in [
        ("plain", zh.clone()),
        ("headings", format!("{headings}\n\n{zh}")),
    ] {
        f.write(
            &format!("content/{name}.zh.md"),
            &format!("---\ntitle: 检索\ndescription: 我们读了研究。\n---\n\n{body}\n"),
        );
    }
    let pages = report_pages(&f);
    let per_sentence = |name: &str| {
        let page = page_in(&pages, &format!("content/{name}.zh.md"));
        page["measures"]["characters_per_sentence"]
            .as_f64()
            .unwrap()
    };
    let (before, after) = (per_sentence("plain"), per_sentence("headings"));
    assert!((after - before).abs() < 0.5, "{before} -> {after}");
}

/// A soft hyphen pasted from Word or a PDF (or written `&shy;`), or another character
/// invisible inside a word, neither hides a word from the checks nor splits it: each word
/// is found whole, at the place of its first letter in the file.
#[test]
fn an_invisible_character_inside_a_word_neither_hides_nor_splits_it() {
    let f = Fixture::new("basic");
    f.write(
        "content/soft.md",
        "---\ntitle: Soft\ndescription: Soft hyphens.\n---\n\nThe ad\u{ad}dict came. The ju&shy;nkie came. Sub\u{ad}stance abuse is here. We saw the opera\u{200b}tionalization of it.\n",
    );
    let err = stderr(&f.run(&["check", "--suggestions"]));
    assert_eq!(
        places_of(&err, "respectful-language", "\u{201c}addict\u{201d}"),
        ["content/soft.md:6:5"],
        "{err}"
    );
    assert_eq!(
        places_of(&err, "respectful-language", "\u{201c}junkie\u{201d}"),
        ["content/soft.md:6:23"],
        "{err}"
    );
    assert_eq!(
        places_of(
            &err,
            "respectful-language",
            "\u{201c}Substance abuse\u{201d}"
        ),
        ["content/soft.md:6:41"],
        "{err}"
    );
    assert_eq!(
        places_of(&err, "jargon", "\u{201c}operationalization\u{201d}"),
        ["content/soft.md:6:78"],
        "{err}"
    );
    assert!(!err.contains("\u{201c}tionalization"), "{err}");
}

/// Words in capitals for emphasis ("NO JUNKIES ALLOWED") are not abbreviations to
/// explain, and do not fail --strict; the slurs among them are still found, and
/// unexplained abbreviations (PWUD, CCSA) are still reported at their places.
#[test]
fn words_in_capitals_for_emphasis_are_not_abbreviations_but_real_ones_are() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/capitals.md",
        "---\ntitle: Capitals\n---\nThe ADDICT came in. NO JUNKIES ALLOWED was the sign.\n\nWe tested for HIV at the PWUD meeting with CCSA.\n",
    );
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        places_of(&err, "abbreviation", "is not explained"),
        [
            "content/guide/capitals.md:6:26",
            "content/guide/capitals.md:6:44"
        ],
        "{err}"
    );
    assert_eq!(
        places_of(&err, "respectful-language", "can hurt"),
        [
            "content/guide/capitals.md:4:5",
            "content/guide/capitals.md:4:24"
        ],
        "{err}"
    );
}
