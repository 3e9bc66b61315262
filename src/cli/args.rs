//! The command line (the contract in DESIGN.md): global options choosing
//! the mailbox, and the subcommands over the same actions as the TUI.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;

use crate::engine::OpenOptions;
use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "postrum",
    version,
    about = "Triage a function mailbox: assign, register, delete — with a durable log"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Config file (default: config.toml in the platform's config directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Where postrum keeps its database (default: the platform's data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub data_dir: Option<PathBuf>,
    /// A configured account by name
    #[arg(long, global = true, value_name = "NAME")]
    pub account: Option<String>,
    /// The bundled demo mailbox (no server needed)
    #[arg(long, global = true)]
    pub demo: bool,
    /// Start the demo afresh (new messages dated from today, empty log)
    #[arg(long, global = true)]
    pub reset_demo: bool,
    /// A local Maildir
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "demo")]
    pub maildir: Option<PathBuf>,
    /// An IMAP account: imaps://user@host:993/INBOX (imap:// STARTTLS, imap+insecure:// none)
    #[arg(long, global = true, value_name = "URL", conflicts_with_all = ["demo", "maildir"])]
    pub imap: Option<String>,
    /// A command that prints the IMAP password (never stored by postrum)
    #[arg(long, global = true, value_name = "CMD")]
    pub password_command: Option<String>,
    /// A PEM file with the IMAP server's CA certificate
    #[arg(long, global = true, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Allow a plaintext IMAP connection to a server that is not on loopback
    #[arg(long, global = true)]
    pub allow_insecure: bool,
    /// The submission server: smtps://user@host:465 (smtp:// STARTTLS, smtp+insecure:// none)
    #[arg(long, global = true, value_name = "URL")]
    pub smtp: Option<String>,
    /// The mailbox's own address, the From of what postrum sends (default: the IMAP user)
    #[arg(long, global = true, value_name = "ADDR")]
    pub address: Option<String>,
    /// Sign in with OAuth at a known provider: microsoft or google
    #[arg(long, global = true, value_name = "PROVIDER")]
    pub oauth: Option<String>,
    /// Sign in with OAuth at this OpenID provider (its issuer URL)
    #[arg(long, global = true, value_name = "URL")]
    pub oauth_issuer: Option<String>,
    /// The OAuth app registration's client id
    #[arg(long, global = true, value_name = "ID")]
    pub oauth_client_id: Option<String>,
    /// Language of the interface (overrides the config)
    #[arg(long, global = true, value_parser = lang_value())]
    pub lang: Option<Lang>,
}

/// `--lang sv|en` (the domain's `Lang` knows nothing of clap).
fn lang_value() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["sv", "en"])
        .map(|s| if s == "en" { Lang::En } else { Lang::Sv })
}

impl Global {
    pub fn open_options(&self) -> OpenOptions {
        OpenOptions {
            config: self.config.clone(),
            data_dir: self.data_dir.clone(),
            account: self.account.clone(),
            demo: self.demo || self.reset_demo,
            maildir: self.maildir.clone(),
            reset_demo: self.reset_demo,
            lang: self.lang,
            imap: self.imap.clone(),
            password_command: self.password_command.clone(),
            ca_file: self.ca_file.clone(),
            allow_insecure: self.allow_insecure,
            defer_refresh: false,
            smtp: self.smtp.clone(),
            address: self.address.clone(),
            oauth: crate::engine::OAuthFlags {
                oauth: self.oauth.clone(),
                oauth_issuer: self.oauth_issuer.clone(),
                oauth_client_id: self.oauth_client_id.clone(),
            },
            tui_check: Some(crate::app::settings::check_tables),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Messages with their triage state and deadline
    List {
        /// JSON, written while it is read (pretty at a terminal, compact otherwise)
        #[arg(long)]
        json: bool,
        /// One JSON document per line
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
        /// Only messages past their two-working-day deadline
        #[arg(long)]
        overdue: bool,
        /// Only messages due today
        #[arg(long, conflicts_with = "overdue")]
        due_today: bool,
        /// Only messages with this warning (auth_fail, display_name_spoof,
        /// reply_to_mismatch, lookalike_domain, link_mismatch,
        /// dangerous_attachment, personnummer, auto_reply, bulk, public_request)
        #[arg(long, value_name = "KIND")]
        warning: Option<String>,
        /// Only suspicious messages (possible phishing or malware)
        #[arg(long)]
        suspicious: bool,
        /// Leave out bulk and automatic mail
        #[arg(long)]
        hide_bulk: bool,
        /// Only what a view shows: all, not_assigned, overdue, due_today,
        /// public_requests, suspicious, awaiting, or a [[views]] name
        #[arg(long, value_name = "VIEW")]
        view: Option<String>,
    },
    /// One message as the TUI shows it (sanitized)
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Assign a message to a handläggare (and send it to them, with SMTP set up)
    Assign {
        /// One or more message ids, then the handläggare: ID [ID…] WHO
        #[arg(num_args = 2.., required = true, value_name = "ID… WHO")]
        args: Vec<String>,
        /// Assign without sending the message to the handläggare
        #[arg(long)]
        no_forward: bool,
        /// A note to the handläggare in the forward
        #[arg(long, value_name = "TEXT", conflicts_with = "no_forward")]
        note: Option<String>,
        /// Replace a colleague's assignment on purpose (without it, meeting
        /// one is refused with who was first)
        #[arg(long)]
        reassign: bool,
    },
    /// Record the diarienummer, or that no registration is needed
    Register {
        /// ID DNR, or with --none one or more ids: ID [ID…]
        #[arg(num_args = 1.., required = true, value_name = "ID… [DNR]")]
        args: Vec<String>,
        /// No registration needed, with the reason (e.g. "nyhetsbrev")
        #[arg(long, value_name = "REASON")]
        none: Option<String>,
    },
    /// Delete a handled message from the mailbox
    Delete {
        /// One or more message ids
        #[arg(num_args = 1.., required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Delete although not assigned and registered (needs --reason)
        #[arg(long, requires = "reason")]
        force: bool,
        /// Why, when forced (written to the log)
        #[arg(long, requires = "force")]
        reason: Option<String>,
    },
    /// The action log
    Log {
        #[arg(long)]
        json: bool,
        /// One JSON document per line
        #[arg(long, conflicts_with = "json")]
        jsonl: bool,
        /// Redact subject and sender of messages deleted longer ago than the
        /// retention (GDPR); this also runs at every start
        #[arg(long)]
        purge: bool,
        /// At most this many entries, newest first
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
    /// The directory of handläggare, with absences
    Handlaggare {
        #[arg(long)]
        json: bool,
    },
    /// Bring the local cache in step with the mailbox, showing progress
    Sync,
    /// Acknowledge a message: send a kvittens (--send), or record one given some other way
    Ack {
        /// One or more message ids
        #[arg(num_args = 1.., required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Send the kvittens to the sender (refused for automatic and bulk senders)
        #[arg(long)]
        send: bool,
        /// The kvittens template (default "standard"; "english" is shipped too)
        #[arg(long, value_name = "NAME", requires = "send")]
        template: Option<String>,
        /// Send although the sender was told already (this message, or this sender today)
        #[arg(long, requires = "send")]
        again: bool,
        /// Show the kvittens without sending it
        #[arg(long, requires = "send")]
        preview: bool,
    },
    /// Answer the sender in a new mail (text from $EDITOR, or stdin when not a terminal)
    Reply { id: String },
    /// Write the original, byte for byte, as .eml with a JSON for the diary beside it
    Export { id: String, dir: PathBuf },
    /// The day's registered messages, for the daily list (postlista)
    Postlista {
        /// The date (default: today)
        #[arg(value_parser = date)]
        date: Option<Date>,
        #[arg(long)]
        json: bool,
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// What the server offers and what postrum will do there (changes nothing)
    Doctor {
        #[arg(long)]
        json: bool,
    },
    /// Mail postrum has sent and what waits to be sent (reading only: --send sends)
    Outbox {
        #[arg(long)]
        json: bool,
        /// Send what waits to be sent now
        #[arg(long)]
        send: bool,
        /// Send again a mail whose sending is uncertain (its number in the outbox)
        #[arg(long, value_name = "NR", conflicts_with = "mark_sent")]
        send_again: Option<i64>,
        /// Record a mail whose sending is uncertain as sent (its number in the outbox)
        #[arg(long, value_name = "NR")]
        mark_sent: Option<i64>,
    },
    /// Mark a message as a threat or harassment (blocks deletion until registered
    /// and exported), and record that the manager was told and the police report
    Threat {
        id: String,
        /// The manager who was told (name)
        #[arg(long, value_name = "NAME")]
        manager: Option<String>,
        /// The date of the police report (YYYY-MM-DD)
        #[arg(long, value_name = "DATE", requires = "police_ref")]
        police_date: Option<String>,
        /// The police's reference for the report
        #[arg(long, value_name = "REF", requires = "police_date")]
        police_ref: Option<String>,
    },
    /// Set what the sender got: awaiting, answered or not_needed
    Answer {
        /// One or more message ids, then the state: ID [ID…] STATE
        #[arg(required = true, num_args = 2..)]
        args: Vec<String>,
    },
    /// The week in figures: received per day, answered in time, median time to
    /// kvittens, overdue per handläggare, the last eight weeks
    Report {
        /// First day (default: this week's Monday)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (default: today)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List a message's attachments, or save one (never opened by postrum)
    Attachment {
        id: String,
        /// Which attachment (1 = the first); omit to list them
        number: Option<usize>,
        /// The folder to save it in
        #[arg(long, value_name = "DIR", requires = "number")]
        save: Option<PathBuf>,
        /// Save a dangerous type (executable, macro, archive) without refusing
        #[arg(long, requires = "save")]
        yes: bool,
    },
    /// Shell completion for bash, zsh or fish, on stdout
    /// (e.g. `postrum completions bash > ~/.local/share/bash-completion/completions/postrum`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page, on stdout (e.g. `postrum man > ~/.local/share/man/man1/postrum.1`)
    Man,
    /// Sign in with OAuth (Microsoft 365, Google, an OpenID provider): by a
    /// code typed on any device, or --browser on this machine
    Login {
        /// Sign in in a browser on this machine (authorization code with PKCE)
        #[arg(long)]
        browser: bool,
    },
    /// Revoke the OAuth sign-in (where the provider can) and forget it here
    Logout,
    /// The year's helgdagar, aftnar and klämdagar
    Calendar {
        /// The year (default: this year), 1900–2200
        #[arg(value_parser = clap::value_parser!(i16).range(i64::from(crate::core::calendar::FIRST_YEAR)..=i64::from(crate::core::calendar::LAST_YEAR)))]
        year: Option<i16>,
        #[arg(long)]
        json: bool,
    },
    /// Who watches the mailbox: today, the coming 30 days, gaps, unwatched days
    Coverage {
        #[arg(long)]
        json: bool,
    },
    /// The roster (bevakningsschema): who watches the mailbox when
    Roster {
        #[command(subcommand)]
        action: RosterCommand,
    },
    /// Absences of handläggare, with substitutes
    Absence {
        #[command(subcommand)]
        action: AbsenceCommand,
    },
    /// Write a handover note for the next watcher, or show the latest
    Handover {
        /// The note (omit to show the latest with what is open)
        text: Option<String>,
        #[arg(long, conflicts_with = "text")]
        json: bool,
    },
}

fn date(s: &str) -> Result<Date, String> {
    s.trim().parse::<Date>().map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Put someone on the roster from FROM to TO (dates included)
    Add {
        person: String,
        #[arg(value_parser = date)]
        from: Date,
        #[arg(value_parser = date)]
        to: Date,
    },
    /// The roster
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a roster entry by its number
    Remove { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum AbsenceCommand {
    /// Mark WHO absent from FROM to TO (dates included)
    Add {
        who: String,
        #[arg(value_parser = date)]
        from: Date,
        #[arg(value_parser = date)]
        to: Date,
        /// Who takes their messages meanwhile
        #[arg(long, value_name = "WHO")]
        substitute: Option<String>,
    },
    /// All absences
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove an absence by its number
    Remove { id: i64 },
}
