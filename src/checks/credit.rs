//! Stage 5 (checks), credit: keeps people's names where they agreed to them. A page's
//! front-matter `authors` may name a person only as they chose to be named in that
//! page's output, and a person's full name may not appear in any page of an output
//! where they are not named in full (text, alt text, meta tags, anything). These are
//! errors, never ignorable: a name in the wrong place can put someone at risk.

use crate::load::discover::SourceFile;
use crate::load::people::{Channel, Naming, Person};
use crate::model::{Page, PageRole};
use crate::text::diagnostics::{Diagnostic, LineIndex};

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
        let index = LineIndex::new(&src.text);
        for (author, offset) in page.meta.authors.iter().zip(&page.meta.places.authors) {
            if let Some(d) = author_problem(author, channel, people) {
                out.push(d.at_offset(&page.file, &index, &src.text, *offset));
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
    people
        .iter()
        .filter_map(|p| {
            let full = p.full_name()?;
            let shown_in_full = p
                .shown(channel)
                .is_some_and(|s| p.named == Naming::Full && normal(&s.name) == normal(full));
            let written = name_words(full);
            (!shown_in_full && !written.trim().is_empty()).then(|| name_forms(p, written))
        })
        .collect()
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

/// An error for each person whose full name is in `html`, a page of an output where
/// they are not named in full, or in the page's address, old addresses (`aliases`) or
/// file name. The page's source file is named; the name may come from its text, its
/// front matter, the data or the theme.
pub fn names_in_page(html: &str, page: &Page, people: &[Person]) -> Vec<Diagnostic> {
    let hidden = hidden_names(people, channel_of(page));
    if hidden.is_empty() {
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
    let text = format!("{}{BREAK}{}", name_words(html), name_words(&read));
    hidden
        .iter()
        .filter(|forms| forms.iter().any(|name| text.contains(name.as_str())))
        .map(|_| {
            Diagnostic::error(format!(
                "this page names in full someone who did not agree to it on {}",
                output_name(channel_of(page))
            ))
            .in_file(page.file.clone())
            .help("look for the person's full name, in any order or with initials, in this page's text, front matter, alt text, address (slug, aliases, file name) and image file names, and write it only as content/_data/people.yaml says they chose (the name is not repeated here)")
        })
        .collect()
}

/// Text as names are compared: letters and digits in lower case without their accents
/// ("Amélie" and "AMELIE" are one word), every other run of characters (spaces,
/// punctuation, the hyphens and slashes of an address) one space, a [`BREAK`] kept as a
/// word of its own, and a space at each end, so that ` jane doe ` is found as whole words.
fn name_words(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization as _;
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() || c == BREAK_MARK {
            for l in c.to_lowercase().nfd().filter(|&l| !is_combining_mark(l)) {
                match l {
                    'œ' => out.push_str("oe"),
                    'æ' => out.push_str("ae"),
                    _ => out.push(l),
                }
            }
        } else if !is_combining_mark(c) && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
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
    let doc = scraper::Html::parse_document(html);
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
