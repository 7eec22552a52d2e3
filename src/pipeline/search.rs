//! Search and the A–Z index, per language: collects the searchable text of each
//! rendered page (see [`crate::outputs::search`]), renders the A–Z page (every page and
//! glossary term, the search form's destination when a browser runs no script), and
//! hands both to the pipeline's writer once every language is rendered.

use serde::Serialize;

use super::render::{PageOutcome, RenderContext};
use crate::checks::PageReport;
use crate::model::{MadeBy, Page, PageKind};
use crate::outputs::search::{self, words::fold, Alias, PageText};
use crate::text::diagnostics::Diagnostic;
use crate::text::error::Result;
use crate::theme::views::{PageView, VersionView};

/// The theme template of the A–Z page; a theme without it has no A–Z page.
const A_Z_TEMPLATE: &str = "a-z.html";

/// What the run collects for search, language by language.
#[derive(Default)]
pub struct Search {
    languages: Vec<Language>,
    problems: Vec<Diagnostic>,
}

struct Language {
    code: String,
    pages: Vec<PageText>,
    aliases: Vec<Alias>,
    /// The A–Z page's output file and bytes.
    a_z: Option<(String, Vec<u8>)>,
}

/// One line of the A–Z page.
#[derive(Serialize)]
struct Entry {
    title: String,
    url: String,
    /// What an abbreviation stands for.
    note: Option<String>,
    #[serde(skip)]
    key: String,
}

/// The entries that start with one letter.
#[derive(Serialize)]
struct Group {
    letter: String,
    id: String,
    entries: Vec<Entry>,
}

impl Search {
    /// Takes the searchable text of a language's rendered pages and renders its A–Z
    /// page, whose report (for the link checks) it returns.
    pub fn add(
        &mut self,
        ctx: &RenderContext,
        rendered: &mut [(usize, PageOutcome)],
    ) -> Option<PageReport> {
        if ctx.only.is_some() || !ctx.site.config.search {
            return None;
        }
        let site = ctx.site;
        let pages = rendered
            .iter_mut()
            .filter_map(|(_, o)| o.search.take())
            .collect();
        let aliases = site
            .data
            .glossary
            .iter()
            .filter_map(|g| {
                Some(Alias {
                    short: g.abbreviation.as_ref()?.0.value.clone(),
                    long: g.term.0.value.clone(),
                })
            })
            .collect();
        let (a_z, report) = match a_z_page(ctx) {
            Ok(Some((rel, bytes, report))) => {
                // Checked as each page is (see `check_html`): it is not made from a page.
                let images = crate::checks::images::check_images(&report, &site.config.checks);
                self.problems.extend(images);
                (Some((rel, bytes)), Some(report))
            }
            Ok(None) => (None, None),
            Err(d) => {
                self.problems.push(d);
                (None, None)
            }
        };
        self.languages.push(Language {
            code: site.lang.code.clone(),
            pages,
            aliases,
            a_z,
        });
        report
    }

    /// Writes each language's index files and A–Z page through `write` (path, what, bytes).
    pub fn publish(
        self,
        reporter: &crate::text::diagnostics::Reporter,
        mut write: impl FnMut(&str, &str, Vec<u8>) -> Result<()>,
    ) -> Result<()> {
        use rayon::prelude::*;
        reporter.report_all(self.problems);
        let indexes: Vec<search::IndexFiles> = self
            .languages
            .par_iter()
            .map(|lang| search::build_index(&lang.code, &lang.pages, &lang.aliases))
            .collect();
        for (lang, index) in self.languages.into_iter().zip(indexes) {
            if let Some((rel, bytes)) = lang.a_z {
                write(&rel, "the A–Z index page", bytes)?;
            }
            let sentences = search::sentence_files(&lang.code, &lang.pages);
            for (rel, text) in index.files.into_iter().chain(sentences) {
                write(&rel, "the search index", text.into_bytes())?;
            }
        }
        Ok(())
    }
}

use crate::outputs::search::a_z_url;

/// The A–Z page of the context's language: every page and glossary term (and
/// abbreviation), sorted without regard to case and accents, grouped by first letter.
fn a_z_page(
    ctx: &RenderContext,
) -> std::result::Result<Option<(String, Vec<u8>, PageReport)>, Diagnostic> {
    if !ctx.templates.has(A_Z_TEMPLATE) {
        return Ok(None);
    }
    let site = ctx.site;
    let strings = &site.strings;
    let Some(url) = site.model.made_url(MadeBy::AToZ).map(str::to_string) else {
        return Ok(None);
    };
    let page = Page {
        kind: PageKind::Page,
        file: A_Z_TEMPLATE.into(),
        rel: "a-z.md".into(),
        source: None,
        body_offset: 0,
        meta: crate::load::frontmatter::FrontMatter {
            title: strings.get("a_z_title").to_string(),
            description: Some(strings.get("a_z_intro").to_string()),
            extra: serde_json::json!({}),
            ..Default::default()
        },
        url: url.clone(),
        parent: None,
        template: A_Z_TEMPLATE.into(),
        children: Vec::new(),
        fallback: false,
    };
    let mut view = PageView::new(&page, &site.model, &site.config, "", &[]);
    view.versions = ctx
        .languages
        .iter()
        .map(|l| {
            let path = a_z_url(&l.prefix);
            VersionView {
                code: l.code.clone(),
                name: l.name.clone(),
                dir: l.dir,
                url: site.config.site_path(&path),
                permalink: site.config.permalink(&path),
                translated: true,
                current: l.code == site.lang.code,
            }
        })
        .collect();
    let mut tera_ctx = tera::Context::new();
    tera_ctx.insert("page", &view);
    tera_ctx.insert("groups", &groups(ctx));
    let html = ctx
        .templates
        .render(A_Z_TEMPLATE, &tera_ctx, "the A–Z index page")?;
    let (bytes, scan) = ctx.finish(&html, &site.config.site_path(&url), true);
    let report = PageReport {
        url: url.clone(),
        file: A_Z_TEMPLATE.into(),
        template: A_Z_TEMPLATE.into(),
        source_text: None,
        scan,
        md_links: Vec::new(),
        md_broken: Vec::new(),
        places: Default::default(),
        ignored: Vec::new(),
    };
    Ok(Some((super::output_path(&url), bytes, report)))
}

/// The A–Z entries of a language, grouped by their first letter.
fn groups(ctx: &RenderContext) -> Vec<Group> {
    let site = ctx.site;
    let config = &site.config;
    let mut entries: Vec<Entry> = site
        .model
        .pages
        .iter()
        .filter(|p| !p.fallback)
        .map(|p| entry(&p.meta.title, config.site_path(&p.url), None))
        .collect();
    for g in &site.data.glossary {
        let url = g.url.clone();
        entries.push(entry(&g.term.0.value, url.clone(), None));
        if let Some(short) = &g.abbreviation {
            entries.push(entry(&short.0.value, url, Some(g.term.0.value.clone())));
        }
    }
    let order = Order::of(&site.lang.code);
    for e in &mut entries {
        e.key = order.key(&e.key);
    }
    entries.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.title.cmp(&b.title)));
    let mut out: Vec<Group> = Vec::new();
    for e in entries {
        let letter = first_letter(&e.key);
        match out.last_mut() {
            Some(g) if g.letter == letter => g.entries.push(e),
            _ => out.push(Group {
                id: format!("a-z-{}", out.len() + 1),
                letter,
                entries: vec![e],
            }),
        }
    }
    out
}

fn entry(title: &str, url: String, note: Option<String>) -> Entry {
    let key = fold(title.trim_start_matches(|c: char| !c.is_alphanumeric()));
    Entry {
        title: title.to_string(),
        url,
        note,
        key,
    }
}

/// How a language's A–Z page orders its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// By letters, without regard to case and accents.
    Letters,
    /// Chinese: by each character's pinyin reading with its tone number, so entries
    /// group under the Latin letter their reading starts with.
    Pinyin,
}

impl Order {
    fn of(code: &str) -> Self {
        match code.split(['-', '_']).next() {
            Some(p) if p.eq_ignore_ascii_case("zh") => Order::Pinyin,
            _ => Order::Letters,
        }
    }

    /// The sort key of an entry's folded title.
    fn key(self, folded: &str) -> String {
        use pinyin::ToPinyin;
        match self {
            Order::Letters => folded.to_string(),
            Order::Pinyin => folded
                .chars()
                .map(|c| match c.to_pinyin() {
                    Some(p) => format!("{} ", p.with_tone_num_end()),
                    None => c.to_string(),
                })
                .collect(),
        }
    }
}

/// The heading an entry is listed under: its first letter in capitals, "0–9" for digits.
fn first_letter(key: &str) -> String {
    match key.chars().next() {
        Some(c) if c.is_numeric() => "0–9".into(),
        Some(c) => c.to_uppercase().collect(),
        None => "#".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_entries_sort_by_pinyin_and_group_by_its_first_letter() {
        let order = Order::of("zh-Hans");
        let mut e: Vec<Entry> = ["中国", "同伴", "报酬", "安全", "PWUD"]
            .into_iter()
            .map(|t| {
                let mut e = entry(t, String::new(), None);
                e.key = order.key(&e.key);
                e
            })
            .collect();
        e.sort_by(|a, b| a.key.cmp(&b.key));
        let order: Vec<(&str, String)> = e
            .iter()
            .map(|e| (e.title.as_str(), first_letter(&e.key)))
            .collect();
        assert_eq!(
            order,
            [
                ("安全", "A".to_string()),
                ("报酬", "B".to_string()),
                ("PWUD", "P".to_string()),
                ("同伴", "T".to_string()),
                ("中国", "Z".to_string()),
            ]
        );
    }

    #[test]
    fn entries_sort_without_case_or_accents_and_group_by_letter() {
        let mut e = [
            entry("Équipe", "/e/".into(), None),
            entry("enquête", "/q/".into(), None),
            entry("“Pay”", "/p/".into(), None),
            entry("2024 update", "/u/".into(), None),
        ];
        e.sort_by(|a, b| a.key.cmp(&b.key));
        let order: Vec<(&str, String)> = e
            .iter()
            .map(|e| (e.title.as_str(), first_letter(&e.key)))
            .collect();
        assert_eq!(
            order,
            [
                ("2024 update", "0–9".to_string()),
                ("enquête", "E".to_string()),
                ("Équipe", "E".to_string()),
                ("“Pay”", "P".to_string()),
            ]
        );
    }
}
