//! Stage 7, outputs: the drawing cache. Pictures that take long to draw (the share
//! cards) are kept outside the output folder under their key, so a build into an empty
//! folder (a first build, a CI run, `--output` somewhere new) copies them instead of
//! drawing them again. Like Hugo's `cacheDir`, the folder is the user's cache folder:
//! `PLAINSITE_CACHE_DIR` when set (set it empty to turn the cache off), else
//! `$XDG_CACHE_HOME/plainsite`, else `~/.cache/plainsite`.
//!
//! A key is a hash of everything the picture depends on, so an entry never goes stale
//! and builds of several sites can share it. Each file is written to a temporary name
//! and renamed into place, so a stopped build leaves no half file and two builds at
//! once do not clash. The cache only adds files; it deletes nothing. It is best effort:
//! a cache that cannot be read or written is skipped, never a build error.

use std::path::PathBuf;

/// One kind of picture's folder in the cache (e.g. `share-cards`).
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache folder for `kind`, or `None` when the cache is off or there is no
    /// place for it.
    pub fn open(kind: &str) -> Option<Cache> {
        let root = match std::env::var_os("PLAINSITE_CACHE_DIR") {
            Some(dir) if dir.is_empty() => return None,
            Some(dir) => PathBuf::from(dir),
            None => match std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
                Some(xdg) => PathBuf::from(xdg).join("plainsite"),
                None => PathBuf::from(std::env::var_os("HOME")?).join(".cache/plainsite"),
            },
        };
        Some(Cache {
            dir: root.join(kind),
        })
    }

    /// Where the entry of `key` is (or would be); `None` for a key that is not a plain
    /// file name (keys are hex hashes).
    fn path(&self, key: &str, extension: &str) -> Option<PathBuf> {
        let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric());
        plain.then(|| self.dir.join(format!("{key}.{extension}")))
    }

    /// The entry of `key`, if the cache holds one.
    pub fn get(&self, key: &str, extension: &str) -> Option<PathBuf> {
        self.path(key, extension).filter(|p| p.is_file())
    }

    /// Keeps `bytes` as the entry of `key`; a failure is ignored.
    pub fn put(&self, key: &str, extension: &str, bytes: &[u8]) {
        let Some(path) = self.path(key, extension) else {
            return;
        };
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|_| tempfile::NamedTempFile::new_in(&self.dir))
            .and_then(|mut tmp| {
                std::io::Write::write_all(&mut tmp, bytes)?;
                tmp.persist(&path).map_err(|e| e.error)?;
                Ok(())
            });
        // Best effort: without a cache the next build draws the picture again.
        let _ = written;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_kept_and_found_by_its_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache {
            dir: dir.path().join("cards"),
        };
        assert_eq!(cache.get("ab12", "png"), None);
        cache.put("ab12", "png", b"picture");
        let found = cache.get("ab12", "png").unwrap();
        assert_eq!(std::fs::read(found).unwrap(), b"picture");
        cache.put("../x", "png", b"no");
        assert_eq!(cache.get("../x", "png"), None);
        assert!(!dir.path().join("x.png").exists());
    }
}
