//! Whom a kvittens or a reply goes to, and when nothing may go at all:
//! never anything automatic to an automatic or bulk sender (RFC 3834:
//! Auto-Submitted other than "no", Precedence bulk/list/junk, List-*
//! headers, an empty Return-Path), to a no-reply address, or to the
//! function mailbox itself (a loop).

use lettre::message::Mailbox;
use mail_parser::{Address, MessageParser};

use crate::core::inspect::automatic;

/// Why nothing is sent to the sender.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the sender is automatic ({0})")]
    Automatic(String),
    #[error("the message is bulk or list mail ({0})")]
    Bulk(String),
    #[error("{0} does not take replies")]
    NoReply(String),
    #[error("{0} is this mailbox's own address")]
    OwnAddress(String),
    #[error("the message has no sender address")]
    NoAddress,
    #[error("the sender's address is not usable: {0:?}")]
    Malformed(String),
}

/// Local parts that say "do not answer".
const NO_REPLY: &[&str] = &[
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "do_not_reply",
    "mailer-daemon",
    "postmaster",
    "bounce",
    "bounces",
];

/// The address an answer goes to: Reply-To when there is one, else From.
fn answer_address(raw: &[u8]) -> Result<(Option<String>, String), Refusal> {
    let msg = MessageParser::default().parse_headers(raw).ok_or(Refusal::NoAddress)?;
    let pick = |a: Option<&Address>| -> Option<(Option<String>, Option<String>)> {
        let first = a?.first()?;
        Some((first.name().map(str::to_string), first.address().map(str::to_string)))
    };
    let (name, addr) = pick(msg.reply_to()).or_else(|| pick(msg.from())).ok_or(Refusal::NoAddress)?;
    let addr = addr.ok_or(Refusal::NoAddress)?;
    Ok((name, addr))
}

fn is_no_reply(addr: &str) -> bool {
    let local = addr.rsplit_once('@').map_or(addr, |(l, _)| l).to_ascii_lowercase();
    let squashed: String = local.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    NO_REPLY
        .iter()
        .any(|n| local == *n || local.starts_with(&format!("{n}+")) || squashed == n.replace(['-', '_'], ""))
        || squashed.starts_with("noreply")
        || squashed.starts_with("donotreply")
}

/// The sender's mailbox for a reply written by a person: refused only
/// when there is no usable address, it says it takes no replies, or it is
/// the mailbox itself.
pub fn reply_to(raw: &[u8], own: &[String]) -> Result<Mailbox, Refusal> {
    let (name, addr) = answer_address(raw)?;
    if own.iter().any(|o| o.eq_ignore_ascii_case(addr.trim())) {
        return Err(Refusal::OwnAddress(crate::core::sanitize::line(&addr)));
    }
    if is_no_reply(&addr) {
        return Err(Refusal::NoReply(crate::core::sanitize::line(&addr)));
    }
    super::mailbox(name.as_deref(), &addr).map_err(|_| Refusal::Malformed(crate::core::sanitize::line(&addr)))
}

/// The sender's mailbox for a kvittens, or why none may be sent.
pub fn kvittens_to(raw: &[u8], own: &[String]) -> Result<Mailbox, Refusal> {
    let msg = MessageParser::default().parse_headers(raw).ok_or(Refusal::NoAddress)?;
    if let Some(w) = automatic::auto_reply(&msg) {
        return Err(Refusal::Automatic(w.detail));
    }
    if let Some(w) = automatic::bulk(&msg) {
        return Err(Refusal::Bulk(w.detail));
    }
    if let Some(h) = msg.headers().iter().find(|h| h.name.as_str().to_ascii_lowercase().starts_with("list-"))
    {
        return Err(Refusal::Bulk(crate::core::sanitize::line(h.name.as_str())));
    }
    reply_to(raw, own)
}
