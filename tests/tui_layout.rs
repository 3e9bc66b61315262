//! The TUI in any terminal: the inbox at four sizes in both languages, a
//! terminal too small to draw in, keys and colours of one's own, the log's
//! detail view, and saving every attachment at once.

mod common;

use common::tui::{app, key, screen, select, typed};
use postrum::app::Msg;
use postrum::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn a_tiny_or_empty_terminal_says_so_and_does_not_panic() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    for (w, h) in [(0, 0), (10, 5), (1, 1), (19, 30), (80, 3)] {
        app.update(postrum::app::Msg::Resize(w, h));
        // drawn at that size (TestBackend cannot print a 0-wide screen)
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        t.draw(|f| postrum::ui::draw(&app, f)).unwrap();
        if w == 0 {
            continue;
        }
        let s = screen(&app);
        if w >= 10 && h >= 1 {
            assert!(s.contains(&"Terminalen är för liten"[..w.min(10) as usize]), "{w}×{h}:\n{s}");
        }
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Esc);
    }
    app.update(postrum::app::Msg::Resize(80, 24));
    assert!(screen(&app).contains("Inkorg"));
}

#[test]
fn rebound_keys_work_and_the_help_and_hints_show_them() {
    let data = tempfile::tempdir().unwrap();
    let opts = postrum::engine::OpenOptions { lang: Some(Lang::Sv), ..Default::default() };
    let mut app =
        common::tui::app_configured(data.path(), opts, "[keys]\nassign = [\"t\", \"F2\"]\nquit = \"Q\"\n");
    let s = screen(&app);
    assert!(s.contains("t fördela") && s.contains("Q avslut"), "hints from the keys in force:\n{s}");
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    assert!(s.contains(" t F2        fördela") && s.contains(" Q           avsluta"), "{s}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('a'));
    assert!(app.dialog.is_none(), "a is free now");
    key(&mut app, KeyCode::F(2));
    assert!(screen(&app).contains("Fördela till handläggare"));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    key(&mut app, KeyCode::Char('Q'));
    assert!(app.quit);
}

/// The calendar's keys rebound: `n` moves a week, the arrow no longer
/// does, and the calendar's line of keys says so.
#[test]
fn rebound_calendar_keys_move_the_day() {
    let data = tempfile::tempdir().unwrap();
    let opts = postrum::engine::OpenOptions { lang: Some(Lang::Sv), ..Default::default() };
    let mut app =
        common::tui::app_configured(data.path(), opts, "[keys]\nnext_week = \"n\"\ntoday = \"t\"\n");
    key(&mut app, KeyCode::Char('c'));
    let selected = |app: &postrum::app::App| match &app.screen {
        postrum::app::Screen::Calendar { selected, .. } => *selected,
        _ => panic!("not the calendar"),
    };
    let start = selected(&app);
    key(&mut app, KeyCode::Down);
    assert_eq!(selected(&app), start, "Down is not bound in the calendar now");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(selected(&app), start.saturating_add(jiff::ToSpan::days(7)));
    key(&mut app, KeyCode::Right);
    assert_eq!(selected(&app), start.saturating_add(jiff::ToSpan::days(8)));
    let s = screen(&app);
    assert!(s.contains("←→↑n dag") && s.contains("t i dag"), "{s}");
    key(&mut app, KeyCode::Char('t'));
    assert_eq!(selected(&app), start);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, postrum::app::Screen::Inbox));
}

/// The dialogs' keys rebound: the delete question says and takes them,
/// the old ones do nothing, and the help's dialog page (Tab) lists them.
#[test]
fn rebound_dialog_keys_work_and_the_dialog_and_help_show_them() {
    let data = tempfile::tempdir().unwrap();
    let opts = postrum::engine::OpenOptions { lang: Some(Lang::Sv), ..Default::default() };
    let mut app = common::tui::app_configured(
        data.path(),
        opts,
        "[keys]\nyes = \"o\"\nno = [\"x\", \"N\"]\nforce = \"t\"\ncancel = \"F10\"\nconfirm = [\"Enter\", \"F5\"]\n",
    );
    key(&mut app, KeyCode::Char('?'));
    assert!(!screen(&app).contains("I dialogrutor  "), "the screens' keys first");
    key(&mut app, KeyCode::Tab);
    let s = screen(&app);
    assert!(s.contains("I dialogrutor"), "{s}");
    assert!(s.contains(" o           ja") && s.contains(" x N         nej"), "{s}");
    assert!(s.contains(" Enter F5    spara") && s.contains(" F10         avbryt"), "{s}");
    key(&mut app, KeyCode::Esc);
    assert!(!app.help);
    // a new message cannot be deleted: the refusal offers the rebound keys
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&app);
    assert!(s.contains("t = radera ändå med skriftligt skäl · F10 = avbryt"), "the keys in force:\n{s}");
    let before = app.dialog.clone();
    for k in [KeyCode::Char('F'), KeyCode::Char('n'), KeyCode::Esc] {
        key(&mut app, k);
        assert_eq!(app.dialog, before, "{k:?} is nothing now");
    }
    key(&mut app, KeyCode::Char('x'));
    assert!(app.dialog.is_none(), "x is no");
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('t'));
    let s = screen(&app);
    assert!(s.contains("F5 sparar · F10 avbryter") || s.contains("Enter sparar · F10 avbryter"), "{s}");
    assert!(matches!(app.dialog, Some(postrum::app::dialogs::Dialog::ForceReason(_))));
    key(&mut app, KeyCode::F(10));
    assert!(app.dialog.is_none(), "F10 cancels");
}

#[test]
fn the_high_contrast_theme_colours_the_overdue() {
    let data = tempfile::tempdir().unwrap();
    let opts = postrum::engine::OpenOptions { lang: Some(Lang::Sv), ..Default::default() };
    let app =
        common::tui::app_configured(data.path(), opts, "[theme]\nname = \"high-contrast\"\nok = \"white\"\n");
    assert_eq!(app.theme.alarm, ratatui::style::Color::LightRed);
    assert_eq!(app.theme.ok, ratatui::style::Color::White);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| postrum::ui::draw(&app, f)).unwrap();
    let buf = t.backend().buffer();
    let overdue = (0..80)
        .flat_map(|x| (0..24).map(move |y| (x, y)))
        .any(|(x, y)| buf[(x, y)].symbol() == "!" && buf[(x, y)].fg == ratatui::style::Color::LightRed);
    assert!(overdue || !app.color, "an overdue date drawn in the theme's alarm colour");
}

/// The inbox at the four sizes of the issue, in both languages: the
/// columns that fit, the hint line within the width.
#[test]
fn the_inbox_fits_four_sizes_in_both_languages() {
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in [(60, 20), (80, 24), (100, 30), (160, 48)] {
            let data = tempfile::tempdir().unwrap();
            let mut app = app(data.path(), lang);
            app.update(postrum::app::Msg::Resize(w, h));
            let s = screen(&app);
            let name = format!("inbox_{}_{w}x{h}", if lang == Lang::Sv { "sv" } else { "en" });
            // the hint line ends with quit, whole
            let hints = s.lines().nth(usize::from(h) - 2).unwrap();
            let quit = if lang == Lang::Sv { "q avsluta" } else { "q quit" };
            assert!(hints.contains(quit), "{name}: {hints}");
            insta::assert_snapshot!(name, s);
        }
    }
}

#[test]
fn the_log_shows_an_entry_in_full() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Black Week");
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Tab);
    let reason = "reklam från en leverantör vi aldrig har anlitat, inget ärende";
    typed(&mut app, reason);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('l'));
    assert!(!screen(&app).contains(reason), "the table cuts it");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Åtgärdslogg") && s.contains("Detaljer: reklam från en leverantör"), "{s}");
    assert!(s.replace('\n', " ").replace("\" \"", " ").contains("inget ärende"), "{s}");
}

/// In the open save dialog: the "all" row, the folder typed over the
/// given one, Enter; both attachments of the demo's message are there.
fn save_all_into(app: &mut postrum::app::App, target: &std::path::Path) {
    key(app, KeyCode::Down);
    key(app, KeyCode::Down);
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    typed(app, target.to_str().unwrap());
    key(app, KeyCode::Enter);
    assert!(screen(app).contains("Bilagorna är sparade i"), "{}", screen(app));
    assert!(target.join("yttrande-hamnen.pdf").exists() && target.join("kajen.jpg").exists());
}

#[test]
fn all_attachments_at_once_into_the_folder_used_last() {
    let data = tempfile::tempdir().unwrap();
    let target = data.path().join("bilagor");
    std::fs::create_dir(&target).unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Synpunkter på samråd");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('S'));
    assert!(screen(&app).contains("Alla 2 bilagorna"), "{}", screen(&app));
    save_all_into(&mut app, &target);
    // the next save starts in the same folder, also in the next session
    key(&mut app, KeyCode::Char('S'));
    assert!(screen(&app).contains(target.to_str().unwrap()), "{}", screen(&app));
    let store = postrum::store::Store::open(&data.path().join("demo/postrum.sqlite")).unwrap();
    assert_eq!(store.remembered("save_dir").unwrap().as_deref(), target.to_str());
}

/// The same from the list, the message never opened (nothing read before).
#[test]
fn all_attachments_from_the_list_without_opening_the_message() {
    let data = tempfile::tempdir().unwrap();
    let target = data.path().join("b");
    std::fs::create_dir(&target).unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Synpunkter på samråd");
    key(&mut app, KeyCode::Char('S'));
    save_all_into(&mut app, &target);
}

/// The help in a terminal of 60×20: narrowed to the width, what does not
/// fit ends in "…", and the footer (Tab, close) stays in view.
#[test]
fn the_help_fits_a_small_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    app.update(postrum::app::Msg::Resize(60, 20));
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    assert!(s.contains("│ …") && s.contains("Tab: dialogrutor och kalender · ? eller Esc stänger"), "{s}");
    assert!(s.lines().all(|l| l.trim_matches('"').chars().count() <= 60));
    let top = s.lines().next().unwrap();
    assert!(top.starts_with("\"┌") && top.ends_with("┐\""), "the box whole: {s}");
    key(&mut app, KeyCode::Tab);
    assert!(screen(&app).contains("Tab: skärmarna"), "{}", screen(&app));
}
