//! Stage 5 (checks), credit: keeps people's names where they agreed to them. A page's
//! front-matter `authors` may name a person only as they chose to be named in that
//! page's output, and a person's full name may not appear in any page of an output
//! where they are not named in full (text, alt text, meta tags, anything). These are
//! errors, never ignorable: a name in the wrong place can put someone at risk.

use crate::load::discover::SourceFile;
use crate::load::people::{Channel, Naming, Person};
use crate::model::{Page, PageRole};
use crate::text::diagnostics::{Diagnostic, LineIndex};
use crate::text::html_scan::RAW_TEXT;
use crate::text::rule::{CheckConfig, Rule};

/// The output a page belongs to, for consent.
pub fn channel_of(page: &Page) -> Channel {
    match page.role() {
        PageRole::Brief => Channel::Brief,
        PageRole::Deck => Channel::Slides,
        PageRole::Page => Channel::Site,
    }
}

fn output_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Site => "the site",
        Channel::Brief => "the brief",
        Channel::Slides => "the slides",
        Channel::Citation => "citations",
    }
}

/// Lower case with every run of white space as one space, to compare names as read.
fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Each front-matter author that names a person other than as they chose for this
/// page's output, at its line and column.
pub fn check_authors(pages: &[Page], people: &[Person], sources: &[SourceFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| !p.fallback) {
        let Some(src) = page.source.and_then(|i| sources.get(i)) else {
            continue;
        };
        let channel = channel_of(page);
        // The file's lines are found only for a page with a problem (few).
        let mut index = None;
        for (author, offset) in page.meta.authors.iter().zip(&page.meta.places.authors) {
            if let Some(d) = author_problem(author, channel, people) {
                let index = index.get_or_insert_with(|| LineIndex::new(&src.text));
                out.push(d.at_offset(&page.file, index, &src.text, *offset));
            }
        }
    }
    out
}

fn author_problem(author: &str, channel: Channel, people: &[Person]) -> Option<Diagnostic> {
    let wanted = normal(author);
    let person = people.iter().find(|p| {
        p.full_name().is_some_and(|n| normal(n) == wanted)
            || p.pseudonym().is_some_and(|n| normal(n) == wanted)
    })?;
    let shown = person.shown(channel);
    if shown.as_ref().is_some_and(|s| normal(&s.name) == wanted) {
        return None;
    }
    let d = Diagnostic::error(format!(
        "this author is named in a way they did not agree to on {}",
        output_name(channel)
    ));
    Some(match shown {
        Some(s) => d.help(format!(
            "they chose to be named {} here: write \"{}\" (see content/_data/people.yaml)",
            naming_words(person.named),
            s.name
        )),
        None => d.help(format!(
            "remove this author: they have not agreed to be named on {} (consent in content/_data/people.yaml)",
            output_name(channel)
        )),
    })
}

fn naming_words(n: Naming) -> &'static str {
    match n {
        Naming::Full => "in full",
        Naming::Initials => "by their initials",
        Naming::Pseudonym => "by a pseudonym",
        Naming::RoleOnly => "by their role only",
        Naming::Anonymous => "not at all",
    }
}

/// The forms of the full name of each person who is not named in full in `channel`, as
/// compared (see [`name_words`]): the name as written, family name first ("Doe, Jane")
/// and with the given name's initial ("J. Doe", "Doe J"), as reference lists write them.
pub fn hidden_names(people: &[Person], channel: Channel) -> Vec<Vec<String>> {
    hidden_people(people, channel)
        .into_iter()
        .map(|h| h.forms)
        .collect()
}

/// A person not named in full in an output, as the check looks for them.
struct Hidden {
    /// The forms of their full name ([`hidden_names`]).
    forms: Vec<String>,
    /// Their family name alone as a whole word (" doe "), for someone named by a
    /// pseudonym, by their role or not at all whose name has a given name and a family
    /// name in a script written with spaces: on its own it can still point to them. A
    /// given name alone is too common to look for.
    family: Option<String>,
}

fn hidden_people(people: &[Person], channel: Channel) -> Vec<Hidden> {
    people
        .iter()
        .filter_map(|p| {
            let full = p.full_name()?;
            let shown_in_full = p
                .shown(channel)
                .is_some_and(|s| p.named == Naming::Full && normal(&s.name) == normal(full));
            let written = name_words(full);
            (!shown_in_full && !written.trim().is_empty()).then(|| {
                let joined = without_spaces(&written);
                let mut forms = name_forms(p, written);
                forms.extend(joined);
                with_prefixes(&mut forms);
                Hidden {
                    forms,
                    family: family_form(p),
                }
            })
        })
        .collect()
}

/// The family name of `person` alone as compared (" doe "), when they chose a
/// pseudonym, their role or no name, and their name has a given name before it; `None`
/// for a family name without two letters of a script written with spaces: a number
/// ("Grace Mbeki 2"), an initial, or a Chinese family name (one or two characters found
/// inside many words).
fn family_form(person: &Person) -> Option<String> {
    if !matches!(
        person.named,
        Naming::Pseudonym | Naming::Anonymous | Naming::RoleOnly
    ) {
        return None;
    }
    let (Some(_), Some(family)) = person.given_and_family() else {
        return None;
    };
    let family = name_words(&family);
    let letters = family
        .chars()
        .filter(|&c| c.is_alphabetic() && !unspaced(c));
    (letters.count() > 1).then_some(family)
}

/// Whether `c` is a Korean letter (a syllable or a jamo): Korean is written with spaces,
/// but particles and honorifics follow a name without one ("김민준씨에게"), so a name in
/// it is found as letters without spaces ([`without_spaces`]), and a change between a
/// Korean letter and one of another script ("Wang Xiaoming씨") is a word boundary.
fn hangul(c: char) -> bool {
    matches!(
        c,
        '\u{1100}'..='\u{11ff}'
            | '\u{3130}'..='\u{318f}'
            | '\u{a960}'..='\u{a97f}'
            | '\u{ac00}'..='\u{d7af}'
            | '\u{d7b0}'..='\u{d7ff}'
    )
}

/// The kinds of script a word boundary falls between: a change of kind between two
/// letters is a boundary ("感谢Wang", "Xiaoming씨").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Written with spaces between words (Latin, Cyrillic, Arabic…).
    Spaced,
    /// Written without spaces ([`unspaced`]).
    Unspaced,
    /// Korean ([`hangul`]).
    Korean,
}

impl Script {
    fn of(c: char) -> Script {
        if unspaced(c) {
            Script::Unspaced
        } else if hangul(c) {
            Script::Korean
        } else {
            Script::Spaced
        }
    }
}

/// Whether `c` is a letter of a script written without spaces between words (Chinese,
/// Japanese kana, Thai, Lao, Khmer, Myanmar, Tibetan, Yi): a name in it is found inside
/// running text, and a change between such a letter and one of a script written with
/// spaces ("感谢Wang") is a word boundary.
fn unspaced(c: char) -> bool {
    crate::load::languages::is_han(c)
        || matches!(
            c,
            '\u{e00}'..='\u{fff}'
                | '\u{1000}'..='\u{109f}'
                | '\u{1780}'..='\u{17ff}'
                | '\u{19e0}'..='\u{19ff}'
                | '\u{3005}'..='\u{3007}'
                | '\u{3040}'..='\u{30ff}'
                | '\u{3100}'..='\u{312f}'
                | '\u{31a0}'..='\u{31ff}'
                | '\u{a000}'..='\u{a4cf}'
                | '\u{a9e0}'..='\u{a9ff}'
                | '\u{aa60}'..='\u{aa7f}'
                | '\u{ff66}'..='\u{ff9f}'
        )
}

/// A name written in two or more letters of scripts without spaces ([`unspaced`]:
/// "李华", "张小明", "สมชาย"), or in three or more wide letters (a Korean name, which
/// particles follow without a space), as also compared: without spaces, anywhere in the
/// text (running text holds "我们感谢李华的帮助"). Its whole-word forms are kept too
/// ("山田 太郎"). Two characters may also be part of a longer word ("高峰" in "高峰期",
/// rush hour): that is reported all the same, and the site's `allow` list (in `[checks]`)
/// takes such a word out of the search. `None` for a name in an alphabet.
fn without_spaces(written: &str) -> Option<String> {
    let wide = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    let letters: String = written.chars().filter(|&c| c != ' ').collect();
    let count = letters.chars().count();
    // Folded, a Korean syllable is two or three jamo, some of no width ("김" is 3).
    let found = (count >= 2 && letters.chars().all(unspaced))
        || (count >= 3 && letters.chars().all(|c| unspaced(c) || wide(c) || hangul(c)));
    found.then_some(letters)
}

/// Arabic and Hebrew write "and", "to", "in", "the" and the like as a letter joined to
/// the word after it ("ومحمد العلي", "לדוד כהן"): each whole-word form of a name in
/// those scripts is also looked for with one of them, or two, before it.
fn with_prefixes(forms: &mut Vec<String>) {
    const ARABIC: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"];
    const HEBREW: &[&str] = &[
        "ו", "ה", "ב", "כ", "ל", "מ", "ש", "וב", "ול", "ומ", "וה", "וש", "שב", "של", "שמ", "שה",
    ];
    let prefixed: Vec<String> = forms
        .iter()
        .filter_map(|form| {
            let rest = form.strip_prefix(' ')?;
            let prefixes = match rest.chars().next()? {
                '\u{600}'..='\u{6ff}' => ARABIC,
                '\u{590}'..='\u{5ff}' => HEBREW,
                _ => return None,
            };
            Some(prefixes.iter().map(move |p| format!(" {p}{rest}")))
        })
        .flatten()
        .collect();
    forms.extend(prefixed);
}

fn name_forms(person: &Person, written: String) -> Vec<String> {
    let mut forms = vec![written];
    if let (Some(given), Some(family)) = person.given_and_family() {
        let (given, family) = (name_words(&given), name_words(&family));
        let (given, family) = (given.trim(), family.trim());
        let initial: String = given.chars().take(1).collect();
        forms.push(format!(" {family} {given} "));
        forms.push(format!(" {initial} {family} "));
        forms.push(format!(" {family} {initial} "));
    }
    forms
}

/// Each person whose full name is in `html`, a page of an output where they are not
/// named in full, or in the page's address, old addresses (`aliases`) or file name
/// ([`place_names`] says where it is written); and each person named by a pseudonym,
/// their role or not at all whose family name is there alone ([`Hidden::family`]).
/// `loose`, when given, is the page as the build's scan read it for the hidden names
/// ([`NameReader::for_page`]): a page it shows cannot name anyone is not parsed. Words of
/// `checks.allow` are not searched for names without spaces ([`without_spaces`]).
pub fn names_in_page(
    html: &str,
    page: &Page,
    people: &[Person],
    loose: Option<NameReader>,
    checks: &CheckConfig,
) -> Vec<Shown> {
    let hidden = hidden_people(people, channel_of(page));
    if hidden.is_empty() || loose.is_some_and(|r| !r.may_name(html, page, &searched(&hidden))) {
        return Vec::new();
    }
    let mut read = as_read(html);
    for address in [&page.url, &page.file]
        .into_iter()
        .chain(page.meta.aliases.iter().map(|a| &a.value))
    {
        read.push_str(address);
        read.push_str(BREAK);
    }
    let text = Folded::new(
        format!("{}{BREAK}{}", name_words(html), name_words(&read)),
        &checks.allow,
    );
    // A family name is alone where no full name is around it, in the page as read
    // (references decoded) one way (invisible characters left out), so that
    // "Mar\u{200b}guerite Okonkwo" read with a space is not "Okonkwo" alone.
    let as_read_once = std::cell::OnceCell::new();
    let one_way = || as_read_once.get_or_init(|| Folded::new(fold_words(&read), &checks.allow));
    let output = output_name(channel_of(page));
    let mut shown = Vec::new();
    for h in hidden {
        let full = h.forms.iter().flat_map(|f| text.hits(f)).next().is_some();
        let alone = h.family.as_ref().is_some_and(|f| {
            if text.hits(f).next().is_none() {
                return false;
            }
            let one_way = one_way();
            let full: Vec<(usize, usize)> = h.forms.iter().flat_map(|f| one_way.hits(f)).collect();
            outside(one_way.hits(f), &full)
        });
        let joined = h
            .forms
            .iter()
            .any(|f| !f.starts_with(' ') && text.hits(f).next().is_some());
        if alone {
            shown.push(Shown {
                forms: h.forms.clone(),
                family: h.family,
                joined: false,
                output,
            });
        }
        if full {
            shown.push(Shown {
                forms: h.forms,
                family: None,
                joined,
                output,
            });
        }
    }
    shown
}

/// Whether one of `hits` is outside every range of `full`.
fn outside(mut hits: impl Iterator<Item = (usize, usize)>, full: &[(usize, usize)]) -> bool {
    hits.any(|(s, l)| !full.iter().any(|&(fs, fl)| fs <= s && l <= fl))
}

/// Every form the hidden people are looked for in, one list a person, their family
/// names alone among them.
fn searched(hidden: &[Hidden]) -> Vec<Vec<String>> {
    hidden
        .iter()
        .map(|h| h.forms.iter().chain(&h.family).cloned().collect())
        .collect()
}

/// A hidden name a page shows: the forms of the person's full name, the family name
/// when that is what it shows alone, whether it was found as letters without spaces
/// (maybe inside a longer word), and the output.
pub struct Shown {
    forms: Vec<String>,
    family: Option<String>,
    joined: bool,
    output: &'static str,
}

impl Shown {
    /// The byte offset in `text` of each place it is written, in order: the full name's;
    /// for a family name alone, its own outside the full name's.
    fn places(&self, text: &str, allow: &[String]) -> Vec<usize> {
        let Some(family) = &self.family else {
            return places(text, &self.forms, allow)
                .into_iter()
                .map(|(start, _)| start)
                .collect();
        };
        let full: Vec<(usize, usize)> = every_place(text, &self.forms, allow)
            .into_iter()
            .map(|(_, s, e)| (s, e))
            .collect();
        places(text, std::slice::from_ref(family), allow)
            .into_iter()
            .filter(|&(s, e)| !full.iter().any(|&(fs, fe)| fs <= s && e <= fe))
            .map(|(start, _)| start)
            .collect()
    }

    /// The problem of a page that shows it, or of a file pages share (`shared`).
    fn problem(&self, checks: &CheckConfig, shared: bool) -> Option<Diagnostic> {
        let Some(_) = self.family else {
            return Some(match shared {
                true => Diagnostic::error(format!(
                    "this file names in full someone who did not agree to it on {}, and pages show it there",
                    self.output
                ))
                .help("write the name only as content/_data/people.yaml says the person chose, or take it out (the name is not repeated here)"),
                false => page_names(self.output, self.joined),
            });
        };
        let what = if shared { "file" } else { "page" };
        let d = checks.diagnostic(
            Rule::HiddenFamilyName,
            format!(
                "this {what} gives the family name of someone who chose not to be named in full on {}, and it can point to them",
                self.output
            ),
        )?;
        Some(d.help(format!(
            "take the family name out, or write the name content/_data/people.yaml gives (the name is not repeated here); if this word is not about the person, add the phrase it is in to allow under [checks] in site.toml, or ignore_checks: [{}] to the page's front matter",
            Rule::HiddenFamilyName.as_str()
        )))
    }
}

/// Each name a page shows ([`names_in_page`]) as one problem at each place it is
/// written: in the page's own file (`own`, its text with front matter); else in the
/// files pages share (`shared`: (file as shown, text), asked for only then), the same
/// problems for every page that shows it, so they are reported once; else (an address,
/// a file name, words made by a template) at the page.
pub fn place_names(
    shown: Vec<Shown>,
    page: &Page,
    own: Option<&str>,
    shared: impl FnOnce() -> Vec<(String, String)>,
    checks: &CheckConfig,
) -> Vec<Diagnostic> {
    let mut shared = Some(shared);
    let mut shared_files: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    let at = |d: Diagnostic, file: &str, text: &str, offset: usize| {
        let (line, column) = line_col(text, offset);
        d.at_line(file, None, line, column)
    };
    for s in shown {
        let own_places = own.map(|t| (t, s.places(t, &checks.allow)));
        if let Some((text, places)) = own_places.filter(|(_, p)| !p.is_empty()) {
            for offset in places {
                out.extend(
                    s.problem(checks, false)
                        .map(|d| at(d, &page.file, text, offset)),
                );
            }
            continue;
        }
        if let Some(read) = shared.take() {
            shared_files = read();
        }
        let before = out.len();
        for (file, text) in &shared_files {
            for offset in s.places(text, &checks.allow) {
                out.extend(s.problem(checks, true).map(|d| at(d, file, text, offset)));
            }
        }
        if out.len() == before {
            out.extend(
                s.problem(checks, false)
                    .map(|d| d.in_file(page.file.clone())),
            );
        }
    }
    out
}

/// The line and column of byte `at` of `text`. The line is not quoted with the
/// problem: it holds the name.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    LineIndex::new(text).locate(text, at)
}

/// The error of a page that names someone in full; `joined` when the name was found as
/// letters without spaces, which may be part of a longer word.
fn page_names(output: &str, joined: bool) -> Diagnostic {
    let help = "look for the person's full name, in any order or with initials, in this page's text, front matter, alt text, address (slug, aliases, file name) and image file names, and write it only as content/_data/people.yaml says they chose (the name is not repeated here)";
    let d = Diagnostic::error(format!(
        "this page names in full someone who did not agree to it on {output}"
    ));
    match joined {
        false => d.help(format!("{help}; if these words are not the person (\"a long time\" read as the initial A and the name Long), add the phrase to allow under [checks] in site.toml")),
        true => d.help(format!("{help}; if here these characters are part of a longer word and not the person, add that word to allow under [checks] in site.toml")),
    }
}

/// Where the names of `forms` are written in `text`, as [`name_words`] reads it with
/// its character references decoded (`O&shy;ttoline`): the form's index and the byte
/// range in `text` of each, by form. Words of `allow` are left out as [`Folded`]
/// leaves them out.
fn every_place(text: &str, forms: &[String], allow: &[String]) -> Vec<(usize, usize, usize)> {
    let chars = decoded_chars(text);
    let mut found = Vec::new();
    // Invisible characters left out, then (if there are any) read as spaces.
    for spaced in [false, true] {
        if spaced && !chars.iter().any(|&(_, _, c)| ignorable(c)) {
            break;
        }
        let mut folded = String::with_capacity(text.len() + 2);
        let mut marks: Vec<(usize, usize, usize)> = Vec::new();
        let read = chars.iter().map(|&(start, end, c)| {
            let c = if spaced && ignorable(c) { ' ' } else { c };
            (start, end, c)
        });
        fold_chars(read, &mut folded, |at, start, end| {
            marks.push((at, start, end))
        });
        let source = |at: usize| {
            let i = marks.partition_point(|&(m, _, _)| m <= at);
            marks[i.saturating_sub(1)]
        };
        let folded = Folded::new(folded, allow);
        for (i, form) in forms.iter().enumerate() {
            let hits = folded.hits(form).filter(|_| !marks.is_empty());
            found.extend(hits.map(|(first, last)| (i, source(first).1, source(last).2)));
        }
    }
    found.sort_by_key(|p| p.0);
    found
}

/// [`every_place`], one place for one name: a form is kept where it does not overlap a
/// place of a form before it ("Doe.\nJane Doe" holds "Doe Jane" across "Jane Doe";
/// the name as written comes first), in order.
fn places(text: &str, forms: &[String], allow: &[String]) -> Vec<(usize, usize)> {
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (_, s, e) in every_place(text, forms, allow) {
        if !kept.iter().any(|&(ks, ke)| s < ke && ks < e) {
            kept.push((s, e));
        }
    }
    kept.sort_unstable();
    kept
}

/// The characters of `text` as a browser reads them, each with the byte range it is
/// written in: a character reference (`&shy;`, `&nbsp;`, `&#233;`) as its characters,
/// and a [`BREAK`] at the end of a blank line, which ends a paragraph.
fn decoded_chars(text: &str) -> Vec<(usize, usize, char)> {
    let mut out = Vec::with_capacity(text.len());
    let mut next = 0;
    let mut blank = true;
    for (i, c) in text.char_indices() {
        if i < next {
            continue;
        }
        if c == '\n' && blank {
            out.extend(BREAK.chars().map(|b| (i, i + 1, b)));
        }
        blank = c == '\n' || (blank && c.is_whitespace());
        if let Some((len, decoded)) = (c == '&').then(|| reference(&text[i..])).flatten() {
            out.extend(decoded.into_iter().map(|d| (i, i + len, d)));
            next = i + len;
            continue;
        }
        out.push((i, i + c.len_utf8(), c));
    }
    out
}

/// The character reference `text` starts with, as its length and its characters.
fn reference(text: &str) -> Option<(usize, Vec<char>)> {
    let semi = text.bytes().take(40).position(|b| b == b';')?;
    let written = &text[..=semi];
    if written.starts_with("&#") {
        let mut decoded = String::new();
        crate::text::html_scan::decode_known_into(written, &mut decoded);
        return (decoded != written).then(|| (written.len(), decoded.chars().collect()));
    }
    let &(a, b) = html5ever::data::NAMED_ENTITIES.get(&written[1..])?;
    let chars = [a, b].into_iter().filter(|&n| n != 0);
    Some((written.len(), chars.filter_map(char::from_u32).collect()))
}

/// What quotes a page's sentences back to its authors (the author report's hardest
/// sentences, a reading-grade help, a long sentence) with each hidden name in them, full
/// or a family name alone, written [`HIDDEN`]: the report is passed around a team.
pub struct Masker {
    hidden: Vec<Vec<String>>,
    allow: Vec<String>,
}

/// What a hidden name is written as where a page's sentences are quoted.
pub const HIDDEN: &str = "[name hidden]";

impl Masker {
    /// The masker of a page of output `channel`; `None` when everyone is named in full there.
    pub fn new(people: &[Person], channel: Channel, checks: &CheckConfig) -> Option<Self> {
        Masker::of(searched(&hidden_people(people, channel)), checks)
    }

    /// The masker of what the build prints and streams (the terminal, `--format json`,
    /// the dev server's error page), which end up in shared logs: every name hidden in
    /// any output. `None` when everyone is named in full everywhere.
    pub fn for_logs(people: &[Person], checks: &CheckConfig) -> Option<Self> {
        let channels = [
            Channel::Site,
            Channel::Brief,
            Channel::Slides,
            Channel::Citation,
        ];
        let mut hidden: Vec<Vec<String>> = Vec::new();
        for forms in channels
            .map(|c| searched(&hidden_people(people, c)))
            .concat()
        {
            if !hidden.contains(&forms) {
                hidden.push(forms);
            }
        }
        Masker::of(hidden, checks)
    }

    fn of(hidden: Vec<Vec<String>>, checks: &CheckConfig) -> Option<Self> {
        (!hidden.is_empty()).then(|| Masker {
            hidden,
            allow: checks.allow.clone(),
        })
    }

    /// Masks the hidden names in a problem's words (message, help, quoted sentence), and
    /// leaves out its source line when that names someone hidden: its file, line and
    /// column still say where it is.
    pub fn mask_problem(&self, d: &mut Diagnostic) {
        self.mask_in(&mut d.message);
        (d.help.iter_mut())
            .chain(&mut d.quote)
            .for_each(|t| self.mask_in(t));
        if let Some(place) = &mut d.location {
            let named = |l: &crate::text::diagnostics::SourceLine| self.mask(l.as_str()).is_some();
            if place.source_line.as_ref().is_some_and(named) {
                place.source_line = None;
            }
        }
    }

    /// `text` with its hidden names masked, or `None` when it has none.
    pub fn mask(&self, text: &str) -> Option<String> {
        let mut ranges: Vec<(usize, usize)> = self
            .hidden
            .iter()
            .flat_map(|forms| every_place(text, forms, &self.allow))
            .map(|(_, s, e)| (s, e))
            .collect();
        if ranges.is_empty() {
            return None;
        }
        ranges.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut done = 0;
        for (start, end) in ranges {
            if start >= done {
                out.push_str(&text[done..start]);
                out.push_str(HIDDEN);
            }
            done = done.max(end);
        }
        out.push_str(&text[done..]);
        Some(out)
    }

    /// Masks `text` in place.
    pub fn mask_in(&self, text: &mut String) {
        if let Some(masked) = self.mask(text) {
            *text = masked;
        }
    }
}

/// An error when a file copied into the site as it is (notes, a table, a calendar)
/// names in full, in its `text` or its path `file`, someone of `hidden` (the
/// [`hidden_names`] of the site).
pub fn names_in_file(
    text: &str,
    file: &str,
    hidden: &[Vec<String>],
    allow: &[String],
) -> Option<Diagnostic> {
    let folded = Folded::new(
        format!("{}{BREAK}{}", name_words(text), name_words(file)),
        allow,
    );
    hidden
        .iter()
        .any(|forms| forms.iter().any(|f| folded.hits(f).next().is_some()))
        .then(|| {
            Diagnostic::error(
                "this file, copied into the site as it is, names in full (in its words or its name) someone who did not agree to it on the site",
            )
            .in_file(file.to_string())
            .help("take the name out of the file, or write it as content/_data/people.yaml says the person chose (the name is not repeated here)")
        })
}

/// Text as names are compared: letters and digits in lower case without their accents
/// ("Amélie" and "AMELIE" are one word), every other run of characters (spaces,
/// punctuation, the hyphens and slashes of an address) one space, a [`BREAK`] kept as a
/// word of its own, and a space at each end, so that ` jane doe ` is found as whole words.
fn name_words(text: &str) -> String {
    // An invisible character may sit inside a word ("Mar\u{200b}guerite") or between
    // two ("Marguerite\u{200b}Okonkwo"): the text is read both ways, kept apart.
    if text.contains(ignorable) {
        let spaced: String = text
            .chars()
            .map(|c| if ignorable(c) { ' ' } else { c })
            .collect();
        return format!("{}{BREAK}{}", fold_words(text), fold_words(&spaced));
    }
    fold_words(text)
}

/// [`name_words`], invisible characters left out.
fn fold_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    fold_chars(
        text.char_indices().map(|(i, c)| (i, i, c)),
        &mut out,
        |_, _, _| {},
    );
    out
}

/// Adds `chars` (each with the byte range of the source it is written in) to `out` as
/// [`name_words`] folds them, a space between a letter of a script written without
/// spaces and one of a script written with them ([`unspaced`]); `mark(at, start, end)`
/// for each letter written at byte `at` of `out`, from `start..end` of the source.
fn fold_chars(
    chars: impl Iterator<Item = (usize, usize, char)>,
    out: &mut String,
    mut mark: impl FnMut(usize, usize, usize),
) {
    use unicode_normalization::char::is_combining_mark;
    out.push(' ');
    // The script of the letter before; `None` after a space.
    let mut last: Option<Script> = None;
    for (start, end, c) in chars {
        if c.is_ascii_alphanumeric() {
            if last.is_some_and(|k| k != Script::Spaced) {
                out.push(' ');
            }
            mark(out.len(), start, end);
            out.push(c.to_ascii_lowercase());
            last = Some(Script::Spaced);
        } else if c.is_alphanumeric() || c == BREAK_MARK {
            let kind = Script::of(c);
            if last.is_some_and(|k| k != kind) {
                out.push(' ');
            }
            mark(out.len(), start, end);
            fold_letter(c, |l| out.push(l));
            last = Some(kind);
        } else if !is_combining_mark(c) && !ignorable(c) {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            last = None;
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// A character that shows nothing and is not a space (a zero-width space or joiner, a
/// soft hyphen, a direction mark, a byte-order mark, a variation selector): text pasted
/// from a word processor or a web page carries them inside words, and "Mar\u{200b}guerite"
/// reads as "Marguerite". Left out, so a name split by one is still found.
fn ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// A letter or digit beyond ASCII as names are compared: in lower case, without its
/// accents, `œ` and `æ` as two letters, and in its plain form: Chinese and Japanese text
/// writes Latin letters full width ("感谢Ｗａｎｇ"), and styled letters pasted from social
/// media ("𝐉𝐚𝐧𝐞") read as "Jane" (compatibility decomposition, NFKD).
fn fold_letter(c: char, mut push: impl FnMut(char)) {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization as _;
    // Decomposed first: a styled capital ("𝐌") has no small letter of its own; its
    // plain form ("M") has.
    for l in (c.nfkd().flat_map(char::to_lowercase)).filter(|&l| !is_combining_mark(l)) {
        match l {
            'œ' => push('o'),
            'æ' => push('a'),
            _ => {}
        }
        push(match l {
            'œ' | 'æ' => 'e',
            _ => l,
        });
    }
}

/// Put between pieces of text a reader does not read as one line (two paragraphs, two
/// cells, two attributes), so no name is found across them.
const BREAK: &str = " \u{2016} ";
const BREAK_MARK: char = '\u{2016}';

/// Elements read as part of the line around them: their text joins the text beside them.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// The page as a reader and a reader's tools take it in: its text as parsed (character
/// references decoded), with inline tags such as `<em>` joined as the eye joins them, a
/// space for a line break and a [`BREAK`] around each block; then each attribute value
/// (alt text, meta tags, labels) apart.
fn as_read(html: &str) -> String {
    use ego_tree::iter::Edge;
    use scraper::Node;
    // In linear time however deeply the page nests.
    let doc = crate::text::nesting::parse_document(html);
    let mut text = String::with_capacity(html.len());
    let mut attributes = String::new();
    for edge in doc.tree.root().traverse() {
        let (Edge::Open(node) | Edge::Close(node)) = edge;
        let opens = matches!(edge, Edge::Open(_));
        match node.value() {
            Node::Text(t) if opens => text.push_str(t),
            Node::Element(e) if e.name() == "br" => text.push(' '),
            Node::Element(e) if !INLINE.contains(&e.name()) => text.push_str(BREAK),
            Node::Element(_) => {}
            _ => continue,
        }
        if let (true, Node::Element(e)) = (opens, node.value()) {
            for (_, value) in e.attrs() {
                attributes.push_str(value);
                attributes.push_str(BREAK);
            }
        }
    }
    text + BREAK + &attributes
}

/// Text folded as names are compared, and (made when first asked for) the same without
/// its spaces, where a name in a script without spaces is looked for, with where each
/// of its words starts in the text. Words of `allow` ("高峰期") are where such a name is
/// not looked for.
struct Folded<'a> {
    text: String,
    joined: std::cell::OnceCell<(String, Vec<(usize, usize)>)>,
    allow: &'a [String],
}

impl<'a> Folded<'a> {
    fn new(text: String, allow: &'a [String]) -> Folded<'a> {
        Folded {
            text,
            joined: std::cell::OnceCell::new(),
            allow,
        }
    }

    /// Where `form` is in the text, as the byte of its first letter and of its last:
    /// as whole words, or (a form of [`without_spaces`], which starts with no space)
    /// anywhere, spaces left out, unless in a word of `allow`. Every place, in order.
    fn hits<'f>(&'f self, form: &'f str) -> Box<dyn Iterator<Item = (usize, usize)> + 'f> {
        if form.starts_with(' ') {
            let last = form.len().saturating_sub(2);
            return Box::new(
                starts(&self.text, form)
                    .filter(move |&at| !self.allowed(&self.text, at, form, true))
                    .map(move |at| (at + 1, at + last)),
            );
        }
        let (joined, words) = self.joined.get_or_init(|| {
            let mut joined = String::with_capacity(self.text.len());
            let mut words = Vec::new();
            let mut at = 0;
            for word in self.text.split(' ') {
                if !word.is_empty() {
                    words.push((joined.len(), at));
                    joined.push_str(word);
                }
                at += word.len() + 1;
            }
            (joined, words)
        });
        let in_text = move |j: usize| {
            let (from, at) = words[words.partition_point(|&(w, _)| w <= j).saturating_sub(1)];
            at + j - from
        };
        let last = form.len().saturating_sub(1);
        Box::new(
            starts(joined, form)
                .filter(move |&j| !self.allowed(joined, j, form, false))
                .map(move |j| (in_text(j), in_text(j + last))),
        )
    }

    /// Whether `form` at byte `at` of `hay` is inside a longer word or phrase of `allow`
    /// ("高峰期" for "高峰"; "a long time" for "A. Long"): `hay` is the text as folded
    /// (`spaced`), or with its spaces left out.
    fn allowed(&self, hay: &str, at: usize, form: &str, spaced: bool) -> bool {
        self.allow.iter().any(|word| {
            let word = match spaced {
                true => name_words(word),
                false => name_words(word).replace(' ', ""),
            };
            word.len() > form.len()
                && word.match_indices(form).any(|(i, _)| {
                    at.checked_sub(i)
                        .and_then(|from| hay.get(from..))
                        .is_some_and(|rest| rest.starts_with(&word))
                })
        })
    }
}

/// Each byte where `needle` starts in `hay`, overlaps included (" doe doe " holds
/// " doe " twice).
fn starts<'h>(hay: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + hay.get(from..)?.find(needle)?;
        from = at + step;
        Some(at)
    })
}

/// The word of a name's form that is looked for first: its longest; for a form of
/// [`without_spaces`], its first character (the text may hold spaces inside the name).
fn key_word(form: &str) -> &str {
    if !form.starts_with(' ') {
        let first = form.chars().next().map_or(0, char::len_utf8);
        return &form[..first];
    }
    form.split(' ').max_by_key(|w| w.len()).unwrap_or_default()
}

/// Where a table's rows are, in the structure a browser builds: text or an element
/// there (not in a cell) is moved before the table, out of the order of the markup.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rows {
    Table,
    Section,
    Row,
    Columns,
    Cell,
    Caption,
}

/// A page read loosely for hidden names along the build's one scan of it
/// ([`crate::text::html_scan::Walk`]): its text with every tag taken out, so that more
/// words join than a reader joins; and apart, each tag, comment and declaration, and
/// each piece with a character reference as written; all folded as [`name_words`]
/// folds, references decoded. The longest word of any form of a hidden name that
/// [`names_in_page`] finds is in them as letters in a row, so a page where none is
/// needs no parse. Markup this reading cannot vouch for sets `unsure`, and the page is
/// parsed: text out of place in a table (which a browser moves), elements whose content
/// a browser reads as text and the scan as markup, a reference the scan does not
/// decode, a tag a browser may end elsewhere.
#[derive(Default)]
pub struct NameReader {
    text: Vec<u8>,
    apart: Vec<u8>,
    decoded: String,
    tables: Vec<Rows>,
    /// How deep in `<svg>` and in `<math>`, where a browser reads `<title>`, `<style>`
    /// and `<script>` as markup.
    svg: usize,
    math: usize,
    /// The element whose content is text that was just opened.
    raw: Option<&'static str>,
    unsure: bool,
}

/// Elements a browser reads the content of as text and the scan as markup.
const TEXT_ONLY: &[&str] = &[
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
];

/// The start tags a browser puts where a table's rows are without moving them; the
/// first ten are the table's own.
const IN_TABLE: &[&str] = &[
    "table", "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th", "script",
    "style",
];

/// ASCII as [`name_words`] folds it: letters and digits in lower case, anything else a space.
const FOLD: [u8; 128] = {
    let mut t = [b' '; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// Adds `text` to `out` folded as [`name_words`] folds it, each character apart: white
/// space and punctuation are not joined into one space.
fn fold_into(text: &str, out: &mut Vec<u8>) {
    let mut rest = text;
    loop {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.extend(
            rest.as_bytes()[..ascii]
                .iter()
                .map(|&b| FOLD[usize::from(b)]),
        );
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            return;
        };
        rest = &rest[c.len_utf8()..];
        let mut buf = [0; 4];
        if c.is_alphanumeric() || c == BREAK_MARK {
            fold_letter(c, |l| {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes())
            });
        } else if !unicode_normalization::char::is_combining_mark(c) && !ignorable(c) {
            out.push(b' ');
        }
    }
}

impl NameReader {
    /// A reader for `page` when someone is not named in full in its output.
    pub fn for_page(page: &Page, people: &[Person]) -> Option<NameReader> {
        (!hidden_names(people, channel_of(page)).is_empty()).then(NameReader::default)
    }

    /// Whether a form of a name in `hidden` may be in `html` as [`names_in_page`] reads it.
    fn may_name(mut self, html: &str, page: &Page, hidden: &[Vec<String>]) -> bool {
        if self.unsure || html.contains("--!>") || html.contains("<![CDATA[") || html.contains('\0')
        {
            return true;
        }
        for address in [&page.url, &page.file]
            .into_iter()
            .chain(page.meta.aliases.iter().map(|a| &a.value))
        {
            fold_into(address, &mut self.apart);
            self.apart.push(b' ');
        }
        let mut keys: Vec<&str> = hidden.iter().flatten().map(|f| key_word(f)).collect();
        keys.sort_unstable();
        keys.dedup();
        keys.iter().any(|k| {
            let find = memchr::memmem::Finder::new(k.as_bytes());
            find.find(&self.text).is_some() || find.find(&self.apart).is_some()
        })
    }

    /// Text in a table where rows are: moved by a browser unless it is white space.
    fn in_rows(&self) -> bool {
        matches!(
            self.tables.last(),
            Some(Rows::Table | Rows::Section | Rows::Row | Rows::Columns)
        )
    }

    /// `text` decoded into `self.text`, and as written apart when it has a reference.
    fn push_decoded(&mut self, text: &str) {
        if !text.contains('&') {
            return fold_into(text, &mut self.text);
        }
        self.decoded.clear();
        self.unsure |= !crate::text::html_scan::decode_known_into(text, &mut self.decoded);
        fold_into(&self.decoded, &mut self.text);
        fold_into(text, &mut self.apart);
        self.apart.push(b' ');
    }

    /// The content of `<script>`, `<style>`, `<title>` or `<textarea>` (`name`).
    fn raw_text(&mut self, name: &str, text: &str) {
        if self.svg + self.math > 0 {
            // Markup there, read as written (above) and decoded, unless it has tags.
            self.unsure |= text.contains('<');
            fold_into(text, &mut self.apart);
            self.apart.push(b' ');
            self.push_decoded(text);
        } else if name == "title" || name == "textarea" {
            self.push_decoded(text);
        } else {
            // A script's comment may hide its end tag from a browser.
            self.unsure |= text.contains("<!--");
            fold_into(text, &mut self.text);
        }
        self.text.push(b' ');
    }

    /// The structure of tables, at a start tag `name`.
    fn table_start(&mut self, name: &str) {
        use Rows::*;
        let top = self.tables.last().copied();
        let (pop, push): (usize, &[Rows]) = match (name, top) {
            ("table", Some(Table | Section | Row | Columns)) => return self.unsure = true,
            ("table", _) => (0, &[Table]),
            (_, None) => return,
            (_, Some(Columns)) if name != "col" => return self.unsure = true,
            ("caption" | "colgroup" | "col", Some(Section | Row)) => return self.unsure = true,
            ("caption", Some(Table)) => (0, &[Caption]),
            ("colgroup", Some(Table)) => (0, &[Columns]),
            ("tbody" | "thead" | "tfoot", Some(Table)) => (0, &[Section]),
            ("tbody" | "thead" | "tfoot", Some(Section)) => (1, &[Section]),
            ("tbody" | "thead" | "tfoot", Some(Row)) => (2, &[Section]),
            ("tr", Some(Table)) => (0, &[Section, Row]),
            ("tr", Some(Section)) => (0, &[Row]),
            ("tr", Some(Row)) => (1, &[Row]),
            ("td" | "th", Some(Table)) => (0, &[Section, Row, Cell]),
            ("td" | "th", Some(Section)) => (0, &[Row, Cell]),
            ("td" | "th", Some(Row)) => (0, &[Cell]),
            ("td" | "th", Some(Cell)) => (1, &[Cell]),
            (_, Some(Cell | Caption)) if IN_TABLE[1..10].contains(&name) => {
                return self.unsure = true
            }
            _ => return,
        };
        self.tables.truncate(self.tables.len().saturating_sub(pop));
        self.tables.extend_from_slice(push);
    }

    /// The structure of tables, at an end tag `name`.
    fn table_end(&mut self, name: &str) {
        use Rows::*;
        let Some(top) = self.tables.last().copied() else {
            return;
        };
        let pop = match (name, top) {
            ("td" | "th", Cell) | ("caption", Caption) | ("colgroup", Columns) => 1,
            ("tr", Row) | ("tbody" | "thead" | "tfoot", Section) => 1,
            ("tbody" | "thead" | "tfoot", Row) => 2,
            ("table", Table) => 1,
            ("table", Section) => 2,
            ("table", Row) => 3,
            ("script" | "style", _) => 0,
            (_, Cell | Caption) if !IN_TABLE[..10].contains(&name) => 0,
            _ => return self.unsure = true,
        };
        self.tables.truncate(self.tables.len().saturating_sub(pop));
    }
}

/// Whether a start tag's markup has an `=` where an attribute's name starts
/// (`<a ="x">`): the scan reads a value there, a browser a name, and they may end the
/// tag at different places.
fn equals_without_name(markup: &str) -> bool {
    let b = markup.as_bytes();
    let stop = |c: u8| c.is_ascii_whitespace() || c == b'>' || c == b'/';
    let mut i = 1 + b.iter().skip(1).take_while(|&&c| !stop(c)).count();
    loop {
        while b
            .get(i)
            .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/')
        {
            i += 1;
        }
        match b.get(i) {
            None | Some(b'>') => return false,
            Some(b'=') => return true,
            _ => {}
        }
        while b.get(i).is_some_and(|&c| !stop(c) && c != b'=') {
            i += 1;
        }
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i += 1 + b[i + 1..].iter().take_while(|&&c| c != q).count() + 1;
            }
            _ => {
                while b
                    .get(i)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'>')
                {
                    i += 1;
                }
            }
        }
    }
}

impl crate::text::html_scan::Walk for NameReader {
    fn text(&mut self, _: usize, text: &str) {
        if let Some(name) = self.raw {
            return self.raw_text(name, text);
        }
        let blank = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
        self.unsure |= self.in_rows() && !text.chars().all(blank);
        self.push_decoded(text);
    }

    fn start(&mut self, _: usize, name: &str, markup: &str) {
        let closed = markup.ends_with("/>");
        self.raw = RAW_TEXT.iter().find(|r| **r == name).copied();
        self.unsure |= self.raw.is_some_and(|_| closed && self.svg + self.math > 0)
            || TEXT_ONLY.contains(&name)
            || equals_without_name(markup)
            || (self.in_rows() && !IN_TABLE.contains(&name));
        match name {
            "svg" if !closed => self.svg += 1,
            "math" if !closed => self.math += 1,
            _ => {}
        }
        self.unsure |= self.svg + self.math > 0 && IN_TABLE[..10].contains(&name);
        self.table_start(name);
        self.comment(0, markup);
    }

    fn end(&mut self, _: usize, name: &str) {
        if let Some(raw) = self.raw.take() {
            // The end tag after an element's text must be the element's own.
            self.unsure |= raw != name;
        }
        self.unsure |= name.contains(['"', '\'']);
        match name {
            "svg" => self.svg = self.svg.saturating_sub(1),
            "math" => self.math = self.math.saturating_sub(1),
            _ => {}
        }
        self.table_end(name);
    }

    /// A comment, a declaration or a tag: apart, as written and decoded.
    fn comment(&mut self, _: usize, markup: &str) {
        fold_into(markup, &mut self.apart);
        self.apart.push(b' ');
        if markup.contains('&') {
            self.decoded.clear();
            self.unsure |= !crate::text::html_scan::decode_known_into(markup, &mut self.decoded);
            fold_into(&self.decoded, &mut self.apart);
            self.apart.push(b' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::SourceKind;

    fn people() -> Vec<Person> {
        let f = SourceFile::new(
            "_data/people.yaml",
            SourceKind::Data,
            "- named: initials\n  name: Nathaniel Le Chalifoux\n  consent: [site]\n\
             - named: full\n  name: Ana Diaz\n  consent: [site]\n",
        );
        crate::load::people::load(&f, &mut Vec::new())
    }

    #[test]
    fn author_named_in_full_who_chose_initials_is_refused() {
        let d = author_problem("Nathaniel  le Chalifoux", Channel::Site, &people()).unwrap();
        assert!(d.help.unwrap().contains("write \"NLC\""));
        assert!(author_problem("NLC", Channel::Site, &people()).is_none());
        assert!(author_problem("Ana Diaz", Channel::Site, &people()).is_none());
        let d = author_problem("Ana Diaz", Channel::Brief, &people()).unwrap();
        assert!(d
            .help
            .unwrap()
            .contains("not agreed to be named on the brief"));
    }

    /// Whether any form of a hidden name is in `text`, as the check reads pages.
    fn finds(forms: &[String], text: &str) -> bool {
        let text = name_words(text);
        forms.iter().any(|f| text.contains(f.as_str()))
    }

    #[test]
    fn hidden_full_name_is_found_across_line_breaks_as_whole_words() {
        let hidden = hidden_names(&people(), Channel::Site);
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0][0], " nathaniel le chalifoux ");
        assert!(finds(&hidden[0], "<p>By Nathaniel\n  Le Chalifoux.</p>"));
        assert!(!finds(&hidden[0], "nathaniel le chalifouxs"));
        assert_eq!(hidden_names(&people(), Channel::Brief).len(), 2);
    }

    #[test]
    fn hidden_name_is_found_without_accents_in_reference_order_with_initials_and_in_addresses() {
        let f = SourceFile::new(
            "_data/people.yaml",
            SourceKind::Data,
            "- named: pseudonym\n  name: Amélie Tremblay\n  pseudonym: Robin\n  consent: [site]\n",
        );
        let hidden = hidden_names(
            &crate::load::people::load(&f, &mut Vec::new()),
            Channel::Site,
        );
        for text in [
            "Thanks to Amelie Tremblay.",
            "Thanks to AMÉLIE TREMBLAY.",
            "Thanks to Ame\u{301}lie Tremblay.",
            "Tremblay, Amélie (2024). A study.",
            "A. Tremblay and B. Li",
            "Tremblay A, Li B.",
            "<a href=\"/amelie-tremblay/\">",
            "<img src=\"photos/amelie_tremblay.jpg\">",
        ] {
            assert!(finds(&hidden[0], text), "{text}");
        }
        for text in [
            "Amélie came.",
            "Tremblay is a town.",
            "Amélie Tremblays",
            "at tremblay",
        ] {
            assert!(!finds(&hidden[0], text), "{text}");
        }
    }

    fn page_at(url: &str) -> Page {
        Page {
            kind: crate::model::PageKind::Page,
            file: "content/notes.md".into(),
            rel: "notes.md".into(),
            source: None,
            body_offset: 0,
            meta: Default::default(),
            url: url.into(),
            parent: None,
            template: "page.html".into(),
            children: Vec::new(),
            fallback: false,
        }
    }

    /// `reader` shown `html` by the build's scan, as the page at `url`.
    fn scanned<W: crate::text::html_scan::Walk>(html: &str, url: &str, mut reader: W) -> W {
        let rw = crate::text::html_scan::Rewrite {
            page_url: url,
            base_path: "",
            portable: false,
            relative: true,
        };
        crate::text::html_scan::scan_and_rewrite_with(html, &rw, &mut reader);
        reader
    }

    /// `page` read by the scan along with a [`NameReader`], and what it finds.
    fn read_along(html: &str, page: &Page, people: &[Person]) -> (Vec<Shown>, bool) {
        let reader = scanned(html, &page.url, NameReader::for_page(page, people));
        let unsure = reader.as_ref().is_some_and(|r| r.unsure);
        (
            names_in_page(html, page, people, reader, &CheckConfig::default()),
            unsure,
        )
    }

    fn hidden_people() -> Vec<Person> {
        let f = SourceFile::new(
            "_data/people.yaml",
            SourceKind::Data,
            "- named: pseudonym\n  name: Amélie Tremblay\n  pseudonym: Robin\n  consent: [site]\n\
             - named: initials\n  name: Nathaniel Le Chalifoux\n  consent: [site]\n",
        );
        crate::load::people::load(&f, &mut Vec::new())
    }

    #[test]
    fn the_scan_read_along_finds_every_hidden_name_the_parse_finds() {
        let people = hidden_people();
        let names = [
            "Amélie Tremblay",
            "AMELIE TREMBLAY",
            "Ame\u{301}lie Tremblay",
            "Am&eacute;lie Trembl&#97;y",
            "Am&#233;lie Tr&#x65;mblay",
            "Tremblay, Amélie",
            "A. Tremblay",
            "Tremblay A",
            "Nathaniel <em>Le</em> Chalifoux",
            "Nathaniel Le Chal<b>if</b>oux",
            "Nathaniel Le Chal<!-- x -->ifoux",
            "N. Le Chalifoux",
            "Le Chalifoux, Nathaniel",
            "Amélie Tremblays",
            "Amélie came",
        ];
        let places: [(&str, &str); 14] = [
            ("<p>", "</p>"),
            ("<p>By ", ", 2024.</p>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<table>", "<tr><td>x</td></tr></table>"),
            ("<table><tr><td>x</td></tr>", "</table>"),
            ("<ul><li>", "<li>Ana</ul>"),
            ("<img alt=\"", "\">"),
            ("<a href=\"/x/\" title='", "'>link</a>"),
            ("<title>", "</title>"),
            ("<svg><title>", "</title></svg>"),
            ("<noscript>", "</noscript>"),
            ("<textarea>", "</textarea>"),
            ("<!-- ", " -->"),
            ("<script>let a = '", "';</script>"),
        ];
        let mut found = 0;
        for name in names {
            for (open, close) in places {
                let html = format!("<!doctype html><html><body>{open}{name}{close}</body></html>");
                let parsed = names_in_page(&html, &page_at("/notes/"), &people, None, &no_checks());
                let (along, _) = read_along(&html, &page_at("/notes/"), &people);
                assert_eq!(along.len(), parsed.len(), "{html}");
                found += parsed.len();
            }
        }
        assert!(found > 100, "{found}");
        let (along, _) = read_along("<p>Hi</p>", &page_at("/amelie-tremblay/"), &people);
        assert_eq!(along.len(), 1);
    }

    #[test]
    fn a_name_in_invisible_characters_wide_or_styled_letters_or_chinese_running_text_is_found() {
        let f = SourceFile::new(
            "_data/people.yaml",
            SourceKind::Data,
            "- named: pseudonym\n  name: Marguerite Okonkwo\n  pseudonym: Peer A\n  consent: [site]\n\
             - named: pseudonym\n  name: 张小明\n  pseudonym: 同伴甲\n  consent: [site]\n\
             - named: pseudonym\n  name: 山田 太郎\n  pseudonym: 同伴乙\n  consent: [site]\n\
             - named: pseudonym\n  name: 高峰\n  pseudonym: 同伴丙\n  consent: [site]\n",
        );
        let people = crate::load::people::load(&f, &mut Vec::new());
        for text in [
            "Mar\u{200b}guerite Okonkwo said.",
            "Marguerite\u{200b}Okonkwo said.",
            "Mar\u{ad}guerite Oko\u{2060}nkwo said.",
            "Mar&#8203;guerite Okonkwo said.",
            "感谢Ｍａｒｇｕｅｒｉｔｅ Ｏｋｏｎｋｗｏ。",
            "ＭＡＲＧＵＥＲＩＴＥ　ＯＫＯＮＫＷＯ said.",
            "\u{1d40c}\u{1d41a}\u{1d42b}\u{1d420}\u{1d42e}\u{1d41e}\u{1d42b}\u{1d422}\u{1d42d}\u{1d41e} \u{1d40e}\u{1d424}\u{1d428}\u{1d427}\u{1d424}\u{1d430}\u{1d428} said.",
            "张小明帮助了我们。",
            "山田 太郎さんが来た。",
            "我们和 高峰 谈了。",
        ] {
            assert_eq!(found_both_ways(text, &people), (1, 1), "{text}");
        }
        // A pseudonym is not the name.
        let html = "<p>同伴甲帮助了我们。</p>";
        assert!(names_in_page(html, &page_at("/notes/"), &people, None, &no_checks()).is_empty());
    }

    /// How many hidden names the parse and the scan's read-along find in `text`, a page's paragraph.
    fn found_both_ways(text: &str, people: &[Person]) -> (usize, usize) {
        let html = format!("<!doctype html><html><body><p>{text}</p></body></html>");
        let parsed = names_in_page(&html, &page_at("/notes/"), people, None, &no_checks());
        let (along, _) = read_along(&html, &page_at("/notes/"), people);
        (parsed.len(), along.len())
    }

    fn no_checks() -> CheckConfig {
        CheckConfig::default()
    }

    fn people_of(yaml: &str) -> Vec<Person> {
        let f = SourceFile::new("_data/people.yaml", SourceKind::Data, yaml);
        crate::load::people::load(&f, &mut Vec::new())
    }

    #[test]
    fn a_two_character_name_is_found_inside_chinese_text_and_a_latin_name_against_it() {
        let people = people_of(
            "- named: anonymous\n  name: 李华\n- named: anonymous\n  name: Wang Xiaoming\n\
             - named: pseudonym\n  name: สมชาย ใจดี\n  pseudonym: เพื่อน\n",
        );
        for text in [
            "我们感谢李华的帮助。",
            "李华帮助了我们。",
            "<img alt=\"李华在诊所\" src=a.png>",
            "我们感谢Wang Xiaoming的帮助。",
            "我们感谢 WANG Xiaoming。",
            "ขอบคุณสมชายใจดีมาก",
        ] {
            assert_eq!(found_both_ways(text, &people), (1, 1), "{text}");
        }
        for text in [
            "我们感谢Wang Xiaomingg的帮助。",
            "Wangxiaoming 来了。",
            "李先生来了。",
        ] {
            let html = format!("<p>{text}</p>");
            let found = names_in_page(&html, &page_at("/notes/"), &people, None, &no_checks());
            assert!(found.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_korean_name_before_a_particle_and_arabic_and_hebrew_names_after_a_prefix_are_found() {
        let people = people_of(
            "- named: anonymous\n  name: 김민준\n- named: anonymous\n  name: Wang Xiaoming\n\
             - named: anonymous\n  name: محمد العلي\n- named: anonymous\n  name: דוד כהן\n",
        );
        for text in [
            "김민준씨에게 감사합니다.",
            "김민준의 도움",
            "Wang Xiaoming씨에게 감사합니다.",
            "شكرا ومحمد العلي هنا",
            "رسالة لمحمد العلي",
            "תודה לדוד כהן",
        ] {
            assert_eq!(found_both_ways(text, &people), (1, 1), "{text}");
        }
        for text in ["민준 씨가 왔어요.", "محمد وعلي هنا", "דודו כהנא"] {
            let html = format!("<p>{text}</p>");
            let found = names_in_page(&html, &page_at("/notes/"), &people, None, &no_checks());
            assert!(found.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_phrase_in_allow_is_not_read_as_an_initial_and_a_hidden_name() {
        let people = people_of("- named: initials\n  name: Ana Long\n");
        let page = page_at("/notes/");
        let html = "<p>It took a long time. We thank A. Long.</p>";
        let shown = names_in_page(html, &page, &people, None, &no_checks());
        assert_eq!(shown.len(), 1);
        let d = place_names(shown, &page, Some(html), Vec::new, &no_checks());
        assert_eq!(d.len(), 2, "both places: {d:?}");
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("add the phrase to allow"));
        let allowed = CheckConfig {
            allow: vec!["a long time".into()],
            ..CheckConfig::default()
        };
        let shown = names_in_page(html, &page, &people, None, &allowed);
        let d = place_names(shown, &page, Some(html), Vec::new, &allowed);
        assert_eq!(d.len(), 1, "the initials are still found: {d:?}");
        assert_eq!(d[0].location.as_ref().map(|l| l.column), Some(34));
    }

    #[test]
    fn two_characters_inside_a_longer_word_are_reported_unless_the_word_is_allowed() {
        let people = people_of("- named: pseudonym\n  name: 高峰\n  pseudonym: 同伴丙\n");
        let html = "<p>交通高峰期很拥挤。</p>";
        let shown = names_in_page(html, &page_at("/notes/"), &people, None, &no_checks());
        assert_eq!(shown.len(), 1);
        assert!(shown[0].joined);
        let page = page_at("/notes/");
        let d = place_names(
            shown,
            &page,
            Some("交通高峰期很拥挤。"),
            Vec::new,
            &no_checks(),
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("add that word to allow under [checks]"));
        let allowed = CheckConfig {
            allow: vec!["高峰期".into()],
            ..CheckConfig::default()
        };
        assert!(names_in_page(html, &page, &people, None, &allowed).is_empty());
        // The name itself elsewhere is still found.
        let html = "<p>交通高峰期很拥挤。我们感谢高峰。</p>";
        assert_eq!(names_in_page(html, &page, &people, None, &allowed).len(), 1);
    }

    #[test]
    fn every_place_of_a_hidden_name_is_found_with_references_decoded_and_paragraphs_apart() {
        let forms = hidden_names(
            &people_of("- named: anonymous\n  name: Ottoline Brackwater\n"),
            Channel::Site,
        )
        .remove(0);
        let text = "A O&shy;ttoline Brack&#173;water.\nB Ottoline&nbsp;Brackwater.\n\
                    Ottoline Brackwater, Ottoline Brackwater.\n\nBrackwater.\n\nOttoline came.";
        let starts: Vec<usize> = places(text, &forms, &[]).into_iter().map(|p| p.0).collect();
        let expected: Vec<usize> = [
            "O&shy;",
            "Ottoline&nbsp;",
            "Ottoline Brackwater, ",
            "Ottoline Brackwater.",
        ]
        .iter()
        .map(|w| text.find(w).unwrap())
        .collect();
        assert_eq!(starts, expected);
    }

    #[test]
    fn a_lone_family_name_of_someone_hidden_is_a_warning_and_a_given_name_is_not() {
        let people = people_of(
            "- named: pseudonym\n  name: Hester Vantongeren\n  pseudonym: Robin\n  consent: [site]\n\
             - named: initials\n  name: Ana Okafor\n  consent: [site]\n",
        );
        let page = page_at("/notes/");
        let find = |text: &str| {
            let html = format!("<p>{text}</p>");
            let shown = names_in_page(&html, &page, &people, None, &no_checks());
            place_names(shown, &page, Some(text), Vec::new, &no_checks())
        };
        let d = find("Vantongeren at the drop-in centre, with Okafor. Hester came.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].rule, Some(Rule::HiddenFamilyName));
        assert_eq!(d[0].location.as_ref().map(|l| l.column), Some(1));
        // The full name is one error, not a warning as well.
        let d = find("Hester Vantongeren came.");
        assert_eq!((d.len(), d[0].rule), (1, None), "{d:?}");
    }

    #[test]
    fn a_quoted_sentence_masks_hidden_names() {
        let people = people_of(
            "- named: anonymous\n  name: Ottoline Brackwater\n- named: full\n  name: Ana Diaz\n  consent: [site]\n",
        );
        let checks = no_checks();
        let masker = Masker::new(&people, Channel::Site, &checks).unwrap();
        assert_eq!(
            masker
                .mask("Ottoline Brackwater, who led it, met Ana Diaz and Brackwater.")
                .as_deref(),
            Some("[name hidden], who led it, met Ana Diaz and [name hidden].")
        );
        assert_eq!(masker.mask("Ana Diaz led it."), None);
    }

    #[test]
    fn the_scan_read_along_spares_the_parse_of_a_page_that_cannot_name_anyone() {
        let html = "<!doctype html><html lang=en><head><title>Notes &amp; plans</title>\
            <style>p{color:red}</style><script>if (a < b) {}</script></head><body>\
            <!-- menu --><nav><a href=\"/\">Home</a></nav><h1 id=x>Robin's <em>notes</em></h1>\
            <p>Am&#233;lie came &#8212; with L&#233;a &nbsp; and Ana.</p>\
            <table><thead><tr><th>A</th></tr></thead>\n<tbody><tr><td>1</td></tr></tbody></table>\
            <svg viewBox=\"0 0 1 1\"><title>A chart</title><rect/></svg><br/><img src=a.png alt=\"\"></body></html>";
        let reader = scanned(html, "/notes/", NameReader::default());
        assert!(!reader.unsure);
        let page = page_at("/notes/");
        let hidden = hidden_names(&hidden_people(), Channel::Site);
        assert!(!reader.may_name(html, &page, &hidden));
        for unsure in [
            "<table>Tremb<tr><td>x</td></tr>lay</table>",
            "<table><tr><p>x</p></tr></table>",
            "<noscript>x</noscript>",
            "<p>Am&eacute;lie</p>",
            "<p title=\"x\" =\"y>z\">",
            "<p>a</p x=\">\">",
            "<svg><title>a<b>x</b></title></svg>",
            "<script><!--</script>",
            "<title>x</titles>",
        ] {
            let (_, was) = read_along(unsure, &page, &hidden_people());
            assert!(was, "{unsure}");
        }
    }

    #[test]
    fn page_as_read_joins_inline_tags_and_keeps_blocks_and_attributes_apart() {
        let read = name_words(&as_read(
            "<p>Gr<em>ace</em> <a href=\"x\">Mbeki</a></p><p>Ana</p><td>Diaz</td><img alt=\"Ken\" title=\"Sato\">",
        ));
        assert!(read.contains(" grace mbeki "), "{read}");
        assert!(!read.contains(" ana diaz "), "{read}");
        assert!(!read.contains(" ken sato "), "{read}");
        assert!(read.contains(" ken "), "{read}");
    }
}
