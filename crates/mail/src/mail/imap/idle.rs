//! Push: a second connection that IDLEs on the mailbox and sends a note on
//! a channel whenever the server reports a change, so new mail and a
//! colleague's keywords appear without a key press. One IDLE cannot watch
//! two mailboxes, so the journal is looked at with a STATUS at every
//! wake-up, every second for a few seconds after a change in the mailbox
//! (a colleague's entry follows their keywords within moments), and every
//! 20 seconds otherwise (a handover note or an absence touches no message). A lost connection is
//! opened again with backoff. Without IDLE on the server nothing is pushed
//! and the TUI's periodic check remains.

use std::time::Duration;

use async_imap::extensions::idle::IdleResponse;
use tokio::sync::mpsc;

use super::connect::connect;
use super::keys::Settings;

/// How long one IDLE lasts before it is re-issued and the journal looked
/// at, when nothing happened lately (well before the 29-minute limit).
const REISSUE: Duration = Duration::from_secs(20);

/// After a change in the mailbox, the journal is looked at this often a few
/// times: a colleague's entry follows their keywords within moments.
const FOLLOW_UP: Duration = Duration::from_secs(1);
const FOLLOW_UPS: u32 = 4;

/// The journal's (UIDVALIDITY, UIDNEXT), or None when it cannot be read
/// (it may not exist yet).
async fn journal_mark(session: &mut super::connect::ImapSession, journal: &str) -> Option<(u32, u32)> {
    let status =
        tokio::time::timeout(Duration::from_secs(30), session.status(journal, "(UIDNEXT UIDVALIDITY)"))
            .await
            .ok()?
            .ok()?;
    while session.unsolicited_responses.try_recv().is_ok() {}
    Some((status.uid_validity.unwrap_or(0), status.uid_next.unwrap_or(0)))
}

pub async fn run(settings: Settings, notify: mpsc::UnboundedSender<()>) {
    let mut backoff = Duration::from_secs(1);
    loop {
        if notify.is_closed() {
            return;
        }
        let Ok(mut session) = connect(&settings.connect, &settings.secret).await else {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(60));
            continue;
        };
        let idle_ok = session.capabilities().await.map(|c| c.has_str("IDLE")).unwrap_or(false);
        if !idle_ok || session.select(&settings.connect.url.mailbox).await.is_err() {
            return;
        }
        backoff = Duration::from_secs(1);
        let mut journal = journal_mark(&mut session, &settings.journal).await;
        let mut follow_ups = 0;
        loop {
            let mut idle = session.idle();
            if idle.init().await.is_err() {
                break;
            }
            let timeout = if follow_ups > 0 {
                follow_ups -= 1;
                FOLLOW_UP
            } else {
                REISSUE
            };
            let (wait, _stop) = idle.wait_with_timeout(timeout);
            let outcome = wait.await;
            let mut changed = match outcome {
                Ok(IdleResponse::NewData(_)) => {
                    follow_ups = FOLLOW_UPS;
                    true
                }
                Ok(IdleResponse::Timeout) => false,
                // a dropped connection also reports ManualInterrupt
                Ok(IdleResponse::ManualInterrupt) | Err(_) => break,
            };
            match tokio::time::timeout(Duration::from_secs(30), idle.done()).await {
                Ok(Ok(s)) => session = s,
                _ => break,
            }
            while session.unsolicited_responses.try_recv().is_ok() {}
            let now = journal_mark(&mut session, &settings.journal).await;
            if now != journal {
                journal = now;
                changed = true;
            }
            if changed && notify.send(()).is_err() {
                return;
            }
        }
        // the connection is gone: tell the watcher, then connect again
        let _ = notify.send(());
        tokio::time::sleep(backoff).await;
    }
}
