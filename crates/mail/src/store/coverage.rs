//! Coverage data in the store: the roster (bevakningsschema), the log of
//! sessions that watched the mailbox, absences with substitutes, and
//! handover notes. Dates are stored as `YYYY-MM-DD` text. Each change of
//! our own also puts a record for the server's journal in the outbox, in
//! the same transaction (`records.rs` flushes it and takes colleagues'
//! records in).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use rusqlite::OptionalExtension;

use super::{now, Store, StoreError};
use crate::core::absence::Absence;
use crate::core::clock;
use crate::core::coverage::RosterEntry;
use crate::core::shared_records::{self, Record, RecordEntry};

/// A handover note (överlämning).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handover {
    pub id: i64,
    pub at: i64,
    pub author: String,
    pub text: String,
}

/// Gives a new row of ours its reference and puts its record in the
/// outbox for the journal.
fn share(
    tx: &rusqlite::Transaction,
    table: &str,
    id: i64,
    origin: &str,
    actor: &str,
    record: Record,
) -> rusqlite::Result<()> {
    let reference = format!("{origin}-{table}-{id}");
    tx.execute(&format!("UPDATE {table} SET ref = ?2 WHERE id = ?1"), (id, &reference))?;
    outbox(tx, &reference, origin, actor, record)
}

/// Puts a record in the outbox for the journal.
pub(super) fn outbox(
    tx: &rusqlite::Transaction,
    reference: &str,
    origin: &str,
    actor: &str,
    record: Record,
) -> rusqlite::Result<()> {
    let entry = RecordEntry {
        reference: reference.to_string(),
        record,
        actor: actor.to_string(),
        at: now(),
        origin: origin.to_string(),
    };
    tx.execute("INSERT INTO journal_out (raw) VALUES (?1)", [shared_records::render(&entry)]).map(drop)
}

fn date_col(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Date> {
    let s: String = r.get(i)?;
    s.parse().map_err(|e: jiff::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Store {
    pub fn add_roster(&mut self, person: &str, from: Date, to: Date, by: &str) -> Result<i64, StoreError> {
        let origin = self.origin()?;
        let record = Record::RosterAdd { person: person.to_string(), from, to };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO roster (person, from_date, to_date, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
                (person, from.to_string(), to.to_string(), now(), by),
            )?;
            let id = tx.last_insert_rowid();
            share(tx, "roster", id, &origin, by, record)?;
            Ok(id)
        })
    }

    /// Removes a roster entry (for every postrum of the mailbox); false
    /// when there was none with that id.
    pub fn remove_roster(&mut self, id: i64, by: &str) -> Result<bool, StoreError> {
        self.remove_shared("roster", id, by)
    }

    /// Removes a row of `table` and tells colleagues by its reference.
    fn remove_shared(&mut self, table: &str, id: i64, by: &str) -> Result<bool, StoreError> {
        let origin = self.origin()?;
        self.write(|tx| {
            let reference: Option<Option<String>> = tx
                .query_row(&format!("SELECT ref FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
                .optional()?;
            let Some(reference) = reference else { return Ok(false) };
            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
            if let Some(of) = reference {
                let removal = format!("{table}-remove-{id}-{}", now());
                outbox(tx, &removal, &origin, by, Record::Remove { of })?;
            }
            Ok(true)
        })
    }

    pub fn roster(&self) -> Result<Vec<RosterEntry>, StoreError> {
        self.rows(
            "SELECT id, person, from_date, to_date, created_by, created_at FROM roster ORDER BY from_date, id",
            [],
            |r| {
                Ok(RosterEntry {
                    id: r.get(0)?,
                    person: r.get(1)?,
                    from: date_col(r, 2)?,
                    to: date_col(r, 3)?,
                    by: r.get(4)?,
                    at: r.get(5)?,
                })
            },
        )
    }

    /// Records that `actor` watched the mailbox now (`how`: tui, cli…);
    /// the first session of a day is shared with colleagues.
    pub fn record_watch(&mut self, actor: &str, how: &str) -> Result<(), StoreError> {
        let at = now();
        let day = clock::local_date(at);
        let date = day.to_string();
        let origin = self.origin()?;
        self.write(|tx| {
            let seen: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM watched WHERE date = ?1 AND actor = ?2)",
                (&date, actor),
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO watched (at, date, actor, how) VALUES (?1, ?2, ?3, ?4)",
                (at, &date, actor, how),
            )?;
            if !seen {
                let id = tx.last_insert_rowid();
                share(
                    tx,
                    "watched",
                    id,
                    &origin,
                    actor,
                    Record::Watched { date: day, how: how.to_string() },
                )?;
            }
            Ok(())
        })
    }

    /// Who watched on which date.
    pub fn watched(&self) -> Result<BTreeMap<Date, BTreeSet<String>>, StoreError> {
        let rows =
            self.rows("SELECT DISTINCT date, actor FROM watched", [], |r| Ok((date_col(r, 0)?, r.get(1)?)))?;
        let mut map: BTreeMap<Date, BTreeSet<String>> = BTreeMap::new();
        for (d, actor) in rows {
            map.entry(d).or_default().insert(actor);
        }
        Ok(map)
    }

    /// When `actor` last watched before the session now running (the
    /// second-newest record), to tell what is new to them.
    pub fn previous_watch(&self, actor: &str) -> Result<Option<i64>, StoreError> {
        let rows = self.rows(
            "SELECT at FROM watched WHERE actor = ?1 ORDER BY at DESC, id DESC LIMIT 2",
            [actor],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(rows.get(1).copied())
    }

    pub fn add_absence(
        &mut self,
        who: &str,
        from: Date,
        to: Date,
        substitute: Option<&str>,
        by: &str,
    ) -> Result<i64, StoreError> {
        let origin = self.origin()?;
        let record =
            Record::AbsenceAdd { who: who.to_string(), from, to, substitute: substitute.map(str::to_string) };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO absences (handlaggare, from_date, to_date, substitute, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (who, from.to_string(), to.to_string(), substitute, now(), by),
            )?;
            let id = tx.last_insert_rowid();
            share(tx, "absences", id, &origin, by, record)?;
            Ok(id)
        })
    }

    /// Removes an absence (for every postrum of the mailbox).
    pub fn remove_absence(&mut self, id: i64, by: &str) -> Result<bool, StoreError> {
        self.remove_shared("absences", id, by)
    }

    pub fn absences(&self) -> Result<Vec<Absence>, StoreError> {
        self.rows(
            "SELECT id, handlaggare, from_date, to_date, substitute, created_by, created_at FROM absences
             ORDER BY from_date, id",
            [],
            |r| {
                Ok(Absence {
                    id: r.get(0)?,
                    who: r.get(1)?,
                    from: date_col(r, 2)?,
                    to: date_col(r, 3)?,
                    substitute: r.get(4)?,
                    by: r.get(5)?,
                    at: r.get(6)?,
                })
            },
        )
    }

    pub fn add_handover(&mut self, author: &str, text: &str) -> Result<i64, StoreError> {
        let at = now();
        let origin = self.origin()?;
        self.write(|tx| {
            tx.execute("INSERT INTO handover (at, author, text) VALUES (?1, ?2, ?3)", (at, author, text))?;
            let id = tx.last_insert_rowid();
            share(tx, "handover", id, &origin, author, Record::Handover { text: text.to_string() })?;
            Ok(id)
        })
    }

    /// The newest handover notes, newest first (`limit` at most).
    pub fn handovers(&self, limit: usize) -> Result<Vec<Handover>, StoreError> {
        self.rows(
            "SELECT id, at, author, text FROM handover ORDER BY at DESC, id DESC LIMIT ?1",
            [limit as i64],
            |r| Ok(Handover { id: r.get(0)?, at: r.get(1)?, author: r.get(2)?, text: r.get(3)? }),
        )
    }

    /// The newest handover note.
    pub fn latest_handover(&self) -> Result<Option<Handover>, StoreError> {
        let mut rows = self.rows(
            "SELECT id, at, author, text FROM handover ORDER BY at DESC, id DESC LIMIT 1",
            [],
            |r| Ok(Handover { id: r.get(0)?, at: r.get(1)?, author: r.get(2)?, text: r.get(3)? }),
        )?;
        Ok(rows.pop())
    }
}

impl Store {
    /// GDPR retention: redacts the subject and sender (and Message-ID) of
    /// messages deleted, or gone from the mailbox, more than
    /// `retention_days` ago. The log keeps dates, diarienummer,
    /// handläggare and who acted. Returns how many were redacted.
    pub fn purge(&mut self, retention_days: u32) -> Result<usize, StoreError> {
        let cutoff = now() - i64::from(retention_days) * 86_400;
        self.write(|tx| {
            tx.execute(
                "UPDATE messages SET subject = '', from_name = '', from_addr = '', message_id = NULL
                 WHERE present = 0 AND subject || from_name || from_addr != ''
                 AND COALESCE((SELECT deleted_at FROM triage t WHERE t.id = messages.id), gone_at) < ?1",
                [cutoff],
            )
        })
    }
}

impl Store {
    /// The backend's last sync token.
    pub fn sync_token(&self) -> Result<Option<String>, StoreError> {
        Ok(self.rows("SELECT value FROM sync_state WHERE name = 'mailbox'", [], |r| r.get(0))?.pop())
    }

    pub fn set_sync_token(&mut self, token: Option<&str>) -> Result<(), StoreError> {
        self.write(|tx| match token {
            Some(t) => tx
                .execute(
                    "INSERT INTO sync_state (name, value) VALUES ('mailbox', ?1)
                     ON CONFLICT(name) DO UPDATE SET value = ?1",
                    [t],
                )
                .map(drop),
            None => tx.execute("DELETE FROM sync_state WHERE name = 'mailbox'", []).map(drop),
        })
    }
}

impl Store {
    /// This postrum's origin id (random, made once), marking the journal
    /// entries it writes.
    pub fn origin(&mut self) -> Result<String, StoreError> {
        if let Some(o) =
            self.rows("SELECT value FROM sync_state WHERE name = 'origin'", [], |r| r.get(0))?.pop()
        {
            return Ok(o);
        }
        let seed = format!("{}-{}-{:?}", now(), std::process::id(), std::time::SystemTime::now());
        let origin = crate::core::ids::base_id(None, &seed);
        // two processes starting at once: the first to write wins, and both
        // use what was written (a process using its own unwritten origin
        // took its own claims for a colleague's)
        self.write(|tx| {
            tx.execute("INSERT OR IGNORE INTO sync_state (name, value) VALUES ('origin', ?1)", [&origin])?;
            tx.query_row("SELECT value FROM sync_state WHERE name = 'origin'", [], |r| r.get(0))
        })
    }

    pub fn journal_token(&self) -> Result<Option<String>, StoreError> {
        Ok(self.rows("SELECT value FROM sync_state WHERE name = 'journal'", [], |r| r.get(0))?.pop())
    }

    pub fn set_journal_token(&mut self, token: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sync_state (name, value) VALUES ('journal', ?1) ON CONFLICT(name) DO UPDATE SET value = ?1",
                [token],
            )
            .map(drop)
        })
    }
}
