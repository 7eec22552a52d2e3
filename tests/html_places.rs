//! Problems the checks find in a page's rendered HTML are reported where the Markdown
//! parser says the element is written. Each page of the first tests shows the same
//! words in a code span first, where a search of the page's text would find them; each
//! page of twins writes like elements twice, and a problem is at its own element.

mod common;

use common::*;

/// A page whose problem element follows a code span that quotes it.
fn page(quote: &str, element: &str) -> String {
    format!("---\ntitle: Places\ndescription: Where problems are.\n---\n\nWe show `{quote}` here.\n\n## Part\n\n{element}\n")
}

/// The place of the problem `message` of `rule` when the page is `quote` then `element`.
fn place_on_page(quote: &str, element: &str, rule: &str, message: &str) -> String {
    let err = check_with_page("content/places.md", &page(quote, element));
    place_of(&err, rule, message)
}

/// What `check --strict` says of the basic site with the page `file` written as `text`.
fn check_with_page(file: &str, text: &str) -> String {
    let f = Fixture::new("basic");
    f.write(file, text);
    stderr(&f.run(&["check", "--strict"]))
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
            "<p id=\"same\">Text.</p>\n\n### Again {#same}",
            "duplicate-id",
            "is used twice"
        ),
        "content/places.md:12:1"
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

/// The places of the problems `message` of `rule` on a page whose text, from line 6, is
/// `body`: a page that writes like elements twice, where only one has the problem (or
/// each has it at its own place).
fn twin_places(body: &str, rule: &str, message: &str) -> Vec<String> {
    let text = format!("---\ntitle: Twins\ndescription: Like elements.\n---\n\n{body}\n");
    places_of(&check_with_page("content/twins.md", &text), rule, message)
}

#[test]
fn img_without_alt_is_at_its_own_tag_not_at_an_image_of_the_same_file_with_alt() {
    assert_eq!(
        twin_places(
            "<img src=\"/guide/square.svg\" alt=\"A square\">\n\nWords.\n\n<img src=\"/guide/square.svg\">",
            "alt-text",
            "has no alt attribute"
        ),
        ["content/twins.md:10:1"]
    );
}

#[test]
fn two_vague_links_with_the_same_words_are_each_at_their_own_link() {
    assert_eq!(
        twin_places(
            "Read [here](guide/first.md) or [here](guide/first.md).",
            "link-text",
            "does not say where"
        ),
        ["content/twins.md:6:6", "content/twins.md:6:32"]
    );
}

#[test]
fn repeated_link_words_are_at_the_link_that_leads_elsewhere() {
    assert_eq!(
        twin_places(
            "See [the guide](guide/first.md).\n\nSee [the guide](guide/second.md).",
            "link-text-repeated",
            "lead to different places"
        ),
        ["content/twins.md:8:5"]
    );
}

#[test]
fn vague_raw_links_in_running_text_are_each_at_their_own_tag() {
    assert_eq!(
        twin_places(
            "Read <a href=\"/guide/first/\">here</a> or\n<a href=\"/guide/second/\">here</a>.",
            "link-text",
            "does not say where"
        ),
        ["content/twins.md:6:6", "content/twins.md:7:1"]
    );
}

#[test]
fn link_words_over_two_lines_are_the_words_the_page_shows() {
    assert_eq!(
        twin_places(
            "<a href=\"/guide/first/\">click here</a>\n\nGo [click\nhere](guide/second.md).",
            "link-text-repeated",
            "lead to different places"
        ),
        ["content/twins.md:8:4"]
    );
}

#[test]
fn links_without_words_are_each_at_their_own_link() {
    assert_eq!(
        twin_places(
            "A [](guide/first.md) and [words](guide/first.md).\n\nB [](guide/first.md).",
            "link-text",
            "has no text"
        ),
        ["content/twins.md:6:3", "content/twins.md:8:3"]
    );
}

#[test]
fn heading_skip_is_at_the_heading_that_skips_not_at_one_with_the_same_words() {
    assert_eq!(
        twin_places("## Deep\n\n<h4>Deep</h4>", "heading-order", "skips a level"),
        ["content/twins.md:8:1"]
    );
}

#[test]
fn each_second_use_of_an_id_is_at_its_own_tag() {
    assert_eq!(
        twin_places(
            "## Same\n\n<p id=\"same\">One.</p>\n\n<p id=\"same\">Two.</p>",
            "duplicate-id",
            "is used twice"
        ),
        ["content/twins.md:8:1", "content/twins.md:10:1"]
    );
}

#[test]
fn table_without_headers_is_at_the_table_that_has_none() {
    assert_eq!(
        twin_places(
            "| A |\n|---|\n| 1 |\n\n<table><tr><th>B</th></tr></table>\n\n<table><tr><td>2</td></tr></table>",
            "table-headers",
            "have no header cells"
        ),
        ["content/twins.md:12:1"]
    );
}

#[test]
fn external_file_is_at_the_tag_that_loads_it_not_at_a_link_to_it() {
    assert_eq!(
        twin_places(
            "[The dot](https://cdn.example.com/p.png)\n\n![A dot](https://cdn.example.com/p.png)",
            "external-resource",
            "from another website"
        ),
        ["content/twins.md:8:1"]
    );
}

#[test]
fn bad_language_tags_are_each_at_their_own_tag() {
    assert_eq!(
        twin_places(
            "Say <span lang=\"english\">hi</span>.\n\nSay <span lang=\"english\">bye</span>.",
            "language-tag",
            "is not a language code"
        ),
        ["content/twins.md:6:5", "content/twins.md:8:5"]
    );
}

#[test]
fn broken_raw_link_is_at_its_link_not_at_an_attribute_that_only_says_the_address() {
    assert_eq!(
        twin_places(
            "<abbr title=\"/nowhere/\">N</abbr>\n\nGo <a href=\"/nowhere/\">to the list of places</a>.",
            "broken-link",
            "no page at /nowhere/"
        ),
        ["content/twins.md:8:4"]
    );
}
