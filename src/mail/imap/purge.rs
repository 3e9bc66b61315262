//! Deleting a message for good: \Deleted plus UID EXPUNGE of its own UID,
//! then the copies of it in Trash and Sent. A copy is a message whose
//! Message-ID is *exactly* the deleted one's: IMAP's `SEARCH HEADER` matches
//! a substring (a Message-ID of `@` matches every message), so what the
//! search returns is only a list of candidates, each confirmed by fetching
//! its Message-ID and comparing the whole normalised value. A message
//! without a well-formed Message-ID has no copies; nothing outside it is
//! touched, and only confirmed UIDs are ever expunged.

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

/// A Message-ID as compared: the text inside the angle brackets (or the
/// whole value without them), which must be `left@right`, both non-empty,
/// printable ASCII without spaces, brackets, quotes or backslashes.
pub fn normalise(value: &str) -> Option<String> {
    let value = value.trim();
    let inner = match value.find('<') {
        Some(open) => {
            let rest = &value[open + 1..];
            let close = rest.find('>')?;
            // nothing but a comment may follow
            let after = rest[close + 1..].trim();
            if !after.is_empty() && !after.starts_with('(') {
                return None;
            }
            &rest[..close]
        }
        None => value,
    };
    let ok_char = |c: char| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\' | '(' | ')');
    if inner.is_empty() || inner.len() > 250 || !inner.chars().all(ok_char) {
        return None;
    }
    let (left, right) = inner.rsplit_once('@')?;
    if left.is_empty() || right.is_empty() || right.contains('@') {
        return None;
    }
    Some(inner.to_string())
}

/// The one well-formed Message-ID of a header block; none when it has no
/// Message-ID, a malformed one, or several.
fn the_message_id(block: &[u8]) -> Option<String> {
    match message_ids(block).as_slice() {
        [Some(one)] => Some(one.clone()),
        _ => None,
    }
}

/// Whether a message is in the selected mailbox, and its one well-formed
/// Message-ID if it has one: one FETCH for both.
pub(super) async fn look_up(s: &mut ImapSession, uid: u32) -> Result<(bool, Option<String>), MailError> {
    let fetches = fetch(s, &uid.to_string(), "(UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])").await?;
    let this = fetches.iter().find(|f| f.uid == Some(uid));
    Ok((this.is_some(), this.and_then(|f| f.header()).and_then(the_message_id)))
}

/// The Trash and Sent folders: by SPECIAL-USE, else by the given names;
/// of a shared function mailbox (`root`), only its own.
pub async fn special_folders(
    s: &mut ImapSession,
    trash: Option<&str>,
    sent: Option<&str>,
    root: Option<&str>,
) -> Result<Vec<String>, MailError> {
    let names = super::layout::list(s, "", "*").await?;
    let mut out = Vec::new();
    for n in &names {
        let special = n.attributes().iter().any(|a| matches!(a, NameAttribute::Trash | NameAttribute::Sent));
        let named = [trash, sent].iter().flatten().any(|want| n.name().eq_ignore_ascii_case(want));
        // a person's private folders are never touched for a shared mailbox
        let private = root.is_some_and(|r| !n.name().starts_with(r));
        if named || (special && !private) {
            out.push(n.name().to_string());
        }
    }
    Ok(out)
}

/// The UIDs in the selected folder whose Message-ID is exactly `mid`.
pub(super) async fn copies(s: &mut ImapSession, folder: &str, mid: &str) -> Result<Vec<u32>, MailError> {
    by_header(s, folder, "Message-ID", mid).await
}

/// The UIDs in the selected folder that postrum sent about `mid`.
pub(super) async fn about(s: &mut ImapSession, folder: &str, mid: &str) -> Result<Vec<u32>, MailError> {
    by_header(s, folder, ABOUT, mid).await
}

/// The header postrum puts on everything it sends about a message: that
/// message's Message-ID, so that any colleague's postrum deleting the
/// message finds what was sent about it.
pub const ABOUT: &str = "X-Postrum-About";

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

/// Deletes a message and its copies (the same Message-ID, exactly) in
/// `purge_folders`, then selects `mailbox` again. A message already gone
/// counts as done.
pub async fn delete(
    s: &mut ImapSession,
    mailbox: &str,
    uid: u32,
    purge_folders: &[String],
) -> Result<Applied, MailError> {
    let (present, mid) = look_up(s, uid).await?;
    if present {
        store(s, &uid.to_string(), "+FLAGS.SILENT (\\Deleted)").await?;
        expunge(s, &uid.to_string()).await?;
    }
    if let Some(mid) = mid {
        for folder in purge_folders.iter().filter(|f| !f.eq_ignore_ascii_case(mailbox)) {
            let sel = select(s, folder, false).await?;
            if sel.exists == 0 {
                continue;
            }
            let mut uids = copies(s, folder, &mid).await?;
            if uids.len() > MAX_COPIES {
                uids.clear();
            }
            // what postrum sent about it, whoever sent it
            let about = by_header(s, folder, ABOUT, &mid).await?;
            if about.len() <= MAX_COPIES {
                uids.extend(about);
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
    folders: &[String],
    mids: &[String],
) -> Result<usize, MailError> {
    let mids: Vec<String> = mids.iter().filter_map(|m| normalise(m)).collect();
    let mut removed = 0;
    for folder in folders.iter().filter(|f| !f.eq_ignore_ascii_case(mailbox)) {
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
