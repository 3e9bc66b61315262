//! What postrum reads out of a raw message: a `Summary` for the list (from
//! the headers only) and a `View` for the message view (headers, body as
//! sanitized text, attachments listed, never opened). Every string that
//! leaves this module has passed the sanitizer.

use mail_parser::{Address, Message, MessageParser, MimeHeaders};

use super::inspect::{self, personnummer, InspectConfig, Warning, WarningKind};
use super::sanitize;

/// What is wrong with a message file that could not be read as mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read at all (the reason, sanitized).
    Unreadable(String),
    /// The bytes hold no recognisable mail headers.
    Corrupt,
}

/// Header data for one message, as the list needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub message_id: Option<String>,
    pub from_name: String,
    pub from_addr: String,
    pub subject: String,
    /// The Date header as Unix seconds, when present and valid.
    pub date: Option<i64>,
    pub problem: Option<Problem>,
    /// What inspection found (kinds only: the details are not cached).
    pub warnings: Vec<WarningKind>,
    /// The Message-IDs it answers (In-Reply-To, then References; at most
    /// `MAX_REFS`, the nearest first), for follow-up suggestions.
    pub refs: Vec<String>,
}

/// How many referenced Message-IDs are kept per message.
pub const MAX_REFS: usize = 12;

/// The Message-IDs a message answers: In-Reply-To first, then References
/// from the nearest back; each without its angle brackets.
fn refs_of(msg: &Message) -> Vec<String> {
    let mut refs: Vec<String> = Vec::new();
    let irt = msg.in_reply_to().as_text_list().unwrap_or_default();
    let older = msg.references().as_text_list().unwrap_or_default();
    for r in irt.iter().chain(older.iter().rev()) {
        let r = sanitize::line(r.trim().trim_start_matches('<').trim_end_matches('>'));
        if !r.is_empty() && !r.contains(char::is_whitespace) && !refs.contains(&r) {
            refs.push(r);
        }
        if refs.len() == MAX_REFS {
            break;
        }
    }
    refs
}

/// A sender as `Summary::from_display` says it.
pub struct FromShown<'a>(&'a Summary);

impl std::fmt::Display for FromShown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        match (s.from_name.is_empty(), s.from_addr.is_empty()) {
            (false, false) => write!(f, "{} <{}>", s.from_name, s.from_addr),
            (false, true) => f.write_str(&s.from_name),
            _ => f.write_str(&s.from_addr),
        }
    }
}

impl Summary {
    pub fn unreadable(reason: &str) -> Self {
        Self { problem: Some(Problem::Unreadable(sanitize::line(reason))), ..Self::default() }
    }

    /// "Name <addr>" or whichever part exists.
    pub fn from_display(&self) -> String {
        self.from_shown().to_string()
    }

    /// The same, to write without building it (`list --json` writes
    /// 100,000 of them).
    pub fn from_shown(&self) -> FromShown<'_> {
        FromShown(self)
    }

    /// A fallback identity for messages without a Message-ID.
    pub fn fingerprint(&self, size: u64) -> String {
        format!("{}|{}|{}|{}", self.date.unwrap_or(0), self.from_addr, self.subject, size)
    }
}

/// One attachment as listed in the message view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub mime: String,
    pub size: usize,
}

/// What could not be read of a message, said in the message view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// Only the first part of a very large message was read.
    Truncated,
    /// A multipart message whose closing boundary never comes.
    UnterminatedMultipart,
    /// A part whose transfer encoding or charset could not be decoded cleanly.
    BadEncoding,
    /// The server could not be reached: what the list knows is shown, the
    /// text cannot be fetched now.
    Offline,
    /// The message is no longer in the mailbox (moved or deleted outside
    /// postrum since the list was made): what the list knew is shown.
    Gone,
}

/// The message as the message view and `postrum show` present it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub summary: Summary,
    pub to: String,
    pub body: String,
    /// True when the body came from an HTML part rendered as text.
    pub from_html: bool,
    pub attachments: Vec<Attachment>,
    pub warnings: Vec<Warning>,
    pub notes: Vec<Note>,
}

/// How much of a message is read at most (the rest is noted as unread).
pub const MAX_READ: usize = 16 * 1024 * 1024;

fn first_addr(addr: Option<&Address>) -> (String, String) {
    let Some(first) = addr.and_then(|a| a.first()) else {
        return (String::new(), String::new());
    };
    (sanitize::line(first.name().unwrap_or_default()), sanitize::line(first.address().unwrap_or_default()))
}

fn all_addrs(addr: Option<&Address>) -> String {
    addr.map(|a| {
        a.iter()
            .map(|x| match (x.name(), x.address()) {
                (Some(n), Some(e)) => format!("{n} <{e}>"),
                (Some(n), None) => n.to_string(),
                (None, Some(e)) => e.to_string(),
                (None, None) => String::new(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    })
    .map(|s| sanitize::line(&s))
    .unwrap_or_default()
}

fn summary_of(msg: &Message) -> Summary {
    let (from_name, from_addr) = first_addr(msg.from());
    let message_id = msg.message_id().map(sanitize::line).filter(|m| !m.is_empty());
    let subject = sanitize::line(msg.subject().unwrap_or_default());
    let date = msg.date().filter(|d| d.is_valid()).map(|d| d.to_timestamp());
    let corrupt = message_id.is_none()
        && from_addr.is_empty()
        && from_name.is_empty()
        && subject.is_empty()
        && date.is_none();
    Summary {
        message_id,
        from_name,
        from_addr,
        subject,
        date,
        problem: corrupt.then_some(Problem::Corrupt),
        warnings: Vec::new(),
        refs: refs_of(msg),
    }
}

/// Reads a message for the list: headers, and the inspection's warning
/// kinds. Person numbers in the subject and sender are masked, since this
/// is what the cache on disk keeps. Never panics.
pub fn summarize(raw: &[u8], cfg: &InspectConfig) -> Summary {
    let Some(msg) = MessageParser::default().parse(raw) else {
        return Summary { problem: Some(Problem::Corrupt), ..Summary::default() };
    };
    let mut s = summary_of(&msg);
    if s.problem.is_none() {
        s.warnings = inspect::inspect(&msg, cfg).into_iter().map(|w| w.kind).collect();
    }
    s.subject = personnummer::mask(&s.subject);
    s.from_name = personnummer::mask(&s.from_name);
    s
}

fn notes_of(msg: &Message, raw: &[u8], truncated: bool) -> Vec<Note> {
    let mut notes = Vec::new();
    if truncated {
        notes.push(Note::Truncated);
    }
    if let Some(boundary) = msg
        .content_type()
        .filter(|ct| ct.ctype().eq_ignore_ascii_case("multipart"))
        .and_then(|ct| ct.attribute("boundary"))
    {
        let close = format!("--{boundary}--");
        if !raw.windows(close.len()).any(|w| w == close.as_bytes()) {
            notes.push(Note::UnterminatedMultipart);
        }
    }
    if msg.parts.iter().any(|p| p.is_encoding_problem) {
        notes.push(Note::BadEncoding);
    }
    notes
}

/// Reads the whole message for the message view (`truncated`: only the
/// first `MAX_READ` bytes were read). Never panics.
pub fn view(raw: &[u8], cfg: &InspectConfig, truncated: bool) -> View {
    let Some(msg) = MessageParser::default().parse(raw) else {
        return View {
            summary: Summary { problem: Some(Problem::Corrupt), ..Summary::default() },
            ..View::default()
        };
    };
    let summary = summary_of(&msg);
    let from_html = msg.text_part(0).is_some_and(|p| p.is_text_html());
    let body = if from_html {
        // lists and blocks keep their line breaks
        msg.body_html(0).map(|h| sanitize::text(&super::html::to_text(&h)))
    } else {
        msg.body_text(0).map(|b| sanitize::text(&b))
    }
    .unwrap_or_default();
    let attachments = crate::core::inspect::attachments::listed(&msg)
        .into_iter()
        .map(|part| Attachment {
            // an unnamed part is named in the reader's language when shown
            name: crate::core::inspect::attachments::shown_name(part.attachment_name().unwrap_or_default()),
            mime: part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_string(),
                })
                .map(|s| sanitize::line(&s))
                .unwrap_or_else(|| "application/octet-stream".into()),
            size: part.len(),
        })
        .collect();
    let warnings = if summary.problem.is_none() { inspect::inspect(&msg, cfg) } else { Vec::new() };
    let notes = notes_of(&msg, raw, truncated);
    View { summary, to: all_addrs(msg.to()), body, from_html, attachments, warnings, notes }
}

/// The `n`th attachment (0-based): raw name (unsanitized, for the danger
/// check), MIME type and decoded contents.
pub fn attachment(raw: &[u8], n: usize) -> Option<(String, String, Vec<u8>)> {
    let msg = MessageParser::default().parse(raw)?;
    let part = *crate::core::inspect::attachments::listed(&msg).get(n)?;
    let mime = part
        .content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_string(),
        })
        .unwrap_or_else(|| "application/octet-stream".into());
    Some((part.attachment_name().unwrap_or_default().to_string(), mime, part.contents().to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_reads_and_sanitizes_headers() {
        let raw = b"From: =?utf-8?q?Eva_=E2=80=AELind?= <eva@example.se>\r\n\
Subject: Hej\x1b[31m \r\n =?utf-8?b?w6XDpMO2?=\r\nMessage-ID: <a@b>\r\n\
Date: Mon, 2 Nov 2026 09:15:00 +0100\r\n\r\nbody";
        let s = summarize(raw, &InspectConfig::default());
        assert_eq!(s.from_name, "Eva Lind");
        assert_eq!(s.from_addr, "eva@example.se");
        assert_eq!(s.subject, "Hej åäö");
        assert_eq!(s.message_id.as_deref(), Some("a@b"));
        assert_eq!(s.date, Some(1_793_607_300));
        assert_eq!(s.problem, None);
    }

    #[test]
    fn garbage_and_empty_input_are_corrupt_not_panics() {
        assert_eq!(summarize(b"", &InspectConfig::default()).problem, Some(Problem::Corrupt));
        assert_eq!(
            summarize(&[0xff, 0xfe, 0, 1, 2], &InspectConfig::default()).problem,
            Some(Problem::Corrupt)
        );
        assert_eq!(view(b"", &InspectConfig::default(), false).summary.problem, Some(Problem::Corrupt));
    }

    #[test]
    fn html_only_becomes_text_and_attachments_are_listed() {
        let raw = b"From: a@b.se\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n\
--XX\r\nContent-Type: text/html\r\n\r\n<p>Hej <b>du</b></p><script>x</script>\r\n\
--XX\r\nContent-Type: application/pdf; name=\"ritning.pdf\"\r\nContent-Disposition: attachment; filename=\"ritning.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--XX--\r\n";
        let v = view(raw, &InspectConfig::default(), false);
        assert!(v.from_html);
        assert!(v.body.contains("Hej"), "{}", v.body);
        assert_eq!(v.attachments.len(), 1);
        assert_eq!(v.attachments[0].name, "ritning.pdf");
        assert_eq!(v.attachments[0].mime, "application/pdf");
        assert_eq!(v.attachments[0].size, 9);
    }
}

#[cfg(test)]
mod parts_tests {
    use super::*;

    /// Every MIME part is kept: two inline parts with one file name are
    /// two parts, also when the first is shown as the text (issue 20); an
    /// unnamed part has no name of its own (the view names it in the
    /// reader's language).
    #[test]
    fn every_named_part_is_listed_and_unnamed_ones_have_no_word() {
        let raw = b"From: a@b.se\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n\
--XX\r\nContent-Type: text/plain; name=\"a.txt\"\r\nContent-Disposition: inline; filename=\"a.txt\"\r\n\r\nForsta.\r\n\
--XX\r\nContent-Type: text/plain; name=\"a.txt\"\r\nContent-Disposition: inline; filename=\"a.txt\"\r\n\r\nAndra.\r\n\
--XX\r\nContent-Type: application/octet-stream\r\n\r\nAAAA\r\n--XX--\r\n";
        let v = view(raw, &InspectConfig::default(), false);
        let names: Vec<&str> = v.attachments.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["a.txt", "a.txt", ""], "{:?}", v.attachments);
        assert_eq!(attachment(raw, 0).unwrap().2, b"Forsta.");
        assert_eq!(attachment(raw, 1).unwrap().2, b"Andra.");
    }
}
