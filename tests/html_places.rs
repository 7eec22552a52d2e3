//! Problems the checks find in a page's rendered HTML are reported where the Markdown
//! parser says the element is written. Each page below first shows the same words in
//! a code span, where a search of the page's text would find them first.

mod common;

use common::*;

/// A page whose problem element follows a code span that quotes it.
fn page(quote: &str, element: &str) -> String {
    format!("---\ntitle: Places\ndescription: Where problems are.\n---\n\nWe show `{quote}` here.\n\n## Part\n\n{element}\n")
}

/// The place of the problem `message` of `rule` when the page is `quote` then `element`.
fn place_on_page(quote: &str, element: &str, rule: &str, message: &str) -> String {
    let f = Fixture::new("basic");
    f.write("content/places.md", &page(quote, element));
    let err = stderr(&f.run(&["check", "--strict"]));
    place_of(&err, rule, message)
}

#[test]
fn raw_img_without_alt_is_at_its_tag_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "<img src=\"square.svg\">",
            "Look: <img src=\"guide/square.svg\">",
            "alt-text",
            "has no alt attribute"
        ),
        "content/places.md:10:7"
    );
}

#[test]
fn vague_link_is_at_its_link_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "[click here]",
            "Read [click here](guide/first.md).",
            "link-text",
            "does not say where"
        ),
        "content/places.md:10:6"
    );
}

#[test]
fn table_without_headers_is_at_its_tag_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "<table>",
            "<table><tr><td>1</td></tr></table>",
            "table-headers",
            "have no header cells"
        ),
        "content/places.md:10:1"
    );
}

#[test]
fn duplicate_id_is_at_its_heading_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "{#same}",
            "### Again {#same}\n\n<p id=\"same\">Text.</p>",
            "duplicate-id",
            "is used twice"
        ),
        "content/places.md:10:1"
    );
}

#[test]
fn bad_language_tag_is_at_its_tag_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "lang=\"english\"",
            "Say <span lang=\"english\">hello</span>.",
            "language-tag",
            "is not a language code"
        ),
        "content/places.md:10:5"
    );
}

#[test]
fn external_file_is_at_its_tag_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "https://cdn.example.com/p.png",
            "See <img alt=\"A dot\" src=\"https://cdn.example.com/p.png\">.",
            "external-resource",
            "from another website"
        ),
        "content/places.md:10:5"
    );
}

#[test]
fn heading_skip_in_raw_html_is_at_its_tag_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page("Deep", "<h4>Deep</h4>", "heading-order", "skips a level"),
        "content/places.md:10:1"
    );
}

#[test]
fn broken_raw_html_link_is_at_its_tag_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "<a href=\"/nowhere/\">",
            "Go <a href=\"/nowhere/\">to the list of places</a>.",
            "broken-link",
            "no page at /nowhere/"
        ),
        "content/places.md:10:4"
    );
}

#[test]
fn style_attribute_the_policy_stops_is_at_its_tag_not_at_a_quote_of_it() {
    assert_eq!(
        place_on_page(
            "style=\"color: red\"",
            "Say <span style=\"color: red\">hello</span>.",
            "security-policy",
            "stops the style attribute of this <span>"
        ),
        "content/places.md:10:5"
    );
}
