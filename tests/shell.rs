//! Shell completion and the manual page, made from the clap definitions:
//! the bash script loads in bash and completes subcommands, zsh and fish get
//! theirs, and the man page renders with `man -l`.

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
