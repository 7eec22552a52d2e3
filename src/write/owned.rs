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

/// What the list says of one file: the command that made it (`None`: a build), and,
/// for a file a person may change (a Word file, see [`is_for_editing`]), the SHA-256 of
/// its bytes as plainsite made them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Listing {
    pub command: Option<String>,
    pub hash: Option<String>,
}

/// The files written so far into a staging folder, each with what the list says of it.
/// Files are written from many threads.
#[derive(Debug, Default)]
pub(super) struct Record(Mutex<Vec<(String, Listing)>>);

impl Record {
    /// Records a file the build wrote at `rel` (a `/`-separated path) in the staging
    /// folder `dir`.
    pub fn add(&self, dir: &Path, rel: &str) {
        self.push(dir, rel, None);
    }

    /// Records files another command made.
    pub fn add_made(&self, dir: &Path, rels: &[String], command: &str) {
        rels.iter()
            .for_each(|rel| self.push(dir, rel, Some(command.to_string())));
    }

    /// Records one file, with the SHA-256 of its bytes when a person may change it (see
    /// [`is_for_editing`]), so that a later build can tell a changed copy from its own.
    /// This is the one place a file gets on the list, so every way into the output
    /// folder records the hash.
    fn push(&self, dir: &Path, rel: &str, command: Option<String>) {
        let hash = match is_for_editing(rel) {
            true => hash_of(&dir.join(rel)),
            false => None,
        };
        self.lock().push((normal(rel), Listing { command, hash }));
    }

    /// Every path recorded so far.
    pub fn paths(&self) -> std::collections::HashSet<String> {
        self.lock().iter().map(|(r, _)| r.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, Listing)>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The marker's text: the list sorted, each file once (with its command and hash, if
    /// any).
    pub fn marker(self) -> String {
        let list = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        marker_text(list)
    }
}

/// Whether a person may change the file at `rel` in the output folder: a Word file is
/// made to be edited before a meeting, and may be saved where it is.
pub(super) fn is_for_editing(rel: &str) -> bool {
    Path::new(rel)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("docx"))
}

/// The SHA-256 of a file's bytes, in hexadecimal; `None` if it cannot be read.
fn hash_of(path: &Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).ok()?;
    Some(crate::text::hex(&Sha256::digest(&bytes)))
}

/// The marker's text for `list`: a line a file, its path, then a tab and the command
/// that made it (empty for a build) when there is one or a hash, then a tab and the hash.
fn marker_text(list: impl IntoIterator<Item = (String, Listing)>) -> String {
    let mut files: BTreeMap<String, Listing> = BTreeMap::new();
    for (rel, listing) in list {
        let entry = files.entry(rel).or_default();
        if listing.command.is_some() {
            entry.command = listing.command;
        }
        if listing.hash.is_some() {
            entry.hash = listing.hash;
        }
    }
    let mut out = format!("{MARKER_TEXT}{LIST_START}\n");
    for (rel, listing) in files {
        out.push_str(&escape(&rel));
        if listing.command.is_some() || listing.hash.is_some() {
            out.push('\t');
            out.push_str(&escape(listing.command.as_deref().unwrap_or_default()));
        }
        if let Some(hash) = listing.hash {
            out.push('\t');
            out.push_str(&hash);
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
    // Most names have nothing to escape: each is copied once, not four times.
    if !s.bytes().any(|b| matches!(b, b'%' | b'\t' | b'\n' | b'\r')) {
        return s.to_string();
    }
    s.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(s: &str) -> String {
    if memchr::memchr(b'%', s.as_bytes()).is_none() {
        return s.to_string();
    }
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
    /// The files a person may change (see [`is_for_editing`]) whose bytes are no longer
    /// those plainsite made.
    pub changed: Vec<String>,
    /// The lock files a word processor keeps beside a file it has open (see
    /// [`lock_file`]), each with that file when it is there.
    pub open: Vec<(String, Option<String>)>,
}

/// Whether `dir` has what a plainsite build writes beside its marker: the list of
/// addresses it published (a file) or the keys of its pictures (a folder). A folder
/// that has one and no marker was most likely made by plainsite, its marker deleted
/// since; but a person may have copied a list of addresses into a folder of their own,
/// so this only chooses the words of the refusal (see `check_replaceable`).
pub(super) fn looks_made_by_plainsite(dir: &Path) -> bool {
    let is = |name: &str, folder: bool| {
        std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| match folder {
            true => m.is_dir(),
            false => m.is_file(),
        })
    };
    is(crate::outputs::manifest::FILE, false) || is(crate::write::images::KEYS, true)
}

/// What a marker file says about the files beside it.
enum Listed {
    /// No marker that can be read: the folder is new (or empty), nothing in it to keep.
    Nothing,
    /// A marker without a list, as plainsite wrote before it kept one: any file may be
    /// an old page or someone's own file, and no one can tell which.
    Unknown,
    /// The files plainsite wrote, each with what the list says of it.
    Files(BTreeMap<String, Listing>),
}

/// Reads the list in the marker of the output folder `dir` and walks the folder. A
/// folder that does not exist has neither strangers nor made files. In a folder whose
/// marker has no list, every file is [`Old::earlier`]: it may be someone's (a `CNAME`)
/// or a page taken down since, and no one can tell which.
pub(super) fn old(dir: &Path) -> Old {
    let mut out = Old::default();
    let list = match read_marker(&dir.join(super::MARKER)) {
        Listed::Nothing => return out,
        Listed::Unknown => None,
        Listed::Files(list) => Some(list),
    };
    let files = files_in(dir);
    for rel in files.iter().cloned() {
        if rel == super::MARKER || system_file(&rel) {
            continue;
        }
        if lock_file(&rel) {
            out.open.push((rel, None));
            continue;
        }
        let Some(list) = &list else {
            out.earlier.push(rel);
            continue;
        };
        let Some(listing) = list.get(&rel) else {
            out.strangers.push(rel);
            continue;
        };
        if listing.hash.is_some() && hash_of(&dir.join(&rel)) != listing.hash {
            out.changed.push(rel.clone());
        }
        if let Some(command) = &listing.command {
            out.made.push((rel, command.clone()));
        }
    }
    out.changed.sort();
    out.open.sort();
    for (lock, document) in &mut out.open {
        *document = locked_document(lock, &files);
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

/// A lock file a word processor writes beside a file while it has it open: Word's
/// `~$ief-en.docx` (Excel and PowerPoint do the same), LibreOffice's
/// `.~lock.brief-en.docx#`. It is not a person's work, but it says a person is at work
/// on a file in the output folder, which a build would replace under them.
fn lock_file(rel: &str) -> bool {
    let (_, name) = folder_and_name(rel);
    name.starts_with("~$") || (name.starts_with(".~lock.") && name.ends_with('#'))
}

/// The file a lock file (see [`lock_file`]) stands for, when it is beside it among
/// `files`: LibreOffice's `.~lock.NAME#` names it whole; Word's `~$` takes the place of
/// the name's first two letters (or comes before a short name).
fn locked_document(lock: &str, files: &[String]) -> Option<String> {
    let (folder, name) = folder_and_name(lock);
    if let Some(whole) = (name.strip_prefix(".~lock.")).and_then(|n| n.strip_suffix('#')) {
        let document = match folder.is_empty() {
            true => whole.to_string(),
            false => format!("{folder}/{whole}"),
        };
        return files.contains(&document).then_some(document);
    }
    let tail = name.strip_prefix("~$")?;
    let mut found = files.iter().filter(|rel| {
        let (in_folder, its_name) = folder_and_name(rel);
        in_folder == folder
            && !lock_file(rel)
            && its_name.ends_with(tail)
            && its_name.len() <= tail.len() + 2
    });
    let document = found.next()?;
    found.next().is_none().then(|| document.clone())
}

/// The folder of a `/`-separated path (empty at the top) and its file's name.
fn folder_and_name(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

/// The list of a marker file, if it has one.
fn read_list(marker: &Path) -> Option<BTreeMap<String, Listing>> {
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
            .map(|l| {
                let mut parts = l.split('\t');
                let rel = unescape(parts.next().unwrap_or_default());
                let command = parts.next().filter(|c| !c.is_empty()).map(unescape);
                let hash = parts.next().map(str::to_string);
                (rel, Listing { command, hash })
            })
            .collect(),
    )
}

/// Every file (or link) under `dir`, as `/`-separated paths; folders are not listed.
fn files_in(dir: &Path) -> Vec<String> {
    use rayon::prelude::*;
    // The output's folders are walked in parallel, one top folder at a time on each core:
    // the walk comes just before the swap, when the build's other work is done and its
    // other cores idle (a site of 1,000 pages has over a thousand folders).
    let walk = |root: &Path| walkdir::WalkDir::new(root).follow_links(false);
    let top: Vec<walkdir::DirEntry> = walk(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        // A person's repository is kept whole, never listed (see [`super::GIT`]).
        .filter_entry(|e| !(e.file_name() == super::GIT && e.file_type().is_dir()))
        .filter_map(|e| e.ok())
        .collect();
    let rel = |e: walkdir::DirEntry| {
        let rel = e.path().strip_prefix(dir).ok()?;
        let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
        Some(parts.join("/"))
    };
    top.into_par_iter()
        .flat_map_iter(|e| match e.file_type().is_dir() {
            true => walk(e.path()).into_iter().filter_map(|e| e.ok()).collect(),
            false => vec![e],
        })
        .filter(|e| !e.file_type().is_dir())
        .filter_map(rel)
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
        .chain(rels.iter().map(|r| (normal(r), Listing::default())));
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
    let (count, _) = how_many(files);
    Error::Refused(format!(
        "the output folder {shown} was written by an earlier plainsite, which kept no list of its files, and has {count} this build does not make: {}. Nothing was changed\n  = help: a file of yours goes in content/ (content/CNAME is published as {shown}/CNAME): move it there. Delete the other files from {shown} (PDFs, Word or EPUB files an earlier `plainsite brief` or `plainsite epub` made are made again by running it), keeping a .git folder if there is one, and build again. From then on plainsite keeps a list and never asks again",
        named(&shown, files).join(", ")
    ))
}

/// "a file" or "3 files", and whether `files` is one file (for the words that follow).
fn how_many(files: &[String]) -> (String, bool) {
    match files.len() {
        1 => ("a file".to_string(), true),
        n => (format!("{n} files"), false),
    }
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

/// The error for files a person may change (Word files) that were changed after
/// plainsite made them: a build would replace them, and the changes would be lost.
pub(super) fn changed_error(shown: &Path, changed: &[String]) -> Error {
    let shown = shown_name(shown);
    let names = named(&shown, changed);
    let (count, one) = how_many(changed);
    let (was, them) = if one { ("was", "it") } else { ("were", "them") };
    Error::Refused(format!(
        "{count} in the output folder {was} edited after plainsite made {them}: {}. A build replaces the output folder: the edits would be lost, or published as what plainsite made. Nothing was changed\n  = help: to keep the edits, move {them} out of {shown}, for example to your Documents folder. If you do not need them, delete {them}. Then run the command again. `plainsite brief --docx` makes a new Word file of the brief (a build does too when the brief has `docx: true`)",
        names.join(", ")
    ))
}

/// The error for a file open in a word processor in the output folder, which `locks`
/// (its lock files, see [`lock_file`]) show.
pub(super) fn open_error(shown: &Path, open: &[(String, Option<String>)]) -> Error {
    let shown = shown_name(shown);
    let locks: Vec<String> = open.iter().map(|(lock, _)| lock.clone()).collect();
    let documents: Vec<String> = (open.iter())
        .map(|(lock, document)| document.clone().unwrap_or_else(|| lock.clone()))
        .collect();
    let (locks, documents) = (named(&shown, &locks), named(&shown, &documents));
    let (locks, documents) = (locks.join(", "), documents.join(", "));
    let one = open.len() == 1;
    let (are, file, them, say) = match one {
        true => ("is", "the hidden file", "it", "says"),
        false => ("are", "the hidden files", "them", "say"),
    };
    Error::Refused(format!(
        "{documents} in the output folder {are} open in Word or LibreOffice ({file} {locks} {say} so). A build replaces the output folder, and with it what is open. Nothing was changed\n  = help: if you changed {them}, save {them} outside {shown}, for example in your Documents folder. Close {them}, then run the command again. If nothing is open, delete {file} {locks}: Word or LibreOffice left {them} behind. To see hidden files: on Windows, in File Explorer choose View, then Show, then Hidden items; on a Mac, press Command, Shift and the full stop together"
    ))
}

/// The error for an output folder that looks made by plainsite (see
/// [`looks_made_by_plainsite`]) but has no marker: its files cannot be told from a
/// person's, so none is replaced.
pub(super) fn list_missing_error(shown: &str) -> Error {
    let shown = shown_name(Path::new(shown));
    Error::Refused(format!(
        "the output folder {shown} looks like one plainsite made, but its list of files ({shown}/{}) is missing, so plainsite cannot tell its own files from yours and will not replace any. Nothing was changed\n  = help: move the files you want to keep out of {shown} (a brief's PDF or Word files, books, files you added), for example to your Documents folder. Then delete {shown} and build again, and run `plainsite brief` or `plainsite epub` again for their files. Or choose an empty or new folder with --output",
        super::MARKER
    ))
}

/// The error for files in the output folder that plainsite did not write.
pub(super) fn strangers_error(shown: &Path, strangers: &[String]) -> Error {
    let shown = shown_name(shown);
    let names = named(&shown, strangers);
    let (count, one) = how_many(strangers);
    let (they, them) = if one { ("it", "it") } else { ("they", "them") };
    Error::Refused(format!(
        "the output folder {shown} has {count} that plainsite did not write: {}; a build replaces the whole folder, so {they} would be lost. Nothing was changed\n  = help: to publish a file with the site, put it in content/ (content/CNAME is published as {shown}/CNAME): every build then copies it. Otherwise move {them} out of {shown} yourself, and build again",
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file at every depth, and a link as a file, never followed; a person's
    /// repository at the top of the folder is left out, and only there.
    #[test]
    fn the_files_of_an_output_folder_are_every_file_but_a_repository_at_its_top() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "index.html",
            "a/index.html",
            "a/b/c/d.png",
            "z/y/x/w/v.txt",
            ".git/config",
            ".git/objects/ab/cd",
            "sub/.git/config",
        ] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::create_dir_all(root.join("empty/folder")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("a"), root.join("a/link")).unwrap();
        let mut found = files_in(root);
        found.sort();
        let mut expected = vec![
            "a/b/c/d.png",
            "a/index.html",
            "index.html",
            "sub/.git/config",
            "z/y/x/w/v.txt",
        ];
        if cfg!(unix) {
            expected.push("a/link");
        }
        expected.sort();
        assert_eq!(found, expected);
    }

    /// The shortcut for names with nothing to escape gives what the replacements give.
    #[test]
    fn names_are_escaped_and_read_back_with_or_without_anything_to_escape() {
        for name in [
            "",
            "a/index.html",
            "100%.html",
            "%09",
            "a\tb",
            "a\nb",
            "a\rb",
            "%2525",
        ] {
            let oracle = name
                .replace('%', "%25")
                .replace('\t', "%09")
                .replace('\n', "%0A")
                .replace('\r', "%0D");
            assert_eq!(escape(name), oracle, "{name:?}");
            assert_eq!(unescape(&escape(name)), name, "{name:?}");
        }
        assert_eq!(unescape("a%0Ab%25"), "a\nb%");
    }

    #[test]
    fn the_list_reads_back_what_it_wrote_whatever_the_names() {
        let dir = tempfile::tempdir().unwrap();
        let record = Record::default();
        record.add(dir.path(), "b/index.html");
        record.add(dir.path(), "a//odd\tname%09\n.html");
        let pdf = ["brief/brief-en-a4.pdf".to_string()];
        record.add_made(dir.path(), &pdf, "plainsite brief");
        record.add(dir.path(), "brief/brief-en-a4.pdf");
        std::fs::write(dir.path().join(super::super::MARKER), record.marker()).unwrap();
        let list = read_list(&dir.path().join(super::super::MARKER)).unwrap();
        let got: Vec<(&str, Option<&str>)> = list
            .iter()
            .map(|(r, l)| (r.as_str(), l.command.as_deref()))
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
    fn a_word_file_changed_since_plainsite_made_it_is_told_apart_from_one_as_made() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("brief")).unwrap();
        for f in [
            "brief/brief-en.docx",
            "brief/brief-fr.docx",
            "brief/index.html",
        ] {
            std::fs::write(dir.path().join(f), "as made").unwrap();
        }
        let record = Record::default();
        record.add(dir.path(), "brief/index.html");
        record.add(dir.path(), "brief/brief-en.docx");
        let fr = ["brief/brief-fr.docx".to_string()];
        record.add_made(dir.path(), &fr, "plainsite brief --docx");
        std::fs::write(dir.path().join(super::super::MARKER), record.marker()).unwrap();
        let list = read_list(&dir.path().join(super::super::MARKER)).unwrap();
        assert!(list["brief/index.html"].hash.is_none());
        assert_eq!(
            list[&fr[0]].command.as_deref(),
            Some("plainsite brief --docx")
        );
        assert_eq!(old(dir.path()).changed, Vec::<String>::new());
        // Saved from Word where it was, and a page edited by hand (pages are not kept).
        for f in [
            "brief/brief-en.docx",
            "brief/brief-fr.docx",
            "brief/index.html",
        ] {
            std::fs::write(dir.path().join(f), "edited").unwrap();
        }
        let old = old(dir.path());
        assert_eq!(old.changed, ["brief/brief-en.docx", "brief/brief-fr.docx"]);
        assert!(old.strangers.is_empty());
    }

    #[test]
    fn files_the_computer_writes_into_an_opened_folder_are_not_strangers() {
        let dir = tempfile::tempdir().unwrap();
        let record = Record::default();
        record.add(dir.path(), "index.html");
        std::fs::write(dir.path().join(super::super::MARKER), record.marker()).unwrap();
        std::fs::create_dir(dir.path().join("about")).unwrap();
        for f in [
            "index.html",
            ".DS_Store",
            "about/Thumbs.db",
            "about/._index.html",
            "about/~$out.docx",
            "about/.~lock.about.docx#",
            "CNAME",
            "~notes.txt",
        ] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let old = old(dir.path());
        assert_eq!(old.strangers, ["CNAME", "~notes.txt"]);
        // A word processor's lock files: someone is at work on a file here.
        let locks: Vec<&str> = old.open.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(locks, ["about/.~lock.about.docx#", "about/~$out.docx"]);
    }

    #[test]
    fn a_lock_file_names_the_document_open_beside_it() {
        let files: Vec<String> = [
            "brief/brief-en.docx",
            "brief/brief-fr.docx",
            "brief/a.docx",
            "notes.docx",
        ]
        .map(String::from)
        .to_vec();
        let of = |lock: &str| locked_document(lock, &files);
        // Word: `~$` in place of the first two letters, or before a short name.
        assert_eq!(
            of("brief/~$ief-en.docx").as_deref(),
            Some("brief/brief-en.docx")
        );
        assert_eq!(of("brief/~$a.docx").as_deref(), Some("brief/a.docx"));
        assert_eq!(of("~$tes.docx").as_deref(), Some("notes.docx"));
        // LibreOffice names it whole.
        assert_eq!(
            of("brief/.~lock.brief-fr.docx#").as_deref(),
            Some("brief/brief-fr.docx")
        );
        // Not there (closed since, or in another folder), or more than one could be it.
        assert_eq!(of("~$ief-en.docx"), None);
        assert_eq!(of("brief/.~lock.gone.docx#"), None);
        let two: Vec<String> = ["x/ab-en.docx", "x/cd-en.docx"].map(String::from).to_vec();
        assert_eq!(locked_document("x/~$-en.docx", &two), None);
    }

    #[test]
    fn a_folder_with_a_builds_list_of_addresses_or_picture_keys_looks_made_by_plainsite() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!looks_made_by_plainsite(dir.path()));
        std::fs::create_dir(dir.path().join(crate::write::images::KEYS)).unwrap();
        assert!(looks_made_by_plainsite(dir.path()));
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join(crate::outputs::manifest::FILE), "").unwrap();
        assert!(looks_made_by_plainsite(other.path()));
        // A file where the keys' folder would be is not one.
        let third = tempfile::tempdir().unwrap();
        std::fs::write(third.path().join(crate::write::images::KEYS), "").unwrap();
        assert!(!looks_made_by_plainsite(third.path()));
    }
}
