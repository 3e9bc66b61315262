//! The dialogs over the inbox and the message view. Each is a component in
//! a file of its own holding its state, its keys and its drawing, behind
//! one small trait ([`Component`]); [`Dialog`] is the one that is open.
//! A dialog only holds its own input: what a key asks for comes back as a
//! [`DialogResult`], which the App performs (as a job). The keymap stays
//! the one table it is: a dialog sees a key as the [`Command`] it means on
//! the dialog's kind of screen, and the key itself for typing.

mod absence;
mod answer;
mod assign;
mod bulk_confirm;
mod delete;
mod filter;
mod handover;
mod input;
mod kvittens;
mod reassign;
mod register;
mod result;
mod save;
mod threat;
mod uncertain;

use jiff::civil::Date;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::keymap::{Command, ScreenKind};
use super::keys::Keymap;
use crate::core::absence::Absence;
use crate::core::records::Handlaggare;
use crate::i18n::Texts;

pub use absence::{AbsenceForm, Absent};
pub use answer::Answer;
pub use assign::{Assign, ForwardForm};
pub use bulk_confirm::{bulk_question, BulkConfirm};
pub use delete::{DeleteConfirm, DeleteRefused, ForceReason};
pub use filter::Filter;
pub use handover::Handover;
pub use input::{edit, matching, type_into};
pub use kvittens::Kvittens;
pub use reassign::Reassign;
pub use register::Register;
pub use result::DialogResult;
pub use save::Save;
pub use threat::{Threat, ThreatInput, ThreatRecords};
pub use uncertain::Uncertain;

/// What a dialog draws from besides its own state.
pub struct Cx<'a> {
    pub t: &'static Texts,
    pub keys: &'a Keymap,
    pub dir: &'a [Handlaggare],
    pub absences: &'a [Absence],
    pub today: Date,
    /// How many marked messages the dialog acts on (None: one message).
    pub batch: Option<usize>,
}

impl Cx<'_> {
    /// A hint line with the keys in force put in.
    pub fn keys_line(&self, text: &str) -> String {
        self.keys.fill_keys(text)
    }

    /// A dialog's foot: what went wrong (if anything), a blank line, and
    /// the keys (`text` with the keys in force put in).
    pub fn foot(&self, lines: &mut Vec<Line<'_>>, error: &Option<String>, text: &str) {
        if let Some(e) = error {
            lines.extend([Line::raw(""), Line::styled(e.clone(), crate::widgets::style_error())]);
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(self.keys_line(text), crate::widgets::style_dim()));
    }

    /// A dialog's title, with how many marked messages it acts on.
    pub fn for_marked(&self, title: &str) -> String {
        match self.batch {
            Some(n) => format!("{title} — {}", crate::i18n::fill(self.t.desk.bulk_for, &[&n])),
            None => title.to_string(),
        }
    }
}

/// One dialog: its keys and its drawing.
pub trait Component {
    /// Which keys apply: a text field types every character key.
    fn kind(&self) -> ScreenKind {
        ScreenKind::TextDialog
    }

    /// A key: `cmd` is what it means here, `key` itself is for typing;
    /// `dir` is the handläggare directory (the picker filters it).
    fn handle(&mut self, key: &KeyEvent, cmd: Option<Command>, dir: &[Handlaggare]) -> DialogResult;

    /// Esc: closes, unless the dialog has a step to go back to.
    fn cancel(&mut self) -> DialogResult {
        DialogResult::Close
    }

    /// Over the screen (the filter prompt draws in the message row instead).
    fn draw(&self, frame: &mut Frame, cx: &Cx);

    /// Why what it asked for was refused, where it has room to say it.
    fn set_error(&mut self, _message: String) {}
}

/// `$d` bound to the open dialog's component, whichever it is.
macro_rules! each_dialog {
    ($dialog:expr, $d:ident => $body:expr) => {
        match $dialog {
            Dialog::Assign($d) => $body,
            Dialog::Kvittens($d) => $body,
            Dialog::Register($d) => $body,
            Dialog::Uncertain($d) => $body,
            Dialog::Reassign($d) => $body,
            Dialog::DeleteConfirm($d) => $body,
            Dialog::DeleteRefused($d) => $body,
            Dialog::ForceReason($d) => $body,
            Dialog::Filter($d) => $body,
            Dialog::Absent($d) => $body,
            Dialog::AbsenceForm($d) => $body,
            Dialog::Handover($d) => $body,
            Dialog::Threat($d) => $body,
            Dialog::Save($d) => $body,
            Dialog::BulkConfirm($d) => $body,
            Dialog::Answer($d) => $body,
            Dialog::ThreatRecords($d) => $body,
        }
    };
}

/// The dialog that is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    Assign(Assign),
    Kvittens(Kvittens),
    Register(Register),
    Uncertain(Uncertain),
    Reassign(Reassign),
    DeleteConfirm(DeleteConfirm),
    DeleteRefused(DeleteRefused),
    ForceReason(ForceReason),
    Filter(Filter),
    Absent(Absent),
    AbsenceForm(AbsenceForm),
    Handover(Handover),
    Threat(Threat),
    Save(Save),
    BulkConfirm(BulkConfirm),
    Answer(Answer),
    ThreatRecords(ThreatRecords),
}

impl Dialog {
    fn component(&self) -> &dyn Component {
        each_dialog!(self, d => d)
    }

    fn component_mut(&mut self) -> &mut dyn Component {
        each_dialog!(self, d => d)
    }

    /// Which keys apply.
    pub fn kind(&self) -> ScreenKind {
        self.component().kind()
    }

    pub fn set_error(&mut self, message: String) {
        self.component_mut().set_error(message)
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Cx) {
        self.component().draw(frame, cx)
    }

    /// A key, read through the keymap on this dialog's kind of screen.
    pub fn handle(&mut self, key: &KeyEvent, keys: &Keymap, dir: &[Handlaggare]) -> DialogResult {
        let cmd = keys.dialog_command(key, self.kind());
        if cmd == Some(Command::Cancel) {
            return self.component_mut().cancel();
        }
        // the refusal's force key opens the reason's input in its place
        if let Dialog::DeleteRefused(d) = self {
            if let Some(next) = d.force(cmd) {
                *self = Dialog::ForceReason(next);
                return DialogResult::Stay;
            }
        }
        self.component_mut().handle(key, cmd, dir)
    }
}

#[cfg(test)]
mod tests;
