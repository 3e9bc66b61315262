//! The triage model: a message's state, the actions on it, and the rules
//! each action must pass (the guards users rely on). Pure logic; the engine
//! applies it, the store keeps it.

use serde::{Deserialize, Serialize};

use super::diarienummer::DnrPattern;

/// Who or which number, when only a colleague's status keyword says that
/// the message was assigned or registered (their journal entry missing).
pub const UNKNOWN: &str = "?";

/// The triage state of one message, as the store keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageState {
    pub assignee: Option<String>,
    pub diarienummer: Option<String>,
    /// Set when the message needs no registration (with the reason).
    pub no_registration: Option<String>,
    /// Unix seconds when the deletion was applied.
    pub deleted_at: Option<i64>,
    /// When and by whom the sender was told (kvittens).
    pub acknowledged_at: Option<i64>,
    pub acknowledged_by: Option<String>,
    /// Marked as a threat or harassment (when, by whom).
    pub threat_at: Option<i64>,
    pub threat_by: Option<String>,
    /// What else was recorded: the answer state set by hand, a threat's
    /// manager and police report, the original exported.
    /// (None when nothing is: most messages, so it costs 8 bytes there.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Box<Records>>,
}

/// The records beyond the status: kept as one JSON column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Records {
    /// The answer state set by hand (`awaiting|answered|not_needed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// A threat: the manager who was told (who, when, by whom).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<Told>,
    /// A threat: the police report (its date and the police's reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub police: Option<PoliceReport>,
    /// When the original was written out (`export`), and by whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Told {
    pub who: String,
    pub at: i64,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliceReport {
    /// The date of the report (YYYY-MM-DD).
    pub date: String,
    /// The police's reference (diarienummer hos polisen), as given.
    pub reference: String,
    pub at: i64,
    pub by: String,
}

/// The answer states one may set by hand.
pub const ANSWER_STATES: [&str; 3] = ["awaiting", "answered", "not_needed"];

/// The derived status shown in the list and in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    New,
    Assigned,
    Registered,
    /// Assigned and registered.
    Handled,
    /// Needs no registration (with a reason).
    NoRegistration,
    Deleted,
}

impl Status {
    /// The stable name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Assigned => "assigned",
            Status::Registered => "registered",
            Status::Handled => "handled",
            Status::NoRegistration => "no_registration",
            Status::Deleted => "deleted",
        }
    }
}

static NO_RECORDS: Records =
    Records { answer: None, manager: None, police: None, exported_at: None, exported_by: None };

impl TriageState {
    /// What is recorded beyond the status (empty when nothing is).
    pub fn records(&self) -> &Records {
        self.records.as_deref().unwrap_or(&NO_RECORDS)
    }

    /// The records, to write to.
    pub fn records_mut(&mut self) -> &mut Records {
        self.records.get_or_insert_with(Default::default)
    }

    #[inline]
    pub fn status(&self) -> Status {
        if self.deleted_at.is_some() {
            Status::Deleted
        } else if self.no_registration.is_some() {
            Status::NoRegistration
        } else if self.assignee.is_some() && self.diarienummer.is_some() {
            Status::Handled
        } else if self.diarienummer.is_some() {
            Status::Registered
        } else if self.assignee.is_some() {
            Status::Assigned
        } else {
            Status::New
        }
    }
}

/// A triage action on one message: the same value from a key press and
/// from a CLI subcommand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    Assign {
        who: String,
    },
    Register {
        diarienummer: String,
    },
    NoRegistration {
        reason: String,
    },
    Delete {
        force_reason: Option<String>,
    },
    /// The sender was told (kvittens): stops the deadline clock.
    Acknowledge,
    /// A threat or harassment: logged, and blocks deletion until registered.
    MarkThreat,
    /// The answer state set by hand (one of `ANSWER_STATES`).
    SetAnswer {
        state: String,
    },
    /// A threat: the manager was told.
    ManagerTold {
        who: String,
    },
    /// A threat: the police report, with its date and the police's reference.
    PoliceReport {
        date: String,
        reference: String,
    },
    /// The original was written out (for the diary, or as evidence).
    Exported,
}

impl Action {
    /// The stable name used in the log.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Assign { .. } => "assign",
            Action::Register { .. } => "register",
            Action::NoRegistration { .. } => "no_registration",
            Action::Delete { force_reason: None } => "delete",
            Action::Delete { force_reason: Some(_) } => "delete_forced",
            Action::Acknowledge => "acknowledge",
            Action::MarkThreat => "threat",
            Action::SetAnswer { .. } => "answer",
            Action::ManagerTold { .. } => "manager_told",
            Action::PoliceReport { .. } => "police_report",
            Action::Exported => "export",
        }
    }
}

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("unknown handläggare {given:?}; valid: {}", valid.join(", "))]
    UnknownHandlaggare { given: String, valid: Vec<String> },
    #[error("invalid diarienummer {given:?}")]
    InvalidDiarienummer { given: String },
    #[error("a reason is required")]
    EmptyReason,
    #[error("the message is already deleted")]
    AlreadyDeleted,
    #[error("delete refused: {0:?}")]
    DeleteRefused(DeleteBlock),
    #[error("unknown answer state {0:?}; valid: awaiting, answered, not_needed")]
    UnknownAnswerState(String),
    #[error("invalid date {0:?} (YYYY-MM-DD)")]
    InvalidDate(String),
    #[error("only a message marked as a threat has a manager or a police report")]
    NotAThreat,
    /// A colleague changed the message after it was marked (bulk actions).
    #[error("changed meanwhile by {by}")]
    ChangedMeanwhile { by: String },
    /// A first assignment met a colleague's assignment made before it: a
    /// lost race, not a reassignment (reassigning is asked for on purpose).
    #[error("{by} was first and assigned it to {who} ({at})")]
    AlreadyAssigned { by: String, who: String, at: String },
}

/// What stands in the way of a deletion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteBlock {
    NotAssignedNorRegistered,
    NotAssigned,
    NotRegistered,
    /// Marked as a threat: must be registered first; force does not help.
    ThreatNotRegistered,
    /// May hold personal data / sekretess: register first (or force, for a
    /// false alarm).
    SensitiveNotRegistered,
    /// A registered threat whose original was never exported (the
    /// evidence): export first, or force with a reason.
    ThreatNotExported,
}

/// What the rules need to know beyond the message's own state.
pub struct RuleContext<'a> {
    pub handlaggare_ids: &'a [String],
    pub pattern: &'a DnrPattern,
    /// The message may hold personal data (a personnummer was found).
    pub sensitive: bool,
}

/// Checks an action against the rules; returns the action normalised (a
/// trimmed reason, the diarienummer as it will be stored).
pub fn check(state: &TriageState, action: &Action, ctx: &RuleContext) -> Result<Action, RuleError> {
    if state.deleted_at.is_some() {
        return Err(RuleError::AlreadyDeleted);
    }
    match action {
        Action::Assign { who } => {
            find_handlaggare(ctx.handlaggare_ids, who).map(|who| Action::Assign { who })
        }
        Action::Register { diarienummer } => ctx
            .pattern
            .validate(diarienummer)
            .map(|d| Action::Register { diarienummer: d })
            .ok_or_else(|| RuleError::InvalidDiarienummer { given: diarienummer.clone() }),
        Action::NoRegistration { reason } => {
            non_empty(reason).map(|r| Action::NoRegistration { reason: r }).ok_or(RuleError::EmptyReason)
        }
        Action::Delete { force_reason: Some(_) }
            if state.threat_at.is_some() && state.diarienummer.is_none() =>
        {
            Err(RuleError::DeleteRefused(DeleteBlock::ThreatNotRegistered))
        }
        Action::Delete { force_reason: Some(reason) } => {
            non_empty(reason).map(|r| Action::Delete { force_reason: Some(r) }).ok_or(RuleError::EmptyReason)
        }
        Action::Delete { force_reason: None } => match delete_block(state, ctx.sensitive) {
            None => Ok(action.clone()),
            Some(block) => Err(RuleError::DeleteRefused(block)),
        },
        Action::Acknowledge => Ok(Action::Acknowledge),
        Action::MarkThreat => Ok(Action::MarkThreat),
        Action::SetAnswer { state } => {
            let s = state.trim().to_lowercase().replace('-', "_");
            ANSWER_STATES
                .iter()
                .find(|a| **a == s)
                .map(|a| Action::SetAnswer { state: a.to_string() })
                .ok_or_else(|| RuleError::UnknownAnswerState(state.clone()))
        }
        Action::ManagerTold { .. } | Action::PoliceReport { .. } if state.threat_at.is_none() => {
            Err(RuleError::NotAThreat)
        }
        Action::ManagerTold { who } => {
            non_empty(who).map(|who| Action::ManagerTold { who }).ok_or(RuleError::EmptyReason)
        }
        Action::PoliceReport { date, reference } => {
            let d: jiff::civil::Date =
                date.trim().parse().map_err(|_| RuleError::InvalidDate(date.clone()))?;
            let reference = non_empty(reference).ok_or(RuleError::EmptyReason)?;
            Ok(Action::PoliceReport { date: d.to_string(), reference })
        }
        Action::Exported => Ok(Action::Exported),
    }
}

/// The directory id `who` names (case does not matter), or a refusal
/// listing the valid ones.
pub fn find_handlaggare(ids: &[String], who: &str) -> Result<String, RuleError> {
    let who = who.trim();
    ids.iter()
        .find(|id| id.eq_ignore_ascii_case(who))
        .cloned()
        .ok_or_else(|| RuleError::UnknownHandlaggare { given: who.to_string(), valid: ids.to_vec() })
}

/// Why this message may not (yet) be deleted without force, if anything.
pub fn delete_block(state: &TriageState, sensitive: bool) -> Option<DeleteBlock> {
    if state.diarienummer.is_none() {
        if state.threat_at.is_some() {
            return Some(DeleteBlock::ThreatNotRegistered);
        }
        if sensitive {
            return Some(DeleteBlock::SensitiveNotRegistered);
        }
    }
    if state.threat_at.is_some() && state.records().exported_at.is_none() {
        return Some(DeleteBlock::ThreatNotExported);
    }
    if state.no_registration.is_some() {
        return None;
    }
    match (state.assignee.is_some(), state.diarienummer.is_some()) {
        (true, true) => None,
        (false, false) => Some(DeleteBlock::NotAssignedNorRegistered),
        (false, true) => Some(DeleteBlock::NotAssigned),
        (true, false) => Some(DeleteBlock::NotRegistered),
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = super::sanitize::line(s);
    (!t.is_empty()).then_some(t)
}

/// The state after an action by `actor` has been applied locally.
pub fn apply(state: &TriageState, action: &Action, now: i64, actor: &str) -> TriageState {
    let mut next = state.clone();
    match action {
        Action::Assign { who } => next.assignee = Some(who.clone()),
        Action::Register { diarienummer } => {
            next.diarienummer = Some(diarienummer.clone());
            next.no_registration = None;
        }
        Action::NoRegistration { reason } => {
            next.no_registration = Some(reason.clone());
            next.diarienummer = None;
        }
        Action::Delete { .. } => next.deleted_at = Some(now),
        Action::Acknowledge => {
            next.acknowledged_at = Some(now);
            next.acknowledged_by = Some(actor.to_string());
        }
        Action::MarkThreat => {
            next.threat_at = Some(now);
            next.threat_by = Some(actor.to_string());
        }
        Action::SetAnswer { state } => next.records_mut().answer = Some(state.clone()),
        Action::ManagerTold { who } => {
            next.records_mut().manager = Some(Told { who: who.clone(), at: now, by: actor.to_string() })
        }
        Action::PoliceReport { date, reference } => {
            next.records_mut().police = Some(PoliceReport {
                date: date.clone(),
                reference: reference.clone(),
                at: now,
                by: actor.to_string(),
            })
        }
        Action::Exported => {
            let r = next.records_mut();
            r.exported_at = Some(now);
            r.exported_by = Some(actor.to_string());
        }
    }
    next
}

#[cfg(test)]
#[path = "triage_tests.rs"]
mod tests;
