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
    tmux.wait_for("Fördela till handläggare");
    tmux.text("eva");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Fördelat till Eva Lind (Bygglov).");
    tmux.keys(&["r"]);
    tmux.wait_for("Diarieför");
    tmux.text("BN 2026/9");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Diariefört som BN 2026/9.");
    let s = tmux.wait_for("förd+dnr");
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
    for word in ["radera", "diarieföra", "fördela", "BN 2026/9", "eva", "utförd"] {
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
    let s = tmux.wait_for("valfri tangent för att stänga");
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

/// A newsletter as a list sends it (List-Unsubscribe, Precedence: bulk).
fn newsletter(dir: &std::path::Path, n: usize, subject: &str) {
    let raw = format!(
        "From: Veckobladet <nyheter@veckobladet.example>\r\nTo: kommun@norrvik.se\r\n\
         Subject: {subject}\r\nDate: Fri, 27 Nov 2026 0{n}:00:00 +0100\r\n\
         Message-ID: <vb{n}-{subject_len}@veckobladet.example>\r\nList-Unsubscribe: <https://veckobladet.example/av>\r\n\
         Precedence: bulk\r\n\r\nVeckans nyheter.\r\n",
        subject_len = subject.len()
    );
    std::fs::write(dir.join(format!("17950000{n:02}.vb{n}.test")), raw).unwrap();
}

#[test]
fn five_marked_newsletters_go_in_one_go_and_mail_arriving_meanwhile_stays() {
    let data = tempfile::tempdir().unwrap();
    demo_data_dir(data.path());
    let new = data.path().join("demo/Maildir/new");
    for n in 1..=5 {
        newsletter(&new, n, &format!("Veckobladet nr {n}"));
    }
    let tmux = Tmux::new("bulk");
    tmux.start(data.path(), "POSTRUM_TICK_SECS=1");
    tmux.wait_for("42 meddelanden");
    tmux.dismiss_notice();
    tmux.keys(&["/"]);
    tmux.text("veckobladet");
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 av 5");
    tmux.text("*");
    tmux.wait_for("5 markerade");
    // a new one arrives, and it matches the filter too
    newsletter(&new, 9, "Veckobladet extra");
    tmux.wait_for("1 av 6");
    tmux.keys(&["r"]);
    tmux.wait_for("Diarieför — 5 markerade");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Behöver inte diarieföras");
    tmux.keys(&["Down", "Enter"]); // nyhetsbrev
    tmux.wait_for("Klart för 5 av 5.");
    for n in 1..=5 {
        tmux.text(" ");
        let _ = n;
    }
    // only the five are marked again (the extra is last in the list)
    tmux.wait_for("5 markerade");
    tmux.keys(&["d"]);
    tmux.wait_for("Radera 5 markerade meddelanden");
    tmux.keys(&["j"]);
    let s = tmux.wait_for("Klart för 5 av 5.");
    assert!(s.contains("Veckobladet extra"), "{s}");
    tmux.keys(&["q"]);
    tmux.wait_exit();

    let files = maildir_files(data.path());
    assert!(files.iter().any(|f| f.contains(".vb9.")), "the one that came later is still there");
    for n in 1..=5 {
        assert!(!files.iter().any(|f| f.contains(&format!(".vb{n}."))), "newsletter {n} deleted: {files:?}");
    }
    let list = json(&postrum(data.path(), &["list", "--json"]));
    let extra = list.as_array().unwrap().iter().find(|m| m["subject"] == "Veckobladet extra").unwrap();
    assert_eq!(extra["status"], "new", "never swept in");
    let log = json(&postrum(data.path(), &["log", "--json"]));
    let kinds: Vec<&str> = log.as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "no_registration").count(), 5, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "delete").count(), 5, "{kinds:?}");
}
