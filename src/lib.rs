//! postrum: triage a Swedish municipality's function mailbox from the
//! terminal. The layers: `core` (rules, calendar, parsing, sanitizing; no
//! I/O), `store` (SQLite), `mail` (backends), `engine` (every triage action
//! through one path), `app` + `ui` (the TUI), `cli` (subcommands).

pub mod app;
pub mod cli;
pub mod config;
pub mod core;
pub mod editor;
pub mod engine;
pub mod i18n;
pub mod mail;
pub mod present;
pub mod store;
pub mod tui;
pub mod ui;
pub mod widgets;
