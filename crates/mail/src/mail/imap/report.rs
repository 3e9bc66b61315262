//! What the server offers and where the function mailbox's folders are,
//! for `postrum doctor`: LIST, STATUS, CAPABILITY, and one test of
//! keywords on postrum's own journal (a keyword set and taken away again
//! on its newest entry: PERMANENTFLAGS can promise what a STORE refuses).
//! Nothing is created or deleted.

use async_imap::types::{Flag, NameAttribute};

use super::connect::ImapSession;
use super::ops::{drain, refused, timed};
use crate::mail::{MailError, ServerReport};

pub struct Known<'a> {
    pub mailbox: &'a str,
    pub journal: &'a str,
    pub trash: Option<&'a str>,
    pub sent: Option<&'a str>,
    pub shared_root: Option<&'a str>,
    pub keywords: bool,
    pub keywordless: bool,
    pub messages: u32,
    pub exchange: bool,
    /// What the server offered after login (`Server::offered`).
    pub offered: Vec<String>,
}

async fn exists(s: &mut ImapSession, mailbox: &str) -> bool {
    let what = format!("STATUS {mailbox}");
    let ok =
        timed(&what, async { s.status(mailbox, "(MESSAGES)").await.map_err(|e| refused(&what, e)) }).await;
    drain(s);
    ok.is_ok()
}

/// Whether the server keeps a keyword, tried on the journal's newest entry
/// (postrum's own message: nobody reads its flags) — set, then taken away.
/// None when there is no entry to try it on.
async fn keywords_stored(
    s: &mut ImapSession,
    journal: &str,
    mailbox: &str,
) -> Result<Option<bool>, MailError> {
    let sel = match super::ops::select(s, journal, false).await {
        Ok(sel) => sel,
        Err(MailError::Offline(e)) => return Err(MailError::Offline(e)),
        Err(_) => return Ok(None),
    };
    let tried = if sel.exists == 0 || sel.uid_next < 2 {
        None
    } else {
        let fetched = super::ops::fetch(s, &format!("{}:*", sel.uid_next.saturating_sub(1)), "(UID)").await?;
        match fetched.iter().filter_map(|f| f.uid).max() {
            Some(uid) => {
                let set = uid.to_string();
                match super::ops::store(s, &set, "+FLAGS.SILENT ($PostrumAssigned)").await {
                    // a refused STORE can come back as an empty success:
                    // whether the keyword is there is what counts
                    Ok(()) => {
                        let kept = super::ops::fetch(s, &set, "(UID FLAGS)").await?.iter().any(|f| {
                            f.flags().any(
                                |fl| matches!(fl, Flag::Custom(ref c) if c.as_ref() == "$PostrumAssigned"),
                            )
                        });
                        if kept {
                            super::ops::store(s, &set, "-FLAGS.SILENT ($PostrumAssigned)").await?;
                        }
                        Some(kept)
                    }
                    Err(MailError::Refused(_)) => Some(false),
                    Err(e) => return Err(e),
                }
            }
            None => None,
        }
    };
    super::ops::select(s, mailbox, false).await?;
    Ok(tried)
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
    let offered = k.offered.clone();
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
    // PERMANENTFLAGS may say `\*` where a STORE is refused: tried, when
    // there is an entry to try it on
    let stored = if journal_exists && k.keywords && !k.keywordless {
        keywords_stored(s, k.journal, k.mailbox).await?
    } else {
        None
    };
    // shown to a person: decoded from modified UTF-7
    let shown = |n: &str| super::utf7::decode(n);
    Ok(ServerReport {
        capabilities: offered,
        keywords: k.keywords && !k.keywordless && stored != Some(false),
        mailbox: shown(k.mailbox),
        messages: k.messages,
        shared_root: k.shared_root.map(shown),
        trash: trash.as_deref().map(shown),
        sent: sent.as_deref().map(shown),
        all: all.as_deref().map(shown),
        journal: shown(k.journal),
        journal_exists,
        stamps,
        exchange: k.exchange,
    })
}
