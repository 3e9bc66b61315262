//! Malformed MIME never panics or hangs: the corpus under tests/corpus
//! (unterminated and missing boundaries, bad base64, unknown and lying
//! charsets, 8-bit headers, nested messages, terminal escapes, empty
//! files) plus generated giants (deep nesting, a huge header, a 1 MB line,
//! thousands of parts). Each is listed, shown and rendered; what reaches
//! the terminal is clean, and what could not be read is said.

mod common;

use std::path::Path;

use common::*;
use postrum::core::inspect::InspectConfig;
use postrum::core::message::{self, Note};
use postrum::core::sanitize::{is_clean, is_invisible_format};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    let mut deep = String::from("From: a@b.se\r\nSubject: djup\r\n");
    for i in 0..2000 {
        deep.push_str(&format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n"));
    }
    deep.push_str("Content-Type: text/plain\r\n\r\nlängst in\r\n");
    out.push(("generated-deep-nesting".into(), deep.into_bytes()));
    out.push((
        "generated-huge-header".into(),
        format!("From: a@b.se\r\nSubject: {}\r\n\r\nx", "å".repeat(600_000)).into_bytes(),
    ));
    out.push((
        "generated-1mb-line".into(),
        format!("From: a@b.se\r\nSubject: lång rad\r\n\r\n{}\r\n", "x\u{202e}y ".repeat(300_000))
            .into_bytes(),
    ));
    let mut parts = String::from(
        "From: a@b.se\r\nSubject: många delar\r\nContent-Type: multipart/mixed; boundary=P\r\n\r\n",
    );
    for i in 0..5000 {
        parts.push_str(&format!(
            "--P\r\nContent-Type: application/octet-stream; name=\"f{i}.exe\"\r\n\r\nMZ\r\n"
        ));
    }
    parts.push_str("--P--\r\n");
    out.push(("generated-many-parts".into(), parts.into_bytes()));
    out
}

#[test]
fn every_malformed_message_is_read_as_far_as_it_goes() {
    let cfg = InspectConfig { own_domains: vec!["norrvik.se".into()], ..InspectConfig::default() };
    let t = postrum::i18n::Lang::Sv.texts();
    for (name, raw) in corpus() {
        let summary = message::summarize(&raw, &cfg);
        let view = message::view(&raw, &cfg, false);
        for s in [&summary.subject, &summary.from_name, &summary.from_addr, &view.to, &view.body] {
            assert!(is_clean(s), "{name}: {s:?}");
        }
        for w in &view.warnings {
            assert!(is_clean(&w.detail), "{name}: {:?}", w.detail);
        }
        for a in &view.attachments {
            assert!(is_clean(&a.name) && is_clean(&a.mime), "{name}");
        }
        let stored = postrum::store::StoredMessage {
            id: "x".into(),
            key: "k".into(),
            summary: summary.clone(),
            received: 0,
            size: raw.len() as u64,
            present: true,
            answered: false,
            triage: Default::default(),
            pending_delete: false,
        };
        let (lines, _) = postrum::present::message_lines(t, &stored, &view, None);
        assert!(lines.iter().all(|l| is_clean(l)), "{name}");
    }
}

#[test]
fn what_could_not_be_read_is_said() {
    let cfg = InspectConfig::default();
    let read = |name: &str| {
        let raw =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name)).unwrap();
        message::view(&raw, &cfg, false)
    };
    let v = read("unterminated-boundary.eml");
    assert!(v.notes.contains(&Note::UnterminatedMultipart), "{:?}", v.notes);
    assert!(v.body.contains("Första delen finns."), "what could be read is shown: {:?}", v.body);
    assert!(read("empty.eml").summary.problem.is_some());
    let v = read("terminal-escapes.eml");
    assert!(
        v.summary.subject.starts_with("escape") && !v.summary.subject.contains("titel"),
        "{:?}",
        v.summary.subject
    );
    assert!(v.body.contains("färg"));
    let v = read("eight-bit-headers.eml");
    assert!(!v.summary.subject.contains('\u{202e}'));
}

#[test]
fn the_binary_lists_and_shows_the_corpus_with_clean_output() {
    let data = tempfile::tempdir().unwrap();
    let md = data.path().join("Mail");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(md.join(sub)).unwrap();
    }
    for (i, (name, raw)) in corpus().into_iter().enumerate() {
        std::fs::write(md.join("cur").join(format!("{i}.{name}.host:2,S")), raw).unwrap();
    }
    let run = |args: &[&str]| {
        std::process::Command::new(bin())
            .args(["--data-dir", data.path().to_str().unwrap(), "--maildir", md.to_str().unwrap()])
            .args(args)
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .output()
            .unwrap()
    };
    let list = json(&run(&["list", "--json"]));
    let ids: Vec<String> =
        list.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), corpus().len());
    for id in &ids {
        for args in [vec!["show", id.as_str()], vec!["show", id.as_str(), "--json"]] {
            let out = run(&args);
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            let text = stdout(&out);
            assert!(
                text.chars().all(|c| (c == '\n' || !c.is_control()) && !is_invisible_format(c)),
                "{args:?}"
            );
        }
    }
}
