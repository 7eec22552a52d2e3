//! Chart specs: validation, layout and drawing never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plainsite::charts::spec::{parse, Parsed, Place};

fuzz_target!(|data: &str| {
    let place = Place { file: "f", text: data, line_offset: 0, column_offset: 0 };
    if let Ok(Parsed::Chart(c)) = parse(data, &place) {
        let _ = plainsite::charts::render(&c, "c", "/charts/", "f", &Default::default());
    }
});
