//! The engine: one owner of a store and a backend, through which every
//! triage operation goes, from a key press or a CLI subcommand alike:
//! check the rules, log first (pending), act on the mailbox, mark applied.
//! Also keeps the message cache in step with the mailbox and replays the
//! pending queue.

mod attachments;
mod claims;
mod coverage;
mod diary;
mod doctor;
mod doctor_findings;
mod filter;
mod followup;
mod items;
mod journal;
mod open;
mod outcome;
mod reads;
mod refresh;
mod report;
mod send;
mod sign_in;
#[cfg(test)]
mod tests;
mod worker;

use crate::core::calendar::Calendar;
use crate::core::inspect::{InspectConfig, WarningKind};
use crate::core::message::{self, View};
use crate::core::triage::TriageState;
use crate::core::triage::{self, Action, RuleContext, RuleError};
use crate::core::{clock, diarienummer::DnrPattern};
use crate::mail::{Applied, Backend, MailError};
use crate::store::{Store, StoreError};

pub use attachments::{SaveError, ALL as ALL_ATTACHMENTS};
pub use coverage::HandoverSummary;
pub use diary::PostlistaRow;
pub use doctor::{Check, Diagnosis, Finding, Level};
pub use filter::{view_text, ListFilter, ListView, Show, WarnView};
pub use followup::{open_to_suggest, Suggester, Suggestion, Why};
pub use items::Item;
pub use open::{open, sign_in_place, OpenOptions, Opened, SignInPlace, Source};
pub use outcome::{Outcome, WaitWhy};
pub use refresh::Changes;
pub use report::{compute as compute_report, Report};
pub use send::{ForwardChoice, KvittensPreview, NotSent, OutSettings, SendJob, Sending};
pub use sign_in::OAuthFlags;
pub use worker::{Done, Job, Refreshed, Worker};

#[derive(Debug, thiserror::Error)]
pub enum OpError {
    #[error(transparent)]
    Rule(#[from] RuleError),
    #[error("no message with id {0}")]
    NoSuchMessage(String),
    #[error("id {0} matches several messages: {1}")]
    Ambiguous(String, String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Absence(#[from] crate::core::absence::AbsenceError),
    #[error("nothing was sent: {0}")]
    NotSent(NotSent),
}

/// Why a logged action could not change the mailbox.
enum ApplyError {
    Mail(MailError),
    Store(OpError),
    /// A colleague holds it (their handläggare, when the journal says).
    Taken(Option<String>),
    /// The message is not in the mailbox (any more): the action cannot apply.
    Gone,
}

/// Why a logged action was given up because its message is gone.
const GONE: &str = "the message is no longer in the mailbox";

impl From<OpError> for ApplyError {
    fn from(e: OpError) -> Self {
        match e {
            OpError::Mail(m) => ApplyError::Mail(m),
            other => ApplyError::Store(other),
        }
    }
}

/// What a replay of the queue did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replay {
    pub applied: usize,
    pub waiting: usize,
}

/// The rules' settings for one mailbox.
#[derive(Clone)]
pub struct Settings {
    pub actor: String,
    pub pattern: DnrPattern,
    pub calendar: Calendar,
    pub inspect: InspectConfig,
    /// GDPR: days after deletion before the log forgets subject and sender.
    pub retention_days: u32,
    /// The TUI's periodic check, in seconds.
    pub poll_seconds: u64,
    /// How mail is sent (forwards, kvittens, replies, the diary).
    pub out: OutSettings,
    /// The pick list of no-registration reasons.
    pub reasons: Vec<String>,
    /// Views of one's own (`[[views]]`).
    pub views: Vec<crate::core::views::ViewSpec>,
}

pub struct Engine {
    store: Store,
    backend: Box<dyn Backend>,
    pub settings: Settings,
    /// The server refused a journal entry during the last action (why).
    journal_refused: Option<String>,
    /// A worker does what waits on the server: records for the journal
    /// stay in the outbox for its next refresh.
    worker_writes: bool,
    /// The submission server's connection settings and secret (made on first use).
    submitter: Option<crate::mail::smtp::Submitter>,
    /// The log sequence of the last action performed.
    last_seq: Option<i64>,
}

impl Engine {
    pub fn new(store: Store, backend: Box<dyn Backend>, settings: Settings) -> Self {
        Self {
            store,
            backend,
            settings,
            journal_refused: None,
            worker_writes: false,
            submitter: None,
            last_seq: None,
        }
    }

    pub fn describe(&self) -> String {
        self.backend.describe()
    }

    /// Where the server's pushed changes arrive (once; None without push).
    pub fn pushed(&mut self) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>> {
        self.backend.pushed()
    }

    /// A sync: refresh with progress, then apply what waited and send
    /// what waits to be sent.
    pub fn sync(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<Replay, OpError> {
        self.refresh_with(progress)?;
        let replay = self.replay_pending()?;
        self.send_waiting()?;
        Ok(replay)
    }

    /// Applies every pending action, in order. Failures stay queued.
    pub fn replay_pending(&mut self) -> Result<Replay, OpError> {
        let mut report = Replay::default();
        for p in self.store.pending()? {
            // the message's key now: a new UIDVALIDITY gives it a new one
            let current = self.store.message(&p.message)?;
            let key = current.as_ref().map_or(p.key.clone(), |m| m.key.clone());
            match self.apply_to_mailbox(p.seq, &p.message, &key, &p.action) {
                Ok(_) => {
                    self.store.mark_applied(p.seq)?;
                    report.applied += 1;
                }
                Err(ApplyError::Taken(who)) => {
                    self.lost_claim(p.seq, &p.message, &p.action, who)?;
                }
                Err(ApplyError::Gone) => self.store.mark_failed(p.seq, GONE)?,
                // the mailbox was rebuilt and the last sync did not find the
                // message under a new key: it is gone, said so in the log
                Err(ApplyError::Mail(MailError::Stale(_))) if !current.is_some_and(|m| m.present) => {
                    self.store.mark_failed(p.seq, GONE)?;
                }
                Err(ApplyError::Mail(e)) => {
                    self.store.note_failure(p.seq, &e.to_string())?;
                    report.waiting += 1;
                }
                Err(ApplyError::Store(e)) => return Err(e),
            }
        }
        // what waits to be sent goes with `send_waiting`, never from here:
        // every command replays, and a reading command must not send
        Ok(report)
    }

    /// The number of logged actions not yet applied to the mailbox.
    pub fn waiting(&self) -> usize {
        self.store.pending().map(|p| p.len()).unwrap_or(0)
    }

    /// Changes the mailbox for a logged action. A first assignment is a
    /// claim: if someone else holds the message, `Taken`.
    fn apply_to_mailbox(
        &mut self,
        seq: i64,
        id: &str,
        key: &str,
        action: &Action,
    ) -> Result<Applied, ApplyError> {
        let result = match action {
            Action::Delete { .. } => self.backend.delete(key).and_then(|applied| {
                // what postrum sent about it goes too (Sent, Trash)
                let ids = self.store.sent_message_ids(id).unwrap_or_default();
                if let Some(server) = self.backend.on_server() {
                    server.purge_ids(&ids)?;
                }
                let _ = self.store.outgoing_message_deleted(id);
                Ok(applied)
            }),
            _ => {
                let first = matches!(action, Action::Assign { .. })
                    && !self.store.assigned_before(id, seq).map_err(OpError::from)?;
                if first {
                    match self.claim_first(seq, id, key, action) {
                        Ok(claims::Claimed::Ours) => {}
                        Ok(claims::Claimed::Theirs(who)) => return Err(ApplyError::Taken(who)),
                        Err(OpError::Mail(MailError::NotFound(_))) => return Err(ApplyError::Gone),
                        Err(e) => return Err(e.into()),
                    }
                }
                let state = self.store.triage(id).unwrap_or_default();
                // status where colleagues see it (a Maildir keeps it in the store alone)
                match self.backend.shared().map_or(Ok(Applied::Done), |s| s.mirror(key, &state)) {
                    Err(MailError::NotFound(_)) => return Err(ApplyError::Gone),
                    other => other,
                }
            }
        };
        let applied = result.map_err(ApplyError::Mail)?;
        if matches!(action, Action::Assign { .. }) {
            let _ = self.store.clear_claim_marker(id);
        }
        self.push_journal(seq, id, action);
        Ok(applied)
    }

    /// After a lost claim: the action failed, the winner's state (from the
    /// journal) is taken; returns who won, when the journal says.
    fn lost_claim(
        &mut self,
        seq: i64,
        id: &str,
        mine: &Action,
        winner: Option<String>,
    ) -> Result<Option<String>, OpError> {
        self.store.mark_failed(seq, "claimed by a colleague first")?;
        self.store.clear_claim_marker(id)?;
        self.pull_journal()?;
        let state = self.store.triage(id)?;
        let my_who = match mine {
            Action::Assign { who } => Some(who.clone()),
            _ => None,
        };
        if state.assignee.is_some() && state.assignee != my_who {
            return Ok(state.assignee);
        }
        // not in the journal yet: at least do not pretend it is ours
        self.store.set_triage(id, &TriageState { assignee: winner.clone(), ..state })?;
        Ok(winner)
    }

    /// Resolves a full id or a unique prefix of one.
    pub fn resolve(&self, given: &str) -> Result<String, OpError> {
        let given = given.trim();
        if self.store.message(given)?.is_some() {
            return Ok(given.to_string());
        }
        let matches: Vec<String> = self
            .store
            .present_messages()?
            .into_iter()
            .filter(|m| m.id.starts_with(given) && !given.is_empty())
            .map(|m| m.id)
            .collect();
        match matches.len() {
            0 => Err(OpError::NoSuchMessage(given.to_string())),
            1 => Ok(matches[0].clone()),
            _ => Err(OpError::Ambiguous(given.to_string(), matches.join(", "))),
        }
    }

    /// Checks, logs, applies: the one path every triage action takes.
    /// Returns the action as normalised by the rules, and what became of it.
    pub fn perform(&mut self, id: &str, action: Action) -> Result<(Action, Outcome), OpError> {
        let (msg, action) = self.check(id, action, true)?;
        let new_state = match action {
            Action::Delete { .. } => None,
            _ => Some(triage::apply(&msg.triage, &action, clock::now(), &self.settings.actor)),
        };
        let seq = self.store.log_pending(&self.settings.actor, id, &msg.key, &action, new_state.as_ref())?;
        self.last_seq = Some(seq);
        fault_point(seq);
        // from here on the action is logged: a busy database is waited out
        // (it is never reported as "try again", which would log it twice)
        self.journal_refused = None;
        let outcome = match self.apply_to_mailbox(seq, id, &msg.key, &action) {
            Ok(_) => match patiently(|| self.store.mark_applied(seq)) {
                Ok(()) => match self.journal_refused.take() {
                    Some(why) => Outcome::AppliedWithoutJournal(why),
                    None => Outcome::Applied,
                },
                // applied on the server; the entry stays queued and its
                // replay changes nothing there
                Err(e) => Outcome::Waiting { why: WaitWhy::Store(e.to_string()), offline: false },
            },
            Err(ApplyError::Taken(who)) => {
                Outcome::Taken(patiently(|| self.lost_claim(seq, id, &action, who.clone()))?)
            }
            Err(ApplyError::Mail(e)) => {
                let _ = patiently(|| self.store.note_failure(seq, &e.to_string()));
                let offline = matches!(e, MailError::Offline(_));
                Outcome::Waiting { why: WaitWhy::Mail(e), offline }
            }
            Err(ApplyError::Gone) => {
                patiently(|| self.store.mark_failed(seq, GONE))?;
                Outcome::Gone
            }
            Err(ApplyError::Store(e)) => return Err(e),
        };
        Ok((action, outcome))
    }

    /// The rules for an action on a message: the action as normalised, or
    /// why it is refused. `read_body`: a deletion reads the whole message
    /// first when the list saw headers only (so a person number in the text
    /// still stops it) — a network read, left out for a quick check on the
    /// UI thread (the worker's `perform` checks again, with it).
    pub fn check(
        &mut self,
        id: &str,
        action: Action,
        read_body: bool,
    ) -> Result<(crate::store::StoredMessage, Action), OpError> {
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        if msg.pending_delete {
            return Err(RuleError::AlreadyDeleted.into());
        }
        let ids: Vec<String> = self.store.handlaggare()?.into_iter().map(|h| h.id).collect();
        let mut warnings = msg.summary.warnings.clone();
        if read_body && matches!(action, Action::Delete { .. }) && self.backend.lists_headers_only() {
            // the list saw the headers only: read the whole message before
            // deciding, so a person number in the text still stops the
            // deletion (unreadable or unreachable: what the list found decides)
            let view = self.view(id)?;
            if view.summary.problem.is_none() {
                warnings.extend(view.warnings.iter().map(|w| w.kind));
            }
        }
        let sensitive = warnings.contains(&WarningKind::Personnummer);
        let ctx = RuleContext { handlaggare_ids: &ids, pattern: &self.settings.pattern, sensitive };
        let action = triage::check(&msg.triage, &action, &ctx)?;
        Ok((msg, action))
    }

    /// The message as the message view shows it.
    /// What the whole message holds is remembered for the list, which may
    /// have seen only the headers.
    pub fn view(&mut self, id: &str) -> Result<View, OpError> {
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        match self.backend.read(&msg.key, Some(message::MAX_READ)) {
            Ok(raw) => {
                let view = message::view(&raw, &self.settings.inspect, raw.len() >= message::MAX_READ);
                let found: Vec<WarningKind> = view.warnings.iter().map(|w| w.kind).collect();
                if view.summary.problem.is_none()
                    && found != msg.summary.warnings
                    && !self.store.is_read_only()
                {
                    self.store.set_warnings(id, &found)?;
                }
                Ok(view)
            }
            // offline: what the list knows, and that the text must wait
            Err(MailError::Offline(_)) => Ok(View {
                summary: msg.summary.clone(),
                notes: vec![message::Note::Offline],
                ..View::default()
            }),
            // moved or deleted outside postrum since the list was made
            Err(MailError::NotFound(_) | MailError::Stale(_)) => {
                Ok(View { summary: msg.summary.clone(), notes: vec![message::Note::Gone], ..View::default() })
            }
            Err(e) => Ok(View { summary: message::Summary::unreadable(&e.to_string()), ..View::default() }),
        }
    }
}

/// Runs a store write of an action already logged, waiting out a busy
/// database for up to a minute more than the usual timeout.
fn patiently<T, E: Into<OpError>>(mut f: impl FnMut() -> Result<T, E>) -> Result<T, OpError> {
    let start = std::time::Instant::now();
    loop {
        match f().map_err(Into::into) {
            Err(OpError::Store(StoreError::Locked { .. })) if start.elapsed() < AFTER_LOG_PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// How long a write after logging keeps trying through a busy database.
const AFTER_LOG_PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

/// Fault injection for tests, between logging an action and applying it:
/// `POSTRUM_FAULT=pause-after-log` stops there (so a test can kill the
/// process), `POSTRUM_FAULT=wait-for:PATH` waits until PATH exists (so a
/// test can release two processes at the same moment).
fn fault_point(seq: i64) {
    match std::env::var("POSTRUM_FAULT").as_deref() {
        Ok("pause-after-log") => {
            eprintln!("postrum: fault injection: action {seq} logged, pausing before applying");
            std::thread::sleep(std::time::Duration::from_secs(600));
        }
        Ok(f) if f.starts_with("wait-for:") => {
            // said to a test reading stderr; never into a TUI's screen
            if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                eprintln!("postrum: fault injection: action {seq} logged, waiting");
            }
            let path = std::path::Path::new(&f["wait-for:".len()..]);
            let start = std::time::Instant::now();
            while !path.exists() && start.elapsed() < std::time::Duration::from_secs(60) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
        _ => {}
    }
}
