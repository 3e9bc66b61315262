//! Schema migrations, run in order by `PRAGMA user_version`. A migration is
//! appended here and never edited once released.

use std::path::Path;

use rusqlite::Connection;

use super::{wrap, StoreError};

const MIGRATIONS: &[&str] = &[
    // 1: message cache, triage state, action log (also the pending queue),
    //    handläggare directory.
    "CREATE TABLE messages (
        id          TEXT PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        base_id     TEXT NOT NULL,
        message_id  TEXT,
        from_name   TEXT NOT NULL,
        from_addr   TEXT NOT NULL,
        subject     TEXT NOT NULL,
        date        INTEGER,
        received    INTEGER NOT NULL,
        size        INTEGER NOT NULL,
        problem     TEXT,
        present     INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX messages_base ON messages(base_id);
    CREATE TABLE triage (
        id              TEXT PRIMARY KEY,
        assignee        TEXT,
        diarienummer    TEXT,
        no_registration TEXT,
        deleted_at      INTEGER,
        updated_at      INTEGER NOT NULL
    );
    CREATE TABLE actions (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        at          INTEGER NOT NULL,
        actor       TEXT NOT NULL,
        kind        TEXT NOT NULL,
        message     TEXT NOT NULL,
        message_key TEXT NOT NULL,
        details     TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'failed')),
        applied_at  INTEGER,
        error       TEXT
    );
    CREATE INDEX actions_pending ON actions(state) WHERE state = 'pending';
    CREATE TABLE handlaggare (
        id    TEXT PRIMARY KEY,
        name  TEXT NOT NULL,
        email TEXT NOT NULL,
        unit  TEXT NOT NULL
    );",
    // 2: answered flag, acknowledgements, coverage roster, watched sessions,
    //    absences with substitutes, handover notes.
    "ALTER TABLE messages ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE triage ADD COLUMN acknowledged_at INTEGER;
    ALTER TABLE triage ADD COLUMN acknowledged_by TEXT;
    CREATE TABLE roster (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        person     TEXT NOT NULL,
        from_date  TEXT NOT NULL,
        to_date    TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
    );
    CREATE TABLE watched (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        at     INTEGER NOT NULL,
        date   TEXT NOT NULL,
        actor  TEXT NOT NULL,
        how    TEXT NOT NULL
    );
    CREATE INDEX watched_date ON watched(date);
    CREATE TABLE absences (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        handlaggare TEXT NOT NULL,
        from_date   TEXT NOT NULL,
        to_date     TEXT NOT NULL,
        substitute  TEXT,
        created_at  INTEGER NOT NULL,
        created_by  TEXT NOT NULL
    );
    CREATE TABLE handover (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        at     INTEGER NOT NULL,
        author TEXT NOT NULL,
        text   TEXT NOT NULL
    );",
    // 3: inspection warnings (kinds) per message and the inspection version
    //    that found them; when a message left the mailbox (for GDPR
    //    retention); threat marks.
    "ALTER TABLE messages ADD COLUMN warnings TEXT NOT NULL DEFAULT '';
    ALTER TABLE messages ADD COLUMN inspected INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN gone_at INTEGER;
    ALTER TABLE triage ADD COLUMN threat_at INTEGER;
    ALTER TABLE triage ADD COLUMN threat_by TEXT;",
    // 4: the backend's sync token (IMAP: UIDVALIDITY, HIGHESTMODSEQ…), so a
    //    start with nothing new on the server reads nothing more.
    "CREATE TABLE sync_state (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );",
    // 5: the messages sharing a base id are found by a range of the id
    //    (base, base-2, base-3…), so the base_id index only cost time on
    //    every insert.
    "DROP INDEX messages_base;",
    // 6: the messages no longer in the mailbox, few beside the present
    //    ones: found without reading every row (GDPR redaction at start,
    //    counts), and free for the present ones to insert.
    "CREATE INDEX messages_absent ON messages(gone_at) WHERE present = 0;",
    // 7: a colleague's entry is recorded once, by the journal message it
    //    came from ("UIDVALIDITY.UID"), however many postrum processes read
    //    it; a note when the server contradicts it or its time is far off.
    //    Claims this postrum sent and has not seen through (the keyword may
    //    be set by us though the action did not finish).
    "ALTER TABLE actions ADD COLUMN remote TEXT;
    ALTER TABLE actions ADD COLUMN note TEXT;
    CREATE UNIQUE INDEX actions_remote ON actions(remote) WHERE remote IS NOT NULL;
    CREATE TABLE claims (
        message TEXT PRIMARY KEY,
        seq     INTEGER NOT NULL,
        at      INTEGER NOT NULL
    );",
    // 8: coverage travels through the server's journal: each roster entry,
    //    absence, handover note and watched day has a reference of its own
    //    (kept once however often it is read); what is still to be written
    //    to the journal waits in an outbox (offline, a refused APPEND).
    "ALTER TABLE roster ADD COLUMN ref TEXT;
    ALTER TABLE absences ADD COLUMN ref TEXT;
    ALTER TABLE handover ADD COLUMN ref TEXT;
    ALTER TABLE watched ADD COLUMN ref TEXT;
    CREATE UNIQUE INDEX roster_ref ON roster(ref) WHERE ref IS NOT NULL;
    CREATE UNIQUE INDEX absences_ref ON absences(ref) WHERE ref IS NOT NULL;
    CREATE UNIQUE INDEX handover_ref ON handover(ref) WHERE ref IS NOT NULL;
    CREATE UNIQUE INDEX watched_ref ON watched(ref) WHERE ref IS NOT NULL;
    CREATE TABLE journal_out (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        raw BLOB NOT NULL
    );",
    // 9: mail postrum sends (forward, kvittens, reply, diary copy), logged
    //    before it goes: its own Message-ID, what it is to say (`spec`),
    //    the message as built on its first try (the same bytes on every
    //    later one; kept until it is sent and copied to Sent), and where
    //    it stands. A
    //    forward waits for the assignment it belongs to (`after_seq`).
    "CREATE TABLE outgoing (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        at         INTEGER NOT NULL,
        actor      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        message    TEXT NOT NULL,
        after_seq  INTEGER,
        recipient  TEXT NOT NULL,
        message_id TEXT NOT NULL UNIQUE,
        spec       TEXT NOT NULL,
        raw        BLOB,
        state      TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        error      TEXT,
        sent_at    INTEGER,
        copied     INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX outgoing_message ON outgoing(message);
    CREATE INDEX outgoing_open ON outgoing(state) WHERE state IN ('queued', 'sending');",
    // 10: what is recorded beyond the status, as JSON: the answer state set
    //     by hand, a threat's manager and police report, the export.
    //     Also the Message-IDs a message answers (follow-ups), space-separated.
    "ALTER TABLE triage ADD COLUMN records TEXT;
    ALTER TABLE messages ADD COLUMN refs TEXT NOT NULL DEFAULT '';",
    // 11: the list's order as an index, so a list streamed from the store
    //     needs no sort of every row first.
    "CREATE INDEX messages_order ON messages(received, key) WHERE present = 1;",
    // 12: a journal entry of an older postrum, or for a message of another
    //     UIDVALIDITY, names its message by Message-ID: looked up without
    //     reading every message (a substitute joining reads thousands).
    "CREATE INDEX messages_mid ON messages(message_id) WHERE message_id IS NOT NULL;",
];

/// The schema version this postrum writes.
pub fn known() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| wrap(path, e))?;
    if found > known {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found, known });
    }
    if found == known {
        return Ok(());
    }
    // every step still to take, in one transaction: all or nothing. The
    // version is read again under the write lock: another postrum starting
    // at the same moment may have migrated meanwhile.
    conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| wrap(path, e))?;
    let result = (|| {
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found >= known {
            return Ok(());
        }
        let steps: Vec<&str> = MIGRATIONS.iter().skip(found as usize).copied().collect();
        conn.execute_batch(&format!("{}; PRAGMA user_version = {known};", steps.join(";\n")))
    })()
    .and_then(|()| conn.execute_batch("COMMIT"));
    if let Err(e) = result {
        let _ = conn.execute_batch("ROLLBACK");
        return Err(wrap(path, e));
    }
    Ok(())
}
