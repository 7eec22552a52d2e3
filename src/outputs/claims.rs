//! The one place that claims every output file of a build (pages, data pages, listing
//! pages, language home pages, the 404 page, sitemap, feed, robots.txt, chart files,
//! slides, offline copies and static files), each with where it comes from. Two claims
//! on one file are an error naming both sources, whatever made them; so are two files
//! whose names differ only in upper and lower case, which are one file on Windows and
//! macOS disks.

use std::collections::{HashMap, HashSet};

use crate::text::diagnostics::Diagnostic;

/// Where an output comes from: the file to point at, and how to name it to the author.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file the diagnostic points at (relative to the site root).
    pub file: String,
    /// The source in words, e.g. `content/news/_index.md` or `the sitemap`.
    pub what: String,
}

impl Source {
    /// A source that is a file, named by its path.
    pub fn file(file: impl Into<String>) -> Source {
        let file = file.into();
        Source {
            what: file.clone(),
            file,
        }
    }

    /// A source made by plainsite itself, shown with the file that asks for it.
    pub fn made(what: impl Into<String>, file: impl Into<String>) -> Source {
        Source {
            file: file.into(),
            what: what.into(),
        }
    }
}

/// Every output file claimed so far.
#[derive(Debug, Default)]
pub struct Claims {
    /// By the file's path in lower case: its path as written and its source.
    by_key: HashMap<String, (String, Source)>,
    problems: Vec<Diagnostic>,
}

impl Claims {
    /// Claims the output file `rel` (relative to the output folder) for `source`.
    pub fn claim(&mut self, rel: &str, source: Source) {
        let path = normalize(rel);
        match self.by_key.get(&path.to_lowercase()) {
            None => {
                self.by_key.insert(path.to_lowercase(), (path, source));
            }
            Some((first_path, first)) if *first_path == path => self.problems.push(
                Diagnostic::error(format!("two outputs would be written to {path}"))
                    .in_file(source.file.clone())
                    .help(format!(
                        "{} and {} are both written there; rename one of them, or give the page another slug: (or the entry another id:)",
                        source.what, first.what
                    )),
            ),
            Some((first_path, first)) => self.problems.push(
                Diagnostic::error(format!(
                    "two outputs differ only in upper and lower case: {first_path} and {path}"
                ))
                .in_file(source.file.clone())
                .help(format!(
                    "{path} comes from {}, {first_path} from {}; Windows and macOS disks hold them as one file: rename one of them",
                    source.what, first.what
                )),
            ),
        }
    }

    /// The problems found, in the order the claims were made.
    pub fn take_problems(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.problems)
    }

    /// Every claimed file, for the link checks.
    pub fn files(&self) -> HashSet<String> {
        self.by_key.values().map(|(p, _)| p.clone()).collect()
    }
}

/// An output path with empty parts dropped: `news//index.html` is written to
/// `news/index.html`.
fn normalize(rel: &str) -> String {
    rel.split('/')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_claims_on_one_file_name_both_sources() {
        let mut c = Claims::default();
        c.claim(
            "findings/index.html",
            Source::file("content/findings/_index.md"),
        );
        c.claim(
            "findings//index.html",
            Source::file("content/_data/findings.yaml"),
        );
        c.claim("About/index.html", Source::file("content/About/_index.md"));
        c.claim("about/index.html", Source::file("content/about/_index.md"));
        c.claim("sitemap.xml", Source::made("the sitemap", "site.toml"));
        let p = c.take_problems();
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            p[0].message,
            "two outputs would be written to findings/index.html"
        );
        assert!(p[0].help.as_deref().unwrap().starts_with(
            "content/_data/findings.yaml and content/findings/_index.md are both written there"
        ));
        assert_eq!(
            p[1].message,
            "two outputs differ only in upper and lower case: About/index.html and about/index.html"
        );
        assert_eq!(c.files().len(), 3);
    }
}
