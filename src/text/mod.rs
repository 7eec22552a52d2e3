//! The bottom layer, shared by every stage and importing none of them: errors and
//! diagnostics, HTML escaping, YAML error messages, colour maths, slugs, the HTML
//! scanner, where quotes are, and the check rules' identities and levels.

/// A table of what each byte is, for byte-by-byte readers (a lookup per byte rather
/// than comparisons): `class` for each ASCII byte `b`, and `outside` for each byte of a
/// character outside ASCII.
macro_rules! byte_table {
    ($outside:expr, |$b:ident| $class:expr) => {{
        let mut table = [$outside; 256];
        let mut $b = 0u8;
        while $b < 128 {
            table[$b as usize] = $class;
            $b += 1;
        }
        table
    }};
}
pub(crate) use byte_table;

pub mod colour;
pub mod csl;
pub mod diagnostics;
pub mod error;
pub mod escape;
pub mod html_scan;
pub mod quotes;
pub mod rule;
pub mod slug;
pub mod spaces;
pub mod yaml_error;
