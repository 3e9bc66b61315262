//! A server without UIDPLUS (UID EXPUNGE refused): a delete still removes
//! exactly the message — what a colleague has marked \Deleted in the same
//! folder is neither expunged nor loses its mark.

mod common;

use common::dovecot::Dovecot;
use common::imap::*;
use common::proxy::{Fault, Proxy};
use common::*;

#[test]
fn without_uidplus_a_delete_takes_only_its_own_message() {
    let dc = Dovecot::start();
    dc.deliver("registrator", "INBOX", "a.host", &demo_message("07-nyhetsbrev.eml"));
    dc.deliver("registrator", "INBOX", "b.host", &demo_message("01-bygglov-attefall.eml"));
    // a colleague's client marked the second \Deleted and did not expunge
    let marked = dc.raw("vikarie", &["SELECT INBOX", "UID STORE 2 +FLAGS (\\Deleted)"]);
    assert!(marked.contains("a2 OK"), "{marked}");
    let proxy = Proxy::start(dc.plain_port);
    proxy.on("UID EXPUNGE", Fault::Refuse("BAD Unknown command"), 1000);
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let cfg = data.path().join("config/postrum");
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(cfg.join("config.toml"), TWO).unwrap();
        let out = std::process::Command::new(bin())
            .args(["--data-dir", data.path().to_str().unwrap()])
            .args(["--imap", &format!("imap+insecure://registrator@127.0.0.1:{}/INBOX", proxy.port)])
            .args(["--password-command", "echo registrator"])
            .args(args)
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    };
    let list = json(&run(&["list", "--json"]));
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("Kommunnytt"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    run(&["register", &id, "--none", "nyhetsbrev"]);
    run(&["delete", &id]);
    assert!(proxy.count("UID EXPUNGE") > 0, "UID EXPUNGE was tried and refused");
    let flags = dc.flags("vikarie", "INBOX");
    assert!(!flags.contains("UID 1 "), "the newsletter is gone: {flags}");
    assert!(
        flags.contains("UID 2 ") && flags.contains("\\Deleted"),
        "the colleague's message stays, still marked: {flags}"
    );
}
