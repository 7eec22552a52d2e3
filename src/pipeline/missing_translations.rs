//! What each language of the site has no translation of yet (`missing-translation`, a
//! suggestion): a page, a whole data file, or one finding or recommendation that a
//! translated data file leaves out. Readers of that language get the first language's
//! text with a notice, so nothing is broken; this is the author's list of what is left
//! to translate, in `check --suggestions` and in the author report, each at the place
//! in the first language's file that needs translating.
//!
//! A page kept in one language on purpose says so with
//! `ignore_checks: [missing-translation]`.

use super::language::LangSite;
use crate::load::data::Entry;
use crate::load::data_file::DataFile;
use crate::load::discover::{SourceFile, SourceKind};
use crate::load::languages::{english_name, translated_name};
use crate::text::diagnostics::{Diagnostic, LineIndex};
use crate::text::rule::Rule;

/// The language a site lacks translations into, and the one its readers get instead.
struct Lacking<'s> {
    site: &'s LangSite,
    /// `French (fr)`, in English as the messages are.
    shown: String,
    /// The first language's name (`English`).
    instead: &'s str,
}

/// Every page, data file and entry that a language after the first has no translation
/// of, in the order of the languages, then of the files.
pub fn missing_translations(sites: &[LangSite]) -> Vec<Diagnostic> {
    let Some((first, others)) = sites.split_first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for site in others {
        let code = &site.lang.code;
        let lacking = Lacking {
            site,
            shown: match english_name(code) {
                Some(name) => format!("{name} ({code})"),
                None => format!("{code} ({})", site.lang.name),
            },
            instead: english_name(&first.lang.code).unwrap_or(&first.lang.name),
        };
        for file in site.sources.iter().filter(|s| s.fallback) {
            out.extend(match file.kind {
                SourceKind::Page | SourceKind::SectionIndex => page(&lacking, file, first),
                SourceKind::Data => data_file(&lacking, file),
            });
        }
        out.extend(left_out_entries(&lacking, first));
        out.extend(fewer_key_messages(&lacking, first));
    }
    out
}

/// A translated key messages file with fewer messages than the first language's: key
/// messages have no ids to stand in by, so the home page in that language shows only
/// its own, and the others are missing there without a notice.
fn fewer_key_messages(lacking: &Lacking, first: &LangSite) -> Option<Diagnostic> {
    let file = lacking.site.own_data_file(DataFile::KeyMessages)?;
    let (own, all) = (
        lacking.site.data.key_messages.len(),
        first.data.key_messages.len(),
    );
    if own >= all {
        return None;
    }
    let original = DataFile::KeyMessages.rel();
    let d = lacking.site.config.checks.diagnostic(
        Rule::MissingTranslation,
        format!(
            "{} has {own} key message(s), and content/{original} has {all}: the home page in {} shows only {own}",
            file.display(),
            lacking.shown
        ),
    )?;
    Some(d.at(&file.display(), &file.text, 1, 1).help(format!(
        "translate the other {} from content/{original}, in the same order",
        all - own
    )))
}

/// A page of the first language that `lacking` has no translation of: at its title.
/// None for a page not published (a draft) or kept in one language on purpose.
fn page(lacking: &Lacking, file: &SourceFile, first: &LangSite) -> Option<Diagnostic> {
    let original = &first.model.pages[*first.model.by_rel.get(&file.rel)?];
    if original
        .meta
        .ignore_checks
        .contains(&Rule::MissingTranslation)
    {
        return None;
    }
    let (code, shown, instead) = (&lacking.site.lang.code, &lacking.shown, lacking.instead);
    let d = lacking.site.config.checks.diagnostic(
        Rule::MissingTranslation,
        format!("this page is not translated into {shown} yet: its readers get it in {instead}, with a note that says so"),
    )?;
    let text = &file.text;
    let at = original.meta.places.title;
    Some(
        d.at_offset(&file.display(), &LineIndex::new(text), text, at)
            .help(format!(
                "write the translation in content/{}, beside this page; to keep this page in {instead} only, add ignore_checks: [missing-translation] to its front matter",
                translated_name(&file.rel, code)
            )),
    )
}

/// A data file of the first language, with words for readers, that `lacking` has no
/// version of: at its first line.
fn data_file(lacking: &Lacking, file: &SourceFile) -> Option<Diagnostic> {
    let kind = DataFile::of(&file.rel).filter(|k| k.has_words_to_translate())?;
    let (code, shown, instead) = (&lacking.site.lang.code, &lacking.shown, lacking.instead);
    let d = lacking.site.config.checks.diagnostic(
        Rule::MissingTranslation,
        format!(
            "{} is not translated into {shown} yet: its readers get its words in {instead}",
            file.display()
        ),
    )?;
    let ids = match kind {
        DataFile::Findings | DataFile::Recommendations | DataFile::Topics | DataFile::People => {
            "; ids stay as they are"
        }
        _ => "",
    };
    Some(d.at(&file.display(), &file.text, 1, 1).help(format!(
        "copy it to content/{} and translate its words{ids}",
        translated_name(kind.rel(), code)
    )))
}

/// The findings and recommendations a translated data file of `lacking` leaves out,
/// each at its id in the first language's file.
fn left_out_entries(lacking: &Lacking, first: &LangSite) -> Vec<Diagnostic> {
    let mut out = left_out(lacking, first, &first.data.findings, DataFile::Findings);
    out.extend(left_out(
        lacking,
        first,
        &first.data.recommendations,
        DataFile::Recommendations,
    ));
    out
}

/// The entries of the first language's `kind` file (`entries`) that `lacking`'s
/// translation of it leaves out.
fn left_out<E: Entry>(
    lacking: &Lacking,
    first: &LangSite,
    entries: &[E],
    kind: DataFile,
) -> Vec<Diagnostic> {
    let Some(file) = first.sources.iter().find(|s| s.rel == kind.rel()) else {
        return Vec::new();
    };
    let translation = translated_name(kind.rel(), &lacking.site.lang.code);
    let stand_ins = &lacking.site.data.stand_ins;
    (entries.iter())
        .map(Entry::id)
        .filter(|id| stand_ins.contains(&format!("{}/{}.md", E::SECTION, id.as_str())))
        .filter_map(|id| {
            let d = lacking.site.config.checks.diagnostic(
                Rule::MissingTranslation,
                format!(
                    "the {} \"{}\" is not in content/{translation} yet: its readers get it in {}",
                    E::WHAT,
                    id.as_str(),
                    lacking.instead
                ),
            )?;
            let (line, column) = id.line_column();
            Some(
                d.at(&file.display(), &file.text, line, column)
                    .help(format!(
                        "add it to content/{translation} with the same id, its words translated"
                    )),
            )
        })
        .collect()
}
