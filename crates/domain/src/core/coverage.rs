//! Coverage of the mailbox: who is on the roster (bevakningsschema) on
//! which dates, which working days (klämdagar above all) have nobody, and
//! which past working days nobody watched. Pure: the store supplies the
//! roster and the watched days.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::ToSpan;

use super::calendar::{Calendar, DayInfo};

/// One roster entry: a person watches the mailbox from..=to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterEntry {
    pub id: i64,
    pub person: String,
    pub from: Date,
    pub to: Date,
    /// Who wrote it (on this or a colleague's postrum), and when.
    pub by: String,
    pub at: i64,
}

/// One day as the coverage report shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayCoverage {
    pub date: Date,
    pub info: DayInfo,
    pub on_roster: Vec<String>,
    pub watched_by: Vec<String>,
}

impl DayCoverage {
    /// A day the mailbox must be watched (working days, klämdagar too).
    pub fn must_watch(&self) -> bool {
        self.info.working || self.info.klamdag
    }

    /// A day that must be watched with nobody on the roster: a gap.
    pub fn is_gap(&self) -> bool {
        self.must_watch() && self.on_roster.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub today: DayCoverage,
    /// The next working day that must be watched, after today.
    pub next: Option<DayCoverage>,
    /// Today and the following days.
    pub coming: Vec<DayCoverage>,
    /// Coming days that must be watched and have nobody on the roster.
    pub gaps: Vec<Date>,
    /// Past days that had to be watched and nobody did.
    pub unwatched: Vec<Date>,
}

/// Who is on the roster on a date (overlaps allowed: all are listed).
pub fn on_roster(roster: &[RosterEntry], date: Date) -> Vec<String> {
    let mut people: Vec<String> =
        roster.iter().filter(|r| r.from <= date && date <= r.to).map(|r| r.person.clone()).collect();
    people.sort();
    people.dedup();
    people
}

/// One day's coverage.
pub fn day(
    cal: &Calendar,
    roster: &[RosterEntry],
    watched: &BTreeMap<Date, BTreeSet<String>>,
    date: Date,
) -> DayCoverage {
    DayCoverage {
        date,
        info: cal.info(date),
        on_roster: on_roster(roster, date),
        watched_by: watched.get(&date).map(|s| s.iter().cloned().collect()).unwrap_or_default(),
    }
}

/// The coverage report: `ahead` days from today, and the past back to
/// `since` (the first recorded session; earlier days are not judged).
pub fn report(
    cal: &Calendar,
    roster: &[RosterEntry],
    watched: &BTreeMap<Date, BTreeSet<String>>,
    today: Date,
    ahead: i64,
    since: Option<Date>,
) -> Coverage {
    let coming: Vec<DayCoverage> =
        (0..ahead).map(|i| day(cal, roster, watched, today.saturating_add(i.days()))).collect();
    let gaps = coming.iter().filter(|d| d.is_gap()).map(|d| d.date).collect();
    let next = coming.iter().skip(1).find(|d| d.must_watch()).cloned();
    let mut unwatched = Vec::new();
    if let Some(first) = since {
        let start = first.max(today.saturating_sub(60.days()));
        let mut d = start;
        while d < today {
            let c = day(cal, roster, watched, d);
            if c.must_watch() && c.watched_by.is_empty() {
                unwatched.push(d);
            }
            d = d.saturating_add(1.day());
        }
    }
    Coverage { today: day(cal, roster, watched, today), next, coming, gaps, unwatched }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn entry(id: i64, p: &str, from: &str, to: &str) -> RosterEntry {
        RosterEntry { id, person: p.into(), from: date(from), to: date(to), by: String::new(), at: 0 }
    }

    #[test]
    fn a_klamdag_with_nobody_is_a_gap_and_tomorrow_is_named() {
        let cal = Calendar::default();
        // 2026-05-15 is a klämdag (after Kristi himmelsfärd)
        let roster =
            vec![entry(1, "eva", "2026-05-18", "2026-05-22"), entry(2, "omar", "2026-05-11", "2026-05-13")];
        let r = report(&cal, &roster, &BTreeMap::new(), date("2026-05-15"), 30, None);
        assert!(r.today.info.klamdag);
        assert!(r.today.on_roster.is_empty());
        assert_eq!(r.gaps[0], date("2026-05-15"));
        let next = r.next.unwrap();
        assert_eq!(next.date, date("2026-05-18"));
        assert_eq!(next.on_roster, ["eva"]);
        assert!(!r.gaps.contains(&date("2026-05-16")), "weekends are not gaps");
    }

    #[test]
    fn overlapping_ranges_list_everyone() {
        let roster =
            vec![entry(1, "eva", "2026-12-01", "2026-12-10"), entry(2, "anna", "2026-12-05", "2026-12-06")];
        assert_eq!(on_roster(&roster, date("2026-12-05")), ["anna", "eva"]);
    }

    #[test]
    fn unwatched_past_working_days_since_the_first_session() {
        let cal = Calendar::default();
        let mut watched = BTreeMap::new();
        watched.insert(date("2026-11-23"), BTreeSet::from(["eva".to_string()]));
        watched.insert(date("2026-11-25"), BTreeSet::from(["eva".to_string()]));
        let r = report(&cal, &[], &watched, date("2026-11-27"), 5, Some(date("2026-11-23")));
        assert_eq!(r.unwatched, [date("2026-11-24"), date("2026-11-26")]);
    }
}
