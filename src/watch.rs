//! File watching for `serve`: reports when anything in `content/`, `themes/`,
//! `templates/` or `site.toml` changes, with changes close together merged into one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};

/// A running watcher; changes arrive on `changes` as lists of changed paths.
pub struct SiteWatcher {
    _debouncer: Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>,
    pub changes: Receiver<Vec<PathBuf>>,
}

/// Starts watching the site at `root`.
pub fn watch(root: &Path, debounce: Duration) -> Result<SiteWatcher, String> {
    // Events carry absolute paths: compare them with the absolute root.
    let root = &root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let (tx, rx) = channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(debounce, tx).map_err(|e| e.to_string())?;
    for dir in ["content", "themes", "templates"] {
        let p = root.join(dir);
        if p.is_dir() {
            debouncer.watcher().watch(&p, RecursiveMode::Recursive).map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    // The root itself, not recursively, to see site.toml even when an editor replaces it.
    debouncer.watcher().watch(root, RecursiveMode::NonRecursive).map_err(|e| e.to_string())?;
    let (out_tx, out_rx) = channel();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for result in rx {
            let Ok(events) = result else { continue };
            let relevant: Vec<PathBuf> = events.into_iter().map(|e| e.path).filter(|p| is_site_file(&root, p)).collect();
            if !relevant.is_empty() && out_tx.send(relevant).is_err() {
                break;
            }
        }
    });
    Ok(SiteWatcher { _debouncer: debouncer, changes: out_rx })
}

/// Whether a changed path is part of the site's source (not the output, not an
/// editor's swap file).
fn is_site_file(root: &Path, path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    match rel.components().next().and_then(|c| c.as_os_str().to_str()) {
        Some("content" | "themes" | "templates") => true,
        Some(n) => n == crate::config::CONFIG_FILE && rel.components().count() == 1,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_count() {
        let root = Path::new("/s");
        assert!(is_site_file(root, Path::new("/s/content/a.md")));
        assert!(is_site_file(root, Path::new("/s/site.toml")));
        assert!(!is_site_file(root, Path::new("/s/public/index.html")));
        assert!(!is_site_file(root, Path::new("/s/content/.a.md.swp")));
        assert!(!is_site_file(root, Path::new("/s/content/a.md~")));
    }
}
