//! The actor's work on folders other than the mailbox: Trash and Sent
//! (purging copies, the copy of sent mail, looking a Message-ID up),
//! deleting the Gmail way, and what the server offers (`doctor`).

use super::Actor;
use crate::mail::imap::keys::action_uid;

use crate::mail::{Applied, MailError, SentCopy};

impl Actor {
    /// Trash and Sent, looked up once a session.
    pub(super) async fn purge_folders(&mut self) -> Result<Vec<super::super::purge::Folder>, MailError> {
        if self.server.purge_folders.is_none() {
            let (trash, sent) = (self.settings.trash.clone(), self.settings.sent.clone());
            let root = self.settings.shared_root.clone();
            let (s, _) = self.session().await?;
            self.server.purge_folders = Some(
                super::super::purge::special_folders(s, trash.as_deref(), sent.as_deref(), root.as_deref())
                    .await?,
            );
        }
        Ok(self.server.purge_folders.clone().unwrap_or_default())
    }

    pub(super) async fn purge_ids(&mut self, mids: &[String]) -> Result<usize, MailError> {
        let folders = self.purge_folders().await?;
        let mailbox = self.settings.connect.url.mailbox.clone();
        let (s, _) = self.session().await?;
        super::super::purge::delete_ids(s, &mailbox, &folders, mids).await
    }

    pub(super) async fn sent_copy(&mut self, raw: &[u8]) -> Result<SentCopy, MailError> {
        let (want, configured) = (self.settings.save_sent, self.settings.sent.clone());
        self.session().await?; // connected: what the server does is known
        let keeps = self.server.exchange || self.server.gmail();
        let (s, _) = self.session().await?;
        if want == Some(false) || (want.is_none() && keeps) {
            return Ok(SentCopy::ServerKeeps);
        }
        match super::super::sent::sent_folder(s, configured.as_deref()).await? {
            Some(folder) => super::super::sent::append(s, &folder, raw).await,
            None => Ok(SentCopy::NoFolder),
        }
    }

    pub(super) async fn sent_contains(&mut self, mid: &str) -> Result<bool, MailError> {
        let configured = self.settings.sent.clone();
        let mailbox = self.settings.connect.url.mailbox.clone();
        let (s, _) = self.session().await?;
        match super::super::sent::sent_folder(s, configured.as_deref()).await? {
            Some(folder) => super::super::sent::contains(s, &folder, &mailbox, mid).await,
            None => Ok(false),
        }
    }

    pub(super) async fn delete(&mut self, key: &str) -> Result<Applied, MailError> {
        self.session().await?; // connected: what the server does is known
        if self.server.gmail() {
            return self.delete_gmail(key).await;
        }
        let folders = self.purge_folders().await?;
        let mailbox = self.settings.connect.url.mailbox.clone();
        let (s, sel) = self.session().await?;
        let uid = action_uid(key, sel)?;
        let about = crate::core::ids::about(key);
        super::super::purge::delete(s, &mailbox, uid, about.as_deref(), &folders).await
    }

    /// A claim by keyword; where the server keeps no keywords, the journal
    /// alone decides (the engine writes the claim entry and reads who was
    /// first), so this says "won" for a message that is there.
    pub(super) async fn report(&mut self) -> Result<crate::mail::ServerReport, MailError> {
        let sel = self.reselect().await?;
        let st = self.settings.clone();
        let server = self.server.clone();
        let (s, _) = self.session().await?;
        let known = super::super::report::Known {
            mailbox: &st.connect.url.mailbox,
            journal: &st.journal,
            trash: st.trash.as_deref(),
            sent: st.sent.as_deref(),
            shared_root: st.shared_root.as_deref(),
            keywords: sel.keywords,
            keywordless: server.keywordless,
            messages: sel.exists,
            // Exchange files what is sent, unless the config asks for a copy
            exchange: server.exchange && st.save_sent != Some(true),
            offered: server.offered,
        };
        super::super::report::report(s, known).await
    }

    pub(super) async fn delete_gmail(&mut self, key: &str) -> Result<Applied, MailError> {
        self.session().await?; // connected: what the server does is known
        let has_move = self.server.has_move();
        if self.server.gmail_folders.is_none() {
            let (s, _) = self.session().await?;
            self.server.gmail_folders = Some(super::super::gmail::folders(s).await?);
        }
        let folders = self.server.gmail_folders.clone().unwrap_or_default();
        let mailbox = self.settings.connect.url.mailbox.clone();
        let (s, sel) = self.session().await?;
        let uid = action_uid(key, sel)?;
        let (present, identity) = super::super::purge::look_up(s, uid).await?;
        let about = crate::core::ids::about(key);
        let it = super::super::gmail::Deleting { uid, present, identity, about };
        super::super::gmail::delete(s, &mailbox, it, &folders, has_move).await
    }
}
