//! Respectful language: finds stigmatizing words about drug use and suggests the words
//! people prefer, with a short reason and the source by its full name. The lexicon ships
//! as YAML (`respectful_terms.yaml`); a site adds to it, changes an entry or lowers or
//! turns off one in `content/_data/respectful_terms.yaml`.
//!
//! What is never reported, so that an error can be trusted: words inside quotation marks
//! of any kind (and a quote that runs on to the end of its paragraph, as the first
//! paragraphs of a quote over several paragraphs do), names of organizations, journals
//! and works (a run of Capitalized Words, or a name the site allows), citation lines, and
//! a listed word in a harmless context the entry names (`unless_before`/`unless_after`).
//! Overlapping matches give one finding: the longest.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder};

use super::Level;
pub use crate::load::terms::{TermEntry, TERM_KEYS};
use crate::text::diagnostics::{did_you_mean, Diagnostic};
use crate::text::quotes::quoted_spans;

/// The sources of the built-in lexicon, by the keys its entries use.
pub const SOURCES: &[(&str, &str)] = &[
    ("NIDA", "National Institute on Drug Abuse, \u{201c}Words Matter: Terms to Use and Avoid When Talking About Addiction\u{201d}"),
    ("HC", "Health Canada, \u{201c}Changing how we talk about substance use\u{201d}"),
    ("ONDCP", "Office of National Drug Control Policy, \u{201c}Changing the Language of Addiction\u{201d} (2017)"),
    ("AAP", "American Academy of Pediatrics, guidance on language about substance use (2022)"),
    ("INPUD", "International Network of People who Use Drugs, \u{201c}Words Matter! Language Statement and Reference Guide\u{201d}"),
    ("LM", "\u{201c}Language Matters\u{201d} guides, written with people who use drugs"),
    ("HCFR", "Sant\u{e9} Canada, \u{ab}\u{a0}Changer notre fa\u{e7}on de parler de la consommation de substances\u{a0}\u{bb}"),
    ("CCSA", "Centre canadien sur les d\u{e9}pendances et l\u{2019}usage de substances (CCDUS), \u{ab}\u{a0}Surmonter la stigmatisation par le langage\u{a0}: une introduction\u{a0}\u{bb}"),
    ("UNAIDS", "UNAIDS Terminology Guidelines (2015), Chinese edition"),
    ("TTH", "BC Centre for Disease Control, Toward the Heart, \u{201c}Respectful Language and Stigma\u{201d}"),
];

/// The full names of the sources in `keys` ("NIDA, HC"); unknown words are kept as written.
fn source_names(keys: &str) -> String {
    keys.split([',', ';'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| {
            SOURCES
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(k))
                .map_or(k, |(_, name)| name)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

struct Term {
    id: String,
    regex: LazyRegex,
    before: Option<LazyRegex>,
    after: Option<LazyRegex>,
    prefer: String,
    reason: String,
    level: Level,
    sources: String,
    /// The help for authors, written once for every finding of the term.
    help: String,
}

/// A lexicon for one language, compiled when it is first used: a build without the
/// checks never compiles it (that was 4% of such a build).
pub struct Lexicon {
    /// The language, without its region.
    lang: String,
    /// The entries, the site's merged in; none of them has a bad pattern.
    entries: Arc<[TermEntry]>,
    /// Shared with the thread that compiles it ahead of use
    /// ([`Lexicon::compile_in_background`]).
    compiled: Arc<OnceLock<Compiled>>,
    /// Different for every lexicon built (see [`Lexicon::serial`]).
    serial: u64,
}

/// The terms of a lexicon, compiled.
struct Compiled {
    terms: Vec<Term>,
    /// All patterns at once: one pass finds where each term can start in a text.
    starts: Option<starts::Starts>,
}

/// One stigmatizing word found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub id: &'a str,
    pub start: usize,
    pub matched: String,
    pub prefer: &'a str,
    pub reason: &'a str,
    /// The sources by their full names.
    pub sources: &'a str,
    pub level: Level,
    help: &'a str,
}

impl Hit<'_> {
    /// The help for authors: what to write instead, why, and who says so.
    pub fn help(&self) -> String {
        self.help.to_string()
    }
}

/// The help of a term: "consider: ...", the reason, and the sources by full name.
fn help_of(prefer: &str, reason: &str, sources: &str) -> String {
    let mut help = format!("consider: {}.", prefer.trim_end_matches('.'));
    if !reason.is_empty() {
        let mut chars = reason.chars();
        let reason: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        help.push(' ');
        help.push_str(&reason);
    }
    if !sources.is_empty() {
        help.push_str(&format!(" Source: {sources}."));
    }
    help
}

/// Names that contain listed words but must never be reported.
const ALLOWED_NAMES: &[&str] = &[
    "national institute on drug abuse",
    "substance abuse and mental health services administration",
    "alcoholics anonymous",
    "narcotics anonymous",
    "vancouver area network of drug users",
    "international network of people who use drugs",
    "vandu",
    "inpud",
];

/// The built-in entries: English, then French and Chinese (each entry names its language).
fn built_in() -> Vec<TermEntry> {
    [
        include_str!("respectful_terms.yaml"),
        include_str!("respectful_terms_fr.yaml"),
        include_str!("respectful_terms_zh.yaml"),
    ]
    .into_iter()
    .flat_map(|text| serde_saphyr::from_str::<Vec<TermEntry>>(text).unwrap_or_default())
    .collect()
}

/// A site's own entry without `lang` is for every language of the site: a site that
/// writes 吸毒者 means its Chinese pages.
const ANY_LANGUAGE: &str = "*";

/// Merges a site's entry into the built-in one with the same id: what the site writes wins.
fn merge(b: &mut TermEntry, e: &TermEntry) {
    fn take<T: Clone>(to: &mut Option<T>, from: &Option<T>) {
        if from.is_some() {
            to.clone_from(from);
        }
    }
    take(&mut b.pattern, &e.pattern);
    take(&mut b.prefer, &e.prefer);
    take(&mut b.reason, &e.reason);
    take(&mut b.tier, &e.tier);
    take(&mut b.sources, &e.sources);
    take(&mut b.unless_before, &e.unless_before);
    take(&mut b.unless_after, &e.unless_after);
    take(&mut b.note, &e.note);
    take(&mut b.lang, &e.lang);
}

/// A term's pattern (or context), compiled when a text first needs it: a site's text
/// holds few of the lexicon's words, and compiling every pattern up front was a fifteenth
/// of a draft's checks. A pattern that cannot compile (never one of the lexicon's: those
/// of a site are compiled when it is loaded, and their problems reported) matches nothing.
struct LazyRegex {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// `source`, to compile on first use, or already compiled (`Some`).
    fn new(source: String, compiled: Option<Regex>) -> LazyRegex {
        LazyRegex {
            source,
            compiled: compiled.map_or_else(OnceLock::new, |r| OnceLock::from(Some(r))),
        }
    }

    fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| builder(&self.source).build().ok())
            .as_ref()
    }

    fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }
}

/// How every pattern of a lexicon is compiled.
fn builder(pattern: &str) -> RegexBuilder {
    let mut builder = RegexBuilder::new(pattern);
    builder.case_insensitive(true).size_limit(1 << 20);
    builder
}

/// A problem with a pattern a site wrote in its lexicon: the entry's id and the key of the
/// pattern at fault (`pattern`, `unless_before` or `unless_after`), so the caller can
/// place it at that value in the site's file.
#[derive(Debug)]
pub struct TermProblem {
    pub id: String,
    pub key: &'static str,
    /// Boxed: the problem is the error side of each pattern's compiling.
    pub diagnostic: Box<Diagnostic>,
}

/// Compiles one of a site's patterns (`what`: "a pattern", of the entry's `key`). Invalid,
/// or able to match no text at all (`x*`, which would be found between every two
/// letters of the site), it is an error that says what to do.
fn compile(id: &str, key: &'static str, pattern: &str) -> Result<Regex, TermProblem> {
    let problem = |message: String, help: &str| TermProblem {
        id: id.to_string(),
        key,
        diagnostic: Box::new(Diagnostic::error(message).help(help)),
    };
    let syntax = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern);
    let why = match &syntax {
        Err(regex_syntax::Error::Parse(e)) => Some(e.kind().to_string()),
        Err(regex_syntax::Error::Translate(e)) => Some(e.kind().to_string()),
        Err(e) => Some(e.to_string()),
        Ok(_) => None,
    };
    if let Some(why) = why {
        return Err(problem(
            format!("respectful term \"{id}\" has {key}: \"{pattern}\" that is not a valid regular expression ({why})"),
            "fix it; backslashes must be doubled inside double quotes, and ( [ { must be closed",
        ));
    }
    if syntax.is_ok_and(|hir| hir.properties().minimum_len() == Some(0)) {
        let effect = if key == "pattern" {
            "it would be found between every two letters of the site"
        } else {
            "the term would never be reported"
        };
        return Err(problem(
            format!("respectful term \"{id}\" has {key}: \"{pattern}\" that can match no text at all: {effect}"),
            "make every part of it find at least one letter: write + (one or more) instead of * (none or more), and leave out an empty alternative such as (a|)",
        ));
    }
    builder(pattern).build().map_err(|err| {
        problem(
            format!("respectful term \"{id}\" has {key}: \"{pattern}\" that cannot be used: {err}"),
            "make it shorter or simpler",
        )
    })
}

/// One entry as a term; `None` when it is off or not for this language. With `check`,
/// its patterns are compiled now and a bad one is the error; otherwise each is compiled
/// when a text first needs it.
fn term(e: TermEntry, lang: &str, check: bool) -> Result<Option<Term>, TermProblem> {
    let level = e.tier.unwrap_or(Level::Warning);
    let entry_lang = e.lang.as_deref().unwrap_or("en").to_ascii_lowercase();
    let entry_lang = entry_lang.split('-').next().unwrap_or_default();
    if level == Level::Off || (entry_lang != lang && entry_lang != ANY_LANGUAGE) {
        return Ok(None);
    }
    let Some(pattern) = e.pattern.as_deref() else {
        return Err(TermProblem {
            id: e.id.clone(),
            key: "id",
            diagnostic: Box::new(
                Diagnostic::error(format!("respectful term \"{}\" has no pattern", e.id)).help(
                    "add pattern: with the words to find, e.g. pattern: \"\\\\bjunkies?\\\\b\"",
                ),
            ),
        });
    };
    // Each pattern as written is checked; a context is compiled anchored at the match.
    let lazy = |key: &'static str, written: &str, source: String| {
        let compiled = check.then(|| compile(&e.id, key, written)).transpose()?;
        let compiled = match (compiled, written == source) {
            (Some(r), true) => Some(r),
            _ => None,
        };
        Ok::<_, TermProblem>(LazyRegex::new(source, compiled))
    };
    // On Chinese pages, words written in Simplified characters are found in their
    // Traditional forms too.
    let chinese = lang == "zh";
    let both = |p: &str| {
        if chinese {
            with_traditional(p)
        } else {
            p.to_string()
        }
    };
    let regex = lazy("pattern", pattern, both(pattern))?;
    let before = (e.unless_before.as_deref())
        .map(|p| lazy("unless_before", p, format!("(?:{})$", both(p))))
        .transpose()?;
    let after = (e.unless_after.as_deref())
        .map(|p| lazy("unless_after", p, format!("^(?:{})", both(p))))
        .transpose()?;
    let prefer = e.prefer.unwrap_or_default();
    let reason = e.reason.unwrap_or_default();
    let sources = source_names(e.sources.as_deref().unwrap_or_default());
    Ok(Some(Term {
        regex,
        before,
        after,
        help: help_of(&prefer, &reason, &sources),
        prefer,
        reason,
        level,
        sources,
        id: e.id,
    }))
}

/// A pattern written in Simplified Chinese that also finds the same words in Traditional
/// characters: each Han character with other Traditional forms (as OpenCC converts one
/// character, Taiwan and Hong Kong forms included) becomes a class of all its forms, so
/// "瘾君子" also finds "癮君子". Escapes and classes are kept as written.
pub fn with_traditional(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => {
                let forms = super::chinese::traditional_forms(c);
                let others = forms.chars().filter(|&f| f != c);
                if forms.is_empty() {
                    out.push(c);
                } else if in_class {
                    out.push(c);
                    out.extend(others);
                } else {
                    out.push('[');
                    out.push(c);
                    out.extend(others);
                    out.push(']');
                }
            }
        }
    }
    out
}

/// The site's entries that change nothing: each has no pattern (so it adds no term) and
/// an id no built-in entry has (so it changes none), most often a misspelt id. Each
/// with its index in `site` and a warning, with the closest built-in id.
pub fn unknown_ids(site: &[TermEntry]) -> Vec<(usize, Diagnostic)> {
    // Most sites change no entry: the built-in lexicon (6 M instructions to read) is
    // read once, by the build.
    if site.is_empty() {
        return Vec::new();
    }
    let built = built_in();
    let ids = || built.iter().map(|b| b.id.as_str());
    site.iter()
        .enumerate()
        .filter(|(_, e)| e.pattern.is_none() && ids().all(|id| id != e.id))
        .map(|(i, e)| {
            let d = Diagnostic::warning(format!(
                "no built-in respectful term has the id \"{}\": this entry changes nothing",
                e.id
            ));
            let d = match did_you_mean(&e.id, ids()) {
                Some(id) => d.help(format!("did you mean id: {id}?")),
                None => d.help("use the id of a built-in entry to change or turn it off, or add pattern: with the words to find to make a new one"),
            };
            (i, d)
        })
        .collect()
}

impl Lexicon {
    /// The built-in lexicon for a language.
    pub fn default_for(lang: &str) -> Lexicon {
        Lexicon::build(lang, &[]).0
    }

    /// The built-in lexicon with a site's entries merged in by id. Returns problems with
    /// the site's entries (a bad pattern) as diagnostics.
    pub fn build(lang: &str, site: &[TermEntry]) -> (Lexicon, Vec<TermProblem>) {
        let mut entries = built_in();
        // Whether the site wrote (part of) each entry: only those can have bad patterns
        // (a test compiles every built-in one).
        let mut own = vec![false; entries.len()];
        let unknown: Vec<usize> = unknown_ids(site).into_iter().map(|(i, _)| i).collect();
        for (_, e) in site
            .iter()
            .enumerate()
            .filter(|(i, _)| !unknown.contains(i))
        {
            match entries.iter().position(|b| b.id == e.id) {
                Some(i) => {
                    if let (Some(b), Some(o)) = (entries.get_mut(i), own.get_mut(i)) {
                        merge(b, e);
                        *o = true;
                    }
                }
                None => {
                    let mut added = e.clone();
                    added.lang.get_or_insert_with(|| ANY_LANGUAGE.to_string());
                    entries.push(added);
                    own.push(true);
                }
            }
        }
        let base = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
        let mut problems = Vec::new();
        let mut kept = Vec::with_capacity(entries.len());
        for (e, own) in entries.into_iter().zip(own) {
            match own.then(|| term(e.clone(), &base, true)) {
                Some(Err(d)) => problems.push(d),
                _ => kept.push(e),
            }
        }
        static BUILT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let lexicon = Lexicon {
            lang: base,
            entries: kept.into(),
            compiled: Arc::default(),
            serial: BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        (lexicon, problems)
    }

    /// The terms for the lexicon's language, compiled on first use.
    fn compiled(&self) -> &Compiled {
        (self.compiled).get_or_init(|| Compiled::new(&self.entries, &self.lang))
    }

    /// A number no other lexicon built by this process has (never 0): what a token was
    /// found to be for one lexicon ([`Lexicon::may_begin_in`]) is kept under it.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// Whether the lexicon's terms all start where a word starts (no pattern that can
    /// start anywhere): then a match can start only in a token [`Lexicon::may_begin_in`]
    /// says yes to, and [`Lexicon::find_outside_within`] needs only those.
    pub fn starts_at_words(&self) -> bool {
        (self.compiled().starts.as_ref()).is_some_and(starts::Starts::word_starts_only)
    }

    /// Whether one of the lexicon's terms can begin in `token` (a run of text without
    /// white space), at one of its words' starts.
    pub fn may_begin_in(&self, token: &str) -> bool {
        (self.compiled().starts.as_ref()).is_none_or(|s| s.may_begin_in(token))
    }

    /// Starts compiling the lexicon's terms on one of rayon's threads, so a build does it
    /// while it goes on reading the site's files; its first use waits for it to end. On
    /// a 1,000-page draft that took the compiling (about 40 M instructions: the
    /// automaton of the terms' beginnings) off the one thread that reads the files.
    pub fn compile_in_background(&self) {
        let (compiled, entries) = (Arc::clone(&self.compiled), Arc::clone(&self.entries));
        let lang = self.lang.clone();
        rayon::spawn(move || {
            compiled.get_or_init(|| Compiled::new(&entries, &lang));
        });
    }

    /// Finds every listed word in `text`, one finding per place, except in quotes, names,
    /// citation lines and harmless contexts.
    pub fn find<'a>(&'a self, text: &str, allow: &HashSet<String>) -> Vec<Hit<'a>> {
        self.find_outside(text, allow, || quoted_spans(text))
    }

    /// [`Lexicon::find`] for a text whose quotes (`quoted`, giving what [`quoted_spans`]
    /// gives) the caller may have already found for another check; they are asked for
    /// only when the text has one of the lexicon's words.
    pub fn find_outside<'a>(
        &'a self,
        text: &str,
        allow: &HashSet<String>,
        quoted: impl FnOnce() -> Vec<(usize, usize)>,
    ) -> Vec<Hit<'a>> {
        self.find_outside_within(text, allow, quoted, None)
    }

    /// [`Lexicon::find_outside`] for a text whose tokens (runs without white space, in
    /// order) the lexicon may begin in ([`Lexicon::may_begin_in`]) are `within`, when
    /// [`Lexicon::starts_at_words`]: only their words are looked at.
    pub fn find_outside_within<'a>(
        &'a self,
        text: &str,
        allow: &HashSet<String>,
        quoted: impl FnOnce() -> Vec<(usize, usize)>,
        within: Option<&[std::ops::Range<usize>]>,
    ) -> Vec<Hit<'a>> {
        let compiled = self.compiled();
        // Most text has none of the words: one pass over it says so.
        let found = compiled.matches(text, within);
        if found.is_empty() {
            return Vec::new();
        }
        let protected = protected_spans(text, allow, quoted());
        // In ASCII text the built-in names are looked for around each match only.
        let ascii = text.is_ascii();
        // The words of the text, found once for every match's look at its neighbours, when
        // a match's own words may be part of a name.
        let mut words = None;
        let mut hits = Vec::new();
        for (i, s, e) in found {
            let Some(term) = compiled.terms.get(i) else {
                continue;
            };
            if protected.iter().any(|&(ps, pe)| s < pe && ps < e)
                || (ascii && in_an_allowed_name(text, s, e))
                || in_a_name_reading_words_once(text, ascii, &mut words, s, e)
                || harmless(term, text, s, e)
            {
                continue;
            }
            hits.push(Hit {
                id: &term.id,
                start: s,
                matched: text[s..e].to_string(),
                prefer: &term.prefer,
                reason: &term.reason,
                sources: &term.sources,
                level: term.level,
                help: &term.help,
            });
        }
        // A citation line has none: asked last, as most matches are in a name, a quote
        // or a harmless context, and the question reads the whole text.
        if hits.is_empty() || is_citation(text) {
            return Vec::new();
        }
        one_per_place(hits)
    }
}

impl Compiled {
    /// Compiles `entries` for the language `lang`.
    fn new(entries: &[TermEntry], lang: &str) -> Compiled {
        let terms: Vec<Term> = (entries.iter())
            .filter_map(|e| term(e.clone(), lang, false).ok().flatten())
            .collect();
        let starts = starts::Starts::new(terms.iter().map(|t| t.regex.source.as_str()));
        Compiled { terms, starts }
    }

    /// Every term's matches in `text` as (term, start, end), term by term.
    fn matches(
        &self,
        text: &str,
        within: Option<&[std::ops::Range<usize>]>,
    ) -> Vec<(usize, usize, usize)> {
        match &self.starts {
            Some(starts) => starts.matches(text, within),
            None => (self.terms.iter().enumerate())
                .flat_map(|(i, t)| {
                    (t.regex.get().into_iter())
                        .flat_map(|r| r.find_iter(text))
                        .map(move |m| (i, m.start(), m.end()))
                })
                .collect(),
        }
    }
}

/// Keeps one finding where matches overlap: the one that starts first, then the longest,
/// then the strongest ("former addict", not also "addict").
fn one_per_place(mut hits: Vec<Hit<'_>>) -> Vec<Hit<'_>> {
    hits.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.matched.len().cmp(&a.matched.len()))
            .then(b.level.cmp(&a.level))
    });
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if kept
            .last()
            .is_none_or(|k| k.start + k.matched.len() <= h.start)
        {
            kept.push(h);
        }
    }
    kept
}

/// Whether the entry's harmless context is around the match, within its sentence. The
/// sentence's bounds are looked for only on the side the entry has a context for.
fn harmless(term: &Term, text: &str, s: usize, e: usize) -> bool {
    let before = || {
        let before = &text[..s];
        &before[sentence_start(before)..]
    };
    let after = || {
        let after = &text[e..];
        &after[..sentence_end(after)]
    };
    term.before.as_ref().is_some_and(|r| r.is_match(before()))
        || term.after.as_ref().is_some_and(|r| r.is_match(after()))
}

/// Sentence ends, full-width ones too.
const ENDS: [char; 9] = ['.', '!', '?', ';', '\n', '。', '！', '？', '；'];

/// The bytes that can begin one of [`ENDS`]: the ASCII ends, and the first byte of the
/// full-width ones (0xE3, 0xEF; no byte inside another character is one of those).
const MAY_END: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 5 {
        table[[b'.', b'!', b'?', b';', b'\n'][i] as usize] = true;
        i += 1;
    }
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// How long the sentence end ([`ENDS`]) starting at byte `i` of `text` is, if one does.
fn end_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return MAY_END[usize::from(b)].then_some(1);
    }
    (text.get(i..).and_then(|t| t.chars().next()))
        .filter(|c| ENDS.contains(c))
        .map(char::len_utf8)
}

/// Where the last sentence of `text` starts: after its last sentence end, or at 0. The
/// bytes that may begin an end ([`MAY_END`]) are looked for from the end with `memrchr`,
/// each search bounded by the one before: a draft's 17,000 matches each read the
/// sentence before them byte by byte.
fn sentence_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = bytes.len();
    while let Some(at) = last_may_end(bytes.get(..i).unwrap_or_default()) {
        if let Some(len) = end_at(text, at) {
            return at + len;
        }
        i = at;
    }
    0
}

/// Where the last byte of `bytes` that may begin a sentence end ([`MAY_END`]) is.
fn last_may_end(bytes: &[u8]) -> Option<usize> {
    let mut last = memchr::memrchr3(b'.', b'!', b'?', bytes);
    let after = |last: Option<usize>| last.map_or(0, |at| at + 1);
    let from = after(last);
    if let Some(at) = memchr::memrchr3(b';', b'\n', 0xE3, bytes.get(from..).unwrap_or_default()) {
        last = Some(from + at);
    }
    let from = after(last);
    if let Some(at) = memchr::memrchr(0xEF, bytes.get(from..).unwrap_or_default()) {
        last = Some(from + at);
    }
    last
}

/// Where the first sentence of `text` ends: at its first sentence end, or its length.
fn sentence_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = first_may_end(bytes.get(i..).unwrap_or_default()).map(|at| i + at) {
        if end_at(text, at).is_some() {
            return at;
        }
        i = at + 1;
    }
    bytes.len()
}

/// Where the first byte of `bytes` that may begin a sentence end ([`MAY_END`]) is.
fn first_may_end(bytes: &[u8]) -> Option<usize> {
    let mut first = memchr::memchr3(b'.', b'!', b'?', bytes);
    let to = |first: Option<usize>| first.unwrap_or(bytes.len());
    if let Some(at) = memchr::memchr3(
        b';',
        b'\n',
        0xE3,
        bytes.get(..to(first)).unwrap_or_default(),
    ) {
        first = Some(at);
    }
    if let Some(at) = memchr::memchr(0xEF, bytes.get(..to(first)).unwrap_or_default()) {
        first = Some(at);
    }
    first
}

/// Spans people speak for themselves in (quotes), allowed names, and web and e-mail
/// addresses: an author cannot rename another group's address, and a reader does not
/// read it as words.
fn protected_spans(
    text: &str,
    allow: &HashSet<String>,
    quoted: Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut protected = quoted;
    protected.extend(
        super::readability::address_spans(text)
            .into_iter()
            .map(|r| (r.start, r.end)),
    );
    // ASCII text lower-cases byte for byte: the built-in names are found around each
    // match instead ([`in_an_allowed_name`]).
    if text.is_ascii() && allow.is_empty() {
        return protected;
    }
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; then names are matched on the
    // text as written, case-sensitively, rather than at wrong places.
    let haystack = if lower.len() == text.len() {
        lower.as_str()
    } else {
        text
    };
    let built_in = if text.is_ascii() {
        &[][..]
    } else {
        ALLOWED_NAMES
    };
    for name in built_in
        .iter()
        .copied()
        .chain(allow.iter().map(String::as_str))
        .filter(|n| !n.is_empty())
    {
        for (i, _) in haystack.match_indices(name) {
            protected.push((i, i + name.len()));
        }
    }
    protected
}

/// Builds the matcher the lexicon builds on first use (the citation shapes, which a
/// text not in ASCII or with one of them needs), so a build can make it while it reads
/// its files. The author list's pattern is left to a text that needs it (see
/// [`author_list_at_start`]).
pub fn warm_up() {
    let _ = shapes_pattern();
}

/// Whether the match at `s..e` of an ASCII text overlaps one of [`ALLOWED_NAMES`], in
/// any case: what matching each name on the lower-cased text finds. No name overlaps
/// itself (none begins with its own ending), so each name's matches left to right are
/// all its places. A place that starts at or before the match holds its first byte:
/// only the offsets in each name where that byte is ([`NAME_BYTES`]) can be where the
/// match starts in it, a handful for each name. A place that starts inside the match is
/// looked for at each of its bytes, by the name's first three letters ([`NAME_LEADS`]).
/// Before, every byte up to the longest name's length before the match was a place to
/// look at (57 of them for each of a draft's 17,000 matches).
fn in_an_allowed_name(text: &str, s: usize, e: usize) -> bool {
    let bytes = text.as_bytes();
    let is_at = |p: usize, name: &[u8]| {
        (bytes.get(p..p + name.len())).is_some_and(|w| w.eq_ignore_ascii_case(name))
    };
    // The names each of the match's first three bytes can be in, by offset.
    let at = |i: usize| bytes.get(i).map(|&b| &NAME_BYTES[usize::from(b)]);
    let (first, second, third) = (at(s), at(s + 1), at(s + 2));
    let starts_before = first.is_some_and(|first| {
        (first.iter().zip(ALLOWED_NAMES).enumerate()).any(|(i, (&offsets, name))| {
            // The offsets where the name has the match's first byte, and its second and
            // third where it goes on that far.
            let len = name.len();
            let next = |table: Option<&[u64; ALLOWED_NAMES.len()]>, by: usize| {
                let ends = !0u64 << (len.saturating_sub(by));
                table.and_then(|t| t.get(i)).map_or(0, |&o| o >> by) | ends
            };
            let mut offsets = offsets & next(second, 1) & next(third, 2);
            while offsets != 0 {
                let k = offsets.trailing_zeros() as usize;
                offsets &= offsets - 1;
                if s.checked_sub(k)
                    .is_some_and(|p| p < e && is_at(p, name.as_bytes()))
                {
                    return true;
                }
            }
            false
        })
    });
    starts_before
        || (s + 1..e.min(bytes.len())).any(|p| {
            // Past the text's end no name fits (each has three letters or more).
            let Some(&[a, b, c]) = bytes.get(p..).and_then(<[u8]>::first_chunk::<3>) else {
                return false;
            };
            let [first, second, third] = &NAME_LEADS;
            let mut names = first[usize::from(a)] & second[usize::from(b)] & third[usize::from(c)];
            while names != 0 {
                let i = names.trailing_zeros() as usize;
                names &= names - 1;
                if ALLOWED_NAMES.get(i).is_some_and(|n| is_at(p, n.as_bytes())) {
                    return true;
                }
            }
            false
        })
}

/// For each byte, and each of [`ALLOWED_NAMES`], the offsets in the name (bit k: byte k)
/// where the name has that byte in either case (the names are written in small letters).
const NAME_BYTES: [[u64; ALLOWED_NAMES.len()]; 256] = {
    let mut table = [[0u64; ALLOWED_NAMES.len()]; 256];
    let mut i = 0;
    while i < ALLOWED_NAMES.len() {
        let name = ALLOWED_NAMES[i].as_bytes();
        assert!(name.len() <= 64);
        let mut k = 0;
        while k < name.len() {
            table[name[k] as usize][i] |= 1 << k;
            table[name[k].to_ascii_uppercase() as usize][i] |= 1 << k;
            k += 1;
        }
        i += 1;
    }
    table
};

/// For each of the first three places of a name and each byte, the [`ALLOWED_NAMES`]
/// (bit i: the i-th) that have that byte there in either case (the names are written in
/// small letters).
const NAME_LEADS: [[u16; 256]; 3] = {
    assert!(ALLOWED_NAMES.len() <= 16);
    let mut table = [[0u16; 256]; 3];
    let mut i = 0;
    while i < ALLOWED_NAMES.len() {
        let name = ALLOWED_NAMES[i].as_bytes();
        assert!(name.len() >= 3);
        let mut k = 0;
        while k < 3 {
            table[k][name[k] as usize] |= 1 << i;
            table[k][name[k].to_ascii_uppercase() as usize] |= 1 << i;
            k += 1;
        }
        i += 1;
    }
    table
};

/// Whether a block of text is a reference (a citation line): a DOI, volume(issue):pages,
/// "2019;12", "Retrieved from", or an author list at its start ("Smith, J." or "Smith J,").
/// The author list, which can only be at the start, is read there by hand (see
/// [`author_list_at_start`]); in ASCII text the shapes are looked for only where one can
/// be (see [`may_cite`]): most paragraphs are not references, and reading each whole
/// cost more than the lexicon's own look.
fn is_citation(text: &str) -> bool {
    let authors = author_list_at_start(text.as_bytes())
        .unwrap_or_else(|| author_list_pattern().is_some_and(|r| r.is_match(text)));
    authors
        || ((!text.is_ascii() || may_cite(text.as_bytes()))
            && shapes_pattern().is_some_and(|r| r.is_match(text)))
}

/// What [`is_citation`] looks for, but the author list at the start.
const CITATION_SHAPES: &str = r"(?i:\bdoi\s*:|doi\.org/|\bretrieved from\b|\[internet\]|\bvol\.\s*\d)|\b\d+\s*\(\d+\)\s*[:,]\s*\d+|\b(?:19|20)\d\d\s*;\s*\d+";

/// The author list at the start of a reference ("Smith, J." or "[1] Smith J, Jones AB,").
const AUTHOR_LIST: &str = r"^\s*(?:\[?\d+\]?\.?\s+)?\p{Lu}[\p{L}'’-]+,?\s+\p{Lu}{1,3}(?:\.|,|\s+\p{Lu}[\p{L}'’-]+,?\s+\p{Lu}{1,3}[.,])";

/// [`CITATION_SHAPES`], compiled.
fn shapes_pattern() -> Option<&'static Regex> {
    static SHAPES: OnceLock<Option<Regex>> = OnceLock::new();
    SHAPES
        .get_or_init(|| Regex::new(CITATION_SHAPES).ok())
        .as_ref()
}

/// [`AUTHOR_LIST`], compiled when a text's start is one [`author_list_at_start`] cannot
/// read (its letters' Unicode classes took 11 M instructions to compile, twice a build).
fn author_list_pattern() -> Option<&'static Regex> {
    static AUTHORS: OnceLock<Option<Regex>> = OnceLock::new();
    AUTHORS
        .get_or_init(|| Regex::new(AUTHOR_LIST).ok())
        .as_ref()
}

/// Whether [`AUTHOR_LIST`] matches at the start of `text`, read as the pattern reads it
/// but by hand; `None` when a byte outside ASCII is among those it reads (then the
/// pattern says). Each of the pattern's steps has one way to go on: every run it takes
/// is followed by a character its class has not (a name's letters by "," or a space,
/// the initials by ".", "," or a space), so each run is taken whole, and the optional
/// number before the names begins with "[" or a digit, never with a capital.
fn author_list_at_start(text: &[u8]) -> Option<bool> {
    let mut at = spaces(text, 0)?;
    if matches!(text.get(at), Some(b'[' | b'0'..=b'9')) {
        at += usize::from(text.get(at) == Some(&b'['));
        let digits = run(text, at, |b| b.is_ascii_digit())?;
        if digits == at {
            return Some(false);
        }
        at = digits;
        at += usize::from(text.get(at) == Some(&b']'));
        at += usize::from(text.get(at) == Some(&b'.'));
        let Some(after) = some_spaces(text, at)? else {
            return Some(false);
        };
        at = after;
    }
    let Some(at) = name_and_initials(text, at)? else {
        return Some(false);
    };
    match text.get(at) {
        Some(b'.' | b',') => Some(true),
        Some(b) if !b.is_ascii() => None,
        _ => {
            let Some(at) = some_spaces(text, at)? else {
                return Some(false);
            };
            let Some(at) = name_and_initials(text, at)? else {
                return Some(false);
            };
            match text.get(at) {
                Some(b'.' | b',') => Some(true),
                Some(b) if !b.is_ascii() => None,
                _ => Some(false),
            }
        }
    }
}

/// The end of `\p{Lu}[\p{L}'’-]+,?\s+\p{Lu}{1,3}` from `at` in an ASCII reading (see
/// [`author_list_at_start`]): `Some(None)` where it does not match, `None` where a byte
/// outside ASCII is read.
fn name_and_initials(text: &[u8], at: usize) -> Option<Option<usize>> {
    let capital = |at: usize| match text.get(at) {
        Some(b) if !b.is_ascii() => None,
        b => Some(b.is_some_and(u8::is_ascii_uppercase)),
    };
    if !capital(at)? {
        return Some(None);
    }
    let name = run(text, at + 1, |b| {
        b.is_ascii_alphabetic() || b == b'\'' || b == b'-'
    })?;
    if name == at + 1 {
        return Some(None);
    }
    let comma = name + usize::from(text.get(name) == Some(&b','));
    let Some(initials) = some_spaces(text, comma)? else {
        return Some(None);
    };
    let end = run(text, initials, |b| b.is_ascii_uppercase())?;
    Some((1..=3).contains(&(end - initials)).then_some(end))
}

/// The end of the run of bytes from `at` that `class` holds; `None` when the byte after
/// it is outside ASCII (a character the class may hold read as Unicode).
fn run(text: &[u8], at: usize, class: impl Fn(u8) -> bool) -> Option<usize> {
    let end = at + text.get(at..)?.iter().take_while(|&&b| class(b)).count();
    match text.get(end) {
        Some(b) if !b.is_ascii() => None,
        _ => Some(end),
    }
}

/// The end of the white space (`\s*`) from `at`; `None` when the byte after it is
/// outside ASCII.
fn spaces(text: &[u8], at: usize) -> Option<usize> {
    run(text, at, |b| matches!(b, b'\t'..=b'\r' | b' '))
}

/// The end of the white space (`\s+`) from `at`, `Some(None)` when there is none.
fn some_spaces(text: &[u8], at: usize) -> Option<Option<usize>> {
    spaces(text, at).map(|end| (end > at).then_some(end))
}

/// Whether an ASCII text has a place where one of [`CITATION_SHAPES`] could match: each
/// shape has a mark or a letter that few words have (":" after "doi", "/" after
/// "doi.org", "[internet]", "." after "vol", the "v" of "retrieved from", a digit after
/// "(", a year before ";"), and only those places are looked at, a few bytes around each.
/// It may say yes where the pattern finds nothing; never no where it finds something.
fn may_cite(bytes: &[u8]) -> bool {
    let before = |at: usize, word: &[u8]| {
        at.checked_sub(word.len())
            .and_then(|from| bytes.get(from..at))
            .is_some_and(|b| b.eq_ignore_ascii_case(word))
    };
    // Where the white space before `at` starts.
    let spaces_before = |mut at: usize| {
        while at > 0 && matches!(bytes.get(at - 1), Some(b'\t'..=b'\r' | b' ')) {
            at -= 1;
        }
        at
    };
    let year_before = |at: usize| {
        at.checked_sub(4)
            .and_then(|from| bytes.get(from..at))
            .is_some_and(|y| {
                (y.starts_with(b"19") || y.starts_with(b"20")) && y.iter().all(u8::is_ascii_digit)
            })
    };
    let marks = memchr::memchr3_iter(b':', b'/', b'.', bytes).any(|at| match bytes.get(at) {
        Some(b':') => before(spaces_before(at), b"doi"),
        Some(b'/') => before(at, b"doi.org"),
        _ => before(at, b"vol"),
    });
    marks
        || memchr::memchr3_iter(b'[', b'(', b';', bytes).any(|at| match bytes.get(at) {
            Some(b'[') => bytes
                .get(at..at + 10)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"[internet]")),
            Some(b'(') => bytes.get(at + 1).is_some_and(u8::is_ascii_digit),
            _ => year_before(spaces_before(at)),
        })
        || memchr::memchr2_iter(b'v', b'V', bytes).any(|at| {
            at.checked_sub(6)
                .and_then(|from| bytes.get(from..from + 14))
                .is_some_and(|w| w.eq_ignore_ascii_case(b"retrieved from"))
        })
}

/// Small words that can sit inside a name ("Journal of Substance Abuse Treatment").
const NAME_JOINERS: &[&str] = &["of", "on", "for", "and", "&", "the", "in", "to", "at"];

/// The words of `text`, as byte spans.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    if !text.is_ascii() {
        return word_spans_decoding(text);
    }
    // Most text is ASCII: each byte is its own character, and the loop has no decoding.
    let mut spans = Vec::with_capacity(text.len() / 6);
    spans.extend(ascii_words(text.as_bytes()));
    spans
}

/// [`word_spans`] of an ASCII text, one after another.
fn ascii_words(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + bytes
            .get(i..)?
            .iter()
            .position(|&b| b.is_ascii_alphanumeric() || b == b'&')?;
        let len = (bytes.get(start + 1..).unwrap_or_default().iter())
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'&' | b'-' | b'\'')))
            .map_or(bytes.len() - start, |n| n + 1);
        i = start + len;
        Some((start, i))
    })
}

/// Ends the word being read at byte `at` when `part` (the character there is part of a
/// word) is false, or starts one there when it is true.
fn mark_word(spans: &mut Vec<(usize, usize)>, start: &mut Option<usize>, part: bool, at: usize) {
    match (part, *start) {
        (true, None) => *start = Some(at),
        (false, Some(s)) => {
            spans.push((s, at));
            *start = None;
        }
        _ => {}
    }
}

/// [`word_spans`] of any text, decoding each character outside ASCII.
fn word_spans_decoding(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Byte by byte: an ASCII byte is its own character; others are decoded.
    while let Some(&b) = bytes.get(i) {
        let (part, len) = if b.is_ascii() {
            let inner = start.is_some() && matches!(b, b'-' | b'\'');
            (b.is_ascii_alphanumeric() || b == b'&' || inner, 1)
        } else {
            let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
            (
                c.is_alphanumeric() || (start.is_some() && c == '’'),
                c.len_utf8(),
            )
        };
        mark_word(&mut spans, &mut start, part, i);
        i += len;
    }
    mark_word(&mut spans, &mut start, false, text.len());
    spans
}

/// [`in_a_name`], with the text's words (`words`) read the first time a match needs its
/// neighbours: in an ASCII text, a match with a word that is neither Capitalized nor a
/// joiner (most matches) is told from the words around it alone. No word holds white
/// space, so the words between the white space before the match and the white space
/// after it are the text's own words there.
fn in_a_name_reading_words_once(
    text: &str,
    ascii: bool,
    words: &mut Option<Vec<(usize, usize)>>,
    s: usize,
    e: usize,
) -> bool {
    if words.is_none() && ascii {
        let bytes = text.as_bytes();
        let space = |b: &u8| b.is_ascii_whitespace();
        let from = (bytes.get(..s))
            .and_then(|b| b.iter().rposition(space))
            .map_or(0, |i| i + 1);
        let to = (bytes.get(e..))
            .and_then(|b| b.iter().position(space))
            .map_or(text.len(), |i| e + i);
        // The words there that the match overlaps, read without keeping them.
        let mut inside = (ascii_words(bytes.get(from..to).unwrap_or_default()))
            .map(|(a, b)| (from + a, from + b))
            .skip_while(|w| w.1 <= s)
            .take_while(|w| w.0 < e)
            .peekable();
        let name_words =
            inside.peek().is_some() && inside.all(|w| capital(text, w) || joiner(text, w));
        if !name_words {
            return false;
        }
    }
    in_a_name(text, words.get_or_insert_with(|| word_spans(text)), s, e)
}

/// Whether a word starts with a capital letter or a digit, as a name's words do.
fn capital(text: &str, (a, b): (usize, usize)) -> bool {
    text[a..b]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a word is one of the [`NAME_JOINERS`].
fn joiner(text: &str, (a, b): (usize, usize)) -> bool {
    NAME_JOINERS.contains(&&text[a..b])
}

/// The words (of `words`) that the match at `s..e` overlaps: from the first that ends
/// after it starts. Returns their range in `words`.
fn overlapped(words: &[(usize, usize)], s: usize, e: usize) -> std::ops::Range<usize> {
    let first = words.partition_point(|w| w.1 <= s);
    let last = words.partition_point(|w| w.0 < e);
    first..last.max(first)
}

/// Whether the match at `s..e` overlaps words, each Capitalized or a joiner.
fn only_name_words(text: &str, words: &[(usize, usize)], s: usize, e: usize) -> bool {
    let inside = words.get(overlapped(words, s, e)).unwrap_or_default();
    !inside.is_empty() && inside.iter().all(|&w| capital(text, w) || joiner(text, w))
}

/// Whether the match at `s..e` is part of a name: every word of it is Capitalized and it
/// sits in a run of Capitalized Words (joined only by spaces and small words such as
/// "of") with at least one more word outside it that shows a name. Capitals that show
/// no name do not count: a text's first word, a capitalized small word ("The", "For"),
/// a text in Title Case or capitals throughout ("How We Talk To Addicts"), and a match
/// in capitals ("NO JUNKIES ALLOWED"), which is shouting, not a name.
/// `words` are the text's [`word_spans`].
fn in_a_name(text: &str, words: &[(usize, usize)], s: usize, e: usize) -> bool {
    let capital = |&w: &(usize, usize)| capital(text, w);
    let joiner = |&w: &(usize, usize)| joiner(text, w) || small_word(text, w);
    if !only_name_words(text, words, s, e) || in_capitals(&text[s..e]) {
        return false;
    }
    let std::ops::Range {
        start: first,
        end: last,
    } = overlapped(words, s, e);
    let last = last - 1;
    let joined = |a: usize, b: usize| text[words[a].1..words[b].0].trim().is_empty();
    let shows_a_name = |i: usize| i > 0 && capital(&words[i]) && !small_word(text, words[i]);
    let mut outside = 0;
    let mut i = first;
    while i > 0 && joined(i - 1, i) && (capital(&words[i - 1]) || joiner(&words[i - 1])) {
        i -= 1;
        outside += usize::from(shows_a_name(i));
    }
    let mut j = last;
    while j + 1 < words.len()
        && joined(j, j + 1)
        && (capital(&words[j + 1]) || joiner(&words[j + 1]))
    {
        j += 1;
        outside += usize::from(shows_a_name(j));
    }
    outside >= 1 && !capitalized_throughout(text, words)
}

/// Whether a word has two letters or more and every letter in capitals.
fn in_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Whether a text is in Title Case or in capitals as a whole: three words or more, and
/// four in five of its words (small joining words aside) Capitalized. Its capitals then
/// say nothing about names.
fn capitalized_throughout(text: &str, words: &[(usize, usize)]) -> bool {
    let counted = || words.iter().filter(|&&w| !joiner(text, w));
    let (all, capitals) = (
        counted().count(),
        counted().filter(|&&w| capital(text, w)).count(),
    );
    all >= 3 && capitals * 5 >= all * 4
}

/// Small words (English and French) that a sentence or a title capitalizes without
/// making them part of a name: "Then Drug Abusers left" names nobody.
fn small_word(text: &str, (a, b): (usize, usize)) -> bool {
    const SMALL: &[&str] = &[
        "a", "about", "after", "all", "an", "and", "are", "as", "at", "be", "before", "but", "by",
        "for", "from", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "my",
        "no", "not", "of", "on", "or", "our", "she", "so", "some", "that", "the", "their", "then",
        "there", "these", "they", "this", "those", "to", "was", "we", "were", "what", "when",
        "where", "who", "why", "with", "you", "your", "au", "aux", "ce", "ces", "cette", "dans",
        "de", "des", "du", "elles", "en", "et", "ils", "la", "le", "les", "leur", "leurs", "nos",
        "notre", "nous", "ou", "pour", "sur", "un", "une", "vous",
    ];
    let word = &text[a..b];
    word.len() <= 7 && SMALL.iter().any(|s| s.eq_ignore_ascii_case(word))
}

mod starts;
#[cfg(test)]
mod tests;
