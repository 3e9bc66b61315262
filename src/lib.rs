//! postrum: triage a Swedish municipality's function mailbox from the
//! terminal. The crates, lowest first: `postrum-domain` (`core`, `i18n`),
//! `postrum-mail` (`store`, `mail`, `config`), `postrum-engine` (`engine`,
//! `present`), and this one: the TUI (`widgets` < `app` < `ui` < `tui`)
//! and the CLI (`cli`). A crate cannot import one above it; within this
//! one `tests/architecture.rs` keeps the order.

pub use postrum_engine::{config, core, engine, i18n, mail, present, store};

pub mod app;
pub mod cli;
pub mod editor;
pub mod tui;
pub mod ui;
pub mod widgets;
