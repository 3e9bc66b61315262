//! Outgoing mail, built and checked without touching the network: the
//! forward to a handläggare (a cover note with the original attached
//! unchanged as message/rfc822), the kvittens to the sender, a reply
//! written as a new mail, and the copy for the diary. Every header is
//! built by `lettre`'s builder, which encodes what it is given: no field
//! of the message (subject, name, note) can add a header line.

pub mod letters;
pub mod recipient;
#[cfg(test)]
mod tests;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use serde::{Deserialize, Serialize};

/// What an outgoing mail is, as `outbox`, `show --json` and the log name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The message sent on to the handläggare it was assigned to.
    Forward,
    /// The sender told that the message arrived (and when to expect an answer).
    Kvittens,
    /// An answer to the sender, written as a new mail.
    Reply,
    /// The original sent to the diary's intake address.
    Diary,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Forward => "forward",
            Kind::Kvittens => "kvittens",
            Kind::Reply => "reply",
            Kind::Diary => "diary",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Forward, Kind::Kvittens, Kind::Reply, Kind::Diary].into_iter().find(|k| k.as_str() == s)
    }
}

/// A mail to be sent, before it has a Message-ID.
#[derive(Clone, Debug)]
pub struct Draft {
    pub kind: Kind,
    /// The function mailbox's address and name (the From).
    pub from: Mailbox,
    pub to: Mailbox,
    pub subject: String,
    pub text: String,
    /// Threading: the original's Message-ID (without brackets).
    pub in_reply_to: Option<String>,
    /// The original, attached byte for byte as message/rfc822.
    pub original: Option<Vec<u8>>,
    /// The About token of the message this is about (its server key shaped
    /// as a Message-ID, `core::ids::about`): deleting that message finds
    /// this one by it, in Sent and Trash.
    pub about: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BuildError {
    #[error("not a usable e-mail address: {0:?}")]
    Address(String),
    #[error("the mail could not be built: {0}")]
    Build(String),
}

/// An address as given by a person or a header: one plain address, no
/// line breaks or control characters, or it is refused.
pub fn mailbox(name: Option<&str>, addr: &str) -> Result<Mailbox, BuildError> {
    let bad = || BuildError::Address(crate::core::sanitize::line(addr));
    let addr = addr.trim();
    if addr.is_empty() || addr.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(bad());
    }
    let address: lettre::Address = addr.parse().map_err(|_| bad())?;
    let address = ascii_domain(address).ok_or_else(bad)?;
    let name = name.map(crate::core::sanitize::line).filter(|n| !n.trim().is_empty());
    Ok(Mailbox::new(name, address))
}

/// The address with an international domain (exämple.se) in its ASCII
/// form (xn--exmple-cua.se, IDNA by the `idna` crate), as every server
/// takes it; a local part outside ASCII is left for SMTPUTF8. None when
/// the domain has no ASCII form.
pub fn ascii_domain(address: lettre::Address) -> Option<lettre::Address> {
    if address.domain().is_ascii() {
        return Some(address);
    }
    let ascii = idna::domain_to_ascii(address.domain()).ok()?;
    lettre::Address::new(address.user(), ascii).ok()
}

/// A Message-ID of our own: unique by time, process and a random part,
/// under the sender's domain.
pub fn new_message_id(from: &Mailbox) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = random_u64();
    let domain = from.email.domain();
    format!("postrum.{}.{}.{n}.{random:016x}@{domain}", now.as_secs(), std::process::id())
}

/// Random bits from the OS (the Message-ID must not be guessable twice).
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos(),
    );
    h.finish()
}

fn raw_header(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_string())
}

/// The whole message as sent, with `message_id` (without brackets).
pub fn build(d: &Draft, message_id: &str) -> Result<Vec<u8>, BuildError> {
    let mut b = lettre::Message::builder()
        .from(d.from.clone())
        .to(d.to.clone())
        .subject(crate::core::sanitize::line(&d.subject))
        .message_id(Some(format!("<{message_id}>")))
        .date_now()
        .user_agent(format!("postrum {}", env!("CARGO_PKG_VERSION")));
    if let Some(mid) = d.in_reply_to.as_deref().and_then(crate::core::msgid::normalise) {
        b = b.in_reply_to(format!("<{mid}>")).references(format!("<{mid}>"));
    }
    if let Some(mid) = d.about.as_deref().and_then(crate::core::msgid::normalise) {
        b = b.raw_header(raw_header(crate::core::msgid::ABOUT, &format!("<{mid}>")));
    }
    match d.kind {
        // a person's answer: replies to it are welcome
        Kind::Reply => {}
        // RFC 3834: an answer made on the sender's behalf, not to be answered automatically
        Kind::Kvittens => {
            b = b.raw_header(raw_header("Auto-Submitted", "auto-replied"));
            b = b.raw_header(raw_header("X-Auto-Response-Suppress", "All"));
        }
        Kind::Forward | Kind::Diary => {
            b = b.raw_header(raw_header("Auto-Submitted", "auto-generated"));
            b = b.raw_header(raw_header("X-Auto-Response-Suppress", "All"));
        }
    }
    let text = SinglePart::plain(normalise_text(&d.text));
    let message = match &d.original {
        None => b.singlepart(text),
        Some(raw) => b.multipart(MultiPart::mixed().singlepart(text).singlepart(attached(raw))),
    };
    message.map(|m| m.formatted()).map_err(|e| BuildError::Build(e.to_string()))
}

/// The original as an attachment: message/rfc822 with its bytes
/// unchanged (line ends made CRLF, as SMTP carries them) — 7bit or 8bit,
/// the only encodings RFC 2046 allows there; base64 only when a line is
/// longer than SMTP carries or a NUL is in it.
fn attached(raw: &[u8]) -> SinglePart {
    use lettre::message::header::ContentTransferEncoding as Cte;
    use lettre::message::Body;
    let ct = ContentType::parse("message/rfc822").expect("a valid content type");
    let crlf = canonical_crlf(raw);
    let body = if crlf.split(|b| *b == b'\n').all(|l| l.len() <= 999) && !crlf.contains(&0) {
        let cte = if crlf.is_ascii() { Cte::SevenBit } else { Cte::EightBit };
        Body::dangerous_pre_encoded(crlf, cte)
    } else {
        Body::new_with_encoding(crlf, Cte::Base64).unwrap_or_else(Body::new)
    };
    Attachment::new("meddelande.eml".into()).body(body, ct)
}

/// Every line end CRLF (a bare CR or LF becomes one).
pub fn canonical_crlf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 40);
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\r' if raw.get(i + 1) == Some(&b'\n') => {
                out.extend_from_slice(b"\r\n");
                i += 2;
                continue;
            }
            b'\r' | b'\n' => out.extend_from_slice(b"\r\n"),
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// Text as written (in an editor, a template): control characters other
/// than line breaks and tabs are dropped.
fn normalise_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

/// A subject carrying the diarienummer, without piling prefixes up.
pub fn forward_subject(subject: &str, diarienummer: Option<&str>) -> String {
    let subject = crate::core::sanitize::line(subject);
    match diarienummer {
        Some(d) if !subject.contains(d) => format!("Fördelat [{d}]: {subject}"),
        _ => format!("Fördelat: {subject}"),
    }
}

/// "Sv: subject", once.
pub fn reply_subject(subject: &str) -> String {
    let subject = crate::core::sanitize::line(subject);
    let lower = subject.to_lowercase();
    if ["sv:", "re:", "ang:", "svar:"].iter().any(|p| lower.starts_with(p)) {
        subject
    } else {
        format!("Sv: {subject}")
    }
}
