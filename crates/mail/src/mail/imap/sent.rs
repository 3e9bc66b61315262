//! The Sent folder for mail postrum sends: its copy (APPEND with \Seen)
//! unless the server keeps its own (Gmail files what it relays), and the
//! look-up of a Message-ID there before a send that may already have
//! gone is tried again.

use async_imap::types::NameAttribute;

use super::connect::ImapSession;
use super::ops::{drain, refused, select, timed};
use crate::mail::{MailError, SentCopy};

/// The Sent folder: marked \Sent, else the configured name, else "Sent".
pub async fn sent_folder(s: &mut ImapSession, configured: Option<&str>) -> Result<Option<String>, MailError> {
    let names = super::layout::list(s, "", "*").await?;
    if let Some(want) = configured {
        if let Some(n) = names.iter().find(|n| n.name().eq_ignore_ascii_case(want)) {
            return Ok(Some(n.name().to_string()));
        }
    }
    if let Some(n) = names.iter().find(|n| n.attributes().iter().any(|a| matches!(a, NameAttribute::Sent))) {
        return Ok(Some(n.name().to_string()));
    }
    Ok(names.iter().find(|n| n.name().eq_ignore_ascii_case("Sent")).map(|n| n.name().to_string()))
}

/// Puts the copy in Sent, read.
pub async fn append(s: &mut ImapSession, folder: &str, raw: &[u8]) -> Result<SentCopy, MailError> {
    let what = format!("APPEND {folder}");
    timed(&what, async {
        s.append(folder, Some("(\\Seen)"), None, raw).await.map_err(|e| refused(&what, e))
    })
    .await?;
    drain(s);
    Ok(SentCopy::Appended)
}

/// Whether a message with exactly this Message-ID is in `folder`; selects
/// `mailbox` again afterwards.
pub async fn contains(
    s: &mut ImapSession,
    folder: &str,
    mailbox: &str,
    mid: &str,
) -> Result<bool, MailError> {
    let Some(mid) = crate::core::msgid::normalise(mid) else { return Ok(false) };
    let sel = select(s, folder, false).await?;
    let found =
        if sel.exists == 0 { false } else { !super::purge::copies(s, folder, &mid).await?.is_empty() };
    select(s, mailbox, false).await?;
    Ok(found)
}
