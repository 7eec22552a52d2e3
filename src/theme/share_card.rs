//! Each page's share card: the 1200 x 630 picture a chat app or social site shows when
//! someone shares the page's address (Open Graph `og:image`). The page's template
//! names it; the share-cards output (`outputs/share_cards.rs`) draws it. Here: where a
//! page's card is and its alt text, which says what the card shows.

/// The card's size in pixels, as Open Graph and X (Twitter) ask for a large card.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The folder the cards are written to.
const FOLDER: &str = "share";

/// The card of the page at `url` (root-relative), as a path in the output:
/// `/guide/second/` has `share/guide/second.png`, the home page `share/index.png`, and
/// a page at `/index/` (from `content/index.md`) `share/index/index.png`, apart from it.
pub fn card_path(url: &str) -> String {
    let path = url.trim_matches('/');
    let path = path.strip_suffix(".html").unwrap_or(path);
    match path {
        "" => format!("{FOLDER}/index.png"),
        "index" => format!("{FOLDER}/index/index.png"),
        p => format!("{FOLDER}/{p}.png"),
    }
}

/// The author's own share image of a page (`share_image` in its front matter), as a
/// path under `content/` (and in the output): beside the page's file.
pub fn own_image(page: &crate::model::Page) -> Option<String> {
    let image = page.meta.share_image.as_ref()?;
    let folder = page.rel.rsplit_once('/').map_or("", |(f, _)| f);
    Some(match folder {
        "" => image.value.clone(),
        f => format!("{f}/{}", image.value),
    })
}

/// What the card shows, for its alt text: the page's title and the site's name (once,
/// on the home page, whose title is the site's name).
pub fn card_alt(title: &str, site: &str) -> String {
    match title == site {
        true => site.to_string(),
        false => format!("{title} – {site}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_has_its_own_card_path() {
        assert_eq!(card_path("/"), "share/index.png");
        assert_eq!(card_path("/index/"), "share/index/index.png");
        assert_eq!(card_path("/guide/second/"), "share/guide/second.png");
        assert_eq!(card_path("/fr/"), "share/fr.png");
        assert_eq!(card_path("/fr/guide/"), "share/fr/guide.png");
    }

    #[test]
    fn the_home_cards_alt_text_names_the_site_once() {
        assert_eq!(card_alt("Site", "Site"), "Site");
        assert_eq!(card_alt("Page", "Site"), "Page – Site");
    }
}
