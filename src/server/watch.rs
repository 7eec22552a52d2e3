//! File watching for `serve`: reports when anything in `content/`, `themes/`,
//! `templates/`, `i18n/`, `fonts/` or `site.toml` is created, changed, renamed or
//! removed, with changes close together merged into one. Reads are not changes: the build itself reads every
//! file, and counting that would rebuild for ever. A watched folder that is removed or
//! moved away and then made again (or moved back) is watched again when it reappears.
//! A batch ends as soon as every file in it is whole again (closed after writing or
//! renamed into place), so a save is not held for the whole merge window. A file
//! removed or renamed away is not whole: an editor that saves by moving the old file
//! aside and writing a new one has its new file in the batch.
//! A batch waits from its last change (reads do not count) and for at most half a
//! second; a notice that events were missed stands for a change to the whole site.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// A running watcher; changes arrive on `changes` as lists of changed paths.
pub struct SiteWatcher {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
    pub changes: Receiver<Vec<PathBuf>>,
}

/// After every file of a batch is whole again, how long to wait for one more change
/// (an editor's change of the file's permissions, say) before the batch is sent.
const SETTLE: Duration = Duration::from_millis(3);

/// Starts watching the site at `root`; changes within `debounce` of each other come as
/// one, and a batch whose files are all whole again is sent after [`SETTLE`].
pub fn watch(root: &Path, debounce: Duration) -> Result<SiteWatcher, String> {
    // Events carry absolute paths: compare them with the absolute root.
    let root = &root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let (tx, rx) = channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
    for dir in WATCHED {
        let p = root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    // The root itself, not recursively, to see site.toml even when an editor replaces it.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| e.to_string())?;
    let watcher = Arc::new(Mutex::new(watcher));
    let rewatch = Arc::clone(&watcher);
    let (out_tx, out_rx) = channel();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        // A watched folder that appears (made again, or moved back) is watched afresh:
        // the old watch followed the folder that went away.
        // Only a creation or a move counts: opening the folder (every build lists it)
        // must not set off a new watch, whose walk would open it again.
        let reappeared = |e: &Event| {
            let made = matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
            );
            for p in e
                .paths
                .iter()
                .filter(|p| made && is_watched_folder(&root, p) && p.is_dir())
            {
                let mut w = rewatch.lock().unwrap_or_else(|poison| poison.into_inner());
                let _ = w.unwatch(p);
                let _ = w.watch(p, RecursiveMode::Recursive);
            }
        };
        let take = |ev: notify::Result<Event>, batch: &mut Batch| {
            let Ok(e) = ev else { return false };
            reappeared(&e);
            batch.take(&root, &e)
        };
        while let Some(batch) = next_batch(&rx, debounce, &take) {
            if let Some(changed) = batch.paths() {
                if out_tx.send(changed).is_err() {
                    return;
                }
            }
        }
    });
    Ok(SiteWatcher {
        _watcher: watcher,
        changes: out_rx,
    })
}

/// Waits for the next batch of changes; `None` once the watcher has stopped. A batch
/// starts at its first counted change (`take` says which count); reads meanwhile do not
/// delay it.
fn next_batch(
    rx: &Receiver<notify::Result<Event>>,
    debounce: Duration,
    take: &impl Fn(notify::Result<Event>, &mut Batch) -> bool,
) -> Option<Batch> {
    let mut batch = Batch::default();
    while !take(rx.recv().ok()?, &mut batch) {}
    let started = Instant::now();
    let mut last = started;
    // Gather what follows closely: editors write a file in several steps.
    loop {
        let wait = if batch.all_whole() { SETTLE } else { debounce };
        let end = deadline(started, last, wait, debounce);
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(ev) => {
                if take(ev, &mut batch) {
                    last = Instant::now();
                }
            }
            Err(RecvTimeoutError::Timeout) => return Some(batch),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// The longest a batch gathers changes, so that changes that never stop (a tool
/// writing a file over and over) still rebuild.
const MAX_AGE: Duration = Duration::from_millis(500);

/// When a batch started at `started` ends: `wait` after its last counted change
/// (`last`), but no later than [`MAX_AGE`] (or the merge window `debounce`, if longer)
/// after it started.
fn deadline(started: Instant, last: Instant, wait: Duration, debounce: Duration) -> Instant {
    (last + wait).min(started + MAX_AGE.max(debounce))
}

/// The changed files of one batch, each with whether its last change left it whole.
#[derive(Default)]
struct Batch(HashMap<PathBuf, bool>);

impl Batch {
    /// Adds the site files an event changed; says whether it counted. A notice that
    /// events were missed (the system's queue overflowed) stands for the whole site:
    /// its folder is added, which rebuilds everything.
    fn take(&mut self, root: &Path, e: &Event) -> bool {
        use notify::event::{ModifyKind, RenameMode};
        if e.need_rescan() {
            self.add(root, true);
            return true;
        }
        if !is_change(&e.kind) {
            return false;
        }
        let mut counted = false;
        let renamed = matches!(
            e.kind,
            EventKind::Modify(ModifyKind::Name(RenameMode::Both))
        );
        let last = e.paths.len().saturating_sub(1);
        for (i, p) in e.paths.iter().enumerate() {
            if is_site_file(root, p) {
                // A rename with both names: only the new one (the last) is whole.
                let whole = if renamed {
                    i == last
                } else {
                    is_whole(&e.kind)
                };
                self.add(p, whole);
                counted = true;
            }
        }
        counted
    }

    fn add(&mut self, path: &Path, whole: bool) {
        self.0.insert(path.to_path_buf(), whole);
    }

    /// Whether every file is whole: a batch with none (only reads so far) is not.
    fn all_whole(&self) -> bool {
        !self.0.is_empty() && self.0.values().all(|whole| *whole)
    }

    /// The changed paths in order, if any.
    fn paths(self) -> Option<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = self.0.into_keys().collect();
        paths.sort();
        (!paths.is_empty()).then_some(paths)
    }
}

/// The folders watched recursively: all the site's source folders.
const WATCHED: [&str; 5] = crate::load::config::SITE_FOLDERS;

/// Whether `path` is one of the [`WATCHED`] folders itself.
fn is_watched_folder(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root)
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| WATCHED.contains(&n))
}

/// Creations, writes, renames and removals count, and closing a file opened for
/// writing; opening or reading a file does not.
fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any
    ) || is_whole(kind)
        || matches!(kind, EventKind::Modify(m) if !matches!(m, notify::event::ModifyKind::Metadata(notify::event::MetadataKind::AccessTime)))
}

/// A change after which the file is whole: it was closed after writing or renamed into
/// place (as the page editor and most editors save). After a plain write more may
/// follow, until the file is closed; after a removal or a rename away, a new file.
fn is_whole(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// Whether a changed path is part of the site's source (not the output, not an
/// editor's swap file).
fn is_site_file(root: &Path, path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
    {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    match rel.components().next().and_then(|c| c.as_os_str().to_str()) {
        Some(n) if crate::load::config::SITE_FOLDERS.contains(&n) => true,
        Some(n) => n == crate::load::config::CONFIG_FILE && rel.components().count() == 1,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    #[test]
    fn only_site_files_count() {
        let root = Path::new("/s");
        assert!(is_site_file(root, Path::new("/s/content/a.md")));
        assert!(is_site_file(root, Path::new("/s/site.toml")));
        assert!(!is_site_file(root, Path::new("/s/public/index.html")));
        assert!(!is_site_file(root, Path::new("/s/content/.a.md.swp")));
        assert!(!is_site_file(root, Path::new("/s/content/a.md~")));
    }

    #[test]
    fn reading_is_not_changing() {
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn a_build_reading_files_does_not_trigger_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "x").unwrap();
        let w = watch(dir.path(), Duration::from_millis(50)).unwrap();
        let _ = std::fs::read_to_string(dir.path().join("content/a.md")).unwrap();
        assert!(
            w.changes.recv_timeout(Duration::from_millis(400)).is_err(),
            "a read is not a change"
        );
        std::fs::write(dir.path().join("content/a.md"), "y").unwrap();
        let changed = w.changes.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(changed[0].ends_with("content/a.md"));
    }

    #[test]
    fn a_file_closed_after_writing_or_renamed_into_place_is_whole() {
        use notify::event::{AccessMode, DataChange, RenameMode};
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(is_whole(&closed) && is_change(&closed));
        assert!(is_whole(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(!is_whole(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(!is_whole(&EventKind::Create(CreateKind::File)));
        let mut batch = Batch::default();
        assert!(!batch.all_whole(), "an empty batch waits");
        batch.add(Path::new("/s/content/a.md"), false);
        batch.add(Path::new("/s/content/b.md"), true);
        assert!(!batch.all_whole(), "a.md is still being written");
        batch.add(Path::new("/s/content/a.md"), true);
        assert!(batch.all_whole());
    }

    #[test]
    fn a_page_saved_by_moving_the_old_one_aside_waits_for_the_new_one() {
        use notify::event::{AccessMode, DataChange, RemoveKind, RenameMode};
        let root = Path::new("/s");
        let a = Path::new("/s/content/a.md");
        let event = |kind, paths: &[&str]| {
            paths
                .iter()
                .fold(Event::new(kind), |e, p| e.add_path(PathBuf::from(p)))
        };
        // Vim: a.md is renamed to a.md~, then a new a.md is written and closed.
        let mut batch = Batch::default();
        batch.take(
            root,
            &event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/s/content/a.md", "/s/content/a.md~"],
            ),
        );
        assert!(
            !batch.all_whole(),
            "a.md is gone until the new one is written"
        );
        batch.take(
            root,
            &event(EventKind::Create(CreateKind::File), &["/s/content/a.md"]),
        );
        assert!(!batch.all_whole());
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        batch.take(root, &event(written, &["/s/content/a.md"]));
        assert!(!batch.all_whole());
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        batch.take(root, &event(closed, &["/s/content/a.md"]));
        assert!(batch.all_whole());
        assert_eq!(batch.paths(), Some(vec![a.to_path_buf()]));
        // A removal waits for a new file too; a rename into place is whole.
        let mut batch = Batch::default();
        let removed = EventKind::Remove(RemoveKind::File);
        batch.take(root, &event(removed, &["/s/content/a.md"]));
        assert!(!batch.all_whole(), "a removed file may be made again");
        batch.take(
            root,
            &event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/s/content/.a.md.tmp", "/s/content/a.md"],
            ),
        );
        assert!(batch.all_whole());
    }

    #[test]
    fn missed_events_rebuild_the_whole_site() {
        use notify::event::Flag;
        let root = Path::new("/s");
        let mut batch = Batch::default();
        assert!(batch.take(root, &Event::new(EventKind::Other).set_flag(Flag::Rescan)));
        assert!(batch.all_whole());
        assert_eq!(batch.paths(), Some(vec![root.to_path_buf()]));
    }

    #[test]
    fn a_batch_waits_from_its_last_change_and_never_past_its_longest_age() {
        let started = Instant::now();
        let wait = Duration::from_millis(50);
        let at = |ms| started + Duration::from_millis(ms);
        assert_eq!(deadline(started, at(100), wait, wait), at(150));
        assert_eq!(deadline(started, at(490), wait, wait), started + MAX_AGE);
        let window = Duration::from_secs(600);
        assert_eq!(deadline(started, at(490), wait, window), at(540));
    }

    #[test]
    fn a_page_saved_by_renaming_is_sent_without_waiting_out_the_merge_window() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "x").unwrap();
        // A window far longer than the wait below: only a batch ended early arrives.
        let w = watch(dir.path(), Duration::from_secs(600)).unwrap();
        std::fs::write(dir.path().join("content/.a.md.tmp"), "saved").unwrap();
        std::fs::rename(
            dir.path().join("content/.a.md.tmp"),
            dir.path().join("content/a.md"),
        )
        .unwrap();
        let changed = w.changes.recv_timeout(Duration::from_secs(60)).unwrap();
        assert_eq!(changed.len(), 1);
        assert!(changed[0].ends_with("content/a.md"));
    }

    /// Waits for a batch of changes that includes `file`.
    fn sees(w: &SiteWatcher, file: &str) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match w.changes.recv_timeout(left) {
                Ok(batch) if batch.iter().any(|p| p.ends_with(file)) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        false
    }

    #[test]
    fn content_moved_away_and_back_is_watched_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "x").unwrap();
        let w = watch(&root, Duration::from_millis(50)).unwrap();
        std::fs::rename(root.join("content"), root.join("elsewhere")).unwrap();
        std::fs::rename(root.join("elsewhere"), root.join("content")).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        while w.changes.try_recv().is_ok() {}
        std::fs::write(root.join("content/a.md"), "edited after the move").unwrap();
        assert!(
            sees(&w, "content/a.md"),
            "an edit after the move back is seen"
        );
        std::fs::remove_dir_all(root.join("content")).unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        while w.changes.try_recv().is_ok() {}
        std::fs::write(root.join("content/b.md"), "new").unwrap();
        assert!(
            sees(&w, "content/b.md"),
            "an edit in a remade folder is seen"
        );
    }
}
