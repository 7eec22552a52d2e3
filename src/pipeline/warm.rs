//! Serve's loaded site, kept between builds: the configuration, the files under
//! `content/`, each language's data and page model, and the templates, as the last
//! full build loaded them. An edit to the text of a page (not its front matter) changes
//! nothing of that but the page's own text, so serve's one-page update reads just the
//! saved file again and renders just its page, instead of loading the whole site.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use super::language::LangSite;
use super::pages;
use super::{front_matter_hashes, one_page, still_wanted, watch_templates};
use super::{BuildOptions, Loaded, Mode, Summary, Timer};
use crate::load::config::SiteConfig;
use crate::load::discover::Discovered;
use crate::text::diagnostics::{Diagnostic, Reporter};
use crate::text::error::{Error, Result};
use crate::theme::templates::Templates;
use crate::write::Staging;

/// The site as a full build loaded it.
pub struct Warm {
    config: SiteConfig,
    found: Discovered,
    sites: Vec<LangSite>,
    templates: Templates,
    /// The files the build wrote, which the updated pages may link to.
    files: HashSet<String>,
    /// The theme's problems the full build found (its colour contrast), which an edit
    /// to a page's text cannot change.
    theme: Vec<Diagnostic>,
}

/// A full build's loaded site, handed to serve in its [`Summary`] (empty for other
/// commands, and after a failed build).
#[derive(Clone, Default)]
pub struct Kept(Option<Arc<Mutex<Warm>>>);

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Kept(loaded site)"
        } else {
            "Kept(none)"
        })
    }
}

impl Kept {
    /// Keeps what a serve build loaded; other commands keep nothing, and leave the
    /// memory of the loaded site and the pages' reports to the operating system, which
    /// takes it back at once when they end.
    pub(super) fn new(
        opts: &BuildOptions,
        config: SiteConfig,
        (found, sites, reports): (Discovered, Vec<LangSite>, Vec<crate::checks::PageReport>),
        (templates, theme): (Templates, Vec<Diagnostic>),
    ) -> Kept {
        if opts.mode != Mode::Serve {
            std::mem::forget((found, sites, reports));
            return Kept(None);
        }
        drop(reports);
        Kept(Some(Arc::new(Mutex::new(Warm {
            config,
            found,
            sites,
            templates,
            files: HashSet::new(),
            theme,
        }))))
    }

    /// Records the files the build wrote (see [`Warm::files`]).
    pub(super) fn written(&self, files: HashSet<String>) {
        if let Some(warm) = &self.0 {
            warm.lock().unwrap_or_else(|p| p.into_inner()).files = files;
        }
    }

    /// Whether a loaded site is kept.
    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }

    /// Serve's one-page update (`opts.only`) from the kept site: the changed files are
    /// read again and their pages rendered, checked and written into the output. The
    /// caller has made sure only the text after their front matter changed.
    pub fn update(&self, opts: &BuildOptions, reporter: &Reporter) -> Result<Summary> {
        let (Some(warm), Some(only)) = (&self.0, &opts.only) else {
            return Err(Error::Refused("no loaded site to update".into()));
        };
        let mut warm = warm.lock().unwrap_or_else(|p| p.into_inner());
        warm.update(opts, only, reporter)
    }
}

impl Warm {
    fn update(
        &mut self,
        opts: &BuildOptions,
        only: &HashSet<String>,
        reporter: &Reporter,
    ) -> Result<Summary> {
        let mut timer = Timer::new();
        if let Some(default) = self.sites.first() {
            super::language::mask_logs(reporter, &default.data.people, &self.config);
        }
        self.read_again(only)?;
        timer.lap("changed files read");
        let staging = Staging::in_place(&opts.root, &opts.output)?;
        let templates = self
            .templates
            .for_another_build(self.config.render_time_limit);
        watch_templates(&templates, opts, Some(&staging));
        let site = Loaded::new(
            opts,
            &self.config,
            &self.sites,
            &templates,
            &self.found,
            Some(staging),
            self.theme.clone(),
        );
        let pages = pages::render(&site, reporter);
        timer.lap("pages rendered, checked and written");
        still_wanted(&templates)?;
        let front_matter = front_matter_hashes(&self.sites);
        one_page::finish(site, pages, &self.files, reporter, timer, front_matter)
    }

    /// Puts the text now on disk of each file in `only` (paths under `content/`) in
    /// place of the text loaded, wherever a language holds it.
    fn read_again(&mut self, only: &HashSet<String>) -> Result<()> {
        let content = self.config.content_dir();
        for file in only {
            let path = content.join(file);
            let text: Arc<str> = std::fs::read_to_string(&path)
                .map_err(|e| Error::read(&path, e))?
                .into();
            let all = self.found.sources.iter_mut();
            let each_language = self.sites.iter_mut().flat_map(|s| s.sources.iter_mut());
            for source in all.chain(each_language).filter(|s| s.file == *file) {
                source.text = Arc::clone(&text);
            }
        }
        Ok(())
    }
}
