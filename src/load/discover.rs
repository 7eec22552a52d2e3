//! Stage 1 (load), content discovery: walks `content/` in a fixed order and reads every page,
//! section index and data file (in parallel). Other files are assets copied beside the
//! pages. Symbolic links are not followed, so a link loop or a link to a system file
//! cannot pull anything outside the site into the build.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::text::diagnostics::{Diagnostic, LineIndex};

/// What a file under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `name.md`: a page.
    Page,
    /// `_index.md`: the page of the folder (section) it is in.
    SectionIndex,
    /// `_data/name.yaml`: structured data for templates and generated pages.
    Data,
}

/// A text file of the site, read into memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators and without a language suffix:
    /// `about/team.md` for `about/team.fr.md`. Links and translations use it.
    pub rel: String,
    /// The real path relative to `content/`, as shown in diagnostics.
    pub file: String,
    pub kind: SourceKind,
    /// Shared, not copied, by every later stage that quotes it.
    pub text: std::sync::Arc<str>,
    /// The language of a translation (`fr` for `team.fr.md`); `None` for the default.
    pub lang: Option<String>,
    /// A default-language file standing in for a missing translation.
    pub fallback: bool,
}

impl SourceFile {
    /// A default-language file at `rel`.
    pub fn new(
        rel: impl Into<String>,
        kind: SourceKind,
        text: impl Into<std::sync::Arc<str>>,
    ) -> SourceFile {
        let rel = rel.into();
        SourceFile {
            file: rel.clone(),
            rel,
            kind,
            text: text.into(),
            lang: None,
            fallback: false,
        }
    }

    /// The path shown to users in diagnostics, relative to the site root.
    pub fn display(&self) -> String {
        format!("content/{}", self.file)
    }
}

/// A file copied as it is (an image, a PDF).
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel: String,
    pub path: PathBuf,
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Discovered {
    pub sources: Vec<SourceFile>,
    pub assets: Vec<Asset>,
}

/// Walks `content_dir`, returning what it found and the problems met on the way.
// Long because one walk of content/ sorts each entry (page, data file, asset, skipped link) as it meets it.
pub fn discover(content_dir: &Path, languages: &[String]) -> (Discovered, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    if !content_dir.is_dir() {
        problems.push(
            Diagnostic::error("the site has no content/ folder")
                .in_file("content/")
                .help("make a folder named content next to site.toml and put an _index.md in it for the home page"),
        );
        return (Discovered::default(), problems);
    }
    let mut to_read = Vec::new();
    let mut assets = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name();
    let mut too_long = Vec::new();
    for entry in walker.into_iter().filter_entry(|e| {
        e.depth() == 0 || (!is_hidden(e.file_name()) && fits_on_disk(e, content_dir, &mut too_long))
    }) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| display_rel(content_dir, p))
                    .unwrap_or_else(|| "content/".into());
                problems.push(
                    Diagnostic::error(format!("could not read this folder entry: {e}")).in_file(at),
                );
                continue;
            }
        };
        let path = entry.path();
        let rel = relative(content_dir, path);
        if entry.path_is_symlink() {
            problems.push(
                Diagnostic::warning(
                    "this symbolic link was skipped: plainsite does not follow links",
                )
                .in_file(format!("content/{rel}"))
                .help("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        if entry.depth() > 0 {
            problems.extend(windows_name_problem(&entry, &rel));
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let is_data = rel.starts_with("_data/");
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let name = entry.file_name().to_string_lossy();
        let translation = crate::load::languages::split_suffix(&name, languages);
        let base_name = translation
            .as_ref()
            .map_or(name.as_ref(), |(base, _)| base.as_str());
        let kind = match (is_data, ext.as_str()) {
            (true, "yaml" | "yml") => Some(SourceKind::Data),
            (true, "bib" | "json") if base_name.starts_with("references.") => {
                Some(SourceKind::Data)
            }
            (true, _) => None,
            (false, "md") if base_name == "_index.md" => Some(SourceKind::SectionIndex),
            (false, "md") => Some(SourceKind::Page),
            _ => None,
        };
        if kind.is_some() && translation.is_none() {
            if let Some(code) = crate::load::languages::unknown_suffix(&name) {
                problems.push(
                    Diagnostic::warning(format!("this file looks like a translation into \"{code}\", which is not one of the site's languages"))
                        .in_file(format!("content/{rel}"))
                        .help(format!("add [languages.{code}] to site.toml, or rename the file if it is not a translation")),
                );
            }
        }
        match kind {
            Some(kind) => {
                let mut logical = match &translation {
                    Some((base, _)) => match rel.rsplit_once('/') {
                        Some((dir, _)) => format!("{dir}/{base}"),
                        None => base.clone(),
                    },
                    None => rel.clone(),
                };
                // Addresses and links use the composed form of a name (see `composed`);
                // the file keeps its own name in diagnostics and in the writing room.
                logical = crate::text::slug::composed(&logical).into_owned();
                // `findings.yml` is read as `findings.yaml`, as Hugo and Zola read both.
                if kind == SourceKind::Data && ext == "yml" {
                    logical = format!("{}.yaml", &logical[..logical.len() - 4]);
                }
                to_read.push((
                    logical,
                    rel,
                    translation.map(|(_, code)| code.to_string()),
                    kind,
                    path.to_path_buf(),
                ));
            }
            None if is_data => problems.push(
                Diagnostic::warning(
                    "only .yaml files (and references.bib or references.json) are read in content/_data; this file was skipped",
                )
                .in_file(format!("content/{rel}")),
            ),
            // Published under the composed form of its name, the one links are read in.
            None => assets.push(Asset {
                rel: crate::text::slug::composed(&rel).into_owned(),
                path: path.to_path_buf(),
            }),
        }
    }
    problems.append(&mut too_long);
    let read: Vec<Result<SourceFile, Diagnostic>> = to_read
        .into_par_iter()
        .map(|(logical, rel, lang, kind, path)| {
            read_source(&path, rel, kind).map(|s| SourceFile {
                rel: logical,
                lang,
                ..s
            })
        })
        .collect();
    let mut sources: Vec<SourceFile> = Vec::with_capacity(read.len());
    let mut seen: std::collections::HashMap<(String, Option<String>), String> = Default::default();
    for r in read {
        match r {
            Ok(mut s) => match seen.entry((s.rel.clone(), s.lang.clone())) {
                std::collections::hash_map::Entry::Occupied(first) => problems.push(
                    Diagnostic::error(format!(
                        "{} and {} are the same {} twice",
                        s.display(),
                        first.get(),
                        if s.kind == SourceKind::Data {
                            "data file"
                        } else {
                            "page"
                        }
                    ))
                    .in_file(s.display())
                    .help(same_twice_help(&s.display(), first.get())),
                ),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(s.display());
                    problems.extend(blank_controls(&mut s));
                    sources.push(s);
                }
            },
            Err(d) => problems.push(d),
        }
    }
    problems.extend(case_collisions(&sources, &assets));
    (Discovered { sources, assets }, problems)
}

/// Whether a file or folder's name leaves room for the names the build makes from it
/// (`NAME-480w.jpg`, `NAME.webp`) on a disk, which allows 255 bytes in a name; if not,
/// an error at it is added to `problems` and it is left out (its files too), where
/// writing them failed with the system's words and the staging folder's path.
fn fits_on_disk(
    entry: &walkdir::DirEntry,
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    use crate::text::slug::MOST_PART_BYTES;
    let name = entry.file_name().to_string_lossy();
    if name.len() <= MOST_PART_BYTES {
        return true;
    }
    let what = if entry.file_type().is_dir() {
        "folder"
    } else {
        "file"
    };
    let start: String = name.chars().take(24).collect();
    problems.push(
        Diagnostic::error(format!(
            "the name of this {what}, \"{start}…\", is {} bytes long: a disk holds 255, and plainsite names the files it makes from it with more",
            name.len()
        ))
        .in_file(display_rel(content_dir, entry.path()))
        .help(format!("shorten the name to at most {MOST_PART_BYTES} bytes (as many letters, fewer with accents)")),
    );
    false
}

/// What to do about two files read as one page (or data file): keep one. Why they are
/// one is said: names that look the same but store an accented letter two ways (one
/// character, or a letter and an accent: a Mac's), or `.yaml` and `.yml`, or a language
/// code in two cases.
fn same_twice_help(one: &str, other: &str) -> &'static str {
    let composed = crate::text::slug::composed;
    if one != other && composed(one) == composed(other) {
        "keep one of them: their names look the same, but one stores an accented letter as one character and the other as a letter and an accent (as a Mac may)"
    } else {
        "keep one of them: plainsite reads .yaml and .yml files alike, and language codes in any case"
    }
}

/// A name Windows cannot hold ([`crate::text::slug::windows_cannot_hold`]), as a
/// warning at the file.
fn windows_name_problem(entry: &walkdir::DirEntry, rel: &str) -> Option<Diagnostic> {
    let name = entry.file_name().to_string_lossy();
    if !crate::text::slug::windows_cannot_hold(&name) {
        return None;
    }
    let what = if entry.file_type().is_dir() {
        "folder"
    } else {
        "file"
    };
    Some(
        Diagnostic::warning(format!("Windows cannot hold a {what} named \"{name}\""))
            .in_file(format!("content/{rel}"))
            .help(format!("rename it: {}", crate::text::slug::WINDOWS_NAMES)),
    )
}

/// Files whose paths differ only in upper and lower case (`About/` and `about/`) are
/// one file on Windows and macOS disks.
fn case_collisions(sources: &[SourceFile], assets: &[Asset]) -> Vec<Diagnostic> {
    let mut by_lower: std::collections::HashMap<String, &str> = Default::default();
    let mut out = Vec::new();
    let files = sources
        .iter()
        .map(|s| s.file.as_str())
        .chain(assets.iter().map(|a| a.rel.as_str()));
    for file in files {
        match by_lower.entry(file.to_lowercase()) {
            std::collections::hash_map::Entry::Occupied(first) if *first.get() != file => out.push(
                Diagnostic::warning(format!(
                    "content/{file} and content/{} differ only in upper and lower case",
                    first.get()
                ))
                .in_file(format!("content/{file}"))
                .help("Windows and macOS disks hold them as one file: rename one of them"),
            ),
            std::collections::hash_map::Entry::Occupied(_) => {}
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(file);
            }
        }
    }
    out
}

/// Reads one text file: a UTF-8 byte-order mark is dropped, anything not UTF-8 is an
/// error at the line of the first bad byte.
fn read_source(path: &Path, rel: String, kind: SourceKind) -> Result<SourceFile, Diagnostic> {
    let shown = format!("content/{rel}");
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("could not read this file: {e}")).in_file(shown.clone())
    })?;
    Ok(SourceFile::new(rel, kind, utf8_text(bytes, &shown)?))
}

/// The text of a file's bytes, `shown` as its name: a UTF-8 byte-order mark is dropped,
/// and anything not UTF-8 is an error at the line of the first bad byte (`site.toml`'s
/// too, which said only "stream did not contain valid UTF-8").
pub fn utf8_text(bytes: Vec<u8>, shown: &str) -> Result<String, Diagnostic> {
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            let idx = LineIndex::new(&lossy);
            let (line, column) = idx.locate(&lossy, prefix.len());
            Err(Diagnostic::error("this file is not UTF-8 text")
                .at(shown, &lossy, line, column)
                .help("save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding)"))
        }
    }
}

/// Control characters in a file's text, read as spaces, with a warning at the first:
/// they are invisible (Word writes U+000B for a manual line break, and pasted text
/// carries it), YAML refuses them and XML does not allow them (a feed or an SVG chart
/// with one does not open). A space keeps every place in the file where it was.
fn blank_controls(s: &mut SourceFile) -> Option<Diagnostic> {
    use crate::text::escape::is_control;
    let at = crate::text::escape::first_control(&s.text)?;
    let c = s.text.get(at..)?.chars().next()?;
    let count = s.text.chars().filter(|&c| is_control(c)).count();
    let (line, column) = LineIndex::new(&s.text).locate(&s.text, at);
    let what = match c {
        '\u{b}' => "a line break from Word (vertical tab, U+000B)".to_string(),
        c => format!("an invisible control character (U+{:04X})", c as u32),
    };
    let more = match count {
        1 => String::new(),
        n => format!(", and {} more in this file", n - 1),
    };
    let d = Diagnostic::warning(format!("{what} is read as a space here{more}"))
        .at(&s.display(), &s.text, line, column)
        .help("delete it, or press Enter for a new line: the character cannot be seen, and web pages, feeds and charts cannot hold it");
    s.text = s.text.replace(is_control, " ").into();
    Some(d)
}

/// A hidden file or folder (`.git`, `.DS_Store`), not read or published; but for those a
/// web host reads from the published site: `.well-known/` (security.txt, domain
/// checks), `.htaccess` (Apache) and `.nojekyll` (GitHub Pages).
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    const FOR_HOSTS: &[&str] = &[".well-known", ".htaccess", ".nojekyll"];
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && !FOR_HOSTS.contains(&n))
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn display_rel(base: &Path, path: &Path) -> String {
    format!("content/{}", relative(base, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_from_word_is_read_as_a_space_with_a_warning_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path();
        std::fs::write(
            c.join("_index.md"),
            "---\ntitle: \"From\u{b}Word\"\n---\n\nA\u{b}b\u{1}c\n",
        )
        .unwrap();
        let (found, problems) = discover(c, &[]);
        assert_eq!(
            &*found.sources[0].text,
            "---\ntitle: \"From Word\"\n---\n\nA b c\n"
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "a line break from Word (vertical tab, U+000B) is read as a space here, and 2 more in this file"
        );
        let at = problems[0].location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (2, 13));
    }

    #[test]
    fn classifies_pages_sections_data_and_assets() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path();
        std::fs::create_dir_all(c.join("_data")).unwrap();
        std::fs::create_dir_all(c.join("recs")).unwrap();
        std::fs::create_dir_all(c.join(".git")).unwrap();
        std::fs::write(c.join("_index.md"), "x").unwrap();
        std::fs::write(c.join("recs/pay.md"), "\u{feff}x").unwrap();
        std::fs::write(c.join("recs/pic.png"), [0u8, 1]).unwrap();
        std::fs::write(c.join("_data/glossary.yaml"), "[]").unwrap();
        std::fs::write(c.join(".git/HEAD"), "x").unwrap();
        let (found, problems) = discover(c, &[]);
        assert!(problems.is_empty(), "{problems:?}");
        let kinds: Vec<_> = found
            .sources
            .iter()
            .map(|s| (s.rel.as_str(), s.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("_data/glossary.yaml", SourceKind::Data),
                ("_index.md", SourceKind::SectionIndex),
                ("recs/pay.md", SourceKind::Page)
            ]
        );
        assert_eq!(
            &*found.sources[2].text, "x",
            "the byte-order mark is dropped"
        );
        assert_eq!(found.assets.len(), 1);
        assert_eq!(found.assets[0].rel, "recs/pic.png");
        // What a web host reads from the site is published, hidden or not.
        std::fs::create_dir_all(c.join(".well-known")).unwrap();
        std::fs::write(c.join(".well-known/security.txt"), "Contact: x").unwrap();
        std::fs::write(c.join(".nojekyll"), "").unwrap();
        std::fs::write(c.join(".secret"), "").unwrap();
        let (found, _) = discover(c, &[]);
        let assets: Vec<&str> = found.assets.iter().map(|a| a.rel.as_str()).collect();
        assert_eq!(
            assets,
            [".nojekyll", ".well-known/security.txt", "recs/pic.png"]
        );
    }

    #[test]
    fn two_names_that_store_an_accent_two_ways_are_said_to() {
        assert!(
            same_twice_help("content/caf\u{e9}.md", "content/cafe\u{301}.md")
                .contains("accented letter")
        );
        assert!(same_twice_help("content/_data/a.yml", "content/_data/a.yaml").contains(".yml"));
    }

    #[test]
    fn non_utf8_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.md"),
            b"---\ntitle: x\n---\nbad \xff here\n",
        )
        .unwrap();
        let (_, problems) = discover(dir.path(), &[]);
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!(
            (loc.file.as_str(), loc.line, loc.column),
            ("content/a.md", 4, 5)
        );
    }
}
