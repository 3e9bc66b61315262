//! The TUI with sending set up (snapshots): the assign dialog's forward
//! and note, what was sent in the message view, the kvittens preview, and
//! the kvittens a bulk `K` would send, shown before anything goes.

mod common;

use common::tui::{app_with, key, screen, select, typed};
use postrum::app::{App, Msg};
use postrum::engine::OpenOptions;
use postrum::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The demo with sending set up towards a port where nothing listens:
/// what is sent waits in the outbox, and says so.
fn sending_app(data: &std::path::Path) -> App {
    let mut app = app_with(
        data,
        OpenOptions {
            lang: Some(Lang::Sv),
            smtp: Some("smtp+insecure://127.0.0.1:1".into()),
            address: Some("kommun@norrvik.se".into()),
            ..OpenOptions::default()
        },
    );
    app.update(Msg::Resize(100, 30));
    app
}

#[test]
fn assign_offers_the_forward_and_the_view_shows_what_was_sent_and_the_kvittens_preview() {
    let data = tempfile::tempdir().unwrap();
    let mut app = sending_app(data.path());
    select(&mut app, "attefallshus");
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "lisa");
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)));
    typed(&mut app, "Ring henne i dag");
    insta::assert_snapshot!("assign_with_forward", screen(&app));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter); // open the message
    let view = screen(&app);
    assert!(
        view.contains("Skickat om meddelandet") && view.contains("Fördelningen  lisa@norrvik.se  väntar"),
        "{view}"
    );
    key(&mut app, KeyCode::Char('K'));
    insta::with_settings!({filters => vec![(r"\d{4}-\d\d-\d\d( \d\d:\d\d)?", "[datum]")]}, {
        insta::assert_snapshot!("kvittens_preview", screen(&app));
    });
    // m: recorded without sending (told some other way)
    key(&mut app, KeyCode::Char('m'));
    assert!(screen(&app).contains("Kvitterat"), "{}", screen(&app));
}

/// `K` on marked messages: the confirmation shows the kvittens as the first
/// marked sender would get it; cancelling sends nothing.
#[test]
fn a_bulk_kvittens_shows_what_goes_before_it_goes() {
    let data = tempfile::tempdir().unwrap();
    let mut app = sending_app(data.path());
    select(&mut app, "Parkeringstillstånd");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc); // the filter off, the mark kept
    select(&mut app, "deklaration");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.list.marked.len(), 2);
    key(&mut app, KeyCode::Char('K'));
    let s = screen(&app);
    assert!(s.contains("Kvittera 2 markerade") && s.contains("Så här blir kvittensen"), "{s}");
    // the first marked in the list's order: the declaration came in first
    assert!(s.contains("Ämne: ") && s.contains("Min deklaration"), "{s}");
    assert!(s.contains("Vi har tagit emot") || s.contains("tagit emot"), "the template's text:\n{s}");
    key(&mut app, KeyCode::Esc);
    assert!(app.dialog.is_none());
    let store = postrum::store::Store::open(&data.path().join("demo/postrum.sqlite")).unwrap();
    let outbox = store.outgoing_all(100).unwrap();
    assert!(outbox.is_empty(), "nothing sent: {outbox:?}");
    // confirmed: one for each (they wait: nothing listens on the port)
    key(&mut app, KeyCode::Char('K'));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(store.outgoing_all(100).unwrap().len(), 2);
}

/// A kvittens the server took without answering: the message view says it
/// is uncertain, and `U` asks — send it again, or record it as sent — for
/// it is never sent again by itself (issue 20).
#[test]
fn an_uncertain_kvittens_is_sent_again_from_the_message_view() {
    use common::fake_smtp::{FakeSmtp, Mode};
    let smtp = FakeSmtp::start(Mode::DropAfterData);
    let data = tempfile::tempdir().unwrap();
    let mut app = app_with(
        data.path(),
        OpenOptions {
            lang: Some(Lang::Sv),
            smtp: Some(smtp.url()),
            address: Some("kommun@norrvik.se".into()),
            ..OpenOptions::default()
        },
    );
    app.update(Msg::Resize(100, 30));
    select(&mut app, "attefallshus");
    key(&mut app, KeyCode::Char('K'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(smtp.messages().len(), 1);
    assert!(screen(&app).contains("osäkert om det gick iväg"), "{}", screen(&app));
    key(&mut app, KeyCode::Enter); // open the message
    let view = screen(&app);
    assert!(view.contains("Kvittensen") && view.contains("osäkert om det gick iväg"), "{view}");
    key(&mut app, KeyCode::Char('U'));
    let asked = screen(&app);
    assert!(asked.contains("Osäkert utskick") && asked.contains("skicka igen"), "{asked}");
    smtp.set_mode(Mode::Accept);
    key(&mut app, KeyCode::Enter);
    assert_eq!(smtp.messages().len(), 2, "sent again, as asked");
    let after = screen(&app);
    assert!(after.contains("har skickats"), "{after}");
    key(&mut app, KeyCode::Char('U'));
    assert!(screen(&app).contains("Inget osäkert utskick"), "{}", screen(&app));
}
