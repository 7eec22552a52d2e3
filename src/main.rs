//! The `plainsite` command: parses the command line and runs one subcommand. A panic
//! (a bug in plainsite) is reported as such and exits 1, never 101.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use plainsite::cmd::{Cli, Command};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the 16th of `mi_option_e` in `mimalloc.h`), which
/// the Rust bindings do not name. A test checks that it holds mimalloc 3's default for
/// that option, 1,000 ms, which no other option has.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory waits before it goes back to the system, in milliseconds:
/// mimalloc 2's default. With mimalloc 3's second, a 1,000-page build (a third of a
/// second) gave back nothing, and its peak was 5 MiB higher (62.7 against 59.6 MiB on
/// the benchmark corpus, 68.4 against 64.7 on the draft), for no time saved.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Sets [`PURGE_DELAY_MS`], unless the person running plainsite set mimalloc's own
/// `MIMALLOC_PURGE_DELAY` (or its old name, `MIMALLOC_RESET_DELAY`).
fn return_freed_memory_sooner() {
    if !purge_delay_set_by_person() {
        // SAFETY: sets one of mimalloc's integer options (an atomic store in mimalloc);
        // no pointer is passed, and the option exists in the mimalloc linked in (the
        // test below reads it).
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

/// Whether the environment sets mimalloc's purge delay: mimalloc reads its variables'
/// names in any case, and the delay under its old name too.
fn purge_delay_set_by_person() -> bool {
    std::env::vars_os().any(|(name, _)| {
        name.to_str().is_some_and(|name| {
            ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"]
                .iter()
                .any(|known| name.eq_ignore_ascii_case(known))
        })
    })
}

fn main() -> ExitCode {
    return_freed_memory_sooner();
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
        Command::UpdateTheme(args) => plainsite::cmd::update_theme::execute(args),
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

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_names_the_option_whose_default_is_a_second() {
        if super::purge_delay_set_by_person() {
            return;
        }
        // SAFETY: reads one of mimalloc's integer options.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert_eq!(
            delay, 1000,
            "mimalloc's options were renumbered: see mimalloc.h"
        );
    }
}
