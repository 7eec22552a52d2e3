//! The writing room's words: the `[writing_room]` section of the theme's
//! `i18n/CODE.toml` with the site's own over it, in the language of the page the author
//! is on (English where neither has that language). The author view's script gets them
//! as JSON; refusals and the dashboard read them here. Only the dev server uses them.

use crate::load::i18n::{Strings, WRITING_ROOM};
use crate::load::people::CreditRole;
use crate::pipeline::BuildOptions;

/// A language code as a page's `lang` gives it (`fr`, `fr-CA`, `zh-Hans`), in its
/// canonical case as the theme's files are named; none when it is not one, as it names
/// files.
fn code(lang: &str) -> Option<String> {
    use crate::load::languages::{canonical, is_language_tag};
    let lang = lang.trim();
    is_language_tag(lang).then(|| canonical(lang))
}

/// The words of the language `lang` (the site's own language without one) for the site
/// `build` makes, and that language's code. Without a site, English.
pub fn load(build: Option<&BuildOptions>, lang: Option<&str>) -> (Strings, String) {
    let Some(opts) = build else {
        return (Strings::default(), "en".into());
    };
    let config = crate::load::config::load(&opts.root, &opts.overrides).ok();
    let theme = config
        .as_ref()
        .map_or_else(|| opts.root.join("themes/default"), |c| c.theme_dir());
    let code = lang
        .and_then(code)
        .or_else(|| config.map(|c| c.language))
        .unwrap_or_else(|| "en".into());
    (crate::load::i18n::load(&opts.root, &theme, &code).0, code)
}

/// The writing room's word `key` (its name in the section), escaped for a page.
pub fn html(words: &Strings, key: &str) -> String {
    crate::text::escape::escape(words.get(&format!("{WRITING_ROOM}.{key}")))
}

/// The writing room's words, by their names in its section, as a JSON object; with the
/// contributor roles in the plain words the people page shows in the language `lang`
/// (`choice_credit_formal-analysis`), which come from one table, beside the roles.
pub fn json(words: &Strings, lang: &str) -> Vec<u8> {
    let mut all = words.section(WRITING_ROOM);
    let credit: Vec<_> = CreditRole::KEYS
        .iter()
        .filter_map(|key| {
            let role: CreditRole = serde_json::from_value((*key).into()).ok()?;
            Some((format!("choice_credit_{key}"), role.plain(lang)))
        })
        .collect();
    all.extend(credit.iter().map(|(k, v)| (k.as_str(), *v)));
    serde_json::to_vec(&all).unwrap_or_else(|_| b"{}".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_code_names_no_path() {
        assert_eq!(code("fr-CA").as_deref(), Some("fr-CA"));
        assert_eq!(code("AR").as_deref(), Some("ar"));
        assert_eq!(code("zh-Hans").as_deref(), Some("zh-Hans"));
        assert_eq!(code("fr-ca").as_deref(), Some("fr-CA"));
        for bad in ["", "../x", "fr/../../a", "-x", "a b", "fr.toml"] {
            assert_eq!(code(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_json_has_the_sections_words_by_their_own_names() {
        let json: serde_json::Value =
            serde_json::from_slice(&json(&Strings::default(), "en")).unwrap();
        assert_eq!(json["save"], "Save");
        assert!(json.get("home").is_none());
    }

    #[test]
    fn the_credit_roles_words_are_the_people_pages() {
        use crate::load::people::CreditRole;
        for lang in ["en", "fr-CA", "zh", "ar", "de"] {
            let json: serde_json::Value =
                serde_json::from_slice(&json(&Strings::default(), lang)).unwrap();
            assert_eq!(
                json["choice_credit_formal-analysis"],
                CreditRole::FormalAnalysis.plain(lang),
                "{lang}"
            );
            assert_eq!(
                json["choice_credit_writing-review-editing"],
                CreditRole::WritingReviewEditing.plain(lang),
                "{lang}"
            );
        }
    }
}
