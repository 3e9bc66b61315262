//! The TOML configuration: accounts, the handläggare directory, the
//! diarienummer pattern, the actor name and the UI language; where config
//! and data live (from `directories`, overridable on the command line).
//! A missing file means the demo; a broken one is an error with file and
//! line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

mod parse;
pub mod tui;
use parse::parse_in;
pub use tui::{TableError, TuiCheck};

use crate::core::calendar::CalendarConfig;
use crate::core::diarienummer::{DnrPattern, DEFAULT_PATTERN};
use crate::core::inspect::InspectConfig;
use crate::core::records::Handlaggare;
use crate::i18n::Lang;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// "sv" (default) or "en".
    #[serde(default)]
    pub language: Lang,
    /// Who acts, as written in the log (default: the login name).
    pub actor: Option<String>,
    /// A regular expression every diarienummer must match.
    pub diarienummer_pattern: Option<String>,
    /// The account used when none is named (default: the first).
    pub default_account: Option<String>,
    #[serde(default, rename = "account")]
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub handlaggare: Vec<Handlaggare>,
    /// Local closure days, klämdagar as working days, short days.
    #[serde(default)]
    pub calendar: CalendarConfig,
    /// Own domains, organisation names, trusted authserv-ids, IT-security contact.
    #[serde(default)]
    pub inspect: InspectConfig,
    /// Retention of the log's subject and sender after deletion.
    #[serde(default)]
    pub gdpr: GdprConfig,
    /// Who may read the database (a group, for a shared host).
    #[serde(default)]
    pub store: StoreConfig,
    /// How often the TUI checks the mailbox when the server pushes nothing
    /// (no IDLE), in seconds (default 30).
    pub poll_seconds: Option<u64>,
    /// The pick list of reasons a message needs no registration (default:
    /// reklam, nyhetsbrev, felsänt, för kännedom, autosvar).
    pub no_registration_reasons: Option<Vec<String>>,
    /// Kvittens templates, the greeting and signature of replies.
    #[serde(default)]
    pub letters: crate::core::outgoing::letters::Letters,
    /// Views of one's own, after the built-in ones in the views row.
    #[serde(default)]
    pub views: Vec<crate::core::views::ViewSpec>,
    /// What the terminal can show, when the locale and TERM say it wrong
    /// (an SSH host with no locale set, a UTF-8 terminal).
    #[serde(default)]
    pub terminal: tui::TerminalConfig,
    /// Keys of one's own: action name = key or [keys] (README lists them).
    #[serde(default)]
    pub keys: tui::KeysConfig,
    /// Colours: `name = "high-contrast"`, and roles on top.
    #[serde(default)]
    pub theme: tui::ThemeConfig,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct GdprConfig {
    /// Days after a message is deleted before its subject and sender are
    /// redacted from the log.
    pub retention_days: u32,
}

impl Default for GdprConfig {
    fn default() -> Self {
        Self { retention_days: 90 }
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct StoreConfig {
    /// A Unix group that may read and write the database (mode 0660);
    /// without one it is readable by its owner only (0600).
    pub group: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub name: String,
    /// Path of a Maildir…
    pub maildir: Option<PathBuf>,
    /// …or an IMAP URL: imaps://user@host:993/INBOX (imap:// uses STARTTLS,
    /// imap+insecure:// no TLS: loopback only unless allow_insecure).
    pub imap: Option<String>,
    /// A command printing the password (like `pass show kommun/imap`).
    pub password_command: Option<String>,
    /// An environment variable holding the password.
    pub password_env: Option<String>,
    /// A command printing an OAuth2 access token (XOAUTH2).
    pub oauth2_token_command: Option<String>,
    /// Sign in with OAuth (`postrum login`): "microsoft" or "google"…
    pub oauth: Option<crate::mail::oauth::Preset>,
    /// …the Microsoft 365 tenant (its id or domain; default "organizations")…
    pub oauth_tenant: Option<String>,
    /// …or any OpenID provider by its issuer URL (found by discovery).
    pub oauth_issuer: Option<String>,
    /// The app registration's client id (the municipality's own).
    pub oauth_client_id: Option<String>,
    /// Google's desktop app "secret" (not secret; Google asks for it).
    pub oauth_client_secret: Option<String>,
    /// The scopes to ask for (default: the preset's).
    pub oauth_scopes: Option<Vec<String>>,
    /// Who signs in, when the mailbox (the IMAP/SMTP user) is a shared one.
    pub oauth_user: Option<String>,
    /// A PEM file with the server's CA certificate.
    pub ca_file: Option<PathBuf>,
    /// Allow plaintext to a server that is not on loopback.
    #[serde(default)]
    pub allow_insecure: bool,
    /// The Trash and Sent folders, when the server does not mark them.
    pub trash: Option<String>,
    pub sent: Option<String>,
    /// The mailbox where postrum keeps its journal for colleagues (default "Postrum").
    pub journal: Option<String>,
    /// A diarienummer pattern for this mailbox only.
    pub diarienummer_pattern: Option<String>,
    /// Calendar settings for this mailbox only.
    pub calendar: Option<CalendarConfig>,
    /// The submission server: smtps://user@host:465, smtp://user@host:587
    /// (STARTTLS required), smtp+insecure:// (loopback or allow_insecure).
    pub smtp: Option<String>,
    /// The SMTP server's own password command (default: the account's).
    pub smtp_password_command: Option<String>,
    /// The function mailbox's address, the From of what postrum sends
    /// (default: the IMAP user when it is an address).
    pub address: Option<String>,
    /// The name beside it ("Norrviks kommun, Kommunstyrelsen").
    pub address_name: Option<String>,
    /// The diary's intake address: a registered message is sent there.
    pub diary_address: Option<String>,
    /// Forward sensitive mail and threats with their content (default: no,
    /// the note says where to find it).
    #[serde(default)]
    pub forward_sensitive: bool,
    /// Copy sent mail to Sent (default: unless the server keeps its own).
    pub save_sent: Option<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no home directory: give --config and --data-dir")]
    NoHome,
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("se", "postrum", "postrum")
}

/// The config file: the given path, or config.toml in the config directory.
pub fn config_path(given: Option<&Path>) -> Result<PathBuf, ConfigError> {
    match given {
        Some(p) => Ok(p.to_path_buf()),
        None => Ok(dirs().ok_or(ConfigError::NoHome)?.config_dir().join("config.toml")),
    }
}

/// The data directory: the given path, or the platform's data directory.
pub fn data_dir(given: Option<&Path>) -> Result<PathBuf, ConfigError> {
    match given {
        Some(p) => Ok(p.to_path_buf()),
        None => Ok(dirs().ok_or(ConfigError::NoHome)?.data_dir().to_path_buf()),
    }
}

/// Loads the config; Ok(None) when the file does not exist. What is wrong
/// with it is said in its own `language`.
pub fn load(path: &Path) -> Result<Option<Config>, ConfigError> {
    load_checked(path, None, None)
}

/// The same, with errors said in `lang` (`--lang`) where one is chosen.
pub fn load_in(path: &Path, lang: Option<Lang>) -> Result<Option<Config>, ConfigError> {
    load_checked(path, lang, None)
}

/// The same, with the TUI's tables checked by `check` (the TUI knows its
/// key names and colours; a config that names an unknown one is refused
/// on every start, a subcommand's too).
pub fn load_checked(
    path: &Path,
    lang: Option<Lang>,
    check: Option<TuiCheck>,
) -> Result<Option<Config>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(ConfigError::Io { path: path.to_path_buf(), source }),
    };
    parse_in(&text, path, lang, check).map(Some)
}

/// Parses and validates config text (`path` only names it in errors).
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    parse_in(text, path, None, None)
}

impl Config {
    /// The named account, or the default one, or the first.
    pub fn account(&self, name: Option<&str>) -> Option<&Account> {
        let wanted = name.or(self.default_account.as_deref());
        match wanted {
            Some(n) => self.accounts.iter().find(|a| a.name == n),
            None => self.accounts.first(),
        }
    }

    /// The calendar settings for an account.
    pub fn calendar(&self, account: Option<&Account>) -> CalendarConfig {
        account.and_then(|a| a.calendar.clone()).unwrap_or_else(|| self.calendar.clone())
    }

    /// The diarienummer pattern for an account.
    pub fn pattern(&self, account: Option<&Account>) -> DnrPattern {
        let text = account
            .and_then(|a| a.diarienummer_pattern.as_deref())
            .or(self.diarienummer_pattern.as_deref())
            .unwrap_or(DEFAULT_PATTERN);
        DnrPattern::new(text).unwrap_or_default()
    }
}

/// The actor: configured, else the login name.
pub fn actor(config: Option<&Config>) -> String {
    config
        .and_then(|c| c.actor.clone())
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .or_else(|| std::env::var("LOGNAME").ok().filter(|s| !s.is_empty()))
        .or_else(system_account)
        .map(|s| crate::core::sanitize::line(&s))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// The name of the account this process runs as, from the user database
/// (`/etc/passwd`), for when USER and LOGNAME are not set (cron, a service).
fn system_account() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        (f.nth(1)? == uid).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_config() {
        let text = r#"
language = "en"
actor = "anna"
diarienummer_pattern = '^KS \d{4}/\d+$'
[[account]]
name = "kommun"
maildir = "/tmp/x"
[[handlaggare]]
id = "eva"
name = "Eva Lind"
email = "eva@norrvik.se"
unit = "Bygglov"
[calendar]
closures = ["2026-12-28"]
klamdag_is_working_day = false
"#;
        let c = parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(c.language, Lang::En);
        assert_eq!(c.account(None).unwrap().name, "kommun");
        assert!(c.pattern(c.account(None)).validate("KS 2024/1").is_some());
        assert!(c.pattern(c.account(None)).validate("KSN-2017-3559").is_none());
        assert_eq!(c.handlaggare[0].unit, "Bygglov");
        let cal = c.calendar(c.account(None));
        assert_eq!(cal.closures, ["2026-12-28".parse::<jiff::civil::Date>().unwrap()]);
        assert!(!cal.klamdag_is_working_day && !cal.short_days);
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let err = parse("actor = \"a\"\n[[handlaggare]]\nid = eva\n", Path::new("/etc/p.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("/etc/p.toml:3:"), "{msg}");
    }

    #[test]
    fn invalid_values_are_refused() {
        let bad_pattern = parse("diarienummer_pattern = '(['", Path::new("c.toml")).unwrap_err();
        assert!(bad_pattern.to_string().contains("diarienummer_pattern"));
        let dup = "[[handlaggare]]\nid='a'\nname='A'\n[[handlaggare]]\nid='A'\nname='B'\n";
        assert!(parse(dup, Path::new("c.toml")).unwrap_err().to_string().contains("två gånger"));
        let dup = format!("language = 'en'\n{dup}");
        assert!(parse(&dup, Path::new("c.toml")).unwrap_err().to_string().contains("twice"));
        let unknown = parse("colour = 'red'", Path::new("c.toml")).unwrap_err();
        assert!(unknown.to_string().contains("c.toml:1:1"), "{unknown}");
        assert!(load(Path::new("/nonexistent/postrum.toml")).unwrap().is_none());
    }
}
