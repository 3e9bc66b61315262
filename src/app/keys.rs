//! The keys in force: the keymap's defaults with the config's `[keys]` on
//! top (every action by name, one key or several). What the help and the
//! hint line show is made from it, so a rebound key shows where it is.
//! A key bound twice on one screen, an unknown action or an unknown key
//! name is refused when the config is read.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{Command, Context, ScreenKind, KEYMAP};
use crate::i18n::Texts;

pub use crate::config::tui::{KeySpec, KeysConfig};

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
    pub problem: KeyProblem,
}

#[derive(Debug, PartialEq, Eq)]
pub enum KeyProblem {
    UnknownAction,
    NoKey,
    UnknownKey(String),
    /// Ctrl-C, which always quits.
    Reserved,
    /// A character key for an action of the dialogs' text fields.
    Typed(char),
    Twice {
        key: String,
        a: &'static str,
        b: &'static str,
    },
}

impl KeyError {
    /// What is wrong, in the config's language.
    pub fn message(&self, t: &crate::i18n::config::ConfigTexts) -> String {
        use crate::i18n::fill;
        let action = &self.action;
        match &self.problem {
            KeyProblem::UnknownAction => {
                let known: Vec<&str> = KEYMAP.iter().map(|b| b.command.name()).collect();
                fill(t.key_action, &[&format!("{action:?}"), &known.join(", ")])
            }
            KeyProblem::NoKey => fill(t.key_none, &[action]),
            KeyProblem::UnknownKey(k) => fill(t.key_unknown, &[action, &format!("{k:?}")]),
            KeyProblem::Reserved => fill(t.key_reserved, &[action]),
            KeyProblem::Typed(c) => fill(t.key_typed, &[action, &format!("{c:?}")]),
            KeyProblem::Twice { key, a, b } => fill(t.key_twice, &[&format!("{key:?}"), a, b]),
        }
    }
}

impl Keymap {
    /// The defaults with `config` on top.
    pub fn from_config(config: &KeysConfig) -> Result<Keymap, KeyError> {
        let mut map = Keymap::default();
        for (action, spec) in config {
            let err = |problem| KeyError { action: action.clone(), problem };
            let Some(command) = Command::from_name(action) else {
                return Err(err(KeyProblem::UnknownAction));
            };
            let names = match spec {
                KeySpec::One(k) => vec![k.clone()],
                KeySpec::Many(ks) => ks.clone(),
            };
            if names.is_empty() {
                return Err(err(KeyProblem::NoKey));
            }
            let keys = names
                .iter()
                .map(|n| parse_key(n).ok_or_else(|| err(KeyProblem::UnknownKey(n.clone()))))
                .collect::<Result<Vec<_>, _>>()?;
            if keys.contains(&KeyCode::Char(CTRL_C)) {
                return Err(err(KeyProblem::Reserved));
            }
            for e in map.entries.iter_mut().filter(|e| e.command == command) {
                e.keys = keys.clone();
            }
        }
        // a dialog's text field types every character key
        for e in map.entries.iter().filter(|e| e.context == Context::Dialog) {
            if let Some(KeyCode::Char(c)) =
                e.keys.iter().find(|k| matches!(k, KeyCode::Char(c) if !c.is_control()))
            {
                return Err(KeyError {
                    action: e.command.name().to_string(),
                    problem: KeyProblem::Typed(*c),
                });
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
                        problem: KeyProblem::Twice { key: key_label(*k), a: x, b: y },
                    });
                }
            }
        }
        Ok(map)
    }

    /// The command a key means on this screen, and which of its keys it
    /// was (the view number).
    pub fn lookup(&self, key: &KeyEvent, screen: ScreenKind) -> Option<(Command, usize)> {
        let code = normal(key);
        // Ctrl-C always quits a screen (`[keys]` may not bind it)
        if code == KeyCode::Char(CTRL_C) && !screen.is_dialog() {
            return Some((Command::Quit, 0));
        }
        self.entries
            .iter()
            .filter(|e| e.context.applies(screen))
            .find_map(|e| e.keys.iter().position(|k| *k == code).map(|n| (e.command, n)))
    }

    /// The command a key means in a dialog of this kind, if any (a key
    /// that means none is typing, or nothing).
    pub fn dialog_command(&self, key: &KeyEvent, kind: ScreenKind) -> Option<Command> {
        self.lookup(key, kind).map(|(c, _)| c)
    }

    /// `{k:NAME}` in a dialog's line of keys: the action's key in force,
    /// the first of several; `{k:NAME/KEY}` names KEY where it is one of
    /// them (the text's own word's letter: `{k:yes/y}` in English).
    pub fn fill_keys(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("{k:") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 3..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[at..]);
                return out;
            };
            let (name, preferred) = match after[..close].split_once('/') {
                Some((name, key)) => (name, parse_key(key)),
                None => (&after[..close], None),
            };
            let keys = Command::from_name(name)
                .and_then(|c| self.entries.iter().find(|e| e.command == c))
                .map(|e| e.keys.as_slice())
                .unwrap_or(&[]);
            let key = match preferred {
                Some(p) if keys.contains(&p) => Some(p),
                _ => keys.first().copied(),
            };
            out.push_str(&key.map(key_label).unwrap_or_else(|| "–".into()));
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

const CTRL_C: char = '\u{3}';

/// A key as the keymap holds it: Ctrl with a letter is that letter's
/// control character (Ctrl-N is U+000E).
fn normal(key: &KeyEvent) -> KeyCode {
    match key.code {
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) && c.is_ascii_alphabetic() => {
            KeyCode::Char(((c.to_ascii_lowercase() as u8) & 0x1f) as char)
        }
        other => other,
    }
}

/// A key's name in the config: one character, or one of these words.
pub fn parse_key(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        return Some(KeyCode::Char(c));
    }
    let lower = name.to_lowercase();
    if let Some(letter) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
        let mut l = letter.chars();
        return match (l.next(), l.next()) {
            (Some(c), None) if c.is_ascii_lowercase() => Some(KeyCode::Char(((c as u8) & 0x1f) as char)),
            _ => None,
        };
    }
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
        KeyCode::Char(c @ '\u{1}'..='\u{1a}') => format!("Ctrl-{}", (b'A' + c as u8 - 1) as char),
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
        assert!(
            e.message(&crate::i18n::config::EN).contains("\"a\"")
                && e.message(&crate::i18n::config::EN).contains("assign"),
            "{e:?}"
        );
        let e = Keymap::from_config(&cfg(&[("fly", &["x"])])).err().unwrap();
        assert!(e.message(&crate::i18n::config::EN).contains("unknown action"), "{e:?}");
        let e = Keymap::from_config(&cfg(&[("quit", &["ctrl-ö"])])).err().unwrap();
        assert!(e.message(&crate::i18n::config::EN).contains("unknown key"), "{e:?}");
        // Ctrl with a letter: bound, shown, and Ctrl-C still quits
        let map = Keymap::from_config(&cfg(&[("quit", &["ctrl-q"])])).unwrap();
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(map.lookup(&ctrl('q'), ScreenKind::Log), Some((Command::Quit, 0)));
        assert_eq!(map.lookup(&ctrl('c'), ScreenKind::Log), Some((Command::Quit, 0)));
        let e = Keymap::from_config(&cfg(&[("mark", &["ctrl-c"])])).err().unwrap();
        assert_eq!(e.problem, KeyProblem::Reserved);
        assert_eq!(map.lookup(&ctrl('d'), ScreenKind::Inbox), Some((Command::PageDown, 1)));
        assert!(map.entries.iter().any(|e| e.command == Command::Quit && e.label() == "Ctrl-Q"));
        // a line of keys: known names filled, an unclosed one left as it is
        assert_eq!(map.fill_keys("{k:quit} x {k:nope} {k:quit"), "Ctrl-Q x – {k:quit");
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

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod keymap_tests;
