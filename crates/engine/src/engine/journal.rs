//! The journal through the engine: every applied action is written to the
//! server's journal (best effort: the keywords already carry the status),
//! and colleagues' entries are read on every refresh and recorded in the
//! local log and state under their names.
//!
//! The journal is a claim, not the truth: anyone who can write to the
//! shared mailbox can append to it. What the server holds wins — an entry
//! saying a message was deleted while it is still in the mailbox changes
//! nothing and is logged as contradicted. Entries are taken in the order
//! the server gave them (UIDs) and timed by when this postrum first saw
//! them; the time a writer claims is kept only as a note when it is far
//! from that (docs/imap.md, "Who can write the journal").

use super::{Engine, OpError};
use crate::core::clock;
use crate::core::journal::{self, JournalEntry};
use crate::core::shared_records;
use crate::core::triage::{self, Action};
use crate::mail::MailError;
use crate::store::{RemoteEntry, StoredMessage};

impl Engine {
    /// Writes an applied action to the journal (messages without a
    /// Message-ID cannot be named there and are left out).
    /// Writes an action's journal entry; one the server does not take now
    /// (refused, unreachable) waits in the outbox and is written at a later
    /// refresh, so colleagues see it once it can be written.
    pub(super) fn push_journal(&mut self, seq: i64, id: &str, action: &Action) {
        if self.backend.shared().is_none() {
            return; // nobody else reads it
        }
        let Ok(Some(raw)) = self.journal_entry(id, action, Some(seq)) else { return };
        match self.append_journal(&raw) {
            Ok(()) => {}
            Err(e) => {
                if let MailError::Refused(why) = e {
                    self.journal_refused = Some(why);
                }
                let _ = self.store.queue_journal(&raw);
            }
        }
    }

    /// An action's entry (`seq`: the log entry it records) or, without
    /// one, a claim's.
    fn journal_entry(
        &mut self,
        id: &str,
        action: &Action,
        seq: Option<i64>,
    ) -> Result<Option<Vec<u8>>, OpError> {
        let Some(msg) = self.store.message(id)? else { return Ok(None) };
        let Some(message_id) = msg.summary.message_id else { return Ok(None) };
        let origin = self.store.origin()?;
        let entry = JournalEntry {
            message_id,
            key: Some(msg.key),
            digest: Some(journal::digest(msg.size, msg.received)),
            action: action.clone(),
            actor: self.settings.actor.clone(),
            at: clock::now(),
            entry: seq.map(|seq| format!("{origin}.{seq}")),
            origin,
            claim: seq.is_none(),
        };
        Ok(Some(journal::render(&entry)))
    }

    /// Adds an entry to the shared mailbox's journal; a mailbox nobody
    /// shares has no one to tell (the entry counts as written).
    fn append_journal(&mut self, raw: &[u8]) -> Result<(), MailError> {
        match self.backend.shared() {
            Some(shared) => shared.journal_append(raw),
            None => Ok(()),
        }
    }

    /// Writes a claim's entry now (the journal decides between claims).
    pub(super) fn write_claim(&mut self, id: &str, action: &Action) -> Result<bool, OpError> {
        let Some(raw) = self.journal_entry(id, action, None)? else { return Ok(false) };
        self.append_journal(&raw)?;
        Ok(true)
    }

    /// Writes the records waiting in the outbox (coverage: roster,
    /// absences, handover notes, watched days) to the journal, in order;
    /// what the server does not take now waits for the next refresh.
    pub(super) fn flush_records(&mut self) {
        if self.worker_writes {
            return; // the worker's next refresh writes them
        }
        let Ok(waiting) = self.store.journal_outbox() else { return };
        for (seq, raw) in waiting {
            if self.append_journal(&raw).is_err() || self.store.journal_sent(seq).is_err() {
                return;
            }
        }
    }

    /// Reads what colleagues did since the last read; returns the messages
    /// their entries changed and how many coverage records were taken in.
    pub(super) fn pull_journal(&mut self) -> Result<(Vec<String>, usize), OpError> {
        let since = self.store.journal_token()?;
        let Some(shared) = self.backend.shared() else { return Ok((Vec::new(), 0)) };
        let (raws, token) = match shared.journal_since(since.as_deref()) {
            Ok(r) => r,
            // the journal is a help, not a condition: the mailbox still works
            Err(_) => return Ok((Vec::new(), 0)),
        };
        let mut touched: Vec<String> = Vec::new();
        let mut records = 0;
        let origin = self.store.origin()?;
        let seen = clock::now();
        let mut previous: Option<i64> = None;
        let mut batch = Batch::default();
        for (remote, raw) in raws {
            if batch.taken.len() >= BATCH {
                batch.write(&mut self.store, &mut touched)?;
            }
            let Some(e) = journal::parse(&raw) else {
                // written in order: what the batch holds goes first
                batch.write(&mut self.store, &mut touched)?;
                // a coverage record (a roster entry, a handover note…), or
                // something that is neither: skipped
                match shared_records::parse(&raw) {
                    Some(r) if r.origin != origin => {
                        records += usize::from(self.store.take_record(&r, seen)?);
                    }
                    Some(_) => {}
                    // a kind a newer postrum writes: named, so the log says to update
                    None => match journal::newer_kind(&raw) {
                        Some(kind) => {
                            let note = format!("newer:{kind}");
                            self.store.note_unreadable_as(&remote, "journal_newer", Some(&note))?
                        }
                        None => self.store.note_unreadable(&remote)?,
                    },
                }
                continue;
            };
            let claimed = e.at;
            let after = previous.replace(claimed);
            if e.origin == origin || e.claim {
                continue;
            }
            let Some(mut msg) = self.named_by(&e)? else { continue };
            // what earlier entries of this batch made of it
            if let Some((triage, present)) = batch.now.get(&msg.id) {
                msg.triage = triage.clone();
                msg.present = *present;
            }
            if msg.triage.deleted_at.is_some() {
                continue;
            }
            // the server wins: a message still in the mailbox is not deleted
            let contradicted = matches!(e.action, Action::Delete { .. }) && msg.present;
            let note = if contradicted {
                Some("contradicted".to_string())
            } else if time_is_far(claimed, seen, msg.received, after) {
                Some(format!("time:{claimed}"))
            } else {
                None
            };
            let state = triage::apply(&msg.triage, &e.action, seen, &e.actor);
            // an entry written twice is one entry: named by itself when it
            // has a name, else by the journal message it is
            let remote = e.entry.as_ref().map_or(remote, |name| format!("entry:{name}"));
            if !contradicted {
                let gone = matches!(e.action, Action::Delete { .. });
                batch.now.insert(msg.id.clone(), (state.clone(), msg.present && !gone));
            }
            batch.taken.push(Taken {
                msg,
                action: e.action,
                actor: e.actor,
                state,
                contradicted,
                remote,
                note,
            });
        }
        batch.write(&mut self.store, &mut touched)?;
        if let Some(t) = token {
            self.store.set_journal_token(&t)?;
        }
        touched.sort();
        touched.dedup();
        Ok((touched, records))
    }
}

impl Engine {
    /// The message a journal entry names. By its key, which the server
    /// assigned, cross-checked with the Message-ID; a key of an older
    /// UIDVALIDITY by the Message-ID *and* the digest; an entry of an older
    /// postrum (Message-ID alone) only when exactly one present message
    /// has that Message-ID. Duplicates are never confused: an entry that
    /// names no single message applies to none.
    pub(super) fn named_by(&self, e: &JournalEntry) -> Result<Option<StoredMessage>, OpError> {
        if let Some(key) = &e.key {
            if let Some(m) = self.store.message_by_key(key)? {
                let same = m.summary.message_id.as_deref() == Some(e.message_id.as_str());
                return Ok(same.then_some(m));
            }
        }
        let all = self.store.messages_by_mid(&e.message_id)?;
        let mut candidates: Vec<StoredMessage> = match (&e.key, &e.digest) {
            (Some(_), Some(digest)) => {
                all.into_iter().filter(|m| journal::digest(m.size, m.received) == *digest).collect()
            }
            (Some(_), None) => Vec::new(),
            (None, _) => all.into_iter().filter(|m| m.present).collect(),
        };
        Ok(if candidates.len() == 1 { candidates.pop() } else { None })
    }

    /// Whether a journal entry names this very message (`named_by` for one
    /// message known beforehand: a claim).
    pub(super) fn names(&self, e: &JournalEntry, msg: &StoredMessage) -> Result<bool, OpError> {
        if e.key.as_deref() == Some(msg.key.as_str()) {
            return Ok(msg.summary.message_id.as_deref() == Some(e.message_id.as_str()));
        }
        Ok(self.named_by(e)?.is_some_and(|m| m.id == msg.id))
    }
}

/// How many colleagues' entries are written in one transaction.
const BATCH: usize = 2_000;

/// A colleague's entry read and judged, to be recorded.
struct Taken {
    msg: StoredMessage,
    action: Action,
    actor: String,
    state: triage::TriageState,
    contradicted: bool,
    remote: String,
    note: Option<String>,
}

/// Entries judged but not yet written, and what they make of their
/// messages meanwhile (a later entry of the batch builds on an earlier).
#[derive(Default)]
struct Batch {
    taken: Vec<Taken>,
    now: std::collections::HashMap<String, (triage::TriageState, bool)>,
}

impl Batch {
    /// Writes what is held in one transaction; the messages an entry was
    /// new for go to `touched`.
    fn write(&mut self, store: &mut crate::store::Store, touched: &mut Vec<String>) -> Result<(), OpError> {
        let entries: Vec<RemoteEntry> = self
            .taken
            .iter()
            .map(|t| RemoteEntry {
                id: &t.msg.id,
                key: &t.msg.key,
                action: &t.action,
                actor: &t.actor,
                state: (!t.contradicted).then_some(&t.state),
                remote: &t.remote,
                note: t.note.as_deref(),
            })
            .collect();
        let new = store.record_remotes(&entries)?;
        touched.extend(self.taken.iter().zip(new).filter(|(_, n)| *n).map(|(t, _)| t.msg.id.clone()));
        self.taken.clear();
        self.now.clear();
        Ok(())
    }
}

/// How far a journal entry's claimed time may stray (clocks differ).
const SLACK: i64 = 15 * 60;

/// Whether the time an entry claims cannot be right: after it was first
/// seen, before the message arrived, or well before the entry the server
/// put ahead of it (entries are appended as actions are applied).
fn time_is_far(claimed: i64, seen: i64, received: i64, previous: Option<i64>) -> bool {
    claimed > seen + SLACK || claimed < received - SLACK || previous.is_some_and(|p| claimed < p - 4 * SLACK)
}

#[cfg(test)]
mod tests {
    use super::time_is_far;

    #[test]
    fn claimed_times_that_cannot_be_right() {
        let (seen, received) = (1_800_000_000, 1_799_000_000);
        assert!(!time_is_far(seen - 60, seen, received, None), "a minute ago");
        assert!(!time_is_far(received + 10, seen, received, Some(received + 5)));
        assert!(time_is_far(seen + 86_400, seen, received, None), "in the future");
        assert!(time_is_far(1_672_574_400, seen, received, None), "before the message arrived");
        assert!(
            time_is_far(received + 100, seen, received, Some(received + 100_000)),
            "well before the entry ahead"
        );
        assert!(!time_is_far(received + 100, seen, received, Some(received + 200)), "clocks differ a little");
    }
}
