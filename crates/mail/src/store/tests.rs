//! Store tests on a real SQLite file: durability of the log, the pending
//! queue, migrations, permissions and a locked database.

use std::time::Duration;

use super::*;
use crate::core::message::Summary;
use crate::core::triage::{Action, TriageState};

fn msg(key: &str, mid: Option<&str>, received: i64) -> NewMessage {
    NewMessage {
        key: key.into(),
        summary: Summary {
            message_id: mid.map(str::to_string),
            from_addr: "a@b.se".into(),
            subject: format!("s {key}"),
            ..Summary::default()
        },
        received,
        size: 10,
        answered: false,
    }
}

#[test]
fn log_first_then_applied_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    let mut s = Store::open(&path).unwrap();
    s.insert_messages(&[msg("k1", Some("<m1@x>"), 100)]).unwrap();
    let id = s.present_messages().unwrap()[0].id.clone();
    let state = TriageState { assignee: Some("eva".into()), ..Default::default() };
    let seq = s.log_pending("anna", &id, "k1", &Action::Assign { who: "eva".into() }, Some(&state)).unwrap();
    assert_eq!(s.pending().unwrap().len(), 1);
    drop(s);

    let mut s = Store::open(&path).unwrap();
    let pending = s.pending().unwrap();
    assert_eq!(pending[0].seq, seq);
    assert_eq!(pending[0].action, Action::Assign { who: "eva".into() });
    assert_eq!(s.triage(&id).unwrap().assignee.as_deref(), Some("eva"));
    s.mark_applied(seq).unwrap();
    assert!(s.pending().unwrap().is_empty());
    let log = s.log(10).unwrap();
    assert_eq!(log[0].state, LogState::Applied);
    assert_eq!(log[0].actor, "anna");
    assert_eq!(log[0].subject, "s k1");
}

#[test]
fn applied_delete_marks_the_message_gone() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("p.sqlite")).unwrap();
    s.insert_messages(&[msg("k1", Some("<m1@x>"), 100)]).unwrap();
    let id = s.present_messages().unwrap()[0].id.clone();
    let seq =
        s.log_pending("anna", &id, "k1", &Action::Delete { force_reason: Some("x".into()) }, None).unwrap();
    assert!(s.message(&id).unwrap().unwrap().pending_delete);
    s.mark_applied(seq).unwrap();
    let m = s.message(&id).unwrap().unwrap();
    assert!(!m.present);
    assert!(m.triage.deleted_at.is_some());
    assert!(s.present_messages().unwrap().is_empty());
}

#[test]
fn duplicate_message_ids_get_stable_distinct_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("p.sqlite")).unwrap();
    s.insert_messages(&[msg("k1", Some("<same@x>"), 100), msg("k2", Some("<same@x>"), 200)]).unwrap();
    s.insert_messages(&[msg("k3", None, 300), msg("k1", Some("<same@x>"), 100)]).unwrap();
    let ids: Vec<_> = s.present_messages().unwrap().into_iter().map(|m| (m.key, m.id)).collect();
    let base = crate::core::ids::base_id(Some("<same@x>"), "");
    assert_eq!(ids[0], ("k1".into(), base.clone()));
    assert_eq!(ids[1], ("k2".into(), format!("{base}-2")));
    assert_eq!(ids.len(), 3);
}

#[test]
fn database_is_private_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/p.sqlite");
    let s = Store::open(&path).unwrap();
    let mode: String = s.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
}

#[test]
fn a_locked_database_waits_then_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    let mut s = Store::open_with_timeout(&path, Duration::from_millis(200)).unwrap();
    s.insert_messages(&[msg("k1", Some("<m1@x>"), 100)]).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; UPDATE messages SET size = 11;").unwrap();
    let err = s.log_pending("anna", "x", "k1", &Action::Assign { who: "eva".into() }, None).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("locked"));
    other.execute_batch("COMMIT").unwrap();
    assert!(s.log_pending("anna", "x", "k1", &Action::Assign { who: "eva".into() }, None).is_ok());
}

#[test]
fn a_message_back_under_a_new_key_keeps_its_id_and_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("p.sqlite")).unwrap();
    s.insert_messages(&[msg("100.1", Some("<a@x>"), 10)]).unwrap();
    let id = s.present_messages().unwrap()[0].id.clone();
    let state = TriageState { assignee: Some("eva".into()), ..Default::default() };
    s.log_pending("anna", &id, "100.1", &Action::Assign { who: "eva".into() }, Some(&state)).unwrap();
    // UIDVALIDITY changed: every key is new
    s.set_present(&["100.1".to_string()], false).unwrap();
    s.insert_messages(&[msg("200.7", Some("<a@x>"), 10)]).unwrap();
    let all = s.present_messages().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].id.as_str(), all[0].key.as_str()), (id.as_str(), "200.7"));
    assert_eq!(all[0].triage.assignee.as_deref(), Some("eva"));
}

#[cfg(unix)]
#[test]
fn a_shared_database_belongs_to_the_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    drop(Store::open(&path).unwrap());
    // the current user's own primary group is always allowed
    let gid = std::fs::metadata(&path).unwrap().gid();
    let groups = std::fs::read_to_string("/etc/group").unwrap();
    let name = groups.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 3 && f[2] == gid.to_string()).then(|| f[0].to_string())
    });
    let name = name.expect("the primary group is in /etc/group");
    share_with_group(&path, &name).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o660);
    assert_eq!(meta.gid(), gid);
    assert!(share_with_group(&path, "no-such-group-postrum").is_err());
}

#[test]
fn counts_duplicates_and_the_inspected_mark_follow_the_mailbox() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("p.sqlite")).unwrap();
    assert!(s.is_empty().unwrap());
    // three copies of one Message-ID: base, base-2, base-3 (found by id range)
    let same: Vec<NewMessage> = (1..=3).map(|i| msg(&format!("k{i}"), Some("<same@x>"), 100 + i)).collect();
    s.insert_messages(&same).unwrap();
    s.insert_messages(&[msg("k9", Some("<other@x>"), 200)]).unwrap();
    let mut ids: Vec<String> = s.present_messages().unwrap().into_iter().map(|m| m.id).collect();
    ids.sort();
    let base = crate::core::ids::base_id(Some("<same@x>"), "");
    assert!(ids.contains(&base) && ids.contains(&format!("{base}-2")) && ids.contains(&format!("{base}-3")));
    assert_eq!(s.present_count().unwrap(), 4);
    assert!(!s.all_inspected().unwrap());
    s.set_all_inspected(true).unwrap();
    assert!(s.all_inspected().unwrap());
    s.set_present(&["k9".to_string()], false).unwrap();
    assert_eq!(s.present_count().unwrap(), 3);
    assert!(s.all_inspected().unwrap(), "leaving changes nothing");
    s.set_present(&["k9".to_string()], true).unwrap();
    assert!(!s.all_inspected().unwrap(), "a message back may carry older inspections");
    assert_eq!(s.present_count().unwrap(), 4);
    assert!(!s.is_empty().unwrap());
}

#[test]
fn the_directory_follows_the_config_and_the_last_entry_of_an_id_wins() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("p.sqlite")).unwrap();
    let h = |id: &str, name: &str| Handlaggare {
        id: id.into(),
        name: name.into(),
        email: String::new(),
        unit: String::new(),
    };
    s.set_handlaggare(&[h("eva", "Eva"), h("omar", "Omar")]).unwrap();
    s.set_handlaggare(&[h("eva", "Eva"), h("omar", "Omar")]).unwrap();
    assert_eq!(s.handlaggare().unwrap(), vec![h("eva", "Eva"), h("omar", "Omar")]);
    s.set_handlaggare(&[h("omar", "Omar A"), h("eva", "Eva L"), h("omar", "Omar B")]).unwrap();
    assert_eq!(s.handlaggare().unwrap(), vec![h("eva", "Eva L"), h("omar", "Omar B")]);
}

/// An existing database readable by others is tightened on open; one
/// shared with a group on purpose (0660) keeps the group.
#[cfg(unix)]
#[test]
fn the_database_mode_is_tightened_on_every_open() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("postrum.sqlite");
    drop(Store::open(&path).unwrap());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(Store::open(&path).unwrap());
    assert_eq!(mode(&path), 0o600);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    drop(Store::open(&path).unwrap());
    assert_eq!(mode(&path), 0o660, "group write means shared on purpose; others lose access");
}

#[test]
fn the_answer_state_rules() {
    use crate::core::inspect::WarningKind;
    use crate::core::records::AnswerState::*;
    let mut m = crate::store::StoredMessage::blank("a");
    assert_eq!(m.answer_state(), Awaiting);
    // bulk, automatic and "no registration" default to not needed
    m.summary.warnings = vec![WarningKind::Bulk];
    assert_eq!(m.answer_state(), NotNeeded);
    m.summary.warnings = vec![WarningKind::AutoReply];
    assert_eq!(m.answer_state(), NotNeeded);
    m.summary.warnings.clear();
    m.triage.no_registration = Some("felsänt".into());
    assert_eq!(m.answer_state(), NotNeeded);
    // …changeable by hand
    m.triage.records_mut().answer = Some("awaiting".into());
    assert_eq!(m.answer_state(), Awaiting);
    // a kvittens, then a reply
    m.triage.acknowledged_at = Some(5);
    assert_eq!(m.answer_state(), Acknowledged);
    m.answered = true;
    assert_eq!(m.answer_state(), Answered);
    // an ordinary message set "not needed", and "answered" by hand
    let mut o = crate::store::StoredMessage { answered: false, triage: Default::default(), ..m.clone() };
    o.triage.records_mut().answer = Some("not_needed".into());
    assert_eq!(o.answer_state(), NotNeeded);
    assert!(o.answer_given());
    o.triage.records_mut().answer = Some("answered".into());
    assert_eq!(o.answer_state(), Answered);
}

/// Colleagues' entries in one transaction: each recorded in order, its
/// state taken, and an entry read again (the same journal message) is not
/// recorded twice — as one by one.
#[test]
fn a_batch_of_colleagues_entries_is_recorded_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("p.sqlite")).unwrap();
    s.insert_messages(&[msg("k1", Some("<m1@x>"), 100), msg("k2", Some("<m2@x>"), 101)]).unwrap();
    let ids: Vec<String> = s.present_messages().unwrap().into_iter().map(|m| m.id).collect();
    let assign = Action::Assign { who: "eva".into() };
    let none = Action::NoRegistration { reason: "reklam".into() };
    let first = TriageState { assignee: Some("eva".into()), ..Default::default() };
    let second = TriageState { no_registration: Some("reklam".into()), ..first.clone() };
    let entry = |i: usize, action, state, remote| RemoteEntry {
        id: &ids[i],
        key: if i == 0 { "k1" } else { "k2" },
        action,
        actor: "anna",
        state: Some(state),
        remote,
        note: None,
    };
    let batch =
        [entry(0, &assign, &first, "1.1"), entry(0, &none, &second, "1.2"), entry(1, &assign, &first, "1.3")];
    assert_eq!(s.record_remotes(&batch).unwrap(), [true, true, true]);
    assert_eq!(s.triage(&ids[0]).unwrap(), second);
    assert_eq!(s.triage(&ids[1]).unwrap().assignee.as_deref(), Some("eva"));
    let log = s.log(10).unwrap();
    let kinds: Vec<&str> = log.iter().rev().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["assign", "no_registration", "assign"]);
    // read again: nothing new
    assert_eq!(s.record_remotes(&batch[1..]).unwrap(), [false, false]);
    assert_eq!(s.log(10).unwrap().len(), 3);
    assert!(s.record_remotes(&[]).unwrap().is_empty());
}
