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
    let result = pipeline::run(&opts, &reporter);
    let summary = match &result {
        Ok(s) => s.clone(),
        Err(_) => pipeline::Summary { warnings: reporter.warnings(), errors: reporter.errors(), elapsed: started.elapsed(), ..Default::default() },
    };
    eprintln!("{}", summary.line("Checked"));
    if args.site.timings {
        print_timings(&summary);
    }
    result.map(|_| ())
}
