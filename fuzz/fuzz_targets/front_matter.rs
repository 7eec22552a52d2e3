//! Front matter splitting and parsing never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plainsite::load::discover::{SourceFile, SourceKind};

fuzz_target!(|data: &str| {
    let s = SourceFile::new("a.md", SourceKind::Page, data);
    let _ = plainsite::load::frontmatter::parse(&s);
});
