//! Addresses that never break: the redirect pages of every page's old addresses
//! (`aliases`), in every language, the manifest of every published address, and, with
//! `check --since`, the addresses an earlier build published that are now gone.
//!
//! An alias written on a page of the default language also redirects in every other
//! language, under its prefix (`/old/` and `/fr/old/`), so a translation need not repeat
//! it. An alias that is the address of a page, or of another alias, is an error at it.

use std::collections::HashMap;
use std::path::Path;

use super::language::LangSite;
use crate::load::frontmatter::Placed;
use crate::model::topics::source_of;
use crate::model::Page;
use crate::outputs::manifest::{self, Entry, Kind};
use crate::outputs::redirects::{self, Redirect};
use crate::text::diagnostics::Diagnostic;
use crate::text::error::{Error, Result};

/// Writes a file of the site: (path in the output folder, what it is, its bytes).
pub type WriteFile<'a> = dyn FnMut(&str, &str, Vec<u8>) -> Result<()> + 'a;

/// One old address and the page it sends readers to.
struct Alias<'s> {
    address: String,
    site: &'s LangSite,
    page: &'s Page,
}

/// Writes the redirect pages and the manifest; with `since`, compares with the
/// addresses published before. Returns the problems found.
pub fn publish(
    sites: &[LangSite],
    since: Option<&Path>,
    write: &mut WriteFile,
) -> Result<Vec<Diagnostic>> {
    let (aliases, mut problems) = aliases(sites);
    for alias in &aliases {
        let (rel, html) = redirect_page(alias);
        write(
            &rel,
            &format!("the redirect from {}", alias.address),
            html.into_bytes(),
        )?;
    }
    let entries = entries(sites, &aliases);
    write(
        manifest::FILE,
        "the manifest of published addresses",
        manifest::write(&entries).into_bytes(),
    )?;
    if let Some(path) = since {
        problems.extend(compare(path, &entries, sites)?);
    }
    Ok(problems)
}

/// Every alias of every page, checked, in each language.
fn aliases(sites: &[LangSite]) -> (Vec<Alias<'_>>, Vec<Diagnostic>) {
    let mut taken: HashMap<String, String> = sites
        .iter()
        .flat_map(|s| &s.model.pages)
        .map(|p| (p.url.clone(), format!("the page {} ({})", p.url, p.file)))
        .collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for site in sites {
        for page in &site.model.pages {
            for (alias, own) in aliases_of(page, site, &sites[0]) {
                let problem = match redirects::address(&alias.value, &site.lang.prefix) {
                    Err(help) => Some(Diagnostic::error(format!("alias \"{}\" is not an address on this site", alias.value)).help(help)),
                    Ok(address) => match taken.get(&address) {
                        Some(other) => Some(Diagnostic::error(format!("alias {address} is already the address of something else")).help(format!("{address} is {other}; remove this alias or choose another old address"))),
                        None => {
                            let what = format!("an alias of {} ({})", page.url, page.file);
                            taken.insert(address.clone(), what);
                            out.push(Alias { address, site, page });
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

fn at_alias(d: Diagnostic, alias: &Placed, page: &Page, site: &LangSite) -> Diagnostic {
    match source_of(page, &site.sources) {
        Some(src) => d.at(&src.display(), &src.text, alias.line, alias.column),
        None => d.in_file(page.file.clone()),
    }
}

/// The redirect page of an alias: (its file in the output folder, its HTML).
fn redirect_page(alias: &Alias) -> (String, String) {
    let config = &alias.site.config;
    let href = redirects::relative(&alias.address, &alias.page.url, config.portable);
    let canonical = config.permalink(&alias.page.url);
    let strings = &alias.site.strings;
    let html = redirects::html(&Redirect {
        lang: &alias.site.lang.code,
        dir: alias.site.lang.dir,
        title: &alias.page.meta.title,
        href: &href,
        canonical: &canonical,
        heading: strings.get("moved_title"),
        text: strings.get("moved_text"),
    });
    (redirects::file_of(&alias.address), html)
}

/// Every address the build publishes: each page of each language, and each alias.
fn entries(sites: &[LangSite], aliases: &[Alias]) -> Vec<Entry> {
    let pages = sites.iter().flat_map(|s| &s.model.pages).map(|p| Entry {
        address: p.url.clone(),
        kind: Kind::Page,
        source: p.file.clone(),
        title: p.meta.title.clone(),
    });
    let redirects = aliases.iter().map(|a| Entry {
        address: a.address.clone(),
        kind: Kind::Alias,
        source: a.page.url.clone(),
        title: a.page.meta.title.clone(),
    });
    pages.chain(redirects).collect()
}

/// The addresses of `since` (a manifest, or an output folder) that are gone now.
fn compare(since: &Path, now: &[Entry], sites: &[LangSite]) -> Result<Vec<Diagnostic>> {
    let file = if since.is_dir() {
        since.join(manifest::FILE)
    } else {
        since.to_path_buf()
    };
    let without_manifest = since.is_dir() && !file.exists();
    let before = if without_manifest {
        manifest::from_folder(since)
    } else {
        let text = std::fs::read_to_string(&file).map_err(|source| Error::Read {
            path: file.clone(),
            source,
        })?;
        manifest::read(&text)
    };
    let prefixes: Vec<&str> = sites.iter().map(|s| s.lang.prefix.as_str()).collect();
    let shown = if without_manifest { since } else { &file };
    let shown = shown.to_string_lossy().replace('\\', "/");
    Ok(manifest::gone(&before, now, &prefixes)
        .into_iter()
        .map(|g| gone_problem(&g, &shown))
        .collect())
}

/// The error for one address that is gone.
fn gone_problem(g: &manifest::Gone, manifest_file: &str) -> Diagnostic {
    let old = &g.old.address;
    let d = Diagnostic::error(format!(
        "{old} was published before and is gone now: printed links and bookmarks to it break"
    ));
    match g.moved_to {
        Some((page, why)) => d.in_file(page.source.clone()).help(format!(
            "the page seems to have moved to {} ({why}); add  aliases: [{old}]  to the front matter of {}, or to its entry in a data file",
            page.address, page.source
        )),
        None => d.in_file(manifest_file.to_string()).help(format!(
            "add  aliases: [{old}]  to the front matter of the page that replaces it, so the old address sends readers there"
        )),
    }
}
