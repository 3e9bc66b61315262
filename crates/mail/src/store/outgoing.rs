//! The outgoing log: every mail postrum sends, written before it goes
//! (queued), marked while a send is under way (sending — after a crash
//! there, nobody knows whether the server took it), then sent, failed
//! (refused, with the server's reason) or cancelled (its assignment did
//! not hold). The message as built is kept until it is sent and copied to
//! Sent, then dropped: it may hold personal data.

use super::{now, Store, StoreError};
use crate::core::outgoing::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendState {
    Queued,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

impl SendState {
    pub fn as_str(self) -> &'static str {
        match self {
            SendState::Queued => "queued",
            SendState::Sending => "sending",
            SendState::Sent => "sent",
            SendState::Failed => "failed",
            SendState::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> SendState {
        match s {
            "sending" => SendState::Sending,
            "sent" => SendState::Sent,
            "failed" => SendState::Failed,
            "cancelled" => SendState::Cancelled,
            _ => SendState::Queued,
        }
    }

    /// Still to go (or to be confirmed).
    pub fn is_open(self) -> bool {
        matches!(self, SendState::Queued | SendState::Sending)
    }
}

/// One outgoing mail as logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub kind: Kind,
    pub message: String,
    pub after_seq: Option<i64>,
    pub recipient: String,
    pub message_id: String,
    pub state: SendState,
    pub attempts: i64,
    pub error: Option<String>,
    pub sent_at: Option<i64>,
    pub copied: bool,
}

/// A mail to log before it is sent.
pub struct NewOutgoing<'a> {
    pub actor: &'a str,
    pub kind: Kind,
    pub message: &'a str,
    pub after_seq: Option<i64>,
    pub recipient: &'a str,
    pub message_id: &'a str,
    /// What it is to say (the engine's `Spec`, as JSON).
    pub spec: &'a str,
}

const COLUMNS: &str =
    "seq, at, actor, kind, message, after_seq, recipient, message_id, state, attempts, error, sent_at, copied";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Outgoing> {
    Ok(Outgoing {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        kind: Kind::parse(&r.get::<_, String>(3)?).unwrap_or(Kind::Reply),
        message: r.get(4)?,
        after_seq: r.get(5)?,
        recipient: r.get(6)?,
        message_id: r.get(7)?,
        state: SendState::parse(&r.get::<_, String>(8)?),
        attempts: r.get(9)?,
        error: r.get(10)?,
        sent_at: r.get(11)?,
        copied: r.get::<_, i64>(12)? != 0,
    })
}

impl Store {
    /// Logs a mail as queued, durably, before anything is sent.
    pub fn queue_outgoing(&mut self, n: &NewOutgoing) -> Result<i64, StoreError> {
        let at = now();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO outgoing (at, actor, kind, message, after_seq, recipient, message_id, spec, state)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued')",
                rusqlite::params![at, n.actor, n.kind.as_str(), n.message, n.after_seq, n.recipient, n.message_id, n.spec],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// What is still to send, or sent and still to copy to Sent, oldest first.
    pub fn outgoing_due(&self) -> Result<Vec<Outgoing>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outgoing WHERE state IN ('queued', 'sending')
             OR (state = 'sent' AND copied = 0) ORDER BY seq"
        );
        self.rows(&sql, [], from_row)
    }

    /// One outgoing mail.
    pub fn outgoing_one(&self, seq: i64) -> Result<Option<Outgoing>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outgoing WHERE seq = ?1");
        Ok(self.rows(&sql, [seq], from_row)?.into_iter().next())
    }

    /// Everything sent about a message, oldest first.
    pub fn outgoing_for(&self, message: &str) -> Result<Vec<Outgoing>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outgoing WHERE message = ?1 ORDER BY seq");
        self.rows(&sql, [message], from_row)
    }

    /// The newest `limit` outgoing mails, newest first.
    pub fn outgoing_all(&self, limit: usize) -> Result<Vec<Outgoing>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outgoing ORDER BY seq DESC LIMIT ?1");
        self.rows(&sql, [limit as i64], from_row)
    }

    pub fn outgoing_raw(&self, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .rows("SELECT raw FROM outgoing WHERE seq = ?1", [seq], |r| r.get(0))?
            .into_iter()
            .next()
            .flatten())
    }

    pub fn outgoing_spec(&self, seq: i64) -> Result<Option<String>, StoreError> {
        Ok(self.rows("SELECT spec FROM outgoing WHERE seq = ?1", [seq], |r| r.get(0))?.into_iter().next())
    }

    /// The message as built on the first try, kept for every later one.
    pub fn set_outgoing_raw(&mut self, seq: i64, raw: &[u8]) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE outgoing SET raw = ?2 WHERE seq = ?1", rusqlite::params![seq, raw]).map(drop)
        })
    }

    /// The Message-IDs of what was sent about a message (to delete with it).
    pub fn sent_message_ids(&self, message: &str) -> Result<Vec<String>, StoreError> {
        self.rows(
            "SELECT message_id FROM outgoing WHERE message = ?1 AND state IN ('sent', 'sending')",
            [message],
            |r| r.get(0),
        )
    }

    /// The message was deleted: what has not gone is not sent, and
    /// nothing more is copied to Sent.
    pub fn outgoing_message_deleted(&mut self, message: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outgoing SET state = 'cancelled', error = 'the message was deleted', raw = NULL
                 WHERE message = ?1 AND state = 'queued'",
                [message],
            )?;
            tx.execute(
                "UPDATE outgoing SET copied = 1, raw = NULL WHERE message = ?1 AND state <> 'queued'",
                [message],
            )
            .map(drop)
        })
    }

    /// A send is about to start: if it is cut off, nobody knows whether it went.
    pub fn mark_sending(&mut self, seq: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE outgoing SET state = 'sending', attempts = attempts + 1 WHERE seq = ?1", [seq])
                .map(drop)
        })
    }

    pub fn mark_sent(&mut self, seq: i64) -> Result<(), StoreError> {
        let at = now();
        self.write(|tx| {
            tx.execute(
                "UPDATE outgoing SET state = 'sent', sent_at = ?2, error = NULL WHERE seq = ?1",
                (seq, at),
            )
            .map(drop)
        })
    }

    /// Not sent, to be tried again (`uncertain`: it may have gone; the
    /// next try looks for it first).
    pub fn mark_send_waiting(&mut self, seq: i64, error: &str, uncertain: bool) -> Result<(), StoreError> {
        let state = if uncertain { "sending" } else { "queued" };
        self.write(|tx| {
            tx.execute("UPDATE outgoing SET state = ?2, error = ?3 WHERE seq = ?1", (seq, state, error))
                .map(drop)
        })
    }

    /// Given up: refused by the server, or its assignment did not hold.
    pub fn mark_send_ended(&mut self, seq: i64, state: SendState, error: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outgoing SET state = ?2, error = ?3, raw = NULL WHERE seq = ?1",
                (seq, state.as_str(), error),
            )
            .map(drop)
        })
    }

    /// The copy is in Sent (or the server keeps its own): the message as
    /// built is no longer needed.
    pub fn mark_copied(&mut self, seq: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE outgoing SET copied = 1, raw = NULL WHERE seq = ?1", [seq]).map(drop)
        })
    }

    /// A kvittens to this address was logged since `since` (Unix seconds).
    pub fn kvittens_since(&self, recipient: &str, since: i64) -> Result<bool, StoreError> {
        let n = self.rows(
            "SELECT COUNT(*) FROM outgoing WHERE kind = 'kvittens' AND lower(recipient) = lower(?1) AND at >= ?2
             AND state IN ('queued', 'sending', 'sent')",
            rusqlite::params![recipient, since],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(n.first().copied().unwrap_or(0) > 0)
    }

    /// Whether a colleague's postrum told this sender since `since`: an
    /// acknowledgement from their journal of a message from that address.
    pub fn acknowledged_sender_since(&self, sender: &str, since: i64) -> Result<bool, StoreError> {
        let n = self.rows(
            "SELECT COUNT(*) FROM actions a JOIN messages m ON m.id = a.message
             WHERE a.kind = 'acknowledge' AND a.state = 'applied' AND a.remote IS NOT NULL AND a.at >= ?2
               AND lower(m.from_addr) = lower(?1)",
            rusqlite::params![sender, since],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(n.first().copied().unwrap_or(0) > 0)
    }

    /// Whether an action has been applied (a forward waits for its assignment).
    pub fn action_state(&self, seq: i64) -> Result<Option<String>, StoreError> {
        Ok(self.rows("SELECT state FROM actions WHERE seq = ?1", [seq], |r| r.get(0))?.into_iter().next())
    }
}

impl Store {
    /// The messages whose registration was logged in [start, end), in
    /// that order (each once).
    pub fn registered_between(&self, start: i64, end: i64) -> Result<Vec<String>, StoreError> {
        self.rows(
            "SELECT message FROM actions WHERE kind = 'register' AND state <> 'failed' AND at >= ?1 AND at < ?2
             GROUP BY message ORDER BY MIN(at)",
            (start, end),
            |r| r.get(0),
        )
    }
}
