//! Shell completion and the manual page, made from the clap definitions:
//! the bash script loads in bash and completes subcommands, zsh and fish get
//! theirs, and the man page renders with `man -l`. A long list streamed into
//! a pipe keeps its order, and a pipe closed early is no error.

mod common;

use std::process::Command;

use common::bin;

fn run(args: &[&str]) -> String {
    let out = Command::new(bin()).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bash_completion_loads_and_completes_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("postrum.bash");
    std::fs::write(&script, run(&["completions", "bash"])).unwrap();
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let program = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; \
             _postrum postrum '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" "),
            words.len() - 1,
            line.len(),
            words[words.len() - 1],
            words[words.len().saturating_sub(2)],
        );
        let out = Command::new("bash").args(["--norc", "-c", &program]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(complete("postrum re"), ["register", "reply", "report"]);
    let opts = complete("postrum report --");
    for o in ["--from", "--to", "--json"] {
        assert!(opts.iter().any(|x| x == o), "{o} in {opts:?}");
    }
    assert_eq!(complete("postrum completions f"), ["fish"]);
}

#[test]
fn zsh_and_fish_get_their_own() {
    let zsh = run(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef postrum") && zsh.contains("report"), "{}", &zsh[..200]);
    let fish = run(&["completions", "fish"]);
    assert!(fish.contains("complete -c postrum") && fish.contains("postlista"));
}

#[test]
fn the_man_page_renders_with_man() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("postrum.1");
    std::fs::write(&page, run(&["man"])).unwrap();
    let out = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man (man-db) is installed by scripts/test");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for part in ["NAME", "SYNOPSIS", "OPTIONS", "SUBCOMMANDS", "FILES", "report", "completions"] {
        assert!(text.contains(part), "{part}:\n{text}");
    }
    assert!(!text.contains("\\f"), "roff escapes left in the text");
}

/// More messages than pass between the reading and the writing thread at
/// once: every one arrives, in the list's order, in each shape; `| head`
/// ends the list quietly.
#[test]
fn a_long_list_streams_in_order_and_a_closed_pipe_is_no_error() {
    let data = tempfile::tempdir().unwrap();
    common::demo_data_dir(data.path());
    let new = data.path().join("demo/Maildir/new");
    for i in 0..1500u64 {
        let mail = format!(
            "From: Avsändare {i} <a{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Ärende \"{i}\"\r\n\
             Message-ID: <long-{i}@exempel.se>\r\nDate: Thu, 26 Nov 2026 {:02}:{:02}:00 +0100\r\n\r\nHej\r\n",
            i / 60 % 24,
            i % 60
        );
        std::fs::write(new.join(format!("{}.long{i}.host", 1_790_000_000 + i)), mail).unwrap();
    }
    let list = common::json(&common::postrum(data.path(), &["list", "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1500 + postrum::mail::demo::MESSAGES.len());
    let received: Vec<jiff::Timestamp> =
        list.iter().map(|m| m["received"].as_str().unwrap().parse().unwrap()).collect();
    assert!(received.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    assert!(list.iter().any(|m| m["subject"] == "Ärende \"1499\""));
    let out = common::postrum(data.path(), &["list", "--jsonl"]);
    let lines: Vec<serde_json::Value> =
        common::stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids =
        |v: &[serde_json::Value]| v.iter().map(|m| m["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&lines), ids(list));
    // a reader that stops early
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' --demo --data-dir '{}' list --json | head -c 100 >/dev/null; echo \"exit ${{PIPESTATUS[0]}}\"",
            bin().display(),
            data.path().display()
        ))
        .env("HOME", data.path())
        .env("XDG_CONFIG_HOME", data.path().join("config"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "exit 0");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "nothing said about the closed pipe");
}
