//! Broken internal links and anchors: every address inside the site must lead to a page
//! or file the build writes, and every `#anchor` to an id on that page.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use percent_encoding::percent_decode_str;

use super::PageReport;
use crate::text::diagnostics::{did_you_mean, Diagnostic, LineIndex};
use crate::text::rule::Rule;
use crate::text::split_at_first;

/// A broken link written by a template: the page, the link, and what is wrong with it.
type TemplateLink = (String, String, String);

/// Checks every page's internal links against the pages' ids and the written files
/// (paths relative to the output folder, e.g. `style.css`).
pub fn check_links(
    pages: &[PageReport],
    files: &HashSet<String>,
    config: &super::CheckConfig,
) -> Vec<Diagnostic> {
    check_links_among(pages, &HashSet::new(), files, config)
}

/// The heading ids of each page, by its address.
type Ids<'a> = rustc_hash::FxHashMap<&'a str, rustc_hash::FxHashSet<&'a str>>;

/// [`check_links`] for some of the site's pages (the dev server's one-page updates):
/// `others` are the addresses of the pages not rendered this time, which exist but
/// whose anchors are not known, so links to them are taken as good.
pub fn check_links_among(
    pages: &[PageReport],
    others: &HashSet<&str>,
    files: &HashSet<String>,
    config: &super::CheckConfig,
) -> Vec<Diagnostic> {
    // Fx-hashed: every link of every page is looked up here.
    let ids: Ids = pages
        .iter()
        .map(|p| {
            (
                p.url.as_str(),
                p.scan.ids.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    // Pages are checked in parallel; each gives its own problems and the broken links
    // that come from its template (no place in its Markdown).
    use rayon::prelude::*;
    let per_page: Vec<(Vec<Diagnostic>, Vec<TemplateLink>)> = pages
        .par_iter()
        .map(|page| {
            let (problems, in_template, _work) = check_page(page, others, &ids, files, config);
            (problems, in_template)
        })
        .collect();
    let mut problems = Vec::new();
    // A broken link in a template shows on every page: report it once.
    let mut from_templates: BTreeMap<(String, String), (String, Vec<String>)> = BTreeMap::new();
    for (page, (mut found, in_template)) in pages.iter().zip(per_page) {
        problems.append(&mut found);
        for (link, message, url) in in_template {
            from_templates
                .entry((page.template.clone(), link))
                .or_insert_with(|| (message, Vec::new()))
                .1
                .push(url);
        }
    }
    for ((template, _), (message, on_pages)) in from_templates {
        let shown: Vec<&str> = on_pages.iter().take(3).map(String::as_str).collect();
        let more = if on_pages.len() > 3 {
            format!(" and {} more", on_pages.len() - 3)
        } else {
            String::new()
        };
        if let Some(d) = config.diagnostic(Rule::BrokenLink, message) {
            problems.push(d.in_file(format!("template {template}")).help(format!(
                "seen on {}{more}; fix the address in the template or add the missing page",
                shown.join(", ")
            )));
        }
    }
    problems
}

/// The page's links to anchors of its own that lead nowhere, found as soon as the page
/// is rendered (its ids are known then), so that they come in line order with the page's
/// other problems. The site-wide check finds them again, in the same words, and the
/// reporter prints each once.
pub fn check_own_anchors(page: &PageReport, config: &super::CheckConfig) -> Vec<Diagnostic> {
    let broken = |l: &&crate::text::html_scan::Link| {
        let Some((path, fragment)) = split_at_first(&l.target, b'#') else {
            return false;
        };
        let fragment = decoded(fragment);
        (path.is_empty() || path == page.url)
            && !fragment.is_empty()
            && !page.scan.ids.iter().any(|id| *id == fragment)
    };
    if !page.scan.links.iter().any(|l| broken(&l)) {
        return Vec::new();
    }
    let mut own = page.clone();
    own.scan.links.retain(|l| broken(&l));
    let ids: Ids = [(
        page.url.as_str(),
        page.scan.ids.iter().map(String::as_str).collect(),
    )]
    .into_iter()
    .collect();
    check_page(&own, &HashSet::new(), &ids, &HashSet::new(), config).0
}

/// `text` with its percent escapes decoded (an invalid sequence of bytes becomes
/// U+FFFD), as `percent_decode_str(text).decode_utf8_lossy()`; most addresses have no
/// `%` and are given back as they are, without the decoder's pass over every byte.
fn decoded(text: &str) -> Cow<'_, str> {
    match memchr::memchr(b'%', text.as_bytes()) {
        None => Cow::Borrowed(text),
        Some(_) => percent_decode_str(text).decode_utf8_lossy(),
    }
}

/// Most did-you-mean comparisons one page may make. Each costs about a microsecond, so
/// a page of 20,000 broken anchors against 20,000 headings stays well under a second;
/// past it, problems get the general advice instead of a guess.
const SUGGESTION_BUDGET: usize = 200_000;

/// One page's links checked against the site. Everything it looks up is indexed once
/// per page (its Markdown links, raw HTML addresses and lines), so a page's cost grows
/// with its size, not with the square of its number of broken links; the returned count
/// of steps lets a test hold it to that.
fn check_page(
    page: &PageReport,
    others: &HashSet<&str>,
    ids: &Ids,
    files: &HashSet<String>,
    config: &super::CheckConfig,
) -> (Vec<Diagnostic>, Vec<TemplateLink>, usize) {
    let mut problems = Vec::new();
    let mut in_template = Vec::new();
    let mut seen =
        rustc_hash::FxHashSet::with_capacity_and_hasher(page.scan.links.len(), Default::default());
    let mut index = PageIndex::new(page);
    let mut budget = Budget(SUGGESTION_BUDGET);
    for crate::text::html_scan::Link {
        target: link,
        raw,
        kind,
    } in &page.scan.links
    {
        if !seen.insert(link.as_str()) || index.broken.contains(raw.as_str()) {
            continue;
        }
        // `#` alone is the top of the page. Browsers decode the fragment
        // (`#revue-r%C3%A9aliste`) before they look for the id.
        let (path, fragment) = match split_at_first(link, b'#') {
            Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
            None => (link.as_str(), None),
        };
        let fragment = fragment.map(decoded);
        let fragment = fragment.as_deref();
        // The path too: a page named "café" is written /caf%C3%A9/ in its links.
        let path = split_at_first(path, b'?').map_or(path, |(p, _)| p);
        let written = path;
        let path = decoded(path);
        let target = if path.is_empty() {
            page.url.as_str()
        } else {
            &path
        };
        let page_address = target.strip_suffix("index.html").unwrap_or(target);
        if others.contains(page_address) {
            continue;
        }
        let Some(problem) = problem_with(target, fragment, ids, files, &mut budget) else {
            continue;
        };
        // The page's own links are placed by the address as the author wrote it.
        let place = index
            .place(target, fragment, raw)
            .or_else(|| index.place(written, fragment, raw));
        match (place, page.source_text.as_deref()) {
            (Some((line, column)), Some(text)) => {
                if let Some(d) =
                    config.diagnostic(Rule::BrokenLink, format!("broken {kind}: {}", problem.0))
                {
                    let source = index.line(text, line);
                    problems.push(d.at_line(&page.file, source, line, column).help(problem.1));
                }
            }
            _ => in_template.push((
                link.clone(),
                format!("broken {kind} {link}: {}", problem.0),
                page.url.clone(),
            )),
        }
    }
    let work = index.work + (SUGGESTION_BUDGET - budget.0);
    (problems, in_template, work)
}

/// A page's Markdown links by address, its raw HTML addresses by value and its line
/// starts, each built at most once; `work` counts the steps spent building them.
struct PageIndex<'a> {
    page: &'a PageReport,
    md: rustc_hash::FxHashMap<(&'a str, Option<&'a str>), (usize, usize)>,
    broken: rustc_hash::FxHashSet<&'a str>,
    raw: Option<HashMap<&'a str, (usize, usize)>>,
    lines: Option<LineIndex>,
    work: usize,
}

impl<'a> PageIndex<'a> {
    fn new(page: &'a PageReport) -> Self {
        let mut md = rustc_hash::FxHashMap::with_capacity_and_hasher(
            page.md_links.len(),
            Default::default(),
        );
        for l in &page.md_links {
            let path = if l.path.is_empty() {
                page.url.as_str()
            } else {
                l.path.as_str()
            };
            md.entry((path, l.fragment.as_deref()))
                .or_insert((l.line, l.column));
        }
        PageIndex {
            page,
            md,
            broken: page.md_broken.iter().map(String::as_str).collect(),
            raw: None,
            lines: None,
            work: page.md_links.len() + page.md_broken.len(),
        }
    }

    /// Where a link is written: as a Markdown link, or else as a raw HTML address.
    fn place(&mut self, target: &str, fragment: Option<&str>, raw: &str) -> Option<(usize, usize)> {
        if let Some(&place) = self.md.get(&(target, fragment)) {
            return Some(place);
        }
        self.page.source_text.as_deref()?;
        let (page, work) = (self.page, &mut self.work);
        let raw_places = self.raw.get_or_insert_with(|| {
            let mut places = HashMap::new();
            for (value, place) in page.places.attr_values() {
                places.entry(value).or_insert(place);
            }
            *work += places.len() + 1;
            places
        });
        // The places' values are decoded; `raw` is the address as written.
        if raw.contains('&') {
            return raw_places
                .get(crate::text::html_scan::decode(raw).as_str())
                .copied();
        }
        raw_places.get(raw).copied()
    }

    fn line<'t>(&mut self, text: &'t str, line: usize) -> Option<&'t str> {
        let work = &mut self.work;
        self.lines
            .get_or_insert_with(|| {
                *work += text.len() / 64 + 1;
                LineIndex::new(text)
            })
            .line(text, line)
    }
}

/// Did-you-mean comparisons a page may still make.
struct Budget(usize);

impl Budget {
    /// The closest candidate, if the budget covers comparing them all.
    fn suggest<'a, I>(&mut self, wrong: &str, candidates: I) -> Option<&'a str>
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: ExactSizeIterator,
    {
        let candidates = candidates.into_iter();
        self.0 = self.0.checked_sub(candidates.len())?;
        did_you_mean(wrong, candidates)
    }
}

/// What is wrong with a link to `path#fragment`, and how to fix it; `None` if it works.
fn problem_with(
    path: &str,
    fragment: Option<&str>,
    ids: &Ids,
    files: &HashSet<String>,
    budget: &mut Budget,
) -> Option<(String, String)> {
    let page_url = if path.ends_with('/') {
        Some(path.to_string())
    } else {
        path.strip_suffix("index.html")
            .filter(|p| p.ends_with('/'))
            .map(str::to_string)
    };
    match page_url {
        Some(url) => match ids.get(url.as_str()) {
            None => {
                let help = match budget.suggest(&url, ids.keys().copied()) {
                    Some(s) => format!("did you mean {s}? To link to a page, use the path of its .md file"),
                    None => "to link to a page, use the path of its .md file, e.g. [Pay people fairly](recommendations/pay-fairly.md)".into(),
                };
                Some((format!("no page at {url}"), help))
            }
            Some(page_ids) => match fragment {
                Some(f) if !page_ids.contains(f) => {
                    let help = match budget.suggest(f, page_ids.iter().copied()) {
                        Some(s) => format!("did you mean #{s}? Heading ids are the heading's words in lower case, joined by hyphens"),
                        None => "link to a heading's id: its words in lower case joined by hyphens, e.g. #why-it-matters".into(),
                    };
                    Some((format!("{url} has no anchor #{f}"), help))
                }
                _ => None,
            },
        },
        None => {
            let file = path.trim_start_matches('/');
            if files.contains(file) {
                None
            } else if ids.contains_key(format!("{path}/").as_str()) {
                Some((
                    format!("{path} needs a / at the end"),
                    format!("write {path}/ so the address works on every web server"),
                ))
            } else {
                Some((
                    format!("no file or page at {path}"),
                    "check the spelling, or put the file in content/ or the theme's static/ folder"
                        .into(),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::LinkRef;
    use crate::text::html_scan::Scan;

    /// The fast paths give what `split_once` and the decoder give, on addresses with
    /// and without escapes, separators at either end, and bytes that do not decode.
    #[test]
    fn addresses_are_cut_and_decoded_as_split_once_and_the_decoder_do() {
        for text in [
            "",
            "#",
            "?",
            "/a/b/",
            "/a/b/#top",
            "#revue-r%C3%A9aliste",
            "/caf%C3%A9/?q=1#x",
            "/caf%C3/",
            "%",
            "%zz",
            "a#b#c",
            "a?b?c#d",
            "r\u{e9}sum\u{e9}#r\u{e9}f",
        ] {
            for byte in [b'#', b'?'] {
                let sep = char::from(byte);
                assert_eq!(
                    split_at_first(text, byte),
                    text.split_once(sep),
                    "{text:?} at {sep}"
                );
            }
            let oracle = percent_decode_str(text).decode_utf8_lossy();
            assert_eq!(decoded(text), oracle, "{text:?}");
        }
    }

    fn page(url: &str, ids: &[&str], links: &[&str]) -> PageReport {
        PageReport {
            url: url.into(),
            file: format!("content{url}index.md"),
            template: "page.html".into(),
            source_text: Some("---\ntitle: x\n---\nsee [a](b.md)\n".into()),
            scan: Scan {
                ids: ids.iter().map(|s| s.to_string()).collect(),
                links: links
                    .iter()
                    .map(|l| crate::text::html_scan::Link {
                        target: l.to_string(),
                        raw: l.to_string(),
                        kind: "link",
                    })
                    .collect(),
                ..Default::default()
            },
            md_links: vec![],
            md_broken: vec![],
            places: Default::default(),
            ignored: vec![],
            written: None,
        }
    }

    #[test]
    fn good_links_pass() {
        let files: HashSet<String> = ["style.css".to_string()].into();
        let pages = [
            page(
                "/",
                &["top"],
                &["/a/#x", "/style.css", "#top", "/a/index.html"],
            ),
            page("/a/", &["x"], &["/"]),
        ];
        assert!(check_links(&pages, &files, &Default::default()).is_empty());
    }

    #[test]
    fn missing_pages_anchors_and_files_are_reported() {
        let mut p = page("/", &[], &["/a/#nope", "/b/", "/gone.css", "/a"]);
        p.md_links.push(LinkRef {
            path: "/a/".into(),
            fragment: Some("nope".into()),
            line: 4,
            column: 5,
        });
        let pages = [p, page("/a/", &["nope-2"], &[])];
        let d = check_links(&pages, &HashSet::new(), &Default::default());
        assert_eq!(d.len(), 4, "{d:?}");
        assert_eq!(
            d[0].location.as_ref().unwrap().line,
            4,
            "a Markdown link is reported at its line"
        );
        assert!(d[0].help.as_deref().unwrap().contains("#nope-2"));
        assert!(d[1].message.contains("needs a / at the end"), "{d:?}");
    }

    /// A page with `n` broken `#anchor` links written in its Markdown, one a line.
    fn page_of_broken_anchors(n: usize, raw_html: bool) -> PageReport {
        let mut text = String::from("---\ntitle: x\n---\n");
        let mut p = page("/", &["top", "why-it-matters"], &[]);
        for i in 0..n {
            let href = format!("#missing-{i}");
            if raw_html {
                text.push_str(&format!("See <a href=\"{href}\">part {i}</a>.\n"));
            } else {
                text.push_str(&format!("See [part {i}]({href}).\n"));
                p.md_links.push(LinkRef {
                    path: String::new(),
                    fragment: Some(format!("missing-{i}")),
                    line: 4 + i,
                    column: 5,
                });
            }
            p.scan.links.push(crate::text::html_scan::Link {
                target: format!("/{href}"),
                raw: href,
                kind: "link",
            });
        }
        p.places = crate::markdown::places::of_raw_html(&text);
        p.source_text = Some(text.into());
        p
    }

    #[test]
    fn broken_anchors_cost_linear_work_not_quadratic() {
        for raw_html in [false, true] {
            let n = 4000;
            let p = page_of_broken_anchors(n, raw_html);
            let ids = Ids::from_iter([("/", p.scan.ids.iter().map(String::as_str).collect())]);
            let (d, in_template, work) = check_page(
                &p,
                &HashSet::new(),
                &ids,
                &HashSet::new(),
                &Default::default(),
            );
            assert_eq!((d.len(), in_template.len()), (n, 0));
            let last = d[n - 1].location.as_ref().unwrap();
            assert_eq!((last.line, last.column), (3 + n, 5), "raw HTML: {raw_html}");
            assert!(last
                .source_line
                .as_deref()
                .unwrap()
                .contains("missing-3999"));
            // Two ids to compare per anchor, plus one pass over the page: about 5n.
            // Searching the page again for each link would be about n * n / 2.
            assert!(work <= 10 * n, "{work} steps for {n} broken anchors");
        }
    }

    #[test]
    fn a_report_kept_for_the_site_gives_the_same_link_problems() {
        let mut p = page_of_broken_anchors(3, true);
        let link = |target: &str, raw: &str, kind| crate::text::html_scan::Link {
            target: target.into(),
            raw: raw.into(),
            kind,
        };
        // The same addresses again, written otherwise, and as an image.
        p.scan.links.extend([
            link("/#missing-1", "/#missing-1", "link"),
            link("/gone/", "../gone/", "link"),
            link("/gone/", "/gone/", "link"),
            link("/gone/", "/gone/", "image"),
        ]);
        p.scan.anchors.push(crate::text::html_scan::Anchor {
            href: "#missing-0".into(),
            text: "part 0".into(),
            labelled: false,
        });
        p.scan.headings.push((2, "top".into(), "Top".into()));
        let pages = [p.clone()];
        let files = HashSet::new();
        let before = check_links(&pages, &files, &Default::default());
        p.keep_for_site();
        let after = check_links(std::slice::from_ref(&p), &files, &Default::default());
        assert_eq!(format!("{after:?}"), format!("{before:?}"));
        assert_eq!(before.len(), 4, "{before:?}");
        let kept: Vec<(&str, &str, &str)> = (p.scan.links.iter())
            .map(|l| (l.target.as_str(), l.raw.as_str(), l.kind))
            .collect();
        assert_eq!(
            kept,
            [
                ("/#missing-0", "#missing-0", "link"),
                ("/#missing-1", "#missing-1", "link"),
                ("/#missing-2", "#missing-2", "link"),
                ("/gone/", "../gone/", "link"),
                ("/gone/", "/gone/", "image"),
            ]
        );
        assert!(p.scan.anchors.is_empty() && p.scan.headings.is_empty());
        assert_eq!(p.places.attr_values().count(), 3);
        use crate::markdown::places::Key;
        let other = |k: &Key| !matches!(k, Key::Attr { .. });
        assert_eq!(p.places.first_where(other), None, "{:?}", p.places);
    }

    #[test]
    fn did_you_mean_stops_at_its_budget() {
        let mut budget = Budget(3);
        assert_eq!(budget.suggest("topp", ["top", "end"]), Some("top"));
        assert_eq!(
            budget.suggest("topp", ["top", "end"]),
            None,
            "1 left, 2 needed"
        );
        assert_eq!(budget.0, 1);
    }

    #[test]
    fn link_to_an_accented_heading_id_is_found() {
        // Browsers decode `#revue-r%C3%A9aliste` before they look for the id.
        let pages = [
            page("/", &[], &["/a/#revue-r%C3%A9aliste", "/a/#th%C3%A9orie"]),
            page("/a/", &["revue-réaliste"], &[]),
        ];
        let d = check_links(&pages, &HashSet::new(), &Default::default());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("no anchor #théorie"), "{d:?}");
    }

    #[test]
    fn template_links_are_reported_once() {
        let pages = [
            page("/", &[], &["/missing/"]),
            page("/a/", &[], &["/missing/"]),
        ];
        let d = check_links(&pages, &HashSet::new(), &Default::default());
        assert_eq!(d.len(), 1);
        assert!(d[0].help.as_deref().unwrap().contains("seen on /, /a/"));
    }

    #[test]
    fn a_raw_html_link_with_character_references_is_reported_at_its_line() {
        // The places of raw HTML attributes are kept decoded (`html_scan::decode`); the
        // link's raw value is as written, so it is decoded before it is looked up.
        let text = "---\ntitle: x\n---\nSee <a href=\"/x&#47;y/\">x</a>, <a href=\"/z/?a=1&amp;b=2\">z</a>.\n";
        let mut p = page("/", &[], &[]);
        for (target, raw) in [("/x/y/", "/x&#47;y/"), ("/z/?a=1&b=2", "/z/?a=1&amp;b=2")] {
            p.scan.links.push(crate::text::html_scan::Link {
                target: target.into(),
                raw: raw.into(),
                kind: "link",
            });
        }
        p.places = crate::markdown::places::of_raw_html(text);
        p.source_text = Some(text.into());
        let ids = Ids::from_iter([("/", Default::default())]);
        let (d, in_template, _) = check_page(
            &p,
            &HashSet::new(),
            &ids,
            &HashSet::new(),
            &Default::default(),
        );
        assert_eq!((d.len(), in_template.len()), (2, 0), "{in_template:?}");
        assert!(d.iter().all(|d| d.location.as_ref().unwrap().line == 4));
    }
}
