//! Faults on a Swedish screen and command line — the server down, a
//! connection reset, a recipient the submission server refuses (5xx), a
//! message gone from under the registrator — and postrum says each in
//! Swedish: none of its own English sentences shows (the detector reads
//! them from the source: `common::english`). The full disk is checked in
//! tests/faults_local.rs.

mod common;

use common::english::{assert_swedish, fragments};
use common::imap::*;
use common::proxy::{Fault, Proxy};
use common::*;

fn both(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The detector knows postrum's English (it is not trivially empty).
#[test]
fn the_detector_knows_postrums_english() {
    let f = fragments();
    assert!(f.len() > 50, "{f:?}");
    assert!(f.iter().any(|s| s.contains("did not answer")), "{f:?}");
    assert!(
        std::panic::catch_unwind(|| assert_swedish("postrum: the server did not answer", "test")).is_err()
    );
}

#[test]
fn the_server_down_and_a_connection_reset_are_said_in_swedish() {
    let (dc, data) = setup();
    let d = data.path();
    let list = json(&imap(&dc, d, "registrator", false, &["list", "--json"]));
    let ids: Vec<String> =
        list.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect();

    // a connection reset: the proxy cuts the connection at the keyword
    let proxy = Proxy::start(dc.plain_port);
    proxy.on("UID STORE", Fault::Cut, 20);
    let url = format!("imap+insecure://registrator@127.0.0.1:{}/INBOX", proxy.port);
    let out = command_url(&dc, d, "registrator", &url, CONFIG, &["assign", &ids[0], "eva"]).output().unwrap();
    assert_swedish(&both(&out), "a connection reset");
    assert!(both(&out).contains("Loggat men inte utfört"), "{}", both(&out));

    // the server down: the cache is shown, the action waits
    dc.stop();
    for args in
        [vec!["list"], vec!["assign", ids[1].as_str(), "eva"], vec!["show", ids[2].as_str()], vec!["outbox"]]
    {
        let out = imap(&dc, d, "registrator", false, &args);
        assert_swedish(&both(&out), &format!("the server down: {args:?}"));
    }
}

#[test]
fn a_recipient_the_server_refuses_is_said_in_swedish() {
    let s = common::smtp::servers(&[("1.host", common::smtp::citizen(1, ""))]);
    let id = s.id_of("bygglov 1");
    let wrong = common::smtp::CONFIG.replace("lisa@norrvik.se", "finns.inte@norrvik.se");
    let out = command(&s.dc, s.data.path(), "registrator", false, &wrong, &[])
        .args(["--smtp", &s.smtp_url(), "--address", "registrator@norrvik.se", "assign", &id, "lisa"])
        .output()
        .unwrap();
    let text = both(&out);
    assert!(text.contains("550"), "the server's reason is kept: {text}");
    assert_swedish(&text, "SMTP 5xx");
    let outbox = s.run(&["outbox"]);
    assert_swedish(&both(&outbox), "the outbox after a 5xx");
}

/// In the TUI on IMAP: the message goes from the server (a colleague's
/// Outlook) while it is on screen; opening it and acting on it say so in
/// Swedish.
#[test]
fn a_message_gone_from_under_the_registrator_is_said_in_swedish() {
    use postrum::app::{App, Msg};
    use ratatui::crossterm::event::KeyCode;
    let (dc, data) = setup();
    let d = data.path();
    std::fs::write(d.join("config.toml"), CONFIG).unwrap();
    let opened = postrum::engine::open(&postrum::engine::OpenOptions {
        config: Some(d.join("config.toml")),
        data_dir: Some(d.to_path_buf()),
        imap: Some(format!("imap+insecure://registrator@127.0.0.1:{}/INBOX", dc.plain_port)),
        password_command: Some("echo registrator".into()),
        lang: Some(postrum::i18n::Lang::Sv),
        ..Default::default()
    })
    .unwrap();
    let mut app = App::new(opened, today()).unwrap();
    app.update(Msg::Resize(100, 30));
    common::tui::select(&mut app, "Attefall");
    for f in dc.files("registrator", "INBOX") {
        if std::fs::read_to_string(dc.folder("registrator", "INBOX").join("cur").join(&f))
            .or_else(|_| std::fs::read_to_string(dc.folder("registrator", "INBOX").join("new").join(&f)))
            .is_ok_and(|t| t.contains("attefallshus"))
        {
            let _ = std::fs::remove_file(dc.folder("registrator", "INBOX").join("cur").join(&f));
            let _ = std::fs::remove_file(dc.folder("registrator", "INBOX").join("new").join(&f));
        }
    }
    common::tui::key(&mut app, KeyCode::Enter);
    let opened_screen = common::tui::screen(&app);
    assert_swedish(&opened_screen, "opening a message gone");
    assert!(opened_screen.contains("finns inte längre i brevlådan"), "{opened_screen}");
    common::tui::key(&mut app, KeyCode::Esc);
    common::tui::key(&mut app, KeyCode::Char('a'));
    common::tui::typed(&mut app, "eva");
    common::tui::key(&mut app, KeyCode::Enter);
    let acted = common::tui::screen(&app);
    assert_swedish(&acted, "assigning a message gone");
    assert!(acted.contains("Meddelandet finns inte längre"), "{acted}");
}
