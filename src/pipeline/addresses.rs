//! Old addresses (`aliases` in front matter and data entries), gathered from every
//! language and checked, for the redirect pages and the manifest
//! ([`crate::outputs::redirects`], [`crate::outputs::manifest`]).
//!
//! An alias written on a page of the default language also redirects in every other
//! language, under its prefix (`/old/` and `/fr/old/`), so a translation need not repeat
//! it. One written under a language's prefix (`/zh/old/`) is that language's alone: it
//! redirects to the page's version in that language, and is not put under another's
//! (`/fr/zh/old/`). An alias that is the address of a page, or of another alias, or
//! whose redirect page would land on any other file the build writes (a feed, a search
//! file, a theme file, plainsite's own files in the output folder), is an error at it.

use std::collections::HashMap;

use super::language::LangSite;
use crate::load::frontmatter::Placed;
use crate::model::topics::source_of;
use crate::model::Page;
use crate::outputs::redirects::{self, RedirectTo};
use crate::text::diagnostics::Diagnostic;

/// Every alias of every page, checked, in each language; and the problems found.
/// `lands_on` says, in words, which file the build writes that a redirect page's file
/// would land on (the same file, or one in the way of its folder), if any.
pub fn redirects(
    sites: &[LangSite],
    lands_on: &dyn Fn(&str) -> Option<String>,
) -> (Vec<RedirectTo>, Vec<Diagnostic>) {
    let mut taken: HashMap<String, String> = sites
        .iter()
        .flat_map(|s| &s.model.pages)
        .map(|p| (p.url.clone(), format!("the page {} ({})", p.url, p.file)))
        .chain(
            sites
                .iter()
                .flat_map(|s| &s.model.made)
                .map(|m| (m.url.clone(), format!("the page {} ({})", m.url, m.title))),
        )
        .collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let prefixes: Vec<&str> = sites.iter().map(|s| s.lang.prefix.as_str()).collect();
    for site in sites {
        for page in &site.model.pages {
            for (alias, whose) in aliases_of(page, site, &sites[0]) {
                // As written: an alias under a language's prefix (`/zh/old/`) is that
                // language's, never put under another's (`/fr/zh/old/`).
                let written = redirects::address(&alias.value, "");
                let under = written.as_ref().ok().and_then(|a| prefix_of(a, &prefixes));
                let here = under.is_none_or(|p| p == site.lang.prefix);
                // Where its problems are told, if here: the page it is written on.
                let told_at = match whose {
                    // The default language leaves it to its language, where it redirects
                    // to that language's version of the page.
                    Whose::Own if site.lang.is_default && !here => continue,
                    Whose::Own => Some((page, site)),
                    Whose::Original(_) if !here => continue,
                    Whose::Original(original) if under.is_some() => Some((original, &sites[0])),
                    // Borrowed from the default language, which reported it.
                    Whose::Original(_) => None,
                };
                let address = written.map(|a| match under {
                    Some(_) => a,
                    None => format!("{}{a}", site.lang.prefix),
                });
                let problem = match address {
                    Err(help) => Some(
                        Diagnostic::error(format!(
                            "alias \"{}\" is not an address on this site",
                            alias.value
                        ))
                        .help(help),
                    ),
                    Ok(address) => match taken
                        .get(&address)
                        .cloned()
                        .map(Taken::By)
                        .or_else(|| file_taken(&address, lands_on))
                    {
                        Some(taken) => Some(alias_taken(&address, &taken, page)),
                        None => {
                            let what = format!("an alias of {} ({})", page.url, page.file);
                            taken.insert(address.clone(), what);
                            out.push(redirect_to(address, page, site));
                            None
                        }
                    },
                };
                if let (Some(d), Some((on, in_site))) = (problem, told_at) {
                    problems.push(at_alias(d, alias, on, in_site));
                }
            }
        }
    }
    (out, problems)
}

/// The prefix of the language whose part of the site `address` is in (`/zh` for
/// `/zh/old/`); `None` for the default language's part.
fn prefix_of<'p>(address: &str, prefixes: &[&'p str]) -> Option<&'p str> {
    (prefixes.iter().copied())
        .filter(|p| !p.is_empty())
        .find(|p| {
            address
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('/'))
        })
}

/// Whose an alias of a page is.
#[derive(Debug, Clone, Copy)]
enum Whose<'s> {
    /// Written on the page itself.
    Own,
    /// Written on the default language's version of the page, given here too.
    Original(&'s Page),
}

/// A page's own aliases, then those of its default-language version not among them.
/// A page standing in for its translation has none of its own: they are its original's
/// (its own, when the default language has no such page: a topic standing in).
fn aliases_of<'s>(
    page: &'s Page,
    site: &'s LangSite,
    default: &'s LangSite,
) -> Vec<(&'s Placed, Whose<'s>)> {
    let original = (!site.lang.is_default)
        .then(|| default.model.by_rel.get(&page.rel))
        .flatten()
        .map(|&i| &default.model.pages[i]);
    let whose = match page.fallback {
        true => Whose::Original(original.unwrap_or(page)),
        false => Whose::Own,
    };
    let mut out: Vec<(&Placed, Whose)> = page.meta.aliases.iter().map(|a| (a, whose)).collect();
    if let Some(original) = original {
        for a in &original.meta.aliases {
            if !out.iter().any(|(b, _)| b.value == a.value) {
                out.push((a, Whose::Original(original)));
            }
        }
    }
    out
}

/// Why an alias's address cannot be written.
enum Taken {
    /// Something the build publishes is there already (it is named).
    By(String),
    /// A place in the output folder that no page may take (it is named).
    Reserved(String),
}

/// The problem of an alias whose address is taken (or the page's own).
fn alias_taken(address: &str, taken: &Taken, page: &Page) -> Diagnostic {
    if address == page.url {
        return Diagnostic::error(format!("alias {address} is this page's own address"))
            .help("remove this alias: an alias is an old address the page had before it moved");
    }
    match taken {
        Taken::By(other) => Diagnostic::error(format!(
            "alias {address} is already the address of something else"
        ))
        .help(format!(
            "{address} is {other}; remove this alias or choose another old address"
        )),
        Taken::Reserved(place) => Diagnostic::error(format!(
            "alias {address} would be written {place}, where no page may go"
        ))
        .help("remove this alias or choose another old address: the build writes nothing there"),
    }
}

/// What the redirect page of `address` would land on: a file the build writes, or
/// one of the places the build never writes (the output folder's git repository,
/// plainsite's own files).
fn file_taken(address: &str, lands_on: &dyn Fn(&str) -> Option<String>) -> Option<Taken> {
    let file = redirects::file_of(address);
    let first = file.split('/').next().unwrap_or(&file);
    if first.eq_ignore_ascii_case(crate::write::GIT) {
        return Some(Taken::Reserved(format!(
            "into the output folder's own git repository ({first})"
        )));
    }
    if first.starts_with(".plainsite-") {
        return Some(Taken::Reserved(format!(
            "into plainsite's own files ({first})"
        )));
    }
    // A web server reads hidden names as its own settings (`.htaccess`, `.well-known/`):
    // a folder there takes a setting's place.
    if let Some(hidden) = file.split('/').find(|part| part.starts_with('.')) {
        return Some(Taken::Reserved(format!(
            "into a hidden folder ({hidden}), which web servers keep for their own settings"
        )));
    }
    if let Some(part) = file
        .split('/')
        .find(|p| crate::text::slug::windows_cannot_hold(p))
    {
        return Some(Taken::Reserved(format!(
            "into a folder named {part}, which Windows and USB sticks cannot hold"
        )));
    }
    lands_on(&file).map(Taken::By)
}

fn at_alias(d: Diagnostic, alias: &Placed, page: &Page, site: &LangSite) -> Diagnostic {
    match source_of(page, &site.sources) {
        Some(src) => d.at(&src.display(), &src.text, alias.line, alias.column),
        None => d.in_file(page.file.clone()),
    }
}

/// The redirect of `address` to `page`, in the page's language.
fn redirect_to(address: String, page: &Page, site: &LangSite) -> RedirectTo {
    RedirectTo {
        address,
        target: page.url.clone(),
        title: page.meta.title.clone(),
        file: page.file.clone(),
        lang: site.lang.code.clone(),
        dir: site.lang.dir,
        heading: site.strings.get("moved_title").to_string(),
        text: site.strings.get("moved_text").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_in_the_part_of_the_language_whose_prefix_it_starts_with() {
        let prefixes = ["", "/zh", "/fr"];
        assert_eq!(prefix_of("/zh/old-zh/", &prefixes), Some("/zh"));
        assert_eq!(prefix_of("/zh/", &prefixes), Some("/zh"));
        assert_eq!(prefix_of("/fr/x.html", &prefixes), Some("/fr"));
        assert_eq!(
            prefix_of("/zhuyin/", &prefixes),
            None,
            "a prefix is a whole part"
        );
        assert_eq!(prefix_of("/old/", &prefixes), None);
    }
}
