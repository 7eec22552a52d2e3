//! The safe-mode sanitizer, with an oracle: whatever the input, the cleaned HTML (alone,
//! and as a safe-mode Markdown page) read as a browser reads it has no script element,
//! event handler, script address, frame, object, form, base or meta refresh.
#![no_main]
use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use plainsite::text::rule::CheckConfig;
use plainsite::text::diagnostics::LineIndex;
use plainsite::markdown::{render, LinkContext, Source};

#[path = "../../tests/common/oracle.rs"]
mod oracle;

fuzz_target!(|data: &str| {
    let clean = plainsite::markdown::sanitize::clean(data);
    assert_eq!(oracle::script_risk(&clean), None, "{data:?} -> {clean:?}");
    let _ = plainsite::markdown::sanitize::removals(data);
    let (model, _) = plainsite::model::build(&[], &Default::default(), false, "");
    let assets = HashSet::new();
    let checks = CheckConfig::default();
    let ctx = LinkContext { model: &model, glossary: None, checks: &checks, charts: None, safe: true, assets: &assets, base_path: "/", lang_prefix: "", strings: &Default::default(), images: &Default::default() };
    let index = LineIndex::new(data);
    let src = Source { file: "content/a.md", text: data, index: &index, body_offset: 0, rel: "a.md" };
    let page = render(data, &src, &ctx).html;
    assert_eq!(oracle::script_risk(&page), None, "{data:?} -> {page:?}");
    let filtered = plainsite::markdown::render_plain(data, true);
    assert_eq!(oracle::script_risk(&filtered), None, "{data:?} -> {filtered:?}");
});
