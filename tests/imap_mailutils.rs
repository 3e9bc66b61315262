//! GNU Mailutils' imap4d, the suite's third real server (issue 20): no
//! UIDPLUS, MOVE, CONDSTORE, SPECIAL-USE or keywords, and EXPUNGE answered
//! with `* N EXPUNGED`. The registrator's loop works there, colleagues see
//! each other's work through the journal, and a delete never takes away a
//! colleague's \Deleted mark on another message.

mod common;

use std::path::Path;
use std::process::Output;

use common::imap::TWO;
use common::mailutils::Mailutils;
use common::*;

fn run(mu: &Mailutils, data: &Path, user: &str, args: &[&str]) -> Output {
    let cfg = data.join("config/postrum");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), TWO).unwrap();
    std::process::Command::new(bin())
        .args(["--data-dir", data.to_str().unwrap(), "--imap", &mu.url(user)])
        .args(["--password-command", &format!("echo {user}")])
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", user)
        .env("LANG", "sv_SE.UTF-8")
        .env_remove("POSTRUM_FAULT")
        .output()
        .unwrap()
}

fn ok(mu: &Mailutils, data: &Path, user: &str, args: &[&str]) -> String {
    let out = run(mu, data, user, args);
    assert!(out.status.success(), "{user} {args:?}: {}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

fn mail(n: u32) -> Vec<u8> {
    format!(
        "From: Medborgare <medborgare@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Fråga {n}\r\n\
Message-ID: <mu.{n}@exempel.se>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\r\nHej {n}.\r\n"
    )
    .into_bytes()
}

fn id_of(mu: &Mailutils, data: &Path, user: &str, needle: &str) -> String {
    id_with(&json(&run(mu, data, user, &["list", "--json"])), needle)
}

#[test]
fn on_imap4d_the_loop_works_and_colleagues_see_each_other() {
    let mu = Mailutils::start();
    mu.deliver("1.host", &mail(1));
    mu.deliver("2.host", &mail(2));
    let (reg, vik) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let list = json(&run(&mu, reg.path(), "registrator", &["list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    assert!(list.as_array().unwrap().iter().all(|m| m["problem"].is_null()), "{list}");
    let id = id_of(&mu, reg.path(), "registrator", "Fråga 1");
    ok(&mu, reg.path(), "registrator", &["assign", &id, "eva"]);
    ok(&mu, reg.path(), "registrator", &["register", &id, "KS 2026/31"]);
    // the vikarie, on an empty data directory, sees who and which number
    let list = json(&run(&mu, vik.path(), "vikarie", &["list", "--json"]));
    let m = list.as_array().unwrap().iter().find(|m| m["subject"] == "Fråga 1").unwrap();
    assert_eq!(
        (m["assignee"].as_str(), m["diarienummer"].as_str()),
        (Some("eva"), Some("KS 2026/31")),
        "{m}"
    );
    // the delete goes through although the server answers "* N EXPUNGED"
    let out = ok(&mu, reg.path(), "registrator", &["delete", &id]);
    assert!(out.contains("Raderat"), "{out}");
    assert_eq!(mu.flags().len(), 1, "{:?}", mu.flags());
    let log = json(&run(&mu, reg.path(), "registrator", &["log", "--json"]));
    assert_eq!(
        (log[0]["action"].as_str(), log[0]["state"].as_str()),
        (Some("delete"), Some("applied")),
        "{log}"
    );
}

/// A colleague's client marked another message \Deleted and did not
/// expunge: without UIDPLUS a plain EXPUNGE would take it too, so the
/// deletion waits, says why and exits non-zero — and the mark stays.
#[test]
fn on_imap4d_a_colleague_s_deleted_mark_is_never_taken_away() {
    let mu = Mailutils::start();
    mu.deliver("1.host", &mail(1));
    mu.deliver("2.host", &mail(2));
    let reg = tempfile::tempdir().unwrap();
    let id = id_of(&mu, reg.path(), "registrator", "Fråga 1");
    let marked = mu.raw("vikarie", &["SELECT INBOX", "UID SEARCH HEADER Subject \"Fråga 2\""]);
    let uid = marked.lines().find(|l| l.starts_with("* SEARCH")).unwrap().split_whitespace().nth(2).unwrap();
    let stored = mu.raw("vikarie", &["SELECT INBOX", &format!("UID STORE {uid} +FLAGS (\\Deleted)")]);
    assert!(stored.contains("a2 OK"), "{stored}");
    ok(&mu, reg.path(), "registrator", &["register", &id, "--none", "nyhetsbrev"]);
    let out = run(&mu, reg.path(), "registrator", &["delete", &id]);
    let said = stdout(&out) + &stderr(&out);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("marked \\Deleted by someone else"), "{said}");
    let flags = mu.flags();
    assert_eq!(flags.len(), 2, "nothing expunged: {flags:?}");
    let theirs = flags.iter().find(|l| l.contains(&format!("UID {uid} "))).unwrap();
    assert!(theirs.contains("\\Deleted"), "the colleague's mark stays: {flags:?}");
    // their client takes the mark away again: the next sync deletes ours
    mu.raw("vikarie", &["SELECT INBOX", &format!("UID STORE {uid} -FLAGS (\\Deleted)")]);
    ok(&mu, reg.path(), "registrator", &["sync"]);
    let flags = mu.flags();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert!(flags[0].contains(&format!("UID {uid} ")) && !flags[0].contains("\\Deleted"), "{flags:?}");
}

/// `doctor` names what it did not find: imap4d marks no folders with
/// SPECIAL-USE, so no Trash and no Sent are known (it said "Copies are
/// removed from ." before).
#[test]
fn on_imap4d_doctor_names_the_missing_trash_and_sent() {
    let mu = Mailutils::start();
    mu.deliver("1.host", &mail(1));
    let data = tempfile::tempdir().unwrap();
    let out = ok(&mu, data.path(), "registrator", &["doctor"]);
    assert!(out.contains("Ingen papperskorg och ingen mapp för skickat hittades"), "{out}");
    assert!(out.contains("Servern sparar inga egna nyckelord"), "{out}");
    assert!(!out.contains("ur ."), "{out}");
}
