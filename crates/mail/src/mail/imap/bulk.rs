//! The first sync's one FETCH: every message's UID, flags, arrival, size
//! and list header fields, read straight off the connection, parsed with
//! imap-proto as the bytes arrive and handed over in batches while the
//! server is still sending. (async-imap's response stream copies its
//! buffer for every answer, which for 100,000 answers costs more than the
//! server takes to send them; it is used for every other command.)

use std::sync::mpsc::{SyncSender, TrySendError};
use std::time::Duration;

use async_imap::imap_proto::{AttributeValue, RequestId, Response, Status};
use tokio::io::AsyncReadExt;

use super::connect::{ImapSession, TIMEOUT};
use super::ops::{Selected, LIST_FIELDS};
use super::quick::{self, Fetched, Quick};
use crate::mail::{Entry, Headed, MailError, BATCH};

/// The largest single answer read (as async-imap, which allows 512 MB).
const MAX_ANSWER: usize = 256 << 20;

/// What a sync may read per message the mailbox announced (on average,
/// beyond a fixed allowance): list header fields take a few kilobytes, so
/// a server sending more is not followed.
const BYTES_PER_MESSAGE: usize = 32 << 10;
const BYTES_ALLOWANCE: usize = 64 << 20;

/// What goes to the caller: the mailbox's message count and a batch.
pub type Batch = (usize, Vec<Headed>);

/// Hands a batch over, waiting while the caller is behind (so memory stays
/// bounded); false when the caller has stopped listening.
async fn hand_over(out: &SyncSender<Batch>, batch: Batch) -> bool {
    let mut item = batch;
    loop {
        match out.try_send(item) {
            Ok(()) => return true,
            Err(TrySendError::Full(back)) => {
                item = back;
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            Err(TrySendError::Disconnected(_)) => return false,
        }
    }
}

/// An IMAP INTERNALDATE ("02-Nov-2026 09:15:00 +0100"; the day may be
/// space-padded) as Unix seconds.
pub fn internal_date(s: &str) -> Option<i64> {
    let t = jiff::fmt::strtime::parse("%d-%b-%Y %H:%M:%S %z", s.trim()).ok()?;
    Some(t.to_timestamp().ok()?.as_second())
}

/// A FETCH answer as imap-proto read it, in the quick reader's terms.
fn fetched<'a>(attrs: &'a [AttributeValue]) -> Fetched<'a> {
    let mut f = Fetched::default();
    for a in attrs {
        match a {
            AttributeValue::Uid(u) => f.uid = Some(*u),
            AttributeValue::Rfc822Size(n) => f.size = Some(*n),
            AttributeValue::InternalDate(d) => f.date = Some(d),
            AttributeValue::Flags(flags) => {
                f.answered = flags.iter().any(|fl| fl.eq_ignore_ascii_case("\\Answered"));
                f.marks = super::marks_of(flags.iter().map(|fl| -> &str { fl.as_ref() }));
            }
            AttributeValue::BodySection { data, .. } => f.head = Some(data.as_deref().unwrap_or_default()),
            _ => {}
        }
    }
    f
}

/// One FETCH answer as a listed message with its header fields.
fn headed(validity: u32, f: &Fetched) -> Option<Headed> {
    let key = super::keys::key_of(validity, f.uid?);
    let head = f.head.map(<[u8]>::to_vec).ok_or_else(|| MailError::NotFound(key.clone()));
    let entry = Entry {
        key,
        size: u64::from(f.size.unwrap_or(0)),
        modified: f.date.and_then(internal_date).unwrap_or(0),
        answered: f.answered,
        marks: f.marks,
    };
    Some((entry, head))
}

const WHAT: &str = "UID FETCH (listing and headers)";

/// One answer to the listing's FETCH.
enum Answer {
    /// A message with its header fields.
    Message(Headed),
    /// The tagged end: `Some(why)` when the server refused.
    Done(Option<String>),
    /// Anything else (unsolicited: the next listing sees its effect).
    Other,
}

/// The first complete answer in `buf` and its length, or None when more
/// bytes are needed: the quick reader for the usual FETCH, imap-proto for
/// anything else.
fn next_answer(buf: &[u8], validity: u32, tag: &RequestId) -> Result<Option<(usize, Answer)>, MailError> {
    let as_answer = |h: Option<Headed>| h.map_or(Answer::Other, Answer::Message);
    match quick::fetch(buf) {
        Quick::Fetch(used, f) => return Ok(Some((used, as_answer(headed(validity, &f))))),
        Quick::Incomplete => return Ok(None),
        Quick::Other => {}
    }
    match Response::parse(buf) {
        Ok((rest, resp)) => {
            let answer = match resp {
                Response::Fetch(_, attrs) => as_answer(headed(validity, &fetched(&attrs))),
                Response::Done { tag: t, status, outcome } if t == *tag => Answer::Done(
                    (status != Status::Ok).then(|| outcome.information.unwrap_or_default().to_string()),
                ),
                _ => Answer::Other,
            };
            Ok(Some((buf.len() - rest.len(), answer)))
        }
        Err(e) if e.is_incomplete() => Ok(None),
        Err(_) => Err(MailError::Protocol(format!("{WHAT}: an answer that is not IMAP"))),
    }
}

/// Lists every message with its header fields, sending batches to `out`.
/// Afterwards the connection is at rest again (the tagged answer read, no
/// byte left over) or an error is returned and the session must be
/// dropped.
pub async fn list_with_heads(
    s: &mut ImapSession,
    sel: &Selected,
    out: &SyncSender<Batch>,
) -> Result<(), MailError> {
    let lost = |e: std::io::Error| MailError::Offline(format!("{WHAT}: {e}"));
    let command = format!(
        "UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS ({LIST_FIELDS})])"
    );
    let tag = tokio::time::timeout(TIMEOUT, s.run_command(&command))
        .await
        .map_err(|_| MailError::Offline(format!("{WHAT}: timed out")))?
        .map_err(|e| MailError::Offline(format!("{WHAT}: {e}")))?;
    let total = sel.exists as usize;
    let stream = s.get_mut();
    let mut buf = vec![0u8; 1 << 20];
    let (mut start, mut end) = (0, 0);
    let mut batch = Vec::with_capacity(BATCH);
    let mut listed = 0usize;
    let mut listening = true;
    let budget = BYTES_ALLOWANCE.saturating_add(total.saturating_mul(BYTES_PER_MESSAGE));
    let mut read = 0usize;
    loop {
        // every complete answer in the buffer
        while let Some((used, answer)) = next_answer(&buf[start..end], sel.uidvalidity, &tag)? {
            start += used;
            match answer {
                Answer::Message(h) => {
                    listed += 1;
                    // never more than the mailbox announced
                    if listed > total {
                        return Err(MailError::Protocol(format!(
                            "{WHAT}: more answers than the {total} messages the mailbox holds"
                        )));
                    }
                    batch.push(h);
                }
                Answer::Other => {}
                Answer::Done(Some(why)) => {
                    return Err(MailError::Refused(format!("{WHAT}: {}", crate::core::sanitize::line(&why))));
                }
                Answer::Done(None) => {
                    if start != end {
                        return Err(MailError::Offline(format!("{WHAT}: unexpected data after the answer")));
                    }
                    if listening && !batch.is_empty() {
                        hand_over(out, (total, batch)).await;
                    }
                    // a refused FETCH can look like an empty success
                    if listed < total {
                        return Err(MailError::Refused(format!(
                            "the server listed {listed} of {total} messages"
                        )));
                    }
                    return Ok(());
                }
            }
            if batch.len() >= BATCH && listening {
                listening = hand_over(out, (total, std::mem::take(&mut batch))).await;
            }
        }
        buf.copy_within(start..end, 0);
        end -= start;
        start = 0;
        if end == buf.len() {
            // one answer larger than the buffer; header fields are small, so
            // a server sending hundreds of megabytes is not to be followed
            if buf.len() >= MAX_ANSWER {
                return Err(MailError::Protocol(format!("{WHAT}: an answer larger than 256 MB")));
            }
            buf.resize(buf.len() * 2, 0);
        }
        let n = tokio::time::timeout(TIMEOUT, stream.read(&mut buf[end..]))
            .await
            .map_err(|_| MailError::Offline(format!("{WHAT}: timed out")))?
            .map_err(lost)?;
        if n == 0 {
            return Err(MailError::Offline(format!("{WHAT}: the server closed the connection")));
        }
        read += n;
        if read > budget {
            return Err(MailError::Protocol(format!(
                "{WHAT}: more than {} MB for {total} messages",
                budget >> 20
            )));
        }
        end += n;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn internal_dates() {
        assert_eq!(super::internal_date("02-Nov-2026 09:15:00 +0100"), Some(1_793_607_300));
        assert_eq!(super::internal_date(" 2-Nov-2026 09:15:00 +0100"), Some(1_793_607_300));
        assert_eq!(super::internal_date("nonsense"), None);
    }
}
