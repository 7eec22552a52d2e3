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

/// What `search/CODE.js` holds. Numbers are written as [`varints`] in strings, which
/// keeps the file within a third of the text it indexes.
#[derive(Serialize)]
struct Core<'a> {
    /// Title and address (relative to the site root, no leading slash) of each page.
    pages: Vec<(&'a str, &'a str)>,
    /// The page of each section, as the gap from the previous section's page.
    sections: String,
    /// The word forms, sorted in the browser's string order, each written as the
    /// length it shares with the one before, its own length (UTF-16 units) and the rest.
    forms: String,
    /// Each form's stem: 0 for a stem not seen before (numbered in order), else its
    /// number plus 1.
    stems: String,
    /// For each stem, its sections: the gap from the previous section number times 4,
    /// plus 1 when the stem is in the section's heading, 2 when in the page title.
    post: Vec<String>,
    shard: usize,
}

/// The digits of [`varints`]: the first 32 end a number, the others go on.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Numbers as base-32 digits, most significant first; every digit but the last is
/// written from the upper half of [`DIGITS`].
pub fn varints(numbers: impl IntoIterator<Item = usize>, out: &mut String) {
    for n in numbers {
        let mut digits = vec![n % 32];
        let mut rest = n / 32;
        while rest > 0 {
            digits.push(32 + rest % 32);
            rest /= 32;
        }
        out.extend(digits.iter().rev().map(|&d| DIGITS[d] as char));
    }
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
    let mut postings: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut section_pages = Vec::new();
    let mut text_bytes = 0;
    for (p, page) in pages.iter().enumerate() {
        text_bytes += page.title.len();
        let title: BTreeSet<String> = analyzer
            .terms(&page.title)
            .into_iter()
            .map(|t| t.key)
            .collect();
        for (s, section) in page.sections.iter().enumerate() {
            let id = section_pages.len();
            section_pages.push(p);
            text_bytes +=
                section.heading.len() + section.sentences.iter().map(String::len).sum::<usize>();
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
            for (key, flag) in flags {
                let title_flag = if s == 0 && title.contains(&key) { 2 } else { 0 };
                postings
                    .entry(key)
                    .or_default()
                    .push((id, flag | title_flag));
            }
        }
    }
    let core = core(pages, &section_pages, forms, postings);
    let index = script(
        code,
        &serde_json::to_string(&core).unwrap_or_else(|_| "null".into()),
    );
    let mut files = vec![(format!("search/{code}.js"), index)];
    let all: Vec<&Section> = pages.iter().flat_map(|p| &p.sections).collect();
    for (n, chunk) in all.chunks(SHARD).enumerate() {
        // Per section: heading, anchor, then its sentences.
        let texts: Vec<Vec<&str>> = chunk
            .iter()
            .map(|s| {
                [s.heading.as_str(), s.anchor.as_str()]
                    .into_iter()
                    .chain(s.sentences.iter().map(String::as_str))
                    .collect()
            })
            .collect();
        let json = serde_json::to_string(&texts).unwrap_or_else(|_| "[]".into());
        files.push((
            format!("search/{code}-{n}.js"),
            script(&format!("{code}-{n}"), &json),
        ));
    }
    IndexFiles {
        index_bytes: files[0].1.len(),
        files,
        text_bytes,
    }
}

/// The core index from the forms (form to key) and each key's sections.
fn core<'a>(
    pages: &'a [PageText],
    section_pages: &[usize],
    forms: HashMap<String, String>,
    mut postings: HashMap<String, Vec<(usize, usize)>>,
) -> Core<'a> {
    let mut sorted: Vec<(Vec<u16>, String)> = forms
        .into_iter()
        .map(|(form, key)| (form.encode_utf16().collect(), key))
        .collect();
    sorted.sort();
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let (mut forms_text, mut stems_text) = (String::new(), String::new());
    let mut post = Vec::new();
    let mut previous: &[u16] = &[];
    for (form, key) in &sorted {
        let shared = form
            .iter()
            .zip(previous)
            .take_while(|(a, b)| a == b)
            .count();
        varints([shared, form.len() - shared], &mut forms_text);
        forms_text.push_str(&String::from_utf16_lossy(&form[shared..]));
        previous = form;
        let stem = match numbers.get(key.as_str()) {
            Some(&n) => n + 1,
            None => {
                numbers.insert(key, numbers.len());
                let mut list = postings.remove(key).unwrap_or_default();
                list.sort();
                let mut text = String::new();
                varints(gaps(list), &mut text);
                post.push(text);
                0
            }
        };
        varints([stem], &mut stems_text);
    }
    let mut sections = String::new();
    let mut last = 0;
    varints(
        section_pages.iter().map(|&p| {
            let gap = p - last;
            last = p;
            gap
        }),
        &mut sections,
    );
    Core {
        pages: pages
            .iter()
            .map(|p| (p.title.as_str(), p.url.trim_start_matches('/')))
            .collect(),
        sections,
        forms: forms_text,
        stems: stems_text,
        post,
        shard: SHARD,
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
            let flag = long
                .iter()
                .filter_map(|k| flags.get(k))
                .fold(3, |a, f| a & f);
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

    /// The core index decoded as search.js decodes it: forms with their stems, and
    /// each stem's postings as numbers.
    struct Decoded {
        json: serde_json::Value,
        forms: Vec<(String, usize)>,
        post: Vec<Vec<usize>>,
    }

    fn numbers(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut n = 0;
        for c in text.bytes() {
            let d = DIGITS.iter().position(|&x| x == c).unwrap();
            n = n * 32 + d % 32;
            if d < 32 {
                out.push(n);
                n = 0;
            }
        }
        out
    }

    fn decode(files: &IndexFiles) -> Decoded {
        let text = &files.files[0].1;
        let json = text
            .split_once("]=")
            .unwrap()
            .1
            .trim_end()
            .trim_end_matches(';');
        let json: serde_json::Value = serde_json::from_str(json).unwrap();
        let units: Vec<u16> = json["forms"].as_str().unwrap().encode_utf16().collect();
        let stems = numbers(json["stems"].as_str().unwrap());
        let mut forms = Vec::new();
        let (mut at, mut previous, mut next_stem) = (0, Vec::<u16>::new(), 0);
        let digit = |u: u16| DIGITS.iter().position(|&x| x as u16 == u).unwrap();
        for stem in stems {
            let mut read = || {
                let mut n = 0;
                loop {
                    let d = digit(units[at]);
                    at += 1;
                    n = n * 32 + d % 32;
                    if d < 32 {
                        return n;
                    }
                }
            };
            let (shared, len) = (read(), read());
            let mut form = previous[..shared].to_vec();
            form.extend_from_slice(&units[at..at + len]);
            at += len;
            previous = form.clone();
            let id = if stem == 0 {
                next_stem += 1;
                next_stem - 1
            } else {
                stem - 1
            };
            forms.push((String::from_utf16(&form).unwrap(), id));
        }
        let post = json["post"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| numbers(p.as_str().unwrap()))
            .collect();
        Decoded { json, forms, post }
    }

    impl Decoded {
        fn stem(&self, form: &str) -> usize {
            self.forms.iter().find(|(f, _)| f == form).unwrap().1
        }
    }

    #[test]
    fn varints_use_one_digit_below_32_and_more_above() {
        let mut s = String::new();
        varints([0, 31, 32, 1025], &mut s);
        assert_eq!(s, "0vx0xw1");
        assert_eq!(numbers(&s), [0, 31, 32, 1025]);
    }

    #[test]
    fn postings_are_gaps_with_heading_and_title_flags() {
        let pages = [
            page("Pay", "/pay/", &[("Pay", "", &["Peers are paid."])]),
            page(
                "Other",
                "/other/",
                &[
                    ("Other", "", &["Paying peers matters."]),
                    ("Pay gaps", "gaps", &[]),
                ],
            ),
        ];
        let files = build("en", &pages, &[]);
        let d = decode(&files);
        assert_eq!(d.stem("paying"), d.stem("pay"), "one stem for both forms");
        // "pay": section 0 in heading and title (0*4+3), section 1 in text (gap 1: 4),
        // section 2 in heading (gap 1: 4+1).
        assert_eq!(d.post[d.stem("pay")], [3, 4, 5]);
        assert_eq!(d.json["pages"][1], serde_json::json!(["Other", "other/"]));
        assert_eq!(d.json["sections"], "010", "pages of the sections as gaps");
        assert_eq!(files.files[1].0, "search/en-0.js");
        assert!(files.files[1].1.contains("[\"Pay gaps\",\"gaps\"]"));
        assert!(files.files[1]
            .1
            .contains("[\"Pay\",\"\",\"Peers are paid.\"]"));
    }

    #[test]
    fn abbreviations_find_what_they_stand_for_and_the_reverse() {
        let pages = [
            page(
                "A",
                "/a/",
                &[("", "", &["Support for people who use drugs."])],
            ),
            page("B", "/b/", &[("", "", &["PWUD lead it."])]),
        ];
        let aliases = [Alias {
            short: "PWUD".into(),
            long: "people who use drugs".into(),
        }];
        let d = decode(&build("en", &pages, &aliases));
        assert_eq!(d.post[d.stem("pwud")], [0, 4], "both sections");
        assert_eq!(d.post[d.stem("drugs")], [0, 4], "both sections");
    }

    #[test]
    fn forms_are_sorted_in_the_browsers_order() {
        let pages = [page("x", "/x/", &[("", "", &["\u{FF21} \u{20000} zeta"])])];
        let d = decode(&build("zh", &pages, &[]));
        let forms: Vec<String> = d.forms.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(
            forms,
            ["zeta", "\u{20000}", "\u{ff41}"],
            "U+FF41 sorts after a surrogate pair in UTF-16"
        );
    }
}
