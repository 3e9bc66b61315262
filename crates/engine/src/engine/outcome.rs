//! What became of an action: applied, waiting (and why, kept typed until
//! `present` says it), taken by a colleague, gone.

use crate::mail::MailError;

/// What became of a performed action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    /// Logged, but the mailbox could not be changed yet; it stays queued
    /// (`offline`: because the server cannot be reached).
    Waiting {
        why: WaitWhy,
        offline: bool,
    },
    /// A colleague claimed the message first (with their handläggare, when
    /// the journal says): this assignment was not made.
    Taken(Option<String>),
    /// The message is no longer in the mailbox: nothing was done (the log
    /// says so).
    Gone,
    /// Applied, but the server refused the journal entry (why): colleagues
    /// see the status keywords, not who or which diarienummer.
    AppliedWithoutJournal(String),
}

/// Why a logged action waits, kept as what it is until `present` says it
/// in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitWhy {
    /// The mailbox could not be changed.
    Mail(MailError),
    /// Done on the server; the local database could not record it yet
    /// (the system's words).
    Store(String),
}

impl std::fmt::Display for WaitWhy {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WaitWhy::Mail(e) => write!(f, "{e}"),
            WaitWhy::Store(why) => write!(f, "{why}"),
        }
    }
}

impl Outcome {
    /// Not done, and not waiting for an unreachable server to come back
    /// (which the next start replays): lost, gone, or refused or answered
    /// in a way postrum cannot use. Not a success for a script.
    pub fn not_done(&self) -> bool {
        matches!(self, Outcome::Taken(_) | Outcome::Gone | Outcome::Waiting { offline: false, .. })
    }
}
