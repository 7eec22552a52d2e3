//! What templates see: the `site`, `data` and `page` variables, built from the model
//! once (site and data go into Tera's global context, so no page copies them).

use serde::Serialize;

use crate::load::config::SiteConfig;
use crate::load::data::SiteData;
use crate::markdown::TocEntry;
use crate::model::{MenuItem, Page, PageKind, SiteModel};

/// The `site` variable.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub language: &'a str,
    pub organization: &'a str,
    pub menu: Vec<MenuItem>,
    /// Address of the Atom feed, when the site has one.
    pub feed_url: Option<String>,
    pub home_url: String,
    /// The absolute address of the language's home page (for QR codes).
    pub home_permalink: String,
    /// The paper the brief prints on: `a4` or `letter`.
    pub paper: &'a str,
    /// The site has search and an A–Z page (`search` in site.toml).
    pub search: bool,
    /// `ltr` or `rtl`.
    pub dir: &'a str,
    /// The language's name in itself.
    pub language_name: &'a str,
    /// Every language of the site, the default first.
    pub languages: &'a [crate::load::languages::Language],
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a SiteConfig, model: &SiteModel, feed_url: Option<String>) -> Self {
        let lang = config.languages.iter().find(|l| l.code == config.language);
        SiteView {
            dir: lang.map_or("ltr", |l| l.dir),
            language_name: lang.map_or("", |l| l.name.as_str()),
            languages: &config.languages,
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            base_path: &config.base_path,
            search: config.search,
            language: &config.language,
            organization: &config.organization,
            menu: model
                .menu
                .iter()
                .map(|m| MenuItem {
                    title: m.title.clone(),
                    url: config.site_path(&m.url),
                    lang: model.page_at(&m.url).and_then(|p| fallback_lang(p, config)),
                })
                .collect(),
            feed_url,
            home_url: config.site_path(&model.home),
            home_permalink: config.permalink(&model.home),
            paper: &config.paper,
        }
    }
}

/// A link to another page, for listings and breadcrumbs.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub date: Option<String>,
    /// The language of the title, when it differs from the page's (an untranslated page).
    pub lang: Option<String>,
}

impl PageLink {
    pub fn of(page: &Page, config: &SiteConfig) -> Self {
        PageLink {
            title: page.meta.title.clone(),
            url: config.site_path(&page.url),
            description: page.meta.description.clone(),
            date: page.meta.date.clone(),
            lang: fallback_lang(page, config),
        }
    }
}

/// A link shown inside `page`: when the page stands in for its translation, its
/// content is marked as in the default language, so a link in the page's own language
/// says so (a French card on a topic page whose name is not yet translated).
fn inside(mut link: PageLink, page: &Page, config: &SiteConfig) -> PageLink {
    if page.fallback && link.lang.is_none() {
        link.lang = Some(config.language.clone());
    }
    link
}

/// The default language's code for a page that stands in for a missing translation.
fn fallback_lang(page: &Page, config: &SiteConfig) -> Option<String> {
    page.fallback
        .then(|| config.languages.first().map(|l| l.code.clone()))
        .flatten()
}

/// A change to a page, from the changelog.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// Its id on the page, the feed's link to it.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// What changed (Markdown).
    pub text: String,
}

impl ChangeView {
    /// The changes of `page`, newest first.
    pub fn of(changes: &[crate::load::changes::Change], page: &Page) -> Vec<ChangeView> {
        crate::load::changes::of_page(changes, &page.rel)
            .into_iter()
            .map(|(i, c)| ChangeView {
                id: crate::load::changes::anchor(i),
                date: c.date.as_str().get(..10).unwrap_or_default().to_string(),
                text: c.text.to_string(),
            })
            .collect()
    }
}

/// The `page` variable.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The plain summary shown first on harder pages.
    pub summary: Option<&'a str>,
    pub url: String,
    pub permalink: String,
    /// The absolute address of the page's share card (`og:image`), and what it shows.
    pub share_image: String,
    pub share_image_alt: String,
    /// The share image is the card the build draws (1200 x 630), not the author's own.
    pub share_card: bool,
    pub kind: &'static str,
    pub is_home: bool,
    pub date: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub tags: Vec<&'a str>,
    /// The topic pages of the page's tags (when the site has `topics.yaml`).
    pub topics: Vec<PageLink>,
    /// The address of the topics index, when the site has one.
    pub topics_url: Option<String>,
    /// Links to the other pages of a long list.
    pub pagination: Option<crate::model::pagination::PaginationView>,
    /// Last reviewed, next review due, evidence searched up to (`YYYY-MM-DD`).
    pub reviewed: Option<&'a str>,
    pub review_due: Option<&'a str>,
    pub evidence_to: Option<&'a str>,
    /// What changed on the page (`changes.yaml`), newest first.
    pub changes: Vec<ChangeView>,
    pub authors: &'a [String],
    pub content_warning: Option<&'a str>,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub extra: &'a serde_json::Value,
    /// The section the page is in.
    pub parent: Option<PageLink>,
    /// The pages listed on a section page.
    pub pages: Vec<PageLink>,
    pub template: &'a str,
    /// The page in every language of the site (for the switcher and hreflang links).
    pub versions: Vec<VersionView>,
    /// Set when the page shows the default language's text: the language of that text
    /// and a notice in the reader's language.
    pub fallback_lang: Option<String>,
    pub fallback_notice: Option<String>,
    /// For a slide deck: the address of its one-file offline copy.
    pub offline_file: Option<String>,
    /// For a brief or slide deck: the address of its plain-text copy.
    pub text_file: Option<String>,
    /// The page's citation meta tags, JSON-LD and references (made by the citation
    /// output, a stage above this one).
    pub cite: Option<PageCite>,
}

/// A page's citation metadata, for the `<head>` of its template (`page.cite`), as the citation output makes it.
#[derive(Debug, Clone, Serialize)]
pub struct PageCite {
    /// `citation_*` meta tags, in order.
    pub meta: Vec<MetaTag>,
    /// schema.org JSON-LD, safe inside `<script type="application/ld+json">`.
    pub json_ld: String,
    /// The page as an APA and a Vancouver reference (plain text).
    pub apa: Option<String>,
    pub vancouver: Option<String>,
}

/// One `<meta name=... content=...>`.
#[derive(Debug, Clone, Serialize)]
pub struct MetaTag {
    pub name: &'static str,
    pub content: String,
}

/// One language version of a page.
#[derive(Debug, Serialize)]
pub struct VersionView {
    pub code: String,
    pub name: String,
    pub dir: &'static str,
    pub url: String,
    pub permalink: String,
    pub translated: bool,
    pub current: bool,
}

impl<'a> PageView<'a> {
    pub fn new(
        page: &'a Page,
        model: &SiteModel,
        config: &SiteConfig,
        content: &'a str,
        toc: &'a [TocEntry],
    ) -> Self {
        let kind = match page.kind {
            PageKind::Page => "page",
            PageKind::Section => "section",
            PageKind::Finding(_) => "finding",
            PageKind::Recommendation(_) => "recommendation",
            PageKind::Glossary => "glossary",
            PageKind::Topic(_) => "topic",
            PageKind::Topics => "topics",
            PageKind::Accessibility => "accessibility",
        };
        PageView {
            title: &page.meta.title,
            description: page.meta.description.as_deref(),
            summary: page.meta.summary.as_deref(),
            url: config.site_path(&page.url),
            permalink: config.permalink(&page.url),
            share_image: config.permalink(
                &super::share_card::own_image(page)
                    .unwrap_or_else(|| super::share_card::card_path(&page.url)),
            ),
            share_image_alt: page
                .meta
                .share_image_alt
                .clone()
                .unwrap_or_else(|| super::share_card::card_alt(&page.meta.title, &config.title)),
            share_card: page.meta.share_image.is_none(),
            kind,
            is_home: page.url == model.home,
            date: page.meta.date.as_deref(),
            updated: page.meta.updated.as_deref(),
            tags: page.meta.tags.iter().map(|t| t.value.as_str()).collect(),
            topics: crate::model::topics::pages_of(page, model)
                .into_iter()
                .map(|p| inside(PageLink::of(p, config), page, config))
                .collect(),
            topics_url: model
                .page_at(&crate::model::topics::index_url(model))
                .map(|p| config.site_path(&p.url)),
            pagination: crate::model::pagination::view_of(page, model, config),
            reviewed: page.meta.reviewed.as_deref(),
            review_due: page.meta.review_due.as_deref(),
            evidence_to: page.meta.evidence_to.as_deref(),
            changes: Vec::new(),
            authors: &page.meta.authors,
            content_warning: page.meta.content_warning.as_deref(),
            content,
            toc,
            extra: &page.meta.extra,
            parent: page
                .parent
                .as_ref()
                .and_then(|u| model.page_at(u))
                .map(|p| PageLink::of(p, config)),
            pages: page
                .children
                .iter()
                .map(|&i| inside(PageLink::of(&model.pages[i], config), page, config))
                .collect(),
            template: &page.template,
            versions: Vec::new(),
            fallback_lang: None,
            fallback_notice: None,
            offline_file: None,
            text_file: None,
            cite: None,
        }
    }
}

/// Gives data records their addresses, so templates can link to them.
pub fn link_data(data: &mut SiteData, config: &SiteConfig, prefix: &str) {
    for f in &mut data.findings {
        f.url = config.site_path(&format!("{prefix}/findings/{}/", f.id));
    }
    for r in &mut data.recommendations {
        r.url = config.site_path(&format!("{prefix}/recommendations/{}/", r.id));
    }
    for g in &mut data.glossary {
        g.url = format!(
            "{}#{}",
            config.site_path(&format!("{prefix}/glossary/")),
            g.anchor
        );
    }
    for p in &mut data.people {
        p.lang = config.language.clone();
        place_photo(p, config);
    }
    data.credited = crate::load::people::Credited::of(&data.people);
}

/// How wide the theme shows a person's photo (`.person-photo img` in style.css).
const PHOTO_SIZE: &str = "8rem";

/// A person's photo as a `<picture>`, like every photo of the site (its narrower and
/// WebP copies, its size, its alt text), loaded lazily below the page's first screen.
fn place_photo(person: &mut crate::load::people::Person, config: &SiteConfig) {
    let Some(photo) = person.photo.as_mut() else {
        return;
    };
    photo.html = photo.size.map(|(width, height)| {
        crate::markdown::picture::Picture {
            rel: photo.rel.clone(),
            url: config.site_path(&format!("/{}", photo.rel)),
            width,
            height,
            lazy: true,
            title: String::new(),
        }
        .html_sized(&photo.alt, PHOTO_SIZE)
    });
}
