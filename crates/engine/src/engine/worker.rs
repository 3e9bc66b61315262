//! The one path of the TUI's work: a `Job` asked for and a `Done` answered.
//! `Engine::run_job` does a job, wherever it runs. For a mailbox on a server
//! a worker thread with an engine of its own (its own connection to the same
//! database, an IMAP session of its own) runs them, so that the TUI's update
//! never waits on the server: the TUI sends a job and goes on, and the
//! answer comes back on a channel its loop listens to. A Maildir is quick:
//! the TUI runs the same job on its own engine at once and takes the answer
//! the same way.

use std::sync::mpsc;

use jiff::civil::Date;

use super::{Changes, Engine, ForwardChoice, Item, OpError, Outcome, Replay, SendJob, Sending};
use crate::core::message::View;
use crate::core::triage::Action;
use crate::store::Store;

/// What the TUI asks of the engine.
#[derive(Debug)]
pub enum Job {
    Perform {
        id: String,
        action: Action,
        choice: ForwardChoice,
    },
    /// Look at the server as `doctor` does.
    Doctor,
    /// The kvittens as it would go (it reads the original).
    Preview {
        id: String,
    },
    /// The original written out for the diary.
    Export {
        id: String,
        dir: std::path::PathBuf,
    },
    /// Send a kvittens or a reply.
    Send {
        id: String,
        job: SendJob,
    },
    /// Refresh; the list for `today` comes along when anything changed (or
    /// always, with `list`).
    Refresh {
        today: Date,
        list: bool,
    },
    /// Read a message whole, as the message view shows it.
    View {
        id: String,
    },
    /// Save attachment `n` of a message into `dir`.
    Save {
        id: String,
        n: usize,
        dir: std::path::PathBuf,
        allow_dangerous: bool,
    },
}

/// What the worker did.
#[derive(Debug)]
pub enum Done {
    Performed {
        id: String,
        result: Result<(Action, Outcome), OpError>,
        /// What was sent with it (a forward, the diary copy).
        sent: Vec<Sending>,
    },
    /// What `doctor` found (run quietly at the start).
    Doctored(super::Diagnosis),
    Previewed {
        id: String,
        result: Result<super::KvittensPreview, OpError>,
    },
    Exported {
        id: String,
        result: Result<(std::path::PathBuf, std::path::PathBuf), OpError>,
    },
    /// A kvittens or a reply sent (or why not).
    Sent {
        id: String,
        result: Result<Sending, OpError>,
    },
    /// A refresh, the queue applied after it when the server was there, and
    /// the list made anew when anything changed (so the TUI never makes it:
    /// at 100,000 messages that is a long pass over the database).
    /// An attachment saved (where), or why not.
    Saved {
        id: String,
        result: Result<std::path::PathBuf, super::SaveError>,
    },
    /// A message read for the view.
    Viewed {
        id: String,
        result: Result<View, OpError>,
    },
    Refreshed {
        result: Result<Refreshed, OpError>,
    },
}

/// What a refresh brings back.
#[derive(Debug)]
pub struct Refreshed {
    pub changes: Changes,
    pub replay: Replay,
    /// The list made anew (something new, gone, replied…)…
    pub items: Option<Vec<Item>>,
    /// …or only the messages colleagues changed, for their rows alone.
    pub rows: Vec<(String, Option<crate::store::StoredMessage>)>,
}

/// Where jobs go.
pub struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    /// Hands a job to the thread; the job back when the thread is gone.
    pub fn submit(&self, job: Job) -> Result<(), Job> {
        self.jobs.send(job).map_err(|e| e.0)
    }
}

impl Job {
    /// Reads only (a message, its kvittens, an export, an attachment):
    /// goes to the reader, so that it never waits behind an action.
    pub fn reads(&self) -> bool {
        matches!(self, Job::View { .. } | Job::Preview { .. } | Job::Export { .. } | Job::Save { .. })
    }
}

impl Engine {
    /// Starts a worker for this engine's mailbox, answering on `done`;
    /// None for a local mailbox.
    /// From then on this engine leaves journal writes to the worker.
    pub fn spawn_worker(&mut self, done: tokio::sync::mpsc::UnboundedSender<Done>) -> Option<Worker> {
        let backend = self.backend.handle()?;
        let worker = self.spawn_with(backend, "postrum-engine", done)?;
        self.worker_writes = true;
        Some(worker)
    }

    /// Starts a reader: messages are read whole for the view off the UI
    /// thread, on this engine's own session (no further connection), so
    /// that opening one never waits behind the worker's action.
    pub fn spawn_reader(&self, done: tokio::sync::mpsc::UnboundedSender<Done>) -> Option<Worker> {
        let backend = self.backend.shared_handle()?;
        self.spawn_with(backend, "postrum-reader", done)
    }

    fn spawn_with(
        &self,
        backend: Box<dyn crate::mail::Backend + Send>,
        name: &str,
        done: tokio::sync::mpsc::UnboundedSender<Done>,
    ) -> Option<Worker> {
        let path = self.store.path().to_path_buf();
        let settings = self.settings.clone();
        let (jobs, inbox) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let store = match Store::open(&path) {
                    Ok(s) => s,
                    Err(_) => return, // the sender sees the worker gone
                };
                let mut engine = Engine::new(store, backend, settings);
                engine.worker_writes = true; // the worker writes the journal
                while let Ok(job) = inbox.recv() {
                    if done.send(engine.run_job(job)).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Worker { jobs })
    }
}

impl Engine {
    /// Does a job and says what became of it: the one place the TUI's work
    /// is done, on a worker thread or (a Maildir) at once.
    pub fn run_job(&mut self, job: Job) -> Done {
        match job {
            Job::Perform { id, action, choice } => match self.act(&id, action, &choice) {
                Ok((action, outcome, sent)) => Done::Performed { result: Ok((action, outcome)), sent, id },
                Err(e) => Done::Performed { result: Err(e), sent: Vec::new(), id },
            },
            Job::Send { id, job } => Done::Sent { result: self.send_job(&id, job), id },
            Job::Doctor => Done::Doctored(self.doctor(None)),
            Job::Preview { id } => Done::Previewed { result: self.kvittens_preview(&id, None), id },
            Job::Export { id, dir } => Done::Exported { result: self.export(&id, &dir), id },
            Job::View { id } => Done::Viewed { result: self.view(&id), id },
            Job::Save { id, n, dir, allow_dangerous } => {
                Done::Saved { result: self.save_attachment(&id, n, &dir, allow_dangerous), id }
            }
            Job::Refresh { today, list } => Done::Refreshed { result: self.refresh_job(today, list) },
        }
    }

    /// A refresh, the queue applied after it when the server was there,
    /// what waits sent, and the list (or the rows) for the screen.
    fn refresh_job(&mut self, today: Date, list: bool) -> Result<Refreshed, OpError> {
        let changes = self.refresh()?;
        let replay = if self.waiting() > 0 { self.replay_pending()? } else { Replay::default() };
        if self.sendable() {
            self.send_waiting()?;
        }
        let rows_only = !list && replay.applied == 0 && changes.rows_only();
        let (items, rows) = if rows_only {
            let rows = changes
                .touched
                .iter()
                .map(|id| Ok((id.clone(), self.message(id)?)))
                .collect::<Result<Vec<_>, OpError>>()?;
            (None, rows)
        } else if list || changes.any() || replay.applied > 0 {
            (Some(self.items(today)?), Vec::new())
        } else {
            (None, Vec::new())
        };
        Ok(Refreshed { changes, replay, items, rows })
    }
}
