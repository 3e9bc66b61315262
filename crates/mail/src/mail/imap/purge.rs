//! Deleting a message for good: \Deleted plus UID EXPUNGE of its own UID,
//! then what belongs to that very message in Trash and Sent — and nothing
//! a sender could choose. In Trash: copies of the message itself (a
//! colleague's client moved or copied it there, the server kept it), known
//! by its Message-ID *and* its size and arrival time, which the server set.
//! In Trash and Sent: what postrum sent about it, known by the
//! `X-Postrum-About` header naming its server key (`core::ids::about`). An
//! inbound Message-ID never selects anything in Sent. IMAP's `SEARCH
//! HEADER` matches a substring (a Message-ID of `@` matches every
//! message), so what a search returns is only a list of candidates, each
//! confirmed whole; only confirmed UIDs are ever expunged.

use async_imap::types::NameAttribute;

use super::connect::ImapSession;
use super::ops::{drain, expunge, fetch, refused, select, store, timed, uid_set};
use crate::mail::{Applied, MailError};

/// More confirmed copies than this in one folder is not a copy of one
/// message but a sign something is wrong: nothing is purged there.
pub(super) const MAX_COPIES: usize = 20;

/// The Message-ID values in a header block (`Message-ID: <a@b>` lines,
/// unfolded), each normalised; `None` for a value that is not one.
fn message_ids(block: &[u8]) -> Vec<Option<String>> {
    values_of(block, "message-id")
}

/// The values of one header field in a header block, unfolded, each
/// normalised as a Message-ID.
fn values_of(block: &[u8], field: &str) -> Vec<Option<String>> {
    let text = String::from_utf8_lossy(block);
    let mut fields: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        if line.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                last.push_str(line);
            }
        } else if !line.is_empty() {
            fields.push(line.to_string());
        }
    }
    fields
        .iter()
        .filter_map(|f| f.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case(field))
        .map(|(_, value)| normalise(value))
        .collect()
}

/// The one well-formed Message-ID of a header block; none when it has no
/// Message-ID, a malformed one, or several.
fn the_message_id(block: &[u8]) -> Option<String> {
    match message_ids(block).as_slice() {
        [Some(one)] => Some(one.clone()),
        _ => None,
    }
}

/// What the server vouches for of a message: its Message-ID (the one
/// well-formed one, if any), size and arrival time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Identity {
    pub mid: Option<String>,
    pub size: Option<u32>,
    pub date: Option<i64>,
}

/// Whether a message is in the selected mailbox, and what identifies it:
/// one FETCH for both.
pub(super) async fn look_up(s: &mut ImapSession, uid: u32) -> Result<(bool, Identity), MailError> {
    let items = "(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])";
    let fetches = fetch(s, &uid.to_string(), items).await?;
    let this = fetches.iter().find(|f| f.uid == Some(uid));
    let identity = this.map_or_else(Identity::default, |f| Identity {
        mid: f.header().and_then(the_message_id),
        size: f.size,
        date: f.internal_date().map(|d| d.timestamp()),
    });
    Ok((this.is_some(), identity))
}

/// A folder to purge, and whether it is a Trash (where copies of the
/// message itself may lie) or a Sent (only what postrum sent about it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folder {
    pub name: String,
    pub trash: bool,
}

/// The Trash and Sent folders: by SPECIAL-USE, else by the given names;
/// of a shared function mailbox (`root`), only its own.
pub async fn special_folders(
    s: &mut ImapSession,
    trash: Option<&str>,
    sent: Option<&str>,
    root: Option<&str>,
) -> Result<Vec<Folder>, MailError> {
    let names = super::layout::list(s, "", "*").await?;
    let mut out = Vec::new();
    for n in &names {
        let attrs = n.attributes();
        let is = |want: Option<&str>| want.is_some_and(|w| n.name().eq_ignore_ascii_case(w));
        // a person's private folders are never touched for a shared mailbox
        let private = root.is_some_and(|r| !n.name().starts_with(r));
        let special_trash = attrs.iter().any(|a| matches!(a, NameAttribute::Trash)) && !private;
        let special_sent = attrs.iter().any(|a| matches!(a, NameAttribute::Sent)) && !private;
        if is(trash) || special_trash {
            out.push(Folder { name: n.name().to_string(), trash: true });
        } else if is(sent) || special_sent {
            out.push(Folder { name: n.name().to_string(), trash: false });
        }
    }
    Ok(out)
}

/// The UIDs in the selected folder whose Message-ID is exactly `mid`.
pub(super) async fn copies(s: &mut ImapSession, folder: &str, mid: &str) -> Result<Vec<u32>, MailError> {
    by_header(s, folder, "Message-ID", mid).await
}

/// The UIDs in the selected folder that postrum sent about the message
/// whose About token (`core::ids::about`) is `token`.
pub(super) async fn about(s: &mut ImapSession, folder: &str, token: &str) -> Result<Vec<u32>, MailError> {
    by_header(s, folder, ABOUT, token).await
}

/// The UIDs in the selected folder that are copies of the message itself:
/// the same Message-ID, size and arrival time (a sender can reuse a
/// Message-ID, not the server's size and INTERNALDATE of another message).
pub(super) async fn copies_of(
    s: &mut ImapSession,
    folder: &str,
    id: &Identity,
) -> Result<Vec<u32>, MailError> {
    let (Some(mid), Some(size), Some(date)) = (&id.mid, id.size, id.date) else { return Ok(Vec::new()) };
    let candidates = copies(s, folder, mid).await?;
    if candidates.is_empty() {
        return Ok(candidates);
    }
    let fetched = fetch(s, &uid_set(&candidates), "(UID RFC822.SIZE INTERNALDATE)").await?;
    let mut same: Vec<u32> = fetched
        .iter()
        .filter(|f| f.uid.is_some_and(|u| candidates.contains(&u)))
        .filter(|f| f.size == Some(size) && f.internal_date().map(|d| d.timestamp()) == Some(date))
        .filter_map(|f| f.uid)
        .collect();
    same.sort_unstable();
    same.dedup();
    Ok(same)
}

pub use crate::core::msgid::{normalise, ABOUT};

/// The UIDs in the selected folder whose `field` holds exactly `mid`
/// (one such field).
async fn by_header(s: &mut ImapSession, folder: &str, field: &str, mid: &str) -> Result<Vec<u32>, MailError> {
    // `normalise` lets no quote or backslash through: the string is safe
    let what = format!("UID SEARCH in {folder}");
    let query = format!("HEADER {field} \"<{mid}>\"");
    let found = timed(&what, async { s.uid_search(&query).await.map_err(|e| refused(&what, e)) }).await?;
    drain(s);
    let candidates: Vec<u32> = found.into_iter().collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let items = format!("(UID BODY.PEEK[HEADER.FIELDS ({})])", field.to_ascii_uppercase());
    let fetched = fetch(s, &uid_set(&candidates), &items).await?;
    let one = |block: &[u8]| match values_of(block, field).as_slice() {
        [Some(one)] => Some(one.clone()),
        _ => None,
    };
    let mut confirmed: Vec<u32> = fetched
        .iter()
        .filter(|f| f.uid.is_some_and(|u| candidates.contains(&u)))
        .filter(|f| f.header().and_then(one).as_deref() == Some(mid))
        .filter_map(|f| f.uid)
        .collect();
    confirmed.sort_unstable();
    confirmed.dedup();
    Ok(confirmed)
}

/// Deletes a message, then in `purge_folders` its own copies (Trash) and
/// what postrum sent about it (`about`, the token of its key), then
/// selects `mailbox` again. A message already gone counts as done.
pub async fn delete(
    s: &mut ImapSession,
    mailbox: &str,
    uid: u32,
    about: Option<&str>,
    purge_folders: &[Folder],
) -> Result<Applied, MailError> {
    let (present, identity) = look_up(s, uid).await?;
    if present {
        store(s, &uid.to_string(), "+FLAGS.SILENT (\\Deleted)").await?;
        expunge(s, &uid.to_string()).await?;
    }
    let mut selected_away = false;
    for folder in purge_folders.iter().filter(|f| !f.name.eq_ignore_ascii_case(mailbox)) {
        if !folder.trash && about.is_none() {
            continue;
        }
        let sel = select(s, &folder.name, false).await?;
        selected_away = true;
        if sel.exists == 0 {
            continue;
        }
        let mut uids = Vec::new();
        if folder.trash && present {
            let copies = copies_of(s, &folder.name, &identity).await?;
            if copies.len() <= MAX_COPIES {
                uids.extend(copies);
            }
        }
        if let Some(token) = about {
            // what postrum sent about it, whoever sent it
            let sent = by_header(s, &folder.name, ABOUT, token).await?;
            if sent.len() <= MAX_COPIES {
                uids.extend(sent);
            }
        }
        uids.sort_unstable();
        uids.dedup();
        if uids.is_empty() {
            continue;
        }
        let set = uid_set(&uids);
        store(s, &set, "+FLAGS.SILENT (\\Deleted)").await?;
        // UID EXPUNGE: only these, whatever else is marked \Deleted
        expunge(s, &set).await?;
    }
    if selected_away {
        select(s, mailbox, false).await?;
    }
    Ok(if present { Applied::Done } else { Applied::AlreadyDone })
}

/// Deletes the messages with these Message-IDs (mail postrum sent about a
/// deleted message) from `folders`, then selects `mailbox` again. Returns
/// how many were removed.
pub async fn delete_ids(
    s: &mut ImapSession,
    mailbox: &str,
    folders: &[Folder],
    mids: &[String],
) -> Result<usize, MailError> {
    let mids: Vec<String> = mids.iter().filter_map(|m| normalise(m)).collect();
    let mut removed = 0;
    for folder in folders.iter().map(|f| f.name.as_str()).filter(|f| !f.eq_ignore_ascii_case(mailbox)) {
        let sel = select(s, folder, false).await?;
        if sel.exists == 0 {
            continue;
        }
        let mut uids = Vec::new();
        for mid in &mids {
            let found = copies(s, folder, mid).await?;
            if found.len() <= MAX_COPIES {
                uids.extend(found);
            }
        }
        if uids.is_empty() {
            continue;
        }
        let set = uid_set(&uids);
        store(s, &set, "+FLAGS.SILENT (\\Deleted)").await?;
        expunge(s, &set).await?;
        removed += uids.len();
    }
    select(s, mailbox, false).await?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_compared_whole_and_malformed_ones_match_nothing() {
        assert_eq!(normalise(" <abc.1@norrvik.se> ").as_deref(), Some("abc.1@norrvik.se"));
        assert_eq!(normalise("abc@x").as_deref(), Some("abc@x"));
        assert_eq!(normalise("<a@b> (kommentar)").as_deref(), Some("a@b"));
        for bad in ["@", "<@>", "", "<>", "a@", "@b", "<a b@c>", "<a\"@b>", "<a@b", "x", "<a@b> c", "<a\\@b>"]
        {
            assert_eq!(normalise(bad), None, "{bad:?}");
        }
        let block = b"Message-ID: <one@x>\r\n\r\n";
        assert_eq!(the_message_id(block).as_deref(), Some("one@x"));
        let folded = b"Message-Id:\r\n <folded@x>\r\n\r\n";
        assert_eq!(the_message_id(folded).as_deref(), Some("folded@x"));
        // two Message-IDs, or none: not one message
        assert_eq!(the_message_id(b"Message-ID: <a@x>\r\nMessage-ID: <b@x>\r\n\r\n"), None);
        assert_eq!(the_message_id(b"\r\n"), None);
        assert_eq!(the_message_id(b"Message-ID: <@>\r\n\r\n"), None);
    }
}
