//! People credited as they chose: for each naming choice (full, initials, pseudonym,
//! role only, anonymous) and each output (the site and its EPUB, the brief's page, PDF
//! text and Word file, the slides), a person's full name is in no file of an output
//! where they are not named in full; a page that names them there fails the build.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::*;

const PEOPLE: &str = "\
- named: full
  name: Ana Diaz
  consent: [site]
- named: initials
  name: Nathaniel Le Chalifoux
  consent: [site, brief, slides, citation]
- named: pseudonym
  name: Rosa Quintero
  pseudonym: Robin
  consent: [site, brief, slides, citation]
- named: role-only
  name: Omar Haddad
  role: A peer worker
  consent: [site, brief, slides, citation]
- named: anonymous
  name: Grace Mbeki
  consent: [site, brief, slides, citation]
- named: full
  name: Ingrid Olsen
- named: full
  name: Ken Sato
  consent: [brief]
";

/// Full names, and the outputs each may be named in full in.
const NAMES: &[(&str, &[&str])] = &[
    ("Ana Diaz", &["site"]),
    ("Nathaniel Le Chalifoux", &[]),
    ("Rosa Quintero", &[]),
    ("Omar Haddad", &[]),
    ("Grace Mbeki", &[]),
    ("Ingrid Olsen", &[]),
    ("Ken Sato", &["brief"]),
];

fn credited_site() -> Fixture {
    let f = Fixture::new("basic");
    f.write("content/_data/people.yaml", PEOPLE);
    f.write(
        "content/who-made-this.md",
        "---\ntitle: Who made this\ndescription: The team.\ntemplate: people.html\nauthors: [Ana Diaz, NLC, Robin]\nmenu: true\n---\n\nThe people below made this.\n",
    );
    f.write(
        "content/brief.md",
        "---\ntitle: A brief\ndescription: The brief.\ntemplate: brief.html\nauthors: [Ken Sato]\n---\n\nPay people fairly for their work.\n",
    );
    f.write(
        "content/slides.md",
        "---\ntitle: Slides\ndescription: The slides.\ntemplate: slides.html\n---\n\nPay people fairly.\n",
    );
    f
}

/// The output an output file belongs to.
fn output_of(rel: &str) -> &'static str {
    if rel == "CITATION.cff" || rel.starts_with("citation.") {
        "citation"
    } else if rel.contains("brief") {
        "brief"
    } else if rel.contains("slides") {
        "slides"
    } else {
        "site"
    }
}

/// A file's text as readers and tools see it: a PDF's text (pdftotext), every part of
/// a zip package (Word, EPUB), or the file itself; white space as single spaces.
fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = if path.extension().is_some_and(|e| e == "pdf") {
        let o = Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()
            .unwrap();
        assert!(o.status.success(), "pdftotext {}", path.display());
        String::from_utf8_lossy(&o.stdout).into_owned()
    } else if bytes.starts_with(b"PK") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut all = String::new();
        for i in 0..zip.len() {
            let mut part = Vec::new();
            zip.by_index(i).unwrap().read_to_end(&mut part).unwrap();
            all.push_str(&String::from_utf8_lossy(&part));
            all.push(' ');
        }
        all
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    // Word and EPUB break text into runs and lines: compare words as read.
    let no_tags = text.replace("</w:t></w:r><w:r><w:t xml:space=\"preserve\">", "");
    no_tags.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's citation metadata: its `citation_*` meta tags, its JSON-LD and its "cite
/// this" block (the first two and the last as the minifier writes them).
fn citation_parts(html: &str) -> String {
    let mut parts: Vec<&str> = html
        .split("<meta ")
        .skip(1)
        .filter_map(|m| m.split('>').next())
        .filter(|m| m.contains("citation_"))
        .collect();
    for (open, close) in [
        ("application/ld+json>", "</script>"),
        ("<details class=cite-this>", "</details>"),
    ] {
        parts.extend(
            html.split(open)
                .skip(1)
                .filter_map(|p| p.split(close).next()),
        );
    }
    parts.join(" ")
}

#[test]
fn each_naming_choice_keeps_full_names_out_of_every_output_they_did_not_agree_to() {
    let f = credited_site();
    let printed = Command::new("pdftotext").arg("-v").output().is_ok()
        && plainsite::outputs::pdf::find_browser().is_some();
    let mut seen_in: Vec<(&str, String)> = Vec::new();
    // Each command builds the site again and adds its own files.
    for args in [&["build"][..], &["epub"], &["brief", "--docx"], &["brief"]] {
        if args == ["brief"] && !printed {
            eprintln!("skipped the PDFs: no Chromium or no pdftotext here");
            continue;
        }
        assert_ok(&f.run(args));
        for e in walkdir::WalkDir::new(f.public()) {
            let e = e.unwrap();
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(f.public())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = text_of(e.path());
            // A page's citation metadata is citation output, wherever the page is.
            let cited = citation_parts(&text);
            let leaked: Vec<&str> = NAMES
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| cited.contains(name))
                .collect();
            assert!(
                leaked.is_empty(),
                "{leaked:?} named in full in the citation metadata of {rel}: {cited}"
            );
            for (name, allowed) in NAMES {
                if text.contains(name) {
                    assert!(
                        allowed.contains(&output_of(&rel)),
                        "{name} is named in full in {rel}, an output of {} they did not agree to",
                        output_of(&rel)
                    );
                    seen_in.push((name, rel.clone()));
                }
            }
        }
    }
    // The files were read: the names allowed somewhere are found there.
    let found = |name: &str, rel: &str| seen_in.iter().any(|(n, r)| *n == name && r == rel);
    assert!(found("Ana Diaz", "who-made-this/index.html"), "{seen_in:?}");
    assert!(found("Ken Sato", "brief/index.html"), "{seen_in:?}");
    assert!(found("Ken Sato", "brief/brief-en.docx"), "{seen_in:?}");
    assert!(found("Ana Diaz", "example.org-en.epub"), "{seen_in:?}");
    if printed {
        assert!(found("Ken Sato", "brief/brief-en-a4.pdf"), "{seen_in:?}");
    }
    let people = f.read_output("who-made-this/index.html");
    for shown in ["NLC", "Robin", "A peer worker", "By Ana Diaz, NLC, Robin."] {
        assert!(people.contains(shown), "{shown} in {people}");
    }
    // The citation metadata was read: it names those who agreed, as they chose.
    let cited = citation_parts(&people);
    assert!(
        cited.contains("citation_author") && cited.contains("NLC"),
        "{cited}"
    );
    assert!(cited.contains("\"@type\""), "{cited}");
    let cff = f.read_output("CITATION.cff");
    assert!(cff.contains("NLC") && !cff.contains("Ana"), "{cff}");
}

#[test]
fn author_named_in_full_who_chose_initials_is_an_error_at_its_line() {
    let f = credited_site();
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\nauthors:\n  - Ana Diaz\n  - Nathaniel Le Chalifoux\n---\n\nText.\n",
    );
    f.write(
        "content/brief.md",
        "---\ntitle: A brief\ndescription: The brief.\ntemplate: brief.html\nauthors: [Ana Diaz]\n---\n\nPay people fairly.\n",
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(
            &err,
            "error:",
            "this author is named in a way they did not agree to on the site"
        ),
        "content/guide/second.md:6:5"
    );
    assert!(
        err.contains("they chose to be named by their initials here: write \"NLC\""),
        "{err}"
    );
    assert_eq!(
        place_of(
            &err,
            "error:",
            "this author is named in a way they did not agree to on the brief"
        ),
        "content/brief.md:5:11"
    );
    assert!(
        err.contains("remove this author: they have not agreed to be named on the brief"),
        "{err}"
    );
}

#[test]
fn full_name_in_text_or_alt_text_of_an_output_without_consent_fails_the_build() {
    for body in [
        "We thank Grace\nMbeki for her work.",
        "![Ingrid Olsen at the meeting](square.svg)",
    ] {
        let f = credited_site();
        f.write(
            "content/guide/second.md",
            &format!("---\ntitle: Second page\ndescription: The second page.\n---\n\n{body}\n"),
        );
        let before = snapshot(&f.public());
        let err = assert_fails(&f.build());
        assert!(
            err.contains("error: this page names in full someone who did not agree to it on the site\n  --> content/guide/second.md"),
            "{err}"
        );
        assert!(
            !err.contains("Mbeki") && !err.contains("Olsen"),
            "the message repeats the name: {err}"
        );
        assert_eq!(
            before,
            snapshot(&f.public()),
            "the output was left as it was"
        );
    }
}

#[test]
fn a_text_file_copied_into_the_site_that_names_someone_fails_the_build() {
    let f = credited_site();
    f.write(
        "content/guide/notes.txt",
        "Interview with Grace Mbeki, 3 May.\n",
    );
    f.write("content/guide/page.html", "<p>With Grace Mb&#101;ki.</p>\n");
    f.write("content/guide/plain.csv", "group,count\npeers,4\n");
    f.write("content/guide/grace-mbeki-interview.pdf", "%PDF-1.7\n");
    let err = assert_fails(&f.build());
    for file in ["notes.txt", "page.html", "grace-mbeki-interview.pdf"] {
        assert!(
            err.contains(&format!("error: this file, copied into the site as it is, names in full (in its words or its name) someone who did not agree to it on the site\n  --> content/guide/{file}")),
            "{file}: {err}"
        );
    }
    assert!(
        !err.contains("plain.csv") && !err.contains("Mbeki"),
        "{err}"
    );
}

#[test]
fn full_name_split_by_a_tag_or_a_break_still_fails_the_build() {
    for body in [
        "We thank Grace *Mbeki* for her work.",
        "We thank Gr**ace** Mbeki for her work.",
        "We thank Grace\\\nMbeki for her work.",
        "We thank [Grace](https://example.com/) Mbeki for her work.",
        "We thank Grace&nbsp;Mbeki for her work.",
        "We thank Grace [Mbeki](https://example.com/) for her work.",
    ] {
        let f = credited_site();
        f.write(
            "content/guide/second.md",
            &format!("---\ntitle: Second page\ndescription: The second page.\n---\n\n{body}\n"),
        );
        let err = assert_fails(&f.build());
        assert!(
            err.contains("error: this page names in full someone who did not agree to it on the site\n  --> content/guide/second.md"),
            "{body}: {err}"
        );
    }
}

#[test]
fn full_name_in_another_form_or_in_a_page_address_fails_the_build() {
    let second = "---\ntitle: Second page\ndescription: The second page.\n";
    for (file, front, body) in [
        ("second.md", "", "We thank Grace Mbéki for her work."),
        ("second.md", "", "Thanks to Mbeki, Grace."),
        ("second.md", "", "See G. Mbeki (2020)."),
        ("second.md", "slug: grace-mbeki\n", "A page."),
        ("second.md", "aliases: [/grace-mbeki/]\n", "A page."),
        ("grace_mbeki.md", "", "A page."),
    ] {
        let f = credited_site();
        f.write(
            &format!("content/guide/{file}"),
            &format!("{second}{front}---\n\n{body}\n"),
        );
        let err = assert_fails(&f.build());
        assert!(
            err.contains(&format!("error: this page names in full someone who did not agree to it on the site\n  --> content/guide/{file}")),
            "{front}{body}: {err}"
        );
    }
}

#[test]
fn names_in_separate_cells_or_paragraphs_are_not_one_name() {
    let f = credited_site();
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nWe met Grace.\n\nMbeki is a town.\n",
    );
    let out = f.build();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// People with photos: Ana (named in full, on the site), NLC (initials, everywhere),
/// Ken (the brief only) and Ingrid (nowhere). Ana's photo holds a GPS position.
const PEOPLE_WITH_PHOTOS: &str = "\
- named: full
  name: Ana Diaz
  consent: [site]
  photo: people/ana.jpg
  photo_alt: Ana Diaz at the meeting
- named: initials
  name: Nathaniel Le Chalifoux
  consent: [site, brief, slides, citation]
  photo: people/nlc.jpg
  photo_alt: A person in a red coat
- named: full
  name: Ken Sato
  consent: [brief]
  photo: people/ken.jpg
  photo_alt: Ken Sato
- named: full
  name: Ingrid Olsen
  photo: people/ingrid.jpg
  photo_alt: Ingrid Olsen
";

fn site_with_photos(people: &str) -> Fixture {
    let f = credited_site();
    f.write("content/_data/people.yaml", people);
    std::fs::create_dir_all(f.root().join("content/people")).unwrap();
    for name in ["ana", "nlc", "ken", "ingrid"] {
        let photo = common::pictures::jpeg_with_gps();
        std::fs::write(f.root().join(format!("content/people/{name}.jpg")), photo).unwrap();
    }
    f
}

/// Every file of the output whose path holds `part`.
fn files_named(f: &Fixture, part: &str) -> Vec<String> {
    snapshot(&f.public())
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.contains(part))
        .collect()
}

#[test]
fn a_photo_is_published_only_for_people_named_on_the_site() {
    let f = site_with_photos(PEOPLE_WITH_PHOTOS);
    let err = assert_ok(&f.build());
    // Ken and Ingrid: a warning at each photo line.
    let warned = places_of(&err, "warning:", "this photo will not be published");
    assert_eq!(
        warned,
        [
            "content/_data/people.yaml:14:10",
            "content/_data/people.yaml:18:10"
        ],
        "{err}"
    );
    let people = f.read_output("who-made-this/index.html");
    for alt in ["Ana Diaz at the meeting", "A person in a red coat"] {
        assert!(
            people.contains(&format!("alt=\"{alt}\"")),
            "{alt} in {people}"
        );
    }
    assert!(
        people.contains("people/ana.webp"),
        "a WebP source: {people}"
    );
    assert!(
        !people.contains("ken.") && !people.contains("ingrid."),
        "{people}"
    );
    // The brief shows no photo, even of those who agreed to it.
    let brief = f.read_output("brief/index.html");
    assert!(!brief.contains("people/"), "{brief}");
    // The files: published (without metadata) for Ana and NLC, not at all for the others.
    for name in ["people/ana.jpg", "people/ana.webp", "people/nlc.jpg"] {
        let bytes = std::fs::read(f.public().join(name)).unwrap();
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{name} keeps EXIF");
    }
    assert_eq!(files_named(&f, "ken"), Vec::<String>::new());
    assert_eq!(files_named(&f, "ingrid"), Vec::<String>::new());
}

#[test]
fn a_photo_without_alt_text_is_an_error_at_its_line() {
    let f = site_with_photos(
        "- named: full\n  name: Ana Diaz\n  consent: [site]\n  photo: people/ana.jpg\n",
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(&err, "error:", "this photo has no alt text"),
        "content/_data/people.yaml:4:10",
        "{err}"
    );
}

#[test]
fn a_missing_photo_is_an_error_at_its_line() {
    let f = site_with_photos(
        "- named: full\n  name: Ana Diaz\n  consent: [site]\n  photo: people/anna.jpg\n  photo_alt: Ana at the meeting\n",
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        place_of(
            &err,
            "error:",
            "photo \"people/anna.jpg\": there is no such file in content/"
        ),
        "content/_data/people.yaml:4:10",
        "{err}"
    );
}

/// The alt text is the author's: for someone named by initials, a name of theirs in it
/// is a warning at its line (their full name would also fail the build, as any page text).
#[test]
fn alt_text_that_names_someone_named_by_initials_is_a_warning_at_its_line() {
    let f = site_with_photos(
        "- named: initials\n  name: Nathaniel Le Chalifoux\n  family_name: Le Chalifoux\n  consent: [site]\n  photo: people/nlc.jpg\n  photo_alt: Mr Le Chalifoux at the meeting\n",
    );
    let err = assert_ok(&f.run(&["check"]));
    assert_eq!(
        place_of(
            &err,
            "warning:",
            "this alt text names the person, who chose not to be named in full"
        ),
        "content/_data/people.yaml:6:14",
        "{err}"
    );
    assert!(
        !err.contains("Chalifoux"),
        "the warning repeats the name: {err}"
    );
    // Their initials, or words that only look like their name's, are not.
    let f = site_with_photos(
        "- named: initials\n  name: Nathaniel Le Chalifoux\n  family_name: Le Chalifoux\n  consent: [site]\n  photo: people/nlc.jpg\n  photo_alt: NLC at the meeting, le matin\n",
    );
    let err = assert_ok(&f.build());
    assert!(!err.contains("this alt text names the person"), "{err}");
    let people = f.read_output("who-made-this/index.html");
    assert!(
        people.contains("alt=\"NLC at the meeting, le matin\""),
        "{people}"
    );
}

/// The people page shows each person's ORCID (a link), affiliation, CRediT roles in
/// plain words in the page's language, and how they were paid or credited.
#[test]
fn the_people_page_shows_orcid_affiliation_roles_in_plain_words_and_pay() {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.fr]\ntitle = \"Site\"\n"),
    );
    f.write(
        "content/_data/people.yaml",
        "- named: full\n  name: Ana Diaz\n  consent: [site]\n  orcid: 0000-0002-1825-0097\n  affiliation: Peer network\n  credit: [conceptualization, formal-analysis]\n  paid: Paid for her time.\n",
    );
    f.write(
        "content/who-made-this.md",
        "---\ntitle: Who made this\ndescription: The team.\ntemplate: people.html\n---\n\nThe people below made this.\n",
    );
    assert_ok(&f.build());
    let en = f.read_output("who-made-this/index.html");
    for part in [
        "<p class=person-name>Ana Diaz<p>Peer network<p>",
        "<a href=https://orcid.org/0000-0002-1825-0097>ORCID 0000-0002-1825-0097<span class=visually-hidden> (Ana Diaz)</span></a>",
        "What they did: Shaping the ideas and aims, Analysing the data.",
        "Paid for her time.",
    ] {
        assert!(en.contains(part), "{part}\n{en}");
    }
    let fr = f.read_output("fr/who-made-this/index.html");
    assert!(
        fr.contains("Rôle dans le travail : Idées et objectifs, Analyse des données."),
        "{fr}"
    );
}

#[test]
fn a_hidden_name_in_a_shared_file_is_one_error_at_its_line_not_one_per_page() {
    let f = credited_site();
    let config = std::fs::read_to_string(f.root().join("site.toml"))
        .unwrap()
        .replace("Test team", "Grace Mbeki");
    f.write("site.toml", &config);
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nWe thank\nOmar Haddad for his work.\n",
    );
    let err = assert_fails(&f.build());
    let mut places = places_of(
        &err,
        "error:",
        "names in full someone who did not agree to it on the site",
    );
    places.sort();
    assert_eq!(
        places,
        ["content/guide/second.md:7:1", "site.toml:5:17"],
        "{places:?} {err}"
    );
    assert!(!err.contains("Mbeki") && !err.contains("Haddad"), "{err}");
}

#[test]
fn every_place_of_a_hidden_name_is_an_error_at_its_line_in_chinese_text_and_with_references() {
    let f = credited_site();
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.zh]\ntitle = \"研究\"\n"),
    );
    f.write(
        "content/_data/people.yaml",
        &format!(
            "{PEOPLE}- named: anonymous\n  name: 李华\n- named: anonymous\n  name: Wang Xiaoming\n"
        ),
    );
    f.write(
        "content/guide/second.zh.md",
        "---\ntitle: 第二页\ndescription: 第二页。\n---\n\n我们感谢李华的帮助。\n\n我们感谢Wang Xiaoming的帮助。\n\n![李华在诊所](square.svg)\n",
    );
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nWe thank Gr&shy;ace Mbeki and Grace&nbsp;Mbeki.\n\nGrace Mbeki came.\n",
    );
    let before = snapshot(&f.public());
    let err = assert_fails(&f.build());
    let mut places = places_of(
        &err,
        "error:",
        "this page names in full someone who did not agree to it on the site",
    );
    places.sort();
    assert_eq!(
        places,
        [
            "content/guide/second.md:6:10",
            "content/guide/second.md:6:31",
            "content/guide/second.md:8:1",
            "content/guide/second.zh.md:10:3",
            "content/guide/second.zh.md:6:5",
            "content/guide/second.zh.md:8:5",
        ],
        "{err}"
    );
    for name in ["李华", "Wang", "Mbeki"] {
        assert!(!err.contains(name), "the message repeats {name}: {err}");
    }
    assert_eq!(before, snapshot(&f.public()), "nothing was published");
}

#[test]
fn a_lone_family_name_of_someone_hidden_is_a_warning_at_each_line_unless_ignored() {
    let f = credited_site();
    let page = |front: &str| {
        format!("---\ntitle: Second page\ndescription: The second page.\n{front}---\n\n![Mbeki at the drop-in centre](square.svg)\n\nWe met Grace. Then Quintero came.\n")
    };
    f.write("content/guide/second.md", &page(""));
    let err = assert_ok(&f.build());
    let mut places = places_of(
        &err,
        "hidden-family-name",
        "this page gives the family name of someone who chose not to be named in full on the site, and it can point to them",
    );
    places.sort();
    assert_eq!(
        places,
        [
            "content/guide/second.md:6:3",
            "content/guide/second.md:8:20"
        ],
        "{err}"
    );
    assert!(!err.contains("Mbeki") && !err.contains("Quintero"), "{err}");
    f.write(
        "content/guide/second.md",
        &page("ignore_checks: [hidden-family-name]\n"),
    );
    let err = assert_ok(&f.build());
    assert!(!err.contains("hidden-family-name"), "{err}");
}

/// Terminals and JSON reports end up in shared logs (a team's CI): a problem on a line
/// that names a hidden person is shown at its place without the line, and its words
/// mask the name.
#[test]
fn other_problems_on_a_line_with_a_hidden_name_do_not_show_the_line() {
    let f = credited_site();
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nGrace Mbeki helped us facilitate the [meeting](missing.md) with stakeholders.\n",
    );
    let (err, text) = terminal_and_json_without_the_name(&f, "Mbeki");
    assert!(err.contains("content/guide/second.md:6:"), "{err}");
    assert!(err.contains("broken link"), "{err}");
    assert!(
        text.contains("\"line\": 6") || text.contains("\"line\":6"),
        "{text}"
    );
}

/// What `check --suggestions` prints and what `check --format json` streams, once
/// neither is seen to hold `name`.
fn terminal_and_json_without_the_name(f: &Fixture, name: &str) -> (String, String) {
    let err = stderr(&f.run(&["check", "--suggestions"]));
    assert!(!err.contains(name), "the terminal repeats the name:\n{err}");
    let json = f.run(&["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&json.stdout).into_owned();
    assert!(!text.contains(name), "the JSON repeats the name:\n{text}");
    (err, text)
}

/// A problem that no page's check finds (a chart's words, a link to a heading that is
/// not on another page, found once every page is written) is masked as a page's are:
/// the terminal and the JSON show where it is without the line that names someone.
#[test]
fn problems_found_outside_the_pages_do_not_show_a_line_with_a_hidden_name() {
    let f = credited_site();
    f.write(
        "content/_data/charts.yaml",
        "- id: steps\n  kind: steps\n  title: Two steps\n  takeaway: Grace Mbeki met eligible representatives twice.\n  steps:\n    - label: Plan\n    - label: Do\n",
    );
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nGrace Mbeki read the [first page](../_index.md#no-such-heading) again.\n",
    );
    let (err, text) = terminal_and_json_without_the_name(&f, "Mbeki");
    assert!(err.contains("content/_data/charts.yaml:4:"), "{err}");
    assert!(err.contains("content/guide/second.md:6:"), "{err}");
    assert!(text.contains("charts.yaml"), "{text}");
}

#[test]
fn the_author_report_masks_a_hidden_name_in_the_hardest_sentences() {
    let f = credited_site();
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\ndescription: The second page.\n---\n\nGrace Mbeki, who led the multidisciplinary organizational consultation, recommended comprehensive institutional accountability mechanisms.\n",
    );
    let out = f.run(&["check", "--report", "r.html"]);
    let report = std::fs::read_to_string(f.root().join("r.html")).unwrap();
    assert!(
        report.contains("[name hidden], who led the multidisciplinary"),
        "{}",
        stderr(&out)
    );
    assert!(!report.contains("Mbeki"), "the report repeats the name");
}
