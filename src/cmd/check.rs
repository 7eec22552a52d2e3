//! `plainsite check`: runs every check on the site and writes nothing.

use clap::Args;

use super::{print_timings, SiteArgs};
use crate::config::Overrides;
use crate::diagnostics::Reporter;
use crate::error::Result;
use crate::pipeline::{self, BuildOptions, Mode};

/// Options of this command.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

pub fn execute(args: CheckArgs) -> Result<()> {
    let opts = BuildOptions {
        output: pipeline::default_output(&args.site.root),
        root: args.site.root,
        overrides: Overrides::default(),
        drafts: args.site.drafts,
        mode: Mode::Check,
    };
    let reporter = Reporter::new();
    let started = std::time::Instant::now();
    match pipeline::run(&opts, &reporter) {
        Ok(summary) => {
            eprintln!("{}", summary.line("Checked"));
            if args.site.timings {
                print_timings(&summary);
            }
            Ok(())
        }
        Err(e) => {
            eprintln!("Check found {}", pipeline::failure_line(&reporter, started.elapsed()));
            Err(e)
        }
    }
}
