//! The kvittens as it will go: to whom, the subject and the text; send it,
//! edit it, or record it as given without sending.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::widgets::boxed;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kvittens {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub error: Option<String>,
}

impl Component for Kvittens {
    fn kind(&self) -> ScreenKind {
        ScreenKind::KvittensDialog
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        let id = self.id.clone();
        match cmd {
            Some(Command::Confirm) => DialogResult::SendKvittens { id, text: self.text.clone() },
            Some(Command::EditText) => DialogResult::EditKvittens { id, text: self.text.clone() },
            Some(Command::WithoutMail) => DialogResult::AckOnly { id },
            _ => DialogResult::Stay,
        }
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let m = cx.t.mail;
        let line = crate::core::sanitize::line;
        let mut lines = vec![
            Line::raw(format!("{}: {}", m.preview_to, line(&self.to))),
            Line::raw(format!("{}: {}", m.preview_subject, line(&self.subject))),
            Line::raw(""),
        ];
        let room = usize::from(frame.area().height.saturating_sub(10)).max(3);
        lines.extend(self.text.lines().take(room).map(|l| Line::raw(line(l))));
        cx.foot(&mut lines, &self.error, m.preview_keys);
        // long lines wrap in the box: count them as they will show
        let inner = 76;
        let h = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum::<usize>() as u16 + 2;
        boxed(frame, m.preview_title, lines, 78, h);
    }
}
