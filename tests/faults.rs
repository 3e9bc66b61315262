//! The fault and abuse suite: postrum against a real Dovecot the way an
//! attacker and a bad day would try it — hostile Message-IDs, a proxy that
//! cuts or refuses chosen commands, a rebuilt index, forged journal
//! entries, hostile servers. Each test fails on the code before the fix it
//! guards. The local part (disks, several processes, command-line input)
//! is tests/faults_local.rs.

mod common;

use common::dovecot::Dovecot;
use common::imap::*;
use common::proxy::{Fault, Proxy};
use common::*;

fn mail(mid: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: Avsändare <avsandare@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: {subject}\r\n\
Message-ID: {mid}\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\nHej.\r\n"
    )
    .into_bytes()
}

fn fill(dc: &Dovecot, folder: &str, n: usize) {
    for i in 0..n {
        let raw = mail(&format!("<{folder}-{i}@norrvik.se>"), &format!("{folder} {i}"));
        dc.deliver("registrator", folder, &format!("{folder}-{i}.host"), &raw);
    }
}

fn delete_as_newsletter(dc: &Dovecot, data: &std::path::Path, subject: &str) {
    let list = json(&imap(dc, data, "registrator", false, &["list", "--json"]));
    let id = id_with(&list, subject);
    let out = imap(dc, data, "registrator", false, &["register", &id, "--none", "nyhetsbrev"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = imap(dc, data, "registrator", false, &["delete", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A Message-ID of `@` matches every message as an IMAP substring search:
/// deleting such a mail must leave Sent and Trash alone.
#[test]
fn a_hostile_message_id_never_empties_sent_or_trash() {
    let (dc, data) = setup();
    fill(&dc, "Sent", 6);
    fill(&dc, "Trash", 5);
    for (n, mid) in ["@", "<@>", "<>", "norrvik.se"].iter().enumerate() {
        dc.deliver("registrator", "INBOX", &format!("hostile{n}.host"), &mail(mid, &format!("Fientlig {n}")));
    }
    for n in 0..4 {
        delete_as_newsletter(&dc, data.path(), &format!("Fientlig {n}"));
    }
    assert_eq!(dc.files("registrator", "Sent").len(), 6, "Sent lost messages");
    assert_eq!(dc.files("registrator", "Trash").len(), 5, "Trash lost messages");
    assert_eq!(dc.files("registrator", "INBOX").len(), 3, "the hostile mails themselves are gone");
}

/// Only an exact copy is purged: in Trash the message itself (the same
/// Message-ID, size and arrival time); a Message-ID that holds the deleted
/// one as a substring stays, and so does a mail in Sent that only shares
/// its Message-ID (issue 20: an inbound Message-ID never selects anything
/// in Sent).
#[test]
fn only_exact_copies_are_purged() {
    let (dc, data) = setup();
    let raw = mail("<a@norrvik.se>", "Originalet");
    let at = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    dc.deliver_at("registrator", "INBOX", "orig.host", &raw, at);
    dc.deliver_at("registrator", "Trash", "copy.host", &raw, at);
    dc.deliver("registrator", "Sent", "copy.host", &mail("<a@norrvik.se>", "Kopian"));
    dc.deliver("registrator", "Sent", "longer.host", &mail("<xa@norrvik.se>", "Längre"));
    dc.deliver("registrator", "Trash", "suffix.host", &mail("<a@norrvik.se.evil>", "Längre domän"));
    dc.deliver("registrator", "Trash", "two.host", &mail("<a@norrvik.se>\r\nMessage-ID: <b@x>", "Två"));
    delete_as_newsletter(&dc, data.path(), "Originalet");
    assert_eq!(dc.files("registrator", "Sent").len(), 2, "Sent is not searched by an inbound Message-ID");
    let trash = dc.raw("registrator", &["SELECT Trash", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"]);
    assert_eq!(dc.files("registrator", "Trash").len(), 2, "the copy went, neither look-alike: {trash}");
    assert!(!trash.contains("Originalet"), "{trash}");
}

/// Appends a journal entry as anyone with write access to the shared
/// mailbox could (LITERAL+, so one raw script does it).
fn forge(dc: &Dovecot, mid: &str, action: postrum::core::triage::Action, actor: &str, at: i64) {
    let entry = postrum::core::journal::JournalEntry {
        message_id: mid.to_string(),
        key: None,
        digest: None,
        action,
        actor: actor.to_string(),
        at,
        origin: "forger".into(),
        entry: None,
        claim: false,
    };
    append_journal(dc, &String::from_utf8(postrum::core::journal::render(&entry)).unwrap());
}

/// Appends anything to the journal.
fn append_journal(dc: &Dovecot, raw: &str) {
    let append = format!("APPEND Postrum (\\Seen) {{{}+}}\r\n{raw}", raw.len());
    let out = dc.raw("vikarie", &["CREATE Postrum", &append]);
    assert!(out.contains("a2 OK"), "{out}");
}

/// "Deleted by kommunchef in 2023": the message is still on the server, so
/// it stays listed, and the log says the entry is contradicted; an entry
/// timed before the message arrived is recorded at the time it appeared,
/// with a note.
#[test]
fn a_forged_journal_entry_does_not_hide_a_message() {
    use postrum::core::triage::Action;
    let (dc, data) = setup();
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let id = id_with(&list, "attefall");
    let m = list.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap().clone();
    let mid = m["message_id"].as_str().unwrap().trim_matches(['<', '>']).to_string();
    let other = id_with(&list, "Kommunnytt");
    let other_mid = list.as_array().unwrap().iter().find(|m| m["id"] == other.as_str()).unwrap()
        ["message_id"]
        .as_str()
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string();
    let y2023 = 1_672_574_400;
    // something postrum cannot read first: skipped with a note, never a stop
    append_journal(
        &dc,
        "X-Postrum-Journal: 1\r\nX-Postrum-Action: {\"action\":\r\nSubject: \x1b]0;x\x07\r\n\r\nskr\r\n",
    );
    // an entry of a kind a newer postrum writes: named as that, not unreadable
    append_journal(
        &dc,
        "X-Postrum-Journal: 1\r\nX-Postrum-Message-Id: a@b\r\nX-Postrum-Action: {\"action\":\"archive\"}\r\n\
         X-Postrum-Actor: nyare\r\nX-Postrum-At: 1\r\nX-Postrum-Origin: o9\r\n\r\n",
    );
    forge(&dc, &mid, Action::Delete { force_reason: Some("rensning".into()) }, "kommunchef", y2023);
    forge(&dc, &other_mid, Action::Assign { who: "eva".into() }, "kommunchef", y2023);
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    assert!(
        list.as_array().unwrap().iter().any(|m| m["id"] == id.as_str()),
        "hidden by a forged entry: {list}"
    );
    let log = json(&imap(&dc, data.path(), "registrator", false, &["log", "--json"]));
    let entries = log.as_array().unwrap();
    let del = entries.iter().find(|e| e["actor"] == "kommunchef" && e["action"] == "delete_forced").unwrap();
    assert_eq!(del["note"], "contradicted", "{del}");
    assert!(!del["at"].as_str().unwrap().starts_with("2023"), "timed as the forger said: {del}");
    assert_eq!(entries.iter().filter(|e| e["action"] == "journal_unreadable").count(), 1, "{log}");
    let newer: Vec<_> = entries.iter().filter(|e| e["action"] == "journal_newer").collect();
    assert_eq!(newer.len(), 1, "{log}");
    assert_eq!(newer[0]["note"], "newer:archive");
    let text = stdout(&imap(&dc, data.path(), "registrator", false, &["log"]));
    assert!(
        text.contains("post från en nyare postrum (uppdatera)") && text.contains("okänd åtgärd: archive"),
        "{text}"
    );
    let assign = entries.iter().find(|e| e["actor"] == "kommunchef" && e["action"] == "assign").unwrap();
    assert_eq!(assign["note"], format!("time:{y2023}"), "{assign}");
    assert!(!assign["at"].as_str().unwrap().starts_with("2023"), "{assign}");
    // read again (another process, the same data directory): recorded once
    let again = json(&imap(&dc, data.path(), "registrator", false, &["log", "--json"]));
    assert_eq!(again.as_array().unwrap().len(), entries.len());
}

/// `postrum` as `user` through the fault proxy (plain IMAP on loopback).
fn via(proxy: &Proxy, data: &std::path::Path, user: &str, args: &[&str]) -> std::process::Output {
    let cfg_dir = data.join("config/postrum");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    std::fs::write(cfg_dir.join("config.toml"), TWO).unwrap();
    let url = format!("imap+insecure://{user}@127.0.0.1:{}/INBOX", proxy.port);
    std::process::Command::new(bin())
        .args(["--data-dir", data.to_str().unwrap(), "--imap", &url])
        .args(["--password-command", &format!("echo {user}")])
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", user)
        .env_remove("POSTRUM_FAULT")
        .output()
        .unwrap()
}

fn entry<'a>(list: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    list.as_array().unwrap().iter().find(|m| m["id"] == id).unwrap()
}

/// The connection drops between the claim keyword and the journal entry:
/// the next attempt recognises the claim as its own and completes it; a
/// colleague meanwhile is not locked out for ever.
#[test]
fn a_claim_cut_half_way_is_completed_not_locked() {
    let (dc, data) = setup();
    let proxy = Proxy::start(dc.plain_port);
    let list = json(&via(&proxy, data.path(), "registrator", &["list", "--json"]));
    let id = id_with(&list, "attefall");
    proxy.on("APPEND", Fault::Cut, 1);
    let out = via(&proxy, data.path(), "registrator", &["assign", &id, "eva"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Loggat men inte utfört"), "{}", stdout(&out));
    assert!(dc.flags("vikarie", "INBOX").contains("$PostrumAssigned"), "the keyword was set before the cut");
    // the next start replays it: ours, completed
    let list = json(&via(&proxy, data.path(), "registrator", &["list", "--json"]));
    assert_eq!(entry(&list, &id)["assignee"], "eva", "{list}");
    let log = json(&via(&proxy, data.path(), "registrator", &["log", "--json"]));
    assert_eq!(log[0]["state"], "applied", "{log}");
    // a colleague sees who has it
    let vik = tempfile::tempdir().unwrap();
    let list = json(&colleague_list(&dc, vik.path()));
    assert_eq!(entry(&list, &id)["assignee"], "eva", "{list}");

    // another message: cut half-way, and the registrator never comes back;
    // the colleague can still take it
    let other = id_with(&list, "Kommunnytt");
    proxy.on("APPEND", Fault::Cut, 1);
    let out = via(&proxy, data.path(), "registrator", &["assign", &other, "eva"]);
    assert!(stdout(&out).contains("Loggat men inte utfört"), "{}", stdout(&out));
    let out = colleague(&dc, vik.path(), "vikarie", &["assign", &other, "omar"]);
    assert!(out.status.success(), "the message is locked: {}", stderr(&out));
    // and the registrator's queued claim then loses, with the winner named
    let list = json(&via(&proxy, data.path(), "registrator", &["list", "--json"]));
    assert_eq!(entry(&list, &other)["assignee"], "omar", "{list}");
}

fn colleague_list(dc: &Dovecot, data: &std::path::Path) -> std::process::Output {
    colleague(dc, data, "vikarie", &["list", "--json"])
}

/// The server refuses the journal (quota, ACL): the assignment is made
/// with the keyword alone, the user is told, nothing is locked.
#[test]
fn a_refused_journal_is_said_and_falls_back_to_keywords() {
    let (dc, data) = setup();
    let proxy = Proxy::start(dc.plain_port);
    let list = json(&via(&proxy, data.path(), "registrator", &["list", "--json"]));
    let id = id_with(&list, "attefall");
    proxy.on("APPEND", Fault::Refuse("OVERQUOTA"), 100);
    proxy.on("CREATE", Fault::Refuse("NOPERM"), 100);
    let out = via(&proxy, data.path(), "registrator", &["assign", &id, "eva"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("tog inte emot journalposten"), "{}", stdout(&out));
    assert!(dc.flags("vikarie", "INBOX").contains("$PostrumAssigned"));
    let out = via(&proxy, data.path(), "registrator", &["register", &id, "KS 2026/12"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let log = json(&via(&proxy, data.path(), "registrator", &["log", "--json"]));
    assert!(log.as_array().unwrap().iter().all(|e| e["state"] == "applied"), "{log}");
    let list = json(&via(&proxy, data.path(), "registrator", &["list", "--json"]));
    assert_eq!(entry(&list, &id)["assignee"], "eva");
}

/// Queued while the server was down, then the server's index rebuilt (a
/// new UIDVALIDITY): the actions find their messages under the new UIDs and
/// apply there — the delete really deletes, the assignment reaches the
/// server — instead of being marked done without touching it.
#[test]
fn queued_actions_survive_a_uidvalidity_change() {
    let (dc, data) = setup();
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let news = id_with(&list, "Kommunnytt");
    let case = id_with(&list, "attefall");
    dc.stop();
    let out =
        imap(&dc, data.path(), "registrator", false, &["delete", &news, "--force", "--reason", "nyhetsbrev"]);
    assert!(stdout(&out).contains("Loggat men inte utfört"), "{}", stdout(&out));
    let out = imap(&dc, data.path(), "registrator", false, &["assign", &case, "eva"]);
    assert!(stdout(&out).contains("Loggat men inte utfört"), "{}", stdout(&out));
    let inbox = dc.folder("registrator", "INBOX");
    for f in std::fs::read_dir(&inbox).unwrap().flatten() {
        if f.file_name().to_string_lossy().starts_with("dovecot") {
            let _ = std::fs::remove_file(f.path());
        }
    }
    dc.restart();
    let log = json(&imap(&dc, data.path(), "registrator", false, &["log", "--json"]));
    let states: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["state"].as_str().unwrap()).collect();
    assert!(states.iter().all(|s| *s == "applied"), "{log}");
    assert_eq!(dc.files("registrator", "INBOX").len(), 2, "the newsletter is really gone from the server");
    assert!(dc.flags("vikarie", "INBOX").contains("$PostrumAssigned"), "the assignment reached the server");
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    assert_eq!(entry(&list, &case)["assignee"], "eva");
    assert!(!list.as_array().unwrap().iter().any(|m| m["id"] == news.as_str()));
}

/// `postrum list --json` against a server at `url` (password "p").
fn list_at(data: &std::path::Path, url: &str, more: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .args(["--data-dir", data.to_str().unwrap(), "--imap", url, "--password-command", "echo p"])
        .args(more)
        .args(["list", "--json"])
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .output()
        .unwrap()
}

/// A hostile server: it announces 3 messages, then answers the listing's
/// FETCH without end. postrum stops it with a clear error, holding little.
fn endless_server() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut out = conn.try_clone().unwrap();
                let _ = out.write_all(b"* OK fake\r\n");
                for line in BufReader::new(conn).lines() {
                    let Ok(line) = line else { break };
                    let (tag, rest) = line.split_once(' ').unwrap_or((&line, ""));
                    let cmd = rest.to_uppercase();
                    let reply = if cmd.starts_with("CAPABILITY") {
                        format!("* CAPABILITY IMAP4rev1 UIDPLUS\r\n{tag} OK done\r\n")
                    } else if cmd.starts_with("SELECT") || cmd.starts_with("EXAMINE") {
                        format!("* 3 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 4] n\r\n{tag} OK [READ-WRITE] s\r\n")
                    } else if cmd.starts_with("UID FETCH") {
                        let head = "From: a@b.se\r\n\r\n";
                        for n in 1..2_000_000u32 {
                            let answer = format!(
                                "* {n} FETCH (UID {n} FLAGS () INTERNALDATE \"02-Nov-2026 09:15:00 +0100\" RFC822.SIZE 10 BODY[HEADER.FIELDS (FROM)] {{{}}}\r\n{head})\r\n",
                                head.len()
                            );
                            if out.write_all(answer.as_bytes()).is_err() {
                                return;
                            }
                        }
                        format!("{tag} OK done\r\n")
                    } else if cmd.starts_with("LOGOUT") {
                        format!("* BYE\r\n{tag} OK bye\r\n")
                    } else {
                        format!("{tag} OK done\r\n")
                    };
                    if out.write_all(reply.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

#[test]
fn a_server_answering_without_end_is_stopped() {
    let port = endless_server();
    let data = tempfile::tempdir().unwrap();
    let out = list_at(data.path(), &format!("imap+insecure://u@127.0.0.1:{port}/INBOX"), &[]);
    let err = stderr(&out);
    assert!(err.contains("more answers"), "{err}");
    let size: u64 =
        walk(data.path()).iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
    assert!(size < 5 << 20, "postrum kept {size} bytes of a hostile server's answers");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

/// Something that is not IMAP answers: a clear error of its own, not
/// "the server cannot be reached", and no dump of its bytes.
#[test]
fn an_answer_that_is_not_imap_gets_its_own_error() {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let _ = conn.write_all(b"HTTP/1.1 400 Bad Request\r\n\x1b]0;pwned\x07\r\n\r\n");
        }
    });
    let data = tempfile::tempdir().unwrap();
    let out = list_at(data.path(), &format!("imap+insecure://u@127.0.0.1:{port}/INBOX"), &[]);
    let err = stderr(&out);
    assert!(err.contains("not an IMAP server"), "{err}");
    assert!(!err.contains("pwned") && !err.contains('\x1b'), "{err:?}");
}

/// `imap://` promises TLS: with STARTTLS stripped (a man in the middle,
/// here the proxy), postrum refuses before it sends the password — also
/// to this machine.
#[test]
fn imap_url_without_starttls_is_refused_not_downgraded() {
    let (dc, data) = setup();
    let proxy = Proxy::start(dc.plain_port);
    proxy.on("STARTTLS", Fault::Refuse("STRIPPED"), 10);
    let url = format!("imap://registrator@localhost:{}/INBOX", proxy.port);
    let out = list_at(data.path(), &url, &["--ca-file", dc.ca().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("STARTTLS"), "{}", stderr(&out));
    assert_eq!(
        proxy.count("LOGIN"),
        0,
        "the password went out in plaintext: {:?}",
        proxy.seen.lock().unwrap()
    );
}
