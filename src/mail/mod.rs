//! Mail backends behind one trait, so the TUI and the CLI never know which
//! is in use: a Maildir on disk, and the bundled demo mailbox (a Maildir
//! materialised from the messages shipped in `demo/`). IMAP comes later
//! behind the same trait.

pub mod demo;
pub mod maildir;

use std::path::PathBuf;

use crate::core::triage::TriageState;

/// One message as the backend lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The backend's stable key (a Maildir's unique name).
    pub key: String,
    pub size: u64,
    /// Modification/arrival time, Unix seconds.
    pub modified: i64,
    /// Marked as replied to (Maildir flag R, IMAP \\Answered).
    pub answered: bool,
}

/// The outcome of an idempotent change to the mailbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// The change had already happened (e.g. the file was gone).
    AlreadyDone,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0} is not a Maildir (it needs cur/ and new/)")]
    NotMaildir(PathBuf),
    #[error("message {0} is not in the mailbox")]
    NotFound(String),
}

/// What the TUI and CLI need from a mailbox.
pub trait Backend {
    /// A short description for the status bar ("Maildir ~/Mail/INBOX").
    fn describe(&self) -> String;
    /// Every message currently in the mailbox.
    fn entries(&mut self) -> Result<Vec<Entry>, MailError>;
    /// The raw message, or its first `limit` bytes.
    fn read(&mut self, key: &str, limit: Option<usize>) -> Result<Vec<u8>, MailError>;
    /// Removes the message; gone already counts as done.
    fn delete(&mut self, key: &str) -> Result<Applied, MailError>;
    /// Mirrors triage status to the mailbox where it can hold it (IMAP
    /// keywords); a Maildir keeps it only in the local store.
    fn mirror(&mut self, _key: &str, _state: &TriageState) -> Result<Applied, MailError> {
        Ok(Applied::Done)
    }
}
