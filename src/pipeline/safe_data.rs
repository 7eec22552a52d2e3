//! Safe mode in the data files: the Markdown a page shows from `content/_data/` (a
//! finding's summary, a glossary definition, what changed) is cleaned by the theme's
//! `markdown` filter, which has no place to say what it removed. Each removal is
//! reported here instead, once, at its place in the data file and in the words a
//! page's removal is reported with.

use super::language::LangSite;
use crate::load::data_file::DataFile;
use crate::text::diagnostics::{Diagnostic, LineIndex, Src};
use crate::text::rule::Rule;

/// Each removal safe mode makes from the Markdown values of a language's own data files
/// (rule `unsafe-html`), at its place. Titles, terms and ids are shown as text, never
/// read as HTML, so nothing is removed from them. An entry a translation leaves out
/// stands in from the default language's file, and is reported there.
pub fn removals(site: &LangSite) -> Vec<Diagnostic> {
    let data = &site.data;
    let own = |section: &str, id: &str| !data.stand_ins.contains(&format!("{section}/{id}.md"));
    let findings = (data.findings.iter())
        .filter(|f| own("findings", &f.id))
        .flat_map(|f| {
            let parts = [&f.context, &f.mechanism, &f.outcome, &f.evidence];
            std::iter::once(&f.summary).chain(parts.into_iter().flatten())
        });
    let recommendations = (data.recommendations.iter())
        .filter(|r| own("recommendations", &r.id))
        .flat_map(|r| [&r.summary, &r.why].into_iter().chain(&r.how).chain(&r.who));
    let statement = data
        .accessibility
        .iter()
        .flat_map(|s| std::iter::once(&s.contact).chain(s.exceptions.iter().map(|e| &e.text)));
    let files: [(DataFile, Vec<&Src<String>>); 6] = [
        (DataFile::Findings, findings.collect()),
        (DataFile::Recommendations, recommendations.collect()),
        (
            DataFile::Glossary,
            data.glossary.iter().map(|g| &g.definition).collect(),
        ),
        (
            DataFile::KeyMessages,
            data.key_messages.iter().map(|m| &m.text).collect(),
        ),
        (
            DataFile::Changes,
            data.changes.iter().map(|c| &c.text).collect(),
        ),
        (DataFile::Accessibility, statement.collect()),
    ];
    (files.into_iter())
        .flat_map(|(kind, values)| in_file(site, kind, &values))
        .collect()
}

/// The removals from `values`, read from the language's own file of `kind`.
fn in_file(site: &LangSite, kind: DataFile, values: &[&Src<String>]) -> Vec<Diagnostic> {
    let Some(file) = site.own_data_file(kind) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut index = None;
    for v in values {
        for (at, removed) in crate::markdown::unsafe_removals(v) {
            let checks = &site.config.checks;
            let Some(d) = checks.diagnostic(Rule::UnsafeHtml, &removed.message) else {
                continue;
            };
            let index = index.get_or_insert_with(|| LineIndex::new(&file.text));
            let offset = v.offset_at(&file.text, at);
            found.push(
                d.at_offset(&file.display(), index, &file.text, offset)
                    .help(removed.help),
            );
        }
    }
    found
}
