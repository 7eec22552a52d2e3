//! The default theme built into plainsite, and how a site's copy of it compares.
//!
//! `plainsite new` copies the theme into the site (`themes/default`), so an author can
//! change it; a later plainsite's fixes to the theme (an accessibility fix, plainer
//! words) then do not reach the site on their own. Every version of every theme file
//! plainsite has shipped is listed by its SHA-256 (`theme_history.txt`, written by
//! `tests/theme_history.py` from the repository's history), so a copy can be told apart:
//! up to date, an older copy nobody changed (safe to replace), or changed by the author
//! (kept). `plainsite update-theme` replaces the older copies; the checks say when
//! there are some.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::load::config::{SiteConfig, CONFIG_FILE};
use crate::text::diagnostics::{Diagnostic, LineIndex};
use crate::text::rule::Rule;

/// The default theme, as it is in this repository's `themes/default`.
pub static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The theme's folder name in `themes/`.
pub const DEFAULT_NAME: &str = "default";

/// `path<TAB>sha256` for every version of every file of the theme plainsite shipped.
const HISTORY: &str = include_str!("theme_history.txt");

/// How a site's copy of the default theme compares with this plainsite's.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Files as an earlier plainsite wrote them, which this one has changed: replaced by
    /// `update-theme`.
    pub older: Vec<String>,
    /// Files of this theme the copy does not have, in a folder it has, and, for a
    /// language's words, in a language of the site: added by `update-theme`. (A
    /// folder the author removed, or the words of a language the site does not have,
    /// stay out: they were left out on purpose.)
    pub missing: Vec<String>,
    /// Files the author changed (not any version plainsite shipped): kept.
    pub changed: Vec<String>,
    /// How many files are as this plainsite has them.
    pub same: usize,
}

impl Comparison {
    /// Whether `update-theme` has anything to do.
    pub fn is_behind(&self) -> bool {
        !(self.older.is_empty() && self.missing.is_empty())
    }

    /// Whether the copy is plainsite's theme at all: some file of it is one a plainsite
    /// wrote. A theme of the author's own that is named `default` is not, and is left
    /// alone.
    pub fn is_plainsites(&self) -> bool {
        self.same + self.older.len() > 0
    }
}

/// Compares the copy of the default theme in `dir` (a site's `themes/default`) with the
/// theme built in, file by file, as `/`-separated paths within the theme, for a site
/// in `languages` (their codes).
pub fn compare(dir: &Path, languages: &[&str]) -> Comparison {
    compare_with(dir, languages, &history())
}

/// [`compare`] against the versions in `history`.
fn compare_with(dir: &Path, languages: &[&str], history: &HashSet<(&str, &str)>) -> Comparison {
    let mut out = Comparison::default();
    for file in files_of(&DEFAULT_THEME) {
        let rel = rel_of(file);
        let Ok(copy) = std::fs::read(dir.join(&rel)) else {
            if wanted(dir, &rel, languages) {
                out.missing.push(rel);
            }
            continue;
        };
        if normal(&copy) == normal(file.contents()) {
            out.same += 1;
            continue;
        }
        match history.contains(&(rel.as_str(), digest(&copy).as_str())) {
            true => out.older.push(rel),
            false => out.changed.push(rel),
        }
    }
    out
}

/// The warning (`old-theme`) for a site whose copy of the default theme is behind this
/// plainsite's: at `theme` in site.toml. None when the site uses another theme, has no
/// copy of this one, or the rule is off.
pub fn behind(config: &SiteConfig) -> Option<Diagnostic> {
    // A copy that is a link (a theme shared by several sites) is not the site's own:
    // update-theme will not write there.
    let real = std::fs::symlink_metadata(config.theme_dir()).is_ok_and(|m| m.is_dir());
    if config.theme != DEFAULT_NAME || !real {
        return None;
    }
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let found = compare(&config.theme_dir(), &codes);
    if !found.is_plainsites() {
        return None;
    }
    let first = found.older.first().or(found.missing.first())?;
    let count = found.older.len() + found.missing.len();
    let d = config.checks.diagnostic(
        Rule::OldTheme,
        format!("themes/default is older than this plainsite's theme: {count} file(s) have changed since it was copied (such as {first}), with fixes the site does not have yet"),
    )?;
    let d = d.help("run plainsite update-theme: it replaces the files nobody changed and keeps the ones you changed");
    Some(match config.place_of("theme") {
        Some((text, offset)) => d.at_offset(CONFIG_FILE, &LineIndex::new(text), text, offset),
        None => d.in_file(CONFIG_FILE),
    })
}

/// Whether a theme file the copy in `dir` lacks belongs in it: its folder is there, and
/// a language's words (`i18n/zh.toml`) only for a language of the site.
fn wanted(dir: &Path, rel: &str, languages: &[&str]) -> bool {
    let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
    let words_of = rel
        .strip_prefix("i18n/")
        .and_then(|name| name.strip_suffix(".toml"));
    let in_site = |code: &str| {
        languages
            .iter()
            .any(|l| crate::load::languages::primary(l).eq_ignore_ascii_case(code))
    };
    path_in(dir, folder).is_dir() && words_of.is_none_or(in_site)
}

/// The theme file at `rel` (`templates/base.html`), as this plainsite has it.
pub fn file(rel: &str) -> Option<&'static [u8]> {
    DEFAULT_THEME.get_file(rel).map(|f| f.contents())
}

/// The path of `rel` in a site's copy of the theme at `dir`.
pub fn path_in(dir: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .fold(dir.to_path_buf(), |p, part| p.join(part))
}

/// Every file under `d`, in its folders too.
pub fn files_of<'a>(d: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<_> = d.files().collect();
    for sub in d.dirs() {
        out.extend(files_of(sub));
    }
    out
}

/// A built-in theme file's path within the theme, `/`-separated.
fn rel_of(file: &include_dir::File) -> String {
    let parts: Vec<_> = file
        .path()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The (path, SHA-256) pairs of [`HISTORY`].
fn history() -> HashSet<(&'static str, &'static str)> {
    HISTORY.lines().filter_map(|l| l.split_once('\t')).collect()
}

/// The bytes with CRLF line ends read as LF: a checkout on Windows may convert them.
fn normal(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !bytes.windows(2).any(|w| w == b"\r\n") {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(i) = rest.windows(2).position(|w| w == b"\r\n") {
        out.extend_from_slice(&rest[..i]);
        out.push(b'\n');
        rest = &rest[i + 2..];
    }
    out.extend_from_slice(rest);
    std::borrow::Cow::Owned(out)
}

/// The SHA-256 of `bytes` as [`HISTORY`] writes it (CRLF read as LF), in hexadecimal.
fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    crate::text::hex(&Sha256::digest(normal(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_default_theme_is_in_its_history() {
        // Else a site made with this theme would, after the next change to it, count as
        // changed by its author, and update-theme would keep its old copy.
        let history = history();
        let missing: Vec<String> = files_of(&DEFAULT_THEME)
            .into_iter()
            .map(|f| (rel_of(f), digest(f.contents())))
            .filter(|(rel, sha)| !history.contains(&(rel.as_str(), sha.as_str())))
            .map(|(rel, _)| rel)
            .collect();
        assert!(
            missing.is_empty(),
            "{missing:?} changed: run `python3 tests/theme_history.py > src/load/theme_history.txt`"
        );
    }

    #[test]
    fn a_copy_is_up_to_date_older_or_changed_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        for f in files_of(&DEFAULT_THEME) {
            let path = path_in(dir.path(), &rel_of(f));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f.contents()).unwrap();
        }
        let all = files_of(&DEFAULT_THEME).len();
        let fresh = compare(dir.path(), &["en"]);
        assert_eq!((fresh.same, fresh.is_behind()), (all, false));
        // An older version of a file, as a plainsite shipped it (here: one made up, and
        // put in the history), with Windows line ends in another.
        let older = "i18n/fr.toml";
        let mut old = file(older).unwrap().to_vec();
        old.extend_from_slice(b"# an older version\n");
        std::fs::write(path_in(dir.path(), older), &old).unwrap();
        let old_sha = digest(&old);
        let mut history = history();
        history.insert((older, old_sha.as_str()));
        let changed = "templates/base.html";
        let mut edited = file(changed).unwrap().to_vec();
        edited.extend_from_slice(b"<!-- mine -->\n");
        std::fs::write(path_in(dir.path(), changed), edited).unwrap();
        std::fs::remove_file(path_in(dir.path(), "static/search.js")).unwrap();
        let crlf = String::from_utf8(file("theme.toml").unwrap().to_vec())
            .unwrap()
            .replace('\n', "\r\n");
        std::fs::write(path_in(dir.path(), "theme.toml"), crlf).unwrap();
        let got = compare_with(dir.path(), &["en"], &history);
        assert_eq!(got.older, [older]);
        assert_eq!(got.changed, [changed]);
        assert_eq!(got.missing, ["static/search.js"]);
        assert_eq!(
            got.same,
            all - 3,
            "theme.toml, with Windows line ends, is the same"
        );
        // Left out on purpose: the words of a language the site does not have, and a
        // folder the author removed.
        std::fs::remove_file(path_in(dir.path(), "i18n/zh.toml")).unwrap();
        std::fs::remove_dir_all(path_in(dir.path(), "static/snowball")).unwrap();
        assert_eq!(compare(dir.path(), &["en"]).missing, ["static/search.js"]);
        let chinese = compare(dir.path(), &["en", "zh-Hans"]).missing;
        assert_eq!(chinese, ["i18n/zh.toml", "static/search.js"]);
        // A theme of the author's own named `default`: none of plainsite's files.
        let own = tempfile::tempdir().unwrap();
        std::fs::write(own.path().join("theme.toml"), "name = \"mine\"\n").unwrap();
        assert!(!compare(own.path(), &["en"]).is_plainsites());
        // Without that version in the history, the file is the author's.
        assert_eq!(compare(dir.path(), &["en"]).changed, [older, changed]);
    }
}
