//! The two-working-day deadline of a message: due two working days after
//! the local date it arrived, and waiting until it is answered or
//! acknowledged (the sender was told).

use jiff::civil::Date;

use super::calendar::Calendar;

/// Where a message stands against its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Deadline {
    /// Past due by this many working days.
    Overdue(u32),
    DueToday,
    /// Due later.
    Waiting,
    /// Answered or acknowledged: no longer waiting.
    Done,
}

impl Deadline {
    /// The stable name used in JSON and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Deadline::Overdue(_) => "overdue",
            Deadline::DueToday => "due_today",
            Deadline::Waiting => "waiting",
            Deadline::Done => "done",
        }
    }

    /// Past its answer deadline.
    #[inline]
    pub fn is_overdue(self) -> bool {
        matches!(self, Deadline::Overdue(_))
    }

    /// Still waiting for an answer (overdue, due today or later).
    #[inline]
    pub fn is_open(self) -> bool {
        self != Deadline::Done
    }
}

/// The deadline state on `today` of a message due on `due`.
pub fn state(cal: &Calendar, due: Date, today: Date, answered: bool, acknowledged: bool) -> Deadline {
    if answered || acknowledged {
        Deadline::Done
    } else if today == due {
        Deadline::DueToday
    } else if today > due {
        Deadline::Overdue(cal.working_days_between(due, today).max(1))
    } else {
        Deadline::Waiting
    }
}

/// A defined arrival time for any message: the file or server time when
/// it is plausible, else the Date header when that is, else when postrum
/// first saw it. Never in the future, never before 1970.
pub fn arrival(file_time: i64, date_header: Option<i64>, first_seen: i64) -> i64 {
    let plausible = |t: i64| t > 0 && t <= first_seen + 86_400;
    if plausible(file_time) {
        file_time.min(first_seen)
    } else if let Some(d) = date_header.filter(|d| plausible(*d)) {
        d.min(first_seen)
    } else {
        first_seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn states_follow_the_calendar() {
        let cal = Calendar::default();
        let due = cal.due_date(date("2025-12-23"));
        assert_eq!(due, date("2025-12-30"));
        assert_eq!(state(&cal, due, date("2025-12-29"), false, false), Deadline::Waiting);
        assert_eq!(state(&cal, due, date("2025-12-30"), false, false), Deadline::DueToday);
        assert_eq!(state(&cal, due, date("2026-01-02"), false, false), Deadline::Overdue(1));
        assert_eq!(state(&cal, due, date("2026-01-05"), false, false), Deadline::Overdue(2));
        assert_eq!(state(&cal, due, date("2026-01-05"), true, false), Deadline::Done);
        assert_eq!(state(&cal, due, date("2026-01-05"), false, true), Deadline::Done);
        // a Saturday after a Friday deadline is still one day late
        assert_eq!(state(&cal, date("2026-11-27"), date("2026-11-28"), false, false), Deadline::Overdue(1));
    }

    #[test]
    fn arrival_is_always_defined() {
        let now = 1_795_767_600;
        assert_eq!(arrival(now - 100, Some(5), now), now - 100);
        assert_eq!(arrival(0, Some(now - 50), now), now - 50);
        assert_eq!(arrival(0, None, now), now);
        assert_eq!(arrival(-5, Some(-10), now), now); // before 1970
        assert_eq!(arrival(now + 10 * 86_400, Some(now + 9 * 86_400), now), now); // far future
        assert_eq!(arrival(now + 3600, None, now), now); // a little ahead: clamped
    }
}
