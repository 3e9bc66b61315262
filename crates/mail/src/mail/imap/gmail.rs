//! Deleting on a server that behaves like Gmail (`X-GM-EXT-1`), where an
//! EXPUNGE in INBOX only takes the Inbox label away and the message stays
//! in All Mail: the message is moved to the Trash folder and expunged
//! there. Its copies in All Mail and Trash — the same Message-ID, size and
//! arrival time — and what postrum sent about it (X-Postrum-About naming
//! its key, in All Mail and Sent) go the same way; an inbound Message-ID
//! never selects anything in Sent. Without a
//! Trash folder nothing is deleted: that would look done and leave the
//! message in All Mail.

use async_imap::types::NameAttribute;

use super::connect::ImapSession;
use super::ops::{drain, expunge, refused, select, store, timed, uid_set};
use crate::mail::{Applied, MailError};

/// Gmail's special folders, by their SPECIAL-USE flags.
#[derive(Clone, Debug, Default)]
pub struct Folders {
    pub trash: Option<String>,
    pub all: Option<String>,
    pub sent: Option<String>,
}

pub async fn folders(s: &mut ImapSession) -> Result<Folders, MailError> {
    let names = super::layout::list(s, "", "*").await?;
    let find = |attr: NameAttribute<'static>| {
        names.iter().find(|n| n.attributes().contains(&attr)).map(|n| n.name().to_string())
    };
    Ok(Folders {
        trash: find(NameAttribute::Trash),
        all: find(NameAttribute::All),
        sent: find(NameAttribute::Sent),
    })
}

/// Moves these UIDs of the selected folder to `to` (MOVE, or COPY and
/// expunge where the server has no MOVE).
async fn move_to(s: &mut ImapSession, uids: &[u32], to: &str, has_move: bool) -> Result<(), MailError> {
    let set = uid_set(uids);
    let moved = if has_move {
        let what = format!("UID MOVE {to}");
        let r = timed(&what, async { s.uid_mv(&set, to).await.map_err(|e| refused(&what, e)) }).await;
        drain(s);
        match r {
            Ok(()) => true,
            // announced and then refused: copy and expunge instead
            Err(MailError::Refused(_)) => false,
            Err(e) => return Err(e),
        }
    } else {
        false
    };
    if !moved {
        let what = format!("UID COPY {to}");
        timed(&what, async { s.uid_copy(&set, to).await.map_err(|e| refused(&what, e)) }).await?;
        drain(s);
        store(s, &set, "+FLAGS.SILENT (\\Deleted)").await?;
        expunge(s, &set).await?;
    }
    Ok(())
}

/// The message being deleted: what the server vouches for of it, and the
/// About token of what postrum sent about it.
pub struct Deleting {
    pub uid: u32,
    pub present: bool,
    pub identity: super::purge::Identity,
    pub about: Option<String>,
}

/// The UIDs in the selected folder that are the message itself (`copies`:
/// All Mail, Trash) or what postrum sent about it, each confirmed whole.
async fn matching(
    s: &mut ImapSession,
    folder: &str,
    it: &Deleting,
    copies: bool,
) -> Result<Vec<u32>, MailError> {
    let mut uids = Vec::new();
    if copies {
        uids.extend(super::purge::copies_of(s, folder, &it.identity).await?);
    }
    if let Some(token) = &it.about {
        uids.extend(super::purge::about(s, folder, token).await?);
    }
    uids.sort_unstable();
    uids.dedup();
    Ok(uids)
}

/// Deletes message `uid` of `mailbox` Gmail's way; then selects `mailbox` again.
pub async fn delete(
    s: &mut ImapSession,
    mailbox: &str,
    it: Deleting,
    folders: &Folders,
    has_move: bool,
) -> Result<Applied, MailError> {
    let Some(trash) = folders.trash.clone() else {
        return Err(MailError::Refused(
            "this server keeps expunged mail in All Mail (Gmail) and has no Trash folder to delete it in: nothing was deleted".into(),
        ));
    };
    if it.present {
        move_to(s, &[it.uid], &trash, has_move).await?;
    }
    let places = [(&folders.all, true), (&folders.sent, false)];
    for (folder, copies) in places.into_iter().filter_map(|(f, c)| f.as_ref().map(|f| (f, c))) {
        if folder.eq_ignore_ascii_case(&trash) || folder.eq_ignore_ascii_case(mailbox) {
            continue;
        }
        if select(s, folder, false).await?.exists == 0 {
            continue;
        }
        let uids = matching(s, folder, &it, copies).await?;
        if !uids.is_empty() && uids.len() <= super::purge::MAX_COPIES {
            move_to(s, &uids, &trash, has_move).await?;
        }
    }
    // in Trash: expunged for good
    if select(s, &trash, false).await?.exists > 0 {
        let uids = matching(s, &trash, &it, true).await?;
        if !uids.is_empty() && uids.len() <= super::purge::MAX_COPIES {
            let set = uid_set(&uids);
            store(s, &set, "+FLAGS.SILENT (\\Deleted)").await?;
            expunge(s, &set).await?;
        }
    }
    select(s, mailbox, false).await?;
    Ok(if it.present { Applied::Done } else { Applied::AlreadyDone })
}
