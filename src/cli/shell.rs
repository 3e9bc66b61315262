//! Shell completion and the manual page, generated from the same clap
//! definitions as the command line itself (`clap_complete`, `clap_mangen`).

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use super::args::Cli;

/// `postrum completions bash|zsh|fish`: the script on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut cmd, "postrum", &mut out);
    out.flush()?;
    Ok(())
}

/// `postrum man`: postrum(1) in roff, with a page section per subcommand
/// folded in (as `git help` pages list theirs).
pub fn man_page() -> Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = std::io::stdout().lock();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    writeln!(
        out,
        ".SH FILES\n.TP\n\\fI~/.config/postrum/config.toml\\fR\nThe configuration: accounts, the handläggare directory, the diarienummer pattern, letters, views.\n.TP\n\\fI~/.local/share/postrum/\\fR\nOne database (postrum.sqlite) per mailbox: the cache, the action log, the outbox."
    )?;
    writeln!(
        out,
        ".SH KEYS\nIn the interface, \\fB?\\fR shows every key (the help is made from the keymap). \\fBa\\fR fördela, \\fBr\\fR diarieför, \\fBd\\fR radera, \\fBK\\fR kvittera, \\fBSpace\\fR/\\fB*\\fR mark, \\fB1\\fR\\(en\\fB9\\fR views, \\fBR\\fR the report."
    )?;
    man.render_version_section(&mut out)?;
    man.render_authors_section(&mut out)?;
    out.flush()?;
    Ok(())
}
