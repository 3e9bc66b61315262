//! Benchmark: a substitute joins a mailbox with history. N messages on a
//! real Dovecot (loopback, plain); a colleague's postrum assigns every one
//! and records that none needs registration — two journal entries each,
//! written the way postrum writes them. Then, with empty data
//! directories: the first sync of the same mailbox without reading the
//! journal (the colleague's entries hidden: the journal folder renamed
//! away), and with it — the substitute joining. Seconds and peak RSS of
//! each (release binary, `postrum sync`), the ratio, and a no-change
//! refresh after joining. Run: scripts/bench-join [N…]

#[path = "../tests/common/dovecot.rs"]
mod dovecot;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use dovecot::Dovecot;

fn message(i: usize) -> (String, Vec<u8>) {
    let raw = format!(
        "From: Avsändare {i} <user{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Ärende {i}\r\n\
Message-ID: <join-{i}@exempel.se>\r\nDate: Mon, 2 Nov 2026 09:15:00 +0100\r\n\r\nHej.\r\n"
    );
    (format!("m{i}.host"), raw.into_bytes())
}

const CONFIG: &str = "[[handlaggare]]\nid = \"eva\"\nname = \"Eva Lind\"\n";

/// The arguments that open the mailbox with `data` as the data directory.
fn mailbox(dc: &Dovecot, data: &Path) -> Vec<String> {
    let url = format!("imap+insecure://registrator@127.0.0.1:{}/INBOX", dc.plain_port);
    ["--data-dir", data.to_str().unwrap(), "--imap", &url, "--password-command", "echo registrator"]
        .map(String::from)
        .to_vec()
}

/// `postrum ARGS` as `actor` on the mailbox; seconds and peak RSS (MB).
fn run(bin: &Path, dc: &Dovecot, data: &Path, actor: &str, args: &[&str]) -> (f64, f64) {
    std::fs::create_dir_all(data.join("config/postrum")).unwrap();
    std::fs::write(data.join("config/postrum/config.toml"), format!("actor = \"{actor}\"\n{CONFIG}"))
        .unwrap();
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(bin)
        .args(mailbox(dc, data))
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    let secs = start.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    let kb: f64 = err.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0.0);
    (secs, kb / 1024.0)
}

/// `postrum list --json` with `data` as the data directory.
fn list(bin: &Path, dc: &Dovecot, data: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(bin)
        .args(mailbox(dc, data))
        .args(["list", "--json"])
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array().unwrap().clone()
}

/// Two entries per message (assign, no registration needed), named by
/// the key Dovecot gave it (read from its `dovecot-uidlist`).
fn write_journal(dc: &Dovecot, n: usize) {
    use postrum::core::journal::{render, JournalEntry};
    use postrum::core::triage::Action;
    let inbox = dc.folder("registrator", "INBOX");
    let list = std::fs::read_to_string(inbox.join("dovecot-uidlist")).unwrap();
    let mut lines = list.lines();
    let head = lines.next().unwrap();
    let validity = head.split(' ').find_map(|f| f.strip_prefix('V')).unwrap().to_string();
    let mut keys = vec![String::new(); n];
    for l in lines {
        let (uid, rest) = l.split_once(' ').unwrap();
        let name = rest.rsplit_once(" :").map_or(rest.trim_start_matches(':'), |(_, f)| f);
        let name = name.trim_start_matches(':');
        if let Some(i) =
            name.strip_prefix('m').and_then(|r| r.split('.').next()).and_then(|d| d.parse::<usize>().ok())
        {
            keys[i] = format!("{validity}.{uid}");
        }
    }
    let entries = (0..n).flat_map(|i| {
        let key = keys[i].clone();
        [Action::Assign { who: "eva".into() }, Action::NoRegistration { reason: "reklam".into() }]
            .into_iter()
            .enumerate()
            .map(move |(k, action)| {
                let seq = 2 * i + k + 1;
                let e = JournalEntry {
                    message_id: format!("join-{i}@exempel.se"),
                    key: Some(key.clone()),
                    digest: None,
                    action,
                    actor: "anna".into(),
                    at: 1_796_000_000 + seq as i64,
                    origin: "anna-bench".into(),
                    entry: Some(format!("anna-bench.{seq}")),
                    claim: false,
                };
                (format!("j{seq:07}.host"), render(&e))
            })
    });
    dc.deliver_many("registrator", "Postrum", entries);
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![2_000, 20_000] } else { sizes };
    let bin = match std::env::var_os("POSTRUM_BENCH_BIN") {
        Some(other) => std::path::PathBuf::from(other),
        None => std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("postrum"),
    };
    println!("| messages | journal entries | first sync, no journal | its peak RSS | joining with the journal | its peak RSS | ratio | no-change refresh after |");
    println!("|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let dc = Dovecot::start();
        dc.deliver_many("registrator", "INBOX", (0..n).map(message));
        // the colleague's postrum: every message assigned, then recorded as
        // needing no registration — entries as postrum writes them, put in
        // the journal folder directly (writing them one by one over IMAP
        // would take an hour at 20,000: each claim searches the journal)
        let anna = tempfile::tempdir().unwrap();
        assert_eq!(list(&bin, &dc, anna.path()).len(), n);
        write_journal(&dc, n);
        let journal = dc.folder("registrator", "Postrum");
        let entries = std::fs::read_dir(journal.join("cur")).map(|d| d.count()).unwrap_or(0)
            + std::fs::read_dir(journal.join("new")).map(|d| d.count()).unwrap_or(0);
        // the same mailbox without its journal: the folder moved away
        let away = dc.folder("registrator", "Borta");
        std::fs::rename(&journal, &away).unwrap();
        let plain = tempfile::tempdir().unwrap();
        let (t0, m0) = run(&bin, &dc, plain.path(), "vikarie", &["sync"]);
        // (the sync may have made an empty journal in its place)
        let _ = std::fs::remove_dir_all(&journal);
        std::fs::rename(&away, &journal).unwrap();
        // the substitute joins
        let vikarie = tempfile::tempdir().unwrap();
        let (t1, m1) = run(&bin, &dc, vikarie.path(), "vikarie", &["sync"]);
        let (t2, _) = run(&bin, &dc, vikarie.path(), "vikarie", &["sync"]);
        // the substitute sees what the colleague did
        let list = list(&bin, &dc, vikarie.path());
        let handled = list.iter().filter(|m| m["assignee"] == "eva").count();
        assert_eq!(handled, n, "the substitute sees every assignment");
        println!(
            "| {n} | {entries} | {t0:.2} s | {m0:.0} MB | {t1:.2} s | {m1:.0} MB | {:.1}× | {t2:.2} s |",
            t1 / t0
        );
    }
}
