//! Dovecot settings that make it behave as other servers do on the wire.
#![allow(dead_code)]

/// Gmail: X-GM-EXT-1 and Gmail's folders with their special-use flags (the
/// folder protocol only: Dovecot still expunges for real; a test puts a
/// copy of a message in All Mail to stand for Gmail's archive).
pub const GMAIL: &str = r#"imap_capability = +X-GM-EXT-1
namespace inbox {
  mailbox Sent {
    special_use =
    auto = no
  }
  mailbox Trash {
    special_use =
    auto = no
  }
  mailbox "[Gmail]/Sent Mail" {
    special_use = \Sent
    auto = subscribe
  }
  mailbox "[Gmail]/Trash" {
    special_use = \Trash
    auto = subscribe
  }
  mailbox "[Gmail]/All Mail" {
    special_use = \All
    auto = subscribe
  }
}
"#;

/// A server that keeps no custom keywords (any new keyword is refused).
pub const KEYWORDLESS: &str = "mail_max_keyword_length = 1\n";

/// Microsoft Exchange Online as its IMAP looks on the wire: its greeting,
/// no CONDSTORE or QRESYNC among the capabilities, no custom keywords,
/// `Sent Items` and `Deleted Items` (special-use), and a limit of
/// connections per user. (IDLE cut after a while: the fault proxy's
/// `CutAfter`; SMTP-submitted mail filed in Sent Items: the test files it,
/// as the server would.)
pub const EXCHANGE: &str = r#"login_greeting = The Microsoft Exchange IMAP4 service is ready.
imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ UIDPLUS MOVE NAMESPACE CHILDREN UNSELECT
mail_max_keyword_length = 1
namespace inbox {
  mailbox Sent {
    special_use =
    auto = no
  }
  mailbox Trash {
    special_use =
    auto = no
  }
  mailbox "Sent Items" {
    special_use = \Sent
    auto = subscribe
  }
  mailbox "Deleted Items" {
    special_use = \Trash
    auto = subscribe
  }
}
protocol imap {
  mail_max_userip_connections = 12
}
"#;
