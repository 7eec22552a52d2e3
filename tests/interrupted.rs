//! Builds killed with `kill -9` at deterministic pseudo-random moments: after each kill,
//! public/ is either absent or a complete build, and the next normal build leaves no
//! staging or old folders behind.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The files under `dir`, as relative paths.
fn file_list(dir: &Path) -> BTreeSet<PathBuf> {
    snapshot(dir).into_keys().collect()
}

/// Every file and folder under `dir` (files only would hide an empty folder left).
fn everything_in(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}

/// The names in the site folder that are not the site's own.
fn strangers(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !["content", "themes", "site.toml", "public"].contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

/// A build of the fixture, started and left running.
fn spawn_build(f: &Fixture) -> std::process::Child {
    Command::new(BIN)
        .args(["build", "--no-checks"])
        .current_dir(f.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A small deterministic generator (a linear congruential one): the same moments on
/// every run.
struct Moments(u64);

impl Moments {
    fn next_fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn builds_killed_at_random_moments_leave_public_complete_and_no_leftovers() {
    let f = Fixture::new("basic");
    let started = Instant::now();
    assert_ok(&f.run(&["build", "--no-checks"]));
    let took = started.elapsed();
    let reference = file_list(&f.public());
    assert!(reference.contains(Path::new(".plainsite-output")));
    let mut moments = Moments(0x5eed_0011);
    let mut outcomes = (0, 0);
    for _ in 0..30 {
        let at = took.mul_f64(moments.next_fraction() * 1.2);
        let mut child = spawn_build(&f);
        std::thread::sleep(at.min(Duration::from_secs(5)));
        // SIGKILL: the build gets no chance to clean up.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            outcomes.1 += 1;
        } else {
            outcomes.0 += 1;
        }
        if f.public().exists() {
            assert_eq!(file_list(&f.public()), reference, "public/ is incomplete");
        }
    }
    assert_ok(&f.run(&["build", "--no-checks"]));
    assert_eq!(file_list(&f.public()), reference);
    assert_eq!(
        strangers(&f.root()),
        Vec::<String>::new(),
        "leftovers after {} killed and {} finished builds",
        outcomes.0,
        outcomes.1
    );
}

#[test]
fn a_build_stopped_between_its_two_renames_gives_the_next_build_the_old_output_back() {
    // The output had gone into its old folder and the new one was not yet in its place:
    // the next build removed the old folder, and the book `plainsite epub` had made in it.
    let f = Fixture::new("basic");
    assert_ok(&f.run(&["epub"]));
    let book = f.public().join("example.org-en.epub");
    let made = std::fs::read(&book).unwrap();
    let holder = f.root().join(".public.plainsite-old-stopped");
    std::fs::create_dir(&holder).unwrap();
    std::fs::rename(f.public(), holder.join("old")).unwrap();
    let err = assert_ok(&f.run(&["build", "--no-checks"]));
    assert_eq!(std::fs::read(&book).ok(), Some(made), "{err}");
    assert!(
        err.contains("Kept a file that `plainsite epub` made before"),
        "{err}"
    );
    assert!(
        strangers(&f.root()).is_empty(),
        "{:?}",
        strangers(&f.root())
    );
}

/// Ctrl+C (SIGINT) and SIGTERM, unlike SIGKILL, can be caught: the build removes its
/// staging folder and its lock file before it ends, so nothing is left in the site
/// folder until the next build, and public/ is as it was or complete.
///
/// The moments adapt to the machine: a build that finished before its signal makes the
/// next wait half as long (a loaded machine or a cold first build once made every
/// signal arrive too late, and nothing was tested).
#[test]
fn builds_interrupted_by_ctrl_c_or_sigterm_leave_no_staging_folder_or_lock() {
    let f = Fixture::new("basic");
    assert_ok(&f.run(&["build", "--no-checks"]));
    let reference = file_list(&f.public());
    let mut took = warm_build_time(&f);
    let mut moments = Moments(0x5eed_0015);
    let mut interrupted = 0;
    for signal in ["-INT", "-TERM"].repeat(8) {
        let at = took.mul_f64(0.05 + moments.next_fraction() * 0.5);
        let mut child = spawn_build(&f);
        std::thread::sleep(at.min(Duration::from_secs(5)));
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        if status.success() {
            took /= 2;
        }
        interrupted += usize::from(status.code() == Some(130));
        let left = strangers(&f.root());
        assert!(
            left.is_empty(),
            "after {signal} (exit {status}): {:?}",
            left.iter()
                .map(|n| (n, everything_in(&f.root().join(n))))
                .collect::<Vec<_>>()
        );
        assert_eq!(file_list(&f.public()), reference, "public/ is as it was");
    }
    assert!(
        interrupted > 0,
        "no build was interrupted while it ran (last wait scale {took:?})"
    );
}

/// The shortest of three builds of a site already built: what an interrupted build
/// would have taken on this machine now.
fn warm_build_time(f: &Fixture) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            assert_ok(&f.run(&["build", "--no-checks"]));
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}
