//! How sending reads: what became of a forward, kvittens, reply or diary
//! copy, why nothing was sent, and the outbox's states.

use crate::core::outgoing::recipient::Refusal;
use crate::core::outgoing::Kind;
use crate::engine::{NotSent, Sending};
use crate::i18n::{fill, Texts};
use crate::store::SendState;

pub fn kind_label(t: &Texts, kind: Kind) -> &'static str {
    match kind {
        Kind::Forward => t.mail.kind_forward,
        Kind::Kvittens => t.mail.kind_kvittens,
        Kind::Reply => t.mail.kind_reply,
        Kind::Diary => t.mail.kind_diary,
    }
}

pub fn state_label(t: &Texts, s: SendState) -> &'static str {
    match s {
        SendState::Queued => t.mail.state_queued,
        SendState::Sending => t.mail.state_sending,
        SendState::Sent => t.mail.state_sent,
        SendState::Failed => t.mail.state_failed,
        SendState::Cancelled => t.mail.state_cancelled,
    }
}

pub fn not_sent_reason(t: &Texts, why: &NotSent) -> String {
    let m = t.mail;
    let line = crate::core::sanitize::line;
    match why {
        NotSent::NoSmtp => m.no_smtp.into(),
        NotSent::NoFrom => m.no_from.into(),
        NotSent::NoAddress(who) => fill(m.no_address, &[&line(who)]),
        NotSent::Refused(Refusal::Automatic(d)) => fill(m.automatic, &[&line(d)]),
        NotSent::Refused(Refusal::Bulk(d)) => fill(m.bulk, &[&line(d)]),
        NotSent::Refused(Refusal::NoReply(a)) => fill(m.no_reply, &[&line(a)]),
        NotSent::Refused(Refusal::OwnAddress(a)) => fill(m.own_address, &[&line(a)]),
        NotSent::Refused(Refusal::NoAddress) => m.no_sender.into(),
        NotSent::Refused(Refusal::Malformed(a)) => fill(m.malformed, &[&line(a)]),
        NotSent::AlreadyToday(a) => fill(m.already_today, &[&line(a)]),
        NotSent::AlreadyAcknowledged(by) => fill(m.already_acknowledged, &[&line(by)]),
        NotSent::Unreadable(e) => fill(m.unreadable, &[&line(e)]),
        NotSent::Invalid(e) => line(e),
    }
}

/// One line: what became of a mail to be sent.
pub fn sending_text(t: &Texts, s: &Sending) -> String {
    let m = t.mail;
    let line = crate::core::sanitize::line;
    match s {
        Sending::Sent { kind, to, withheld: false } => fill(m.sent, &[&kind_label(t, *kind), &line(to)]),
        Sending::Sent { kind, to, withheld: true } => {
            fill(m.sent_withheld, &[&kind_label(t, *kind), &line(to)])
        }
        Sending::Queued { kind, to, why } => fill(m.queued, &[&kind_label(t, *kind), &line(to), &line(why)]),
        Sending::Failed { kind, to, why } => fill(m.failed, &[&kind_label(t, *kind), &line(to), &line(why)]),
        Sending::Uncertain { kind, to, seq } => {
            fill(m.uncertain, &[&kind_label(t, *kind), &line(to), &seq.to_string()])
        }
        Sending::NotSent { kind, why } => {
            fill(m.not_sent, &[&kind_label(t, *kind), &not_sent_reason(t, why)])
        }
    }
}

/// The lines under a message: what postrum sent about it.
pub fn sent_lines(t: &Texts, sent: &[crate::store::Outgoing]) -> Vec<String> {
    if sent.is_empty() {
        return Vec::new();
    }
    let line = crate::core::sanitize::line;
    let mut lines = vec![String::new(), format!("── {} ──", t.mail.sent_heading)];
    for o in sent {
        lines.push(format!(
            "{}  {}  {}  {}{}",
            crate::core::clock::local_datetime(o.sent_at.unwrap_or(o.at)),
            kind_label(t, o.kind),
            line(&o.recipient),
            state_label(t, o.state),
            o.error.as_deref().map(|e| format!(": {}", line(e))).unwrap_or_default(),
        ));
        if o.state == crate::store::SendState::Sending {
            // uncertain: never sent again by itself; what a person can do
            lines.push(format!("  {}", fill(t.mail.uncertain_choice, &[&o.seq.to_string()])));
        }
    }
    lines
}
