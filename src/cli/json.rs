//! The JSON documents of `list`, `show`, `log` and `handlaggare` (fields
//! documented in docs/cli.md). Every string in them is sanitized.

use serde_json::{json, Value};

use crate::core::absence::Absence;
use crate::core::clock;
use crate::core::message::{Problem, View};
use crate::core::records::Handlaggare;
use crate::engine::Item;
use crate::store::LogEntry;
use jiff::civil::Date;

fn problem(p: &Option<Problem>) -> Value {
    match p {
        None => Value::Null,
        Some(Problem::Corrupt) => json!("corrupt"),
        Some(Problem::Unreadable(why)) => json!(format!("unreadable: {why}")),
    }
}

/// A message of `list --json`, borrowed from its row: serialized straight
/// to the output (no map built per message).
#[derive(serde::Serialize)]
pub struct ItemDoc<'a> {
    id: &'a str,
    message_id: Option<&'a str>,
    from: Sender<'a>,
    from_name: &'a str,
    from_addr: &'a str,
    subject: &'a str,
    received: clock::Stamp,
    due: clock::Stamp,
    age_working_days: u32,
    status: &'static str,
    deadline: &'static str,
    answered: bool,
    acknowledged_at: Option<clock::Stamp>,
    acknowledged_by: Option<&'a str>,
    assignee: Option<&'a str>,
    diarienummer: Option<&'a str>,
    no_registration: Option<&'a str>,
    size: u64,
    problem: Value,
    warnings: Vec<&'static str>,
    threat: bool,
    public_request: bool,
    answer_state: &'static str,
    suggested: Option<&'a crate::engine::Suggestion>,
    threat_records: Option<Value>,
}

/// "Name <addr>" as `Summary::from_display` says it, written without
/// building the string.
pub struct Sender<'a>(&'a crate::core::message::Summary);

impl serde::Serialize for Sender<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.from_shown())
    }
}

impl<'a> ItemDoc<'a> {
    /// The suggestion, where it was made apart from the row.
    pub fn suggested(mut self, s: Option<&'a crate::engine::Suggestion>) -> Self {
        self.suggested = s;
        self
    }
}

pub fn item(it: &Item) -> ItemDoc<'_> {
    let m = &it.msg;
    let t = &m.triage;
    ItemDoc {
        id: &m.id,
        message_id: m.summary.message_id.as_deref(),
        from: Sender(&m.summary),
        from_name: &m.summary.from_name,
        from_addr: &m.summary.from_addr,
        subject: &m.summary.subject,
        received: clock::Stamp::of(m.received),
        due: clock::Stamp::date(it.due),
        age_working_days: it.age,
        status: if m.pending_delete { "deleting" } else { t.status().as_str() },
        deadline: it.deadline.as_str(),
        answered: m.answered,
        acknowledged_at: t.acknowledged_at.map(clock::Stamp::of),
        acknowledged_by: t.acknowledged_by.as_deref(),
        assignee: t.assignee.as_deref(),
        diarienummer: t.diarienummer.as_deref(),
        no_registration: t.no_registration.as_deref(),
        size: m.size,
        problem: problem(&m.summary.problem),
        warnings: m.summary.warnings.iter().map(|k| k.as_str()).collect(),
        threat: t.threat_at.is_some(),
        public_request: m.summary.warnings.contains(&crate::core::inspect::WarningKind::PublicRequest),
        answer_state: m.answer_state().as_str(),
        suggested: it.suggested.as_deref(),
        threat_records: t.threat_at.is_some().then(|| {
            let r = t.records();
            json!({
                "marked_at": t.threat_at.map(clock::rfc3339),
                "marked_by": t.threat_by,
                "manager": r.manager.as_ref().map(|x| json!({"who": x.who, "at": clock::rfc3339(x.at), "by": x.by})),
                "police_report": r.police.as_ref().map(|p| json!({"date": p.date, "reference": p.reference, "by": p.by})),
                "exported_at": r.exported_at.map(clock::rfc3339),
            })
        }),
    }
}

pub fn show(it: &Item, view: &View) -> Value {
    let mut v = serde_json::to_value(item(it)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("to".into(), json!(view.to));
        map.insert("body".into(), json!(view.body));
        map.insert("body_from_html".into(), json!(view.from_html));
        map.insert(
            "attachments".into(),
            Value::Array(
                view.attachments
                    .iter()
                    .map(|a| json!({"name": a.name, "type": a.mime, "size": a.size}))
                    .collect(),
            ),
        );
        map.insert(
            "warnings".into(),
            Value::Array(
                view.warnings.iter().map(|w| json!({"kind": w.kind.as_str(), "detail": w.detail})).collect(),
            ),
        );
        map.insert("notes".into(), json!(view.notes.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>()));
    }
    v
}

pub fn log_entry(e: &LogEntry) -> Value {
    json!({
        "seq": e.seq,
        "at": clock::rfc3339(e.at),
        "actor": e.actor,
        "action": e.kind,
        "message": e.message,
        "subject": e.subject,
        "details": e.action,
        "state": e.state.as_str(),
        "applied_at": e.applied_at.map(clock::rfc3339),
        "error": e.error,
        "note": e.note,
    })
}

pub fn absence(a: &Absence) -> Value {
    json!({"id": a.id, "handlaggare": a.who, "from": a.from.to_string(), "to": a.to.to_string(), "substitute": a.substitute,
           "by": a.by, "at": clock::rfc3339(a.at)})
}

/// A handläggare with today's absence (or null) and all absences not yet over.
pub fn handlaggare(h: &Handlaggare, absences: &[Absence], today: Date) -> Value {
    let current = crate::core::absence::absent_on(absences, &h.id, today).map(absence);
    let upcoming: Vec<Value> =
        absences.iter().filter(|a| a.who == h.id && a.to >= today).map(absence).collect();
    json!({"id": h.id, "name": h.name, "email": h.email, "unit": h.unit,
           "absent": current, "absences": upcoming})
}
