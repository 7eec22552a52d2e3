//! The bottom layer, shared by every stage and importing none of them: errors and
//! diagnostics, HTML escaping, YAML error messages, colour maths, slugs, the HTML
//! scanner, where quotes are, and the check rules' identities and levels.

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
