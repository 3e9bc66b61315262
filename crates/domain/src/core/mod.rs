//! The core: no terminal, no network, no disk. Triage rules, the Swedish
//! calendar, stable message ids, diarienummer validation, message parsing
//! into what the list and the message view show, and the sanitizer every
//! untrusted string passes before it is shown.

pub mod absence;
pub mod calendar;
pub mod clock;
pub mod coverage;
pub mod deadline;
pub mod diarienummer;
pub mod html;
pub mod ids;
pub mod inspect;
pub mod journal;
pub mod layout;
pub mod message;
pub mod msgid;
pub mod outgoing;
pub mod records;
pub mod sanitize;
pub mod shared_records;
pub mod triage;
pub mod views;
