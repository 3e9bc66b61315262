//! Coverage records on the server: handover notes, roster entries,
//! absences (and their removal) and the days someone watched the mailbox,
//! written to the journal like triage actions so that every postrum of the
//! mailbox — a substitute's on another computer, with an empty data
//! directory — sees them. Each record has a reference of its own (the
//! writing postrum's origin, the kind, its local id), so entries are kept
//! once, removals name what they remove, and two people writing at once
//! both keep theirs. What is read back is untrusted text like any mail.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::sanitize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Record {
    Handover {
        text: String,
    },
    RosterAdd {
        person: String,
        from: Date,
        to: Date,
    },
    AbsenceAdd {
        who: String,
        from: Date,
        to: Date,
        substitute: Option<String>,
    },
    /// Removes the roster entry or absence with this reference.
    Remove {
        of: String,
    },
    /// Someone watched the mailbox on this date.
    Watched {
        date: Date,
        how: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordEntry {
    /// The record's own reference ("ORIGIN-KIND-ID").
    pub reference: String,
    pub record: Record,
    pub actor: String,
    /// When the writer says it was written (Unix seconds).
    pub at: i64,
    pub origin: String,
}

/// The entry as a message to APPEND to the journal.
pub fn render(e: &RecordEntry) -> Vec<u8> {
    let record = serde_json::to_string(&e.record).unwrap_or_default();
    format!(
        "From: postrum <postrum@invalid>\r\nSubject: postrum: record\r\n\
X-Postrum-Journal: 1\r\nX-Postrum-Record: {record}\r\nX-Postrum-Ref: {reference}\r\n\
X-Postrum-Actor: {actor}\r\nX-Postrum-At: {at}\r\nX-Postrum-Origin: {origin}\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nrecord\r\n",
        record = sanitize::line(&record),
        reference = sanitize::line(&e.reference),
        actor = sanitize::line(&e.actor),
        at = e.at,
        origin = sanitize::line(&e.origin),
    )
    .into_bytes()
}

/// Every string a colleague (or anyone) wrote passes the sanitizer.
fn clean(record: Record) -> Record {
    let l = |s: String| sanitize::line(&s);
    match record {
        Record::Handover { text } => Record::Handover { text: sanitize::text(&text).trim().to_string() },
        Record::RosterAdd { person, from, to } => Record::RosterAdd { person: l(person), from, to },
        Record::AbsenceAdd { who, from, to, substitute } => {
            Record::AbsenceAdd { who: l(who), from, to, substitute: substitute.map(l) }
        }
        Record::Remove { of } => Record::Remove { of: l(of) },
        Record::Watched { date, how } => Record::Watched { date, how: l(how) },
    }
}

/// Reads a record entry back; None for anything that is not one.
pub fn parse(raw: &[u8]) -> Option<RecordEntry> {
    let get = super::journal::header_reader(raw)?;
    get("X-Postrum-Journal")?;
    let reference = sanitize::line(&get("X-Postrum-Ref")?);
    if reference.is_empty() {
        return None;
    }
    Some(RecordEntry {
        reference,
        record: clean(serde_json::from_str(&get("X-Postrum-Record")?).ok()?),
        actor: sanitize::line(&get("X-Postrum-Actor")?),
        at: get("X-Postrum-At")?.parse().ok()?,
        origin: sanitize::line(&get("X-Postrum-Origin")?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_hostile_text_is_cleaned() {
        let e = RecordEntry {
            reference: "o1-handover-3".into(),
            record: Record::Handover { text: "Fakturan väntar.\nRing Eva.".into() },
            actor: "anna".into(),
            at: 1_795_767_600,
            origin: "o1".into(),
        };
        let back = parse(&render(&e)).unwrap();
        assert_eq!(back, e);
        let roster = RecordEntry {
            record: Record::RosterAdd {
                person: "bo\u{1b}[31m".into(),
                from: Date::constant(2026, 12, 21),
                to: Date::constant(2026, 12, 23),
            },
            ..e.clone()
        };
        match parse(&render(&roster)).unwrap().record {
            Record::RosterAdd { person, .. } => assert_eq!(person, "bo"),
            other => panic!("{other:?}"),
        }
        // a triage entry is not a record, nor is garbage
        assert!(parse(b"X-Postrum-Journal: 1\r\nX-Postrum-Message-Id: a@b\r\n\r\n").is_none());
        assert!(parse(b"X-Postrum-Journal: 1\r\nX-Postrum-Record: {\"record\":\"nonsense\"}\r\nX-Postrum-Ref: x\r\nX-Postrum-Actor: a\r\nX-Postrum-At: 1\r\nX-Postrum-Origin: o\r\n\r\n").is_none());
    }
}
