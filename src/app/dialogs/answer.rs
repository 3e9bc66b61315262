//! What the sender got: awaiting, answered, no answer needed (for one
//! message or the marked set).

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::widgets::boxed;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub id: String,
}

impl Component for Answer {
    fn kind(&self) -> ScreenKind {
        ScreenKind::AnswerDialog
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        let state = match cmd {
            Some(Command::AnswerAwaiting) => "awaiting",
            Some(Command::AnswerAnswered) => "answered",
            Some(Command::AnswerNotNeeded) => "not_needed",
            _ => return DialogResult::Stay,
        };
        DialogResult::SetAnswer { id: self.id.clone(), state: state.to_string() }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let d = cx.t.desk;
        let lines = vec![Line::raw(cx.keys_line(d.answer_keys))];
        boxed(frame, &cx.for_marked(d.answer_title), lines, 72, 3);
    }
}
