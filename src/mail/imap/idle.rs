//! Push: a second connection that IDLEs on the mailbox and sends a note on
//! a channel whenever the server reports a change, so new mail appears
//! without a key press. IDLE is re-issued every ten minutes (well before
//! the 29-minute limit); a lost connection is opened again with backoff.
//! Without IDLE on the server nothing is pushed and the TUI's periodic
//! check remains.

use std::time::Duration;

use async_imap::extensions::idle::IdleResponse;
use tokio::sync::mpsc;

use super::actor::Settings;
use super::connect::connect;

/// How long one IDLE lasts before it is re-issued.
const REISSUE: Duration = Duration::from_secs(600);

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
        loop {
            let mut idle = session.idle();
            if idle.init().await.is_err() {
                break;
            }
            let (wait, _stop) = idle.wait_with_timeout(REISSUE);
            let outcome = wait.await;
            match outcome {
                Ok(IdleResponse::NewData(_)) => {
                    if notify.send(()).is_err() {
                        return;
                    }
                }
                Ok(IdleResponse::Timeout) => {}
                // a dropped connection also reports ManualInterrupt
                Ok(IdleResponse::ManualInterrupt) | Err(_) => break,
            }
            match tokio::time::timeout(Duration::from_secs(30), idle.done()).await {
                Ok(Ok(s)) => session = s,
                _ => break,
            }
            while session.unsolicited_responses.try_recv().is_ok() {}
        }
        // the connection is gone: tell the watcher, then connect again
        let _ = notify.send(());
        tokio::time::sleep(backoff).await;
    }
}
