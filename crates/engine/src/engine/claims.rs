//! The first assignment of a message between colleagues. The claim keyword
//! is set by a conditional STORE; the journal then decides between claims
//! that passed at the same moment: the claim entry the server took first
//! (lowest UID) wins. A claim that stopped half-way — the keyword set, the
//! journal entry never written (a cut connection, a refused APPEND) — is
//! recognised and completed on the next attempt: by this postrum, which
//! noted locally that it sent the claim; by anyone, when no journal entry
//! claims the message a moment later. When the server refuses the journal,
//! the keyword alone carries the status and the user is told.

use std::time::Duration;

use super::{Engine, OpError};
use crate::core::journal::{self, JournalEntry};
use crate::core::triage::Action;
use crate::mail::{Claim, MailError};

/// How long a colleague's claim may sit between its keyword and its
/// journal entry before the keyword counts as abandoned.
const IN_FLIGHT: Duration = Duration::from_millis(1500);

/// Who holds a message after a first assignment.
pub(super) enum Claimed {
    /// This postrum (when the server refused the journal entry, the keyword
    /// alone says it is taken, and `journal_refused` says why).
    Ours,
    /// A colleague (their handläggare, when the journal says).
    Theirs(Option<String>),
}

impl Engine {
    /// Claims a message for the first assignment logged as `seq`.
    pub(super) fn claim_first(
        &mut self,
        seq: i64,
        id: &str,
        key: &str,
        action: &Action,
    ) -> Result<Claimed, OpError> {
        if self.backend.shared().is_none() {
            // nobody else works this mailbox (a Maildir): nothing to claim
            return Ok(Claimed::Ours);
        }
        let Some(mid) = self.store.message(id)?.and_then(|m| m.summary.message_id) else {
            // no Message-ID: the journal cannot name it; the keyword decides
            return Ok(match self.claim_on_server(key)? {
                Claim::Won => Claimed::Ours,
                Claim::Taken => Claimed::Theirs(None),
            });
        };
        let sent_before = self.store.claim_marker(id)?.is_some();
        self.store.set_claim_marker(id, seq)?;
        match self.claim_on_server(key)? {
            Claim::Won => self.settle_claim(id, &mid, action, true),
            Claim::Taken => match self.claims_in_journal(id, &mid) {
                Ok(claims) if !claims.is_empty() => self.winner_of(&claims),
                Ok(_) => {
                    if !sent_before {
                        // perhaps a colleague between keyword and journal:
                        // look again for a moment
                        let start = std::time::Instant::now();
                        while start.elapsed() < IN_FLIGHT {
                            std::thread::sleep(Duration::from_millis(100));
                            let claims = self.claims_in_journal(id, &mid)?;
                            if !claims.is_empty() {
                                return self.winner_of(&claims);
                            }
                        }
                    }
                    // nobody's journal claims it: a claim of ours that stopped
                    // half-way, or one a colleague never finished
                    self.settle_claim(id, &mid, action, sent_before)
                }
                Err(e @ MailError::Offline(_)) => Err(e.into()),
                // the journal cannot be read: only our own note tells
                Err(_) if sent_before => Ok(Claimed::Ours),
                Err(_) => Ok(Claimed::Theirs(None)),
            },
        }
    }

    /// The server's claim (only where the mailbox is shared).
    fn claim_on_server(&mut self, key: &str) -> Result<Claim, MailError> {
        match self.backend.shared() {
            Some(shared) => shared.claim(key),
            None => Ok(Claim::Won),
        }
    }

    /// Writes our claim entry and lets the journal decide. `keyword_ours`:
    /// the keyword is ours whatever the journal says (we set it), so a
    /// refused journal still leaves the message ours.
    fn settle_claim(
        &mut self,
        id: &str,
        mid: &str,
        action: &Action,
        keyword_ours: bool,
    ) -> Result<Claimed, OpError> {
        match self.write_claim(id, action) {
            Ok(_) => {}
            Err(OpError::Mail(MailError::Refused(why))) => {
                self.journal_refused = Some(why);
                return Ok(if keyword_ours { Claimed::Ours } else { Claimed::Theirs(None) });
            }
            Err(e) => return Err(e),
        }
        match self.claims_in_journal(id, mid) {
            Ok(claims) => self.winner_of(&claims),
            Err(e @ MailError::Offline(_)) => Err(e.into()),
            // the journal cannot be searched for this Message-ID: as with a
            // refused journal, the keyword decides
            Err(_) => Ok(if keyword_ours { Claimed::Ours } else { Claimed::Theirs(None) }),
        }
    }

    /// The claim entries for exactly this message (by its key, not only
    /// its Message-ID: a duplicate's claims are not this one's), in the
    /// server's order.
    fn claims_in_journal(&mut self, id: &str, mid: &str) -> Result<Vec<JournalEntry>, MailError> {
        let Some(shared) = self.backend.shared() else { return Ok(Vec::new()) };
        let raws = shared.journal_find(mid)?;
        let msg = self.store.message(id).ok().flatten();
        Ok(raws
            .iter()
            .filter_map(|(_, raw)| journal::parse(raw))
            .filter(|e| e.claim && e.message_id == mid && matches!(e.action, Action::Assign { .. }))
            .filter(|e| msg.as_ref().is_some_and(|m| self.names(e, m).unwrap_or(false)))
            .collect())
    }

    /// The first claim wins.
    fn winner_of(&mut self, claims: &[JournalEntry]) -> Result<Claimed, OpError> {
        let origin = self.store.origin()?;
        Ok(match claims.first() {
            Some(e) if e.origin != origin => Claimed::Theirs(match &e.action {
                Action::Assign { who } => Some(who.clone()),
                _ => None,
            }),
            _ => Claimed::Ours,
        })
    }
}
