//! Status shared with colleagues on the server: the journal mailbox (one
//! small message per action: who, what, when) and claims, the conditional
//! STORE that lets exactly one of two registrators take a message.

use async_imap::types::Flag;

use super::connect::ImapSession;
use super::ops::{drain, fetch, refused, select, store, timed};
use crate::mail::{Claim, MailError};

/// Appends a journal entry, creating the journal mailbox on first use.
pub async fn journal_append(s: &mut ImapSession, journal: &str, raw: &[u8]) -> Result<(), MailError> {
    let what = format!("APPEND {journal}");
    let first = timed(&what, async {
        s.append(journal, Some("(\\Seen)"), None, raw).await.map_err(|e| refused(&what, e))
    })
    .await;
    drain(s);
    if let Err(MailError::Refused(_)) = first {
        let created =
            timed("CREATE", async { s.create(journal).await.map_err(|e| refused("CREATE", e)) }).await;
        drain(s);
        if let Err(MailError::Refused(why)) = created {
            // a shared mailbox: the administrator makes it, for everyone
            return Err(MailError::Refused(format!(
                "the journal mailbox {journal} does not exist and could not be created ({why}); \
                 ask the administrator to create it with the rights lrswi (lookup, read, write, \
                 seen, insert) for everyone who works the mailbox"
            )));
        }
        timed(&what, async {
            s.append(journal, Some("(\\Seen)"), None, raw).await.map_err(|e| refused(&what, e))
        })
        .await?;
        drain(s);
        return Ok(());
    }
    first
}

/// Journal entries after `last_uid` (UID and raw headers, in UID order:
/// the order the server gave them, which no writer chooses), the journal's
/// UIDVALIDITY and its last UID; reselects `mailbox` afterwards (with
/// CONDSTORE when the server has it). A journal that does not exist yet
/// has nothing.
/// How many journal entries one FETCH asks for.
const JOURNAL_CHUNK: u32 = 2_000;

pub async fn journal_since(
    s: &mut ImapSession,
    journal: &str,
    mailbox: &str,
    since: Option<(u32, u32)>,
    condstore: bool,
) -> Result<super::keys::JournalBatch, MailError> {
    let status =
        timed("STATUS", async { Ok(s.status(journal, "(UIDNEXT UIDVALIDITY MESSAGES)").await) }).await?;
    drain(s);
    let Ok(status) = status else { return Ok((Vec::new(), since)) };
    let validity = status.uid_validity.unwrap_or(0);
    let last = status.uid_next.unwrap_or(1).saturating_sub(1);
    let from = match since {
        Some((v, uid)) if v == validity => uid + 1,
        _ => 1,
    };
    if from > last || status.exists == 0 {
        return Ok((Vec::new(), Some((validity, last))));
    }
    let what = format!("EXAMINE {journal}");
    let examined = timed(&what, async { s.examine(journal).await.map_err(|e| refused(&what, e)) }).await?;
    drain(s);
    // a server may answer STATUS from what it last looked at (imap4d's
    // Maildir: entries appended since are counted only when the folder is
    // opened): what EXAMINE says is the truth
    let last = match examined.uid_next {
        Some(next) if examined.uid_validity.unwrap_or(validity) == validity => {
            last.max(next.saturating_sub(1))
        }
        _ => last,
    };
    // in ranges of UIDs, each answer's buffers freed before the next: a
    // substitute joining reads tens of thousands of entries
    let mut raws: Vec<(u32, Vec<u8>)> = Vec::new();
    let mut start = from;
    while start <= last {
        let end = start.saturating_add(JOURNAL_CHUNK - 1).min(last);
        let fetched = match fetch(s, &format!("{start}:{end}"), "(UID BODY.PEEK[HEADER])").await {
            Ok(f) => f,
            Err(e) => {
                select(s, mailbox, condstore).await?;
                return Err(e);
            }
        };
        raws.extend(
            fetched
                .iter()
                .filter_map(|f| Some((f.uid.filter(|u| (start..=end).contains(u))?, f.header()?.to_vec()))),
        );
        start = end.saturating_add(1);
    }
    select(s, mailbox, condstore).await?;
    raws.sort_by_key(|(uid, _)| *uid);
    raws.dedup_by_key(|(uid, _)| *uid);
    Ok((raws, Some((validity, last))))
}

/// Every journal entry that may be about the message `mid` (UID and raw
/// headers, in UID order): SEARCH matches a substring, so the caller
/// compares each entry's Message-ID exactly. Reselects `mailbox`. A journal
/// that does not exist yet has none.
pub async fn journal_find(
    s: &mut ImapSession,
    journal: &str,
    mailbox: &str,
    mid: &str,
    condstore: bool,
) -> Result<Vec<(u32, Vec<u8>)>, MailError> {
    if mid.is_empty() || !mid.chars().all(|c| c.is_ascii_graphic()) {
        return Err(MailError::Refused(format!("cannot search the journal for {mid:?}")));
    }
    let what = format!("EXAMINE {journal}");
    let examined = timed(&what, async { Ok(s.examine(journal).await) }).await?;
    drain(s);
    if examined.is_err() {
        select(s, mailbox, condstore).await?;
        return Ok(Vec::new());
    }
    let quoted = mid.replace('\\', "\\\\").replace('"', "\\\"");
    let query = format!("HEADER X-Postrum-Message-Id \"{quoted}\"");
    let what = "UID SEARCH (journal)";
    let found = timed(what, async { s.uid_search(&query).await.map_err(|e| refused(what, e)) }).await;
    drain(s);
    let found: Vec<u32> = match found {
        Ok(f) => f.into_iter().collect(),
        Err(e) => {
            select(s, mailbox, condstore).await?;
            return Err(e);
        }
    };
    let fetched = if found.is_empty() {
        Ok(Vec::new())
    } else {
        fetch(s, &super::ops::uid_set(&found), "(UID BODY.PEEK[HEADER])").await
    };
    select(s, mailbox, condstore).await?;
    let mut out: Vec<(u32, Vec<u8>)> = fetched?
        .iter()
        .filter_map(|f| Some((f.uid.filter(|u| found.contains(u))?, f.header()?.to_vec())))
        .collect();
    out.sort_by_key(|(uid, _)| *uid);
    out.dedup_by_key(|(uid, _)| *uid);
    Ok(out)
}

async fn flags_modseq(s: &mut ImapSession, uid: u32) -> Result<Option<(bool, u64)>, MailError> {
    let fetches = fetch(s, &uid.to_string(), "(UID FLAGS MODSEQ)").await?;
    Ok(fetches.iter().find(|f| f.uid == Some(uid)).map(|f| {
        let claimed =
            f.flags().any(|fl| matches!(fl, Flag::Custom(ref c) if c.as_ref() == super::KEYWORDS[0]));
        (claimed, f.modseq.unwrap_or(0))
    }))
}

/// Sets `$PostrumAssigned` only if nobody has: with CONDSTORE the STORE is
/// conditional (UNCHANGEDSINCE) and a `[MODIFIED]` answer means another
/// session changed the message since we looked. Dovecot checks that
/// against each session's view, so two claims at the very same moment can
/// both pass; the engine then settles it by the order of the claims in the
/// journal (`Engine::arbitrate`).
pub async fn claim(s: &mut ImapSession, uid: u32, condstore: bool) -> Result<Claim, MailError> {
    for _ in 0..3 {
        let Some((claimed, modseq)) = flags_modseq(s, uid).await? else {
            return Err(MailError::NotFound(uid.to_string()));
        };
        if claimed {
            return Ok(Claim::Taken);
        }
        if !condstore {
            store(s, &uid.to_string(), &format!("+FLAGS.SILENT ({})", super::KEYWORDS[0])).await?;
            return Ok(Claim::Won);
        }
        // driven by hand: the tagged answer says [MODIFIED uid] when another
        // session changed the message since `modseq` (async-imap's uid_store
        // does not pass the response code on, and unsolicited FETCHes of the
        // other session's change would look like our own)
        let command =
            format!("UID STORE {uid} (UNCHANGEDSINCE {modseq}) +FLAGS.SILENT ({})", super::KEYWORDS[0]);
        let what = "UID STORE (UNCHANGEDSINCE)";
        let modified = timed(what, async {
            let id = s.run_command(&command).await.map_err(|e| refused(what, e))?;
            loop {
                let Some(resp) = s.read_response().await.map_err(|e| refused(what, e.into()))? else {
                    return Err(MailError::Offline(format!("{what}: connection closed")));
                };
                if let async_imap::imap_proto::Response::Done { tag, status, outcome } = resp.parsed() {
                    if *tag != id {
                        continue;
                    }
                    if *status != async_imap::imap_proto::Status::Ok {
                        return Err(MailError::Refused(format!("{what}: {:?}", outcome.information)));
                    }
                    let text = outcome.information.as_deref().unwrap_or("");
                    return Ok(text.to_ascii_uppercase().contains("MODIFIED"));
                }
            }
        })
        .await?;
        drain(s);
        if !modified {
            return Ok(Claim::Won);
        }
        // modified since we looked: look again
    }
    Ok(Claim::Taken)
}
