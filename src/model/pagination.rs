//! Long lists split into pages: a section, a topic or the topics index with more pages
//! than `page_size` (site.toml) keeps the first ones, and each further group gets a page
//! of its own at `page/2/`, `page/3/` under the list's address. Each of those pages has
//! no text of its own (the list's introduction is on its first page), so nothing is
//! checked twice.

use serde::Serialize;

use crate::load::config::SiteConfig;
use crate::load::discover::SourceFile;
use crate::model::{Page, PageKind, SiteModel};
use crate::text::diagnostics::Diagnostic;

/// The pages of one list, in order: the first is the list's own address.
#[derive(Debug, Clone)]
pub struct Pager {
    pub urls: Vec<String>,
}

/// What templates see of a paginated list (`page.pagination`).
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// This page's number, from 1.
    pub number: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageNumber>,
}

/// A link to one page of a list.
#[derive(Debug, Clone, Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Splits every list longer than `size` (at least 1). The home page is not split. A
/// page of the author's at the address of a list's further page (`content/news/page/2.md`)
/// is an error: that page of the list would be lost, and the news on it unreachable.
pub fn paginate(model: &mut SiteModel, size: usize) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let size = size.max(1);
    for i in 0..model.pages.len() {
        let page = &model.pages[i];
        let listing = matches!(
            page.kind,
            PageKind::Section | PageKind::Topic(_) | PageKind::Topics
        );
        if !listing || page.url == model.home || page.children.len() <= size {
            continue;
        }
        let groups: Vec<Vec<usize>> = page.children.chunks(size).map(<[usize]>::to_vec).collect();
        let mut urls = vec![page.url.clone()];
        let base = list_base(&page.rel);
        let first = page.clone();
        for (n, group) in groups.iter().enumerate().skip(1) {
            let number = n + 1;
            let mut more = first.clone();
            more.url = format!("{}page/{number}/", first.url);
            more.rel = format!("{base}page/{number}.md");
            more.source = None;
            more.body_offset = 0;
            more.children = group.clone();
            more.meta.aliases.clear();
            more.meta.tags.clear();
            more.meta.menu = false;
            let (url, rel) = (more.url.clone(), more.rel.clone());
            match model.push(more) {
                Some(_) => urls.push(url),
                None => problems.push(taken(model, &url, &rel, &first.file)),
            }
        }
        model.pages[i].children = groups.into_iter().next().unwrap_or_default();
        let pager = Pager { urls };
        for url in &pager.urls {
            model.pagers.insert(url.clone(), pager.clone());
        }
    }
    problems
}

/// The error for a page of the author's where a list's page `url` (made as `rel`) goes.
fn taken(model: &SiteModel, url: &str, rel: &str, list: &str) -> Diagnostic {
    let holder = model
        .page_at(url)
        .or_else(|| model.by_rel.get(rel).map(|&i| &model.pages[i]));
    let file = holder.map_or_else(|| rel.to_string(), |p| p.file.clone());
    Diagnostic::error(format!(
        "{file} takes the address {url}, where a further page of the list of {list} goes"
    ))
    .in_file(file)
    .help("give the page another name or slug: the list has more entries than page_size (site.toml) and needs that address")
}

impl SiteModel {
    /// The first address of the list whose further page (`page/2/`, `page/3/`) is at
    /// `url`; `None` for any other page, the first page of a list included.
    pub fn list_of(&self, url: &str) -> Option<&str> {
        let first = self.pagers.get(url)?.urls.first()?;
        (first != url).then_some(first.as_str())
    }

    /// Whether a page only lists other pages, with no words of its own but its title: a
    /// long list's further page (its words are on its first page), the topics index, or a
    /// section with neither a description nor text (`sources` are the language's, which
    /// hold the page's Markdown). Search leaves such a page out, as the guide says: each
    /// page it lists is found on its own. A topic page is not one: readers look for a
    /// topic by its name ("rémunération"), which is its title.
    pub fn only_lists(&self, page: &Page, sources: &[SourceFile]) -> bool {
        if self.list_of(&page.url).is_some() {
            return true;
        }
        let described = (page.meta.description.as_deref()).is_some_and(|d| !d.trim().is_empty());
        let written = || {
            (page.source.and_then(|i| sources.get(i)))
                .and_then(|s| s.text.get(page.body_offset..))
                .is_some_and(|body| !body.trim().is_empty())
        };
        match page.kind {
            PageKind::Topics => true,
            PageKind::Section => page.url != self.home && !described && !written(),
            _ => false,
        }
    }

    /// Every page a list shows, over all its pages when it is split (for outputs that
    /// show the whole site in one piece, such as the EPUB book).
    pub fn listed(&self, i: usize) -> Vec<usize> {
        let Some(page) = self.pages.get(i) else {
            return Vec::new();
        };
        match self.pagers.get(&page.url) {
            Some(pager) => pager
                .urls
                .iter()
                .filter_map(|u| self.page_at(u))
                .flat_map(|p| p.children.iter().copied())
                .collect(),
            None => page.children.clone(),
        }
    }
}

/// The path under `content/` that a list's further pages go under: `news/` for
/// `news/_index.md`, `topics/pay/` for `topics/pay.md`.
fn list_base(rel: &str) -> String {
    match rel.strip_suffix("_index.md") {
        Some(dir) => dir.to_string(),
        None => format!("{}/", rel.trim_end_matches(".md")),
    }
}

/// The page links of a list's page, or `None` when its list fits on one page.
pub fn view_of(page: &Page, model: &SiteModel, config: &SiteConfig) -> Option<PaginationView> {
    let pager = model.pagers.get(&page.url)?;
    let at = pager.urls.iter().position(|u| *u == page.url)?;
    let link = |i: usize| pager.urls.get(i).map(|u| config.site_path(u));
    Some(PaginationView {
        number: at + 1,
        count: pager.urls.len(),
        prev: at.checked_sub(1).and_then(link),
        next: link(at + 1),
        pages: pager
            .urls
            .iter()
            .enumerate()
            .map(|(i, u)| PageNumber {
                number: i + 1,
                url: config.site_path(u),
                current: i == at,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data::SiteData;
    use crate::load::discover::{SourceFile, SourceKind};
    use std::collections::HashMap;

    /// The model of these sources in English, with no data.
    fn model_of(sources: &[SourceFile]) -> crate::model::SiteModel {
        let english = Default::default();
        crate::model::build(sources, &SiteData::default(), false, "", &english).0
    }

    /// How many pages each list has, by its first address (for tests and reports).
    fn counts(model: &SiteModel) -> HashMap<&str, usize> {
        model
            .pagers
            .values()
            .filter_map(|p| Some((p.urls.first()?.as_str(), p.urls.len())))
            .collect()
    }

    #[test]
    fn a_long_section_gets_numbered_pages_that_share_one_pager() {
        let mut sources = vec![
            SourceFile::new(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Home\n---\n",
            ),
            SourceFile::new(
                "news/_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: News\n---\nIntro\n",
            ),
        ];
        for n in 0..5 {
            sources.push(SourceFile::new(
                format!("news/n{n}.md"),
                SourceKind::Page,
                format!("---\ntitle: N{n}\n---\n").as_str(),
            ));
        }
        let mut model = model_of(&sources);
        assert!(paginate(&mut model, 2).is_empty());
        assert_eq!(counts(&model)["/news/"], 3);
        let third = model.page_at("/news/page/3/").unwrap();
        assert_eq!(third.children.len(), 1);
        assert!(third.source.is_none());
        assert_eq!(third.rel, "news/page/3.md");
        assert_eq!(model.page_at("/news/").unwrap().children.len(), 2);
        assert!(!model.pagers.contains_key("/"));
        assert_eq!(model.list_of("/news/page/3/"), Some("/news/"));
        assert_eq!(model.list_of("/news/"), None);
        assert_eq!(model.list_of("/news/n1/"), None);
        let news = model.by_url["/news/"];
        assert_eq!(model.listed(news).len(), 5, "the whole list, for the book");
    }

    #[test]
    fn a_page_of_the_authors_where_a_lists_page_goes_is_an_error_naming_it() {
        let mut sources = vec![
            SourceFile::new(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Home\n---\n",
            ),
            SourceFile::new(
                "news/_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: News\n---\n",
            ),
            SourceFile::new(
                "news/page/2.md",
                SourceKind::Page,
                "---\ntitle: Mine\n---\n",
            ),
        ];
        for n in 0..5 {
            sources.push(SourceFile::new(
                format!("news/n{n}.md"),
                SourceKind::Page,
                format!("---\ntitle: N{n}\n---\n").as_str(),
            ));
        }
        let mut model = model_of(&sources);
        let problems = paginate(&mut model, 2);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let message = &problems[0].message;
        assert!(
            message.contains("news/page/2.md takes the address /news/page/2/, where a further page of the list of ")
                && message.ends_with("news/_index.md goes"),
            "{message}"
        );
    }

    /// Sources by path and text: a folder's `_index.md` is its section's page.
    fn sources_of(files: &[(&str, &str)]) -> Vec<SourceFile> {
        let kind = |rel: &str| match rel.ends_with("_index.md") {
            true => SourceKind::SectionIndex,
            false => SourceKind::Page,
        };
        (files.iter())
            .map(|&(rel, text)| SourceFile::new(rel, kind(rel), text))
            .collect()
    }

    #[test]
    fn only_lists_are_further_pages_and_lists_without_words_of_their_own() {
        let page = "---\ntitle: N\n---\n";
        let sources = sources_of(&[
            ("_index.md", "---\ntitle: Home\n---\n"),
            ("news/_index.md", "---\ntitle: News\n---\nWhat is new.\n"),
            ("bare/_index.md", "---\ntitle: Bare\n---\n \n"),
            (
                "told/_index.md",
                "---\ntitle: Told\ndescription: Said here.\n---\n",
            ),
            ("news/n0.md", page),
            ("news/n1.md", page),
            ("news/n2.md", page),
            ("bare/b.md", page),
            ("told/t.md", page),
        ]);
        let mut model = model_of(&sources);
        assert!(paginate(&mut model, 2).is_empty());
        let only = |url: &str| model.only_lists(model.page_at(url).unwrap(), &sources);
        assert!(only("/news/page/2/"), "a further page");
        assert!(only("/bare/"), "a section with only its list");
        assert!(!only("/news/"), "its first page has its own words");
        assert!(!only("/told/"), "a description is words of its own");
        assert!(!only("/"), "the home page");
        assert!(!only("/news/n1/"));
        // A topic page with only its name is found by that name.
        let mut topic = model.page_at("/bare/").unwrap().clone();
        topic.kind = PageKind::Topic(0);
        assert!(!model.only_lists(&topic, &sources), "a topic page");
    }

    #[test]
    fn further_pages_of_a_topic_go_under_its_address() {
        assert_eq!(list_base("topics/pay.md"), "topics/pay/");
        assert_eq!(list_base("news/_index.md"), "news/");
    }
}
