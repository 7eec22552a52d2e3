//! Why the writing room's edit and upload addresses refuse a request, in the language of
//! the page the author is on. The words are the theme's (`refused_*` in the
//! `[writing_room]` section of its `i18n/CODE.toml`, which a site can override like any
//! other word), so every language the theme has gets them; any other gets English. The
//! author view sends the page's language in the `X-Plainsite-Lang` header.

use crate::load::i18n::{Strings, WRITING_ROOM};
use crate::model::EntryKind;
use crate::pipeline::BuildOptions;

/// The language a refusal is written in: the page's, with the site it is read from.
/// Its words are read only when a refusal is made.
#[derive(Debug, Clone, Copy)]
pub struct Lang<'a> {
    build: Option<&'a BuildOptions>,
    code: Option<&'a str>,
}

impl<'a> Lang<'a> {
    /// The language of a page's `lang` attribute (`fr`, `fr-CA`, `zh-Hans`...), for the
    /// site `build` makes.
    pub fn of(build: Option<&'a BuildOptions>, code: Option<&'a str>) -> Lang<'a> {
        Lang { build, code }
    }

    /// The writing room's words in this language.
    pub fn words(self) -> Strings {
        super::words::load(self.build, self.code).0
    }
}

/// What a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NoKey,
    NotThisComputer,
    ForeignOrigin,
    PageNotEditable,
    EntryNotEditable,
    NoEntryThere,
    NoImageThere,
    NoPageThere,
    NotAnImage,
    ImageCutShort,
    NoAltText,
    AltOnOneLine,
    NewPageName,
    NameTaken,
    NotAChoice,
    NothingSaved,
}

impl Refusal {
    /// The refusal in `lang`; `{file}` in it stands for a file's name.
    pub fn say(self, lang: Lang) -> String {
        self.in_words(&lang.words())
    }

    /// The refusal in these words.
    pub fn in_words(self, words: &Strings) -> String {
        words
            .get(&format!("{WRITING_ROOM}.refused_{}", self.key()))
            .to_string()
    }

    /// Its name in the theme's words, after `refused_`.
    fn key(self) -> &'static str {
        match self {
            Refusal::NoKey => "no_key",
            Refusal::NotThisComputer => "not_this_computer",
            Refusal::ForeignOrigin => "foreign_origin",
            Refusal::PageNotEditable => "page_not_editable",
            Refusal::EntryNotEditable => "entry_not_editable",
            Refusal::NoEntryThere => "no_entry_there",
            Refusal::NoImageThere => "no_image_there",
            Refusal::NoPageThere => "no_page_there",
            Refusal::NotAnImage => "not_an_image",
            Refusal::ImageCutShort => "image_cut_short",
            Refusal::NoAltText => "no_alt_text",
            Refusal::AltOnOneLine => "alt_on_one_line",
            Refusal::NewPageName => "new_page_name",
            Refusal::NameTaken => "name_taken",
            Refusal::NotAChoice => "not_a_choice",
            Refusal::NothingSaved => "nothing_saved",
        }
    }
}

/// A posted `value` of the field `field` of an entry of `kind` that is not one of the
/// field's choices, refused in `lang`, the field named as the form names it.
pub fn not_a_choice(lang: Lang, kind: EntryKind, field: &str, value: &str) -> String {
    let words = lang.words();
    let kind = serde_json::to_value(kind).unwrap_or_default();
    let key = format!(
        "{WRITING_ROOM}.field_{}_{field}",
        kind.as_str().unwrap_or("")
    );
    let label = match words.get(&key) {
        label if label == key => field,
        label => label,
    };
    Refusal::NotAChoice
        .in_words(&words)
        .replace("{field}", label)
        .replace("{value}", value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_its_words_in_english() {
        let english = Strings::default();
        for r in [
            Refusal::NoKey,
            Refusal::NotThisComputer,
            Refusal::ForeignOrigin,
            Refusal::PageNotEditable,
            Refusal::EntryNotEditable,
            Refusal::NoEntryThere,
            Refusal::NoImageThere,
            Refusal::NoPageThere,
            Refusal::NotAnImage,
            Refusal::ImageCutShort,
            Refusal::NoAltText,
            Refusal::AltOnOneLine,
            Refusal::NewPageName,
            Refusal::NameTaken,
            Refusal::NotAChoice,
            Refusal::NothingSaved,
        ] {
            let said = r.in_words(&english);
            assert!(!said.starts_with(WRITING_ROOM), "{r:?}: {said}");
        }
    }
}
