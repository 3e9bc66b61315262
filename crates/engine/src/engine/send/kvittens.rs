//! The kvittens: its text from the template and the message, who it goes
//! to (never an automatic or bulk sender), and the limits across
//! colleagues — once per message, once per sender a day — unless asked
//! again.

use lettre::message::Mailbox;

use super::{KvittensPreview, NotSent, Sending, Spec};
use crate::core::clock;
use crate::core::inspect::WarningKind;
use crate::core::outgoing::letters;
use crate::core::outgoing::recipient;
use crate::core::outgoing::Kind;
use crate::engine::{Engine, OpError};

impl Engine {
    /// The kvittens as it would go to this message's sender, or why none may.
    pub fn kvittens_preview(&mut self, id: &str, template: Option<&str>) -> Result<KvittensPreview, OpError> {
        let (_, to, subject, text) = self.kvittens_parts(id, template)?;
        Ok(KvittensPreview { to: to.to_string(), subject, text })
    }

    /// From, to, subject and text of a kvittens, from one read of the original.
    fn kvittens_parts(
        &mut self,
        id: &str,
        template: Option<&str>,
    ) -> Result<(Mailbox, Mailbox, String, String), OpError> {
        let from = self.sender().map_err(OpError::NotSent)?;
        let raw = self.original(id).map_err(|e| OpError::NotSent(NotSent::Unreadable(e.to_string())))?;
        let to =
            recipient::kvittens_to(&raw, &self.own_addresses()).map_err(|r| OpError::NotSent(r.into()))?;
        let (subject, text) = self.kvittens_text(id, template, &from)?;
        Ok((from, to, subject, text))
    }

    /// A kvittens's subject and text for a message, from the cache alone
    /// (the original is not read: no recipient): what a bulk `K` shows of
    /// the first marked message before anything goes.
    pub fn kvittens_sample(&self, id: &str) -> Result<(String, String), OpError> {
        let from = self.sender().map_err(OpError::NotSent)?;
        self.kvittens_text(id, None, &from)
    }

    fn kvittens_text(
        &self,
        id: &str,
        template: Option<&str>,
        from: &Mailbox,
    ) -> Result<(String, String), OpError> {
        let t = self
            .settings
            .out
            .letters
            .template(template)
            .map_err(|e| OpError::NotSent(NotSent::Invalid(e.to_string())))?;
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        let directory = self.store.handlaggare()?;
        let h = msg.triage.assignee.as_ref().and_then(|a| directory.iter().find(|h| &h.id == a));
        let received = clock::local_date(msg.received);
        let mut v = std::collections::BTreeMap::new();
        v.insert("received", received.to_string());
        v.insert("subject", msg.summary.subject.clone());
        v.insert("diarienummer", msg.triage.diarienummer.clone().unwrap_or_default());
        v.insert("handlaggare", h.map(|h| h.name.clone()).unwrap_or_default());
        v.insert("unit", h.map(|h| h.unit.clone()).unwrap_or_default());
        v.insert("answer_by", self.settings.calendar.due_date(received).to_string());
        v.insert("mailbox", from.email.to_string());
        v.insert("signature", self.settings.out.letters.signature());
        let subject = letters::render(&t.subject, &v).trim().to_string();
        Ok((subject, letters::render(&t.text, &v)))
    }

    /// Sends a kvittens (the template's, or `text` as edited); `again`:
    /// even when one went to this sender today. The acknowledgement is
    /// recorded when it has gone.
    pub fn send_kvittens(
        &mut self,
        id: &str,
        template: Option<&str>,
        text: Option<String>,
        again: bool,
    ) -> Result<Sending, OpError> {
        // once per message, across colleagues: their journal says one went
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        if let (Some(_), false) = (msg.triage.acknowledged_at, again) {
            let by =
                msg.triage.acknowledged_by.clone().unwrap_or_else(|| crate::core::triage::UNKNOWN.into());
            return Err(OpError::NotSent(NotSent::AlreadyAcknowledged(by)));
        }
        let (from, to, subject, template_text) = self.kvittens_parts(id, template)?;
        let today = clock::today().to_zoned(clock::zone()).map(|z| z.timestamp().as_second()).unwrap_or(0);
        // once per sender per day, across colleagues too
        // the colleagues' acknowledgements are of messages from an address:
        // this message's sender, and where the kvittens goes (Reply-To)
        let told_today = self.store.kvittens_since(to.email.as_ref(), today)?
            || self.store.acknowledged_sender_since(to.email.as_ref(), today)?
            || self.store.acknowledged_sender_since(&msg.summary.from_addr, today)?;
        if !again && told_today {
            return Err(OpError::NotSent(NotSent::AlreadyToday(to.email.to_string())));
        }
        let threading = (!msg.summary.warnings.contains(&WarningKind::Personnummer))
            .then(|| msg.summary.message_id.clone())
            .flatten();
        let text = text.unwrap_or(template_text);
        let spec = Spec::new(Kind::Kvittens, &from, &to, &subject, &text, threading, false);
        self.queue(id, spec, None, false)
    }
}
