//! A site in several languages: translations under their own address prefix, with the
//! right `lang` and `dir`, `hreflang` links, a switcher that names each language in
//! itself, a notice on pages not translated yet, charts in the page's language, and a
//! warning for a translation older than its original.

mod common;

use common::*;

#[test]
fn each_language_gets_its_own_pages_lang_and_direction() {
    let f = Fixture::new("languages");
    let err = assert_ok(&f.build());
    let en = f.read_output("index.html");
    let zh = f.read_output("zh/index.html");
    let ar = f.read_output("ar/index.html");
    assert!(en.contains("<html dir=ltr lang=en>"), "{en}");
    assert!(zh.contains("<html dir=ltr lang=zh>"), "{zh}");
    assert!(ar.contains("<html dir=rtl lang=ar>"), "{ar}");
    for (page, skip) in [
        (&en, "Skip to main content"),
        (&zh, "跳到主要内容"),
        (&ar, "انتقل إلى المحتوى الرئيسي"),
    ] {
        assert!(
            page.contains(skip),
            "theme words in the page's language: {page}"
        );
        for alternate in [
            "href=https://example.org/ hreflang=en rel=alternate",
            "href=https://example.org/zh/ hreflang=zh rel=alternate",
            "href=https://example.org/ar/ hreflang=ar rel=alternate",
        ] {
            assert!(page.contains(alternate), "{alternate} in {page}");
        }
        for name in [
            "lang=en>English</a>",
            "lang=zh>中文</a>",
            "lang=ar>العربية</a>",
        ] {
            assert!(page.contains(name), "switcher names {name}");
        }
    }
    assert!(
        zh.contains("三种语言") && ar.contains("ثلاث لغات"),
        "key messages from the language's data file"
    );
    // The Arabic translation is dated before its original.
    assert!(err.contains("warning[stale-translation]: this translation (2026-02-01) is older than its original, content/_index.md (2026-03-01)\n  --> content/_index.ar.md:3:10"), "{err}");
}

#[test]
fn an_untranslated_page_falls_back_with_a_notice_in_the_readers_language() {
    let f = Fixture::new("languages");
    assert_ok(&f.build());
    let about = f.read_output("zh/about/index.html");
    assert!(
        about.contains("<p class=fallback-notice role=note>本页还没有翻译。您看到的是原文：英语。"),
        "{about}"
    );
    assert!(
        about.contains("<div dir=ltr lang=en><article><h1>About this site</h1>"),
        "the English text is marked as English: {about}"
    );
    // Only real translations are alternates and in the sitemap.
    assert!(!about.contains("hreflang=zh rel=alternate"), "{about}");
    let sitemap = f.read_output("sitemap.xml");
    assert!(
        sitemap.contains("https://example.org/zh/")
            && !sitemap.contains("https://example.org/zh/about/"),
        "{sitemap}"
    );
    // The menu link to the untranslated page is marked as English too.
    let home = f.read_output("zh/index.html");
    assert!(home.contains("lang=en>About this site</a>"), "{home}");
}

#[test]
fn charts_follow_the_page_language() {
    let f = Fixture::new("languages");
    assert_ok(&f.build());
    let svg = std::fs::read_to_string(f.public().join("zh/charts/pay.svg")).unwrap();
    assert!(
        svg.contains("得到报酬的人") && svg.contains("没有得到报酬"),
        "{svg}"
    );
    let page = f.read_output("zh/index.html");
    assert!(
        page.contains("href=charts/pay.csv")
            || page.contains("href=./charts/pay.csv")
            || page.contains("zh/charts/pay.csv"),
        "the Chinese page links its own chart files: {page}"
    );
    let en = std::fs::read_to_string(f.public().join("charts/pay.svg")).unwrap();
    assert!(en.contains("People who were paid"));
}

#[test]
fn a_file_in_a_language_the_site_does_not_have_is_reported() {
    let f = Fixture::new("languages");
    f.write(
        "content/about.es.md",
        "---\ntitle: Acerca de\n---\n\nHola.\n",
    );
    let err = assert_ok(&f.build());
    assert!(err.contains("warning: this file looks like a translation into \"es\", which is not one of the site's languages\n  --> content/about.es.md"), "{err}");
    assert!(err.contains("add [languages.es] to site.toml"), "{err}");
}

#[test]
fn a_bad_language_table_is_an_error_at_its_line() {
    let f = Fixture::new("languages");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.en]\ntitle = \"again\"\n"),
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: [languages.en] is the site's default language\n  --> site.toml:15:1"),
        "{err}"
    );
}

/// Chinese chart labels are drawn in the PNG with a font that has them (the test command
/// installs one); without any such font, the build says so instead of drawing boxes.
#[test]
fn chinese_chart_labels_get_a_font_or_a_warning() {
    let f = Fixture::new("languages");
    let err = assert_ok(&f.build());
    let warned = err.contains("no font on this computer can draw the characters");
    if plainsite::charts::fonts::fallback_for("得到报酬").is_some() {
        assert!(!warned, "{err}");
        let png = std::fs::read(f.public().join("zh/charts/pay.png")).unwrap();
        let en = std::fs::read(f.public().join("charts/pay.png")).unwrap();
        assert!(png.starts_with(b"\x89PNG") && png != en);
    } else {
        assert!(
            std::env::var_os("PLAINSITE_REQUIRE_BROWSER").is_none(),
            "the test command installs a Chinese font"
        );
        assert!(warned && err.contains("fonts-noto-cjk"), "{err}");
    }
}

/// Chart numbers and punctuation are written the way the page's language writes them
/// (1 200 and 3,5 and « : » in French, "：" in Chinese), while the CSV download keeps
/// plain numbers every spreadsheet reads.
#[test]
fn chart_numbers_follow_the_page_language_and_data_files_stay_plain() {
    let f = Fixture::new("languages");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}\n[languages.fr]\ntitle = \"Site de test\"\ndescription = \"Un site en plusieurs langues.\"\n"));
    let chart = |title: &str, a: &str, b: &str| {
        format!("---\ntitle: {title}\n---\n\nSome numbers.\n\n```chart\nkind: bar\nid: counts\ntitle: {title}\ntakeaway: {title}.\ndata:\n  - label: {a}\n    value: 1200\n  - label: {b}\n    value: 3.5\n```\n")
    };
    f.write("content/numbers.md", &chart("Counts", "Records", "Days"));
    f.write(
        "content/numbers.fr.md",
        &chart("Nombres", "Dossiers", "Jours"),
    );
    assert_ok(&f.build());
    let en = std::fs::read_to_string(f.public().join("charts/counts.txt")).unwrap();
    assert!(en.contains("Records: 1,200; Days: 3.5."), "{en}");
    let fr = std::fs::read_to_string(f.public().join("fr/charts/counts.txt")).unwrap();
    assert!(
        fr.contains("Dossiers\u{a0}: 1\u{a0}200\u{a0}; Jours\u{a0}: 3,5."),
        "{fr}"
    );
    let fr_page = f.read_output("fr/numbers/index.html");
    assert!(
        fr_page.contains("<td>1\u{a0}200</td>") || fr_page.contains("<td>1\u{a0}200"),
        "the French data table: {fr_page}"
    );
    let csv = std::fs::read_to_string(f.public().join("fr/charts/counts.csv")).unwrap();
    assert!(csv.contains("Dossiers,1200\r\nJours,3.5\r\n"), "{csv}");
    let zh = std::fs::read_to_string(f.public().join("zh/charts/pay.txt")).unwrap();
    assert!(zh.contains("得到报酬：8") && !zh.contains(": 8"), "{zh}");
}

/// The footer, the slides and the feed name the organization in the page's language
/// when `[languages.CODE]` gives `organization`; other languages keep the site's name.
#[test]
fn organization_name_follows_the_page_language() {
    let f = Fixture::new("languages");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    let toml = toml.replacen(
        "[languages.zh]",
        "[languages.zh]\norganization = \"审查小组\"",
        1,
    );
    f.write("site.toml", &toml);
    assert_ok(&f.build());
    let zh = f.read_output("zh/index.html");
    assert!(zh.contains("审查小组") && !zh.contains("Test team"), "{zh}");
    let ar = f.read_output("ar/index.html");
    assert!(ar.contains("Test team"), "{ar}");
}

/// A page of a language none of whose pages has a date is cited with its original's
/// date (its `updated` when it has no `date`), as the original is.
#[test]
fn a_language_with_no_dates_is_cited_with_the_originals_date() {
    let f = Fixture::new("languages");
    let zh = std::fs::read_to_string(f.root().join("content/_index.zh.md")).unwrap();
    f.write(
        "content/_index.zh.md",
        &zh.replacen("updated: 2026-03-01\n", "", 1),
    );
    assert_ok(&f.build());
    let zh = f.read_output("zh/index.html");
    assert!(zh.contains("\"datePublished\":\"2026-03-01\""), "{zh}");
    assert!(
        zh.contains("<meta content=2026/03/01 name=citation_publication_date>"),
        "{zh}"
    );
    // A translation without a date is cited with its original's, not the site's latest.
    let about = std::fs::read_to_string(f.root().join("content/about.md")).unwrap();
    f.write(
        "content/about.md",
        &about.replacen("---\n", "---\ndate: 2025-05-05\n", 1),
    );
    f.write(
        "content/about.zh.md",
        "---\ntitle: 关于本站\n---\n\n一个小团队做了这个网站。\n",
    );
    assert_ok(&f.build());
    let about = f.read_output("zh/about/index.html");
    assert!(
        about.contains("\"datePublished\":\"2025-05-05\""),
        "{about}"
    );
}

/// Chinese has no spaces: sentences end at 。！？；and are measured in characters, and
/// a paragraph's length is its characters. A 100-character sentence and a 300-character
/// paragraph of short sentences are each reported at their own line.
#[test]
fn a_long_chinese_sentence_and_paragraph_are_reported_at_their_lines() {
    let f = Fixture::new("languages");
    // Ten clauses of ten characters: one sentence of 100 characters.
    let sentence = format!(
        "{}同伴每周都来中心帮忙。",
        "同伴每周都来中心帮忙，".repeat(9)
    );
    // Fifteen sentences of 20 characters: short sentences, a 300-character paragraph.
    let paragraph = "同伴工作者每周都来中心帮助大家一起做事了。".repeat(15);
    f.write(
        "content/reading.md",
        "---\ntitle: Reading\ndescription: Reading.\n---\n\nA short page.\n",
    );
    f.write(
        "content/reading.zh.md",
        &format!("---\ntitle: 阅读\ndescription: 阅读。\n---\n\n我们问了大家。\n\n{sentence}\n\n{paragraph}\n"),
    );
    let out = f.build();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning[long-sentence]: this sentence has 100 characters (the limit is 50)\n  --> content/reading.zh.md:8:1"),
        "{err}"
    );
    assert!(
        err.contains("warning[long-paragraph]: this paragraph has 300 characters (the limit is 200)\n  --> content/reading.zh.md:10:1"),
        "{err}"
    );
    assert_eq!(err.matches("content/reading.zh.md").count(), 2, "{err}");
}

/// Japanese is written without spaces too: its sentences end at 。！？ and are measured
/// in characters, as Chinese ones are, with no readability measure of its own.
#[test]
fn a_long_japanese_sentence_is_reported_in_characters() {
    let f = Fixture::new("languages");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!(
            "{toml}\n[languages.ja]\ntitle = \"テスト\"\ndescription = \"テストのサイトです。\"\n"
        ),
    );
    // Ten clauses of ten characters: one sentence of 100 characters.
    let sentence = format!(
        "{}みんなセンターに来た。",
        "仲間は毎週センターに、".repeat(9)
    );
    f.write(
        "content/reading.md",
        "---\ntitle: Reading\ndescription: Reading.\n---\n\nA short page.\n",
    );
    f.write(
        "content/reading.ja.md",
        &format!("---\ntitle: 読む\ndescription: 読む。\n---\n\n短い文です。\n\n{sentence}\n"),
    );
    let err = String::from_utf8_lossy(&f.build().stderr).into_owned();
    assert!(
        err.contains("warning[long-sentence]: this sentence has 100 characters (the limit is 50)\n  --> content/reading.ja.md:8:1"),
        "{err}"
    );
}

/// A French page is measured with French formulas: its reading ease (Kandel and Moles)
/// against the French target, and LIX, in the JSON report; never an English grade.
#[test]
fn a_hard_french_page_gets_a_french_reading_ease_and_no_english_grade() {
    let f = Fixture::new("languages");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.fr]\ntitle = \"Langues\"\n"),
    );
    let hard = "Les méthodologies de synthèse qualitative facilitent l’intégration des résultats issus d’études primaires hétérogènes. La transparence méthodologique demeure essentielle pour évaluer la crédibilité des interprétations proposées par les chercheurs universitaires.";
    f.write(
        "content/hard.md",
        "---\ntitle: Hard\ndescription: Hard.\n---\n\nA short page.\n",
    );
    f.write(
        "content/hard.fr.md",
        &format!("---\ntitle: Difficile\ndescription: Difficile.\nsummary: Un résumé.\n---\n\n{hard}\n\n{hard}\n"),
    );
    let report = f.root().join("figures.json");
    let out = f.run(&["check", "--report", report.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    let pages: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let page = pages
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == "content/hard.fr.md")
        .unwrap();
    assert_eq!(page["language"], "fr");
    let ease = page["measures"]["kandel_moles_reading_ease"]
        .as_f64()
        .unwrap();
    assert!(page["measures"]["lix"].as_f64().unwrap() > 50.0, "{page}");
    assert!(
        page["measures"].get("flesch_kincaid_grade").is_none(),
        "{page}"
    );
    assert!(
        err.contains(&format!("warning[reading-grade]: the reading ease (Kandel and Moles) of this page is {ease:.1}; the target is at least 60\n  --> content/hard.fr.md:2:8")),
        "{err}"
    );
}

#[test]
fn new_site_set_to_chinese_french_or_arabic_has_no_warning_from_the_theme_words() {
    // The starter's pages stay in English: measured in characters, some of its
    // sentences are long for Chinese, so only the theme's own words are checked there.
    for language in ["zh-Hans", "fr", "ar"] {
        let dir = tempfile::tempdir().unwrap();
        assert_ok(&new_site(dir.path(), "s"));
        let toml = dir.path().join("s/site.toml");
        let settings = std::fs::read_to_string(&toml).unwrap();
        let set = format!("language = \"{language}\"");
        std::fs::write(&toml, settings.replace("language = \"en\"", &set)).unwrap();
        let o = std::process::Command::new(BIN)
            .args(["check", "--root"])
            .arg(dir.path().join("s"))
            .output()
            .unwrap();
        let err = assert_ok(&o);
        assert!(!err.contains("[abbreviation]"), "{language}: {err}");
        if language != "zh-Hans" {
            assert!(err.contains("0 warnings, 0 errors"), "{language}: {err}");
        }
    }
}

/// A plain page in Traditional Chinese (the tester's zh-TW case) is measured against the
/// common characters as Taiwan writes them: no reading-grade or plain-summary warning
/// (it had "uncommon characters 41.0"); and 癮君子 and 毒蟲, the Traditional forms of two
/// words of the respectful-language list, are found at their places.
#[test]
fn a_traditional_chinese_page_is_measured_and_checked_in_traditional_characters() {
    let f = Fixture::new("languages");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.zh-TW]\ntitle = \"中文\"\n"),
    );
    f.write(
        "content/plain.zh-TW.md",
        "---\ntitle: 研究\n---\n\n這個網站說明我們的研究。參與研究的人都得到了報酬。我們問他們對工作的感覺。大多數人說，得到報酬讓他們覺得自己的時間受到尊重。有些人說，他們希望更早參與計畫。我們會把這些意見寫進報告裡，讓決策者看到。請閱讀以下各頁，了解更多內容。\n",
    );
    f.write(
        "content/words.zh-TW.md",
        "---\ntitle: 用詞\n---\n\n癮君子參加了研究。毒蟲也來了。\n",
    );
    let out = f.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, u64, u64)> = (json.as_array().unwrap().iter())
        .filter(|d| {
            let file = d["location"]["file"].as_str().unwrap_or_default();
            file.starts_with("content/plain.zh-TW") || file.starts_with("content/words.zh-TW")
        })
        .map(|d| {
            let at = &d["location"];
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                at["file"].as_str().unwrap_or_default().to_string(),
                at["line"].as_u64().unwrap_or_default(),
                at["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let words = "content/words.zh-TW.md".to_string();
    assert_eq!(
        found,
        [
            ("respectful-language".to_string(), words.clone(), 5, 1),
            ("respectful-language".to_string(), words, 5, 10),
        ]
    );
}

/// A translated data file may leave entries out, as a translated site leaves pages out:
/// each one stands in as the default language has it (marked, its links kept), a
/// recommendation may name it, and an entry the original lacks is a warning at its id.
#[test]
fn a_finding_a_translation_leaves_out_stands_in_and_one_it_adds_is_a_warning() {
    let f = Fixture::new("topics");
    f.write(
        "content/_data/findings.yaml",
        "- id: clear-roles\n  title: Clear roles help\n  summary: People do better when they know their role.\n  effect: benefit\n\
         - id: fair-pay\n  title: Fair pay helps\n  summary: People do better when they are paid fairly.\n  effect: benefit\n",
    );
    f.write(
        "content/_data/findings.fr.yaml",
        "- id: clear-roles\n  title: Des rôles clairs aident\n  summary: Les gens vont mieux quand ils connaissent leur rôle.\n  effect: benefit\n\
         - id: fair-pai\n  title: Une paie juste aide\n  summary: Les gens vont mieux quand ils sont payés.\n  effect: benefit\n",
    );
    f.write(
        "content/_data/recommendations.yaml",
        "- id: pay-people\n  title: Pay people\n  summary: Pay everyone who takes part.\n  why: It is fair.\n  how: [Pay in cash.]\n  who: [Health services.]\n  findings: [fair-pay]\n",
    );
    let err = assert_ok(&f.build());
    assert!(!err.contains("does not exist"), "{err}");
    assert_eq!(
        places_of(
            &err,
            "warning",
            "the finding \"fair-pai\" is not in content/_data/findings.yaml"
        ),
        ["content/_data/findings.fr.yaml:5:7"],
        "{err}"
    );
    assert!(err.contains("did you mean fair-pay?"), "{err}");
    let stand_in = f.read_output("fr/findings/fair-pay/index.html");
    assert!(stand_in.contains("<h1>Fair pay helps</h1>"), "{stand_in}");
    assert!(stand_in.contains("class=\"fallback-notice\""), "{stand_in}");
    let own = f.read_output("fr/findings/clear-roles/index.html");
    assert!(!own.contains("class=\"fallback-notice\""), "{own}");
    let manifest = f.read_output(".plainsite-manifest");
    assert!(
        manifest.contains("/fr/findings/fair-pay/\tpage\tcontent/_data/findings.yaml\t"),
        "{manifest}"
    );
}

/// The author's list of what a language still lacks (`missing-translation`, a
/// suggestion): a page at its title, a whole data file at its first line, a finding a
/// translated file leaves out at its id, each in the first language's file; a page kept
/// in one language on purpose (`ignore_checks`) is not listed, and the rule can be off.
#[test]
fn what_a_translation_lacks_is_listed_at_the_first_language_s_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = new_site_in(dir.path(), "s", "en,fr");
    assert_ok(&o);
    let site = dir.path().join("s");
    let content = site.join("content");
    std::fs::remove_file(content.join("about.fr.md")).unwrap();
    std::fs::remove_file(content.join("charts.fr.md")).unwrap();
    std::fs::remove_file(content.join("_data/glossary.fr.yaml")).unwrap();
    let findings = content.join("_data/findings.fr.yaml");
    let text = std::fs::read_to_string(&findings).unwrap();
    let kept = &text[..text.find("- id: late-involvement").unwrap()];
    std::fs::write(&findings, kept).unwrap();
    let messages = content.join("_data/key_messages.fr.yaml");
    let text = std::fs::read_to_string(&messages).unwrap();
    let first = &text[..text.rfind("- title:").unwrap()];
    std::fs::write(&messages, first).unwrap();
    let charts = std::fs::read_to_string(content.join("charts.md")).unwrap();
    let english_only = charts.replacen(
        "menu: true\n",
        "menu: true\nignore_checks: [missing-translation]\n",
        1,
    );
    std::fs::write(content.join("charts.md"), english_only).unwrap();
    let check = |args: &[&str]| {
        let o = std::process::Command::new(BIN)
            .args(["check", "--format", "json", "--root"])
            .arg(&site)
            .args(args)
            .output()
            .unwrap();
        assert_ok(&o);
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (json.as_array().unwrap().iter())
            .filter(|d| d["rule"] == "missing-translation")
            .map(|d| {
                let at = &d["location"];
                format!(
                    "{}:{}:{} {}",
                    at["file"].as_str().unwrap(),
                    at["line"],
                    at["column"],
                    d["message"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        check(&[]),
        [
            "content/_data/glossary.yaml:1:1 content/_data/glossary.yaml is not translated into French (fr) yet: its readers get its words in English",
            "content/about.md:2:8 this page is not translated into French (fr) yet: its readers get it in English, with a note that says so",
            "content/_data/findings.yaml:9:7 the finding \"late-involvement\" is not in content/_data/findings.fr.yaml yet: its readers get it in English",
            "content/_data/key_messages.fr.yaml:1:1 content/_data/key_messages.fr.yaml has 1 key message(s), and content/_data/key_messages.yaml has 2: the home page in French (fr) shows only 1",
        ]
    );
    // The author report lists them too: site-wide, they are on no page's row.
    let report = dir.path().join("report.html");
    let o = std::process::Command::new(BIN)
        .args(["check", "--root"])
        .arg(&site)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert_ok(&o);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<h2>Not translated yet</h2>"), "{html}");
    assert!(
        html.contains(
            "<li><code>content/about.md:2</code>: this page is not translated into French (fr) yet"
        ),
        "{html}"
    );
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let off = toml.replacen(
        "\n[languages.fr]",
        "\n[checks.rules]\nmissing-translation = \"off\"\n\n[languages.fr]",
        1,
    );
    std::fs::write(site.join("site.toml"), off).unwrap();
    assert_eq!(check(&[]), Vec::<String>::new());
}
