//! The words readers see outside a page's own prose: the titles, takeaways and labels of
//! the charts in `content/_data/charts.yaml` and in a page's chart blocks, the people of
//! `content/_data/people.yaml` (role, group, credit), and the theme's words
//! (`i18n/CODE.toml` of the theme and the site: menus, labels, notices). They get the
//! same plain-language checks as a page (jargon, abbreviations, respectful language,
//! sentence length), each problem at the place the YAML or TOML parser read the words
//! from.

use std::collections::BTreeMap;

use super::language::LangSite;
use crate::charts::{library_words, WordRole};
use crate::checks::prose::{self, PageProse, ProseContext, ProsePart};
use crate::load::data_file::DataFile;
use crate::markdown::reader_text::Gathered;
use crate::markdown::{BlockKind, ProseBlock};
use crate::text::diagnostics::{Diagnostic, LineIndex};

/// The plain-language problems in the words of a language's charts file. A fallback
/// file was checked in its own language already.
pub fn check_chart_words(site: &LangSite) -> Vec<Diagnostic> {
    let Some(file) = site
        .sources
        .iter()
        .find(|s| s.rel == DataFile::Charts.rel() && !s.fallback)
    else {
        return Vec::new();
    };
    let blocks: Vec<_> = library_words(&file.text)
        .iter()
        .filter_map(|(role, words)| {
            let kind = match role {
                WordRole::Title => BlockKind::Heading,
                WordRole::Sentence => BlockKind::Paragraph,
                WordRole::Label => BlockKind::ListItem,
            };
            prose::data_block(&file.text, words, kind)
        })
        .collect();
    check_blocks(site, &file.display(), &file.text, &blocks)
}

/// The words of a page's chart block, as labels (checked, not measured), each placed in
/// the page's file: the YAML parser places it in the block, the block's pieces in the file.
pub fn chart_block_labels(block: &Gathered) -> Vec<ProseBlock> {
    crate::charts::block_words(&block.text)
        .iter()
        .filter_map(|(_, words)| {
            let mut b = prose::data_block(&block.text, words, BlockKind::Label)?;
            for (_, at) in &mut b.map {
                *at = block.file_offset(*at);
            }
            b.start_offset = block.file_offset(b.start_offset);
            Some(b)
        })
        .collect()
}

/// The plain-language problems in what `people.yaml` says of each person (role, group,
/// credit; not names or credentials, which are each person's own). A fallback file was
/// checked in its own language already.
pub fn check_people_words(site: &LangSite) -> Vec<Diagnostic> {
    let Some(file) = site.own_data_file(DataFile::People) else {
        return Vec::new();
    };
    let blocks: Vec<_> = site
        .data
        .people
        .iter()
        .flat_map(|p| &p.words)
        .filter_map(|words| prose::data_block(&file.text, words, sentence_or_label(words)))
        .collect();
    check_blocks(site, &file.display(), &file.text, &blocks)
}

/// The plain-language problems in the words the site's pages show from the topics,
/// the changelog and the accessibility statement's facts (`topics.yaml`,
/// `changes.yaml`, `accessibility.yaml`): topic names and descriptions, what changed,
/// the statement's title and exceptions. Dates, ids, addresses and criteria are not
/// prose. A fallback file was checked in its own language already.
pub fn check_data_words(site: &LangSite) -> Vec<Diagnostic> {
    let data = &site.data;
    let topics = data.topics.iter().flatten().flat_map(|t| {
        std::iter::once((&t.name, BlockKind::Label))
            .chain(t.description.iter().map(|d| (d, sentence_or_label(d))))
    });
    let changes = data
        .changes
        .iter()
        .map(|c| (&c.text, sentence_or_label(&c.text)));
    let statement = data.accessibility.iter().flat_map(|s| {
        std::iter::once((&s.title, BlockKind::Heading)).chain(
            s.exceptions
                .iter()
                .map(|e| (&e.text, sentence_or_label(&e.text))),
        )
    });
    let mut out = data_file_words(site, DataFile::Topics, topics.collect());
    out.extend(data_file_words(site, DataFile::Changes, changes.collect()));
    out.extend(data_file_words(
        site,
        DataFile::Accessibility,
        statement.collect(),
    ));
    out
}

/// The plain-language problems in the site's title and description in `site.toml`
/// (the top-level ones for the default language, `[languages.CODE]` for another), each
/// at the place the TOML parser read it from when the configuration was loaded.
pub fn check_site_words(site: &LangSite) -> Vec<Diagnostic> {
    let text = site.config.text();
    let (lang, written) = (&site.lang, &site.lang.written);
    let values = [
        (&lang.title, &written.title),
        (&lang.description, &written.description),
    ];
    let blocks: Vec<_> = values
        .into_iter()
        .filter_map(|(words, at)| {
            let at = at.clone()?;
            // A string's value starts after its opening quote (or three).
            let start = at.start + text.get(at.clone())?.find(['"', '\''])? + 1;
            prose::value_block(text, words, start..at.end, BlockKind::Label)
        })
        .collect();
    check_blocks(site, crate::load::config::CONFIG_FILE, text, &blocks)
}

/// Checks values the YAML parser read from one of a language's own data files.
fn data_file_words(
    site: &LangSite,
    kind: DataFile,
    values: Vec<(&crate::text::diagnostics::Src<String>, BlockKind)>,
) -> Vec<Diagnostic> {
    let Some(file) = site.own_data_file(kind) else {
        return Vec::new();
    };
    let blocks: Vec<_> = values
        .into_iter()
        .filter_map(|(words, kind)| prose::data_block(&file.text, words, kind))
        .collect();
    check_blocks(site, &file.display(), &file.text, &blocks)
}

/// A whole sentence is a paragraph; a label or a fragment is not a sentence.
fn sentence_or_label(words: &str) -> BlockKind {
    match words.trim_end().ends_with(['.', '!', '?']) {
        true => BlockKind::Paragraph,
        false => BlockKind::ListItem,
    }
}

/// The plain-language problems in the theme's and the site's words for a language
/// (`i18n/CODE.toml`), each at its place in the file.
pub fn check_theme_words(site: &LangSite) -> Vec<Diagnostic> {
    let config = &site.config;
    let mut out = Vec::new();
    for (path, shown) in
        crate::load::i18n::files(&config.root, &config.theme_dir(), &config.language)
    {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        // A file that cannot be read is reported when the words are loaded.
        let Ok(words) = crate::load::i18n::words(&text) else {
            continue;
        };
        // The writing room's words are the dev server's, for authors: not the site's.
        let room = format!("{}.", crate::load::i18n::WRITING_ROOM);
        let words: BTreeMap<_, _> = words
            .into_iter()
            .filter(|(k, _)| !k.starts_with(&room))
            .collect();
        let blocks: Vec<_> = words
            .values()
            .filter_map(|w| {
                let kind = sentence_or_label(w.get_ref());
                let words = without_placeholders(w.get_ref());
                prose::value_block(&text, &words, w.span(), kind)
            })
            .collect();
        out.extend(check_blocks(site, &shown, &text, &blocks));
    }
    out
}

/// A theme's words with each placeholder (`{organization}`, `{n}`) blanked out: the
/// build fills it in, so it is not a word a reader sees.
fn without_placeholders(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    let mut inside = false;
    for c in words.chars() {
        match c {
            '{' => inside = true,
            '}' if inside => {
                inside = false;
                out.push(' ');
                continue;
            }
            _ => {}
        }
        out.push(if inside { ' ' } else { c });
    }
    out
}

/// Runs the prose checks on blocks of one file that is not a page.
fn check_blocks(
    site: &LangSite,
    shown: &str,
    text: &str,
    blocks: &[ProseBlock],
) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let text: std::sync::Arc<str> = std::sync::Arc::from(text);
    let page = PageProse {
        parts: vec![ProsePart {
            file: shown,
            text: &text,
            index: &index,
            blocks,
        }],
        target: site.config.checks.reading_grade,
        // A chart is not a page: it needs no plain summary.
        has_summary: true,
        ignored: &[],
        language: &site.config.language,
        explained: Vec::new(),
    };
    let ctx = ProseContext {
        config: &site.config.checks,
        glossary: site.glossary.as_ref(),
        lexicon: &site.lexicon,
    };
    prose::check_page(&page, &ctx).1
}
