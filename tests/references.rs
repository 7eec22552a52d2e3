//! References in the text: `[@key]` citations formatted in the site's CSL style, the
//! reference list with back-links, errors at the place of an unknown key, and the
//! proof that plainsite formats with the same CSL styles that citeproc-js (the CSL
//! reference processor) is given in the test command (`tests/citeproc/`).

mod common;

use common::*;
use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::Style;

/// The CSL files in `tests/citeproc/` are the styles plainsite cites with, so
/// citeproc-js and plainsite format from the same style.
#[test]
fn the_csl_files_given_to_citeproc_are_the_styles_plainsite_bundles() {
    for (file, bundled) in [
        ("apa.csl", ArchivedStyle::AmericanPsychologicalAssociation),
        ("elsevier-vancouver.csl", ArchivedStyle::ElsevierVancouver),
    ] {
        let xml = std::fs::read_to_string(repo().join("tests/citeproc").join(file)).unwrap();
        let parsed = Style::from_xml(&xml).unwrap();
        assert!(parsed == bundled.get(), "{file} is not the bundled style");
    }
}

/// The same for the words of the English locale.
#[test]
fn the_locale_given_to_citeproc_is_the_locale_plainsite_bundles() {
    use hayagriva::citationberg::{Locale, LocaleFile};
    let xml = std::fs::read_to_string(repo().join("tests/citeproc/locales-en-US.xml")).unwrap();
    let parsed: Locale = LocaleFile::from_xml(&xml).unwrap().into();
    let bundled = hayagriva::archive::locales();
    let en = bundled
        .iter()
        .find(|l| l.lang.as_ref().is_some_and(|c| c.0 == "en-US"))
        .unwrap();
    assert!(&parsed == en, "locales-en-US.xml is not the bundled locale");
}
