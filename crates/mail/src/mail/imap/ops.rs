//! The IMAP commands postrum needs, on one selected mailbox: list every
//! message (UID, flags, arrival, size), fetch headers in bulk and a body on
//! demand, set the status keywords. Counts are checked against EXISTS: a
//! refused FETCH can look like an empty success. Deleting (with the copies
//! in Trash and Sent) is in `purge.rs`, the journal and claims in
//! `shared.rs`.

use async_imap::types::{Fetch, Flag};
use futures_util::TryStreamExt;

use super::connect::{ImapSession, TIMEOUT};
use crate::mail::{Entry, MailError};

/// A lost connection is "offline" (the action waits and is retried); a
/// NO, BAD or unparsable answer is the server refusing.
pub(super) fn refused(what: &str, e: async_imap::error::Error) -> MailError {
    use async_imap::error::Error;
    match e {
        // async-imap reports an answer its parser does not know (imap4d's
        // "* 1 EXPUNGED") as an I/O error: the server is there, its answer
        // is what postrum cannot use
        Error::Io(ref io) if io.to_string().contains("during parsing of") => {
            MailError::Protocol(format!("{what}: an answer postrum cannot use"))
        }
        Error::Io(_) | Error::ConnectionLost => {
            MailError::Offline(format!("{what}: {}", crate::core::sanitize::line(&e.to_string())))
        }
        // never a dump of the bytes: they are the server's, and may be hostile
        Error::Parse(_) => MailError::Protocol(format!("{what}: an answer that is not IMAP")),
        _ => MailError::Refused(format!("{what}: {}", crate::core::sanitize::line(&e.to_string()))),
    }
}

pub(super) async fn timed<T>(
    what: &str,
    fut: impl std::future::Future<Output = Result<T, MailError>>,
) -> Result<T, MailError> {
    tokio::time::timeout(TIMEOUT * 4, fut)
        .await
        .unwrap_or_else(|_| Err(MailError::Offline(format!("{what}: timed out"))))
}

/// Unsolicited responses go into a bounded channel that drops when full:
/// empty it after every command.
pub(super) fn drain(s: &mut ImapSession) {
    while s.unsolicited_responses.try_recv().is_ok() {}
}

/// "1:5,7,9:12" from UIDs.
pub fn uid_set(uids: &[u32]) -> String {
    let mut sorted = uids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}:{end}") });
        i += 1;
    }
    parts.join(",")
}

pub use super::keys::Selected;

pub async fn select(s: &mut ImapSession, mailbox: &str, condstore: bool) -> Result<Selected, MailError> {
    let what = format!("SELECT {mailbox}");
    let mb = timed(&what, async {
        if condstore { s.select_condstore(mailbox).await } else { s.select(mailbox).await }
            .map_err(|e| refused(&what, e))
    })
    .await?;
    drain(s);
    Ok(Selected {
        uidvalidity: mb.uid_validity.unwrap_or(0),
        exists: mb.exists,
        uid_next: mb.uid_next.unwrap_or(0),
        highest_modseq: mb.highest_modseq,
        // no PERMANENTFLAGS at all: the server did not say, so try
        keywords: mb.permanent_flags.is_empty() || mb.permanent_flags.contains(&Flag::MayCreate),
    })
}

pub(super) async fn fetch(s: &mut ImapSession, set: &str, query: &str) -> Result<Vec<Fetch>, MailError> {
    fetch_map(s, set, query, usize::MAX, Some).await
}

/// A FETCH whose answers are turned into `T` one by one as they arrive: a
/// `Fetch` keeps its read buffer alive, so 100,000 of them held at once
/// would cost hundreds of megabytes. More than `max` answers (what the
/// mailbox announced) is a server not to be followed.
async fn fetch_map<T>(
    s: &mut ImapSession,
    set: &str,
    query: &str,
    max: usize,
    mut f: impl FnMut(Fetch) -> Option<T>,
) -> Result<Vec<T>, MailError> {
    let what = format!("UID FETCH {query}");
    let out = timed(&what, async {
        let mut stream = s.uid_fetch(set, query).await.map_err(|e| refused(&what, e))?;
        let mut out = Vec::new();
        let mut answers = 0usize;
        while let Some(fetch) = stream.try_next().await.map_err(|e| refused(&what, e))? {
            answers += 1;
            if answers > max {
                return Err(MailError::Protocol(format!(
                    "{what}: more answers than the {max} messages asked for"
                )));
            }
            out.extend(f(fetch));
        }
        Ok(out)
    })
    .await?;
    drain(s);
    Ok(out)
}

/// Answers beyond those asked for that a FETCH may bring: another
/// session's flag changes arrive as unsolicited FETCH answers too.
const SLACK: usize = 1000;

/// What the listing fetches of every message.
const LISTING: &str = "(UID FLAGS INTERNALDATE RFC822.SIZE)";

/// A listed message from a FETCH answer.
fn entry(validity: u32, f: &Fetch) -> Option<Entry> {
    let uid = f.uid?;
    Some(Entry {
        key: super::keys::key_of(validity, uid),
        size: u64::from(f.size.unwrap_or(0)),
        modified: f.internal_date().map_or(0, |d| d.timestamp()),
        answered: f.flags().any(|fl| fl == Flag::Answered),
        marks: marks(f),
    })
}

/// The status keywords of a FETCH answer.
fn marks(f: &Fetch) -> u8 {
    let custom: Vec<String> = f
        .flags()
        .filter_map(|fl| if let Flag::Custom(c) = fl { Some(c.to_string()) } else { None })
        .collect();
    super::marks_of(custom.iter().map(String::as_str))
}

/// Every message in the selected mailbox.
pub async fn entries(s: &mut ImapSession, sel: &Selected) -> Result<Vec<Entry>, MailError> {
    if sel.exists == 0 {
        return Ok(Vec::new());
    }
    let validity = sel.uidvalidity;
    let entries = fetch_map(s, "1:*", LISTING, sel.exists as usize + SLACK, |f| entry(validity, &f)).await?;
    if entries.len() as u32 != sel.exists {
        return Err(MailError::Refused(format!(
            "the server listed {} of {} messages",
            entries.len(),
            sel.exists
        )));
    }
    Ok(entries)
}

/// Messages new or changed since `modseq` (CONDSTORE CHANGEDSINCE).
pub async fn entries_changed_since(
    s: &mut ImapSession,
    sel: &Selected,
    modseq: u64,
) -> Result<Vec<Entry>, MailError> {
    if sel.exists == 0 {
        return Ok(Vec::new());
    }
    let validity = sel.uidvalidity;
    let query = format!("{LISTING} (CHANGEDSINCE {modseq})");
    fetch_map(s, "1:*", &query, sel.exists as usize + SLACK, |f| entry(validity, &f)).await
}

/// Which messages are marked answered and which carry status keywords
/// (`keywords`: the server keeps them), by UID SEARCH: one short answer
/// each instead of every message's flags — what a server without
/// CONDSTORE is asked at each refresh.
pub async fn answered_and_marks(
    s: &mut ImapSession,
    sel: &Selected,
    keywords: bool,
) -> Result<(Vec<String>, Vec<(String, u8)>), MailError> {
    if sel.exists == 0 {
        return Ok((Vec::new(), Vec::new()));
    }
    let validity = sel.uidvalidity;
    let mut search = async |query: &str| -> Result<Vec<u32>, MailError> {
        let what = format!("UID SEARCH {query}");
        let found = timed(&what, async { s.uid_search(query).await.map_err(|e| refused(&what, e)) }).await?;
        drain(s);
        let mut uids: Vec<u32> = found.into_iter().collect();
        uids.sort_unstable();
        Ok(uids)
    };
    let answered = search("ANSWERED").await?.into_iter().map(|u| super::keys::key_of(validity, u)).collect();
    let mut marks: std::collections::BTreeMap<u32, u8> = std::collections::BTreeMap::new();
    if keywords {
        for (i, k) in super::KEYWORDS.iter().enumerate() {
            for uid in search(&format!("KEYWORD {k}")).await? {
                *marks.entry(uid).or_default() |= 1 << i;
            }
        }
    }
    let marks = marks.into_iter().map(|(u, m)| (super::keys::key_of(validity, u), m)).collect();
    Ok((answered, marks))
}

/// Every UID in the selected mailbox.
pub async fn all_uids(s: &mut ImapSession) -> Result<Vec<u32>, MailError> {
    let what = "UID SEARCH ALL";
    let found = timed(what, async { s.uid_search("ALL").await.map_err(|e| refused(what, e)) }).await?;
    drain(s);
    Ok(found.into_iter().collect())
}

/// The header fields the list and its inspection read: the rest of a
/// message is fetched when it is opened.
pub const LIST_FIELDS: &str = "FROM TO SUBJECT DATE MESSAGE-ID REPLY-TO RETURN-PATH AUTHENTICATION-RESULTS \
LIST-ID LIST-UNSUBSCRIBE PRECEDENCE FEEDBACK-ID AUTO-SUBMITTED X-AUTOREPLY X-AUTORESPOND MIME-VERSION CONTENT-TYPE \
IN-REPLY-TO REFERENCES";

/// The headers of many messages, by UID, in chunks.
pub async fn heads(s: &mut ImapSession, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>, MailError> {
    let mut out = Vec::with_capacity(uids.len());
    for chunk in uids.chunks(1000) {
        let query = format!("(UID BODY.PEEK[HEADER.FIELDS ({LIST_FIELDS})])");
        out.extend(
            fetch_map(s, &uid_set(chunk), &query, chunk.len() + SLACK, |f| {
                Some((f.uid?, f.header()?.to_vec()))
            })
            .await?,
        );
    }
    Ok(out)
}

/// One whole message, or None when the UID is gone.
pub async fn body(s: &mut ImapSession, uid: u32) -> Result<Option<Vec<u8>>, MailError> {
    let fetches = fetch(s, &uid.to_string(), "(UID BODY.PEEK[])").await?;
    Ok(fetches.iter().find(|f| f.uid == Some(uid)).and_then(|f| f.body()).map(<[u8]>::to_vec))
}

pub(super) async fn store(s: &mut ImapSession, set: &str, query: &str) -> Result<(), MailError> {
    let what = format!("UID STORE {query}");
    timed(&what, async {
        let stream = s.uid_store(set, query).await.map_err(|e| refused(&what, e))?;
        stream.try_collect::<Vec<Fetch>>().await.map_err(|e| refused(&what, e))
    })
    .await?;
    drain(s);
    Ok(())
}

/// Expunges exactly these UIDs (marked \Deleted). Without UIDPLUS (UID
/// EXPUNGE refused), a plain EXPUNGE would take whatever else someone has
/// marked \Deleted in the folder: it is sent only when nothing else is
/// marked, and otherwise refused with the reason (a colleague's mark is
/// never taken away, not even for a moment).
pub(super) async fn expunge(s: &mut ImapSession, set: &str) -> Result<(), MailError> {
    let what = "UID EXPUNGE";
    let r = timed(what, async {
        let stream = s.uid_expunge(set).await.map_err(|e| refused(what, e))?;
        stream.try_collect::<Vec<u32>>().await.map_err(|e| refused(what, e))
    })
    .await;
    drain(s);
    match r {
        // a refusal may end the answer quietly: whether they are gone is what counts
        Ok(_) if !still_there(s, set).await? => Ok(()),
        Ok(_) | Err(MailError::Refused(_)) => expunge_without_uidplus(s, set).await,
        Err(e) => Err(e),
    }
}

async fn expunge_without_uidplus(s: &mut ImapSession, set: &str) -> Result<(), MailError> {
    let ours: std::collections::HashSet<u32> = expand(set);
    let what = "UID SEARCH DELETED";
    let marked = timed(what, async { s.uid_search("DELETED").await.map_err(|e| refused(what, e)) }).await?;
    drain(s);
    let others = marked.into_iter().filter(|u| !ours.contains(u)).count();
    if others > 0 {
        // a plain EXPUNGE would take a colleague's marked messages too, and
        // taking their mark away for the moment would lose it if anything
        // fails in between: their messages are not ours to touch. The
        // deletion waits (marked \Deleted, it goes with their next expunge)
        return Err(MailError::Refused(format!(
            "EXPUNGE: the server has no UIDPLUS and {others} other message(s) in the folder are marked \\Deleted by someone else; the deletion waits until they are expunged"
        )));
    }
    let what = "EXPUNGE";
    // a server without UIDPLUS may answer "* N EXPUNGED" (imap4d)
    s.get_mut().read_expunged();
    let r = timed(what, async {
        let stream = s.expunge().await.map_err(|e| refused(what, e))?;
        stream.try_collect::<Vec<u32>>().await.map_err(|e| refused(what, e))
    })
    .await;
    drain(s);
    r?;
    if still_there(s, set).await? {
        return Err(MailError::Refused("EXPUNGE: the message is still there".into()));
    }
    Ok(())
}

/// Whether any of these UIDs is still in the selected mailbox (answers
/// about other messages, a colleague's flag changes, do not count).
async fn still_there(s: &mut ImapSession, set: &str) -> Result<bool, MailError> {
    let ours = expand(set);
    Ok(fetch(s, set, "(UID)").await?.iter().any(|f| f.uid.is_some_and(|u| ours.contains(&u))))
}

/// The UIDs of a set written by `uid_set` ("1:3,5").
fn expand(set: &str) -> std::collections::HashSet<u32> {
    let mut out = std::collections::HashSet::new();
    for part in set.split(',') {
        match part.split_once(':') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
                    out.extend(a.min(b)..=a.max(b));
                }
            }
            None => out.extend(part.parse::<u32>().ok()),
        }
    }
    out
}

/// Sets and clears keywords on one message. A STORE on a UID that is gone
/// succeeds doing nothing: the message is looked for afterwards, and its
/// absence is `NotFound`, never a silent success.
/// Whether a message is in the selected mailbox.
pub async fn exists(s: &mut ImapSession, uid: u32) -> Result<bool, MailError> {
    Ok(fetch(s, &uid.to_string(), "(UID FLAGS)").await?.iter().any(|f| f.uid == Some(uid)))
}

pub async fn keywords(s: &mut ImapSession, uid: u32, add: &[&str], remove: &[&str]) -> Result<(), MailError> {
    if !add.is_empty() {
        store(s, &uid.to_string(), &format!("+FLAGS.SILENT ({})", add.join(" "))).await?;
    }
    if !remove.is_empty() {
        store(s, &uid.to_string(), &format!("-FLAGS.SILENT ({})", remove.join(" "))).await?;
    }
    let fetched = fetch(s, &uid.to_string(), "(UID FLAGS)").await?;
    let Some(this) = fetched.iter().find(|f| f.uid == Some(uid)) else {
        return Err(MailError::NotFound(uid.to_string()));
    };
    // async-imap can report a refused STORE as an empty success: whether
    // the keywords are there is what counts
    let kept: Vec<String> = this
        .flags()
        .filter_map(|fl| if let Flag::Custom(c) = fl { Some(c.to_string()) } else { None })
        .collect();
    if let Some(missing) = add.iter().find(|k| !kept.iter().any(|c| c.eq_ignore_ascii_case(k))) {
        return Err(MailError::Refused(format!("UID STORE: the server did not keep the keyword {missing}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn uid_sets_compress_runs() {
        assert_eq!(super::uid_set(&[5, 1, 2, 3, 9, 7, 8, 3]), "1:3,5,7:9");
        assert_eq!(super::uid_set(&[42]), "42");
        assert_eq!(super::uid_set(&[]), "");
    }
}
