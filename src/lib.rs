//! plainsite turns a folder of Markdown pages and YAML data into an accessible,
//! plain-language website.
//!
//! The pipeline runs in this order, one module per stage:
//!
//! 1. [`config`]: `site.toml` is read and validated into a typed [`config::SiteConfig`].
//! 2. [`discover`]: the files under `content/` are found and read.
//! 3. [`frontmatter`] and [`data`]: each page's YAML front matter and the review's YAML
//!    data are parsed and validated.
//! 4. [`model`]: pages, sections and pages generated from data get their URLs.
//! 5. [`markdown`]: page bodies become HTML, with heading ids, accessible footnotes,
//!    callouts and resolved links; [`charts`] draws the chart blocks in them.
//! 6. [`templates`]: each page is rendered through the theme's Tera templates.
//! 7. [`html_scan`] and [`checks`]: the rendered HTML is scanned once for ids, links and
//!    images, and broken links, missing anchors and missing alt text are reported.
//! 8. [`outputs`]: sitemap, feed, robots.txt and the 404 page.
//! 9. [`write`]: everything is written to a staging folder that replaces the output
//!    folder only when the build succeeds.
//!
//! [`pipeline`] runs the stages in order and times each one; [`diagnostics`] carries
//! every problem to the user with its file, line and column.

pub mod charts;
pub mod checks;
pub mod cmd;
pub mod config;
pub mod data;
pub mod diagnostics;
pub mod discover;
pub mod error;
pub mod frontmatter;
pub mod glossary_links;
pub mod html_scan;
pub mod i18n;
pub mod languages;
pub mod markdown;
pub mod minify;
pub mod model;
pub mod outputs;
pub mod pipeline;
pub mod qr;
pub mod sanitize;
pub mod scaffold;
pub mod server;
pub mod slides;
pub mod slug;
pub mod templates;
pub mod views;
pub mod watch;
pub mod watchdog;
pub mod write;
