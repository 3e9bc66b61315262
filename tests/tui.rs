//! The TUI's screens on a TestBackend with insta snapshots, driven by the
//! same `Msg`s the event loop sends: inbox at 80×24 and wide, message view,
//! dialogs with inline errors, help, filter, log, English.

mod common;

use common::tui::{app, key, screen, select, typed};
use common::*;
use postrum::app::{App, Msg, Screen};
use postrum::engine::{self, OpenOptions};
use postrum::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn inbox_at_80x24() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path(), Lang::Sv);
    insta::assert_snapshot!("inbox_80x24", screen(&app));
}

#[test]
fn inbox_wide_after_triage() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    app.update(Msg::Resize(120, 30));
    select(&mut app, "Betalningspåminnelse");
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "lisa");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "KS 2026/1188");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc); // clear the filter
    select(&mut app, "Kommunnytt");
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Tab);
    assert!(screen(&app).contains("Tab: diarieför i stället"), "Tab says where it goes back to");
    typed(&mut app, "nyhetsbrev");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("inbox_120x30_after_triage", screen(&app));
}

#[test]
fn message_view_of_html_only_mail() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "verifiera inom 24");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Message { .. }));
    insta::assert_snapshot!("message_view_html", screen(&app));
}

#[test]
fn message_view_lists_attachments() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "samrådsförslag");
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("message_view_attachments", screen(&app));
}

#[test]
fn assign_picker_filters_as_you_type() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "li");
    insta::assert_snapshot!("assign_picker", screen(&app));
}

#[test]
fn invalid_diarienummer_is_explained_in_the_dialog() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "KS-12");
    key(&mut app, KeyCode::Enter);
    assert!(app.dialog.is_some(), "the dialog stays open on a refusal");
    insta::assert_snapshot!("register_invalid", screen(&app));
}

#[test]
fn delete_is_refused_with_the_reason_and_can_be_forced() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    let first = app.selected_item().unwrap().msg.id.clone();
    key(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!("delete_refused", screen(&app));
    key(&mut app, KeyCode::Char('F'));
    key(&mut app, KeyCode::Enter); // empty reason: refused inline
    assert!(screen(&app).contains("Ett skäl måste anges"));
    typed(&mut app, "dubblett");
    key(&mut app, KeyCode::Enter);
    assert!(app.dialog.is_none());
    assert!(app.list.items.iter().all(|i| i.msg.id != first));
    assert!(screen(&app).contains("Raderat ur brevlådan."));
}

#[test]
fn help_is_generated_from_the_keymap() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    key(&mut app, KeyCode::Tab); // the dialogs' keys on their own page
    let dialogs = screen(&app);
    for b in postrum::app::keymap::KEYMAP {
        // each description, or as much of it as its column holds
        let desc: String = (b.desc)(app.texts()).chars().take(20).collect();
        let page = if b.context.second_help_page() { &dialogs } else { &s };
        assert!(page.contains(&desc), "{desc} missing");
    }
    insta::assert_snapshot!("help", s);
    insta::assert_snapshot!("help_dialogs", dialogs);
    key(&mut app, KeyCode::Char('x'));
    assert!(!app.help);
}

#[test]
fn filter_narrows_the_list_and_esc_clears_it() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "faktura");
    assert_eq!(app.list.visible.len(), 2);
    insta::assert_snapshot!("filtered", screen(&app));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.list.visible.len(), app.list.items.len());
}

#[test]
fn english_interface() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path(), Lang::En);
    insta::assert_snapshot!("inbox_english", screen(&app));
}

#[test]
fn log_view_after_actions() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "eva");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('l'));
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[time]");
    settings.bind(|| insta::assert_snapshot!("log_view", screen(&app)));
}

#[test]
fn scrolling_keeps_the_selection_on_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    app.update(Msg::Resize(80, 10));
    key(&mut app, KeyCode::End);
    assert_eq!(app.list.selected, app.list.visible.len() - 1);
    assert!(app.list.offset + app.page_rows() > app.list.selected);
    assert!(screen(&app).contains("Fråga om attefall"));
    key(&mut app, KeyCode::PageUp);
    assert!(app.list.selected >= app.list.offset && app.list.selected < app.list.offset + app.page_rows());
    key(&mut app, KeyCode::Home);
    assert_eq!((app.list.selected, app.list.offset), (0, 0));
    app.update(Msg::Resize(40, 5));
    let _ = screen(&app); // tiny terminals draw without panicking
}

/// An app on the fixed demo, with a config of its own.
fn app_with(data: &std::path::Path, config: &str, today: jiff::civil::Date) -> App {
    demo_data_dir(data);
    let cfg = data.join("config.toml");
    std::fs::write(&cfg, format!("actor = \"registrator\"\n{config}")).unwrap();
    let opened = engine::open(&OpenOptions {
        config: Some(cfg),
        data_dir: Some(data.to_path_buf()),
        demo: true,
        lang: Some(Lang::Sv),
        ..OpenOptions::default()
    })
    .unwrap();
    let mut app = App::new(opened, today).unwrap();
    app.update(Msg::Resize(80, 24));
    app
}

#[test]
fn start_notice_on_an_unwatched_klamdag_names_tomorrows_watcher() {
    let data = tempfile::tempdir().unwrap();
    // a local closure on Thursday makes Friday 27 November a klämdag
    let mut app = app_with(data.path(), "[calendar]\nclosures = [\"2026-11-26\"]\n", today());
    postrum::store::Store::open(&data.path().join("demo/postrum.sqlite"))
        .unwrap()
        .add_roster("omar", "2026-11-30".parse().unwrap(), "2026-12-04".parse().unwrap(), "test")
        .unwrap();
    app.start_session();
    let s = screen(&app);
    assert!(s.contains("Idag, 2026-11-27 (klämdag), står ingen på"), "{s}");
    assert!(s.contains("Nästa arbetsdag 2026-11-30: omar."), "{s}");
    insta::assert_snapshot!("start_notice_klamdag", s);
    key(&mut app, KeyCode::Char('x'));
    assert!(app.notice.is_none());
}

#[test]
fn acknowledging_stops_the_clock() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    assert!(screen(&app).contains("17/11!"), "the oldest is overdue");
    // the request for public documents comes first; the oldest is next
    assert!(app.selected_item().unwrap().msg.summary.subject.contains("allmän handling"));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('K'));
    let s = screen(&app);
    assert!(s.contains("Kvitterat: avsändaren har fått besked."), "{s}");
    assert!(!s.contains("17/11!"), "{s}");
    assert_eq!(app.selected_item().unwrap().deadline, postrum::core::deadline::Deadline::Done);
}

#[test]
fn deadline_view_and_sort_cycle() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    let all = app.list.visible.len();
    key(&mut app, KeyCode::Char('3')); // overdue
    let overdue = app.list.visible.len();
    assert!(overdue > 0 && overdue < all);
    assert!(screen(&app).contains(&format!(" 3 Försenade {overdue} ")), "{}", screen(&app));
    key(&mut app, KeyCode::Tab); // due today
    assert!(app
        .list
        .visible
        .iter()
        .all(|&i| app.list.items[i].deadline == postrum::core::deadline::Deadline::DueToday));
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.list.visible.len(), overdue);
    key(&mut app, KeyCode::Char('1')); // back to all
    assert_eq!(app.list.visible.len(), all);
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('s')); // by due date: most overdue first
    let first = &app.list.items[app.list.visible[0]];
    assert!(matches!(first.deadline, postrum::core::deadline::Deadline::Overdue(_)));
    assert!(screen(&app).contains("svar senast"));
}

#[test]
fn assigning_to_someone_absent_offers_the_substitute() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('h'));
    key(&mut app, KeyCode::Down); // eva
    key(&mut app, KeyCode::Char('f'));
    // from defaults to today; to: tab to the field, type a date before
    key(&mut app, KeyCode::Char('u')); // typed into "to"
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Ogiltigt datum"), "{}", screen(&app));
    for _ in 0..12 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-11-20");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("slutar (2026-11-20) innan den börjar (2026-11-27)"), "{}", screen(&app));
    for _ in 0..12 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-12-04");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "omar");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Frånvaron är sparad.") && s.contains("t.o.m. 2026-12-04 → omar"), "{s}");
    insta::assert_snapshot!("people_with_absence", s);

    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "eva");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains("eva är frånvarande 2026-11-27 – 2026-12-04.") && s.contains("Ersättare: omar."),
        "{s}"
    );
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(app.selected_item().unwrap().msg.triage.assignee.as_deref(), Some("omar"));
}

#[test]
fn calendar_month_marks_days_and_gaps() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_with(data.path(), "[calendar]\nshort_days = true\n", "2026-12-01".parse().unwrap());
    postrum::store::Store::open(&data.path().join("demo/postrum.sqlite"))
        .unwrap()
        .add_roster("eva", "2026-12-01".parse().unwrap(), "2026-12-18".parse().unwrap(), "test")
        .unwrap();
    app.update(Msg::Resize(80, 24));
    key(&mut app, KeyCode::Char('c'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down); // to the 22nd
    }
    let s = screen(&app);
    assert!(s.contains("december 2026"), "{s}");
    assert!(s.contains("24 A") && s.contains("25 H") && s.contains("21 !"), "{s}");
    insta::assert_snapshot!("calendar_december", s);
    key(&mut app, KeyCode::PageDown);
    assert!(screen(&app).contains("januari 2027"));
}

#[test]
fn writing_a_handover_note() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('H'));
    assert!(screen(&app).contains("Ingen överlämning är skriven."), "{}", screen(&app));
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Ett skäl måste anges"), "an empty note is refused");
    typed(&mut app, "Snöröjningsärendena går till Karin.");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Överlämningen är sparad."));
    let store = postrum::store::Store::open(&data.path().join("demo/postrum.sqlite")).unwrap();
    let note = store.latest_handover().unwrap().unwrap();
    assert_eq!(
        (note.author.as_str(), note.text.as_str()),
        ("registrator", "Snöröjningsärendena går till Karin.")
    );
    // `H` again: the latest notes, newest first, who and when, above the box;
    // a colleague's note with terminal escapes and a bidi override shows
    // sanitized
    let mut store = store;
    store.add_handover("anna", "Ring \u{1b}[31mIT\u{202e} i morgon").unwrap();
    key(&mut app, KeyCode::Char('H'));
    let s = screen(&app);
    assert!(s.contains("Senaste överlämningarna:"), "{s}");
    let (anna, mine) =
        (s.find("anna: Ring").expect("anna's note"), s.find("registrator: Snöröjning").expect("mine"));
    assert!(anna < mine, "newest first: {s}");
    assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s}");
}

#[test]
fn warning_view_badges_and_threats() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('w')); // suspicious only
    assert_eq!(app.list.visible.len(), 3);
    let s = screen(&app);
    assert!(s.contains("Visar: alla, misstänkta"), "{s}");
    assert!(
        s.contains("! Din e-postlåda") || s.contains("! Brådskande") || s.contains("! Uppdaterad"),
        "{s}"
    );
    key(&mut app, KeyCode::Char('w')); // personal data
    assert_eq!(app.list.visible.len(), 1);
    assert!(screen(&app).contains("P Ansökan om"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('w')); // without bulk
    key(&mut app, KeyCode::Char('w')); // requests for public documents
    assert_eq!(app.list.visible.len(), 1);
    assert!(screen(&app).contains("§ Begäran om allmän"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('w')); // all again
    select(&mut app, "INKOMPETENTA");
    key(&mut app, KeyCode::Char('T'));
    let s = screen(&app);
    assert!(s.contains("polisanmäl"), "{s}");
    insta::assert_snapshot!("threat_dialog", s);
    key(&mut app, KeyCode::Char('j'));
    let s = screen(&app);
    assert!(s.contains("Markerat som hot") && s.contains("T NI ÄR"), "{s}");
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&app);
    assert!(s.contains("markerat som hot och måste") && !s.contains("F = radera ändå"), "{s}");
}

#[test]
fn saving_attachments_asks_again_for_dangerous_types() {
    let data = tempfile::tempdir().unwrap();
    let target = data.path().join("ut");
    std::fs::create_dir(&target).unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Uppdaterad lönelista");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('S'));
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    typed(&mut app, target.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Farlig filtyp (Office-fil med makron)"), "{s}");
    assert!(!target.join("Lönelista december.xlsm").exists());
    key(&mut app, KeyCode::Char('j'));
    assert!(target.join("Lönelista december.xlsm").exists());
    assert!(screen(&app).contains("Sparad:"));
}

#[test]
fn the_calendar_keeps_its_watched_marks_at_80_columns() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_with(data.path(), "", "2026-12-01".parse().unwrap());
    let db = data.path().join("demo/postrum.sqlite");
    {
        let mut store = postrum::store::Store::open(&db).unwrap();
        store
            .add_roster("annika", "2026-11-02".parse().unwrap(), "2026-11-30".parse().unwrap(), "t")
            .unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    for date in ["2026-11-02", "2026-11-16", "2026-11-18"] {
        conn.execute("INSERT INTO watched (at, date, actor, how) VALUES (0, ?1, 'annika', 'tui')", [date])
            .unwrap();
    }
    drop(conn);
    app.update(Msg::Resize(80, 24));
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::PageUp); // November
    let s = screen(&app);
    assert!(s.contains("november 2026"), "{s}");
    assert!(
        s.contains("16 ✓") && s.contains("17 ✗") && s.contains("18 ✓"),
        "watched marks at 80 columns:\n{s}"
    );
}
