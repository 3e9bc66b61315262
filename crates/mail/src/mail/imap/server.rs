//! What the server can do, in one place: learned once per session — the
//! capabilities it offers after login, whether it greeted as Microsoft
//! Exchange — or once it is first needed and kept across reconnects —
//! whether it keeps custom keywords (a STORE of one was refused), whether
//! the mailbox is shared by ACL, its special folders (Trash and Sent;
//! Gmail's). The actor holds one and passes it down; no operation asks the
//! server what it can do again.

use super::connect::ImapSession;
use super::ops::drain;

/// The capabilities postrum looks at (and `doctor` reports).
pub const WATCHED: &[&str] =
    &["IDLE", "CONDSTORE", "QRESYNC", "MOVE", "UIDPLUS", "SPECIAL-USE", "X-GM-EXT-1", "ACL"];

#[derive(Clone, Debug, Default)]
pub struct Server {
    /// Of [`WATCHED`], what the server offered after login.
    pub offered: Vec<String>,
    /// It greeted as Microsoft Exchange (it files sent mail itself).
    pub exchange: bool,
    /// It keeps no custom keywords: a STORE of one was refused.
    pub keywordless: bool,
    /// The mailbox was looked at for being shared by ACL.
    pub layout_checked: bool,
    /// Trash and Sent, looked up when first needed.
    pub purge_folders: Option<Vec<super::purge::Folder>>,
    /// Gmail's Trash and All Mail, looked up when first needed.
    pub gmail_folders: Option<super::gmail::Folders>,
}

impl Server {
    /// A new session: what its greeting and CAPABILITY say (a failed
    /// CAPABILITY is a server that offers nothing postrum looks for).
    pub async fn connected(&mut self, s: &mut ImapSession, greeting: &str) {
        self.exchange = super::connect::is_exchange(greeting);
        self.offered = match s.capabilities().await {
            Ok(caps) => WATCHED.iter().filter(|c| caps.has_str(**c)).map(|c| c.to_string()).collect(),
            Err(_) => Vec::new(),
        };
        drain(s);
    }

    pub fn offers(&self, capability: &str) -> bool {
        self.offered.iter().any(|c| c == capability)
    }

    pub fn condstore(&self) -> bool {
        self.offers("CONDSTORE")
    }

    /// Gmail: EXPUNGE keeps the message in All Mail; it files sent mail.
    pub fn gmail(&self) -> bool {
        self.offers("X-GM-EXT-1")
    }

    pub fn has_move(&self) -> bool {
        self.offers("MOVE")
    }
}
