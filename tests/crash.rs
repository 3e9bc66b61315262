//! Log first, then act: a process killed (SIGKILL) after logging an action
//! and before applying it loses nothing — the next start replays it.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::*;

/// Starts `postrum --demo ARGS` with the fault point set, and returns once
/// it says the action is logged (it then pauses before applying it).
fn paused_after_log(data: &Path, args: &[&str]) -> Child {
    let mut child = Command::new(bin())
        .args(["--demo", "--data-dir", data.to_str().unwrap()])
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", "registrator")
        .env("POSTRUM_FAULT", "pause-after-log")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    assert!(line.contains("logged"), "{line}");
    child
}

#[test]
fn killed_between_log_and_apply_is_applied_after_restart() {
    let data = tempfile::tempdir().unwrap();
    let id = id_of(data.path(), "Black Week");
    let before = maildir_files(data.path());

    let mut child = paused_after_log(data.path(), &["delete", &id, "--force", "--reason", "reklam"]);
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());

    // logged, not applied: the file is still there, the entry is pending
    assert_eq!(maildir_files(data.path()), before);
    {
        let store = postrum::store::Store::open(&data.path().join("demo/postrum.sqlite")).unwrap();
        let pending = store.pending().unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].message, id);
    }
    // the next start (here: `log`) replays the queue before anything else
    let log = json(&postrum(data.path(), &["log", "--json"]));
    assert_eq!(log[0]["action"], "delete_forced");
    assert_eq!(log[0]["state"], "applied");
    assert_eq!(log[0]["details"]["force_reason"], "reklam");
    let after = maildir_files(data.path());
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|f| !f.contains("23-reklam")));
    let list = json(&postrum(data.path(), &["list", "--json"]));
    assert!(list.as_array().unwrap().iter().all(|m| m["id"] != id.as_str()));
}

#[test]
fn a_killed_register_keeps_its_local_state_and_queue_entry() {
    let data = tempfile::tempdir().unwrap();
    let id = id_of(data.path(), "Black Week");
    let mut child = paused_after_log(data.path(), &["register", &id, "--none", "reklam"]);
    child.kill().unwrap();
    child.wait().unwrap();
    let store = postrum::store::Store::open(&data.path().join("demo/postrum.sqlite")).unwrap();
    let pending = store.pending().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].message, id);
    assert_eq!(store.triage(&id).unwrap().no_registration.as_deref(), Some("reklam"));
}
