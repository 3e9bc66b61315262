//! A handover note for whoever watches the mailbox next.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{edit, Component, Cx, DialogResult};
use crate::app::keymap::Command;
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, error_lines, input_line, style_dim};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Handover {
    pub input: String,
    pub error: Option<String>,
}

impl Component for Handover {
    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Confirm) => DialogResult::SaveHandover(self.input.clone()),
            _ => {
                if edit(&mut self.input, key) {
                    self.error = None;
                }
                DialogResult::Stay
            }
        }
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let mut lines = vec![input_line(t.handover_prompt, &self.input)];
        lines.extend(error_lines(&self.error));
        lines.push(Line::raw(""));
        lines.push(Line::styled(cx.keys_line(t.dialog_keys), style_dim()));
        boxed(frame, t.handover_title, lines, 72, 10);
    }
}
