//! The engine: every triage action through one path (log first, then the
//! mailbox), the reads the screens and the CLI make, opening a mailbox from
//! the config (`engine`); and `present`, which puts the engine's typed
//! outcomes and errors into the user's words. Imports the crates below.

pub use postrum_mail::{config, core, i18n, mail, store};

pub mod engine;
pub mod present;
