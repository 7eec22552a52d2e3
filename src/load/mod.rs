//! Stage 1, load: everything read from disk before the site is modelled: `site.toml`
//! ([`config`]), the files under `content/` ([`discover`]), each page's front matter
//! ([`frontmatter`]), the review's YAML data ([`data_file`] names its files; [`data`], [`people`], [`terms`]), the site's
//! languages ([`languages`]) and the theme's words in each of them ([`i18n`]).

pub mod accessibility;
pub mod builtin_theme;
pub mod changes;
pub mod config;
pub mod data;
pub mod data_file;
pub mod discover;
pub mod frontmatter;
pub mod i18n;
pub mod images;
pub mod languages;
pub mod people;
pub mod references;
pub mod review_dates;
pub mod terms;
pub mod yaml_list;
