//! Picks the mailbox from the command line and the config (demo, a
//! Maildir, an IMAP URL, or a configured account), opens its store in its
//! own data directory, syncs the handläggare directory, refreshes the cache
//! and replays what was left pending. An unreachable IMAP server is not an
//! error: the cache is shown and actions wait (`Opened::offline`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::sign_in::{oauth_settings, sign_in, OAuthFlags};
use super::{Engine, OpError, Replay, Settings};
use crate::config;
use crate::core::calendar::Calendar;
use crate::core::inspect::InspectConfig;
use crate::core::{clock, ids};
use crate::i18n::Lang;
use crate::mail::imap::creds::{CredentialSource, SignIn};
use crate::mail::imap::url::ImapUrl;
use crate::mail::imap::{ImapAccount, ImapBackend};
use crate::mail::oauth::OAuthSettings;
use crate::mail::{demo, maildir::Maildir, Backend, MailError};
use crate::store::Store;

/// Which mailbox to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Demo,
    Maildir(PathBuf),
    /// An IMAP account given on the command line (the URL).
    Imap(String),
    Account(String),
}

#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub account: Option<String>,
    pub demo: bool,
    pub maildir: Option<PathBuf>,
    pub reset_demo: bool,
    pub lang: Option<Lang>,
    /// `--imap URL` and its companions.
    pub imap: Option<String>,
    pub password_command: Option<String>,
    pub ca_file: Option<PathBuf>,
    pub allow_insecure: bool,
    /// Leave the first refresh to the caller (to show its progress).
    pub defer_refresh: bool,
    /// `--smtp URL`: the submission server.
    pub smtp: Option<String>,
    /// `--address ADDR`: the mailbox's own address (the From of what it sends).
    pub address: Option<String>,
    /// `--oauth`, `--oauth-issuer`, `--oauth-client-id`: sign in with OAuth.
    pub oauth: OAuthFlags,
    /// What the TUI checks in its tables of the config (`[keys]`,
    /// `[theme]`) on every start: given by the binary, which has a TUI.
    pub tui_check: Option<config::TuiCheck>,
}

pub struct Opened {
    pub engine: Engine,
    pub source: Source,
    pub lang: Lang,
    /// The demo was opened because no config exists.
    pub unconfigured: bool,
    pub config_path: PathBuf,
    pub replay: Replay,
    /// Why the server could not be reached, when it could not (said by
    /// `present::offline_detail`).
    pub offline: Option<MailError>,
    /// The data directory cannot be written (or its disk is full): the
    /// cache is shown as it is, not refreshed, and actions are refused.
    pub read_only: Option<crate::store::ReadOnlyWhy>,
    /// The config's `[terminal]` (for the TUI).
    pub terminal: config::tui::TerminalConfig,
    /// The config's `[keys]` and `[theme]` (checked when it was read).
    pub keys: config::tui::KeysConfig,
    pub theme: config::tui::ThemeConfig,
}

fn safe_name(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Opens the chosen mailbox, ready to use.
pub fn open(opts: &OpenOptions) -> anyhow::Result<Opened> {
    let config_path = config::config_path(opts.config.as_deref())?;
    let config = config::load_checked(&config_path, opts.lang, opts.tui_check)?;
    if opts.config.is_some() && config.is_none() {
        let t = crate::i18n::config::of(opts.lang.unwrap_or_default());
        bail!("{}", crate::i18n::fill(t.no_file, &[&config_path.display()]));
    }
    let data_root = config::data_dir(opts.data_dir.as_deref())?;
    let cfg = config.clone().unwrap_or_default();

    let (source, unconfigured) = choose(opts, &cfg, &config_path)?;

    let account = match &source {
        Source::Account(name) => cfg.account(Some(name)),
        _ => None,
    };
    let dir = data_dir_of(&data_root, &source);
    let lang = opts.lang.unwrap_or(cfg.language);
    let sign_in = sign_in(&opts.oauth, account, &dir, lang)?;
    let Mailbox { backend, directory, mut offline } =
        backend_of(opts, &cfg, &source, account, &dir, sign_in, lang)?;

    let db = dir.join("postrum.sqlite");
    let mut store = Store::open(&db)?;
    #[cfg(unix)]
    if let Some(group) = &cfg.store.group {
        crate::store::share_with_group(&db, group)?;
    }
    // a read-only data directory: show what the cache holds, change nothing
    let read_only = store.read_only_why();
    if read_only.is_none() {
        store.purge(cfg.gdpr.retention_days)?;
        store.set_handlaggare(&directory)?;
    }
    let settings = Settings {
        actor: config::actor(config.as_ref()),
        pattern: cfg.pattern(account),
        calendar: Calendar::new(cfg.calendar(account)),
        inspect: inspect_config(&cfg, matches!(source, Source::Demo), &directory),
        retention_days: cfg.gdpr.retention_days,
        poll_seconds: cfg.poll_seconds.unwrap_or(30).max(1),
        out: out_settings(opts, &cfg, account)?,
        reasons: cfg.no_registration_reasons.clone().unwrap_or_else(|| {
            ["reklam", "nyhetsbrev", "felsänt", "för kännedom", "autosvar"].map(String::from).to_vec()
        }),
        views: cfg.views.clone(),
    };
    let mut engine = Engine::new(store, backend, settings);
    let mut replay = Replay::default();
    if offline.is_none() && !opts.defer_refresh && read_only.is_none() {
        match engine.refresh() {
            Ok(_) => replay = engine.replay_pending()?,
            Err(OpError::Mail(e @ MailError::Offline(_))) => offline = Some(e),
            Err(e) => return Err(e.into()),
        }
    }
    let (terminal, keys, theme) = (cfg.terminal.clone(), cfg.keys.clone(), cfg.theme.clone());
    Ok(Opened {
        engine,
        source,
        lang,
        unconfigured,
        config_path,
        replay,
        offline,
        read_only,
        terminal,
        keys,
        theme,
    })
}

/// How the mailbox sends mail: the account's submission server (or
/// `--smtp`), its address, the diary's intake address, the letters.
fn out_settings(
    opts: &OpenOptions,
    cfg: &config::Config,
    account: Option<&config::Account>,
) -> anyhow::Result<super::OutSettings> {
    use crate::core::outgoing::mailbox;
    use crate::mail::smtp::{SmtpAccount, SmtpUrl};
    let url = opts.smtp.clone().or_else(|| account.and_then(|a| a.smtp.clone()));
    let smtp = match url {
        Some(u) => Some(SmtpAccount {
            url: SmtpUrl::parse(&u)?,
            ca_file: opts.ca_file.clone().or_else(|| account.and_then(|a| a.ca_file.clone())),
            allow_insecure: opts.allow_insecure || account.is_some_and(|a| a.allow_insecure),
            credentials: account
                .and_then(|a| a.smtp_password_command.clone())
                .map(|c| CredentialSource { password_command: Some(c), ..Default::default() }),
        }),
        None => None,
    };
    // the From: configured, else the IMAP login when it is an address
    let imap_user = opts
        .imap
        .as_deref()
        .or(account.and_then(|a| a.imap.as_deref()))
        .and_then(|u| ImapUrl::parse(u).ok())
        .map(|u| u.user);
    let address = opts.address.clone().or_else(|| account.and_then(|a| a.address.clone())).or(imap_user);
    let name = account.and_then(|a| a.address_name.as_deref());
    let from = address.and_then(|a| mailbox(name, &a).ok());
    let diary = account.and_then(|a| a.diary_address.as_deref()).and_then(|a| mailbox(None, a).ok());
    Ok(super::OutSettings {
        smtp,
        from,
        diary,
        forward_sensitive: account.is_some_and(|a| a.forward_sensitive),
        letters: cfg.letters.clone(),
    })
}

/// The mailbox's backend, its directory of handläggare, and why its
/// server cannot be reached when it cannot.
struct Mailbox {
    backend: Box<dyn Backend>,
    directory: Vec<crate::core::records::Handlaggare>,
    offline: Option<MailError>,
}

fn backend_of(
    opts: &OpenOptions,
    cfg: &config::Config,
    source: &Source,
    account: Option<&config::Account>,
    dir: &Path,
    sign_in: Option<SignIn>,
    lang: Lang,
) -> anyhow::Result<Mailbox> {
    let mut offline = None;
    let (backend, directory): (Box<dyn Backend>, _) = match source {
        Source::Demo => {
            if opts.reset_demo && dir.exists() {
                std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
            }
            let root = demo::materialize(dir, clock::today(), clock::now())
                .with_context(|| format!("writing the demo mailbox in {}", dir.display()))?;
            (Box::new(Maildir::open(&root)?), demo::handlaggare())
        }
        Source::Maildir(path) => (Box::new(Maildir::open(path)?), cfg.handlaggare.clone()),
        Source::Imap(url) => {
            let account = imap_account(opts, None, url, sign_in)?;
            (open_imap(&account, &mut offline, lang)?, cfg.handlaggare.clone())
        }
        Source::Account(_) => {
            let acc = account.context("no such account")?;
            match (&acc.maildir, &acc.imap) {
                (Some(path), _) => (Box::new(Maildir::open(path)?), cfg.handlaggare.clone()),
                (None, Some(url)) => {
                    let account = imap_account(opts, Some(acc), url, sign_in)?;
                    (open_imap(&account, &mut offline, lang)?, cfg.handlaggare.clone())
                }
                (None, None) => bail!("account {:?} has neither maildir nor imap", acc.name),
            }
        }
    };
    Ok(Mailbox { backend, directory, offline })
}

/// An IMAP account from the command line (`acc` None) or the config; the
/// command line's settings first.
fn imap_account(
    opts: &OpenOptions,
    acc: Option<&config::Account>,
    url: &str,
    sign_in: Option<SignIn>,
) -> anyhow::Result<ImapAccount> {
    let of = |f: fn(&config::Account) -> Option<String>| acc.and_then(f);
    Ok(ImapAccount {
        url: ImapUrl::parse(url)?,
        ca_file: opts.ca_file.clone().or_else(|| acc.and_then(|a| a.ca_file.clone())),
        allow_insecure: opts.allow_insecure || acc.is_some_and(|a| a.allow_insecure),
        credentials: CredentialSource {
            password_command: opts.password_command.clone().or_else(|| of(|a| a.password_command.clone())),
            password_env: of(|a| a.password_env.clone()),
            oauth2_token_command: of(|a| a.oauth2_token_command.clone()),
            sign_in,
        },
        trash: of(|a| a.trash.clone()),
        sent: of(|a| a.sent.clone()),
        journal: of(|a| a.journal.clone()),
        save_sent: acc.and_then(|a| a.save_sent),
    })
}

/// Which mailbox the options and config name; whether none is configured.
fn choose(opts: &OpenOptions, cfg: &config::Config, config_path: &Path) -> anyhow::Result<(Source, bool)> {
    Ok(if opts.demo {
        (Source::Demo, false)
    } else if let Some(p) = &opts.maildir {
        (Source::Maildir(p.clone()), false)
    } else if let Some(url) = &opts.imap {
        (Source::Imap(url.clone()), false)
    } else if let Some(acc) = cfg.account(opts.account.as_deref()) {
        (Source::Account(acc.name.clone()), false)
    } else if let Some(name) = &opts.account {
        bail!("{}: no account named {name:?}", config_path.display());
    } else {
        (Source::Demo, cfg.accounts.is_empty())
    })
}

/// Where `postrum login` keeps the sign-in of the chosen mailbox, and how
/// it signs in (no connection is made).
pub struct SignInPlace {
    pub settings: OAuthSettings,
    pub dir: PathBuf,
    pub lang: Lang,
    /// The account sends mail (its token must allow SMTP too).
    pub sends: bool,
}

pub fn sign_in_place(opts: &OpenOptions) -> anyhow::Result<SignInPlace> {
    let config_path = config::config_path(opts.config.as_deref())?;
    let config = config::load_checked(&config_path, opts.lang, opts.tui_check)?;
    let cfg = config.unwrap_or_default();
    let lang = opts.lang.unwrap_or(cfg.language);
    let (source, _) = choose(opts, &cfg, &config_path)?;
    let account = match &source {
        Source::Account(name) => cfg.account(Some(name)),
        _ => None,
    };
    let dir = data_dir_of(&config::data_dir(opts.data_dir.as_deref())?, &source);
    let settings = oauth_settings(&opts.oauth, account).map_err(anyhow::Error::msg)?;
    let sends = opts.smtp.is_some() || account.is_some_and(|a| a.smtp.is_some());
    Ok(SignInPlace { settings, dir, lang, sends })
}

/// Opens an IMAP account; an unreachable server is noted in `offline`.
fn open_imap(
    account: &ImapAccount,
    offline: &mut Option<MailError>,
    lang: Lang,
) -> anyhow::Result<Box<dyn Backend>> {
    let (backend, first) = match ImapBackend::open(account) {
        Err(MailError::SignIn(e)) => bail!("{}", crate::mail::oauth::words::error(&e, lang)),
        // signed in, and the server says no: what IT can look at
        Err(MailError::Auth(why)) if account.credentials.sign_in.is_some() => {
            let words = crate::i18n::oauth::words("server_refused", lang);
            bail!("{}", crate::i18n::fill(words, &[&why]))
        }
        other => other?,
    };
    *offline = first.err();
    Ok(Box::new(backend))
}

/// The inspection settings: the config's, or the demo's own; colleagues'
/// names come from the handläggare directory.
fn inspect_config(
    cfg: &config::Config,
    demo: bool,
    directory: &[crate::core::records::Handlaggare],
) -> InspectConfig {
    let mut inspect = if demo { demo::inspect_config() } else { cfg.inspect.clone() };
    inspect.colleague_names = directory.iter().map(|h| h.name.clone()).collect();
    inspect
}

/// The data directory a source keeps its store (and the demo its Maildir) in.
pub fn data_dir_of(root: &Path, source: &Source) -> PathBuf {
    match source {
        Source::Demo => root.join("demo"),
        Source::Maildir(p) => {
            let canonical = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            root.join(format!("maildir-{}", ids::base_id(None, &canonical.to_string_lossy())))
        }
        Source::Imap(url) => {
            let canonical = ImapUrl::parse(url).map(|u| u.to_string()).unwrap_or_else(|_| url.clone());
            root.join(format!("imap-{}", ids::base_id(None, &canonical)))
        }
        Source::Account(name) => root.join("accounts").join(safe_name(name)),
    }
}
