//! The output-path resolver: for any path of `.`, `..`, existing and missing folders and
//! symbolic links, an accepted output folder is never the site, a folder holding it, or
//! inside its content/ or themes/, and resolving never panics.
#![no_main]
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// A site made once: content/, themes/, a/b/, and links to content (`lc`), to the site
/// (`lr`), outside it (`le`) and to nothing (`dangling`).
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let root = dir.join("site");
        for d in ["content", "themes", "a/b"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::create_dir_all(dir.join("victim")).unwrap();
        #[cfg(unix)]
        for (to, name) in [
            (root.join("content"), "lc"),
            (root.clone(), "lr"),
            (dir.join("victim"), "le"),
            (root.join("gone"), "dangling"),
        ] {
            std::os::unix::fs::symlink(to, root.join(name)).unwrap();
        }
        root.canonicalize().unwrap()
    })
}

const PARTS: [&str; 13] = [
    ".", "..", "a", "b", "x", "y", "public", "content", "themes", "lc", "lr", "le", "dangling",
];

fuzz_target!(|data: &[u8]| {
    let root = site();
    let path = data
        .iter()
        .take(12)
        .fold(root.clone(), |p, b| p.join(PARTS[*b as usize % PARTS.len()]));
    if let Ok(out) = plainsite::write::OutputDir::new(root, &path) {
        let o: &Path = out.path();
        assert!(!root.starts_with(o), "{} holds the site", o.display());
        for p in ["content", "themes"] {
            assert!(!o.starts_with(root.join(p)), "{} is in {p}", o.display());
        }
    }
});
