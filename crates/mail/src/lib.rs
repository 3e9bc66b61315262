//! Where postrum's data lives: the local SQLite log and cache (`store`),
//! the mailboxes and the submission server (`mail`: IMAP, Maildir, the
//! demo, SMTP, OAuth) and the config file (`config`). Imports only the
//! domain crate, whose modules it re-exports so that `crate::core` reads
//! the same in every crate.

pub use postrum_domain::{core, i18n};

pub mod config;
pub mod mail;
pub mod store;
