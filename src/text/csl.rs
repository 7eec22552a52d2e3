//! Shared helper, CSL: the citation styles and locales hayagriva bundles (from the CSL
//! project's repositories), read once, so no style is fetched at build time. The site's
//! `citation_style`, the in-text citations and the "cite this" block use them.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{
    IndependentStyle, Locale, LocaleCode, LocaleOptions, LocalizedTerm, Style, Terms,
};

/// The CSL locale for a language code: `fr` and `fr-CA` get French, others English
/// unless hayagriva bundles the language.
pub fn locale_of(lang: &str) -> hayagriva::citationberg::LocaleCode {
    let primary = lang.split(['-', '_']).next().unwrap_or("en");
    let codes = || codes().iter().flatten().map(|c| c.0.as_str());
    let code = codes()
        .find(|c| c.eq_ignore_ascii_case(lang))
        .or_else(|| {
            // CSL's own default for a bare language: `fr` is `fr-FR`, `de` is `de-DE`.
            let usual = match primary {
                "en" => "en-US".to_string(),
                "zh" => "zh-CN".to_string(),
                p => format!("{p}-{}", p.to_ascii_uppercase()),
            };
            let same = |c: &&str| c.split('-').next() == Some(primary);
            codes().find(|c| *c == usual).or_else(|| codes().find(same))
        })
        .unwrap_or("en-US");
    hayagriva::citationberg::LocaleCode(code.to_string())
}

/// The style a `citation_style` name means: `apa`, `vancouver` (Elsevier's Vancouver,
/// as the "cite this" block uses: the bundled NLM style leaves out web pages' authors),
/// or the name of any style hayagriva bundles, e.g. `chicago-author-date`, `ieee`.
pub fn style_named(name: &str) -> Option<ArchivedStyle> {
    match name.trim().to_ascii_lowercase().as_str() {
        "vancouver" => Some(ArchivedStyle::ElsevierVancouver),
        other => ArchivedStyle::by_name(other),
    }
}

/// The names `citation_style` accepts, for did-you-mean.
pub fn style_names() -> Vec<&'static str> {
    ArchivedStyle::all()
        .iter()
        .flat_map(|s| s.names().iter().copied())
        .collect()
}

/// A bundled style, read once per build (a few are dependent styles: `None`).
pub fn style(s: ArchivedStyle) -> Option<&'static IndependentStyle> {
    static STYLES: OnceLock<Mutex<HashMap<ArchivedStyle, Option<&'static IndependentStyle>>>> =
        OnceLock::new();
    let cache = STYLES.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    *cache.entry(s).or_insert_with(|| match s.get() {
        // Leaked once per style used: at most the hundred or so styles bundled.
        Style::Independent(i) => Some(&*Box::leak(Box::new(i))),
        Style::Dependent(_) => None,
    })
}

/// Whether a language code is French (`fr`, `fr-CA`, `FR_fr`), by its first subtag:
/// not every code that starts with "fr" is (`frr` is North Frisian).
pub fn is_french(code: &str) -> bool {
    code.split(['-', '_'])
        .next()
        .is_some_and(|primary| primary.eq_ignore_ascii_case("fr"))
}

/// [`style`] as it is used in `locale`. In French, a date's day comes before its
/// month, « 25 novembre », « 1er novembre », where a style puts the month first:
/// APA's « (2026, novembre 25) » becomes « (2026, 25 novembre) », as French APA guides
/// write it. The change is the style's, so a page's reference list and its citation
/// block agree, each with its own work's date.
pub fn style_in(s: ArchivedStyle, locale: &LocaleCode) -> Option<&'static IndependentStyle> {
    if !is_french(&locale.0) {
        return style(s);
    }
    static FRENCH: OnceLock<Mutex<HashMap<ArchivedStyle, Option<&'static IndependentStyle>>>> =
        OnceLock::new();
    let base = style(s)?;
    let cache = FRENCH.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    *cache.entry(s).or_insert_with(|| {
        if names_months_itself(base) {
            return Some(base);
        }
        let mut french = base.clone();
        day_before_month(&mut french);
        and_in_words(&mut french);
        if s == ArchivedStyle::AmericanPsychologicalAssociation {
            undated_as_french_apa_guides(&mut french);
        }
        Some(&*Box::leak(Box::new(french)))
    })
}

/// Whether a style names the months itself in every language, in a locale of its own
/// without a language (The Lancet's « March », « Nov »), and not in a French one: its
/// dates are English in French too, and are left in the style's own order.
fn names_months_itself(style: &IndependentStyle) -> bool {
    use hayagriva::citationberg::taxonomy::{OtherTerm, Term};
    use hayagriva::citationberg::TermForm;
    let names_months = |l: &Locale| {
        (0..12).filter_map(OtherTerm::month).any(|month| {
            [TermForm::Long, TermForm::Short]
                .into_iter()
                .any(|form| l.term(Term::Other(month), form).is_some())
        })
    };
    let french = |l: &Locale| l.lang.as_ref().is_some_and(|c| is_french(&c.0));
    let unnamed = style
        .locale
        .iter()
        .any(|l| l.lang.is_none() && names_months(l));
    unnamed && !style.locale.iter().any(|l| french(l) && names_months(l))
}

/// Puts the day before the month in each date of `style` written month then day.
fn day_before_month(style: &mut IndependentStyle) {
    for m in &mut style.macros {
        day_first(&mut m.children);
    }
    day_first(&mut style.citation.layout.elements);
    if let Some(b) = &mut style.bibliography {
        day_first(&mut b.layout.elements);
    }
    // Ordinals for the first of a month only (« 1er », then « 2 »), as the French
    // locale says, in plain letters (see `plain_ordinals`). A style's own locales are
    // looked at first, French then unnamed, and the first one met decides: the option
    // and the ordinals are set in each of them (APA's French one has its own words,
    // « éd. », kept), or in a French one of its own if it has none.
    let mut set = false;
    for locale in &mut style.locale {
        if locale.lang.as_ref().is_none_or(|l| is_french(&l.0)) {
            let options = locale.style_options.get_or_insert(LocaleOptions {
                limit_day_ordinals_to_day_1: None,
                punctuation_in_quote: None,
            });
            options.limit_day_ordinals_to_day_1 = Some(true);
            set_plain_ordinals(locale);
            set = true;
        }
    }
    if !set {
        let mut french = Locale {
            lang: Some(LocaleCode("fr".into())),
            info: None,
            terms: None,
            date: Vec::new(),
            style_options: Some(LocaleOptions {
                limit_day_ordinals_to_day_1: Some(true),
                punctuation_in_quote: None,
            }),
        };
        set_plain_ordinals(&mut french);
        style.locale.push(french);
    }
}

/// APA in French writes a work with no date « (s.d.) », as French APA guides do (those
/// of Québec's universities among them), where the French CSL locales have « s. d. »:
/// the style's own French locale says so, as a style's XML would, and the engine still
/// decides where the words go (a page without a date is given none).
fn undated_as_french_apa_guides(style: &mut IndependentStyle) {
    let term = serde_json::json!({"@name": "no date", "@form": "short", "$text": "s.d."});
    let Ok(term) = serde_json::from_value::<LocalizedTerm>(term) else {
        return;
    };
    let french = |l: &Locale| l.lang.as_ref().is_some_and(|c| is_french(&c.0));
    let Some(locale) = style.locale.iter_mut().find(|l| french(l)) else {
        return;
    };
    let terms = locale
        .terms
        .get_or_insert_with(|| Terms { terms: Vec::new() });
    terms
        .terms
        .retain(|t| !(t.name == term.name && t.form == term.form));
    terms.terms.push(term);
}

/// Joins the last two names of a list with the locale's word (« et ») where the style
/// joins them with « & »: French APA guides write « Roy, A. et Tremblay, B. (2024) » and
/// « (Roy et Tremblay, 2024) », as the style's other words are French there.
fn and_in_words(style: &mut IndependentStyle) {
    let options = |o: &mut hayagriva::citationberg::InheritableNameOptions| {
        in_words(&mut o.and, &mut o.delimiter_precedes_last)
    };
    options(&mut style.settings.options);
    options(&mut style.citation.name_options);
    if let Some(b) = &mut style.bibliography {
        options(&mut b.name_options);
        names_and_in_words(&mut b.layout.elements);
    }
    for m in &mut style.macros {
        names_and_in_words(&mut m.children);
    }
    names_and_in_words(&mut style.citation.layout.elements);
}

/// [`and_in_words`] in the names of `elements` and all they hold.
fn names_and_in_words(elements: &mut [hayagriva::citationberg::LayoutRenderingElement]) {
    use hayagriva::citationberg::{LayoutRenderingElement as E, NamesChild};
    each_element(elements, &mut |element| {
        let E::Names(names) = element else {
            return;
        };
        in_words(&mut names.and, &mut names.delimiter_precedes_last);
        for child in &mut names.children {
            if let NamesChild::Name(name) = child {
                name_and_in_words(name);
            }
        }
    });
}

/// « & » made the locale's word, with no comma before it (« Roy, A. et Tremblay, B. »,
/// not « Roy, A., et Tremblay, B. »: French has no serial comma).
fn in_words(
    and: &mut Option<hayagriva::citationberg::NameAnd>,
    precedes_last: &mut Option<hayagriva::citationberg::DelimiterBehavior>,
) {
    use hayagriva::citationberg::{DelimiterBehavior, NameAnd};
    if *and == Some(NameAnd::Symbol) {
        *and = Some(NameAnd::Text);
        *precedes_last = Some(DelimiterBehavior::Never);
    }
}

/// [`in_words`] for a `cs:name` element (its options are not public: changed through
/// its serialized form, as a style's XML would be).
fn name_and_in_words(name: &mut hayagriva::citationberg::Name) {
    let Ok(mut value) = serde_json::to_value(&*name) else {
        return;
    };
    if let Some(and) = value.get_mut("@and").filter(|a| *a == "symbol") {
        *and = serde_json::Value::from("text");
        if let Some(options) = value.as_object_mut() {
            options.insert("@delimiter-precedes-last".into(), "never".into());
        }
        if let Ok(changed) = serde_json::from_value(value) {
            *name = changed;
        }
    }
}

/// Gives `locale` the ordinals of [`plain_ordinals`], in place of any of its own (a
/// locale's ordinals are taken as a whole, from the first locale that has any).
fn set_plain_ordinals(locale: &mut Locale) {
    let terms = locale
        .terms
        .get_or_insert_with(|| Terms { terms: Vec::new() });
    terms.terms.retain(|t| !t.name.is_ordinal());
    terms.terms.extend(plain_ordinals().iter().cloned());
}

/// The ordinal terms of the bundled French locale with plain letters where it has
/// small raised ones: « 1er », « 1re », « 2e », where it writes « 1ᵉʳ ». A page's own
/// dates write « 1er » (the theme word `first_day`), a French screen reader says
/// « premier » for it, and the raised letters are characters many fonts lack (a box
/// on an old phone).
fn plain_ordinals() -> &'static [LocalizedTerm] {
    static PLAIN: OnceLock<Vec<LocalizedTerm>> = OnceLock::new();
    PLAIN.get_or_init(|| {
        let fr = LocaleCode("fr-FR".into());
        let french = locales_for(&fr)
            .iter()
            .find(|l| l.lang.as_ref() == Some(&fr));
        let terms = french.and_then(|l| l.terms.as_ref());
        (terms.iter().flat_map(|t| &t.terms))
            .filter(|t| t.name.is_ordinal())
            .filter_map(plain_letters)
            .collect()
    })
}

/// A term with each small raised letter written as the letter itself (its text is not
/// public: changed through its serialized form, as a locale's XML would be).
fn plain_letters(term: &LocalizedTerm) -> Option<LocalizedTerm> {
    let mut value = serde_json::to_value(term).ok()?;
    let object = value.as_object_mut()?;
    for field in ["$text", "single", "multiple"] {
        if let Some(serde_json::Value::String(text)) = object.get_mut(field) {
            *text = text.chars().map(unraised).collect();
        }
    }
    serde_json::from_value(value).ok()
}

/// The letter a small raised letter stands for (« ᵉ » is « e »); any other character
/// as it is.
fn unraised(c: char) -> char {
    match c {
        'ᵃ' => 'a',
        'ᵈ' => 'd',
        'ᵉ' => 'e',
        'ⁿ' => 'n',
        'ᵒ' => 'o',
        'ʳ' => 'r',
        'ˢ' => 's',
        'ᵗ' => 't',
        other => other,
    }
}

/// [`day_before_month`] in `elements` and in all they hold: a date of two parts, the
/// month then the day, has them the other way round, the day as an ordinal (the French
/// locale writes only the first, « 1er »). What came before the month now comes before
/// the date, and what came between the two follows the day: a date without its day
/// then reads as before (« (2023, mars) », not « (2023 mars) »).
fn day_first(elements: &mut [hayagriva::citationberg::LayoutRenderingElement]) {
    use hayagriva::citationberg::{DatePartName, LayoutRenderingElement as E};
    each_element(elements, &mut |element| {
        let E::Date(date) = element else {
            return;
        };
        let names: Vec<DatePartName> = date.date_part.iter().map(|p| p.name).collect();
        if date.form.is_some() || names != [DatePartName::Month, DatePartName::Day] {
            return;
        }
        date.date_part.swap(0, 1);
        let [day, month] = &mut date.date_part[..] else {
            return;
        };
        let before_month = month.affixes.prefix.take();
        let between = day.affixes.prefix.take();
        let after_day = day.affixes.suffix.take();
        day.affixes.suffix = joined(after_day, between);
        date.affixes.prefix = joined(date.affixes.prefix.take(), before_month);
        if let Some(ordinal) = ordinal(day) {
            *day = ordinal;
        }
    });
}

/// Calls `visit` on each element of `elements` and on all they hold (the children of
/// groups, of each branch of a choice, of a names element's substitute), parents first.
fn each_element(
    elements: &mut [hayagriva::citationberg::LayoutRenderingElement],
    visit: &mut impl FnMut(&mut hayagriva::citationberg::LayoutRenderingElement),
) {
    use hayagriva::citationberg::{LayoutRenderingElement as E, NamesChild};
    for element in elements {
        visit(element);
        match element {
            E::Group(group) => each_element(&mut group.children, visit),
            E::Choose(choose) => {
                each_element(&mut choose.if_.children, visit);
                for branch in &mut choose.else_if {
                    each_element(&mut branch.children, visit);
                }
                if let Some(otherwise) = &mut choose.otherwise {
                    each_element(&mut otherwise.children, visit);
                }
            }
            E::Names(names) => {
                for child in &mut names.children {
                    if let NamesChild::Substitute(s) = child {
                        each_element(&mut s.children, visit);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Two affixes one after the other; `None` when both are.
fn joined(first: Option<String>, second: Option<String>) -> Option<String> {
    match (first, second) {
        (Some(a), Some(b)) => Some(a + &b),
        (a, b) => a.or(b),
    }
}

/// A day's date part written as an ordinal (its form is not public: set through its
/// serialized form, as a style's XML would).
fn ordinal(part: &hayagriva::citationberg::DatePart) -> Option<hayagriva::citationberg::DatePart> {
    let mut value = serde_json::to_value(part).ok()?;
    value
        .as_object_mut()?
        .insert("@form".into(), serde_json::Value::from("ordinal"));
    serde_json::from_value(value).ok()
}

/// The language of each locale hayagriva bundles, in the order of
/// `hayagriva::archive::LOCALES`, read once. Only the language is decoded, and the
/// decoding stops there: it is the first key of every bundled locale, so the other
/// 1.3 MB of CBOR are never walked (skipping them cost about 190 M instructions, 40 ms
/// on the thread every other one waited for).
fn codes() -> &'static [Option<LocaleCode>] {
    static CODES: OnceLock<Vec<Option<LocaleCode>>> = OnceLock::new();
    CODES.get_or_init(|| {
        hayagriva::archive::LOCALES
            .iter()
            .map(|bytes| {
                ciborium::de::from_reader::<LangOnly, _>(*bytes)
                    .ok()
                    .and_then(|l| l.0)
            })
            .collect()
    })
}

/// A locale's `@xml:lang`, read by a visitor that returns as soon as it has it.
struct LangOnly(Option<LocaleCode>);

impl<'de> serde::Deserialize<'de> for LangOnly {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = LangOnly;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a CSL locale")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<LangOnly, A::Error> {
                while let Some(key) = map.next_key::<String>()? {
                    if key == "@xml:lang" {
                        // The rest of the map is left unread: the reader is dropped.
                        return Ok(LangOnly(map.next_value()?));
                    }
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(LangOnly(None))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// The bundled locales a citation in `locale` can use, read once per locale: the
/// locale itself, its usual form (`fr-CA` falls back to `fr-FR`) and `en-US`. These
/// are the only locale files hayagriva's lookup reads, so its output is the same as
/// with every bundled locale.
pub fn locales_for(locale: &LocaleCode) -> &'static [Locale] {
    static READ: OnceLock<Mutex<HashMap<LocaleCode, &'static [Locale]>>> = OnceLock::new();
    let cache = READ.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache.entry(locale.clone()).or_insert_with(|| {
        let wanted = [
            Some(locale.clone()),
            locale.fallback(),
            Some(LocaleCode::en_us()),
        ];
        let read: Vec<Locale> = codes()
            .iter()
            .zip(hayagriva::archive::LOCALES)
            .filter(|(code, _)| code.is_some() && wanted.contains(code))
            .filter_map(|(_, bytes)| ciborium::de::from_reader(*bytes).ok())
            .collect();
        // Leaked once per locale a site cites in: a handful at most.
        &*Box::leak(read.into_boxed_slice())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each ordinal term of a locale, as `name/gender-form: text`.
    fn ordinal_texts(terms: &[LocalizedTerm]) -> Vec<String> {
        (terms.iter())
            .filter(|t| t.name.is_ordinal())
            .map(|t| {
                let v = serde_json::to_value(t).unwrap();
                format!("{}/{}: {}", v["@name"], v["@gender-form"], v["$text"])
            })
            .collect()
    }

    #[test]
    fn french_ordinals_are_written_in_plain_letters() {
        let plain = ordinal_texts(plain_ordinals());
        assert!(
            plain.contains(&r#""ordinal-01"/"masculine": "er""#.to_string()),
            "{plain:#?}"
        );
        assert!(
            plain.contains(&r#""ordinal"/null: "e""#.to_string()),
            "{plain:#?}"
        );
        let raised = |t: &String| t.chars().any(|c| unraised(c) != c);
        assert!(!plain.iter().any(raised), "{plain:#?}");
        // The French variant of a style has them, in its own French locale (APA) or in
        // one it is given (IEEE has none).
        for s in [
            ArchivedStyle::AmericanPsychologicalAssociation,
            ArchivedStyle::InstituteOfElectricalAndElectronicsEngineers,
        ] {
            let french = style_in(s, &locale_of("fr")).unwrap();
            let with_ordinals: Vec<Vec<String>> = (french.locale.iter())
                .filter_map(|l| l.terms.as_ref())
                .map(|t| ordinal_texts(&t.terms))
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(with_ordinals, std::slice::from_ref(&plain), "{s:?}");
        }
    }

    #[test]
    fn style_names_mean_the_styles_plainsite_cites_with() {
        assert_eq!(
            style_named("APA"),
            Some(ArchivedStyle::AmericanPsychologicalAssociation)
        );
        assert_eq!(
            style_named("vancouver"),
            Some(ArchivedStyle::ElsevierVancouver)
        );
        assert!(style_named("chicago-author-date").is_some());
        assert!(style_named("apa7").is_none());
        assert!(style(ArchivedStyle::ElsevierVancouver).is_some());
        assert_eq!(locale_of("fr-CA").0, "fr-CA");
        assert_eq!(locale_of("fr").0, "fr-FR");
        assert_eq!(locale_of("en").0, "en-US");
    }

    #[test]
    fn a_locale_reads_only_itself_its_usual_form_and_english() {
        let langs = |l: &[Locale]| -> Vec<String> {
            l.iter()
                .filter_map(|l| l.lang.as_ref())
                .map(|c| c.0.clone())
                .collect()
        };
        assert_eq!(
            langs(locales_for(&locale_of("fr-CA"))),
            ["en-US", "fr-CA", "fr-FR"]
        );
        assert_eq!(langs(locales_for(&locale_of("en"))), ["en-US"]);
        let every = hayagriva::archive::locales();
        assert_eq!(codes().iter().flatten().count(), every.len());
        let fr = every
            .iter()
            .find(|l| l.lang == Some(LocaleCode("fr-FR".into())));
        assert_eq!(
            locales_for(&locale_of("fr"))
                .iter()
                .find(|l| l.lang == Some(LocaleCode("fr-FR".into()))),
            fr
        );
    }

    #[test]
    fn reading_only_the_language_gives_each_locale_its_own_code() {
        let whole: Vec<Option<LocaleCode>> = hayagriva::archive::LOCALES
            .iter()
            .map(|bytes| {
                ciborium::de::from_reader::<Locale, _>(*bytes)
                    .ok()
                    .and_then(|l| l.lang)
            })
            .collect();
        assert!(whole.iter().all(Option::is_some));
        assert_eq!(codes(), whole.as_slice());
    }
}
