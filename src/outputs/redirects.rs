//! Redirect pages for old addresses (`aliases` in front matter and data entries): a
//! small page at the old address that sends the reader on at once (meta refresh, no
//! script, so it works under the site's security policy and from `file://`), shows a
//! plain link for browsers that do not follow it, asks search engines not to list it
//! (`noindex`) and names the new address as canonical.

use super::claims::Source;
use super::{Built, Files, Output};
use crate::text::error::Result;
use crate::text::escape::escape;

/// One old address to write, and the page it sends readers to.
#[derive(Debug, Clone)]
pub struct RedirectTo {
    /// The old address, checked (see [`address`]), e.g. `/fr/old/`.
    pub address: String,
    /// The page's address, root-relative, its title and the file it comes from.
    pub target: String,
    pub title: String,
    pub file: String,
    /// The page's language and direction, and the redirect's words in it.
    pub lang: String,
    pub dir: &'static str,
    pub heading: String,
    pub text: String,
}

/// The redirect pages output.
pub struct Redirects;

impl Output for Redirects {
    fn name(&self) -> &'static str {
        "the redirect pages of old addresses"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        for r in site.redirects {
            let href = relative(&r.address, &r.target, site.config.portable);
            let canonical = site.config.permalink(&r.target);
            let page = html(&Redirect {
                lang: &r.lang,
                dir: r.dir,
                title: &r.title,
                href: &href,
                canonical: &canonical,
                heading: &r.heading,
                text: &r.text,
            });
            let source = Source::made(
                format!(
                    "the redirect from {} to {} ({})",
                    r.address, r.target, r.file
                ),
                r.file.clone(),
            );
            files.write(&file_of(&r.address), source, page.as_bytes())?;
        }
        Ok(())
    }
}

/// What a redirect page says and where it points.
pub struct Redirect<'a> {
    /// The language of the page it points to, and its direction.
    pub lang: &'a str,
    pub dir: &'a str,
    /// The title of the page it points to.
    pub title: &'a str,
    /// The new address, relative to the old one (works from a disk and a server).
    pub href: &'a str,
    /// The new address in full, for `rel=canonical`.
    pub canonical: &'a str,
    /// "This page has moved" and "This page has a new address. Go to:", in the language.
    pub heading: &'a str,
    pub text: &'a str,
}

/// The redirect page's HTML.
pub fn html(r: &Redirect) -> String {
    let href = escape(r.href);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{heading}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
<link rel=\"canonical\" href=\"{canonical}\">\n\
<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<main>\n\
<h1>{heading}</h1>\n<p>{text} <a href=\"{href}\">{title}</a></p>\n</main>\n</body>\n</html>\n",
        lang = escape(r.lang),
        dir = escape(r.dir),
        heading = escape(r.heading),
        canonical = escape(r.canonical),
        text = escape(r.text),
        title = escape(r.title),
    )
}

/// The address an alias names, checked: it starts with `/`, has no `..`, `?`, `#`, `\`
/// or empty part, and ends in `/` (added when missing) or `.html`. In a language with a
/// prefix (`/fr`), the alias is under it unless written with it.
pub fn address(alias: &str, prefix: &str) -> std::result::Result<String, &'static str> {
    let a = alias.trim();
    if !a.starts_with('/') {
        return Err("an old address starts with /, e.g. /about/old-name/");
    }
    if a.starts_with("//") {
        return Err("an old address is on this site: start it with one /, e.g. /about/old-name/ (//example.org/ names another website)");
    }
    let inner = a.strip_prefix('/').unwrap_or(a);
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let bad_part = inner
        .split('/')
        .any(|p| p.is_empty() || p == "." || p == "..");
    if (!inner.is_empty() && bad_part) || a.contains(['?', '#', '\\', '"', '<', '>', ' ']) {
        return Err("write the old address as parts joined by /, without .., spaces, ? or #, e.g. /about/old-name/");
    }
    let mut out = if a.ends_with('/') || a.ends_with(".html") {
        a.to_string()
    } else {
        format!("{a}/")
    };
    let mine =
        prefix.is_empty() || out == format!("{prefix}/") || out.starts_with(&format!("{prefix}/"));
    if !mine {
        out = format!("{prefix}{out}");
    }
    Ok(out)
}

/// The file an address is written to: `/a/b/` to `a/b/index.html`.
pub fn file_of(address: &str) -> String {
    match address.strip_suffix('/') {
        Some(dir) => format!("{}/index.html", dir.trim_start_matches('/'))
            .trim_start_matches('/')
            .to_string(),
        None => address.trim_start_matches('/').to_string(),
    }
}

/// The link from the page at `from` to the page at `to` (both root-relative), relative
/// so it works at any base path and from a disk; `portable` adds `index.html`.
pub fn relative(from: &str, to: &str, portable: bool) -> String {
    let depth = from.trim_start_matches('/').matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to.trim_start_matches('/'));
    if portable && out.ends_with('/') || out.is_empty() {
        out.push_str(if portable { "index.html" } else { "./" });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_checked_and_put_under_the_language() {
        assert_eq!(address("/old", "").unwrap(), "/old/");
        assert_eq!(address("/old/", "/fr").unwrap(), "/fr/old/");
        assert_eq!(address("/fr/old/", "/fr").unwrap(), "/fr/old/");
        assert_eq!(address("/page.html", "").unwrap(), "/page.html");
        assert!(address("old/", "").is_err());
        assert!(address("/a/../b/", "").is_err());
        assert!(address("/a//b/", "").is_err());
        assert!(address("/a?b", "").is_err());
        assert!(address("/", "").is_ok());
        for other_site in ["//evil.example/x", "///x/", "/a//"] {
            assert!(address(other_site, "").is_err(), "{other_site}");
        }
    }

    #[test]
    fn redirects_link_relatively() {
        assert_eq!(file_of("/a/b/"), "a/b/index.html");
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/p.html"), "p.html");
        assert_eq!(relative("/a/b/", "/c/", false), "../../c/");
        assert_eq!(relative("/a/b/", "/c/", true), "../../c/index.html");
        assert_eq!(relative("/a.html", "/", false), "./");
        assert_eq!(relative("/a.html", "/", true), "index.html");
    }

    #[test]
    fn a_redirect_page_refreshes_shows_a_link_and_is_not_indexed() {
        let page = html(&Redirect {
            lang: "en",
            dir: "ltr",
            title: "Our <question>",
            href: "../new/",
            canonical: "https://example.org/new/",
            heading: "This page has moved",
            text: "Go to:",
        });
        assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=../new/\">"));
        assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(page.contains("<link rel=\"canonical\" href=\"https://example.org/new/\">"));
        assert!(page.contains("<a href=\"../new/\">Our &lt;question&gt;</a>"));
    }
}
