//! Entry point: parse the command line, open the chosen mailbox, run the
//! TUI or a subcommand. Errors end as one line on stderr and exit 1.

use std::process::ExitCode;

use clap::Parser;

use postrum::cli::{self, args::Cli};
use postrum::engine;

fn main() -> ExitCode {
    let args = Cli::parse();
    let opened = match engine::open(&args.global.open_options()) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    let result = match args.command {
        Some(cmd) => cli::run(opened, cmd),
        None => postrum::app::run(opened),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(e: &anyhow::Error) -> ExitCode {
    let text = postrum::core::sanitize::line(&format!("{e:#}"));
    eprintln!("postrum: {text}");
    ExitCode::FAILURE
}
