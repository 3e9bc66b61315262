//! Sending what the outgoing log holds: built on the first try (the
//! original read then), sent once — a try that may have gone is looked
//! for in Sent before it is made again — then copied to Sent. A forward
//! waits for its assignment and is cancelled when that did not hold. A
//! kvittens or a reply that has gone stops the answer clock.

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
    /// how many went.
    pub fn flush_outgoing(&mut self) -> Result<usize, OpError> {
        let mut sent = 0;
        for o in self.store.outgoing_due()? {
            if matches!(self.flush_one(o.seq)?, Some(Sending::Sent { .. })) {
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// Outgoing mail still to go or to confirm.
    pub fn outgoing_waiting(&self) -> usize {
        self.store.outgoing_due().map(|v| v.iter().filter(|o| o.state.is_open()).count()).unwrap_or(0)
    }

    /// Takes one outgoing mail as far as it can go now; None when it is
    /// not due (waiting for its assignment, or done).
    pub(super) fn flush_one(&mut self, seq: i64) -> Result<Option<Sending>, OpError> {
        // due: still to send (or to confirm), or sent and not yet in Sent
        let Some(o) = self
            .store
            .outgoing_one(seq)?
            .filter(|o| o.state.is_open() || (o.state == SendState::Sent && !o.copied))
        else {
            return Ok(None);
        };
        let (kind, to) = (o.kind, o.recipient.clone());
        if o.state == SendState::Sent {
            self.copy_to_sent(&o)?;
            return Ok(None);
        }
        if let Some(after) = o.after_seq {
            match self.store.action_state(after)?.as_deref() {
                Some("applied") | None => {}
                Some("failed") => {
                    self.store.mark_send_ended(seq, SendState::Cancelled, "the assignment did not hold")?;
                    return Ok(None);
                }
                _ => return Ok(Some(Sending::Queued { kind, to, why: "waiting for the assignment".into() })),
            }
        }
        // a try that may have gone: the server's Sent says whether it did
        if o.state == SendState::Sending {
            if let Ok(true) = self.backend.sent_contains(&o.message_id) {
                self.store.mark_sent(seq)?;
                self.store.mark_copied(seq)?;
                self.after_sent(&o)?;
                return Ok(Some(Sending::Sent { kind, to, withheld: false }));
            }
        }
        let (raw, withheld) = match self.built(&o) {
            Ok(built) => built,
            // the message went (a colleague deleted it): nothing to send
            Err(why) if why == GONE => {
                self.store.mark_send_ended(seq, SendState::Cancelled, &why)?;
                return Ok(None);
            }
            Err(why) => {
                self.store.mark_send_waiting(seq, &why, false)?;
                return Ok(Some(Sending::Queued { kind, to, why }));
            }
        };
        let from = serde_json::from_str::<Spec>(&self.store.outgoing_spec(seq)?.unwrap_or_default())
            .map(|s| s.from_addr)
            .unwrap_or_default();
        if self.submitter().is_none() {
            let why = NotSent::NoSmtp.to_string();
            self.store.mark_send_waiting(seq, &why, false)?;
            return Ok(Some(Sending::Queued { kind, to, why }));
        }
        // under way: cut off from here on, nobody knows whether it went
        self.store.mark_sending(seq)?;
        let result = match self.submitter() {
            Some(s) => s.send(&from, std::slice::from_ref(&to), &raw),
            None => Err(SendError::Later(NotSent::NoSmtp.to_string())),
        };
        Ok(Some(match result {
            Ok(()) => {
                self.store.mark_sent(seq)?;
                self.copy_to_sent(&o)?;
                self.after_sent(&o)?;
                Sending::Sent { kind, to, withheld }
            }
            Err(SendError::Refused(why)) => {
                self.store.mark_send_ended(seq, SendState::Failed, &why)?;
                Sending::Failed { kind, to, why }
            }
            Err(e @ SendError::Uncertain(_)) => {
                self.store.mark_send_waiting(seq, &e.to_string(), true)?;
                Sending::Queued { kind, to, why: e.to_string() }
            }
            Err(e) => {
                self.store.mark_send_waiting(seq, &e.to_string(), false)?;
                Sending::Queued { kind, to, why: e.to_string() }
            }
        }))
    }

    /// The message as built on the first try, or built now (reading the
    /// original when it goes along) and kept; and whether a forward went
    /// without its content (found sensitive now).
    fn built(&mut self, o: &Outgoing) -> Result<(Vec<u8>, bool), String> {
        if let Some(raw) = self.store.outgoing_raw(o.seq).map_err(|e| e.to_string())? {
            return Ok((raw, false));
        }
        let mut spec: Spec = serde_json::from_str(
            &self.store.outgoing_spec(o.seq).map_err(|e| e.to_string())?.unwrap_or_default(),
        )
        .map_err(|e| format!("the logged mail cannot be read: {e}"))?;
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
        match self.backend.sent_copy(&raw) {
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
