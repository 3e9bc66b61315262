//! Caching new messages: many at once in one transaction, batch by batch
//! as they arrive (a first sync of a large mailbox streams into it), each
//! given its stable id. A message back under a new key keeps its old id.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rusqlite::OptionalExtension;

use super::messages::{forget_all_inspected, problem_to_db, warnings_to_db, NewMessage, INSPECT_VERSION};
use super::{wrap_busy, Store, StoreError};
use crate::core::ids;

/// How long caching new messages waits for another process's write lock.
const FIRST_SYNC_WAIT: Duration = Duration::from_secs(120);

/// An open transaction taking new messages; nothing is kept unless
/// `commit` is called.
pub struct Bulk<'a> {
    tx: rusqlite::Transaction<'a>,
    path: &'a Path,
    busy: Duration,
    /// The cache was empty when the transaction began: no lookups needed.
    empty: bool,
    /// On an empty cache: how many messages so far share each base id.
    seen: HashMap<String, i64>,
}

impl Store {
    /// Begins caching new messages.
    pub fn bulk(&mut self) -> Result<Bulk<'_>, StoreError> {
        if let Some(why) = self.read_only {
            return Err(self.refusal(why));
        }
        let Store { conn, path, busy, .. } = self;
        // another postrum's first sync holds the lock while its server
        // sends: worth waiting for longer than a single write
        let busy = (*busy).max(FIRST_SYNC_WAIT);
        conn.busy_timeout(busy).map_err(|e| wrap_busy(path, e, busy))?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| wrap_busy(path, e, busy))?;
        let empty: bool = tx
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM messages)", [], |r| r.get(0))
            .map_err(|e| wrap_busy(path, e, busy))?;
        Ok(Bulk { tx, path, busy, empty, seen: HashMap::new() })
    }

    /// Caches new messages, giving each a stable id (a suffix when another
    /// message already has the same base id), in one transaction. Call
    /// with keys in arrival order so the first copy keeps the plain id.
    pub fn insert_messages(&mut self, new: &[NewMessage]) -> Result<(), StoreError> {
        let mut bulk = self.bulk()?;
        bulk.insert(new)?;
        bulk.commit()
    }
}

impl Bulk<'_> {
    /// Adds messages to the transaction.
    pub fn insert(&mut self, new: &[NewMessage]) -> Result<(), StoreError> {
        self.insert_inner(new).map_err(|e| wrap_busy(self.path, e, self.busy))
    }

    /// Keeps what was inserted.
    pub fn commit(self) -> Result<(), StoreError> {
        let (path, busy) = (self.path, self.busy);
        self.tx.commit().map_err(|e| wrap_busy(path, e, busy))?;
        Ok(())
    }

    fn insert_inner(&mut self, new: &[NewMessage]) -> rusqlite::Result<()> {
        let tx = &self.tx;
        // the ids sharing a base id are the base and base-N: the range from
        // the base to the base followed by '.' (the next character after '-')
        let mut count =
            tx.prepare_cached("SELECT COUNT(*) FROM messages WHERE id >= ?1 AND id < ?1 || '.'")?;
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO messages (id, key, base_id, message_id, from_name, from_addr,
             subject, date, received, size, problem, present, answered, warnings, inspected, refs)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13, ?14, ?15)",
        )?;
        // a message that left the mailbox and is back under a new key
        // (IMAP UIDVALIDITY changed, a file renamed) keeps its id and state:
        // found by its Message-ID *and* what the server vouches for (size,
        // arrival time), never by the Message-ID alone, which the sender
        // chose (a duplicate must not take the original's state)
        let mut returning = tx.prepare_cached(
            "SELECT m.id FROM messages m LEFT JOIN triage t ON t.id = m.id
             WHERE m.id >= ?1 AND m.id < ?1 || '.' AND m.present = 0 AND t.deleted_at IS NULL
               AND m.message_id = ?2 AND m.size = ?3 AND m.received = ?4 ORDER BY m.id LIMIT 1",
        )?;
        let mut rekey = tx.prepare_cached(
            "UPDATE messages SET key = ?2, present = 1, gone_at = NULL, answered = ?3 WHERE id = ?1",
        )?;
        for m in new {
            let s = &m.summary;
            let base = match s.message_id.as_deref().filter(|m| !m.trim().is_empty()) {
                Some(mid) => ids::base_id(Some(mid), ""),
                None => ids::base_id(None, &s.fingerprint(m.size)),
            };
            if s.message_id.is_some() && !self.empty {
                let found = returning
                    .query_row(rusqlite::params![&base, s.message_id, m.size as i64, m.received], |r| {
                        r.get::<_, String>(0)
                    })
                    .optional()?;
                if let Some(id) = found {
                    rekey.execute((&id, &m.key, m.answered))?;
                    // back in the mailbox: perhaps inspected by older rules
                    forget_all_inspected(tx)?;
                    continue;
                }
            }
            // on an empty cache there is nothing to look up
            let n: i64 = if self.empty {
                let n = self.seen.entry(base.clone()).or_insert(0);
                *n += 1;
                *n - 1
            } else {
                count.query_row([&base], |r| r.get(0))?
            };
            let id = ids::with_suffix(&base, n as usize + 1);
            insert.execute(rusqlite::params![
                id,
                m.key,
                base,
                s.message_id,
                s.from_name,
                s.from_addr,
                s.subject,
                s.date,
                m.received,
                m.size as i64,
                problem_to_db(&s.problem),
                m.answered,
                warnings_to_db(&s.warnings),
                INSPECT_VERSION,
                s.refs.join(" ")
            ])?;
        }
        Ok(())
    }
}
