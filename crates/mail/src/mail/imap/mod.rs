//! The IMAP backend: an actor thread owning its own tokio runtime and one
//! session, taking typed requests and answering each; the engine (and so
//! the TUI and the CLI) use it through the `Backend` trait like a Maildir.
//! Keys are `UIDVALIDITY.UID`.

mod actor;
mod bulk;
pub mod connect;
pub mod creds;
mod expunged;
mod gmail;
mod idle;
mod keys;
mod layout;
pub mod ops;
pub mod purge;
pub mod quick;
mod report;
mod sent;
mod server;
mod shared;
pub mod url;
pub mod utf7;

use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;

use tokio::sync::mpsc;

use self::actor::Request;
use self::connect::ConnectOptions;
use self::creds::CredentialSource;
use self::url::ImapUrl;
use super::{Applied, Backend, Claim, Entry, Listing, MailError, SentCopy};
use crate::core::triage::TriageState;

/// The status keywords postrum keeps on the server (a small fixed set of
/// ASCII atoms; see docs/imap.md). Who and which diarienummer stay local.
pub const KEYWORDS: [&str; 5] = [
    "$PostrumAssigned",
    "$PostrumRegistered",
    "$PostrumNoRegistration",
    "$PostrumAcknowledged",
    "$PostrumThreat",
];

/// The status keywords among a message's flags, as bits in KEYWORDS' order.
pub fn marks_of<'a>(flags: impl Iterator<Item = &'a str>) -> u8 {
    let mut marks = 0;
    for f in flags {
        if let Some(i) = KEYWORDS.iter().position(|k| k.eq_ignore_ascii_case(f)) {
            marks |= 1 << i;
        }
    }
    marks
}

/// The keywords a triage state should carry.
pub fn keywords_for(state: &TriageState) -> Vec<&'static str> {
    let mut k = Vec::new();
    if state.assignee.is_some() {
        k.push(KEYWORDS[0]);
    }
    if state.diarienummer.is_some() {
        k.push(KEYWORDS[1]);
    }
    if state.no_registration.is_some() {
        k.push(KEYWORDS[2]);
    }
    if state.acknowledged_at.is_some() {
        k.push(KEYWORDS[3]);
    }
    if state.threat_at.is_some() {
        k.push(KEYWORDS[4]);
    }
    k
}

/// An IMAP account as configured or given on the command line.
#[derive(Clone, Debug)]
pub struct ImapAccount {
    pub url: ImapUrl,
    pub ca_file: Option<PathBuf>,
    pub allow_insecure: bool,
    pub credentials: CredentialSource,
    pub trash: Option<String>,
    pub sent: Option<String>,
    /// The mailbox holding the journal (default "Postrum").
    pub journal: Option<String>,
    /// Copy sent mail to Sent (None: unless the server keeps its own).
    pub save_sent: Option<bool>,
}

pub struct ImapBackend {
    tx: mpsc::UnboundedSender<Request>,
    /// Push was asked for (it is given once).
    watching: bool,
    label: String,
    /// How to open another session (a worker's own).
    settings: actor::Settings,
}

/// How long a caller waits for the actor (it has its own timeouts inside).
const WAIT: std::time::Duration = std::time::Duration::from_secs(300);

impl ImapBackend {
    /// Resolves the credentials, starts the actor and logs in. A refused
    /// login is an error; an unreachable server is not (the cache is used,
    /// and actions wait): check `connected`.
    pub fn open(account: &ImapAccount) -> Result<(ImapBackend, Result<(), MailError>), MailError> {
        let secret = account
            .credentials
            .resolve(&account.url.user, &account.url.host)
            .map_err(|e| MailError::Auth(e.to_string()))?;
        // names a person wrote, as the server wants them (modified UTF-7)
        let mut url = account.url.clone();
        url.mailbox = utf7::encode(&url.mailbox);
        let settings = actor::Settings {
            connect: ConnectOptions {
                url,
                ca_file: account.ca_file.clone(),
                allow_insecure: account.allow_insecure,
            },
            secret,
            trash: account.trash.as_deref().map(utf7::encode),
            sent: account.sent.as_deref().map(utf7::encode),
            journal: utf7::encode(account.journal.as_deref().unwrap_or("Postrum")),
            journal_fixed: account.journal.is_some(),
            shared_root: None,
            save_sent: account.save_sent,
        };
        let tx = actor::spawn(settings.clone()).map_err(|e| MailError::Offline(e.to_string()))?;
        let backend = ImapBackend { tx, watching: false, label: format!("IMAP {}", account.url), settings };
        let first = backend.call(Request::Connect);
        if let Err(MailError::Auth(_) | MailError::Config(_) | MailError::SignIn(_)) = &first {
            return Err(first.unwrap_err());
        }
        Ok((backend, first))
    }

    fn call<T>(&self, make: impl FnOnce(actor::Reply<T>) -> Request) -> Result<T, MailError> {
        let (reply, answer) = std_mpsc::channel();
        self.tx.send(make(reply)).map_err(|_| MailError::Offline("the IMAP worker stopped".into()))?;
        answer.recv_timeout(WAIT).map_err(|_| MailError::Offline("no answer from the IMAP worker".into()))?
    }
}

impl Backend for ImapBackend {
    fn describe(&self) -> String {
        self.label.clone()
    }

    fn entries(&mut self) -> Result<Vec<Entry>, MailError> {
        self.call(Request::Entries)
    }

    fn list(&mut self, since: Option<&str>) -> Result<(Listing, Option<String>), MailError> {
        self.call(|r| Request::List(since.map(str::to_string), r))
    }

    fn heads(&mut self, keys: &[String]) -> Vec<(String, Result<Vec<u8>, MailError>)> {
        match self.call(|r| Request::Heads(keys.to_vec(), r)) {
            Ok(found) => {
                let mut map: std::collections::HashMap<String, Vec<u8>> = found.into_iter().collect();
                keys.iter()
                    .map(|k| {
                        let v = map.remove(k).ok_or_else(|| MailError::NotFound(k.clone()));
                        (k.clone(), v)
                    })
                    .collect()
            }
            Err(e) => keys.iter().map(|k| (k.clone(), Err(MailError::Offline(e.to_string())))).collect(),
        }
    }

    fn list_with_heads(
        &mut self,
        each: &mut dyn FnMut(usize, Vec<crate::mail::Headed>) -> bool,
    ) -> Result<Option<String>, MailError> {
        // a few batches in flight: the server keeps sending while the
        // caller reads and caches, and memory stays bounded
        let (out, batches) = std_mpsc::sync_channel(4);
        let (reply, answer) = std_mpsc::channel();
        self.tx
            .send(Request::ListWithHeads(out, reply))
            .map_err(|_| MailError::Offline("the IMAP worker stopped".into()))?;
        loop {
            match batches.recv_timeout(WAIT) {
                Ok((total, batch)) => {
                    if !each(total, batch) {
                        break; // the worker reads the rest of the answer and drops it
                    }
                }
                Err(std_mpsc::RecvTimeoutError::Disconnected) => break,
                Err(std_mpsc::RecvTimeoutError::Timeout) => {
                    return Err(MailError::Offline("no answer from the IMAP worker".into()))
                }
            }
        }
        drop(batches);
        answer.recv_timeout(WAIT).map_err(|_| MailError::Offline("no answer from the IMAP worker".into()))?
    }

    fn lists_headers_only(&self) -> bool {
        true
    }

    fn read(&mut self, key: &str, limit: Option<usize>) -> Result<Vec<u8>, MailError> {
        let mut body = self.call(|r| Request::Read(key.to_string(), r))?;
        if let Some(n) = limit {
            body.truncate(n);
        }
        Ok(body)
    }

    fn delete(&mut self, key: &str) -> Result<Applied, MailError> {
        self.call(|r| Request::Delete(key.to_string(), r))
    }

    fn handle(&self) -> Option<Box<dyn Backend + Send>> {
        // a session of its own (opened on first use), so that what the
        // worker waits for never holds up opening a message; push stays
        // with the first handle
        let tx = actor::spawn(self.settings.clone()).ok()?;
        Some(Box::new(ImapBackend {
            tx,
            watching: true,
            label: self.label.clone(),
            settings: self.settings.clone(),
        }))
    }

    fn shared_handle(&self) -> Option<Box<dyn Backend + Send>> {
        let settings = self.settings.clone();
        Some(Box::new(ImapBackend {
            tx: self.tx.clone(),
            watching: true,
            label: self.label.clone(),
            settings,
        }))
    }

    fn pushed(&mut self) -> Option<mpsc::UnboundedReceiver<()>> {
        if std::mem::replace(&mut self.watching, true) {
            return None;
        }
        let (notify, pushed) = mpsc::unbounded_channel();
        self.tx.send(Request::Watch(notify)).ok()?;
        Some(pushed)
    }

    fn secret(&self) -> Option<creds::Secret> {
        Some(self.settings.secret.clone())
    }

    fn shared(&mut self) -> Option<&mut dyn crate::mail::Shared> {
        Some(self)
    }

    fn on_server(&mut self) -> Option<&mut dyn crate::mail::OnServer> {
        Some(self)
    }
}

impl crate::mail::OnServer for ImapBackend {
    fn sent_copy(&mut self, raw: &[u8]) -> Result<SentCopy, MailError> {
        self.call(|r| Request::SentCopy(raw.to_vec(), r))
    }

    fn sent_contains(&mut self, message_id: &str) -> Result<bool, MailError> {
        self.call(|r| Request::SentContains(message_id.to_string(), r))
    }

    fn purge_ids(&mut self, message_ids: &[String]) -> Result<usize, MailError> {
        if message_ids.is_empty() {
            return Ok(0);
        }
        self.call(|r| Request::PurgeIds(message_ids.to_vec(), r))
    }

    fn report(&mut self) -> Result<super::ServerReport, MailError> {
        self.call(Request::Report)
    }
}

impl crate::mail::Shared for ImapBackend {
    fn claim(&mut self, key: &str) -> Result<Claim, MailError> {
        self.call(|r| Request::Claim(key.to_string(), r))
    }

    fn journal_append(&mut self, raw: &[u8]) -> Result<(), MailError> {
        self.call(|r| Request::JournalAppend(raw.to_vec(), r))
    }

    fn journal_since(
        &mut self,
        since: Option<&str>,
    ) -> Result<(Vec<crate::mail::JournalRaw>, Option<String>), MailError> {
        let since = since.and_then(|t| {
            let (v, u) = t.split_once('/')?;
            Some((v.parse().ok()?, u.parse().ok()?))
        });
        let (raws, token) = self.call(|r| Request::JournalSince(since, r))?;
        let validity = token.map_or(0, |(v, _)| v);
        let raws = raws.into_iter().map(|(uid, raw)| (format!("{validity}.{uid}"), raw)).collect();
        Ok((raws, token.map(|(v, u)| format!("{v}/{u}"))))
    }

    fn journal_find(&mut self, message_id: &str) -> Result<Vec<crate::mail::JournalRaw>, MailError> {
        let found = self.call(|r| Request::JournalFind(message_id.to_string(), r))?;
        Ok(found.into_iter().map(|(uid, raw)| (uid.to_string(), raw)).collect())
    }

    fn mirror(&mut self, key: &str, state: &TriageState) -> Result<Applied, MailError> {
        let want = keywords_for(state);
        let add: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        let remove: Vec<String> =
            KEYWORDS.iter().filter(|k| !want.contains(k)).map(|s| s.to_string()).collect();
        self.call(|r| Request::Keywords(key.to_string(), add, remove, r))
    }
}
