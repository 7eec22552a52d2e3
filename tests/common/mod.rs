//! Helpers shared by the integration tests: copy a fixture site (with the repository's
//! default theme) into a temporary folder, run the real `plainsite` binary on it, and
//! read back what it wrote.

#![allow(dead_code)]

pub mod oracle;
pub mod pictures;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_plainsite");

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `plainsite new NAME` in `dir`: what it printed, the new site in `dir/NAME`.
pub fn new_site(dir: &Path, name: &str) -> Output {
    new_site_in(dir, name, "en")
}

/// Runs `plainsite new NAME --language LANGUAGES` in `dir` (`fr,en`).
pub fn new_site_in(dir: &Path, name: &str, languages: &str) -> Output {
    Command::new(BIN)
        .args(["new", name, "--language", languages])
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A copy of `tests/fixtures/NAME` with `themes/default`, in a temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new(name: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &repo().join("tests/fixtures").join(name),
            &dir.path().join("site"),
        );
        copy_dir(
            &repo().join("themes/default"),
            &dir.path().join("site/themes/default"),
        );
        Fixture { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Runs plainsite with `args` in the site folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    pub fn build(&self) -> Output {
        self.run(&["build"])
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Writes a file the way careful editors do (a temporary file, then a rename), so a
    /// watcher never sees it half written.
    pub fn write_atomic(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        let tmp = p.with_file_name(".plainsite-test.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(tmp, p).unwrap();
    }

    pub fn read_output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Finds the diagnostic whose first line contains `rule` and `message`, and returns the
/// `file:line:column` it points at.
pub fn place_of(err: &str, rule: &str, message: &str) -> String {
    match places_of(err, rule, message).into_iter().next() {
        Some(p) => p,
        None => panic!("no [{rule}] problem with {message:?} in:\n{err}"),
    }
}

/// The `file:line:column` of every diagnostic whose first line contains `[rule]` (or
/// `rule` itself when it is not a rule id, e.g. `error:`) and `message`, in order.
pub fn places_of(err: &str, rule: &str, message: &str) -> Vec<String> {
    let tag = format!("[{rule}]");
    let mut out = Vec::new();
    let mut lines = err.lines();
    while let Some(l) = lines.next() {
        if (l.contains(&tag) || l.starts_with(rule)) && l.contains(message) {
            let place = lines.next().unwrap_or("");
            out.push(place.trim().trim_start_matches("--> ").to_string());
        }
    }
    out
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the run failed with exit code 1 and returns its standard error.
pub fn assert_fails(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit code 1, got {:?}\n{err}",
        o.status.code()
    );
    err
}

/// Asserts the run succeeded and returns its standard error.
pub fn assert_ok(o: &Output) -> String {
    let err = stderr(o);
    assert!(
        o.status.success(),
        "expected success, got {:?}\n{err}",
        o.status.code()
    );
    err
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, to compare whole outputs.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
