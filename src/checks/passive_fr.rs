//! The passive voice in French, as a suggestion: a form of « être » and a past
//! participle (« les groupes sont animés par des pairs », « il a été payé »). Left out:
//! the compound past of verbs that take « être » (« elle est arrivée », « ils sont
//! partis »), reflexive verbs (« elles se sont senties »), and a few adjectives that end
//! like participles (« est petit »). It is a hint: some hits are adjectives.

use regex::Regex;

use super::passive::Passive;

/// Verbs whose compound past takes « être »: « est allé » is not passive.
const WITH_ETRE: &[&str] = &[
    "allé",
    "venu",
    "arrivé",
    "parti",
    "entré",
    "sorti",
    "né",
    "mort",
    "resté",
    "tombé",
    "devenu",
    "revenu",
    "rentré",
    "retourné",
    "monté",
    "descendu",
    "passé",
    "décédé",
    "apparu",
    "intervenu",
    "parvenu",
    "survenu",
    "redevenu",
    "reparti",
    "ressorti",
];

/// Words that end like a participle but are not one.
const NOT_PARTICIPLES: &[&str] = &[
    "ici",
    "aussi",
    "ainsi",
    "parmi",
    "voici",
    "midi",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "petit",
    "petite",
    "petits",
    "petites",
    "gratuit",
    "gratuite",
    "gratuits",
    "gratuites",
    "beaucoup",
    "tout",
    "toute",
    "abri",
    "déficit",
    "esprit",
    "inconnu",
    "inconnue",
    "inconnus",
    "inconnues",
    "menu",
    "début",
    "vrai",
    "vraie",
    "vrais",
    "vraies",
    "joli",
    "jolie",
    "jolis",
    "jolies",
    "ami",
    "amie",
    "amis",
    "amies",
    "nu",
    "nue",
    // Adverbs and adjectives that end in -i or -u: « est plus sain », « est anti-oppressif ».
    "plus",
    "anti",
    "peu",
    "nouveau",
    "beau",
    "lieu",
    "bleu",
    "flou",
    "tabou",
];

/// Every passive verb of a French text, as byte ranges from « être » to the participle.
pub fn find(text: &str) -> Vec<Passive> {
    static RE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let Some(re) = RE
        .get_or_init(|| {
            Regex::new(concat!(
                r"(?i)\b(?:suis|es|est|sommes|êtes|sont|étais|était|étions|étiez|étaient|fut|furent",
                r"|serai|sera|serons|serez|seront|serais|serait|seraient|sois|soit|soient|été|être)",
                r"\s+(?:(?:pas|plus|jamais|souvent|toujours|bien|déjà|aussi|parfois|rarement|mal|tous|toutes|souvent)\s+){0,2}",
                r"(\p{L}{2,}(?:é|ée|és|ées|i|ie|is|ies|it|ite|its|ites|u|ue|us|ues|ert|erte|erts|ertes|aint|ainte|eint|einte|eints|eintes))\b",
            ))
            .ok()
        })
        .as_ref()
    else {
        return Vec::new();
    };
    re.captures_iter(text)
        .filter_map(|c| {
            let all = c.get(0)?;
            let participle = c.get(1)?.as_str().to_lowercase();
            let base = ["es", "s", "e"]
                .iter()
                .find_map(|s| participle.strip_suffix(s).filter(|b| WITH_ETRE.contains(b)))
                .unwrap_or(&participle);
            let reflexive = text[..all.start()]
                .trim_end()
                .rsplit([' ', '\'', '\u{2019}', '\n'])
                .next()
                .is_some_and(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "se" | "s" | "me" | "m" | "te" | "t" | "nous" | "vous"
                    )
                });
            // « a peut-être changé »: « être » here is part of the adverb.
            let peut_etre = text
                .get(all.start().saturating_sub(5)..all.start())
                .is_some_and(|p| p.eq_ignore_ascii_case("peut-"));
            let skip = peut_etre
                || WITH_ETRE.contains(&base)
                || NOT_PARTICIPLES.contains(&participle.as_str())
                || reflexive;
            (!skip).then(|| Passive {
                start: all.start(),
                end: all.end(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text)
            .into_iter()
            .map(|p| &text[p.start..p.end])
            .collect()
    }

    #[test]
    fn french_passives_are_found() {
        assert_eq!(
            found("Les groupes sont animés par des pairs."),
            ["sont animés"]
        );
        assert_eq!(found("Il a été payé en retard."), ["été payé"]);
        assert_eq!(
            found("Les données seront toujours protégées."),
            ["seront toujours protégées"]
        );
        assert_eq!(found("La salle est ouverte le matin."), ["est ouverte"]);
    }

    #[test]
    fn compound_pasts_reflexives_and_adjectives_are_not_passive() {
        for text in [
            "Elle est arrivée tôt.",
            "Ils sont partis ensemble.",
            "Elles se sont senties utilisées.",
            "Nous nous sommes rencontrés au centre.",
            "Le centre est petit.",
            "Le repas est gratuit.",
            "C\u{2019}était vrai pour tout le monde.",
            "Les pairs aident les gens.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn adverbs_adjectives_and_peut_etre_are_not_passive() {
        for text in [
            "Participer est plus sain quand les gens ont du soutien.",
            "L\u{2019}espace est anti-oppressif.",
            "Si un mot est nouveau pour vous, lisez le glossaire.",
            "La page a peut-être changé de place.",
            "Le risque est peu clair.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        assert_eq!(
            found("Il est plus souvent oublié."),
            ["est plus souvent oublié"]
        );
    }
}
