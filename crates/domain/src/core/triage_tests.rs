//! The triage rules: what each action needs, what deletion needs, and
//! what a threat's records and the answer state accept.

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
    assert_eq!(s.status(), Status::NoRegistration);
    let both = apply(&s, &Action::Register { diarienummer: "KS 2026/1".into() }, 1, "anna");
    let both = apply(&both, &Action::Assign { who: "eva".into() }, 2, "anna");
    assert_eq!(both.status(), Status::Handled, "a diarienummer ends the no-registration decision");
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
    let registered = TriageState { diarienummer: Some("KS 2026/1".into()), no_registration: None, ..threat };
    let registered = TriageState { assignee: Some("eva".into()), ..registered };
    // registered, but the evidence not kept: export first, or force
    assert_eq!(
        check(&registered, &del, &ctx(false)),
        Err(RuleError::DeleteRefused(DeleteBlock::ThreatNotExported))
    );
    assert!(check(&registered, &forced, &ctx(false)).is_ok());
    let exported = apply(&registered, &Action::Exported, 5, "anna");
    assert_eq!(exported.records().exported_by.as_deref(), Some("anna"));
    assert!(check(&exported, &del, &ctx(false)).is_ok());

    let newsletter = TriageState { no_registration: Some("nyhetsbrev".into()), ..Default::default() };
    assert_eq!(
        check(&newsletter, &del, &ctx(true)),
        Err(RuleError::DeleteRefused(DeleteBlock::SensitiveNotRegistered))
    );
    assert!(check(&newsletter, &forced, &ctx(true)).is_ok(), "a false alarm can be forced");
}

#[test]
fn threat_records_and_the_answer_state_are_checked_and_kept() {
    let ids = ctx_ids();
    let pattern = DnrPattern::default();
    let ctx = RuleContext { handlaggare_ids: &ids, pattern: &pattern, sensitive: false };
    let plain = TriageState::default();
    let told = Action::ManagerTold { who: "Karin Berg".into() };
    assert_eq!(check(&plain, &told, &ctx), Err(RuleError::NotAThreat));
    let threat = apply(&plain, &Action::MarkThreat, 1, "anna");
    assert_eq!(check(&threat, &told, &ctx), Ok(told.clone()));
    let bad = Action::PoliceReport { date: "igår".into(), reference: "5000-K1".into() };
    assert_eq!(check(&threat, &bad, &ctx), Err(RuleError::InvalidDate("igår".into())));
    let police = Action::PoliceReport { date: " 2026-12-01 ".into(), reference: " 5000-K123-26 ".into() };
    let police = check(&threat, &police, &ctx).unwrap();
    assert_eq!(police, Action::PoliceReport { date: "2026-12-01".into(), reference: "5000-K123-26".into() });
    let s = apply(&apply(&threat, &told, 2, "anna"), &police, 3, "bo");
    assert_eq!(s.records().manager.as_ref().map(|m| (m.who.as_str(), m.at)), Some(("Karin Berg", 2)));
    assert_eq!(s.records().police.as_ref().map(|p| p.by.as_str()), Some("bo"));

    let set = Action::SetAnswer { state: "Not-Needed".into() };
    assert_eq!(check(&plain, &set, &ctx), Ok(Action::SetAnswer { state: "not_needed".into() }));
    let wrong = Action::SetAnswer { state: "klar".into() };
    assert_eq!(check(&plain, &wrong, &ctx), Err(RuleError::UnknownAnswerState("klar".into())));
    // kept through the store's JSON, and old rows without it read as empty
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<TriageState>(&json).unwrap(), s);
    let old: TriageState = serde_json::from_str(r#"{"assignee":"eva","diarienummer":null,"no_registration":null,"deleted_at":null,"acknowledged_at":null,"acknowledged_by":null,"threat_at":null,"threat_by":null}"#).unwrap();
    assert_eq!(old.records, None);
}
