//! Stage 1 (load), people: reads `people.yaml` into typed [`Person`]s, each credited as they
//! chose: how they are named (in full, by initials, by a pseudonym, by their role only,
//! or not at all), in which outputs they agreed to be named (default: none), their ORCID
//! iD (check digit verified) and their CRediT roles (the 14 terms of NISO Z39.104-2022).
//!
//! A person's name never reaches a template as it is written in the file: templates see
//! [`Shown`], the person as they chose to appear in one output, or nothing.
//!
//! A person's photo (`photo`, a file under `content/`, with its alt text `photo_alt`)
//! shows on the site's people page only, and only for a person named on the site; for
//! anyone else the file is withheld from the output ([`withhold_photos`]). The theme
//! makes its `<picture>` like every image's, and the image pipeline publishes it
//! without metadata.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::load::discover::{Asset, SourceFile};
use crate::text::diagnostics::{Diagnostic, Location, Src};

/// How a person chose to be named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Naming {
    Full,
    Initials,
    Pseudonym,
    RoleOnly,
    Anonymous,
}

/// An output a person may agree to be named in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The web pages (and the feed, the EPUB made from them).
    Site,
    /// The policy brief (its page, PDF and Word file).
    Brief,
    /// The slide decks.
    Slides,
    /// Citation metadata and files (CITATION.cff, meta tags, JSON-LD, downloads).
    Citation,
}

/// The 14 contributor roles of CRediT (NISO Z39.104-2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CreditRole {
    Conceptualization,
    DataCuration,
    FormalAnalysis,
    FundingAcquisition,
    Investigation,
    Methodology,
    ProjectAdministration,
    Resources,
    Software,
    Supervision,
    Validation,
    Visualization,
    WritingOriginalDraft,
    WritingReviewEditing,
}

impl CreditRole {
    /// Every role by its name in `people.yaml` (`formal-analysis`), as CRediT lists them.
    pub const KEYS: &'static [&'static str] = &[
        "conceptualization",
        "data-curation",
        "formal-analysis",
        "funding-acquisition",
        "investigation",
        "methodology",
        "project-administration",
        "resources",
        "software",
        "supervision",
        "validation",
        "visualization",
        "writing-original-draft",
        "writing-review-editing",
    ];

    /// The CRediT term, and its plain words in English, French, Chinese and Arabic (the
    /// languages of the default theme; the Chinese and Arabic words await a review by
    /// speakers, like the theme's).
    // Long because it is a table, one entry per role; a match keeps it exhaustive.
    fn words(self) -> [&'static str; 5] {
        use CreditRole::*;
        match self {
            Conceptualization => [
                "Conceptualization",
                "Shaping the ideas and aims",
                "Idées et objectifs",
                "提出想法和目标",
                "صياغة الأفكار والأهداف",
            ],
            DataCuration => [
                "Data curation",
                "Looking after the data",
                "Gestion des données",
                "管理数据",
                "العناية بالبيانات",
            ],
            FormalAnalysis => [
                "Formal analysis",
                "Analysing the data",
                "Analyse des données",
                "分析数据",
                "تحليل البيانات",
            ],
            FundingAcquisition => [
                "Funding acquisition",
                "Finding the money",
                "Recherche de financement",
                "筹集资金",
                "البحث عن التمويل",
            ],
            Investigation => [
                "Investigation",
                "Gathering the evidence",
                "Collecte des données",
                "收集证据",
                "جمع الأدلة",
            ],
            Methodology => [
                "Methodology",
                "Planning the methods",
                "Choix des méthodes",
                "设计研究方法",
                "تخطيط طرق البحث",
            ],
            ProjectAdministration => [
                "Project administration",
                "Running the project",
                "Gestion du projet",
                "管理项目",
                "إدارة المشروع",
            ],
            Resources => [
                "Resources",
                "Providing materials and tools",
                "Matériel et outils",
                "提供材料和工具",
                "توفير المواد والأدوات",
            ],
            Software => [
                "Software",
                "Writing software",
                "Programmes informatiques",
                "编写软件",
                "كتابة البرامج",
            ],
            Supervision => [
                "Supervision",
                "Guiding the work",
                "Encadrement du travail",
                "指导工作",
                "توجيه العمل",
            ],
            Validation => [
                "Validation",
                "Checking the results",
                "Vérification des résultats",
                "核对结果",
                "التحقق من النتائج",
            ],
            Visualization => [
                "Visualization",
                "Making charts and pictures",
                "Graphiques et images",
                "制作图表和图片",
                "إعداد الرسوم البيانية والصور",
            ],
            WritingOriginalDraft => [
                "Writing – original draft",
                "Writing the first draft",
                "Rédaction de la première version",
                "撰写初稿",
                "كتابة المسودة الأولى",
            ],
            WritingReviewEditing => [
                "Writing – review & editing",
                "Reviewing and editing the text",
                "Révision du texte",
                "审阅和修改文字",
                "مراجعة النص وتحريره",
            ],
        }
    }

    /// The role in plain words in the language `lang` (a BCP 47 code); English for a
    /// language the list does not have.
    pub fn plain(self, lang: &str) -> &'static str {
        let [_, en, fr, zh, ar] = self.words();
        match lang.split('-').next().unwrap_or(lang) {
            "fr" => fr,
            "zh" => zh,
            "ar" => ar,
            _ => en,
        }
    }

    /// The CRediT term itself.
    pub fn term(self) -> &'static str {
        self.words()[0]
    }
}

/// A `people.yaml` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    named: Src<Naming>,
    #[serde(default)]
    name: Option<Src<String>>,
    #[serde(default)]
    family_name: Option<Src<String>>,
    #[serde(default)]
    pseudonym: Option<Src<String>>,
    #[serde(default)]
    role: Option<Src<String>>,
    #[serde(default)]
    group: Option<Src<String>>,
    #[serde(default)]
    credentials: Option<Src<String>>,
    #[serde(default)]
    consent: Vec<Channel>,
    #[serde(default)]
    orcid: Option<Src<String>>,
    #[serde(default)]
    affiliation: Option<Src<String>>,
    #[serde(default)]
    credit: Vec<CreditRole>,
    #[serde(default)]
    paid: Option<Src<String>>,
    #[serde(default)]
    photo: Option<Src<String>>,
    #[serde(default)]
    photo_alt: Option<Src<String>>,
}

/// Every key of a `people.yaml` entry, for did-you-mean suggestions.
pub const PERSON_KEYS: &[&str] = &[
    "named",
    "name",
    "family_name",
    "pseudonym",
    "role",
    "group",
    "credentials",
    "consent",
    "orcid",
    "affiliation",
    "credit",
    "paid",
    "photo",
    "photo_alt",
];

/// Someone who made the review, with their choices. Written out for templates as one
/// [`Shown`] per output (or nothing where they are not to be named there).
#[derive(Debug, Clone)]
pub struct Person {
    pub named: Naming,
    /// The name as written in the file: never published as it is.
    name: Option<String>,
    family_name: Option<String>,
    pseudonym: Option<String>,
    role: Option<String>,
    group: Option<String>,
    credentials: Option<String>,
    pub consent: Vec<Channel>,
    /// `0000-0002-1825-0097`, check digit verified.
    orcid: Option<String>,
    affiliation: Option<String>,
    pub credit: Vec<CreditRole>,
    paid: Option<String>,
    /// The person's photo, shown on the site only (see the module's doc).
    pub photo: Option<Photo>,
    /// The language the credit roles are written in (set when the data is linked).
    pub lang: String,
    /// The texts readers see (role, group, how credited) at their places in the file,
    /// for the plain-language checks.
    pub words: Vec<Src<String>>,
    /// Where the person's `named` is written (line, column).
    pub place: (usize, usize),
}

/// A person's photo: its file under `content/`, its alt text (the author's words),
/// its displayed size once [`place_photos`] has read it, and the `<picture>` element the
/// theme makes from them.
#[derive(Debug, Clone)]
pub struct Photo {
    pub rel: String,
    pub alt: String,
    pub size: Option<(u32, u32)>,
    pub html: Option<String>,
    /// Where `photo:` is in the people file, for problems found with the file itself.
    at: Option<Box<Location>>,
}

/// A person as they chose to appear in one output.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// What to print as their name: full name, initials, pseudonym, or role.
    pub name: String,
    /// Given and family names, for citations (full names only).
    pub given: Option<String>,
    pub family: Option<String>,
    /// The person's initials or pseudonym, for citation files that cannot take a
    /// family name.
    pub alias: Option<String>,
    pub credentials: Option<String>,
    pub orcid: Option<String>,
    pub orcid_url: Option<String>,
    pub affiliation: Option<String>,
    pub role: Option<String>,
    pub group: Option<String>,
    pub credit: Vec<CreditShown>,
    pub paid: Option<String>,
    /// The photo's `<picture>` element: on the site only.
    pub photo: Option<String>,
}

/// A CRediT role, in plain words and as its term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditShown {
    pub plain: &'static str,
    pub term: &'static str,
}

impl Person {
    /// The person as shown in `channel`, or `None` where they are not to be named.
    pub fn shown(&self, channel: Channel) -> Option<Shown> {
        if !self.consent.contains(&channel) {
            return None;
        }
        let full = self.named == Naming::Full;
        let (name, alias) = match self.named {
            Naming::Anonymous => return None,
            Naming::Full => (self.name.clone()?, None),
            Naming::Initials => {
                let i = initials(self.name.as_deref()?);
                (i.clone(), Some(i))
            }
            Naming::Pseudonym => {
                let p = self.pseudonym.clone()?;
                (p.clone(), Some(p))
            }
            Naming::RoleOnly => (self.role.clone()?, None),
        };
        let (given, family) = match (full, self.name.as_deref()) {
            (true, Some(n)) => split_name(n, self.family_name.as_deref()),
            _ => (None, None),
        };
        let keep = |v: &Option<String>| v.clone().filter(|_| full);
        Some(Shown {
            name,
            given,
            family,
            alias,
            credentials: keep(&self.credentials),
            orcid_url: keep(&self.orcid).map(|o| format!("https://orcid.org/{o}")),
            orcid: keep(&self.orcid),
            affiliation: keep(&self.affiliation),
            role: self.role.clone().filter(|_| self.named != Naming::RoleOnly),
            group: self.group.clone(),
            credit: self
                .credit
                .iter()
                .map(|c| CreditShown {
                    plain: c.plain(&self.lang),
                    term: c.term(),
                })
                .collect(),
            paid: self.paid.clone(),
            photo: self
                .photo
                .as_ref()
                .filter(|_| channel == Channel::Site)
                .and_then(|p| p.html.clone()),
        })
    }

    /// The name as written in the file, for the checks that keep it out of outputs.
    pub fn full_name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The pseudonym, if the file gives one.
    pub fn pseudonym(&self) -> Option<&str> {
        self.pseudonym.as_deref()
    }

    /// The given and family names of the name as written (`family_name`, or else the
    /// last word, is the family name), for the checks that look for the name in other
    /// orders ("Doe, Jane", "J. Doe").
    pub fn given_and_family(&self) -> (Option<String>, Option<String>) {
        match self.name.as_deref() {
            Some(n) => split_name(n, self.family_name.as_deref()),
            None => (None, None),
        }
    }
}

/// Templates see the person once per output: `p.site`, `p.brief`, `p.slides`,
/// `p.citation`, each the person as shown there or null.
impl Serialize for Person {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Person", 4)?;
        st.serialize_field("site", &self.shown(Channel::Site))?;
        st.serialize_field("brief", &self.shown(Channel::Brief))?;
        st.serialize_field("slides", &self.shown(Channel::Slides))?;
        st.serialize_field("citation", &self.shown(Channel::Citation))?;
        st.end()
    }
}

/// The people to name in each output, as each chose, in the file's order (templates:
/// `data.credited.site`, `data.credited.brief`, ...).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Credited {
    pub site: Vec<Shown>,
    pub brief: Vec<Shown>,
    pub slides: Vec<Shown>,
    pub citation: Vec<Shown>,
}

impl Credited {
    pub fn of(people: &[Person]) -> Credited {
        let on = |c: Channel| people.iter().filter_map(|p| p.shown(c)).collect();
        Credited {
            site: on(Channel::Site),
            brief: on(Channel::Brief),
            slides: on(Channel::Slides),
            citation: on(Channel::Citation),
        }
    }
}

/// "Nathaniel Le Chalifoux" gives "NLC": the first letter of each word that starts with
/// a capital (or of every word when none does).
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitals: String = words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    if capitals.is_empty() {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    } else {
        capitals
    }
}

/// Given and family names: the family name as written in `family_name`, or the last word.
fn split_name(name: &str, family: Option<&str>) -> (Option<String>, Option<String>) {
    let name = name.trim();
    let family = match family {
        Some(f) => f.trim().to_string(),
        None => name.rsplit(' ').next().unwrap_or(name).to_string(),
    };
    let given = name
        .strip_suffix(family.as_str())
        .unwrap_or("")
        .trim()
        .to_string();
    (
        Some(given).filter(|g| !g.is_empty()),
        Some(family).filter(|f| !f.is_empty()),
    )
}

/// An ORCID iD (`0000-0002-1825-0097`, or its https://orcid.org/ address) with its
/// ISO 7064 MOD 11-2 check digit verified; the bare iD, or what is wrong with it.
pub fn orcid(text: &str) -> Result<String, String> {
    let id = text
        .trim()
        .trim_start_matches("https://orcid.org/")
        .trim_start_matches("http://orcid.org/")
        .trim_start_matches("orcid.org/");
    let chars: Vec<char> = id.chars().filter(|c| *c != '-').collect();
    let shape_ok = id.len() == 19
        && id.chars().enumerate().all(|(i, c)| match i {
            4 | 9 | 14 => c == '-',
            18 => c.is_ascii_digit() || c == 'X',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok || chars.len() != 16 {
        return Err("an ORCID iD is four groups of four digits, e.g. 0000-0002-1825-0097 (the last may be X)".into());
    }
    let total = chars[..15]
        .iter()
        .fold(0u32, |t, c| (t + c.to_digit(10).unwrap_or(0)) * 2);
    let check = (12 - total % 11) % 11;
    let expected = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('0')
    };
    if chars[15] == expected {
        Ok(id.to_string())
    } else {
        Err(format!(
            "its last character should be {expected}: copy the iD again from the person's ORCID record"
        ))
    }
}

/// Reads and validates the people file: each problem at its line and column.
pub fn load(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Vec<Person> {
    let raw: Vec<RawPerson> = crate::load::yaml_list::parse_list(file, PERSON_KEYS, problems);
    raw.into_iter()
        .filter_map(|r| validate(file, r, problems))
        .collect()
}

/// A translated people file's `people`, held to the choices made in the default
/// language's file (`original`): consent and how each person is named are the person's
/// own choices, never a translator's. A person of both files (known by their name as
/// written) named or consenting differently in the translation is an error there, and is
/// shown as the original has them; a named person the translation leaves out is added as the original has
/// them, so their name is still kept off the language's pages.
pub fn hold_to_original(
    people: &mut Vec<Person>,
    original: &[Person],
    file: &SourceFile,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for o in original {
        let Some(name) = o.name.as_deref() else {
            continue;
        };
        let Some(t) = people.iter_mut().find(|t| t.name.as_deref() == Some(name)) else {
            people.push(o.clone());
            continue;
        };
        let same = t.named == o.named
            && t.consent == o.consent
            && t.pseudonym == o.pseudonym
            && t.family_name == o.family_name;
        if !same {
            let (line, column) = t.place;
            problems.push(
                Diagnostic::error(format!(
                    "this person is named or consents differently in {} than in content/_data/people.yaml",
                    file.display()
                ))
                .at(&file.display(), &file.text, line.max(1), column.max(1))
                .help("how a person is named and what they agreed to are theirs to choose, in people.yaml: copy named, consent, pseudonym and family_name from there (a translation changes only words such as role and group)"),
            );
            // The translation's entry is not used: the person is shown as they chose.
            *t = o.clone();
        }
    }
    problems
}

fn validate(file: &SourceFile, r: RawPerson, problems: &mut Vec<Diagnostic>) -> Option<Person> {
    let at = |d: Diagnostic, (line, column): (usize, usize)| {
        d.at(&file.display(), &file.text, line, column)
    };
    let needs = match *r.named {
        Naming::Full | Naming::Initials if r.name.is_none() => Some((
            "name",
            "name: ... (initials are made from it; the name itself is not published)",
        )),
        Naming::Pseudonym if r.pseudonym.is_none() => Some(("pseudonym", "pseudonym: ...")),
        Naming::RoleOnly if r.role.is_none() => {
            Some(("role", "role: a member of the community advisory group"))
        }
        _ => None,
    };
    if let Some((key, example)) = needs {
        problems.push(
            at(
                Diagnostic::error(format!(
                    "this person is to be named by {key}, which is missing"
                )),
                r.named.line_column(),
            )
            .help(format!("add a line {example}")),
        );
        return None;
    }
    let orcid_id = match &r.orcid {
        Some(o) => match orcid(o) {
            Ok(id) => Some(id),
            Err(why) => {
                problems.push(
                    at(
                        Diagnostic::error(format!("\"{}\" is not a valid ORCID iD", o.as_str())),
                        o.line_column(),
                    )
                    .help(why),
                );
                return None;
            }
        },
        None => None,
    };
    let photo = r.photo.as_ref().and_then(|p| photo(file, &r, p, problems));
    let words = [&r.role, &r.group, &r.paid]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let text = |v: Option<Src<String>>| v.map(|s| s.into_inner().trim().to_string());
    Some(Person {
        words,
        place: r.named.line_column(),
        named: r.named.into_inner(),
        name: text(r.name),
        family_name: text(r.family_name),
        pseudonym: text(r.pseudonym),
        role: text(r.role),
        group: text(r.group),
        credentials: text(r.credentials),
        consent: r.consent,
        orcid: orcid_id,
        affiliation: text(r.affiliation),
        credit: r.credit,
        paid: text(r.paid),
        photo,
        lang: String::new(),
    })
}

/// The person's photo with its alt text. A photo without alt text is an error; alt text
/// that names someone not named in full, and a photo that will not be published, are
/// warnings; each at its line.
fn photo(
    file: &SourceFile,
    r: &RawPerson,
    p: &Src<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Photo> {
    let shown = file.display();
    let Some(alt) = r.photo_alt.as_ref().filter(|a| !a.trim().is_empty()) else {
        let d = Diagnostic::error("this photo has no alt text").help(
            "add a line photo_alt: ... that says what the photo shows, for people who cannot see it (name the person only as they chose to be named)",
        );
        problems.push(p.place(d, &shown, &file.text));
        return None;
    };
    if named_in(alt, r).is_some() {
        let d = Diagnostic::warning(
            "this alt text names the person, who chose not to be named in full",
        )
        .help("describe the photo without their name, or with the name they chose (see named:); the name is not repeated here");
        let mut d = alt.place(d, &shown, &file.text);
        // Its line holds the name: it is not quoted either.
        if let Some(place) = d.location.as_mut() {
            place.source_line = None;
        }
        problems.push(d);
    }
    if matches!(*r.named, Naming::Anonymous) || !r.consent.contains(&Channel::Site) {
        let d = Diagnostic::warning("this photo will not be published").help(
            "a photo shows on the site's people page, for a person named on the site (consent: [site]); remove the line, or check the person's choices",
        );
        problems.push(p.place(d, &shown, &file.text));
    }
    let place = p.place(Diagnostic::error(""), &shown, &file.text);
    Some(Photo {
        rel: photo_path(p),
        alt: alt.trim().to_string(),
        size: None,
        html: None,
        at: place.location,
    })
}

/// The photo's path under `content/` as the asset list writes it: `/` between folders,
/// no `.` or empty part (`./people//ana.jpg` is `people/ana.jpg`).
fn photo_path(written: &str) -> String {
    written
        .trim()
        .replace('\\', "/")
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// A word of the person's written name (or the whole name) found in `alt`, when they
/// chose not to be named in full: the author's words must not name them either.
fn named_in<'a>(alt: &str, r: &'a RawPerson) -> Option<&'a str> {
    if *r.named == Naming::Full {
        return None;
    }
    let name = r.name.as_deref()?;
    let alt: Vec<String> = alt
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .map(str::to_lowercase)
        .collect();
    let found = |w: &str| {
        let words: Vec<String> = w.split_whitespace().map(str::to_lowercase).collect();
        !words.is_empty() && alt.windows(words.len()).any(|run| run == words.as_slice())
    };
    // The family name as one phrase ("Le Chalifoux"), then each given name.
    let (given, family) = split_name(name, r.family_name.as_deref().map(|f| f.as_str()));
    let given = given.unwrap_or_default();
    family
        .into_iter()
        .chain(given.split_whitespace().map(str::to_string))
        .filter(|w| w.chars().count() > 1 && found(w))
        .find_map(|w| {
            name.find(w.as_str())
                .and_then(|at| name.get(at..at + w.len()))
        })
}

/// Reads the size of each person's photo from its file under `content_dir`; a photo
/// that is not there, or not an image plainsite publishes, is an error at its line.
pub fn place_photos(people: &mut [Person], content_dir: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for photo in people.iter_mut().filter_map(|p| p.photo.as_mut()) {
        let path = content_dir.join(&photo.rel);
        let inside =
            !photo.rel.starts_with("_data/") && !photo.rel.split('/').any(|part| part == "..");
        let why = match crate::load::images::raster_format(&photo.rel) {
            None => Some("a photo must be a JPEG, PNG, WebP or GIF file"),
            Some(_) if !inside || !path.is_file() => Some("there is no such file in content/"),
            Some(_) => {
                photo.size = crate::load::images::displayed_size(&path);
                photo.size.is_none().then_some("this image cannot be read")
            }
        };
        if let Some(why) = why {
            problems.push(Diagnostic {
                location: photo.at.clone(),
                ..Diagnostic::error(format!("photo \"{}\": {why}", photo.rel))
                    .help("give the photo's path under content/, e.g. photo: people/ana.jpg")
            });
        }
    }
    problems
}

/// Leaves out of `assets` each photo that no person shows on the site (in any of
/// `people`, the people of every language): it is not published at all. Paths are
/// compared in lower case, as a Mac or Windows disk finds `People/Ana.JPG` at
/// `people/ana.jpg`: a photo is never published through another spelling of its name.
pub fn withhold_photos<'a>(assets: &mut Vec<Asset>, people: impl Iterator<Item = &'a Person>) {
    let mut all = HashSet::new();
    let mut shown = HashSet::new();
    for p in people {
        let Some(photo) = &p.photo else { continue };
        all.insert(photo.rel.to_lowercase());
        if p.named != Naming::Anonymous && p.consent.contains(&Channel::Site) {
            shown.insert(photo.rel.to_lowercase());
        }
    }
    assets.retain(|a| {
        let rel = a.rel.to_lowercase();
        !all.contains(&rel) || shown.contains(&rel)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::SourceKind;

    fn people(text: &str) -> (Vec<Person>, Vec<Diagnostic>) {
        let f = SourceFile::new("_data/people.yaml", SourceKind::Data, text);
        let mut problems = Vec::new();
        (load(&f, &mut problems), problems)
    }

    #[test]
    fn orcid_check_digit_is_verified() {
        // ORCID's own examples: 0000-0002-1825-0097 and 0000-0002-1694-233X.
        assert_eq!(orcid("0000-0002-1825-0097").unwrap(), "0000-0002-1825-0097");
        assert_eq!(
            orcid("https://orcid.org/0000-0002-1694-233X").unwrap(),
            "0000-0002-1694-233X"
        );
        assert!(orcid("0000-0002-1825-0098")
            .unwrap_err()
            .contains("should be 7"));
        assert!(orcid("0000-0002-1825").is_err());
        assert!(orcid("0000-0002-1825-009é").is_err());
    }

    #[test]
    fn bad_orcid_is_an_error_at_its_place() {
        let (_, problems) =
            people("- named: full\n  name: Ana Diaz\n  orcid: 0000-0002-1825-0098\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (3, 10));
    }

    #[test]
    fn unknown_credit_role_is_an_error_with_did_you_mean() {
        let (_, problems) =
            people("- named: full\n  name: Ana Diaz\n  credit: [methodology, vizualization]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].location.as_ref().unwrap().line, 3);
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean visualization?"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_translated_people_file_never_loosens_how_someone_is_named_or_what_they_agreed_to() {
        let (original, _) = people(
            "- named: pseudonym\n  name: Jane Doe\n  pseudonym: River\n  consent: [site]\n\
             - named: full\n  name: Ana Diaz\n  consent: [site, brief]\n",
        );
        let fr = "- named: full\n  name: Jane Doe\n  consent: [site]\n\
                  - named: full\n  name: Tom Smith\n  consent: [site]\n";
        let file = SourceFile::new("_data/people.fr.yaml", SourceKind::Data, fr);
        let mut translated = load(&file, &mut Vec::new());
        let problems = hold_to_original(&mut translated, &original, &file);
        let places: Vec<(usize, usize)> = (problems.iter())
            .map(|d| d.location.as_ref().map_or((0, 0), |l| (l.line, l.column)))
            .collect();
        assert_eq!(places, [(1, 10)], "{problems:?}");
        let shown: Vec<Option<String>> = (translated.iter())
            .map(|p| p.shown(Channel::Site).map(|s| s.name))
            .collect();
        // Jane keeps her pseudonym; Ana, left out, is kept (and her name protected).
        assert_eq!(
            shown,
            [
                Some("River".into()),
                Some("Tom Smith".into()),
                Some("Ana Diaz".into())
            ]
        );
        assert_eq!(translated[2].consent, [Channel::Site, Channel::Brief]);
    }

    #[test]
    fn each_naming_choice_is_shown_only_where_consented() {
        let (p, problems) = people(
            "- named: full\n  name: Ana Diaz\n  credentials: PhD\n  consent: [site]\n\
             - named: initials\n  name: Nathaniel Le Chalifoux\n  credentials: MSW\n  consent: [site, brief]\n\
             - named: pseudonym\n  name: Real Name\n  pseudonym: Robin\n  consent: [slides]\n\
             - named: role-only\n  name: Real Name\n  role: A peer worker\n  consent: [site]\n\
             - named: anonymous\n  name: Real Name\n  consent: [site]\n\
             - named: full\n  name: Bo Li\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let site: Vec<Option<String>> = p
            .iter()
            .map(|p| p.shown(Channel::Site).map(|s| s.name))
            .collect();
        assert_eq!(
            site,
            [
                Some("Ana Diaz".into()),
                Some("NLC".into()),
                None,
                Some("A peer worker".into()),
                None,
                None
            ]
        );
        assert_eq!(p[0].shown(Channel::Brief), None);
        assert_eq!(p[1].shown(Channel::Brief).unwrap().credentials, None);
        assert_eq!(p[2].shown(Channel::Slides).unwrap().name, "Robin");
        let json = serde_json::to_string(&p).unwrap();
        assert!(
            !json.contains("Real Name") && !json.contains("Chalifoux"),
            "{json}"
        );
    }

    #[test]
    fn a_photo_shows_on_the_site_only_and_its_alt_text_keeps_initials_initials() {
        let (mut p, problems) = people(
            "- named: initials\n  name: Nathaniel Le Chalifoux\n  consent: [site, brief]\n  photo: people/n.jpg\n  photo_alt: Nathaniel at the table\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .contains("this alt text names the person")
                && !format!("{problems:?}").contains("Nathaniel"),
            "{problems:?}"
        );
        assert_eq!(problems[0].location.as_ref().unwrap().line, 5);
        let photo = p[0].photo.as_mut().unwrap();
        assert_eq!(
            (photo.rel.as_str(), photo.alt.as_str()),
            ("people/n.jpg", "Nathaniel at the table")
        );
        photo.html = Some("<picture></picture>".into());
        assert_eq!(
            p[0].shown(Channel::Site).unwrap().photo.as_deref(),
            Some("<picture></picture>")
        );
        assert_eq!(p[0].shown(Channel::Brief).unwrap().photo, None);
    }

    #[test]
    fn a_photo_is_withheld_whatever_the_spelling_of_its_path() {
        let (p, _) = people(
            "- named: full\n  name: Ana Diaz\n  photo: ./People//Ana.JPG\n  photo_alt: A person\n\
             - named: full\n  name: Bo Li\n  consent: [site]\n  photo: people/bo.jpg\n  photo_alt: A person\n",
        );
        let asset = |rel: &str| Asset {
            rel: rel.into(),
            path: rel.into(),
        };
        let mut assets = vec![
            asset("people/ana.jpg"),
            asset("people/bo.jpg"),
            asset("a.png"),
        ];
        withhold_photos(&mut assets, p.iter());
        let left: Vec<&str> = assets.iter().map(|a| a.rel.as_str()).collect();
        assert_eq!(left, ["people/bo.jpg", "a.png"]);
        assert_eq!(photo_path(" ./people\\x//y.jpg"), "people/x/y.jpg");
    }

    #[test]
    fn missing_pseudonym_is_an_error_at_named() {
        let (_, problems) = people("- name: X Y\n  named: pseudonym\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].location.as_ref().unwrap().line, 2);
        assert!(problems[0].help.as_deref().unwrap().contains("pseudonym:"));
    }

    #[test]
    fn each_credit_role_has_its_name_in_the_file_beside_it() {
        let roles: Vec<CreditRole> = CreditRole::KEYS
            .iter()
            .map(|key| serde_json::from_value(serde_json::json!(key)).unwrap())
            .collect();
        for (role, key) in roles.iter().zip(CreditRole::KEYS) {
            assert_eq!(serde_json::to_value(role).unwrap(), *key);
        }
        assert_eq!(roles.len(), 14);
        assert!(roles
            .iter()
            .enumerate()
            .all(|(i, r)| !roles[..i].contains(r)));
    }

    #[test]
    fn credit_roles_read_in_plain_words_in_each_language() {
        assert_eq!(CreditRole::FormalAnalysis.plain("en"), "Analysing the data");
        assert_eq!(
            CreditRole::FormalAnalysis.plain("fr-CA"),
            "Analyse des données"
        );
        assert_eq!(
            CreditRole::WritingReviewEditing.term(),
            "Writing – review & editing"
        );
        // The theme's other languages: Chinese and Arabic, not English words.
        assert_eq!(CreditRole::FormalAnalysis.plain("zh"), "分析数据");
        assert_eq!(CreditRole::FormalAnalysis.plain("zh-Hans"), "分析数据");
        assert_eq!(CreditRole::FormalAnalysis.plain("ar"), "تحليل البيانات");
    }

    #[test]
    fn names_split_for_citations() {
        assert_eq!(
            split_name("Nathaniel Le Chalifoux", Some("Le Chalifoux")),
            (Some("Nathaniel".into()), Some("Le Chalifoux".into()))
        );
        assert_eq!(initials("Nathaniel Le Chalifoux"), "NLC");
        assert_eq!(initials("bo li"), "BL");
    }
}
