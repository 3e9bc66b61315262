//! The registrator's day on a server that behaves as Microsoft Exchange
//! Online's IMAP does (common::variants::EXCHANGE: no custom keywords, no
//! CONDSTORE, `Sent Items` and `Deleted Items`, its greeting, a connection
//! limit) with a real Postfix beside it, and IDLE cut after a while by the
//! fault proxy: status through the journal, one winner of a claim, no
//! second copy in Sent Items, a delete that purges the right folders, and
//! colleagues who see each other within the poll interval.

mod common;

use std::time::{Duration, SystemTime};

use common::imap::command;
use common::proxy::{Fault, Proxy};
use common::smtp::{citizen, servers_with, CONFIG};
use common::tmux::Tmux;
use common::variants::EXCHANGE;

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn find<'a>(list: &'a serde_json::Value, needle: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap_or("").contains(needle))
        .unwrap_or_else(|| panic!("no {needle} in {list}"))
}

#[test]
fn the_registrators_day_holds_on_an_exchange_like_server() {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_630_400);
    let s = servers_with(EXCHANGE, &[("2.host", citizen(2, "")), ("3.host", citizen(3, ""))]);
    s.dc.deliver_at("registrator", "INBOX", "1.host", &citizen(1, ""), at);
    // a colleague in Outlook deleted a copy of it: it lies in Deleted Items
    s.dc.deliver_at("registrator", "Deleted Items", "1.copy", &citizen(1, ""), at);
    let vikarie = tempfile::tempdir().unwrap();
    let colleague =
        |args: &[&str]| command(&s.dc, vikarie.path(), "vikarie", false, CONFIG, args).output().unwrap();

    let id1 = s.id_of("bygglov 1");
    let out = s.ok(&["assign", &id1, "lisa"]);
    assert!(!out.contains("nyckelord"), "{out}");
    assert_eq!(s.wait_for("lisa", "INBOX", 1).len(), 1, "the forward went");
    s.ok(&["register", &id1, "KS 2026/11"]);
    // no keywords on the server: the colleague learns it from the journal
    assert!(!s.dc.flags("registrator", "INBOX").contains("$Postrum"));
    let seen = json(&colleague(&["list", "--json"]));
    let m = find(&seen, "bygglov 1");
    assert_eq!(m["assignee"], "lisa", "{m}");
    assert_eq!(m["diarienummer"], "KS 2026/11", "{m}");

    // a claim has one winner: the colleague was first
    let id2 = find(&seen, "bygglov 2")["id"].as_str().unwrap().to_string();
    let out = colleague(&["assign", &id2, "eva", "--no-forward"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = s.run(&["assign", &id2, "lisa"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("hann före"), "{err}");

    // the kvittens: Exchange files what it relays in Sent Items by itself,
    // so postrum puts no copy there
    let out = s.ok(&["ack", &id1, "--send"]);
    assert!(out.contains("Kvittensen har skickats"), "{out}");
    let got = s.wait_for("medborgare", "INBOX", 1);
    assert_eq!(got.len(), 1);
    assert!(s.dc.files("registrator", "Sent Items").is_empty(), "no second copy");
    // …as the server would have filed it
    s.dc.deliver("registrator", "Sent Items", "kvittens.copy", &got[0]);

    // deleting the handled message takes its copy from Deleted Items and
    // what was sent about it from Sent Items
    s.ok(&["delete", &id1]);
    assert!(s.dc.files("registrator", "Deleted Items").is_empty(), "the copy in Deleted Items");
    assert!(s.dc.files("registrator", "Sent Items").is_empty(), "the kvittens in Sent Items");
    let left = json(&colleague(&["list", "--json"]));
    assert_eq!(left.as_array().unwrap().len(), 2, "{left}");
}

#[test]
fn colleagues_see_each_other_within_the_poll_interval_when_idle_is_cut() {
    let s = servers_with(EXCHANGE, &[("1.host", citizen(1, ""))]);
    // Exchange drops an IDLE after a while: here after a second, every time
    let proxy = Proxy::start(s.dc.plain_port);
    proxy.on("IDLE", Fault::CutAfter(Duration::from_secs(1)), 1000);
    let vikarie = tempfile::tempdir().unwrap();
    let cfg = vikarie.path().join("config/postrum");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), CONFIG).unwrap();
    let tmux = Tmux::new("exchange-poll");
    let url = format!("imap+insecure://vikarie@127.0.0.1:{}/INBOX", proxy.port);
    tmux.start_with(
        vikarie.path(),
        "POSTRUM_TICK_SECS=3",
        &format!("--imap {url} --password-command 'echo vikarie'"),
    );
    tmux.wait_for("1 meddelande");
    tmux.dismiss_notice();
    std::thread::sleep(Duration::from_secs(3)); // IDLE set up, and cut
    let id = s.id_of("bygglov 1");
    s.ok(&["assign", &id, "lisa"]);
    let screen = tmux.wait_for("lisa");
    assert!(screen.contains("fördelad"), "{screen}");
    assert!(proxy.count("IDLE") >= 2, "IDLE was taken up again after each cut");
    tmux.keys(&["q"]);
}
