//! A mail about the message whose sending is uncertain: send it again, or
//! record it as sent (the recipient has it).

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, style_dim};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uncertain {
    pub id: String,
    pub seq: i64,
    pub what: String,
}

impl Component for Uncertain {
    fn kind(&self) -> ScreenKind {
        // send (again), or record without sending: the kvittens's keys
        ScreenKind::KvittensDialog
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Confirm) => DialogResult::SendAgain { id: self.id.clone(), seq: self.seq },
            Some(Command::WithoutMail) => DialogResult::MarkSent { id: self.id.clone(), seq: self.seq },
            _ => DialogResult::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let m = cx.t.mail;
        let lines = vec![
            Line::raw(self.what.as_str()),
            Line::raw(m.uncertain_ask),
            Line::raw(""),
            Line::styled(cx.keys_line(m.uncertain_keys), style_dim()),
        ];
        boxed(frame, m.uncertain_title, lines, 64, 8);
    }
}
