//! Broken internal links and anchors: every address inside the site must lead to a page
//! or file the build writes, and every `#anchor` to an id on that page.

use std::collections::{BTreeMap, HashMap, HashSet};

use percent_encoding::percent_decode_str;

use super::PageReport;
use crate::diagnostics::{did_you_mean, Diagnostic};

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

/// [`check_links`] for some of the site's pages (the dev server's one-page updates):
/// `others` are the addresses of the pages not rendered this time, which exist but
/// whose anchors are not known, so links to them are taken as good.
pub fn check_links_among(
    pages: &[PageReport],
    others: &HashSet<&str>,
    files: &HashSet<String>,
    config: &super::CheckConfig,
) -> Vec<Diagnostic> {
    let ids: HashMap<&str, HashSet<&str>> = pages
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
            let mut problems = Vec::new();
            let mut in_template = Vec::new();
            let mut seen = HashSet::new();
            for crate::html_scan::Link {
                target: link,
                raw,
                kind,
            } in &page.scan.links
            {
                if !seen.insert(link.as_str()) || page.md_broken.contains(raw) {
                    continue;
                }
                // `#` alone is the top of the page. Browsers decode the fragment
                // (`#revue-r%C3%A9aliste`) before they look for the id.
                let (path, fragment) = match link.split_once('#') {
                    Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
                    None => (link.as_str(), None),
                };
                let fragment = fragment.map(|f| percent_decode_str(f).decode_utf8_lossy());
                let fragment = fragment.as_deref();
                let path = path.split('?').next().unwrap_or(path);
                let target = if path.is_empty() {
                    page.url.as_str()
                } else {
                    path
                };
                let page_address = target.strip_suffix("index.html").unwrap_or(target);
                if others.contains(page_address) {
                    continue;
                }
                let Some(problem) = problem_with(target, fragment, &ids, files) else {
                    continue;
                };
                let md = page.md_links.iter().find(|l| {
                    let p = if l.path.is_empty() {
                        page.url.as_str()
                    } else {
                        l.path.as_str()
                    };
                    p == target && l.fragment.as_deref() == fragment
                });
                let raw_place = page.source_text.as_deref().and_then(|t| find_raw(t, raw));
                match (
                    md.map(|l| (l.line, l.column)).or(raw_place),
                    &page.source_text,
                ) {
                    (Some((line, column)), Some(text)) => {
                        if let Some(d) = config
                            .diagnostic("broken-link", format!("broken {kind}: {}", problem.0))
                        {
                            problems.push(d.at(&page.file, text, line, column).help(problem.1));
                        }
                    }
                    _ => in_template.push((
                        link.clone(),
                        format!("broken {kind} {link}: {}", problem.0),
                        page.url.clone(),
                    )),
                }
            }
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
        if let Some(d) = config.diagnostic("broken-link", message) {
            problems.push(d.in_file(format!("template {template}")).help(format!(
                "seen on {}{more}; fix the address in the template or add the missing page",
                shown.join(", ")
            )));
        }
    }
    problems
}

/// The place of an address written as raw HTML in a page's Markdown.
fn find_raw(text: &str, raw: &str) -> Option<(usize, usize)> {
    let quoted = [format!("=\"{raw}\""), format!("='{raw}'")];
    crate::diagnostics::find_in_lines(text, |l| {
        let at = quoted.iter().find_map(|q| l.find(q.as_str()))?;
        Some(l[..at].rfind('<').unwrap_or(at))
    })
}

/// What is wrong with a link to `path#fragment`, and how to fix it; `None` if it works.
fn problem_with(
    path: &str,
    fragment: Option<&str>,
    ids: &HashMap<&str, HashSet<&str>>,
    files: &HashSet<String>,
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
                let urls = ids.keys().copied();
                let help = match did_you_mean(&url, urls) {
                    Some(s) => format!("did you mean {s}? To link to a page, use the path of its .md file"),
                    None => "to link to a page, use the path of its .md file, e.g. [Pay people fairly](recommendations/pay-fairly.md)".into(),
                };
                Some((format!("no page at {url}"), help))
            }
            Some(page_ids) => match fragment {
                Some(f) if !page_ids.contains(f) => {
                    let help = match did_you_mean(f, page_ids.iter().copied()) {
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
    use crate::html_scan::Scan;
    use crate::markdown::LinkRef;

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
                    .map(|l| crate::html_scan::Link {
                        target: l.to_string(),
                        raw: l.to_string(),
                        kind: "link",
                    })
                    .collect(),
                ..Default::default()
            },
            md_links: vec![],
            md_broken: vec![],
            ignored: vec![],
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
}
