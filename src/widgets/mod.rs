//! The TUI's lowest layer: what the terminal can show (`term`), the
//! colours by role (`theme`), and the small drawing pieces every screen and
//! dialog uses. Knows nothing of the App.

pub mod term;
pub mod theme;
