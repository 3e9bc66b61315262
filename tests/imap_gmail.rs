//! A server that behaves like Gmail on the wire (X-GM-EXT-1, Gmail's
//! folders with their special-use flags, a copy of every message in All
//! Mail): a delete moves the message to Trash and expunges it there, and
//! its copies in All Mail and Sent go the same way — after it, the message
//! is in none of them. Without a Trash folder nothing is deleted.

mod common;

use common::dovecot::Dovecot;
use common::imap::*;
use common::variants::GMAIL;
use common::*;

fn ok(out: std::process::Output) -> std::process::Output {
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

#[test]
fn a_delete_leaves_the_message_in_no_folder_at_all() {
    let dc = Dovecot::start_with(GMAIL);
    let raw = demo_message("01-bygglov-attefall.eml");
    let at = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    dc.deliver_at("registrator", "INBOX", "m.host", &raw, at);
    // Gmail keeps every message in All Mail (the same message: the same
    // size and arrival time), and the reply postrum sent in Sent Mail,
    // naming the message by its key
    dc.deliver_at("registrator", "[Gmail].All Mail", "m.host", &raw, at);
    let key = dc.key_of("registrator", "INBOX", "HEADER Message-ID demo-01-bygglov");
    let reply = format!(
        "From: registrator@norrvik.se\r\nTo: a@b.se\r\nSubject: Svar\r\nMessage-ID: <svar.1@norrvik.se>\r\n\
X-Postrum-About: <{key}@about.postrum.invalid>\r\nReferences: <demo-01-bygglov@x>\r\n\r\nSvar.\r\n"
    );
    dc.deliver("registrator", "[Gmail].Sent Mail", "reply.host", reply.as_bytes());
    // an inbound mail in Sent Mail that only shares the Message-ID stays
    dc.deliver("registrator", "[Gmail].Sent Mail", "m.host", &raw);
    dc.deliver("registrator", "INBOX", "other.host", &demo_message("07-nyhetsbrev.eml"));
    dc.deliver("registrator", "[Gmail].All Mail", "other.host", &demo_message("07-nyhetsbrev.eml"));
    let data = tempfile::tempdir().unwrap();
    let list = json(&ok(imap(&dc, data.path(), "registrator", false, &["list", "--json"])));
    let m = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("attefall"))
        .unwrap();
    let id = m["id"].as_str().unwrap().to_string();
    ok(imap(&dc, data.path(), "registrator", false, &["assign", &id, "eva"]));
    ok(imap(&dc, data.path(), "registrator", false, &["register", &id, "KS 2026/7"]));
    ok(imap(&dc, data.path(), "registrator", false, &["delete", &id]));
    let count = |folder: &str| {
        let answer = dc.raw(
            "registrator",
            &[&format!("SELECT \"{folder}\""), "SEARCH HEADER Message-ID demo-01-bygglov"],
        );
        answer.lines().find(|l| l.starts_with("* SEARCH")).map_or(0, |l| l.split_whitespace().count() - 2)
    };
    for folder in ["INBOX", "[Gmail]/All Mail", "[Gmail]/Trash"] {
        assert_eq!(count(folder), 0, "{folder}");
    }
    assert_eq!(count("[Gmail]/Sent Mail"), 1, "Sent is not searched by an inbound Message-ID");
    assert_eq!(dc.files("registrator", "[Gmail].Sent Mail").len(), 1, "the reply about it went");
    // the other message and its archive copy are untouched
    assert_eq!(dc.files("registrator", "[Gmail].All Mail").len(), 1);
    assert_eq!(dc.files("registrator", "INBOX").len(), 1);
}

#[test]
fn without_a_trash_folder_nothing_is_deleted() {
    let no_trash = GMAIL.replace("special_use = \\Trash", "special_use =");
    let dc = Dovecot::start_with(&no_trash);
    dc.deliver("registrator", "INBOX", "m.host", &demo_message("01-bygglov-attefall.eml"));
    let data = tempfile::tempdir().unwrap();
    let id = json(&ok(imap(&dc, data.path(), "registrator", false, &["list", "--json"])))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(imap(&dc, data.path(), "registrator", false, &["assign", &id, "eva"]));
    ok(imap(&dc, data.path(), "registrator", false, &["register", &id, "KS 2026/8"]));
    let out = imap(&dc, data.path(), "registrator", false, &["delete", &id]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(text.contains("All Mail") && text.contains("nothing was deleted"), "{text}");
    assert_eq!(dc.files("registrator", "INBOX").len(), 1, "the message stays where it is");
}
