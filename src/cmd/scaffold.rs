//! The files `plainsite new` writes: a small starter site and the default theme, both
//! built into the binary so a new site works with nothing else installed.

use std::path::Path;

use include_dir::{include_dir, Dir};

use crate::text::error::{Error, Result};

/// The default theme, as it is in this repository's `themes/default`.
pub static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The starter site: site.toml, a few pages and data files.
pub static STARTER: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/starter");

/// Writes the starter site and the default theme into `dir`, which must be new or empty.
pub fn create(dir: &Path) -> Result<usize> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .map_err(|e| Error::read(dir, e))?;
        if !empty {
            return Err(Error::Refused(format!(
                "{} already exists and is not empty; choose a new folder name",
                dir.display()
            )));
        }
    }
    let mut count = 0;
    count += write_dir(&STARTER, dir)?;
    count += write_dir(&DEFAULT_THEME, &dir.join("themes").join("default"))?;
    Ok(count)
}

fn write_dir(d: &Dir, to: &Path) -> Result<usize> {
    let mut count = 0;
    for file in d.files() {
        let path = to.join(file.path());
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::write(p, e))?;
        }
        std::fs::write(&path, file.contents()).map_err(|e| Error::write(&path, e))?;
        count += 1;
    }
    for sub in d.dirs() {
        count += write_dir(sub, to)?;
    }
    Ok(count)
}
