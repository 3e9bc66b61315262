//! Typing in dialogs: the handläggare picker's ranking and the editing
//! keys of a text field.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::records::Handlaggare;

/// The handläggare matching a picker query, best first: the id itself,
/// then an id or a word of the name that starts with the query, then the
/// query anywhere in id, name or unit (`li` picks Lisa before Eva Lind).
pub fn matching<'a>(dir: &'a [Handlaggare], query: &str) -> Vec<&'a Handlaggare> {
    let q = query.trim().to_lowercase();
    let rank = |h: &Handlaggare| -> Option<u8> {
        let (id, name, unit) = (h.id.to_lowercase(), h.name.to_lowercase(), h.unit.to_lowercase());
        if q.is_empty() {
            Some(3)
        } else if id == q {
            Some(0)
        } else if id.starts_with(&q) || name.starts_with(&q) {
            Some(1)
        } else if name.split_whitespace().any(|w| w.starts_with(&q)) {
            Some(2)
        } else if id.contains(&q) || name.contains(&q) || unit.contains(&q) {
            Some(3)
        } else {
            None
        }
    };
    let mut found: Vec<(u8, &Handlaggare)> = dir.iter().filter_map(|h| rank(h).map(|r| (r, h))).collect();
    // stable: the directory's order within a rank
    found.sort_by_key(|(r, _)| *r);
    found.into_iter().map(|(_, h)| h).collect()
}

/// Applies an editing key to a text field; true when it was one.
pub fn edit(input: &mut String, key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Backspace => {
            input.pop();
            true
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            input.clear();
            true
        }
        KeyCode::Char(c)
            if !key.modifiers.contains(KeyModifiers::CONTROL)
                && !c.is_control()
                && !crate::core::sanitize::is_invisible_format(c) =>
        {
            if input.chars().count() < 1000 {
                input.push(c);
            }
            true
        }
        _ => false,
    }
}

/// Types a key into a field; a key that edits it clears the error shown
/// about what was typed before.
pub fn type_into(input: &mut String, error: &mut Option<String>, key: &KeyEvent) {
    if edit(input, key) {
        *error = None;
    }
}
