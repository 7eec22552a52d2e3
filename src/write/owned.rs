//! Stage 8, write: the list of files plainsite wrote in an output folder, kept in its
//! marker file. A build replaces only the files on the last build's list: a file that
//! is not on it (a `CNAME`, a report someone copied in) stops the build before anything
//! is replaced, naming it. Files another command made (`plainsite brief`, `plainsite
//! epub`) are listed with that command's name, and a later build that does not make
//! them itself keeps them, so the PDFs and the EPUB books can be published together.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use crate::text::error::{Error, Result};

/// The marker's first lines (see [`super::MARKER`]).
pub(super) const MARKER_TEXT: &str =
    "This folder is written by plainsite. A build replaces the files listed below\n\
and keeps those another command made; it stops, and changes nothing, if the folder\n\
holds any other file.\n";

/// The line before the list. A marker without it was written by an earlier plainsite,
/// which kept no list: everything in that folder is taken as plainsite's.
const LIST_START: &str = "# files (then a tab and the command that made it, if not a build):";

/// The files written so far into a staging folder, each with the command that made it
/// (`None`: the build itself). Files are written from many threads.
#[derive(Debug, Default)]
pub(super) struct Record(Mutex<Vec<(String, Option<String>)>>);

impl Record {
    /// Records a file the build wrote at `rel` (a `/`-separated path).
    pub fn add(&self, rel: &str) {
        self.lock().push((normal(rel), None));
    }

    /// Records files another command made.
    pub fn add_made(&self, rels: &[String], command: &str) {
        let mut list = self.lock();
        list.extend(rels.iter().map(|r| (normal(r), Some(command.to_string()))));
    }

    /// Every path recorded so far.
    pub fn paths(&self) -> std::collections::HashSet<String> {
        self.lock().iter().map(|(r, _)| r.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, Option<String>)>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The marker's text: the list sorted, each file once (with its command, if any).
    pub fn marker(self) -> String {
        let list = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        marker_text(list)
    }
}

/// The marker's text for `list`.
fn marker_text(list: impl IntoIterator<Item = (String, Option<String>)>) -> String {
    let mut files: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (rel, command) in list {
        let entry = files.entry(rel).or_default();
        if command.is_some() {
            *entry = command;
        }
    }
    let mut out = format!("{MARKER_TEXT}{LIST_START}\n");
    for (rel, command) in files {
        out.push_str(&escape(&rel));
        if let Some(c) = command {
            out.push('\t');
            out.push_str(&escape(&c));
        }
        out.push('\n');
    }
    out
}

/// `rel` with empty and `.` parts dropped, as the file is written.
fn normal(rel: &str) -> String {
    rel.split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

fn escape(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(s: &str) -> String {
    s.replace("%09", "\t")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

/// What an output folder holds, compared with its marker's list.
#[derive(Debug, Default)]
pub(super) struct Old {
    /// The files another command made, with that command, that are still there.
    pub made: Vec<(String, String)>,
    /// The files that are not on the list (none when the marker has no list).
    pub strangers: Vec<String>,
    /// Every file, when the marker has no list (an earlier plainsite wrote it).
    pub earlier: Vec<String>,
}

/// What a marker file says about the files beside it.
enum Listed {
    /// No marker that can be read: the folder is new (or empty), nothing in it to keep.
    Nothing,
    /// A marker without a list, as plainsite wrote before it kept one: any file may be
    /// an old page or someone's own file, and no one can tell which.
    Unknown,
    /// The files plainsite wrote, each with the command that made it (`None`: a build).
    Files(BTreeMap<String, Option<String>>),
}

/// Reads the list in the marker of the output folder `dir` and walks the folder. A
/// folder that does not exist has neither strangers nor made files. In a folder whose
/// marker has no list, every file is [`Old::earlier`]: it may be someone's (a `CNAME`)
/// or a page taken down since, and no one can tell which.
pub(super) fn old(dir: &Path) -> Old {
    let list = match read_marker(&dir.join(super::MARKER)) {
        Listed::Nothing => return Old::default(),
        Listed::Unknown => None,
        Listed::Files(list) => Some(list),
    };
    let mut out = Old::default();
    for rel in files_in(dir) {
        if rel == super::MARKER || system_file(&rel) {
            continue;
        }
        let Some(list) = &list else {
            out.earlier.push(rel);
            continue;
        };
        match list.get(&rel) {
            Some(Some(command)) => out.made.push((rel, command.clone())),
            Some(None) => {}
            None => out.strangers.push(rel),
        }
    }
    out.strangers.sort();
    out.made.sort();
    out.earlier.sort();
    out
}

/// A file the computer writes by itself into any folder a person opens (a Mac's
/// `.DS_Store` and `._` files, Windows' `Thumbs.db` and `desktop.ini`): nobody's work,
/// so it goes with the old output instead of stopping the build.
fn system_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.starts_with("._")
        || [
            ".DS_Store",
            "Thumbs.db",
            "ehthumbs.db",
            "desktop.ini",
            ".localized",
        ]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// The list of a marker file, if it has one.
fn read_list(marker: &Path) -> Option<BTreeMap<String, Option<String>>> {
    match read_marker(marker) {
        Listed::Files(list) => Some(list),
        Listed::Nothing | Listed::Unknown => None,
    }
}

/// What the marker file says.
fn read_marker(marker: &Path) -> Listed {
    let text = match std::fs::read(marker) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Listed::Nothing,
        // A marker there but unreadable says nothing of the files: keep them all.
        Err(_) => return Listed::Unknown,
    };
    let Some((_, list)) = text.split_once(&format!("{LIST_START}\n")) else {
        return Listed::Unknown;
    };
    Listed::Files(
        list.lines()
            .filter(|l| !l.is_empty())
            .map(|l| match l.split_once('\t') {
                Some((rel, command)) => (unescape(rel), Some(unescape(command))),
                None => (unescape(l), None),
            })
            .collect(),
    )
}

/// Every file (or link) under `dir`, as `/`-separated paths; folders are not listed.
fn files_in(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        // A person's repository is kept whole, never listed (see [`super::GIT`]).
        .filter_entry(|e| {
            !(e.depth() == 1 && e.file_name() == super::GIT && e.file_type().is_dir())
        })
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
            Some(parts.join("/"))
        })
        .collect()
}

/// Adds files a one-page update wrote to the list in the marker of `dir` (an output
/// folder whose marker has no list is left as it is).
pub(super) fn add_to_list(dir: &Path, rels: &[String]) -> Result<()> {
    let marker = dir.join(super::MARKER);
    let Some(list) = read_list(&marker) else {
        return Ok(());
    };
    if rels.iter().all(|r| list.contains_key(&normal(r))) {
        return Ok(());
    }
    let all = list
        .into_iter()
        .chain(rels.iter().map(|r| (normal(r), None)));
    super::replace_under(dir, super::MARKER, marker_text(all).as_bytes())
}

/// The error for a file another command made (or an earlier plainsite left) that this
/// build cannot keep, because it writes `way` (a file or folder) in its place.
pub(super) fn in_the_way_error(shown: &Path, rel: &str, command: &str, way: &str) -> Error {
    let shown = shown_name(shown);
    Error::Refused(format!(
        "{shown}/{rel}, which `{command}` made, is in the way of {shown}/{way}, which this build writes. Nothing was changed\n  = help: a build keeps the files other commands made; move {shown}/{rel} out of {shown} yourself (or delete it, if you can make it again), and build again"
    ))
}

/// The output folder as shown in messages: without `./` or a `/` at the end.
fn shown_name(shown: &Path) -> String {
    let shown = shown.display().to_string();
    let shown = shown.strip_prefix("./").unwrap_or(&shown);
    shown.trim_end_matches('/').to_string()
}

/// The error for the files of an output folder an earlier plainsite wrote, which kept
/// no list of them, that this build does not make: each may be someone's file or a page
/// taken down since (which must not stay published), so the person decides.
pub(super) fn earlier_error(shown: &Path, files: &[String]) -> Error {
    let shown = shown_name(shown);
    let count = match files.len() {
        1 => "a file".to_string(),
        n => format!("{n} files"),
    };
    Error::Refused(format!(
        "the output folder {shown} was written by an earlier plainsite, which kept no list of its files, and has {count} this build does not make: {}. Nothing was changed\n  = help: a file of yours goes in content/ (content/CNAME is published as {shown}/CNAME): move it there. Delete the other files from {shown} (PDFs, Word or EPUB files an earlier `plainsite brief` or `plainsite epub` made are made again by running it), keeping a .git folder if there is one, and build again. From then on plainsite keeps a list and never asks again",
        named(&shown, files).join(", ")
    ))
}

/// Up to ten of `files` as paths in the output folder `shown`, and how many more.
fn named(shown: &str, files: &[String]) -> Vec<String> {
    const NAMED: usize = 10;
    let mut names: Vec<String> = files
        .iter()
        .take(NAMED)
        .map(|r| format!("{shown}/{r}"))
        .collect();
    if files.len() > NAMED {
        names.push(format!("and {} more", files.len() - NAMED));
    }
    names
}

/// The error for files in the output folder that plainsite did not write.
pub(super) fn strangers_error(shown: &Path, strangers: &[String]) -> Error {
    let shown = shown_name(shown);
    let names = named(&shown, strangers);
    let (count, they, them) = match strangers.len() {
        1 => ("a file".to_string(), "it", "it"),
        n => (format!("{n} files"), "they", "them"),
    };
    Error::Refused(format!(
        "the output folder {shown} has {count} that plainsite did not write: {}; a build replaces the whole folder, so {they} would be lost. Nothing was changed\n  = help: to publish a file with the site, put it in content/ (content/CNAME is published as {shown}/CNAME): every build then copies it. Otherwise move {them} out of {shown} yourself, and build again",
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_back_what_it_wrote_whatever_the_names() {
        let record = Record::default();
        record.add("b/index.html");
        record.add("a//odd\tname%09\n.html");
        record.add_made(&["brief/brief-en-a4.pdf".into()], "plainsite brief");
        record.add("brief/brief-en-a4.pdf");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(super::super::MARKER), record.marker()).unwrap();
        let list = read_list(&dir.path().join(super::super::MARKER)).unwrap();
        let got: Vec<(&str, Option<&str>)> = list
            .iter()
            .map(|(r, c)| (r.as_str(), c.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("a/odd\tname%09\n.html", None),
                ("b/index.html", None),
                ("brief/brief-en-a4.pdf", Some("plainsite brief")),
            ]
        );
    }

    #[test]
    fn files_the_computer_writes_into_an_opened_folder_are_not_strangers() {
        let record = Record::default();
        record.add("index.html");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(super::super::MARKER), record.marker()).unwrap();
        std::fs::create_dir(dir.path().join("about")).unwrap();
        for f in [
            "index.html",
            ".DS_Store",
            "about/Thumbs.db",
            "about/._index.html",
            "CNAME",
        ] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        assert_eq!(old(dir.path()).strangers, ["CNAME"]);
    }
}
