//! Each page's words, indexed on the thread that rendered the page, while its text is
//! still in the processor's cache: each word is looked up in its language's shared
//! [`Vocabulary`] (folded and stemmed only the first time the site meets it), and each
//! section keeps its keys with their flags. The language's index ([`super::merge`])
//! then only puts numbers together, page by page, in page order, so the files do not
//! depend on which thread rendered which page.

use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use super::words::{self, Analyzer};
use super::{extract, Alias, SectionKeys, Sections};

/// One language's word numbers, shared by the threads that render its pages.
pub struct Indexer {
    analyzer: Analyzer,
    vocabulary: Mutex<Vocabulary>,
    /// Each abbreviation's key with the keys of its long form, so either finds the other.
    aliases: Vec<(usize, Vec<usize>)>,
    /// Each abbreviation's form and key, which come before any page's.
    alias_terms: Vec<(usize, usize)>,
}

/// The words of one page, as numbers of its language's [`Indexer`].
#[derive(Debug, Clone, Default)]
pub struct PageWords {
    /// The page's word forms with their keys, in the order the page first has them:
    /// a form written with two keys (two stems fold alike) is searched under the one
    /// the site has first.
    terms: Vec<(usize, usize)>,
    /// Each section's keys, `key * 4 + flags` (1: in its heading, 2: in the page
    /// title), one section after another.
    keys: Vec<usize>,
    /// Where each section's keys end in `keys`.
    ends: Vec<usize>,
}

impl PageWords {
    /// The keys of the page's section `n`, as [`PageWords::keys`] writes them.
    pub(super) fn section(&self, n: usize) -> &[usize] {
        let start = n.checked_sub(1).and_then(|p| self.ends.get(p)).copied();
        let end = self.ends.get(n).copied();
        self.keys
            .get(start.unwrap_or(0)..end.unwrap_or(0))
            .unwrap_or_default()
    }
}

/// What the language's merge takes from the [`Indexer`] once every page is read.
pub struct Merged {
    pub(super) vocabulary: Vocabulary,
    pub(super) aliases: Vec<(usize, Vec<usize>)>,
    /// By form number: its key.
    pub(super) form_keys: Vec<Option<usize>>,
}

impl Indexer {
    /// The indexer of a language (a BCP 47 code) whose glossary has these abbreviations.
    pub fn new(code: &str, aliases: &[Alias]) -> Self {
        let analyzer = Analyzer::for_language(code);
        let mut vocabulary = Vocabulary::default();
        let mut alias_terms = Vec::new();
        let aliases = aliases
            .iter()
            .filter_map(|a| {
                let long: Vec<usize> = analyzer
                    .terms(&a.long)
                    .into_iter()
                    .map(|t| vocabulary.key(t.key))
                    .collect();
                let short = words::fold(&a.short);
                if short.is_empty() || long.is_empty() {
                    return None;
                }
                let ids = vocabulary.add(short.clone(), short);
                alias_terms.push(ids);
                Some((ids.1, long))
            })
            .collect();
        Indexer {
            analyzer,
            vocabulary: Mutex::new(vocabulary),
            aliases,
            alias_terms,
        }
    }

    /// The words of a page with this title and these sections. The vocabulary is
    /// locked for the page: a word's look-up is one hash look-up, and the lock is
    /// taken once a page, not once a word.
    pub fn page(&self, title: &str, sections: &Sections) -> PageWords {
        let mut out = PageWords::default();
        let mut guard = self
            .vocabulary
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let vocabulary = &mut *guard;
        vocabulary.page += 1;
        for (s, part) in sections.iter().enumerate() {
            vocabulary.section.start();
            // Loops, not an iterator of iterators: this runs for every word of the site.
            for (text, flag) in part.texts() {
                for piece in extract::unescaped_parts(text) {
                    for raw in words::raw_terms(piece) {
                        if let Some(ids) = vocabulary.ids(&self.analyzer, raw) {
                            vocabulary.met(ids, flag, &mut out.terms);
                        }
                    }
                }
            }
            if s == 0 {
                // The title's words mark the page's first section's own keys; they add
                // no word forms.
                for raw in words::raw_terms(title) {
                    if let Some(key) = vocabulary.title_key(&self.analyzer, raw) {
                        vocabulary.section.mark(key, 2);
                    }
                }
            }
            let section = &vocabulary.section;
            let keys = section.keys.iter();
            out.keys
                .extend(keys.map(|&key| key * 4 + section.flags[key]));
            out.ends.push(out.keys.len());
        }
        out
    }

    /// The vocabulary, taken, and each form's key: the first met in page order
    /// (`pages`, each page's words), after the abbreviations'.
    pub fn finish<'a>(&self, pages: impl Iterator<Item = &'a PageWords>) -> Merged {
        let vocabulary = std::mem::take(
            &mut *self
                .vocabulary
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        let mut form_keys = vec![None; vocabulary.forms.len()];
        let terms = self.alias_terms.iter().chain(pages.flat_map(|p| &p.terms));
        for &(form, key) in terms {
            if let Some(slot @ None) = form_keys.get_mut(form) {
                *slot = Some(key);
            }
        }
        Merged {
            vocabulary,
            aliases: self.aliases.clone(),
            form_keys,
        }
    }
}

/// Numbers for each word form and stem key met, and the work done on each raw word
/// (most words repeat: each is folded and stemmed once).
#[derive(Default)]
pub(super) struct Vocabulary {
    /// Keys are copies: a word compared with one in memory read long ago is slow.
    seen: FxHashMap<Box<str>, Option<(usize, usize)>>,
    pub forms: FxHashMap<String, usize>,
    pub keys: FxHashMap<String, usize>,
    /// The keys of the section being read.
    section: SectionKeys,
    /// The number of the page being read, counted from 1.
    page: usize,
    /// By form number: the number of the last page that has it.
    form_pages: Vec<usize>,
}

impl Vocabulary {
    /// The form and key numbers of a raw piece of text; `None` for a common word.
    fn ids(&mut self, analyzer: &Analyzer, raw: &str) -> Option<(usize, usize)> {
        if let Some(&ids) = self.seen.get(raw) {
            return ids;
        }
        let ids = analyzer.term(raw).map(|t| self.add(t.form, t.key));
        self.seen.insert(raw.into(), ids);
        ids
    }

    /// A word of the page's section being read, with its form and key numbers: its
    /// key is in the section, and its form, if new to the page, in `terms`.
    fn met(&mut self, (form, key): (usize, usize), flag: usize, terms: &mut Vec<(usize, usize)>) {
        self.section.add(key, flag);
        if form >= self.form_pages.len() {
            self.form_pages.resize(form + 1, 0);
        }
        if self.form_pages[form] != self.page {
            self.form_pages[form] = self.page;
            terms.push((form, key));
        }
    }

    /// The key number of a word of a page title, if a key already has it.
    fn title_key(&self, analyzer: &Analyzer, raw: &str) -> Option<usize> {
        match self.seen.get(raw) {
            Some(ids) => ids.map(|(_, key)| key),
            None => self.keys.get(&analyzer.term(raw)?.key).copied(),
        }
    }

    fn add(&mut self, form: String, key: String) -> (usize, usize) {
        let key = self.key(key);
        let n = self.forms.len();
        let form = *self.forms.entry(form).or_insert(n);
        (form, key)
    }

    fn key(&mut self, key: String) -> usize {
        let n = self.keys.len();
        *self.keys.entry(key).or_insert(n)
    }
}
