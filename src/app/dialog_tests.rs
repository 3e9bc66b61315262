//! The dialogs' keys: the picker, the register dialog, the prompts.

use super::*;

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn dir() -> Vec<Handlaggare> {
    crate::mail::demo::handlaggare()
}

#[test]
fn picker_filters_as_you_type_and_picks() {
    let mut d =
        Dialog::Assign { id: "m1".into(), query: String::new(), selected: 0, forward: None, error: None };
    for c in "bygg".chars() {
        assert_eq!(d.handle(&key(KeyCode::Char(c)), &dir()), DialogResult::Stay);
    }
    assert_eq!(
        d.handle(&key(KeyCode::Enter), &dir()),
        DialogResult::Assign { id: "m1".into(), who: "eva".into(), forward: false, note: None }
    );
    assert_eq!(matching(&dir(), "").len(), dir().len());
}

#[test]
fn register_tab_switches_to_no_registration() {
    let mut d = Dialog::Register {
        id: "m1".into(),
        input: String::new(),
        no_registration: false,
        error: None,
        prefilled: false,
        reasons: Vec::new(),
        pick: 0,
    };
    d.handle(&key(KeyCode::Tab), &dir());
    for c in "reklam".chars() {
        d.handle(&key(KeyCode::Char(c)), &dir());
    }
    assert_eq!(
        d.handle(&key(KeyCode::Enter), &dir()),
        DialogResult::NoRegistration { id: "m1".into(), reason: "reklam".into() }
    );
}

#[test]
fn refused_delete_offers_force_with_reason() {
    let mut d = Dialog::DeleteRefused { id: "m1".into(), reason: "x".into(), forceable: true };
    d.handle(&key(KeyCode::Char('F')), &dir());
    assert!(matches!(d, Dialog::ForceReason { .. }));
    d.handle(&key(KeyCode::Char('x')), &dir());
    assert_eq!(
        d.handle(&key(KeyCode::Enter), &dir()),
        DialogResult::Delete { id: "m1".into(), force_reason: Some("x".into()) }
    );
}

#[test]
fn the_picker_ranks_the_id_then_the_start_of_a_name_then_anywhere() {
    let h = |id: &str, name: &str, unit: &str| Handlaggare {
        id: id.into(),
        name: name.into(),
        email: String::new(),
        unit: unit.into(),
    };
    let dir =
        vec![h("eva", "Eva Lind", "Bygglov"), h("lisa", "Lisa Holm", "Ekonomi"), h("li", "Li Wei", "Kultur")];
    let ids = |q: &str| matching(&dir, q).iter().map(|h| h.id.as_str()).collect::<Vec<_>>();
    assert_eq!(ids("li"), ["li", "lisa", "eva"]);
    assert_eq!(ids("lis"), ["lisa"]);
    assert_eq!(ids("lind"), ["eva"]);
    assert_eq!(ids("kono"), ["lisa"]);
    assert_eq!(ids("ho"), ["lisa"]);
    assert_eq!(ids("").len(), 3);
}
