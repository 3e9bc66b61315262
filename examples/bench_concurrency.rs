//! Load benchmark of postrum's durability under concurrency (not a timed
//! test: it reports what happened, and fails only when an action was lost,
//! doubled, or told wrongly).
//!
//! 1. Four processes × 200 actions on one data directory (a Maildir of 400
//!    messages; each process assigns and registers its own 100): every
//!    action applied once or refused with a true reason, the log and the
//!    list agreeing.
//! 2. Two registrators, each with their own data directory, claiming the
//!    same 100 messages against each other over IMAP (a real Dovecot), at
//!    the very same moment: both log the first assignment, wait at a
//!    barrier (the fault hook `POSTRUM_FAULT=wait-for:`), and are released
//!    together. Exactly one winner per message, the loser told who won,
//!    both lists and the server agreeing.
//! 3. The same race without the barrier: both processes started at once,
//!    so one's look at the server before acting may see the other's
//!    assignment already (issue 20: that was taken for a reassignment and
//!    both were told "Fördelat"). Exactly one told it won, the other by whom.
//!
//! Run: scripts/bench-concurrency

#[path = "../tests/common/dovecot.rs"]
mod dovecot;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use dovecot::Dovecot;

/// The postrum built beside this example, or `POSTRUM_BENCH_BIN` (another
/// build, to compare).
fn bin() -> PathBuf {
    if let Some(other) = std::env::var_os("POSTRUM_BENCH_BIN") {
        return PathBuf::from(other);
    }
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().join("postrum")
}

fn message(i: usize) -> Vec<u8> {
    format!(
        "From: Avsändare {i} <user{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Ärende {i}\r\n\
Message-ID: <load-{i}@exempel.se>\r\nDate: Mon, 23 Nov 2026 09:15:00 +0100\r\n\r\nHej.\r\n"
    )
    .into_bytes()
}

const CONFIG: &str = r#"
[[handlaggare]]
id = "eva"
name = "Eva Lind"

[[handlaggare]]
id = "omar"
name = "Omar Haddad"
"#;

fn home(data: &Path) {
    let cfg = data.join("config/postrum");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), CONFIG).unwrap();
}

fn run(data: &Path, source: &[String], args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--data-dir")
        .arg(data)
        .args(source)
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", "registrator")
        .output()
        .unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The ids of the messages, in subject order ("Ärende 0", "Ärende 1"…).
fn ids_by_subject(list: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<(usize, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| {
            let n = m["subject"].as_str()?.strip_prefix("Ärende ")?.parse().ok()?;
            Some((n, m["id"].as_str()?.to_string()))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, id)| id).collect()
}

#[derive(Default, Debug)]
struct Tally {
    applied: usize,
    taken: usize,
    /// Of those taken: told the winner's handläggare by name.
    named: usize,
    busy: usize,
    other: Vec<String>,
}

fn tally(outputs: &[Output]) -> Tally {
    let mut t = Tally::default();
    for o in outputs {
        let err = String::from_utf8_lossy(&o.stderr);
        if o.status.success() && !String::from_utf8_lossy(&o.stdout).contains("Loggat men") {
            t.applied += 1;
        } else if err.contains("hann") {
            // "hann först och fördelade till eva" (the claim lost in the
            // journal) or "registrator hann före och fördelade till Eva
            // Lind" (the colleague's assignment seen before acting)
            t.taken += 1;
            let named = ["till eva", "till omar", "till Eva Lind", "till Omar Haddad"];
            t.named += usize::from(named.iter().any(|n| err.contains(n)));
        } else if err.contains("låst") {
            t.busy += 1;
        } else {
            t.other.push(format!("{}{}", String::from_utf8_lossy(&o.stdout), err));
        }
    }
    t
}

fn one_data_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let maildir = tmp.path().join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    for i in 0..400 {
        std::fs::write(maildir.join("new").join(format!("m{i}.host")), message(i)).unwrap();
    }
    let data = tmp.path().join("data");
    home(&data);
    let source = vec!["--maildir".to_string(), maildir.display().to_string()];
    let ids = ids_by_subject(&json(&run(&data, &source, &["list", "--json"])));
    assert_eq!(ids.len(), 400);
    let start = Instant::now();
    let workers: Vec<_> = ids
        .chunks(100)
        .enumerate()
        .map(|(k, chunk)| {
            let (data, source, chunk) = (data.clone(), source.clone(), chunk.to_vec());
            std::thread::spawn(move || {
                let mut outs = Vec::new();
                for (j, id) in chunk.iter().enumerate() {
                    outs.push(run(&data, &source, &["assign", id, "eva"]));
                    let dnr = format!("KS 2026/{}", k * 1000 + j + 1);
                    outs.push(run(&data, &source, &["register", id, &dnr]));
                }
                outs
            })
        })
        .collect();
    let outputs: Vec<Output> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let secs = start.elapsed().as_secs_f64();
    let t = tally(&outputs);
    let log = json(&run(&data, &source, &["log", "--json", "--limit", "10000"]));
    let entries = log.as_array().unwrap();
    let applied_in_log = entries.iter().filter(|e| e["state"] == "applied").count();
    let list = json(&run(&data, &source, &["list", "--json"]));
    let done = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["assignee"] == "eva" && m["diarienummer"].as_str().is_some_and(|d| d.starts_with("KS")))
        .count();
    println!("## 4 processes × 200 actions on one data directory (Maildir, 400 messages)\n");
    println!("| actions | applied | refused busy | other | log entries | applied in log | assigned and registered in the list | wall time |");
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {} | {} | {} | {} | {} of 400 | {secs:.1} s |\n",
        outputs.len(),
        t.applied,
        t.busy,
        t.other.len(),
        entries.len(),
        applied_in_log,
        done
    );
    for o in &t.other {
        println!("    other: {}", o.trim());
    }
    check(t.applied + t.busy == 800, "every action applied or refused as busy");
    check(entries.len() == t.applied, "each applied action logged exactly once, a refused one never");
    check(applied_in_log == t.applied, "the log says applied for what was applied");
    check(done == t.applied / 2, "the list agrees with the log");
}

/// `barrier`: both hold between logging and applying until released
/// together (the claims meet on the server); without it both start at
/// once, and one's look at the server before acting may already see the
/// other's assignment (a lost race too, told by whom).
fn two_users_over_imap(barrier: bool) {
    let dc = Dovecot::start();
    dc.deliver_many("registrator", "INBOX", (0..100).map(|i| (format!("m{i}.host"), message(i))));
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("anna"), tmp.path().join("bo"));
    home(&a);
    home(&b);
    let source = |user: &str| -> Vec<String> {
        vec![
            "--imap".into(),
            format!("imap+insecure://{user}@127.0.0.1:{}/INBOX", dc.plain_port),
            "--password-command".into(),
            format!("echo {user}"),
        ]
    };
    let (sa, sb) = (source("registrator"), source("vikarie"));
    let ids = ids_by_subject(&json(&run(&a, &sa, &["list", "--json"])));
    json(&run(&b, &sb, &["list", "--json"]));
    assert_eq!(ids.len(), 100);
    let start = Instant::now();
    let (mut oa, mut ob) = (Vec::new(), Vec::new());
    for (i, id) in ids.iter().enumerate() {
        let barrier_file = tmp.path().join(format!("go-{i}"));
        let race = |data: &Path, src: &[String], who: &str| {
            let mut c = Command::new(bin());
            c.arg("--data-dir")
                .arg(data)
                .args(src)
                .args(["assign", id, who])
                .env("HOME", data)
                .env("XDG_CONFIG_HOME", data.join("config"))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            if barrier {
                c.env("POSTRUM_FAULT", format!("wait-for:{}", barrier_file.display()));
            }
            let mut child = c.spawn().unwrap();
            let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
            if barrier {
                // the first line: logged, waiting at the barrier
                let mut line = String::new();
                std::io::BufRead::read_line(&mut err, &mut line).unwrap();
                assert!(line.contains("waiting"), "{line}");
            }
            (child, err)
        };
        let (ca, ea) = race(&a, &sa, "eva");
        let (cb, eb) = race(&b, &sb, "omar");
        std::fs::write(&barrier_file, b"").unwrap();
        for ((child, mut err), out) in [((ca, ea), &mut oa), ((cb, eb), &mut ob)] {
            let mut rest = Vec::new();
            std::io::Read::read_to_end(&mut err, &mut rest).unwrap();
            let mut o = child.wait_with_output().unwrap();
            o.stderr = rest;
            out.push(o);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let (ta, tb) = (tally(&oa), tally(&ob));
    let la = json(&run(&a, &sa, &["list", "--json"]));
    let lb = json(&run(&b, &sb, &["list", "--json"]));
    let who = |l: &serde_json::Value, id: &str| -> String {
        l.as_array().unwrap().iter().find(|m| m["id"] == id).unwrap()["assignee"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let mut agree = 0;
    let mut both_claimed = 0;
    for (i, id) in ids.iter().enumerate() {
        let (wa, wb) = (who(&la, id), who(&lb, id));
        let a_won = oa[i].status.success();
        let b_won = ob[i].status.success();
        if a_won && b_won {
            both_claimed += 1;
        }
        let winner = if a_won { "eva" } else { "omar" };
        if wa == winner && wb == winner {
            agree += 1;
        }
    }
    let flags = dc.flags("registrator", "INBOX");
    let on_server = flags.lines().filter(|l| l.contains("FETCH") && l.contains("$PostrumAssigned")).count();
    let how = if barrier { "released together after logging" } else { "started at once" };
    println!("## Two registrators claiming the same 100 messages over IMAP (own data directories, {how})\n");
    println!("| messages | won by anna | won by bo | lost | loser told the winner's name | won by both | other | lists and winner agree | claimed on the server | wall time |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| 100 | {} | {} | {} | {} | {both_claimed} | {} | {agree} of 100 | {on_server} | {secs:.1} s |\n",
        ta.applied,
        tb.applied,
        ta.taken + tb.taken,
        ta.named + tb.named,
        ta.other.len() + tb.other.len()
    );
    for o in ta.other.iter().chain(&tb.other) {
        println!("    other: {}", o.trim());
    }
    check(both_claimed == 0, "never two winners for one message");
    check(ta.applied + tb.applied == 100, "a winner for every message");
    check(ta.taken + tb.taken == 100, "every loser told");
    check(ta.named + tb.named == 100, "every loser told by whom");
    check(agree == 100, "both lists show the winner");
    check(on_server == 100, "every message claimed on the server");
}

/// What did not hold, reported at the end (both parts always run).
static FAILED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn check(ok: bool, what: &str) {
    if !ok {
        FAILED.lock().unwrap().push(what.to_string());
    }
}

fn main() {
    one_data_directory();
    two_users_over_imap(true);
    two_users_over_imap(false);
    let failed = FAILED.lock().unwrap();
    if !failed.is_empty() {
        eprintln!("did not hold:\n  {}", failed.join("\n  "));
        std::process::exit(1);
    }
}
