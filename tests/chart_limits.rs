//! Chart specs at and past their size limits (`Limits` in src/charts/spec.rs), generated
//! from a fixed seed: past a limit the spec is an error, never a panic; at a limit the
//! chart draws, and no allocation while parsing, laying out and drawing both PNGs is
//! larger than a capped PNG's pixels (`MAX_PNG_PIXELS`). A counting allocator records
//! the largest single allocation; this file holds one test so nothing else allocates
//! beside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use plainsite::charts::scene::{to_png, with_header, PngSize, MAX_PNG_PIXELS};
use plainsite::charts::spec::{parse, Limits, Parsed, Place};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// The system allocator, remembering the largest block asked for.
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

/// A label of `chars` characters: words, so layout wraps it as an author's text.
fn label(chars: usize, seed: usize) -> String {
    let words = ["people", "support", "é", "中文", "a", "housing-first"];
    let mut s = String::new();
    let mut i = seed;
    while s.chars().count() < chars {
        s.push_str(words[i % words.len()]);
        s.push(' ');
        i += 1;
    }
    s.chars()
        .take(chars)
        .collect::<String>()
        .replace(['"', '\\'], "x")
}

/// A spec of `kind` with `count` items (bars, shares, steps or nodes) and labels of
/// `chars` characters; the limit that applies to `count`.
fn spec(kind: usize, count: usize, chars: usize) -> (String, usize) {
    let l = |i: usize| format!("\"{}\"", label(chars, i));
    let head = |k: &str| format!("kind: {k}\ntitle: {}\ntakeaway: {}\n", l(0), l(1));
    let items = |f: &dyn Fn(usize) -> String| (0..count).map(f).collect::<String>();
    match kind % 6 {
        0 => (
            head("bar") + "data:\n" + &items(&|i| format!("  - label: {}\n    value: {i}\n", l(i))),
            Limits::BARS,
        ),
        1 => (
            head("grouped")
                + "groups: [Before, After]\ndata:\n"
                + &items(&|i| format!("  - label: {}\n    values: [{i}, 2]\n", l(i))),
            Limits::BARS,
        ),
        2 => (
            head("stacked")
                + "data:\n"
                + &items(&|i| format!("  - label: {}\n    value: {}\n", l(i), i + 1)),
            Limits::SHARES,
        ),
        3 => (
            head("flow")
                + "steps:\n"
                + &items(&|i| {
                    format!(
                        "  - label: {}\n    count: {}\n    note: {}\n    excluded: {}\n    excluded_count: 1\n",
                        l(i),
                        1000 - i,
                        l(i + 1),
                        l(i + 2)
                    )
                }),
            Limits::STEPS,
        ),
        4 => (
            head("steps")
                + "steps:\n"
                + &items(&|i| format!("  - label: {}\n    note: {}\n", l(i), l(i + 3))),
            Limits::STEPS,
        ),
        _ => {
            let list = items(&|i| format!("{}, ", l(i)));
            let outcomes = items(&|i| format!("  - text: {}\n    effect: harm\n", l(i)));
            (
                head("pathway")
                    + &format!("contexts: [{list}]\nmechanisms: [{list}]\noutcomes:\n{outcomes}"),
                Limits::NODES,
            )
        }
    }
}

/// Parses, lays out and draws a spec's PNGs; whether it was accepted.
fn draw(yaml: &str) -> Result<(), String> {
    let place = Place {
        file: "f",
        text: yaml,
        line_offset: 0,
        column_offset: 0,
    };
    let Ok(Parsed::Chart(chart)) = parse(yaml, &place) else {
        return Err("refused".into());
    };
    let (_, out) = plainsite::charts::render(&chart, "c", "/charts/", "f", &Default::default())?;
    for (scene, size) in [
        (&out.scene, PngSize::Page),
        (&out.slide_scene, PngSize::Slide),
    ] {
        // A chart within its limits fits the pixel cap.
        to_png(&with_header(scene, &out.title, &out.takeaway), "k", size)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        rng_seed: RngSeed::Fixed(0x6368_6172_7473),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn chart_specs_past_their_limits_are_errors_and_no_chart_allocates_past_the_png_cap(
        kind in 0usize..6,
        over_count in 0usize..3,
        over_label in 0usize..3,
    ) {
        // At the limit, one past it, or ten times it.
        let pick = |limit: usize, how: usize| [limit, limit + 1, limit * 10][how];
        let chars = pick(Limits::LABEL, over_label);
        let count = pick(spec(kind, 0, 0).1, over_count);
        let (yaml, _) = spec(kind, count, chars);
        let past = over_count > 0 || over_label > 0;
        LARGEST.store(0, Ordering::Relaxed);
        let drawn = draw(&yaml);
        let largest = LARGEST.load(Ordering::Relaxed);
        prop_assert_eq!(drawn.is_err(), past, "kind {} count {} chars {}: {:?}", kind, count, chars, drawn);
        // The slide PNG's 1920 x 1080 RGB pixels are the largest block a chart needs.
        prop_assert!(
            largest <= MAX_PNG_PIXELS * 3 + (1 << 20),
            "kind {} count {} chars {}: a {} byte allocation", kind, count, chars, largest
        );
    }
}
