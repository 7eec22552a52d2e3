//! File watching for `serve`: reports when anything in `content/`, `themes/`,
//! `templates/` or `site.toml` is created, changed, renamed or removed, with changes
//! close together merged into one. Reads are not changes: the build itself reads every
//! file, and counting that would rebuild for ever. A watched folder that is removed or
//! moved away and then made again (or moved back) is watched again when it reappears.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// A running watcher; changes arrive on `changes` as lists of changed paths.
pub struct SiteWatcher {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
    pub changes: Receiver<Vec<PathBuf>>,
}

/// Starts watching the site at `root`; changes within `debounce` of each other come as one.
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
        let relevant = |e: &Event| -> Vec<PathBuf> {
            if !is_change(&e.kind) {
                return Vec::new();
            }
            e.paths
                .iter()
                .filter(|p| is_site_file(&root, p))
                .cloned()
                .collect()
        };
        let take = |ev: notify::Result<Event>| -> Vec<PathBuf> {
            let Ok(e) = ev else { return Vec::new() };
            reappeared(&e);
            relevant(&e)
        };
        while let Ok(first) = rx.recv() {
            let mut batch: Vec<PathBuf> = take(first);
            // Gather what follows closely: editors write a file in several steps.
            loop {
                match rx.recv_timeout(debounce) {
                    Ok(ev) => batch.extend(take(ev)),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            batch.sort();
            batch.dedup();
            if !batch.is_empty() && out_tx.send(batch).is_err() {
                return;
            }
        }
    });
    Ok(SiteWatcher {
        _watcher: watcher,
        changes: out_rx,
    })
}

/// The folders watched recursively.
const WATCHED: [&str; 3] = ["content", "themes", "templates"];

/// Whether `path` is one of the [`WATCHED`] folders itself.
fn is_watched_folder(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root)
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| WATCHED.contains(&n))
}

/// Creations, writes, renames and removals count; opening or reading a file does not.
fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any
    ) || matches!(kind, EventKind::Modify(m) if !matches!(m, notify::event::ModifyKind::Metadata(notify::event::MetadataKind::AccessTime)))
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
        Some("content" | "themes" | "templates" | "i18n" | "fonts") => true,
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
