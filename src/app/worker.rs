//! The TUI and the engine's worker: starting it, asking it for refreshes,
//! and what its answers do to the screen (an action's outcome, what a
//! refresh changed). Without a worker (a local Maildir) the same
//! functions take the answers the engine gives on the spot.

use super::App;
use crate::engine::{Done, Job, OpError, Refreshed};
use crate::present;

impl App {
    /// What a refresh found: the screen redrawn when anything changed —
    /// new mail, mail gone, a colleague's action — or the server came back.
    /// The list comes made (from the worker) or is made here (a Maildir).
    pub(super) fn refreshed(&mut self, result: Result<Refreshed, OpError>, day_changed: bool, before: usize) {
        match result {
            Ok(r) => {
                let was_offline = self.offline.take().is_some();
                self.waiting = self.engine.waiting();
                if r.changes.records > 0 {
                    // a colleague's absence (or roster entry, handover note)
                    self.absences = self.engine.absences().unwrap_or_default();
                }
                if let Some(items) = r.items {
                    self.set_items(items);
                } else if !r.rows.is_empty() {
                    // the job said what to redraw: a colleague's actions,
                    // only their rows (no pass over the list here)
                    for (id, msg) in r.rows {
                        self.patch_row(&id, msg);
                    }
                    self.recount();
                } else if was_offline
                    || day_changed
                    || self.engine.present_count().unwrap_or(before) != before
                {
                    self.reload_or_say();
                }
            }
            Err(OpError::Mail(crate::mail::MailError::Offline(why))) => self.offline = Some(why),
            Err(e) => self.say(present::error_text(self.texts(), &e), true),
        }
    }

    pub(super) fn reload_or_say(&mut self) {
        if let Err(e) = self.reload() {
            self.say(present::error_text(self.texts(), &e), true);
        }
    }

    /// Asks the engine for a job — the one way the TUI has work done: on
    /// the worker's thread (the reader's, for what only reads) when there
    /// is one, else here at once. The answer comes to `on_done` either way.
    pub(super) fn job(&mut self, job: Job) {
        let reads = job.reads();
        let lane = if reads { self.jobs.reader.as_ref() } else { self.jobs.worker.as_ref() };
        let job = match lane {
            None => job,
            Some(w) => match w.submit(job) {
                Ok(()) => return,
                Err(job) => {
                    // the thread is gone: from now on here
                    if reads {
                        self.jobs.reader = None;
                    } else {
                        self.jobs.worker = None;
                    }
                    job
                }
            },
        };
        let done = self.engine.run_job(job);
        self.on_done(done);
    }

    /// A refresh unless one is under way; `list`: the list comes along even
    /// when nothing changed.
    pub(super) fn refresh_soon(&mut self, list: bool) {
        if !self.jobs.refreshing {
            self.jobs.refreshing = true;
            self.job(Job::Refresh { today: self.today, list });
        }
    }

    /// Whether jobs run on a thread (an answer comes later) or at once.
    pub(super) fn threaded(&self) -> bool {
        self.jobs.worker.is_some()
    }

    /// How often to check the mailbox when nothing is pushed.
    pub fn poll_seconds(&self) -> u64 {
        self.engine.settings.poll_seconds
    }

    /// Starts the engine's worker for a mailbox on a server; its answers
    /// come to `on_done`.
    pub fn start_worker(&mut self, done: tokio::sync::mpsc::UnboundedSender<Done>) {
        self.jobs.reader = self.engine.spawn_reader(done.clone());
        self.jobs.worker = self.engine.spawn_worker(done);
        // the server's checks, quietly: a problem shows once on the status line
        if self.offline.is_none() && self.threaded() {
            self.job(Job::Doctor);
        }
    }

    /// Colleagues should see what was just written (a handover note, an
    /// absence): the worker's refresh writes the outbox to the journal.
    pub(super) fn share_soon(&mut self) {
        self.refresh_soon(false);
    }

    /// An answer from the engine's worker.
    pub fn on_done(&mut self, done: Done) {
        match done {
            Done::Performed { id, result, .. } if self.in_batch(&id) => {
                self.batch_answer(&id, super::bulk::BatchAnswer::Performed(result));
            }
            Done::Sent { id, result } if self.in_batch(&id) => {
                self.batch_answer(&id, super::bulk::BatchAnswer::Sent(result));
            }
            Done::Performed { id, result, sent } => {
                self.jobs.under_way.remove(&id);
                self.performed(&id, result, true);
                self.say_sent(&sent);
                self.refresh_open(&id);
            }
            Done::Sent { id, result } => self.sent_result(&id, result),
            Done::Previewed { id, result } => self.previewed(id, result),
            Done::Exported { id, result } => {
                self.exported(result);
                let _ = self.reload_one(&id);
                self.refresh_open(&id);
            }
            Done::Doctored(d) => {
                if let Some(c) = d.checks.iter().find(|c| c.level == crate::engine::Level::Fail) {
                    self.say(present::check_text(self.texts(), c), true);
                }
            }
            // read for the save dialog (`S` on a message not read yet)
            Done::Viewed { id, result } if self.saving.after_read.as_deref() == Some(id.as_str()) => {
                self.saving.after_read = None;
                let t = self.texts();
                self.done_waiting(t.loading);
                match result {
                    Ok(view) => {
                        self.remember_view(&id, view.clone());
                        self.ask_save_from(id, view);
                    }
                    Err(e) => self.say(present::error_text(self.texts(), &e), true),
                }
            }
            // only while that message is still the one open (Esc meanwhile:
            // nothing opens by itself)
            Done::Viewed { id, .. } if !matches!(&self.screen, super::Screen::Message { id: open, .. } if *open == id) =>
                {}
            Done::Viewed { id, result } => match result {
                Ok(view) => self.show_view(&id, view),
                Err(e) => {
                    self.screen = super::Screen::Inbox;
                    self.say(present::error_text(self.texts(), &e), true);
                }
            },
            // the save dialog still open: the answer goes there
            Done::Saved { result, .. } => self.saved(result),
            Done::Refreshed { result } => {
                self.jobs.refreshing = false;
                let before = self.list.items.len();
                self.refreshed(result, false, before);
            }
        }
    }
}
