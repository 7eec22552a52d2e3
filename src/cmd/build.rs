//! `plainsite build`: builds the site into the output folder, replacing it only when
//! the build succeeds.

use std::path::PathBuf;

use clap::Args;

use super::{print_timings, SiteArgs};
use crate::load::config::Overrides;
use crate::pipeline::{self, BuildOptions, Mode};
use crate::text::error::Result;

/// Options of this command.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: public/ in the site's folder).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The web address the site will live at, instead of base_url in site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Skip the plain-language and accessibility checks (links are still checked). For
    /// quick drafts and benchmarks; run `plainsite check` before you publish.
    #[arg(long)]
    pub no_checks: bool,
}

pub fn execute(args: BuildArgs) -> Result<()> {
    let opts = BuildOptions {
        since: None,
        today: None,
        only: None,
        overdue: None,
        cancel: None,
        output: args
            .output
            .unwrap_or_else(|| pipeline::default_output(&args.site.root)),
        root: args.site.root.clone(),
        overrides: Overrides {
            base_url: args.base_url,
        },
        drafts: args.site.drafts,
        mode: Mode::Build,
        checks: !args.no_checks,
        report: None,
    };
    let reporter = args.site.reporter();
    let started = std::time::Instant::now();
    // Briefs with `docx: true` in their front matter come as Word files too.
    let word_files = crate::outputs::docx::WordFiles::AskedOnBuild;
    match pipeline::run_then(&opts, &reporter, Some(&word_files)) {
        Ok(summary) => {
            super::print_rule_counts(&reporter, None);
            eprintln!("{}", summary.line("Built"));
            if args.site.timings {
                print_timings(&summary);
            }
            super::print_files(&summary);
            Ok(())
        }
        Err(e) => {
            if reporter.errors() > 0 {
                super::print_rule_counts(&reporter, None);
                eprintln!(
                    "Build failed: {}; {} was left as it was",
                    pipeline::failure_line(&reporter, started.elapsed()),
                    opts.output.display()
                );
            }
            Err(e)
        }
    }
}
