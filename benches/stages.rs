//! Per-stage micro-benchmarks: `cargo bench --bench stages`. Each stage of the pipeline
//! on one realistic page (about 800 words), so a slowdown shows where it is. Whole-site
//! timings against Zola and Hugo are in `benches/compare.sh`.

use std::collections::HashSet;

use plainsite::charts::spec::Place;
use plainsite::charts::ChartLibrary;
use plainsite::checks::prose::{check_page, PageProse, ProseContext, ProsePart};
use plainsite::checks::respectful::Lexicon;
use plainsite::load::discover::{SourceFile, SourceKind};
use plainsite::markdown::{render, LinkContext, Source};
use plainsite::text::diagnostics::LineIndex;
use plainsite::text::rule::CheckConfig;

fn main() {
    divan::main();
}

const PARAGRAPH: &str = "The team asked people who use drugs about fair pay and clear roles. Peer workers shared what helped them stay well at work, and what got in the way. The health authority wrote down the main results in plain words. ";

fn page() -> String {
    let mut body = String::from("---\ntitle: Notes on pay\ndescription: Notes from a meeting.\ndate: 2026-01-02\ntags: [pay]\n---\n\n");
    for i in 0..8 {
        body.push_str(&format!("## Part {i}\n\n{PARAGRAPH}{PARAGRAPH}\n\n- {PARAGRAPH}\n- Fair pay.\n\n| Step | People |\n|---|--:|\n| Plan | 4 |\n\n"));
    }
    body
}

fn source() -> SourceFile {
    SourceFile::new("notes/pay.md", SourceKind::Page, page())
}

#[divan::bench]
fn front_matter(b: divan::Bencher) {
    let s = source();
    b.bench(|| plainsite::load::frontmatter::parse(divan::black_box(&s)).ok());
}

/// Renders the page's Markdown and hands the result, with its source, to `f`.
fn with_rendered<R>(
    f: impl FnOnce(&SourceFile, &LineIndex, &(dyn Fn() -> plainsite::markdown::Rendered + Sync)) -> R,
) -> R {
    let s = source();
    let (model, _) = plainsite::model::build(
        std::slice::from_ref(&s),
        &Default::default(),
        false,
        "",
        &Default::default(),
    );
    let assets = HashSet::new();
    let checks = CheckConfig::default();
    let ctx = LinkContext {
        model: &model,
        glossary: None,
        checks: &checks,
        charts: None,
        safe: false,
        assets: &assets,
        base_path: "/",
        lang_prefix: "",
        strings: &Default::default(),
        images: &Default::default(),
        source_marks: false,
    };
    let index = LineIndex::new(&s.text);
    let offset = s.text.find("## Part").unwrap_or(0);
    let src = Source {
        file: "content/notes/pay.md",
        text: &s.text,
        index: &index,
        body_offset: offset,
        rel: &s.rel,
    };
    let render_once = || render(divan::black_box(&s.text[offset..]), &src, &ctx);
    f(&s, &index, &render_once)
}

#[divan::bench]
fn markdown_with_links_and_glossary(b: divan::Bencher) {
    with_rendered(|_, _, render_once| b.bench(render_once));
}

#[divan::bench]
fn plain_language_checks(b: divan::Bencher) {
    with_rendered(|s, index, render_once| {
        let rendered = render_once();
        let checks = CheckConfig::default();
        let lexicon = Lexicon::default_for("en");
        let prose_ctx = ProseContext {
            config: &checks,
            glossary: None,
            lexicon: &lexicon,
        };
        b.bench(|| {
            let page = PageProse {
                parts: vec![ProsePart {
                    file: "f",
                    text: &s.text,
                    index,
                    blocks: &rendered.blocks,
                }],
                target: 8.0,
                has_summary: false,
                ignored: &[],
                language: "en",
                explained: Vec::new(),
            };
            check_page(divan::black_box(&page), &prose_ctx)
        });
    });
}

const CHART: &str = "kind: bar\ntitle: Sources for each finding\ntakeaway: Most sources talk about pay.\nunit: sources\ndata:\n  - label: Fair pay\n    value: 12\n  - label: Clear roles\n    value: 9\n  - label: Psychological and cultural support and cultural safety\n    value: 7\n  - label: Continuous learning\n    value: 5\n";

#[divan::bench]
fn chart_svg_and_html(b: divan::Bencher) {
    let lib = ChartLibrary::default();
    let place = Place {
        file: "f",
        text: CHART,
        line_offset: 0,
        column_offset: 0,
    };
    b.bench(|| {
        lib.render_block(
            divan::black_box(CHART),
            &place,
            "c",
            "/charts/",
            &Default::default(),
        )
        .ok()
    });
}

#[divan::bench]
fn chart_png(b: divan::Bencher) {
    let lib = ChartLibrary::default();
    let place = Place {
        file: "f",
        text: CHART,
        line_offset: 0,
        column_offset: 0,
    };
    let (_, out) = lib
        .render_block(CHART, &place, "c", "/charts/", &Default::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    b.bench(|| {
        plainsite::charts::scene::to_png(
            divan::black_box(&out.scene),
            "bench",
            plainsite::charts::scene::PngSize::Page,
        )
    });
}

fn page_to_minify() -> String {
    format!("<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body><main>{}</main></body></html>", "<p>  Fair   pay and <a href=\"/x/\">clear roles</a>.  </p>\n".repeat(200))
}

/// `minify = true`: the one-pass minifier.
#[divan::bench]
fn minify_page(b: divan::Bencher) {
    let html = page_to_minify();
    b.bench(|| plainsite::outputs::minify::minify(divan::black_box(&html)));
}

/// `minify = "smallest"`: minify-html with `--features minify`, else the one-pass minifier.
#[divan::bench]
fn minify_page_smallest(b: divan::Bencher) {
    let html = page_to_minify();
    b.bench(|| plainsite::write::minify(divan::black_box(&html)));
}

/// The English pages of the example site (`content/`, not `*.fr.md`) as searchable text:
/// each paragraph a section of sentences. Real plain-language prose, with the site's own
/// mix of short and long words, repeated to about 1 MB.
fn example_site_text() -> Vec<plainsite::outputs::search::PageText> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy();
        if !name.ends_with(".md") || name.ends_with(".fr.md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let mut sections = plainsite::outputs::search::Sections::default();
        for (n, paragraph) in text.split("\n\n").enumerate() {
            sections.start(&format!("Part {n}"), &format!("part-{n}"));
            for sentence in paragraph.split_inclusive(". ") {
                sections.push_sentence(sentence.trim());
            }
        }
        pages.push(plainsite::outputs::search::PageText {
            title: name.into_owned(),
            url: format!("/{}/", pages.len()),
            sections,
            stands_in: None,
        });
    }
    let bytes: usize = pages
        .iter()
        .map(|p| p.sections.iter().map(|s| s.text_bytes()).sum::<usize>())
        .sum();
    let copies = (1_000_000 / bytes.max(1)).max(1);
    pages
        .iter()
        .cycle()
        .take(pages.len() * copies)
        .cloned()
        .collect()
}

/// Reading the search index's words: each word of the site cut, found among those
/// seen, and added to its key's sections (most of what search adds to a build).
#[divan::bench]
fn search_index_read(b: divan::Bencher) {
    let pages = example_site_text();
    b.bench(|| {
        let mut reading = plainsite::outputs::search::Reading::new("en", &[]);
        reading.read(divan::black_box(&pages));
        reading.pages()
    });
}
