//! What the server offers and where the function mailbox's folders are,
//! for `postrum doctor`: read-only (LIST, STATUS, CAPABILITY; nothing is
//! created, written or deleted).

use async_imap::types::NameAttribute;

use super::connect::ImapSession;
use super::ops::{drain, refused, timed};
use crate::mail::{MailError, ServerReport};

/// The capabilities that change what postrum does.
const WATCHED: &[&str] =
    &["IDLE", "CONDSTORE", "QRESYNC", "MOVE", "UIDPLUS", "SPECIAL-USE", "X-GM-EXT-1", "ACL"];

pub struct Known<'a> {
    pub mailbox: &'a str,
    pub journal: &'a str,
    pub trash: Option<&'a str>,
    pub sent: Option<&'a str>,
    pub shared_root: Option<&'a str>,
    pub keywords: bool,
    pub keywordless: bool,
    pub messages: u32,
}

async fn exists(s: &mut ImapSession, mailbox: &str) -> bool {
    let what = format!("STATUS {mailbox}");
    let ok =
        timed(&what, async { s.status(mailbox, "(MESSAGES)").await.map_err(|e| refused(&what, e)) }).await;
    drain(s);
    ok.is_ok()
}

/// The newest journal entries' clocks: when the server took each (its
/// INTERNALDATE), the writer's own time (X-Postrum-At) and who wrote it
/// (X-Postrum-Origin). Read with EXAMINE (nothing changes), then the
/// mailbox is selected again.
async fn stamps(
    s: &mut ImapSession,
    journal: &str,
    mailbox: &str,
) -> Result<Vec<(i64, i64, String)>, MailError> {
    let what = format!("EXAMINE {journal}");
    let mb = timed(&what, async { s.examine(journal).await.map_err(|e| refused(&what, e)) }).await?;
    drain(s);
    let mut out = Vec::new();
    if let Some(next) = mb.uid_next.filter(|_| mb.exists > 0) {
        let set = format!("{}:*", next.saturating_sub(50).max(1));
        let items = "(UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (X-POSTRUM-AT X-POSTRUM-ORIGIN)])";
        for f in super::ops::fetch(s, &set, items).await? {
            let (Some(date), Some(head)) = (f.internal_date(), f.header()) else { continue };
            let text = String::from_utf8_lossy(head);
            let field = |name: &str| {
                text.lines()
                    .find_map(|l| l.split_once(':').filter(|(n, _)| n.trim().eq_ignore_ascii_case(name)))
                    .map(|(_, v)| v.trim().to_string())
            };
            if let (Some(at), Some(origin)) =
                (field("X-Postrum-At").and_then(|a| a.parse().ok()), field("X-Postrum-Origin"))
            {
                out.push((date.timestamp(), at, crate::core::sanitize::line(&origin)));
            }
        }
    }
    super::ops::select(s, mailbox, false).await?;
    Ok(out)
}

pub async fn report(s: &mut ImapSession, k: Known<'_>) -> Result<ServerReport, MailError> {
    let caps = s.capabilities().await.map_err(|e| MailError::Offline(format!("CAPABILITY: {e}")))?;
    drain(s);
    let offered: Vec<String> = WATCHED.iter().filter(|c| caps.has_str(**c)).map(|c| c.to_string()).collect();
    let names = super::layout::list(s, "", "*").await?;
    let flagged = |attr: NameAttribute<'static>| {
        names
            .iter()
            .filter(|n| k.shared_root.is_none_or(|r| n.name().starts_with(r)))
            .find(|n| n.attributes().contains(&attr))
            .map(|n| n.name().to_string())
    };
    let trash = k.trash.map(str::to_string).or_else(|| flagged(NameAttribute::Trash));
    let sent = k.sent.map(str::to_string).or_else(|| flagged(NameAttribute::Sent));
    let all = flagged(NameAttribute::All);
    let journal_exists = exists(s, k.journal).await;
    let stamps = if journal_exists { stamps(s, k.journal, k.mailbox).await? } else { Vec::new() };
    // shown to a person: decoded from modified UTF-7
    let shown = |n: &str| super::utf7::decode(n);
    Ok(ServerReport {
        capabilities: offered,
        keywords: k.keywords && !k.keywordless,
        mailbox: shown(k.mailbox),
        messages: k.messages,
        shared_root: k.shared_root.map(shown),
        trash: trash.as_deref().map(shown),
        sent: sent.as_deref().map(shown),
        all: all.as_deref().map(shown),
        journal: shown(k.journal),
        journal_exists,
        stamps,
    })
}
