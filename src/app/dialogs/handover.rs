//! A handover note for whoever watches the mailbox next.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{type_into, Component, Cx, DialogResult};
use crate::app::keymap::Command;
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, input_line, style_dim};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Handover {
    /// The latest notes, newest first, each "when · who: text" (sanitized).
    pub recent: Vec<String>,
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
        let mut lines = vec![Line::styled(t.handover_recent, style_dim())];
        if self.recent.is_empty() {
            lines.push(Line::raw(format!("  {}", t.handover_none)));
        }
        lines.extend(self.recent.iter().map(|n| Line::raw(format!("  {n}"))));
        lines.push(Line::raw(""));
        lines.push(input_line(t.handover_prompt, &self.input));
        cx.foot(&mut lines, &self.error, t.dialog_keys);
        // long notes wrap in the box: count them as they will show
        let h = lines.iter().map(|l| l.width().div_ceil(70).max(1)).sum::<usize>() as u16 + 2;
        boxed(frame, t.handover_title, lines, 72, h.max(10));
    }
}
