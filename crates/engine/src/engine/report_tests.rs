//! The report's numbers against a week computed by hand.

use std::collections::HashMap;

use jiff::civil::date;

use super::compute;
use crate::core::calendar::{Calendar, CalendarConfig};
use crate::core::inspect::WarningKind;
use crate::store::StoredMessage;

fn at(d: jiff::civil::Date, hour: i8) -> i64 {
    d.at(hour, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp().as_second()
}

fn msg(id: &str, received: i64) -> StoredMessage {
    StoredMessage { received, ..StoredMessage::blank(id) }
}

#[test]
fn a_week_by_hand() {
    let (mon, tue, wed, thu, fri) =
        (date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27));
    let mut a = msg("a", at(mon, 10));
    a.triage.acknowledged_at = Some(at(mon, 14)); // in time, 4 h
    let b = msg("b", at(mon, 10)); // a reply on Thursday: due Wednesday, late
    let mut c = msg("c", at(tue, 10));
    c.summary.warnings = vec![WarningKind::Bulk]; // no answer needed
    let mut d = msg("d", at(tue, 10)); // due Thursday, nothing: late, overdue with lisa
    d.triage.assignee = Some("lisa".into());
    let mut e = msg("e", at(wed, 10));
    e.triage.acknowledged_at = Some(at(thu, 10)); // due Friday: in time, 24 h
    let f = msg("f", at(thu, 10)); // due Monday (today): still open
    let mut g = msg("g", at(fri, 10));
    g.triage.no_registration = Some("nyhetsbrev".into());
    let mut h = msg("h", at(fri, 10));
    h.triage.acknowledged_at = Some(at(fri, 12)); // 2 h
    let mut i = msg("i", at(date(2026, 11, 22), 10)); // Sunday before: week 47, overdue with eva
    i.triage.assignee = Some("eva".into());
    let mut gone = msg("gone", at(date(2026, 11, 17), 9)); // deleted, answered in time
    gone.present = false;
    gone.triage.deleted_at = Some(at(date(2026, 11, 18), 9));
    gone.answered = true;
    let answers = HashMap::from([("b".to_string(), at(thu, 9))]);
    let msgs = vec![gone, i, a, b, c, d, e, f, g, h];
    let cal = Calendar::new(CalendarConfig::default());
    let r = compute(&cal, &jiff::tz::TimeZone::UTC, &msgs, &answers, date(2026, 11, 30), mon, fri);

    let per_day: Vec<usize> = r.received.iter().map(|d| d.count).collect();
    assert_eq!(per_day, [2, 2, 1, 1, 2]);
    assert_eq!(r.received_total, 8);
    assert_eq!((r.needing_answer, r.in_time, r.late), (6, 3, 2));
    assert_eq!(r.share_in_time, Some(0.6));
    assert_eq!((r.kvittens_count, r.median_hours_to_kvittens), (3, Some(4.0)));
    let overdue: Vec<(Option<&str>, usize)> =
        r.overdue.iter().map(|o| (o.assignee.as_deref(), o.count)).collect();
    assert_eq!(overdue, [(Some("eva"), 1), (Some("lisa"), 1)]);
    assert_eq!(r.weeks.len(), 8);
    let last = r.weeks.last().unwrap();
    assert_eq!((last.week.as_str(), last.from.as_str()), ("2026-W48", "2026-11-23"));
    assert_eq!((last.received, last.needing_answer, last.in_time, last.late), (8, 6, 3, 2));
    let w47 = &r.weeks[6];
    assert_eq!((w47.week.as_str(), w47.received, w47.in_time, w47.late), ("2026-W47", 2, 1, 1));
    assert_eq!(r.weeks[0].from, "2026-10-05");
}

#[test]
fn an_empty_range_has_no_share_and_no_median() {
    let cal = Calendar::new(CalendarConfig::default());
    let d = date(2026, 12, 1);
    let r = compute(&cal, &jiff::tz::TimeZone::UTC, &[], &HashMap::new(), d, d, d);
    assert_eq!((r.received_total, r.share_in_time, r.median_hours_to_kvittens), (0, None, None));
    assert_eq!(r.received.len(), 1);
}
