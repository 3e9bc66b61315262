//! Cyrus IMAP 3.6, the suite's second real server, with the function
//! mailbox shared by ACL (`Other Users/kommun`) and two registrators on
//! their own logins, with postrum's defaults (no journal, trash or sent
//! named): sync, each sees the other's work, claims at once have one
//! winner, and a delete purges the shared Trash and Sent only.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::cyrus::{Cyrus, KOMMUN};
use common::imap::{demo_message, TWO};
use common::*;

fn command(cy: &Cyrus, data: &Path, user: &str, args: &[&str]) -> Command {
    let cfg_dir = data.join("config/postrum");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    std::fs::write(cfg_dir.join("config.toml"), TWO).unwrap();
    let url = format!("imap://{user}@localhost:{}/{}", cy.plain_port, KOMMUN.replace(' ', "%20"));
    let mut c = Command::new(bin());
    c.args(["--data-dir", data.to_str().unwrap(), "--imap", &url])
        .args(["--password-command", &format!("echo {user}"), "--ca-file", cy.ca().to_str().unwrap()])
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", user)
        .env_remove("POSTRUM_FAULT");
    c
}

fn run(cy: &Cyrus, data: &Path, user: &str, args: &[&str]) -> Output {
    let out = command(cy, data, user, args).output().unwrap();
    assert!(out.status.success(), "{user} {args:?}: {}", stderr(&out));
    out
}

fn cyrus_with(names: &[&str]) -> Cyrus {
    let cy = Cyrus::start();
    for name in names {
        cy.append("kommun", "INBOX", &demo_message(name));
    }
    cy
}

#[test]
fn on_cyrus_colleagues_see_each_others_work_and_claims_have_one_winner() {
    let cy = cyrus_with(&["01-bygglov-attefall.eml", "07-nyhetsbrev.eml"]);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let list = json(&run(&cy, a.path(), "registrator", &["list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let first = list[0]["id"].as_str().unwrap().to_string();
    let second = list[1]["id"].as_str().unwrap().to_string();
    run(&cy, a.path(), "registrator", &["assign", &first, "eva"]);
    run(&cy, a.path(), "registrator", &["register", &first, "KS 2026/21"]);
    let seen = json(&run(&cy, b.path(), "vikarie", &["list", "--json"]));
    let m = seen.as_array().unwrap().iter().find(|m| m["id"] == first.as_str()).unwrap();
    assert_eq!(
        (m["assignee"].as_str(), m["diarienummer"].as_str()),
        (Some("eva"), Some("KS 2026/21")),
        "{m}"
    );
    // the journal is the function mailbox's own
    assert!(cy.count("kommun", "Postrum") >= 2, "{}", cy.raw("kommun", &["LIST \"\" *"]));
    assert_eq!(cy.count("registrator", "Postrum"), usize::MAX, "no Postrum of registrator's own");

    // both claim the second message at the same moment: one wins
    let go = a.path().join("go");
    let (ra, rb) = common::race::race(
        command(&cy, a.path(), "registrator", &["assign", &second, "eva"]),
        command(&cy, b.path(), "vikarie", &["assign", &second, "omar"]),
        &go,
    );
    let winner = common::race::winner(&ra, &rb, "eva", "omar");
    for (dir, user) in [(a.path(), "registrator"), (b.path(), "vikarie")] {
        let l = json(&run(&cy, dir, user, &["list", "--json"]));
        let m = l.as_array().unwrap().iter().find(|m| m["id"] == second.as_str()).unwrap();
        assert_eq!(m["assignee"], winner, "{user}");
    }
}

#[test]
fn on_cyrus_a_delete_purges_the_shared_trash_and_sent_only() {
    let cy = cyrus_with(&["01-bygglov-attefall.eml"]);
    // in each Trash a copy of the message itself (COPY keeps its arrival
    // time, as a colleague's client would make it), in each Sent a reply
    // postrum sent about it (naming its key)
    let answer = cy.raw("kommun", &["SELECT INBOX", "UID SEARCH ALL"]);
    let validity = answer.split("[UIDVALIDITY ").nth(1).and_then(|r| r.split(']').next()).unwrap();
    let uid = answer.lines().find(|l| l.starts_with("* SEARCH")).unwrap().split_whitespace().nth(2).unwrap();
    let reply = format!(
        "From: kommun@norrvik.se\r\nTo: a@b.se\r\nSubject: Svar\r\nMessage-ID: <svar.1@norrvik.se>\r\n\
X-Postrum-About: <{validity}.{uid}@about.postrum.invalid>\r\n\r\nSvar.\r\n"
    );
    let copied = cy.raw("kommun", &["SELECT INBOX", "UID COPY 1:* Trash"]);
    assert!(copied.contains("a2 OK"), "{copied}");
    let copied = cy.raw("registrator", &[&format!("SELECT \"{KOMMUN}\""), "UID COPY 1:* Trash"]);
    assert!(copied.contains("a2 OK"), "{copied}");
    cy.append("kommun", "Sent", reply.as_bytes());
    cy.append("registrator", "Sent", reply.as_bytes());
    let a = tempfile::tempdir().unwrap();
    let id =
        json(&run(&cy, a.path(), "registrator", &["list", "--json"]))[0]["id"].as_str().unwrap().to_string();
    run(&cy, a.path(), "registrator", &["assign", &id, "eva"]);
    run(&cy, a.path(), "registrator", &["register", &id, "KS 2026/22"]);
    run(&cy, a.path(), "registrator", &["delete", &id]);
    assert_eq!(cy.count("kommun", "INBOX"), 0);
    assert_eq!(cy.count("kommun", "Trash"), 0, "the shared Trash is purged");
    assert_eq!(cy.count("kommun", "Sent"), 0, "the shared Sent is purged");
    assert_eq!(cy.count("registrator", "Trash"), 1, "registrator's own Trash is theirs");
    assert_eq!(cy.count("registrator", "Sent"), 1, "registrator's own Sent is theirs");
}

/// IDLE on Cyrus: a colleague's action reaches an open TUI without a key
/// press (the periodic look is an hour away).
#[test]
fn on_cyrus_a_colleagues_action_reaches_an_open_tui() {
    let cy = cyrus_with(&["01-bygglov-attefall.eml"]);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let id =
        json(&run(&cy, a.path(), "registrator", &["list", "--json"]))[0]["id"].as_str().unwrap().to_string();
    run(&cy, b.path(), "vikarie", &["list", "--json"]);
    let tmux = common::tmux::Tmux::new("cyrus-idle");
    let args = format!(
        "--imap imap+insecure://registrator@127.0.0.1:{}/{} --password-command 'echo registrator'",
        cy.plain_port,
        KOMMUN.replace(' ', "%20")
    );
    tmux.start_with(a.path(), "POSTRUM_TICK_SECS=3600", &args);
    tmux.wait_for("1 meddelande");
    tmux.dismiss_notice();
    std::thread::sleep(std::time::Duration::from_millis(800)); // IDLE established
    run(&cy, b.path(), "vikarie", &["assign", &id, "omar"]);
    run(&cy, b.path(), "vikarie", &["register", &id, "KS 2026/23"]);
    let screen = tmux.wait_for("KS 2026/23");
    assert!(screen.contains("omar"), "{screen}");
    tmux.keys(&["q"]);
}

/// On Cyrus too (issue 20: 3 of 3 rounds both told "Fördelat"): a first
/// assignment that meets a colleague's is refused with who was first, and
/// nothing of theirs is replaced; `--reassign` does it on purpose.
#[test]
fn on_cyrus_a_first_assignment_that_meets_a_colleague_s_is_a_lost_race() {
    let cy = cyrus_with(&["01-bygglov-attefall.eml"]);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let id = json(&run(&cy, b.path(), "vikarie", &["list", "--json"]))[0]["id"].as_str().unwrap().to_string();
    run(&cy, a.path(), "registrator", &["assign", &id, "eva"]);
    let out = command(&cy, b.path(), "vikarie", &["assign", &id, "omar"]).output().unwrap();
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(stderr(&out).contains("registrator hann före och fördelade till Eva Lind"), "{}", stderr(&out));
    let seen = json(&run(&cy, a.path(), "registrator", &["list", "--json"]));
    assert_eq!(seen[0]["assignee"], "eva", "{seen}");
    run(&cy, b.path(), "vikarie", &["assign", &id, "omar", "--reassign"]);
    let seen = json(&run(&cy, a.path(), "registrator", &["list", "--json"]));
    assert_eq!(seen[0]["assignee"], "omar", "{seen}");
}
