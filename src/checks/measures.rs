//! Which reading measures a page gets, by language. A formula belongs to the language it
//! was made for: English pages get the six English formulas (see `readability`); other
//! languages get none until a measure made for them is added here, as a [`Lang`] and its
//! [`Measure`] variants. Pages never show another language's figures.

use std::collections::BTreeMap;

use super::readability::Stats;

/// A language family the measures know. Others are [`Lang::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    English,
    French,
    Chinese,
    Other,
}

impl Lang {
    /// The language of a BCP 47 code such as `en`, `en-CA`, `fr` or `zh-Hans`.
    pub fn of(code: &str) -> Lang {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Lang::English,
            "fr" => Lang::French,
            "zh" => Lang::Chinese,
            _ => Lang::Other,
        }
    }
}

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
}

/// A page's measures, by name.
pub type Measures = BTreeMap<Measure, f64>;

/// The measures made for `lang`, from a page's counts; empty for a language none fits.
pub fn measures(lang: Lang, stats: &Stats) -> Measures {
    match lang {
        Lang::English => {
            let s = stats.scores();
            Measures::from([
                (Measure::FleschKincaidGrade, s.flesch_kincaid_grade),
                (Measure::FleschReadingEase, s.flesch_reading_ease),
                (Measure::Smog, s.smog),
                (Measure::ColemanLiau, s.coleman_liau),
                (Measure::GunningFog, s.gunning_fog),
                (Measure::Ari, s.ari),
            ])
        }
        Lang::French | Lang::Chinese | Lang::Other => Measures::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_formulas_are_not_applied_to_other_languages() {
        let stats = Stats::of("Les gens qui consomment des drogues savent ce qui marche pour eux.");
        assert!(measures(Lang::of("fr-CA"), &stats).is_empty());
        assert!(measures(Lang::of("zh"), &stats).is_empty());
        assert_eq!(measures(Lang::of("en-GB"), &stats).len(), 6);
        let names = serde_json::to_string(&measures(Lang::English, &stats)).unwrap_or_default();
        assert!(names.contains("\"flesch_kincaid_grade\":"), "{names}");
    }
}
