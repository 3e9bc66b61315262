//! Coverage records shared through the server's journal: the outbox of
//! records of ours still to be written there, and colleagues' records
//! taken in — once each, by reference; a removal removes what it names.

use super::{Store, StoreError};
use crate::core::shared_records::{Record, RecordEntry};

impl Store {
    /// Records waiting to be written to the journal, oldest first.
    pub fn journal_outbox(&self) -> Result<Vec<(i64, Vec<u8>)>, StoreError> {
        self.rows("SELECT seq, raw FROM journal_out ORDER BY seq", [], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    /// A journal entry to write later (the server did not take it now).
    pub fn queue_journal(&mut self, raw: &[u8]) -> Result<(), StoreError> {
        self.write(|tx| tx.execute("INSERT INTO journal_out (raw) VALUES (?1)", [raw]).map(drop))
    }

    /// A record is in the journal now.
    pub fn journal_sent(&mut self, seq: i64) -> Result<(), StoreError> {
        self.write(|tx| tx.execute("DELETE FROM journal_out WHERE seq = ?1", [seq]).map(drop))
    }

    /// Takes in a colleague's record, first seen at `seen`; false when it
    /// was taken in before (or removes nothing).
    pub fn take_record(&mut self, e: &RecordEntry, seen: i64) -> Result<bool, StoreError> {
        // never later than it was first seen: the writer chose the time
        let at = e.at.min(seen);
        self.write(|tx| {
            let n = match &e.record {
                Record::Handover { text } => tx.execute(
                    "INSERT OR IGNORE INTO handover (at, author, text, ref) VALUES (?1, ?2, ?3, ?4)",
                    (at, &e.actor, text, &e.reference),
                )?,
                Record::RosterAdd { person, from, to } => tx.execute(
                    "INSERT OR IGNORE INTO roster (person, from_date, to_date, created_at, created_by, ref)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    (person, from.to_string(), to.to_string(), at, &e.actor, &e.reference),
                )?,
                Record::AbsenceAdd { who, from, to, substitute } => tx.execute(
                    "INSERT OR IGNORE INTO absences (handlaggare, from_date, to_date, substitute, created_at,
                     created_by, ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    rusqlite::params![
                        who,
                        from.to_string(),
                        to.to_string(),
                        substitute,
                        at,
                        &e.actor,
                        &e.reference
                    ],
                )?,
                Record::Remove { of } => {
                    tx.execute("DELETE FROM roster WHERE ref = ?1", [of])?
                        + tx.execute("DELETE FROM absences WHERE ref = ?1", [of])?
                }
                Record::Watched { date, how } => tx.execute(
                    "INSERT OR IGNORE INTO watched (at, date, actor, how, ref) VALUES (?1, ?2, ?3, ?4, ?5)",
                    (seen, date.to_string(), &e.actor, how, &e.reference),
                )?,
            };
            Ok(n > 0)
        })
    }
}
