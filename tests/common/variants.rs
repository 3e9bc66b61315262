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
