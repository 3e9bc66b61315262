//! A message is named by what the server vouches for (issue 20, findings 1
//! and 2): two messages with one Message-ID are two messages to colleagues'
//! postrum, and a delete purges from Sent and Trash only what belongs to the
//! very message deleted — never what a sender's chosen Message-ID selects.
//! Against a real Dovecot (and Postfix for what postrum sends).

mod common;

use common::dovecot::Dovecot;
use common::imap::*;
use common::smtp::{citizen, servers};
use common::*;

fn mail(mid: &str, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Sökande <sokande@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: {subject}\r\n\
Message-ID: {mid}\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

fn entry<'a>(list: &'a serde_json::Value, needle: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap_or("").contains(needle))
        .unwrap_or_else(|| panic!("no {needle} in {list}"))
}

/// The registrator assigns the original, marks its duplicate (the same
/// Message-ID) "dubblett", assigns and deletes it. The vikarie's postrum,
/// on an empty data directory, must apply each of those to the message it
/// was done to: the original stays assigned and unregistered, and cannot be
/// deleted.
#[test]
fn a_duplicate_s_handling_never_lands_on_the_original() {
    let dc = Dovecot::start();
    dc.deliver(
        "registrator",
        "INBOX",
        "a.host",
        &mail("<ansokan.7@exempel.se>", "Ansökan om bygglov", "Första."),
    );
    let reg = tempfile::tempdir().unwrap();
    // the copy arrives after the registrator's first look
    ok(colleague(&dc, reg.path(), "registrator", &["list", "--json"]));
    dc.deliver(
        "registrator",
        "INBOX",
        "b.host",
        &mail("<ansokan.7@exempel.se>", "Ansökan (igen)", "Skickad igen."),
    );
    let list = json(&colleague(&dc, reg.path(), "registrator", &["list", "--json"]));
    let original = entry(&list, "om bygglov")["id"].as_str().unwrap().to_string();
    let copy = entry(&list, "(igen)")["id"].as_str().unwrap().to_string();
    assert_ne!(original, copy);
    ok(colleague(&dc, reg.path(), "registrator", &["assign", &original, "eva"]));
    ok(colleague(&dc, reg.path(), "registrator", &["register", &copy, "--none", "dubblett"]));
    ok(colleague(&dc, reg.path(), "registrator", &["assign", &copy, "omar"]));
    ok(colleague(&dc, reg.path(), "registrator", &["delete", &copy]));

    let vik = tempfile::tempdir().unwrap();
    let list = json(&colleague(&dc, vik.path(), "vikarie", &["list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let o = entry(&list, "om bygglov");
    assert_eq!(o["assignee"], "eva", "{o}");
    assert_eq!(o["status"], "assigned", "the duplicate's 'no registration' is not the original's: {o}");
    let id = o["id"].as_str().unwrap();
    let out = colleague(&dc, vik.path(), "vikarie", &["delete", id]);
    assert!(!out.status.success(), "the unregistered original was deleted: {}", stdout(&out));
    assert_eq!(dc.files("registrator", "INBOX").len(), 1, "the original is still on the server");
    // the vikarie's log names each action with the message it was done to
    let log = json(&colleague(&dc, vik.path(), "vikarie", &["log", "--json"]));
    let on_original: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["message"] == id)
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(on_original, ["assign"], "{log}");
}

/// Copies in Trash are the message itself (the same Message-ID, size and
/// arrival time); a mail in Sent or Trash that only shares the deleted
/// one's Message-ID — which its sender chose — stays.
#[test]
fn a_delete_purges_the_message_s_own_copies_and_nothing_a_sender_chose() {
    let dc = Dovecot::start();
    let raw = mail("<a@norrvik.se>", "Originalet", "Text.");
    let at = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    dc.deliver_at("registrator", "INBOX", "orig.host", &raw, at);
    // a colleague's client copied it to Trash: the same message
    dc.deliver_at("registrator", "Trash", "copy.host", &raw, at);
    // the same Message-ID, chosen by someone else
    dc.deliver("registrator", "Sent", "sent.host", &mail("<a@norrvik.se>", "Vårt svar", "Text."));
    dc.deliver("registrator", "Trash", "spam.host", &mail("<a@norrvik.se>", "Skräp", "Köp nu!"));
    let data = tempfile::tempdir().unwrap();
    let list = json(&colleague(&dc, data.path(), "registrator", &["list", "--json"]));
    let id = entry(&list, "Originalet")["id"].as_str().unwrap().to_string();
    ok(colleague(&dc, data.path(), "registrator", &["register", &id, "--none", "nyhetsbrev"]));
    ok(colleague(&dc, data.path(), "registrator", &["delete", &id]));
    assert_eq!(dc.files("registrator", "INBOX").len(), 0);
    assert_eq!(dc.files("registrator", "Sent").len(), 1, "Sent is never searched by an inbound Message-ID");
    let trash = dc.raw("registrator", &["SELECT Trash", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"]);
    assert_eq!(dc.files("registrator", "Trash").len(), 1, "{trash}");
    assert!(trash.contains("Skräp") || trash.contains("Skr"), "the look-alike stayed: {trash}");
}

/// Spam reusing the Message-ID of the kvittens a citizen got — plain, with
/// a comment, folded, without angle brackets — is deleted; the kvittens and
/// the forward of the still open case stay in Sent.
#[test]
fn spam_reusing_our_kvittens_message_id_takes_nothing_out_of_sent() {
    let s = servers(&[("1.host", citizen(1, ""))]);
    let id = s.id_of("bygglov 1");
    s.ok(&["assign", &id, "lisa"]);
    s.ok(&["ack", &id, "--send"]);
    let sent = s.wait_for("registrator", "Sent", 2);
    assert_eq!(sent.len(), 2, "the forward and the kvittens are in Sent");
    let mids: Vec<String> = sent
        .iter()
        .map(|raw| {
            let m = mail_parser::MessageParser::default().parse(raw).unwrap();
            m.message_id().unwrap().to_string()
        })
        .collect();
    let shapes = [
        format!("<{}>", mids[0]),
        format!("<{}> (kvittens)", mids[1]),
        format!("\r\n <{}>", mids[0]),
        mids[1].clone(),
    ];
    for (n, shape) in shapes.iter().enumerate() {
        let spam = format!(
            "From: Vinst <vinst@spam.example>\r\nTo: registrator@norrvik.se\r\nSubject: Du har vunnit {n}\r\n\
Message-ID: {shape}\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\r\nKlicka här.\r\n"
        );
        s.dc.deliver("registrator", "INBOX", &format!("spam{n}.host"), spam.as_bytes());
    }
    for n in 0..shapes.len() {
        let spam = s.id_of(&format!("vunnit {n}"));
        s.ok(&["register", &spam, "--none", "reklam"]);
        s.ok(&["delete", &spam]);
    }
    assert_eq!(s.dc.files("registrator", "Sent").len(), 2, "the kvittens and the forward stay in Sent");
    assert_eq!(s.dc.files("registrator", "INBOX").len(), 1, "only the spam went");
}

/// Two colleagues assign the same message, the second after the first's
/// assignment reached the server: the second is told who was first and
/// exits non-zero; nothing of the first is replaced. Reassigning on
/// purpose takes `--reassign`.
#[test]
fn a_first_assignment_that_meets_a_colleague_s_is_a_lost_race() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "a.host", &mail("<fraga.1@exempel.se>", "Fråga om bygglov", "Hej."));
    let (reg, vik) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let id = entry(&json(&colleague(&dc, vik.path(), "vikarie", &["list", "--json"])), "bygglov")["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(colleague(&dc, reg.path(), "registrator", &["assign", &id, "eva"]));
    // the vikarie saw it unassigned and assigns it
    let out = colleague(&dc, vik.path(), "vikarie", &["assign", &id, "omar"]);
    assert!(!out.status.success(), "told it was assigned: {}", stdout(&out));
    assert!(stderr(&out).contains("registrator hann före och fördelade till Eva Lind"), "{}", stderr(&out));
    for (data, user) in [(reg.path(), "registrator"), (vik.path(), "vikarie")] {
        let list = json(&colleague(&dc, data, user, &["list", "--json"]));
        assert_eq!(entry(&list, "bygglov")["assignee"], "eva", "{user}: {list}");
    }
    // on purpose
    ok(colleague(&dc, vik.path(), "vikarie", &["assign", &id, "omar", "--reassign"]));
    let list = json(&colleague(&dc, reg.path(), "registrator", &["list", "--json"]));
    assert_eq!(entry(&list, "bygglov")["assignee"], "omar", "{list}");
}

/// A journal entry written twice (a replay after a crash, a retried APPEND
/// that had gone) is one action in a colleague's log.
#[test]
fn an_entry_written_twice_is_logged_once() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "a.host", &mail("<fraga.2@exempel.se>", "Fråga om bygglov", "Hej."));
    let (reg, vik) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let list = json(&colleague(&dc, reg.path(), "registrator", &["list", "--json"]));
    let id = entry(&list, "bygglov")["id"].as_str().unwrap().to_string();
    ok(colleague(&dc, reg.path(), "registrator", &["assign", &id, "eva"]));
    let answer = dc.raw("registrator", &["SELECT Postrum", "UID SEARCH HEADER X-Postrum-Claim 0"]);
    let uid = answer.lines().find(|l| l.starts_with("* SEARCH")).unwrap().split_whitespace().nth(2).unwrap();
    let fetched = dc.raw("registrator", &["SELECT Postrum", &format!("UID FETCH {uid} BODY.PEEK[]")]);
    let raw = common::smtp::literal_after(&fetched, "BODY[]");
    assert!(raw.contains("X-Postrum-Entry:"), "{raw}");
    let append = format!("APPEND Postrum (\\Seen) {{{}+}}\r\n{raw}", raw.len());
    assert!(dc.raw("registrator", &[&append]).contains("a1 OK"));
    let log = json(&colleague(&dc, vik.path(), "vikarie", &["log", "--json"]));
    let assigns = log.as_array().unwrap().iter().filter(|e| e["action"] == "assign").count();
    assert_eq!(assigns, 1, "{log}");
}
