//! Stage 8, the search index of each language, written as script files so a site
//! opened from a disk (`file://`, where browsers refuse `fetch`) searches as well as one
//! on a web server. The theme's `search.js` loads them only when a reader starts a
//! search.
//!
//! Per language: `search/CODE.js` holds the pages, their sections (heading and anchor),
//! the sorted word forms with their stems, and for each stem the sections it is in
//! (flags say when it is in the heading or the page title); `search/CODE-N.js` hold
//! the sentences of 64 sections each, loaded only to show the sentences of results.
//! Glossary abbreviations are searchable both ways: "PWUD" finds sections that say
//! "people who use drugs", and the reverse.

pub mod extract;
pub mod words;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

pub use extract::Section;
use words::Analyzer;

/// Sections per sentence file.
pub const SHARD: usize = 64;

/// The searchable text of one page.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub title: String,
    /// Root-relative address without the base path (`/findings/pay/`).
    pub url: String,
    pub sections: Vec<Section>,
}

/// An abbreviation and the words it stands for (from the glossary).
#[derive(Debug, Clone)]
pub struct Alias {
    pub short: String,
    pub long: String,
}

/// One language's index files: (path under the output folder, contents).
#[derive(Debug, Clone)]
pub struct IndexFiles {
    pub files: Vec<(String, String)>,
    /// Bytes of visible text indexed (titles, headings, sentences).
    pub text_bytes: usize,
    /// Bytes of the index file a search loads first (`search/CODE.js`).
    pub index_bytes: usize,
}

/// What `search/CODE.js` holds.
#[derive(Serialize)]
struct Core<'a> {
    /// Title and address (relative to the site root, no leading slash) of each page.
    pages: Vec<(&'a str, &'a str)>,
    /// Page number, heading and anchor of each section.
    sections: Vec<(usize, &'a str, &'a str)>,
    /// Word forms, sorted in the browser's string order, and each one's stem number.
    forms: Vec<String>,
    stems: Vec<usize>,
    /// For each stem, its sections: the gap from the previous section number times 4,
    /// plus 1 when the stem is in the section's heading, 2 when in the page title.
    post: Vec<Vec<usize>>,
    shard: usize,
}

/// The script line that stores a value under a name for `search.js`.
fn script(name: &str, json: &str) -> String {
    format!("(self.plainsiteSearch=self.plainsiteSearch||{{}})[{name:?}]={json};\n")
}

/// Builds the index files of one language.
pub fn build(code: &str, pages: &[PageText], aliases: &[Alias]) -> IndexFiles {
    let analyzer = Analyzer::for_language(code);
    let aliases: Vec<(String, Vec<String>)> = aliases
        .iter()
        .map(|a| {
            let long = analyzer.terms(&a.long).into_iter().map(|t| t.key).collect();
            (words::fold(&a.short), long)
        })
        .filter(|(short, long): &(String, Vec<String>)| !short.is_empty() && !long.is_empty())
        .collect();
    let mut forms: HashMap<String, String> = HashMap::new();
    let mut stem_ids: HashMap<String, usize> = HashMap::new();
    let mut post: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut sections = Vec::new();
    let mut text_bytes = 0;
    for (p, page) in pages.iter().enumerate() {
        text_bytes += page.title.len();
        let title: BTreeSet<String> = analyzer.terms(&page.title).into_iter().map(|t| t.key).collect();
        for (s, section) in page.sections.iter().enumerate() {
            let id = sections.len();
            sections.push((p, section.heading.as_str(), section.anchor.as_str()));
            text_bytes += section.heading.len() + section.sentences.iter().map(String::len).sum::<usize>();
            let mut flags: HashMap<String, usize> = HashMap::new();
            let mut add = |terms: Vec<words::Term>, flag: usize| {
                for t in terms {
                    *flags.entry(t.key.clone()).or_default() |= flag;
                    forms.entry(t.form).or_insert(t.key);
                }
            };
            add(analyzer.terms(&section.heading), 1);
            for sentence in &section.sentences {
                add(analyzer.terms(sentence), 0);
            }
            expand_aliases(&aliases, &mut flags, &mut forms);
            if s == 0 {
                for key in &title {
                    if let Some(f) = flags.get_mut(key) {
                        *f |= 2;
                    }
                }
            }
            let mut flags: Vec<(String, usize)> = flags.into_iter().collect();
            flags.sort();
            for (key, flag) in flags {
                let n = stem_ids.len();
                let stem = *stem_ids.entry(key).or_insert(n);
                if stem == post.len() {
                    post.push(Vec::new());
                }
                post[stem].push((id, flag));
            }
        }
    }
    let mut sorted: Vec<(String, String)> = forms.into_iter().collect();
    sorted.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let core = Core {
        pages: pages
            .iter()
            .map(|p| (p.title.as_str(), p.url.trim_start_matches('/')))
            .collect(),
        sections,
        stems: sorted.iter().map(|(_, key)| stem_ids.get(key).copied().unwrap_or(0)).collect(),
        forms: sorted.into_iter().map(|(form, _)| form).collect(),
        post: post.into_iter().map(gaps).collect(),
        shard: SHARD,
    };
    let index = script(code, &serde_json::to_string(&core).unwrap_or_else(|_| "null".into()));
    let mut files = vec![(format!("search/{code}.js"), index)];
    let all: Vec<&Section> = pages.iter().flat_map(|p| &p.sections).collect();
    for (n, chunk) in all.chunks(SHARD).enumerate() {
        let sentences: Vec<&Vec<String>> = chunk.iter().map(|s| &s.sentences).collect();
        let json = serde_json::to_string(&sentences).unwrap_or_else(|_| "[]".into());
        files.push((format!("search/{code}-{n}.js"), script(&format!("{code}-{n}"), &json)));
    }
    IndexFiles {
        index_bytes: files[0].1.len(),
        files,
        text_bytes,
    }
}

/// A section that has an abbreviation also has the words it stands for, and the reverse.
fn expand_aliases(
    aliases: &[(String, Vec<String>)],
    flags: &mut HashMap<String, usize>,
    forms: &mut HashMap<String, String>,
) {
    for (short, long) in aliases {
        let has_short = flags.get(short).copied();
        let has_long = long.iter().all(|k| flags.contains_key(k));
        if let Some(flag) = has_short {
            for k in long {
                *flags.entry(k.clone()).or_default() |= flag;
            }
        }
        if has_long {
            let flag = long.iter().filter_map(|k| flags.get(k)).fold(3, |a, f| a & f);
            *flags.entry(short.clone()).or_default() |= flag;
            forms.entry(short.clone()).or_insert_with(|| short.clone());
        }
    }
}

/// Section numbers (increasing) as gaps, each times 4 plus its flags.
fn gaps(list: Vec<(usize, usize)>) -> Vec<usize> {
    let mut last = 0;
    list.into_iter()
        .map(|(id, flag)| {
            let gap = id - last;
            last = id;
            gap * 4 + flag
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, url: &str, sections: &[(&str, &str, &[&str])]) -> PageText {
        PageText {
            title: title.into(),
            url: url.into(),
            sections: sections
                .iter()
                .map(|(h, a, s)| Section {
                    heading: h.to_string(),
                    anchor: a.to_string(),
                    sentences: s.iter().map(|x| x.to_string()).collect(),
                })
                .collect(),
        }
    }

    fn core(files: &IndexFiles) -> serde_json::Value {
        let text = &files.files[0].1;
        let json = text.split_once("]=").unwrap().1.trim_end().trim_end_matches(';');
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn postings_are_gaps_with_heading_and_title_flags() {
        let pages = [
            page("Pay", "/pay/", &[("Pay", "", &["Peers are paid."])]),
            page("Other", "/other/", &[("Other", "", &["Paying peers matters."]), ("Pay gaps", "gaps", &[])]),
        ];
        let files = build("en", &pages, &[]);
        let v = core(&files);
        let forms: Vec<&str> = v["forms"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        let at = |form: &str| forms.iter().position(|f| *f == form).unwrap();
        let stem = |form: &str| v["stems"][at(form)].as_u64().unwrap() as usize;
        assert_eq!(stem("paying"), stem("pay"), "one stem for both forms");
        // "pay": section 0 in heading and title (0*4+3), section 1 in text (gap 1: 4),
        // section 2 in heading (gap 1: 4+1).
        assert_eq!(v["post"][stem("pay")], serde_json::json!([3, 4, 5]));
        assert_eq!(v["pages"][1], serde_json::json!(["Other", "other/"]));
        assert_eq!(v["sections"][2], serde_json::json!([1, "Pay gaps", "gaps"]));
        assert_eq!(files.files[1].0, "search/en-0.js");
        assert!(files.files[1].1.contains("[\"Peers are paid.\"]"));
    }

    #[test]
    fn abbreviations_find_what_they_stand_for_and_the_reverse() {
        let pages = [
            page("A", "/a/", &[("", "", &["Support for people who use drugs."])]),
            page("B", "/b/", &[("", "", &["PWUD lead it."])]),
        ];
        let aliases = [Alias { short: "PWUD".into(), long: "people who use drugs".into() }];
        let v = core(&build("en", &pages, &aliases));
        let forms: Vec<&str> = v["forms"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        let stem = |form: &str| v["stems"][forms.iter().position(|f| *f == form).unwrap()].as_u64().unwrap() as usize;
        assert_eq!(v["post"][stem("pwud")], serde_json::json!([0, 4]), "both sections");
        assert_eq!(v["post"][stem("drugs")], serde_json::json!([0, 4]), "both sections");
    }

    #[test]
    fn forms_are_sorted_in_the_browsers_order() {
        let pages = [page("x", "/x/", &[("", "", &["\u{FF21} \u{20000} zeta"])])];
        let v = core(&build("zh", &pages, &[]));
        let forms: Vec<String> = v["forms"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
        let mut utf16 = forms.clone();
        utf16.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(forms, utf16);
        assert_eq!(forms.last().map(String::as_str), Some("\u{ff41}"), "U+FF41 sorts after a surrogate pair in UTF-16");
    }
}
