"""Writes a deterministic synthetic site of N pages of plain-English prose, as a
plainsite site, a Zola site and a Hugo site with equivalent minimal templates.

Each page has 600-900 words: headings, a list, a table, and links to other pages,
spread over 10 sections. 100 of the pages (evenly spread) also carry a bar chart:
plainsite draws it from a ```chart block (SVG in the page, PNG, SVG, CSV and text
files, data table); Zola and Hugo, which have no charts, get the same data as a
Markdown table and a ready-made SVG file beside the page, which they only copy.
The same seed gives the same bytes.

`--prose draft` writes the second corpus instead: a team's first draft in academic prose
(long sentences, jargon, abbreviations defined and not, a few stigmatizing words of the
warning and suggestion tiers, footnotes), the kind of text that gives dozens of findings
a page. It keeps the same layout, links, tables and charts, so the two corpora differ in
their words only.

Usage: python3 benches/corpus.py OUT_DIR PAGES [--seed 1] [--only plainsite|zola|hugo]
                                 [--prose plain|draft] [--people N]

`--people N` adds a `content/_data/people.yaml` of N people who chose not to be named
in full on the site (initials, a pseudonym, their role only, not at all), so that the
build reads every page for their full names, none of which the pages contain.
"""
import argparse
import os
import random
import shutil

SUBJECTS = ["The team", "People who use drugs", "Outreach workers", "The health authority", "Each partner",
            "The review", "Community groups", "Researchers", "Peer workers", "The clinic", "Our advisers",
            "Many people", "The planning group", "Health workers", "The project"]
VERBS = ["asked about", "talked about", "planned", "paid for", "changed", "shared", "wrote down",
         "looked at", "checked", "learned about", "helped with", "cared about", "made time for",
         "spoke up about", "found"]
OBJECTS = ["fair pay", "clear roles", "safe meetings", "the next steps", "the main results",
           "their own health", "the work plan", "new skills", "what went well", "what went wrong",
           "the roles of each person", "support after hard days", "the ideas of the group",
           "the time it takes", "the costs of travel", "ways to stay well", "the plans for next year"]
TAILS = ["", "", "", " with care", " every week", " at the start", " in plain words", " together",
         " before the meeting", " after each visit", " for the whole team", " in a small group"]
HEADINGS = ["What we did", "What we found", "Why it matters", "What helped", "What got in the way",
            "Next steps", "Who took part", "How we worked", "What people said", "What to try"]
SECTIONS = ["planning", "delivery", "research", "advocacy", "support", "pay", "roles", "learning",
            "safety", "decisions"]


# The draft corpus: academic prose as a research team first writes it.
D_OPEN = ["Notwithstanding the heterogeneity of intervention modalities,", "In accordance with the protocol,",
          "Consistent with the extant literature,", "Following multivariable adjustment for confounders,",
          "Across the longitudinal follow-up period,", "Within the implementation framework,",
          "Given the methodological limitations previously articulated,", "As hypothesized a priori,", ""]
D_SUBJ = ["participants (n = 214)", "the multidisciplinary stakeholder consortium", "key informants",
          "the community advisory board (CAB)", "service providers in the OAT programme",
          "respondents in the intervention arm", "drug users in the cohort", "the evaluation team",
          "frontline practitioners", "the principal investigators", "clients of the NSP",
          "health authority representatives"]
D_VERB = ["reported substantially improved engagement with", "demonstrated statistically significant reductions in",
          "articulated considerable ambivalence regarding", "operationalized a comprehensive assessment of",
          "facilitated the systematic dissemination of", "identified salient barriers to",
          "endorsed the continued utilization of", "expressed apprehension concerning the sustainability of",
          "evaluated the differential effectiveness of", "documented heterogeneous trajectories in"]
D_OBJ = ["opioid agonist treatment (OAT)", "harm reduction interventions", "the HCV care cascade",
         "low-threshold service delivery", "peer-delivered naloxone distribution", "PrEP uptake among PWID",
         "contingency management protocols", "trauma-informed organizational practice",
         "culturally appropriate psychosocial supports", "the continuum of integrated care",
         "methadone maintenance", "clean needles and ancillary equipment", "substance misuse services"]
D_TAIL = ["", "", " relative to the comparator condition", ", consistent with prior evidence from comparable jurisdictions",
          " (aOR 1.84; 95% CI 1.21-2.79)", ", e.g. in rural catchment areas with limited infrastructure",
          " irrespective of sociodemographic characteristics", " among those who relapsed during the observation window",
          " as documented in the SAMHSA technical guidance", ", although residual confounding cannot be excluded"]
D_HEADINGS = ["Background and rationale", "Methodological approach", "Principal findings", "Interpretation",
              "Implications for policy and practice", "Strengths and limitations", "Stakeholder perspectives",
              "Implementation considerations", "Recommendations", "Future research directions"]


def draft_sentence(r, note):
    s = f"{r.choice(D_OPEN)} {r.choice(D_SUBJ)} {r.choice(D_VERB)} {r.choice(D_OBJ)}{r.choice(D_TAIL)}".strip()
    if r.random() < 0.35:
        s += f", whereas {r.choice(D_SUBJ)} {r.choice(D_VERB)} {r.choice(D_OBJ)}{r.choice(D_TAIL)}"
    if note is not None:
        s += f"[^{note}]"
    return s[0].upper() + s[1:] + "."


def sentence(r):
    s = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}{r.choice(TAILS)}."
    if r.random() < 0.15:
        s = s[:-1] + f", and {r.choice(SUBJECTS).lower()} {r.choice(VERBS)} {r.choice(OBJECTS)}."
    return s


def paragraph(r, n):
    return " ".join(sentence(r) for _ in range(n))


def draft_body(r, i, n_pages, link):
    """A draft page: long paragraphs of academic prose, with footnotes, of 600-900 words."""
    parts, notes = [], []
    words = 0
    h = 0
    while words < r.randint(600, 900):
        parts.append(f"## {D_HEADINGS[h % len(D_HEADINGS)]}\n")
        h += 1
        sents = []
        for _ in range(r.randint(3, 6)):
            note = None
            if r.random() < 0.12:
                notes.append(len(notes) + 1)
                note = notes[-1]
            sents.append(draft_sentence(r, note))
        other = r.randrange(n_pages)
        p = " ".join(sents) + f" See {link(other, 'the analysis of ' + SECTIONS[other % 10] + ' ' + str(other))}."
        parts.append(p + "\n")
        words += len(p.split())
        if h % 3 == 1:
            items = [f"- {draft_sentence(r, None)}" for _ in range(3)]
            parts.append("\n".join(items) + "\n")
            words += sum(len(x.split()) for x in items)
        if h % 4 == 2:
            parts.append("| Outcome | n | % |\n|---|--:|--:|\n" + "\n".join(
                f"| {r.choice(D_OBJ).capitalize()} | {r.randint(20, 400)} | {r.randint(1, 99)} |" for _ in range(3)) + "\n")
    for n in notes:
        parts.append(f"[^{n}]: {r.choice(['Adapted from', 'See also', 'Cf.'])} the {r.choice(D_OBJ)} evaluation report, {r.randint(2015, 2025)}, pp. {r.randint(1, 200)}-{r.randint(201, 400)}.\n")
    return "\n".join(parts)


def page_body(r, i, n_pages, link):
    if DRAFT:
        return draft_body(r, i, n_pages, link)
    parts = []
    words = 0
    h = 0
    while words < r.randint(600, 900):
        parts.append(f"## {HEADINGS[h % len(HEADINGS)]} {h + 1}\n")
        h += 1
        p = paragraph(r, r.randint(2, 4))
        other = r.randrange(n_pages)
        p += f" Read more in {link(other, 'the notes on ' + SECTIONS[other % 10] + ' ' + str(other))}."
        parts.append(p + "\n")
        words += len(p.split())
        if h % 3 == 1:
            items = [f"- {sentence(r)}" for _ in range(4)]
            parts.append("\n".join(items) + "\n")
            words += sum(len(x.split()) for x in items)
        if h % 4 == 2:
            parts.append("| Step | People | Weeks |\n|---|--:|--:|\n" + "\n".join(
                f"| {r.choice(OBJECTS).capitalize()} | {r.randint(2, 40)} | {r.randint(1, 12)} |" for _ in range(3)) + "\n")
    return "\n".join(parts)


CHARTS = 100
DRAFT = False  # set by --prose draft


def chart_data(i, n_pages):
    """The chart on page i, if it has one: (title, [(label, value)]), else None."""
    step = max(1, n_pages // CHARTS)
    if i % step or i // step >= CHARTS:
        return None
    r = random.Random(i)
    labels = r.sample(OBJECTS, r.randint(3, 6))
    return f"How often people talked about it, meeting {i}", [(l.capitalize(), r.randint(2, 60)) for l in labels]


def chart_markdown(title, points, chart_id):
    rows = "\n".join(f"  - label: {l}\n    value: {v}" for l, v in points)
    return f"```chart\nkind: bar\nid: {chart_id}\ntitle: {title}\ntakeaway: {max(points, key=lambda p: p[1])[0]} came up most in this meeting.\nunit: times\ndata:\n{rows}\n```\n"


def chart_svg(title, points):
    """A plain bar chart as a static SVG file, for the peers that cannot draw one."""
    top = max(v for _, v in points)
    bars = "".join(f'<text x="190" y="{34 + k * 30}" text-anchor="end">{l}</text><rect x="200" y="{20 + k * 30}" width="{v / top * 380:.0f}" height="20"/><text x="{206 + v / top * 380:.0f}" y="{34 + k * 30}">{v} times</text>'
                   for k, (l, v) in enumerate(points))
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {30 + 30 * len(points)}" role="img"><title>{title}</title>{bars}</svg>\n'


def chart_table(title, points, image):
    rows = "\n".join(f"| {l} | {v} |" for l, v in points)
    return f"![{title}]({image})\n\n| Item | Times |\n|---|--:|\n{rows}\n"


def section_of(i):
    return SECTIONS[i % 10]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


PEOPLE = [("initials", "Nathaniel Le Chalifoux", ""), ("pseudonym", "Amélie Tremblay", "  pseudonym: Robin\n"),
          ("role-only", "Omar Haddad", "  role: A peer worker\n"), ("anonymous", "Grace Mbeki", ""),
          ("initials", "Ingrid Olsen", "")]


def people_yaml(n):
    """N people, none named in full on the site (the names repeat with a number past 5)."""
    out = ""
    for k in range(n):
        named, name, extra = PEOPLE[k % len(PEOPLE)]
        suffix = f" {k // len(PEOPLE) + 1}" if k >= len(PEOPLE) else ""
        out += f"- named: {named}\n  name: {name}{suffix}\n{extra}  consent: [site]\n"
    return out


def plainsite_site(out, n, seed, repo, people=0):
    r = random.Random(seed)
    if people:
        write(f"{out}/content/_data/people.yaml", people_yaml(people))
    write(f"{out}/site.toml", 'title = "Bench"\nbase_url = "https://example.org/"\norganization = "Bench"\n')
    shutil.copytree(f"{repo}/themes/default", f"{out}/themes/default", dirs_exist_ok=True)
    write(f"{out}/content/_index.md", "---\ntitle: Bench home\ndescription: A synthetic site.\n---\n\nA synthetic site for timing builds.\n")
    write(f"{out}/content/_data/key_messages.yaml", "- title: Timing\n  text: This site is for timing builds.\n")
    for s in SECTIONS:
        write(f"{out}/content/{s}/_index.md", f"---\ntitle: Notes on {s}\nmenu: true\n---\n\nPages about {s}.\n")
    for i in range(n):
        link = lambda j, text, i=i: f"[{text}](../{section_of(j)}/page-{j}.md)"
        body = page_body(r, i, n, link)
        chart = chart_data(i, n)
        if chart:
            body += "\n" + chart_markdown(*chart, f"meeting-{i}")
        write(f"{out}/content/{section_of(i)}/page-{i}.md",
              f"---\ntitle: Notes on {section_of(i)} {i}\ndescription: Notes from a meeting about {section_of(i)}.\ndate: 2026-01-{1 + i % 28:02d}\ntags: [{section_of(i)}]\n---\n\n{body}")


def zola_site(out, n, seed):
    r = random.Random(seed)
    write(f"{out}/config.toml", 'base_url = "https://example.org/"\ntitle = "Bench"\ncompile_sass = false\nbuild_search_index = false\n\n[markdown]\nsmart_punctuation = true\n')
    base = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ page.title | default(value=section.title | default(value="Bench")) }}</title></head><body><main>{% block content %}{% endblock content %}</main></body></html>\n'
    write(f"{out}/templates/base.html", base)
    write(f"{out}/templates/index.html", '{% extends "base.html" %}{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}{% endblock content %}\n')
    write(f"{out}/templates/section.html", '{% extends "base.html" %}{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock content %}\n')
    write(f"{out}/templates/page.html", '{% extends "base.html" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}\n')
    write(f"{out}/content/_index.md", "+++\ntitle = \"Bench home\"\n+++\n\nA synthetic site for timing builds.\n")
    for s in SECTIONS:
        write(f"{out}/content/{s}/_index.md", f"+++\ntitle = \"Notes on {s}\"\n+++\n\nPages about {s}.\n")
    for i in range(n):
        link = lambda j, text: f"[{text}](@/{section_of(j)}/page-{j}.md)"
        body = page_body(r, i, n, link)
        chart = chart_data(i, n)
        if chart:
            write(f"{out}/static/charts/meeting-{i}.svg", chart_svg(*chart))
            body += "\n" + chart_table(*chart, f"/charts/meeting-{i}.svg")
        write(f"{out}/content/{section_of(i)}/page-{i}.md",
              f"+++\ntitle = \"Notes on {section_of(i)} {i}\"\ndescription = \"Notes from a meeting about {section_of(i)}.\"\ndate = 2026-01-{1 + i % 28:02d}\n+++\n\n{body}")


def hugo_site(out, n, seed):
    r = random.Random(seed)
    write(f"{out}/hugo.toml", 'baseURL = "https://example.org/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n[markup.goldmark.extensions]\ntypographer = true\n')
    write(f"{out}/layouts/_default/baseof.html", '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>\n')
    write(f"{out}/layouts/_default/single.html", '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
    write(f"{out}/layouts/_default/list.html", '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
    write(f"{out}/layouts/index.html", '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
    write(f"{out}/content/_index.md", "---\ntitle: Bench home\n---\n\nA synthetic site for timing builds.\n")
    for s in SECTIONS:
        write(f"{out}/content/{s}/_index.md", f"---\ntitle: Notes on {s}\n---\n\nPages about {s}.\n")
    for i in range(n):
        link = lambda j, text: f"[{text}](/{section_of(j)}/page-{j}/)"
        body = page_body(r, i, n, link)
        chart = chart_data(i, n)
        if chart:
            write(f"{out}/static/charts/meeting-{i}.svg", chart_svg(*chart))
            body += "\n" + chart_table(*chart, f"/charts/meeting-{i}.svg")
        write(f"{out}/content/{section_of(i)}/page-{i}.md",
              f"---\ntitle: Notes on {section_of(i)} {i}\ndescription: Notes from a meeting about {section_of(i)}.\ndate: 2026-01-{1 + i % 28:02d}\n---\n\n{body}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("pages", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=["plainsite", "zola", "hugo"])
    ap.add_argument("--prose", choices=["plain", "draft"], default="plain")
    ap.add_argument("--people", type=int, default=0)
    a = ap.parse_args()
    global DRAFT
    DRAFT = a.prose == "draft"
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if a.only in (None, "plainsite"):
        plainsite_site(f"{a.out}/plainsite", a.pages, a.seed, repo, a.people)
    if a.only in (None, "zola"):
        zola_site(f"{a.out}/zola", a.pages, a.seed)
    if a.only in (None, "hugo"):
        hugo_site(f"{a.out}/hugo", a.pages, a.seed)


if __name__ == "__main__":
    main()
