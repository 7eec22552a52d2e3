//! site.toml validation never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = plainsite::load::config::parse(data, std::path::Path::new("/nonexistent"), &Default::default());
});
