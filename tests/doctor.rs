//! `postrum doctor` against real servers that behave as the providers do:
//! what the server offers and what postrum will do, in both languages
//! (snapshots), and a non-zero exit when something will not work.

mod common;

use std::process::Output;

use common::dovecot::Dovecot;
use common::imap::*;
use common::postfix::{Postfix, DOVECOT_EXTRA};
use common::variants::{GMAIL, KEYWORDLESS};
use common::*;

fn doctor(dc: &Dovecot, extra: &[&str], lang: &str) -> Output {
    let data = tempfile::tempdir().unwrap();
    let mut args = vec!["--lang", lang];
    args.extend_from_slice(extra);
    args.push("doctor");
    imap(dc, data.path(), "registrator", false, &args)
}

fn text(out: &Output) -> String {
    let s = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(out));
    // ports and temporary paths change from run to run
    let ports = regex::Regex::new(r":\d{4,5}").unwrap();
    ports.replace_all(&s, ":PORT").into_owned()
}

#[test]
fn doctor_on_a_plain_dovecot_with_submission_in_both_languages() {
    let dc = Dovecot::start_with(DOVECOT_EXTRA);
    let pf = Postfix::start(&dc);
    dc.deliver("registrator", "INBOX", "m.host", &demo_message("01-bygglov-attefall.eml"));
    let smtp = format!("smtp://registrator@localhost:{}", pf.submission);
    let extra = ["--smtp", smtp.as_str(), "--address", "registrator@norrvik.se"];
    let sv = doctor(&dc, &extra, "sv");
    assert!(sv.status.success(), "{}", text(&sv));
    insta::assert_snapshot!("doctor_dovecot_sv", text(&sv));
    let en = doctor(&dc, &extra, "en");
    insta::assert_snapshot!("doctor_dovecot_en", text(&en));
    // a wrong SMTP login: the check fails, and the exit says so
    let wrong = format!("smtp://nobody@localhost:{}", pf.submission);
    let out = doctor(&dc, &["--smtp", wrong.as_str(), "--address", "registrator@norrvik.se"], "sv");
    assert!(!out.status.success() && text(&out).contains("✗ Utgående e-post"), "{}", text(&out));
}

#[test]
fn doctor_on_gmail_and_on_a_server_without_keywords() {
    let dc = Dovecot::start_with(GMAIL);
    let out = doctor(&dc, &[], "sv");
    assert!(out.status.success(), "{}", text(&out));
    insta::assert_snapshot!("doctor_gmail_sv", text(&out));
    let no_trash = Dovecot::start_with(&GMAIL.replace("special_use = \\Trash", "special_use ="));
    let out = doctor(&no_trash, &[], "en");
    assert!(
        !out.status.success() && text(&out).contains("✗ The server keeps expunged mail in All Mail"),
        "{}",
        text(&out)
    );
    // a localized Gmail: folder names in modified UTF-7 on the wire, shown decoded
    let swedish = Dovecot::start_with(&GMAIL.replace("[Gmail]/Trash", "[Gmail]/Papperskorgen för skräp"));
    let out = doctor(&swedish, &[], "sv");
    assert!(
        text(&out).contains("flyttas till [Gmail]/Papperskorgen för skräp och tas bort där"),
        "{}",
        text(&out)
    );
    let kw = Dovecot::start_with(KEYWORDLESS);
    let out = doctor(&kw, &[], "en");
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn doctor_on_a_mailbox_shared_by_acl_and_on_an_unreachable_server() {
    let dc = Dovecot::start_shared_without_journal();
    let data = tempfile::tempdir().unwrap();
    let url = format!("imap://anna@localhost:{}/{}", dc.plain_port, common::acl::KOMMUN);
    let run_args = |args: &[&str]| {
        std::process::Command::new(bin())
            .args([
                "--data-dir",
                data.path().to_str().unwrap(),
                "--imap",
                &url,
                "--password-command",
                "echo anna",
            ])
            .args(["--ca-file", dc.ca().to_str().unwrap()])
            .args(args)
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .output()
            .unwrap()
    };
    let run = || run_args(&["doctor"]);
    let out = run();
    assert!(!out.status.success(), "{}", text(&out));
    insta::assert_snapshot!("doctor_shared_missing_journal_sv", text(&out));
    dc.create_shared_journal();
    let out = run();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("✓ Journalen shared/kommun/Postrum finns."), "{}", text(&out));
    assert!(text(&out).contains("· Klockskillnaden mot servern syns först"), "{}", text(&out));
    // after an entry of our own in the journal: the offset (one machine: about 0 s)
    dc.deliver("kommun", "INBOX", "m.host", &demo_message("01-bygglov-attefall.eml"));
    let cfg = data.path().join("config/postrum");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), TWO).unwrap();
    let list = json(&run_args(&["list", "--json"]));
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert!(run_args(&["assign", &id, "eva"]).status.success());
    let shown = text(&run());
    let offset: i64 = shown
        .split("Serverns klocka skiljer ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(offset.abs() <= 2, "{shown}");
    dc.stop();
    let out = run();
    assert!(!out.status.success() && text(&out).contains("✗ Servern går inte att nå"), "{}", text(&out));
}
