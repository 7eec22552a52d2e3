//! Chinese prose, measured in characters: Chinese has no spaces between words and no
//! syllable counts a formula could use, so sentences are split at 。！？；(and the
//! half-width ! ? ;) and their length is the number of characters a reader reads: each
//! Han character, and each word in Latin (or another alphabet's) letters or number as
//! one, as word processors count Chinese text ("HIV" or "2023" is read at a glance, not
//! letter by letter); punctuation and spaces left out.
//!
//! Two proxies of difficulty, named as proxies (no Chinese formula is as established as
//! Flesch's): the percentage of characters outside the 3,500 first-level characters of
//! the General Standard Chinese Characters table (通用规范汉字表, 2013), which cover about
//! 99.5% of modern written Chinese, and the mean sentence length in characters. The table
//! is `chinese_common.txt`, made from the Unicode Han Database (see its header).
//!
//! Traditional Chinese (zh-Hant, zh-TW, zh-HK, zh-MO, or a page written in Traditional
//! characters) is measured against the same 3,500 characters in their Traditional forms,
//! as Open Chinese Convert (OpenCC) writes each one (`chinese_traditional.txt`, made from
//! OpenCC's data with its Taiwan and Hong Kong standard forms; see its header).

use std::ops::Range;

use rustc_hash::FxHashSet as HashSet;

use super::measures::{Measure, Measures};

/// Marks that end a Chinese sentence: full-width and half-width.
const STOPS: &[char] = &['。', '！', '？', '；', '!', '?', ';', '…'];

/// Closing marks that stay with the sentence they end.
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', '》', '"', '\'', ')'];

/// Whether `c` is read as a character of the text (not punctuation or white space).
pub fn is_counted(c: char) -> bool {
    c.is_alphanumeric()
}

pub use crate::load::languages::is_han;

/// The characters of a text that a reader reads: each Han (or other wide) character,
/// and each run of letters and digits of an alphabet as one.
pub fn characters(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if !is_counted(c) {
            in_word = false;
        } else if is_wide(c) {
            n += 1;
            in_word = false;
        } else if !in_word {
            n += 1;
            in_word = true;
        }
    }
    n
}

/// A character read on its own, as one: Han, and the other wide characters of East
/// Asian scripts (kana, hangul, full-width letters).
fn is_wide(c: char) -> bool {
    is_han(c) || unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// Splits Chinese prose into sentences: byte ranges, trimmed, each ending after its stop
/// and any closing quotes or brackets. A full stop "." ends a sentence only before white
/// space (English words inside Chinese text), so "4.2" does not.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let english_stop = c == '.'
            && chars
                .peek()
                .is_none_or(|&(_, d)| d.is_whitespace() || CLOSERS.contains(&d));
        if !STOPS.contains(&c) && !english_stop {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !(STOPS.contains(&d) || CLOSERS.contains(&d)) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = text.get(r.clone()).unwrap_or_default();
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// The script Chinese text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Simplified,
    Traditional,
}

impl Script {
    /// The script a Chinese language tag names, matched in any case: a script subtag
    /// (`zh-Hant`, `zh-Hans-SG`) or a region that writes Traditional characters (`zh-TW`,
    /// `zh-HK`, `zh-MO`) or Simplified ones (`zh-CN`, `zh-SG`, `zh-MY`). `None` for a
    /// tag that says neither (`zh`): the text tells ([`CharStats::script`]).
    pub fn of_tag(tag: &str) -> Option<Script> {
        let mut subtags = tag.split(['-', '_']).skip(1);
        subtags.find_map(|sub| match sub.to_ascii_lowercase().as_str() {
            "hant" | "tw" | "hk" | "mo" => Some(Script::Traditional),
            "hans" | "cn" | "sg" | "my" => Some(Script::Simplified),
            _ => None,
        })
    }
}

/// The Traditional forms of a Simplified character as OpenCC writes it (itself among
/// them when Traditional text writes it the same way too); empty for a character
/// written the same way in both scripts.
pub fn traditional_forms(c: char) -> &'static str {
    static FORMS: std::sync::OnceLock<rustc_hash::FxHashMap<char, &'static str>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        (include_str!("chinese_traditional.txt").lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(s, t)| Some((s.chars().next()?, t)))
            .collect()
    });
    forms.get(&c).copied().unwrap_or_default()
}

/// Whether a Han character is one of the 3,500 first-level characters of the 2013 table
/// as Traditional text writes them ([`traditional_forms`]).
pub fn is_common_traditional(c: char) -> bool {
    static COMMON: std::sync::OnceLock<HashSet<char>> = std::sync::OnceLock::new();
    COMMON
        .get_or_init(|| {
            let simplified = include_str!("chinese_common.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::chars);
            let mut set = HashSet::default();
            for s in simplified {
                match traditional_forms(s) {
                    "" => set.insert(s),
                    forms => {
                        set.extend(forms.chars());
                        true
                    }
                };
            }
            set
        })
        .contains(&c)
}

/// Whether a Han character is one of the 3,500 first-level characters of the 2013 table.
pub fn is_common(c: char) -> bool {
    static COMMON: std::sync::OnceLock<HashSet<char>> = std::sync::OnceLock::new();
    COMMON
        .get_or_init(|| {
            include_str!("chinese_common.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::chars)
                .collect()
        })
        .contains(&c)
}

/// The character counts of Chinese prose, for the proxies.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CharStats {
    pub sentences: usize,
    /// Characters read (see [`characters`]).
    pub characters: usize,
    pub han: usize,
    /// Han characters outside the 3,500 first-level characters.
    pub uncommon: usize,
    /// Han characters outside those 3,500 as Traditional text writes them.
    pub uncommon_traditional: usize,
}

impl CharStats {
    /// The counts of one block of prose.
    pub fn of(text: &str) -> CharStats {
        let mut s = CharStats {
            sentences: split_sentences(text)
                .into_iter()
                .filter(|r| characters(&text[r.clone()]) > 0)
                .count(),
            characters: characters(text),
            ..CharStats::default()
        };
        for c in text.chars().filter(|&c| is_han(c)) {
            s.han += 1;
            s.uncommon += usize::from(!is_common(c));
            s.uncommon_traditional += usize::from(!is_common_traditional(c));
        }
        s
    }

    /// The script the text is written in, when its language tag does not say: the one
    /// whose common characters it uses more of (Simplified when even).
    pub fn script(&self) -> Script {
        if self.uncommon_traditional < self.uncommon {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }

    pub fn add(&mut self, o: &CharStats) {
        self.sentences += o.sentences;
        self.characters += o.characters;
        self.han += o.han;
        self.uncommon += o.uncommon;
        self.uncommon_traditional += o.uncommon_traditional;
    }

    /// The two proxies, when the text has Han characters, in `script` (`None`: the
    /// script the text is written in).
    pub fn measures(&self, script: Option<Script>) -> Measures {
        if self.han == 0 {
            return Measures::new();
        }
        let uncommon = match script.unwrap_or_else(|| self.script()) {
            Script::Simplified => self.uncommon,
            Script::Traditional => self.uncommon_traditional,
        };
        Measures::from([
            (
                Measure::UncommonCharactersPercent,
                100.0 * uncommon as f64 / self.han as f64,
            ),
            (
                Measure::CharactersPerSentence,
                self.characters as f64 / self.sentences.max(1) as f64,
            ),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_sentences_end_at_full_width_and_half_width_stops() {
        let t = "我们问了使用毒品的人。他们说：“按时付钱！”真的吗？是的; 还有4.2 mg. Done";
        let parts: Vec<&str> = split_sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            parts,
            [
                "我们问了使用毒品的人。",
                "他们说：“按时付钱！”",
                "真的吗？",
                "是的;",
                "还有4.2 mg.",
                "Done"
            ]
        );
    }

    #[test]
    fn characters_leave_out_punctuation_and_spaces() {
        assert_eq!(characters("我们，问了 HIV。"), 5);
    }

    #[test]
    fn a_word_or_number_in_letters_counts_as_one_character() {
        assert_eq!(characters("2023年，WHO说"), 4);
        assert_eq!(characters("ＨＩＶ检测"), 5);
        // An English sentence in a Chinese page is as long as its words.
        let english = "In this example, people asked to comment on finished plans felt used.";
        assert_eq!(characters(english), 12);
    }

    #[test]
    fn the_common_table_has_the_3500_first_level_characters() {
        let all: HashSet<char> = include_str!("chinese_common.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::chars)
            .collect();
        assert_eq!(all.len(), 3500);
        assert!(all.iter().all(|&c| is_han(c)));
        assert!(is_common('人') && is_common('药') && !is_common('鬱'));
    }

    #[test]
    fn proxies_count_uncommon_characters_and_sentence_length() {
        // 丁丙诺啡 (buprenorphine): 啡 is common, 丙 and 诺 are common, 丁 is common.
        let s = CharStats::of("我们很忧郁。氯胺酮和芬太尼很危险。");
        let m = s.measures(Some(Script::Simplified));
        assert_eq!(s.sentences, 2);
        assert_eq!(s.characters, 15);
        assert!(m[&Measure::CharactersPerSentence] - 7.5 < 1e-9);
        // 郁 is common; 氯 and 胺 and 酮 are not all common: the share is above zero.
        assert!(m[&Measure::UncommonCharactersPercent] > 0.0);
        assert!(CharStats::of("Only English.").measures(None).is_empty());
    }

    /// A plain Traditional text (the tester's zh-TW page) uses common characters as
    /// Taiwan writes them: measured against the Simplified table alone, 41% of them
    /// were "uncommon".
    #[test]
    fn traditional_text_is_measured_against_the_common_characters_in_traditional_forms() {
        let text = "這個網站說明我們的研究。參與研究的人都得到了報酬。我們問他們對工作的感覺。大多數人說，得到報酬讓他們覺得自己的時間受到尊重。有些人說，他們希望更早參與計畫。我們會把這些意見寫進報告裡，讓決策者看到。請閱讀以下各頁，了解更多內容。";
        let s = CharStats::of(text);
        let share = |script| s.measures(script)[&Measure::UncommonCharactersPercent];
        assert!(share(Some(Script::Simplified)) > 30.0);
        assert!(
            share(Some(Script::Traditional)) < 2.0,
            "{}",
            share(Some(Script::Traditional))
        );
        // Untagged, the text says which script it is in.
        assert_eq!(s.script(), Script::Traditional);
        assert_eq!(share(None), share(Some(Script::Traditional)));
        let simplified = CharStats::of("这个网站说明我们的研究。参与研究的人都得到了报酬。");
        assert_eq!(simplified.script(), Script::Simplified);
        // Hong Kong and Taiwan forms are both common; 鬱 is the Traditional form of 郁.
        assert!(is_common_traditional('裡') && is_common_traditional('裏'));
        assert!(is_common_traditional('爲') && is_common_traditional('為'));
        assert!(is_common_traditional('鬱') && !is_common('鬱'));
        assert!(!is_common_traditional('们') && is_common('们'));
    }

    #[test]
    fn a_language_tag_names_the_script_in_any_case_and_with_any_subtags() {
        use Script::{Simplified, Traditional};
        for (tag, script) in [
            ("zh-TW", Some(Traditional)),
            ("zh-tw", Some(Traditional)),
            ("zh-HK", Some(Traditional)),
            ("zh-MO", Some(Traditional)),
            ("zh-Hant", Some(Traditional)),
            ("ZH-HANT-TW", Some(Traditional)),
            ("zh-Hant-HK", Some(Traditional)),
            ("zh_Hant", Some(Traditional)),
            ("zh-Hans", Some(Simplified)),
            ("zh-Hans-TW", Some(Simplified)),
            ("zh-CN", Some(Simplified)),
            ("zh-SG", Some(Simplified)),
            ("zh", None),
        ] {
            assert_eq!(Script::of_tag(tag), script, "{tag}");
        }
    }
}
