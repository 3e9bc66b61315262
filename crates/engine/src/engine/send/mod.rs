//! Mail postrum sends about a message: the forward to the handläggare it
//! is assigned to, the kvittens to its sender, a reply written as a new
//! mail, the copy for the diary. Each is logged before it goes (with its
//! own Message-ID), sent once, copied to Sent, and remembered so that
//! deleting the message deletes them too.

mod flush;
mod kvittens;
mod spec;

use lettre::message::Mailbox;

use super::{Engine, OpError, Outcome};
use crate::core::clock;
use crate::core::inspect::WarningKind;
use crate::core::outgoing::letters::{self, ForwardNote, Letters};
use crate::core::outgoing::recipient::{self, Refusal};
use crate::core::outgoing::{self as out, Kind};
use crate::core::triage::Action;
use crate::mail::smtp::SmtpAccount;
use crate::store::NewOutgoing;
pub use spec::Spec;

/// How a mailbox sends (from the account's config).
#[derive(Clone, Debug, Default)]
pub struct OutSettings {
    /// None: no submission server configured — nothing is ever sent.
    pub smtp: Option<SmtpAccount>,
    /// The function mailbox's own address (the From).
    pub from: Option<Mailbox>,
    pub diary: Option<Mailbox>,
    pub forward_sensitive: bool,
    pub letters: Letters,
}

/// What became of a mail to be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sending {
    Sent {
        kind: Kind,
        to: String,
        withheld: bool,
    },
    /// Logged; goes when it can (the server is away, or the assignment
    /// it belongs to is not through yet).
    Queued {
        kind: Kind,
        to: String,
        why: String,
    },
    /// The server took the mail but its answer never came (or postrum
    /// stopped while sending): it may have gone, so it is never sent again
    /// by itself — the outbox offers to send it again or mark it sent.
    Uncertain {
        kind: Kind,
        to: String,
        seq: i64,
    },
    /// The server refused it (a recipient, say): it stays in the outbox as failed.
    Failed {
        kind: Kind,
        to: String,
        why: String,
    },
    /// Nothing was sent.
    NotSent {
        kind: Kind,
        why: NotSent,
    },
}

/// Why nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotSent {
    #[error("no submission server is set up (smtp in the account)")]
    NoSmtp,
    #[error("the account has no address of its own to send from (address in the account)")]
    NoFrom,
    #[error("{0} has no e-mail address in the directory")]
    NoAddress(String),
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("a kvittens already went to {0} today (ask again to send another)")]
    AlreadyToday(String),
    /// The sender was told already (by this postrum or a colleague's).
    #[error("the sender was already acknowledged by {0} (ask again to send another)")]
    AlreadyAcknowledged(String),
    #[error("the message could not be read: {0}")]
    Unreadable(String),
    #[error("{0}")]
    Invalid(String),
}

/// What the registrator chose about the forward when assigning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForwardChoice {
    pub forward: bool,
    pub note: Option<String>,
    /// The state the user saw when marking the message (a bulk action):
    /// changed since by a colleague, and nothing is done.
    pub expect: Option<Box<crate::core::triage::TriageState>>,
    /// An assignment replaces a colleague's on purpose (`--reassign`, or
    /// the TUI showed the message assigned): else meeting a colleague's
    /// assignment is a lost race, refused with who was first.
    pub reassign: bool,
}

impl Default for ForwardChoice {
    fn default() -> Self {
        Self { forward: true, note: None, expect: None, reassign: false }
    }
}

/// A kvittens or a reply to send (from the TUI, through the worker).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendJob {
    Kvittens {
        template: Option<String>,
        text: Option<String>,
        again: bool,
    },
    Reply {
        text: String,
    },
    /// An uncertain mail (its outbox number) sent again, by a person's choice.
    Again {
        seq: i64,
    },
    /// An uncertain mail recorded as sent: the recipient has it.
    MarkSent {
        seq: i64,
    },
}

/// A kvittens as it will go (for the preview).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KvittensPreview {
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl Engine {
    fn sender(&self) -> Result<Mailbox, NotSent> {
        if self.settings.out.smtp.is_none() {
            return Err(NotSent::NoSmtp);
        }
        self.settings.out.from.clone().ok_or(NotSent::NoFrom)
    }

    fn own_addresses(&self) -> Vec<String> {
        self.settings.out.from.iter().map(|m| m.email.to_string()).collect()
    }

    /// The original as the server has it, whole.
    fn original(&mut self, id: &str) -> Result<Vec<u8>, OpError> {
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        Ok(self.backend.read(&msg.key, None)?)
    }

    /// Performs an action and sends what goes with it: an assignment
    /// forwards the message to the handläggare (unless `choice` says no), a
    /// registration sends it to the diary's intake address when there is one.
    pub fn act(
        &mut self,
        id: &str,
        action: Action,
        choice: &ForwardChoice,
    ) -> Result<(Action, Outcome, Vec<Sending>), OpError> {
        let now = self.store.triage(id)?;
        if let Some(expected) = &choice.expect {
            if !same_decisions(expected, &now) {
                let by = self.store.last_actor(id)?.unwrap_or_else(|| crate::core::triage::UNKNOWN.into());
                return Err(crate::core::triage::RuleError::ChangedMeanwhile { by }.into());
            }
        }
        if let (Action::Assign { who }, Some(theirs), false) = (&action, &now.assignee, choice.reassign) {
            if theirs != who {
                if let Some((by, at)) = self.store.colleague_assignment(id)? {
                    let name = self.store.handlaggare()?.into_iter().find(|h| &h.id == theirs);
                    let who = name.map_or_else(|| theirs.clone(), |h| h.name);
                    let at = clock::local_datetime(at).to_string();
                    return Err(crate::core::triage::RuleError::AlreadyAssigned { by, who, at }.into());
                }
            }
        }
        let previous = now.assignee;
        let (action, outcome) = self.perform(id, action)?;
        let seq = self.last_seq;
        let through =
            matches!(outcome, Outcome::Applied | Outcome::AppliedWithoutJournal(_) | Outcome::Waiting { .. });
        let mut sent = Vec::new();
        if !through || self.settings.out.smtp.is_none() {
            return Ok((action, outcome, sent));
        }
        match &action {
            Action::Assign { who } if choice.forward && previous.as_deref() != Some(who.as_str()) => {
                sent.push(self.queue_forward(id, who, previous.as_deref(), choice.note.as_deref(), seq)?);
            }
            Action::Register { .. } if self.settings.out.diary.is_some() => {
                sent.push(self.queue_diary(id, seq)?);
            }
            _ => {}
        }
        Ok((action, outcome, sent))
    }

    fn queue_forward(
        &mut self,
        id: &str,
        who: &str,
        previous: Option<&str>,
        note: Option<&str>,
        after: Option<i64>,
    ) -> Result<Sending, OpError> {
        let kind = Kind::Forward;
        let from = match self.sender() {
            Ok(f) => f,
            Err(why) => return Ok(Sending::NotSent { kind, why }),
        };
        let directory = self.store.handlaggare()?;
        let name_of =
            |id: &str| directory.iter().find(|h| h.id == id).map_or(id.to_string(), |h| h.name.clone());
        let Some(h) = directory.iter().find(|h| h.id == who) else {
            return Ok(Sending::NotSent { kind, why: NotSent::NoAddress(who.to_string()) });
        };
        let to = match out::mailbox(Some(&h.name), &h.email) {
            Ok(to) => to,
            Err(_) => return Ok(Sending::NotSent { kind, why: NotSent::NoAddress(h.name.clone()) }),
        };
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        let sensitive =
            msg.summary.warnings.contains(&WarningKind::Personnummer) || msg.triage.threat_at.is_some();
        let withheld = sensitive && !self.settings.out.forward_sensitive;
        let due = self.settings.calendar.due_date(clock::local_date(msg.received));
        let previous = previous.map(name_of);
        let note_with = |withheld: bool| {
            let text = letters::forward_text(&ForwardNote {
                by: &self.settings.actor,
                handlaggare: &h.name,
                previous: previous.as_deref(),
                diarienummer: msg.triage.diarienummer.as_deref(),
                answer_by: &due.to_string(),
                note,
                withheld,
                mailbox: from.email.as_ref(),
            });
            let subject = out::forward_subject(
                if withheld { "känsligt ärende" } else { &msg.summary.subject },
                msg.triage.diarienummer.as_deref(),
            );
            (subject, text)
        };
        let (subject, text) = note_with(withheld);
        let mut spec = Spec::new(kind, &from, &to, &subject, &text, None, !withheld);
        // what the list saw may be the headers only: the whole original is
        // inspected when it is read to be attached, and a person number in
        // it keeps the content home after all
        if !withheld && !self.settings.out.forward_sensitive {
            spec.if_sensitive = Some(note_with(true));
        }
        self.queue(id, spec, after, withheld)
    }

    fn queue_diary(&mut self, id: &str, after: Option<i64>) -> Result<Sending, OpError> {
        let kind = Kind::Diary;
        let (from, to) = match (self.sender(), self.settings.out.diary.clone()) {
            (Ok(f), Some(d)) => (f, d),
            (Err(why), _) => return Ok(Sending::NotSent { kind, why }),
            (_, None) => return Ok(Sending::NotSent { kind, why: NotSent::NoSmtp }),
        };
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        let dnr = msg.triage.diarienummer.clone().unwrap_or_default();
        let text = format!(
            "Diarieförs under {dnr}.\nMottaget {} från {}.\nOriginalet är bifogat oförändrat.\n",
            clock::local_datetime(msg.received),
            msg.summary.from_display()
        );
        let subject = format!("Diarieföring {dnr}: {}", msg.summary.subject);
        let spec = Spec::new(kind, &from, &to, &subject, &text, None, true);
        self.queue(id, spec, after, false)
    }

    /// Sends a reply written as a new mail: the original is never quoted,
    /// and sensitive mail is not threaded to it.
    pub fn send_reply(&mut self, id: &str, text: &str) -> Result<Sending, OpError> {
        if text.trim().is_empty() {
            return Err(OpError::NotSent(NotSent::Invalid("the reply is empty".into())));
        }
        let from = self.sender().map_err(OpError::NotSent)?;
        let raw = self.original(id)?;
        let to = recipient::reply_to(&raw, &self.own_addresses()).map_err(|r| OpError::NotSent(r.into()))?;
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        let sensitive = msg.summary.warnings.contains(&WarningKind::Personnummer);
        let threading = (!sensitive).then(|| msg.summary.message_id.clone()).flatten();
        let subject = if sensitive {
            "Svar på ditt meddelande".to_string()
        } else {
            out::reply_subject(&msg.summary.subject)
        };
        let spec = Spec::new(Kind::Reply, &from, &to, &subject, text, threading, false);
        self.queue(id, spec, None, false)
    }

    pub fn send_job(&mut self, id: &str, job: SendJob) -> Result<Sending, OpError> {
        match job {
            SendJob::Kvittens { template, text, again } => {
                self.send_kvittens(id, template.as_deref(), text, again)
            }
            SendJob::Reply { text } => self.send_reply(id, &text),
            SendJob::Again { seq } => self
                .send_again(seq)?
                .ok_or_else(|| OpError::NotSent(NotSent::Invalid(format!("{seq} is not uncertain")))),
            SendJob::MarkSent { seq } => {
                let o = self.store.outgoing_one(seq)?;
                match (o, self.mark_outgoing_sent(seq)?) {
                    (Some(o), true) => Ok(Sending::Sent { kind: o.kind, to: o.recipient, withheld: false }),
                    _ => Err(OpError::NotSent(NotSent::Invalid(format!("{seq} is not uncertain")))),
                }
            }
        }
    }

    /// Whether this mailbox sends mail at all.
    pub fn sends(&self) -> bool {
        self.settings.out.smtp.is_some()
    }

    /// The reply template for the editor.
    pub fn reply_template(&self) -> String {
        self.settings.out.letters.reply_template()
    }

    /// Logs a mail (with its Message-ID) and tries to send it at once.
    fn queue(
        &mut self,
        id: &str,
        mut spec: Spec,
        after: Option<i64>,
        withheld: bool,
    ) -> Result<Sending, OpError> {
        // named by its server key, which no sender chooses (a delete
        // purges from Sent what carries it)
        spec.about = self.store.message(id)?.and_then(|m| crate::core::ids::about(&m.key));
        let from = spec.sender().map_err(|e| OpError::NotSent(NotSent::Invalid(e.to_string())))?;
        let message_id = out::new_message_id(&from);
        let to = spec.to_addr.clone();
        let kind = spec.kind;
        let json = serde_json::to_string(&spec).unwrap_or_default();
        let seq = self.store.queue_outgoing(&NewOutgoing {
            actor: &self.settings.actor,
            kind,
            message: id,
            after_seq: after,
            recipient: &to,
            message_id: &message_id,
            spec: &json,
        })?;
        Ok(match self.flush_one(seq)? {
            Some(Sending::Sent { kind, to, withheld: found }) => {
                Sending::Sent { kind, to, withheld: withheld || found }
            }
            Some(other) => other,
            None => Sending::Queued { kind, to, why: String::new() },
        })
    }
}

/// Whether two states hold the same decisions (who, which number, no
/// registration, deleted, told): what a bulk action must not overwrite.
fn same_decisions(a: &crate::core::triage::TriageState, b: &crate::core::triage::TriageState) -> bool {
    a.assignee == b.assignee
        && a.diarienummer == b.diarienummer
        && a.no_registration == b.no_registration
        && a.deleted_at == b.deleted_at
        && a.acknowledged_at == b.acknowledged_at
}
