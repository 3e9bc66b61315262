//! How core values read in the user's language: status labels, the row
//! text of unreadable messages, badges, sizes; refusals and outcomes
//! (`outcomes.rs`), the message as lines (`message.rs`), days and coverage
//! (`calendar.rs`). Shared by the TUI and the CLI so both say the same
//! thing.

use crate::core::message::{Problem, Summary};
use crate::core::triage::Status;
use crate::i18n::{fill, Texts};
use crate::store::StoredMessage;

mod calendar;
mod errors;
mod message;
mod outcomes;
mod sending;

pub use calendar::*;
pub use errors::*;
pub use message::*;
pub use outcomes::*;
pub use sending::*;

pub fn status_label(t: &Texts, msg: &StoredMessage) -> &'static str {
    if msg.pending_delete {
        return t.status_deleting;
    }
    if msg.triage.threat_at.is_some() && msg.triage.diarienummer.is_none() {
        return t.status_threat;
    }
    match msg.triage.status() {
        Status::New => t.status_new,
        Status::Assigned => t.status_assigned,
        Status::Registered => t.status_registered,
        Status::Handled => t.status_handled,
        Status::NoRegistration => t.desk.status_noreg,
        Status::Deleted => t.status_deleted,
    }
}

/// The status in at most 8 columns (the list at 80 columns and less).
pub fn status_short(t: &Texts, msg: &StoredMessage) -> &'static str {
    if msg.pending_delete {
        return t.status_deleting;
    }
    if msg.triage.threat_at.is_some() && msg.triage.diarienummer.is_none() {
        return t.status_threat;
    }
    t.desk.status_short[status_index(msg)]
}

/// The status in full, as the message view and `show` say it.
pub fn status_long(t: &Texts, msg: &StoredMessage) -> &'static str {
    t.desk.status_long[status_index(msg)]
}

/// The status's place in the word lists (`status_long`, `status_short`).
fn status_index(msg: &StoredMessage) -> usize {
    match msg.triage.status() {
        Status::New => 0,
        Status::Assigned => 1,
        Status::Registered => 2,
        Status::Handled => 3,
        Status::NoRegistration => 4,
        Status::Deleted => 5,
    }
}

/// What the sender got, in words.
pub fn answer_label(t: &Texts, msg: &StoredMessage) -> &'static str {
    answer_word(t, msg.answer_state().as_str())
}

/// The diary column: the diarienummer, or the no-registration mark.
pub fn dnr_label(t: &Texts, msg: &StoredMessage) -> String {
    match (&msg.triage.diarienummer, &msg.triage.no_registration) {
        (Some(d), _) => d.clone(),
        (None, Some(_)) => t.no_registration_short.to_string(),
        _ => String::new(),
    }
}

/// The subject, or what is wrong with an unreadable file.
pub fn subject_label(t: &Texts, summary: &Summary, size: u64) -> String {
    match &summary.problem {
        Some(Problem::Corrupt) => fill(t.corrupt_row, &[&size]),
        Some(Problem::Unreadable(why)) => fill(t.unreadable_row, &[&size, why]),
        None if summary.subject.is_empty() => t.no_subject.to_string(),
        None => summary.subject.clone(),
    }
}

pub fn sender_label(t: &Texts, summary: &Summary) -> String {
    match (summary.from_name.is_empty(), summary.from_addr.is_empty()) {
        (false, _) => summary.from_name.clone(),
        (true, false) => summary.from_addr.clone(),
        (true, true) => t.unknown_sender.to_string(),
    }
}

pub fn human_size(n: u64) -> String {
    match n {
        0..=1023 => format!("{n} B"),
        1024..=1_048_575 => format!("{:.1} kB", n as f64 / 1024.0),
        _ => format!("{:.1} MB", n as f64 / 1_048_576.0),
    }
}

/// The short badge of a message's warnings in the list: `!` suspicious,
/// `P` personal data, `A` automatic, `B` bulk, `T` threat, `§` a request
/// for public documents.
pub fn badges(msg: &StoredMessage) -> String {
    use crate::core::inspect::WarningKind::*;
    let w = &msg.summary.warnings;
    let mut b = String::new();
    if w.contains(&PublicRequest) {
        b.push('§');
    }
    if msg.triage.threat_at.is_some() {
        b.push('T');
    }
    if w.iter().any(|k| k.is_suspicious()) {
        b.push('!');
    }
    if w.contains(&Personnummer) {
        b.push('P');
    }
    if w.contains(&AutoReply) {
        b.push('A');
    }
    if w.contains(&Bulk) {
        b.push('B');
    }
    b
}

/// One of `doctor`'s findings in the interface's words.
pub fn check_text(t: &crate::i18n::Texts, c: &crate::engine::Check) -> String {
    let facts: Vec<String> = c.facts.iter().map(|f| crate::core::sanitize::line(f)).collect();
    let args: Vec<&dyn std::fmt::Display> = facts.iter().map(|f| f as &dyn std::fmt::Display).collect();
    crate::i18n::fill(crate::i18n::doctor::words(c.code.code(), t.lang()), &args)
}
