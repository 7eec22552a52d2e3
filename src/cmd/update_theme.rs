//! `plainsite update-theme`: brings a site's copy of the default theme
//! (`themes/default`) up to this plainsite's, file by file. A file as an earlier
//! plainsite wrote it is replaced, a file the theme has gained is added, and a file the
//! author changed is kept and named (see [`crate::load::builtin_theme`]). Nothing
//! outside `themes/default` is touched, and no folder that is a link is written into.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::load::builtin_theme::{self, DEFAULT_NAME};
use crate::text::error::{Error, Result};

/// Options of this command.
#[derive(Debug, Args)]
pub struct UpdateThemeArgs {
    /// The site's folder: the one with site.toml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

pub fn execute(args: UpdateThemeArgs) -> Result<()> {
    let theme = theme_folder(&args.root)?;
    let shown = Path::new("themes").join(DEFAULT_NAME);
    let config = crate::load::config::load(&args.root, &Default::default()).map_err(|_| {
        Error::Refused(format!(
            "{} has problems; run plainsite check to see them, mend them, then update the theme",
            args.root.join("site.toml").display()
        ))
    })?;
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let found = builtin_theme::compare(&theme, &codes);
    if !found.is_plainsites() {
        return Err(Error::Refused(format!(
            "{} is not plainsite's default theme (none of its files is one plainsite wrote), so nothing was changed; a theme of your own is yours to update",
            shown.display()
        )));
    }
    let mut written = 0;
    for rel in found.older.iter().chain(&found.missing) {
        let bytes = builtin_theme::file(rel).unwrap_or_default();
        real_folders_to(&theme, rel)?;
        crate::write::replace_under(&theme, rel, bytes)?;
        written += 1;
    }
    match written {
        0 => eprintln!(
            "{} is up to date with this plainsite's theme.",
            shown.display()
        ),
        _ => eprintln!(
            "Updated {written} file(s) of {} to this plainsite's theme ({} replaced, {} added).",
            shown.display(),
            found.older.len(),
            found.missing.len()
        ),
    }
    if !found.changed.is_empty() {
        eprintln!(
            "Kept {} file(s) you changed, as they are:",
            found.changed.len()
        );
        for rel in &found.changed {
            eprintln!("  {}", shown.join(rel).display());
        }
        eprintln!("To see this plainsite's version of one, make a new site (plainsite new DIR) and compare its file with yours.");
    }
    Ok(())
}

/// The site's `themes/default`: a real folder (not a link) with templates, in a site.
fn theme_folder(root: &Path) -> Result<PathBuf> {
    if !root.join("site.toml").is_file() {
        return Err(Error::Refused(format!(
            "{} has no site.toml; run plainsite update-theme in your site's folder, or give it with --root",
            root.display()
        )));
    }
    let theme = root.join("themes").join(DEFAULT_NAME);
    for folder in [root.join("themes"), theme.clone()] {
        if !is_real_dir(&folder) {
            return Err(Error::Refused(format!(
                "{} is not a folder of the site (it is missing, or a link to another place); update-theme only changes a site's own copy of the default theme",
                folder.display()
            )));
        }
    }
    Ok(theme)
}

/// Refuses a theme file whose folders, below the theme's, include a link (writing there
/// would change files outside the site), or a file where a folder should be.
fn real_folders_to(theme: &Path, rel: &str) -> Result<()> {
    let mut folder = theme.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        folder.push(part);
        match std::fs::symlink_metadata(&folder) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Ok(m) if m.is_dir() => {}
            _ => {
                return Err(Error::Refused(format!(
                    "{} is a link or a file, not a folder of the theme; nothing was written there. Move it away and run plainsite update-theme again",
                    folder.display()
                )))
            }
        }
    }
    Ok(())
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}
