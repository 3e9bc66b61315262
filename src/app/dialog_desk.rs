//! The dialogs of the records office's day: confirming a bulk action on
//! the marked set, setting what the sender got (the answer state), and a
//! threat's records (manager told, police report, the original saved).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::bulk::BulkJob;
use super::dialog::{Dialog, DialogResult};
use super::dialog_input::edit;

/// What is being typed in the threat dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThreatInput {
    /// The manager's name.
    Manager(String),
    /// The police report: date, the police's reference; `field` is typed in.
    Police { fields: [String; 2], field: usize },
}

fn yes(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char('j' | 'J' | 'y' | 'Y') | KeyCode::Enter)
}

/// Keys in the desk dialogs (Esc is handled before).
pub fn handle(dialog: &mut Dialog, key: &KeyEvent) -> DialogResult {
    match dialog {
        Dialog::BulkConfirm { job, .. } => {
            if yes(key) {
                DialogResult::Bulk(job.clone())
            } else if matches!(key.code, KeyCode::Char('n' | 'N')) {
                DialogResult::Close
            } else {
                DialogResult::Stay
            }
        }
        Dialog::Answer { id } => {
            let state = match key.code {
                KeyCode::Char('1') => "awaiting",
                KeyCode::Char('2') => "answered",
                KeyCode::Char('3') => "not_needed",
                _ => return DialogResult::Stay,
            };
            DialogResult::SetAnswer { id: id.clone(), state: state.to_string() }
        }
        Dialog::ThreatRecords { id, input, error, .. } => match input {
            None => match key.code {
                KeyCode::Char('c' | 'C') => {
                    *input = Some(ThreatInput::Manager(String::new()));
                    DialogResult::Stay
                }
                KeyCode::Char('p' | 'P') => {
                    let today = crate::core::clock::today().to_string();
                    *input = Some(ThreatInput::Police { fields: [today, String::new()], field: 1 });
                    DialogResult::Stay
                }
                KeyCode::Char('E' | 'e') => DialogResult::ExportThreat { id: id.clone() },
                KeyCode::Enter => DialogResult::Close,
                _ => DialogResult::Stay,
            },
            Some(ThreatInput::Manager(name)) => match key.code {
                KeyCode::Enter => DialogResult::ManagerTold { id: id.clone(), who: name.clone() },
                _ => {
                    if edit(name, key) {
                        *error = None;
                    }
                    DialogResult::Stay
                }
            },
            Some(ThreatInput::Police { fields, field }) => match key.code {
                KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                    *field = 1 - *field;
                    DialogResult::Stay
                }
                KeyCode::Enter => DialogResult::PoliceReport {
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
