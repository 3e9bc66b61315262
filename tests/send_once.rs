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
    run_as(dc, data, "registrator", smtp, args)
}

/// postrum as `user` (a colleague on the same mailbox).
fn run_as(dc: &Dovecot, data: &Path, user: &str, smtp: &str, args: &[&str]) -> Output {
    let mut c = command(dc, data, user, false, CONFIG, &[]);
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

/// A citizen's message in the mailbox, postrum's data directory, the
/// harness's SMTP server in `mode`, its URL and the message's id.
struct One {
    dc: Dovecot,
    data: tempfile::TempDir,
    smtp: FakeSmtp,
    url: String,
    id: String,
}

fn one_citizen(mode: Mode) -> One {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "1.host", &citizen(1, ""));
    let data = tempfile::tempdir().unwrap();
    let smtp = FakeSmtp::start(mode);
    let url = smtp.url();
    let id = id_of(&dc, data.path(), &url, "bygglov 1");
    One { dc, data, smtp, url, id }
}

#[test]
fn a_mail_the_server_took_without_answering_is_never_sent_again() {
    let One { dc, data, smtp, url, id } = one_citizen(Mode::DropAfterData);
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
    // the message view says so, and what to do
    let shown = stdout(&run(&dc, data.path(), &url, &["show", &id]));
    assert!(shown.contains("osäkert om det gick iväg"), "{shown}");
    assert!(shown.contains(&format!("outbox --send-again {seq}")), "{shown}");
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
    let One { dc, data, smtp, url, id } = one_citizen(Mode::DropAfterData);
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

/// A citizen's message assigned while the submission server is away: the
/// forward waits in the outbox. The mailbox, data directory, the message's
/// id and the URL of the away server.
fn forward_waiting() -> (Dovecot, tempfile::TempDir, String, String) {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "1.host", &citizen(1, ""));
    let data = tempfile::tempdir().unwrap();
    let away = closed_port();
    let id = id_of(&dc, data.path(), &away, "bygglov 1");
    let out = run(&dc, data.path(), &away, &["assign", &id, "lisa"]);
    assert!(text(&out).contains("väntar"), "{}", text(&out));
    (dc, data, id, away)
}

#[test]
fn reading_commands_never_send() {
    let (dc, data, id, _) = forward_waiting();
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
    let (dc, data, id, away) = forward_waiting();
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

/// A person number where the inspection did not look before — a base64
/// text attachment, an en dash, a space, a file name, an attached
/// message, the From display name, full-width digits: the forward goes
/// without the content.
#[test]
fn a_person_number_hidden_anywhere_keeps_the_forward_s_content_home() {
    let head = |n: usize, from: &str, ct: &str| {
        format!(
            "From: {from}\r\nTo: registrator@norrvik.se\r\nSubject: =?utf-8?q?=C3=84rende_{n}?=\r\n\
Message-ID: <gomt.{n}@example.se>\r\nDate: Fri, 27 Nov 2026 08:00:00 +0100\r\nMIME-Version: 1.0\r\n{ct}"
        )
    };
    let plain = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
    let mixed = "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSe bilagan. ORIGINALTEXT\r\n--b\r\n";
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode("Sökande: 811218-9876\r\n");
    let cases: Vec<String> = vec![
        format!("{}Content-Type: text/plain; name=\"uppgifter.txt\"\r\nContent-Disposition: attachment; filename=\"uppgifter.txt\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{b64}\r\n--b--\r\n", head(1, "A <a@example.se>", mixed)),
        format!("{}Mitt personnummer är 811218\u{2013}9876. ORIGINALTEXT\r\n", head(2, "B <b@example.se>", plain)),
        format!("{}Personnummer 811218 9876. ORIGINALTEXT\r\n", head(3, "C <c@example.se>", plain)),
        format!("{}Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"intyg 811218-9876.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n", head(4, "D <d@example.se>", mixed)),
        format!("{}Content-Type: message/rfc822\r\n\r\nFrom: x@y.se\r\nSubject: vidare\r\n\r\nPnr 19811218-9876\r\n--b--\r\n", head(5, "E <e@example.se>", mixed)),
        format!("{}Hej. ORIGINALTEXT\r\n", head(6, "\"Karl 811218-9876\" <f@example.se>", plain)),
        format!("{}Nummer \u{ff18}\u{ff11}\u{ff11}\u{ff12}\u{ff11}\u{ff18}-\u{ff19}\u{ff18}\u{ff17}\u{ff16}. ORIGINALTEXT\r\n", head(7, "G <g@example.se>", plain)),
    ];
    let dc = Dovecot::start();
    for (n, raw) in cases.iter().enumerate() {
        dc.deliver("registrator", "INBOX", &format!("{n}.host"), raw.as_bytes());
    }
    let data = tempfile::tempdir().unwrap();
    let smtp = FakeSmtp::start(Mode::Accept);
    let url = smtp.url();
    for n in 1..=cases.len() {
        let id = id_of(&dc, data.path(), &url, &format!("Ärende {n}"));
        let out = run(&dc, data.path(), &url, &["assign", &id, "lisa"]);
        assert!(text(&out).contains("utan innehållet"), "case {n}: {}", text(&out));
    }
    let sent = smtp.messages();
    assert_eq!(sent.len(), cases.len());
    for raw in sent {
        let raw = String::from_utf8_lossy(&raw);
        assert!(!raw.contains("ORIGINALTEXT") && !raw.contains("9876"), "{raw}");
    }
}

/// A kvittens to an address at an international domain goes to its ASCII
/// form (RCPT TO with punycode), not as raw UTF-8 a server refuses.
#[test]
fn an_international_domain_goes_in_its_ascii_form() {
    let dc = Dovecot::start();
    let raw = "From: Anna <anna@exämple.se>\r\nTo: registrator@norrvik.se\r\nSubject: Fråga om bygglov 9\r\n\
Message-ID: <idn.9@example.se>\r\nDate: Fri, 27 Nov 2026 08:00:00 +0100\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHej!\r\n";
    dc.deliver("registrator", "INBOX", "idn.host", raw.as_bytes());
    let data = tempfile::tempdir().unwrap();
    let smtp = FakeSmtp::start(Mode::Accept);
    let url = smtp.url();
    let id = id_of(&dc, data.path(), &url, "bygglov 9");
    let out = run(&dc, data.path(), &url, &["ack", &id, "--send"]);
    assert!(out.status.success(), "{}", text(&out));
    let envelope = smtp.envelope();
    assert!(envelope.iter().any(|l| l.contains("<anna@xn--exmple-cua.se>")), "{envelope:?}");
    assert!(envelope.iter().all(|l| l.is_ascii()), "{envelope:?}");
}

/// A colleague's postrum knows from the journal that the sender was told:
/// no second kvittens for the message, none to the same sender the same
/// day — unless asked for with --again.
#[test]
fn a_kvittens_goes_once_per_message_and_sender_across_colleagues() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "1.host", &citizen(1, ""));
    dc.deliver("registrator", "INBOX", "2.host", &citizen(2, ""));
    let (reg, vik) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let smtp = FakeSmtp::start(Mode::Accept);
    let url = smtp.url();
    let first = id_of(&dc, reg.path(), &url, "bygglov 1");
    let second = id_of(&dc, reg.path(), &url, "bygglov 2");
    let out = run(&dc, reg.path(), &url, &["ack", &first, "--send"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(smtp.messages().len(), 1);
    let out = run_as(&dc, vik.path(), "vikarie", &url, &["ack", &first, "--send"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("redan fått kvittens"), "{}", text(&out));
    let out = run_as(&dc, vik.path(), "vikarie", &url, &["ack", &second, "--send"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("i dag"), "{}", text(&out));
    assert_eq!(smtp.messages().len(), 1, "nothing more went");
    let out = run_as(&dc, vik.path(), "vikarie", &url, &["ack", &second, "--send", "--again"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(smtp.messages().len(), 2, "asked for: it went");
}
