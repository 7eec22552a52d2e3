//! Stage 2, the site model: every page the site will have, written by hand or generated
//! from data, with its web address, template, section and place in the menu.
//!
//! Addresses are "pretty": `content/recommendations/fair-pay.md` becomes
//! `/recommendations/fair-pay/`, a folder's `_index.md` becomes the folder's page.
//! Pages generated from data also get a path under `content/` that does not exist on
//! disk (`recommendations/pay-fairly.md`), so authors link to them like any other page.

use std::collections::{BTreeMap, HashMap};

pub mod pagination;
pub mod topics;

use crate::load::data::SiteData;
use crate::load::data_file::DataFile;
use crate::load::discover::{SourceFile, SourceKind};
use crate::load::frontmatter::{self, FrontMatter};
use crate::load::i18n::Strings;
use crate::text::diagnostics::{Diagnostic, Src};

/// The kinds of data entry a page can list, each kept in one list in one data file
/// (the writing room's forms edit and add them; see `server::entry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Finding,
    Recommendation,
    GlossaryTerm,
    KeyMessage,
    /// A person of `people.yaml`, known by their place in the file's list (people have
    /// no id, and their name may not be shown).
    Person,
}

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// A Markdown page.
    Page,
    /// A folder's page, which lists the pages in it.
    Section,
    /// A finding's page, generated from `findings.yaml` (index into the findings).
    Finding(usize),
    /// A recommendation's page, generated from `recommendations.yaml`.
    Recommendation(usize),
    /// The glossary, generated from `glossary.yaml`.
    Glossary,
    /// A topic's page, listing the pages tagged with it (index into `topics.yaml`).
    Topic(usize),
    /// The topics index, listing every topic page.
    Topics,
    /// The accessibility statement, generated from `accessibility.yaml`.
    Accessibility,
}

/// What a page is for, chosen by its template: the print brief and the slide deck get
/// outputs of their own (a PDF, a deck of slides); every other page is an ordinary page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRole {
    Page,
    /// `template: brief.html`: printed to PDF by `plainsite brief`.
    Brief,
    /// `template: slides.html`: a slide deck.
    Deck,
}

impl PageRole {
    /// The template of the brief.
    pub const BRIEF_TEMPLATE: &'static str = "brief.html";
    /// The template of a slide deck.
    pub const DECK_TEMPLATE: &'static str = "slides.html";

    /// The role of a page rendered with `template`.
    pub fn of_template(template: &str) -> PageRole {
        match template {
            PageRole::BRIEF_TEMPLATE => PageRole::Brief,
            PageRole::DECK_TEMPLATE => PageRole::Deck,
            _ => PageRole::Page,
        }
    }
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// The file the page comes from, as shown in diagnostics.
    pub file: String,
    /// The path under `content/` that links use (real or generated).
    pub rel: String,
    /// Index of the Markdown source in the discovered files, if the page has one.
    pub source: Option<usize>,
    pub body_offset: usize,
    pub meta: FrontMatter,
    /// Root-relative address, e.g. `/recommendations/fair-pay/`.
    pub url: String,
    /// Address of the section the page belongs to.
    pub parent: Option<String>,
    pub template: String,
    /// Pages listed on this page (sections only), in order.
    pub children: Vec<usize>,
    /// The page shows the default language's text because it has no translation yet.
    pub fallback: bool,
}

impl Page {
    /// What the page is for, by its template.
    pub fn role(&self) -> PageRole {
        PageRole::of_template(&self.template)
    }
}

/// A link in the main navigation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
    /// The language of the title, when it is not the page's (an untranslated page).
    pub lang: Option<String>,
}

/// The whole site before rendering.
#[derive(Debug, Default)]
pub struct SiteModel {
    pub pages: Vec<Page>,
    /// `content/`-relative path to page index, for resolving links.
    pub by_rel: HashMap<String, usize>,
    /// Root-relative address to page index.
    pub by_url: HashMap<String, usize>,
    pub menu: Vec<MenuItem>,
    /// The address of the home page: `/`, or `/fr/` for a translation.
    pub home: String,
    /// Pages that data would make but whose data file has an error already reported, and
    /// pages whose front matter could not be read: links to them are not reported again.
    pub unbuilt: std::collections::HashSet<String>,
    /// The pages of each paginated list, by the address of any of its pages.
    pub pagers: HashMap<String, pagination::Pager>,
    /// The works pages may cite with `[@key]`, when the site has a references file.
    pub references: Option<std::sync::Arc<crate::load::references::References>>,
    /// Whether the site has a references file that could not be read (its error is
    /// reported): the pages' citations are then left as written, not each reported
    /// as citing with no list of references.
    pub references_unread: bool,
    /// Pages an output makes of its own (the search's A–Z page), registered when the
    /// language is loaded, so the manifest and the link checks know their addresses
    /// from here as they know the pages'.
    pub made: Vec<MadePage>,
}

/// Which output makes a [`MadePage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MadeBy {
    /// The A–Z index of search: every page and glossary term of the language.
    AToZ,
}

/// A page an output makes of its own, outside [`SiteModel::pages`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadePage {
    pub by: MadeBy,
    /// Root-relative address, with the language's prefix.
    pub url: String,
    pub title: String,
}

impl SiteModel {
    /// The page at a root-relative address.
    pub fn page_at(&self, url: &str) -> Option<&Page> {
        self.by_url.get(url).map(|&i| &self.pages[i])
    }

    /// Adds a page made after the model was built (topics, list pages); returns its
    /// index, or `None` when its address or path is taken already.
    pub fn push(&mut self, page: Page) -> Option<usize> {
        if self.by_url.contains_key(&page.url) || self.by_rel.contains_key(&page.rel) {
            return None;
        }
        let i = self.pages.len();
        self.by_url.insert(page.url.clone(), i);
        self.by_rel.insert(page.rel.clone(), i);
        self.pages.push(page);
        Some(i)
    }

    /// The address of the page `by` makes, if it makes one in this language.
    pub fn made_url(&self, by: MadeBy) -> Option<&str> {
        self.made
            .iter()
            .find(|m| m.by == by)
            .map(|m| m.url.as_str())
    }

    /// Every address a page of the model or of an output has in this language.
    pub fn addresses(&self) -> impl Iterator<Item = &str> {
        self.pages
            .iter()
            .map(|p| p.url.as_str())
            .chain(self.made.iter().map(|m| m.url.as_str()))
    }

    /// Puts a page added after the model was built into the menu, before the first
    /// item of greater weight (the order the menu's pages are sorted in).
    pub fn add_to_menu(&mut self, i: usize) {
        let Some(page) = self.pages.get(i) else {
            return;
        };
        let weight = page.meta.weight;
        let at = self
            .menu
            .iter()
            .position(|m| self.page_at(&m.url).is_some_and(|p| p.meta.weight > weight))
            .unwrap_or(self.menu.len());
        let item = MenuItem {
            title: page.meta.title.clone(),
            url: page.url.clone(),
            lang: None,
        };
        self.menu.insert(at, item);
    }
}

/// A value read from a data file, as a front-matter [`frontmatter::Placed`] value.
pub(crate) fn placed(s: &crate::text::diagnostics::Src<String>) -> frontmatter::Placed {
    let (line, column) = s.line_column();
    frontmatter::Placed {
        value: s.to_string(),
        line,
        column,
    }
}

/// Builds the model from the parsed sources and data.
/// `prefix` goes in front of every address: empty for the default language, `/fr` for
/// French. `strings` are the theme's words in the page's language: they title the lists
/// the build makes itself.
// Long because pages, sections, parents and menus are built in order over shared maps.
pub fn build(
    sources: &[SourceFile],
    data: &SiteData,
    drafts: bool,
    prefix: &str,
    strings: &Strings,
) -> (SiteModel, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut pages = Vec::new();
    // Pages whose front matter could not be read: reported once, not again by each link.
    let mut unread = Vec::new();
    let parsed: Vec<_> = {
        use rayon::prelude::*;
        sources
            .par_iter()
            .enumerate()
            .filter(|(_, s)| s.kind != SourceKind::Data)
            .map(|(i, s)| (i, frontmatter::read(s)))
            .collect()
    };
    for (i, result) in parsed {
        let source = &sources[i];
        let (meta, body_offset) = match result {
            Ok((meta, body_offset, mut ds)) => {
                problems.append(&mut ds);
                (meta, body_offset)
            }
            Err(mut ds) => {
                problems.append(&mut ds);
                unread.push(source.rel.clone());
                continue;
            }
        };
        if meta.draft && !drafts {
            continue;
        }
        let (kind, url, default_template) = match source.kind {
            SourceKind::SectionIndex => {
                let dir = source.rel.trim_end_matches("_index.md");
                let url = format!("{prefix}/{dir}");
                let template = if dir.is_empty() {
                    "index.html"
                } else {
                    "section.html"
                };
                (PageKind::Section, url, template)
            }
            _ => {
                let (dir, stem) = match source.rel.rsplit_once('/') {
                    Some((d, f)) => (format!("{d}/"), f.trim_end_matches(".md")),
                    None => (String::new(), source.rel.trim_end_matches(".md")),
                };
                let slug = meta
                    .slug
                    .clone()
                    .unwrap_or_else(|| crate::text::slug::slugify(stem));
                if dir.is_empty() && slug == "glossary" {
                    (
                        PageKind::Glossary,
                        format!("{prefix}/glossary/"),
                        "glossary.html",
                    )
                } else {
                    (
                        PageKind::Page,
                        format!("{prefix}/{dir}{slug}/"),
                        "page.html",
                    )
                }
            }
        };
        let template = meta
            .template
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_else(|| default_template.to_string());
        pages.push(Page {
            kind,
            file: source.display(),
            rel: source.rel.clone(),
            source: Some(i),
            body_offset,
            meta,
            url,
            parent: None,
            template,
            children: Vec::new(),
            fallback: source.fallback,
        });
    }
    problems.extend(hidden_lists(&pages, data, prefix));
    add_generated(&mut pages, (data, sources), prefix, strings);

    let mut model = SiteModel::default();
    let mut by_url: BTreeMap<String, usize> = BTreeMap::new();
    // A second page at one address is reported once, here, and left out: its files
    // would only clash again with the first page's.
    let mut unique = Vec::with_capacity(pages.len());
    let mut left_out = Vec::new();
    for page in std::mem::take(&mut pages) {
        if let Some(long) = page.url.split('/').find_map(crate::text::slug::too_long) {
            left_out.push(page.rel.clone());
            problems.push(
                Diagnostic::error(format!("the address of this page is too long: {long}"))
                    .in_file(page.file.clone())
                    .help(
                        "give the page a shorter file name, or a shorter slug: in its front matter",
                    ),
            );
            continue;
        }
        if let Some(&first) = by_url.get(&page.url) {
            let first: &Page = &unique[first];
            // Links to it are not broken a second time: the clash is the one error.
            left_out.push(page.rel.clone());
            problems.push(
                Diagnostic::error(format!("two pages would be written to the same address {}", page.url))
                    .in_file(page.file.clone())
                    .help(format!("{} also makes {}; rename one of the files or give it another slug: in its front matter", first.file, page.url)),
            );
        } else {
            by_url.insert(page.url.clone(), unique.len());
            unique.push(page);
        }
    }
    pages = unique;
    model.home = format!("{prefix}/");
    model.unbuilt = data
        .unbuilt
        .iter()
        .cloned()
        .chain(unread)
        .chain(left_out)
        .collect();
    if !by_url.contains_key(&model.home) {
        problems.push(
            Diagnostic::error("the site has no home page")
                .in_file("content/_index.md")
                .help("make content/_index.md with a front matter title; it becomes the home page"),
        );
    }
    // Each page belongs to the nearest folder above it that has a page.
    for i in 0..pages.len() {
        let mut url = pages[i].url.trim_end_matches('/').to_string();
        while let Some(cut) = url.rfind('/') {
            url.truncate(cut);
            let candidate = format!("{url}/");
            if let Some(&s) = by_url.get(&candidate) {
                if pages[s].kind == PageKind::Section {
                    pages[i].parent = Some(candidate);
                    pages[s].children.push(i);
                    break;
                }
            }
        }
    }
    for i in 0..pages.len() {
        let mut children = std::mem::take(&mut pages[i].children);
        children.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a].meta, &pages[b].meta);
            pa.weight
                .cmp(&pb.weight)
                .then_with(|| pb.date.cmp(&pa.date))
                .then_with(|| pa.title.cmp(&pb.title))
        });
        pages[i].children = children;
    }
    let mut menu: Vec<&Page> = pages.iter().filter(|p| p.meta.menu).collect();
    menu.sort_by(|a, b| {
        a.meta
            .weight
            .cmp(&b.meta.weight)
            .then_with(|| a.meta.title.cmp(&b.meta.title))
    });
    model.menu = menu
        .iter()
        .map(|p| MenuItem {
            title: p.meta.title.clone(),
            url: p.url.clone(),
            lang: None,
        })
        .collect();
    model.by_rel = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.clone(), i))
        .collect();
    model.by_url = by_url.into_iter().collect();
    model.pages = pages;
    (model, problems)
}

/// A page of the author's at the address of a list the data files make (the findings,
/// the recommendations, the glossary) takes its place, and the list is never shown,
/// unless it is the kind of page that shows it (a folder's `_index.md` for the findings
/// and recommendations, `content/glossary.md` for the glossary): an error, with the way
/// to give the list page words of its own.
fn hidden_lists(pages: &[Page], data: &SiteData, prefix: &str) -> Vec<Diagnostic> {
    let lists = [
        (
            "findings",
            !data.findings.is_empty(),
            PageKind::Section,
            "content/findings/_index.md (the list stays below them)",
        ),
        (
            "recommendations",
            !data.recommendations.is_empty(),
            PageKind::Section,
            "content/recommendations/_index.md (the list stays below them)",
        ),
        (
            "glossary",
            !data.glossary.is_empty(),
            PageKind::Glossary,
            "content/glossary.md (the words stay below them)",
        ),
    ];
    let mut found = Vec::new();
    for (name, has_data, shows_it, page_for_words) in lists {
        let url = format!("{prefix}/{name}/");
        let Some(page) = pages.iter().find(|p| p.url == url) else {
            continue;
        };
        if !has_data || page.kind == shows_it {
            continue;
        }
        found.push(
            Diagnostic::error(format!("{} takes the address {url}, where the list in content/_data/{name}.yaml goes: the list would not be shown", page.file))
                .in_file(page.file.clone())
                .help(format!("to give the list page words of its own, write them in {page_for_words}; or give this page another slug: in its front matter")),
        );
    }
    found
}

/// Adds the pages made from data: one per finding and per recommendation, their
/// listings when no `_index.md` introduces them, and the glossary.
// Long because one builder closure makes each kind of page generated from data.
fn add_generated(
    pages: &mut Vec<Page>,
    (data, sources): (&SiteData, &[SourceFile]),
    prefix: &str,
    strings: &Strings,
) {
    let file_of = |of: DataFile| data_file(sources, of);
    let has =
        |pages: &Vec<Page>, url: &str| pages.iter().any(|p| p.url == format!("{prefix}{url}"));
    let generated =
        |kind, rel: String, url: String, title: &str, template: &str, weight: i64, menu: bool| {
            Page {
                kind,
                file: "content/_data".to_string(),
                rel,
                source: None,
                body_offset: 0,
                meta: FrontMatter {
                    title: title.to_string(),
                    weight,
                    menu,
                    extra: serde_json::json!({}),
                    ..Default::default()
                },
                url: format!("{prefix}{url}"),
                parent: None,
                template: template.to_string(),
                children: Vec::new(),
                fallback: false,
            }
        };
    if !data.findings.is_empty() && !has(pages, "/findings/") {
        let list = generated(
            PageKind::Section,
            "findings/_index.md".into(),
            "/findings/".into(),
            strings.get("what_we_found"),
            "section.html",
            20,
            true,
        );
        pages.push(list);
    }
    for (i, f) in data.findings.iter().enumerate() {
        let mut p = generated(
            PageKind::Finding(i),
            format!("findings/{}.md", f.id),
            format!("/findings/{}/", f.id),
            &f.title,
            "finding.html",
            i as i64,
            false,
        );
        p.file = file_of(DataFile::Findings);
        p.meta.description = Some(f.summary.to_string());
        review_dates(&mut p, [&f.reviewed, &f.review_due, &f.evidence_to]);
        p.meta.tags = f
            .tags
            .iter()
            .map(placed)
            .map(frontmatter::composed_value)
            .collect();
        p.meta.aliases = f.aliases.iter().map(placed).collect();
        pages.push(p);
    }
    if !data.recommendations.is_empty() && !has(pages, "/recommendations/") {
        let list = generated(
            PageKind::Section,
            "recommendations/_index.md".into(),
            "/recommendations/".into(),
            strings.get("what_we_recommend"),
            "section.html",
            30,
            true,
        );
        pages.push(list);
    }
    for (i, r) in data.recommendations.iter().enumerate() {
        let mut p = generated(
            PageKind::Recommendation(i),
            format!("recommendations/{}.md", r.id),
            format!("/recommendations/{}/", r.id),
            &r.title,
            "recommendation.html",
            i as i64,
            false,
        );
        p.file = file_of(DataFile::Recommendations);
        p.meta.description = Some(r.summary.to_string());
        review_dates(&mut p, [&r.reviewed, &r.review_due, &r.evidence_to]);
        p.meta.tags = r
            .tags
            .iter()
            .map(placed)
            .map(frontmatter::composed_value)
            .collect();
        p.meta.aliases = r.aliases.iter().map(placed).collect();
        pages.push(p);
    }
    if let Some(statement) = data.accessibility.as_ref() {
        let mut p = generated(
            PageKind::Accessibility,
            "accessibility.md".into(),
            "/accessibility/".into(),
            &statement.title,
            "accessibility.html",
            100,
            false,
        );
        p.file = file_of(DataFile::Accessibility);
        pages.push(p);
    }
    if !data.glossary.is_empty() && !has(pages, "/glossary/") {
        let mut p = generated(
            PageKind::Glossary,
            "glossary.md".into(),
            "/glossary/".into(),
            strings.get("glossary_title"),
            "glossary.html",
            90,
            true,
        );
        p.file = file_of(DataFile::Glossary);
        p.meta.description = Some(strings.get("glossary_description").to_string());
        pages.push(p);
    }
}

/// The file a data file's entries are read from, as shown (`content/_data/findings.fr.yaml`
/// for French, `.yml` when so written); its usual name when the site has none.
fn data_file(sources: &[SourceFile], of: DataFile) -> String {
    (sources.iter())
        .find(|s| s.rel == of.rel() || DataFile::of(&s.rel) == Some(of))
        .map_or_else(|| format!("content/{}", of.rel()), SourceFile::display)
}

/// A data entry's review dates on its page, with where `review_due` is written in the
/// data file (for `check --today`).
fn review_dates(page: &mut Page, [reviewed, due, evidence]: [&Option<Src<String>>; 3]) {
    use crate::load::review_dates::date;
    page.meta.reviewed = date(reviewed);
    page.meta.review_due = date(due);
    page.meta.evidence_to = date(evidence);
    page.meta.places.review_due = due
        .as_ref()
        .and_then(|d| d.0.referenced.span().byte_offset())
        .map(|o| o as usize);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_role_comes_from_the_brief_and_slides_templates_only() {
        assert_eq!(PageRole::of_template("brief.html"), PageRole::Brief);
        assert_eq!(PageRole::of_template("slides.html"), PageRole::Deck);
        for other in ["page.html", "section.html", "index.html", "Brief.html", ""] {
            assert_eq!(PageRole::of_template(other), PageRole::Page, "{other}");
        }
    }

    fn src(rel: &str, kind: SourceKind, text: &str) -> SourceFile {
        SourceFile::new(rel, kind, text)
    }

    #[test]
    fn pretty_urls_sections_and_order() {
        let sources = vec![
            src(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Home\n---\n",
            ),
            src(
                "about/_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: About\nmenu: true\nweight: 5\n---\n",
            ),
            src(
                "about/b.md",
                SourceKind::Page,
                "---\ntitle: B\nweight: 2\n---\n",
            ),
            src(
                "about/A Page.md",
                SourceKind::Page,
                "---\ntitle: A\nweight: 1\n---\n",
            ),
            src(
                "about/draft.md",
                SourceKind::Page,
                "---\ntitle: D\ndraft: true\n---\n",
            ),
        ];
        let (m, problems) = build(
            &sources,
            &SiteData::default(),
            false,
            "",
            &Strings::default(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let about = m.page_at("/about/").unwrap();
        let kids: Vec<&str> = about
            .children
            .iter()
            .map(|&i| m.pages[i].url.as_str())
            .collect();
        assert_eq!(kids, ["/about/a-page/", "/about/b/"]);
        assert_eq!(
            m.page_at("/about/b/").unwrap().parent.as_deref(),
            Some("/about/")
        );
        assert!(m.page_at("/about/draft/").is_none());
        assert_eq!(m.menu.len(), 1);
        let (m, _) = build(
            &sources,
            &SiteData::default(),
            true,
            "",
            &Strings::default(),
        );
        assert!(m.page_at("/about/draft/").is_some());
    }

    #[test]
    fn same_url_twice_is_an_error() {
        let sources = vec![
            src(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Home\n---\n",
            ),
            src("a.md", SourceKind::Page, "---\ntitle: A\n---\n"),
            src("b.md", SourceKind::Page, "---\ntitle: B\nslug: a\n---\n"),
        ];
        let (_, problems) = build(
            &sources,
            &SiteData::default(),
            false,
            "",
            &Strings::default(),
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("/a/"));
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("content/a.md"));
    }

    #[test]
    fn data_pages_are_generated() {
        let mut data = SiteData::default();
        data.findings.push(
            serde_saphyr::from_str("id: support\ntitle: S\nsummary: s\neffect: benefit\n").unwrap(),
        );
        let sources = vec![src(
            "_index.md",
            SourceKind::SectionIndex,
            "---\ntitle: Home\n---\n",
        )];
        let (m, problems) = build(&sources, &data, false, "", &Strings::default());
        assert!(problems.is_empty());
        assert_eq!(
            m.page_at("/findings/support/").unwrap().parent.as_deref(),
            Some("/findings/")
        );
        assert!(m.by_rel.contains_key("findings/support.md"));
        assert_eq!(m.menu[0].url, "/findings/");
    }

    #[test]
    fn a_data_entrys_page_names_the_file_it_is_read_from() {
        let mut data = SiteData::default();
        data.findings.push(
            serde_saphyr::from_str("id: pay\ntitle: P\nsummary: p\neffect: benefit\n").unwrap(),
        );
        let french = SourceFile {
            file: "_data/findings.fr.yaml".into(),
            lang: Some("fr".into()),
            ..src("_data/findings.yaml", SourceKind::Data, "")
        };
        let (m, _) = build(&[french], &data, false, "/fr", &Strings::default());
        let file = m.page_at("/fr/findings/pay/").map(|p| p.file.as_str());
        assert_eq!(file, Some("content/_data/findings.fr.yaml"));
        let yml = src("_data/findings.yml", SourceKind::Data, "");
        let (m, _) = build(&[yml], &data, false, "", &Strings::default());
        let file = m.page_at("/findings/pay/").map(|p| p.file.as_str());
        assert_eq!(file, Some("content/_data/findings.yml"));
    }

    #[test]
    fn generated_lists_are_titled_in_the_language_of_the_site() {
        let mut data = SiteData::default();
        data.findings.push(
            serde_saphyr::from_str("id: pay\ntitle: P\nsummary: p\neffect: benefit\n").unwrap(),
        );
        data.recommendations
            .push(crate::load::data::Recommendation::minimal(
                "roles", "R", "r",
            ));
        data.glossary
            .push(serde_saphyr::from_str("term: pair\ndefinition: p\n").unwrap());
        let french = Strings::from_pairs(&[
            ("what_we_found", "Ce que nous avons trouvé"),
            ("what_we_recommend", "Ce que nous recommandons"),
            ("glossary_title", "Les mots que nous utilisons"),
            ("glossary_description", "Le sens des mots."),
        ]);
        let home = [src(
            "_index.md",
            SourceKind::SectionIndex,
            "---\ntitle: Accueil\n---\n",
        )];
        let (m, problems) = build(&home, &data, false, "/fr", &french);
        assert!(problems.is_empty(), "{problems:?}");
        let title = |url| m.page_at(url).map(|p| p.meta.title.as_str());
        assert_eq!(title("/fr/findings/"), Some("Ce que nous avons trouvé"));
        assert_eq!(
            title("/fr/recommendations/"),
            Some("Ce que nous recommandons")
        );
        assert_eq!(title("/fr/glossary/"), Some("Les mots que nous utilisons"));
        let (m, _) = build(&home, &data, false, "", &Strings::default());
        assert_eq!(
            m.page_at("/findings/").map(|p| p.meta.title.as_str()),
            Some("What we found")
        );
    }
}
