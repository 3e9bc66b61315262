//! The TUI's triage dialogs on the demo (keys and screens): the
//! confirmation before deleting an overdue message, the register dialog
//! prefilled, the pick list of no-registration reasons.

mod common;

use common::tui::{app, key, screen, select, typed};
use postrum::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Deleting a message whose answer is overdue, with nothing sent to the
/// sender, says so before it asks.
#[test]
fn deleting_an_overdue_unanswered_message_says_so_first() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Betalningspåminnelse");
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "lisa");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "KS 2026/1188");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&app);
    assert!(
        s.contains("Svaret är försenat och avsändaren har inte fått besked.")
            && s.contains("Radera meddelandet"),
        "{s}"
    );
    key(&mut app, KeyCode::Char('n'));
    // told now: no such line
    key(&mut app, KeyCode::Char('K'));
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&app);
    assert!(!s.contains("Svaret är försenat") && s.contains("Radera meddelandet"), "{s}");
}

/// The register dialog starts with the diarienummer the subject holds, or
/// the series last used: digits add to it, a letter starts afresh.
#[test]
fn the_register_dialog_is_prefilled() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Komplettering BN");
    key(&mut app, KeyCode::Char('r'));
    let s = screen(&app);
    assert!(s.contains("BN 2026/4"), "the subject's number: {s}");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Diariefört som BN 2026/4"), "{}", screen(&app));
    key(&mut app, KeyCode::Esc);
    select(&mut app, "attefallshus");
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "12");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Diariefört som BN 2026/12"), "the series kept: {}", screen(&app));
    key(&mut app, KeyCode::Esc);
    select(&mut app, "Betalningspåminnelse");
    key(&mut app, KeyCode::Char('r'));
    typed(&mut app, "KS 2026/7");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Diariefört som KS 2026/7"), "a letter starts afresh: {}", screen(&app));
}

/// No-registration reasons from a pick list: Down and Enter, no typing.
#[test]
fn a_no_registration_reason_is_picked_from_the_list() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Kommunnytt");
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Tab);
    let s = screen(&app);
    assert!(s.contains("reklam") && s.contains("för kännedom") && s.contains("autosvar"), "{s}");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Behöver inte diarieföras (nyhetsbrev)"), "{}", screen(&app));
}

/// A colleague's assignment reaches the store after this screen showed the
/// message unassigned: assigning it is a lost race, and the TUI asks
/// before replacing theirs (issue 20); yes reassigns on purpose.
#[test]
fn a_colleague_s_assignment_met_by_ours_is_asked_about() {
    use postrum::core::triage::{self, Action};
    let data = tempfile::tempdir().unwrap();
    let mut app = app(data.path(), Lang::Sv);
    select(&mut app, "Betalningspåminnelse");
    // what the journal brings: vikarie assigned it to Lisa Holm meanwhile
    let db = walk(data.path()).into_iter().find(|p| p.ends_with("postrum.sqlite")).unwrap();
    let mut store = postrum::store::Store::open(&db).unwrap();
    let msg = store
        .present_messages()
        .unwrap()
        .into_iter()
        .find(|m| m.summary.subject.contains("Betalningspåminnelse"))
        .unwrap();
    let action = Action::Assign { who: "lisa".into() };
    let state = triage::apply(&msg.triage, &action, postrum::core::clock::now(), "vikarie");
    let entry = postrum::store::RemoteEntry {
        id: &msg.id,
        key: &msg.key,
        action: &action,
        actor: "vikarie",
        state: Some(&state),
        remote: "entry:kollega.1",
        note: None,
    };
    assert!(store.record_remote(&entry).unwrap());
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "johan");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Redan fördelat till Lisa Holm av vikarie"), "{s}");
    assert!(s.contains("fördela om till Johan Berg?"), "{s}");
    key(&mut app, KeyCode::Char('j'));
    let s = screen(&app);
    assert!(s.contains("Fördelat till Johan Berg") || s.contains("johan"), "{s}");
    let now = store.message(&msg.id).unwrap().unwrap();
    assert_eq!(now.triage.assignee.as_deref(), Some("johan"));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
