//! What the records office's day reads from the store: registered messages
//! and what was sent about them by Message-ID (follow-ups), and the
//! messages and first answers the report counts.

use std::collections::HashMap;

use rusqlite::Row;

use super::messages::{from_row, SELECT};
use super::{Store, StoreError, StoredMessage};

/// (diarienummer, handläggare) by a Message-ID.
pub type RefMap = HashMap<String, (String, Option<String>)>;

impl Store {
    /// Registered messages by their Message-ID, and mail postrum sent
    /// about registered messages by its Message-ID.
    pub fn registered_refs(&self) -> Result<(RefMap, RefMap), StoreError> {
        let pick =
            |r: &Row| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)));
        let mids = self.rows(
            "SELECT m.message_id, t.diarienummer, t.assignee FROM messages m JOIN triage t ON t.id = m.id
             WHERE t.diarienummer IS NOT NULL AND t.diarienummer != '?' AND m.message_id IS NOT NULL",
            [],
            pick,
        )?;
        let sent = self.rows(
            "SELECT o.message_id, t.diarienummer, t.assignee FROM outgoing o JOIN triage t ON t.id = o.message
             WHERE t.diarienummer IS NOT NULL AND t.diarienummer != '?'",
            [],
            pick,
        )?;
        Ok((mids.into_iter().collect(), sent.into_iter().collect()))
    }
}

impl Store {
    /// Whether a diarienummer was registered before (Some), and with whom.
    pub fn registered_dnr(&self, dnr: &str) -> Result<Option<Option<String>>, StoreError> {
        Ok(self
            .rows(
                "SELECT assignee FROM triage WHERE diarienummer = ?1 ORDER BY assignee IS NULL LIMIT 1",
                [dnr],
                |r| r.get::<_, Option<String>>(0),
            )?
            .pop())
    }

    /// Messages received since `since` (present or not), and every message
    /// still present: what the report counts.
    pub fn messages_for_report(&self, since: i64) -> Result<Vec<StoredMessage>, StoreError> {
        self.rows(
            &format!("{SELECT} WHERE m.received >= ?1 OR m.present = 1 ORDER BY m.received"),
            [since],
            from_row,
        )
    }

    /// The first time each message got an answer: a kvittens or a reply
    /// sent from here, or the answer state set to "answered".
    pub fn first_answers(&self) -> Result<HashMap<String, i64>, StoreError> {
        let rows = self.rows(
            "SELECT message, MIN(sent_at) FROM outgoing
               WHERE kind IN ('kvittens', 'reply') AND state = 'sent' AND sent_at IS NOT NULL GROUP BY message
             UNION ALL
             SELECT message, MIN(at) FROM actions
               WHERE kind = 'answer' AND state = 'applied' AND details LIKE '%\"answered\"%' GROUP BY message",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )?;
        let mut first: HashMap<String, i64> = HashMap::new();
        for (id, at) in rows {
            let e = first.entry(id).or_insert(at);
            *e = (*e).min(at);
        }
        Ok(first)
    }
}

impl Store {
    /// A setting remembered between sessions (the folder attachments were
    /// last saved to), by name.
    pub fn remembered(&self, name: &str) -> Result<Option<String>, StoreError> {
        let key = format!("remember:{name}");
        Ok(self.rows("SELECT value FROM sync_state WHERE name = ?1", [&key], |r| r.get(0))?.pop())
    }

    pub fn remember(&mut self, name: &str, value: &str) -> Result<(), StoreError> {
        let key = format!("remember:{name}");
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sync_state (name, value) VALUES (?1, ?2)
                 ON CONFLICT(name) DO UPDATE SET value = ?2",
                [&key, value],
            )
            .map(drop)
        })
    }
}
