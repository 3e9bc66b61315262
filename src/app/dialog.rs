//! The dialogs over the inbox and the message view: the handläggare picker
//! (type to filter), the diarienummer / no-registration input, the delete
//! confirmation with its force-with-reason path, and the filter prompt.
//! Each holds only its own input; the App performs what it asks for.

use super::dialog_input::edit;
pub use super::dialog_input::matching;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keymap::{Command, ScreenKind};
use super::keys::Keymap;

use crate::core::absence::Absence;
use crate::core::records::Handlaggare;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    Assign {
        id: String,
        query: String,
        selected: usize,
        /// Send the message to the handläggare, with a note (None: sending
        /// is not set up).
        forward: Option<ForwardForm>,
        error: Option<String>,
    },
    /// The kvittens as it will go: send, edit, or record without sending.
    Kvittens {
        id: String,
        to: String,
        subject: String,
        text: String,
        error: Option<String>,
    },
    Register {
        id: String,
        input: String,
        /// The input was filled in for the user (from the subject, or the
        /// series last used): a letter typed first replaces it, a digit adds.
        prefilled: bool,
        /// The pick list of no-registration reasons, and the one chosen
        /// (Up/Down; typed text wins).
        reasons: Vec<String>,
        pick: usize,
        no_registration: bool,
        error: Option<String>,
    },
    /// A mail about the message whose sending is uncertain: send it again,
    /// or record it as sent (the recipient has it).
    Uncertain {
        id: String,
        seq: i64,
        what: String,
    },
    /// A colleague assigned the message before this assignment went:
    /// reassign to `who` on purpose, or leave it.
    Reassign {
        id: String,
        who: String,
        question: String,
    },
    DeleteConfirm {
        id: String,
        /// The answer is overdue and the sender has had none: said first.
        overdue: bool,
    },
    DeleteRefused {
        id: String,
        reason: String,
        /// False for a threat: no written reason lets it be deleted unregistered.
        forceable: bool,
    },
    ForceReason {
        id: String,
        input: String,
        error: Option<String>,
    },
    Filter {
        input: String,
    },
    /// The chosen handläggare is absent today: offer the substitute.
    Absent {
        id: String,
        who: String,
        absence: Absence,
    },
    /// Mark a handläggare absent: from, to, substitute; `field` is the
    /// one being typed in.
    AbsenceForm {
        who: String,
        fields: [String; 3],
        field: usize,
        error: Option<String>,
    },
    /// A handover note for the next watcher.
    Handover {
        input: String,
        error: Option<String>,
    },
    /// Confirm marking a threat (shows the guideline's advice).
    Threat {
        id: String,
    },
    /// Save an attachment: which one, to which folder; `danger` is set
    /// when the type is dangerous and the user must confirm again.
    Save {
        id: String,
        names: Vec<String>,
        /// The last row of `names` is "all of them".
        all_row: bool,
        selected: usize,
        dir: String,
        danger: Option<String>,
        error: Option<String>,
    },
    /// Confirm a deletion or a kvittens for the marked set.
    BulkConfirm {
        n: usize,
        job: super::bulk::BulkJob,
        /// How many of them are overdue with the sender told nothing (said
        /// before a deletion, as for one message).
        overdue: usize,
        /// A kvittens for each: its subject and text as they come out for
        /// the first marked message.
        sample: Option<(String, String)>,
    },
    /// What the sender got: awaiting, answered, no answer needed.
    Answer {
        id: String,
    },
    /// A threat's records: what was done, and keys to record more.
    ThreatRecords {
        id: String,
        lines: Vec<String>,
        input: Option<super::dialog_desk::ThreatInput>,
        error: Option<String>,
    },
}

/// The assign dialog's forward: whether it goes, the note to the
/// handläggare, and whether the note is being typed (Ctrl-N).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForwardForm {
    pub on: bool,
    pub note: String,
    pub in_note: bool,
}

pub use super::dialog_result::DialogResult;

impl Dialog {
    pub fn set_error(&mut self, message: String) {
        match self {
            Dialog::Assign { error, .. }
            | Dialog::Kvittens { error, .. }
            | Dialog::Register { error, .. }
            | Dialog::ForceReason { error, .. }
            | Dialog::AbsenceForm { error, .. }
            | Dialog::Handover { error, .. }
            | Dialog::Save { error, .. }
            | Dialog::ThreatRecords { error, .. } => *error = Some(message),
            Dialog::BulkConfirm { .. } | Dialog::Answer { .. } => {}
            Dialog::DeleteConfirm { .. }
            | Dialog::Reassign { .. }
            | Dialog::Uncertain { .. }
            | Dialog::DeleteRefused { .. }
            | Dialog::Filter { .. }
            | Dialog::Absent { .. }
            | Dialog::Threat { .. } => {}
        }
    }

    /// Which keys apply: a text field types every character key.
    pub fn kind(&self) -> ScreenKind {
        match self {
            // send (again), or record without sending: the kvittens's keys
            Dialog::Kvittens { .. } | Dialog::Uncertain { .. } => ScreenKind::KvittensDialog,
            Dialog::Answer { .. } => ScreenKind::AnswerDialog,
            Dialog::ThreatRecords { input: None, .. } => ScreenKind::ThreatDialog,
            Dialog::DeleteConfirm { .. }
            | Dialog::Reassign { .. }
            | Dialog::DeleteRefused { .. }
            | Dialog::Absent { .. }
            | Dialog::Threat { .. }
            | Dialog::BulkConfirm { .. }
            | Dialog::Save { danger: Some(_), .. } => ScreenKind::Question,
            _ => ScreenKind::TextDialog,
        }
    }

    pub fn handle(&mut self, key: &KeyEvent, keys: &Keymap, dir: &[Handlaggare]) -> DialogResult {
        let cmd = keys.dialog_command(key, self.kind());
        if cmd == Some(Command::Cancel) {
            if let Dialog::ThreatRecords { input: input @ Some(_), error, .. } = self {
                *input = None;
                *error = None;
                return DialogResult::Stay;
            }
            return match self {
                Dialog::Filter { .. } => DialogResult::FilterChanged(String::new()),
                _ => DialogResult::Close,
            };
        }
        match self {
            Dialog::BulkConfirm { .. } | Dialog::Answer { .. } | Dialog::ThreatRecords { .. } => {
                super::dialog_desk::handle(self, key, cmd)
            }
            Dialog::Kvittens { .. } => super::sending::kvittens_key(self, cmd),
            Dialog::Assign { id, query, selected, forward, error } => {
                let count = matching(dir, query).len();
                let send = forward.as_ref().is_some_and(|f| f.on);
                let note =
                    forward.as_ref().map(|f| f.note.trim().to_string()).filter(|n| send && !n.is_empty());
                match cmd {
                    Some(Command::NextField | Command::PrevField) => {
                        if let Some(f) = forward {
                            f.on = !f.on;
                            f.in_note &= f.on;
                        }
                    }
                    Some(Command::Note) => {
                        if let Some(f) = forward.as_mut().filter(|f| f.on) {
                            f.in_note = !f.in_note;
                        }
                    }
                    Some(Command::ChoiceDown) => *selected = (*selected + 1).min(count.saturating_sub(1)),
                    Some(Command::ChoiceUp) => *selected = selected.saturating_sub(1),
                    Some(Command::Confirm) => {
                        let who = match matching(dir, query).get(*selected) {
                            Some(h) => h.id.clone(),
                            // nothing matches: let the rules explain what is valid
                            None => query.clone(),
                        };
                        return DialogResult::Assign { id: id.clone(), who, forward: send, note };
                    }
                    _ if forward.as_ref().is_some_and(|f| f.in_note) => {
                        if let Some(f) = forward.as_mut() {
                            edit(&mut f.note, key);
                        }
                    }
                    _ => {
                        if edit(query, key) {
                            *selected = 0;
                            *error = None;
                        }
                    }
                }
                DialogResult::Stay
            }
            Dialog::Register { id, input, no_registration, error, prefilled, reasons, pick } => match cmd {
                Some(Command::ChoiceDown) if *no_registration => {
                    *pick = (*pick + 1).min(reasons.len().saturating_sub(1));
                    DialogResult::Stay
                }
                Some(Command::ChoiceUp) if *no_registration => {
                    *pick = pick.saturating_sub(1);
                    DialogResult::Stay
                }
                Some(Command::Confirm)
                    if *no_registration && input.trim().is_empty() && !reasons.is_empty() =>
                {
                    DialogResult::NoRegistration {
                        id: id.clone(),
                        reason: reasons[(*pick).min(reasons.len() - 1)].clone(),
                    }
                }
                Some(Command::NextField | Command::PrevField) => {
                    *no_registration = !*no_registration;
                    *prefilled = false;
                    input.clear();
                    *error = None;
                    DialogResult::Stay
                }
                Some(Command::Confirm) if *no_registration => {
                    DialogResult::NoRegistration { id: id.clone(), reason: input.clone() }
                }
                Some(Command::Confirm) => {
                    DialogResult::Register { id: id.clone(), diarienummer: input.clone() }
                }
                _ => {
                    if std::mem::take(prefilled) && matches!(key.code, KeyCode::Char(c) if c.is_alphabetic())
                    {
                        input.clear();
                    }
                    if edit(input, key) {
                        *error = None;
                    }
                    DialogResult::Stay
                }
            },
            Dialog::Uncertain { id, seq, .. } => match cmd {
                Some(Command::Confirm) => DialogResult::SendAgain { id: id.clone(), seq: *seq },
                Some(Command::WithoutMail) => DialogResult::MarkSent { id: id.clone(), seq: *seq },
                _ => DialogResult::Stay,
            },
            Dialog::Reassign { id, who, .. } => match cmd {
                Some(Command::Yes | Command::Confirm) => {
                    DialogResult::Reassign { id: id.clone(), who: who.clone() }
                }
                Some(Command::No) => DialogResult::Close,
                _ => DialogResult::Stay,
            },
            Dialog::DeleteConfirm { id, .. } => match cmd {
                Some(Command::Yes | Command::Confirm) => {
                    DialogResult::Delete { id: id.clone(), force_reason: None }
                }
                Some(Command::No) => DialogResult::Close,
                _ => DialogResult::Stay,
            },
            Dialog::DeleteRefused { id, forceable, .. } => match cmd {
                Some(Command::Force) if *forceable => {
                    *self = Dialog::ForceReason { id: id.clone(), input: String::new(), error: None };
                    DialogResult::Stay
                }
                Some(Command::Confirm | Command::No) => DialogResult::Close,
                _ => DialogResult::Stay,
            },
            Dialog::ForceReason { id, input, error } => match cmd {
                Some(Command::Confirm) => {
                    DialogResult::Delete { id: id.clone(), force_reason: Some(input.clone()) }
                }
                _ => {
                    if edit(input, key) {
                        *error = None;
                    }
                    DialogResult::Stay
                }
            },
            Dialog::Absent { id, who, absence } => match cmd {
                Some(Command::Substitute) => match &absence.substitute {
                    Some(sub) => DialogResult::AssignAnyway { id: id.clone(), who: sub.clone() },
                    None => DialogResult::Stay,
                },
                Some(Command::Yes) => DialogResult::AssignAnyway { id: id.clone(), who: who.clone() },
                _ => DialogResult::Stay,
            },
            Dialog::AbsenceForm { who, fields, field, error } => match cmd {
                Some(Command::NextField | Command::ChoiceDown) => {
                    *field = (*field + 1) % fields.len();
                    DialogResult::Stay
                }
                Some(Command::PrevField | Command::ChoiceUp) => {
                    *field = (*field + fields.len() - 1) % fields.len();
                    DialogResult::Stay
                }
                Some(Command::Confirm) => DialogResult::SaveAbsence {
                    who: who.clone(),
                    from: fields[0].clone(),
                    to: fields[1].clone(),
                    substitute: fields[2].clone(),
                },
                _ => {
                    if edit(&mut fields[*field], key) {
                        *error = None;
                    }
                    DialogResult::Stay
                }
            },
            Dialog::Handover { input, error } => match cmd {
                Some(Command::Confirm) => DialogResult::SaveHandover(input.clone()),
                _ => {
                    if edit(input, key) {
                        *error = None;
                    }
                    DialogResult::Stay
                }
            },
            Dialog::Threat { id } => match cmd {
                Some(Command::Yes) => DialogResult::MarkThreat { id: id.clone() },
                _ => DialogResult::Stay,
            },
            Dialog::Save { id, names, all_row, selected, dir, danger, error } => {
                if danger.is_some() {
                    return match cmd {
                        Some(Command::Yes) => DialogResult::SaveAttachment {
                            id: id.clone(),
                            n: *selected,
                            dir: dir.clone(),
                            allow_dangerous: true,
                        },
                        Some(Command::No) => {
                            *danger = None;
                            DialogResult::Stay
                        }
                        _ => DialogResult::Stay,
                    };
                }
                match cmd {
                    Some(Command::ChoiceDown) => {
                        *selected = (*selected + 1).min(names.len().saturating_sub(1))
                    }
                    Some(Command::ChoiceUp) => *selected = selected.saturating_sub(1),
                    Some(Command::Confirm) => {
                        let all = *all_row && *selected + 1 == names.len();
                        return DialogResult::SaveAttachment {
                            id: id.clone(),
                            n: if all { crate::engine::ALL_ATTACHMENTS } else { *selected },
                            dir: dir.clone(),
                            allow_dangerous: false,
                        };
                    }
                    _ => {
                        if edit(dir, key) {
                            *error = None;
                        }
                    }
                }
                DialogResult::Stay
            }
            Dialog::Filter { input } => match cmd {
                Some(Command::Confirm | Command::ChoiceDown | Command::ChoiceUp) => DialogResult::FilterDone,
                _ => {
                    if edit(input, key) {
                        DialogResult::FilterChanged(input.clone())
                    } else {
                        DialogResult::Stay
                    }
                }
            },
        }
    }
}

#[cfg(test)]
#[path = "dialog_tests.rs"]
mod tests;
