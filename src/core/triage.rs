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
}

/// The derived status shown in the list and in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    New,
    Assigned,
    Registered,
    Handled,
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
            Status::Deleted => "deleted",
        }
    }
}

impl TriageState {
    pub fn status(&self) -> Status {
        if self.deleted_at.is_some() {
            Status::Deleted
        } else if self.no_registration.is_some() || (self.assignee.is_some() && self.diarienummer.is_some()) {
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
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx_ids() -> Vec<String> {
        vec!["eva".into(), "omar".into()]
    }

    fn check_with(state: &TriageState, action: Action) -> Result<Action, RuleError> {
        let ids = ctx_ids();
        let pattern = DnrPattern::default();
        check(state, &action, &RuleContext { handlaggare_ids: &ids, pattern: &pattern, sensitive: false })
    }

    #[test]
    fn delete_needs_assignee_and_registration() {
        let mut s = TriageState::default();
        let del = Action::Delete { force_reason: None };
        assert_eq!(
            check_with(&s, del.clone()),
            Err(RuleError::DeleteRefused(DeleteBlock::NotAssignedNorRegistered))
        );
        s.assignee = Some("eva".into());
        assert_eq!(check_with(&s, del.clone()), Err(RuleError::DeleteRefused(DeleteBlock::NotRegistered)));
        s.diarienummer = Some("KS 2024/1".into());
        assert!(check_with(&s, del.clone()).is_ok());
        s.assignee = None;
        assert_eq!(check_with(&s, del), Err(RuleError::DeleteRefused(DeleteBlock::NotAssigned)));
    }

    #[test]
    fn no_registration_allows_delete_without_assignee() {
        let s = TriageState { no_registration: Some("nyhetsbrev".into()), ..Default::default() };
        assert!(check_with(&s, Action::Delete { force_reason: None }).is_ok());
        assert_eq!(s.status(), Status::Handled);
    }

    #[test]
    fn forced_delete_needs_a_written_reason() {
        let s = TriageState::default();
        assert_eq!(
            check_with(&s, Action::Delete { force_reason: Some("  ".into()) }),
            Err(RuleError::EmptyReason)
        );
        assert_eq!(
            check_with(&s, Action::Delete { force_reason: Some(" dubblett ".into()) }),
            Ok(Action::Delete { force_reason: Some("dubblett".into()) })
        );
    }

    #[test]
    fn assign_validates_handlaggare_case_insensitively() {
        let s = TriageState::default();
        assert_eq!(
            check_with(&s, Action::Assign { who: "EVA".into() }),
            Ok(Action::Assign { who: "eva".into() })
        );
        match check_with(&s, Action::Assign { who: "nisse".into() }) {
            Err(RuleError::UnknownHandlaggare { valid, .. }) => assert_eq!(valid, ctx_ids()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn register_validates_and_normalises() {
        let s = TriageState::default();
        assert_eq!(
            check_with(&s, Action::Register { diarienummer: " KS  2024/123".into() }),
            Ok(Action::Register { diarienummer: "KS 2024/123".into() })
        );
        assert!(matches!(
            check_with(&s, Action::Register { diarienummer: "abc".into() }),
            Err(RuleError::InvalidDiarienummer { .. })
        ));
    }

    #[test]
    fn deleted_messages_take_no_actions_and_status_follows_state() {
        let mut s = TriageState::default();
        assert_eq!(s.status(), Status::New);
        s = apply(&s, &Action::Assign { who: "eva".into() }, 0, "anna");
        assert_eq!(s.status(), Status::Assigned);
        s = apply(&s, &Action::Register { diarienummer: "KS 2024/1".into() }, 0, "anna");
        assert_eq!(s.status(), Status::Handled);
        s = apply(&s, &Action::Acknowledge, 7, "anna");
        assert_eq!((s.acknowledged_at, s.acknowledged_by.as_deref()), (Some(7), Some("anna")));
        s = apply(&s, &Action::Delete { force_reason: None }, 5, "anna");
        assert_eq!(s.status(), Status::Deleted);
        assert_eq!(check_with(&s, Action::Assign { who: "eva".into() }), Err(RuleError::AlreadyDeleted));
    }

    #[test]
    fn threats_and_sensitive_mail_must_be_registered_before_deletion() {
        let ids = ctx_ids();
        let pattern = DnrPattern::default();
        let ctx = |sensitive| RuleContext { handlaggare_ids: &ids, pattern: &pattern, sensitive };
        let del = Action::Delete { force_reason: None };
        let forced = Action::Delete { force_reason: Some("dubblett".into()) };
        let threat = apply(&TriageState::default(), &Action::MarkThreat, 1, "anna");
        let threat = TriageState { no_registration: Some("x".into()), ..threat };
        assert_eq!(
            check(&threat, &del, &ctx(false)),
            Err(RuleError::DeleteRefused(DeleteBlock::ThreatNotRegistered))
        );
        assert_eq!(
            check(&threat, &forced, &ctx(false)),
            Err(RuleError::DeleteRefused(DeleteBlock::ThreatNotRegistered))
        );
        let registered =
            TriageState { diarienummer: Some("KS 2026/1".into()), no_registration: None, ..threat };
        let registered = TriageState { assignee: Some("eva".into()), ..registered };
        assert!(check(&registered, &del, &ctx(false)).is_ok());

        let newsletter = TriageState { no_registration: Some("nyhetsbrev".into()), ..Default::default() };
        assert_eq!(
            check(&newsletter, &del, &ctx(true)),
            Err(RuleError::DeleteRefused(DeleteBlock::SensitiveNotRegistered))
        );
        assert!(check(&newsletter, &forced, &ctx(true)).is_ok(), "a false alarm can be forced");
    }
}
