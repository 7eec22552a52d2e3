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

/// Declares [`Refusal`] with each refusal's name in the theme's words, and the list of
/// them all: one declaration, so no refusal can be left out of the list (the test that
/// every refusal has its words goes through it).
macro_rules! refusals {
    ($($variant:ident => $key:literal,)*) => {
        /// What a refusal is about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Refusal {
            $($variant,)*
        }

        impl Refusal {
            /// Every refusal.
            pub const ALL: &[Refusal] = &[$(Refusal::$variant,)*];

            /// Its name in the theme's words, after `refused_`.
            fn key(self) -> &'static str {
                match self {
                    $(Refusal::$variant => $key,)*
                }
            }
        }
    };
}

refusals! {
    NoKey => "no_key",
    NotThisComputer => "not_this_computer",
    ForeignOrigin => "foreign_origin",
    PageNotEditable => "page_not_editable",
    EntryNotEditable => "entry_not_editable",
    NoEntryThere => "no_entry_there",
    NoImageThere => "no_image_there",
    NoPageThere => "no_page_there",
    NotAnImage => "not_an_image",
    ImageCutShort => "image_cut_short",
    ImageTooLarge => "image_too_large",
    NoAltText => "no_alt_text",
    AltOnOneLine => "alt_on_one_line",
    NewPageName => "new_page_name",
    NameTaken => "name_taken",
    AddressTaken => "address_taken",
    NotAChoice => "not_a_choice",
    NothingSaved => "nothing_saved",
    FileHasProblems => "file_has_problems",
    NoPersonThere => "no_person_there",
    NamesSomeone => "names_someone",
    DeviceName => "device_name",
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
    fn every_refusal_has_its_own_words_in_every_language_of_the_theme() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = root.join("themes/default");
        let mut keys: Vec<&str> = Refusal::ALL.iter().map(|r| r.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(
            keys.len(),
            Refusal::ALL.len(),
            "two refusals share their words"
        );
        for code in ["en", "fr", "zh", "ar"] {
            let words = crate::load::i18n::load(root, &theme, code).0;
            for &r in Refusal::ALL {
                let said = r.in_words(&words);
                assert!(!said.starts_with(WRITING_ROOM), "{code}, {r:?}: {said}");
            }
        }
    }
}
