//! The handläggare picker: type to filter the directory (who is away today
//! is said on their row), Enter assigns; with sending set up, Tab chooses
//! whether the message is also forwarded, with a note (Ctrl-N).

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{edit, matching, Component, Cx, DialogResult};
use crate::app::keymap::Command;
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, input_line, style_dim, style_selected};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assign {
    pub id: String,
    pub query: String,
    pub selected: usize,
    /// Send the message to the handläggare, with a note (None: sending is
    /// not set up).
    pub forward: Option<ForwardForm>,
    pub error: Option<String>,
}

/// The assign dialog's forward: whether it goes, the note to the
/// handläggare, and whether the note is being typed (Ctrl-N).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForwardForm {
    pub on: bool,
    pub note: String,
    pub in_note: bool,
}

impl Assign {
    pub fn new(id: String, forward: Option<ForwardForm>) -> Assign {
        Assign { id, query: String::new(), selected: 0, forward, error: None }
    }
}

impl Component for Assign {
    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, dir: &[Handlaggare]) -> DialogResult {
        let count = matching(dir, &self.query).len();
        let send = self.forward.as_ref().is_some_and(|f| f.on);
        match cmd {
            Some(Command::NextField | Command::PrevField) => {
                if let Some(f) = &mut self.forward {
                    f.on = !f.on;
                    f.in_note &= f.on;
                }
            }
            Some(Command::Note) => {
                if let Some(f) = self.forward.as_mut().filter(|f| f.on) {
                    f.in_note = !f.in_note;
                }
            }
            Some(Command::ChoiceDown) => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Some(Command::ChoiceUp) => self.selected = self.selected.saturating_sub(1),
            Some(Command::Confirm) => {
                let who = match matching(dir, &self.query).get(self.selected) {
                    Some(h) => h.id.clone(),
                    // nothing matches: let the rules explain what is valid
                    None => self.query.clone(),
                };
                let note = self
                    .forward
                    .as_ref()
                    .map(|f| f.note.trim().to_string())
                    .filter(|n| send && !n.is_empty());
                return DialogResult::Assign { id: self.id.clone(), who, forward: send, note };
            }
            _ if self.forward.as_ref().is_some_and(|f| f.in_note) => {
                if let Some(f) = self.forward.as_mut() {
                    edit(&mut f.note, key);
                }
            }
            _ => {
                if edit(&mut self.query, key) {
                    self.selected = 0;
                    self.error = None;
                }
            }
        }
        DialogResult::Stay
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let found = matching(cx.dir, &self.query);
        let mut lines = vec![
            if self.forward.as_ref().is_some_and(|f| f.in_note) {
                Line::raw(format!("{}: {}", t.assign_prompt, self.query))
            } else {
                input_line(t.assign_prompt, &self.query)
            },
            Line::raw(""),
        ];
        let room = usize::from(frame.area().height.saturating_sub(10)).max(3);
        let first = self.selected.saturating_sub(room.saturating_sub(1));
        if found.is_empty() {
            lines.push(Line::styled(t.assign_none, style_dim()));
        }
        for (i, h) in found.iter().enumerate().skip(first).take(room) {
            let text = format!(" {:<8} {:<20} {}{}", h.id, h.name, h.unit, away(cx, h));
            lines.push(if i == self.selected {
                Line::styled(text, style_selected())
            } else {
                Line::raw(text)
            });
        }
        if let Some(f) = &self.forward {
            lines.push(Line::raw(""));
            lines.push(Line::raw(format!(
                "[{}] {} (Tab)",
                if f.on { "x" } else { " " },
                t.mail.forward_toggle
            )));
            if f.on {
                let cursor = if f.in_note { "▏" } else { "" };
                let note = crate::core::sanitize::line(&f.note);
                lines.push(Line::raw(format!(
                    "{} ({}): {note}{cursor}",
                    t.mail.note_label,
                    cx.keys_line("{k:note}")
                )));
            }
        }
        cx.foot(&mut lines, &self.error, t.dialog_keys);
        let h = lines.len() as u16 + 2;
        boxed(frame, &cx.for_marked(t.assign_title), lines, 64, h);
    }
}

/// Who is away today, and who takes their messages (empty when present).
fn away(cx: &Cx, h: &Handlaggare) -> String {
    crate::core::absence::absent_on(cx.absences, &h.id, cx.today)
        .map(|a| {
            let until = crate::i18n::fill(cx.t.absent_until, &[&a.to]);
            match &a.substitute {
                Some(s) => format!(" · {until} → {s}"),
                None => format!(" · {until}"),
            }
        })
        .unwrap_or_default()
}
