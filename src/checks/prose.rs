//! Plain-language checks on a page's prose: reading grade (per page and per section of
//! long pages), long sentences and paragraphs, jargon, unexplained abbreviations, and
//! respectful language. Each finding points at the exact place and suggests a fix.
//!
//! The prose comes from the Markdown stage (code, quoted speech, tables and notes left
//! out of the measures) or from data files. How its blocks count as sentences is
//! `SentenceFlow`'s to say.

use rustc_hash::FxHashSet as HashSet;

use super::chinese::{self, CharStats};
use super::measures::{self, Lang, Measure, Measures};
use super::readability::{self, Scores, Stats};
use super::respectful::{Hit, Lexicon};
use super::word_shape::{is_abbreviation, may_be_jargon, single_ascii_word, word_hash, SeenWords};
use super::{passive, plain_words, syllables, CheckConfig};
use crate::markdown::glossary::GlossaryMatcher;
use crate::markdown::{BlockKind, ProseBlock};
use crate::text::diagnostics::{Diagnostic, LineIndex, Severity, Src, Tally};
use crate::text::rule::Rule;

/// A sentence of a page, with where it starts.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Sentence {
    pub text: String,
    /// The file the sentence is in, as shown (a page's Markdown, or a data file shown on
    /// the page, such as `content/_data/key_messages.yaml`).
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The sentence's figure in the page's own measure ([`Sentence::measure`]).
    pub score: f64,
    /// The name of that measure for authors: "reading grade", "reading ease (Kandel and
    /// Moles)", "characters".
    pub measure: &'static str,
    /// Words (characters in Chinese).
    pub words: usize,
}

/// The plain-language figures of one page, for the summary and the author report.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ProseReport {
    /// `None` when the page's language is not one the formulas fit, or it has too few words.
    pub scores: Option<Scores>,
    /// Every measure made for the page's language (none for a language no formula fits).
    pub measures: Measures,
    /// The page's language code.
    pub language: String,
    pub target: f64,
    pub words: usize,
    pub sentences: usize,
    /// The hardest sentences, hardest first.
    pub hardest: Vec<Sentence>,
    pub long_sentences: usize,
    pub jargon: Vec<String>,
    /// Reading grade of each section (from one h2 to the next) of long pages.
    pub sections: Vec<SectionGrade>,
    /// The page's suggestions that are only counted (see [`check_page_counting`]).
    #[serde(skip)]
    pub counted: Tally,
}

/// The reading grade of one section of a long page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SectionGrade {
    pub heading: String,
    pub line: usize,
    pub grade: f64,
    pub words: usize,
}

/// Pages with more words than this also get a reading grade per section.
const LONG_PAGE_WORDS: usize = 600;

/// Prose from one file (a page's Markdown, or a data file shown on the page).
pub struct ProsePart<'a> {
    pub file: &'a str,
    /// The file's text, shared by every problem found in it.
    pub text: &'a std::sync::Arc<str>,
    pub index: &'a LineIndex,
    pub blocks: &'a [ProseBlock],
}

/// Everything the checks need to know about one page's prose.
pub struct PageProse<'a> {
    pub parts: Vec<ProsePart<'a>>,
    pub target: f64,
    pub has_summary: bool,
    /// Rules the page turns off.
    pub ignored: &'a [Rule],
    /// The page's language; reading grades are measured for English only.
    pub language: &'a str,
    /// Abbreviations the page explains in its HTML (`<abbr title>`).
    pub explained: Vec<String>,
}

/// Shared, read-only inputs of the checks.
pub struct ProseContext<'a> {
    pub config: &'a CheckConfig,
    pub glossary: Option<&'a GlossaryMatcher>,
    pub lexicon: &'a Lexicon,
}

/// Passive verbs reported in one paragraph at most; the last says how many more there are.
const PASSIVES_PER_BLOCK: usize = 3;

/// How many of a page's hardest sentences are kept.
const HARDEST: usize = 5;

/// Pages with fewer words than this get no reading grade: the formulas need text.
const MIN_WORDS_FOR_GRADE: usize = 40;

/// Chinese pages with fewer characters than this get no reading proxies.
const MIN_CHARACTERS_FOR_MEASURES: usize = 100;

/// A sentence's figure in the page's own measure: its name, its value, and how hard it
/// is (higher is harder), or `None` when it is too short to judge or the language has
/// no measure. English: Flesch-Kincaid grade; French: Kandel and Moles' reading ease;
/// Chinese: its length in characters.
fn sentence_score(lang: Lang, words: usize, syllables: usize) -> Option<(&'static str, f64, f64)> {
    let score = match lang {
        Lang::English if words >= 6 => readability::grade_of_counts(words, syllables),
        Lang::French if words >= 6 => super::french::reading_ease_of_counts(words, 1, syllables),
        Lang::Chinese | Lang::Japanese if words >= 10 => words as f64,
        _ => return None,
    };
    let measure = match lang {
        Lang::English => "reading grade",
        Lang::French => "reading ease",
        _ => "characters",
    };
    Some((measure, score, hardness_of(lang, score)))
}

/// Whether a sentence of `hardness` would be among `hardest` (at most [`HARDEST`],
/// hardest first).
fn would_be_hardest(hardest: &[Sentence], lang: Lang, hardness: f64) -> bool {
    hardest.len() < HARDEST
        || hardest
            .last()
            .is_some_and(|h| hardness_of(lang, h.score) < hardness)
}

/// Keeps `sentence` among `hardest` if it is one of them.
fn keep_hardest(hardest: &mut Vec<Sentence>, lang: Lang, sentence: Sentence) {
    if would_be_hardest(hardest, lang, hardness_of(lang, sentence.score)) {
        hardest.push(sentence);
        hardest.sort_by(|a, b| hardness_of(lang, b.score).total_cmp(&hardness_of(lang, a.score)));
        hardest.truncate(HARDEST);
    }
}

/// How hard a sentence of `score` is: reading ease falls as a text gets harder.
fn hardness_of(lang: Lang, score: f64) -> f64 {
    if lang == Lang::French {
        -score
    } else {
        score
    }
}

/// Runs every prose check on a page.
pub fn check_page(page: &PageProse, ctx: &ProseContext) -> (ProseReport, Vec<Diagnostic>) {
    check(page, ctx, None)
}

/// Runs every prose check on a page, for a reporter that only counts suggestions: the
/// page's suggestions are counted in the report's `counted`, without their message,
/// help or place (a draft has tens of thousands, and writing them was most of the
/// checks' cost); errors and warnings are returned as [`check_page`] returns them.
pub fn check_page_counting(page: &PageProse, ctx: &ProseContext) -> (ProseReport, Vec<Diagnostic>) {
    check(page, ctx, Some(Tally::default()))
}

fn check(
    page: &PageProse,
    ctx: &ProseContext,
    counted: Option<Tally>,
) -> (ProseReport, Vec<Diagnostic>) {
    let mut checker = PageChecker::new(page, ctx, counted);
    for part in &page.parts {
        // The running prose of the same file, which a quote or table row may continue.
        let running: Vec<&ProseBlock> = (page.parts.iter())
            .filter(|p| std::ptr::eq(p.text, part.text) && p.file == part.file)
            .flat_map(|p| p.blocks.iter())
            .filter(|b| b.kind.in_flow())
            .collect();
        let mut flow = SentenceFlow::default();
        let mut aside = AsideRun::default();
        // The heading level of a reference list being read ("References"), if any.
        let mut references: Option<u8> = None;
        for (at_block, block) in part.blocks.iter().enumerate() {
            if block.kind == BlockKind::Heading {
                references = references
                    .filter(|&l| block.level > l)
                    .or_else(|| is_reference_heading(&block.text).then_some(block.level));
            }
            if matches!(block.kind, BlockKind::Quote | BlockKind::Cell { .. }) {
                // A quote or table can be left out of the measures (a reference quoted).
                let measured =
                    !(block.ignore.iter()).any(|r| r == Rule::ReadingGrade.as_str() || r == "*");
                let run = if measured {
                    aside.read(block)
                } else {
                    aside.finish()
                };
                if let Some(run) = run {
                    checker.aside(part, run, &running);
                }
                // Quoted words are the speaker's own: no check is made on them.
                if block.kind == BlockKind::Quote {
                    continue;
                }
            }
            let here = Here {
                part,
                block,
                page_ignored: page.ignored,
                last: std::cell::Cell::new(None),
            };
            checker.block(&here, at_block, &mut flow, references.is_some());
        }
        if let Some(run) = aside.finish() {
            checker.aside(part, run, &running);
        }
    }
    checker.finish()
}

/// Where the checks are: one block of one part of the page, and the rules turned off there.
struct Here<'p, 'a> {
    part: &'p ProsePart<'a>,
    block: &'a ProseBlock,
    page_ignored: &'a [Rule],
    /// The last place located in the part's text (line, offset in the file, column):
    /// the next is counted on from it ([`LineIndex::locate_after`]).
    last: std::cell::Cell<Option<(usize, usize, usize)>>,
}

impl Here<'_, '_> {
    fn ignored(&self, rule: Rule) -> bool {
        self.block
            .ignore
            .iter()
            .any(|r| r == rule.as_str() || r == "*")
            || self.page_ignored.contains(&rule)
    }

    /// Line and column of position `pos` of the block's text.
    fn at(&self, pos: usize) -> (usize, usize) {
        self.locate(self.block.file_offset(pos))
    }

    /// Line and column of byte `offset` of the part's text.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let part = self.part;
        let (line, column) = part.index.locate_after(part.text, offset, self.last.get());
        self.last.set(Some((line, offset, column)));
        (line, column)
    }

    /// Adds a finding of `rule` at `severity` (`None`: the site turned the rule off) at
    /// `file_offset` (where in the file the problem starts), `len` characters long,
    /// unless the rule is off here. `words` writes its message and help: a suggestion
    /// that is only counted never needs them.
    fn push(
        &self,
        out: &mut Findings,
        rule: Rule,
        severity: Option<Severity>,
        (file_offset, len): (usize, usize),
        words: impl FnOnce() -> Diagnostic,
    ) {
        let Some(severity) = severity.filter(|_| !self.ignored(rule)) else {
            return;
        };
        let part = self.part;
        if let (Severity::Suggestion, Some(counted)) = (severity, out.counted.as_mut()) {
            counted.add(rule, part.file, file_offset, len);
            return;
        }
        let mut d = words().rule(rule);
        d.severity = severity;
        let place = self.locate(file_offset);
        out.shown.push(
            d.at_shared_place(part.file, part.index, part.text, place)
                .span(len),
        );
    }
}

/// A page's findings: those written out, and the suggestions only counted (when the
/// reporter only sums them).
struct Findings {
    shown: Vec<Diagnostic>,
    counted: Option<Tally>,
}

/// The words of one block, found once and shared by its checks: the text with addresses
/// blanked out, its tokens and counts, and its sentences.
struct BlockWords<'t> {
    measured: std::borrow::Cow<'t, str>,
    tokens: Vec<readability::Token>,
    sentences: Vec<std::ops::Range<usize>>,
    /// The words and syllables of each sentence ([`sentence_counts`]).
    counts: Vec<(usize, usize)>,
    /// Whether each token says if the lexicon can begin a term in it (`Token::lexicon`).
    probed: bool,
}

/// A section of a long page: its heading, line, the part and offset of the heading, counts.
struct Section<'p, 'a> {
    heading: String,
    line: usize,
    part: &'p ProsePart<'a>,
    offset: usize,
    stats: Stats,
}

/// The slots a page's seen words start with: a draft's page has about a hundred words
/// of each kind to look at, and a table that grew to hold them put each back every time.
const SEEN_SLOTS: usize = 256;

/// The state of the checks while they read one page, block by block.
struct PageChecker<'p, 'a> {
    page: &'p PageProse<'a>,
    ctx: &'p ProseContext<'p>,
    lang: Lang,
    out: Findings,
    report: ProseReport,
    total: Stats,
    /// The hardest sentences so far (at most HARDEST), kept without copying every sentence.
    hardest: Vec<Sentence>,
    sections: Vec<Section<'p, 'a>>,
    /// What the formulas left out of the running text, with the section each is in:
    /// each heading of three words or more no sentence runs on through, and each
    /// sentence of quoted speech and of a table's rows ([`AsideRun`]). Each is added
    /// back where it makes a figure harder ([`with_hard_extras`]). A heading of one or
    /// two words ("Methods", a glossary's term) is a name, never a sentence.
    extras: Vec<Extra>,
    /// Words already looked at, borrowed from the page's text (no copy per word).
    seen_jargon: SeenWords<'a>,
    seen_abbr: SeenWords<'a>,
    defined_abbr: HashSet<String>,
    allow: std::collections::HashSet<String>,
    /// Chinese is counted in characters, not words.
    characters: CharStats,
    /// The tokens of a block the lexicon can begin a term in, reused from block to block.
    within: Vec<std::ops::Range<usize>>,
    /// Where the block's words that can hurt are: they get that finding only.
    respected: Vec<std::ops::Range<usize>>,
    /// The tokens of the block before, their list's room used again for the next block;
    /// its sentences and their counts likewise.
    spare_tokens: Vec<readability::Token>,
    spare_sentences: Vec<std::ops::Range<usize>>,
    spare_counts: Vec<(usize, usize)>,
}

impl<'p, 'a> PageChecker<'p, 'a> {
    fn new(page: &'p PageProse<'a>, ctx: &'p ProseContext<'p>, counted: Option<Tally>) -> Self {
        PageChecker {
            page,
            ctx,
            lang: Lang::of(page.language),
            out: Findings {
                shown: Vec::new(),
                counted,
            },
            report: ProseReport {
                target: page.target,
                language: page.language.to_string(),
                ..Default::default()
            },
            total: Stats::default(),
            hardest: Vec::new(),
            sections: Vec::new(),
            extras: Vec::new(),
            // A draft's page has hundreds of words to look at: no growing as they come.
            seen_jargon: SeenWords::with_slots(SEEN_SLOTS),
            seen_abbr: SeenWords::with_slots(SEEN_SLOTS),
            defined_abbr: defined_abbreviations(page.parts.iter().flat_map(|p| p.blocks.iter()))
                .into_iter()
                .chain(page.explained.iter().cloned())
                .collect(),
            allow: ctx.config.allow.iter().map(|a| a.to_lowercase()).collect(),
            characters: CharStats::default(),
            within: Vec::new(),
            respected: Vec::new(),
            spare_tokens: Vec::new(),
            spare_sentences: Vec::new(),
            spare_counts: Vec::new(),
        }
    }

    /// Every check on one block; `in_references`: the block is in a reference list.
    fn block(
        &mut self,
        here: &Here<'p, 'a>,
        at_block: usize,
        flow: &mut SentenceFlow,
        in_references: bool,
    ) {
        let words = self.count(here, at_block, flow);
        self.sentences(here, &words);
        self.paragraph_length(here, &words);
        // Quoted words are the speaker's own: found once for the checks below, and only
        // when one of them has found words it may report.
        let mut quoted = None;
        // A reference list names works as their authors titled them. Words that can hurt
        // are found first: a word named for that gets no jargon finding too (a word whose
        // finding is off or ignored here is not named, so it still may get one).
        let hits = if !in_references || here.block.kind == BlockKind::Heading {
            self.respectful(here, &words, &mut quoted)
        } else {
            Vec::new()
        };
        self.respected.clear();
        let config = self.ctx.config;
        let named = |h: &&Hit| {
            !here.ignored(Rule::RespectfulLanguage)
                && (config.severity_at_level(Rule::RespectfulLanguage, h.level)).is_some()
        };
        (self.respected).extend(
            hits.iter()
                .filter(named)
                .map(|h| h.start..h.start + h.matched.len()),
        );
        if !matches!(self.lang, Lang::Other | Lang::Japanese) {
            self.words(here, &words.tokens);
        }
        self.passives(here, &words, &mut quoted);
        self.push_respectful(here, hits);
        self.spare_tokens = words.tokens;
        self.spare_sentences = words.sentences;
        self.spare_counts = words.counts;
    }

    /// A block's text as measured (its addresses blanked out, if its tokens say it may
    /// have one and it has), with that text's tokens, letters, and whether the tokens
    /// were asked if the lexicon can begin in them.
    fn measured_tokens(
        &mut self,
        text: &'a str,
    ) -> (
        std::borrow::Cow<'a, str>,
        Vec<readability::Token>,
        readability::Letters,
        bool,
    ) {
        let (mut tokens, mut letters, probed, address) = self.tokens_of(text);
        let measured = if address {
            readability::masked(text)
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        if let std::borrow::Cow::Owned(masked) = &measured {
            self.spare_tokens = tokens;
            (tokens, letters, _, _) = self.tokens_of(masked);
        }
        (measured, tokens, letters, probed)
    }

    /// One pass over the block's words (addresses blanked out, positions kept), added to
    /// the page's and the section's counts.
    fn count(
        &mut self,
        here: &Here<'p, 'a>,
        at_block: usize,
        flow: &mut SentenceFlow,
    ) -> BlockWords<'a> {
        let block = here.block;
        let blocks = here.part.blocks;
        // The block's tokens say whether it may have an address; if so, and it has one,
        // the tokens of its text with the addresses blanked out are read instead.
        let (measured, tokens, letters, probed) = self.measured_tokens(&block.text);
        // Found once: the counts, the flow of sentences and the checks share them.
        let mut split = std::mem::take(&mut self.spare_sentences);
        readability::split_sentences_into(&measured, &mut split);
        let mut split_counts = std::mem::take(&mut self.spare_counts);
        let sums = readability::sentence_sums_into(&split, &tokens, &mut split_counts);
        let whole = (split_counts.iter()).filter(|&&(w, _)| w >= readability::MIN_SENTENCE_WORDS);
        let mut stats = readability::Stats::from_sums(tokens.len(), letters, whole.count(), &sums);
        // Alt text, table cells and chart words get the word checks, not the measures.
        let counted = block.kind.in_flow();
        let next =
            (blocks.get(at_block + 1..).unwrap_or_default().iter()).find(|b| b.kind.in_flow());
        // The sentences the block ends when the formulas count its words (a heading:
        // only when a sentence runs on through it).
        let ended = if counted {
            flow.count(block, next, &measured, &split_counts)
        } else {
            None
        };
        if let Some(ended) = ended {
            stats.sentences = ended + if next.is_none() { flow.close() } else { 0 };
            self.total.add(&stats);
        }
        if block.kind == BlockKind::Heading && block.level == 2 {
            self.sections.push(Section {
                heading: block.text.trim().to_string(),
                line: here.at(0).0,
                part: here.part,
                offset: block.file_offset(0),
                stats: Stats::default(),
            });
        }
        let chars = if self.lang.in_characters() && counted {
            CharStats::of(&measured)
        } else {
            CharStats::default()
        };
        if ended.is_some() {
            self.characters.add(&chars);
            if let Some(current) = self.sections.last_mut() {
                current.stats.add(&stats);
            }
        } else if counted && (stats.sentences > 0 || chars.sentences > 0) {
            let section = self.sections.len().checked_sub(1);
            let counts = Counts { stats, chars };
            self.extras.push(Extra::heading(section, counts));
        }
        let (sentences, counts) = if self.lang.in_characters() {
            let sentences = chinese::split_sentences(&measured);
            let counts = sentence_counts(&sentences, &tokens);
            (sentences, counts)
        } else {
            (split, split_counts)
        };
        BlockWords {
            measured,
            tokens,
            sentences,
            counts,
            probed,
        }
    }

    /// The tokens of a text, each also asked once whether the lexicon can begin a term in
    /// it (the third: whether they were asked), into the list the block before used,
    /// emptied: no new one for each block. The last: whether the text may have an
    /// address ([`readability::tokens_marked_into`]).
    fn tokens_of(
        &mut self,
        measured: &str,
    ) -> (Vec<readability::Token>, readability::Letters, bool, bool) {
        let lexicon = self.ctx.lexicon;
        let test = |token: &str| lexicon.may_begin_in(token);
        let probe = lexicon.starts_at_words().then(|| readability::Probe {
            serial: lexicon.serial(),
            test: &test,
        });
        let probed = probe.is_some();
        let mut tokens = std::mem::take(&mut self.spare_tokens);
        let (letters, address) =
            readability::tokens_marked_into(measured, self.lang, probe, &mut tokens);
        (tokens, letters, probed, address)
    }

    /// Each sentence's length and figure: the long ones are reported, the hardest kept.
    fn sentences(&mut self, here: &Here<'p, 'a>, words: &BlockWords) {
        let counted = here.block.kind.in_flow();
        for (r, &(in_words, syllables)) in words.sentences.iter().zip(&words.counts) {
            let (n, limit, unit) = if self.lang.in_characters() {
                let n = chinese::characters(&words.measured[r.clone()]);
                (n, self.ctx.config.sentence_characters, "characters")
            } else {
                (in_words, self.ctx.config.sentence_words, "words")
            };
            if counted {
                self.keep_if_hard(here, r, n, syllables);
            }
            if n > limit {
                self.report.long_sentences += 1;
                self.long_sentence(here, r, (n, unit, limit));
            }
        }
    }

    /// Keeps the sentence at `r` among the page's hardest if it is one of them.
    fn keep_if_hard(
        &mut self,
        here: &Here<'p, 'a>,
        r: &std::ops::Range<usize>,
        words: usize,
        syllables: usize,
    ) {
        let lang = self.lang;
        let Some((measure, score, hardness)) = sentence_score(lang, words, syllables) else {
            return;
        };
        if would_be_hardest(&self.hardest, lang, hardness) {
            let (line, column) = here.at(r.start);
            let sentence = Sentence {
                text: here.block.text[r.clone()].to_string(),
                file: here.part.file.to_string(),
                line,
                column,
                score,
                measure,
                words,
            };
            keep_hardest(&mut self.hardest, lang, sentence);
        }
    }

    /// Reports the sentence at `r`, quoted as written in the file (code and links
    /// included); `length`: how long it is and the limit.
    fn long_sentence(
        &mut self,
        here: &Here<'p, 'a>,
        r: &std::ops::Range<usize>,
        (n, unit, limit): (usize, &str, usize),
    ) {
        let block = here.block;
        let s = &block.text[r.clone()];
        let (from, to) = (
            block.file_offset(r.start),
            block.file_offset(r.end.saturating_sub(1)) + 1,
        );
        let file_text = here.part.text;
        // Its first line, as `lines` gives it (no searcher built for each sentence).
        let line = memchr::memchr(b'\n', s.as_bytes()).map_or(s, |i| {
            let line = &s[..i];
            line.strip_suffix('\r').unwrap_or(line)
        });
        let first_line = line.chars().count();
        let severity = self.ctx.config.severity(Rule::LongSentence);
        here.push(
            &mut self.out,
            Rule::LongSentence,
            severity,
            (from, first_line),
            || {
                let written = file_text
                    .get(from..to.max(from))
                    .map(as_written)
                    .unwrap_or_else(|| s.to_string());
                // Written piece by piece: a draft has tens of thousands of these.
                let (mut n_digits, mut limit_digits) = (itoa::Buffer::new(), itoa::Buffer::new());
                let mut message = String::with_capacity(48);
                for piece in [
                    "this sentence has ",
                    n_digits.format(n),
                    " ",
                    unit,
                    " (the limit is ",
                    limit_digits.format(limit),
                    ")",
                ] {
                    message.push_str(piece);
                }
                Diagnostic::error(message)
                    .help("split it into shorter sentences, each with one idea")
                    .quote(written)
            },
        );
    }

    /// A paragraph of too many sentences (characters in Chinese).
    fn paragraph_length(&mut self, here: &Here<'p, 'a>, words: &BlockWords) {
        if here.block.kind != BlockKind::Paragraph {
            return;
        }
        let config = self.ctx.config;
        let length = if self.lang.in_characters() {
            let n = chinese::characters(&words.measured);
            (n > config.paragraph_characters).then(|| {
                format!(
                    "{n} characters (the limit is {})",
                    config.paragraph_characters
                )
            })
        } else {
            let n = words.sentences.len();
            (n > config.paragraph_sentences).then(|| {
                format!(
                    "{n} sentences (the limit is {})",
                    config.paragraph_sentences
                )
            })
        };
        if let Some(length) = length {
            // At the paragraph's first character, even when it starts with code or a link.
            here.push(
                &mut self.out,
                Rule::LongParagraph,
                config.severity(Rule::LongParagraph),
                (here.block.start_offset, 1),
                || {
                    Diagnostic::error(format!("this paragraph has {length}"))
                        .help("split it into shorter paragraphs, one topic each")
                },
            );
        }
    }

    /// Jargon and unexplained abbreviations, each reported at its first use on the page.
    fn words(&mut self, here: &Here<'p, 'a>, tokens: &[readability::Token]) {
        let text: &'a str = &here.block.text;
        // Only words that can be jargon (three syllables or more) or abbreviations
        // (a capital first) need a closer look. Chinese: the runs of Latin letters.
        if self.lang == Lang::Chinese {
            for (pos, word) in latin_runs(text) {
                self.word(here, pos, word);
            }
            return;
        }
        // What each token's shape says was worked out with its syllables (`Shape`).
        for t in tokens.iter().filter(|t| t.shape.look) {
            let shape = t.shape;
            // Most tokens are one plain word: found without the general reader.
            if let Some((lead, len)) = shape.single {
                if shape.jargon || shape.abbreviation {
                    let pos = t.start + usize::from(lead);
                    // The token's syllables are its word's when they were counted on it.
                    let syllables = shape.counted.then_some(t.syllables);
                    if let Some(word) = text.get(pos..pos + usize::from(len)) {
                        let known = (shape.jargon, shape.abbreviation, syllables, shape.hash);
                        self.word_shaped(here, pos, word, known);
                    }
                }
                continue;
            }
            let Some(token) = text.get(t.start..t.end) else {
                continue;
            };
            for (p, word) in word_positions(token) {
                self.word(here, t.start + p, word);
            }
        }
    }

    /// One word that may be jargon or an abbreviation, `pos` bytes into the block.
    fn word(&mut self, here: &Here<'p, 'a>, pos: usize, word: &'a str) {
        let known = (
            may_be_jargon(word),
            is_abbreviation(word),
            None,
            word_hash(word),
        );
        self.word_shaped(here, pos, word, known);
    }

    /// [`PageChecker::word`] for a word whose shape is known: whether it may be jargon
    /// ([`may_be_jargon`]), whether it is an abbreviation ([`is_abbreviation`]), its
    /// syllables as the page's language counts them if they are known, and its
    /// [`word_hash`].
    /// Inlined: most words were seen on the page already, and that is all this finds for
    /// them ([`PageChecker::first_use`] writes the findings of the rest).
    #[inline(always)]
    fn word_shaped(
        &mut self,
        here: &Here<'p, 'a>,
        pos: usize,
        word: &'a str,
        (may_be_jargon, abbreviation, syllables, hash): (bool, bool, Option<u8>, u64),
    ) {
        // "d'opérationnaliser": the word after a French elided article is the one judged,
        // named and placed.
        let cut = if self.lang == Lang::French {
            elided_article(word)
        } else {
            0
        };
        let (pos, word, hash, may_be_jargon) = match word.get(cut..).filter(|_| cut > 0) {
            // "L'opérationnalisation" starts a sentence: the capital is the article's.
            Some(rest) => (pos + cut, rest, word_hash(rest), self::may_be_jargon(rest)),
            None => (pos, word, hash, may_be_jargon),
        };
        if self.respected.iter().any(|r| r.contains(&pos)) {
            return;
        }
        let jargon =
            self.lang != Lang::Chinese && may_be_jargon && self.seen_jargon.insert(hash, word);
        let abbreviation = abbreviation && self.seen_abbr.insert(hash, word);
        if jargon || abbreviation {
            self.first_use(here, pos, word, syllables, (jargon, abbreviation));
        }
    }

    /// The first use on the page of a word that may be jargon (`jargon`) or is an
    /// abbreviation (`abbreviation`), `pos` bytes into the block: its findings, if any.
    #[inline(never)]
    fn first_use(
        &mut self,
        here: &Here<'p, 'a>,
        pos: usize,
        word: &'a str,
        syllables: Option<u8>,
        (jargon, abbreviation): (bool, bool),
    ) {
        // Where the word is in the file, worked out for a word looked at closely only.
        let offset = here.block.file_offset(pos);
        if jargon {
            self.jargon(here, word, offset, syllables);
        }
        if abbreviation {
            self.abbreviation(here, word, pos, offset);
        }
    }

    /// `syllables`: the word's, if known (as the page's language counts them).
    fn jargon(&mut self, here: &Here<'p, 'a>, word: &str, offset: usize, syllables: Option<u8>) {
        let severity = self.ctx.config.severity(Rule::Jargon);
        if severity.is_none() {
            return;
        }
        let hard = if self.lang == Lang::English {
            let syllables = syllables.map_or_else(|| syllables::count(word), usize::from);
            jargon(word, syllables, self.ctx, &self.allow)
        } else {
            french_jargon(word, self.ctx, &self.allow).then_some(JargonHelp::Everyday)
        };
        if let Some(help) = hard {
            let lower = if word.bytes().all(|b| b.is_ascii_lowercase()) {
                word.to_string()
            } else {
                word.to_lowercase()
            };
            self.report.jargon.push(lower);
            here.push(
                &mut self.out,
                Rule::Jargon,
                severity,
                (offset, word.chars().count()),
                || {
                    Diagnostic::error(format!(
                        "\u{201c}{word}\u{201d} may be hard for some readers"
                    ))
                    .help(help.text())
                },
            );
        }
    }

    /// A word in capitals, `pos` bytes into the block and at `offset` in the file: reported
    /// unless it is explained, or is a word in capitals for emphasis ([`is_emphasis`]).
    fn abbreviation(&mut self, here: &Here<'p, 'a>, word: &str, pos: usize, offset: usize) {
        let known = self.ctx.glossary.is_some_and(|g| g.has_abbreviation(word))
            || COMMON_ABBREVIATIONS.contains(&word)
            || (self.lang == Lang::French && COMMON_FRENCH_ABBREVIATIONS.contains(&word))
            || self.defined_abbr.contains(word)
            || (!self.allow.is_empty() && self.allow.contains(&word.to_lowercase()));
        if known || is_emphasis(&here.block.text, pos, word, self.lang) {
            return;
        }
        here.push(
            &mut self.out,
            Rule::Abbreviation,
            self.ctx.config.severity(Rule::Abbreviation),
            (offset, word.chars().count()),
            || {
                Diagnostic::error(format!("the abbreviation {word} is not explained"))
                    .help(format!("add {word} to the glossary (content/_data/glossary.yaml, with abbreviation: {word}), or write it out at its first use: Full Name ({word})"))
            },
        );
    }

    /// Passive verbs outside quotes (English and French), a few per paragraph.
    fn passives(
        &mut self,
        here: &Here<'p, 'a>,
        words: &BlockWords,
        quoted: &mut Option<Vec<(usize, usize)>>,
    ) {
        let text = &here.block.text;
        let (passives, example) = match self.lang {
            Lang::English => (
                english_passives(text, words),
                "(\u{201c}peers ran the groups\u{201d}, not \u{201c}the groups were run\u{201d})",
            ),
            Lang::French => (
                super::passive_fr::find(text),
                "(\u{ab}\u{a0}des pairs animent les groupes\u{a0}\u{bb}, not \u{ab}\u{a0}les groupes sont anim\u{e9}s\u{a0}\u{bb})",
            ),
            _ => return,
        };
        if passives.is_empty() {
            return;
        }
        let quoted = quoted.get_or_insert_with(|| crate::text::quotes::quoted_spans(text));
        let found: Vec<passive::Passive> = passives
            .into_iter()
            .filter(|p| !quoted.iter().any(|&(s, e)| p.start < e && s < p.end))
            .collect();
        // A few per paragraph are enough to show the habit; more only flood.
        let more = found.len().saturating_sub(PASSIVES_PER_BLOCK);
        let severity = self.ctx.config.severity(Rule::PassiveVoice);
        for (n, p) in found.iter().take(PASSIVES_PER_BLOCK).enumerate() {
            let words = &text[p.start..p.end];
            let offset = here.block.file_offset(p.start);
            here.push(
                &mut self.out,
                Rule::PassiveVoice,
                severity,
                (offset, words.chars().count()),
                || {
                    let rest = if n + 1 == PASSIVES_PER_BLOCK && more > 0 {
                        format!(" ({more} more in this paragraph)")
                    } else {
                        String::new()
                    };
                    Diagnostic::error(format!(
                        "\u{201c}{words}\u{201d} is in the passive voice{rest}"
                    ))
                    .help(format!(
                        "say who does what {example}, unless who did it does not matter"
                    ))
                },
            );
        }
    }

    /// Words that can hurt the people the site is about, outside quotes and names.
    fn respectful(
        &mut self,
        here: &Here<'p, 'a>,
        words: &BlockWords,
        quoted: &mut Option<Vec<(usize, usize)>>,
    ) -> Vec<Hit<'p>> {
        let text = &here.block.text;
        let quoted = || {
            quoted
                .get_or_insert_with(|| crate::text::quotes::quoted_spans(text))
                .clone()
        };
        // The tokens a term can begin in, when they are those of the block's own text (no
        // address blanked out): only their words are looked at.
        let within = &mut self.within;
        within.clear();
        let probed = words.probed && matches!(words.measured, std::borrow::Cow::Borrowed(_));
        if probed {
            within.extend(
                (words.tokens.iter())
                    .filter(|t| t.lexicon)
                    .map(|t| t.start..t.end),
            );
        }
        let within = probed.then_some(within.as_slice());
        (self.ctx.lexicon).find_outside_within(text, &self.allow, quoted, within)
    }

    /// The findings of [`PageChecker::respectful`].
    fn push_respectful(&mut self, here: &Here<'p, 'a>, hits: Vec<Hit<'p>>) {
        for hit in hits {
            let severity = self
                .ctx
                .config
                .severity_at_level(Rule::RespectfulLanguage, hit.level);
            let offset = here.block.file_offset(hit.start);
            let len = hit.matched.chars().count();
            here.push(
                &mut self.out,
                Rule::RespectfulLanguage,
                severity,
                (offset, len),
                || {
                    Diagnostic::error(format!(
                        "\u{201c}{}\u{201d} can hurt the people this site is about",
                        hit.matched
                    ))
                    .help(hit.help())
                },
            );
        }
    }

    /// The sentences of a run of quoted speech or of a table row ([`AsideRun`]), kept to
    /// be added back where they make the page's figures harder; each is in the section
    /// its first block is in.
    /// Each sentence is kept too, at its place, to be among the page's hardest if it is
    /// added back.
    /// A sentence of the run that goes on from the running prose before it or into the
    /// prose after it (its first or last, see [`joined_ends`]) is that prose's sentence:
    /// its words count in the page's figures as they would in one paragraph.
    fn aside(&mut self, part: &ProsePart, run: Aside, running: &[&ProseBlock]) {
        let offset = run.file_offset(0);
        // The places first: most sections after the run are passed by without comparing
        // file names (a long table's every cell is a run).
        let section =
            (self.sections.iter()).rposition(|s| s.offset <= offset && s.part.file == part.file);
        let sentences = sentences_of(self.lang, &run.text);
        let last = sentences.len().saturating_sub(1);
        let (before, after) = joined_ends(&run, running, part.blocks);
        for (k, (r, mut counts)) in sentences.into_iter().enumerate() {
            let joined = (k == 0).then_some(before).flatten().into_iter();
            let joined = joined.chain((k == last).then_some(after).flatten());
            let joined: Vec<usize> = joined.collect();
            if !joined.is_empty() {
                // The words the running prose counted with it decide whether the whole
                // is a sentence; it was counted there if they were enough on one side.
                let words = counts.stats.words + joined.iter().sum::<usize>();
                let counted = joined.iter().any(|&w| w >= readability::MIN_SENTENCE_WORDS);
                let whole = usize::from(!counted && words >= readability::MIN_SENTENCE_WORDS);
                counts.stats.sentences = whole;
                counts.chars.sentences = whole;
                self.total.add(&counts.stats);
                self.characters.add(&counts.chars);
                if let Some(s) = section.and_then(|at| self.sections.get_mut(at)) {
                    s.stats.add(&counts.stats);
                }
                continue;
            }
            if counts.stats.sentences == 0 && counts.chars.sentences == 0 {
                continue;
            }
            let words = if self.lang.in_characters() {
                counts.chars.characters
            } else {
                counts.stats.words
            };
            let scored = sentence_score(self.lang, words, counts.stats.syllables);
            let sentence = scored.map(|(measure, score, _)| {
                let (line, column) = part.index.locate(part.text, run.file_offset(r.start));
                Sentence {
                    text: run.text[r].to_string(),
                    file: part.file.to_string(),
                    line,
                    column,
                    score,
                    measure,
                    words,
                }
            });
            self.extras.push(Extra {
                section,
                counts,
                sentence,
            });
        }
    }

    /// The page's figures once every block is read: section grades, measures, and the
    /// reading-grade finding.
    fn finish(mut self) -> (ProseReport, Vec<Diagnostic>) {
        let english = self.lang == Lang::English;
        let extras = std::mem::take(&mut self.extras);
        let body = Counts {
            stats: self.total,
            chars: self.characters,
        };
        // Chinese: the script its tag names, or the one it is written in.
        let script = (chinese::Script::of_tag(self.page.language))
            .unwrap_or_else(|| self.characters.script());
        let (all, added) = with_hard_extras((self.lang, script), body, extras.iter());
        // A quoted sentence or a table row's that counts is among the hardest too.
        for sentence in added.into_iter().filter_map(|h| h.sentence.clone()) {
            keep_hardest(&mut self.hardest, self.lang, sentence);
        }
        (self.total, self.characters) = (all.stats, all.chars);
        for (at, s) in self.sections.iter_mut().enumerate() {
            let within = (extras.iter()).filter(|h| h.section == Some(at));
            let body = Counts {
                stats: s.stats,
                chars: CharStats::default(),
            };
            s.stats = with_hard_extras((self.lang, script), body, within).0.stats;
        }
        self.report.hardest = std::mem::take(&mut self.hardest);
        self.report.words = self.total.words;
        self.report.sentences = self.total.sentences;
        if english
            && self.total.words > LONG_PAGE_WORDS
            && !self.page.ignored.contains(&Rule::ReadingGrade)
        {
            self.section_grades();
        }
        if self.lang.in_characters() {
            self.report.words = self.characters.characters;
            self.report.sentences = self.characters.sentences;
            if self.lang == Lang::Chinese
                && self.characters.characters >= MIN_CHARACTERS_FOR_MEASURES
            {
                self.report.measures = self.characters.measures(Some(script));
            }
        } else if self.total.words >= MIN_WORDS_FOR_GRADE {
            self.report.measures = measures::measures(self.lang, &self.total);
        }
        if english && self.total.words >= MIN_WORDS_FOR_GRADE {
            self.report.scores = Some(self.total.scores());
        }
        self.page_grade();
        self.report.counted = self.out.counted.unwrap_or_default();
        (self.report, self.out.shown)
    }

    /// The reading grade of each section of a long page, reported where it misses the target.
    fn section_grades(&mut self) {
        for s in &self.sections {
            if s.stats.words < MIN_WORDS_FOR_GRADE {
                continue;
            }
            let grade = s.stats.scores().flesch_kincaid_grade;
            self.report.sections.push(SectionGrade {
                heading: s.heading.clone(),
                line: s.line,
                grade,
                words: s.stats.words,
            });
            if grade > self.page.target {
                let message = format!(
                    "the section \u{201c}{}\u{201d} has a reading grade of {grade:.1}; the target is {}",
                    s.heading, self.page.target
                );
                if let Some(d) = self.ctx.config.diagnostic(Rule::ReadingGrade, message) {
                    let part = s.part;
                    let start = part
                        .index
                        .range(part.text, s.line)
                        .map_or(s.offset, |r| r.0);
                    self.out.shown.push(d.at_shared(part.file, part.index, part.text, start).help("this part of a long page is harder than the rest: shorten its sentences and use everyday words"));
                }
            }
        }
    }

    /// The page's figure in its language's headline measure, reported (with its hardest
    /// sentences, and a missing plain summary) when it misses the target.
    fn page_grade(&mut self) {
        let page = self.page;
        let Some((measure, value)) = Measure::headline(self.lang)
            .and_then(|m| self.report.measures.get(&m).map(|&value| (m, value)))
        else {
            return;
        };
        let Some(part) = page.parts.iter().find(|p| !p.blocks.is_empty()) else {
            return;
        };
        if !measure.misses(value, page.target) || page.ignored.contains(&Rule::ReadingGrade) {
            return;
        }
        let first = part.blocks.first().map(|b| b.start_offset).unwrap_or(0);
        let config = self.ctx.config;
        let floor = if measure.higher_is_easier() {
            "at least "
        } else {
            ""
        };
        let message = format!(
            "the {} of this page is {value:.1}; the target is {floor}{}",
            measure.label(),
            page.target
        );
        if let Some(d) = config.diagnostic(Rule::ReadingGrade, message) {
            let hardest: Vec<String> = self
                .report
                .hardest
                .iter()
                .take(3)
                .map(|s| {
                    // A sentence of a data file shown on the page is named with its file.
                    let file = if s.file == part.file {
                        String::new()
                    } else {
                        format!("{}, ", s.file)
                    };
                    format!(
                        "{file}line {}: \u{201c}{}\u{201d}",
                        s.line,
                        crate::text::spaces::shorten(&s.text, 90)
                    )
                })
                .collect();
            self.out
                .shown
                .push(
                    d.at_shared(part.file, part.index, part.text, first)
                        .help(format!(
                            "shorten these sentences and use everyday words first:\n      {}",
                            hardest.join("\n      ")
                        )),
                );
        }
        if !page.has_summary && !page.ignored.contains(&Rule::PlainSummary) {
            if let Some(d) = config.diagnostic(
                Rule::PlainSummary,
                "this page is above the reading target and has no plain summary",
            ) {
                self.out.shown.push(d.at_shared(part.file, part.index, part.text, first).help("add summary: with two or three short sentences to the front matter; it is shown first on the page"));
            }
        }
    }
}

/// Each sentence's words (tokens with a syllable, as [`readability::words_among`]
/// counts them) and syllables, in one walk over its tokens.
fn sentence_counts(
    sentences: &[std::ops::Range<usize>],
    tokens: &[readability::Token],
) -> Vec<(usize, usize)> {
    let in_sentences = readability::sentence_tokens(sentences, tokens);
    (in_sentences.into_iter())
        .map(|r| {
            let in_sentence = tokens.get(r).unwrap_or_default();
            in_sentence.iter().fold((0, 0), |(words, syllables), t| {
                (
                    words + usize::from(t.syllables > 0),
                    syllables + usize::from(t.syllables),
                )
            })
        })
        .collect()
}

/// The passives of an English block. When its tokens were read from its own text (no
/// address blanked out), only the tokens with a form of "be" are looked at: the rest of
/// its words cannot start a passive.
fn english_passives(text: &str, words: &BlockWords) -> Vec<passive::Passive> {
    match words.measured {
        std::borrow::Cow::Borrowed(_) => passive::find_in(
            text,
            (words.tokens.iter())
                .filter(|t| t.be)
                .map(|t| t.start..t.end),
        ),
        std::borrow::Cow::Owned(_) => passive::find(text),
    }
}

/// Counts a page's sentences block by block, so that a page's structure alone cannot
/// change its grade by much: the same words as headings, paragraphs or bullets count as
/// about the same sentences.
/// - A heading names what follows; it is not a sentence, and the formulas leave its
///   words out. Six headings above one long paragraph would otherwise be six short
///   sentences that halve its grade (and run into the paragraph, as textstat reads
///   them, they would raise it). A heading a sentence runs on through (its first
///   words, the rest below in lower case) is counted, as part of that sentence; one of
///   three words or more that would make the figure harder is added back at the end
///   ([`with_hard_headings`]), so a hard sentence made a heading is not hidden.
/// - A block without a full stop runs on into the block after it when that one starts
///   in lower case (a sentence cut into two paragraphs, or cut after its first words
///   made into a heading); a paragraph or list item also runs on into a list item ("We
///   ask for:" and bullets without full stops, as the same words would be one sentence
///   with commas).
/// - A run of one or two words is not a sentence.
///
/// Headings and paragraphs still end the sentence before them when they start a new
/// one in capitals: a paragraph without a full stop above a heading is a sentence.
#[derive(Default)]
struct SentenceFlow {
    /// Words of a sentence still running on from the block before.
    open: usize,
}

impl SentenceFlow {
    /// The sentences this block ends, or `None` for a heading the formulas leave out;
    /// `next` is the next counted block, `counts` the words (and syllables) of each of
    /// its sentences.
    fn count(
        &mut self,
        block: &ProseBlock,
        next: Option<&ProseBlock>,
        text: &str,
        counts: &[(usize, usize)],
    ) -> Option<usize> {
        let continues = next.is_some_and(|next| runs_on(block, text, next));
        if block.kind == BlockKind::Heading && !continues && self.open == 0 {
            return None;
        }
        let mut ended = 0;
        for (k, &(w, _)) in counts.iter().enumerate() {
            let w = w + if k == 0 {
                std::mem::take(&mut self.open)
            } else {
                0
            };
            if continues && k + 1 == counts.len() {
                self.open = w;
            } else {
                ended += usize::from(w >= readability::MIN_SENTENCE_WORDS);
            }
        }
        Some(ended)
    }

    /// The sentence left running at the end of a file, if any.
    fn close(&mut self) -> usize {
        usize::from(std::mem::take(&mut self.open) >= readability::MIN_SENTENCE_WORDS)
    }
}

/// The counts the measures are made from: words (English, French) and characters
/// (Chinese).
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    stats: Stats,
    chars: CharStats,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.stats.add(&o.stats);
        self.chars.add(&o.chars);
    }

    /// How hard the counts read in `lang`'s headline measure (higher is harder), or
    /// `None` for no text.
    fn hardness(&self, (lang, script): (Lang, chinese::Script), headline: Measure) -> Option<f64> {
        let value = if lang.in_characters() {
            self.chars.measures(Some(script)).get(&headline).copied()
        } else if self.stats.words > 0 {
            measures::measure(lang, &self.stats, headline)
        } else {
            return None;
        };
        value.map(|v| if headline.higher_is_easier() { -v } else { v })
    }
}

/// `body`, the counts of a page or section without what the formulas left out of its
/// running text, with each of `extras` (headings, quoted sentences, sentences of table
/// rows) that makes its headline figure harder added as the sentences it is. None of
/// them can make a text read easier (six short headings are not six short sentences),
/// but a hard sentence made a heading, quoted or put in a table still counts: the words
/// readers read cannot be hidden from the formulas by the structure they are in.
/// Returns the counts and the extras added.
fn with_hard_extras<'e>(
    (lang, script): (Lang, chinese::Script),
    body: Counts,
    extras: impl Iterator<Item = &'e Extra>,
) -> (Counts, Vec<&'e Extra>) {
    let Some(headline) = Measure::headline(lang) else {
        return (body, Vec::new());
    };
    let plain = body.hardness((lang, script), headline);
    let mut total = body;
    let mut added = Vec::new();
    for h in extras {
        let mut with = body;
        with.add(&h.counts);
        if with.hardness((lang, script), headline) > plain {
            total.add(&h.counts);
            added.push(h);
        }
    }
    (total, added)
}

/// What the formulas left out of a page's running text ([`PageChecker::extras`]): a
/// heading, or a sentence of quoted speech or of a table row, with the section it is in
/// and, for a sentence, the sentence itself.
struct Extra {
    section: Option<usize>,
    counts: Counts,
    sentence: Option<Sentence>,
}

impl Extra {
    /// A heading's counts, in `section` (a heading is never among the hardest sentences
    /// through this: it is measured as a sentence of the page's flow when it is read).
    fn heading(section: Option<usize>, counts: Counts) -> Self {
        Extra {
            section,
            counts,
            sentence: None,
        }
    }
}

/// Quoted speech or table cells read as one run of text: the blocks of a quote, or the
/// cells of one table row, each running on into the next as a paragraph runs on into
/// the next ([`runs_on`]: no full stop, and the next starts in lower case). A sentence
/// cut across a row's cells is read whole; cells of different rows never run on.
#[derive(Default)]
struct AsideRun<'b> {
    run: Aside<'b>,
    last: Option<&'b ProseBlock>,
}

/// A run of quoted speech or of a table row's cells, read as one text.
#[derive(Default)]
struct Aside<'b> {
    text: String,
    /// Where each block starts in `text`.
    blocks: Vec<(usize, &'b ProseBlock)>,
}

impl Aside<'_> {
    /// The byte offset in the file of position `pos` of the run's text.
    fn file_offset(&self, pos: usize) -> usize {
        let i = (self.blocks.partition_point(|&(at, _)| at <= pos)).saturating_sub(1);
        self.blocks
            .get(i)
            .map_or(0, |&(at, b)| b.file_offset(pos.saturating_sub(at)))
    }
}

impl<'b> AsideRun<'b> {
    /// Reads `block` (a quote's block or a cell) on; the run it ends, if any.
    fn read(&mut self, block: &'b ProseBlock) -> Option<Aside<'b>> {
        let same = |last: &ProseBlock| match (last.kind, block.kind) {
            (BlockKind::Cell { row: a }, BlockKind::Cell { row: b }) => a == b,
            (a, b) => a == b,
        };
        let goes_on =
            (self.last).is_some_and(|last| same(last) && runs_on(last, &last.text, block));
        let ended = if goes_on {
            self.run.text.push(' ');
            None
        } else {
            self.finish()
        };
        self.run.blocks.push((self.run.text.len(), block));
        self.run.text.push_str(&block.text);
        self.last = Some(block);
        ended
    }

    /// The run being read, if any.
    fn finish(&mut self) -> Option<Aside<'b>> {
        self.last = None;
        (!self.run.text.is_empty()).then(|| std::mem::take(&mut self.run))
    }
}

/// Each sentence of `text` (quoted speech or a table row, see [`AsideRun`]) with its
/// counts; those the formulas count as one have a sentence in them: three words or more
/// (in Chinese, any sentence with characters).
fn sentences_of(lang: Lang, text: &str) -> Vec<(std::ops::Range<usize>, Counts)> {
    let measured = readability::masked(text);
    if lang.in_characters() {
        return (chinese::split_sentences(&measured).into_iter())
            .filter_map(|r| Some((r.clone(), measured.get(r)?)))
            .map(|(r, s)| {
                let chars = CharStats::of(s);
                (
                    r,
                    Counts {
                        stats: Stats::default(),
                        chars,
                    },
                )
            })
            .collect();
    }
    (readability::split_sentences(&measured).into_iter())
        .filter_map(|r| Some((r.clone(), measured.get(r)?)))
        .map(|(r, s)| {
            let (tokens, letters) = readability::tokens_counted(s, lang);
            let words = [readability::words_among(&tokens)];
            let stats = Stats::from_sentence_words(&tokens, letters, &words);
            (
                r,
                Counts {
                    stats,
                    chars: CharStats::default(),
                },
            )
        })
        .collect()
}

/// Whether a run of quoted speech or of a table row goes on from the running prose
/// before it (a paragraph without a full stop, the quote in lower case) and into the
/// running prose after it: for each, the words of the running prose's sentence it
/// joins (its last sentence before, its first after), as [`runs_on`] decides for two
/// paragraphs. `running`: the running prose of the run's file, in the file's order.
/// `asides`: the blocks the run is among; a run joins only prose with no other quote
/// or table row between them.
fn joined_ends(
    run: &Aside,
    running: &[&ProseBlock],
    asides: &[ProseBlock],
) -> (Option<usize>, Option<usize>) {
    let (Some(&(_, first)), Some(&(_, last))) = (run.blocks.first(), run.blocks.last()) else {
        return (None, None);
    };
    let between = |from: usize, to: usize| {
        asides.iter().any(|b| {
            matches!(b.kind, BlockKind::Quote | BlockKind::Cell { .. })
                && b.start_offset > from
                && b.start_offset < to
        })
    };
    let at = running.partition_point(|b| b.start_offset < first.start_offset);
    let prev = at.checked_sub(1).and_then(|i| running.get(i));
    let at = running.partition_point(|b| b.start_offset <= last.start_offset);
    let next = running.get(at);
    // A sentence that goes on after a table was not cut by its cells: they stand apart.
    if let (BlockKind::Cell { .. }, Some(prev), Some(next)) = (first.kind, prev, next) {
        if runs_on(prev, &prev.text, next) {
            return (None, None);
        }
    }
    let before = prev
        .filter(|b| runs_on(b, &b.text, first) && !between(b.start_offset, first.start_offset))
        .map(|b| edge_sentence_words(&b.text, true));
    let after = next
        .filter(|next| {
            runs_on(last, &last.text, next) && !between(last.start_offset, next.start_offset)
        })
        .map(|b| edge_sentence_words(&b.text, false));
    (before, after)
}

/// The words of the last (or first) sentence of a block's text.
fn edge_sentence_words(text: &str, last: bool) -> usize {
    let measured = readability::masked(text);
    let sentences = readability::split_sentences(&measured);
    let edge = if last {
        sentences.last()
    } else {
        sentences.first()
    };
    edge.and_then(|r| measured.get(r.clone())).map_or(0, |s| {
        let (tokens, _) = readability::tokens_counted(s, Lang::English);
        readability::words_among(&tokens)
    })
}

/// Whether the last sentence of `block` (whose measured text is `text`) runs on into
/// `next`, the next block the formulas count.
fn runs_on(block: &ProseBlock, text: &str, next: &ProseBlock) -> bool {
    let ends_with_stop = text
        .trim_end()
        .trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}'])
        .ends_with(['.', '!', '?', '\u{2026}']);
    // A bullet that starts with a capital starts a sentence of its own, full stop or not.
    let into_list = next.kind == BlockKind::ListItem
        && block.kind != BlockKind::Heading
        && !starts_with_a_capital(&next.text);
    !ends_with_stop && (into_list || starts_in_lower_case(&next.text))
}

/// Whether the first letter or digit of `text` is a capital letter ("Outreach workers
/// helped…"); a number or a letter with no case (Chinese) is not.
fn starts_with_a_capital(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

/// Whether the first letter of `text` is a lower-case one ("and a real say…"); a text
/// whose first letter has no case (Chinese) or is a capital does not.
fn starts_in_lower_case(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// Whether a heading starts a list of references, whose titles are not the author's words.
/// The headings of a reference list in every language the site table knows
/// (`reference_headings.txt`: a language code, a tab, a heading), lowercased.
const REFERENCE_HEADINGS: &str = include_str!("reference_headings.txt");

/// Each (language, heading) of [`REFERENCE_HEADINGS`], the heading lowercased.
fn reference_headings() -> &'static [(&'static str, String)] {
    static HEADINGS: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    HEADINGS.get_or_init(|| {
        (REFERENCE_HEADINGS.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(lang, heading)| (lang, heading.trim().to_lowercase()))
            .collect()
    })
}

/// Whether a heading opens a reference list ("References", "参考文献"), in any of the
/// languages the list has: a page may keep another language's heading.
fn is_reference_heading(text: &str) -> bool {
    let t = (text.trim().trim_end_matches([':', '\u{ff1a}']).trim_end()).to_lowercase();
    reference_headings().iter().any(|(_, h)| *h == t)
}

/// A block of prose from a value in a data file, mapped back to where each of its words
/// is in the file. The place comes from the YAML parser: each word is matched in order
/// inside the bytes the parser read the value from (a folded or block scalar spreads
/// its words over several indented lines), never searched for in the rest of the file.
pub fn data_block(file_text: &str, value: &Src<String>, kind: BlockKind) -> Option<ProseBlock> {
    let range = value.source_range(file_text);
    let start = value.offset(file_text);
    value_block(file_text, value, start.max(range.start)..range.end, kind)
}

/// A block of prose from a value the YAML parser read from `within` (the value's first
/// character at its start), each word mapped to its place there in order.
pub fn value_block(
    file_text: &str,
    value: &str,
    within: std::ops::Range<usize>,
    kind: BlockKind,
) -> Option<ProseBlock> {
    if value.trim().is_empty() {
        return None;
    }
    let mut block = ProseBlock {
        kind,
        text: String::new(),
        map: Vec::new(),
        start_offset: within.start,
        ignore: Vec::new(),
        level: 0,
    };
    let mut cursor = within.start;
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !block.text.is_empty() {
            block.text.push('\n');
        }
        for (at, word) in split_words(line) {
            let found = file_text
                .get(cursor..within.end)
                .and_then(|rest| rest.find(word))
                .map(|p| cursor + p);
            let pos = block.text.len() + at;
            match found {
                Some(f) => {
                    block.map.push((pos, f));
                    cursor = f + word.len();
                }
                None => block.map.push((pos, cursor)),
            }
        }
        block.text.push_str(line);
    }
    block.drop_invisible();
    Some(block)
}

/// The whitespace-separated words of a line with their byte positions.
fn split_words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Words of a text with their byte positions, found as they are asked for (no list).
fn word_positions(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let part = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-';
    // Most tokens are one plain word of ASCII letters and digits, with punctuation
    // around it ("(results),"): that word is found without going char by char.
    let single = single_ascii_word(text);
    let rest = if single.is_some() { "" } else { text };
    let mut chars = rest.char_indices().peekable();
    single
        .into_iter()
        .chain(std::iter::from_fn(move || {
            // Skip to the next word, then read to its end.
            while chars.next_if(|&(_, c)| !part(c)).is_some() {}
            let &(s, _) = chars.peek()?;
            let mut end = text.len();
            for (i, c) in chars.by_ref() {
                if !part(c) {
                    end = i;
                    break;
                }
            }
            Some((s, text[s..end].trim_matches(|c: char| !c.is_alphanumeric())))
        }))
        .filter(|(_, w)| !w.is_empty())
}

/// Abbreviations the page explains itself, as "Full Name (ABBR)".
fn defined_abbreviations<'a>(blocks: impl Iterator<Item = &'a ProseBlock>) -> HashSet<String> {
    let mut out = HashSet::default();
    for b in blocks {
        let t = &b.text;
        let mut rest = t.as_str();
        // ASCII brackets, and the full-width ones Chinese text writes（WHO）.
        while let Some((open, width)) = find_bracket(rest, b'(', '\u{ff08}') {
            let after = &rest[open + width..];
            if let Some((close, _)) = find_bracket(after, b')', '\u{ff09}') {
                let inside = after[..close].trim();
                if is_abbreviation(inside) && open > 0 {
                    out.insert(inside.to_string());
                }
            }
            rest = after;
        }
    }
    out
}

/// Where the first `ascii` or `wide` character of `text` is, and its length in bytes:
/// what `text.find([ascii, wide])` finds, found by their bytes (a page's every block was
/// read character by character for its brackets, a tenth of the checks' cost).
fn find_bracket(text: &str, ascii: u8, wide: char) -> Option<(usize, usize)> {
    let mut buf = [0u8; 4];
    let wide = wide.encode_utf8(&mut buf).as_bytes();
    let bytes = text.as_bytes();
    let lead = *wide.first()?;
    // A lead byte of a character outside ASCII is never inside another character.
    memchr::memchr2_iter(ascii, lead, bytes).find_map(|i| {
        if bytes.get(i) == Some(&ascii) {
            Some((i, 1))
        } else {
            (bytes.get(i..i + wide.len()) == Some(wide)).then_some((i, wide.len()))
        }
    })
}

/// A sentence's lines as written in the file, joined by one space: the `>` markers
/// and the indentation that begin a continuation line inside a block quote or a list
/// belong to the container, not to the sentence (a line of a paragraph cannot begin
/// with a `>` of its own: it would start a block quote).
fn as_written(lines: &str) -> String {
    if !lines.contains('\n') {
        return crate::text::spaces::fold(lines);
    }
    let mut out = String::with_capacity(lines.len());
    for (i, line) in lines.lines().enumerate() {
        if i > 0 {
            out.push(' ');
            out.push_str(line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()));
        } else {
            out.push_str(line);
        }
    }
    crate::text::spaces::fold(&out)
}

/// Abbreviations most readers know.
const COMMON_ABBREVIATIONS: &[&str] = &[
    "OK", "TV", "USB", "PDF", "ID", "UK", "US", "USA", "AM", "PM", "FAQ", "HTML", "URL", "QR",
    "CSV", "PNG", "SVG", "HIV", "AIDS", "DNA", "ER", "CEO", "A4",
];

/// Abbreviations most French readers know.
const COMMON_FRENCH_ABBREVIATIONS: &[&str] = &["VIH", "SIDA", "ONU", "ONG", "SMS", "CV"];

/// Runs of Latin letters and digits in Chinese text, where abbreviations such as HIV sit
/// between Han characters without spaces.
fn latin_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

/// A long French word that is neither among the 20,000 most frequent French words
/// (wordfreq, see `french_common_words.txt`) nor in the glossary: seven letters or more
/// and three French syllables or more, not a name.
/// Whether a French word is jargon: long, neither common nor in the glossary.
/// The length in bytes of the elided article or pronoun a French word starts with
/// (`d'`, `l'`, `qu'`, `n'`, `s'`, `j'`, `m'`, `t'`, `c'`, `jusqu'`, `lorsqu'`,
/// `puisqu'`, `quoiqu'`, with a straight or a curly apostrophe, in any case), or 0.
fn elided_article(word: &str) -> usize {
    const ELIDED: &[&str] = &[
        "d", "l", "qu", "n", "s", "j", "m", "t", "c", "jusqu", "lorsqu", "puisqu", "quoiqu",
    ];
    let Some((head, _)) = word.split_once(['\'', '\u{2019}']) else {
        return 0;
    };
    if !ELIDED.iter().any(|e| e.eq_ignore_ascii_case(head)) {
        return 0;
    }
    let apostrophe = word[head.len()..].chars().next().map_or(0, char::len_utf8);
    head.len() + apostrophe
}

/// The 20,000 most frequent French words (wordfreq, `french_common_words.txt`).
fn french_common_words() -> &'static HashSet<&'static str> {
    static COMMON: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    COMMON.get_or_init(|| {
        include_str!("french_common_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

fn french_jargon(
    word: &str,
    ctx: &ProseContext,
    allow: &std::collections::HashSet<String>,
) -> bool {
    let common = french_common_words();
    if word.chars().count() < 7
        || word.chars().next().is_some_and(char::is_uppercase)
        || word.contains(char::is_numeric)
    {
        return false;
    }
    let lower = word.to_lowercase();
    // "l'évaluation": the word after an elided article.
    let lower = lower
        .rsplit(['\'', '\u{2019}'])
        .next()
        .unwrap_or(&lower)
        .to_string();
    let known = |w: &str| {
        common.contains(w)
            || allow.contains(w)
            || ctx.glossary.is_some_and(|g| g.has_term_word(w))
            || common_french_stem(w)
    };
    !(lower.chars().count() < 7
        || super::french::syllables(&lower) < 3
        || forms_known(&lower, &known)
        || lower.split('-').all(|part| forms_known(part, &known)))
}

/// Whether a French word shares its stem (Snowball's French stemmer, as search uses)
/// with a word of the common list, so that "planifie", "recommandons" and "organisaient"
/// are as common as "planifier", "recommander" and "organiser". Stemming can only make
/// a word common, never jargon.
fn common_french_stem(word: &str) -> bool {
    static STEMS: std::sync::OnceLock<(rust_stemmers::Stemmer, HashSet<String>)> =
        std::sync::OnceLock::new();
    let (stemmer, stems) = STEMS.get_or_init(|| {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French);
        let stems = include_str!("french_common_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|w| stemmer.stem(w).into_owned())
            .collect();
        (stemmer, stems)
    });
    // Snowball keeps the "-ons" of the first person plural ("recommandons" stays
    // "recommandon"), so that ending is also tried without it.
    let without_ons = word.strip_suffix("ons").filter(|w| w.chars().count() >= 5);
    std::iter::once(word)
        .chain(without_ons)
        .any(|w| stems.contains(stemmer.stem(w).as_ref()))
}

/// Whether a word or one of its plural and feminine forms is known.
fn forms_known(word: &str, known: &dyn Fn(&str) -> bool) -> bool {
    word.chars().count() < 7
        || [
            Some(word),
            word.strip_suffix('s'),
            word.strip_suffix('x'),
            word.strip_suffix('e'),
            word.strip_suffix("es"),
        ]
        .iter()
        .flatten()
        .any(|f| known(f))
}

/// The help of a jargon finding, written only when the finding is shown.
enum JargonHelp<'w> {
    /// The hard part of an English word: the plainer-word list may have a replacement.
    /// Borrowed from the word when it is written in small letters (most are): a finding
    /// that is only counted costs no copy.
    Hard(std::borrow::Cow<'w, str>),
    /// Use an everyday word.
    Everyday,
}

impl JargonHelp<'_> {
    fn text(&self) -> String {
        let plain = match self {
            JargonHelp::Hard(hard) => {
                let base = base_form(hard);
                let base_e = format!("{base}e");
                plain_words::plainer([hard.as_ref(), base.as_str(), base_e.as_str()])
                    .map(|plain| (hard.as_ref(), plain))
            }
            JargonHelp::Everyday => None,
        };
        match plain {
            Some((hard, plain)) => format!(
                "{}, or explain it in the glossary (content/_data/glossary.yaml)",
                plain_words::hint(hard, plain)
            ),
            None => "use a shorter everyday word, or explain it in the glossary (content/_data/glossary.yaml)".to_string(),
        }
    }
}

/// A long word that is neither common nor in the glossary, with the help to give.
/// `syllables`: the word's ([`syllables::count`]).
fn jargon<'w>(
    word: &'w str,
    syllables: usize,
    ctx: &ProseContext,
    allow: &std::collections::HashSet<String>,
) -> Option<JargonHelp<'w>> {
    // Names (capitalized words) and abbreviations are not jargon; short words rarely are.
    if word.len() < 6 || syllables < 3 || word.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    // Most words are small ASCII letters already: no lower-cased copy.
    let lower: std::borrow::Cow<str> = if small_letters_without_numbers(word)? {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    };
    let is_hard = |p: &&str| {
        hard_word(p).is_some_and(|base| {
            !allow.contains(*p)
                && !ctx
                    .glossary
                    .is_some_and(|g| g.has_term_word(p) || g.has_term_word(&base))
        })
    };
    // Most words have no hyphen: no searcher for one.
    fn hard_part(lower: &str, is_hard: impl Fn(&&str) -> bool) -> Option<&str> {
        if lower.as_bytes().contains(&b'-') {
            lower.split('-').find(is_hard)
        } else {
            Some(lower).filter(is_hard)
        }
    }
    let hard = match &lower {
        std::borrow::Cow::Borrowed(lower) => std::borrow::Cow::Borrowed(hard_part(lower, is_hard)?),
        std::borrow::Cow::Owned(lower) => {
            std::borrow::Cow::Owned(hard_part(lower, is_hard)?.to_string())
        }
    };
    if allow.contains(lower.as_ref()) || ctx.glossary.is_some_and(|g| g.has_term_word(&lower)) {
        return None;
    }
    Some(JargonHelp::Hard(hard))
}

/// `None` if `word` has a numeric character, else whether it is small ASCII letters and
/// hyphens only; one pass over its bytes when it is ASCII (whose numeric characters are
/// its digits), as most words are.
fn small_letters_without_numbers(word: &str) -> Option<bool> {
    let (mut small, mut digit, mut ascii) = (true, false, true);
    for b in word.bytes() {
        small &= b.is_ascii_lowercase() || b == b'-';
        digit |= b.is_ascii_digit();
        ascii &= b.is_ascii();
    }
    (!digit && (ascii || !word.contains(char::is_numeric))).then_some(small)
}

/// Whether a lower-case word is hard whatever the site: three syllables or more in its
/// base form, and neither it nor its base form common; if so, its base form
/// ([`base_form`]). Remembered per word on each thread, since drafts use the same words on
/// every page (the base form too: the glossary is asked for it on every page).
fn hard_word(word: &str) -> Option<std::rc::Rc<str>> {
    type Seen = rustc_hash::FxHashMap<Box<str>, Option<std::rc::Rc<str>>>;
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen::default());
    }
    if let Some(hard) = SEEN.with(|seen| seen.borrow().get(word).cloned()) {
        return hard;
    }
    let base = base_form(word);
    let hard = (syllables::count(&base) >= 3 && !is_common(word) && !is_common(&base))
        .then(|| std::rc::Rc::from(base));
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if seen.len() < 100_000 {
            seen.insert(word.into(), hard.clone());
        }
    });
    hard
}

/// A word without its plural or verb ending, so "included" is judged as "include".
fn base_form(word: &str) -> String {
    let word = word.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    for (suffix, add) in [
        ("iest", "y"),
        ("ier", "y"),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", "e"),
        ("est", ""),
        ("er", ""),
        ("ed", "e"),
        ("es", "e"),
        ("s", ""),
        ("ly", ""),
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 3 {
                let with = format!("{stem}{add}");
                // "included" -> "include", but "needed" -> "need": keep the shorter count.
                return if syllables::count(stem) <= syllables::count(&with) {
                    stem.to_string()
                } else {
                    with
                };
            }
        }
    }
    word.to_string()
}

/// Builds the common-words list, otherwise built by the first page checked (see
/// [`super::warm_up`]).
pub(super) fn warm_up() {
    is_common("warm");
}

/// The site's everyday health and community words of three or more syllables
/// (`common_words.txt`), base forms.
fn common_words() -> &'static HashSet<&'static str> {
    static COMMON: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    COMMON.get_or_init(|| {
        include_str!("common_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Whether `word`, in capitals at `pos` in `text`, is emphasis and not an abbreviation
/// (for the English and French word lists; other languages have none):
/// - an ordinary word of the language, with its usual endings, next to another word in
///   capitals ("NO JUNKIES ALLOWED", "DO NOT SHARE");
/// - a word of six letters or more between ordinary words in capitals ("JUNKIES" there,
///   "STOP THE STIGMA"): abbreviations are shorter;
/// - alone, an ordinary word of four letters or more as written ("this is VERY important").
///
/// "HIV", "PWUD", "CCSA", and "AIDS" alone are not ordinary words, so they stay
/// abbreviations; so do "HIV" in "HIV TESTING HERE", and the words of "HIV/AIDS".
fn is_emphasis(text: &str, pos: usize, word: &str, lang: Lang) -> bool {
    let (Some(before), Some(after)) = (text.get(..pos), text.get(pos + word.len()..)) else {
        return false;
    };
    let lower = word.to_ascii_lowercase();
    let backwards = capitals_next(before.chars().rev());
    let neighbours = [
        backwards.map(|w| w.chars().rev().collect()),
        capitals_next(after.chars()),
    ];
    let mut neighbours = neighbours.iter().flatten().peekable();
    if neighbours.peek().is_none() {
        return word.len() >= 4 && is_ordinary(&lower, lang, false);
    }
    is_ordinary(&lower, lang, true)
        || (word.len() >= 6 && neighbours.all(|n| is_ordinary(&n.to_lowercase(), lang, true)))
}

/// The word next to a word (`chars`: the text going away from it, so backwards before
/// it) when it is in capitals, two letters or more, with only spaces, a comma, a colon,
/// a dash or quotation marks between them: the same run of capitals, never across a
/// sentence's end or a slash. Its letters come in the order `chars` gives them.
fn capitals_next(mut chars: impl Iterator<Item = char>) -> Option<String> {
    let separator = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ':' | '-' | '\u{2013}' | '\u{2014}' | '&' | '"' | '\u{201c}' | '\u{201d}'
            )
    };
    let mut gap = 0;
    let mut next = chars.next();
    while let Some(c) = next.filter(|&c| separator(c)) {
        gap += c.len_utf8();
        next = chars.next();
    }
    let mut word = String::new();
    while let Some(c) = next.filter(|c| c.is_alphanumeric()) {
        if c.is_lowercase() {
            return None;
        }
        word.push(c);
        next = chars.next();
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (gap > 0 && gap <= 4 && letters >= 2).then_some(word)
}

/// Whether a lowercased word is an ordinary word of the language: on the easy-words or
/// common-words list in English, among the common French words in French; with its
/// usual endings when `endings`.
fn is_ordinary(lower: &str, lang: Lang, endings: bool) -> bool {
    match lang {
        Lang::English if endings => is_common(lower),
        Lang::English => common_words().contains(lower) || readability::is_easy_word(lower),
        Lang::French => {
            let common = french_common_words();
            common.contains(lower)
                || (endings
                    && lower
                        .strip_suffix(['s', 'x'])
                        .is_some_and(|w| common.contains(w)))
        }
        _ => false,
    }
}

/// Common words of three or more syllables: the easy-words list, the site's everyday
/// health and community words, and their usual endings.
fn is_common(word: &str) -> bool {
    let set = common_words();
    let base_forms = [
        word.to_string(),
        word.trim_end_matches('s').to_string(),
        word.strip_suffix("es").unwrap_or(word).to_string(),
        word.strip_suffix("ies")
            .map(|w| format!("{w}y"))
            .unwrap_or_default(),
        word.strip_suffix("ed").unwrap_or(word).to_string(),
        word.strip_suffix("d").unwrap_or(word).to_string(),
        word.strip_suffix("ing").unwrap_or(word).to_string(),
        word.strip_suffix("ing")
            .map(|w| format!("{w}e"))
            .unwrap_or_default(),
        word.strip_suffix("ly").unwrap_or(word).to_string(),
        word.strip_suffix("ily")
            .map(|w| format!("{w}y"))
            .unwrap_or_default(),
    ];
    base_forms
        .iter()
        .any(|w| !w.is_empty() && (set.contains(w.as_str()) || readability::is_easy_word(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words in capitals on a labelled set: an abbreviation ("HIV", "PWUD", "AIDS" alone)
    /// is reported when unexplained; a word in capitals for emphasis ("NO JUNKIES
    /// ALLOWED", "VERY important") is not. Precision: of the words reported, the share
    /// that are abbreviations; recall: of the abbreviations, the share reported.
    #[test]
    fn words_in_capitals_for_emphasis_are_not_abbreviations_on_a_labelled_set() {
        // (text, the word in capitals, whether it is an abbreviation)
        let set: &[(&str, &str, bool)] = &[
            ("People with HIV came.", "HIV", true),
            ("PWUD took part in the review.", "PWUD", true),
            ("AIDS is a late stage of the illness.", "AIDS", true),
            ("The CCSA wrote the guide.", "CCSA", true),
            ("We asked CAMH staff.", "CAMH", true),
            ("The OAT program helps.", "OAT", true),
            ("Get tested for HCV today.", "HCV", true),
            ("HIV TESTING HERE", "HIV", true),
            ("DO NOT ENTER WITHOUT PPE", "PPE", true),
            ("The CCSA HIV report came out.", "CCSA", true),
            ("The CCSA HIV report came out.", "HIV", true),
            ("Find a SCS near you.", "SCS", true),
            ("Care for HIV/AIDS grew.", "HIV", true),
            ("Care for HIV/AIDS grew.", "AIDS", true),
            ("Staff at the NGO agreed.", "NGO", true),
            ("Ask your GP first.", "GP", true),
            ("We met the WHO team.", "WHO", true),
            ("NSP sites give out kits.", "NSP", true),
            ("UNAIDS said so in 2015.", "UNAIDS", true),
            ("Peers at VANDU led it.", "VANDU", true),
            ("NO JUNKIES ALLOWED was the sign.", "NO", false),
            ("NO JUNKIES ALLOWED was the sign.", "ALLOWED", false),
            ("This is VERY important.", "VERY", false),
            ("DO NOT SHARE NEEDLES.", "DO", false),
            ("DO NOT SHARE NEEDLES.", "NOT", false),
            ("DO NOT SHARE NEEDLES.", "SHARE", false),
            ("DO NOT SHARE NEEDLES.", "NEEDLES", false),
            ("HIV TESTING HERE", "TESTING", false),
            ("HIV TESTING HERE", "HERE", false),
            ("We said NEVER again.", "NEVER", false),
            ("The kit is FREE for all.", "FREE", false),
            ("READ THIS FIRST before you start.", "READ", false),
            ("READ THIS FIRST before you start.", "THIS", false),
            ("READ THIS FIRST before you start.", "FIRST", false),
            ("I said: I AM NOT AN ADDICT.", "AM", false),
            ("I said: I AM NOT AN ADDICT.", "AN", false),
            ("STOP THE STIGMA now.", "STOP", false),
            ("STOP THE STIGMA now.", "STIGMA", false),
            (
                "We put up a sign: \"NO JUNKIES ALLOWED\".",
                "JUNKIES",
                false,
            ),
            ("FREE NALOXONE KITS here.", "NALOXONE", false),
            ("CALL CAMH NOW for help.", "CAMH", true),
            ("SUPPORT INPUD TODAY.", "INPUD", true),
            ("Call us NOW for help.", "NOW", false),
            ("You are NOT alone.", "NOT", false),
            ("Please READ the rules.", "READ", false),
        ];
        assert!(set.len() >= 30);
        let (mut reported, mut right, mut abbreviations) = (0, 0, 0);
        let mut wrong = Vec::new();
        for &(text, word, abbreviation) in set {
            let pos = text.find(word).unwrap_or_default();
            let got = is_abbreviation(word) && !is_emphasis(text, pos, word, Lang::English);
            reported += usize::from(got);
            right += usize::from(got && abbreviation);
            abbreviations += usize::from(abbreviation);
            if got != abbreviation {
                wrong.push(format!("{word} in {text:?}: reported {got}"));
            }
        }
        let precision = right as f64 / reported.max(1) as f64;
        let recall = right as f64 / abbreviations.max(1) as f64;
        eprintln!(
            "{} words in capitals: precision {precision:.3} ({right}/{reported}), recall {recall:.3} ({right}/{abbreviations}); wrong:\n{}",
            set.len(),
            wrong.join("\n")
        );
        assert!(recall >= 0.999, "every abbreviation of the set is reported");
        assert!(precision >= 0.85, "precision {precision}");
    }

    /// A reference list's heading is known in every language of the site's language
    /// table (`load::languages::own_name`), each in the data file under its own code.
    #[test]
    fn reference_headings_are_known_in_every_language_of_the_language_table() {
        let samples = [
            ("en", "References"),
            ("en", "Bibliography:"),
            ("fr", "Références"),
            ("fr", "Bibliographie :"),
            ("zh", "参考文献"),
            ("zh", "參考文獻"),
            ("zh", "参考资料"),
            ("zh", "參考資料"),
            ("zh", "引用文献"),
            ("zh", "参考文献："),
            ("ar", "المراجع"),
            ("es", "Referencias"),
            ("pt", "Referências"),
            ("de", "Literaturverzeichnis"),
            ("it", "Bibliografia"),
            ("nl", "Literatuurlijst"),
            ("pl", "Bibliografia"),
            ("ru", "Список литературы"),
            ("uk", "Список використаних джерел"),
            ("fa", "منابع"),
            ("he", "מקורות"),
            ("ur", "حوالہ جات"),
            ("hi", "संदर्भ"),
            ("pa", "ਹਵਾਲੇ"),
            ("bn", "তথ্যসূত্র"),
            ("tl", "Mga Sanggunian"),
            ("vi", "Tài liệu tham khảo"),
            ("ko", "참고 문헌"),
            ("ja", "参考文献"),
            ("so", "Tixraacyo"),
            ("sw", "Marejeo"),
            ("mi", "Ngā tohutoro"),
            // No written convention of their own: the English or French heading.
            ("iu", "References"),
            ("cr", "References"),
            ("oj", "Références"),
        ];
        for (lang, heading) in samples {
            assert!(
                crate::load::languages::own_name(lang).is_some(),
                "{lang} is in the language table"
            );
            assert!(is_reference_heading(heading), "{lang}: {heading}");
            let listed = reference_headings().iter().any(|(l, _)| *l == lang);
            assert!(
                listed || ["iu", "cr", "oj"].contains(&lang),
                "{lang} has headings in reference_headings.txt"
            );
        }
        // Every language of the table has its sample above.
        let table = [
            "en", "fr", "zh", "ar", "es", "pt", "de", "it", "nl", "pl", "ru", "uk", "fa", "he",
            "ur", "hi", "pa", "bn", "tl", "vi", "ko", "ja", "so", "sw", "iu", "cr", "oj", "mi",
        ];
        for lang in table {
            assert!(samples.iter().any(|(l, _)| *l == lang), "{lang}");
        }
        for (lang, _) in reference_headings() {
            assert!(table.contains(lang), "{lang} is a code of the table");
        }
        for heading in ["Results", "结果", "Résultats", "Our references to the past"] {
            assert!(!is_reference_heading(heading), "{heading}");
        }
    }

    fn block(text: &str) -> ProseBlock {
        ProseBlock {
            kind: BlockKind::Paragraph,
            text: text.into(),
            map: vec![(0, 0)],
            start_offset: 0,
            ignore: vec![],
            level: 0,
        }
    }

    fn run(text: &str, config: &CheckConfig) -> (ProseReport, Vec<Diagnostic>) {
        run_blocks(text, vec![block(text)], config)
    }

    fn run_blocks(
        text: &str,
        blocks: Vec<ProseBlock>,
        config: &CheckConfig,
    ) -> (ProseReport, Vec<Diagnostic>) {
        run_page(text, blocks, config, "en", false)
    }

    /// Checks one page in `language`, with that language's target.
    fn run_page(
        text: &str,
        blocks: Vec<ProseBlock>,
        config: &CheckConfig,
        language: &str,
        has_summary: bool,
    ) -> (ProseReport, Vec<Diagnostic>) {
        run_page_with(text, blocks, config, (language, has_summary), check_page)
    }

    /// [`run_page`] with the given way of checking (every finding written, or suggestions
    /// only counted).
    fn run_page_with(
        text: &str,
        blocks: Vec<ProseBlock>,
        config: &CheckConfig,
        (language, has_summary): (&str, bool),
        check: fn(&PageProse, &ProseContext) -> (ProseReport, Vec<Diagnostic>),
    ) -> (ProseReport, Vec<Diagnostic>) {
        let index = LineIndex::new(text);
        let lexicon = Lexicon::default_for(language);
        let ctx = ProseContext {
            config,
            glossary: None,
            lexicon: &lexicon,
        };
        let shared: std::sync::Arc<str> = std::sync::Arc::from(text);
        let page = PageProse {
            parts: vec![ProsePart {
                file: "content/a.md",
                text: &shared,
                index: &index,
                blocks: &blocks,
            }],
            target: measures::target_for(config, language),
            has_summary,
            ignored: &[],
            language,
            explained: Vec::new(),
        };
        check(&page, &ctx)
    }

    /// A reporter that only sums suggestions gets them counted, not written: the same
    /// number per rule as when every finding is written, and the same errors and warnings.
    #[test]
    fn suggestions_only_counted_are_the_ones_written_out_otherwise() {
        let text = "The operationalization of the plan was decided by the board. We gave out clean needles. The facilitation of the meetings was led by peers, and the groups were run by the people who use drugs in the town, every week of the year.";
        let config = CheckConfig::default();
        let written = run_page_with(text, vec![block(text)], &config, ("en", true), check_page);
        let counted = run_page_with(
            text,
            vec![block(text)],
            &config,
            ("en", true),
            check_page_counting,
        );
        let suggestions = |d: &[Diagnostic]| {
            let mut by_rule = std::collections::BTreeMap::new();
            for d in d.iter().filter(|d| d.severity == Severity::Suggestion) {
                *by_rule.entry(d.rule.unwrap_or(Rule::Jargon)).or_insert(0) += 1;
            }
            by_rule
        };
        let expected = suggestions(&written.1);
        assert_eq!(
            expected.keys().copied().collect::<Vec<_>>(),
            [Rule::Jargon, Rule::PassiveVoice, Rule::RespectfulLanguage],
            "{:?}",
            written.1
        );
        assert!(written.0.counted.is_empty());
        assert_eq!(counted.0.counted.by_rule(), expected);
        assert!(suggestions(&counted.1).is_empty(), "{:?}", counted.1);
        let others = |d: &[Diagnostic]| {
            d.iter()
                .filter(|d| d.severity != Severity::Suggestion)
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(others(&counted.1), others(&written.1));
        assert!(
            !others(&written.1).is_empty(),
            "a long sentence: {:?}",
            written.1
        );
        assert_eq!(counted.0.jargon, written.0.jargon);
    }

    fn rules(d: &[Diagnostic]) -> Vec<Rule> {
        d.iter().filter_map(|d| d.rule).collect()
    }

    #[test]
    fn long_sentences_are_located_and_quoted() {
        let text = "Short one here. This sentence goes on and on with many small words so that it runs well past the limit of twenty words for sure.";
        let (report, d) = run(text, &CheckConfig::default());
        assert_eq!(rules(&d), [Rule::LongSentence]);
        assert_eq!(d[0].location.as_ref().unwrap().column, 17);
        assert!(d[0]
            .quote
            .as_deref()
            .unwrap()
            .starts_with("This sentence goes on"));
        assert_eq!(report.long_sentences, 1);
    }

    #[test]
    fn long_sentence_over_block_quote_lines_is_quoted_without_the_quote_markers() {
        let text = "> Short one here. This sentence goes on and on with many small words\n>  > so that it runs well past the limit of twenty words for sure.";
        let second = text.find("so that").unwrap();
        let words = "Short one here. This sentence goes on and on with many small words\nso that it runs well past the limit of twenty words for sure.";
        let mut b = block(words);
        b.map = vec![(0, 2), (words.find("so that").unwrap(), second)];
        let (_, d) = run_blocks(text, vec![b], &CheckConfig::default());
        assert_eq!(rules(&d), [Rule::LongSentence]);
        assert_eq!(
            d[0].quote.as_deref(),
            Some("This sentence goes on and on with many small words so that it runs well past the limit of twenty words for sure.")
        );
    }

    #[test]
    fn jargon_and_abbreviations() {
        let (report, d) = run(
            "The operationalization of CMOC matters. Everybody in the family knows the PDF.",
            &CheckConfig::default(),
        );
        assert_eq!(rules(&d), [Rule::Jargon, Rule::Abbreviation], "{d:?}");
        assert_eq!(report.jargon, ["operationalization"]);
        let (_, d) = run(
            "A context mechanism outcome configuration (CMOC) is explained. CMOC again.",
            &CheckConfig::default(),
        );
        assert!(
            !rules(&d).contains(&Rule::Abbreviation),
            "defined in the text: {d:?}"
        );
    }

    #[test]
    fn the_jargon_hint_names_a_plainer_word_when_the_list_has_one() {
        let (_, d) = run(
            "Peers facilitated the meetings with operationalization.",
            &CheckConfig::default(),
        );
        let helps: Vec<&str> = d.iter().filter_map(|d| d.help.as_deref()).collect();
        assert!(
            helps[0].starts_with("use \u{201c}ease\u{201d} or \u{201c}help\u{201d} instead of \u{201c}facilitated\u{201d}"),
            "{helps:?}"
        );
        assert!(
            helps[1].starts_with("use a shorter everyday word"),
            "{helps:?}"
        );
    }

    #[test]
    fn passive_voice_is_a_suggestion_at_its_place_but_not_in_quotes() {
        use crate::text::diagnostics::Severity;
        let (_, d) = run(
            "The groups were run by peers. She said \u{201c}we were given food\u{201d}.",
            &CheckConfig::default(),
        );
        let passives: Vec<&Diagnostic> = d
            .iter()
            .filter(|d| d.rule == Some(Rule::PassiveVoice))
            .collect();
        assert_eq!(passives.len(), 1, "{d:?}");
        assert_eq!(passives[0].severity, Severity::Suggestion);
        let loc = passives[0].location.as_ref().unwrap();
        assert_eq!((loc.column, loc.length), (12, 8));
        let (_, d) = run(&"Staff were paid. ".repeat(5), &CheckConfig::default());
        let messages: Vec<&str> = d
            .iter()
            .filter(|d| d.rule == Some(Rule::PassiveVoice))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "\u{201c}were paid\u{201d} is in the passive voice",
                "\u{201c}were paid\u{201d} is in the passive voice",
                "\u{201c}were paid\u{201d} is in the passive voice (2 more in this paragraph)"
            ]
        );
    }

    #[test]
    fn a_word_that_can_hurt_gets_that_finding_only_not_jargon_too() {
        let (_, d) = run_in("en", "His father was an alcoholic for many years.");
        let found: Vec<_> = d
            .iter()
            .map(|d| (d.rule, d.location.as_ref().map(|l| l.column)))
            .collect();
        assert_eq!(found, [(Some(Rule::RespectfulLanguage), Some(19))], "{d:?}");
    }

    #[test]
    fn a_word_that_can_hurt_still_gets_jargon_when_its_respectful_finding_is_off() {
        let text = "His father was an alcoholic for many years.";
        let mut config = CheckConfig::default();
        (config.levels).insert(Rule::RespectfulLanguage, super::super::Level::Off);
        let (_, d) = run(text, &config);
        let found: Vec<_> = d
            .iter()
            .map(|d| (d.rule, d.location.as_ref().map(|l| l.column)))
            .collect();
        assert_eq!(found, [(Some(Rule::Jargon), Some(19))], "{d:?}");
        let mut b = block(text);
        b.ignore.push(Rule::RespectfulLanguage.as_str().into());
        let (_, d) = run_blocks(text, vec![b], &CheckConfig::default());
        let rules: Vec<_> = d.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [Some(Rule::Jargon)], "{d:?}");
    }

    #[test]
    fn stigmatizing_terms_are_found_with_a_suggestion() {
        let (_, d) = run(
            "Some addicts took part. The National Institute on Drug Abuse funded it.",
            &CheckConfig::default(),
        );
        assert_eq!(rules(&d), [Rule::RespectfulLanguage], "{d:?}");
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("person who uses drugs"));
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!((loc.column, loc.length), (6, 7));
    }

    #[test]
    fn a_reference_list_is_not_checked_for_respectful_language() {
        let text = "References\nDrug abusers in prison: a cohort\nMethods\nDrug abusers took part.";
        let part = |kind, level, from: usize, to: usize| ProseBlock {
            kind,
            level,
            map: vec![(0, from)],
            start_offset: from,
            ..block(&text[from..to])
        };
        let blocks = vec![
            part(BlockKind::Heading, 2, 0, 10),
            part(BlockKind::ListItem, 0, 11, 43),
            part(BlockKind::Heading, 2, 44, 51),
            part(BlockKind::Paragraph, 0, 52, text.len()),
        ];
        let (_, d) = run_blocks(text, blocks, &CheckConfig::default());
        let lines: Vec<usize> = d
            .iter()
            .filter(|d| d.rule == Some(Rule::RespectfulLanguage))
            .filter_map(|d| d.location.as_ref().map(|l| l.line))
            .collect();
        assert_eq!(lines, [4], "only the text after the list: {d:?}");
    }

    #[test]
    fn a_site_setting_lowers_respectful_tiers_but_never_raises_them() {
        use crate::text::diagnostics::Severity;
        let text = "Some addicts took part. They were handed clean needles.";
        let severities = |level| {
            let mut config = CheckConfig::default();
            config.levels.insert(Rule::RespectfulLanguage, level);
            let (_, d) = run(text, &config);
            d.iter()
                .filter(|d| d.rule == Some(Rule::RespectfulLanguage))
                .map(|d| d.severity)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            severities(super::super::Level::Error),
            [Severity::Error, Severity::Suggestion]
        );
        assert_eq!(
            severities(super::super::Level::Warning),
            [Severity::Warning, Severity::Suggestion]
        );
        assert!(severities(super::super::Level::Off).is_empty());
    }

    #[test]
    fn levels_and_ignores() {
        let mut config = CheckConfig::default();
        config
            .levels
            .insert(Rule::LongSentence, super::super::Level::Off);
        let text = "This sentence goes on and on with many small words so that it runs well past the limit of twenty words for sure.";
        assert!(run(text, &config).1.is_empty());
        let mut b = block(text);
        b.ignore.push(Rule::LongSentence.as_str().into());
        let index = LineIndex::new(text);
        let lexicon = Lexicon::default_for("en");
        let ctx = ProseContext {
            config: &CheckConfig::default(),
            glossary: None,
            lexicon: &lexicon,
        };
        let blocks = [b];
        let shared: std::sync::Arc<str> = std::sync::Arc::from(text);
        let page = PageProse {
            parts: vec![ProsePart {
                file: "a",
                text: &shared,
                index: &index,
                blocks: &blocks,
            }],
            target: 8.0,
            has_summary: false,
            ignored: &[],
            language: "en",
            explained: Vec::new(),
        };
        assert!(check_page(&page, &ctx).1.is_empty());
    }

    #[test]
    fn reading_grade_needs_enough_words_and_english() {
        let hard = "Participatory engagement initiatives frequently necessitate considerable organizational commitment. Inadequate attention to remuneration may precipitate deleterious consequences for participants. Institutional accountability mechanisms require sustained investment from governance structures.";
        let hard = format!("{hard} {hard}");
        let (report, d) = run(&hard, &CheckConfig::default());
        assert!(report.scores.unwrap().flesch_kincaid_grade > 15.0);
        assert!(
            rules(&d).contains(&Rule::ReadingGrade) && rules(&d).contains(&Rule::PlainSummary),
            "{d:?}"
        );
        let (short, _) = run("Pay people.", &CheckConfig::default());
        assert!(short.scores.is_none());
    }

    #[test]
    fn data_values_map_back_to_their_lines() {
        #[derive(serde::Deserialize)]
        struct Why {
            why: Src<String>,
        }
        let yaml = "- id: a\n  why: |\n    First line here.\n    Second line.\n- id: b\n  why: >\n    First line\n    here.\n";
        let items: Vec<Why> = serde_saphyr::from_str(yaml).unwrap();
        let idx = LineIndex::new(yaml);
        let b = data_block(yaml, &items[0].why, BlockKind::Paragraph).unwrap();
        assert_eq!(idx.locate(yaml, b.file_offset(0)), (3, 5));
        assert_eq!(
            idx.locate(yaml, b.file_offset(b.text.find("Second").unwrap())),
            (4, 5)
        );
        // The second "First line" is found in the second entry, not the first.
        let b = data_block(yaml, &items[1].why, BlockKind::Paragraph).unwrap();
        assert_eq!(idx.locate(yaml, b.file_offset(0)), (7, 5));
        assert_eq!(
            idx.locate(yaml, b.file_offset(b.text.find("here").unwrap())),
            (8, 5)
        );
    }

    #[test]
    fn quoted_and_plain_data_values_start_at_their_first_letter() {
        #[derive(serde::Deserialize)]
        struct T {
            term: Src<String>,
            definition: Src<String>,
        }
        let yaml = "- term: \"Zeta\"\n  definition: Last letter\n    of the alphabet.\n";
        let items: Vec<T> = serde_saphyr::from_str(yaml).unwrap();
        let idx = LineIndex::new(yaml);
        let b = data_block(yaml, &items[0].term, BlockKind::Heading).unwrap();
        assert_eq!(idx.locate(yaml, b.file_offset(0)), (1, 10));
        let b = data_block(yaml, &items[0].definition, BlockKind::Paragraph).unwrap();
        assert_eq!(idx.locate(yaml, b.file_offset(0)), (2, 15));
        assert_eq!(
            idx.locate(yaml, b.file_offset(b.text.find("alphabet").unwrap())),
            (3, 12)
        );
    }

    #[test]
    fn long_pages_get_a_grade_per_section() {
        let easy = "We met today. We ate lunch. We talked a lot. We left early. ".repeat(60);
        let hard = "Institutional accountability mechanisms necessitate considerable organizational commitment. ".repeat(8);
        let heading = |t: &str| ProseBlock {
            kind: BlockKind::Heading,
            text: t.into(),
            map: vec![(0, 0)],
            start_offset: 0,
            ignore: vec![],
            level: 2,
        };
        let blocks = vec![
            heading("Easy part"),
            block(&easy),
            heading("Hard part"),
            block(&hard),
        ];
        let text = "x";
        let index = LineIndex::new(text);
        let lexicon = Lexicon::default_for("en");
        let config = CheckConfig::default();
        let ctx = ProseContext {
            config: &config,
            glossary: None,
            lexicon: &lexicon,
        };
        let shared: std::sync::Arc<str> = std::sync::Arc::from(text);
        let page = PageProse {
            parts: vec![ProsePart {
                file: "a",
                text: &shared,
                index: &index,
                blocks: &blocks,
            }],
            target: 8.0,
            has_summary: true,
            ignored: &[],
            language: "en",
            explained: Vec::new(),
        };
        let (report, d) = check_page(&page, &ctx);
        assert_eq!(report.sections.len(), 2);
        assert!(report.sections[0].grade < 8.0 && report.sections[1].grade > 8.0);
        assert!(
            d.iter()
                .any(|d| d.message.contains("the section \u{201c}Hard part\u{201d}")),
            "{d:?}"
        );
    }

    fn run_in(language: &str, text: &str) -> (ProseReport, Vec<Diagnostic>) {
        run_page(
            text,
            vec![block(text)],
            &CheckConfig::default(),
            language,
            true,
        )
    }

    /// The French jargon findings of one sentence, word by word.
    fn french_jargon_in(sentence: &str) -> Vec<String> {
        let (_, d) = run_in("fr", sentence);
        d.iter()
            .filter(|d| d.rule == Some(Rule::Jargon))
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn french_conjugated_and_plural_forms_of_common_words_are_not_jargon() {
        // Each is a verb form or plural of a common word (planifier, recommander...):
        // long enough to be judged, yet not in the list as written.
        let forms = [
            "planifie",
            "planifions",
            "recommandons",
            "recommandait",
            "accompagnons",
            "participeront",
            "organisaient",
            "expliquerons",
            "rencontrions",
            "proposerons",
            "encourageons",
            "améliorerons",
            "commenceront",
        ];
        let mut flagged = Vec::new();
        for form in forms {
            assert!(
                form.chars().count() >= 7 && super::super::french::syllables(form) >= 3,
                "{form} is too short to be judged, so this test could not fail on it"
            );
            flagged.extend(french_jargon_in(&format!(
                "Nous disons que l\u{2019}équipe {form} bien."
            )));
        }
        assert!(flagged.is_empty(), "{flagged:?}");
    }

    #[test]
    fn french_jargon_after_an_elided_article_names_and_places_the_word_alone() {
        for article in [
            "d", "l", "qu", "n", "s", "j", "m", "t", "c", "D", "L", "jusqu", "lorsqu",
        ] {
            for apostrophe in ['\'', '\u{2019}'] {
                let text = format!("Il faut voir {article}{apostrophe}opérationnaliser ici.");
                let (_, d) = run_in("fr", &text);
                let found: Vec<(&str, usize)> = d
                    .iter()
                    .filter(|d| d.rule == Some(Rule::Jargon))
                    .map(|d| {
                        (
                            d.message.as_str(),
                            d.location.as_ref().map_or(0, |l| l.column),
                        )
                    })
                    .collect();
                let column = "Il faut voir ".chars().count() + article.len() + 2;
                assert_eq!(
                    found,
                    [(
                        "\u{201c}opérationnaliser\u{201d} may be hard for some readers",
                        column
                    )],
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn french_jargon_is_still_found_when_stems_are_compared() {
        for word in [
            "pharmacocinétique",
            "buprénorphine",
            "hétérogènes",
            "opérationnalisation",
        ] {
            let found = french_jargon_in(&format!("Nous parlons de la {word} ici."));
            assert_eq!(
                found,
                [format!(
                    "\u{201c}{word}\u{201d} may be hard for some readers"
                )],
                "{word}"
            );
        }
    }

    #[test]
    fn french_pages_get_french_jargon_abbreviations_and_reading_ease() {
        let hard = "Les méthodologies de synthèse qualitative facilitent l\u{2019}intégration des résultats issus d\u{2019}études primaires hétérogènes. La transparence méthodologique demeure essentielle pour évaluer la crédibilité des interprétations proposées par les chercheurs universitaires.";
        let (report, d) = run_in("fr", &format!("{hard} {hard} Le RPUD aide les gens."));
        let messages: Vec<(Option<Rule>, &str)> =
            d.iter().map(|d| (d.rule, d.message.as_str())).collect();
        assert!(
            messages.contains(&(
                Some(Rule::Abbreviation),
                "the abbreviation RPUD is not explained"
            )),
            "{messages:?}"
        );
        assert!(
            messages.contains(&(
                Some(Rule::Jargon),
                "\u{201c}hétérogènes\u{201d} may be hard for some readers"
            )),
            "{messages:?}"
        );
        assert!(
            !messages.iter().any(|(_, m)| m.contains("résultats")
                || m.contains("transparence")
                || m.contains("chercheurs")),
            "common words: {messages:?}"
        );
        let ease = report.measures[&Measure::KandelMolesReadingEase];
        assert!(messages.contains(&(Some(Rule::ReadingGrade), format!("the reading ease (Kandel and Moles) of this page is {ease:.1}; the target is at least 60").as_str())), "{messages:?}");
        assert!(report.scores.is_none(), "no English grade");
        assert_eq!(report.hardest[0].measure, "reading ease");
        assert!(report.hardest[0].score < 40.0, "{:?}", report.hardest);
    }

    #[test]
    fn chinese_pages_get_character_proxies_and_abbreviations_without_spaces() {
        let text = "我们请使用毒品的人一起做研究，大家每周见面，按时拿到报酬。".repeat(5)
            + "他们也学习了HIV和PWUD的知识。";
        let (report, d) = run_in("zh", &text);
        let rules: Vec<Rule> = d.iter().filter_map(|d| d.rule).collect();
        // HIV is known to readers; PWUD is not.
        assert_eq!(rules, [Rule::Abbreviation], "{d:?}");
        assert!(d[0].message.contains("PWUD"), "{d:?}");
        assert_eq!(report.sentences, 6);
        assert!(report
            .measures
            .contains_key(&Measure::UncommonCharactersPercent));
        assert!(
            report.words > 140,
            "characters, not words: {}",
            report.words
        );
    }

    #[test]
    fn abbreviation_spelled_out_before_full_width_brackets_is_explained() {
        for text in [
            "我们使用世界卫生组织（WHO）的数据。WHO 很重要。",
            "我们使用世界卫生组织（ WHO ）的数据。WHO 很重要。",
            "我们使用世界卫生组织(WHO)的数据。WHO 很重要。",
        ] {
            let (_, d) = run_in("zh", text);
            assert!(
                !d.iter().any(|d| d.rule == Some(Rule::Abbreviation)),
                "{text}: {d:?}"
            );
        }
        let (_, d) = run_in("zh", "（WHO）很重要。");
        assert!(
            d.iter().any(|d| d.rule == Some(Rule::Abbreviation)),
            "{d:?}"
        );
    }

    /// Words of a token read char by char, as `word_positions` read every token before
    /// it found a single ASCII word at once: the oracle for that shortcut.
    fn word_positions_char_by_char(text: &str) -> Vec<(usize, &str)> {
        let part = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-';
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (part(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let w = text[s..i].trim_matches(|c: char| !c.is_alphanumeric());
                    if !w.is_empty() {
                        out.push((s, w));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn a_single_ascii_word_is_found_as_reading_char_by_char_finds_it_around_any_byte() {
        for c in (0u8..128).map(char::from).chain(['\u{e9}', '\u{2019}']) {
            for token in [format!("{c}word"), format!("word{c}"), format!("wo{c}rd")] {
                let fast: Vec<(usize, &str)> = word_positions(&token).collect();
                assert_eq!(fast, word_positions_char_by_char(&token), "{token:?}");
            }
        }
    }

    #[test]
    fn a_single_ascii_word_is_found_as_reading_char_by_char_finds_it() {
        for token in [
            "word",
            "(results),",
            "\"PWUD\".",
            "10,024",
            "well-being",
            "don't",
            "it\u{2019}s",
            "...",
            "",
            "a",
            "x--y",
            "(a)(b)",
            "caf\u{e9},",
            "[1]",
            "e.g.",
            "_snake_",
            "'quoted'",
            "-dash",
            "9am.",
            "(\u{201c}x\u{201d})",
        ] {
            let fast: Vec<(usize, &str)> = word_positions(token).collect();
            assert_eq!(fast, word_positions_char_by_char(token), "{token:?}");
        }
    }

    #[test]
    fn a_words_letters_and_numbers_read_in_one_pass_are_those_read_as_characters() {
        use crate::text::pieced_texts;
        let pieces = [
            "a", "z", "Q", "-", "'", "0", "9", "\u{e9}", "\u{661}", "\u{bd}", "\u{2167}", "_", ".",
        ];
        for word in pieced_texts(&pieces, 3_000, 8, false) {
            let by_chars = (!word.contains(char::is_numeric))
                .then(|| word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert_eq!(small_letters_without_numbers(&word), by_chars, "{word:?}");
        }
    }

    #[test]
    fn a_bracket_found_by_its_bytes_is_the_one_found_char_by_char() {
        use crate::text::pieced_texts;
        let pieces = [
            "(", ")", "\u{ff08}", "\u{ff09}", "WHO", "a", "\u{ef}", "\u{ff07}", "\u{ff0a}",
            "\u{fe08}", "\u{4e2d}", "\u{e9}(",
        ];
        let mut found = 0;
        for text in pieced_texts(&pieces, 5_000, 10, true) {
            for (ascii, wide) in [('(', '\u{ff08}'), (')', '\u{ff09}')] {
                let want = text
                    .find([ascii, wide])
                    .map(|i| (i, if text[i..].starts_with(ascii) { 1 } else { 3 }));
                assert_eq!(find_bracket(&text, ascii as u8, wide), want, "{text:?}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 1_000, "{found}");
    }

    #[test]
    fn a_hard_words_base_form_remembered_is_the_one_worked_out_each_time() {
        let words = [
            "operationalization",
            "operationalizations",
            "included",
            "facilitated",
            "needed",
            "communities",
            "happiest",
            "community",
            "stigmatizing",
            "jurisdictions",
            "ab",
        ];
        // Asked twice: worked out, then remembered.
        for word in words.iter().chain(&words) {
            let base = base_form(word);
            let hard = syllables::count(&base) >= 3 && !is_common(word) && !is_common(&base);
            assert_eq!(
                hard_word(word).as_deref(),
                hard.then_some(base.as_str()),
                "{word}"
            );
        }
    }

    #[test]
    fn words_and_positions() {
        let w: Vec<(usize, &str)> = word_positions("Hi, well-being (PWUD)!").collect();
        assert_eq!(w, [(0, "Hi"), (4, "well-being"), (16, "PWUD")]);
    }
}

#[cfg(test)]
mod gaming {
    //! No change to a page's structure alone may lower its reading grade by more than
    //! half a grade: the issue's 52-word paragraph went from 11.8 to 4.5 with six
    //! one-word headings.
    use super::*;

    /// The grade of a page of `blocks`, in that order in its file.
    fn grade(blocks: &[(BlockKind, &str)]) -> f64 {
        let blocks: Vec<ProseBlock> = (blocks.iter().enumerate())
            .map(|(at, (kind, t))| ProseBlock {
                kind: *kind,
                text: t.to_string(),
                map: vec![(0, 0)],
                start_offset: at,
                ignore: vec![],
                level: 2,
            })
            .collect();
        let index = LineIndex::new("x");
        let lexicon = Lexicon::default_for("en");
        let config = CheckConfig::default();
        let ctx = ProseContext {
            config: &config,
            glossary: None,
            lexicon: &lexicon,
        };
        let shared: std::sync::Arc<str> = std::sync::Arc::from("x");
        let page = PageProse {
            parts: vec![ProsePart {
                file: "a",
                text: &shared,
                index: &index,
                blocks: &blocks,
            }],
            target: 8.0,
            has_summary: true,
            ignored: &[],
            language: "en",
            explained: Vec::new(),
        };
        check_page(&page, &ctx)
            .0
            .scores
            .map(|s| s.flesch_kincaid_grade)
            .unwrap_or_default()
    }

    const PARAGRAPH: &str = "The review team searched four large databases of health research with help from a university librarian and read every study twice. When two readers disagreed about whether a study fit the question, they talked it through and asked a third person.";

    /// The grade of [`PARAGRAPH`] with `headings` above it.
    fn under_headings(headings: &[&str]) -> f64 {
        let mut blocks: Vec<(BlockKind, &str)> =
            headings.iter().map(|h| (BlockKind::Heading, *h)).collect();
        blocks.push((BlockKind::Paragraph, PARAGRAPH));
        grade(&blocks)
    }

    #[test]
    fn one_word_headings_cannot_lower_the_grade() {
        use BlockKind::Paragraph;
        let before = grade(&[(Paragraph, PARAGRAPH)]);
        let after = under_headings(&[
            "Search",
            "Databases",
            "Librarian",
            "Reading",
            "Disagreement",
            "Decision",
        ]);
        assert!(before > 8.0, "{before}");
        assert!(after >= before - 0.5, "{before} -> {after}");
    }

    #[test]
    fn splitting_a_sentence_into_bullets_cannot_lower_the_grade() {
        use BlockKind::{ListItem, Paragraph};
        let sentence = "People who took part in the studies asked for fair payment on the day they took part, clear information about their roles and responsibilities, emotional support after difficult meetings with professionals, and a real say in the decisions that affected their communities.";
        let before = grade(&[(Paragraph, sentence)]);
        let after = grade(&[
            (Paragraph, "People who took part in the studies asked for:"),
            (ListItem, "fair payment on the day they took part,"),
            (
                ListItem,
                "clear information about their roles and responsibilities,",
            ),
            (
                ListItem,
                "emotional support after difficult meetings with professionals,",
            ),
            (
                ListItem,
                "and a real say in the decisions that affected their communities.",
            ),
        ]);
        assert!(after >= before - 0.5, "{before} -> {after}");
        // One- and two-word bullets are not sentences either.
        let words = "Teams should offer payment, training, supervision, debriefing, flexibility and recognition to everyone involved in the research project from the beginning.";
        let before = grade(&[(Paragraph, words)]);
        let after = grade(&[
            (Paragraph, "Teams should offer"),
            (ListItem, "payment"),
            (ListItem, "training"),
            (ListItem, "supervision"),
            (ListItem, "debriefing"),
            (ListItem, "flexibility and recognition"),
            (
                Paragraph,
                "to everyone involved in the research project from the beginning.",
            ),
        ]);
        assert!(after >= before - 0.5, "{before} -> {after}");
    }

    #[test]
    fn many_word_headings_cannot_lower_the_grade() {
        use BlockKind::{Heading, Paragraph};
        let before = grade(&[(Paragraph, PARAGRAPH)]);
        let after = under_headings(&[
            "How the team searched",
            "Who helped with the search",
            "What did they read?",
            "How two readers chose",
            "When the readers disagreed",
            "How a third person helped.",
        ]);
        assert!(after >= before - 0.5, "{before} -> {after}");
        // Each sentence under a heading of its own.
        let (first, second) = PARAGRAPH.split_at(PARAGRAPH.find(" When").unwrap_or(0));
        let after = grade(&[
            (Heading, "How the team searched and read"),
            (Paragraph, first),
            (Heading, "What happened when readers disagreed"),
            (Paragraph, second.trim()),
        ]);
        assert!(after >= before - 0.5, "{before} -> {after}");
    }

    /// A heading is left out of the formulas only where that makes the page read no
    /// easier: the page's hardest sentence made a heading, or every sentence made one,
    /// still counts.
    #[test]
    fn a_hard_sentence_made_a_heading_still_counts() {
        use BlockKind::{Heading, Paragraph};
        let easy = "They read every study twice. This helps everyone who takes part.";
        let hard = "Researchers should consider remuneration, psychological safeguarding and organisational accountability mechanisms.";
        let before = grade(&[(Paragraph, PARAGRAPH), (Paragraph, hard), (Paragraph, easy)]);
        let as_heading = hard.trim_end_matches('.');
        let after = grade(&[
            (Paragraph, PARAGRAPH),
            (Heading, as_heading),
            (Paragraph, easy),
        ]);
        assert!(after >= before - 0.5, "{before} -> {after}");
        let sentences = readability::split_sentences(PARAGRAPH);
        let mut blocks: Vec<(BlockKind, &str)> = (sentences.into_iter())
            .filter_map(|r| PARAGRAPH.get(r))
            .map(|s| (Heading, s.trim_end_matches('.')))
            .collect();
        blocks.extend([(Heading, as_heading), (Heading, easy)]);
        let after = grade(&blocks);
        assert!(after >= before - 0.5, "{before} -> {after}");
    }

    #[test]
    fn a_sentence_cut_into_paragraphs_or_under_a_heading_keeps_its_grade() {
        use BlockKind::{Heading, Paragraph};
        let sentence = "People who took part in the studies asked for fair payment on the day they took part, clear information about their roles and responsibilities, emotional support after difficult meetings with professionals, and a real say in the decisions that affected their communities.";
        let before = grade(&[(Paragraph, sentence)]);
        let pieces: Vec<&str> = sentence.split_inclusive(", ").map(str::trim).collect();
        let blocks: Vec<(BlockKind, &str)> = pieces.iter().map(|p| (Paragraph, *p)).collect();
        let after = grade(&blocks);
        assert!(after >= before - 0.5, "{before} -> {after}");
        // Its first words made a heading, the rest a paragraph in lower case.
        let (head, rest) = sentence.split_at(sentence.find(" asked").unwrap_or(0));
        let after = grade(&[(Heading, head), (Paragraph, rest.trim())]);
        assert!(after >= before - 0.5, "{before} -> {after}");
    }

    /// One sentence cut across two blocks of any kind, without changing a word, gets the
    /// grade it has in one paragraph: the tester's sentence, its second half quoted,
    /// went from grade 39.8 to 31.7.
    #[test]
    fn a_sentence_cut_across_blocks_of_any_kind_keeps_its_grade() {
        use BlockKind::{Heading, ListItem, Paragraph, Quote};
        const A: &str = "Participants in the longitudinal investigation consistently emphasized that organizational responsiveness, transparent communication, and equitable remuneration substantially influenced their willingness to continue contributing to collaborative research activities, and";
        const B: &str = "administrative complexity associated with reimbursement procedures frequently discouraged individuals experiencing housing instability from participating consistently.";
        let (a1, a2) = A.split_at(A.find("organizational").unwrap_or(0));
        let cell = |row| BlockKind::Cell { row };
        let whole = format!("{A} {B}");
        let before = grade(&[(Paragraph, &whole)]);
        let cases: [(&str, Vec<(BlockKind, &str)>); 11] = [
            ("two paragraphs", vec![(Paragraph, A), (Paragraph, B)]),
            ("paragraph, quote", vec![(Paragraph, A), (Quote, B)]),
            ("quote, paragraph", vec![(Quote, A), (Paragraph, B)]),
            (
                "quote between",
                vec![(Paragraph, a1), (Quote, a2), (Paragraph, B)],
            ),
            ("two quotes", vec![(Quote, A), (Quote, B)]),
            ("paragraph, bullet", vec![(Paragraph, A), (ListItem, B)]),
            ("bullet, paragraph", vec![(ListItem, A), (Paragraph, B)]),
            ("paragraph, heading", vec![(Paragraph, A), (Heading, B)]),
            ("paragraph, cell", vec![(Paragraph, A), (cell(1), B)]),
            (
                "table between",
                vec![
                    (Paragraph, A),
                    (cell(1), "Year"),
                    (cell(1), "Visits"),
                    (Paragraph, B),
                ],
            ),
            (
                "quote between sentences",
                vec![(Paragraph, A), (Quote, "Yes, it was good."), (Paragraph, B)],
            ),
        ];
        let mut wrong = Vec::new();
        for (name, blocks) in &cases {
            let after = grade(blocks);
            // Half a grade either way: the same words read the same.
            if (after - before).abs() > 0.5 {
                wrong.push(format!("{name}: {before:.2} -> {after:.2}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// A paragraph without a full stop that is followed by one starting in capitals
    /// is a sentence of its own: only the structure may not lower a grade.
    #[test]
    fn a_paragraph_without_a_full_stop_before_a_capital_ends_its_sentence() {
        use BlockKind::Paragraph;
        let blocks: Vec<ProseBlock> = [
            "Fair pay on the day for everyone",
            "Clear roles for everyone who takes part",
        ]
        .iter()
        .map(|t| ProseBlock {
            kind: Paragraph,
            text: t.to_string(),
            map: vec![(0, 0)],
            start_offset: 0,
            ignore: vec![],
            level: 0,
        })
        .collect();
        let mut flow = SentenceFlow::default();
        let first = flow.count(&blocks[0], blocks.get(1), &blocks[0].text, &[(7, 0)]);
        let second = flow.count(&blocks[1], None, &blocks[1].text, &[(7, 0)]);
        assert_eq!((first, second, flow.close()), (Some(1), Some(1), 0));
    }

    /// Bullets that are whole sentences, each starting with a capital, are sentences
    /// with or without a full stop: ten short ones were read as one long sentence
    /// (grade 12.4 without full stops, 2.6 with them).
    #[test]
    fn bullets_starting_with_capitals_are_sentences_without_full_stops() {
        use BlockKind::{ListItem, Paragraph};
        let items = [
            "Outreach workers helped them find housing",
            "Many people wanted more peer workers",
            "Some clinics were closed at night",
            "Staff did not always explain the rules",
            "People felt safer with a friend there",
            "Nurses who knew them made a big difference",
            "Waiting rooms were too busy and loud",
            "Some forms asked for too much information",
            "Peer workers were paid late or not at all",
            "People wanted to help plan the services",
        ];
        let grade_with = |stop: &str| {
            let texts: Vec<String> = items.iter().map(|i| format!("{i}{stop}")).collect();
            let mut blocks = vec![(Paragraph, "What people told us:")];
            blocks.extend(texts.iter().map(|t| (ListItem, t.as_str())));
            grade(&blocks)
        };
        let (a, b) = (grade_with("."), grade_with(""));
        assert!(a > 0.0, "{a}");
        assert!((a - b).abs() <= 0.5, "with full stops {a}, without {b}");
    }

    /// Table cells are not prose the formulas count (see markdown.rs), so a table of
    /// one-word cells beside a paragraph leaves its grade as it is.
    #[test]
    fn short_blocks_like_table_cells_cannot_lower_the_grade() {
        use BlockKind::Paragraph;
        let before = grade(&[(Paragraph, PARAGRAPH)]);
        let mut blocks = vec![(Paragraph, PARAGRAPH)];
        for cell in ["Yes", "No", "12", "Two weeks", "Canada", "n/a"] {
            blocks.push((Paragraph, cell));
        }
        let after = grade(&blocks);
        assert!(after >= before - 0.5, "{before} -> {after}");
    }

    /// A quote's sentences and a table row's count only where they make the grade
    /// harder: an easy quote or row leaves it as it was, a hard one counts as it would
    /// in a paragraph, and a sentence cut across a row's cells is read whole.
    #[test]
    fn quotes_and_table_rows_count_only_where_they_make_the_grade_harder() {
        use BlockKind::{Paragraph, Quote};
        const EASY: &str = "We asked people what helps. They told us about their lives. Many said a kind nurse made the most difference. Others said the bus was too slow.";
        let cell = |row| BlockKind::Cell { row };
        let alone = grade(&[(Paragraph, PARAGRAPH)]);
        let easy_aside = [
            (Paragraph, PARAGRAPH),
            (Quote, "Yes, it was good. We went back."),
            (cell(1), "Yes we did go"),
            (cell(2), "We went back the next day."),
        ];
        assert!((grade(&easy_aside) - alone).abs() < 1e-9);
        let (first, rest) = PARAGRAPH.split_once(" with help").unwrap();
        let rest = format!("with help{rest}");
        let together = grade(&[(Paragraph, EASY), (Paragraph, PARAGRAPH)]);
        for aside in [
            vec![(Quote, PARAGRAPH)],
            vec![(cell(3), PARAGRAPH)],
            vec![(cell(4), first), (cell(4), &rest)],
        ] {
            let mut blocks = vec![(Paragraph, EASY)];
            blocks.extend(aside.iter().cloned());
            let after = grade(&blocks);
            assert!(
                (after - together).abs() < 0.05,
                "{aside:?}: {together} -> {after}"
            );
        }
        // Cut across two rows, the halves are two sentences (the first has no full stop).
        let rows = grade(&[(Paragraph, EASY), (cell(5), first), (cell(6), &rest)]);
        assert!(rows < together - 0.05, "{rows} {together}");
    }
}
