//! The SQLite store (one file per account): schema and migrations, the
//! message cache with triage state, the append-only action log that is also
//! the pending-action queue, and the handläggare directory. WAL with
//! synchronous=FULL, a busy timeout, files readable by their owner only.

mod bulk;
mod coverage;
mod desk;
mod log;
mod messages;
mod outgoing;
mod records;
mod schema;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, TransactionBehavior};

pub use bulk::Bulk;
pub use coverage::Handover;
pub use log::{LogEntry, LogState, PendingAction, RemoteEntry};

pub use desk::RefMap;
pub use messages::{NewMessage, StoredMessage};
pub use outgoing::{NewOutgoing, Outgoing, SendState};

/// How long a write waits for another postrum holding the database.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database {path} is locked by another process (waited {secs} s)")]
    Locked { path: PathBuf, secs: f64 },
    #[error("database {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("cannot create {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the disk holding {path} is full: nothing more can be logged until space is freed")]
    DiskFull { path: PathBuf },
    #[error("the database {path} is read-only here: postrum can show what it holds but not log actions")]
    ReadOnly { path: PathBuf },
    #[error("the database {path} was written by a newer postrum (schema {found}, this one knows {known})")]
    TooNew { path: PathBuf, found: i64, known: i64 },
}

pub use crate::core::records::{AnswerState, Handlaggare};

pub struct Store {
    conn: Connection,
    path: PathBuf,
    busy: Duration,
    /// Opened read-only (the data directory cannot be written, or its disk
    /// is full): what it holds can be shown, every write is refused with
    /// this error.
    read_only: Option<ReadOnlyWhy>,
}

/// Why a store was opened read-only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadOnlyWhy {
    Permissions,
    DiskFull,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with_timeout(path, BUSY_TIMEOUT)
    }

    /// As `open`, waiting at most `busy` for another writer.
    pub fn open_with_timeout(path: &Path, busy: Duration) -> Result<Store, StoreError> {
        let store = Self::open_any(path, busy)?;
        // the statements a refresh and the journal use, kept prepared
        store.conn.set_prepared_statement_cache_capacity(64);
        Ok(store)
    }

    fn open_any(path: &Path, busy: Duration) -> Result<Store, StoreError> {
        match Self::open_writable(path, busy) {
            Err(StoreError::ReadOnly { .. }) if path.exists() => {
                Self::open_read_only(path, busy, ReadOnlyWhy::Permissions)
            }
            Err(StoreError::DiskFull { .. }) if path.exists() => {
                Self::open_read_only(path, busy, ReadOnlyWhy::DiskFull)
            }
            Err(StoreError::Io { .. } | StoreError::Sqlite { .. }) if path.exists() && is_read_only(path) => {
                Self::open_read_only(path, busy, ReadOnlyWhy::Permissions)
            }
            other => other,
        }
    }

    /// A database in a directory that cannot be written: opened read-only,
    /// as a snapshot when SQLite cannot keep its shared-memory file there.
    fn open_read_only(path: &Path, busy: Duration, why: ReadOnlyWhy) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let plain = Connection::open_with_flags(path, flags).and_then(|c| {
            c.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map(|_| c)
        });
        let conn = match plain {
            Ok(c) => c,
            Err(_) => {
                let uri = format!("file:{}?immutable=1", path.display());
                Connection::open_with_flags(uri, flags).map_err(|e| wrap_busy(path, e, busy))?
            }
        };
        let store = Store { conn, path: path.to_path_buf(), busy, read_only: Some(why) };
        let version: i64 =
            store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| store.err(e))?;
        if version != schema::known() {
            // it would need migrating, which cannot be done here
            return Err(store.refusal(why));
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Why this store was opened read-only, if it was.
    pub fn read_only_why(&self) -> Option<ReadOnlyWhy> {
        self.read_only
    }

    fn refusal(&self, why: ReadOnlyWhy) -> StoreError {
        match why {
            ReadOnlyWhy::Permissions => StoreError::ReadOnly { path: self.path.clone() },
            ReadOnlyWhy::DiskFull => StoreError::DiskFull { path: self.path.clone() },
        }
    }

    fn open_writable(path: &Path, busy: Duration) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
        }
        let conn = Connection::open(path).map_err(|e| wrap_busy(path, e, busy))?;
        restrict_permissions(path);
        let store = Store { conn, path: path.to_path_buf(), busy, read_only: None };
        store.conn.busy_timeout(busy).map_err(|e| store.err(e))?;
        store
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .map_err(|e| store.err(e))?;
        store.conn.pragma_update(None, "synchronous", "FULL").map_err(|e| store.err(e))?;
        store.conn.pragma_update(None, "foreign_keys", "ON").map_err(|e| store.err(e))?;
        schema::migrate(&store.conn, path).map_err(|e| match e {
            StoreError::Locked { path, .. } => StoreError::Locked { path, secs: busy.as_secs_f64() },
            other => other,
        })?;
        Ok(store)
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        wrap_busy(&self.path, e, self.busy)
    }

    /// Runs `f` in one transaction, committed when it returns Ok.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        if let Some(why) = self.read_only {
            return Err(self.refusal(why));
        }
        // the usual wait (a first sync's bulk insert waits longer)
        self.conn.busy_timeout(self.busy).map_err(|e| self.err(e))?;
        // IMMEDIATE: the write lock is taken (or waited for) at the start.
        // A deferred transaction that read first and then wants to write
        // fails at once with "busy" when another process wrote meanwhile —
        // the busy timeout is never used for it.
        let result = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).and_then(|tx| {
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        });
        result.map_err(|e| wrap_busy(&self.path, e, self.busy))
    }

    /// Every row of a query, mapped by `f`.
    fn rows<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let result = self.conn.prepare_cached(sql).and_then(|mut stmt| stmt.query_map(params, f)?.collect());
        result.map_err(|e| self.err(e))
    }

    /// Replaces the handläggare directory (it comes from the config).
    /// (Every start: written only when the config says something new.)
    pub fn set_handlaggare(&mut self, list: &[Handlaggare]) -> Result<(), StoreError> {
        let clean = |s: &str| crate::core::sanitize::line(s);
        let cleaned: Vec<Handlaggare> = list
            .iter()
            .map(|h| Handlaggare {
                id: clean(&h.id),
                name: clean(&h.name),
                email: clean(&h.email),
                unit: clean(&h.unit),
            })
            .collect();
        // what the table will hold: the last entry of an id, in its order
        let mut by_id: std::collections::HashMap<&str, &Handlaggare> = std::collections::HashMap::new();
        for h in &cleaned {
            by_id.insert(&h.id, h);
        }
        let mut wanted: Vec<Handlaggare> = by_id.into_values().cloned().collect();
        wanted.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        if self.handlaggare()? == wanted {
            return Ok(());
        }
        self.write(|tx| {
            tx.execute("DELETE FROM handlaggare", [])?;
            for h in &cleaned {
                tx.execute(
                    "INSERT OR REPLACE INTO handlaggare (id, name, email, unit) VALUES (?1, ?2, ?3, ?4)",
                    (&h.id, &h.name, &h.email, &h.unit),
                )?;
            }
            Ok(())
        })
    }

    pub fn handlaggare(&self) -> Result<Vec<Handlaggare>, StoreError> {
        self.rows("SELECT id, name, email, unit FROM handlaggare ORDER BY name, id", [], |r| {
            Ok(Handlaggare { id: r.get(0)?, name: r.get(1)?, email: r.get(2)?, unit: r.get(3)? })
        })
    }
}

pub(crate) fn wrap(path: &Path, e: rusqlite::Error) -> StoreError {
    wrap_busy(path, e, BUSY_TIMEOUT)
}

pub(crate) fn wrap_busy(path: &Path, e: rusqlite::Error, busy: Duration) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            StoreError::Locked { path: path.to_path_buf(), secs: busy.as_secs_f64() }
        }
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path: path.to_path_buf() },
        // SQLite says "I/O error" for a shared-memory file or a write that
        // found no room: a probe tells whether the disk is full
        Some(ErrorCode::SystemIoFailure) if disk_is_full(path) => {
            StoreError::DiskFull { path: path.to_path_buf() }
        }
        // a file SQLite cannot open is read-only here only if its directory
        // or itself cannot be written (it may be missing, or locked away)
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path: path.to_path_buf() },
        Some(ErrorCode::CannotOpen) if is_read_only(path) => {
            StoreError::ReadOnly { path: path.to_path_buf() }
        }
        _ => StoreError::Sqlite { path: path.to_path_buf(), source: e },
    }
}

/// Whether the disk holding `path` has no room for a small write.
fn disk_is_full(path: &Path) -> bool {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let probe = dir.join(format!(".postrum-space-{}", std::process::id()));
    let result = std::fs::File::create(&probe).and_then(|mut f| {
        f.write_all(&[0u8; 64 << 10])?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    matches!(result, Err(e) if e.kind() == std::io::ErrorKind::StorageFull)
}

/// The database or its directory cannot be written by this process.
fn is_read_only(path: &Path) -> bool {
    let dir = path.parent().unwrap_or(Path::new("."));
    let writable =
        |p: &Path| std::fs::metadata(p).map(|m| !m.permissions().readonly()).unwrap_or(false) && access_w(p);
    !writable(dir) || (path.exists() && !writable(path))
}

#[cfg(unix)]
fn access_w(p: &Path) -> bool {
    // a probe file tells for a directory; for a file, opening for writing
    if p.is_dir() {
        let probe = p.join(format!(".postrum-probe-{}", std::process::id()));
        let ok = std::fs::File::create(&probe).is_ok();
        let _ = std::fs::remove_file(&probe);
        ok
    } else {
        std::fs::OpenOptions::new().append(true).open(p).is_ok()
    }
}

#[cfg(not(unix))]
fn access_w(_p: &Path) -> bool {
    true
}

/// Tightens the database's files on every open (best effort: they hold
/// sender names and subjects): nothing for others; the group keeps its
/// access only when it was given write access on purpose
/// (`share_with_group`, mode 0660), so 0644 becomes 0600.
#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        let Ok(meta) = std::fs::metadata(&p) else { continue };
        let mode = meta.permissions().mode() & 0o777;
        let wanted = if mode & 0o020 != 0 { mode & 0o770 } else { mode & 0o700 };
        if wanted != mode {
            let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(wanted));
        }
    }
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}

/// Unix seconds now.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Lets a Unix group read and write the database (mode 0660), for a
/// shared host where several registrators use one postrum data directory.
#[cfg(unix)]
pub fn share_with_group(db: &Path, group: &str) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let io = |path: &Path, source| StoreError::Io { path: path.to_path_buf(), source };
    let groups = std::fs::read_to_string("/etc/group").map_err(|e| io(Path::new("/etc/group"), e))?;
    let gid = groups
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 3 && f[0] == group).then(|| f[2].parse::<u32>().ok()).flatten()
        })
        .next()
        .ok_or_else(|| {
            io(
                Path::new("/etc/group"),
                std::io::Error::new(std::io::ErrorKind::NotFound, format!("no group {group}")),
            )
        })?;
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", db.display()));
        if path.exists() {
            std::os::unix::fs::chown(&path, None, Some(gid)).map_err(|e| io(&path, e))?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o660))
                .map_err(|e| io(&path, e))?;
        }
    }
    Ok(())
}
