//! Stage 9, write: the site is written to a staging folder next to the output folder and
//! swapped in only when the build succeeded, so a failed build leaves the last good
//! output exactly as it was.
//!
//! plainsite only ever deletes a folder it made itself: it refuses an output folder that
//! is the site root, holds the site, is inside `content/` or `themes/`, or is a non-empty
//! folder without plainsite's marker file.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The marker file plainsite writes in every output folder it makes.
pub const MARKER: &str = ".plainsite-output";
const MARKER_TEXT: &str =
    "This folder is written by plainsite. Each build replaces everything in it.\n";

/// An output folder being built.
pub struct Staging {
    output: PathBuf,
    dir: StagingDir,
}

/// Where a run writes: a new folder swapped in at the end, or (for the dev server's
/// one-page updates) the output folder itself.
enum StagingDir {
    Temporary(tempfile::TempDir),
    InPlace(PathBuf),
}

/// Checks that `output` is a folder plainsite may replace.
pub fn check_output(root: &Path, output: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|c| c.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        // Resolve what exists (symbolic links included), keep the rest as written.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for part in rest.into_iter().rev() {
            if part == ".." {
                resolved.pop();
            } else if part != "." {
                resolved.push(part);
            }
        }
        resolved
    };
    let root = abs(root);
    let out = abs(output);
    let shown = output.display();
    if root.starts_with(&out) {
        return Err(Error::Refused(format!(
            "the output folder {shown} is the site folder or holds it; plainsite replaces the output folder on every build, so it must be a folder of its own, such as public/"
        )));
    }
    for protected in ["content", "themes", "templates"] {
        if out.starts_with(root.join(protected)) {
            return Err(Error::Refused(format!("the output folder {shown} is inside the site's {protected}/ folder; choose a folder of its own, such as public/")));
        }
    }
    if out == root.join(crate::config::CONFIG_FILE) {
        return Err(Error::Refused(format!(
            "the output folder {shown} is the site's configuration file"
        )));
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(Error::Refused(format!(
                "the output path {shown} is a file, not a folder; choose another --output"
            )));
        }
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).is_file() {
            return Err(Error::Refused(format!(
                "the output folder {shown} already has files that plainsite did not write; plainsite will not replace them. Choose an empty or new folder with --output, or move those files away"
            )));
        }
    }
    Ok(())
}

impl Staging {
    /// Prepares a staging folder beside `output`, after checking `output` may be replaced.
    pub fn new(root: &Path, output: &Path) -> Result<Staging> {
        check_output(root, output)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::write(&parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.plainsite-staging-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::write(&parent, e))?;
        std::fs::write(dir.path().join(MARKER), MARKER_TEXT)
            .map_err(|e| Error::write(dir.path().join(MARKER), e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir: StagingDir::Temporary(dir),
        })
    }

    /// Writes straight into an output folder an earlier run made, for the dev server's
    /// updates of single pages: each file is replaced whole (written beside it, then
    /// renamed), so the server never sends half a page.
    pub fn in_place(root: &Path, output: &Path) -> Result<Staging> {
        check_output(root, output)?;
        if !output.join(MARKER).is_file() {
            return Err(Error::Refused(format!(
                "{} has no earlier build to update",
                output.display()
            )));
        }
        Ok(Staging {
            output: output.to_path_buf(),
            dir: StagingDir::InPlace(output.to_path_buf()),
        })
    }

    /// Whether the folder is a new one, removed if the run does not finish.
    pub fn is_temporary(&self) -> bool {
        matches!(self.dir, StagingDir::Temporary(_))
    }

    /// The folder being written.
    pub fn path(&self) -> &Path {
        match &self.dir {
            StagingDir::Temporary(d) => d.path(),
            StagingDir::InPlace(p) => p,
        }
    }

    /// Writes a file at `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        match &self.dir {
            StagingDir::Temporary(d) => write_under(d.path(), rel, bytes),
            StagingDir::InPlace(p) => replace_under(p, rel, bytes),
        }
    }

    /// The file at `rel` in the output folder as the last build left it, if it is a
    /// regular file (not a link that could point outside the folder).
    pub fn previous(&self, rel: &str) -> Option<PathBuf> {
        let path = safe_join(&self.output, rel).ok()?;
        std::fs::symlink_metadata(&path)
            .ok()
            .filter(|m| m.is_file())
            .map(|_| path)
    }

    /// Copies a file into the staging folder at `rel`.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        let to = safe_join(self.path(), rel)?;
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::write(p, e))?;
        }
        std::fs::copy(from, &to).map_err(|e| Error::read(from, e))?;
        Ok(())
    }

    /// Replaces the output folder with the staging folder. Until this returns, the old
    /// output is untouched; a failed swap puts it back.
    pub fn commit(self) -> Result<()> {
        let staged = match self.dir {
            StagingDir::Temporary(d) => d.keep(),
            StagingDir::InPlace(_) => return Ok(()),
        };
        let output = &self.output;
        if output.exists() {
            let parent = staged.parent().unwrap_or(Path::new(".")).to_path_buf();
            let holder = tempfile::Builder::new()
                .prefix(".plainsite-old-")
                .tempdir_in(&parent)
                .map_err(|e| Error::write(&parent, e))?;
            let old = holder.path().join("old");
            std::fs::rename(output, &old).map_err(|e| Error::write(output, e))?;
            if let Err(e) = std::fs::rename(&staged, output) {
                let _ = std::fs::rename(&old, output);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::write(output, e));
            }
            remove_in_parallel(&old);
            drop(holder); // removes what is left of the old output
        } else if let Err(e) = std::fs::rename(&staged, output) {
            let _ = std::fs::remove_dir_all(&staged);
            return Err(Error::write(output, e));
        }
        Ok(())
    }
}

/// Removes a folder's contents with every core (a big site has thousands of folders).
fn remove_in_parallel(dir: &Path) {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.par_iter().for_each(|p| {
        let _ = if p.is_dir() && !p.is_symlink() {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        };
    });
}

/// Replaces the file at `rel` under `base` whole: written to a hidden file beside it,
/// then renamed over it.
fn replace_under(base: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = safe_join(base, rel)?;
    let dir = path.parent().unwrap_or(base);
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".plainsite-")
        .tempfile_in(dir)
        .map_err(|e| Error::write(dir, e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| Error::write(&path, e))?;
    tmp.persist(&path)
        .map_err(|e| Error::write(&path, e.error))?;
    Ok(())
}

/// Writes `bytes` at `rel` under `base`, making folders as needed.
pub fn write_under(base: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = safe_join(base, rel)?;
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| Error::write(p, e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| Error::write(&path, e))
}

/// Writes a file outside the output folder that the user named (the author report).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(p) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(p).map_err(|e| Error::write(p, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
}

/// Joins a relative output path, refusing any that would leave `base`.
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf> {
    let mut path = base.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(Error::Refused(format!(
                    "the output path {rel} would leave the output folder"
                )))
            }
            p => path.push(p),
        }
    }
    Ok(path)
}

/// Minifies a page with minify-html's safe settings (as Zola uses them: JavaScript is
/// left alone), for `minify = "smallest"`.
#[cfg(feature = "minify")]
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Without the `minify` feature (no minify-html), "smallest" uses the one-pass minifier.
#[cfg(not(feature = "minify"))]
pub fn minify(html: &str) -> Vec<u8> {
    crate::minify::minify(html)
}

/// What a build with `minify = "smallest"` says once when this plainsite has no
/// minify-html (the `minify` feature is not a default): a suggestion, which never fails
/// a build.
pub fn smallest_note() -> Option<crate::diagnostics::Diagnostic> {
    if cfg!(feature = "minify") {
        return None;
    }
    let note = crate::diagnostics::Diagnostic::suggestion(
        "minify = \"smallest\" uses the one-pass minifier of minify = true: this plainsite was installed without minify-html",
    )
    .help("for the smallest pages, install plainsite with `cargo install --path . --features minify`")
    .in_file(crate::config::CONFIG_FILE);
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/keep.txt"), "mine").unwrap();
        assert!(check_output(&root, &root).is_err());
        assert!(check_output(&root, dir.path()).is_err());
        assert!(check_output(&root, &root.join("content")).is_err());
        assert!(check_output(&root, &root.join("content/out")).is_err());
        assert!(check_output(&root, &root.join("docs")).is_err());
        assert!(check_output(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn commit_swaps_and_failure_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let s = Staging::new(root, &out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        // A second build that is dropped (failed) leaves the first output as it was.
        let s = Staging::new(root, &out).unwrap();
        s.write("a/index.html", b"two").unwrap();
        let staged = s.path().to_path_buf();
        drop(s);
        assert!(!staged.exists());
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        // A successful one replaces it, stale files included.
        let s = Staging::new(root, &out).unwrap();
        s.write("b.html", b"three").unwrap();
        s.commit().unwrap();
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
    }

    #[test]
    fn paths_cannot_leave_the_output() {
        assert!(safe_join(Path::new("/tmp/x"), "../etc/passwd").is_err());
    }
}
