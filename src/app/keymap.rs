//! The keymap as data: every binding with the screen it works on and a
//! description. The help overlay and the status-bar hints are generated
//! from this table, so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Texts;

/// What a key press asks for (outside dialogs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Back,
    Assign,
    Register,
    Delete,
    Filter,
    Sort,
    Log,
    Help,
    Quit,
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Every screen.
    Global,
    /// The inbox list and the message view (they act on one message).
    Message,
    Inbox,
}

pub struct Binding {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub command: Command,
    pub context: Context,
    pub desc: fn(&Texts) -> &'static str,
    /// Shown in the status bar's hints.
    pub hint: bool,
}

const fn b(
    keys: &'static [KeyCode],
    label: &'static str,
    command: Command,
    context: Context,
    desc: fn(&Texts) -> &'static str,
    hint: bool,
) -> Binding {
    Binding { keys, label, command, context, desc, hint }
}

pub static KEYMAP: &[Binding] = &[
    b(&[KeyCode::Down, KeyCode::Char('j')], "↓ j", Command::Down, Context::Global, |t| t.key_down, false),
    b(&[KeyCode::Up, KeyCode::Char('k')], "↑ k", Command::Up, Context::Global, |t| t.key_up, false),
    b(
        &[KeyCode::PageDown, KeyCode::Char(' ')],
        "PgDn Space",
        Command::PageDown,
        Context::Global,
        |t| t.key_page_down,
        false,
    ),
    b(&[KeyCode::PageUp], "PgUp", Command::PageUp, Context::Global, |t| t.key_page_up, false),
    b(&[KeyCode::Home, KeyCode::Char('g')], "Home g", Command::Top, Context::Global, |t| t.key_top, false),
    b(
        &[KeyCode::End, KeyCode::Char('G')],
        "End G",
        Command::Bottom,
        Context::Global,
        |t| t.key_bottom,
        false,
    ),
    b(&[KeyCode::Enter], "Enter", Command::Open, Context::Inbox, |t| t.key_open, true),
    b(
        &[KeyCode::Esc, KeyCode::Left, KeyCode::Backspace],
        "Esc ←",
        Command::Back,
        Context::Global,
        |t| t.key_back,
        false,
    ),
    b(&[KeyCode::Char('a')], "a", Command::Assign, Context::Message, |t| t.key_assign, true),
    b(&[KeyCode::Char('r')], "r", Command::Register, Context::Message, |t| t.key_register, true),
    b(&[KeyCode::Char('d')], "d", Command::Delete, Context::Message, |t| t.key_delete, true),
    b(&[KeyCode::Char('/')], "/", Command::Filter, Context::Inbox, |t| t.key_filter, true),
    b(&[KeyCode::Char('s')], "s", Command::Sort, Context::Inbox, |t| t.key_sort, false),
    b(&[KeyCode::Char('l')], "l", Command::Log, Context::Global, |t| t.key_log, false),
    b(&[KeyCode::Char('?'), KeyCode::F(1)], "? F1", Command::Help, Context::Global, |t| t.key_help, true),
    b(&[KeyCode::Char('q')], "q", Command::Quit, Context::Global, |t| t.key_quit, true),
];

/// The command a key means on a screen of the given kind, if any.
pub fn lookup(key: &KeyEvent, on_message: bool, on_inbox: bool) -> Option<Command> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Command::Quit),
            KeyCode::Char('d') => Some(Command::PageDown),
            KeyCode::Char('u') => Some(Command::PageUp),
            _ => None,
        };
    }
    KEYMAP
        .iter()
        .filter(|b| match b.context {
            Context::Global => true,
            Context::Message => on_message,
            Context::Inbox => on_inbox,
        })
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_overlapping_contexts() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for other in &KEYMAP[i + 1..] {
                for k in a.keys {
                    assert!(
                        !other.keys.contains(k),
                        "{k:?} bound to {:?} and {:?}",
                        a.command,
                        other.command
                    );
                }
            }
        }
    }

    #[test]
    fn keys_map_to_commands_by_screen() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(lookup(&key(KeyCode::Char('j')), true, true), Some(Command::Down));
        assert_eq!(lookup(&key(KeyCode::Char('a')), true, true), Some(Command::Assign));
        assert_eq!(lookup(&key(KeyCode::Char('a')), false, false), None);
        assert_eq!(lookup(&key(KeyCode::Char('/')), true, false), None);
        assert_eq!(
            lookup(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL), false, false),
            Some(Command::Quit)
        );
    }
}
