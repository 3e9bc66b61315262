//! A handover note for whoever watches the mailbox next.

use ratatui::crossterm::event::KeyEvent;
use ratatui::Frame;

use super::{type_into, Component, Cx, DialogResult};
use crate::app::keymap::Command;
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, input_line};

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
        let mut lines = vec![input_line(t.handover_prompt, &self.input)];
        cx.foot(&mut lines, &self.error, t.dialog_keys);
        boxed(frame, t.handover_title, lines, 72, 10);
    }
}
