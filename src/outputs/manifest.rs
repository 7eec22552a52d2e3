//! The manifest of published addresses, `.plainsite-manifest` at the top of the output
//! folder: one line per address the build published (every page in every language, and
//! every old address that redirects), with what it is, its source and its title. A
//! later `plainsite check --since` compares the site with it, so an address printed on
//! paper (the brief's QR code opens the home page) is never lost by accident.
//!
//! The format is plain text, one entry a line, fields separated by tabs:
//! `address  page|list-page|alias  source-file-or-new-address  title`; lines starting
//! with `#` are comments. A `list-page` is a further page of a long list (`/news/page/2/`):
//! such pages come and go with `page_size` and the list's length, so one is never
//! reported gone on its own, only with its list's first page. Manifests written before
//! `list-page` existed call them `page`; they are known by their address and source.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{made, Built, Files, Output};
use crate::text::diagnostics::Diagnostic;
use crate::text::error::{Error, Result};

/// The manifest's file name in the output folder.
pub const FILE: &str = ".plainsite-manifest";

/// What an address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Page,
    /// A further page of a long list (`/news/page/2/`), made by splitting it.
    ListPage,
    /// An old address that redirects to a page.
    Alias,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::ListPage => "list-page",
            Kind::Alias => "alias",
        }
    }
}

/// The manifest output; with `check --since`, also the comparison with an earlier one.
pub struct Manifest;

impl Output for Manifest {
    fn name(&self) -> &'static str {
        "the manifest of published addresses"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        let entries = entries(site);
        files.write(FILE, made(self.name()), write(&entries).as_bytes())?;
        if let Some(path) = site.since {
            let prefixes: Vec<&str> = site
                .models
                .iter()
                .map(|m| m.home.trim_end_matches('/'))
                .collect();
            let written = files.claims.files();
            for problem in compare(path, &entries, &written, &prefixes)? {
                files.report(problem);
            }
        }
        Ok(())
    }
}

/// Every address the build publishes: each page of each language, and each alias.
fn entries(site: &Built) -> Vec<Entry> {
    let pages = site.models.iter().flat_map(|m| {
        m.pages.iter().map(|p| Entry {
            address: p.url.clone(),
            kind: match m.list_of(&p.url) {
                Some(_) => Kind::ListPage,
                None => Kind::Page,
            },
            source: p.file.clone(),
            title: p.meta.title.clone(),
        })
    });
    let redirects = site.redirects.iter().map(|r| Entry {
        address: r.address.clone(),
        kind: Kind::Alias,
        source: r.target.clone(),
        title: r.title.clone(),
    });
    // Pages an output makes of its own (the A–Z pages), as the model registered them.
    let made = site.models.iter().flat_map(|m| &m.made).map(|m| Entry {
        address: m.url.clone(),
        kind: Kind::Page,
        source: "site.toml".to_string(),
        title: m.title.clone(),
    });
    pages.chain(redirects).chain(made).collect()
}

/// The first line of every manifest.
const HEADING: &str = "# plainsite manifest";

/// The addresses of `since` (a manifest, or an output folder) that are gone now. An
/// output folder without a manifest (hidden files are often not uploaded to a host)
/// is read as its files: a page's file, or another file the build still writes
/// (`written`, such as a brief's offline copy), is not gone.
fn compare(
    since: &Path,
    now: &[Entry],
    written: &HashSet<String>,
    prefixes: &[&str],
) -> Result<Vec<Diagnostic>> {
    let file = if since.is_dir() {
        since.join(FILE)
    } else {
        since.to_path_buf()
    };
    let without_manifest = since.is_dir() && !file.exists();
    let shown = if without_manifest { since } else { &file };
    let shown = shown.to_string_lossy().replace('\\', "/");
    let mut damaged = Vec::new();
    let before = if without_manifest {
        if !is_built_page(&since.join("index.html")) {
            return Ok(vec![not_a_manifest(
                &shown,
                "a folder without .plainsite-manifest or a built index.html",
            )]);
        }
        let mut entries = from_folder(since);
        entries.retain(|e| !written.contains(&super::redirects::file_of(&e.address)));
        entries
    } else {
        match read_manifest(&file)? {
            Ok(text) => {
                let read = read(&text);
                let lines = read.damaged.iter();
                damaged.extend(lines.map(|&(n, why)| damaged_line(&shown, &text, n, why)));
                read.entries
            }
            Err(what) => return Ok(vec![not_a_manifest(&shown, what)]),
        }
    };
    // Every build publishes its home page at least: an empty manifest was cut short.
    if before.is_empty() && !without_manifest {
        let what = "a manifest with no addresses (cut short?)";
        return Ok(vec![not_a_manifest(&shown, what)]);
    }
    let gone = gone(&before, now, prefixes).into_iter();
    damaged.extend(gone.map(|g| gone_problem(&g, &shown)));
    Ok(damaged)
}

/// Whether `file` is a page a build wrote, not a template (a theme's `index.html`
/// starts with `{% extends`): it starts with an HTML tag and holds no template block.
fn is_built_page(file: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(file) else {
        return false;
    };
    text.trim_start().starts_with('<') && !text.contains("{% block")
}

/// The most a manifest may weigh: about 50 bytes an address, so millions of pages.
const MOST_BYTES: u64 = 256 << 20;

/// The text of the manifest `file`, or what the file is instead: only a regular file
/// that starts with the heading is read (a device or a pipe would never end), and no
/// more of it than [`MOST_BYTES`].
fn read_manifest(file: &Path) -> Result<std::result::Result<String, &'static str>> {
    use std::io::Read as _;
    let fail = |source| Error::Read {
        path: file.to_path_buf(),
        source,
    };
    if !std::fs::metadata(file).map_err(fail)?.is_file() {
        return Ok(Err("not a file (a device or a pipe)"));
    }
    let mut bytes = Vec::new();
    let f = std::fs::File::open(file).map_err(fail)?;
    f.take(MOST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    // A byte order mark, as some editors save UTF-8, is not part of the text.
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    if !bytes.starts_with(HEADING.as_bytes()) {
        return Ok(Err(
            "a file that does not start with \"# plainsite manifest\"",
        ));
    }
    if bytes.len() as u64 > MOST_BYTES {
        return Ok(Err("a file larger than any manifest (256 MB)"));
    }
    Ok(String::from_utf8(bytes).map_err(|_| "a file that is not UTF-8 text"))
}

/// The error for a `--since` that is neither a manifest nor an output folder.
fn not_a_manifest(shown: &str, what: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "--since {shown} is not a plainsite manifest or output folder: it is {what}, so there is nothing to compare with"
    ))
    .in_file(shown.to_string())
    .help(format!(
        "give the {FILE} file a build wrote (or a copy of it), or the output folder of that build"
    ))
}

/// The error for one address that is gone. The help names only a place that takes
/// `aliases`: a page's front matter, or its entry in a data file that has them.
fn gone_problem(g: &Gone, manifest_file: &str) -> Diagnostic {
    let old = &g.old.address;
    let d = Diagnostic::error(format!(
        "{old} was published before and is gone now: printed links and bookmarks to it break"
    ));
    let moved = g
        .moved_to
        .and_then(|(page, why)| Some((page, why, alias_place(&page.source)?)));
    match moved {
        Some((page, why, place)) => d.in_file(page.source.clone()).help(format!(
            "the page seems to have moved to {} ({why}); add  aliases: [{old}]  to {place}",
            page.address
        )),
        None => d.in_file(manifest_file.to_string()).help(format!(
            "add  aliases: [{old}]  to the front matter of the page that replaces it (or to its entry in findings.yaml, recommendations.yaml or topics.yaml), so the old address sends readers there"
        )),
    }
}

/// The data files whose entries take `aliases`.
const DATA_WITH_ALIASES: [&str; 3] = ["findings", "recommendations", "topics"];

/// Where `aliases` go for a page made from `source`, in words: the front matter of a
/// Markdown file, or the page's entry in a data file that has them. `None` for a page
/// made by plainsite (the A–Z page, the glossary), which takes no aliases.
fn alias_place(source: &str) -> Option<String> {
    if source.ends_with(".md") {
        return Some(format!("the front matter of {source}"));
    }
    let name = source.rsplit('/').next()?;
    let stem = name.split('.').next()?;
    let data = source.contains("_data/") && (name.ends_with(".yaml") || name.ends_with(".yml"));
    (data && DATA_WITH_ALIASES.contains(&stem)).then(|| format!("its entry in {source}"))
}

/// One published address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Root-relative, e.g. `/about/our-question/`.
    pub address: String,
    pub kind: Kind,
    /// For a page, the file it is made from; for an alias, the address it sends to.
    pub source: String,
    pub title: String,
}

/// The manifest's text, entries sorted by address.
pub fn write(entries: &[Entry]) -> String {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.address.cmp(&b.address));
    let mut out = format!(
        "{HEADING}: every address this build published.\n\
         # `plainsite check --since` this file reports addresses that are gone.\n\
         # address\tpage|list-page|alias\tsource or new address\ttitle\n",
    );
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for e in sorted {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            clean(&e.address),
            e.kind.as_str(),
            clean(&e.source),
            clean(&e.title)
        ));
    }
    out
}

/// A manifest's entries, and the lines that were not entries.
#[derive(Debug, Default)]
pub struct Read {
    pub entries: Vec<Entry>,
    /// Each damaged line: its number (from 1) and what is wrong with it.
    pub damaged: Vec<(usize, &'static str)>,
}

/// The entries of a manifest's text. Empty lines and `#` comments are skipped; any
/// other line that is not an entry is listed as damaged, and so is an entry whose
/// address no build publishes (`/../etc/`, a control character, a broken percent
/// escape): a damaged manifest must not have it offered as an alias.
pub fn read(text: &str) -> Read {
    let mut read = Read::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match entry(line) {
            Ok(e) => read.entries.push(e),
            Err(why) => read.damaged.push((n + 1, why)),
        }
    }
    read
}

/// One line of a manifest as an entry, or what is wrong with it.
fn entry(line: &str) -> std::result::Result<Entry, &'static str> {
    let mut f = line.split('\t');
    let address = f.next().unwrap_or_default();
    if !address.starts_with('/') {
        return Err("it does not start with an address such as /about/");
    }
    // Written as a build writes addresses: `/about` and `/about/index.html` are
    // `/about/`, `/%C3%A9t%C3%A9/` is `/été/` (as a server reads them).
    let Ok(address) = super::redirects::address(address, "") else {
        return Err("its address is not one a build publishes");
    };
    let address = match address.strip_suffix("/index.html") {
        Some(folder) => format!("{folder}/"),
        None => address,
    };
    let kind = match f.next() {
        Some("page") | None => Kind::Page,
        Some("list-page") => Kind::ListPage,
        Some("alias") => Kind::Alias,
        Some(_) => return Err("its second field is not page, list-page or alias"),
    };
    Ok(Entry {
        address,
        kind,
        source: f.next().unwrap_or_default().to_string(),
        title: f.next().unwrap_or_default().to_string(),
    })
}

/// The warning for a manifest line that was skipped.
fn damaged_line(shown: &str, text: &str, line: usize, why: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "line {line} of the manifest is not an entry ({why}), so it is not compared"
    ))
    .at(shown, text, line, 1)
    .help(
        "an entry is an address, page, list-page or alias, the source and the title, separated by tabs; a build writes its manifest again, so a copy from an earlier build is best",
    )
}

/// An address published before and gone now, with the page it seems to have moved to.
#[derive(Debug)]
pub struct Gone<'a> {
    pub old: &'a Entry,
    /// The page now published that seems to be the same one, and why.
    pub moved_to: Option<(&'a Entry, &'static str)>,
}

/// Each address of `before` that `now` neither publishes nor redirects. A further page
/// of a list is not one: it goes with its list's first page, which is reported when it
/// is gone. `prefixes` are the address prefixes of the site's languages (`/fr`), so a
/// guess stays in its language.
pub fn gone<'a>(before: &'a [Entry], now: &'a [Entry], prefixes: &[&str]) -> Vec<Gone<'a>> {
    let published: HashSet<&str> = now.iter().map(|e| e.address.as_str()).collect();
    let lists = list_pages(before, &published);
    let pages: Vec<&Entry> = now.iter().filter(|e| e.kind == Kind::Page).collect();
    let mut per_source: HashMap<&str, usize> = HashMap::new();
    for e in before.iter().filter(|e| e.kind == Kind::Page) {
        *per_source.entry(e.source.as_str()).or_default() += 1;
    }
    before
        .iter()
        .filter(|e| !published.contains(e.address.as_str()))
        .filter(|e| !lists.contains(e.address.as_str()))
        .map(|old| Gone {
            old,
            moved_to: moved_to(
                old,
                &pages,
                per_source.get(old.source.as_str()) == Some(&1),
                prefixes,
            ),
        })
        .collect()
}

/// The addresses of `before` that are further pages of a list whose first page was
/// published then or is now (`published`): those written as `list-page`, and, in a
/// manifest from before that kind existed, each page at `LIST/page/N/` (N of 2 or more)
/// made from the same source as the page at `LIST` (a page of the author's at that
/// address has a source of its own). An output folder read as its files knows no
/// sources: there, a page at `LIST/page/N/` is one when `LIST` is a page.
fn list_pages<'a>(before: &'a [Entry], published: &HashSet<&str>) -> HashSet<&'a str> {
    let sources: HashMap<&str, &str> = before
        .iter()
        .filter(|e| e.kind != Kind::Alias)
        .map(|e| (e.address.as_str(), e.source.as_str()))
        .collect();
    before
        .iter()
        .filter(|e| {
            let Some(list) = list_address(&e.address) else {
                return false;
            };
            let listed = sources.contains_key(list) || published.contains(list);
            match e.kind {
                Kind::ListPage => listed,
                Kind::Page if e.source.is_empty() => listed,
                Kind::Page => sources.get(list) == Some(&e.source.as_str()),
                Kind::Alias => false,
            }
        })
        .map(|e| e.address.as_str())
        .collect()
}

/// The list's first address of a further page's address: `/news/` of `/news/page/2/`.
fn list_address(address: &str) -> Option<&str> {
    let rest = address.strip_suffix('/')?;
    let (rest, number) = rest.rsplit_once('/')?;
    let further = number.parse::<u64>().is_ok_and(|n| n >= 2) && !number.starts_with('0');
    let list = rest.strip_suffix("page")?;
    (further && list.ends_with('/')).then_some(list)
}

/// The page an old address seems to have moved to: the same source file (with the same
/// title when the file makes several pages), else the same title, else the same last
/// part of the address, in the same language.
fn moved_to<'a>(
    old: &Entry,
    pages: &[&'a Entry],
    source_alone: bool,
    prefixes: &[&str],
) -> Option<(&'a Entry, &'static str)> {
    let lang = |a: &str| {
        prefixes
            .iter()
            .find(|p| !p.is_empty() && a.starts_with(&format!("{p}/")))
            .copied()
    };
    let same_lang = |e: &&&Entry| lang(&e.address) == lang(&old.address);
    let slug = |a: &str| {
        a.trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let known = |s: &str| !s.is_empty();
    let by =
        |test: &dyn Fn(&Entry) -> bool| pages.iter().filter(same_lang).find(|e| test(e)).copied();
    if old.kind == Kind::Page && known(&old.source) {
        let found = by(&|e| e.source == old.source && (source_alone || e.title == old.title));
        if let Some(e) = found {
            return Some((e, "same source file"));
        }
    }
    if known(&old.title) {
        if let Some(e) = by(&|e| e.title == old.title) {
            return Some((e, "same title"));
        }
    }
    let old_slug = slug(&old.address);
    if known(&old_slug) {
        if let Some(e) = by(&|e| slug(&e.address) == old_slug) {
            return Some((e, "same last part of the address"));
        }
    }
    None
}

/// The addresses of a built site without a manifest (one built before manifests
/// existed): each `.html` file of the folder, `index.html` read as its folder.
pub fn from_folder(root: &Path) -> Vec<Entry> {
    let mut out: Vec<Entry> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.ends_with(".html") || rel == "404.html" {
                return None;
            }
            let address = match rel.strip_suffix("index.html") {
                Some(dir) => format!("/{dir}"),
                None => format!("/{rel}"),
            };
            Some(Entry {
                address,
                kind: Kind::Page,
                source: String::new(),
                title: String::new(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.address.cmp(&b.address));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(address: &str, source: &str, title: &str) -> Entry {
        Entry {
            address: address.into(),
            kind: Kind::Page,
            source: source.into(),
            title: title.into(),
        }
    }

    #[test]
    fn an_empty_manifest_or_a_template_folder_is_nothing_to_compare_with() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m");
        std::fs::write(&file, "# plainsite manifest\n").unwrap();
        let now = [page("/", "content/_index.md", "Home")];
        let found = compare(&file, &now, &HashSet::new(), &[]).unwrap();
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("no addresses"), "{found:?}");
        let templates = dir.path().join("templates");
        std::fs::create_dir_all(&templates).unwrap();
        let index = "{% extends \"base.html\" %}\n{% block main %}{% endblock %}\n";
        std::fs::write(templates.join("index.html"), index).unwrap();
        std::fs::write(templates.join("page.html"), index).unwrap();
        let found = compare(&templates, &now, &HashSet::new(), &[]).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("built index.html"), "{found:?}");
        std::fs::write(templates.join("index.html"), "<!DOCTYPE html><p>Home</p>").unwrap();
        let found = compare(&templates, &now, &HashSet::new(), &[]).unwrap();
        assert!(found[0].message.contains("/page.html"), "{found:?}");
    }

    #[test]
    fn only_a_regular_utf8_file_that_starts_as_a_manifest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m");
        std::fs::write(&file, b"# plainsite manifest\n\xff\n").unwrap();
        assert_eq!(
            read_manifest(&file).unwrap(),
            Err("a file that is not UTF-8 text")
        );
        std::fs::write(&file, b"hello").unwrap();
        assert!(read_manifest(&file)
            .unwrap()
            .unwrap_err()
            .contains("does not start"));
        #[cfg(unix)]
        assert_eq!(
            read_manifest(Path::new("/dev/zero")).unwrap(),
            Err("not a file (a device or a pipe)")
        );
        std::fs::write(&file, "# plainsite manifest\n").unwrap();
        assert!(read_manifest(&file).unwrap().is_ok());
        std::fs::write(&file, "\u{feff}# plainsite manifest\n/a/\n").unwrap();
        assert_eq!(
            read_manifest(&file).unwrap().as_deref(),
            Ok("# plainsite manifest\n/a/\n")
        );
    }

    #[test]
    fn the_manifest_reads_back_what_it_wrote() {
        let entries = vec![
            page("/b/", "content/b.md", "B\ttab"),
            Entry {
                address: "/a/".into(),
                kind: Kind::Alias,
                source: "/b/".into(),
                title: "B".into(),
            },
        ];
        let back = read(&write(&entries)).entries;
        assert_eq!(back[0].address, "/a/");
        assert_eq!(back[0].kind, Kind::Alias);
        assert_eq!(back[1], page("/b/", "content/b.md", "B tab"));
    }

    #[test]
    fn a_further_page_of_a_list_is_never_gone_on_its_own() {
        assert_eq!(list_address("/news/page/2/"), Some("/news/"));
        assert_eq!(
            list_address("/fr/topics/pay/page/12/"),
            Some("/fr/topics/pay/")
        );
        for not in [
            "/news/page/1/",
            "/news/page/02/",
            "/news/page/x/",
            "/page/2",
            "/mypage/2/",
        ] {
            assert_eq!(list_address(not), None, "{not}");
        }
        let listed = |kind, source: &str| Entry {
            kind,
            ..page("/news/page/2/", source, "News")
        };
        let news = page("/news/", "content/news/_index.md", "News");
        let now = [news.clone()];
        let cases = [
            (listed(Kind::ListPage, "content/news/_index.md"), 0),
            // A manifest from before `list-page`: known by the list's source.
            (listed(Kind::Page, "content/news/_index.md"), 0),
            // A page of the author's at that address is a page.
            (listed(Kind::Page, "content/news/page/2.md"), 1),
        ];
        for (entry, reported) in cases {
            let before = [news.clone(), entry.clone()];
            assert_eq!(gone(&before, &now, &[""]).len(), reported, "{entry:?}");
        }
        // The list gone: only its first page is reported.
        let before = [news, listed(Kind::ListPage, "content/news/_index.md")];
        let found = gone(&before, &[], &[""]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].old.address, "/news/");
        // An old output folder read as files: no sources, the list still published.
        let before = [listed(Kind::Page, "")];
        assert!(gone(&before, &now, &[""]).is_empty());
        let before = [page("/old/page/2/", "", "")];
        assert_eq!(gone(&before, &now, &[""]).len(), 1);
    }

    #[test]
    fn the_help_names_aliases_only_where_the_file_takes_them() {
        assert_eq!(
            alias_place("content/about.md").as_deref(),
            Some("the front matter of content/about.md")
        );
        for data in [
            "content/_data/topics.yaml",
            "content/_data/topics.fr.yaml",
            "content/_data/findings.yaml",
            "content/_data/recommendations.yml",
        ] {
            assert_eq!(alias_place(data), Some(format!("its entry in {data}")));
        }
        for made in ["site.toml", "content/_data", "content/_data/glossary.yaml"] {
            assert_eq!(alias_place(made), None, "{made}");
        }
    }

    #[test]
    fn a_moved_page_is_found_by_its_source_then_title_then_slug() {
        let before = vec![
            page("/about/q/", "content/about/q.md", "Our question"),
            page("/x/", "", "Old title"),
            page("/fr/y/", "", ""),
            page("/kept/", "content/kept.md", "Kept"),
        ];
        let now = vec![
            page("/about/question/", "content/about/q.md", "Our question"),
            page("/z/", "content/z.md", "Old title"),
            page("/fr/new/y/", "content/y.fr.md", "Y"),
            page("/kept/", "content/kept.md", "Kept"),
        ];
        let g = gone(&before, &now, &["", "/fr"]);
        let found: Vec<(&str, Option<&str>, Option<&str>)> = g
            .iter()
            .map(|g| {
                (
                    g.old.address.as_str(),
                    g.moved_to.map(|m| m.0.address.as_str()),
                    g.moved_to.map(|m| m.1),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/about/q/",
                    Some("/about/question/"),
                    Some("same source file")
                ),
                ("/x/", Some("/z/"), Some("same title")),
                (
                    "/fr/y/",
                    Some("/fr/new/y/"),
                    Some("same last part of the address")
                ),
            ]
        );
    }

    #[test]
    fn a_damaged_manifest_offers_no_address_that_no_build_publishes() {
        let text = "/about/\tpage\tcontent/about.md\tAbout\n/../../etc/passwd\tpage\t\t\n/%ZZ/\tpage\t\t\n/a\u{1}b/\tpage\t\t\n/news/page/2/\tlist-page\t\t\n";
        let read = read(text);
        let addresses: Vec<String> = read.entries.into_iter().map(|e| e.address).collect();
        assert_eq!(addresses, ["/about/", "/news/page/2/"]);
        let why = "its address is not one a build publishes";
        assert_eq!(read.damaged, [(2, why), (3, why), (4, why)]);
    }

    #[test]
    fn a_hand_written_address_is_read_as_a_build_writes_it() {
        let text = "/about\tpage\n/%C3%A9t%C3%A9/\tpage\n/e\u{301}te\u{301}/\tpage\n/news/index.html\tpage\n/a.html\tpage\n";
        let addresses: Vec<String> = read(text).entries.into_iter().map(|e| e.address).collect();
        assert_eq!(
            addresses,
            ["/about/", "/été/", "/été/", "/news/", "/a.html"]
        );
    }

    #[test]
    fn a_damaged_manifest_line_is_a_warning_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m");
        let text =
            "# plainsite manifest\n\n/a/\tpage\tcontent/a.md\tA\nabout\tpage\n/b/\tpaeg\t\t\n";
        std::fs::write(&file, text).unwrap();
        let now = [page("/a/", "content/a.md", "A")];
        let found = compare(&file, &now, &HashSet::new(), &[""]).unwrap();
        let places: Vec<(String, &str)> = found
            .iter()
            .map(|d| (d.place().unwrap_or_default(), d.message.as_str()))
            .collect();
        let shown = file.to_string_lossy().replace('\\', "/");
        assert_eq!(
            places,
            [
                (format!("{shown}:4:1"), "line 4 of the manifest is not an entry (it does not start with an address such as /about/), so it is not compared"),
                (format!("{shown}:5:1"), "line 5 of the manifest is not an entry (its second field is not page, list-page or alias), so it is not compared"),
            ]
        );
        let shown_line = found[0].render(false);
        assert!(
            shown_line.contains("4 | about\tpage") || shown_line.contains("4 | about"),
            "{shown_line}"
        );
        assert!(!shown_line.contains("plainsite manifest"), "{shown_line}");
    }
}
