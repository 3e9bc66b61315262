//! The IMAP actor: a thread with its own tokio runtime owning one session.
//! Requests come over a channel, each with a reply channel; a lost
//! connection is dropped and opened again on the next request. The caller
//! never touches the network itself and waits with a timeout.

use std::sync::mpsc as std_mpsc;

use tokio::sync::mpsc;

use super::connect::{connect_greeted, ImapSession};

#[path = "actor_folders.rs"]
mod folders;
use super::keys::{action_uid, key_of, uid_of};
pub use super::keys::{JournalBatch, Settings};
use super::ops::{self, Selected};
use super::server::Server;
use crate::mail::{Applied, Claim, Entry, Listing, MailError, SentCopy};

pub type Reply<T> = std_mpsc::Sender<Result<T, MailError>>;

pub enum Request {
    /// Log in (if not already) and select the mailbox.
    Connect(Reply<()>),
    /// Push: IDLE on a second connection, a note on the channel per change.
    Watch(mpsc::UnboundedSender<()>),
    Entries(Reply<Vec<Entry>>),
    /// List, or say nothing changed since the token.
    List(Option<String>, Reply<(Listing, Option<String>)>),
    Heads(Vec<String>, Reply<Vec<(String, Vec<u8>)>>),
    /// Every message with its headers, in batches over the channel; the
    /// reply is the sync token.
    ListWithHeads(std_mpsc::SyncSender<super::bulk::Batch>, Reply<Option<String>>),
    Read(String, Reply<Vec<u8>>),
    Delete(String, Reply<Applied>),
    /// Set these keywords and clear those.
    Keywords(String, Vec<String>, Vec<String>, Reply<Applied>),
    Claim(String, Reply<Claim>),
    JournalAppend(Vec<u8>, Reply<()>),
    JournalSince(Option<(u32, u32)>, Reply<JournalBatch>),
    /// The journal entries that may be about a Message-ID.
    JournalFind(String, Reply<Vec<(u32, Vec<u8>)>>),
    /// A copy of a sent mail for the Sent folder.
    SentCopy(Vec<u8>, Reply<SentCopy>),
    /// Whether Sent holds a message with this Message-ID.
    SentContains(String, Reply<bool>),
    /// Removes the messages with these Message-IDs from Trash and Sent.
    PurgeIds(Vec<String>, Reply<usize>),
    /// What the server offers (`doctor`).
    Report(Reply<crate::mail::ServerReport>),
}

struct Actor {
    settings: Settings,
    session: Option<(ImapSession, Selected)>,
    /// The mailbox was selected by the connection just made and nothing
    /// has happened since: a listing needs no second SELECT.
    just_selected: bool,
    /// What the server can do.
    server: Server,
    /// After a failed connection: no new attempt before this moment, so an
    /// unreachable server does not hold every request for a timeout.
    retry_at: Option<std::time::Instant>,
    backoff: std::time::Duration,
}

/// The sync token of a selected mailbox: UIDVALIDITY, HIGHESTMODSEQ
/// (`-` without CONDSTORE), EXISTS and UIDNEXT.
fn token_of(sel: &Selected) -> Option<String> {
    match sel.highest_modseq {
        Some(m) => Some(format!("{}/{m}/{}/{}", sel.uidvalidity, sel.exists, sel.uid_next)),
        None if sel.uid_next > 0 => Some(format!("{}/-/{}/{}", sel.uidvalidity, sel.exists, sel.uid_next)),
        None => None,
    }
}

impl Actor {
    async fn session(&mut self) -> Result<&mut (ImapSession, Selected), MailError> {
        if self.session.is_none() {
            if let Some(at) = self.retry_at {
                if std::time::Instant::now() < at {
                    return Err(MailError::Offline("the server did not answer; trying again shortly".into()));
                }
            }
            let mut s = match connect_greeted(&self.settings.connect, &self.settings.secret).await {
                Ok((mut s, greeting)) => {
                    self.server.connected(&mut s, &greeting).await;
                    s
                }
                Err(e) => {
                    if matches!(e, MailError::Offline(_)) {
                        self.retry_at = Some(std::time::Instant::now() + self.backoff);
                        self.backoff = (self.backoff * 2).min(std::time::Duration::from_secs(5));
                    }
                    return Err(e);
                }
            };
            self.retry_at = None;
            self.backoff = std::time::Duration::from_secs(1);
            if !self.server.layout_checked {
                self.find_layout(&mut s).await?;
                self.server.layout_checked = true;
            }
            let sel =
                ops::select(&mut s, &self.settings.connect.url.mailbox, self.server.condstore()).await?;
            self.session = Some((s, sel));
            self.just_selected = true;
        }
        Ok(self.session.as_mut().expect("just set"))
    }

    /// A function mailbox shared by ACL: its own journal, Trash and Sent
    /// (unless the config names them).
    async fn find_layout(&mut self, s: &mut ImapSession) -> Result<(), MailError> {
        let mailbox = self.settings.connect.url.mailbox.clone();
        if let Some(shared) = super::layout::shared(s, &mailbox).await? {
            if !self.settings.journal_fixed {
                self.settings.journal = format!("{}Postrum", shared.root);
            }
            self.settings.trash = self.settings.trash.take().or(shared.trash);
            self.settings.sent = self.settings.sent.take().or(shared.sent);
            self.settings.shared_root = Some(shared.root);
            self.server.purge_folders = None;
        }
        Ok(())
    }

    /// The session (connecting if need be), its selected mailbox, and
    /// whether the server has CONDSTORE — which a new session learns on
    /// connecting, so it is read only after.
    async fn session_condstore(&mut self) -> Result<(&mut ImapSession, &mut Selected, bool), MailError> {
        self.session().await?;
        let condstore = self.server.condstore();
        let (s, sel) = self.session.as_mut().expect("connected just now");
        Ok((s, sel, condstore))
    }

    /// Runs one operation; a lost connection is forgotten so the next
    /// request connects again.
    async fn handle(&mut self, req: Request) {
        macro_rules! run {
            ($reply:expr, $body:expr) => {{
                let result = $body;
                if matches!(result, Err(MailError::Offline(_) | MailError::Protocol(_))) {
                    self.session = None;
                }
                let _ = $reply.send(result);
            }};
        }
        // only the request right after connecting may skip its SELECT
        let connecting = matches!(req, Request::Connect(_));
        match req {
            Request::Connect(reply) => run!(reply, self.session().await.map(|_| ())),
            // a second connection of its own, only for those who listen (the
            // TUI): a CLI command does not open it
            Request::Watch(notify) => {
                tokio::spawn(super::idle::run(self.settings.clone(), notify));
            }
            Request::Entries(reply) => run!(reply, self.entries().await),
            Request::List(since, reply) => run!(reply, self.list(since.as_deref()).await),
            Request::Heads(keys, reply) => run!(reply, self.heads(&keys).await),
            Request::ListWithHeads(out, reply) => {
                let result = self.list_with_heads(&out).await;
                drop(out);
                if result.is_err() {
                    // cut off in the middle of an answer: start afresh
                    self.session = None;
                }
                let _ = reply.send(result);
            }
            Request::Read(key, reply) => run!(reply, self.read(&key).await),
            Request::Delete(key, reply) => run!(reply, self.delete(&key).await),
            Request::Keywords(key, add, remove, reply) => {
                run!(reply, self.keywords(&key, &add, &remove).await)
            }
            Request::Claim(key, reply) => run!(reply, self.claim(&key).await),
            Request::JournalAppend(raw, reply) => run!(reply, self.journal_append(&raw).await),
            Request::JournalSince(since, reply) => run!(reply, self.journal_since(since).await),
            Request::JournalFind(mid, reply) => run!(reply, self.journal_find(&mid).await),
            Request::SentCopy(raw, reply) => run!(reply, self.sent_copy(&raw).await),
            Request::SentContains(mid, reply) => run!(reply, self.sent_contains(&mid).await),
            Request::PurgeIds(mids, reply) => run!(reply, self.purge_ids(&mids).await),
            Request::Report(reply) => run!(reply, self.report().await),
        }
        if !connecting {
            self.just_selected = false;
        }
    }

    async fn entries(&mut self) -> Result<Vec<Entry>, MailError> {
        let mailbox = self.settings.connect.url.mailbox.clone();
        let (s, sel) = self.session().await?;
        // select again: the fresh EXISTS is what the listing is checked against
        *sel = ops::select(s, &mailbox, false).await?;
        let sel = *sel;
        ops::entries(s, &sel).await
    }

    /// Selects the mailbox again for fresh counts (with CONDSTORE when the
    /// server has it), unless that was just done.
    async fn reselect(&mut self) -> Result<Selected, MailError> {
        let mailbox = self.settings.connect.url.mailbox.clone();
        // connecting (if need be) selects: then no second SELECT
        let (_, _, condstore) = self.session_condstore().await?;
        let fresh = std::mem::take(&mut self.just_selected);
        let (s, sel) = self.session().await?;
        if !fresh {
            *sel = ops::select(s, &mailbox, condstore).await?;
        }
        Ok(*sel)
    }

    /// The first sync's listing: one FETCH of everything, streamed.
    async fn list_with_heads(
        &mut self,
        out: &std_mpsc::SyncSender<super::bulk::Batch>,
    ) -> Result<Option<String>, MailError> {
        let now = self.reselect().await?;
        let (s, _) = self.session().await?;
        if now.exists > 0 {
            super::bulk::list_with_heads(s, &now, out).await?;
        }
        Ok(token_of(&now))
    }

    /// With CONDSTORE, a mailbox whose UIDVALIDITY, HIGHESTMODSEQ, EXISTS
    /// and UIDNEXT are as in the token is unchanged: nothing is fetched.
    async fn list(&mut self, since: Option<&str>) -> Result<(Listing, Option<String>), MailError> {
        let now = self.reselect().await?;
        let keywords = now.keywords && !self.server.keywordless;
        let (s, _) = self.session().await?;
        let token = token_of(&now);
        if token.is_some() && token.as_deref() == since {
            if now.highest_modseq.is_some() {
                return Ok((Listing::Unchanged, token));
            }
            // without CONDSTORE: the same UIDNEXT means nothing arrived, the
            // same EXISTS then that nothing went away; only flags may have
            // changed, and the server is asked which carry them
            let (answered, marks) = ops::answered_and_marks(s, &now, keywords).await?;
            return Ok((Listing::Flags { answered, marks }, token));
        }
        // the same UIDVALIDITY and a modseq to start from: only the changes
        let before: Option<Vec<u64>> = since.map(|t| t.split('/').filter_map(|p| p.parse().ok()).collect());
        if let (Some(b), Some(_)) = (before, now.highest_modseq) {
            if b.len() == 4 && b[0] == u64::from(now.uidvalidity) {
                let (old_modseq, old_exists, old_next) = (b[1], b[2], b[3]);
                let changed = ops::entries_changed_since(s, &now, old_modseq).await?;
                let added = changed
                    .iter()
                    .filter(|e| uid_of(&e.key, &now).is_some_and(|u| u64::from(u) >= old_next))
                    .count() as u64;
                // fewer messages than before plus the new ones: some went away
                let remaining = if u64::from(now.exists) < old_exists + added {
                    let uids = ops::all_uids(s).await?;
                    Some(uids.into_iter().map(|u| key_of(now.uidvalidity, u)).collect())
                } else {
                    None
                };
                return Ok((Listing::Delta { changed, remaining }, token));
            }
        }
        Ok((Listing::Full(ops::entries(s, &now).await?), token))
    }

    async fn heads(&mut self, keys: &[String]) -> Result<Vec<(String, Vec<u8>)>, MailError> {
        let (s, sel) = self.session().await?;
        let sel = *sel;
        let uids: Vec<u32> = keys.iter().filter_map(|k| uid_of(k, &sel)).collect();
        Ok(ops::heads(s, &uids)
            .await?
            .into_iter()
            .map(|(uid, h)| (key_of(sel.uidvalidity, uid), h))
            .collect())
    }

    async fn read(&mut self, key: &str) -> Result<Vec<u8>, MailError> {
        for again in [false, true] {
            if again {
                // a message that arrived a moment ago: this session's view
                // of the mailbox may be older than the list's (another
                // connection saw it) — look again once before saying it is
                // not there
                let mailbox = self.settings.connect.url.mailbox.clone();
                let (s, sel) = self.session().await?;
                *sel = ops::select(s, &mailbox, false).await?;
            }
            let (s, sel) = self.session().await?;
            if let Some(uid) = uid_of(key, sel) {
                if let Some(body) = ops::body(s, uid).await? {
                    return Ok(body);
                }
            }
        }
        Err(MailError::NotFound(key.to_string()))
    }

    async fn claim(&mut self, key: &str) -> Result<Claim, MailError> {
        let keywordless = self.server.keywordless;
        let (s, sel, condstore) = self.session_condstore().await?;
        let uid = action_uid(key, sel)?;
        let result = if keywordless || !sel.keywords {
            Err(MailError::Refused("no keywords".into()))
        } else {
            super::shared::claim(s, uid, condstore).await
        };
        match result {
            Err(MailError::Refused(_)) => {
                self.server.keywordless = true;
                let (s, _) = self.session().await?;
                if !ops::exists(s, uid).await? {
                    return Err(MailError::NotFound(key.to_string()));
                }
                Ok(Claim::Won)
            }
            other => other,
        }
    }

    async fn journal_append(&mut self, raw: &[u8]) -> Result<(), MailError> {
        let journal = self.settings.journal.clone();
        let (s, _) = self.session().await?;
        super::shared::journal_append(s, &journal, raw).await
    }

    async fn journal_since(&mut self, since: Option<(u32, u32)>) -> Result<JournalBatch, MailError> {
        let journal = self.settings.journal.clone();
        let mailbox = self.settings.connect.url.mailbox.clone();
        let (s, _, condstore) = self.session_condstore().await?;
        super::shared::journal_since(s, &journal, &mailbox, since, condstore).await
    }

    async fn journal_find(&mut self, mid: &str) -> Result<Vec<(u32, Vec<u8>)>, MailError> {
        let journal = self.settings.journal.clone();
        let mailbox = self.settings.connect.url.mailbox.clone();
        let (s, _, condstore) = self.session_condstore().await?;
        super::shared::journal_find(s, &journal, &mailbox, mid, condstore).await
    }

    /// The status keywords; where the server keeps none (PERMANENTFLAGS
    /// without `\*`, or a STORE refused), the journal carries the status
    /// alone and only the message's presence is checked.
    async fn keywords(&mut self, key: &str, add: &[String], remove: &[String]) -> Result<Applied, MailError> {
        let keywordless = self.server.keywordless;
        let (s, sel) = self.session().await?;
        let uid = action_uid(key, sel)?;
        let add: Vec<&str> = add.iter().map(String::as_str).collect();
        let remove: Vec<&str> = remove.iter().map(String::as_str).collect();
        let stored = if keywordless || !sel.keywords {
            Err(MailError::Refused("no keywords".into()))
        } else {
            ops::keywords(s, uid, &add, &remove).await
        };
        match stored {
            Err(MailError::Refused(_)) => {
                self.server.keywordless = true;
                let (s, _) = self.session().await?;
                if !ops::exists(s, uid).await? {
                    return Err(MailError::NotFound(key.to_string()));
                }
            }
            other => other?,
        }
        Ok(Applied::Done)
    }
}

/// Starts the actor thread; returns where to send requests.
pub fn spawn(settings: Settings) -> std::io::Result<mpsc::UnboundedSender<Request>> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Request>();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    std::thread::Builder::new().name("postrum-imap".into()).spawn(move || {
        rt.block_on(async move {
            let mut actor = Actor {
                settings,
                session: None,
                server: Server::default(),
                just_selected: false,
                retry_at: None,
                backoff: std::time::Duration::from_secs(1),
            };
            while let Some(req) = rx.recv().await {
                actor.handle(req).await;
            }
            if let Some((mut s, _)) = actor.session.take() {
                let _ = tokio::time::timeout(std::time::Duration::from_secs(2), s.logout()).await;
            }
        });
    })?;
    Ok(tx)
}
