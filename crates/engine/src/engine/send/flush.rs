//! Sending what the outgoing log holds, at most once: built when it goes,
//! from the message's state at that moment (a threat or a person number
//! learned since it was queued keeps the content home), then copied to
//! Sent. A send whose outcome is unknown — the server took the data and
//! its answer never came, or postrum stopped while sending — is never
//! repeated by itself: it is found in Sent or left "uncertain" for a person
//! to send again or mark as sent. A forward waits for its assignment and
//! is cancelled when that did not hold. A kvittens or a reply that has
//! gone stops the answer clock. Only `sync`, `outbox --send`, the TUI's
//! refresh and the command that queued a mail send: reading commands never.

use super::{NotSent, Sending, Spec};
use crate::core::outgoing::Kind;
use crate::core::triage::Action;
use crate::engine::{Engine, OpError};
use crate::mail::smtp::{SendError, Submitter};
use crate::mail::MailError;
use crate::store::{Outgoing, SendState};

/// Why a mail about a message that left the mailbox is not sent.
const GONE: &str = "the message is no longer in the mailbox";

impl Engine {
    pub(in crate::engine) fn submitter(&mut self) -> Option<&mut Submitter> {
        if self.submitter.is_none() {
            let account = self.settings.out.smtp.clone()?;
            self.submitter = Submitter::new(account, self.backend.secret()).ok();
        }
        self.submitter.as_mut()
    }

    /// Sends (or copies to Sent) every outgoing mail that is due; returns
    /// how many went. A submission server that cannot be reached or does
    /// not answer ends the round: the rest waits for the next, so a hung
    /// server holds a round up for one timeout, not one per mail.
    pub fn flush_outgoing(&mut self) -> Result<usize, OpError> {
        let mut sent = 0;
        for o in self.store.outgoing_due()? {
            let (done, server_away) = self.flush_step(o.seq)?;
            if matches!(done, Some(Sending::Sent { .. })) {
                sent += 1;
            }
            if server_away {
                break;
            }
        }
        Ok(sent)
    }

    /// Sends what waits to be sent, when sending is set up (not from a
    /// reading command: only `sync`, `outbox --send` and the TUI's refresh).
    pub fn send_waiting(&mut self) -> Result<usize, OpError> {
        if self.settings.out.smtp.is_none() {
            return Ok(0);
        }
        self.flush_outgoing()
    }

    /// Whether a mail waits that a refresh may send now (queued, or sent
    /// and not yet copied to Sent); an uncertain one waits for a person.
    pub fn sendable(&self) -> bool {
        self.settings.out.smtp.is_some()
            && self.store.outgoing_due().is_ok_and(|v| v.iter().any(|o| o.state != SendState::Sending))
    }

    /// Outgoing mail still to go or to confirm.
    pub fn outgoing_waiting(&self) -> usize {
        self.store.outgoing_due().map(|v| v.iter().filter(|o| o.state.is_open()).count()).unwrap_or(0)
    }

    /// An uncertain mail (`Sending::Uncertain`) sent again, by a person's
    /// choice; None when `seq` is no uncertain mail.
    pub fn send_again(&mut self, seq: i64) -> Result<Option<Sending>, OpError> {
        match self.store.outgoing_one(seq)? {
            Some(o) if o.state == SendState::Sending => {
                self.store.mark_send_waiting(seq, "sent again by hand", false)?;
                self.flush_one(seq)
            }
            _ => Ok(None),
        }
    }

    /// An uncertain mail recorded as sent, by a person's choice (the
    /// recipient has it); false when `seq` is no uncertain mail.
    pub fn mark_outgoing_sent(&mut self, seq: i64) -> Result<bool, OpError> {
        let Some(o) = self.store.outgoing_one(seq)?.filter(|o| o.state == SendState::Sending) else {
            return Ok(false);
        };
        self.store.mark_sent(seq)?;
        self.copy_to_sent(&o)?;
        self.after_sent(&o)?;
        Ok(true)
    }

    /// Takes one outgoing mail as far as it can go now; None when it is
    /// not due (waiting for its assignment, or done).
    pub(super) fn flush_one(&mut self, seq: i64) -> Result<Option<Sending>, OpError> {
        Ok(self.flush_step(seq)?.0)
    }

    /// `flush_one`, and whether the submission server could not be
    /// reached or did not answer (the round ends).
    fn flush_step(&mut self, seq: i64) -> Result<(Option<Sending>, bool), OpError> {
        // due: still to send (or to confirm), or sent and not yet in Sent
        let Some(o) = self
            .store
            .outgoing_one(seq)?
            .filter(|o| o.state.is_open() || (o.state == SendState::Sent && !o.copied))
        else {
            return Ok((None, false));
        };
        let (kind, to) = (o.kind, o.recipient.clone());
        if o.state == SendState::Sent {
            self.copy_to_sent(&o)?;
            return Ok((None, false));
        }
        if let Some(after) = o.after_seq {
            match self.store.action_state(after)?.as_deref() {
                Some("applied") | None => {}
                Some("failed") => {
                    self.store.mark_send_ended(seq, SendState::Cancelled, "the assignment did not hold")?;
                    return Ok((None, false));
                }
                _ => {
                    let why = "waiting for the assignment".to_string();
                    return Ok((Some(Sending::Queued { kind, to, why }), false));
                }
            }
        }
        // a try that may have gone: found in Sent (a colleague's or the
        // server's copy), or left to a person — never sent again by itself
        if o.state == SendState::Sending {
            let found = self.backend.on_server().map(|s| s.sent_contains(&o.message_id));
            if let Some(Ok(true)) = found {
                self.store.mark_sent(seq)?;
                self.store.mark_copied(seq)?;
                self.after_sent(&o)?;
                return Ok((Some(Sending::Sent { kind, to, withheld: false }), false));
            }
            return Ok((Some(Sending::Uncertain { kind, to, seq }), false));
        }
        let (raw, withheld) = match self.built(&o) {
            Ok(built) => built,
            // the message went (a colleague deleted it): nothing to send
            Err(why) if why == GONE => {
                self.store.mark_send_ended(seq, SendState::Cancelled, &why)?;
                return Ok((None, false));
            }
            Err(why) => {
                self.store.mark_send_waiting(seq, &why, false)?;
                return Ok((Some(Sending::Queued { kind, to, why }), false));
            }
        };
        let from = serde_json::from_str::<Spec>(&self.store.outgoing_spec(seq)?.unwrap_or_default())
            .map(|s| s.from_addr)
            .unwrap_or_default();
        if self.submitter().is_none() {
            let why = NotSent::NoSmtp.to_string();
            self.store.mark_send_waiting(seq, &why, false)?;
            return Ok((Some(Sending::Queued { kind, to, why }), false));
        }
        // under way: cut off from here on, nobody knows whether it went
        self.store.mark_sending(seq)?;
        let result = match self.submitter() {
            Some(s) => s.send(&from, std::slice::from_ref(&to), &raw),
            None => Err(SendError::Later(NotSent::NoSmtp.to_string())),
        };
        Ok(match result {
            Ok(()) => {
                self.store.mark_sent(seq)?;
                self.copy_to_sent(&o)?;
                self.after_sent(&o)?;
                (Some(Sending::Sent { kind, to, withheld }), false)
            }
            Err(SendError::Refused(why)) => {
                self.store.mark_send_ended(seq, SendState::Failed, &why)?;
                (Some(Sending::Failed { kind, to, why }), false)
            }
            Err(e @ SendError::Uncertain(_)) => {
                self.store.mark_send_waiting(seq, &e.to_string(), true)?;
                (Some(Sending::Uncertain { kind, to, seq }), true)
            }
            Err(e) => {
                self.store.mark_send_waiting(seq, &e.to_string(), false)?;
                let away = matches!(e, SendError::Later(_));
                (Some(Sending::Queued { kind, to, why: e.to_string() }), away)
            }
        })
    }

    /// The message built now, from the message's state now (reading the
    /// original when it goes along), and kept for the copy to Sent; and
    /// whether a forward goes without its content (sensitive: a person
    /// number, or marked as a threat — perhaps since it was queued).
    fn built(&mut self, o: &Outgoing) -> Result<(Vec<u8>, bool), String> {
        let mut spec: Spec = serde_json::from_str(
            &self.store.outgoing_spec(o.seq).map_err(|e| e.to_string())?.unwrap_or_default(),
        )
        .map_err(|e| format!("the logged mail cannot be read: {e}"))?;
        let known = self.store.message(&o.message).map_err(|e| e.to_string())?;
        let sensitive_now = known.as_ref().is_some_and(|m| {
            m.triage.threat_at.is_some()
                || m.summary.warnings.contains(&crate::core::inspect::WarningKind::Personnummer)
        });
        if let (true, Some((subject, text))) = (sensitive_now, spec.if_sensitive.clone()) {
            (spec.subject, spec.text, spec.attach_original) = (subject, text, false);
        }
        let original = if spec.attach_original {
            Some(self.original(&o.message).map_err(|e| match e {
                OpError::Mail(MailError::Offline(why)) => format!("offline: {why}"),
                OpError::Mail(MailError::NotFound(_)) | OpError::NoSuchMessage(_) => GONE.to_string(),
                other => other.to_string(),
            })?)
        } else {
            None
        };
        let mut original = original;
        if let (Some(raw), Some((subject, text))) = (&original, spec.if_sensitive.clone()) {
            let view = crate::core::message::view(raw, &self.settings.inspect, false);
            if view.warnings.iter().any(|w| w.kind == crate::core::inspect::WarningKind::Personnummer) {
                (spec.subject, spec.text, spec.attach_original) = (subject, text, false);
                original = None;
            }
        }
        let raw = spec.build(&o.message_id, original).map_err(|e| e.to_string())?;
        self.store.set_outgoing_raw(o.seq, &raw).map_err(|e| e.to_string())?;
        Ok((raw, spec.kind == Kind::Forward && !spec.attach_original))
    }

    /// The copy in Sent; a failure is tried again at the next flush.
    fn copy_to_sent(&mut self, o: &Outgoing) -> Result<(), OpError> {
        let Some(raw) = self.store.outgoing_raw(o.seq)? else {
            self.store.mark_copied(o.seq)?;
            return Ok(());
        };
        let Some(server) = self.backend.on_server() else {
            // a local mailbox has no Sent folder
            self.store.mark_copied(o.seq)?;
            return Ok(());
        };
        match server.sent_copy(&raw) {
            Ok(_) => self.store.mark_copied(o.seq)?,
            Err(e) => {
                let _ = e; // stays due; the next flush tries again
            }
        }
        Ok(())
    }

    /// A kvittens or a reply has gone: the sender has been told.
    fn after_sent(&mut self, o: &Outgoing) -> Result<(), OpError> {
        if matches!(o.kind, Kind::Kvittens | Kind::Reply) {
            let acknowledged =
                self.store.message(&o.message)?.is_some_and(|m| m.triage.acknowledged_at.is_some());
            if !acknowledged {
                match self.perform(&o.message, Action::Acknowledge) {
                    Ok(_) | Err(OpError::Rule(_)) | Err(OpError::NoSuchMessage(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    }
}
