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

/// The longest part of an old address, in bytes: most disks refuse a longer file or
/// folder name (255), and its redirect page is a folder of that name.
const MOST_PART_BYTES: usize = 255;

/// The longest old address, in bytes: browsers and servers cut longer ones.
const MOST_ADDRESS_BYTES: usize = 2000;

/// The address an alias names, checked: it starts with `/`, has no `..`, `?`, `#`, `\`,
/// control character or empty part, no part longer than a disk allows, and ends in `/`
/// (added when missing) or `.html`. Percent escapes (`%C3%A9`) are decoded, as a server
/// decodes them before it looks for the file; accents are put in Unicode's composed
/// form, so `/café/` typed on any keyboard is one address. In a language with a prefix
/// (`/fr`), the alias is under it unless written with it.
pub fn address(alias: &str, prefix: &str) -> std::result::Result<String, String> {
    let a = alias.trim();
    if !a.starts_with('/') {
        return Err("an old address starts with /, e.g. /about/old-name/".into());
    }
    if a.starts_with("//") {
        return Err("an old address is on this site: start it with one /, e.g. /about/old-name/ (//example.org/ names another website)".into());
    }
    if a.chars().any(char::is_control) {
        return Err("an old address has no tab, line break or other control character: write it on one line, e.g. /about/old-name/".into());
    }
    let decoded = decode_percent(a)?;
    let a = crate::text::slug::composed(&decoded);
    let inner = a.strip_prefix('/').unwrap_or(&a);
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let bad_part = inner
        .split('/')
        .any(|p| p.is_empty() || p == "." || p == "..");
    if (!inner.is_empty() && bad_part) || a.contains(['?', '#', '\\', '"', '<', '>', ' ']) {
        return Err("write the old address as parts joined by /, without .., spaces, ? or #, e.g. /about/old-name/".into());
    }
    if let Some(long) = inner.split('/').find(|p| p.len() > MOST_PART_BYTES) {
        let start: String = long.chars().take(20).collect();
        return Err(format!("the part \"{start}...\" is {} bytes long, and a disk allows {MOST_PART_BYTES}: shorten it", long.len()));
    }
    if a.len() > MOST_ADDRESS_BYTES {
        return Err(format!("the address is {} bytes long, and browsers allow about {MOST_ADDRESS_BYTES}: shorten it", a.len()));
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

/// `a` with its percent escapes decoded (`%C3%A9` to `é`), as a server decodes an
/// address before it looks for the file. An escape that is cut short, is not UTF-8, or
/// stands for `/`, `%` or a control character is refused: the redirect page could not
/// be found at it.
fn decode_percent(a: &str) -> std::result::Result<std::borrow::Cow<'_, str>, String> {
    if !a.contains('%') {
        return Ok(a.into());
    }
    let refused = || {
        "write the old address with its letters as they are (/été/), not as % escapes, or with whole UTF-8 escapes such as %C3%A9".to_string()
    };
    let bytes = a.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        let byte = hex
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .ok_or_else(refused)?;
        if byte == b'/' || byte == b'%' || byte.is_ascii_control() {
            return Err(format!("%{} stands for a character an old address cannot hold (a /, % or control character): remove it", hex.unwrap_or_default()));
        }
        out.push(byte);
        i += 3;
    }
    String::from_utf8(out)
        .map(Into::into)
        .map_err(|_| refused())
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
    fn percent_escapes_are_decoded_or_refused() {
        assert_eq!(address("/%C3%A9t%C3%A9/", "").unwrap(), "/été/");
        assert_eq!(address("/a%20b/", "").map_err(|_| ()), Err(()));
        for refused in [
            "/a%2Fb/", "/a%25/", "/a%09b/", "/a%/", "/a%G1/", "/%C3/", "/a%2/",
        ] {
            assert!(address(refused, "").is_err(), "{refused}");
        }
    }

    #[test]
    fn control_characters_and_over_long_parts_are_refused() {
        for refused in ["/a\tb/", "/a\nb/", "/a\u{7f}/", "/a\u{85}/"] {
            let help = address(refused, "").unwrap_err();
            assert!(help.contains("control character"), "{refused}: {help}");
        }
        let long = format!("/{}/", "a".repeat(256));
        assert!(address(&long, "").unwrap_err().contains("256 bytes long"));
        assert!(address(&format!("/{}/", "a".repeat(255)), "").is_ok());
        let parts = format!("/{}/", vec!["b".repeat(200); 11].join("/"));
        assert!(address(&parts, "").unwrap_err().contains("browsers allow"));
    }

    #[test]
    fn accents_in_either_unicode_form_are_one_address() {
        let composed = address("/caf\u{e9}/", "").unwrap();
        assert_eq!(address("/cafe\u{301}/", "").unwrap(), composed);
        assert_eq!(address("/cafe%CC%81/", "").unwrap(), composed);
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
