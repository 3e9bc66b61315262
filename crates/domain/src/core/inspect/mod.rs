//! Inspection of every message, cheap and offline: sender authentication,
//! display-name spoofing, Reply-To/Return-Path mismatch, lookalike
//! domains, deceptive links, dangerous attachments, personnummer, and
//! automatic or bulk mail. Each finding is a `Warning` with a kind (stable,
//! for JSON and filters) and a sanitized detail.

pub mod attachments;
mod auth;
pub(crate) mod automatic;
mod links;
pub mod personnummer;
pub mod public_request;
mod sender;

use mail_parser::Message;
use serde::Deserialize;

use super::sanitize;

/// The kinds of warning, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    AuthFail,
    DisplayNameSpoof,
    ReplyToMismatch,
    LookalikeDomain,
    LinkMismatch,
    DangerousAttachment,
    Personnummer,
    AutoReply,
    Bulk,
    /// A request for public documents: due the same working day.
    PublicRequest,
}

impl WarningKind {
    pub const ALL: [WarningKind; 10] = [
        WarningKind::AuthFail,
        WarningKind::DisplayNameSpoof,
        WarningKind::ReplyToMismatch,
        WarningKind::LookalikeDomain,
        WarningKind::LinkMismatch,
        WarningKind::DangerousAttachment,
        WarningKind::Personnummer,
        WarningKind::AutoReply,
        WarningKind::Bulk,
        WarningKind::PublicRequest,
    ];

    /// The stable name used in JSON, filters and the cache.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::AuthFail => "auth_fail",
            WarningKind::DisplayNameSpoof => "display_name_spoof",
            WarningKind::ReplyToMismatch => "reply_to_mismatch",
            WarningKind::LookalikeDomain => "lookalike_domain",
            WarningKind::LinkMismatch => "link_mismatch",
            WarningKind::DangerousAttachment => "dangerous_attachment",
            WarningKind::Personnummer => "personnummer",
            WarningKind::AutoReply => "auto_reply",
            WarningKind::Bulk => "bulk",
            WarningKind::PublicRequest => "public_request",
        }
    }

    pub fn parse(s: &str) -> Option<WarningKind> {
        WarningKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// A sign that the message may be phishing or malicious.
    /// Newsletters and automatic mail: what "without bulk mail" leaves out.
    pub fn is_bulk(self) -> bool {
        matches!(self, WarningKind::Bulk | WarningKind::AutoReply)
    }

    pub fn is_suspicious(self) -> bool {
        !matches!(
            self,
            WarningKind::Personnummer
                | WarningKind::AutoReply
                | WarningKind::Bulk
                | WarningKind::PublicRequest
        )
    }
}

/// One finding about a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    /// What was found (sanitized; person numbers masked).
    pub detail: String,
}

/// The `[inspect]` settings, and the names postrum knows as its own.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct InspectConfig {
    /// Authentication-Results from these servers are trusted (the
    /// topmost of them); with none, the topmost header is read.
    pub trusted_authserv_ids: Vec<String>,
    /// The organisation's own mail domains, e.g. ["norrvik.se"].
    pub own_domains: Vec<String>,
    /// Names a display name may not borrow from outside, e.g. ["Norrviks kommun"].
    pub organisation_names: Vec<String>,
    /// Whom to call or write when damage is suspected (shown with suspicious mail).
    pub it_security_contact: Option<String>,
    /// Colleagues' names (filled from the handläggare directory).
    #[serde(skip)]
    pub colleague_names: Vec<String>,
}

/// The domain of an address, lowercased ("" when none).
pub fn domain_of(addr: &str) -> String {
    addr.rsplit_once('@').map(|(_, d)| d.trim().trim_end_matches('>').to_lowercase()).unwrap_or_default()
}

/// The registrable part of a domain, approximated by its last two labels.
pub fn registrable(domain: &str) -> String {
    let labels: Vec<&str> = domain.trim_end_matches('.').split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    if n <= 2 {
        labels.join(".")
    } else {
        labels[n - 2..].join(".")
    }
}

/// At most `max` bytes of `s`, cut at a character boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn warn(kind: WarningKind, detail: impl AsRef<str>) -> Warning {
    Warning { kind, detail: personnummer::mask(&sanitize::line(detail.as_ref())) }
}

/// Every warning about a parsed message, in kind order, one per kind.
pub fn inspect(msg: &Message, cfg: &InspectConfig) -> Vec<Warning> {
    let mut out = Vec::new();
    out.extend(auth::check(msg, cfg));
    let automatic = automatic::auto_reply(msg);
    let bulk = automatic::bulk(msg);
    out.extend(sender::check(msg, cfg, bulk.is_some() || automatic.is_some()));
    out.extend(links::check(msg));
    out.extend(attachments::check(msg));
    out.extend(personnummer::check(msg));
    // a newsletter or an automatic reply asks for nothing
    if automatic.is_none() && bulk.is_none() {
        out.extend(public_request::check(msg));
    }
    out.extend(automatic);
    out.extend(bulk);
    out.sort_by_key(|w| w.kind);
    out.dedup_by_key(|w| w.kind);
    out
}

#[cfg(test)]
mod tests;
