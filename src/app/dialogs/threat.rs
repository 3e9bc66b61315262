//! Threats: the confirmation that marks one (with the guideline's advice),
//! and its records — what was done (manager told, police report, the
//! original saved) with keys to record more and the field being typed.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{edit, Component, Cx, DialogResult};
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::widgets::{boxed, error_lines, input_line, style_dim};

/// Confirm marking a threat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Threat {
    pub id: String,
}

/// A threat's records: what was done, and keys to record more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreatRecords {
    pub id: String,
    pub lines: Vec<String>,
    pub input: Option<ThreatInput>,
    pub error: Option<String>,
}

/// What is being typed in the threat dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThreatInput {
    /// The manager's name.
    Manager(String),
    /// The police report: date, the police's reference; `field` is typed in.
    Police { fields: [String; 2], field: usize },
}

impl Component for Threat {
    fn kind(&self) -> ScreenKind {
        ScreenKind::Question
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Yes) => DialogResult::MarkThreat { id: self.id.clone() },
            _ => DialogResult::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let t = cx.t;
        let lines = vec![
            Line::raw(t.threat_advice),
            Line::raw(""),
            Line::styled(cx.keys_line(t.threat_keys), style_dim()),
        ];
        boxed(frame, t.threat_title, lines, 70, 7);
    }
}

impl ThreatRecords {
    pub fn new(id: String, lines: Vec<String>) -> ThreatRecords {
        ThreatRecords { id, lines, input: None, error: None }
    }

    /// The records shown, keys to record more: which to start typing.
    fn start(&mut self, cmd: Option<Command>) -> DialogResult {
        match cmd {
            Some(Command::ManagerTold) => self.input = Some(ThreatInput::Manager(String::new())),
            Some(Command::PoliceReport) => {
                let today = crate::core::clock::today().to_string();
                self.input = Some(ThreatInput::Police { fields: [today, String::new()], field: 1 });
            }
            Some(Command::ExportOriginal) => return DialogResult::ExportThreat { id: self.id.clone() },
            Some(Command::Confirm) => return DialogResult::Close,
            _ => {}
        }
        DialogResult::Stay
    }
}

impl Component for ThreatRecords {
    fn kind(&self) -> ScreenKind {
        match self.input {
            None => ScreenKind::ThreatDialog,
            Some(_) => ScreenKind::TextDialog,
        }
    }

    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        let id = self.id.clone();
        let typed = match &mut self.input {
            None => return self.start(cmd),
            Some(ThreatInput::Manager(name)) => match cmd {
                Some(Command::Confirm) => return DialogResult::ManagerTold { id, who: name.clone() },
                _ => edit(name, key),
            },
            Some(ThreatInput::Police { fields, field }) => match cmd {
                Some(Command::NextField | Command::PrevField | Command::ChoiceUp | Command::ChoiceDown) => {
                    *field = 1 - *field;
                    false
                }
                Some(Command::Confirm) => {
                    let [date, reference] = fields.clone();
                    return DialogResult::PoliceReport { id, date, reference };
                }
                _ => edit(&mut fields[*field], key),
            },
        };
        if typed {
            self.error = None;
        }
        DialogResult::Stay
    }

    /// Esc leaves the field being typed first.
    fn cancel(&mut self) -> DialogResult {
        if self.input.take().is_some() {
            self.error = None;
            return DialogResult::Stay;
        }
        DialogResult::Close
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let (t, d) = (cx.t, cx.t.desk);
        let mut lines: Vec<Line> = self
            .lines
            .iter()
            .flat_map(|l| l.split(" · ").map(|p| Line::raw(p.to_string())).collect::<Vec<_>>())
            .collect();
        lines.push(Line::raw(""));
        match &self.input {
            None => lines.push(Line::styled(cx.keys_line(d.threat_view_keys), style_dim())),
            Some(ThreatInput::Manager(name)) => lines.push(input_line(d.manager_prompt, name)),
            Some(ThreatInput::Police { fields, field }) => {
                for (i, (label, value)) in
                    [d.police_date_prompt, d.police_ref_prompt].iter().zip(fields).enumerate()
                {
                    lines.push(if i == *field {
                        input_line(label, value)
                    } else {
                        Line::raw(format!("{label}: {value}"))
                    });
                }
            }
        }
        lines.extend(error_lines(&self.error));
        if self.input.is_some() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(cx.keys_line(t.dialog_keys), style_dim()));
        }
        let h = lines.len() as u16 + 2;
        boxed(frame, d.threat_view_title, lines, 72, h);
    }
}
