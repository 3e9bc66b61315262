//! A colleague assigned the message before this assignment went: reassign
//! it on purpose, or leave it.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, style_dim};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reassign {
    pub id: String,
    pub who: String,
    pub question: String,
}

impl Component for Reassign {
    fn kind(&self) -> ScreenKind {
        ScreenKind::Question
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Yes | Command::Confirm) => {
                DialogResult::Reassign { id: self.id.clone(), who: self.who.clone() }
            }
            Some(Command::No) => DialogResult::Close,
            _ => DialogResult::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let lines = vec![
            Line::raw(self.question.as_str()),
            Line::raw(""),
            Line::styled(cx.keys_line(cx.t.reassign_keys), style_dim()),
        ];
        boxed(frame, cx.t.reassign_title, lines, 64, 7);
    }
}
