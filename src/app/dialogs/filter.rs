//! The filter prompt: the list narrows as you type; Enter or a move keeps
//! the filter, Esc clears it. Drawn in the message row, not in a box.

use ratatui::crossterm::event::KeyEvent;
use ratatui::Frame;

use super::{edit, Component, Cx, DialogResult};
use crate::app::keymap::Command;
use crate::core::records::Handlaggare;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub input: String,
}

impl Component for Filter {
    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Confirm | Command::ChoiceDown | Command::ChoiceUp) => DialogResult::FilterDone,
            _ if edit(&mut self.input, key) => DialogResult::FilterChanged(self.input.clone()),
            _ => DialogResult::Stay,
        }
    }

    fn cancel(&mut self) -> DialogResult {
        DialogResult::FilterChanged(String::new())
    }

    /// The message row shows the prompt (`ui::status`).
    fn draw(&self, _frame: &mut Frame, _cx: &Cx) {}
}
