//! What the layers above read through the engine: the cache, the log, the
//! directory, coverage data. No layer above the engine reaches into the
//! store itself.

use super::{Engine, OpError};
use crate::core::absence::Absence;
use crate::core::coverage::RosterEntry;
use crate::core::records::Handlaggare;
use crate::store::{Handover, LogEntry, StoredMessage};

impl Engine {
    /// One cached message by id, present or not.
    pub fn message(&self, id: &str) -> Result<Option<StoredMessage>, OpError> {
        Ok(self.store.message(id)?)
    }

    /// How many messages are in the mailbox (cheap).
    pub fn present_count(&self) -> Result<usize, OpError> {
        Ok(self.store.present_count()?)
    }

    /// The action log, newest first.
    pub fn log(&self, limit: usize) -> Result<Vec<LogEntry>, OpError> {
        Ok(self.store.log(limit)?)
    }

    /// GDPR: forgets the subject and sender of messages gone longer than
    /// the retention; returns how many.
    pub fn purge_log(&mut self) -> Result<usize, OpError> {
        let days = self.settings.retention_days;
        Ok(self.store.purge(days)?)
    }

    pub fn handlaggare(&self) -> Result<Vec<Handlaggare>, OpError> {
        Ok(self.store.handlaggare()?)
    }

    pub fn absences(&self) -> Result<Vec<Absence>, OpError> {
        Ok(self.store.absences()?)
    }

    pub fn roster(&self) -> Result<Vec<RosterEntry>, OpError> {
        Ok(self.store.roster()?)
    }

    /// The newest handover notes, newest first.
    pub fn handovers(&self, limit: usize) -> Result<Vec<Handover>, OpError> {
        Ok(self.store.handovers(limit)?)
    }

    /// The newest handover note.
    pub fn latest_handover(&self) -> Result<Option<Handover>, OpError> {
        Ok(self.store.latest_handover()?)
    }

    /// When `actor` last watched before this session.
    pub fn previous_watch(&self, actor: &str) -> Result<Option<i64>, OpError> {
        Ok(self.store.previous_watch(actor)?)
    }

    /// The data directory cannot be written (or its disk is full).
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// A setting remembered between sessions, if any.
    pub fn remembered(&self, name: &str) -> Option<String> {
        self.store.remembered(name).ok().flatten()
    }

    /// Remembers a setting (quietly: a read-only store keeps nothing).
    pub fn remember(&mut self, name: &str, value: &str) {
        if !self.store.is_read_only() {
            let _ = self.store.remember(name, value);
        }
    }
}
