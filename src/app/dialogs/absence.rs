//! Absence: the picked handläggare is away today (assign to the substitute
//! or to them anyway), and the form that marks someone absent (from, to,
//! substitute).

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{type_into, Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::absence::Absence as Period;
use crate::core::records::Handlaggare;
use crate::i18n::fill;
use crate::widgets::{boxed, input_line, style_dim};

/// The chosen handläggare is absent today: offer the substitute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Absent {
    pub id: String,
    pub who: String,
    pub absence: Period,
}

/// Mark a handläggare absent: from, to, substitute; `field` is the one
/// being typed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AbsenceForm {
    pub who: String,
    pub fields: [String; 3],
    pub field: usize,
    pub error: Option<String>,
}

impl Component for Absent {
    fn kind(&self) -> ScreenKind {
        ScreenKind::Question
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Substitute) => match &self.absence.substitute {
                Some(sub) => DialogResult::AssignAnyway { id: self.id.clone(), who: sub.clone() },
                None => DialogResult::Stay,
            },
            Some(Command::Yes) => DialogResult::AssignAnyway { id: self.id.clone(), who: self.who.clone() },
            _ => DialogResult::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let (who, a) = (&self.who, &self.absence);
        let mut lines = vec![Line::raw(fill(t.absent_text, &[who, &a.from, &a.to]))];
        let keys = match &a.substitute {
            Some(sub) => {
                lines.push(Line::raw(fill(t.absent_sub, &[sub])));
                fill(&cx.keys_line(t.absent_keys), &[who])
            }
            None => fill(&cx.keys_line(t.absent_keys_nosub), &[who]),
        };
        lines.push(Line::raw(""));
        lines.push(Line::styled(keys, style_dim()));
        boxed(frame, t.absent_title, lines, 64, 8);
    }
}

impl AbsenceForm {
    /// From and to today, the "to" field to type in first.
    pub fn new(who: String, today: String) -> AbsenceForm {
        AbsenceForm { who, fields: [today.clone(), today, String::new()], field: 1, error: None }
    }
}

impl Component for AbsenceForm {
    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        let n = self.fields.len();
        match cmd {
            Some(Command::NextField | Command::ChoiceDown) => self.field = (self.field + 1) % n,
            Some(Command::PrevField | Command::ChoiceUp) => self.field = (self.field + n - 1) % n,
            Some(Command::Confirm) => {
                let [from, to, substitute] = self.fields.clone();
                return DialogResult::SaveAbsence { who: self.who.clone(), from, to, substitute };
            }
            _ => {
                type_into(&mut self.fields[self.field], &mut self.error, key);
            }
        }
        DialogResult::Stay
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let labels = [t.absence_from, t.absence_to, t.absence_sub];
        let mut lines: Vec<Line> = labels
            .iter()
            .zip(self.fields.iter())
            .enumerate()
            .map(|(i, (label, value))| {
                if i == self.field {
                    input_line(label, value)
                } else {
                    Line::raw(format!("{label}: {value}"))
                }
            })
            .collect();
        cx.foot(&mut lines, &self.error, t.absence_keys);
        // the name as the directory has it, the id where it has none
        let name = cx.dir.iter().find(|h| h.id == self.who).map_or(self.who.as_str(), |h| h.name.as_str());
        boxed(frame, &fill(t.absence_title, &[&crate::core::sanitize::line(name)]), lines, 64, 10);
    }
}
