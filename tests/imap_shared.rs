//! postrum against a real Dovecot, the status colleagues share: keywords
//! seen by a second client, the journal telling a second postrum who did
//! what, two registrators claiming one message at once, and resyncs that
//! read only the changes (with CONDSTORE) or only the flags (without).

mod common;

use std::path::Path;

use common::dovecot::Dovecot;
use common::imap::*;
use common::*;

#[test]
fn status_keywords_are_seen_by_a_second_client() {
    let (dc, data) = setup();
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert!(imap(&dc, data.path(), "registrator", false, &["assign", &id, "eva"]).status.success());
    let flags = dc.flags("vikarie", "INBOX");
    assert!(flags.contains("$PostrumAssigned"), "{flags}");
    assert!(!flags.contains("$PostrumRegistered"));
    let out = imap(&dc, data.path(), "registrator", false, &["register", &id, "KS 2026/77"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dc.flags("vikarie", "INBOX").contains("$PostrumRegistered"));
}

#[test]
fn a_second_postrum_sees_who_did_what() {
    let (dc, _) = setup();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let list = json(&colleague(&dc, a.path(), "registrator", &["list", "--json"]));
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert!(colleague(&dc, a.path(), "registrator", &["assign", &id, "eva"]).status.success());
    assert!(colleague(&dc, a.path(), "registrator", &["register", &id, "KS 2026/5"]).status.success());
    // the substitute's postrum, on another machine
    let seen = json(&colleague(&dc, b.path(), "vikarie", &["list", "--json"]));
    let m = seen.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap();
    assert_eq!(m["assignee"], "eva");
    assert_eq!(m["diarienummer"], "KS 2026/5");
    assert_eq!(m["status"], "handled");
    let log = json(&colleague(&dc, b.path(), "vikarie", &["log", "--json"]));
    let kinds: Vec<(&str, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["actor"].as_str().unwrap()))
        .collect();
    assert!(
        kinds.contains(&("assign", "registrator")) && kinds.contains(&("register", "registrator")),
        "{kinds:?}"
    );
}

#[test]
fn two_registrators_claiming_one_message_at_once_exactly_one_wins() {
    let (dc, _) = setup();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let list = json(&colleague(&dc, a.path(), "registrator", &["list", "--json"]));
    assert_eq!(ids(&colleague(&dc, b.path(), "vikarie", &["list", "--json"])).len(), 3);
    let id = list[0]["id"].as_str().unwrap().to_string();
    // both log their assignment, neither knowing of the other's; then both
    // are released at the same moment to claim the message on the server
    let go = a.path().join("go");
    let start = |dir: &Path, user: &str, who: &str| {
        command(&dc, dir, user, false, TWO, &["assign", &id, who])
            .env("POSTRUM_FAULT", format!("wait-for:{}", go.display()))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut pa = start(a.path(), "registrator", "eva");
    let mut pb = start(b.path(), "vikarie", "omar");
    let waiting = |p: &mut std::process::Child| {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(p.stderr.as_mut().unwrap()), &mut line)
            .unwrap();
        assert!(line.contains("logged"), "{line}");
    };
    waiting(&mut pa);
    waiting(&mut pb);
    std::fs::write(&go, "").unwrap();
    let (ra, rb) = (pa.wait_with_output().unwrap(), pb.wait_with_output().unwrap());
    assert!(
        ra.status.success() != rb.status.success(),
        "exactly one wins:\nA {}\nB {}",
        stderr(&ra),
        stderr(&rb)
    );
    let loser = if ra.status.success() { &rb } else { &ra };
    let err = stderr(loser);
    assert!(err.contains("fördelning gjordes inte"), "the loser is told: {err}");
    let winner_who = if ra.status.success() { "eva" } else { "omar" };
    if err.contains("hann först och fördelade") {
        assert!(err.contains(winner_who), "and who got it: {err}");
    }
    // both postrum agree afterwards
    for (dir, user) in [(a.path(), "registrator"), (b.path(), "vikarie")] {
        let l = json(&colleague(&dc, dir, user, &["list", "--json"]));
        let m = l.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap();
        assert_eq!(m["assignee"], winner_who, "{user}");
    }
}

#[test]
fn a_resync_reads_only_the_changes_and_sees_new_answered_and_vanished_mail() {
    let (dc, data) = setup();
    resync_sees_new_answered_and_vanished_mail(&dc, data.path());
}

/// Like Exchange's IMAP: no CONDSTORE (and so no QRESYNC): a sync lists the
/// mailbox in full when UIDNEXT or EXISTS changed and reads only the flags
/// otherwise; a claim is a plain STORE.
#[test]
fn a_server_without_condstore_is_synced_in_full() {
    let dc = Dovecot::start_with(
        "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ UIDPLUS SPECIAL-USE",
    );
    for name in ["01-bygglov-attefall.eml", "07-nyhetsbrev.eml", "08-phishing.eml"] {
        dc.deliver("registrator", "INBOX", &format!("{name}.host"), &demo_message(name));
    }
    let data = tempfile::tempdir().unwrap();
    let caps = dc.raw("registrator", &["CAPABILITY"]);
    assert!(!caps.contains("CONDSTORE"), "{caps}");
    resync_sees_new_answered_and_vanished_mail(&dc, data.path());
    // the same messages since: only their flags are read, and a reply is seen
    let out = dc.raw("vikarie", &["SELECT INBOX", "UID STORE 3 +FLAGS (\\Answered)"]);
    assert!(out.contains("a2 OK"), "{out}");
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    assert_eq!(list.as_array().unwrap().iter().filter(|m| m["answered"] == true).count(), 2, "{list}");
    let id = id_with(&json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])), "Inkom nyss");
    let out = imap(&dc, data.path(), "registrator", false, &["assign", &id, "eva"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dc.flags("registrator", "INBOX").contains("$PostrumAssigned"));
}

fn resync_sees_new_answered_and_vanished_mail(dc: &Dovecot, data: &Path) {
    let first = json(&imap(dc, data, "registrator", false, &["list", "--json"]));
    assert_eq!(first.as_array().unwrap().len(), 3);
    // a colleague's client: one reply, one deletion, one new message
    let msg =
        "From: Ny <ny@exempel.se>\r\nSubject: Inkom nyss\r\nMessage-ID: <delta-1@exempel.se>\r\n\r\nHej!\r\n";
    let out = dc.raw(
        "vikarie",
        &[
            "SELECT INBOX",
            "UID STORE 1 +FLAGS (\\Answered)",
            "UID STORE 2 +FLAGS (\\Deleted)",
            "UID EXPUNGE 2",
            &format!("APPEND INBOX {{{}+}}\r\n{msg}", msg.len()),
        ],
    );
    assert!(out.contains("a5 OK"), "{out}");
    let out = imap(dc, data, "registrator", false, &["list", "--json"]);
    let after = json(&out);
    let after = after.as_array().unwrap();
    assert_eq!(after.len(), 3, "one gone, one new");
    assert!(after.iter().any(|m| m["subject"] == "Inkom nyss"));
    let gone_id = first.as_array().unwrap().iter().find(|m| !after.iter().any(|a| a["id"] == m["id"]));
    assert!(gone_id.is_some());
    assert_eq!(after.iter().filter(|m| m["answered"] == true).count(), 1);
    // and nothing changed: nothing listed again (same answer)
    let again = json(&imap(dc, data, "registrator", false, &["list", "--json"]));
    assert_eq!(again.as_array().unwrap().len(), 3);
}

/// The status keywords count as a source: a message a colleague (or
/// another client) marked as assigned and registered is never shown as
/// new, even without a journal entry; who and which number are unknown.
#[test]
fn status_keywords_alone_say_a_message_is_not_new() {
    let (dc, data) = setup();
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    assert!(list.as_array().unwrap().iter().all(|m| m["status"] == "new"));
    // another client sets the keywords; nothing in the journal
    let answer = dc.raw("vikarie", &["SELECT INBOX", "STORE 1 +FLAGS ($PostrumAssigned $PostrumRegistered)"]);
    assert!(answer.contains("a2 OK"), "{answer}");
    let fresh = tempfile::tempdir().unwrap();
    for data in [data.path(), fresh.path()] {
        let list = json(&imap(&dc, data, "registrator", false, &["list", "--json"]));
        let marked: Vec<_> = list.as_array().unwrap().iter().filter(|m| m["status"] != "new").collect();
        assert_eq!(marked.len(), 1, "{list}");
        assert_eq!(
            (marked[0]["assignee"].as_str(), marked[0]["diarienummer"].as_str()),
            (Some("?"), Some("?"))
        );
        assert_eq!(marked[0]["status"], "handled");
    }
}
