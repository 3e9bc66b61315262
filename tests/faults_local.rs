//! The fault suite, local part: what postrum does on this machine when it
//! goes wrong — a full disk, a read-only data directory (each in a mount
//! namespace of its own), several processes on one data directory, odd
//! command-line input. The IMAP part is tests/faults.rs.

mod common;

use common::imap::*;
use common::*;

fn mail(mid: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: Avsändare <avsandare@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: {subject}\r\n\
Message-ID: {mid}\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\nHej.\r\n"
    )
    .into_bytes()
}

/// Small things that must still hold: a year outside the calendar is a
/// clear error (it spun for ever), a name is echoed sanitized.
#[test]
fn odd_years_and_hostile_names_on_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    demo_data_dir(data.path());
    for year in ["9999", "10000", "1066"] {
        let out = postrum(data.path(), &["calendar", year]);
        assert!(!out.status.success(), "calendar {year}: {}", stdout(&out));
        assert!(stderr(&out).contains("mellan 1900 och 2200"), "{}", stderr(&out));
    }
    let out = postrum(data.path(), &["roster", "add", "eva\x1b]0;x\x07\x1b[31m", "2026-12-21", "2026-12-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains('\x1b') && !stdout(&out).contains('\x07'), "{:?}", stdout(&out));
    assert!(stdout(&out).contains("eva"), "{}", stdout(&out));
}

/// Runs a shell script in a mount namespace of its own (so it may mount a
/// small or read-only file system over a data directory), with `postrum`
/// and the demo Maildir at hand; returns what it printed.
fn in_namespace(script: &str, data: &std::path::Path, maildir: &std::path::Path) -> String {
    let cfg = data.join("config/postrum");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), CONFIG).unwrap();
    let script = format!("exec 2>&1\n{script}");
    let out = std::process::Command::new("unshare")
        .args(["-rm", "bash", "-c", &script, "script"])
        .arg(data)
        .arg(maildir)
        .arg(bin())
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", "registrator")
        .output()
        .expect("unshare (util-linux) is required for the disk tests");
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success(), "the script failed: {text}");
    text
}

fn demo_maildir() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    demo_data_dir(dir.path());
    let maildir = dir.path().join("demo/Maildir");
    (dir, maildir)
}

/// A read-only data directory: reading commands show the cache; an action
/// is refused with its own clear message.
#[test]
fn reading_commands_work_on_a_read_only_data_directory() {
    let (_m, maildir) = demo_maildir();
    let data = tempfile::tempdir().unwrap();
    let script = r#"
        D=$1; M=$2; P=$3
        ID=$("$P" --maildir "$M" --data-dir "$D" list --json | grep -o '"id": *"[^"]*"' | head -1 | cut -d'"' -f4)
        mount --bind "$D" "$D" && mount -o remount,bind,ro "$D" || exit 9
        echo "== list"; "$P" --maildir "$M" --data-dir "$D" list --jsonl | grep -c '"id"'; echo "exit ${PIPESTATUS[0]}"
        echo "== show"; "$P" --maildir "$M" --data-dir "$D" show "$ID" >/dev/null; echo "exit $?"
        echo "== log"; "$P" --maildir "$M" --data-dir "$D" log; echo "exit $?"
        echo "== assign"; "$P" --maildir "$M" --data-dir "$D" assign "$ID" eva; echo "exit $?"
    "#;
    let text = in_namespace(script, data.path(), &maildir);
    let section = |name: &str| {
        text.split(&format!("== {name}\n")).nth(1).unwrap_or("").split("== ").next().unwrap_or("").to_string()
    };
    assert!(section("list").contains("exit 0"), "{text}");
    assert!(section("list").lines().any(|l| l == "37"), "{text}");
    assert!(section("list").contains("skrivskyddad"), "{text}");
    assert!(section("show").contains("exit 0"), "{text}");
    assert!(section("log").contains("exit 0"), "{text}");
    assert!(!section("assign").contains("exit 0"), "{text}");
    assert!(section("assign").contains("skrivskyddad"), "{text}");
}

/// A full disk: the action is refused with its own message (not "disk I/O
/// error"), nothing logged is lost, and it works once there is room.
#[test]
fn a_full_disk_is_said_and_loses_nothing() {
    let (_m, maildir) = demo_maildir();
    let data = tempfile::tempdir().unwrap();
    let script = r#"
        D=$1; M=$2; P=$3
        mkdir -p "$D/db"; mount -t tmpfs -o size=2m tmpfs "$D/db" || exit 9; D="$D/db"
        IDS=$("$P" --maildir "$M" --data-dir "$D" list --json | grep -o '"id": *"[^"]*"' | cut -d'"' -f4)
        A=$(echo "$IDS" | sed -n 1p); B=$(echo "$IDS" | sed -n 2p)
        "$P" --maildir "$M" --data-dir "$D" assign "$A" eva >/dev/null || exit 8
        dd if=/dev/zero of="$D/fill" bs=4k 2>/dev/null
        echo "== full"; "$P" --maildir "$M" --data-dir "$D" assign "$B" eva; echo "exit $?"
        echo "== log"; "$P" --maildir "$M" --data-dir "$D" log --jsonl | grep -c '"seq"'; echo "exit ${PIPESTATUS[0]}"
        rm "$D/fill"
        echo "== room"; "$P" --maildir "$M" --data-dir "$D" assign "$B" eva; echo "exit $?"
        "$P" --maildir "$M" --data-dir "$D" log --jsonl | grep -c '"seq"'
    "#;
    let text = in_namespace(script, data.path(), &maildir);
    let section = |name: &str| {
        text.split(&format!("== {name}\n")).nth(1).unwrap_or("").split("== ").next().unwrap_or("").to_string()
    };
    assert!(!section("full").contains("exit 0"), "{text}");
    assert!(section("full").contains("full"), "{text}");
    assert!(!section("full").to_lowercase().contains("i/o"), "{text}");
    common::english::assert_swedish(&section("full"), "a full disk");
    assert!(section("log").lines().any(|l| l == "1"), "the first action is still there: {text}");
    assert!(section("room").contains("exit 0"), "{text}");
    assert!(text.trim_end().ends_with('2'), "both actions logged once: {text}");
}

/// Several postrum processes on one data directory at once, each acting
/// on its own messages, from a fresh directory: every action applied once,
/// none refused as "busy", and the list agrees with the log and the server.
#[test]
fn several_processes_on_one_data_directory_agree() {
    let (dc, probe) = setup();
    for i in 0..17 {
        let raw = mail(&format!("<m{i}@exempel.se>"), &format!("Ärende {i}"));
        dc.deliver("registrator", "INBOX", &format!("m{i}.host"), &raw);
    }
    let all = ids(&imap(&dc, probe.path(), "registrator", false, &["list", "--json"]));
    assert_eq!(all.len(), 20);
    let data = tempfile::tempdir().unwrap();
    // every script first (building a command writes the config file)
    let scripts: Vec<String> = all
        .chunks(5)
        .map(|chunk| {
            let mut script = String::new();
            for id in chunk {
                let c = command(&dc, data.path(), "registrator", false, CONFIG, &["assign", id, "eva"]);
                let args: Vec<String> = c
                    .get_args()
                    .map(|a| format!("'{}'", a.to_string_lossy().replace('\'', "'\\''")))
                    .collect();
                script.push_str(&format!(
                    "'{}' {} 2>&1 || echo FAILED {id}\n",
                    bin().display(),
                    args.join(" ")
                ));
            }
            script
        })
        .collect();
    let children: Vec<_> = scripts
        .iter()
        .map(|script| {
            std::process::Command::new("bash")
                .args(["-c", script])
                .env("HOME", data.path())
                .env("XDG_CONFIG_HOME", data.path().join("config"))
                .env("USER", "registrator")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    for o in &outputs {
        assert!(
            !stdout(o).contains("FAILED") && !stdout(o).contains("Loggat men"),
            "{}\n{}",
            stdout(o),
            stderr(o)
        );
    }
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let unassigned: Vec<&serde_json::Value> =
        list.as_array().unwrap().iter().filter(|m| m["assignee"] != "eva").collect();
    assert!(unassigned.is_empty(), "shown as not assigned: {unassigned:?}");
    let log = json(&imap(&dc, data.path(), "registrator", false, &["log", "--json"]));
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 20, "each action logged once: {log}");
    assert!(entries.iter().all(|e| e["state"] == "applied"), "{log}");
    let flags = dc.flags("vikarie", "INBOX");
    assert_eq!(flags.lines().filter(|l| l.contains("FETCH") && l.contains("$PostrumAssigned")).count(), 20);
}

/// Four processes acting at once on one data directory (a Maildir): none
/// is told "locked" within milliseconds, no action is logged twice or
/// lost, and the list agrees with the log.
#[test]
fn no_false_busy_with_four_processes_at_once() {
    let (_m, maildir) = demo_maildir();
    let data = tempfile::tempdir().unwrap();
    let cfg = data.path().join("config/postrum");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), CONFIG).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(bin())
            .args(["--maildir", maildir.to_str().unwrap(), "--data-dir", data.path().to_str().unwrap()])
            .args(args)
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env("USER", "registrator")
            .output()
            .unwrap()
    };
    let list = json(&run(&["list", "--json"]));
    let ids: Vec<String> =
        list.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect();
    let outputs: Vec<std::process::Output> = std::thread::scope(|s| {
        let workers: Vec<_> = ids
            .chunks(ids.len().div_ceil(4))
            .enumerate()
            .map(|(k, chunk)| {
                let run = &run;
                s.spawn(move || {
                    let mut outs = Vec::new();
                    for (j, id) in chunk.iter().enumerate() {
                        outs.push(run(&["assign", id, "eva"]));
                        outs.push(run(&["register", id, &format!("KS 2026/{}", k * 100 + j + 1)]));
                    }
                    outs
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    let failed: Vec<String> = outputs.iter().filter(|o| !o.status.success()).map(stderr).collect();
    assert!(failed.is_empty(), "{failed:?}");
    let log = json(&run(&["log", "--json", "--limit", "1000"]));
    assert_eq!(log.as_array().unwrap().len(), outputs.len(), "each action logged once");
    let list = json(&run(&["list", "--json"]));
    let done = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["assignee"] == "eva" && !m["diarienummer"].is_null())
        .count();
    assert_eq!(done, ids.len());
}
