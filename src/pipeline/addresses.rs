//! Old addresses (`aliases` in front matter and data entries), gathered from every
//! language and checked, for the redirect pages and the manifest
//! ([`crate::outputs::redirects`], [`crate::outputs::manifest`]).
//!
//! An alias written on a page of the default language also redirects in every other
//! language, under its prefix (`/old/` and `/fr/old/`), so a translation need not repeat
//! it. An alias that is the address of a page, or of another alias, or whose redirect
//! page would land on any other file the build writes (a feed, a search file, a theme
//! file, plainsite's own files in the output folder), is an error at it.

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
    for site in sites {
        for page in &site.model.pages {
            for (alias, own) in aliases_of(page, site, &sites[0]) {
                let problem = match redirects::address(&alias.value, &site.lang.prefix) {
                    Err(help) => Some(
                        Diagnostic::error(format!(
                            "alias \"{}\" is not an address on this site",
                            alias.value
                        ))
                        .help(help),
                    ),
                    Ok(address) => match taken.get(&address).cloned().or_else(|| file_taken(&address, lands_on)) {
                        Some(other) => Some(
                            Diagnostic::error(format!(
                                "alias {address} is already the address of something else"
                            ))
                            .help(format!(
                                "{address} is {other}; remove this alias or choose another old address"
                            )),
                        ),
                        None => {
                            let what = format!("an alias of {} ({})", page.url, page.file);
                            taken.insert(address.clone(), what);
                            out.push(redirect_to(address, page, site));
                            None
                        }
                    },
                };
                // An alias borrowed from the default language was reported there.
                if let (Some(d), true) = (problem, own) {
                    problems.push(at_alias(d, alias, page, site));
                }
            }
        }
    }
    (out, problems)
}

/// A page's own aliases (`true`), then those of its default-language version not
/// among them (`false`).
fn aliases_of<'s>(
    page: &'s Page,
    site: &'s LangSite,
    default: &'s LangSite,
) -> Vec<(&'s Placed, bool)> {
    let own = !page.fallback;
    let mut out: Vec<(&Placed, bool)> = page.meta.aliases.iter().map(|a| (a, own)).collect();
    if !site.lang.is_default {
        let original = default
            .model
            .by_rel
            .get(&page.rel)
            .map(|&i| &default.model.pages[i]);
        for a in original.iter().flat_map(|p| &p.meta.aliases) {
            if !out.iter().any(|(b, _)| b.value == a.value) {
                out.push((a, false));
            }
        }
    }
    out
}

/// What the redirect page of `address` would land on: a file the build writes, or
/// one of plainsite's own files in the output folder.
fn file_taken(address: &str, lands_on: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let file = redirects::file_of(address);
    if file.starts_with(".plainsite-") {
        return Some(format!(
            "where plainsite keeps its own files ({})",
            file.split('/').next().unwrap_or(&file)
        ));
    }
    lands_on(&file)
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
