//! How refusals, errors and outcomes read, and the action log's words.

use crate::core::absence::AbsenceError;
use crate::core::diarienummer::EXAMPLES;
use crate::core::triage::{Action, DeleteBlock, RuleError};
use crate::engine::{OpError, Outcome};
use crate::i18n::{fill, Texts};
use crate::store::{LogState, StoreError};

pub fn rule_text(t: &Texts, e: &RuleError) -> String {
    match e {
        RuleError::UnknownHandlaggare { given, valid } => {
            fill(t.err_unknown_handlaggare, &[given, &valid.join(", ")])
        }
        RuleError::InvalidDiarienummer { given } => fill(t.err_invalid_dnr, &[given, &EXAMPLES.join(", ")]),
        RuleError::EmptyReason => t.err_empty_reason.into(),
        RuleError::AlreadyDeleted => t.err_already_deleted.into(),
        RuleError::DeleteRefused(DeleteBlock::NotAssignedNorRegistered) => t.err_block_both.into(),
        RuleError::DeleteRefused(DeleteBlock::NotAssigned) => t.err_block_assign.into(),
        RuleError::DeleteRefused(DeleteBlock::NotRegistered) => t.err_block_register.into(),
        RuleError::DeleteRefused(DeleteBlock::ThreatNotRegistered) => t.err_block_threat.into(),
        RuleError::DeleteRefused(DeleteBlock::SensitiveNotRegistered) => t.err_block_sensitive.into(),
        RuleError::DeleteRefused(DeleteBlock::ThreatNotExported) => t.desk.err_block_threat_export.into(),
        RuleError::UnknownAnswerState(given) => fill(t.desk.err_unknown_answer, &[given]),
        RuleError::InvalidDate(given) => fill(t.err_bad_date, &[given]),
        RuleError::NotAThreat => t.desk.err_not_threat.into(),
        RuleError::ChangedMeanwhile { by } => fill(t.desk.err_changed, &[by]),
        RuleError::AlreadyAssigned { by, who, at } => fill(t.desk.err_already_assigned, &[by, who, at]),
    }
}

pub fn store_text(t: &Texts, e: &StoreError) -> String {
    match e {
        StoreError::Locked { path, secs } => fill(t.err_locked, &[&path.display(), secs]),
        StoreError::DiskFull { path } => fill(t.err_disk_full, &[&path.display()]),
        StoreError::ReadOnly { path } => fill(t.err_read_only, &[&path.display()]),
        other => other.to_string(),
    }
}

pub fn error_text(t: &Texts, e: &OpError) -> String {
    match e {
        OpError::Rule(r) => rule_text(t, r),
        OpError::NoSuchMessage(id) => fill(t.err_no_message, &[id]),
        OpError::Ambiguous(id, list) => fill(t.err_ambiguous, &[id, list]),
        OpError::Store(s) => store_text(t, s),
        OpError::Mail(m) => super::mail_text(t, m),
        OpError::Absence(AbsenceError::EndsBeforeStart { from, to }) => {
            fill(t.err_absence_order, &[from, to])
        }
        OpError::Absence(AbsenceError::OwnSubstitute(who)) => fill(t.err_own_substitute, &[who]),
        OpError::Absence(AbsenceError::RosterEndsBeforeStart { from, to }) => {
            fill(t.desk.err_roster_order, &[from, to])
        }
        OpError::NotSent(why) => super::not_sent_reason(t, why),
    }
}

/// The same, with the handläggare named as the directory has them
/// ("Fördelat till Lisa Holm (Ekonomi).").
pub fn outcome_named(
    t: &Texts,
    action: &Action,
    outcome: &Outcome,
    directory: &[crate::core::records::Handlaggare],
) -> String {
    match (action, outcome) {
        (Action::Assign { who }, Outcome::Applied) => {
            let shown = directory
                .iter()
                .find(|h| &h.id == who)
                .map(|h| match (h.name.is_empty(), h.unit.is_empty()) {
                    (true, _) => h.id.clone(),
                    (false, true) => h.name.clone(),
                    (false, false) => format!("{} ({})", h.name, h.unit),
                })
                .unwrap_or_else(|| who.clone());
            fill(t.done_assigned, &[&shown])
        }
        _ => outcome_text(t, action, outcome),
    }
}

/// Why an action waits, in the user's language.
pub fn wait_text(t: &Texts, why: &crate::engine::WaitWhy) -> String {
    match why {
        crate::engine::WaitWhy::Mail(e) => super::errors::mail_text(t, e),
        crate::engine::WaitWhy::Store(s) => super::errors::reason(t, s),
    }
}

/// A one-line report of what an action did.
pub fn outcome_text(t: &Texts, action: &Action, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Waiting { why, .. } => return fill(t.done_waiting, &[&wait_text(t, why)]),
        Outcome::Taken(Some(who)) => return fill(t.done_taken, &[who]),
        Outcome::Taken(None) => return t.done_taken_unknown.to_string(),
        Outcome::Gone => return t.done_gone.to_string(),
        Outcome::Applied => {}
        Outcome::AppliedWithoutJournal(why) => {
            let done = outcome_text(t, action, &Outcome::Applied);
            return format!("{done} {}", fill(t.done_without_journal, &[why]));
        }
    }
    match action {
        Action::Assign { who } => fill(t.done_assigned, &[who]),
        Action::Register { diarienummer } => fill(t.done_registered, &[diarienummer]),
        Action::NoRegistration { reason } => fill(t.done_noreg, &[reason]),
        Action::Delete { .. } => t.done_deleted.into(),
        Action::Acknowledge => t.done_ack.into(),
        Action::MarkThreat => t.done_threat.into(),
        Action::SetAnswer { state } => fill(t.desk.done_answer, &[&answer_word(t, state)]),
        Action::ManagerTold { who } => fill(t.desk.done_manager, &[who]),
        Action::PoliceReport { date, reference } => fill(t.desk.done_police, &[date, reference]),
        Action::Exported => t.desk.done_exported.into(),
    }
}

/// An answer state's stable name in words.
pub fn answer_word(t: &Texts, state: &str) -> &'static str {
    use crate::core::records::AnswerState;
    AnswerState::ALL
        .iter()
        .position(|a| a.as_str() == state)
        .map(|i| t.desk.answer[i])
        .unwrap_or(t.desk.answer[0])
}

pub fn action_label(t: &Texts, kind: &str) -> &'static str {
    match kind {
        "assign" => t.act_assign,
        "register" => t.act_register,
        "no_registration" => t.act_noreg,
        "delete_forced" => t.act_delete_forced,
        "acknowledge" => t.act_ack,
        "threat" => t.act_threat,
        "answer" => t.desk.act_answer,
        "manager_told" => t.desk.act_manager,
        "police_report" => t.desk.act_police,
        "export" => t.desk.act_export,
        "journal_unreadable" => t.act_journal_unreadable,
        "journal_newer" => t.act_journal_newer,
        _ => t.act_delete,
    }
}

/// The detail of a logged action: who, which number, which reason.
pub fn action_detail(action: Option<&Action>) -> String {
    match action {
        Some(Action::Assign { who }) => who.clone(),
        Some(Action::Register { diarienummer }) => diarienummer.clone(),
        Some(Action::NoRegistration { reason }) => reason.clone(),
        Some(Action::Delete { force_reason: Some(r) }) => r.clone(),
        Some(Action::SetAnswer { state }) => state.clone(),
        Some(Action::ManagerTold { who }) => who.clone(),
        Some(Action::PoliceReport { date, reference }) => format!("{date} {reference}"),
        _ => String::new(),
    }
}

/// A log entry's note (stored as a code) as text: a colleague's journal
/// entry that the server contradicts, or whose claimed time is far off.
pub fn log_note(t: &Texts, note: Option<&str>) -> String {
    match note {
        Some("contradicted") => t.log_contradicted.to_string(),
        Some(n) if n.starts_with("newer:") => crate::i18n::fill(t.log_newer, &[&&n[6..]]),
        Some(n) => match n.strip_prefix("time:").and_then(|s| s.parse::<i64>().ok()) {
            Some(at) => crate::i18n::fill(t.log_time_far, &[&crate::core::clock::local_datetime(at)]),
            None => String::new(),
        },
        None => String::new(),
    }
}

pub fn log_state(t: &Texts, s: LogState) -> &'static str {
    match s {
        LogState::Pending => t.log_pending,
        LogState::Applied => t.log_applied,
        LogState::Failed => t.log_failed,
    }
}
