//! The keymap's table, checked through the keys in force: no key bound
//! twice on one screen, and what the default keys mean where.

use super::Keymap;
use crate::app::keymap::*;
use ratatui::crossterm::event::KeyCode::{self, Char};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

/// The command a key means with the default keys.
fn lookup(key: &KeyEvent, screen: ScreenKind) -> Option<Command> {
    Keymap::default().lookup(key, screen).map(|(c, _)| c)
}

#[test]
fn no_key_is_bound_twice_on_one_screen() {
    for (i, a) in KEYMAP.iter().enumerate() {
        for other in &KEYMAP[i + 1..] {
            if !a.context.overlaps(other.context) {
                continue;
            }
            for k in a.keys {
                assert!(!other.keys.contains(k), "{k:?} bound to {:?} and {:?}", a.command, other.command);
            }
        }
    }
}

#[test]
fn keys_map_to_commands_by_screen() {
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(lookup(&key(Char('j')), ScreenKind::Message), Some(Command::Down));
    assert_eq!(lookup(&key(Char('a')), ScreenKind::Inbox), Some(Command::Assign));
    assert_eq!(lookup(&key(Char('a')), ScreenKind::Log), None);
    assert_eq!(lookup(&key(Char('/')), ScreenKind::Message), None);
    assert_eq!(lookup(&key(KeyCode::Tab), ScreenKind::Inbox), Some(Command::NextView));
    assert_eq!(lookup(&key(Char('f')), ScreenKind::Inbox), None);
    assert_eq!(lookup(&key(Char('R')), ScreenKind::Inbox), Some(Command::Report));
    assert_eq!(lookup(&key(Char('R')), ScreenKind::Message), Some(Command::Reply));
    assert_eq!(lookup(&key(Char(' ')), ScreenKind::Inbox), Some(Command::Mark));
    assert_eq!(lookup(&key(Char('f')), ScreenKind::People), Some(Command::Absence));
    assert_eq!(
        lookup(&KeyEvent::new(Char('c'), KeyModifiers::CONTROL), ScreenKind::Log),
        Some(Command::Quit)
    );
}
