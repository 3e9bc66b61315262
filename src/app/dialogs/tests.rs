//! The dialogs' keys: the picker, the register dialog, the prompts.

use super::*;
use crate::app::keys::{KeySpec, KeysConfig};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn dir() -> Vec<Handlaggare> {
    crate::mail::demo::handlaggare()
}

#[test]
fn picker_filters_as_you_type_and_picks() {
    let mut d = Dialog::Assign(Assign::new("m1".into(), None));
    for c in "bygg".chars() {
        assert_eq!(d.handle(&key(KeyCode::Char(c)), &Keymap::default(), &dir()), DialogResult::Stay);
    }
    assert_eq!(
        d.handle(&key(KeyCode::Enter), &Keymap::default(), &dir()),
        DialogResult::Assign { id: "m1".into(), who: "eva".into(), forward: false, note: None }
    );
    assert_eq!(matching(&dir(), "").len(), dir().len());
}

/// The register dialog on message m1, empty, no reasons to pick.
fn register_dialog() -> Dialog {
    Dialog::Register(Register {
        id: "m1".into(),
        input: String::new(),
        no_registration: false,
        error: None,
        prefilled: false,
        reasons: Vec::new(),
        pick: 0,
    })
}

#[test]
fn register_tab_switches_to_no_registration() {
    let mut d = register_dialog();
    d.handle(&key(KeyCode::Tab), &Keymap::default(), &dir());
    for c in "reklam".chars() {
        d.handle(&key(KeyCode::Char(c)), &Keymap::default(), &dir());
    }
    assert_eq!(
        d.handle(&key(KeyCode::Enter), &Keymap::default(), &dir()),
        DialogResult::NoRegistration { id: "m1".into(), reason: "reklam".into() }
    );
}

#[test]
fn refused_delete_offers_force_with_reason() {
    let mut d = Dialog::DeleteRefused(DeleteRefused { id: "m1".into(), reason: "x".into(), forceable: true });
    d.handle(&key(KeyCode::Char('F')), &Keymap::default(), &dir());
    assert!(matches!(d, Dialog::ForceReason(_)));
    d.handle(&key(KeyCode::Char('x')), &Keymap::default(), &dir());
    assert_eq!(
        d.handle(&key(KeyCode::Enter), &Keymap::default(), &dir()),
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

/// Dialog keys rebound in `[keys]`: the new keys act, the old ones are
/// typing (in a text field) or nothing (in a question); a character key
/// for a text dialog's action is refused, since it would never be typed.
#[test]
fn dialog_keys_follow_the_config() {
    let cfg = |pairs: &[(&str, &[&str])]| -> KeysConfig {
        pairs
            .iter()
            .map(|(a, ks)| (a.to_string(), KeySpec::Many(ks.iter().map(|k| k.to_string()).collect())))
            .collect()
    };
    let keys = Keymap::from_config(&cfg(&[
        ("confirm", &["F5"]),
        ("next_field", &["ctrl-t"]),
        ("yes", &["o"]),
        ("force", &["t"]),
    ]))
    .unwrap();
    // the register dialog: Ctrl-T switches, Enter no longer saves, F5 does
    let mut d = register_dialog();
    d.handle(&KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL), &keys, &dir());
    assert!(matches!(d, Dialog::Register(Register { no_registration: true, .. })));
    for c in "reklam".chars() {
        d.handle(&key(KeyCode::Char(c)), &keys, &dir());
    }
    assert_eq!(d.handle(&key(KeyCode::Enter), &keys, &dir()), DialogResult::Stay);
    assert_eq!(
        d.handle(&key(KeyCode::F(5)), &keys, &dir()),
        DialogResult::NoRegistration { id: "m1".into(), reason: "reklam".into() }
    );
    // a question: `o` is yes now, `j` is nothing
    let mut d = Dialog::Threat(Threat { id: "m1".into() });
    assert_eq!(d.handle(&key(KeyCode::Char('j')), &keys, &dir()), DialogResult::Stay);
    assert_eq!(
        d.handle(&key(KeyCode::Char('o')), &keys, &dir()),
        DialogResult::MarkThreat { id: "m1".into() }
    );
    let mut d = Dialog::DeleteRefused(DeleteRefused { id: "m1".into(), reason: "x".into(), forceable: true });
    d.handle(&key(KeyCode::Char('F')), &keys, &dir());
    assert!(matches!(d, Dialog::DeleteRefused(_)));
    d.handle(&key(KeyCode::Char('t')), &keys, &dir());
    assert!(matches!(d, Dialog::ForceReason(_)));
    // the lines of keys name the keys in force
    assert_eq!(
        keys.fill_keys("{k:yes} = ja · {k:confirm} sparar · {k:next_field}"),
        "o = ja · F5 sparar · Ctrl-T"
    );
    assert_eq!(Keymap::default().fill_keys("{k:yes/y} {k:substitute/s} {k:note}"), "y s Ctrl-N");
    assert_eq!(Keymap::default().fill_keys("{k:yes} {k:substitute}"), "j e");
    assert_eq!(keys.fill_keys("{k:yes/y}"), "o", "a preferred key no longer bound: the one in force");
    // a letter for a text dialog's action would be typed, never pressed
    let e = Keymap::from_config(&cfg(&[("confirm", &["x"])])).err().unwrap();
    assert!(e.message(&crate::i18n::config::EN).contains("typed"), "{e:?}");
    // two actions of one question on one key
    let e = Keymap::from_config(&cfg(&[("no", &["f"])])).err().unwrap();
    assert!(
        e.message(&crate::i18n::config::EN).contains("force")
            && e.message(&crate::i18n::config::EN).contains("no"),
        "{e:?}"
    );
    // the same key in dialogs that never meet is fine: e edits a kvittens, saves a threat's original
    Keymap::from_config(&cfg(&[("edit_text", &["x"]), ("export_original", &["x"])])).unwrap();
}
