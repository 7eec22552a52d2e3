//! Stage 1 (load), YAML lists: a data file holding a list of records of one shape,
//! parsed with each problem at its place, and said plainly when the file is not a list.
//! Shared by the `data` and `people` files of this folder.

use serde::Deserialize;

use crate::load::data_file::DataFile;
use crate::load::discover::SourceFile;
use crate::text::diagnostics::Diagnostic;
use crate::text::yaml_error::yaml_error;

/// Parses a file that holds a list of records of one shape.
pub fn parse_list<T: for<'de> Deserialize<'de>>(
    file: &SourceFile,
    keys: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    if file.text.trim().is_empty() {
        return Vec::new();
    }
    match serde_saphyr::from_str::<Vec<T>>(&file.text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(match not_a_list(file) {
                Some(d) => d,
                None => yaml_error(&file.display(), &file.text, 0, &e, keys),
            });
            Vec::new()
        }
    }
}

/// A data file that is valid YAML but whose top level is not a list, said plainly (serde's "expected a
/// sequence" names no file kind).
pub fn not_a_list(file: &SourceFile) -> Option<Diagnostic> {
    // The parser's place of the top-level value: where the file's content starts.
    let top = serde_saphyr::from_str::<serde_saphyr::Spanned<serde::de::IgnoredAny>>(&file.text)
        .ok()?
        .referenced;
    if serde_saphyr::from_str::<Vec<serde::de::IgnoredAny>>(&file.text).is_ok() {
        return None;
    }
    let name = file.rel.trim_start_matches("_data/");
    let what = DataFile::of(&file.rel).map_or("entries", DataFile::entries);
    let line = usize::try_from(top.line()).unwrap_or(1).max(1);
    let column = usize::try_from(top.column()).unwrap_or(1).max(1);
    Some(
        Diagnostic::error(format!("{name} must be a list of {what}"))
            .at(&file.display(), &file.text, line, column)
            .help("start each entry with a dash at the start of a line, e.g.\n    - id: first\n      title: ..."),
    )
}
