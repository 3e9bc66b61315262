//! The keys in force: the keymap's defaults with the config's `[keys]` on
//! top (every action by name, one key or several). What the help and the
//! hint line show is made from it, so a rebound key shows where it is.
//! A key bound twice on one screen, an unknown action or an unknown key
//! name is refused when the config is read.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::keymap::{Command, Context, ScreenKind, KEYMAP};
use crate::i18n::Texts;

/// One key or several, as the config writes them.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

/// `[keys]`: action name → keys.
pub type KeysConfig = BTreeMap<String, KeySpec>;

/// A binding in force.
pub struct Entry {
    pub keys: Vec<KeyCode>,
    pub command: Command,
    pub context: Context,
    pub desc: fn(&Texts) -> &'static str,
    pub hint: bool,
}

impl Entry {
    /// The keys as the help shows them ("↓ j", "Enter").
    pub fn label(&self) -> String {
        let names: Vec<String> = self.keys.iter().map(|k| key_label(*k)).collect();
        if self.command == Command::ViewN && names.len() == 9 && names[0] == "1" {
            return "1–9".into();
        }
        names.join(" ")
    }
}

pub struct Keymap {
    pub entries: Vec<Entry>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            entries: KEYMAP
                .iter()
                .map(|b| Entry {
                    keys: b.keys.to_vec(),
                    command: b.command,
                    context: b.context,
                    desc: b.desc,
                    hint: b.hint,
                })
                .collect(),
        }
    }
}

/// Why a `[keys]` table cannot be used: the action it is about, and what.
#[derive(Debug, PartialEq, Eq)]
pub struct KeyError {
    pub action: String,
    pub message: String,
}

impl Keymap {
    /// The defaults with `config` on top.
    pub fn from_config(config: &KeysConfig) -> Result<Keymap, KeyError> {
        let mut map = Keymap::default();
        for (action, spec) in config {
            let err = |message: String| KeyError { action: action.clone(), message };
            let Some(command) = Command::from_name(action) else {
                let known: Vec<&str> = KEYMAP.iter().map(|b| b.command.name()).collect();
                return Err(err(format!("unknown action {action:?} (known: {})", known.join(", "))));
            };
            let names = match spec {
                KeySpec::One(k) => vec![k.clone()],
                KeySpec::Many(ks) => ks.clone(),
            };
            if names.is_empty() {
                return Err(err(format!("{action}: no key given")));
            }
            let keys = names
                .iter()
                .map(|n| parse_key(n).ok_or_else(|| err(format!("{action}: unknown key {n:?}"))))
                .collect::<Result<Vec<_>, _>>()?;
            for e in map.entries.iter_mut().filter(|e| e.command == command) {
                e.keys = keys.clone();
            }
        }
        // a key bound twice where both apply
        for (i, a) in map.entries.iter().enumerate() {
            for b in &map.entries[i + 1..] {
                if !a.context.overlaps(b.context) {
                    continue;
                }
                if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    let (x, y) = (a.command.name(), b.command.name());
                    let action = if config.contains_key(y) { y } else { x };
                    return Err(KeyError {
                        action: action.to_string(),
                        message: format!("the key {:?} is bound to both {x} and {y}", key_label(*k)),
                    });
                }
            }
        }
        Ok(map)
    }

    /// The command a key means on this screen, and which of its keys it
    /// was (the view number).
    pub fn lookup(&self, key: &KeyEvent, screen: ScreenKind) -> Option<(Command, usize)> {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return match key.code {
                KeyCode::Char('c') => Some((Command::Quit, 0)),
                KeyCode::Char('d') => Some((Command::PageDown, 0)),
                KeyCode::Char('u') => Some((Command::PageUp, 0)),
                _ => None,
            };
        }
        self.entries
            .iter()
            .filter(|e| e.context.applies(screen))
            .find_map(|e| e.keys.iter().position(|k| *k == key.code).map(|n| (e.command, n)))
    }
}

/// A key's name in the config: one character, or one of these words.
pub fn parse_key(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        return Some(KeyCode::Char(c));
    }
    let lower = name.to_lowercase();
    Some(match lower.as_str() {
        "space" => KeyCode::Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" | "s-tab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "insert" => KeyCode::Insert,
        "delete" | "del" => KeyCode::Delete,
        f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
        _ => return None,
    })
}

fn key_label(k: KeyCode) -> String {
    match k {
        KeyCode::Char(' ') => "Space".into(),
        // a key from the config: never a control character on screen
        KeyCode::Char(c) if c.is_control() => format!("U+{:04X}", c as u32),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(pairs: &[(&str, &[&str])]) -> KeysConfig {
        pairs
            .iter()
            .map(|(a, ks)| (a.to_string(), KeySpec::Many(ks.iter().map(|k| k.to_string()).collect())))
            .collect()
    }

    #[test]
    fn rebinding_moves_the_key_and_conflicts_are_refused() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let map = Keymap::from_config(&cfg(&[("assign", &["t", "F2"])])).unwrap();
        assert_eq!(map.lookup(&key(KeyCode::Char('t')), ScreenKind::Inbox), Some((Command::Assign, 0)));
        assert_eq!(map.lookup(&key(KeyCode::F(2)), ScreenKind::Inbox), Some((Command::Assign, 1)));
        assert_eq!(map.lookup(&key(KeyCode::Char('a')), ScreenKind::Inbox), None);
        let e = Keymap::from_config(&cfg(&[("delete", &["a"])])).err().unwrap();
        assert_eq!(e.action, "delete");
        assert!(e.message.contains("\"a\"") && e.message.contains("assign"), "{e:?}");
        let e = Keymap::from_config(&cfg(&[("fly", &["x"])])).err().unwrap();
        assert!(e.message.contains("unknown action"), "{e:?}");
        let e = Keymap::from_config(&cfg(&[("quit", &["ctrl-q"])])).err().unwrap();
        assert!(e.message.contains("unknown key"), "{e:?}");
        // the same key on screens that never meet is fine: the report and reply
        Keymap::from_config(&cfg(&[("report", &["R"]), ("reply", &["R"])])).unwrap();
    }

    #[test]
    fn key_names() {
        assert_eq!(parse_key("space"), Some(KeyCode::Char(' ')));
        assert_eq!(parse_key("F12"), Some(KeyCode::F(12)));
        assert_eq!(parse_key("F13"), None);
        assert_eq!(parse_key("ö"), Some(KeyCode::Char('ö')));
        assert_eq!(parse_key("PgDn"), Some(KeyCode::PageDown));
    }
}
