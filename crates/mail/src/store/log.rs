//! The append-only action log. Each entry is written `pending` (in the same
//! transaction as the local triage change) before the mailbox is touched,
//! and marked `applied` or `failed` after; pending entries are the queue
//! that is replayed on start.

use rusqlite::Row;

use super::{now, Store, StoreError};
use crate::core::triage::{Action, TriageState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogState {
    Pending,
    Applied,
    Failed,
}

impl LogState {
    pub fn as_str(self) -> &'static str {
        match self {
            LogState::Pending => "pending",
            LogState::Applied => "applied",
            LogState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> LogState {
        match s {
            "applied" => LogState::Applied,
            "failed" => LogState::Failed,
            _ => LogState::Pending,
        }
    }
}

/// One entry of the action log, with the message's subject for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub message: String,
    pub subject: String,
    pub action: Option<Action>,
    pub state: LogState,
    pub applied_at: Option<i64>,
    pub error: Option<String>,
    /// A code: `contradicted`, or `time:SECONDS` (see `present::log_note`).
    pub note: Option<String>,
}

/// A colleague's action read from the journal, to be recorded.
pub struct RemoteEntry<'a> {
    pub id: &'a str,
    pub key: &'a str,
    pub action: &'a Action,
    pub actor: &'a str,
    /// The new state; None when the server contradicts the entry.
    pub state: Option<&'a TriageState>,
    /// The journal message it came from ("UIDVALIDITY.UID").
    pub remote: &'a str,
    pub note: Option<&'a str>,
}

/// A logged action still to be applied to the mailbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingAction {
    pub seq: i64,
    pub message: String,
    pub key: String,
    pub action: Action,
}

fn entry_from_row(r: &Row) -> rusqlite::Result<LogEntry> {
    let details: String = r.get(5)?;
    Ok(LogEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        kind: r.get(3)?,
        message: r.get(4)?,
        action: serde_json::from_str(&details).ok(),
        state: LogState::parse(&r.get::<_, String>(6)?),
        applied_at: r.get(7)?,
        error: r.get(8)?,
        subject: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        note: r.get(10)?,
    })
}

impl Store {
    /// The triage state of a message (default when none recorded).
    pub fn triage(&self, id: &str) -> Result<TriageState, StoreError> {
        Ok(self.message(id)?.map(|m| m.triage).unwrap_or_default())
    }

    /// Writes the action as `pending` together with the new local state,
    /// durably, before anything touches the mailbox. Returns its sequence.
    pub fn log_pending(
        &mut self,
        actor: &str,
        id: &str,
        key: &str,
        action: &Action,
        new_state: Option<&TriageState>,
    ) -> Result<i64, StoreError> {
        let at = now();
        let details = serde_json::to_string(action).unwrap_or_default();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO actions (at, actor, kind, message, message_key, details, state)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending')",
                rusqlite::params![at, actor, action.kind(), id, key, details],
            )?;
            let seq = tx.last_insert_rowid();
            if let Some(s) = new_state {
                upsert_triage(tx, id, s, at)?;
            }
            Ok(seq)
        })
    }

    /// Who last acted on a message (applied or pending), if anyone.
    pub fn last_actor(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .rows(
                "SELECT actor FROM actions WHERE message = ?1 AND state != 'failed' ORDER BY seq DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )?
            .into_iter()
            .next())
    }

    /// Marks an entry applied; a deletion also records the message as
    /// deleted and gone from the mailbox.
    pub fn mark_applied(&mut self, seq: i64) -> Result<(), StoreError> {
        let at = now();
        self.write(|tx| {
            let (kind, id): (String, String) =
                tx.query_row("SELECT kind, message FROM actions WHERE seq = ?1", [seq], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            tx.execute(
                "UPDATE actions SET state = 'applied', applied_at = ?2, error = NULL WHERE seq = ?1",
                (seq, at),
            )?;
            if kind.starts_with("delete") {
                tx.execute(
                    "INSERT INTO triage (id, deleted_at, updated_at) VALUES (?1, ?2, ?2)
                     ON CONFLICT(id) DO UPDATE SET deleted_at = ?2, updated_at = ?2",
                    (&id, at),
                )?;
                tx.execute("UPDATE messages SET present = 0 WHERE id = ?1", [&id])?;
            }
            Ok(())
        })
    }

    /// Records why applying failed; the entry stays in the queue.
    pub fn note_failure(&mut self, seq: i64, error: &str) -> Result<(), StoreError> {
        self.write(|tx| tx.execute("UPDATE actions SET error = ?2 WHERE seq = ?1", (seq, error)).map(drop))
    }

    /// The queue: pending entries in the order they were logged.
    pub fn pending(&self) -> Result<Vec<PendingAction>, StoreError> {
        let rows = self.rows(
            "SELECT seq, message, message_key, details FROM actions WHERE state = 'pending' ORDER BY seq",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(seq, message, key, details)| {
                let action = serde_json::from_str(&details).ok()?;
                Some(PendingAction { seq, message, key, action })
            })
            .collect())
    }

    /// The log, newest first, at most `limit` entries.
    pub fn log(&self, limit: usize) -> Result<Vec<LogEntry>, StoreError> {
        self.rows(
            "SELECT a.seq, a.at, a.actor, a.kind, a.message, a.details, a.state, a.applied_at,
             a.error, m.subject, a.note FROM actions a LEFT JOIN messages m ON m.id = a.message
             ORDER BY a.seq DESC LIMIT ?1",
            [limit as i64],
            entry_from_row,
        )
    }
}

fn upsert_triage(tx: &rusqlite::Transaction, id: &str, s: &TriageState, at: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO triage (id, assignee, diarienummer, no_registration, deleted_at, updated_at,
         acknowledged_at, acknowledged_by, threat_at, threat_by, records)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(id) DO UPDATE SET assignee = ?2, diarienummer = ?3, no_registration = ?4,
         deleted_at = ?5, updated_at = ?6, acknowledged_at = ?7, acknowledged_by = ?8,
         threat_at = ?9, threat_by = ?10, records = ?11",
    )?
    .execute(rusqlite::params![
        id,
        s.assignee,
        s.diarienummer,
        s.no_registration,
        s.deleted_at,
        at,
        s.acknowledged_at,
        s.acknowledged_by,
        s.threat_at,
        s.threat_by,
        s.records.as_ref().map(|r| serde_json::to_string(r).unwrap_or_default())
    ])?;
    Ok(())
}

/// One colleague's action recorded in an open transaction.
fn record_in(tx: &rusqlite::Transaction, r: &RemoteEntry, applied: i64) -> rusqlite::Result<bool> {
    let details = serde_json::to_string(r.action).unwrap_or_default();
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO actions (at, actor, kind, message, message_key, details, state,
         applied_at, remote, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'applied', ?1, ?7, ?8)",
        )?
        .execute(rusqlite::params![
            applied,
            r.actor,
            r.action.kind(),
            r.id,
            r.key,
            details,
            r.remote,
            r.note
        ])?;
    if n == 0 {
        return Ok(false);
    }
    if let Some(state) = r.state {
        upsert_triage(tx, r.id, state, applied)?;
        if matches!(r.action, Action::Delete { .. }) {
            tx.execute("UPDATE messages SET present = 0 WHERE id = ?1", [r.id])?;
        }
    }
    Ok(true)
}

impl Store {
    /// Records an action a colleague's postrum took (read from the journal
    /// message `remote`): an applied log entry under their name, timed when
    /// this postrum first saw it, and the new state (None: the server
    /// contradicts it, and the state stays). Once per journal message, however
    /// many processes read it; false when it was recorded already.
    pub fn record_remote(&mut self, r: &RemoteEntry) -> Result<bool, StoreError> {
        let applied = now();
        self.write(|tx| record_in(tx, r, applied))
    }

    /// Many colleagues' actions in one transaction (one sync to disk: a
    /// substitute joining reads thousands), each as `record_remote`, in
    /// order; says which were new.
    pub fn record_remotes(&mut self, batch: &[RemoteEntry]) -> Result<Vec<bool>, StoreError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let applied = now();
        self.write(|tx| batch.iter().map(|r| record_in(tx, r, applied)).collect())
    }

    /// Notes, once, a journal entry that could not be read (another
    /// version, garbage, something hostile): skipped, never applied.
    pub fn note_unreadable(&mut self, remote: &str) -> Result<(), StoreError> {
        self.note_unreadable_as(remote, "journal_unreadable", None)
    }

    /// The same with its own kind and note (`journal_newer`, "newer:KIND":
    /// a kind a newer postrum wrote).
    pub fn note_unreadable_as(
        &mut self,
        remote: &str,
        kind: &str,
        note: Option<&str>,
    ) -> Result<(), StoreError> {
        let at = now();
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO actions (at, actor, kind, message, message_key, details, state,
                 applied_at, remote, note) VALUES (?1, '', ?3, '', '', '', 'failed', NULL, ?2, ?4)",
                (at, remote, kind, note),
            )
            .map(drop)
        })
    }

    /// Whether the message had an assignment applied before entry `seq`
    /// (so a set "assigned" keyword on the server is a known one).
    /// The latest assignment of a message, when a colleague made it (an
    /// entry of their journal): who, and when this postrum learnt of it.
    pub fn colleague_assignment(&self, id: &str) -> Result<Option<(String, i64)>, StoreError> {
        let last = self.rows(
            "SELECT actor, at, remote IS NOT NULL FROM actions
             WHERE message = ?1 AND kind = 'assign' AND state = 'applied' ORDER BY seq DESC LIMIT 1",
            [id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, bool>(2)?)),
        )?;
        Ok(last.into_iter().next().filter(|(_, _, remote)| *remote).map(|(by, at, _)| (by, at)))
    }

    pub fn assigned_before(&self, id: &str, seq: i64) -> Result<bool, StoreError> {
        let n = self.rows(
            "SELECT COUNT(*) FROM actions WHERE message = ?1 AND kind = 'assign' AND state = 'applied' AND seq < ?2",
            rusqlite::params![id, seq],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(n.first().copied().unwrap_or(0) > 0)
    }

    /// Sets a message's triage state directly (reverting a lost claim).
    pub fn set_triage(&mut self, id: &str, state: &TriageState) -> Result<(), StoreError> {
        let at = now();
        self.write(|tx| upsert_triage(tx, id, state, at))
    }
}

impl Store {
    /// Gives up on an entry that can never apply; it stays in the log as
    /// failed, with why.
    pub fn mark_failed(&mut self, seq: i64, error: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE actions SET state = 'failed', error = ?2 WHERE seq = ?1",
                rusqlite::params![seq, error],
            )
            .map(drop)
        })
    }
}

impl Store {
    /// The logged action whose claim this postrum sent for a message and
    /// has not seen through, if any.
    pub fn claim_marker(&self, id: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.rows("SELECT seq FROM claims WHERE message = ?1", [id], |r| r.get(0))?.pop())
    }

    /// Notes, before the claim is sent, that it may set the keyword.
    pub fn set_claim_marker(&mut self, id: &str, seq: i64) -> Result<(), StoreError> {
        let at = now();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO claims (message, seq, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(message) DO UPDATE SET seq = ?2, at = ?3",
                rusqlite::params![id, seq, at],
            )
            .map(drop)
        })
    }

    /// The claim was seen through (won and applied, or lost).
    pub fn clear_claim_marker(&mut self, id: &str) -> Result<(), StoreError> {
        self.write(|tx| tx.execute("DELETE FROM claims WHERE message = ?1", [id]).map(drop))
    }
}
