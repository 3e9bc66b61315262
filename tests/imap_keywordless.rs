//! A server that keeps no custom keywords (Exchange has no `\*` in
//! PERMANENTFLAGS; this Dovecot refuses any new keyword): status and
//! claims live in the journal alone, with the same outcome for users —
//! colleagues see who did what, two claims at once have one winner.

mod common;

use common::dovecot::Dovecot;
use common::imap::*;
use common::*;

fn keywordless() -> Dovecot {
    let dc = Dovecot::start_with("mail_max_keyword_length = 1\n");
    for name in ["01-bygglov-attefall.eml", "07-nyhetsbrev.eml"] {
        dc.deliver("registrator", "INBOX", &format!("{name}.host"), &demo_message(name));
    }
    dc
}

fn ok(out: std::process::Output) -> std::process::Output {
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

#[test]
fn colleagues_see_each_others_work_through_the_journal_alone() {
    let dc = keywordless();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let list = json(&ok(colleague(&dc, a.path(), "registrator", &["list", "--json"])));
    let id = list[0]["id"].as_str().unwrap().to_string();
    let out = ok(colleague(&dc, a.path(), "registrator", &["assign", &id, "eva"]));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Fördelat till eva."),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    ok(colleague(&dc, a.path(), "registrator", &["register", &id, "KS 2026/3"]));
    assert!(!dc.flags("vikarie", "INBOX").contains("$Postrum"), "the server kept no keyword");
    let seen = json(&ok(colleague(&dc, b.path(), "vikarie", &["list", "--json"])));
    let m = seen.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap();
    assert_eq!((m["assignee"].as_str(), m["diarienummer"].as_str()), (Some("eva"), Some("KS 2026/3")));
    // nothing waits: the actions were applied, not queued behind a refused STORE
    let log = json(&ok(colleague(&dc, a.path(), "registrator", &["log", "--json"])));
    assert!(log.as_array().unwrap().iter().all(|e| e["state"] != "pending"), "{log}");
}

#[test]
fn two_claims_at_once_have_one_winner_without_keywords() {
    let dc = keywordless();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let id = json(&ok(colleague(&dc, a.path(), "registrator", &["list", "--json"])))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(colleague(&dc, b.path(), "vikarie", &["list", "--json"]));
    let go = a.path().join("go");
    let (ra, rb) = common::race::race(
        command(&dc, a.path(), "registrator", false, TWO, &["assign", &id, "eva"]),
        command(&dc, b.path(), "vikarie", false, TWO, &["assign", &id, "omar"]),
        &go,
    );
    let winner = common::race::winner(&ra, &rb, "eva", "omar");
    for (dir, user) in [(a.path(), "registrator"), (b.path(), "vikarie")] {
        let l = json(&ok(colleague(&dc, dir, user, &["list", "--json"])));
        let m = l.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap();
        assert_eq!(m["assignee"], winner, "{user}");
    }
}

/// `doctor` tells the truth about keywords: this server's PERMANENTFLAGS
/// promise them, a STORE refuses them (issue 20).
#[test]
fn doctor_tries_a_keyword_before_saying_they_work() {
    let dc = keywordless();
    let a = tempfile::tempdir().unwrap();
    let list = json(&ok(colleague(&dc, a.path(), "registrator", &["list", "--json"])));
    let id = list[0]["id"].as_str().unwrap().to_string();
    ok(colleague(&dc, a.path(), "registrator", &["assign", &id, "eva"]));
    // a fresh postrum, which has not been refused a keyword yet
    let b = tempfile::tempdir().unwrap();
    let out = ok(colleague(&dc, b.path(), "vikarie", &["doctor"]));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Servern sparar inga egna nyckelord"), "{text}");
    assert!(!dc.flags("vikarie", "Postrum").contains("$Postrum"), "nothing left behind");
}
