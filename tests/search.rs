//! Search and the A–Z index on built fixture sites: one index per language as script
//! files, the search form in every page's header leading to the A–Z page, pages that
//! stand in for a translation left out of the language's index, and an A–Z page that
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

#[test]
fn each_language_has_its_own_index_without_pages_standing_in_for_translations() {
    let f = Fixture::new("languages");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let en = stored(&f, "search/en.js");
    let zh = stored(&f, "search/zh.js");
    assert!(titles(&en).contains(&"About this site".to_string()), "{en}");
    assert_eq!(
        titles(&zh),
        ["多语言测试网站"],
        "the untranslated about page is not in Chinese search"
    );
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
    assert!(zh.contains("role=status"), "{zh}");
    assert!(zh.contains("data-lang=zh"), "{zh}");
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

#[test]
fn a_page_at_the_a_z_address_is_reported_as_a_clash() {
    let f = Fixture::new("basic");
    f.write("content/a-z.md", "---\ntitle: Mine\n---\n\nMy own index.\n");
    let err = assert_fails(&f.build());
    assert!(err.contains("a-z/index.html"), "{err}");
}
