//! Stage 5, checks: the shape of a token that the jargon and abbreviation checks look
//! at (a capital first, the one plain word inside its punctuation, long enough to be
//! jargon, all capitals), worked out once per token with its syllables and shared.

/// What the jargon and abbreviation checks need to know about one token, the same for
/// every occurrence of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Worth a closer look: three syllables or more, or a capital first (its first ASCII
    /// letter or digit is a capital).
    pub look: bool,
    /// The token's one plain word ([`single_ascii_word`]): where it starts in the token
    /// and how long it is, in bytes (`None`: the token has another shape, or is too long
    /// to say so here; its words are then read one by one).
    pub single: Option<(u16, u16)>,
    /// That word passes the first tests of jargon ([`may_be_jargon`]).
    pub jargon: bool,
    /// That word is an abbreviation ([`is_abbreviation`]).
    pub abbreviation: bool,
    /// The token's syllables were counted on that word alone (the token has no other
    /// letter, digit or '_'), so they are the word's. Set by whoever counted them.
    pub counted: bool,
    /// That word's [`word_hash`] (0 without one).
    pub hash: u64,
}

impl Shape {
    /// The shape of `token` (a run of text without white space) of `syllables` syllables.
    pub fn of(token: &str, syllables: u8) -> Shape {
        let capital = token
            .bytes()
            .find(u8::is_ascii_alphanumeric)
            .is_some_and(|b| b.is_ascii_uppercase());
        let single = single_ascii_word(token);
        let at = single.and_then(|(lead, word)| {
            Some((u16::try_from(lead).ok()?, u16::try_from(word.len()).ok()?))
        });
        let word = single.filter(|_| at.is_some()).map(|(_, w)| w);
        Shape {
            look: syllables >= 3 || capital,
            single: at,
            jargon: word.is_some_and(may_be_jargon),
            abbreviation: word.is_some_and(is_abbreviation),
            counted: false,
            hash: word.map_or(0, word_hash),
        }
    }
}

impl Shape {
    /// The shape, knowing that the syllables of `token` were counted on `counted` (its
    /// letters, digits and '_', and some apostrophes).
    pub fn counted_on(mut self, token: &str, counted: &str) -> Shape {
        self.counted = self.single.is_some_and(|(lead, len)| {
            let lead = usize::from(lead);
            token.get(lead..lead + usize::from(len)) == Some(counted)
        });
        self
    }
}

/// A word's hash for [`SeenWords`], worked out once per token with its shape.
pub fn word_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// The words a page has already looked at, each with its [`word_hash`]: an open table
/// whose slots hold the hash and the word (no hashing when a word comes again, only a
/// comparison of hashes, then of the words).
#[derive(Default)]
pub struct SeenWords<'a> {
    /// A power of two long, at most half full; "" marks an empty slot.
    slots: Vec<(u64, &'a str)>,
    len: usize,
}

impl<'a> SeenWords<'a> {
    /// An empty table of `slots` slots (a power of two, at least 64), for half as many
    /// words before it grows.
    pub fn with_slots(slots: usize) -> Self {
        SeenWords {
            slots: vec![(0, ""); slots.next_power_of_two().max(64)],
            len: 0,
        }
    }

    /// Adds `word` (`hash`: its [`word_hash`]); whether it was not there yet. An empty
    /// word is never added (and is new each time). Inlined: the checks ask for every
    /// word that may be jargon or an abbreviation.
    #[inline]
    pub fn insert(&mut self, hash: u64, word: &'a str) -> bool {
        if word.is_empty() {
            return true;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        loop {
            match self.slots.get_mut(at) {
                Some(slot) if slot.1.is_empty() => {
                    *slot = (hash, word);
                    self.len += 1;
                    return true;
                }
                Some(slot) if slot.0 == hash && slot.1 == word => return false,
                Some(_) => at = (at + 1) & mask,
                None => return true,
            }
        }
    }

    /// Twice the slots (64 at first), the words put back by their hashes.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![(0, ""); size]);
        self.len = 0;
        for (hash, word) in old.into_iter().filter(|(_, w)| !w.is_empty()) {
            self.insert(hash, word);
        }
    }
}

/// The one word of an ASCII token made of punctuation, a run of letters and digits, and
/// punctuation (no apostrophe or hyphen, which can join words), with where it starts.
pub fn single_ascii_word(token: &str) -> Option<(usize, &str)> {
    let bytes = token.as_bytes();
    let class = |b: &u8| BYTE_CLASS.get(usize::from(*b)).copied().unwrap_or(OTHER);
    let lead = bytes.iter().take_while(|b| class(b) == PUNCTUATION).count();
    let run = bytes
        .get(lead..)?
        .iter()
        .take_while(|b| class(b) == LETTER)
        .count();
    let after = bytes.get(lead + run..)?;
    (run > 0 && after.iter().all(|b| class(b) == PUNCTUATION))
        .then(|| token.get(lead..lead + run).map(|w| (lead, w)))
        .flatten()
}

/// What a byte is to [`single_ascii_word`], looked up rather than worked out: an ASCII
/// letter or digit, punctuation around a word, or anything else (an apostrophe or a
/// hyphen, which can join words, or a byte outside ASCII).
const BYTE_CLASS: [u8; 256] = crate::text::byte_table!(OTHER, |b| if b.is_ascii_alphanumeric() {
    LETTER
} else if b == b'\'' || b == b'-' {
    OTHER
} else {
    PUNCTUATION
});
const LETTER: u8 = 0;
const PUNCTUATION: u8 = 1;
const OTHER: u8 = 2;

/// All capitals, two letters or more (digits allowed after the first letter): PWUD, OAT.
pub fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && word.len() >= 2
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// Whether a word passes the first tests of the jargon checks (English and French): long
/// enough, not a name (capitalized), no digit. A word that does not is never jargon, and
/// is not remembered as seen.
pub fn may_be_jargon(word: &str) -> bool {
    word.len() >= 6
        && !word.chars().next().is_some_and(char::is_uppercase)
        && !word.contains(char::is_numeric)
}

/// The white-space separated tokens of `text` that `keep` says yes to, as byte ranges:
/// what the prose checks hand a fast path, for tests that compare it with the slow one.
#[cfg(test)]
pub(crate) fn tokens_where(text: &str, keep: impl Fn(&str) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                if text.get(s..i).is_some_and(&keep) {
                    out.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_words_say_new_as_a_set_of_the_words_does() {
        let words: Vec<String> = (0..3_000).map(|n| format!("w{}", n % 700)).collect();
        // Real hashes, then every word on one hash (all collide), then a few hashes.
        let hashes = [word_hash as fn(&str) -> u64, |_| 7, |w| w.len() as u64];
        // Grown from empty, and made with room for a page's words.
        let starts = [SeenWords::default as fn() -> SeenWords<'static>, || {
            SeenWords::with_slots(256)
        }];
        for (hash, start) in hashes.into_iter().flat_map(|h| starts.map(|s| (h, s))) {
            let mut seen = start();
            let mut set = std::collections::HashSet::new();
            for w in &words {
                assert_eq!(seen.insert(hash(w), w), set.insert(w.as_str()), "{w}");
            }
        }
    }
}
