//! The files copied as they are: the theme's `static/` folder (to the output root) and
//! the content's assets (beside their pages). Nothing is copied through a link, and
//! every copied file's real path must be inside the site folder, so a linked theme
//! folder cannot bring files from elsewhere on the computer into the published site.
//! In safe mode, files a browser could run (scripts, HTML, SVG, XML) are not copied
//! from `content/`. Every skipped file is reported at its path.

use std::path::{Path, PathBuf};

use crate::load::config::SiteConfig;
use crate::load::discover::Asset;
use crate::text::diagnostics::Diagnostic;
use crate::text::rule::Rule;

/// Extensions of files a browser may run as a page or script from the site's own
/// origin (where the theme's security policy allows scripts).
const ACTIVE: &[&str] = &[
    "js", "mjs", "cjs", "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl",
    "xslt", "swf", "wasm", "htaccess",
];

/// The files to copy, as (source, path in the output), and what was skipped.
pub fn static_files(
    config: &SiteConfig,
    assets: &[Asset],
) -> (Vec<(PathBuf, String)>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let root = config
        .root
        .canonicalize()
        .unwrap_or_else(|_| config.root.clone());
    let shown = |p: &Path| {
        p.strip_prefix(&config.root)
            .unwrap_or(p)
            .display()
            .to_string()
    };
    for (path, rel) in theme_files(&config.theme_dir().join("static"), &mut problems, &shown) {
        match outside(&root, &path) {
            true => problems.push(skipped_link(shown(&path))),
            false => out.push((path, rel)),
        }
    }
    for a in assets {
        if is_backup(&a.rel) {
            // An editor's copy of a file, a draft's text included: never published.
            problems.push(
                Diagnostic::warning("this looks like an editor's backup copy, so it is not published")
                    .in_file(format!("content/{}", a.rel))
                    .help("delete it if nobody needs it; to publish the file, give it a name that does not start with ~$ or #, and does not end in ~, .bak, .backup, .old, .orig, .rej, .save, .swp, .swo or .tmp"),
            );
            continue;
        }
        if outside(&root, &a.path) {
            problems.push(skipped_link(shown(&a.path)));
        } else if let Some(why) = config.safe.then(|| unsafe_because(&a.rel)).flatten() {
            if let Some(d) = config
                .checks
                .diagnostic(Rule::UnsafeFile, "safe mode does not copy this file")
            {
                problems.push(d.in_file(format!("content/{}", a.rel)).help(why));
            }
        } else {
            out.push((a.path.clone(), a.rel.clone()));
        }
    }
    (out, problems)
}

/// The files of the theme's `static/` folder with their paths inside it; links (the
/// folder itself or anything in it) are reported and skipped.
fn theme_files(
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
    shown: &dyn Fn(&Path) -> String,
) -> Vec<(PathBuf, String)> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        problems.push(skipped_link(shown(dir)));
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.path_is_symlink() {
            problems.push(skipped_link(shown(entry.path())));
        } else if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((entry.path().to_path_buf(), rel));
        }
    }
    out
}

/// Copies one file into the output; images are published re-encoded, without
/// metadata (see [`crate::write::images`]). Returns the site problems found.
/// `used_on` lists the pages (their files) that show an image, for its messages.
pub fn publish(
    from: &Path,
    rel: &str,
    config: &SiteConfig,
    staging: Option<&crate::write::Staging>,
    used_on: &[String],
) -> crate::text::error::Result<Vec<Diagnostic>> {
    let Some(format) = crate::outputs::images::raster_format(rel) else {
        return staging.map_or(Ok(Vec::new()), |s| s.copy(from, rel).map(|_| Vec::new()));
    };
    let shown = from.strip_prefix(&config.root).unwrap_or(from);
    let shown = shown.to_string_lossy().replace('\\', "/");
    let image = crate::write::images::Image {
        from,
        rel,
        shown: &shown,
        used_on,
    };
    crate::write::images::publish(&image, format, staging, &config.checks)
}

/// Whether `path`'s real location (links resolved) is outside the site folder `root`
/// (already resolved). A path that cannot be resolved counts as outside.
fn outside(root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .map_or(true, |real| !real.starts_with(root))
}

fn skipped_link(at: String) -> Diagnostic {
    Diagnostic::warning("this link was skipped: plainsite copies no file through a link or from outside the site folder")
        .in_file(at)
        .help("copy the file into the site instead of linking to it")
}

/// Whether a browser could run the file at `rel` (by its extension).
/// A copy an editor, an office program or a merge tool keeps beside a file
/// (`page.md~`, `page.md.bak`, `page.md.save`, `#page.md#`, Word's `~$brief.docx`),
/// which holds the file's text, a draft's too, or who was editing it.
fn is_backup(rel: &str) -> bool {
    const COPIES: &[&str] = &[
        "bak", "backup", "old", "orig", "rej", "save", "swo", "swp", "tmp",
    ];
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    name.ends_with('~')
        || name.starts_with("~$")
        || (name.starts_with('#') && name.ends_with('#'))
        || COPIES.iter().any(|b| b.eq_ignore_ascii_case(ext))
}

/// Why safe mode does not copy a file of `content/`, if it does not.
fn unsafe_because(rel: &str) -> Option<&'static str> {
    if is_host_setting(rel) {
        Some("a web host reads this file as its settings for the whole site (which pages run scripts, what each file is served as, where addresses lead); put it in the output folder yourself if the site needs it, or set safe = false if everyone who writes for the site is trusted")
    } else if is_active(rel) {
        Some("a browser can run scripts in .js, .html, .svg and .xml files from the site's own address; use a PNG or JPEG picture or a PDF, or set safe = false if everyone who writes for the site is trusted")
    } else {
        None
    }
}

/// Names of files a web host reads from the published folder as its settings: they
/// can serve any file as a page that runs script, or send addresses elsewhere.
const HOST_SETTINGS: &[&str] = &[
    // Apache.
    ".htaccess",
    // Netlify and Cloudflare Pages: headers (a file's type among them) and redirects.
    "_headers",
    "_redirects",
    // Cloudflare Pages: which addresses its functions answer.
    "_routes.json",
    // Microsoft IIS and Azure App Service.
    "web.config",
    // Azure Static Web Apps.
    "staticwebapp.config.json",
];

/// Whether a file is a web host's settings file (see [`HOST_SETTINGS`]), in any folder
/// (a host may read one below the top) and in any case (some hosts ignore it).
fn is_host_setting(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    HOST_SETTINGS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

fn is_active(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    ACTIVE.iter().any(|a| a.eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_backups_are_never_published() {
        for name in [
            "secret.md~",
            "a/secret.md.bak",
            "secret.md.orig",
            "#secret.md#",
            "x.SWP",
        ] {
            assert!(is_backup(name), "{name}");
        }
        for name in ["report.pdf", "photo.jpg", "notes.txt", "a#b.png"] {
            assert!(!is_backup(name), "{name}");
        }
        assert!(is_active(".well-known/../.htaccess") && is_active(".htaccess"));
    }

    #[test]
    fn a_web_hosts_settings_files_are_not_copied_in_safe_mode() {
        for rel in [
            "_headers",
            "_redirects",
            "a/_HEADERS",
            "web.config",
            "Web.Config",
            "staticwebapp.config.json",
            "_routes.json",
            ".htaccess",
        ] {
            assert!(
                unsafe_because(rel).is_some_and(|w| w.contains("settings")),
                "{rel}"
            );
        }
        for rel in ["headers.txt", "my_headers", "redirects.csv", "config.json"] {
            assert!(unsafe_because(rel).is_none(), "{rel}");
        }
    }

    #[test]
    fn scripts_pages_and_drawings_are_active() {
        for rel in ["a/x.js", "p.HTML", "d.svg", "feed.xml", "x.xhtml"] {
            assert!(is_active(rel), "{rel}");
        }
        for rel in ["a.png", "b.pdf", "c.csv", "svg", "js.txt"] {
            assert!(!is_active(rel), "{rel}");
        }
    }
}
