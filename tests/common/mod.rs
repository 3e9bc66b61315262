//! Helpers shared by the integration tests: the real binary, a demo
//! mailbox with fixed dates, and reading the demo Maildir.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::civil::Date;

/// The fixed "today" of tests that need stable dates: Friday 2026-11-27.
pub fn today() -> Date {
    Date::constant(2026, 11, 27)
}

/// 2026-11-27 09:20 in Stockholm.
pub const NOW: i64 = 1_795_767_600;

/// Writes the demo mailbox with fixed dates into `data/demo`, as
/// `postrum --demo --data-dir data` would on that day.
pub fn demo_data_dir(data: &Path) {
    postrum::mail::demo::materialize(&data.join("demo"), today(), NOW).unwrap();
}

pub fn maildir_files(data: &Path) -> Vec<String> {
    let root = data.join("demo/Maildir");
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            out.push(e.unwrap().file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_postrum"))
}

/// Runs `postrum --demo --data-dir DATA ARGS…` with a home (and so a
/// config directory) of its own.
pub fn postrum(data: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--demo")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", "registrator")
        .env_remove("POSTRUM_FAULT")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The id of the demo message whose subject contains `needle`.
pub fn id_of(data: &Path, needle: &str) -> String {
    id_with(&json(&postrum(data, &["list", "--json"])), needle)
}

/// The id of the message whose subject contains `needle` in a `list --json`.
pub fn id_with(list: &serde_json::Value, needle: &str) -> String {
    list.as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap_or("").contains(needle))
        .unwrap_or_else(|| panic!("no message with {needle:?}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub mod acl;
pub mod cyrus;
pub mod dovecot;
pub mod english;
pub mod fake_smtp;
pub mod imap;
pub mod mailutils;
pub mod oidc;
pub mod postfix;
pub mod proxy;
pub mod race;
pub mod smtp;
pub mod tmux;
pub mod tui;
pub mod variants;
