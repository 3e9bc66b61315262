//! Helpers of the IMAP tests: the demo messages as delivered, the
//! municipality's config, and postrum run against the test Dovecot as a
//! registrator or a colleague.

use std::path::Path;
use std::process::{Command, Output};

use super::dovecot::Dovecot;
use super::*;

pub fn demo_message(name: &str) -> Vec<u8> {
    let raw = postrum::mail::demo::MESSAGES.iter().find(|(n, _)| *n == name).unwrap().1;
    let (bytes, _, _) =
        postrum::mail::demo::instantiate(&postrum::core::calendar::Calendar::default(), raw, today(), NOW, 0);
    bytes
}

/// The municipality's config: handläggare and inspection settings.
pub const CONFIG: &str = r#"
[[handlaggare]]
id = "eva"
name = "Eva Lind"
unit = "Bygglov"

[inspect]
own_domains = ["norrvik.se"]
organisation_names = ["Norrviks kommun"]
"#;

/// `postrum --imap URL ARGS` as `user`, with the test CA and `config` in
/// its own config directory under `data`.
pub fn command(dc: &Dovecot, data: &Path, user: &str, tls: bool, config: &str, args: &[&str]) -> Command {
    let url = if tls {
        format!("imaps://{user}@localhost:{}/INBOX", dc.tls_port)
    } else {
        format!("imap://{user}@localhost:{}/INBOX", dc.plain_port)
    };
    command_url(dc, data, user, &url, config, args)
}

/// The same on the mailbox at `url` (another user's, shared by ACL).
pub fn command_url(dc: &Dovecot, data: &Path, user: &str, url: &str, config: &str, args: &[&str]) -> Command {
    let cfg_dir = data.join("config/postrum");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    std::fs::write(cfg_dir.join("config.toml"), config).unwrap();
    let mut c = Command::new(bin());
    c.args(["--data-dir", data.to_str().unwrap(), "--imap", url])
        .args(["--password-command", &format!("echo {user}"), "--ca-file", dc.ca().to_str().unwrap()])
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", user)
        .env_remove("POSTRUM_FAULT");
    c
}

/// `postrum` as `user` with the municipality's config.
pub fn imap(dc: &Dovecot, data: &Path, user: &str, tls: bool, args: &[&str]) -> Output {
    command(dc, data, user, tls, CONFIG, args).output().unwrap()
}

pub fn ids(out: &Output) -> Vec<String> {
    let mut v: Vec<String> =
        json(out).as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

pub fn setup() -> (Dovecot, tempfile::TempDir) {
    let dc = Dovecot::start();
    for name in ["01-bygglov-attefall.eml", "07-nyhetsbrev.eml", "08-phishing.eml"] {
        dc.deliver("registrator", "INBOX", &format!("{name}.host"), &demo_message(name));
    }
    (dc, tempfile::tempdir().unwrap())
}

pub const TWO: &str = r#"
[[handlaggare]]
id = "eva"
name = "Eva Lind"

[[handlaggare]]
id = "omar"
name = "Omar Haddad"
"#;

/// A colleague's postrum: same mailbox, own data directory and config.
pub fn colleague(dc: &Dovecot, data: &Path, user: &str, args: &[&str]) -> Output {
    command(dc, data, user, false, TWO, args).output().unwrap()
}
