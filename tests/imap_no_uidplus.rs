//! A server without UIDPLUS (UID EXPUNGE refused): a delete still removes
//! exactly the message — what a colleague has marked \Deleted in the same
//! folder is neither expunged nor loses its mark, not even for a moment:
//! while such a mark stands, the deletion waits and says why.

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
    let run_any = |args: &[&str]| {
        let cfg = data.path().join("config/postrum");
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(cfg.join("config.toml"), TWO).unwrap();
        std::process::Command::new(bin())
            .args(["--data-dir", data.path().to_str().unwrap()])
            .args(["--imap", &format!("imap+insecure://registrator@127.0.0.1:{}/INBOX", proxy.port)])
            .args(["--password-command", "echo registrator"])
            .args(args)
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .output()
            .unwrap()
    };
    let run = |args: &[&str]| {
        let out = run_any(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    };
    let id = id_with(&json(&run(&["list", "--json"])), "Kommunnytt");
    run(&["register", &id, "--none", "nyhetsbrev"]);
    let out = run_any(&["delete", &id]);
    assert!(proxy.count("UID EXPUNGE") > 0, "UID EXPUNGE was tried and refused");
    let said = stdout(&out) + &stderr(&out);
    assert!(!out.status.success(), "not done: {said}");
    assert!(said.contains("marked \\Deleted by someone else"), "{said}");
    let flags = dc.flags("vikarie", "INBOX");
    let marked = flags.lines().filter(|l| l.contains("FETCH") && l.contains("\\Deleted")).count();
    assert!(flags.contains("UID 2 ") && marked == 2, "both stay, the colleague's still marked: {flags}");
    // the colleague's client expunges; the next sync finds the deletion done
    assert!(dc.raw("vikarie", &["SELECT INBOX", "EXPUNGE"]).contains("a2 OK"));
    run(&["sync"]);
    let log = json(&run(&["log", "--json"]));
    assert_eq!(log[0]["action"], "delete", "{log}");
    assert_eq!(log[0]["state"], "applied", "{log}");
    // with nothing else marked, a plain EXPUNGE takes just the message
    dc.deliver("registrator", "INBOX", "c.host", &demo_message("07-nyhetsbrev.eml"));
    dc.deliver("registrator", "INBOX", "d.host", &demo_message("09-english.eml"));
    let id = id_with(&json(&run(&["list", "--json"])), "Kommunnytt");
    run(&["register", &id, "--none", "nyhetsbrev"]);
    run(&["delete", &id]);
    let flags = dc.flags("vikarie", "INBOX");
    let left: Vec<&str> = flags.lines().filter(|l| l.contains("FETCH")).collect();
    assert_eq!(left.len(), 1, "only the other message is left: {flags}");
    assert!(!left[0].contains("\\Deleted"), "{flags}");
}
