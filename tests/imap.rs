//! postrum against a real Dovecot on loopback (started by the test from
//! tests/common/dovecot.rs): first sync over STARTTLS, TLS and no TLS, a
//! clear error for a wrong password and an untrusted certificate, XOAUTH2
//! with a token command (and a refused token), deletion purging Inbox,
//! Trash and Sent, what the text holds found before deleting, the server
//! stopped mid-session, a kill between log and apply, a UIDVALIDITY reset,
//! and the TUI. Shared status and resyncs: tests/imap_shared.rs.

mod common;

use std::process::Command;

use common::dovecot::Dovecot;
use common::imap::*;
use common::tmux::Tmux;
use common::*;

#[test]
fn first_sync_over_starttls_and_tls_gives_the_same_stable_ids() {
    let (dc, data) = setup();
    let a = imap(&dc, data.path(), "registrator", false, &["list", "--json"]);
    let b = imap(&dc, &data.path().join("other"), "registrator", true, &["list", "--json"]);
    assert_eq!(ids(&a).len(), 3, "{}", stderr(&a));
    assert_eq!(ids(&a), ids(&b));
    // no TLS at all (a server on this machine, an SSH tunnel)
    let plain_url = format!("imap+insecure://registrator@localhost:{}/INBOX", dc.plain_port);
    let plain = Command::new(bin())
        .args(["--data-dir", data.path().join("plain").to_str().unwrap(), "--imap", &plain_url])
        .args(["--password-command", "echo registrator", "list", "--json"])
        .env("HOME", data.path())
        .output()
        .unwrap();
    assert_eq!(ids(&plain), ids(&a), "{}", stderr(&plain));
    let list = json(&a);
    let phishing = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("verifiera"))
        .unwrap();
    assert!(phishing["warnings"].as_array().unwrap().iter().any(|w| w == "display_name_spoof"));
    // the body is fetched on demand
    let id = phishing["id"].as_str().unwrap();
    let shown = stdout(&imap(&dc, data.path(), "registrator", false, &["show", id]));
    assert!(shown.contains("Kära användare"), "{shown}");
}

#[test]
fn wrong_password_and_untrusted_certificate_are_clear_errors() {
    let (dc, data) = setup();
    let url = format!("imaps://registrator@localhost:{}/INBOX", dc.tls_port);
    let run = |extra: &[&str]| {
        Command::new(bin())
            .args(["--data-dir", data.path().to_str().unwrap(), "--imap", &url])
            .args(extra)
            .args(["list"])
            .env("HOME", data.path())
            .output()
            .unwrap()
    };
    let out = run(&["--password-command", "echo fel-lösenord", "--ca-file", dc.ca().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("login refused") && !err.contains("fel-lösenord"), "{err}");
    let out = run(&["--password-command", "echo registrator"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("certificate is not trusted"), "{}", stderr(&out));
    // no TLS to another machine is refused before anything is sent
    let out = Command::new(bin())
        .args(["--data-dir", data.path().to_str().unwrap()])
        .args(["--imap", "imap+insecure://registrator@imap.example.invalid/INBOX"])
        .args(["--password-command", "echo registrator", "list"])
        .env("HOME", data.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("unencrypted"), "{}", stderr(&out));
}

#[test]
fn xoauth2_logs_in_with_a_token_from_the_token_command() {
    let (dc, data) = setup();
    let run = |token: &str| {
        let config = format!(
            "[[account]]\nname = \"kommun\"\nimap = \"imaps://registrator@localhost:{}/INBOX\"\n\
             oauth2_token_command = \"echo {token}\"\nca_file = \"{}\"\n",
            dc.tls_port,
            dc.ca().display()
        );
        let cfg_dir = data.path().join("config/postrum");
        std::fs::create_dir_all(&cfg_dir).unwrap();
        std::fs::write(cfg_dir.join("config.toml"), config).unwrap();
        Command::new(bin())
            .args(["--data-dir", data.path().to_str().unwrap(), "--account", "kommun", "list", "--json"])
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .output()
            .unwrap()
    };
    let out = run("oauth-registrator");
    let log = std::fs::read_to_string(dc.dir.join("log/dovecot.log")).unwrap_or_default();
    assert!(out.status.success(), "{}\n{log}", stderr(&out));
    assert_eq!(json(&out).as_array().unwrap().len(), 3);
    // a token the identity provider does not know: refused, and not echoed
    let out = run("expired-token-123");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("login refused") && !err.contains("expired-token-123"), "{err}");
}

#[test]
fn delete_purges_the_copies_in_trash_and_sent() {
    let (dc, data) = setup();
    let raw = demo_message("01-bygglov-attefall.eml");
    // a colleague's client copied it to Trash: the same message, arrived
    // when it did
    let inbox = dc.folder("registrator", "INBOX").join("new/01-bygglov-attefall.eml.host");
    let arrived = std::fs::metadata(inbox).unwrap().modified().unwrap();
    dc.deliver_at("registrator", "Trash", "copy.host", &raw, arrived);
    // the same Message-ID in Sent is not ours to judge by (issue 20): what
    // postrum sent about it goes (tests/smtp.rs), this stays
    dc.deliver("registrator", "Sent", "copy.host", &raw);
    dc.deliver("registrator", "Sent", "other.host", &demo_message("09-english.eml"));
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let id = id_with(&list, "attefall");
    assert!(imap(&dc, data.path(), "registrator", false, &["register", &id, "--none", "enkel fråga"])
        .status
        .success());
    let out = imap(&dc, data.path(), "registrator", false, &["delete", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(dc.files("registrator", "INBOX").len(), 2);
    assert!(dc.files("registrator", "Trash").is_empty(), "{:?}", dc.files("registrator", "Trash"));
    assert_eq!(dc.files("registrator", "Sent").len(), 2, "Sent is not searched by an inbound Message-ID");
    let log = json(&imap(&dc, data.path(), "registrator", false, &["log", "--json"]));
    assert_eq!(log[0]["action"], "delete");
    assert_eq!(log[0]["state"], "applied");
}

/// The list reads header fields only: a person number in the text is found
/// before the message is deleted (and when it is opened), and stays in the
/// list from then on.
#[test]
fn what_the_text_holds_is_found_on_opening_and_before_deleting() {
    let (dc, data) = setup();
    let raw = "From: Medborgare <medborgare@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Min ansökan\r\n\
Message-ID: <pnr-body@exempel.se>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\n\
Hej, mitt personnummer är 811218-9876.\r\n";
    dc.deliver("registrator", "INBOX", "pnr.host", raw.as_bytes());
    let warnings = |list: &serde_json::Value, id: &str| -> Vec<String> {
        let m = list.as_array().unwrap().iter().find(|m| m["id"] == id).unwrap().clone();
        m["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect()
    };
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let id = id_with(&list, "Min ansökan");
    assert!(warnings(&list, &id).is_empty(), "the headers hold nothing: {:?}", warnings(&list, &id));
    // deleting reads the text first: a person number stops it
    assert!(imap(&dc, data.path(), "registrator", false, &["register", &id, "--none", "fel adress"])
        .status
        .success());
    let out = imap(&dc, data.path(), "registrator", false, &["delete", &id]);
    assert!(!out.status.success(), "a mail with a person number was deleted unregistered");
    assert_eq!(dc.files("registrator", "INBOX").len(), 4);
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    assert!(warnings(&list, &id).contains(&"personnummer".to_string()), "{:?}", warnings(&list, &id));
    let shown = json(&imap(&dc, data.path(), "registrator", false, &["show", &id, "--json"]));
    assert!(shown["warnings"].as_array().unwrap().iter().any(|w| w["kind"] == "personnummer"), "{shown}");
}

#[test]
fn actions_wait_while_the_server_is_down_and_apply_when_it_is_back() {
    let (dc, data) = setup();
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let id = list[0]["id"].as_str().unwrap().to_string();
    dc.stop();
    let out = imap(&dc, data.path(), "registrator", false, &["assign", &id, "eva"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("nås inte"), "{}", stderr(&out));
    assert!(stdout(&out).contains("Loggat men inte utfört"), "{}", stdout(&out));
    // the cache still answers
    let cached = imap(&dc, data.path(), "registrator", false, &["list", "--json"]);
    assert_eq!(ids(&cached).len(), 3);
    assert!(stderr(&cached).contains("1 åtgärd väntar"), "{}", stderr(&cached));
    dc.restart();
    let back = imap(&dc, data.path(), "registrator", false, &["log", "--json"]);
    assert_eq!(json(&back)[0]["state"], "applied", "replayed on the next start");
    assert!(dc.flags("vikarie", "INBOX").contains("$PostrumAssigned"));
}

#[test]
fn killed_between_log_and_apply_the_delete_happens_on_the_next_start() {
    let (dc, data) = setup();
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let id = id_with(&list, "Kommunnytt");
    let args = ["delete", &id, "--force", "--reason", "nyhetsbrev"];
    let mut child = command(&dc, data.path(), "registrator", false, CONFIG, &args)
        .env("POSTRUM_FAULT", "pause-after-log")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stderr.take().unwrap()), &mut line)
        .unwrap();
    assert!(line.contains("logged"), "{line}");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(dc.files("registrator", "INBOX").len(), 3, "not applied yet");
    let log = json(&imap(&dc, data.path(), "registrator", false, &["log", "--json"]));
    assert_eq!(log[0]["state"], "applied");
    assert_eq!(dc.files("registrator", "INBOX").len(), 2);
}

#[test]
fn a_uidvalidity_reset_keeps_ids_and_triage_state() {
    let (dc, data) = setup();
    let before = ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    assert!(imap(&dc, data.path(), "registrator", false, &["assign", &before[0], "eva"]).status.success());
    // rebuild the mailbox's index: Dovecot gives it a new UIDVALIDITY
    dc.stop();
    let inbox = dc.folder("registrator", "INBOX");
    for f in std::fs::read_dir(&inbox).unwrap().flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        if name.starts_with("dovecot") {
            let _ = std::fs::remove_file(f.path());
        }
    }
    dc.restart();
    let after = imap(&dc, data.path(), "registrator", false, &["list", "--json"]);
    assert_eq!(ids(&after), before);
    let list = json(&after);
    let m = list.as_array().unwrap().iter().find(|m| m["id"] == before[0].as_str()).unwrap();
    assert_eq!(m["assignee"], "eva");
}

/// The arguments that open the test account in the TUI.
fn tui_args(dc: &Dovecot) -> String {
    format!(
        "--imap imap://registrator@localhost:{}/INBOX --password-command 'echo registrator' --ca-file {}",
        dc.plain_port,
        dc.ca().display()
    )
}

/// The TUI on the test account (after a first run fills the cache and
/// writes the config), checking the mailbox every `tick` seconds.
fn tui_on_imap(name: &str, tick: u32) -> (Dovecot, tempfile::TempDir, Tmux) {
    let (dc, data) = setup();
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let tmux = Tmux::new(name);
    tmux.start_with(data.path(), &format!("POSTRUM_TICK_SECS={tick}"), &tui_args(&dc));
    tmux.wait_for("3 meddelanden");
    (dc, data, tmux)
}

#[test]
fn the_tui_works_on_imap_and_shows_when_it_is_offline() {
    let (dc, _data, tmux) = tui_on_imap("imap-offline", 1);
    if tmux.screen().contains("valfri tangent") {
        tmux.keys(&["Escape"]);
    }
    dc.stop();
    // the next check of the mailbox finds the server gone
    tmux.wait_for("offline — 0 åtgärder väntar");
    tmux.keys(&["a"]);
    tmux.wait_for("Fördela till handläggare");
    tmux.text("eva");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("offline — 1 åtgärd väntar");
    assert!(s.contains("Loggat men inte utfört"), "{s}");
    // a message never read: its sender and subject from the cache, and why
    // the text is missing — not a broken message
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("kan inte hämtas just nu");
    assert!(s.contains("Från: Karin Holm") && !s.contains("okänd avsändare"), "{s}");
    tmux.keys(&["Escape"]);
    dc.restart();
    // the next check finds the server back and applies what waited (the
    // next attempt is at most 5 s away; a loaded machine gets some slack)
    let start = std::time::Instant::now();
    while tmux.screen().contains("offline —") {
        let late = start.elapsed() > std::time::Duration::from_secs(40);
        assert!(!late, "still offline:\n{}\nthe server's log:\n{}", tmux.screen(), dc.log_tail(30));
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(tmux.screen().contains("1 pågående"));
    assert!(dc.flags("vikarie", "INBOX").contains("$PostrumAssigned"));
    tmux.keys(&["q"]);
}

#[test]
fn new_mail_appears_in_the_tui_without_a_key_press() {
    // the periodic check is an hour away: only a push can show new mail
    let (dc, _data, tmux) = tui_on_imap("imap-push", 3600);
    std::thread::sleep(std::time::Duration::from_millis(500)); // IDLE established
    let msg = "From: Ny Avsändare <ny@exempel.se>\r\nSubject: Helt ny fråga om parkering\r\nMessage-ID: <push-1@exempel.se>\r\n\r\nHej!\r\n";
    let out = dc.raw("vikarie", &[&format!("APPEND INBOX {{{}+}}\r\n{msg}", msg.len())]);
    assert!(out.contains("a1 OK"), "{out}");
    tmux.wait_for("Helt ny fråga");
    assert!(tmux.screen().contains("4 meddelanden"));
    tmux.keys(&["q"]);
}

#[test]
fn sync_reports_progress_as_plain_lines_off_a_terminal() {
    let (dc, data) = setup();
    let out = imap(&dc, data.path(), "registrator", false, &["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("synkroniserat 0 av 3 nya meddelanden"), "{err}");
    assert!(err.contains("synkroniserat 3 av 3 nya meddelanden"), "{err}");
    assert!(stdout(&out).contains("Synkroniserat: 3 meddelanden"), "{}", stdout(&out));
    // nothing new: nothing to read
    let again = imap(&dc, data.path(), "registrator", false, &["sync"]);
    assert!(!stderr(&again).contains("synkroniserat"), "{}", stderr(&again));
}
