//! Many messages at once: the marked set (`Space`, `*`), the action the
//! dialogs ask for done on each marked message as its own logged action,
//! and the result — what was done, and what was refused and why. The set
//! is what was marked, as it looked then: mail that arrives afterwards is
//! never swept in, and a message a colleague changed meanwhile is left
//! alone and reported.

use std::collections::HashSet;

use super::dialogs::{self, Dialog};
use super::App;
use crate::core::triage::{Action, TriageState};
use crate::engine::{ForwardChoice, Job, OpError, Outcome, SendJob, Sending};
use crate::present;

/// The marked messages a dialog acts on, with the state each had when
/// the action was asked for.
pub type Target = Vec<(String, TriageState)>;

/// What a bulk action does on each message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkJob {
    Act(Action),
    /// A kvittens to each sender (sending set up).
    Kvittens,
}

/// A bulk action under way: answers still to come, what was done, what not.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    pub total: usize,
    pub done: Vec<String>,
    /// (id, subject, why)
    pub refused: Vec<(String, String, String)>,
    pub open: HashSet<String>,
}

impl App {
    /// The marked messages (in the list's order) with their state now, or
    /// None when nothing is marked.
    pub(super) fn marked_target(&self) -> Option<Target> {
        if self.list.marked.is_empty() || !matches!(self.screen, super::Screen::Inbox) {
            return None;
        }
        Some(
            self.list
                .items
                .iter()
                .filter(|i| self.list.marked.contains(&i.msg.id))
                .map(|i| (i.msg.id.clone(), i.msg.triage.clone()))
                .collect(),
        )
    }

    /// How many marked messages the open dialog acts on.
    pub fn batch_size(&self) -> Option<usize> {
        self.batch_target.as_ref().map(Vec::len)
    }

    /// `d` or `K` on a marked set: asks first.
    pub(super) fn ask_bulk(&mut self, target: Target, job: BulkJob) {
        let overdue = self
            .list
            .items
            .iter()
            .filter(|i| target.iter().any(|(id, _)| *id == i.msg.id))
            .filter(|i| {
                i.deadline.is_overdue() && i.msg.answer_state() == crate::core::records::AnswerState::Awaiting
            })
            .count();
        // what is about to go out to every sender: seen before it goes
        let sample = match (&job, target.first()) {
            (BulkJob::Kvittens, Some((id, _))) => self.engine.kvittens_sample(id).ok(),
            _ => None,
        };
        self.dialog =
            Some(Dialog::BulkConfirm(dialogs::BulkConfirm { n: target.len(), job, overdue, sample }));
        self.batch_target = Some(target);
    }

    /// Runs a job on every message of the target. Each answer comes to
    /// `batch_answer` (at once for a Maildir, later from the worker); the
    /// summary when the last has come.
    pub(super) fn run_batch(&mut self, target: Target, job: BulkJob) {
        let forward = std::mem::take(&mut self.assigning.forward);
        let note = self.assigning.note.take();
        self.dialog = None;
        let open = target.iter().map(|(id, _)| id.clone()).collect();
        self.batch = Some(Batch { total: target.len(), open, ..Default::default() });
        for (id, expected) in target {
            self.jobs.under_way.insert(id.clone());
            match &job {
                BulkJob::Act(action) => {
                    let choice = ForwardChoice {
                        forward,
                        note: note.clone(),
                        expect: Some(Box::new(expected)),
                        reassign: true,
                    };
                    match self.engine.check(&id, action.clone(), false) {
                        Ok((_, action)) => self.job(Job::Perform { id, action, choice }),
                        Err(e) => {
                            self.batch_answer(&id, BatchAnswer::Performed(Err(e)));
                        }
                    }
                }
                BulkJob::Kvittens => {
                    let send = SendJob::Kvittens { template: None, text: None, again: false };
                    self.job(Job::Send { id, job: send });
                }
            }
        }
        self.finish_batch();
    }

    /// One message's answer into the batch.
    fn batch_result(&mut self, batch: &mut Batch, id: &str, result: Result<(Action, Outcome), OpError>) {
        let t = self.texts();
        let why = match result {
            Ok((_, Outcome::Applied | Outcome::AppliedWithoutJournal(_) | Outcome::Waiting { .. })) => None,
            Ok((action, outcome)) => Some(present::outcome_text(t, &action, &outcome)),
            Err(e) => Some(present::error_text(t, &e)),
        };
        self.note_in_batch(batch, id, why);
    }

    fn batch_sent(&mut self, batch: &mut Batch, id: &str, result: Result<Sending, OpError>) {
        let t = self.texts();
        let why = match result {
            Ok(Sending::Sent { .. } | Sending::Queued { .. }) => None,
            Ok(other) => Some(present::sending_text(t, &other)),
            Err(e) => Some(present::error_text(t, &e)),
        };
        self.note_in_batch(batch, id, why);
    }

    fn note_in_batch(&mut self, batch: &mut Batch, id: &str, why: Option<String>) {
        batch.open.remove(id);
        self.jobs.under_way.remove(id);
        match why {
            None => batch.done.push(id.to_string()),
            Some(why) => {
                let subject = self
                    .list
                    .items
                    .iter()
                    .find(|i| i.msg.id == id)
                    .map(|i| present::subject_label(self.texts(), &i.msg.summary, i.msg.size))
                    .unwrap_or_default();
                batch.refused.push((id.to_string(), subject, why));
            }
        }
        let _ = self.reload_one(id);
    }

    /// Whether the worker's answer for `id` belongs to a bulk action.
    pub(super) fn in_batch(&self, id: &str) -> bool {
        self.batch.as_ref().is_some_and(|b| b.open.contains(id))
    }

    /// An answer from the worker that belongs to the batch (true), or not.
    pub(super) fn batch_answer(&mut self, id: &str, result: BatchAnswer) -> bool {
        let Some(mut batch) = self.batch.take() else { return false };
        if !batch.open.contains(id) {
            self.batch = Some(batch);
            return false;
        }
        match result {
            BatchAnswer::Performed(r) => self.batch_result(&mut batch, id, r),
            BatchAnswer::Sent(r) => self.batch_sent(&mut batch, id, r),
        }
        self.batch = Some(batch);
        self.finish_batch();
        true
    }

    /// All answered: says what was done, lists what was refused, and takes
    /// the marks off what was done (the refused stay marked).
    fn finish_batch(&mut self) {
        let Some(batch) = self.batch.take() else { return };
        if !batch.open.is_empty() {
            self.batch = Some(batch);
            return;
        }
        let t = self.texts();
        for id in &batch.done {
            self.list.marked.remove(id);
        }
        self.relist();
        let summary = crate::i18n::fill(t.desk.bulk_done, &[&batch.done.len(), &batch.total]);
        self.say(summary.clone(), !batch.refused.is_empty());
        if !batch.refused.is_empty() {
            let mut lines = vec![summary, crate::i18n::fill(t.desk.bulk_refused, &[&batch.refused.len()])];
            for (id, subject, why) in &batch.refused {
                lines.push(format!("{id}  {subject}"));
                lines.push(format!("    {why}"));
            }
            self.notice = Some(lines.iter().map(|l| crate::core::sanitize::line(l)).collect());
            self.notice_title = Some(t.desk.bulk_title);
        }
    }
}

/// A worker's answer, for `batch_answer`.
pub enum BatchAnswer {
    Performed(Result<(Action, Outcome), OpError>),
    Sent(Result<Sending, OpError>),
}
