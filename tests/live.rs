//! One mailbox, several people, live (issue 10), against a real Dovecot:
//! a colleague's action on an open TUI within seconds (pushed, or with the
//! poll where the server has no IDLE), two TUIs claiming at once, the TUI
//! going on while the server holds an action back, an open message a
//! colleague removes, and coverage (roster, absences, handover) reaching a
//! substitute on another computer.

mod common;

use std::path::Path;

use common::dovecot::Dovecot;
use common::imap::*;
use common::*;

/// postrum's TUI in tmux as `user` on the mailbox at `port` (plain IMAP on
/// loopback: the test Dovecot or the fault proxy), the periodic check an
/// hour away; waits until it shows `count` messages, the notice closed.
fn tui(tag: &str, data: &Path, user: &str, port: u16, count: usize) -> common::tmux::Tmux {
    let tmux = common::tmux::Tmux::new(tag);
    let args =
        format!("--imap imap+insecure://{user}@127.0.0.1:{port}/INBOX --password-command 'echo {user}'");
    tmux.start_with(data, "POSTRUM_TICK_SECS=3600", &args);
    tmux.wait_for(&format!("{count} meddelanden"));
    tmux.dismiss_notice();
    tmux
}

/// Two people on one mailbox, each in a TUI: the vikarie assigns and
/// registers a message; the registrator's open TUI shows both within 5 s
/// without a key press (pushed: the periodic check is an hour away).
#[test]
fn a_colleagues_action_reaches_an_open_tui() {
    let (dc, data) = setup();
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let tmux = common::tmux::Tmux::new("imap-colleague");
    let args = format!(
        "--imap imap://registrator@localhost:{}/INBOX --password-command 'echo registrator' --ca-file {}",
        dc.plain_port,
        dc.ca().display()
    );
    tmux.start_with(data.path(), "POSTRUM_TICK_SECS=3600", &args);
    tmux.wait_for("3 meddelanden");
    std::thread::sleep(std::time::Duration::from_millis(500)); // IDLE established
                                                               // the vikarie, in a TUI of their own, assigns and registers the first message
    let vikarie = tempfile::tempdir().unwrap();
    assert!(colleague(&dc, vikarie.path(), "vikarie", &["list", "--json"]).status.success());
    let b = tui("imap-colleague-b", vikarie.path(), "vikarie", dc.plain_port, 3);
    b.wait_for("1 av 3");
    b.keys(&["a"]);
    b.wait_for("Fördela till handläggare");
    b.text("omar");
    b.keys(&["Enter"]);
    b.wait_for("Fördelat till Omar Haddad");
    b.keys(&["r"]);
    b.wait_for("Diarieför");
    b.text("KS 2026/77");
    b.keys(&["Enter"]);
    let start = std::time::Instant::now();
    b.wait_for("Diariefört som");
    b.keys(&["q"]);
    let screen = tmux.wait_for("KS 2026/77");
    let waited = start.elapsed();
    assert!(screen.contains("omar"), "{screen}");
    assert!(waited < std::time::Duration::from_secs(5), "on screen after {waited:?}");
    tmux.keys(&["q"]);
}

/// The handover note, the roster and the absences travel through the
/// server: a substitute with an empty data directory on another computer
/// sees what the registrator wrote, and a removal reaches them too.
#[test]
fn coverage_reaches_a_substitute_on_another_computer() {
    let (dc, anna) = setup();
    let run = |data: &Path, user: &str, args: &[&str]| {
        let out = colleague(&dc, data, user, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    };
    run(anna.path(), "registrator", &["handover", "Fakturan från Nordbygg väntar på attest."]);
    let added =
        stdout(&run(anna.path(), "registrator", &["roster", "add", "bo", "2026-12-21", "2026-12-23"]));
    run(
        anna.path(),
        "registrator",
        &["absence", "add", "eva", "2026-12-21", "2027-01-08", "--substitute", "omar"],
    );
    let bo = tempfile::tempdir().unwrap();
    let note = json(&run(bo.path(), "vikarie", &["handover", "--json"]));
    assert_eq!(note["note"]["text"], "Fakturan från Nordbygg väntar på attest.", "{note}");
    assert_eq!(note["note"]["author"], "registrator");
    let roster = json(&run(bo.path(), "vikarie", &["roster", "list", "--json"]));
    assert_eq!(roster.as_array().unwrap().len(), 1, "{roster}");
    assert_eq!(roster[0]["person"], "bo");
    assert_eq!(roster[0]["by"], "registrator", "who wrote it: {roster}");
    let absences = json(&run(bo.path(), "vikarie", &["absence", "list", "--json"]));
    assert_eq!(absences[0]["handlaggare"], "eva", "{absences}");
    assert_eq!(absences[0]["substitute"], "omar");
    // read again: each kept once
    let roster = json(&run(bo.path(), "vikarie", &["roster", "list", "--json"]));
    assert_eq!(roster.as_array().unwrap().len(), 1, "{roster}");
    // the registrator takes the roster entry away: gone for the substitute too
    let id = added.split(':').next().unwrap().trim().to_string();
    run(anna.path(), "registrator", &["roster", "remove", &id]);
    let roster = json(&run(bo.path(), "vikarie", &["roster", "list", "--json"]));
    assert!(roster.as_array().unwrap().is_empty(), "{roster}");
    // and both wrote at once: both kept, each under its writer
    run(bo.path(), "vikarie", &["roster", "add", "vikarie", "2026-12-28", "2026-12-30"]);
    run(anna.path(), "registrator", &["roster", "add", "registrator", "2026-12-29", "2026-12-31"]);
    let a = json(&run(anna.path(), "registrator", &["roster", "list", "--json"]));
    let b = json(&run(bo.path(), "vikarie", &["roster", "list", "--json"]));
    assert_eq!(a.as_array().unwrap().len(), 2, "{a}");
    assert_eq!(b.as_array().unwrap().len(), 2, "{b}");
    let mut writers: Vec<&str> = b.as_array().unwrap().iter().map(|r| r["by"].as_str().unwrap()).collect();
    writers.sort();
    assert_eq!(writers, ["registrator", "vikarie"], "each under its writer: {b}");
}

/// The server holds an assignment back (the proxy delays the claim by 8 s):
/// the TUI does not wait for it — the row says it is under way, the cursor
/// moves, another message opens, the screen redraws — and the answer
/// arrives by itself.
#[test]
fn the_tui_goes_on_while_the_server_holds_an_action_back() {
    let (dc, data) = setup();
    // the config (with the handläggare) and the cache
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let proxy = common::proxy::Proxy::start(dc.plain_port);
    let tmux = tui("imap-slow", data.path(), "registrator", proxy.port, 3);
    tmux.wait_for("1 av 3");
    proxy.on("UNCHANGEDSINCE", common::proxy::Fault::Delay(std::time::Duration::from_secs(8)), 1);
    tmux.keys(&["a"]);
    tmux.wait_for("Fördela till handläggare");
    tmux.text("eva");
    tmux.keys(&["Enter"]);
    let start = std::time::Instant::now();
    tmux.wait_for("pågår");
    tmux.keys(&["j"]);
    let screen = tmux.wait_for("2 av 3");
    assert!(start.elapsed() < std::time::Duration::from_secs(4), "the keys waited for the server");
    assert!(screen.contains("pågår"), "the action is still under way:\n{screen}");
    // a message opens meanwhile (the worker waits on a session of its own)
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Ämne");
    assert!(start.elapsed() < std::time::Duration::from_secs(6), "opening waited for the server:\n{screen}");
    assert!(screen.contains("Kommunnytt"), "{screen}");
    tmux.keys(&["Escape"]);
    // the answer comes by itself
    let screen = tmux.wait_for("Fördelat till Eva Lind");
    assert!(!screen.contains("pågår"), "{screen}");
    assert!(screen.contains("fördelad"), "{screen}");
    tmux.keys(&["q"]);
}

/// Two TUIs claim one message at the very same moment (both hold the
/// assignment between logging and applying until released together):
/// exactly one wins, and the loser's screen names the winner.
#[test]
fn two_tuis_claim_at_once_and_the_loser_is_told_who_won() {
    let (dc, _) = setup();
    let barrier = tempfile::tempdir().unwrap();
    let go = barrier.path().join("go");
    let start = |user: &str, tag: &str| {
        let data = tempfile::tempdir().unwrap();
        assert!(colleague(&dc, data.path(), user, &["list", "--json"]).status.success());
        let tmux = common::tmux::Tmux::new(tag);
        let args = format!(
            "--imap imap+insecure://{user}@127.0.0.1:{}/INBOX --password-command 'echo {user}'",
            dc.plain_port
        );
        let fault = format!("POSTRUM_TICK_SECS=3600 POSTRUM_FAULT=wait-for:{}", go.display());
        tmux.start_with(data.path(), &fault, &args);
        tmux.wait_for("3 meddelanden");
        tmux.dismiss_notice();
        tmux.wait_for("1 av 3");
        (data, tmux)
    };
    let (_a, anna) = start("registrator", "claim-anna");
    let (_b, bo) = start("vikarie", "claim-bo");
    for (tmux, who) in [(&anna, "eva"), (&bo, "omar")] {
        tmux.keys(&["a"]);
        tmux.wait_for("Fördela till handläggare");
        tmux.text(who);
        tmux.keys(&["Enter"]);
        tmux.wait_for("pågår");
    }
    std::fs::write(&go, b"").unwrap();
    let wait_outcome = |tmux: &common::tmux::Tmux| -> String {
        let begin = std::time::Instant::now();
        loop {
            let s = tmux.screen();
            if s.contains("Fördelat") || s.contains("hann först") {
                return s;
            }
            assert!(begin.elapsed() < std::time::Duration::from_secs(20), "no outcome:\n{s}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let (a, b) = (wait_outcome(&anna), wait_outcome(&bo));
    let won = [a.contains("Fördelat till Eva Lind"), b.contains("Fördelat till Omar Haddad")];
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "exactly one wins:\n{a}\n{b}");
    let (loser, winner) = if won[0] { (&b, "eva") } else { (&a, "omar") };
    assert!(loser.contains(&format!("fördelade till {winner}")), "the loser is told who won:\n{loser}");
    let row = loser.lines().find(|l| l.contains("Karin Holm")).unwrap_or_default();
    assert!(row.contains(winner), "the loser's row shows the winner's assignment:\n{loser}");
    anna.keys(&["q"]);
    bo.keys(&["q"]);
}

/// A colleague deletes the message that is open: the view stays, and says
/// so within seconds, without a key press.
#[test]
fn an_open_message_a_colleague_deletes_says_so() {
    let (dc, data) = setup();
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let tmux = tui("imap-open-gone", data.path(), "registrator", dc.plain_port, 3);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Ämne");
    std::thread::sleep(std::time::Duration::from_millis(500)); // IDLE established
    let vikarie = tempfile::tempdir().unwrap();
    let list = json(&colleague(&dc, vikarie.path(), "vikarie", &["list", "--json"]));
    let id = id_with(&list, "attefall");
    assert!(colleague(&dc, vikarie.path(), "vikarie", &["register", &id, "--none", "fel adress"])
        .status
        .success());
    let start = std::time::Instant::now();
    let out = colleague(&dc, vikarie.path(), "vikarie", &["delete", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = tmux.wait_for("finns inte längre i brevlådan");
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "after {:?}", start.elapsed());
    assert!(screen.contains("Ämne"), "the view stays:\n{screen}");
    tmux.keys(&["q"]);
}

/// A server without IDLE pushes nothing: a colleague's action reaches the
/// open TUI with the next periodic check (`poll_seconds` in the config).
#[test]
fn without_idle_a_colleagues_action_arrives_with_the_poll() {
    let dc = Dovecot::start_with(
        "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS SPECIAL-USE CONDSTORE",
    );
    for name in ["01-bygglov-attefall.eml", "07-nyhetsbrev.eml", "08-phishing.eml"] {
        dc.deliver("registrator", "INBOX", &format!("{name}.host"), &demo_message(name));
    }
    assert!(!dc.raw("registrator", &["CAPABILITY"]).contains("IDLE"));
    let data = tempfile::tempdir().unwrap();
    let config = format!("poll_seconds = 2\n{CONFIG}");
    let out = command(&dc, data.path(), "registrator", false, &config, &["list", "--json"]).output().unwrap();
    assert_eq!(ids(&out).len(), 3);
    let tmux = common::tmux::Tmux::new("imap-poll");
    let args = format!(
        "--imap imap://registrator@localhost:{}/INBOX --password-command 'echo registrator' --ca-file {}",
        dc.plain_port,
        dc.ca().display()
    );
    tmux.start_with(data.path(), "", &args);
    tmux.wait_for("3 meddelanden");
    let vikarie = tempfile::tempdir().unwrap();
    let id = id_with(&json(&colleague(&dc, vikarie.path(), "vikarie", &["list", "--json"])), "attefall");
    let start = std::time::Instant::now();
    assert!(colleague(&dc, vikarie.path(), "vikarie", &["register", &id, "KS 2026/91"]).status.success());
    tmux.wait_for("KS 2026/91");
    assert!(start.elapsed() < std::time::Duration::from_secs(6), "after {:?}", start.elapsed());
    tmux.keys(&["q"]);
}

/// The server holds a message's body back (the proxy delays it 8 s): the
/// view says it is being fetched, the TUI goes on meanwhile, and the
/// message shows when it comes.
#[test]
fn opening_a_message_never_waits_on_the_server() {
    let (dc, data) = setup();
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let proxy = common::proxy::Proxy::start(dc.plain_port);
    let tmux = tui("imap-slow-open", data.path(), "registrator", proxy.port, 3);
    tmux.wait_for("1 av 3");
    proxy.on("BODY.PEEK[]", common::proxy::Fault::Delay(std::time::Duration::from_secs(8)), 1);
    let start = std::time::Instant::now();
    tmux.keys(&["Enter"]);
    tmux.wait_for("Hämtar meddelandet");
    tmux.keys(&["Escape"]);
    tmux.keys(&["j"]);
    tmux.wait_for("2 av 3");
    assert!(start.elapsed() < std::time::Duration::from_secs(6), "the keys waited for the server");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Från");
    assert!(screen.contains("Kommunnytt") && !screen.contains("Hämtar"), "{screen}");
    tmux.keys(&["Escape", "q"]);
}

/// Every answer of the server held back (the proxy delays each command
/// 10 s): while an assignment waits, the cursor moves, a message read
/// before opens at once, and the screen redraws.
#[test]
fn a_slow_server_never_holds_the_screen() {
    let (dc, data) = setup();
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let proxy = common::proxy::Proxy::start(dc.plain_port);
    let tmux = tui("imap-all-slow", data.path(), "registrator", proxy.port, 3);
    // read the second message once, while the server is quick
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("Från");
    tmux.keys(&["Escape", "k"]);
    tmux.wait_for("1 av 3");
    proxy.on("", common::proxy::Fault::Delay(std::time::Duration::from_secs(10)), 10_000);
    let start = std::time::Instant::now();
    tmux.keys(&["a"]);
    tmux.wait_for("Fördela till handläggare");
    tmux.text("eva");
    tmux.keys(&["Enter"]);
    tmux.wait_for("pågår");
    tmux.keys(&["j"]);
    tmux.wait_for("2 av 3");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Från");
    assert!(screen.contains("Kommunnytt") && !screen.contains("Hämtar"), "{screen}");
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "the screen waited: {:?}", start.elapsed());
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("2 av 3");
    assert!(screen.contains("pågår"), "still under way:\n{screen}");
    tmux.keys(&["q"]);
}

/// Saving an attachment from a message on the server, from the list: the
/// message read off the UI thread, the dialog opened and answered when
/// each is done, the file in place.
#[test]
fn an_attachment_is_saved_off_the_ui_thread() {
    let (dc, data) = setup();
    let raw = "From: Arkitekt <a@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Ritning bifogad\r\n\
Message-ID: <ritning@exempel.se>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nSe bilaga.\r\n\
--XX\r\nContent-Type: application/pdf; name=\"ritning.pdf\"\r\nContent-Disposition: attachment; filename=\"ritning.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--XX--\r\n";
    dc.deliver("registrator", "INBOX", "ritning.host", raw.as_bytes());
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 4);
    let tmux = tui("imap-save", data.path(), "registrator", dc.plain_port, 4);
    tmux.keys(&["/"]);
    tmux.text("Ritning");
    // `S` on the row, the message not read yet: the reader reads it, then
    // the dialog opens
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 av 1");
    tmux.keys(&["S"]);
    tmux.wait_for("Spara bilaga");
    tmux.wait_for("ritning.pdf");
    let target = tempfile::tempdir().unwrap();
    tmux.keys(&vec!["BSpace"; 300]);
    tmux.text(target.path().to_str().unwrap());
    tmux.keys(&["Enter"]);
    tmux.wait_for("Sparad:");
    assert_eq!(std::fs::read(target.path().join("ritning.pdf")).unwrap(), b"%PDF-1.4\n");
    tmux.keys(&["Escape", "q"]);
}

/// A message that arrives while the TUI is open opens on the first Enter
/// (the reading connection had not seen it yet: "… is not in the mailbox"
/// the first time, issue 20).
#[test]
fn a_message_that_just_arrived_opens_on_the_first_enter() {
    let (dc, data) = setup();
    let tmux = tui("imap-just-arrived", data.path(), "registrator", dc.plain_port, 3);
    // open one first, so the reading connection is up and has its view
    tmux.keys(&["Enter"]);
    tmux.wait_for("Ämne");
    tmux.keys(&["Escape"]);
    std::thread::sleep(std::time::Duration::from_millis(500)); // IDLE established
    let raw = "From: Journalist <nyheter@tidning.example>\r\nTo: kommun@norrvik.se\r\n\
Subject: =?utf-8?q?Beg=C3=A4ran_om_allm=C3=A4n_handling?=\r\nMessage-ID: <ny.1@tidning.example>\r\n\
Date: Mon, 07 Dec 2026 08:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
Jag begär ut protokollet. UNIKTEXT\r\n";
    dc.deliver("registrator", "INBOX", "ny.host", raw.as_bytes());
    tmux.wait_for("4 meddelanden");
    // a request for public documents is first in the list
    tmux.keys(&["g", "Enter"]);
    let screen = tmux.wait_for("UNIKTEXT");
    assert!(!screen.contains("finns inte"), "{screen}");
    tmux.keys(&["q"]);
}
