//! Search and the A–Z index on built fixture sites: one index per language as script
//! files, the search form in every page's header leading to the A–Z page, pages that
//! stand in for a translation marked in the language's index, and an A–Z page that
//! lists every page and glossary term.

mod common;

use common::*;

/// The JSON a `search/NAME.js` file stores.
fn stored(f: &Fixture, rel: &str) -> serde_json::Value {
    let text = f.read_output(rel);
    let json = text
        .split_once("]=")
        .unwrap_or_else(|| panic!("{rel}: {text}"))
        .1
        .trim_end()
        .trim_end_matches(';');
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The word forms of an index (its third field), decoded as search.js does: each one is the length it
/// shares with the one before, its own length (base-32 digits, the upper half of the
/// alphabet meaning "more follow"), then its rest.
fn forms(index: &serde_json::Value) -> Vec<String> {
    const DIGITS: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    let units: Vec<u16> = index[2].as_str().unwrap().encode_utf16().collect();
    let mut at = 0;
    let read = |at: &mut usize| {
        let mut n = 0;
        loop {
            let d = DIGITS.encode_utf16().position(|u| u == units[*at]).unwrap();
            *at += 1;
            n = n * 32 + d % 32;
            if d < 32 {
                return n;
            }
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut previous: Vec<u16> = Vec::new();
    while at < units.len() {
        let shared = read(&mut at);
        let len = read(&mut at);
        let mut form = previous[..shared].to_vec();
        form.extend_from_slice(&units[at..at + len]);
        at += len;
        out.push(String::from_utf16(&form).unwrap());
        previous = form;
    }
    out
}

/// The language of the pages standing in for their translation (the eighth field) and
/// those pages' addresses (the ninth: page numbers as gaps, in base-32 digits).
fn stand_ins(index: &serde_json::Value) -> (String, Vec<String>) {
    const DIGITS: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    let (mut page, mut n, mut out) = (0, 0, Vec::new());
    for c in index[8].as_str().unwrap_or_default().chars() {
        let d = DIGITS.find(c).unwrap();
        n = n * 32 + d % 32;
        if d < 32 {
            page += n;
            n = 0;
            out.push(index[0][2 * page + 1].as_str().unwrap().to_string());
        }
    }
    (index[7].as_str().unwrap_or_default().to_string(), out)
}

fn titles(index: &serde_json::Value) -> Vec<String> {
    // The first field: each page's title, then its address.
    index[0]
        .as_array()
        .unwrap()
        .iter()
        .step_by(2)
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// A page not yet translated is found in the language's search too (the menu shows
/// it), marked as in the language of its words; the notice that it is not translated
/// is not searched.
#[test]
fn each_language_has_its_own_index_with_pages_standing_in_marked_in_their_language() {
    let f = Fixture::new("languages");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let en = stored(&f, "search/en.js");
    let zh = stored(&f, "search/zh.js");
    assert!(titles(&en).contains(&"About this site".to_string()), "{en}");
    assert_eq!(stand_ins(&en), (String::new(), Vec::new()));
    assert_eq!(titles(&zh), ["多语言测试网站", "About this site"]);
    assert_eq!(stand_ins(&zh), ("en".into(), vec!["zh/about/".to_string()]));
    assert!(!f.read_output("search/zh-0.js").contains("本页还没有翻译"));
    // Chinese text is indexed in character pairs, and its sentences are in the shard.
    let zh_forms = forms(&zh);
    assert!(zh_forms.contains(&"报酬".to_string()), "{zh_forms:?}");
    assert!(f.read_output("search/zh-0.js").contains("三种语言"));
    assert!(f.public().join("search/ar.js").exists());
}

#[test]
fn every_page_has_a_labelled_search_form_that_leads_to_its_languages_a_z_page() {
    let f = Fixture::new("languages");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let zh = f.read_output("zh/index.html");
    assert!(zh.contains("action=../zh/a-z/"), "{zh}");
    assert!(
        zh.contains("<label for=site-search-q>搜索本站</label>"),
        "{zh}"
    );
    // search.js reads the index's language off the page and makes the live region.
    assert!(zh.contains("<html dir=ltr lang=zh>"), "{zh}");
    assert!(zh.contains("<button>搜索</button></form>"), "{zh}");
    let about = f.read_output("about/index.html");
    assert!(about.contains("action=../a-z/"), "{about}");
    assert!(about.contains("src=../search.js"), "{about}");
    assert!(f.public().join("search.js").exists());
}

#[test]
fn the_a_z_page_lists_every_page_and_glossary_term_with_abbreviations() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/glossary.yaml",
        "- term: people who use drugs\n  abbreviation: PWUD\n  definition: Anyone who uses drugs.\n- term: Fixture\n  definition: A small site made for tests.\n",
    );
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let a_z = f.read_output("a-z/index.html");
    for wanted in [
        "<h1>A–Z index</h1>",
        ">Fixture</a>",
        ">PWUD</a>: people who use drugs",
        ">people who use drugs</a>",
        "href=../glossary/#people-who-use-drugs",
    ] {
        assert!(a_z.contains(wanted), "{wanted} in {a_z}");
    }
    // Letters in order, each a heading the letter row links to.
    let letters: Vec<&str> = a_z
        .split("<h2 id=a-z-")
        .skip(1)
        .filter_map(|h| h.split_once('>')?.1.split_once("</h2>"))
        .map(|(letter, _)| letter)
        .collect();
    let mut sorted = letters.clone();
    sorted.sort();
    assert_eq!(letters, sorted);
    assert!(
        letters.contains(&"F") && letters.contains(&"P"),
        "{letters:?}"
    );
    assert!(a_z.contains("<a href=#a-z-1>"), "{a_z}");
    // The abbreviation finds the sections that spell it out.
    let index = stored(&f, "search/en.js");
    let forms = forms(&index);
    assert!(forms.contains(&"pwud".to_string()), "{forms:?}");
}

/// Each page's address in an index (the first field: title, then address).
fn addresses(index: &serde_json::Value) -> Vec<String> {
    index[0]
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .step_by(2)
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// A long list is one entry of the A–Z page, at its first page; search leaves out what
/// only lists other pages (a list's further pages, the topics index, a list page with
/// no words of its own) and the list on a section or topic page, as the guide says: a
/// search for "news" found the news list's items again on its pages (the tester's case
/// az-pagination-dupes: the `topics` fixture, two to a page).
#[test]
fn the_a_z_page_and_search_show_each_page_once_and_leave_lists_out_of_search() {
    let f = Fixture::new("topics");
    assert_ok(&f.build());
    for (a_z, titles) in [
        ("a-z/index.html", [">News</a>", ">Pay</a>"]),
        ("fr/a-z/index.html", [">Nouvelles</a>", ">Rémunération</a>"]),
    ] {
        let a_z = f.read_output(a_z);
        for title in titles {
            assert_eq!(a_z.matches(title).count(), 1, "{title} in {a_z}");
        }
        assert!(!a_z.contains("page/2/"), "{a_z}");
    }
    for code in ["en", "fr"] {
        let index = stored(&f, &format!("search/{code}.js"));
        let prefix = if code == "en" { "" } else { "fr/" };
        let addresses = addresses(&index);
        for found in ["news/", "topics/pay/", "about/"] {
            let found = format!("{prefix}{found}");
            assert!(addresses.contains(&found), "{found} in {addresses:?}");
        }
        for left_out in ["news/page/2/", "topics/pay/page/2/", "topics/", "findings/"] {
            let left_out = format!("{prefix}{left_out}");
            assert!(
                !addresses.contains(&left_out),
                "{left_out} in {addresses:?}"
            );
        }
        // The French finding stands in for its translation: it is searched, marked.
        let finding = format!("{prefix}findings/clear-roles/");
        assert!(addresses.contains(&finding), "{addresses:?}");
        assert_eq!(stand_ins(&index).1.contains(&finding), code == "fr");
        let mut titles = titles(&index);
        let count = titles.len();
        titles.sort();
        titles.dedup();
        assert_eq!(titles.len(), count, "{code}: a title twice: {index}");
    }
    // A news item's title is found on its own page only, not again on the lists.
    let sentences = f.read_output("search/en-0.js");
    assert_eq!(sentences.matches("News item 1").count(), 1, "{sentences}");
}

/// A topic and a glossary word can share a name ("Pay"): the A–Z page says which line
/// leads to the topic and which to the word's explanation, in the page's language.
#[test]
fn the_a_z_page_tells_a_topic_from_a_glossary_word_of_the_same_name() {
    let f = Fixture::new("topics");
    f.write(
        "content/_data/glossary.yaml",
        "- term: pay\n  definition: Money for the work you do.\n",
    );
    assert_ok(&f.build());
    let a_z = f.read_output("a-z/index.html");
    for wanted in [
        r#"href="../topics/pay/">Pay</a> <span class="a-z-kind">(topic)</span>"#,
        r#"href="../glossary/#pay">pay</a> <span class="a-z-kind">(word explained)</span>"#,
    ] {
        assert!(a_z.contains(wanted), "{wanted} in {a_z}");
    }
    // An ordinary page has no such label.
    assert!(a_z.contains(">About us</a></li>"), "{a_z}");
    let french = f.read_output("fr/a-z/index.html");
    assert!(
        french.contains(r#"<span class="a-z-kind">(sujet)</span>"#),
        "{french}"
    );
}

/// The A–Z page promises every page: a page not yet translated is listed too, in the
/// words it has, marked as in its language; a glossary page plainsite makes for an
/// untranslated glossary keeps its original's title with it.
#[test]
fn the_a_z_page_lists_pages_standing_in_for_their_translation_in_their_language() {
    let f = Fixture::new("topics");
    f.write(
        "content/_data/glossary.yaml",
        "- term: pay\n  definition: Money for the work you do.\n",
    );
    assert_ok(&f.build());
    let french = f.read_output("fr/a-z/index.html");
    for wanted in [
        r#"<a href="../../fr/news/item-1/" lang="en">News item 1</a>"#,
        r#"<a href="../../fr/glossary/#pay" lang="en">pay</a>"#,
        r#"<a href="../../fr/about/">Qui nous sommes</a>"#,
    ] {
        assert!(french.contains(wanted), "{wanted} in {french}");
    }
    // In the menu and on the list, with the language of its words.
    let glossary = r#"<a href="../../fr/glossary/" lang="en">Words we use</a>"#;
    assert_eq!(french.matches(glossary).count(), 2, "{french}");
    // In English, nothing stands in.
    let english = f.read_output("a-z/index.html");
    assert!(!english.contains(" lang=\"en\">"), "{english}");
}

#[test]
fn a_page_at_the_a_z_address_is_reported_as_a_clash() {
    let f = Fixture::new("basic");
    f.write("content/a-z.md", "---\ntitle: Mine\n---\n\nMy own index.\n");
    let err = assert_fails(&f.build());
    assert!(err.contains("a-z/index.html"), "{err}");
}

/// Words of a language for the stemmer test: the lines of the checks' word lists (not
/// comments), each also with common endings added, and the words a tester searched for.
fn stem_test_words(code: &str) -> Vec<String> {
    let (lists, endings, extra): (&[&str], &[&str], &[&str]) = match code {
        "en" => (
            &[
                "src/checks/easy_words.txt",
                "src/checks/common_words.txt",
                "src/checks/plain_words.txt",
            ],
            &[
                "s", "es", "ed", "ing", "ly", "ness", "ment", "ments", "ation", "ies", "ful", "ity",
            ],
            &[
                "pay",
                "payment",
                "payments",
                "pays",
                "paying",
                "paid",
                "dying",
                "skies",
                "happiness",
                "generously",
                "news",
                "Paying",
                "naïve",
                "café",
                "œuvre",
            ],
        ),
        "fr" => (
            &["src/checks/french_common_words.txt"],
            &[
                "s", "es", "e", "ée", "ées", "ement", "ements", "ation", "ité", "eux", "euse",
                "aux", "ant", "ions",
            ],
            &[
                "payées",
                "payé",
                "payer",
                "justes",
                "juste",
                "rémunérations",
                "rémunération",
                "Rémunération",
                "journaux",
                "aïeul",
                "naïve",
                "cœur",
                "Œuvre",
                "ÉTÉ",
                "çà",
                "noël",
                "ambiguë",
            ],
        ),
        _ => panic!("no word list for {code}: add one to stem_test_words"),
    };
    let mut words: Vec<String> = extra.iter().map(|w| w.to_string()).collect();
    for list in lists {
        let text = std::fs::read_to_string(list).unwrap();
        for line in text.lines() {
            let w = line.split('\t').next().unwrap_or("").trim();
            if w.is_empty() || w.starts_with('#') || w.contains(' ') {
                continue;
            }
            words.push(w.to_string());
            words.extend(endings.iter().map(|e| format!("{w}{e}")));
        }
    }
    words
}

/// Whether node is here; the test command installs it and sets
/// PLAINSITE_REQUIRE_BROWSER=1, so there the stemmer test cannot skip.
fn have_node() -> bool {
    let have = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var_os("PLAINSITE_REQUIRE_BROWSER").is_none(),
            "node is required here"
        );
        eprintln!("skipped: no node on this machine");
    }
    have
}

/// The browser stems a query word with the theme's Snowball stemmer of the language and
/// the build stems page words with rust-stemmers: for every language the build stems,
/// both give the same stem of each word of a list of thousands (else a query word the
/// site never wrote would miss its pages), and search.js loads that language's file.
#[test]
fn the_browsers_stemmers_give_the_builds_stems_for_every_stemmed_language() {
    use plainsite::outputs::search::words::{Analyzer, STEMMED};
    use std::io::Write;
    let script = std::fs::read_to_string("themes/default/static/search.js").unwrap();
    for (code, name) in STEMMED {
        assert!(
            script.contains(&format!("{code}: \"{name}\"")),
            "search.js does not map {code} to its stemmer {name}"
        );
        let file = format!("themes/default/static/snowball/{name}-stemmer.js");
        assert!(std::path::Path::new(&file).is_file(), "{file} is missing");
    }
    assert!(std::path::Path::new("themes/default/static/snowball/LICENSE").is_file());
    if !have_node() {
        return;
    }
    for (code, name) in STEMMED {
        let words = stem_test_words(code);
        assert!(words.len() > 2000, "{code}: {} words", words.len());
        let mut child = std::process::Command::new("node")
            .args([
                "tests/browser/stems.mjs",
                "themes/default/static/snowball",
                name,
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        let text = words.join("\n") + "\n";
        let writer = std::thread::spawn(move || input.write_all(text.as_bytes()));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let browser: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
        assert_eq!(browser.len(), words.len(), "{code}: one stem a word");
        let analyzer = Analyzer::for_language(code);
        let differ: Vec<String> = (words.iter().zip(&browser))
            .filter(|(w, b)| analyzer.stem(w) != **b)
            .map(|(w, b)| format!("{w}: build {}, browser {b}", analyzer.stem(w)))
            .collect();
        assert!(
            differ.is_empty(),
            "{code}: {} of {} differ: {:?}",
            differ.len(),
            words.len(),
            &differ[..differ.len().min(20)]
        );
    }
}

/// What the built search.js answers to each query in `lang`, run in node by
/// tests/browser/query.mjs: the count it announces and its results as (title, address).
fn answers(f: &Fixture, lang: &str, queries: &[&str]) -> Vec<(String, Vec<(String, String)>)> {
    (query_lines(f, lang, queries).iter())
        .map(|v| {
            let results = (v["results"].as_array().unwrap().iter())
                .map(|r| (r[0].as_str().unwrap().into(), r[1].as_str().unwrap().into()))
                .collect();
            (v["count"].as_str().unwrap().to_string(), results)
        })
        .collect()
}

/// The line tests/browser/query.mjs prints for each query, as JSON.
fn query_lines(f: &Fixture, lang: &str, queries: &[&str]) -> Vec<serde_json::Value> {
    let out = std::process::Command::new("node")
        .arg("tests/browser/query.mjs")
        .arg(f.public())
        .arg(lang)
        .args(queries)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (std::str::from_utf8(&out.stdout).unwrap().lines())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The whole text of each result of `query` in `lang` (title, section and the sentence
/// shown), as search.js writes it.
fn shown(f: &Fixture, lang: &str, query: &str) -> Vec<String> {
    let line = &query_lines(f, lang, &[query])[0];
    (line["results"].as_array().unwrap().iter())
        .map(|r| r[2].as_str().unwrap().to_string())
        .collect()
}

/// The glossary is rendered after every other page (it lists the pages each term is
/// on). The pages after it in the site's order were kept whole until the end, not
/// read into the index as they were rendered; they are now, and the glossary comes last
/// in the index: each result still shows its own page's sentence.
#[test]
fn pages_after_the_glossary_are_found_with_their_own_sentences() {
    if !have_node() {
        return;
    }
    let f = Fixture::new("basic");
    f.write(
        "content/_data/glossary.yaml",
        "- term: peer worker\n  definition: Someone paid for what they know from living it.\n",
    );
    f.write("content/glossary.md", "---\ntitle: Words we use\n---\n");
    for n in 0..80 {
        f.write(
            &format!("content/later/page-{n:02}.md"),
            &format!("---\ntitle: Later page {n}\n---\n\n## Part {n}\n\nThis page is the one that says marker{n} here.\n"),
        );
    }
    assert_ok(&f.build());
    for n in [0, 40, 79] {
        // The page first ("marker4" also begins "marker40").
        let results = shown(&f, "en", &format!("marker{n}"));
        assert!(
            results[0].contains(&format!("Later page {n}"))
                && results[0].contains(&format!("says marker{n} here")),
            "marker{n}: {results:?}"
        );
    }
    let results = shown(&f, "en", "living");
    assert!(
        results
            .iter()
            .any(|r| r.contains("Words we use") && r.contains("from living it")),
        "{results:?}"
    );
}

/// Snowball stems "payments" to "payment" and "pay" apart: a query word also finds the
/// site's words of 3 letters or more that begin it, ranked after the sections with its
/// own stem; and a word the site never wrote finds them too ("paychecks").
#[test]
fn a_query_word_finds_the_words_that_begin_it_after_its_own_stem() {
    if !have_node() {
        return;
    }
    let f = Fixture::new("basic");
    f.write(
        "content/fair.md",
        "---\ntitle: Fair pay\n---\n\nWe pay peer workers for their time.\n",
    );
    f.write(
        "content/payment.md",
        "---\ntitle: On time\n---\n\nEach payment reaches the team within a week.\n",
    );
    assert_ok(&f.build());
    let found = answers(&f, "en", &["payments", "paychecks"]);
    let titles = |n: usize| -> Vec<&str> { found[n].1.iter().map(|r| r.0.as_str()).collect() };
    let payments = titles(0);
    assert_eq!(payments.first(), Some(&"On time"), "{found:?}");
    assert!(payments.contains(&"Fair pay"), "{found:?}");
    assert!(titles(1).contains(&"Fair pay"), "{found:?}");
    assert!(!titles(1).contains(&"On time"), "{found:?}");
}
