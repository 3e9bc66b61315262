//! The engine's worker: a thread with an engine of its own (its own
//! connection to the same database, an IMAP session of its own)
//! that does what waits on the server — actions and refreshes — so that
//! the TUI's update never does. The TUI sends a job and goes on; the answer
//! comes back as a `Done` on a channel its loop listens to. Only for a
//! mailbox on a server: a Maildir is quick and stays on the UI thread.

use std::sync::mpsc;

use jiff::civil::Date;

use super::{Changes, Engine, ForwardChoice, Item, OpError, Outcome, Replay, SendJob, Sending};
use crate::core::message::View;
use crate::core::triage::Action;
use crate::store::Store;

enum Job {
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
    /// Sends an action (already checked on the UI thread) to be performed;
    /// false when the worker is gone.
    pub fn perform(&self, id: &str, action: Action, choice: ForwardChoice) -> bool {
        self.jobs.send(Job::Perform { id: id.to_string(), action, choice }).is_ok()
    }

    /// Asks for the kvittens as it would go.
    pub fn preview(&self, id: &str) -> bool {
        self.jobs.send(Job::Preview { id: id.to_string() }).is_ok()
    }

    /// Asks for the original written out for the diary.
    pub fn export(&self, id: &str, dir: &std::path::Path) -> bool {
        self.jobs.send(Job::Export { id: id.to_string(), dir: dir.to_path_buf() }).is_ok()
    }

    /// Asks for the server looked at, as `doctor` does.
    pub fn doctor(&self) -> bool {
        self.jobs.send(Job::Doctor).is_ok()
    }

    /// Asks for a kvittens or a reply sent.
    pub fn send(&self, id: &str, job: SendJob) -> bool {
        self.jobs.send(Job::Send { id: id.to_string(), job }).is_ok()
    }

    /// Asks for a message read whole, for the view.
    pub fn view(&self, id: &str) -> bool {
        self.jobs.send(Job::View { id: id.to_string() }).is_ok()
    }

    /// Asks for an attachment saved.
    pub fn save(&self, id: &str, n: usize, dir: &std::path::Path, allow_dangerous: bool) -> bool {
        let job = Job::Save { id: id.to_string(), n, dir: dir.to_path_buf(), allow_dangerous };
        self.jobs.send(job).is_ok()
    }

    /// Asks for a refresh (and the queue applied after it); `list`: bring
    /// the list along even when nothing changed.
    pub fn refresh(&self, today: Date, list: bool) -> bool {
        self.jobs.send(Job::Refresh { today, list }).is_ok()
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
                    let answer = match job {
                        Job::Perform { id, action, choice } => match engine.act(&id, action, &choice) {
                            Ok((action, outcome, sent)) => {
                                Done::Performed { result: Ok((action, outcome)), sent, id }
                            }
                            Err(e) => Done::Performed { result: Err(e), sent: Vec::new(), id },
                        },
                        Job::Send { id, job } => Done::Sent { result: engine.send_job(&id, job), id },
                        Job::Doctor => Done::Doctored(engine.doctor(None)),
                        Job::Preview { id } => {
                            Done::Previewed { result: engine.kvittens_preview(&id, None), id }
                        }
                        Job::Export { id, dir } => Done::Exported { result: engine.export(&id, &dir), id },
                        Job::View { id } => Done::Viewed { result: engine.view(&id), id },
                        Job::Save { id, n, dir, allow_dangerous } => {
                            Done::Saved { result: engine.save_attachment(&id, n, &dir, allow_dangerous), id }
                        }
                        Job::Refresh { today, list } => Done::Refreshed {
                            result: engine.refresh().and_then(|changes| {
                                let replay = if engine.waiting() > 0 {
                                    engine.replay_pending()?
                                } else {
                                    Replay::default()
                                };
                                if engine.sendable() {
                                    engine.send_waiting()?;
                                }
                                let rows_only = !list && replay.applied == 0 && changes.rows_only();
                                let (items, rows) = if rows_only {
                                    let rows = changes
                                        .touched
                                        .iter()
                                        .map(|id| Ok((id.clone(), engine.message(id)?)))
                                        .collect::<Result<Vec<_>, OpError>>()?;
                                    (None, rows)
                                } else if list || changes.any() || replay.applied > 0 {
                                    (Some(engine.items(today)?), Vec::new())
                                } else {
                                    (None, Vec::new())
                                };
                                Ok(Refreshed { changes, replay, items, rows })
                            }),
                        },
                    };
                    if done.send(answer).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Worker { jobs })
    }
}
