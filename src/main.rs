//! The `plainsite` command: parses the command line and runs one subcommand. A panic
//! (a bug in plainsite) is reported as such and exits 1, never 101.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use plainsite::cmd::{Cli, Command};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        // A reader that stopped reading (`plainsite check 2>&1 | head`) is not a bug: the
        // message could not be printed either, and printing it panicked again (an abort).
        if message.contains("Broken pipe") {
            return;
        }
        let _ = writeln!(
            std::io::stderr(),
            "error: plainsite hit a bug{location}: {message}\n  = help: please report it with the site files that caused it; your last good output was left as it was"
        );
    }));
    // Ctrl+C or SIGTERM: a build's staging folder and lock file go with the process.
    let _ = ctrlc::set_handler(|| {
        plainsite::write::interrupted();
        std::process::exit(130);
    });
    let cli = Cli::parse();
    // Deeply nested input (thousands of quotes or lists) must not overflow a worker's stack.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(64 << 20)
        .build_global();
    let code = match std::panic::catch_unwind(move || run(cli)) {
        Ok(code) => code,
        Err(_) => ExitCode::from(1),
    };
    // Interrupted: the build stopped because its writes failed, while the handler is
    // still removing its staging folder. Returning now would end the process in the
    // middle of that and leave half a folder; the handler ends it, with 130, when done.
    if plainsite::write::was_interrupted() {
        loop {
            std::thread::park();
        }
    }
    code
}

fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Build(args) => plainsite::cmd::build::execute(args),
        Command::Serve(args) => plainsite::cmd::serve::execute(args),
        Command::Check(args) => plainsite::cmd::check::execute(args),
        Command::New(args) => plainsite::cmd::new::execute(args),
        Command::Brief(args) => plainsite::cmd::brief::execute(args),
        Command::Epub(args) => plainsite::cmd::epub::execute(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(plainsite::text::error::Error::BuildFailed(_)) => ExitCode::from(1),
        Err(e) => {
            let said = e.to_string();
            eprintln!("error: {}", plainsite::text::diagnostics::visible(&said));
            ExitCode::from(1)
        }
    }
}
