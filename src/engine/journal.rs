//! The journal through the engine: every applied action is written to the
//! server's journal (best effort: the keywords already carry the status),
//! and colleagues' entries are read on every refresh and recorded in the
//! local log and state under their names.

use super::{Engine, OpError};
use crate::core::clock;
use crate::core::journal::{self, JournalEntry};
use crate::core::triage::{self, Action};

impl Engine {
    /// Writes an applied action to the journal (messages without a
    /// Message-ID cannot be named there and are left out).
    pub(super) fn push_journal(&mut self, id: &str, action: &Action) {
        let _ = self.write_journal(id, action, false);
    }

    fn write_journal(&mut self, id: &str, action: &Action, claim: bool) -> Result<bool, OpError> {
        let Some(msg) = self.store.message(id)? else { return Ok(false) };
        let Some(message_id) = msg.summary.message_id else { return Ok(false) };
        let origin = self.store.origin()?;
        let entry = JournalEntry {
            message_id,
            action: action.clone(),
            actor: self.settings.actor.clone(),
            at: clock::now(),
            origin,
            claim,
        };
        self.backend.journal_append(&journal::render(&entry))?;
        Ok(true)
    }

    /// Decides a first assignment between colleagues claiming at once: a
    /// claim entry is appended to the journal and the earliest claim since
    /// this postrum last read the journal wins (the server orders the
    /// appends). Returns the winner's handläggare, or None when we won.
    pub(super) fn arbitrate(&mut self, id: &str, action: &Action) -> Result<Option<String>, OpError> {
        let since = self.store.journal_token()?;
        if !self.write_journal(id, action, true)? {
            return Ok(None); // no Message-ID: nothing to decide with
        }
        let Some(mid) = self.store.message(id)?.and_then(|m| m.summary.message_id) else { return Ok(None) };
        let origin = self.store.origin()?;
        let (raws, _) = self.backend.journal_since(since.as_deref())?;
        for raw in raws {
            let Some(e) = journal::parse(&raw) else { continue };
            if e.claim && e.message_id == mid && matches!(e.action, Action::Assign { .. }) {
                return Ok(if e.origin == origin {
                    None
                } else {
                    match e.action {
                        Action::Assign { who } => Some(who),
                        _ => None,
                    }
                });
            }
        }
        Ok(None)
    }

    /// Reads what colleagues did since the last read.
    pub(super) fn pull_journal(&mut self) -> Result<(), OpError> {
        let since = self.store.journal_token()?;
        let (raws, token) = match self.backend.journal_since(since.as_deref()) {
            Ok(r) => r,
            // the journal is a help, not a condition: the mailbox still works
            Err(_) => return Ok(()),
        };
        let origin = self.store.origin()?;
        for raw in raws {
            let Some(e) = journal::parse(&raw) else { continue };
            if e.origin == origin || e.claim {
                continue;
            }
            let Some(msg) = self.store.message_by_mid(&e.message_id)? else { continue };
            if msg.triage.deleted_at.is_some() {
                continue;
            }
            let state = triage::apply(&msg.triage, &e.action, e.at, &e.actor);
            self.store.record_remote(&msg.id, &msg.key, &e.action, &e.actor, e.at, &state)?;
        }
        if let Some(t) = token {
            self.store.set_journal_token(&t)?;
        }
        Ok(())
    }
}
