//! A function mailbox shared by ACL against a real Dovecot: the mailbox
//! belongs to its own user, two registrators log in as themselves. Each
//! sees the other's work (the journal is the function mailbox's own, not
//! the person's), two claims at once have one winner, and a delete purges
//! the function mailbox's Trash and Sent and leaves the people's private
//! folders alone.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::acl::KOMMUN;
use common::dovecot::Dovecot;
use common::imap::{demo_message, TWO};
use common::*;

fn command(dc: &Dovecot, data: &Path, user: &str, args: &[&str]) -> Command {
    let url = format!("imap://{user}@localhost:{}/{KOMMUN}", dc.plain_port);
    common::imap::command_url(dc, data, user, &url, TWO, args)
}

fn run(dc: &Dovecot, data: &Path, user: &str, args: &[&str]) -> Output {
    let out = command(dc, data, user, args).output().unwrap();
    assert!(out.status.success(), "{user} {args:?}: {}", stderr(&out));
    out
}

fn shared_with(names: &[&str]) -> Dovecot {
    let dc = Dovecot::start_shared();
    deliver_all(&dc, names);
    dc
}

fn deliver_all(dc: &Dovecot, names: &[&str]) {
    for name in names {
        dc.deliver("kommun", "INBOX", &format!("{name}.host"), &demo_message(name));
    }
}

#[test]
fn colleagues_on_their_own_logins_see_each_others_work() {
    // no journal folder yet: postrum says what the administrator must make
    let dc = Dovecot::start_shared_without_journal();
    deliver_all(&dc, &["01-bygglov-attefall.eml", "07-nyhetsbrev.eml"]);
    let (anna, bo) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let list = json(&run(&dc, anna.path(), "anna", &["list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
    let id = list[0]["id"].as_str().unwrap().to_string();
    let out =
        String::from_utf8_lossy(&run(&dc, anna.path(), "anna", &["assign", &id, "eva"]).stdout).into_owned();
    assert!(out.contains("shared/kommun/Postrum") && out.contains("lrswi"), "{out}");
    // the administrator makes it; what waited is written at the next sync
    dc.create_shared_journal();
    run(&dc, anna.path(), "anna", &["register", &id, "KS 2026/12"]);
    let seen = json(&run(&dc, bo.path(), "bo", &["list", "--json"]));
    let m = seen.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap();
    assert_eq!(
        (m["assignee"].as_str(), m["diarienummer"].as_str()),
        (Some("eva"), Some("KS 2026/12")),
        "{m}"
    );
    // the journal is the function mailbox's, never anna's own
    let kommun = dc.raw("kommun", &["LIST \"\" *"]);
    assert!(kommun.contains("Postrum"), "{kommun}");
    let private = dc.raw("anna", &["LIST \"\" %"]);
    assert!(!private.contains("Postrum"), "{private}");
}

#[test]
fn two_registrators_on_their_own_logins_claiming_at_once_one_wins() {
    let dc = shared_with(&["01-bygglov-attefall.eml"]);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let id = json(&run(&dc, a.path(), "anna", &["list", "--json"]))[0]["id"].as_str().unwrap().to_string();
    run(&dc, b.path(), "bo", &["list", "--json"]);
    let go = a.path().join("go");
    let (ra, rb) = common::race::race(
        command(&dc, a.path(), "anna", &["assign", &id, "eva"]),
        command(&dc, b.path(), "bo", &["assign", &id, "omar"]),
        &go,
    );
    let winner = common::race::winner(&ra, &rb, "eva", "omar");
    for (dir, user) in [(a.path(), "anna"), (b.path(), "bo")] {
        let l = json(&run(&dc, dir, user, &["list", "--json"]));
        assert_eq!(l[0]["assignee"], winner, "{user}");
    }
}

#[test]
fn a_delete_purges_the_function_mailboxs_trash_and_sent_and_nothing_private() {
    let dc = shared_with(&["01-bygglov-attefall.eml"]);
    let raw = demo_message("01-bygglov-attefall.eml");
    // a copy of the message itself in each Trash (the same arrival time),
    // and in each Sent a reply postrum sent about it (naming its key)
    let inbox = dc.folder("kommun", "INBOX").join("new/01-bygglov-attefall.eml.host");
    let arrived = std::fs::metadata(inbox).unwrap().modified().unwrap();
    let key = dc.key_of("kommun", "INBOX", "HEADER Message-ID demo-01-bygglov");
    let reply = format!(
        "From: kommun@norrvik.se\r\nTo: a@b.se\r\nSubject: Svar\r\nMessage-ID: <svar.1@norrvik.se>\r\n\
X-Postrum-About: <{key}@about.postrum.invalid>\r\n\r\nSvar.\r\n"
    );
    for user in ["kommun", "anna"] {
        dc.deliver_at(user, "Trash", "copy.host", &raw, arrived);
        dc.deliver(user, "Sent", "reply.host", reply.as_bytes());
    }
    // anna's private folders exist (and are the flagged ones)
    assert!(dc.raw("anna", &["SELECT Trash"]).contains("OK"));
    let anna = tempfile::tempdir().unwrap();
    let id = json(&run(&dc, anna.path(), "anna", &["list", "--json"]))[0]["id"].as_str().unwrap().to_string();
    run(&dc, anna.path(), "anna", &["assign", &id, "eva"]);
    run(&dc, anna.path(), "anna", &["register", &id, "KS 2026/13"]);
    run(&dc, anna.path(), "anna", &["delete", &id]);
    assert!(dc.files("kommun", "INBOX").is_empty());
    assert!(dc.files("kommun", "Trash").is_empty(), "the shared Trash is purged");
    assert!(dc.files("kommun", "Sent").is_empty(), "the shared Sent is purged");
    assert_eq!(dc.files("anna", "Trash").len(), 1, "anna's own Trash is hers");
    assert_eq!(dc.files("anna", "Sent").len(), 1, "anna's own Sent is hers");
}

/// doctor's checks run quietly when the TUI starts: a journal the
/// administrator has not made shows once on the status line.
#[test]
fn the_tui_says_once_what_will_not_work() {
    let dc = Dovecot::start_shared_without_journal();
    deliver_all(&dc, &["01-bygglov-attefall.eml"]);
    let data = tempfile::tempdir().unwrap();
    let tmux = common::tmux::Tmux::new("acl-doctor");
    let args = format!(
        "--imap imap+insecure://anna@127.0.0.1:{}/{KOMMUN} --password-command 'echo anna'",
        dc.plain_port
    );
    tmux.start_with(data.path(), "POSTRUM_TICK_SECS=3600", &args);
    tmux.wait_for("1 meddelande");
    tmux.dismiss_notice();
    tmux.wait_for("Journalen shared/kommun/Postrum finns inte");
    tmux.keys(&["q"]);
}
