//! The calendar against the oracle table (tests/data, from the domain
//! facts) and the deadline examples of the guideline.

use super::*;

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn years_match_the_oracle_table() {
    let oracle = include_str!("../../../../../tests/data/holidays_se_2025_2027.csv");
    let cal = Calendar::default();
    let mut expected: Vec<(String, String, String)> = oracle
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[2].to_string(), f[3].replace('ä', "a"))
        })
        .collect();
    expected.sort();
    let mut got: Vec<(String, String, String)> = (2025..=2027)
        .flat_map(|y| cal.year(y))
        .map(|d| (d.date.to_string(), d.name, d.kind.as_str().to_string()))
        .collect();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn deadline_examples_from_the_guideline() {
    let cal = Calendar::default();
    for (received, due) in [
        ("2025-12-23", "2025-12-30"),
        ("2025-12-30", "2026-01-05"),
        ("2026-06-18", "2026-06-23"),
        ("2027-03-25", "2027-03-31"),
    ] {
        assert_eq!(cal.due_date(date(received)), date(due), "{received}");
    }
}

#[test]
fn klamdagar_2013_as_published() {
    let cal = Calendar::default();
    let found: Vec<String> = cal
        .year(2013)
        .into_iter()
        .filter(|d| d.kind == DayKind::Klamdag)
        .map(|d| d.date.to_string())
        .collect();
    assert_eq!(found, ["2013-05-10", "2013-06-07", "2013-12-23", "2013-12-27", "2013-12-30"]);
}

#[test]
fn klamdagar_can_be_days_off_for_deadlines() {
    let off = Calendar::new(CalendarConfig { klamdag_is_working_day: false, ..Default::default() });
    // 2026-05-13 (Wed) + 2: Thu 14 is Kristi himmelsfärd, Fri 15 a klämdag
    assert_eq!(Calendar::default().due_date(date("2026-05-13")), date("2026-05-18"));
    assert_eq!(off.due_date(date("2026-05-13")), date("2026-05-19"));
}

#[test]
fn local_closures_are_days_off_and_make_klamdagar() {
    let cal = Calendar::new(CalendarConfig { closures: vec![date("2026-11-26")], ..Default::default() });
    assert!(cal.is_day_off(date("2026-11-26")));
    assert!(cal.is_klamdag(date("2026-11-27")));
    assert_eq!(cal.due_date(date("2026-11-25")), date("2026-11-30"));
}

#[test]
fn short_days_are_marked_when_configured() {
    let plain = Calendar::default();
    let short = Calendar::new(CalendarConfig { short_days: true, ..Default::default() });
    assert!(!plain.is_short_day(date("2026-04-30")));
    assert!(short.is_short_day(date("2026-04-30"))); // valborgsmässoafton
    assert!(short.is_short_day(date("2026-04-02"))); // skärtorsdagen
    assert!(short.is_short_day(date("2026-10-30"))); // before alla helgons dag
    assert!(short.is_short_day(date("2026-06-05"))); // before nationaldagen
    assert!(!short.is_short_day(date("2026-06-04")));
}

#[test]
fn working_days_between_counts_forward_and_is_bounded() {
    let cal = Calendar::default();
    assert_eq!(cal.working_days_between(date("2026-11-27"), date("2026-11-30")), 1);
    assert_eq!(cal.working_days_between(date("2026-11-30"), date("2026-11-27")), 0);
    let far = cal.working_days_between(date("1970-01-01"), date("2026-11-27"));
    assert!(far > 2400 && far < 2600, "{far}");
    // far outside the precomputed years still works
    let due = cal.due_date(date("2300-12-22"));
    assert!(due > date("2300-12-22") && cal.is_working_day(due));
    assert_eq!(cal.named(date("2300-12-25")).map(|n| n.0), Some("Juldagen"));
}
