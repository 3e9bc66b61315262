//! What postrum sends goes at most once (issue 20, findings 3, 6 and 7):
//! a mail the SMTP server took but never answered is not sent again by any
//! command, it waits as "uncertain" for a person; reading commands never
//! send; and a queued forward is built when it goes, from the message's
//! state then. Against a real Dovecot and the harness's own SMTP server
//! (tests/common/fake_smtp.rs), which misbehaves as Postfix will not.

mod common;

use std::path::Path;
use std::process::Output;

use common::dovecot::Dovecot;
use common::fake_smtp::{FakeSmtp, Mode};
use common::imap::command;
use common::smtp::{citizen, CONFIG};
use common::*;

/// postrum as the registrator, sending through `smtp`.
fn run(dc: &Dovecot, data: &Path, smtp: &str, args: &[&str]) -> Output {
    let mut c = command(dc, data, "registrator", false, CONFIG, &[]);
    c.args(["--smtp", smtp, "--address", "registrator@norrvik.se"]).args(args);
    c.env("LANG", "sv_SE.UTF-8").stdin(std::process::Stdio::null()).output().unwrap()
}

fn text(o: &Output) -> String {
    stdout(o) + &stderr(o)
}

fn id_of(dc: &Dovecot, data: &Path, smtp: &str, needle: &str) -> String {
    id_with(&json(&run(dc, data, smtp, &["list", "--json"])), needle)
}

/// Nothing listens here: connecting is refused at once.
fn closed_port() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    format!("smtp+insecure://localhost:{port}")
}

#[test]
fn a_mail_the_server_took_without_answering_is_never_sent_again() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "1.host", &citizen(1, ""));
    let data = tempfile::tempdir().unwrap();
    let smtp = FakeSmtp::start(Mode::DropAfterData);
    let url = smtp.url();
    let id = id_of(&dc, data.path(), &url, "bygglov 1");
    let out = run(&dc, data.path(), &url, &["ack", &id, "--send"]);
    assert!(!out.status.success(), "an uncertain send is not a success: {}", text(&out));
    assert!(text(&out).contains("osäkert om det gick iväg"), "{}", text(&out));
    assert_eq!(smtp.messages().len(), 1);
    // every command after it: none sends it again
    for args in [&["outbox"][..], &["sync"], &["list"], &["show", &id], &["outbox", "--send"], &["sync"]] {
        let out = run(&dc, data.path(), &url, args);
        assert_eq!(smtp.messages().len(), 1, "{args:?} sent it again: {}", text(&out));
    }
    let outbox = run(&dc, data.path(), &url, &["outbox"]);
    assert!(stdout(&outbox).contains("osäkert om det gick iväg"), "{}", text(&outbox));
    let listed = json(&run(&dc, data.path(), &url, &["outbox", "--json"]));
    assert_eq!(listed[0]["state"], "uncertain", "{listed}");
    let seq = listed[0]["seq"].as_i64().unwrap().to_string();
    // the person asked the citizen: it arrived
    let out = run(&dc, data.path(), &url, &["outbox", "--mark-sent", &seq]);
    assert!(out.status.success(), "{}", text(&out));
    let listed = json(&run(&dc, data.path(), &url, &["outbox", "--json"]));
    assert_eq!(listed[0]["state"], "sent", "{listed}");
    let list = json(&run(&dc, data.path(), &url, &["list", "--json"]));
    assert!(list[0]["acknowledged_at"].is_string(), "the answer clock stopped: {list}");
    assert_eq!(smtp.messages().len(), 1);
}

#[test]
fn an_uncertain_mail_is_sent_again_only_when_asked() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "1.host", &citizen(1, ""));
    let data = tempfile::tempdir().unwrap();
    let smtp = FakeSmtp::start(Mode::DropAfterData);
    let url = smtp.url();
    let id = id_of(&dc, data.path(), &url, "bygglov 1");
    run(&dc, data.path(), &url, &["ack", &id, "--send"]);
    smtp.set_mode(Mode::Accept);
    let seq =
        json(&run(&dc, data.path(), &url, &["outbox", "--json"]))[0]["seq"].as_i64().unwrap().to_string();
    let out = run(&dc, data.path(), &url, &["outbox", "--send-again", &seq]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(smtp.messages().len(), 2, "sent again, as asked");
    let m1 = String::from_utf8_lossy(&smtp.messages()[0]).into_owned();
    let m2 = String::from_utf8_lossy(&smtp.messages()[1]).into_owned();
    let mid =
        |m: &str| m.lines().find(|l| l.to_ascii_lowercase().starts_with("message-id:")).unwrap().to_string();
    assert_eq!(mid(&m1), mid(&m2), "the same Message-ID: a recipient's client sees one mail");
    // a number that is not uncertain is refused
    let out = run(&dc, data.path(), &url, &["outbox", "--send-again", &seq]);
    assert!(!out.status.success());
    assert_eq!(smtp.messages().len(), 2);
}

#[test]
fn reading_commands_never_send() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "1.host", &citizen(1, ""));
    let data = tempfile::tempdir().unwrap();
    let away = closed_port();
    let id = id_of(&dc, data.path(), &away, "bygglov 1");
    // the submission server is away: the forward waits
    let out = run(&dc, data.path(), &away, &["assign", &id, "lisa"]);
    assert!(text(&out).contains("väntar"), "{}", text(&out));
    let smtp = FakeSmtp::start(Mode::Hang);
    let url = smtp.url();
    for args in [&["list"][..], &["show", &id], &["outbox"], &["log"], &["report", "--json"]] {
        let out = run(&dc, data.path(), &url, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    assert_eq!(smtp.connections(), 0, "a reading command contacted the submission server");
    smtp.set_mode(Mode::Accept);
    let out = run(&dc, data.path(), &url, &["outbox", "--send"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(smtp.messages().len(), 1, "outbox --send sends what waited");
}

/// The forward was queued (the server away) before the message was marked
/// as a threat: when it goes, it goes without the content.
#[test]
fn a_forward_queued_before_a_threat_goes_without_the_content() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "1.host", &citizen(1, ""));
    let data = tempfile::tempdir().unwrap();
    let away = closed_port();
    let id = id_of(&dc, data.path(), &away, "bygglov 1");
    run(&dc, data.path(), &away, &["assign", &id, "lisa"]);
    let out = run(&dc, data.path(), &away, &["threat", &id]);
    assert!(out.status.success(), "{}", text(&out));
    let smtp = FakeSmtp::start(Mode::Accept);
    let out = run(&dc, data.path(), &smtp.url(), &["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    let sent = smtp.messages();
    assert_eq!(sent.len(), 1);
    let raw = String::from_utf8_lossy(&sent[0]);
    assert!(!raw.contains("ORIGINALTEXT"), "the content went along: {raw}");
    assert!(!raw.contains("bygglov 1"), "the subject went along: {raw}");
}
