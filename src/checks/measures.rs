//! Which reading measures a page gets, by language. A formula belongs to the language it
//! was made for: English pages get the six English formulas (see `readability`), French
//! pages Kandel and Moles' reading ease and LIX (see `french`), Chinese pages two proxies
//! counted in characters (see `chinese`); other languages get none. Pages never show
//! another language's figures.

use std::collections::BTreeMap;

use super::readability::Stats;

pub use super::readability::Lang;

/// One reading measure; its JSON name is its snake-case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Kincaid et al. 1975: a US school grade.
    FleschKincaidGrade,
    /// Flesch 1948: 0 to 100, higher is easier.
    FleschReadingEase,
    /// McLaughlin 1969.
    Smog,
    /// Coleman and Liau 1975.
    ColemanLiau,
    /// Gunning 1952.
    GunningFog,
    /// Automated Readability Index, Smith and Senter 1967.
    Ari,
    /// Kandel and Moles 1958, Flesch's reading ease for French: higher is easier.
    KandelMolesReadingEase,
    /// Björnsson 1968: words per sentence plus the share of words over six letters.
    Lix,
    /// A proxy for Chinese: the percentage of characters outside the 3,500 first-level
    /// characters of the General Standard Chinese Characters table (2013).
    UncommonCharactersPercent,
    /// A proxy for Chinese: mean sentence length in characters.
    CharactersPerSentence,
}

impl Measure {
    /// The page's headline measure in `lang`, the one its reading target is for; `None`
    /// for a language without one.
    pub fn headline(lang: Lang) -> Option<Measure> {
        match lang {
            Lang::English => Some(Measure::FleschKincaidGrade),
            Lang::French => Some(Measure::KandelMolesReadingEase),
            Lang::Chinese => Some(Measure::UncommonCharactersPercent),
            Lang::Japanese | Lang::Other => None,
        }
    }

    /// Whether a higher figure means an easier text (reading ease), so that the target
    /// is a floor, not a ceiling.
    pub fn higher_is_easier(self) -> bool {
        matches!(
            self,
            Measure::FleschReadingEase | Measure::KandelMolesReadingEase
        )
    }

    /// Its name for authors.
    pub fn label(self) -> &'static str {
        match self {
            Measure::FleschKincaidGrade => "reading grade",
            Measure::FleschReadingEase => "Flesch reading ease",
            Measure::Smog => "SMOG grade",
            Measure::ColemanLiau => "Coleman-Liau grade",
            Measure::GunningFog => "Gunning fog grade",
            Measure::Ari => "ARI grade",
            Measure::KandelMolesReadingEase => "reading ease (Kandel and Moles)",
            Measure::Lix => "LIX",
            Measure::UncommonCharactersPercent => "share of uncommon characters (a proxy)",
            Measure::CharactersPerSentence => "characters per sentence (a proxy)",
        }
    }

    /// The target when a site sets none for the language: grade 8; reading ease 60 (plain
    /// French reads at 60 to 70 on Kandel and Moles' scale, as on Flesch's); 2 percent of
    /// characters outside the common table (the 3,500 cover about 99.5% of modern text).
    pub fn default_target(self) -> f64 {
        match self {
            Measure::KandelMolesReadingEase | Measure::FleschReadingEase => 60.0,
            Measure::UncommonCharactersPercent => 2.0,
            Measure::Lix => 40.0,
            Measure::CharactersPerSentence => 40.0,
            _ => 8.0,
        }
    }

    /// Whether `value` misses `target`.
    pub fn misses(self, value: f64, target: f64) -> bool {
        if self.higher_is_easier() {
            value < target
        } else {
            value > target
        }
    }
}

/// The reading target of pages in `language` (a BCP 47 code): `[checks.targets]` for the
/// code or its language (`fr` for `fr-CA`), else `reading_grade` for English and the
/// measure's usual target for French and Chinese.
pub fn target_for(config: &super::CheckConfig, language: &str) -> f64 {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    if let Some(&t) = config
        .targets
        .get(language)
        .or_else(|| config.targets.get(primary))
    {
        return t;
    }
    match Measure::headline(Lang::of(language)) {
        Some(Measure::FleschKincaidGrade) | None => config.reading_grade,
        Some(m) => m.default_target(),
    }
}

/// A page's measures, by name.
pub type Measures = BTreeMap<Measure, f64>;

/// The measures made for `lang`, from a page's counts; empty for a language none fits.
pub fn measures(lang: Lang, stats: &Stats) -> Measures {
    match lang {
        Lang::English => Measures::from(english(stats)),
        Lang::French => Measures::from(french(stats)),
        // Chinese is measured in characters by `chinese::measures`, not from word counts.
        Lang::Chinese | Lang::Japanese | Lang::Other => Measures::new(),
    }
}

/// One of the measures [`measures`] makes, `None` if it makes no such one: the figure
/// alone, without a map of all of them (a draft's pages weigh each sentence of their
/// tables and headings by one).
pub fn measure(lang: Lang, stats: &Stats, which: Measure) -> Option<f64> {
    let pick = |all: &[(Measure, f64)]| all.iter().find(|(m, _)| *m == which).map(|&(_, v)| v);
    match lang {
        Lang::English => pick(&english(stats)),
        Lang::French => pick(&french(stats)),
        Lang::Chinese | Lang::Japanese | Lang::Other => None,
    }
}

/// The six English formulas.
fn english(stats: &Stats) -> [(Measure, f64); 6] {
    let s = stats.scores();
    [
        (Measure::FleschKincaidGrade, s.flesch_kincaid_grade),
        (Measure::FleschReadingEase, s.flesch_reading_ease),
        (Measure::Smog, s.smog),
        (Measure::ColemanLiau, s.coleman_liau),
        (Measure::GunningFog, s.gunning_fog),
        (Measure::Ari, s.ari),
    ]
}

/// The two French formulas.
fn french(stats: &Stats) -> [(Measure, f64); 2] {
    [
        (
            Measure::KandelMolesReadingEase,
            super::french::reading_ease(stats),
        ),
        (Measure::Lix, super::french::lix(stats)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_own_target() {
        let mut config = super::super::CheckConfig {
            reading_grade: 7.0,
            ..Default::default()
        };
        config.targets.insert("fr".into(), 65.0);
        assert_eq!(target_for(&config, "en-CA"), 7.0);
        assert_eq!(target_for(&config, "fr-CA"), 65.0);
        assert_eq!(target_for(&config, "zh-Hans"), 2.0);
        assert_eq!(target_for(&config, "ar"), 7.0);
        assert!(Measure::KandelMolesReadingEase.misses(59.0, 60.0));
        assert!(!Measure::FleschKincaidGrade.misses(7.9, 8.0));
    }

    #[test]
    fn english_formulas_are_not_applied_to_other_languages() {
        let stats = Stats::of("Les gens qui consomment des drogues savent ce qui marche pour eux.");
        let french = measures(Lang::of("fr-CA"), &stats);
        assert_eq!(
            french.keys().copied().collect::<Vec<_>>(),
            [Measure::KandelMolesReadingEase, Measure::Lix]
        );
        assert!(measures(Lang::of("zh"), &stats).is_empty());
        assert!(measures(Lang::of("ar"), &stats).is_empty());
        assert_eq!(measures(Lang::of("en-GB"), &stats).len(), 6);
        let names = serde_json::to_string(&measures(Lang::English, &stats)).unwrap_or_default();
        assert!(names.contains("\"flesch_kincaid_grade\":"), "{names}");
    }
}
