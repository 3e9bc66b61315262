//! Deleting one message: the confirmation (the overdue answer said first),
//! the refusal with its reason (a force key where a written reason may
//! override it), and the input of that reason.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{type_into, Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, input_line, style_dim, style_error};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteConfirm {
    pub id: String,
    /// The answer is overdue and the sender has had none: said first.
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteRefused {
    pub id: String,
    pub reason: String,
    /// False for a threat: no written reason lets it be deleted unregistered.
    pub forceable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForceReason {
    pub id: String,
    pub input: String,
    pub error: Option<String>,
}

impl Component for DeleteConfirm {
    fn kind(&self) -> ScreenKind {
        ScreenKind::Question
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Yes | Command::Confirm) => {
                DialogResult::Delete { id: self.id.clone(), force_reason: None }
            }
            Some(Command::No) => DialogResult::Close,
            _ => DialogResult::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let mut lines = Vec::new();
        if self.overdue {
            lines.push(Line::styled(t.delete_overdue, style_error()));
            lines.push(Line::raw(""));
        }
        lines.extend([
            Line::raw(t.delete_confirm),
            Line::raw(""),
            Line::styled(cx.keys_line(t.delete_yes_no), style_dim()),
        ]);
        let h = lines.len() as u16 + 2;
        boxed(frame, t.delete_title, lines, if self.overdue { 64 } else { 50 }, h);
    }
}

impl DeleteRefused {
    /// The force key, where a reason may override the refusal: the reason's
    /// input, which takes this dialog's place.
    pub fn force(&self, cmd: Option<Command>) -> Option<ForceReason> {
        (cmd == Some(Command::Force) && self.forceable).then(|| ForceReason {
            id: self.id.clone(),
            input: String::new(),
            error: None,
        })
    }
}

impl Component for DeleteRefused {
    fn kind(&self) -> ScreenKind {
        ScreenKind::Question
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Confirm | Command::No) => DialogResult::Close,
            _ => DialogResult::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let offer = cx.keys_line(if self.forceable { t.delete_force_offer } else { t.esc_close });
        let lines = vec![
            Line::styled(self.reason.as_str(), style_error()),
            Line::raw(""),
            Line::styled(offer, style_dim()),
        ];
        boxed(frame, t.delete_title, lines, 64, 7);
    }
}

impl Component for ForceReason {
    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Confirm) => {
                DialogResult::Delete { id: self.id.clone(), force_reason: Some(self.input.clone()) }
            }
            _ => {
                type_into(&mut self.input, &mut self.error, key);
                DialogResult::Stay
            }
        }
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let mut lines = vec![input_line(t.force_prompt, &self.input)];
        cx.foot(&mut lines, &self.error, t.dialog_keys);
        boxed(frame, t.force_title, lines, 64, 8);
    }
}
