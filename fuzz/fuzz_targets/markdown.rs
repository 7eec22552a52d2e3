//! The Markdown pass, with glossary linking, prose checks and the HTML scan, never panics.
#![no_main]
use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use plainsite::checks::prose::{check_page, PageProse, ProseContext, ProsePart};
use plainsite::checks::respectful::Lexicon;
use plainsite::text::rule::CheckConfig;
use plainsite::load::data::GlossaryEntry;
use plainsite::text::diagnostics::LineIndex;
use plainsite::markdown::glossary::GlossaryMatcher;
use plainsite::text::html_scan::{scan_and_rewrite, Rewrite};
use plainsite::markdown::{render, LinkContext, Source};

/// Built once: compiling the lexicon for every input would make fuzzing crawl.
fn fixtures() -> &'static (GlossaryMatcher, Lexicon) {
    static F: std::sync::OnceLock<(GlossaryMatcher, Lexicon)> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let entry = |t: &str, a: Option<&str>| GlossaryEntry { term: t.into(), definition: "d".into(), abbreviation: a.map(Into::into), also: vec![], anchor: "x".into(), url: "/g/#x".into() };
        (GlossaryMatcher::new(&[entry("realist review", None), entry("people who use drugs", Some("PWUD"))]), Lexicon::default_for("en"))
    })
}

fuzz_target!(|data: &str| {
    let (model, _) = plainsite::model::build(&[], &Default::default(), false, "");
    let assets = HashSet::new();
    let checks = CheckConfig::default();
    let (glossary, lexicon) = fixtures();
    let ctx = LinkContext { model: &model, glossary: Some(glossary), checks: &checks, charts: None, safe: true, assets: &assets, base_path: "/", lang_prefix: "", strings: &Default::default(), images: &Default::default() };
    let index = LineIndex::new(data);
    let src = Source { file: "content/a.md", text: data, index: &index, body_offset: 0, rel: "a.md" };
    let r = render(data, &src, &ctx);
    let prose = ProseContext { config: &checks, glossary: Some(glossary), lexicon };
    let page = PageProse { parts: vec![ProsePart { file: "a", text: data, index: &index, blocks: &r.blocks }], target: 8.0, has_summary: false, ignored: &[], language: "en" };
    let _ = check_page(&page, &prose);
    let (scanned, _) = scan_and_rewrite(&r.html, &Rewrite { page_url: "/a/", base_path: "/", portable: true, relative: true });
    let _ = plainsite::outputs::minify::minify(&scanned);
    let _ = plainsite::outputs::minify::minify(data);
});
