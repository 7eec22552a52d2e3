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

/// The full names of people who are not named in full in `channel`, as compared.
pub fn hidden_names(people: &[Person], channel: Channel) -> Vec<String> {
    people
        .iter()
        .filter_map(|p| {
            let full = p.full_name()?;
            let shown_in_full = p
                .shown(channel)
                .is_some_and(|s| p.named == Naming::Full && normal(&s.name) == normal(full));
            (!shown_in_full && !full.trim().is_empty()).then(|| normal(full))
        })
        .collect()
}

/// An error for each person whose full name is in `html`, a page of an output where
/// they are not named in full. The page's source file is named; the name may come from
/// its text, its front matter, the data or the theme.
pub fn names_in_page(html: &str, page: &Page, people: &[Person]) -> Vec<Diagnostic> {
    let hidden = hidden_names(people, channel_of(page));
    if hidden.is_empty() {
        return Vec::new();
    }
    let text = format!("{} {BREAK} {}", normal(html), normal(&as_read(html)));
    hidden
        .iter()
        .filter(|name| contains_words(&text, name))
        .map(|_| {
            Diagnostic::error(format!(
                "this page names in full someone who did not agree to it on {}",
                output_name(channel_of(page))
            ))
            .in_file(page.file.clone())
            .help("look for the person's full name in this page's text, front matter and alt text, and write it only as content/_data/people.yaml says they chose (the name is not repeated here)")
        })
        .collect()
}

/// Put between pieces of text a reader does not read as one line (two paragraphs, two
/// cells, two attributes), so no name is found across them.
const BREAK: &str = " \u{2016} ";

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

/// `needle` in `text` as whole words.
pub fn contains_words(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
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

    #[test]
    fn hidden_full_name_is_found_across_line_breaks_as_whole_words() {
        let hidden = hidden_names(&people(), Channel::Site);
        assert_eq!(hidden, ["nathaniel le chalifoux"]);
        let page = normal("<p>By Nathaniel\n  Le Chalifoux.</p>");
        assert!(contains_words(&page, &hidden[0]));
        assert!(!contains_words("nathaniel le chalifouxs", &hidden[0]));
        assert_eq!(hidden_names(&people(), Channel::Brief).len(), 2);
    }

    #[test]
    fn page_as_read_joins_inline_tags_and_keeps_blocks_and_attributes_apart() {
        let read = normal(&as_read(
            "<p>Gr<em>ace</em> <a href=\"x\">Mbeki</a></p><p>Ana</p><td>Diaz</td><img alt=\"Ken\" title=\"Sato\">",
        ));
        assert!(contains_words(&read, "grace mbeki"), "{read}");
        assert!(!contains_words(&read, "ana diaz"), "{read}");
        assert!(!contains_words(&read, "ken sato"), "{read}");
        assert!(contains_words(&read, "ken"), "{read}");
    }
}
