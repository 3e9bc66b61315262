//! The diarienummer input, and (Tab) the reason no registration is needed,
//! typed or picked from the configured list.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;
use ratatui::Frame;

use super::{type_into, Component, Cx, DialogResult};
use crate::app::keymap::Command;
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, input_line, style_dim, style_selected};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Register {
    pub id: String,
    pub input: String,
    /// The input was filled in for the user (from the subject, or the
    /// series last used): a letter typed first replaces it, a digit adds.
    pub prefilled: bool,
    /// The pick list of no-registration reasons, and the one chosen
    /// (Up/Down; typed text wins).
    pub reasons: Vec<String>,
    pub pick: usize,
    pub no_registration: bool,
    pub error: Option<String>,
}

impl Component for Register {
    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        let id = self.id.clone();
        let picking = self.no_registration && self.input.trim().is_empty() && !self.reasons.is_empty();
        match cmd {
            Some(Command::ChoiceDown) if self.no_registration => {
                self.pick = (self.pick + 1).min(self.reasons.len().saturating_sub(1));
            }
            Some(Command::ChoiceUp) if self.no_registration => self.pick = self.pick.saturating_sub(1),
            Some(Command::Confirm) if picking => {
                let reason = self.reasons[self.pick.min(self.reasons.len() - 1)].clone();
                return DialogResult::NoRegistration { id, reason };
            }
            Some(Command::NextField | Command::PrevField) => {
                self.no_registration = !self.no_registration;
                self.prefilled = false;
                self.input.clear();
                self.error = None;
            }
            Some(Command::Confirm) if self.no_registration => {
                return DialogResult::NoRegistration { id, reason: self.input.clone() };
            }
            Some(Command::Confirm) => return DialogResult::Register { id, diarienummer: self.input.clone() },
            _ => {
                if std::mem::take(&mut self.prefilled)
                    && matches!(key.code, KeyCode::Char(c) if c.is_alphabetic())
                {
                    self.input.clear();
                }
                type_into(&mut self.input, &mut self.error, key);
            }
        }
        DialogResult::Stay
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let (title, prompt) = if self.no_registration {
            (t.noreg_title, t.noreg_prompt)
        } else {
            (t.register_title, t.register_prompt)
        };
        let mut lines = vec![input_line(prompt, &self.input), Line::raw("")];
        if self.no_registration && !self.reasons.is_empty() {
            // the pick list; typed text wins over it
            for (i, r) in self.reasons.iter().enumerate() {
                let text = format!(" {}", crate::core::sanitize::line(r));
                let chosen = i == self.pick && self.input.trim().is_empty();
                lines.push(if chosen { Line::styled(text, style_selected()) } else { Line::raw(text) });
            }
            lines.push(Line::raw(""));
        }
        // Tab switches: say to what
        let tab = if self.no_registration { t.register_tab_back } else { t.register_tab };
        lines.push(Line::styled(cx.keys_line(tab), style_dim()));
        cx.foot(&mut lines, &self.error, t.dialog_keys);
        let h = (lines.len() as u16 + 2).max(10);
        boxed(frame, &cx.for_marked(title), lines, 64, h);
    }
}
