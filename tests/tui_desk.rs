//! The records office's day in the TUI, on the demo: the views row with
//! counts, marking and a bulk action (each its own logged action, the
//! refused listed), the answer state, a threat's records, a follow-up taken
//! with one key, and the report.

mod common;

use common::tui::{app, key, screen, select, typed};
use postrum::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Today's date and the clock times after it, as placeholders of the same width.
fn redact_times(s: &str) -> String {
    let today = postrum::core::clock::today().to_string();
    let parts: Vec<&str> = s.split(today.as_str()).collect();
    let mut out = parts[0].to_string();
    for p in &parts[1..] {
        out.push_str("YYYY-MM-DD");
        let b = p.as_bytes();
        let time = b.len() >= 6
            && b[0] == b' '
            && b[3] == b':'
            && [1, 2, 4, 5].iter().all(|&k| b[k].is_ascii_digit());
        if time {
            out.push_str(" hh:mm");
            out.push_str(&p[6..]);
        } else {
            out.push_str(p);
        }
    }
    out
}

fn store(data: &std::path::Path) -> postrum::store::Store {
    postrum::store::Store::open(&data.join("demo/postrum.sqlite")).unwrap()
}

#[test]
fn the_views_row_counts_and_switches() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    app.update(postrum::app::Msg::Resize(140, 30));
    let s = screen(&app);
    let row = s.lines().nth(1).unwrap().to_string();
    insta::assert_snapshot!("views_row", row);
    for (n, name) in [(2, "Ej fördelade"), (5, "Begäran"), (6, "Misstänkta"), (7, "Väntar svar")] {
        key(&mut app, KeyCode::Char(char::from_digit(n, 10).unwrap()));
        let count = app.list.visible.len();
        assert!(screen(&app).contains(&format!(" {n} {name} {count} ")), "{name}: {}", screen(&app));
    }
    key(&mut app, KeyCode::Char('6'));
    assert_eq!(app.list.visible.len(), 3, "three suspicious in the demo");
    // assigning moves a message out of "not assigned" and the count follows
    key(&mut app, KeyCode::Char('2'));
    let before = app.list.visible.len();
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "eva");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.list.tab_counts[1], before - 1);
}

#[test]
fn marked_newsletters_go_in_one_go_and_the_refused_are_listed() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    // the bulk mail, and an application with a person number in it
    select(&mut app, "Kommunnytt");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc);
    select(&mut app, "Black Week");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc);
    select(&mut app, "försörjningsstöd");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.list.marked.len(), 3);
    let s = screen(&app);
    assert!(s.contains("3 markerade"), "{s}");
    insta::assert_snapshot!("marked_set", s);
    // no registration, one reason for all three
    key(&mut app, KeyCode::Char('r'));
    assert!(screen(&app).contains("Diarieför — 3 markerade"), "{}", screen(&app));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down); // nyhetsbrev
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Klart för 3 av 3."), "{}", screen(&app));
    assert!(app.list.marked.is_empty(), "what was done is no longer marked");
    // mark them again and delete: the two newsletters go, the application
    // (personal data) is refused and stays marked
    for needle in ["Kommunnytt", "Black Week", "försörjningsstöd"] {
        select(&mut app, needle);
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Esc);
    }
    key(&mut app, KeyCode::Char('d'));
    assert!(screen(&app).contains("Radera 3 markerade meddelanden"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('j'));
    let s = screen(&app);
    assert!(s.contains("Klart för 2 av 3.") && s.contains("1 gjordes inte:"), "{s}");
    assert!(s.contains("försörjningsstöd") && s.contains("personuppgifter"), "{s}");
    insta::assert_snapshot!("bulk_refused", s);
    assert_eq!(app.list.marked.len(), 1);
    let log = store(data.path()).log(50).unwrap();
    assert_eq!(log.iter().filter(|e| e.kind == "no_registration").count(), 3, "each its own action");
    assert_eq!(log.iter().filter(|e| e.kind == "delete").count(), 2);
}

#[test]
fn deleting_a_marked_set_says_first_how_many_are_overdue_and_unanswered() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    for needle in ["Kommunnytt", "Betalningspåminnelse"] {
        select(&mut app, needle);
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Esc);
    }
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&app);
    // the reminder is overdue and unanswered; the newsletter owes no answer
    assert!(s.contains("Radera 2 markerade") && s.contains("1 av dem är försenade"), "{s}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('K'));
    assert!(!screen(&app).contains("försenade och"), "only a deletion says it");
}

#[test]
fn a_bulk_action_leaves_alone_what_a_colleague_changed_meanwhile() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    for needle in ["Kommunnytt", "Black Week"] {
        select(&mut app, needle);
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Esc);
    }
    key(&mut app, KeyCode::Char('r'));
    // meanwhile a colleague (another process) registers one of them
    let id =
        app.list.items.iter().find(|i| i.msg.summary.subject.contains("Black Week")).unwrap().msg.id.clone();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_postrum"))
        .args(["--demo", "--data-dir"])
        .arg(data.path())
        .args(["--config"])
        .arg(data.path().join("empty.toml"))
        .args(["register", &id, "KS 2026/77"])
        .env("USER", "kollega")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter); // the first reason
    let s = screen(&app);
    assert!(s.contains("Klart för 1 av 2.") && s.contains("sedan du markerade det"), "{s}");
    let msg = store(data.path()).message(&id).unwrap().unwrap();
    assert_eq!(msg.triage.diarienummer.as_deref(), Some("KS 2026/77"), "the colleague's decision stands");
}

#[test]
fn the_answer_state_is_set_by_hand_and_the_status_reads_in_full() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Min deklaration");
    key(&mut app, KeyCode::Char('A'));
    assert!(screen(&app).contains("Svar till avsändaren"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('3'));
    assert!(screen(&app).contains("Svar till avsändaren: behöver inget svar."), "{}", screen(&app));
    assert_eq!(app.selected_item().unwrap().msg.answer_state().as_str(), "not_needed");
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "eva");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "KS 2026/5");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Status: fördelad och diarieförd · eva · KS 2026/5 · Svar:"), "{s}");
    assert!(s.contains("behöver inget svar"), "{s}");
}

#[test]
fn a_threat_records_manager_and_police_and_needs_its_original_kept() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    std::env::set_current_dir(cwd.path()).unwrap(); // E writes ./postrum-export
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "INKOMPETENTA");
    key(&mut app, KeyCode::Char('T'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "eva");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "KS 2026/66");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('d'));
    assert!(screen(&app).contains("originalet är inte"), "{}", screen(&app));
    key(&mut app, KeyCode::Esc);
    // the threat's records: manager, police report
    key(&mut app, KeyCode::Char('T'));
    key(&mut app, KeyCode::Char('c'));
    typed(&mut app, "Karin Berg");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Karin Berg har fått veta"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('T'));
    key(&mut app, KeyCode::Char('p'));
    typed(&mut app, "5000-K4711-26");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('T'));
    let s = screen(&app);
    assert!(s.contains("Chef informerad: Karin Berg") && s.contains("5000-K4711-26"), "{s}");
    insta::assert_snapshot!("threat_records", redact_times(&s));
    key(&mut app, KeyCode::Char('E')); // the original kept as evidence
    key(&mut app, KeyCode::Char('d'));
    assert!(screen(&app).contains("Radera meddelandet"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('j'));
    assert!(screen(&app).contains("Raderat ur brevlådan."), "{}", screen(&app));
    let kinds: Vec<String> = store(data.path()).log(20).unwrap().into_iter().map(|e| e.kind).collect();
    for k in ["threat", "manager_told", "police_report", "export", "delete"] {
        assert!(kinds.iter().any(|x| x == k), "{k} in {kinds:?}");
    }
}

#[test]
fn a_follow_up_is_offered_its_number_and_f_takes_it() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    app.update(postrum::app::Msg::Resize(120, 30));
    select(&mut app, "Komplettering BN");
    assert!(screen(&app).contains("BN 2026/412?"), "{}", screen(&app));
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Förslag: BN 2026/412"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('F'));
    let m = &app.list.items.iter().find(|i| i.msg.summary.subject.contains("Komplettering BN")).unwrap().msg;
    assert_eq!(m.triage.diarienummer.as_deref(), Some("BN 2026/412"));
}

#[test]
fn the_report_shows_the_week() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('R'));
    let s = screen(&app);
    assert!(s.contains("Veckan i siffror") && s.contains("Inkomna per dag"), "{s}");
    insta::assert_snapshot!("report", s);
}
