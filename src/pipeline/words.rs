//! The words readers see outside a page's own prose: the titles, takeaways and labels of
//! the charts in `content/_data/charts.yaml`. They get the same plain-language checks as
//! a page (jargon, abbreviations, respectful language, sentence length), each problem at
//! the place the YAML parser read the words from.

use super::language::LangSite;
use crate::charts::{library_words, WordRole};
use crate::checks::prose::{self, PageProse, ProseContext, ProsePart};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::markdown::BlockKind;

/// The plain-language problems in the words of a language's charts file. A fallback
/// file was checked in its own language already.
pub fn check_chart_words(site: &LangSite) -> Vec<Diagnostic> {
    let Some(file) = site
        .sources
        .iter()
        .find(|s| s.rel == "_data/charts.yaml" && !s.fallback)
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
    let index = LineIndex::new(&file.text);
    let shown = file.display();
    let page = PageProse {
        parts: vec![ProsePart {
            file: &shown,
            text: &file.text,
            index: &index,
            blocks: &blocks,
        }],
        target: site.config.checks.reading_grade,
        // A chart is not a page: it needs no plain summary.
        has_summary: true,
        ignored: &[],
        language: &site.config.language,
    };
    let ctx = ProseContext {
        config: &site.config.checks,
        glossary: site.glossary.as_ref(),
        lexicon: &site.lexicon,
    };
    prose::check_page(&page, &ctx).1
}
