//! Saving an attachment: which one (or all), to which folder; a dangerous
//! type is said and must be confirmed again.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{type_into, Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::i18n::fill;
use crate::widgets::{boxed, input_line, style_error, style_selected};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Save {
    pub id: String,
    pub names: Vec<String>,
    /// The last row of `names` is "all of them".
    pub all_row: bool,
    pub selected: usize,
    pub dir: String,
    /// Why the chosen type is dangerous, when it is: confirm again.
    pub danger: Option<String>,
    pub error: Option<String>,
}

impl Save {
    pub fn new(id: String, names: Vec<String>, all_row: bool, dir: String) -> Save {
        Save { id, names, all_row, selected: 0, dir, danger: None, error: None }
    }

    fn save(&self, n: usize, allow_dangerous: bool) -> DialogResult {
        DialogResult::SaveAttachment { id: self.id.clone(), n, dir: self.dir.clone(), allow_dangerous }
    }
}

impl Component for Save {
    fn kind(&self) -> ScreenKind {
        match self.danger {
            Some(_) => ScreenKind::Question,
            None => ScreenKind::TextDialog,
        }
    }

    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        if self.danger.is_some() {
            return match cmd {
                Some(Command::Yes) => self.save(self.selected, true),
                Some(Command::No) => {
                    self.danger = None;
                    DialogResult::Stay
                }
                _ => DialogResult::Stay,
            };
        }
        match cmd {
            Some(Command::ChoiceDown) => {
                self.selected = (self.selected + 1).min(self.names.len().saturating_sub(1))
            }
            Some(Command::ChoiceUp) => self.selected = self.selected.saturating_sub(1),
            Some(Command::Confirm) => {
                let all = self.all_row && self.selected + 1 == self.names.len();
                return self.save(if all { crate::engine::ALL_ATTACHMENTS } else { self.selected }, false);
            }
            _ => {
                type_into(&mut self.dir, &mut self.error, key);
            }
        }
        DialogResult::Stay
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let mut lines: Vec<Line> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if i == self.selected {
                    Line::styled(format!(" {n}"), style_selected())
                } else {
                    Line::raw(format!(" {n}"))
                }
            })
            .collect();
        lines.push(Line::raw(""));
        lines.push(input_line(t.save_dir, &self.dir));
        if let Some(why) = &self.danger {
            lines.push(Line::raw(""));
            lines.push(Line::styled(fill(&cx.keys_line(t.save_danger), &[why]), style_error()));
        }
        cx.foot(&mut lines, &self.error, t.save_keys);
        let h = lines.len() as u16 + 4;
        boxed(frame, t.save_title, lines, 72, h);
    }
}
