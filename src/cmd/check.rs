//! `plainsite check`: runs every check on the site and writes nothing (but the author
//! report, when asked for).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{print_timings, SiteArgs};
use crate::load::config::Overrides;
use crate::pipeline::{self, BuildOptions, Mode};
use crate::text::diagnostics::Reporter;
use crate::text::error::Result;

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: grouped by page, with the line quoted and the words marked.
    Text,
    /// For CI and editors: one JSON array on standard output.
    Json,
}

/// Options of this command.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write the author report (every page's reading grade, hardest sentences and
    /// problems, worst first) to this HTML file. It is not part of the site.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Report, as an error, each address an earlier build published that is now gone
    /// and not redirected: PATH is that build's `.plainsite-manifest`, or its output
    /// folder. Keeps printed handouts and QR codes working.
    #[arg(long, value_name = "PATH")]
    pub since: Option<PathBuf>,
}

pub fn execute(args: CheckArgs) -> Result<()> {
    let json = args.format == Format::Json;
    let opts = BuildOptions {
        since: args.since.clone(),
        only: None,
        overdue: None,
        cancel: None,
        output: pipeline::default_output(&args.site.root),
        root: args.site.root,
        overrides: Overrides::default(),
        drafts: args.site.drafts,
        mode: Mode::Check,
        checks: true,
        report: args.report.clone(),
    };
    let reporter = Reporter::new().strict(args.site.strict).collect_json(json);
    let started = std::time::Instant::now();
    let result = pipeline::run(&opts, &reporter);
    if json {
        println!("{}", reporter.json());
    } else {
        super::print_rule_counts(&reporter);
    }
    match result {
        Ok(summary) => {
            eprintln!("{}", summary.line("Checked"));
            if let Some(r) = &args.report {
                eprintln!("The author report is in {}", r.display());
            }
            if args.site.timings {
                print_timings(&summary);
            }
            Ok(())
        }
        Err(e) => {
            eprintln!(
                "Check found {}",
                pipeline::failure_line(&reporter, started.elapsed())
            );
            Err(e)
        }
    }
}
