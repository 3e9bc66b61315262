//! postrum's domain, with no I/O: the rules, the calendar, parsing and
//! sanitizing of mail (`core`), and every word the program says in Swedish
//! and English (`i18n`). The lowest crate: it imports no other of postrum's.

pub mod core;
pub mod i18n;
