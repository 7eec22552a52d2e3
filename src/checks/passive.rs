//! Passive voice, a suggestion for English prose: a form of "be" followed (perhaps after
//! an adverb such as "not" or "often") by a past participle: a word ending in "-ed" or
//! an irregular one ("given", "taken", "held"). Words ending in "-ed" that are mostly
//! adjectives after "be" ("is tired", "were interested", "was married") are left out, and
//! so is "was born". Readers follow "Staff gave us food" more easily than "We were given
//! food", so the hint asks who does what; sometimes the passive is the right choice.

/// Forms of "be" that can start a passive.
const BE: &[&str] = &["am", "is", "are", "was", "were", "be", "been", "being"];

/// Words that may stand between "be" and the participle.
const BETWEEN: &[&str] = &[
    "not",
    "also",
    "often",
    "always",
    "never",
    "then",
    "still",
    "usually",
    "rarely",
    "sometimes",
    "all",
    "both",
    "now",
    "being",
    "generally",
    "mostly",
    "largely",
];

/// Irregular past participles (those not ending in "-ed").
const IRREGULAR: &[&str] = &[
    "arisen",
    "beaten",
    "become",
    "begun",
    "bent",
    "bitten",
    "bound",
    "broken",
    "brought",
    "built",
    "bought",
    "caught",
    "chosen",
    "cut",
    "dealt",
    "done",
    "drawn",
    "driven",
    "eaten",
    "fallen",
    "fed",
    "felt",
    "fought",
    "found",
    "forbidden",
    "forgiven",
    "forgotten",
    "frozen",
    "given",
    "gone",
    "grown",
    "heard",
    "held",
    "hidden",
    "hit",
    "hung",
    "hurt",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "let",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "mistaken",
    "overcome",
    "overseen",
    "overtaken",
    "paid",
    "put",
    "read",
    "ridden",
    "run",
    "said",
    "seen",
    "sent",
    "set",
    "shaken",
    "shown",
    "shut",
    "sold",
    "sought",
    "spent",
    "spoken",
    "spread",
    "stolen",
    "struck",
    "stuck",
    "sung",
    "swept",
    "sworn",
    "taken",
    "taught",
    "thought",
    "thrown",
    "told",
    "torn",
    "understood",
    "undertaken",
    "withdrawn",
    "withheld",
    "won",
    "worn",
    "woken",
    "written",
];

/// Words ending in "-ed" that after "be" are mostly adjectives, not passives.
const ADJECTIVES: &[&str] = &[
    "advanced",
    "aged",
    "alarmed",
    "amazed",
    "annoyed",
    "ashamed",
    "bored",
    "complicated",
    "concerned",
    "confused",
    "crowded",
    "delighted",
    "depressed",
    "detailed",
    "determined",
    "disappointed",
    "distressed",
    "embarrassed",
    "engaged",
    "excited",
    "exhausted",
    "experienced",
    "frightened",
    "frustrated",
    "interested",
    "isolated",
    "limited",
    "married",
    "motivated",
    "need",
    "pleased",
    "prepared",
    "qualified",
    "related",
    "relaxed",
    "satisfied",
    "scared",
    "shocked",
    "skilled",
    "sophisticated",
    "stressed",
    "supposed",
    "surprised",
    "talented",
    "tired",
    "unemployed",
    "upset",
    "used",
    "worried",
    "wicked",
    "naked",
    "sacred",
    "rugged",
    "ragged",
    "learned",
    "beloved",
    "red",
    "bed",
    "shed",
    "speed",
    "seed",
    "feed",
    "indeed",
    "exceed",
    "proceed",
    "succeed",
    "hundred",
    "kindred",
    "hatred",
];

/// One passive found: where it starts and ends in the text (bytes), from "be" to the
/// participle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passive {
    pub start: usize,
    pub end: usize,
}

/// The words of a text (letters and apostrophes) with where each starts, in bytes.
#[cfg(test)]
fn words(text: &str) -> Vec<(usize, &str)> {
    Words { text, at: 0 }.collect()
}

/// The words of a text (letters and apostrophes) with where each starts, in bytes, read
/// as they are asked for: the passive check looks ahead only after a form of "be", so a
/// paragraph's words are never all listed.
#[derive(Clone)]
struct Words<'t> {
    text: &'t str,
    /// Where reading goes on.
    at: usize,
}

impl<'t> Words<'t> {
    /// Whether the character at byte `i` is part of a word, and its length in bytes.
    /// An ASCII byte is its own character; others are decoded.
    fn part(&self, i: usize, b: u8) -> (bool, usize) {
        if b.is_ascii() {
            (ascii_part(b), 1)
        } else {
            let c = (self.text.get(i..))
                .and_then(|t| t.chars().next())
                .unwrap_or(' ');
            (c.is_alphabetic() || c == '\u{2019}', c.len_utf8())
        }
    }
}

/// Whether an ASCII byte is part of a word: a letter or an apostrophe.
const fn ascii_part(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'\''
}

/// What a byte is to [`Words`]: an ASCII byte that is not part of a word, one that is,
/// or a byte of a character outside ASCII (decoded).
const PART_BYTE: [u8; 256] =
    crate::text::byte_table!(DECODE, |b| if ascii_part(b) { PART } else { NOT_PART });
const NOT_PART: u8 = 0;
const PART: u8 = 1;
const DECODE: u8 = 2;

impl<'t> Iterator for Words<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let bytes = self.text.as_bytes();
        let class = |i: usize| {
            (bytes.get(i)).map(|&b| (b, PART_BYTE.get(usize::from(b)).copied().unwrap_or(DECODE)))
        };
        let mut i = self.at;
        // To the next word's first character: ASCII bytes are looked up in a table.
        let start = loop {
            let Some((b, kind)) = class(i) else {
                self.at = i;
                return None;
            };
            match kind {
                NOT_PART => i += 1,
                PART => break i,
                _ => match self.part(i, b) {
                    (true, _) => break i,
                    (false, len) => i += len,
                },
            }
        };
        // To its end.
        while let Some((b, kind)) = class(i) {
            match kind {
                PART => i += 1,
                NOT_PART => break,
                _ => match self.part(i, b) {
                    (true, len) => i += len,
                    (false, _) => break,
                },
            }
        }
        self.at = i;
        Some((start, self.text.get(start..i).unwrap_or_default()))
    }
}

fn is_participle(word: &str) -> bool {
    // The lists are lower-case ASCII: an ASCII word is compared without a copy.
    if word.is_ascii() {
        let listed = |list: &[&str]| is_listed(list, word);
        if listed(ADJECTIVES) || word.eq_ignore_ascii_case("born") {
            return false;
        }
        let ends_ed = word.len() >= 5
            && word
                .get(word.len() - 2..)
                .is_some_and(|e| e.eq_ignore_ascii_case("ed"));
        return listed(IRREGULAR) || ends_ed;
    }
    let w = word.to_lowercase();
    if ADJECTIVES.contains(&w.as_str()) || w == "born" {
        return false;
    }
    IRREGULAR.contains(&w.as_str()) || (w.len() >= 5 && w.ends_with("ed"))
}

/// Every passive in an English text, in order.
pub fn find(text: &str) -> Vec<Passive> {
    find_in(text, std::iter::once(0..text.len()))
}

/// Whether one of the words of `token` (a run of text without white space) is a form of
/// "be": only there can a passive start.
pub fn has_be(token: &str) -> bool {
    Words { text: token, at: 0 }.any(|(_, w)| is_be(w))
}

/// [`find`] for a text whose passives can start only in `starts`: byte ranges of the
/// text, in order, not overlapping, each beginning where a word may begin (after white
/// space or at the start). Every word that is a form of "be" ([`has_be`]) must be in one
/// of them; the words after it are read as [`find`] reads them.
pub fn find_in(text: &str, starts: impl Iterator<Item = std::ops::Range<usize>>) -> Vec<Passive> {
    let mut found = Vec::new();
    // Where reading goes on after the last passive found.
    let mut resume = 0;
    for r in starts {
        if r.end <= resume {
            continue;
        }
        resume = find_from(text, r.start.max(resume), r.end, &mut found).unwrap_or(resume);
    }
    found
}

/// The passives of `text` whose form of "be" starts from `from` on and before `until`,
/// added to `found`; returns where reading goes on after the last one, if any.
fn find_from(text: &str, from: usize, until: usize, found: &mut Vec<Passive>) -> Option<usize> {
    let mut resume = None;
    let mut words = Words { text, at: from };
    while let Some((start, w)) = words.next() {
        if start >= until {
            break;
        }
        // The lists are lower-case ASCII: comparing without copying each word is the same.
        if !is_be(w) {
            continue;
        }
        // Skip at most two words in between, and only listed ones, in one sentence.
        let mut ahead = words.clone();
        let mut last = (start, w);
        let mut next = ahead.next();
        for _ in 0..2 {
            match next {
                Some(word) if is_listed(BETWEEN, word.1) && same_sentence(text, last, word) => {
                    last = word;
                    next = ahead.next();
                }
                _ => break,
            }
        }
        if let Some((p, part)) = next {
            if is_participle(part) && same_sentence(text, last, (p, part)) {
                found.push(Passive {
                    start,
                    end: p + part.len(),
                });
                // Reading goes on after the participle.
                words = ahead;
                resume = Some(words.at);
            }
        }
    }
    resume
}

/// Whether `word`, in any case, is a form of "be" ([`BE`]): most words are too long or
/// start with another letter, and are passed over without a comparison.
fn is_be(word: &str) -> bool {
    let first = word.as_bytes().first().map(u8::to_ascii_lowercase);
    (2..=5).contains(&word.len())
        && matches!(first, Some(b'a' | b'i' | b'w' | b'b'))
        && is_listed(BE, word)
}

/// Whether `word`, in any case, is on a list of lower-case ASCII words.
fn is_listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|l| l.eq_ignore_ascii_case(word))
}

/// Whether only spaces (no punctuation) stand between two words.
fn same_sentence(text: &str, a: (usize, &str), b: (usize, &str)) -> bool {
    text.get(a.0 + a.1.len()..b.0)
        .is_some_and(|gap| gap.chars().all(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_byte_by_byte_are_those_read_char_by_char() {
        let char_by_char = |text: &str| -> Vec<(usize, String)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                let part = c.is_alphabetic() || c == '\'' || c == '\u{2019}';
                match (part, start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        out.push((s, text[s..i].to_string()));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        for text in [
            "",
            "The survey was completed by 40 people.",
            "It wasn\u{2019}t done; they'd been \u{e9}valu\u{e9}s \u{2014} na\u{ef}vely, 12x.",
            "\u{5438}\u{6bd2}\u{8005} were seen, \u{c9}T\u{c9} end",
        ] {
            let fast: Vec<(usize, String)> = words(text)
                .into_iter()
                .map(|(i, w)| (i, w.to_string()))
                .collect();
            assert_eq!(fast, char_by_char(text), "{text:?}");
        }
    }

    #[test]
    fn a_form_of_be_passed_over_quickly_is_one_the_list_would_not_match() {
        let mut words: Vec<String> = BE.iter().map(|w| w.to_string()).collect();
        words.extend(BE.iter().map(|w| w.to_uppercase()));
        words.extend(
            [
                "",
                "a",
                "I",
                "Is",
                "wAs",
                "be\u{e9}",
                "bee",
                "beings",
                "arena",
                "i",
                "its",
                "were't",
                "Being",
                "\u{e9}t\u{e9}",
                "with",
                "abc",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(is_be(w), is_listed(BE, w), "{w:?}");
        }
    }

    /// The passives as found before words were read as they are asked for: every word
    /// listed first, then looked at by index. The oracle [`find`] must agree with.
    fn find_listing_words(text: &str) -> Vec<Passive> {
        let list = words(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < list.len() {
            let (start, w) = list[i];
            if is_be(w) {
                let mut j = i + 1;
                while j < list.len()
                    && j <= i + 2
                    && is_listed(BETWEEN, list[j].1)
                    && same_sentence(text, list[j - 1], list[j])
                {
                    j += 1;
                }
                if let Some(&(p, part)) = list.get(j) {
                    if is_participle(part) && same_sentence(text, list[j - 1], list[j]) {
                        found.push(Passive {
                            start,
                            end: p + part.len(),
                        });
                        i = j + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
        found
    }

    #[test]
    fn passives_found_reading_words_as_they_come_are_those_of_the_listed_words() {
        for text in [
            "",
            "was",
            "It was",
            "It was completed",
            "It was not completed. It is not often not done.",
            "They were being watched, were not all both seen and is is taken were given.",
            "Data were also still collected; was. completed, was \u{2014} done, was  done",
            "It's been shown they'd been told, \u{e9}t\u{e9} was \u{e9}valu\u{e9}ed, wasn\u{2019}t seen",
            "be be be done done was was was were were given given",
            "IS NOT OFTEN DONE. Are Also Found. were now largely ignored",
        ] {
            assert_eq!(find(text), find_listing_words(text), "{text:?}");
        }
    }

    #[test]
    fn passives_looked_for_only_in_tokens_with_a_form_of_be_are_those_of_the_whole_text() {
        use crate::checks::word_shape::tokens_where;
        use crate::text::pieced_texts;
        let pieces: Vec<&str> = "was|were|is|are|be|been|being|am|not|also|often|given|done|taken|completed|tired|born|run|people|the|,|.|;| |  |\n|-|'|\u{2019}|(|)|\u{2014}|wasn't|is/are|\u{e9}t\u{e9}|WAS|Been|x|12"
            .split('|')
            .collect();
        let mut texts: Vec<String> = [
            "It was completed. They were being watched, were not all both seen.",
            "was was was given given (were) held; is/are done, is\u{2014}done wasn't given",
        ]
        .map(String::from)
        .to_vec();
        texts.extend(pieced_texts(&pieces, 5_000, 14, true));
        for text in &texts {
            assert_eq!(
                find_in(text, tokens_where(text, has_be).into_iter()),
                find(text),
                "{text:?}"
            );
        }
    }

    fn passives(text: &str) -> Vec<&str> {
        find(text).iter().map(|p| &text[p.start..p.end]).collect()
    }

    #[test]
    fn finds_be_and_a_participle_regular_or_irregular() {
        for (text, want) in [
            ("The survey was completed by 40 people.", "was completed"),
            ("We were given food.", "were given"),
            ("Meetings are held monthly.", "are held"),
            ("It has been shown that peers help.", "been shown"),
            ("The data were not collected.", "were not collected"),
            ("Staff are often trained on site.", "are often trained"),
            ("The results will be written up.", "be written"),
        ] {
            assert_eq!(passives(text), [want], "{text}");
        }
    }

    #[test]
    fn adjectives_and_active_sentences_are_not_passives() {
        for text in [
            "She is tired after work.",
            "They were interested in the work.",
            "He was married in 2001.",
            "She was born in Dublin.",
            "Peers completed the survey.",
            "The sky is red.",
            "It is a need, not a want.",
            "We are used to it.",
            "The clinic is open. Embedded peers help.",
            "Staff were, surprisingly, trained.",
        ] {
            assert!(passives(text).is_empty(), "{text}: {:?}", passives(text));
        }
    }
}
