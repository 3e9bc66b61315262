//! Where the function mailbox's own folders are. A mailbox shared by ACL
//! is opened under another user's name — Dovecot's `shared/kommun/INBOX`,
//! Cyrus's `Other Users/kommun` — and its journal, Sent and Trash are
//! beside it, never the person's private ones (which is all SPECIAL-USE
//! shows: servers do not flag the folders they share). Found once per
//! connection from LIST; configured names win.

use async_imap::types::{Name, NameAttribute};
use futures_util::TryStreamExt;

use super::connect::ImapSession;
use super::ops::{drain, refused, timed};
use crate::mail::MailError;

/// The folders of a shared function mailbox.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shared {
    /// The mailbox's root with its separator ("shared/kommun/").
    pub root: String,
    pub trash: Option<String>,
    pub sent: Option<String>,
}

/// Names a shared Sent or Trash folder goes by (servers do not flag them).
const SENT_NAMES: &[&str] = &["Sent", "Sent Items", "Sent Messages", "Skickat", "Skickade objekt"];
const TRASH_NAMES: &[&str] = &["Trash", "Deleted Items", "Deleted Messages", "Papperskorgen", "Borttaget"];

/// LIST with the pattern quoted (names have spaces).
pub(super) async fn list(
    s: &mut ImapSession,
    reference: &str,
    pattern: &str,
) -> Result<Vec<Name>, MailError> {
    let what = format!("LIST {pattern}");
    // async-imap sends the pattern as it is: quoted here (names have spaces)
    let quoted = format!("\"{}\"", pattern.replace('\\', "\\\\").replace('"', "\\\""));
    let names = timed(&what, async {
        let stream = s.list(Some(reference), Some(&quoted)).await.map_err(|e| refused(&what, e))?;
        stream.try_collect::<Vec<_>>().await.map_err(|e| refused(&what, e))
    })
    .await?;
    drain(s);
    Ok(names)
}

/// The folder among `children` that is `want` by flag or by name.
fn pick(children: &[Name], root: &str, attr: NameAttribute<'static>, names: &[&str]) -> Option<String> {
    let flagged = children.iter().find(|n| n.attributes().contains(&attr));
    let named = || {
        children.iter().find(|n| {
            let leaf = n.name().strip_prefix(root).unwrap_or(n.name());
            names.iter().any(|w| leaf.eq_ignore_ascii_case(w))
        })
    };
    flagged.or_else(named).map(|n| n.name().to_string())
}

/// The first of `names` under `root` that exists (STATUS answers OK).
async fn first_existing(s: &mut ImapSession, root: &str, names: &[&str]) -> Option<String> {
    for name in names {
        let full = format!("{root}{name}");
        let what = format!("STATUS {full}");
        let ok =
            timed(&what, async { s.status(&full, "(MESSAGES)").await.map_err(|e| refused(&what, e)) }).await;
        drain(s);
        if ok.is_ok() {
            return Some(full);
        }
    }
    None
}

/// The function mailbox's folders when `mailbox` is one shared by ACL
/// (another user's INBOX); None for one's own mailbox.
pub async fn shared(s: &mut ImapSession, mailbox: &str) -> Result<Option<Shared>, MailError> {
    if mailbox.eq_ignore_ascii_case("INBOX") {
        return Ok(None);
    }
    // the separator: from the mailbox itself, else from the server's root
    // (Dovecot lists no shared mailbox unless told whom it is shared with)
    let me = list(s, "", mailbox).await?.into_iter().next();
    let sep = match me.as_ref().and_then(|n| n.delimiter()) {
        Some(d) => d.to_string(),
        None => {
            match list(s, "", "").await?.into_iter().next().and_then(|n| n.delimiter().map(str::to_string)) {
                Some(d) => d,
                // the name says it: ".../INBOX" or "...INBOX"
                None => match ["/", "."]
                    .into_iter()
                    .find(|d| mailbox.to_ascii_uppercase().ends_with(&format!("{d}INBOX")))
                {
                    Some(d) => d.to_string(),
                    None => return Ok(None),
                },
            }
        }
    };
    let suffix = format!("{sep}INBOX");
    let n = mailbox.len();
    let is_inbox = n > suffix.len()
        && mailbox.is_char_boundary(n - suffix.len())
        && mailbox[n - suffix.len()..].eq_ignore_ascii_case(&suffix);
    let root = if is_inbox {
        // Dovecot: shared/kommun/INBOX, its folders beside it
        format!("{}{sep}", &mailbox[..n - suffix.len()])
    } else {
        // Cyrus: Other Users/kommun is the INBOX, its folders below it
        format!("{mailbox}{sep}")
    };
    let children = list(s, "", &format!("{root}%")).await?;
    let mut trash = pick(&children, &root, NameAttribute::Trash, TRASH_NAMES);
    let mut sent = pick(&children, &root, NameAttribute::Sent, SENT_NAMES);
    if children.is_empty() && is_inbox {
        // not listed: ask for each usual name
        trash = first_existing(s, &root, TRASH_NAMES).await;
        sent = first_existing(s, &root, SENT_NAMES).await;
    }
    let journal = children
        .iter()
        .any(|c| c.name().strip_prefix(&root).is_some_and(|l| l.eq_ignore_ascii_case("Postrum")));
    // a folder of one's own that merely has subfolders is not a shared mailbox
    if !is_inbox && trash.is_none() && sent.is_none() && !journal {
        return Ok(None);
    }
    Ok(Some(Shared { root, trash, sent }))
}
