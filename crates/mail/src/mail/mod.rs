//! Mail backends behind one trait, so the TUI and the CLI never know which
//! is in use: a Maildir on disk, and the bundled demo mailbox (a Maildir
//! materialised from the messages shipped in `demo/`), and an IMAP
//! account.

pub mod demo;
pub mod imap;
pub mod maildir;
pub mod oauth;
pub mod smtp;

use std::path::PathBuf;

use crate::core::triage::TriageState;

/// How many bytes of a message are read to list and inspect it.
pub const LIST_BYTES: usize = 4 * 1024 * 1024;

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
    /// The status keywords the message carries (`imap::marks_of`): what a
    /// colleague did shows even when their journal entry is missing.
    pub marks: u8,
}

/// How many messages a first sync hands over at a time.
pub const BATCH: usize = 1000;

/// A listed message with what the list needs of it (its headers), or why
/// that could not be read.
pub type Headed = (Entry, Result<Vec<u8>, MailError>);

/// What a listing found.
pub enum Listing {
    /// Nothing changed since the given sync token (CONDSTORE).
    Unchanged,
    /// Every message in the mailbox.
    Full(Vec<Entry>),
    /// Only what changed (CONDSTORE): new and changed messages, and — when
    /// some went away — the keys of every message still there.
    Delta { changed: Vec<Entry>, remaining: Option<Vec<String>> },
    /// The same messages as at the token (a server without CONDSTORE):
    /// the keys of those marked answered (every other one is not), and
    /// those that carry status marks (every other one carries none).
    Flags { answered: Vec<String>, marks: Vec<(String, u8)> },
}

/// Who owns a message after a claim (the first assignment) was tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Nobody else had claimed the message: it is ours.
    Won,
    /// Someone else had already claimed it (or did so at the same moment).
    Taken,
}

/// What an IMAP server offers and where the mailbox's folders are (`doctor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ServerReport {
    /// Of the capabilities that change what postrum does, those offered.
    pub capabilities: Vec<String>,
    /// New keywords can be stored (PERMANENTFLAGS `\*`, and none refused).
    pub keywords: bool,
    pub mailbox: String,
    pub messages: u32,
    /// The root of a function mailbox shared by ACL.
    pub shared_root: Option<String>,
    pub trash: Option<String>,
    pub sent: Option<String>,
    /// Gmail's All Mail.
    pub all: Option<String>,
    pub journal: String,
    pub journal_exists: bool,
    /// The newest journal entries: (server time, writer's time, writer's origin).
    #[serde(skip)]
    pub stamps: Vec<(i64, i64, String)>,
    /// Microsoft Exchange (by its greeting), which files what is sent in
    /// its Sent Items by itself, and postrum leaves that to it.
    pub exchange: bool,
}

impl ServerReport {
    pub fn offers(&self, cap: &str) -> bool {
        self.capabilities.iter().any(|c| c.eq_ignore_ascii_case(cap))
    }
}

/// What became of the copy of a sent mail for the Sent folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentCopy {
    Appended,
    /// The server files what it relays by itself (or the config says no copy).
    ServerKeeps,
    /// The mailbox has no Sent folder (a Maildir; an account without one).
    NoFolder,
}

/// The outcome of an idempotent change to the mailbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// The change had already happened (e.g. the file was gone).
    AlreadyDone,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// A file of a local mailbox (the system's words for what went wrong).
    #[error("{path}: {why}")]
    Io { path: PathBuf, why: String },
    #[error("{0} is not a Maildir (it needs cur/ and new/)")]
    NotMaildir(PathBuf),
    #[error("message {0} is not in the mailbox")]
    NotFound(String),
    /// The server cannot be reached (or stopped answering): try again later.
    #[error("offline: {0}")]
    Offline(String),
    /// The server refused the login.
    #[error("login refused: {0}")]
    Auth(String),
    /// The account is set up wrongly (certificate file, host name…).
    #[error("{0}")]
    Config(String),
    /// The key names a message under an older UIDVALIDITY (the server
    /// rebuilt the mailbox): the next sync finds it under its new key.
    #[error("the mailbox was rebuilt on the server; {0} waits for the next sync")]
    Stale(String),
    /// The server's answer cannot be read or followed (malformed, endless,
    /// or more than was asked for): the session is dropped.
    #[error("the server sent an answer postrum cannot use: {0}")]
    Protocol(String),
    /// The server answered a command with NO or BAD.
    #[error("the server refused: {0}")]
    Refused(String),
    /// The sign-in (OAuth) gives no token: not signed in, revoked, refused.
    #[error("{0}")]
    SignIn(oauth::OAuthError),
}

impl MailError {
    /// What it carries — the server's or the system's words, the message
    /// or the path — without postrum's own words around it (those are
    /// `present`'s, in the user's language).
    pub fn detail(&self) -> String {
        match self {
            MailError::Io { path, why } => format!("{}: {why}", path.display()),
            MailError::NotMaildir(p) => p.display().to_string(),
            MailError::NotFound(s)
            | MailError::Offline(s)
            | MailError::Auth(s)
            | MailError::Config(s)
            | MailError::Stale(s)
            | MailError::Protocol(s)
            | MailError::Refused(s) => s.clone(),
            MailError::SignIn(e) => e.to_string(),
        }
    }
}

impl From<oauth::OAuthError> for MailError {
    /// A provider out of reach is "offline" (actions wait); the rest is
    /// the sign-in's own trouble.
    fn from(e: oauth::OAuthError) -> MailError {
        if e.is_transient() {
            MailError::Offline(e.to_string())
        } else {
            MailError::SignIn(e)
        }
    }
}

/// A journal entry as read: the journal message it is ("UIDVALIDITY.UID")
/// and its raw headers.
pub type JournalRaw = (String, Vec<u8>);

/// What the TUI and CLI need from a mailbox.
pub trait Backend {
    /// A short description for the status bar ("Maildir ~/Mail/INBOX").
    fn describe(&self) -> String;
    /// Every message currently in the mailbox.
    fn entries(&mut self) -> Result<Vec<Entry>, MailError>;
    /// Like `entries`, but may answer `Unchanged` when the mailbox is as it
    /// was at `since` (an opaque token from an earlier call); returns the
    /// token for next time.
    fn list(&mut self, _since: Option<&str>) -> Result<(Listing, Option<String>), MailError> {
        Ok((Listing::Full(self.entries()?), None))
    }
    /// Every message with its headers, for a first sync: handed to
    /// `each(total, batch)` as they arrive, until it returns false. Returns
    /// the token as `list` does. IMAP does it in one FETCH.
    fn list_with_heads(
        &mut self,
        each: &mut dyn FnMut(usize, Vec<Headed>) -> bool,
    ) -> Result<Option<String>, MailError> {
        let (listing, token) = self.list(None)?;
        let entries = match listing {
            Listing::Full(entries) => entries,
            Listing::Unchanged | Listing::Delta { .. } | Listing::Flags { .. } => self.entries()?,
        };
        for chunk in entries.chunks(BATCH) {
            let batch = self.headed(chunk);
            if !each(entries.len(), batch) {
                break;
            }
        }
        Ok(token)
    }
    /// Whether what the list reads of a message (`heads`) is its header
    /// fields only (IMAP), so that what the body holds — links,
    /// attachments, person numbers in the text — is found only when the
    /// whole message is read.
    fn lists_headers_only(&self) -> bool {
        false
    }
    /// The raw message, or its first `limit` bytes.
    fn read(&mut self, key: &str, limit: Option<usize>) -> Result<Vec<u8>, MailError>;
    /// What the list needs of many messages at once (IMAP: the headers in
    /// one command; a Maildir: the files' first bytes).
    fn heads(&mut self, keys: &[String]) -> Vec<(String, Result<Vec<u8>, MailError>)> {
        keys.iter().map(|k| (k.clone(), self.read(k, Some(LIST_BYTES)))).collect()
    }
    /// The entries, each with what the list needs of it (`heads`).
    fn headed(&mut self, entries: &[Entry]) -> Vec<Headed> {
        let keys: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
        let mut heads: std::collections::HashMap<String, Result<Vec<u8>, MailError>> =
            self.heads(&keys).into_iter().collect();
        entries
            .iter()
            .map(|e| {
                let head = heads.remove(&e.key).unwrap_or_else(|| Err(MailError::NotFound(e.key.clone())));
                (e.clone(), head)
            })
            .collect()
    }
    /// Removes the message; gone already counts as done.
    fn delete(&mut self, key: &str) -> Result<Applied, MailError>;
    /// A second handle on the same mailbox, for the engine's worker thread
    /// (IMAP: a session of its own, so the worker's waits hold up nothing
    /// else); None where the mailbox is local and quick (a Maildir), so no
    /// worker runs.
    fn handle(&self) -> Option<Box<dyn Backend + Send>> {
        None
    }
    /// Another handle on this very session (IMAP: the same actor, which
    /// takes requests in turn), for a thread that reads for this one.
    fn shared_handle(&self) -> Option<Box<dyn Backend + Send>> {
        None
    }
    /// Changes pushed by the server (IMAP IDLE): a note arrives whenever the
    /// mailbox changed. Given once; None where nothing is pushed.
    fn pushed(&mut self) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>> {
        None
    }
    /// The account's secret, for a submission server that shares the login.
    fn secret(&self) -> Option<imap::creds::Secret> {
        None
    }
    /// What the mailbox does as one shared with colleagues (IMAP); None
    /// where nobody else works it (a Maildir): no claims, no journal.
    fn shared(&mut self) -> Option<&mut dyn Shared> {
        None
    }
    /// What a mailbox on a server has beside the mailbox: Sent, Trash,
    /// what the server offers. None for a local one (a Maildir).
    fn on_server(&mut self) -> Option<&mut dyn OnServer> {
        None
    }
}

/// The folders beside a mailbox on a server, and what the server offers.
pub trait OnServer {
    /// Files a copy of a sent mail in the Sent folder.
    fn sent_copy(&mut self, raw: &[u8]) -> Result<SentCopy, MailError>;
    /// Whether the Sent folder holds a message with exactly this Message-ID.
    fn sent_contains(&mut self, message_id: &str) -> Result<bool, MailError>;
    /// Removes the messages with these Message-IDs (what postrum sent about
    /// a deleted message) from Sent and Trash; returns how many.
    fn purge_ids(&mut self, message_ids: &[String]) -> Result<usize, MailError>;
    /// What the server offers, for `doctor`.
    fn report(&mut self) -> Result<ServerReport, MailError>;
}

/// What a mailbox shared with colleagues does beyond the `Backend`: claims
/// for a first assignment, the journal colleagues read, and status mirrored
/// where they see it.
pub trait Shared {
    /// Claims a message for its first assignment, so that of two people
    /// claiming at once exactly one wins (IMAP: a conditional STORE).
    fn claim(&mut self, key: &str) -> Result<Claim, MailError>;
    /// Adds an entry to the journal colleagues read (IMAP: a mailbox).
    fn journal_append(&mut self, raw: &[u8]) -> Result<(), MailError>;
    /// Journal entries written since `since` (an opaque token), in the
    /// order the server gave them (IMAP: by UID), each with a reference to
    /// the journal message it is; and the token for next time.
    fn journal_since(&mut self, since: Option<&str>) -> Result<(Vec<JournalRaw>, Option<String>), MailError>;
    /// The journal entries that may be about the message with this
    /// Message-ID (a superset: compare exactly), in the order the server
    /// gave them (IMAP: by UID).
    fn journal_find(&mut self, message_id: &str) -> Result<Vec<JournalRaw>, MailError>;
    /// Mirrors triage status where colleagues' clients see it (IMAP
    /// keywords).
    fn mirror(&mut self, key: &str, state: &TriageState) -> Result<Applied, MailError>;
}
