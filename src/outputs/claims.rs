//! The one place that claims every output file of a build (pages, data pages, listing
//! pages, language home pages, the 404 page, sitemap, feed, robots.txt, chart files,
//! slides, offline copies and static files), each with where it comes from. Two claims
//! on one file are an error naming both sources, whatever made them; so are two files
//! whose names differ only in upper and lower case, which are one file on Windows and
//! macOS disks, and a file whose name is a folder of another claimed file.

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
    /// Each folder holding a claimed file, in lower case, with the first such file's key.
    folders: HashMap<String, String>,
    problems: Vec<Diagnostic>,
}

impl Claims {
    /// Claims the output file `rel` (relative to the output folder) for `source`; false
    /// (and a problem) when another claim has it, or it is a folder of another or in one.
    pub fn claim(&mut self, rel: &str, source: Source) -> bool {
        let path = normalize(rel);
        let key = path.to_lowercase();
        if let Some((other_path, other)) = self.in_the_way(&key) {
            let problem = Diagnostic::error(format!(
                "a file and a folder would have one name: {path} and {other_path}"
            ))
            .in_file(source.file.clone())
            .help(format!(
                "{} writes {path}, {} writes {other_path}; a folder cannot be a file too: rename one of them",
                source.what, other.what
            ));
            self.problems.push(problem);
            return false;
        }
        match self.by_key.get(&key) {
            None => {
                for (i, _) in key.match_indices('/') {
                    if !self.folders.contains_key(&key[..i]) {
                        self.folders.insert(key[..i].to_string(), key.clone());
                    }
                }
                self.by_key.insert(key, (path, source));
                return true;
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
        false
    }

    /// A claimed file in the way of the file `key` (lower case), and its source: one
    /// under a folder of that name, or one whose name is a folder `key` needs.
    fn in_the_way(&self, key: &str) -> Option<(&str, &Source)> {
        let file = match self.folders.get(key) {
            Some(file) => self.by_key.get(file),
            None => key
                .match_indices('/')
                .find_map(|(i, _)| self.by_key.get(&key[..i])),
        };
        file.map(|(p, s)| (p.as_str(), s))
    }

    /// The claimed file the output file `rel` would land on (the same file, in the way
    /// of its folder, or under a folder of its name), with its source.
    pub fn taken(&self, rel: &str) -> Option<(&str, &Source)> {
        let key = normalize(rel).to_lowercase();
        match self.by_key.get(&key) {
            Some((p, s)) => Some((p.as_str(), s)),
            None => self.in_the_way(&key),
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

    #[test]
    fn a_file_whose_name_is_a_folder_of_another_is_refused_either_way() {
        let mut c = Claims::default();
        assert!(c.claim("robots.txt", Source::made("robots.txt", "site.toml")));
        assert!(!c.claim(
            "robots.txt/index.html",
            Source::file("content/robots.txt.md")
        ));
        assert!(c.claim("search/en/index.html", Source::file("content/search/en.md")));
        assert!(!c.claim("search/en", Source::made("the search index", "site.toml")));
        let p = c.take_problems();
        assert_eq!(
            p.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
            [
                "a file and a folder would have one name: robots.txt/index.html and robots.txt",
                "a file and a folder would have one name: search/en and search/en/index.html",
            ]
        );
        assert_eq!(
            c.taken("Robots.txt/index.html").map(|t| t.0),
            Some("robots.txt")
        );
        assert_eq!(
            c.taken("search/en").map(|t| t.0),
            Some("search/en/index.html")
        );
        assert!(c.taken("search/fr").is_none());
    }
}
