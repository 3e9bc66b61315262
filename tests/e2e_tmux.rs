//! End to end: the real binary in a real terminal (tmux), driven by key
//! presses through assign → register → delete on the demo mailbox, then
//! quit, check the log and the Maildir, restart and see the same state.
//! Needs tmux: the test command installs it; without it this test fails.

mod common;

use common::tmux::Tmux;
use common::*;

#[test]
fn assign_register_delete_in_a_real_terminal_then_restart() {
    let data = tempfile::tempdir().unwrap();
    let tmux = Tmux::new("flow");
    tmux.start(data.path(), "");
    tmux.wait_for("37 meddelanden");
    tmux.dismiss_notice();
    let before = maildir_files(data.path());

    // pick the bygglov question with the filter, then triage it
    tmux.keys(&["/"]);
    tmux.text("attefall");
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 av 1");
    tmux.keys(&["a"]);
    tmux.wait_for("Tilldela handläggare");
    tmux.text("eva");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Tilldelat eva.");
    tmux.keys(&["r"]);
    tmux.wait_for("Registrera i diariet");
    tmux.text("BN 2026/9");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Registrerat med diarienummer BN 2026/9.");
    let s = tmux.wait_for("klar");
    assert!(s.contains("BN 2026/9"), "{s}");
    tmux.keys(&["d"]);
    tmux.wait_for("Radera meddelandet från brevlådan?");
    tmux.keys(&["j"]);
    tmux.wait_for("Raderat ur brevlådan.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("36 meddelanden");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    // the file is gone from the Maildir, the log holds all three
    let after = maildir_files(data.path());
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|f| !f.contains("01-bygglov-attefall")));
    let log = json(&postrum(data.path(), &["log", "--json"]));
    let kinds: Vec<_> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["delete", "register", "assign"]);
    assert!(log.as_array().unwrap().iter().all(|e| e["state"] == "applied" && e["actor"] == "registrator"));

    // restart: the same state, and the log in the TUI
    tmux.start(data.path(), "");
    let s = tmux.wait_for("36 meddelanden");
    assert!(!s.contains("attefallshus"), "{s}");
    tmux.dismiss_notice();
    tmux.keys(&["l"]);
    let s = tmux.wait_for("Åtgärdslogg");
    for word in ["radera", "registrera", "tilldela", "BN 2026/9", "eva", "utförd"] {
        assert!(s.contains(word), "{word} missing in\n{s}");
    }
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

#[test]
fn the_terminal_shows_no_raw_escape_from_hostile_mail() {
    let data = tempfile::tempdir().unwrap();
    let tmux = Tmux::new("hostile");
    tmux.start(data.path(), "");
    tmux.wait_for("37 meddelanden");
    tmux.dismiss_notice();
    tmux.keys(&["/"]);
    tmux.text("Bokning");
    tmux.keys(&["Enter", "Enter"]);
    let s = tmux.wait_for("Från:");
    // the OSC title payload and the colour codes were stripped whole
    assert!(!s.contains("HACKED") && !s.contains("[31m") && !s.contains("FAKE TITLE"), "{s}");
    assert!(s.contains("RÖD TEXT"), "{s}");
    let title =
        String::from_utf8_lossy(&tmux.cmd(&["display-message", "-p", "-t", "p", "#{pane_title}"]).stdout)
            .into_owned();
    assert!(!title.contains("HACKED") && !title.contains("FAKE"), "pane title changed to {title}");
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

#[test]
fn on_an_unwatched_klamdag_the_substitute_is_warned_and_sees_the_handover() {
    let data = tempfile::tempdir().unwrap();
    // the regular registrator puts Eva on the roster after the klämdag,
    // and leaves a handover note
    assert!(postrum(data.path(), &["roster", "add", "eva", "2026-05-18", "2026-05-22"]).status.success());
    let out = postrum(data.path(), &["handover", "Fakturan från Nordbygg väntar på attest hos Lisa."]);
    assert!(out.status.success(), "{}", stderr(&out));

    let tmux = Tmux::new("klamdag");
    tmux.start(data.path(), "USER=vikarie POSTRUM_TODAY=2026-05-15");
    let s = tmux.wait_for("Valfri tangent stänger");
    assert!(s.contains("2026-05-15 (klämdag), står ingen på bevakningsschemat"), "{s}");
    assert!(s.contains("Nästa arbetsdag 2026-05-18: eva."), "{s}");
    assert!(s.contains("Från registrator"), "{s}");
    assert!(s.contains("Fakturan från Nordbygg väntar på attest hos Lisa."), "{s}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("37 meddelanden");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    // the session was logged as watched by the substitute
    let store = postrum::store::Store::open(&data.path().join("demo/postrum.sqlite")).unwrap();
    let watched = store.watched().unwrap();
    assert!(watched.values().any(|who| who.contains("vikarie")));
}
