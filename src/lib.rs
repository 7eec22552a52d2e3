//! plainsite turns a folder of Markdown pages and YAML data into an accessible,
//! plain-language website.
//!
//! The file tree is the pipeline: one folder per stage, in the order data flows, and a
//! module imports only its own stage and the stages listed before it.
//! Module docs number the stages in this order, from `load` (stage 1) to `write`
//! (stage 8); `text` is the layer under all of them.
//!
//! - [`text`]: the bottom layer every stage shares: errors and diagnostics (each problem
//!   with its file, line and column), escaping, YAML error messages, colour maths,
//!   slugs, the HTML scanner and the check rules' identities.
//! - [`load`]: `site.toml`, the files under `content/`, each page's front matter, the
//!   review's YAML data, the languages and the theme's words.
//! - [`model`]: pages, sections and pages generated from data get their URLs.
//! - [`charts`]: chart specs become accessible SVG, PNG, CSV and text descriptions.
//! - [`markdown`]: page bodies become HTML, with heading ids, accessible footnotes,
//!   callouts, resolved links, glossary links and chart blocks.
//! - [`checks`]: plain language and accessibility, on the prose and the rendered HTML.
//! - [`theme`]: each page is rendered through the theme's Tera templates.
//! - [`outputs`]: sitemap, feed, robots.txt, slides, the PDF brief, minifying.
//! - [`write`]: everything is written to a staging folder that replaces the output
//!   folder only when the build succeeds, chart files included.
//! - [`pipeline`]: runs the stages in order and times each one.
//! - [`server`]: the development server that rebuilds on change.
//! - [`cmd`]: the command-line commands.
//!
//! (Each `pub mod` below stands in its own group so rustfmt keeps the stage order.)

pub mod text;

pub mod load;

pub mod model;

pub mod charts;

pub mod markdown;

pub mod checks;

pub mod theme;

pub mod outputs;

pub mod write;

pub mod pipeline;

pub mod server;

pub mod cmd;
