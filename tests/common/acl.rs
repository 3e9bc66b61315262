//! A function mailbox shared by ACL, as on-premises Dovecot shares one:
//! it belongs to user `kommun`; `anna` and `bo` log in as themselves and
//! open `shared/kommun/INBOX`, whose Sent and Trash are shared too (and
//! carry no special-use flags there); each has private folders of their
//! own, Sent and Trash flagged. Keywords are shared, \Seen is private.
#![allow(dead_code)]

use super::dovecot::{is_root, Dovecot};

/// Dovecot settings for the shared namespace and ACLs.
pub const SHARED_ACL: &str = "mail_plugins = $mail_plugins acl
protocol imap {
  mail_plugins = $mail_plugins imap_acl
}
plugin {
  acl = vfile
}
namespace shared {
  type = shared
  separator = /
  prefix = shared/%%u/
  location = maildir:%%h/Maildir:INDEXPVT=~/Maildir/shared/%%u
  subscriptions = no
  list = children
}
";

/// The shared mailbox's IMAP name.
pub const KOMMUN: &str = "shared/kommun/INBOX";

impl Dovecot {
    /// Starts a Dovecot sharing kommun's mailbox with anna and bo, its
    /// journal folder made by the administrator.
    pub fn start_shared() -> Dovecot {
        let dc = Dovecot::start_shared_without_journal();
        dc.create_shared_journal();
        dc
    }

    /// The administrator makes the journal folder, shared like the rest.
    pub fn create_shared_journal(&self) {
        self.share_folders(&[".Postrum"]);
    }

    fn share_folders(&self, folders: &[&str]) {
        let base = self.dir.join("mail/kommun/Maildir");
        for f in folders {
            for sub in ["cur", "new", "tmp"] {
                std::fs::create_dir_all(base.join(f).join(sub)).unwrap();
            }
            // lookup, read, write, seen, write-deleted, insert, post, expunge, create, delete, admin
            std::fs::write(base.join(f).join("dovecot-acl"), "user=anna lrwstipekxa\nuser=bo lrwstipekxa\n")
                .unwrap();
        }
        if is_root() {
            let _ = std::process::Command::new("chown")
                .args(["-R", "65534:65534"])
                .arg(self.dir.join("mail"))
                .status();
        }
    }

    /// The same with no journal folder yet.
    pub fn start_shared_without_journal() -> Dovecot {
        let dc = Dovecot::start_with(SHARED_ACL);
        dc.share_folders(&["", ".Sent", ".Trash"]);
        for user in ["anna", "bo"] {
            for sub in ["cur", "new", "tmp"] {
                std::fs::create_dir_all(dc.dir.join(format!("mail/{user}/Maildir/{sub}"))).unwrap();
            }
        }
        if is_root() {
            let _ = std::process::Command::new("chown")
                .args(["-R", "65534:65534"])
                .arg(dc.dir.join("mail"))
                .status();
        }
        dc
    }
}
