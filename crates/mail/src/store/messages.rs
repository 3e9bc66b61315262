//! The message cache (headers of every message seen in the mailbox, keyed
//! by a stable id) joined with each message's triage state.

use std::collections::HashMap;

use rusqlite::Row;

use super::{Store, StoreError};
use crate::core::inspect::WarningKind;
use crate::core::message::{Problem, Summary};
use crate::core::records::AnswerState;
use crate::core::triage::TriageState;

/// The version of the inspection rules; cached messages inspected by an
/// older one are inspected again.
pub const INSPECT_VERSION: i64 = 3;

/// A message newly found in the mailbox, to be cached.
pub struct NewMessage {
    pub key: String,
    pub summary: Summary,
    /// Arrival time, Unix seconds.
    pub received: i64,
    pub size: u64,
    /// The mailbox marks it as replied to.
    pub answered: bool,
}

/// A cached message with its triage state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMessage {
    pub id: String,
    pub key: String,
    pub summary: Summary,
    pub received: i64,
    pub size: u64,
    pub present: bool,
    /// Replied to (the mailbox's flag), which stops the deadline clock.
    pub answered: bool,
    pub triage: TriageState,
    /// A deletion is logged but not yet applied to the mailbox.
    pub pending_delete: bool,
}

impl StoredMessage {
    /// A present message with nothing set (for tests, also of the crates above).
    pub fn blank(id: &str) -> StoredMessage {
        StoredMessage {
            id: id.into(),
            key: id.into(),
            summary: Summary::default(),
            received: 0,
            size: 0,
            present: true,
            answered: false,
            triage: TriageState::default(),
            pending_delete: false,
        }
    }

    /// What the sender got (an answer, a kvittens), or that nobody waits.
    pub fn answer_state(&self) -> AnswerState {
        use crate::core::inspect::WarningKind;
        let set = self.triage.records().answer.as_deref();
        if self.answered || set == Some("answered") {
            AnswerState::Answered
        } else if self.triage.acknowledged_at.is_some() {
            AnswerState::Acknowledged
        } else if let Some(s) = set {
            // set by hand: wins over the defaults below
            if s == "not_needed" {
                AnswerState::NotNeeded
            } else {
                AnswerState::Awaiting
            }
        } else if self.triage.no_registration.is_some()
            || self.summary.warnings.iter().any(|k| matches!(k, WarningKind::Bulk | WarningKind::AutoReply))
        {
            AnswerState::NotNeeded
        } else {
            AnswerState::Awaiting
        }
    }

    /// The two-day clock has stopped: answered, told, or nobody waits.
    pub fn answer_given(&self) -> bool {
        self.answer_state() != AnswerState::Awaiting
    }
}

pub(super) const SELECT: &str = "SELECT m.id, m.key, m.message_id, m.from_name, m.from_addr, m.subject,
    m.date, m.received, m.size, m.problem, m.present,
    t.assignee, t.diarienummer, t.no_registration, t.deleted_at,
    t.acknowledged_at, t.acknowledged_by, m.answered, m.warnings, t.threat_at, t.threat_by,
    EXISTS (SELECT 1 FROM actions a WHERE a.message = m.id AND a.state = 'pending'
            AND a.kind LIKE 'delete%'), t.records, m.refs
    FROM messages m LEFT JOIN triage t ON t.id = m.id";

/// Forgets that every present message is inspected by the current rules.
pub(super) fn forget_all_inspected(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM sync_state WHERE name = 'inspected'", []).map(drop)
}

pub(super) fn warnings_to_db(w: &[WarningKind]) -> String {
    w.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")
}

fn warnings_from_db(s: &str) -> Vec<WarningKind> {
    s.split(',').filter_map(WarningKind::parse).collect()
}

pub(super) fn problem_to_db(p: &Option<Problem>) -> Option<String> {
    match p {
        None => None,
        Some(Problem::Corrupt) => Some("corrupt".into()),
        Some(Problem::Unreadable(why)) => Some(format!("unreadable:{why}")),
    }
}

fn problem_from_db(s: Option<String>) -> Option<Problem> {
    let s = s?;
    Some(match s.strip_prefix("unreadable:") {
        Some(why) => Problem::Unreadable(why.to_string()),
        None => Problem::Corrupt,
    })
}

pub(super) fn from_row(r: &Row) -> rusqlite::Result<StoredMessage> {
    Ok(StoredMessage {
        id: r.get(0)?,
        key: r.get(1)?,
        summary: Summary {
            message_id: r.get(2)?,
            from_name: r.get(3)?,
            from_addr: r.get(4)?,
            subject: r.get(5)?,
            date: r.get(6)?,
            problem: problem_from_db(r.get(9)?),
            warnings: warnings_from_db(&r.get::<_, String>(18)?),
            refs: r.get::<_, String>(23)?.split_whitespace().map(str::to_string).collect(),
        },
        received: r.get(7)?,
        size: r.get::<_, i64>(8)? as u64,
        present: r.get(10)?,
        triage: TriageState {
            assignee: r.get(11)?,
            diarienummer: r.get(12)?,
            no_registration: r.get(13)?,
            deleted_at: r.get(14)?,
            acknowledged_at: r.get(15)?,
            acknowledged_by: r.get(16)?,
            threat_at: r.get(19)?,
            threat_by: r.get(20)?,
            records: r
                .get::<_, Option<String>>(22)?
                .and_then(|j| serde_json::from_str::<crate::core::triage::Records>(&j).ok())
                .map(Box::new),
        },
        answered: r.get(17)?,
        pending_delete: r.get(21)?,
    })
}

impl Store {
    /// Every cached key with (present at the last scan, answered).
    pub fn known_keys(&self) -> Result<HashMap<String, (bool, bool)>, StoreError> {
        let rows = self.rows("SELECT key, present, answered FROM messages", [], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// The keys of the messages in the mailbox marked answered there.
    pub fn answered_keys(&self) -> Result<std::collections::HashSet<String>, StoreError> {
        let rows =
            self.rows("SELECT key FROM messages WHERE answered = 1 AND present = 1", [], |r| r.get(0))?;
        Ok(rows.into_iter().collect())
    }

    /// Whether every one of these keys names a message in the mailbox.
    pub fn all_present(&self, keys: &[String]) -> Result<bool, StoreError> {
        for k in keys {
            let present: Vec<bool> =
                self.rows("SELECT present FROM messages WHERE key = ?1", [k], |r| r.get(0))?;
            if present.first() != Some(&true) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Records the mailbox's replied flag for keys.
    pub fn set_answered(&mut self, keys: &[(String, bool)]) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached("UPDATE messages SET answered = ?2 WHERE key = ?1")?;
            for (k, a) in keys {
                stmt.execute((k, a))?;
            }
            Ok(())
        })
    }

    /// What the status keywords say where nothing more is known: a
    /// message a colleague assigned or registered is never "new", even
    /// when their journal entry is missing (who or which number is then
    /// `triage::UNKNOWN`). What is known already is kept.
    pub fn take_marks(&mut self, marks: &[(String, u8)]) -> Result<(), StoreError> {
        if marks.is_empty() {
            return Ok(());
        }
        let u = crate::core::triage::UNKNOWN;
        let now = super::now();
        self.write(|tx| {
            let mut find = tx.prepare_cached("SELECT id FROM messages WHERE key = ?1")?;
            for (key, m) in marks {
                let Some(id) = find.query_row([key], |r| r.get::<_, String>(0)).ok() else { continue };
                tx.execute("INSERT OR IGNORE INTO triage (id, updated_at) VALUES (?1, ?2)", (&id, now))?;
                // only what is not known yet is written: a refresh that
                // lists many marked messages writes nothing twice
                let sets = [
                    (1u8, "assignee = ?2, updated_at = ?3", "assignee"),
                    (2, "diarienummer = ?2, updated_at = ?3", "diarienummer"),
                    (4, "no_registration = ?2, updated_at = ?3", "no_registration"),
                    (8, "acknowledged_by = ?2, acknowledged_at = ?3", "acknowledged_at"),
                    (16, "threat_by = ?2, threat_at = ?3", "threat_at"),
                ];
                for (bit, set, field) in sets {
                    if m & bit != 0 {
                        let sql = format!("UPDATE triage SET {set} WHERE id = ?1 AND {field} IS NULL AND deleted_at IS NULL");
                        tx.prepare_cached(&sql)?.execute((&id, u, now))?;
                    }
                }
            }
            Ok(())
        })
    }

    /// Marks keys as present in (or gone from) the mailbox.
    pub fn set_present(&mut self, keys: &[String], present: bool) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE messages SET present = ?2, gone_at = CASE WHEN ?2 THEN NULL ELSE ?3 END WHERE key = ?1",
            )?;
            let now = super::now();
            for k in keys {
                stmt.execute((k, present, now))?;
            }
            if present && !keys.is_empty() {
                // back in the mailbox: perhaps inspected by older rules
                forget_all_inspected(tx)?;
            }
            Ok(())
        })
    }

    /// The messages present in the mailbox, oldest first.
    /// Every present message, one at a time, oldest first: what a list
    /// streams without holding them all (`f` may stop it with an error).
    pub fn each_present<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(StoredMessage) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!("{SELECT} WHERE m.present = 1 ORDER BY m.received, m.key");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| E::from(self.err(e)))?;
        let mut rows = stmt.query([]).map_err(|e| E::from(self.err(e)))?;
        while let Some(row) = rows.next().map_err(|e| E::from(self.err(e)))? {
            f(from_row(row).map_err(|e| E::from(self.err(e)))?)?;
        }
        Ok(())
    }

    pub fn present_messages(&self) -> Result<Vec<StoredMessage>, StoreError> {
        self.rows(&format!("{SELECT} WHERE m.present = 1 ORDER BY m.received, m.key"), [], from_row)
    }

    /// One message by id, present or not.
    pub fn message(&self, id: &str) -> Result<Option<StoredMessage>, StoreError> {
        Ok(self.rows(&format!("{SELECT} WHERE m.id = ?1"), [id], from_row)?.pop())
    }

    /// Whether every present message is known to be inspected by the
    /// current rules (remembered, so a start need not read every row).
    pub fn all_inspected(&self) -> Result<bool, StoreError> {
        let found: Option<String> =
            self.rows("SELECT value FROM sync_state WHERE name = 'inspected'", [], |r| r.get(0))?.pop();
        Ok(found == Some(INSPECT_VERSION.to_string()))
    }

    /// Remembers that every present message is inspected by the current
    /// rules, or forgets it (`false`: some may not be).
    pub fn set_all_inspected(&mut self, all: bool) -> Result<(), StoreError> {
        self.write(|tx| {
            forget_all_inspected(tx)?;
            if all {
                tx.execute(
                    "INSERT INTO sync_state (name, value) VALUES ('inspected', ?1)",
                    [INSPECT_VERSION.to_string()],
                )?;
            }
            Ok(())
        })
    }

    /// Present messages inspected by an older version of the rules.
    pub fn uninspected(&self) -> Result<Vec<String>, StoreError> {
        self.rows("SELECT key FROM messages WHERE present = 1 AND inspected < ?1", [INSPECT_VERSION], |r| {
            r.get(0)
        })
    }

    /// Stores a new inspection of a cached message.
    pub fn set_inspection(&mut self, key: &str, s: &Summary) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE messages SET warnings = ?2, subject = ?3, from_name = ?4, inspected = ?5, refs = ?6
                 WHERE key = ?1",
                (
                    key,
                    warnings_to_db(&s.warnings),
                    &s.subject,
                    &s.from_name,
                    INSPECT_VERSION,
                    s.refs.join(" "),
                ),
            )
            .map(drop)
        })
    }

    /// Stores the warning kinds found in a message's whole content (the
    /// list may have seen only its headers).
    pub fn set_warnings(&mut self, id: &str, warnings: &[WarningKind]) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE messages SET warnings = ?2 WHERE id = ?1", (id, warnings_to_db(warnings)))
                .map(drop)
        })
    }

    /// No message cached at all, present or gone (cheap).
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM messages)", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// How many messages are present in the mailbox.
    pub fn present_count(&self) -> Result<usize, StoreError> {
        // all rows (counted from the smallest index) less the absent ones
        // (a partial index): no table scan
        self.conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM messages) - (SELECT COUNT(*) FROM messages WHERE present = 0)",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }
}

impl Store {
    /// Every cached message with this Message-ID, present or gone, by id:
    /// duplicates are distinct messages, so a caller must choose.
    pub fn messages_by_mid(&self, message_id: &str) -> Result<Vec<StoredMessage>, StoreError> {
        let sql = format!("{SELECT} WHERE m.message_id = ?1 ORDER BY m.id");
        self.rows(&sql, [message_id], from_row)
    }

    /// The cached message under this key (the server's name for it).
    pub fn message_by_key(&self, key: &str) -> Result<Option<StoredMessage>, StoreError> {
        Ok(self.rows(&format!("{SELECT} WHERE m.key = ?1"), [key], from_row)?.pop())
    }
}
