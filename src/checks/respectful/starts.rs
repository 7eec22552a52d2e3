//! Where the lexicon's words can start in a text, found in one pass over it. Each
//! pattern's literal beginnings (taken from its parsed form by regex-syntax's literal
//! extractor, as the regex engine picks its own prefilters) go into one Aho-Corasick
//! automaton; a term's pattern is then tried only where one of its beginnings is, anchored
//! there. The matches are the same as running every pattern over the whole text (the
//! same leftmost-first matches, one after another), which is what the lexicon did before
//! with one pass per pattern.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, HirKind, Look};

/// A pattern parsed as written (case-sensitive): the automata ignore ASCII case
/// themselves, and a case-insensitive parse would list every mix of capitals. Parsed
/// once for both [`beginnings_of`] and [`first_is_boundary`].
fn parse(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()
}

/// A pattern's beginnings, or none when it can start anywhere (then it is run over the
/// whole text).
#[cfg(test)]
fn beginnings(pattern: &str) -> Option<Vec<String>> {
    beginnings_of(&parse(pattern)?)
}

/// The beginnings of a parsed pattern ([`parse`]), or none when it can start anywhere.
fn beginnings_of(hir: &Hir) -> Option<Vec<String>> {
    let seq = Extractor::new().extract(hir);
    let mut out = Vec::new();
    for lit in seq.literals()? {
        let text = std::str::from_utf8(lit.as_bytes()).ok()?;
        let kept = caseless_head(text);
        if kept.is_empty() {
            return None;
        }
        out.push(kept.to_ascii_lowercase());
    }
    out.sort();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

/// The beginning of `text` up to its first letter outside ASCII that has a capital or
/// small form ("matériel" keeps "mat"): the automaton only ignores the case of ASCII
/// letters, so what comes after is left for the pattern to match. Letters without case
/// (Chinese) are kept.
fn caseless_head(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            !c.is_ascii()
                && (c.is_lowercase()
                    || c.is_uppercase()
                    || !c.to_lowercase().eq([c])
                    || !c.to_uppercase().eq([c]))
        })
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Whether every match of `pattern` starts at a word boundary (`\\b` first in each of
/// its alternatives): a try where a word goes on across the start cannot match.
#[cfg(test)]
fn starts_at_a_word_boundary(pattern: &str) -> bool {
    parse(pattern).is_some_and(|hir| first_is_boundary(&hir))
}

/// Whether every match of a parsed pattern ([`parse`]) starts at a word boundary.
fn first_is_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(Look::WordUnicode) => true,
        HirKind::Concat(parts) => parts.first().is_some_and(first_is_boundary),
        HirKind::Alternation(branches) => branches.iter().all(first_is_boundary),
        HirKind::Capture(c) => first_is_boundary(&c.sub),
        _ => false,
    }
}

/// Whether `start` is inside a word of `text`: a word character on each side of it.
fn inside_a_word(text: &str, start: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    word(text.get(..start).and_then(|t| t.chars().next_back()))
        && word(text.get(start..).and_then(|t| t.chars().next()))
}

/// Letters outside ASCII that a case-insensitive pattern matches for ASCII ones (the
/// Kelvin sign for "k", the long s for "s"): a text with them is searched whole.
const ASCII_LOOKALIKES: [char; 2] = ['\u{212a}', '\u{17f}'];

/// Whether `text` has one of [`ASCII_LOOKALIKES`]: looked for at their first bytes (0xE2
/// for the Kelvin sign, 0xC5 for the long s), not by reading the whole text twice (once
/// to say whether it is ASCII, once for the letters).
fn has_a_lookalike(text: &str) -> bool {
    memchr::memchr2_iter(0xE2, 0xC5, text.as_bytes()).any(|i| {
        (text.get(i..).and_then(|t| t.chars().next()))
            .is_some_and(|c| ASCII_LOOKALIKES.contains(&c))
    })
}

/// One term's pattern, compiled for anchored tries and for whole-text runs when a text
/// first needs it (most terms never do).
pub(super) struct Matcher {
    pattern: String,
    regex: std::sync::OnceLock<Option<meta::Regex>>,
    /// Whether the pattern has no literal beginning: it runs over the whole text.
    everywhere: bool,
    /// Whether each of its matches starts at a word boundary: a try inside a word is
    /// skipped ("he " in "the ").
    word_start: bool,
}

/// The beginnings of every term of a lexicon: those of terms that start at a word
/// boundary are looked up at each word start; the others are found by one automaton.
pub(super) struct Starts {
    /// The beginnings that may start anywhere (none when every term starts at a word).
    automaton: Option<AhoCorasick>,
    /// The term of each of the automaton's patterns.
    owner: Vec<usize>,
    at_words: Option<WordStarts>,
    matchers: Vec<Matcher>,
    /// The terms whose pattern has no literal beginning (run over the whole text), in
    /// order: listed once, not looked for among every term for each text.
    everywhere: Vec<usize>,
}

/// Beginnings tried only where a word starts: a trie of the beginnings is walked from
/// each word start until no beginning can go on (most words: after a byte or two),
/// instead of stepping an automaton through every byte of the text (whose large table
/// also missed the cache: 3.8% of a draft's build). A trie, not an anchored
/// Aho-Corasick DFA: an anchored walk needs no failure transitions, and building the
/// DFA was 25 M instructions of every build with the checks.
struct WordStarts {
    /// Each byte's column in `next`; 0 for a byte no beginning has. ASCII letters of
    /// either case share one (the beginnings are in small letters).
    classes: [u8; 256],
    /// How many columns each node has in `next`.
    stride: usize,
    /// The node after each node (a row of `stride`) and byte class, times two, plus one
    /// when a beginning ends there; 0 where no beginning goes on (the root, node 0, is
    /// never a node after another).
    next: Vec<u32>,
    /// The terms whose beginning ends at each node.
    ends: Vec<Vec<usize>>,
}

impl WordStarts {
    /// The trie of `beginnings` (in small letters), each the beginning of the term of the
    /// same index in `owner`; `None` when a beginning has so many bytes of different
    /// values that they do not fit the table of classes.
    fn new(beginnings: &[String], owner: Vec<usize>) -> Option<WordStarts> {
        let mut classes = [0u8; 256];
        let mut count = 1usize;
        for b in beginnings.iter().flat_map(|l| l.bytes()) {
            let b = b.to_ascii_lowercase();
            if classes[usize::from(b)] == 0 {
                classes[usize::from(b)] = u8::try_from(count).ok()?;
                count += 1;
            }
        }
        for b in b'a'..=b'z' {
            classes[usize::from(b.to_ascii_uppercase())] = classes[usize::from(b)];
        }
        let stride = count;
        let mut next = vec![0u32; stride];
        let mut ends: Vec<Vec<usize>> = vec![Vec::new()];
        for (lit, &term) in beginnings.iter().zip(&owner) {
            let mut node = 0usize;
            for b in lit.bytes() {
                let cell = node * stride + usize::from(classes[usize::from(b)]);
                node = match next.get(cell).copied() {
                    Some(0) | None => {
                        let added = ends.len();
                        ends.push(Vec::new());
                        next.resize(next.len() + stride, 0);
                        *next.get_mut(cell)? = u32::try_from(2 * added).ok()?;
                        added
                    }
                    Some(n) => (n / 2) as usize,
                };
            }
            let at = ends.get_mut(node)?;
            if !at.contains(&term) {
                at.push(term);
            }
        }
        // Each cell that leads to a node where a beginning ends says so.
        for n in &mut next {
            if ends.get((*n / 2) as usize).is_some_and(|t| !t.is_empty()) {
                *n |= 1;
            }
        }
        Some(WordStarts {
            classes,
            stride,
            next,
            ends,
        })
    }

    /// The node after `node` on byte `b`, and whether a beginning ends there; node 0
    /// when no beginning goes on.
    fn step(&self, node: usize, b: u8) -> (usize, bool) {
        let cell = node * self.stride + usize::from(self.classes[usize::from(b)]);
        let n = self.next.get(cell).map_or(0, |&n| n as usize);
        (n / 2, n % 2 == 1)
    }

    /// Adds (term, `at`) for each beginning found at `at`, ASCII case ignored.
    fn tries_at(&self, text: &[u8], at: usize, tries: &mut Vec<(usize, usize)>) {
        let mut node = 0;
        for &b in text.get(at..).unwrap_or_default() {
            let ends;
            (node, ends) = self.step(node, b);
            if node == 0 {
                return;
            }
            if ends {
                let terms = self.ends.get(node).map_or(&[][..], Vec::as_slice);
                tries.extend(terms.iter().map(|&term| (term, at)));
            }
        }
    }
}

impl WordStarts {
    /// Whether a beginning can start at `at` of `token` (a run of text without white
    /// space): the trie walked from there finds one, or is still going at the token's
    /// end (a beginning may go on past it, "drug " does). When not, [`tries_at`] finds
    /// nothing there in any text the token is part of.
    ///
    /// [`tries_at`]: WordStarts::tries_at
    fn may_begin_at(&self, token: &[u8], at: usize) -> bool {
        let mut node = 0;
        for &b in token.get(at..).unwrap_or_default() {
            let ends;
            (node, ends) = self.step(node, b);
            if node == 0 {
                return false;
            }
            if ends {
                return true;
            }
        }
        true
    }
}

/// Where the words of `text` start: a word character (as `\b` reads one) with none
/// before it. ASCII bytes are looked up in a table, the rest of an ASCII word at once;
/// other characters are decoded.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let class = |i: usize| {
        (bytes.get(i)).map(|&b| WORD_BYTE.get(usize::from(b)).copied().unwrap_or(DECODE))
    };
    let mut i = 0;
    let mut in_word = false;
    std::iter::from_fn(move || loop {
        let at = i;
        let word = match class(i)? {
            NOT_WORD => {
                i += 1;
                false
            }
            WORD => {
                i += 1;
                while class(i) == Some(WORD) {
                    i += 1;
                }
                true
            }
            _ => {
                let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
                i += c.len_utf8();
                regex_syntax::is_word_character(c)
            }
        };
        let starts = word && !in_word;
        in_word = word;
        if starts {
            return Some(at);
        }
    })
}

/// What a byte is to [`word_starts`]: an ASCII byte that is not a word character, one
/// that is (a letter, a digit or '_'), or a byte of a character outside ASCII.
const WORD_BYTE: [u8; 256] = crate::text::byte_table!(DECODE, |b| {
    if b.is_ascii_alphanumeric() || b == b'_' {
        WORD
    } else {
        NOT_WORD
    }
});
const NOT_WORD: u8 = 0;
const WORD: u8 = 1;
const DECODE: u8 = 2;

impl Matcher {
    /// The pattern compiled (case-insensitive, as the lexicon's regexes), or `None` when
    /// the regex engine refuses it (the lexicon reported it when it was loaded): then it
    /// matches nothing, as the lexicon leaves such a term out. Without a prefilter: the
    /// pattern is tried anchored where its beginning is (and run over a whole text only
    /// for the rare text with a lookalike letter, or a pattern without a beginning), and
    /// the literals the engine takes out for one were half of compiling each pattern.
    fn regex(&self) -> Option<&meta::Regex> {
        self.regex
            .get_or_init(|| {
                let config = meta::Config::new()
                    .nfa_size_limit(Some(1 << 20))
                    .auto_prefilter(false);
                meta::Regex::builder()
                    .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
                    .configure(config)
                    .build(&self.pattern)
                    .ok()
            })
            .as_ref()
    }
}

impl Starts {
    /// Reads `patterns` (one per term, case-insensitive, as the lexicon's regexes), each
    /// compiled when a text first needs it; `None` when the automata cannot be built.
    pub(super) fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Option<Starts> {
        let mut literals = Vec::new();
        let mut owner = Vec::new();
        let (mut at_words, mut at_words_owner) = (Vec::new(), Vec::new());
        let mut matchers = Vec::new();
        for (term, pattern) in patterns.into_iter().enumerate() {
            let hir = parse(pattern);
            let found = hir.as_ref().and_then(beginnings_of);
            let word_start = hir.as_ref().is_some_and(first_is_boundary);
            matchers.push(Matcher {
                pattern: pattern.to_string(),
                regex: std::sync::OnceLock::new(),
                everywhere: found.is_none(),
                word_start,
            });
            for lit in found.into_iter().flatten() {
                // A match of such a term starts where a word does, and so does this
                // beginning when its first character is one a word is made of.
                if word_start
                    && lit
                        .chars()
                        .next()
                        .is_some_and(regex_syntax::is_word_character)
                {
                    at_words.push(lit);
                    at_words_owner.push(term);
                } else {
                    literals.push(lit);
                    owner.push(term);
                }
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            let built = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals)
                .ok()?;
            Some(built)
        };
        let at_words = if at_words.is_empty() {
            None
        } else {
            Some(WordStarts::new(&at_words, at_words_owner)?)
        };
        let everywhere = (matchers.iter().enumerate())
            .filter(|(_, m)| m.everywhere)
            .map(|(term, _)| term)
            .collect();
        Some(Starts {
            automaton,
            owner,
            at_words,
            matchers,
            everywhere,
        })
    }

    /// Whether the pattern of term `term` has been compiled.
    #[cfg(test)]
    pub(super) fn is_compiled(&self, term: usize) -> bool {
        (self.matchers.get(term)).is_some_and(|m| m.regex.get().is_some())
    }

    /// Whether every term's matches are found from the words' starts only (no beginning
    /// that may start anywhere, no pattern run over the whole text): then
    /// [`Starts::may_begin_in`] says which tokens of a text can hold a match's start.
    pub(super) fn word_starts_only(&self) -> bool {
        self.automaton.is_none() && self.everywhere.is_empty()
    }

    /// Whether a term's beginning can start at one of the word starts of `token` (a run
    /// of text without white space). When not, no match starts in it.
    pub(super) fn may_begin_in(&self, token: &str) -> bool {
        self.at_words.as_ref().is_some_and(|at_words| {
            word_starts(token).any(|at| at_words.may_begin_at(token.as_bytes(), at))
        })
    }

    /// The matches of the terms run over the whole text, in order: every term when
    /// `whole`, else those without a literal beginning ([`Starts::everywhere`]).
    fn whole_text_matches(&self, text: &str, whole: bool) -> Vec<(usize, usize, usize)> {
        let every = 0..if whole { self.matchers.len() } else { 0 };
        let listed = self.everywhere.iter().copied().filter(|_| !whole);
        let mut out = Vec::new();
        for term in every.chain(listed) {
            if let Some(matcher) = self.matchers.get(term) {
                out.extend(
                    (matcher.regex().into_iter())
                        .flat_map(|r| r.find_iter(text))
                        .map(|m| (term, m.start(), m.end())),
                );
            }
        }
        out
    }

    /// Every term's matches in `text`, as (term, start, end): the terms in order, each
    /// term's matches left to right, as running its pattern over the whole text gives.
    /// `within`: when the terms start at words only ([`Starts::word_starts_only`]), the
    /// tokens of the text (runs without white space, in order) that
    /// [`Starts::may_begin_in`] said yes to; the words of the other tokens are passed over.
    pub(super) fn matches(
        &self,
        text: &str,
        within: Option<&[std::ops::Range<usize>]>,
    ) -> Vec<(usize, usize, usize)> {
        let whole = has_a_lookalike(text);
        let mut tries: Vec<(usize, usize)> = Vec::new();
        if !whole {
            for m in self
                .automaton
                .iter()
                .flat_map(|a| a.find_overlapping_iter(text))
            {
                if let Some(&term) = self.owner.get(m.pattern().as_usize()) {
                    tries.push((term, m.start()));
                }
            }
            let within = within.filter(|_| self.word_starts_only());
            if let Some(at_words) = &self.at_words {
                let bytes = text.as_bytes();
                match within {
                    Some(tokens) => {
                        for r in tokens {
                            let token = text.get(r.clone()).unwrap_or_default();
                            for at in word_starts(token) {
                                at_words.tries_at(bytes, r.start + at, &mut tries);
                            }
                        }
                    }
                    None => {
                        for at in word_starts(text) {
                            at_words.tries_at(bytes, at, &mut tries);
                        }
                    }
                }
            }
        }
        let mut out = self.whole_text_matches(text, whole);
        if tries.is_empty() {
            // Terms in order: the whole-text terms are already in order among themselves.
            return out;
        }
        tries.sort_unstable();
        tries.dedup();
        let mut end = 0;
        let mut last_term = usize::MAX;
        for (term, start) in tries {
            if term != last_term {
                (last_term, end) = (term, 0);
            }
            let Some(matcher) = self.matchers.get(term).filter(|m| !m.everywhere) else {
                continue;
            };
            if start < end || (matcher.word_start && inside_a_word(text, start)) {
                continue;
            }
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            if let Some(m) = matcher.regex().and_then(|r| r.search(&input)) {
                out.push((term, m.start(), m.end()));
                end = m.end().max(start + 1);
            }
        }
        out.sort_by_key(|&(term, start, _)| (term, start));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What running each pattern over the whole text gives, term by term.
    fn each_pattern_whole(patterns: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (term, p) in patterns.iter().enumerate() {
            let regex = regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .unwrap_or_else(|e| panic!("{p}: {e}"));
            out.extend(regex.find_iter(text).map(|m| (term, m.start(), m.end())));
        }
        out
    }

    #[test]
    fn a_lookalike_is_found_at_its_first_byte_as_in_the_whole_text() {
        let pieces: Vec<&str> =
            "a|Z| |k|s|\u{212a}|\u{17f}|\u{2019}|\u{2122}|\u{c5}|\u{15f}|\u{e9}|\u{5438}|\u{1f600}"
                .split('|')
                .collect();
        let texts = crate::text::pieced_texts(&pieces, 5_000, 12, false);
        let mut found = 0;
        for text in &texts {
            let whole = !text.is_ascii() && text.contains(ASCII_LOOKALIKES);
            assert_eq!(has_a_lookalike(text), whole, "{text:?}");
            found += usize::from(whole);
        }
        assert!(found > 1_000, "{found}");
    }

    #[test]
    fn one_pass_finds_what_each_pattern_finds_over_the_whole_text() {
        let patterns: Vec<String> = (super::super::built_in().into_iter())
            .filter_map(|e| e.pattern)
            // A site's own patterns: one that can start anywhere, one that can match nothing.
            .chain([
                "\\w+ster\\b".to_string(),
                "(?:x)?".to_string(),
                "(?-i:Fiend)s?".to_string(),
            ])
            .collect();
        assert!(patterns.len() > 40, "{}", patterns.len());
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let Some(starts) = Starts::new(patterns.iter().copied()) else {
            panic!("the lexicon's patterns compile");
        };
        let texts = [
            "Former addicts and ADDICTS, an addict's junkie; xaddict and addictx.",
            "Drug-abusers, drug abuse, DRUG ABUSE and Substance Misuse were studied.",
            "I'm clean, I\u{2019}m clean, he's been clean for years; clean needles, CLEAN NEEDLES.",
            "Les toxicomanes, les TOXICOMANES, le MATÉRIEL PROPRE et le matériel propre.",
            "MÉDICAMENTS DE SUBSTITUTION, thérapies par substitution; ma, m, th, xm.",
            "_junkie 2junkie junkie_ ju junkies\njunky\tRELAPSE(relapse)[Relapsing]",
            "很多吸毒者来到诊所，复吸的人也来了。",
            "A \u{212a}elvin-sign junkie and a long-\u{17f} ab\u{17f}u\u{17f}er: ADDIC\u{212a}",
            "Monster fiends, the Fiend and FIENDS; youngster.",
            // Beginnings inside words ("he " in "the ", "relaps" in "prerelapse").
            "Bathe dirty; the drunks, she is dirty, thee dirty, prerelapse, a relapse.",
            "\u{e9}addict, \u{e9}tait junkie, _addict, 9addict, addict9 and -addict.",
            "",
        ];
        for text in texts {
            assert_eq!(
                starts.matches(text, None),
                each_pattern_whole(&patterns, text),
                "{text}"
            );
        }
    }

    #[test]
    fn matches_from_the_tokens_a_lexicon_may_begin_in_are_those_of_every_word_start() {
        use crate::checks::word_shape::tokens_where;
        use crate::text::pieced_texts;
        for (file, lang) in [
            (include_str!("../respectful_terms.yaml"), None),
            (include_str!("../respectful_terms_fr.yaml"), Some("fr")),
        ] {
            let patterns: Vec<String> =
                serde_saphyr::from_str::<Vec<super::super::TermEntry>>(file)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|e| e.lang.as_deref() == lang)
                    .filter_map(|e| e.pattern)
                    .collect();
            assert!(patterns.len() > 5, "{lang:?}: {}", patterns.len());
            let Some(starts) = Starts::new(patterns.iter().map(String::as_str)) else {
                panic!("the lexicon's patterns compile");
            };
            assert!(starts.word_starts_only(), "{lang:?}");
            let pieces: Vec<&str> = "addict|addicts|drug|user|abuse|clean|needles|I'm|he|the|a|drunks|is|been|relapsed|junkie|toxicomanes|mat\u{e9}riel|propre|les|MAT\u{c9}RIEL|Former|ex|-|(|,|.|'|\u{2019}|\u{e9}|_|9|x| |\n|\u{a0}"
                .split('|')
                .collect();
            for text in pieced_texts(&pieces, 4_000, 12, true) {
                // The tokens (runs without white space) the lexicon may begin in.
                let tokens = tokens_where(&text, |t| starts.may_begin_in(t));
                assert_eq!(
                    starts.matches(&text, Some(&tokens)),
                    starts.matches(&text, None),
                    "{lang:?} {text:?}"
                );
            }
        }
    }

    /// What the anchored Aho-Corasick DFA the trie replaced found at `at`: each
    /// beginning that starts there, ASCII case ignored.
    fn dfa_tries_at(
        dfa: &aho_corasick::dfa::DFA,
        owner: &[usize],
        text: &[u8],
        at: usize,
    ) -> Vec<usize> {
        use aho_corasick::automaton::Automaton;
        let mut out = Vec::new();
        let Ok(mut state) = dfa.start_state(aho_corasick::Anchored::Yes) else {
            return out;
        };
        for (end, &b) in text.iter().enumerate().skip(at) {
            state = dfa.next_state(aho_corasick::Anchored::Yes, state, b);
            if dfa.is_dead(state) {
                break;
            }
            for i in 0..if dfa.is_match(state) {
                dfa.match_len(state)
            } else {
                0
            } {
                let pattern = dfa.match_pattern(state, i);
                if (end + 1).checked_sub(dfa.pattern_len(pattern)) == Some(at) {
                    out.extend(owner.get(pattern.as_usize()));
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn the_trie_finds_at_each_place_what_the_anchored_automaton_found() {
        let patterns: Vec<String> = (super::super::built_in().into_iter())
            .filter_map(|e| e.pattern)
            .collect();
        let (mut lits, mut owner) = (Vec::new(), Vec::new());
        for (term, p) in patterns.iter().enumerate() {
            for lit in beginnings(p).into_iter().flatten() {
                lits.push(lit);
                owner.push(term);
            }
        }
        // The same beginning for two terms, and one inside another.
        lits.extend(["addict".to_string(), "dict".to_string()]);
        owner.extend([patterns.len(), patterns.len() + 1]);
        assert!(lits.len() > 100, "{}", lits.len());
        let Some(trie) = WordStarts::new(&lits, owner.clone()) else {
            panic!("the trie is built");
        };
        let dfa = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&lits)
            .unwrap_or_else(|e| panic!("{e}"));
        let pieces: Vec<&str> = "addict|ADDICTS|drug|user|abuse|clean|needles|I'm|he|the|drunks|relapsed|junkie|toxicomanes|mat\u{e9}riel|MAT\u{c9}RIEL|\u{5438}\u{6bd2}\u{8005}|Former|ex|-|(|,|.|'|\u{2019}|\u{e9}|_|9|x| "
            .split('|')
            .collect();
        let mut found = 0;
        for text in crate::text::pieced_texts(&pieces, 3_000, 10, false) {
            let bytes = text.as_bytes();
            for at in 0..bytes.len() {
                let mut tries = Vec::new();
                trie.tries_at(bytes, at, &mut tries);
                assert!(tries.iter().all(|&(_, a)| a == at));
                let mut terms: Vec<usize> = tries.iter().map(|&(t, _)| t).collect();
                terms.sort_unstable();
                assert_eq!(
                    terms,
                    dfa_tries_at(&dfa, &owner, bytes, at),
                    "{text:?} at {at}"
                );
                found += terms.len();
                if !terms.is_empty() {
                    assert!(trie.may_begin_at(bytes, at), "{text:?} at {at}");
                }
            }
        }
        assert!(found > 1_000, "{found}");
    }

    #[test]
    fn a_pattern_with_a_boundary_first_in_every_branch_starts_at_a_word_boundary() {
        assert!(starts_at_a_word_boundary("\\brelaps(?:e|ed)\\b"));
        assert!(starts_at_a_word_boundary(
            "\\bclean time\\b|\\b(?:been|got) clean\\b"
        ));
        assert!(starts_at_a_word_boundary("(\\b(?:a|the)) drunks?"));
        assert!(!starts_at_a_word_boundary("\\bclean time\\b|dirties"));
        assert!(!starts_at_a_word_boundary("吸毒者|吸毒人员"));
        assert!(!starts_at_a_word_boundary("(?-u:\\b)addict"));
        assert!(!starts_at_a_word_boundary("\\Baddict"));
        assert!(inside_a_word("the", 1));
        assert!(inside_a_word("\u{e9}t\u{e9}", 2));
        assert!(!inside_a_word("a he", 2));
        assert!(!inside_a_word("he", 0));
        assert!(!inside_a_word("he", 2));
    }

    #[test]
    fn word_starts_read_a_run_at_a_time_are_those_read_char_by_char() {
        let char_by_char = |text: &str| {
            let mut out = Vec::new();
            let mut in_word = false;
            for (i, c) in text.char_indices() {
                let word = regex_syntax::is_word_character(c);
                if word && !in_word {
                    out.push(i);
                }
                in_word = word;
            }
            out
        };
        for text in [
            "",
            "a",
            " addict, ADDICTS_2 (junkie)",
            "caf\u{e9}addict \u{e9}t\u{e9} na\u{ef}ve-x 9\u{2019}s",
            "\u{5438}\u{6bd2}\u{8005}abc \u{212a}elvin _x_ --y",
        ] {
            assert_eq!(
                word_starts(text).collect::<Vec<_>>(),
                char_by_char(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_beginning_stops_before_a_letter_whose_case_is_not_ascii() {
        assert_eq!(caseless_head("matériel"), "mat");
        assert_eq!(caseless_head("吸毒者"), "吸毒者");
        assert_eq!(caseless_head("I\u{2019}m"), "I\u{2019}m");
        assert_eq!(beginnings("\\w+ster"), None);
        assert_eq!(
            beginnings("\\bjunk(?:ie|y)\\b"),
            Some(vec!["junkie".to_string(), "junky".to_string()])
        );
    }
}
