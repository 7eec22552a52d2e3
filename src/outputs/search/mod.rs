//! Stage 7, the search index of each language, written as script files so a site
//! opened from a disk (`file://`, where browsers refuse `fetch`) searches as well as one
//! on a web server. The theme's `search.js` loads them only when a reader starts a
//! search.
//!
//! Per language: `search/CODE.js` holds the pages, their sections (heading and anchor),
//! the sorted word forms with their stems, and for each stem the sections it is in
//! (flags say when it is in the heading or the page title); `search/CODE-N.js` hold
//! the sentences of 128 sections each, loaded only to show the sentences of results.
//! Glossary abbreviations are searchable both ways: "PWUD" finds sections that say
//! "people who use drugs", and the reverse.

pub mod extract;
pub mod words;

pub use extract::{Section, Sections};
use words::Analyzer;

/// Sections per sentence file: each file costs the build a file creation (most of what
/// search adds to a build is creating files), each section more costs a search that
/// shows a result from the file a little more to read, after its titles are shown.
pub const SHARD: usize = 128;

/// The searchable text of one page.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub title: String,
    /// Root-relative address without the base path (`/findings/pay/`).
    pub url: String,
    pub sections: Sections,
    /// The language of a page standing in for its translation (the default language's
    /// code): its words are in that language, and its result is marked so.
    pub stands_in: Option<String>,
}

/// An abbreviation and the words it stands for (from the glossary).
#[derive(Debug, Clone)]
pub struct Alias {
    pub short: String,
    pub long: String,
}

/// One language's index files: (path under the output folder, contents).
#[derive(Debug, Clone)]
pub struct IndexFiles {
    pub files: Vec<(String, String)>,
    /// Bytes of visible text indexed (titles, headings, sentences).
    pub text_bytes: usize,
    /// Bytes of the index file a search loads first (`search/CODE.js`).
    pub index_bytes: usize,
}

/// What `search/CODE.js` holds, written as a JSON array of these fields in this order
/// (names would cost every index their bytes). Numbers are written as [`varints`] in
/// strings, which keeps the file within a third of the text it indexes.
struct Core<'a> {
    /// Title and address (relative to the site root, no leading slash) of each page,
    /// one after the other in one array.
    pages: Vec<&'a str>,
    /// The page of each section, as the gap from the previous section's page.
    sections: String,
    /// The word forms, sorted in the browser's string order, each written as the
    /// length it shares with the one before, its own length (UTF-16 units) and the rest.
    forms: String,
    /// The forms whose stem an earlier form already has, each as the gap from the
    /// previous such form's number plus 1, then that stem's number. Every other form has
    /// a stem of its own, numbered in the order met (a language without stemming lists
    /// none).
    stems: String,
    /// For each stem, its sections, the lists separated by commas: the gap from the
    /// previous section number times 4, plus 1 when the stem is in the section's
    /// heading, 2 when in the page title.
    post: String,
    shard: usize,
    /// The language of the pages standing in for their translation (written, with the
    /// next field, only when there are some).
    stand_in_lang: &'a str,
    /// Those pages, each as the gap from the one before (the first from page 0).
    stand_ins: String,
    /// For a language whose words are stemmed, each stem's key (its folded stem), by
    /// stem number, written against the form that first has the stem: the number of
    /// characters (UTF-16 units) to drop from the form's end times 2, plus 1 when
    /// characters follow, then their count and the characters ("payment" with key "pay":
    /// 8, one digit). The browser stems a query word the site never wrote and finds its
    /// key here. Empty for a language without stemming.
    keys: String,
}

impl Core<'_> {
    /// The script line of the index, [`script`] of the fields' JSON
    /// ([`Core::json_into`]), written into one text made as long as it will be: the
    /// index is the largest file a build makes at once, and a copy of it was made to
    /// add the line's start.
    fn script(&self, name: &str) -> String {
        let Ok(pages) = serde_json::to_string(&self.pages) else {
            return script(name, "null");
        };
        let mut out = script_start(name);
        out.reserve(self.json_len(&pages) + 2);
        self.json_into(&pages, &mut out);
        out.push_str(";\n");
        out
    }

    /// The fields as a JSON array, as `serde_json` writes it.
    #[cfg(test)]
    fn json(&self) -> String {
        let pages = serde_json::to_string(&self.pages).unwrap_or_default();
        let mut out = String::with_capacity(self.json_len(&pages));
        self.json_into(&pages, &mut out);
        out
    }

    /// The long strings of [`Core::json_into`] (each escaped apart).
    fn strings(&self) -> [&String; 4] {
        [&self.sections, &self.forms, &self.stems, &self.post]
    }

    /// At least how long [`Core::json_into`] writes the fields when nothing is escaped
    /// (a few bytes more), given the pages' JSON.
    fn json_len(&self, pages: &str) -> usize {
        let strings: usize = self.strings().iter().map(|s| s.len() + 3).sum();
        let rest = self.keys.len() + self.stand_in_lang.len() + self.stand_ins.len();
        pages.len() + strings + rest + 32
    }

    /// The fields as a JSON array, as `serde_json` writes it (`pages` is the pages'
    /// JSON), added to `out`; the long strings of numbers and forms are escaped by
    /// [`extract::push_json`], which copies text with nothing to escape as it is.
    fn json_into(&self, pages: &str, out: &mut String) {
        out.push('[');
        out.push_str(pages);
        for text in self.strings() {
            out.push(',');
            extract::push_json(out, text);
        }
        out.push(',');
        out.push_str(&self.shard.to_string());
        out.push(',');
        extract::push_json(out, &self.keys);
        // Only a language with pages standing in has these two (most indexes have none).
        if !self.stand_ins.is_empty() {
            out.push(',');
            extract::push_json(out, self.stand_in_lang);
            out.push(',');
            extract::push_json(out, &self.stand_ins);
        }
        out.push(']');
    }
}

/// The digits of [`varints`]: the first 32 end a number, the others go on.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Numbers as base-32 digits, most significant first; every digit but the last is
/// written from the upper half of [`DIGITS`].
pub fn varints(numbers: impl IntoIterator<Item = usize>, out: &mut String) {
    for n in numbers {
        if n < 32 {
            // Most numbers: one digit.
            out.push(char::from(DIGITS[n]));
            continue;
        }
        let (digits, at) = long_varint(n);
        // Digits are ASCII: each byte is its character.
        out.extend(digits[at..].iter().map(|&d| char::from(d)));
    }
}

/// The digits of a number of 32 or more, from the returned place on.
fn long_varint(n: usize) -> ([u8; 13], usize) {
    // 13 digits of 5 bits hold any 64-bit number; filled from the last.
    let mut digits = [0u8; 13];
    let mut at = digits.len() - 1;
    digits[at] = DIGITS[n % 32];
    let mut rest = n / 32;
    while rest > 0 && at > 0 {
        at -= 1;
        digits[at] = DIGITS[32 + rest % 32];
        rest /= 32;
    }
    (digits, at)
}

/// How many digits [`varints`] writes for `n`.
#[inline(always)]
fn varint_len(n: usize) -> usize {
    // Five bits a digit; 0 has one.
    (usize::BITS - (n | 1).leading_zeros()).div_ceil(5) as usize
}

/// One number of [`varints`], its digits written into `out` from `at`; returns how
/// many ([`varint_len`]).
#[inline(always)]
fn put_varint(n: usize, out: &mut [u8], at: usize) -> usize {
    if n < 32 {
        if let Some(byte) = out.get_mut(at) {
            *byte = DIGITS[n];
        }
        return 1;
    }
    let (digits, from) = long_varint(n);
    let digits = digits.get(from..).unwrap_or_default();
    if let Some(to) = out.get_mut(at..at + digits.len()) {
        to.copy_from_slice(digits);
    }
    digits.len()
}

/// The script line that stores a value under a name for `search.js`.
fn script(name: &str, json: &str) -> String {
    let mut out = script_start(name);
    out.push_str(json);
    out.push_str(";\n");
    out
}

/// What a script line of [`script`] writes before the value.
fn script_start(name: &str) -> String {
    format!("plainsiteSearch[{name:?}]=")
}

/// Numbers for each word form and stem key met, and the work done on each raw word
/// (most words repeat: each is folded and stemmed once).
#[derive(Default)]
struct Vocabulary {
    seen: Seen,
    forms: rustc_hash::FxHashMap<String, usize>,
    /// Each form's key number, by form number.
    form_keys: Vec<usize>,
    keys: rustc_hash::FxHashMap<String, usize>,
}

impl Vocabulary {
    /// The key number of a raw piece of text (its bytes, which are UTF-8 text, and its
    /// [`Word`]); `None` for a common word. Inlined where each word of the site is read: most words were
    /// seen before.
    #[inline(always)]
    fn key_of(&mut self, analyzer: &Analyzer, raw: &[u8], word: Word) -> Option<usize> {
        debug_assert!(word == Word::of(raw), "the numbers of {raw:?}");
        match self.seen.get(&word, raw) {
            Some(key) => key,
            None => self.first_seen(analyzer, word, raw),
        }
    }

    /// [`Vocabulary::key_of`] of a word not seen before.
    #[cold]
    fn first_seen(&mut self, analyzer: &Analyzer, word: Word, raw: &[u8]) -> Option<usize> {
        let text = std::str::from_utf8(raw).ok()?;
        let key = analyzer.term(text).map(|t| self.add(t.form, t.key).1);
        self.seen.insert(word, raw, key);
        key
    }

    /// The key number of a word of a page title, if a key already has it: the title's
    /// words add no word forms, they mark the keys of its page's first section.
    fn title_key(&self, analyzer: &Analyzer, raw: &str) -> Option<usize> {
        match self.seen.get(&Word::of(raw.as_bytes()), raw.as_bytes()) {
            Some(key) => key,
            None => self.keys.get(&analyzer.term(raw)?.key).copied(),
        }
    }

    fn add(&mut self, form: String, key: String) -> (usize, usize) {
        let key = self.key(key);
        (self.add_form(form, key), key)
    }

    /// The number of a form, added with the key numbered `key` if new.
    fn add_form(&mut self, form: String, key: usize) -> usize {
        let n = self.forms.len();
        let form = *self.forms.entry(form).or_insert(n);
        if form == self.form_keys.len() {
            self.form_keys.push(key);
        }
        form
    }

    fn key(&mut self, key: String) -> usize {
        let n = self.keys.len();
        *self.keys.entry(key).or_insert(n)
    }
}

/// A raw word as numbers, to find it among those already seen without hashing and
/// comparing its bytes one by one: its length and up to 16 of its bytes, which are the
/// whole word when it is that short (most words). A word of up to eight bytes is those
/// bytes read as one number (`head`, the first byte lowest, zeros above) and `tail` 0;
/// a longer one its first eight and its last eight, which may overlap. [`json_words`]
/// makes them from the eight bytes it reads at a time.
///
/// [`json_words`]: extract::json_words
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Word {
    len: usize,
    head: u64,
    tail: u64,
}

impl Word {
    #[inline(always)]
    fn new(len: usize, head: u64, tail: u64) -> Self {
        Word { len, head, tail }
    }

    /// The numbers of a word's bytes.
    fn of(bytes: &[u8]) -> Self {
        let len = bytes.len();
        let u64_at = |at: usize| {
            let mut b = [0u8; 8];
            let part = bytes.get(at..).unwrap_or_default();
            let part = part.get(..8).unwrap_or(part);
            if let Some(to) = b.get_mut(..part.len()) {
                to.copy_from_slice(part);
            }
            u64::from_le_bytes(b)
        };
        match len {
            0..=8 => Word::new(len, u64_at(0), 0),
            _ => Word::new(len, u64_at(0), u64_at(len - 8)),
        }
    }

    /// Whether the numbers are the whole word: two words of that length are the same
    /// when their numbers are.
    fn whole(&self) -> bool {
        self.len <= 16
    }

    /// The word's hash, whose top bits each bit of the word changes (the low ones do not
    /// see the word's last bytes).
    #[inline(always)]
    fn hash(&self) -> u64 {
        (self.head ^ self.tail.rotate_left(29) ^ self.len as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// A key number that stands for none: the word is too common to search for.
const COMMON: usize = usize::MAX;

/// The raw words met, each with its key number (none for a common word): a table with
/// open addressing whose slots are eight bytes, a word's check number and its key (4,096
/// slots are 32 KiB, a core's first-level cache), and beside it a table of the words
/// themselves, in the same places. The check number is the top half of the word's hash;
/// a slot whose check number matches is confirmed by its word, a comparison the
/// processor guesses right almost always and so need not wait for: most words are found
/// with one look at the small table. Words longer than 16 bytes (few) are kept apart,
/// whole.
struct Seen {
    /// A power of two long, at most half full: the check number (never 0) above, the
    /// key (or [`COMMON_SLOT`] for a common word) below; 0 is an empty slot.
    slots: Vec<u64>,
    /// The word in each slot.
    words: Vec<Word>,
    /// How far a hash is shifted to give a slot: its top bits, as many as the table
    /// needs (kept, not worked out from the table's length at each word).
    shift: u32,
    len: usize,
    long: rustc_hash::FxHashMap<Box<[u8]>, Option<usize>>,
}

/// The key a slot of [`Seen`] holds for a common word.
const COMMON_SLOT: u32 = u32::MAX;

/// An unused word of [`Seen::words`].
const NO_WORD: Word = Word {
    len: 0,
    head: 0,
    tail: 0,
};

impl Default for Seen {
    fn default() -> Self {
        Seen {
            slots: vec![0; 64],
            words: vec![NO_WORD; 64],
            shift: 64 - 6,
            len: 0,
            long: Default::default(),
        }
    }
}

impl Seen {
    /// The key of a word seen before (itself `None` for a common word); `None` if not seen.
    #[inline(always)]
    fn get(&self, word: &Word, raw: &[u8]) -> Option<Option<usize>> {
        if !word.whole() {
            return self.long.get(raw).copied();
        }
        let mask = self.slots.len() - 1;
        let hash = word.hash();
        let check = check_of(hash);
        let mut at = (hash >> self.shift) as usize;
        loop {
            let slot = *self.slots.get(at)?;
            if slot >> 32 == check && self.words.get(at) == Some(word) {
                let key = slot as u32;
                return Some((key != COMMON_SLOT).then_some(key as usize));
            }
            if slot == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    fn insert(&mut self, word: Word, raw: &[u8], key: Option<usize>) {
        if !word.whole() {
            self.long.insert(raw.into(), key);
            return;
        }
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            let len = self.slots.len() * 2;
            let slots = std::mem::replace(&mut self.slots, vec![0; len]);
            let words = std::mem::replace(&mut self.words, vec![NO_WORD; len]);
            self.shift -= 1;
            for (slot, word) in slots.into_iter().zip(words).filter(|(s, _)| *s != 0) {
                self.place(word, slot as u32);
            }
        }
        // Key numbers are below 2^30: the index keeps them in 30 bits (see `KEY_BITS`).
        debug_assert!(key.is_none_or(|k| k < 1 << 30), "key {key:?}");
        let key = key.map_or(COMMON_SLOT, |k| u32::try_from(k).unwrap_or(COMMON_SLOT - 1));
        self.place(word, key);
    }

    /// Puts a word in the first free slot from its hash's.
    fn place(&mut self, word: Word, key: u32) {
        debug_assert_eq!(
            self.shift,
            64 - self.slots.len().trailing_zeros(),
            "the hash shift"
        );
        let mask = self.slots.len() - 1;
        let hash = word.hash();
        let mut at = (hash >> self.shift) as usize;
        while self.slots.get(at).is_some_and(|&s| s != 0) {
            at = (at + 1) & mask;
        }
        if let (Some(slot), Some(w)) = (self.slots.get_mut(at), self.words.get_mut(at)) {
            *slot = check_of(hash) << 32 | u64::from(key);
            *w = word;
        }
    }
}

/// A word's check number in [`Seen`]: the top half of its hash, never 0.
#[inline(always)]
fn check_of(hash: u64) -> u64 {
    (hash >> 32) | 1
}

/// The address of a language's A–Z page (`prefix` is the language's, e.g. `/fr`).
pub fn a_z_url(prefix: &str) -> String {
    format!("{prefix}/a-z/")
}

/// Builds the index files of one language.
pub fn build(code: &str, pages: &[PageText], aliases: &[Alias]) -> IndexFiles {
    let mut index = build_index(code, pages, aliases, 1);
    index.files.extend(sentence_files(code, pages));
    index
}

/// [`build`] without the sentence files, which [`sentence_files`] makes one at a time
/// (a build writes each as it is made, not the whole site's text at once). The pages
/// are read in `parts` runs, in parallel (on the current thread pool) when more than
/// one: each run with words and keys of its own, merged in page order.
pub fn build_index(code: &str, pages: &[PageText], aliases: &[Alias], parts: usize) -> IndexFiles {
    let read = read_runs(code, pages, aliases, 0, parts);
    finish_index(code, pages, read)
}

/// [`build_index`] of pages whose first [`Reading::pages`] were read already, in
/// `reading` (as the pages were rendered): the others are read in `parts` runs.
pub fn build_index_read(
    code: &str,
    pages: &[PageText],
    aliases: &[Alias],
    reading: Reading,
    parts: usize,
) -> IndexFiles {
    let rest = pages.get(reading.pages..).unwrap_or_default();
    let mut read = Vec::with_capacity(parts + 1);
    if !rest.is_empty() {
        read = read_runs(code, rest, aliases, reading.next, parts);
    }
    read.insert(0, reading);
    finish_index(code, pages, read)
}

/// `pages`, whose first section is the language's number `first`, read in `parts`
/// runs, in parallel (on the current thread pool) when more than one.
fn read_runs(
    code: &str,
    pages: &[PageText],
    aliases: &[Alias],
    first: usize,
    parts: usize,
) -> Vec<Reading> {
    let mut runs = Vec::new();
    let mut sections = first;
    let per_run = pages.len().div_ceil(parts.max(1)).max(1);
    for run in pages.chunks(per_run) {
        runs.push((sections, run));
        sections += run.iter().map(|p| p.sections.len()).sum::<usize>();
    }
    if runs.is_empty() {
        // No pages: one run all the same, which lists the abbreviations' forms.
        runs.push((first, pages));
    }
    let read = |&(first, run): &(usize, &[PageText])| {
        let mut reading = Reading::starting_at(code, aliases, first);
        reading.read(run);
        reading
    };
    if runs.len() > 1 {
        use rayon::prelude::*;
        runs.par_iter().map(read).collect()
    } else {
        runs.iter().map(read).collect()
    }
}

/// The index file of `pages`, read in `parts` (in page order, covering every page).
fn finish_index(code: &str, pages: &[PageText], parts: Vec<Reading>) -> IndexFiles {
    let section_pages: Vec<usize> = (pages.iter().enumerate())
        .flat_map(|(p, page)| std::iter::repeat_n(p, page.sections.len()))
        .collect();
    let text_bytes = parts.iter().map(|p| p.text_bytes).sum();
    let (vocabulary, postings) = Merged::of(parts);
    let stems = Analyzer::for_language(code).stems();
    let core = core(pages, &section_pages, vocabulary, postings, stems);
    let index = core.script(code);
    let files = vec![(index_file(code), index)];
    IndexFiles {
        index_bytes: files[0].1.len(),
        files,
        text_bytes,
    }
}

/// A run of a language's pages read for its index, page after page: their words and
/// keys, and each key's sections (numbered among the whole language's). A build reads
/// a language's pages into one as they are rendered, a batch at a time.
pub struct Reading {
    analyzer: Analyzer,
    /// Each abbreviation's key with the keys of its long form.
    aliases: Vec<(usize, Vec<usize>)>,
    vocabulary: Vocabulary,
    postings: Postings,
    text_bytes: usize,
    /// The number of the next section read.
    next: usize,
    /// How many pages were read.
    pages: usize,
}

impl Reading {
    /// The reading of a language's pages from its first.
    pub fn new(code: &str, aliases: &[Alias]) -> Reading {
        Reading::starting_at(code, aliases, 0)
    }

    /// A reading whose first section is the language's section number `first`.
    fn starting_at(code: &str, aliases: &[Alias], first: usize) -> Reading {
        let analyzer = Analyzer::for_language(code);
        let mut vocabulary = Vocabulary::default();
        let aliases = alias_keys(&analyzer, &mut vocabulary, aliases);
        Reading {
            analyzer,
            aliases,
            vocabulary,
            postings: Postings::default(),
            text_bytes: 0,
            next: first,
            pages: 0,
        }
    }

    /// How many pages were read.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Reads `pages`, which follow those read before.
    pub fn read<'a>(&mut self, pages: impl IntoIterator<Item = &'a PageText>) {
        let (analyzer, vocabulary) = (&self.analyzer, &mut self.vocabulary);
        let postings = &mut self.postings;
        for page in pages {
            self.pages += 1;
            self.text_bytes += page.title.len();
            for (s, part) in page.sections.iter().enumerate() {
                self.text_bytes += part.text_bytes();
                postings.start(self.next);
                self.next += 1;
                for (text, flag) in part.texts() {
                    read_words(analyzer, vocabulary, postings, text, flag);
                }
                if s == 0 {
                    // The title's words mark the page's first section's own keys; they
                    // add no word forms.
                    for raw in words::raw_terms(&page.title) {
                        if let Some(key) = vocabulary.title_key(analyzer, raw) {
                            postings.mark(key, 2);
                        }
                    }
                }
                postings.add_aliases(&self.aliases);
            }
        }
    }
}

/// Adds the words of a section's JSON text to its keys, with `flag`. A function of its
/// own, never inlined into the reading of a page: the work on each word is then
/// compiled in one loop whose state stays in registers (where it went to memory and
/// back at each of a site's million words).
#[inline(never)]
fn read_words(
    analyzer: &Analyzer,
    vocabulary: &mut Vocabulary,
    postings: &mut Postings,
    text: &str,
    flag: usize,
) {
    extract::json_words(
        text,
        &mut Keys {
            analyzer,
            vocabulary,
            postings,
            flag,
        },
    );
}

/// A section's words, each added to its keys by [`read_words`].
struct Keys<'r> {
    analyzer: &'r Analyzer,
    vocabulary: &'r mut Vocabulary,
    postings: &'r mut Postings,
    flag: usize,
}

impl extract::EachWord<'_> for Keys<'_> {
    #[inline(always)]
    fn word(&mut self, raw: &[u8], word: Word) {
        if let Some(key) = self.vocabulary.key_of(self.analyzer, raw, word) {
            self.postings.add(key, self.flag);
        }
    }
}

/// The postings of every run, in run order (the runs' sections follow one another),
/// each with its keys' numbers in the merged vocabulary: each key's sections are
/// written from them, once the keys' stem numbers are known ([`Merged::post`]).
struct Merged {
    /// Each run's postings, and by the run's own key number the merged one (none when
    /// the run's own numbers are the merged ones: a run read alone, most builds).
    parts: Vec<(Postings, Option<Vec<usize>>)>,
}

impl Merged {
    /// One vocabulary of the runs' in page order: a word form met in several runs keeps
    /// the key of the first, as when the pages are read one after another.
    fn of(mut parts: Vec<Reading>) -> (Vocabulary, Merged) {
        if parts.len() == 1 {
            // One run, read in page order: its own vocabulary, key for key.
            if let Some(part) = parts.pop() {
                let mut vocabulary = part.vocabulary;
                vocabulary.seen = Seen::default();
                let parts = vec![(part.postings, None)];
                return (vocabulary, Merged { parts });
            }
        }
        let mut vocabulary = Vocabulary::default();
        let mut merged = Vec::with_capacity(parts.len());
        for part in parts {
            let own = part.vocabulary;
            let mut global = vec![COMMON; own.keys.len()];
            for (key, n) in own.keys {
                if let Some(slot) = global.get_mut(n) {
                    *slot = vocabulary.key(key);
                }
            }
            for (form, n) in own.forms {
                let key = own.form_keys.get(n).and_then(|&k| global.get(k));
                if let Some(&key) = key {
                    vocabulary.add_form(form, key);
                }
            }
            merged.push((part.postings, Some(global)));
        }
        (vocabulary, Merged { parts: merged })
    }

    /// [`Core::post`]: each stem's sections, stem after stem, the lists separated by
    /// commas; `stems` gives each key's stem number (none for a key no form has, whose
    /// sections are not written). Written straight from
    /// the runs' postings in two passes, the first counting each key's digits, the
    /// second writing them in their place: a site has hundreds of thousands of entries,
    /// which were first copied into lists by key, those lists and the text growing from
    /// them held at once.
    fn post(self, stems: &[Option<usize>]) -> Vec<u8> {
        let mut lists = vec![List::default(); stems.len()];
        let mut parts = self.parts;
        for (postings, global) in &mut parts {
            if let Some(global) = global {
                to_global(&mut postings.keys, global);
            }
            let mut count = |run: &mut [u32], id| count_run(run, id, &mut lists);
            each_run(&mut postings.keys, &postings.sections, &mut count);
        }
        // The keys by stem number.
        let mut order: Vec<(usize, usize)> = (stems.iter().enumerate())
            .filter_map(|(key, stem)| Some(((*stem)?, key)))
            .collect();
        order.sort_unstable();
        // Each list's start: the lengths before it, and a comma after each. The keys
        // without a stem are written after the end, which is then cut off: a test at
        // each entry cost more.
        let mut len = 0;
        for (n, &(_, key)) in order.iter().enumerate() {
            len += usize::from(n > 0);
            if let Some(list) = lists.get_mut(key) {
                (list.at, list.last, len) = (len, 0, len + list.at);
            }
        }
        let end = len;
        for (list, _) in lists.iter_mut().zip(stems).filter(|(_, s)| s.is_none()) {
            (list.at, list.last, len) = (len, 0, len + list.at);
        }
        let mut out = vec![b','; len];
        for (postings, _) in parts {
            let mut write = |run: &mut [u32], id| write_run(run, id, &mut lists, &mut out);
            // Each block is let go once written.
            each_run(postings.keys, &postings.sections, &mut write);
        }
        out.truncate(end);
        out
    }
}

/// Puts each entry's key number in the merged vocabulary (`global`, by the run's own)
/// in place of the run's own.
fn to_global(blocks: &mut [Vec<u32>], global: &[usize]) {
    for entry in blocks.iter_mut().flatten() {
        let key = global.get((*entry & KEY_BITS) as usize).copied();
        // A key beyond the merged ones is not written ([`write_run`]).
        let key = key.map_or(KEY_BITS, |k| k.min(KEY_BITS as usize) as u32);
        *entry = *entry & !KEY_BITS | key;
    }
}

/// A key's list in [`Merged::post`]: its last section's number, and how many digits it
/// has ([`count_run`]), then where its next number goes ([`write_run`]).
#[derive(Clone, Copy, Default)]
struct List {
    last: u32,
    at: usize,
}

/// The number of [`Core::post`] for an entry of section `id` (its number) whose key's
/// previous section is `last` (sections are read in rising order): the gap times 4,
/// plus the entry's flags.
#[inline(always)]
fn post_number(entry: u32, id: u32, last: u32) -> usize {
    id.wrapping_sub(last) as usize * 4 + (entry >> FLAG_SHIFT) as usize
}

/// Adds the digits of a run of section `id`'s entries to their keys' lists.
fn count_run(run: &[u32], id: u32, lists: &mut [List]) {
    for &entry in run {
        if let Some(list) = lists.get_mut((entry & KEY_BITS) as usize) {
            let n = post_number(entry, id, list.last);
            // Most numbers have one digit.
            list.at += if n < 32 { 1 } else { varint_len(n) };
            list.last = id;
        }
    }
}

/// Writes a run of section `id`'s entries at their keys' places in `out`.
fn write_run(run: &[u32], id: u32, lists: &mut [List], out: &mut [u8]) {
    for &entry in run {
        if let Some(list) = lists.get_mut((entry & KEY_BITS) as usize) {
            list.at += put_varint(post_number(entry, id, list.last), out, list.at);
            list.last = id;
        }
    }
}

/// Each run of one section's entries in `blocks` (a [`Postings::keys`], gone through
/// in order), given to `f` with the section's number; `sections` is
/// [`Postings::sections`]. A block is cut into runs without a look at where sections
/// start at each entry, and not through a flattening iterator, whose state is tested at
/// each of the site's hundreds of thousands of entries.
fn each_run<B: AsMut<[u32]>>(
    blocks: impl IntoIterator<Item = B>,
    sections: &[(u32, u32)],
    f: &mut impl FnMut(&mut [u32], u32),
) {
    let mut starts = sections.iter().map(|&(id, start)| (start as usize, id));
    let mut upcoming = starts.next();
    let (mut id, mut n) = (0u32, 0usize);
    for mut block in blocks {
        let mut rest = block.as_mut();
        while !rest.is_empty() {
            while let Some((_, section)) = upcoming.filter(|&(start, _)| start <= n) {
                (id, upcoming) = (section, starts.next());
            }
            let run = upcoming.map_or(rest.len(), |(start, _)| (start - n).min(rest.len()));
            let (now, later) = rest.split_at_mut(run);
            f(now, id);
            (n, rest) = (n + run, later);
        }
    }
}

/// Each section's keys, written as they are read: the site's text is read word after
/// word, and the keys of the section being read are listed at the end of one list, so
/// that each word looks at a small table (where its key is in that list) and at the end
/// of the list, both in the processor's cache, not at a list of its own. Each key's
/// sections are written from it once every page is read ([`Merged::post`]).
#[derive(Default)]
struct Postings {
    /// The keys of each section read, once a section, section after section; their
    /// flags in the top two bits (1: the key is in the section's heading, 2: in its page
    /// title). Four bytes an entry: a site's entries number millions. Kept in blocks
    /// of [`BLOCK`] entries, not one list that doubles: no room is left unused but in
    /// the last block, and each block is let go once [`Merged::post`] has written
    /// it.
    keys: Vec<Vec<u32>>,
    /// How many entries `keys` holds.
    len: usize,
    /// Each section's number and where its keys start in `keys`.
    sections: Vec<(u32, u32)>,
    /// By key: one more than where its entry in `keys` is, if it was listed in the
    /// section being read (at or after `start`); 0 if never listed.
    at: Vec<u32>,
    /// Where the section being read starts in `keys`.
    start: u32,
}

/// The entries of a block of [`Postings::keys`] (16 KiB).
const BLOCK: usize = 1 << 12;

/// Where a key's flags are in its entry of [`Postings::keys`]; keys are below 2³⁰ (a
/// site with a thousand million different words would not fit in memory).
const FLAG_SHIFT: u32 = 30;
const KEY_BITS: u32 = (1 << FLAG_SHIFT) - 1;

impl Postings {
    fn start(&mut self, id: usize) {
        // A thousand million sections would not fit in memory: never reached.
        let id = u32::try_from(id).unwrap_or(u32::MAX >> 2);
        self.start = u32::try_from(self.len).unwrap_or(u32::MAX);
        self.sections.push((id, self.start));
    }

    /// The entry of the section being read in `keys`, if it has the key.
    #[inline(always)]
    fn entry(&mut self, key: usize) -> Option<&mut u32> {
        let at = *self.at.get(key)?;
        if at <= self.start {
            return None;
        }
        let at = at as usize - 1;
        self.keys.get_mut(at / BLOCK)?.get_mut(at % BLOCK)
    }

    fn has(&mut self, key: usize) -> bool {
        self.entry(key).is_some()
    }

    /// The key is in the section, with this flag.
    #[inline(always)]
    fn add(&mut self, key: usize, flag: usize) {
        let flag = ((flag & 3) as u32) << FLAG_SHIFT;
        if let Some(entry) = self.entry(key) {
            *entry |= flag;
            return;
        }
        if key >= self.at.len() {
            self.at.resize(key + 1, 0);
        }
        if self.len.is_multiple_of(BLOCK) {
            self.keys.push(Vec::with_capacity(BLOCK));
        }
        if let (Some(at), Some(block)) = (self.at.get_mut(key), self.keys.last_mut()) {
            block.push(key as u32 & KEY_BITS | flag);
            self.len += 1;
            *at = u32::try_from(self.len).unwrap_or(u32::MAX);
        }
    }

    /// A flag for a key only if the section has it.
    fn mark(&mut self, key: usize, flag: usize) {
        if let Some(entry) = self.entry(key) {
            *entry |= ((flag & 3) as u32) << FLAG_SHIFT;
        }
    }

    /// A section that has an abbreviation also has the words it stands for, and the
    /// reverse. What is found that way counts as in the section's text, never its
    /// heading or title: a search for "PWUD" puts first the section that writes "PWUD"
    /// in its heading (the glossary's), before one whose heading says "people who use
    /// drugs". Both ways are decided on the section's own keys.
    fn add_aliases(&mut self, aliases: &[(usize, Vec<usize>)]) {
        let mut added = Vec::new();
        for (short, long) in aliases {
            if self.has(*short) {
                added.extend(long.iter().copied());
            }
            if long.iter().all(|&k| self.has(k)) {
                added.push(*short);
            }
        }
        for key in added {
            self.add(key, 0);
        }
    }
}

/// Each abbreviation's key with the keys of its long form, so either finds the other.
fn alias_keys(
    analyzer: &Analyzer,
    vocabulary: &mut Vocabulary,
    aliases: &[Alias],
) -> Vec<(usize, Vec<usize>)> {
    aliases
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
            Some((vocabulary.add(short.clone(), short).1, long))
        })
        .collect()
}

/// The names of the files [`build_index`] and [`sentence_files`] make for `pages`, known
/// before either is built: a build claims them while the index is still being made.
pub fn file_names(code: &str, pages: &[PageText]) -> Vec<String> {
    let sections: usize = pages.iter().map(|p| p.sections.len()).sum();
    let shards = (0..sections.div_ceil(SHARD)).map(|n| format!("search/{}.js", shard(code, n)));
    std::iter::once(index_file(code)).chain(shards).collect()
}

/// The core index file of a language.
fn index_file(code: &str) -> String {
    format!("search/{code}.js")
}

/// The name of a language's `n`th sentence file (and of the script's slot for it).
fn shard(code: &str, n: usize) -> String {
    format!("{code}-{n}")
}

/// The sentence files of a language (`search/CODE-N.js`), loaded only for the results
/// shown: per section, its heading, its anchor, then its sentences.
pub fn sentence_files(code: &str, pages: &[PageText]) -> Vec<(String, String)> {
    let mut files = SentenceFiles::new(code);
    let mut made = Vec::new();
    for section in pages.iter().flat_map(|p| p.sections.iter()) {
        made.extend(files.add(section));
    }
    made.extend(files.finish());
    made
}

/// A language's sentence files made section by section, in page order: each file as soon
/// as its [`SHARD`] sections are read. A build writes each then and drops its pages'
/// text ([`Sections::forget`]): it never holds the whole site's sentences (about 60 MB
/// on a site of 10,000 pages).
pub struct SentenceFiles {
    code: String,
    /// The number of the file being made.
    next: usize,
    /// Its text so far, empty before its first section.
    text: String,
    /// Its sections so far.
    sections: usize,
    /// The length of the last file made: the next is given that much room at once, not
    /// grown a doubling at a time (each file is about 100 KB).
    last_len: usize,
}

impl SentenceFiles {
    pub fn new(code: &str) -> SentenceFiles {
        SentenceFiles {
            code: code.to_string(),
            next: 0,
            text: String::new(),
            sections: 0,
            last_len: 0,
        }
    }

    /// Adds the next section; returns the file it completes (path and text), if it does.
    pub fn add(&mut self, section: Section) -> Option<(String, String)> {
        if self.sections == 0 {
            self.text = script_start(&shard(&self.code, self.next));
            self.text.reserve(self.last_len + self.last_len / 8);
            self.text.push('[');
        } else {
            self.text.push(',');
        }
        self.text.push_str(section.json());
        self.text.push(']');
        self.sections += 1;
        (self.sections == SHARD).then(|| self.close())
    }

    /// The last file, if it has a section.
    pub fn finish(mut self) -> Option<(String, String)> {
        (self.sections > 0).then(|| self.close())
    }

    fn close(&mut self) -> (String, String) {
        let mut text = std::mem::take(&mut self.text);
        text.push_str("];\n");
        self.last_len = text.len();
        let path = format!("search/{}.js", shard(&self.code, self.next));
        self.next += 1;
        self.sections = 0;
        (path, text)
    }
}

/// Each key's text by number, when the language stems (else none: every key is its form).
fn key_texts(vocabulary: &Vocabulary, stems_words: bool) -> Vec<&str> {
    if !stems_words {
        return Vec::new();
    }
    let mut texts = vec![""; vocabulary.keys.len()];
    for (text, &n) in &vocabulary.keys {
        if let Some(slot) = texts.get_mut(n) {
            *slot = text;
        }
    }
    texts
}

/// Rising numbers (each section's page, the pages standing in), each as the gap from
/// the one before (the first from 0).
fn gaps(numbers: impl IntoIterator<Item = usize>) -> String {
    let mut out = String::new();
    let mut last = 0;
    varints(
        numbers.into_iter().map(|n| {
            let gap = n - last;
            last = n;
            gap
        }),
        &mut out,
    );
    out
}

/// The core index from the vocabulary and each key's sections. The vocabulary is let
/// go once its forms are written, before the sections are.
fn core<'a>(
    pages: &'a [PageText],
    section_pages: &[usize],
    vocabulary: Vocabulary,
    postings: Merged,
    stems_words: bool,
) -> Core<'a> {
    let words = Words::of(&vocabulary, stems_words);
    drop(vocabulary);
    let post = postings.post(&words.numbers);
    Core {
        pages: pages
            .iter()
            .flat_map(|p| [p.title.as_str(), p.url.trim_start_matches('/')])
            .collect(),
        sections: gaps(section_pages.iter().copied()),
        forms: words.forms,
        stems: words.stems_text,
        // Digits and commas only.
        post: String::from_utf8(post).unwrap_or_default(),
        shard: SHARD,
        keys: words.keys,
        stand_in_lang: (pages.iter().find_map(|p| p.stands_in.as_deref())).unwrap_or_default(),
        stand_ins: gaps(
            (pages.iter().enumerate()).filter_map(|(n, p)| p.stands_in.as_ref().map(|_| n)),
        ),
    }
}

/// The fields of [`Core`] made from the vocabulary alone, and the stem number of each
/// key, which orders [`Core::post`].
struct Words {
    forms: String,
    stems_text: String,
    keys: String,
    /// By key number, its stem's (none for a key no form has).
    numbers: Vec<Option<usize>>,
}

impl Words {
    /// The forms in the browser's order; each key's stem numbered as its first form is
    /// met.
    fn of(vocabulary: &Vocabulary, stems_words: bool) -> Words {
        let key_texts = key_texts(vocabulary, stems_words);
        let mut sorted: Vec<(Vec<u16>, usize)> = vocabulary
            .forms
            .iter()
            .map(|(form, &n)| (form.encode_utf16().collect(), vocabulary.form_keys[n]))
            .collect();
        sorted.sort();
        let mut words = Words {
            forms: String::new(),
            stems_text: String::new(),
            keys: String::new(),
            numbers: vec![None; vocabulary.keys.len()],
        };
        let mut stems = 0;
        // The number of the form after the last one listed in `stems_text`.
        let mut listed = 0;
        let mut previous: &[u16] = &[];
        for (n, (form, key)) in sorted.iter().enumerate() {
            let shared = form
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            varints([shared, form.len() - shared], &mut words.forms);
            words
                .forms
                .push_str(&String::from_utf16_lossy(&form[shared..]));
            previous = form;
            match words.numbers.get(*key).copied().flatten() {
                Some(stem) => {
                    varints([n - listed, stem], &mut words.stems_text);
                    listed = n + 1;
                }
                None => {
                    if let Some(number) = words.numbers.get_mut(*key) {
                        *number = Some(stems);
                    }
                    stems += 1;
                    if let Some(text) = key_texts.get(*key) {
                        key_against_form(text, form, &mut words.keys);
                    }
                }
            }
        }
        words
    }
}

/// A stem's key as [`Core::keys`] writes it, against `form` (UTF-16 units).
fn key_against_form(key: &str, form: &[u16], out: &mut String) {
    let key: Vec<u16> = key.encode_utf16().collect();
    let shared = key.iter().zip(form).take_while(|(a, b)| a == b).count();
    let drop = form.len() - shared;
    let add = &key[shared..];
    varints([drop * 2 + usize::from(!add.is_empty())], out);
    if !add.is_empty() {
        varints([add.len()], out);
        out.push_str(&String::from_utf16_lossy(add));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, url: &str, sections: &[(&str, &str, &[&str])]) -> PageText {
        PageText {
            title: title.into(),
            url: url.into(),
            sections: {
                let mut out = Sections::default();
                for (h, a, s) in sections {
                    out.start(h, a);
                    s.iter().for_each(|x| out.push_sentence(x));
                }
                out
            },
            stands_in: None,
        }
    }

    /// The core index decoded as search.js decodes it: forms with their stems, and
    /// each stem's postings as numbers.
    struct Decoded {
        json: serde_json::Value,
        forms: Vec<(String, usize)>,
        post: Vec<Vec<usize>>,
    }

    fn numbers(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut n = 0;
        for c in text.bytes() {
            let d = DIGITS.iter().position(|&x| x == c).unwrap();
            n = n * 32 + d % 32;
            if d < 32 {
                out.push(n);
                n = 0;
            }
        }
        out
    }

    fn decode(files: &IndexFiles) -> Decoded {
        let text = &files.files[0].1;
        let json = text
            .split_once("]=")
            .unwrap()
            .1
            .trim_end()
            .trim_end_matches(';');
        let json: serde_json::Value = serde_json::from_str(json).unwrap();
        let units: Vec<u16> = json[2].as_str().unwrap().encode_utf16().collect();
        // Forms whose stem an earlier one has: (form number, stem).
        let mut repeats = std::collections::HashMap::new();
        let mut listed = 0;
        for pair in numbers(json[3].as_str().unwrap()).chunks(2) {
            repeats.insert(listed + pair[0], pair[1]);
            listed += pair[0] + 1;
        }
        let mut forms = Vec::new();
        let (mut at, mut previous, mut next_stem) = (0, Vec::<u16>::new(), 0);
        let digit = |u: u16| DIGITS.iter().position(|&x| x as u16 == u).unwrap();
        while at < units.len() {
            let mut read = || {
                let mut n = 0;
                loop {
                    let d = digit(units[at]);
                    at += 1;
                    n = n * 32 + d % 32;
                    if d < 32 {
                        return n;
                    }
                }
            };
            let (shared, len) = (read(), read());
            let mut form = previous[..shared].to_vec();
            form.extend_from_slice(&units[at..at + len]);
            at += len;
            previous = form.clone();
            let id = match repeats.get(&forms.len()) {
                Some(&stem) => stem,
                None => {
                    next_stem += 1;
                    next_stem - 1
                }
            };
            forms.push((String::from_utf16(&form).unwrap(), id));
        }
        let post = json[4].as_str().unwrap().split(',').map(numbers).collect();
        Decoded { json, forms, post }
    }

    impl Decoded {
        fn stem(&self, form: &str) -> usize {
            self.forms.iter().find(|(f, _)| f == form).unwrap().1
        }

        /// Each stem's key, by stem number, decoded as search.js decodes them: against
        /// the first form of each stem.
        fn keys(&self) -> Vec<String> {
            let units: Vec<u16> = self.json[6].as_str().unwrap().encode_utf16().collect();
            let digit = |u: u16| DIGITS.iter().position(|&x| x as u16 == u).unwrap();
            let (mut at, mut keys) = (0, Vec::new());
            let read = |at: &mut usize| {
                let mut n = 0;
                loop {
                    let d = digit(units[*at]);
                    *at += 1;
                    n = n * 32 + d % 32;
                    if d < 32 {
                        return n;
                    }
                }
            };
            for (form, stem) in &self.forms {
                if *stem != keys.len() {
                    continue;
                }
                let n = read(&mut at);
                let form: Vec<u16> = form.encode_utf16().collect();
                let mut key = form[..form.len() - n / 2].to_vec();
                if n % 2 == 1 {
                    let len = read(&mut at);
                    key.extend_from_slice(&units[at..at + len]);
                    at += len;
                }
                keys.push(String::from_utf16(&key).unwrap());
            }
            assert_eq!(at, units.len(), "every key read");
            keys
        }
    }

    /// The browser finds a query word the site never wrote by its stem's key: each
    /// stem's key, written against its first form, decodes to the key the build gave
    /// every form of that stem; a language without stemming writes no keys.
    #[test]
    fn each_stems_key_is_written_for_the_browser_to_find_words_never_written() {
        let en = decode(&build(
            "en",
            &[page(
                "Fair pay",
                "/pay/",
                &[(
                    "",
                    "",
                    &["We pay people. The payments and the paid happiness of skies."],
                )],
            )],
            &[],
        ));
        let analyzer = Analyzer::for_language("en");
        let keys = en.keys();
        for (form, stem) in &en.forms {
            assert_eq!(keys[*stem], analyzer.term(form).unwrap().key, "{form}");
        }
        for (word, key) in [
            ("payments", "payment"),
            ("happiness", "happi"),
            ("skies", "sky"),
        ] {
            assert!(keys.contains(&key.to_string()), "{word}: {keys:?}");
        }
        let fr = decode(&build(
            "fr",
            &[page(
                "Paie",
                "/fr/paie/",
                &[("", "", &["Une rémunération juste, payée."])],
            )],
            &[],
        ));
        let analyzer = Analyzer::for_language("fr");
        let keys = fr.keys();
        for (form, stem) in &fr.forms {
            let written = match form.as_str() {
                "remuneration" => "rémunération",
                "payee" => "payée",
                other => other,
            };
            assert_eq!(keys[*stem], analyzer.term(written).unwrap().key, "{form}");
        }
        let zh = decode(&build(
            "zh",
            &[page("报酬", "/zh/", &[("", "", &["报酬公平"])])],
            &[],
        ));
        assert_eq!(zh.json[6], "");
    }

    #[test]
    fn the_file_names_known_before_the_build_are_those_it_writes() {
        for sections in [0, 1, SHARD - 1, SHARD, SHARD + 1, 3 * SHARD + 5] {
            let mut pages = Vec::new();
            for n in 0..sections {
                let heading = format!("Heading {n}");
                pages.push(page(
                    "T",
                    &format!("/p{n}/"),
                    &[(&heading, "a", &["Pay is fair."])],
                ));
            }
            let built: Vec<String> = (build("fr", &pages, &[]).files.into_iter())
                .map(|(name, _)| name)
                .collect();
            assert_eq!(file_names("fr", &pages), built, "{sections} sections");
        }
    }

    #[test]
    fn sentence_files_hold_each_section_in_order_and_pages_forgotten_still_count() {
        let sections = 3 * SHARD + 5;
        let mut pages: Vec<PageText> = (0..sections.div_ceil(2))
            .map(|n| {
                let (a, b) = (format!("H{}", 2 * n), format!("H{}", 2 * n + 1));
                let two: &[(&str, &str, &[&str])] = &[(&a, "a", &["One."]), (&b, "b", &["Two."])];
                page("T", &format!("/p{n}/"), &two[..(sections - 2 * n).min(2)])
            })
            .collect();
        let names = file_names("en", &pages);
        let files = sentence_files("en", &pages);
        // Written as the pages are read, the pages then forgotten, as a build does.
        let mut made = Vec::new();
        let mut writer = SentenceFiles::new("en");
        for page in &mut pages {
            made.extend(page.sections.iter().filter_map(|s| writer.add(s)));
            page.sections.forget();
        }
        made.extend(writer.finish());
        assert_eq!(made, files);
        assert_eq!(file_names("en", &pages), names, "forgotten sections count");
        let mut headings = Vec::new();
        for (n, (path, text)) in files.iter().enumerate() {
            assert_eq!(path, &format!("search/en-{n}.js"));
            let prefix = format!("plainsiteSearch[\"en-{n}\"]=");
            let json = text
                .strip_prefix(&prefix)
                .and_then(|t| t.strip_suffix(";\n"));
            let parsed: Vec<Vec<String>> = serde_json::from_str(json.unwrap()).unwrap();
            assert_eq!(parsed.len(), if n < 3 { SHARD } else { 5 }, "file {n}");
            headings.extend(parsed.into_iter().map(|s| s[0].clone()));
        }
        let expected: Vec<String> = (0..sections).map(|n| format!("H{n}")).collect();
        assert_eq!(headings, expected);
    }

    #[test]
    fn an_index_of_no_pages_still_lists_the_abbreviations() {
        let aliases = [Alias {
            short: "PWUD".into(),
            long: "people who use drugs".into(),
        }];
        let d = decode(&build("en", &[], &aliases));
        assert!(d.forms.iter().any(|(f, _)| f == "pwud"), "{:?}", d.forms);
    }

    #[test]
    fn the_index_names_the_pages_standing_in_for_their_translation_and_their_language() {
        let mut pages: Vec<PageText> = (0..5)
            .map(|n| page(&format!("P{n}"), &format!("/p{n}/"), &[("", "", &["Pay."])]))
            .collect();
        for n in [1, 4] {
            pages[n].stands_in = Some("en".into());
        }
        let json = |files: &IndexFiles| -> serde_json::Value {
            let text = &files.files[0].1;
            let json = text.split_once("]=").unwrap().1.trim_end();
            serde_json::from_str(json.trim_end_matches(';')).unwrap()
        };
        let index = json(&build("fr", &pages, &[]));
        assert_eq!((&index[7], &index[8]), (&"en".into(), &"13".into()));
        let none = json(&build("fr", &pages[..1], &[]));
        assert!(none[7].is_null() && none[8].is_null(), "{none}");
    }

    #[test]
    fn an_index_read_in_runs_of_pages_is_the_index_read_at_once() {
        // French: "résumé" and "resume" fold alike but stem apart, so a form keeps the
        // key of the page that first has it; titles mark keys of their first section,
        // abbreviations add keys; pages without sections shift the runs' numbers.
        let words = [
            "résumé", "resume", "pairs", "PWUD", "équipe", "Équipes", "paie",
        ];
        let mut pages = Vec::new();
        for n in 0..23 {
            let w = |k: usize| words[(n * 7 + k * 3) % words.len()];
            let sentence = format!(
                "{} {} des {} pour les personnes qui consomment.",
                w(0),
                w(1),
                w(2)
            );
            let heading = format!("{} {n}", w(3));
            let sections: &[(&str, &str, &[&str])] = if n % 5 == 4 {
                &[]
            } else {
                &[(&heading, "a", &[&sentence]), ("", "", &["résumé"])]
            };
            pages.push(page(w(4), &format!("/p{n}/"), sections));
        }
        let aliases = [Alias {
            short: "PWUD".into(),
            long: "personnes qui consomment".into(),
        }];
        let once = build_index("fr", &pages, &aliases, 1);
        for parts in [2, 3, 8, 23, 40] {
            let runs = build_index("fr", &pages, &aliases, parts);
            assert_eq!(runs.files, once.files, "{parts} runs");
            assert_eq!(runs.text_bytes, once.text_bytes, "{parts} runs");
        }
        let d = decode(&once);
        assert_ne!(d.stem("resume"), d.stem("pairs"), "{:?}", d.forms);
        // Read as rendered: the first pages one at a time, the rest in runs.
        for read in [0, 1, 9, 22, 23] {
            for parts in [1, 3] {
                let mut reading = Reading::new("fr", &aliases);
                for page in &pages[..read] {
                    reading.read([page]);
                }
                let both = build_index_read("fr", &pages, &aliases, reading, parts);
                assert_eq!(both.files, once.files, "{read} pages read, {parts} runs");
                assert_eq!(
                    both.text_bytes, once.text_bytes,
                    "{read} read, {parts} runs"
                );
            }
        }
    }

    #[test]
    fn postings_listed_by_section_give_each_keys_sections_in_order_with_their_flags() {
        // Sections of random keys and flags (more entries than a block holds), some met
        // twice in a section (their flags or-ed), against each key's list kept directly.
        let mut postings = Postings::default();
        let mut expected: Vec<Vec<u32>> = vec![Vec::new(); 300];
        let mut r: u64 = 0x9e37_79b9_7f4a_7c15;
        for section in 0..5_000usize {
            postings.start(section + 7);
            let id = (section as u32 + 7) * 4;
            for _ in 0..(section % 40) {
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let (key, flag) = ((r >> 33) as usize % 300, (r >> 20) as usize % 3);
                postings.add(key, flag);
                let list = &mut expected[key];
                match list.last_mut() {
                    Some(last) if *last & !3 == id => *last |= flag as u32,
                    _ => list.push(id | flag as u32),
                }
            }
            // A mark counts only where the section has the key.
            let marked = section % 300;
            let listed = expected[marked].last().is_some_and(|last| *last & !3 == id);
            assert_eq!(postings.has(marked), listed, "key {marked}");
            postings.mark(marked, 2);
            if let Some(last) = expected[marked].last_mut().filter(|_| listed) {
                *last |= 2;
            }
        }
        assert!(postings.len > BLOCK, "{} entries", postings.len);
        // Each key its own stem, numbered backwards; key 299 has none (not written).
        let stems: Vec<Option<usize>> = (0..300).map(|k| (k < 299).then(|| 298 - k)).collect();
        let merged = Merged {
            parts: vec![(postings, None)],
        };
        let post = String::from_utf8(merged.post(&stems)).unwrap();
        let lists: Vec<&str> = post.split(',').collect();
        assert_eq!(lists.len(), 299);
        for (key, list) in expected.iter().enumerate().take(299) {
            let mut last = 0;
            let gaps: Vec<usize> = (list.iter())
                .map(|&entry| {
                    let gap = (entry / 4 - last) as usize * 4 + (entry & 3) as usize;
                    last = entry / 4;
                    gap
                })
                .collect();
            assert_eq!(numbers(lists[298 - key]), gaps, "key {key}");
        }
    }

    #[test]
    fn words_seen_are_found_as_a_hash_map_finds_them() {
        // Words of 1 to 40 letters from a two-letter alphabet: many share their first
        // and last bytes, and their length.
        let mut seen = Seen::default();
        let mut map = std::collections::HashMap::new();
        let mut r: u64 = 0x2545_f491_4f6c_dd1d;
        for n in 0..20_000usize {
            r = r
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = 1 + (r >> 58) as usize % 40;
            let word: String = (0..len)
                .map(|i| if (r >> (i % 50)) & 1 == 1 { 'a' } else { 'b' })
                .collect();
            // Every third word is a common one, without a key.
            let key = (n % 3 != 0).then_some(n);
            let found = seen.get(&Word::of(word.as_bytes()), word.as_bytes());
            assert_eq!(found, map.get(&word).copied(), "{word}");
            if found.is_none() {
                seen.insert(Word::of(word.as_bytes()), word.as_bytes(), key);
                map.insert(word, key);
            }
        }
        assert!(map.len() > 1_000, "{} words", map.len());
    }

    #[test]
    fn a_word_whose_check_number_is_another_words_is_not_taken_for_it() {
        // Two words with the same check number (the top half of the hash) share a
        // place in the table too: found by trying words until two share it.
        let mut by_check = std::collections::HashMap::new();
        let mut r: u64 = 0x2545_f491_4f6c_dd1d;
        let (a, b) = std::iter::repeat_with(|| {
            r = r
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Eight of 26 letters, from the generator's top bits.
            (0..8)
                .map(|i| char::from(b'a' + ((r >> (8 + 7 * i)) % 26) as u8))
                .collect::<String>()
        })
        .take(1_000_000)
        .find_map(|word| {
            let check = check_of(Word::of(word.as_bytes()).hash());
            let other = by_check.insert(check, word.clone())?;
            Some((other, word))
        })
        .expect("two words with one check number");
        assert_ne!(a, b);
        let mut seen = Seen::default();
        seen.insert(Word::of(a.as_bytes()), a.as_bytes(), Some(7));
        assert_eq!(seen.get(&Word::of(b.as_bytes()), b.as_bytes()), None, "{b}");
        seen.insert(Word::of(b.as_bytes()), b.as_bytes(), Some(8));
        assert_eq!(
            seen.get(&Word::of(a.as_bytes()), a.as_bytes()),
            Some(Some(7))
        );
        assert_eq!(
            seen.get(&Word::of(b.as_bytes()), b.as_bytes()),
            Some(Some(8))
        );
    }

    #[test]
    fn the_core_index_is_written_as_serde_json_writes_its_fields() {
        let core = Core {
            pages: vec!["A \"quoted\" title\n", "a/", "B", ""],
            sections: "01x0".into(),
            forms: "02ab1\"c\\d\u{1}\u{2028}é".into(),
            stems: String::new(),
            post: "0,1,-_".into(),
            shard: 128,
            keys: "01\"é".into(),
            stand_in_lang: "en",
            stand_ins: "1".into(),
        };
        let fields = (
            &core.pages,
            &core.sections,
            &core.forms,
            &core.stems,
            &core.post,
            core.shard,
            &core.keys,
            core.stand_in_lang,
            &core.stand_ins,
        );
        assert_eq!(core.json(), serde_json::to_string(&fields).unwrap());
        assert_eq!(core.script("fr"), script("fr", &core.json()));
    }

    #[test]
    fn varint_lengths_change_at_each_power_of_32() {
        let mut n: usize = 1;
        while let Some(next) = n.checked_mul(32) {
            for m in [n - 1, n, n + 1, next - 1] {
                let mut s = String::new();
                varints([m], &mut s);
                assert_eq!(varint_len(m), s.len(), "{m}");
            }
            n = next;
        }
        let mut s = String::new();
        varints([usize::MAX], &mut s);
        assert_eq!(varint_len(usize::MAX), s.len());
    }

    #[test]
    fn postings_of_several_runs_are_written_by_stem_across_them() {
        // Two runs with keys of their own, mapped to the merged keys 0-3; merged key 1
        // has no stem, stem 2 (merged key 3) no sections.
        let mut first = Postings::default();
        first.start(0);
        first.add(0, 2); // own 0: merged 2, stem 0
        first.add(1, 0); // own 1: merged 1, none
        first.start(1);
        first.start(40);
        first.add(0, 0);
        let mut second = Postings::default();
        second.start(41);
        second.add(1, 1); // own 1: merged 2, stem 0
        second.add(0, 0); // own 0: merged 0, stem 1
        second.start(42);
        second.add(0, 3);
        let merged = Merged {
            parts: vec![(first, Some(vec![2, 1])), (second, Some(vec![0, 2]))],
        };
        let stems = [Some(1), None, Some(0), Some(2)];
        let post = String::from_utf8(merged.post(&stems)).unwrap();
        // Stem 0: section 0 with flag 2, 40 (gap 40), 41 with flag 1 (gap 1); stem 1:
        // 41, then 42 with flags 3 (gap 1); stem 2: none.
        let lists: Vec<Vec<usize>> = post.split(',').map(numbers).collect();
        assert_eq!(lists, [vec![2, 160, 5], vec![164, 7], vec![]], "{post}");
    }

    #[test]
    fn varints_of_the_largest_numbers_fit() {
        let mut s = String::new();
        varints([usize::MAX], &mut s);
        assert_eq!(numbers(&s), [usize::MAX]);
    }

    #[test]
    fn varints_use_one_digit_below_32_and_more_above() {
        let mut s = String::new();
        varints([0, 31, 32, 1025], &mut s);
        assert_eq!(s, "0vx0xw1");
        assert_eq!(numbers(&s), [0, 31, 32, 1025]);
    }

    #[test]
    fn a_number_put_into_bytes_is_written_and_counted_as_varints_writes_it() {
        let numbers: Vec<usize> = (0..5000)
            .chain([32 * 32 - 1, 32 * 32, 1 << 20, usize::MAX])
            .collect();
        let mut text = String::new();
        varints(numbers.iter().copied(), &mut text);
        let lens: Vec<usize> = numbers.iter().map(|&n| varint_len(n)).collect();
        let mut bytes = vec![b' '; lens.iter().sum()];
        let mut at = 0;
        for (&n, &len) in numbers.iter().zip(&lens) {
            assert_eq!(put_varint(n, &mut bytes, at), len, "{n}");
            at += len;
        }
        assert_eq!(String::from_utf8(bytes).unwrap(), text);
    }

    #[test]
    fn postings_are_gaps_with_heading_and_title_flags() {
        let pages = [
            page("Pay", "/pay/", &[("Pay", "", &["Peers are paid."])]),
            page(
                "Other",
                "/other/",
                &[
                    ("Other", "", &["Paying peers matters."]),
                    ("Pay gaps", "gaps", &[]),
                ],
            ),
        ];
        let files = build("en", &pages, &[]);
        let d = decode(&files);
        assert_eq!(d.stem("paying"), d.stem("pay"), "one stem for both forms");
        // "pay": section 0 in heading and title (0*4+3), section 1 in text (gap 1: 4),
        // section 2 in heading (gap 1: 4+1).
        assert_eq!(d.post[d.stem("pay")], [3, 4, 5]);
        assert_eq!(d.json[0][2], "Other");
        assert_eq!(d.json[0][3], "other/");
        assert_eq!(d.json[1], "010", "pages of the sections as gaps");
        assert_eq!(files.files[1].0, "search/en-0.js");
        assert!(files.files[1].1.contains("[\"Pay gaps\",\"gaps\"]"));
        assert!(files.files[1]
            .1
            .contains("[\"Pay\",\"\",\"Peers are paid.\"]"));
    }

    #[test]
    fn abbreviations_find_what_they_stand_for_and_the_reverse() {
        let pages = [
            page(
                "A",
                "/a/",
                &[("", "", &["Support for people who use drugs."])],
            ),
            page("B", "/b/", &[("", "", &["PWUD lead it."])]),
        ];
        let aliases = [Alias {
            short: "PWUD".into(),
            long: "people who use drugs".into(),
        }];
        let d = decode(&build("en", &pages, &aliases));
        assert_eq!(d.post[d.stem("pwud")], [0, 4], "both sections");
        assert_eq!(d.post[d.stem("drugs")], [0, 4], "both sections");
    }

    #[test]
    fn abbreviation_found_through_its_long_form_does_not_count_as_in_the_heading() {
        let pages = [
            page(
                "Home",
                "/",
                &[("Made with people who use drugs", "made", &["We did it."])],
            ),
            page(
                "Words",
                "/glossary/",
                &[("People who use drugs (PWUD)", "pwud", &["Anyone."])],
            ),
        ];
        let aliases = [Alias {
            short: "PWUD".into(),
            long: "people who use drugs".into(),
        }];
        let d = decode(&build("en", &pages, &aliases));
        // Section 0 has only the long form: "pwud" in its text (0*4+0); section 1 has
        // "PWUD" written in its heading (gap 1: 4+1), so a search for it puts it first.
        assert_eq!(d.post[d.stem("pwud")], [0, 5]);
        // The reverse: the long form is written in both headings.
        assert_eq!(d.post[d.stem("drugs")], [1, 5]);
    }

    #[test]
    fn an_index_of_a_language_without_stemming_lists_no_stems_and_no_field_names() {
        let pages = [page("报酬", "/zh/", &[("", "", &["同伴的报酬。"])])];
        let files = build("zh", &pages, &[]);
        let d = decode(&files);
        assert_eq!(d.json[3], "", "every form is its own stem: none listed");
        assert_eq!(d.forms.len(), d.post.len(), "one posting list per form");
        assert!(
            files.files[0]
                .1
                .starts_with("plainsiteSearch[\"zh\"]=[[\"报酬\",\"zh/\"],"),
            "{}",
            files.files[0].1
        );
        // The part every index has, whatever its text.
        let empty = build("zh", &[], &[]);
        assert_eq!(
            empty.files[0].1,
            "plainsiteSearch[\"zh\"]=[[],\"\",\"\",\"\",\"\",128,\"\"];\n"
        );
    }

    #[test]
    fn forms_are_sorted_in_the_browsers_order() {
        let pages = [page("x", "/x/", &[("", "", &["\u{FF21} \u{20000} zeta"])])];
        let d = decode(&build("zh", &pages, &[]));
        let forms: Vec<String> = d.forms.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(
            forms,
            ["zeta", "\u{20000}", "\u{ff41}"],
            "U+FF41 sorts after a surrogate pair in UTF-16"
        );
    }
}
