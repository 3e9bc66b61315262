//! postrum against a real Dovecot on loopback (started by the test from
//! tests/common/dovecot.rs): first sync over STARTTLS, TLS and no TLS, a
//! clear error for a wrong password and an untrusted certificate, XOAUTH2
//! with a token command (and a refused token), status keywords
//! seen by a second client, deletion purging Inbox, Trash and Sent, the
//! server stopped mid-session, a kill between log and apply, and a
//! UIDVALIDITY reset.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::dovecot::Dovecot;
use common::tmux::Tmux;
use common::*;

fn demo_message(name: &str) -> Vec<u8> {
    let raw = postrum::mail::demo::MESSAGES.iter().find(|(n, _)| *n == name).unwrap().1;
    let (bytes, _, _) =
        postrum::mail::demo::instantiate(&postrum::core::calendar::Calendar::default(), raw, today(), NOW, 0);
    bytes
}

/// The municipality's config: handläggare and inspection settings.
const CONFIG: &str = r#"
[[handlaggare]]
id = "eva"
name = "Eva Lind"
unit = "Bygglov"

[inspect]
own_domains = ["norrvik.se"]
organisation_names = ["Norrviks kommun"]
"#;

/// `postrum --imap URL ARGS` as `user`, with the test CA and `config` in
/// its own config directory under `data`.
fn command(dc: &Dovecot, data: &Path, user: &str, tls: bool, config: &str, args: &[&str]) -> Command {
    let cfg_dir = data.join("config/postrum");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    std::fs::write(cfg_dir.join("config.toml"), config).unwrap();
    let url = if tls {
        format!("imaps://{user}@localhost:{}/INBOX", dc.tls_port)
    } else {
        format!("imap://{user}@localhost:{}/INBOX", dc.plain_port)
    };
    let mut c = Command::new(bin());
    c.args(["--data-dir", data.to_str().unwrap(), "--imap", &url])
        .args(["--password-command", &format!("echo {user}"), "--ca-file", dc.ca().to_str().unwrap()])
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", user)
        .env_remove("POSTRUM_FAULT");
    c
}

/// `postrum` as `user` with the municipality's config.
fn imap(dc: &Dovecot, data: &Path, user: &str, tls: bool, args: &[&str]) -> Output {
    command(dc, data, user, tls, CONFIG, args).output().unwrap()
}

fn ids(out: &Output) -> Vec<String> {
    let mut v: Vec<String> =
        json(out).as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

fn setup() -> (Dovecot, tempfile::TempDir) {
    let dc = Dovecot::start();
    for name in ["01-bygglov-attefall.eml", "07-nyhetsbrev.eml", "08-phishing.eml"] {
        dc.deliver("registrator", "INBOX", &format!("{name}.host"), &demo_message(name));
    }
    (dc, tempfile::tempdir().unwrap())
}

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
fn delete_purges_the_copies_in_trash_and_sent() {
    let (dc, data) = setup();
    let raw = demo_message("01-bygglov-attefall.eml");
    dc.deliver("registrator", "Trash", "copy.host", &raw);
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
    assert_eq!(dc.files("registrator", "Sent").len(), 1, "only the unrelated message stays");
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

#[test]
fn the_tui_works_on_imap_and_shows_when_it_is_offline() {
    let (dc, data) = setup();
    // a first run fills the cache and writes the config
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let tmux = Tmux::new("imap-offline");
    tmux.start_with(data.path(), "POSTRUM_TICK_SECS=1", &tui_args(&dc));
    tmux.wait_for("3 meddelanden");
    if tmux.screen().contains("Valfri tangent") {
        tmux.keys(&["Escape"]);
    }
    dc.stop();
    // the next check of the mailbox finds the server gone
    tmux.wait_for("offline — 0 åtgärder väntar");
    tmux.keys(&["a"]);
    tmux.wait_for("Tilldela handläggare");
    tmux.text("eva");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("offline — 1 åtgärd väntar");
    assert!(s.contains("Loggat men inte utfört"), "{s}");
    dc.restart();
    // the next check finds the server back and applies what waited
    tmux.wait_gone("offline —");
    assert!(tmux.screen().contains("1 pågående"));
    assert!(dc.flags("vikarie", "INBOX").contains("$PostrumAssigned"));
    tmux.keys(&["q"]);
}

#[test]
fn new_mail_appears_in_the_tui_without_a_key_press() {
    let (dc, data) = setup();
    assert_eq!(ids(&imap(&dc, data.path(), "registrator", false, &["list", "--json"])).len(), 3);
    let tmux = Tmux::new("imap-push");
    // the periodic check is an hour away: only a push can show new mail
    tmux.start_with(data.path(), "POSTRUM_TICK_SECS=3600", &tui_args(&dc));
    tmux.wait_for("3 meddelanden");
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

const TWO: &str = r#"
[[handlaggare]]
id = "eva"
name = "Eva Lind"

[[handlaggare]]
id = "omar"
name = "Omar Haddad"
"#;

/// A colleague's postrum: same mailbox, own data directory and config.
fn colleague(dc: &Dovecot, data: &Path, user: &str, args: &[&str]) -> Output {
    command(dc, data, user, false, TWO, args).output().unwrap()
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
    assert!(err.contains("tilldelning gjordes inte"), "the loser is told: {err}");
    let winner_who = if ra.status.success() { "eva" } else { "omar" };
    if err.contains("Redan tilldelad") {
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
