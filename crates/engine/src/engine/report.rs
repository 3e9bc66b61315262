//! The week in figures (`R`, `postrum report`): messages received per
//! day, the share that got an answer or a kvittens within their deadline,
//! the median time to kvittens, what is overdue per handläggare, and the
//! same per week over the last eight weeks. Computed from the local cache
//! and log only; the numbers are a pure function (`compute`) of them.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use jiff::ToSpan;
use serde::Serialize;

use super::{Engine, OpError};
use crate::core::calendar::Calendar;
use crate::core::records::AnswerState;
use crate::store::StoredMessage;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub from: String,
    pub to: String,
    /// Every day of the range, days without mail too.
    pub received: Vec<DayCount>,
    pub received_total: usize,
    /// Received in the range and owed an answer (not bulk, automatic or
    /// "no registration").
    pub needing_answer: usize,
    /// Of those, answered or acknowledged by the end of their due date.
    pub in_time: usize,
    /// Past their due date without, or answered after it.
    pub late: usize,
    /// in_time / (in_time + late): what is not yet due is left out.
    pub share_in_time: Option<f64>,
    pub kvittens_count: usize,
    pub median_hours_to_kvittens: Option<f64>,
    /// Now past their due date and unanswered, per handläggare (null: nobody).
    pub overdue: Vec<Overdue>,
    pub weeks: Vec<Week>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub date: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overdue {
    pub assignee: Option<String>,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Week {
    /// ISO week, e.g. "2026-W48".
    pub week: String,
    pub from: String,
    pub received: usize,
    pub needing_answer: usize,
    pub in_time: usize,
    pub late: usize,
}

/// Where one message stands against its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    NotNeeded,
    InTime,
    Late,
    /// Not answered, not due yet.
    Open,
}

/// The numbers for `from..=to` (and eight weeks back from `to`), as of `today`.
/// `answers`: the first time each message got an answer or a kvittens
/// (besides its own acknowledgement time).
/// Every day of `from..=to`, each with no messages yet.
fn days(from: Date, to: Date) -> BTreeMap<Date, usize> {
    let mut per_day = BTreeMap::new();
    let mut d = from;
    while d <= to {
        per_day.insert(d, 0);
        d = match d.tomorrow() {
            Ok(n) => n,
            Err(_) => break,
        };
    }
    per_day
}

/// The Monday of a date's week.
fn monday_of(d: Date) -> Date {
    d.checked_sub((d.weekday().to_monday_zero_offset() as i32).days()).unwrap_or(d)
}

/// The eight weeks up to `to`'s, by their Mondays, each with nothing yet.
fn weeks_before(to: Date) -> BTreeMap<Date, Week> {
    let mut weeks = BTreeMap::new();
    let mut w = monday_of(to).checked_sub(49.days()).unwrap_or(to);
    for _ in 0..8 {
        let iso = w.iso_week_date();
        let week = Week {
            week: format!("{}-W{:02}", iso.year(), iso.week()),
            from: w.to_string(),
            received: 0,
            needing_answer: 0,
            in_time: 0,
            late: 0,
        };
        weeks.insert(w, week);
        w = w.checked_add(7.days()).unwrap_or(w);
    }
    weeks
}

/// The median of some hours (sorted here), if there are any.
fn median(hours: &mut [f64]) -> Option<f64> {
    hours.sort_by(|a, b| a.total_cmp(b));
    match hours.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours[n / 2]),
        n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    }
}

pub fn compute(
    cal: &Calendar,
    zone: &jiff::tz::TimeZone,
    msgs: &[StoredMessage],
    answers: &HashMap<String, i64>,
    today: Date,
    from: Date,
    to: Date,
) -> Report {
    let standing = |m: &StoredMessage, due: Date| -> Standing {
        if m.answer_state() == AnswerState::NotNeeded {
            return Standing::NotNeeded;
        }
        let first = [m.triage.acknowledged_at, answers.get(&m.id).copied()].into_iter().flatten().min();
        let deadline_end = due
            .checked_add(1.day())
            .ok()
            .and_then(|d| d.to_zoned(zone.clone()).ok())
            .map_or(i64::MAX, |z| z.timestamp().as_second());
        match first {
            Some(at) if at < deadline_end => Standing::InTime,
            Some(_) => Standing::Late,
            // replied elsewhere, time unknown: counted as in time
            None if m.answered => Standing::InTime,
            None if today > due => Standing::Late,
            None => Standing::Open,
        }
    };
    let mut per_day = days(from, to);
    let mut weeks = weeks_before(to);
    let (mut needing, mut in_time, mut late) = (0, 0, 0);
    let mut hours = Vec::new();
    let mut overdue: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for m in msgs {
        let (date, due) = super::items::due_of(cal, m, zone);
        let st = standing(m, due);
        let unanswered = m.triage.acknowledged_at.is_none() && !answers.contains_key(&m.id) && !m.answered;
        if m.present && m.triage.deleted_at.is_none() && st == Standing::Late && unanswered {
            *overdue.entry(m.triage.assignee.clone()).or_default() += 1;
        }
        if let Some(wk) = weeks.get_mut(&monday_of(date)) {
            wk.received += 1;
            if st != Standing::NotNeeded {
                wk.needing_answer += 1;
            }
            wk.in_time += usize::from(st == Standing::InTime);
            wk.late += usize::from(st == Standing::Late);
        }
        if date < from || date > to {
            continue;
        }
        *per_day.entry(date).or_default() += 1;
        if st != Standing::NotNeeded {
            needing += 1;
        }
        in_time += usize::from(st == Standing::InTime);
        late += usize::from(st == Standing::Late);
        if let Some(ack) = m.triage.acknowledged_at {
            hours.push((ack - m.received).max(0) as f64 / 3600.0);
        }
    }
    let median = median(&mut hours);
    let received: Vec<DayCount> =
        per_day.into_iter().map(|(d, count)| DayCount { date: d.to_string(), count }).collect();
    Report {
        from: from.to_string(),
        to: to.to_string(),
        received_total: received.iter().map(|d| d.count).sum(),
        received,
        needing_answer: needing,
        in_time,
        late,
        share_in_time: (in_time + late > 0).then(|| in_time as f64 / (in_time + late) as f64),
        kvittens_count: hours.len(),
        median_hours_to_kvittens: median.map(|h| (h * 10.0).round() / 10.0),
        overdue: overdue.into_iter().map(|(assignee, count)| Overdue { assignee, count }).collect(),
        weeks: weeks.into_values().collect(),
    }
}

impl Engine {
    /// The report for `from..=to` (default: this week's Monday to today).
    pub fn report(&self, today: Date, from: Option<Date>, to: Option<Date>) -> Result<Report, OpError> {
        let to = to.unwrap_or(today);
        let monday = to.checked_sub((to.weekday().to_monday_zero_offset() as i32).days()).unwrap_or(to);
        let from = from.unwrap_or(monday).min(to);
        let zone = crate::core::clock::zone();
        let since = monday.checked_sub(49.days()).unwrap_or(monday).min(from);
        let since_ts = since.to_zoned(zone.clone()).map_or(0, |z| z.timestamp().as_second());
        let msgs = self.store.messages_for_report(since_ts)?;
        let answers = self.store.first_answers()?;
        Ok(compute(&self.settings.calendar, &zone, &msgs, &answers, today, from, to))
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
