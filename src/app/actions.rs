//! What the TUI does with a message: open it, ask for a deletion, turn a
//! dialog's answer into a triage action and run it through the engine (the
//! same path as the CLI), showing the outcome or the refusal.

use super::dialogs::{self, Dialog, DialogResult};
use super::{App, Screen};
use crate::core::triage::{self, Action};
use crate::engine::{Job, OpError, Outcome};
use crate::present;

/// How many messages as read are kept in memory.
const VIEWS_KEPT: usize = 32;

impl App {
    /// The message the triage keys act on: the open one or the selected row.
    pub(super) fn target(&self) -> Option<String> {
        match &self.screen {
            Screen::Message { id, .. } => Some(id.clone()),
            Screen::Inbox => self.selected_item().map(|i| i.msg.id.clone()),
            Screen::Log { .. } | Screen::People { .. } | Screen::Calendar { .. } | Screen::Report { .. } => {
                None
            }
        }
    }

    pub(super) fn open_selected(&mut self) {
        let Some(item) = self.selected_item().cloned() else {
            return;
        };
        let id = item.msg.id.clone();
        // a message read before shows at once and is brought up to date
        // when the answer comes; one not read yet says it is on its way
        match self.cached_view(&id) {
            Some(view) => self.show_view(&id, view),
            None => {
                let t = self.texts();
                let lines = vec![
                    present::subject_label(t, &item.msg.summary, item.msg.size),
                    String::new(),
                    t.loading.into(),
                ];
                self.screen = self.message_screen(id.clone(), lines, 1);
            }
        }
        self.job(Job::View { id });
    }

    /// A message as read before, if it still is in memory.
    pub(super) fn cached_view(&self, id: &str) -> Option<crate::core::message::View> {
        self.views.iter().find(|(v, _)| v == id).map(|(_, view)| view.clone())
    }

    /// Forgets a message as read (it left the mailbox).
    pub(super) fn forget_view(&mut self, id: &str) {
        self.views.retain(|(v, _)| v != id);
    }

    /// Shows a message as read, and keeps it as read. (An answer from the
    /// reader comes here only while its message is still the one open.)
    pub(super) fn show_view(&mut self, id: &str, view: crate::core::message::View) {
        let Some(item) = self.list.items.iter().find(|i| i.msg.id == id).cloned() else {
            return;
        };
        let (mut raw, raw_header) = present::message_lines(
            self.texts(),
            &item.msg,
            &view,
            self.engine.settings.inspect.it_security_contact.as_deref(),
        );
        raw.extend(self.sent_lines(id));
        let mut raw_header = raw_header;
        if let Some(s) = self.suggestion_line(id, &view) {
            raw.insert(raw_header, s);
            raw_header += 1;
        }
        self.screen = self.message_screen(id.to_string(), raw, raw_header);
        self.remember_view(id, view);
    }

    /// Keeps a message as read, newest first.
    pub(super) fn remember_view(&mut self, id: &str, view: crate::core::message::View) {
        self.forget_view(id);
        self.views.push_front((id.to_string(), view));
        self.views.truncate(VIEWS_KEPT);
    }

    pub(super) fn message_screen(&self, id: String, raw: Vec<String>, raw_header: usize) -> Screen {
        let scroll = match &self.screen {
            Screen::Message { id: open, scroll, .. } if *open == id => *scroll,
            _ => 0,
        };
        let (lines, header_count) = crate::core::layout::wrap(&raw, usize::from(self.size.0), raw_header);
        let scroll = scroll.min(lines.len().saturating_sub(self.page_rows()));
        Screen::Message { id, raw, raw_header, lines, header_count, scroll }
    }

    pub(super) fn ask_delete(&mut self) {
        let Some(id) = self.target() else { return };
        let msg = match self.engine.message(&id) {
            Ok(Some(m)) => m,
            Ok(None) => return,
            Err(e) => return self.say(present::error_text(self.texts(), &e), true),
        };
        let sensitive = msg.summary.warnings.contains(&crate::core::inspect::WarningKind::Personnummer);
        self.dialog = Some(match triage::delete_block(&msg.triage, sensitive) {
            None => {
                // overdue and the sender told nothing: said before it goes
                let overdue = self.list.items.iter().any(|i| {
                    i.msg.id == id
                        && i.deadline.is_overdue()
                        && i.msg.answer_state() == crate::core::records::AnswerState::Awaiting
                });
                Dialog::DeleteConfirm(dialogs::DeleteConfirm { id, overdue })
            }
            Some(block) => Dialog::DeleteRefused(dialogs::DeleteRefused {
                id,
                reason: present::rule_text(self.texts(), &triage::RuleError::DeleteRefused(block)),
                forceable: block != triage::DeleteBlock::ThreatNotRegistered,
            }),
        });
    }

    pub(super) fn on_dialog(&mut self, result: DialogResult) {
        match result {
            DialogResult::Stay => {}
            DialogResult::Close => {
                self.dialog = None;
                self.batch_target = None;
            }
            DialogResult::Bulk(job) => {
                if let Some(target) = self.batch_target.take() {
                    self.run_batch(target, job);
                }
            }
            DialogResult::SetAnswer { id, state } => self.perform(&id, Action::SetAnswer { state }),
            DialogResult::ManagerTold { id, who } => self.perform(&id, Action::ManagerTold { who }),
            DialogResult::PoliceReport { id, date, reference } => {
                self.perform(&id, Action::PoliceReport { date, reference })
            }
            DialogResult::ExportThreat { id } => {
                self.dialog = None;
                self.export_one(&id)
            }
            DialogResult::FilterChanged(text) => {
                if text.is_empty() {
                    self.dialog = None;
                }
                self.set_filter(text);
            }
            DialogResult::FilterDone => self.dialog = None,
            DialogResult::Assign { id, who, forward, note } => {
                self.assigning.forward = forward;
                self.assigning.note = note;
                match self.engine.absence_on(&who, self.today) {
                    Ok(Some(absence)) => {
                        self.dialog = Some(Dialog::Absent(dialogs::Absent { id, who, absence }))
                    }
                    _ => self.perform(&id, Action::Assign { who }),
                }
            }
            DialogResult::AssignAnyway { id, who } => self.perform(&id, Action::Assign { who }),
            DialogResult::SendAgain { id, seq } => {
                self.dialog = None;
                self.send_job(&id, crate::engine::SendJob::Again { seq })
            }
            DialogResult::MarkSent { id, seq } => {
                self.dialog = None;
                self.send_job(&id, crate::engine::SendJob::MarkSent { seq })
            }
            DialogResult::Reassign { id, who } => {
                self.assigning.force_reassign = true;
                self.perform(&id, Action::Assign { who })
            }
            r @ (DialogResult::SendKvittens { .. }
            | DialogResult::EditKvittens { .. }
            | DialogResult::AckOnly { .. }) => self.on_send_dialog(r),
            DialogResult::SaveAbsence { who, from, to, substitute } => {
                self.save_absence(&who, &from, &to, &substitute)
            }
            DialogResult::SaveHandover(text) => self.save_handover(&text),
            DialogResult::MarkThreat { id } => self.perform(&id, Action::MarkThreat),
            DialogResult::SaveAttachment { id, n, dir, allow_dangerous } => {
                self.save_attachment(&id, n, &dir, allow_dangerous)
            }
            DialogResult::Register { id, diarienummer } => {
                self.perform(&id, Action::Register { diarienummer })
            }
            DialogResult::NoRegistration { id, reason } => {
                self.perform(&id, Action::NoRegistration { reason })
            }
            DialogResult::Delete { id, force_reason } => self.perform(&id, Action::Delete { force_reason }),
        }
    }

    /// Runs an action through the engine; a refusal stays in the dialog.
    /// On a mailbox on a server the rules are checked here and the action
    /// goes to the engine's worker: the screen goes on while it waits, the
    /// row shows it under way, and the answer comes back in `on_done`.
    pub(super) fn perform(&mut self, id: &str, action: Action) {
        if let Some(target) = self.batch_target.take() {
            // the dialog was opened for the marked set: each of them
            return self.run_batch(target, super::bulk::BulkJob::Act(action));
        }
        // an assignment is forwarded as the dialog said (a first
        // registration goes to the diary when there is an intake address)
        // a message this screen showed assigned is reassigned on purpose;
        // one it showed unassigned meets a colleague's assignment as a
        // lost race, and the question asks (`Reassign`)
        if let Action::Assign { who } = &action {
            self.assigning.last =
                Some((id.to_string(), who.clone(), self.assigning.forward, self.assigning.note.clone()));
        }
        let shown = self.list.items.iter().find(|it| it.msg.id == id);
        let reassign = std::mem::take(&mut self.assigning.force_reassign)
            || shown.is_none_or(|it| it.msg.triage.assignee.is_some());
        let choice = crate::engine::ForwardChoice {
            forward: self.assigning.forward,
            note: self.assigning.note.take(),
            expect: None,
            reassign,
        };
        self.assigning.forward = false;
        let t = self.texts();
        match self.engine.check(id, action, false) {
            Ok((_, action)) => {
                self.dialog = None;
                self.jobs.under_way.insert(id.to_string());
                self.say(t.under_way_flash.to_string(), false);
                self.job(Job::Perform { id: id.to_string(), action, choice });
            }
            Err(e) => self.performed(id, Err(e), false),
        }
    }

    /// What became of an action: said on the status line, the row (and an
    /// open message) redrawn. `later`: the answer came from the worker, so
    /// whatever dialog is open now is another one and stays.
    pub(super) fn performed(&mut self, id: &str, result: Result<(Action, Outcome), OpError>, later: bool) {
        let t = self.texts();
        match result {
            Ok((done, outcome)) => {
                if !later {
                    self.dialog = None;
                }
                if let crate::engine::Outcome::Waiting { why, offline: true } = &outcome {
                    self.offline = Some(why.to_string());
                }
                self.say(
                    present::outcome_named(t, &done, &outcome, &self.directory),
                    !matches!(outcome, crate::engine::Outcome::Applied),
                );
                if let Err(e) = self.reload_one(id) {
                    self.say(present::error_text(t, &e), true);
                }
                let gone = !self.list.items.iter().any(|i| i.msg.id == id);
                if let Screen::Message { id: open, .. } = &self.screen {
                    let open = open.clone();
                    if gone {
                        self.screen = Screen::Inbox;
                    } else if let Some(view) = self.cached_view(&open) {
                        // keep the header's state line current (as read)
                        self.show_view(&open, view);
                    }
                }
            }
            Err(OpError::Rule(crate::core::triage::RuleError::AlreadyAssigned { by, who: theirs, at }))
                if self.assigning.last.as_ref().is_some_and(|(last, ..)| last == id) =>
            {
                // the row shows who was first; the question offers ours
                let _ = self.reload_one(id);
                let Some((_, mine, forward, note)) = self.assigning.last.take() else { return };
                let name =
                    self.directory.iter().find(|h| h.id == mine).map_or(mine.clone(), |h| h.name.clone());
                self.assigning.forward = forward;
                self.assigning.note = note;
                let question = crate::i18n::fill(t.reassign_question, &[&theirs, &by, &at, &name]);
                self.dialog =
                    Some(Dialog::Reassign(dialogs::Reassign { id: id.to_string(), who: mine, question }));
            }
            Err(OpError::Rule(e)) => {
                let text = present::rule_text(t, &e);
                match &mut self.dialog {
                    _ if later => self.say(text, true),
                    Some(d) if !matches!(d, Dialog::DeleteConfirm(_)) => d.set_error(text),
                    _ => {
                        self.dialog = None;
                        self.say(text, true);
                    }
                }
            }
            Err(e) => {
                if !later {
                    self.dialog = None;
                }
                self.say(present::error_text(t, &e), true);
            }
        }
    }

    pub(super) fn ask_save(&mut self) {
        let Some(id) = self.target() else { return };
        let t = self.texts();
        // the message as read (no second trip to the server); not read yet
        // and on a server: the reader reads it, and the dialog opens then
        match self.cached_view(&id) {
            Some(view) => self.ask_save_from(id, view),
            None => {
                // read first; the dialog opens with the answer
                self.saving.after_read = Some(id.clone());
                self.say(t.loading.to_string(), false);
                self.job(Job::View { id });
            }
        }
    }

    /// The save dialog for a message as read.
    pub(super) fn ask_save_from(&mut self, id: String, view: crate::core::message::View) {
        let t = self.texts();
        if view.attachments.is_empty() {
            return self.say(t.save_none.to_string(), true);
        }
        let mut names: Vec<String> = view
            .attachments
            .iter()
            .map(|a| {
                let name = if a.name.is_empty() { t.unnamed_attachment } else { a.name.as_str() };
                format!("{name}  {}  {}", a.mime, present::human_size(a.size as u64))
            })
            .collect();
        // the last row: every one (the dangerous left for one at a time)
        let all_row = names.len() > 1;
        if all_row {
            names.push(crate::i18n::fill(t.desk.save_all, &[&names.len()]));
        }
        // the folder last saved to (remembered between sessions); else the current one
        let dir =
            self.saving.dir.clone().or_else(|| self.engine.remembered("save_dir")).unwrap_or_else(|| {
                std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default()
            });
        self.dialog = Some(Dialog::Save(dialogs::Save::new(id, names, all_row, dir)));
    }

    fn save_attachment(&mut self, id: &str, n: usize, dir: &str, allow_dangerous: bool) {
        self.saving.all = n == crate::engine::ALL_ATTACHMENTS;
        self.saving.dir = Some(dir.trim().to_string());
        self.engine.remember("save_dir", dir.trim());
        let dir = std::path::PathBuf::from(dir.trim());
        // the dialog stays until the answer comes (`saved`)
        let t = self.texts();
        self.say(t.saving.to_string(), false);
        self.job(Job::Save { id: id.to_string(), n, dir, allow_dangerous });
    }

    /// What became of saving an attachment.
    pub(super) fn saved(&mut self, result: Result<std::path::PathBuf, crate::engine::SaveError>) {
        let t = self.texts();
        self.done_waiting(t.saving);
        match result {
            Ok(path) => {
                self.dialog = None;
                let text = if std::mem::take(&mut self.saving.all) { t.desk.saved_all } else { t.save_done };
                self.say(crate::i18n::fill(text, &[&path.display()]), false);
            }
            Err(crate::engine::SaveError::Dangerous(why)) => {
                if let Some(Dialog::Save(save)) = &mut self.dialog {
                    save.danger = Some(present::danger_label(t, why).to_string());
                }
            }
            Err(e) => {
                if let Some(d) = &mut self.dialog {
                    d.set_error(crate::core::sanitize::line(&e.to_string()));
                }
            }
        }
    }
}
