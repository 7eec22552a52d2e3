//! The author view's data: after each build the dev server keeps every page's reading
//! figures and problems, and answers the author view's script with them as JSON (one
//! page, or the whole site for the dashboard at [`REPORT_PATH`]). Nothing here is part
//! of the built site: `build` never runs it, and the script and style it serves are
//! the dev server's own.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::checks::report::PageProblems;
use crate::load::i18n::Strings;
use crate::text::diagnostics::Diagnostic;

/// The author view's script and style.
pub const AUTHOR_JS: &str = include_str!("author.js");
pub const AUTHOR_CSS: &str = include_str!("author.css");
/// The address of the dashboard of site-wide problems.
pub const REPORT_PATH: &str = "/__plainsite/report/";

/// What the last builds found, page by page and site-wide.
#[derive(Debug, Default)]
pub struct AuthorData {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    pages: HashMap<String, PageProblems>,
    /// Every problem of the last full build, pages' included.
    site: Vec<Diagnostic>,
}

impl State {
    fn page(&self, url: &str) -> Option<&PageProblems> {
        self.pages.get(url).or_else(|| {
            // `/a/index.html` and `/a/` are the same page.
            url.strip_suffix("index.html")
                .and_then(|u| self.pages.get(u))
        })
    }
}

impl AuthorData {
    /// Records a full build: every page, and every problem it found.
    pub fn full(&self, pages: Vec<PageProblems>, site: Vec<Diagnostic>) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.pages = pages.into_iter().map(|p| (p.url.clone(), p)).collect();
        s.site = site;
    }

    /// Records pages re-rendered alone after an edit to their text.
    pub fn update(&self, pages: Vec<PageProblems>) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for p in pages {
            s.pages.insert(p.url.clone(), p);
        }
    }

    /// The file the page at `url` was made from.
    pub fn file_of(&self, url: &str) -> Option<String> {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.pages.get(url).map(|p| p.file.clone())
    }

    /// The data file named `name` (`_data/glossary.yaml`) that the page at `url` reads
    /// in its language, as shown (`content/_data/glossary.fr.yaml`).
    pub fn data_file_of(&self, url: &str, name: &str) -> Option<String> {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let page = s.page(url)?;
        page.data_files
            .iter()
            .find(|(rel, _)| rel == name)
            .map(|(_, shown)| shown.clone())
    }

    /// The figures and problems of the page at `url` (`null` for a page not known).
    pub fn page_json(&self, url: &str) -> Vec<u8> {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        serde_json::to_vec(&s.page(url)).unwrap_or_else(|_| b"null".to_vec())
    }

    /// Every page's figures (worst first) and every problem of the site, for the dashboard.
    pub fn site_json(&self) -> Vec<u8> {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut rows: Vec<_> = s.pages.values().filter_map(|p| p.figures.clone()).collect();
        crate::checks::report::sort_worst_first(&mut rows);
        serde_json::to_vec(&serde_json::json!({ "pages": rows, "problems": s.site }))
            .unwrap_or_else(|_| b"{}".to_vec())
    }
}

/// The dashboard page in the site's language (`lang`, with its `words`): a frame the
/// author view's script fills with the site's problems.
pub fn report_page(words: &Strings, lang: &str) -> Vec<u8> {
    use crate::text::escape::escape;
    let say = |key: &str| super::words::html(words, key);
    let title = say("report_title");
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\">\
<title>{title}</title><link rel=\"stylesheet\" href=\"../author.css\"></head>\
<body class=\"ps-report\"><main id=\"ps-report\"><h1>{title}</h1>\
<p>{intro}</p>\
<p id=\"ps-report-status\" role=\"status\">{loading}</p></main>\
<script src=\"../reload.js\"></script><script src=\"../author.js\"></script></body></html>",
        lang = escape(lang),
        dir = crate::load::languages::direction(lang),
        intro = say("report_intro"),
        loading = say("report_loading"),
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_found_by_its_address_with_or_without_index_html() {
        let data = AuthorData::default();
        data.full(
            vec![PageProblems {
                title: "T".into(),
                url: "/a/".into(),
                file: "content/a.md".into(),
                figures: None,
                problems: vec![Diagnostic::warning("w").at("content/a.md", "x", 1, 1)],
                data_files: Default::default(),
                lists: Vec::new(),
            }],
            Vec::new(),
        );
        let one: serde_json::Value = serde_json::from_slice(&data.page_json("/a/")).unwrap();
        assert_eq!(one["problems"][0]["location"]["line"], 1);
        assert_eq!(data.page_json("/a/index.html"), data.page_json("/a/"));
        assert_eq!(data.page_json("/b/"), b"null");
    }
}
