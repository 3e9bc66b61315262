//! The dialogs of the records office's day: confirming a bulk action on
//! the marked set, setting what the sender got (the answer state), and a
//! threat's records (manager told, police report, the original saved).

use ratatui::crossterm::event::KeyEvent;

use super::bulk::BulkJob;
use super::dialog::{Dialog, DialogResult};
use super::dialog_input::edit;
use super::keymap::Command;

/// What is being typed in the threat dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThreatInput {
    /// The manager's name.
    Manager(String),
    /// The police report: date, the police's reference; `field` is typed in.
    Police { fields: [String; 2], field: usize },
}

/// Keys in the desk dialogs (Cancel is handled before); `cmd` is what the
/// key means in this dialog, the key itself is for typing.
pub fn handle(dialog: &mut Dialog, key: &KeyEvent, cmd: Option<Command>) -> DialogResult {
    match dialog {
        Dialog::BulkConfirm { job, .. } => match cmd {
            Some(Command::Yes | Command::Confirm) => DialogResult::Bulk(job.clone()),
            Some(Command::No) => DialogResult::Close,
            _ => DialogResult::Stay,
        },
        Dialog::Answer { id } => {
            let state = match cmd {
                Some(Command::AnswerAwaiting) => "awaiting",
                Some(Command::AnswerAnswered) => "answered",
                Some(Command::AnswerNotNeeded) => "not_needed",
                _ => return DialogResult::Stay,
            };
            DialogResult::SetAnswer { id: id.clone(), state: state.to_string() }
        }
        Dialog::ThreatRecords { id, input, error, .. } => match input {
            None => match cmd {
                Some(Command::ManagerTold) => {
                    *input = Some(ThreatInput::Manager(String::new()));
                    DialogResult::Stay
                }
                Some(Command::PoliceReport) => {
                    let today = crate::core::clock::today().to_string();
                    *input = Some(ThreatInput::Police { fields: [today, String::new()], field: 1 });
                    DialogResult::Stay
                }
                Some(Command::ExportOriginal) => DialogResult::ExportThreat { id: id.clone() },
                Some(Command::Confirm) => DialogResult::Close,
                _ => DialogResult::Stay,
            },
            Some(ThreatInput::Manager(name)) => match cmd {
                Some(Command::Confirm) => DialogResult::ManagerTold { id: id.clone(), who: name.clone() },
                _ => {
                    if edit(name, key) {
                        *error = None;
                    }
                    DialogResult::Stay
                }
            },
            Some(ThreatInput::Police { fields, field }) => match cmd {
                Some(Command::NextField | Command::PrevField | Command::ChoiceUp | Command::ChoiceDown) => {
                    *field = 1 - *field;
                    DialogResult::Stay
                }
                Some(Command::Confirm) => DialogResult::PoliceReport {
                    id: id.clone(),
                    date: fields[0].clone(),
                    reference: fields[1].clone(),
                },
                _ => {
                    if edit(&mut fields[*field], key) {
                        *error = None;
                    }
                    DialogResult::Stay
                }
            },
        },
        _ => DialogResult::Stay,
    }
}

/// The job's words in the confirmation.
pub fn bulk_question(t: &crate::i18n::Texts, job: &BulkJob, n: usize) -> String {
    let text = match job {
        BulkJob::Act(crate::core::triage::Action::Delete { .. }) => t.desk.bulk_delete_confirm,
        _ => t.desk.bulk_ack_confirm,
    };
    crate::i18n::fill(text, &[&n])
}
