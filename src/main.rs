//! Entry point: parse the command line, open the chosen mailbox, run the
//! TUI or a subcommand. Errors end as one line on stderr and exit 1.

use std::process::ExitCode;

use clap::Parser;

use postrum::cli::{self, args::Cli};
use postrum::engine;

fn main() -> ExitCode {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args = match Cli::try_parse_from(&raw) {
        Ok(a) => a,
        Err(e) => {
            let lang = cli::parse_error::language(&raw);
            match cli::parse_error::message(&e, lang) {
                Some(text) => {
                    eprintln!("postrum: {text}");
                    return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
                }
                None => e.exit(),
            }
        }
    };
    match &args.command {
        // needs no mailbox: made from the same clap definitions
        Some(cli::args::Command::Completions { shell }) => return done(cli::completions(*shell)),
        Some(cli::args::Command::Man) => return done(cli::man_page()),
        _ => {}
    }
    // signing in needs no mailbox open (and no working sign-in)
    match &args.command {
        Some(cli::args::Command::Login { browser }) => {
            return done(cli::login::login(&args.global, *browser))
        }
        Some(cli::args::Command::Logout) => return done(cli::login::logout(&args.global)),
        _ => {}
    }
    if let Some(cli::args::Command::Calendar { year, json }) = args.command {
        return match cli::calendar_only(&args.global, year, json) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }
    let mut options = args.global.open_options();
    // the TUI and `sync` show the first refresh's progress themselves
    options.defer_refresh = matches!(args.command, None | Some(cli::args::Command::Sync));
    let opened = match engine::open(&options) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let result = match args.command {
        Some(cmd) => cli::run(opened, cmd),
        None => postrum::tui::run(opened),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn done(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(e: &anyhow::Error) -> ExitCode {
    // `postrum list | head`: a closed pipe is not an error
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    if e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().map(|io| io.kind()) == pipe
            || c.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind()) == pipe
    }) {
        return ExitCode::SUCCESS;
    }
    let text = postrum::core::sanitize::line(&format!("{e:#}"));
    eprintln!("postrum: {text}");
    ExitCode::FAILURE
}
