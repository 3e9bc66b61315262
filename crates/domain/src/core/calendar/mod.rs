//! The Swedish calendar as a mailbox sees it: days off (weekends,
//! helgdagar, aftnar, local closures), klämdagar, short days, and
//! working-day arithmetic for ages and the two-working-day deadline.
//! Configurable per mailbox; no I/O.

mod days;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use serde::Deserialize;

pub use days::{easter, named_days, DayKind};

/// Per-mailbox calendar settings (`[calendar]` in the config).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarConfig {
    /// Extra local closure days (the office is shut), as dates.
    pub closures: Vec<Date>,
    /// Whether klämdagar count as working days for deadlines.
    pub klamdag_is_working_day: bool,
    /// Mark the day before certain helgdagar as a short day.
    pub short_days: bool,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        Self { closures: Vec::new(), klamdag_is_working_day: true, short_days: false }
    }
}

/// The hour the working day ends: a request for public documents that
/// arrives later is due the next working day.
pub const WORKING_DAY_ENDS: i8 = 16;

/// One notable day, as `postrum calendar` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedDay {
    pub date: Date,
    pub name: String,
    pub kind: DayKind,
}

/// Everything about one date that the views show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayInfo {
    pub named: Option<(&'static str, DayKind)>,
    pub closure: bool,
    pub klamdag: bool,
    pub short_day: bool,
    pub working: bool,
}

/// The years the calendar answers for (precomputed): today's rules within
/// the range where they make sense; `calendar YEAR` outside it is an error.
pub const FIRST_YEAR: i16 = 1900;
pub const LAST_YEAR: i16 = 2200;

#[derive(Clone)]
pub struct Calendar {
    named: HashMap<Date, (&'static str, DayKind)>,
    closures: HashSet<Date>,
    config: CalendarConfig,
}

impl Default for Calendar {
    fn default() -> Self {
        Self::new(CalendarConfig::default())
    }
}

impl Calendar {
    pub fn new(config: CalendarConfig) -> Self {
        let mut named = HashMap::with_capacity(18 * 301);
        for year in FIRST_YEAR..=LAST_YEAR {
            for (d, name, kind) in named_days(year) {
                named.insert(d, (name, kind));
            }
        }
        Self { named, closures: config.closures.iter().copied().collect(), config }
    }

    /// The helgdag or afton on this date, if any.
    pub fn named(&self, date: Date) -> Option<(&'static str, DayKind)> {
        if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            self.named.get(&date).copied()
        } else {
            named_days(date.year()).into_iter().find(|(d, _, _)| *d == date).map(|(_, n, k)| (n, k))
        }
    }

    /// Weekend, helgdag, afton or local closure.
    pub fn is_day_off(&self, date: Date) -> bool {
        matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            || self.named(date).is_some()
            || self.closures.contains(&date)
    }

    /// A weekday, not itself off, with days off on both sides.
    pub fn is_klamdag(&self, date: Date) -> bool {
        !self.is_day_off(date)
            && self.is_day_off(date.saturating_sub(1.day()))
            && self.is_day_off(date.saturating_add(1.day()))
    }

    /// Counts towards deadlines (klämdagar do, unless configured otherwise).
    pub fn is_working_day(&self, date: Date) -> bool {
        !self.is_day_off(date) && (self.config.klamdag_is_working_day || !self.is_klamdag(date))
    }

    /// A working day before certain helgdagar, when short days are marked.
    pub fn is_short_day(&self, date: Date) -> bool {
        self.config.short_days
            && self.is_working_day(date)
            && self
                .named(date.saturating_add(1.day()))
                .is_some_and(|(name, _)| days::SHORT_DAY_BEFORE.contains(&name))
    }

    pub fn info(&self, date: Date) -> DayInfo {
        DayInfo {
            named: self.named(date),
            closure: self.closures.contains(&date),
            klamdag: self.is_klamdag(date),
            short_day: self.is_short_day(date),
            working: self.is_working_day(date),
        }
    }

    /// The date `n` working days after `date` (`n = 0`: `date` itself).
    pub fn add_working_days(&self, date: Date, n: u32) -> Date {
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d.saturating_add(1.day());
            if d == Date::MAX {
                break;
            }
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days in (from, to]; 0 when `to` is not after `from`. Spans
    /// over ten years are counted as ten years.
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        if to <= from {
            return 0;
        }
        let limit = from.saturating_add(3660.days());
        let end = to.min(limit);
        let mut d = from;
        let mut n = 0;
        while d < end {
            d = d.saturating_add(1.day());
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }

    /// The deadline of a request for public documents (handled skyndsamt,
    /// normally the same day): the day it arrived when that is a working
    /// day and it came before the working day ended, else the next working
    /// day.
    pub fn public_request_due(&self, received: Date, hour: i8) -> Date {
        if self.is_working_day(received) && hour < WORKING_DAY_ENDS {
            received
        } else {
            self.add_working_days(received, 1)
        }
    }

    /// The answer deadline: two working days after the arrival date.
    pub fn due_date(&self, received: Date) -> Date {
        self.add_working_days(received, 2)
    }

    /// A year's helgdagar, aftnar and klämdagar (ordinary Sundays left
    /// out), with names; klämdagar are named after their holiday.
    /// (Years outside `FIRST_YEAR..=LAST_YEAR` give nothing: the rules
    /// are today's, and the date arithmetic has an end.)
    pub fn year(&self, year: i16) -> Vec<NamedDay> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Vec::new();
        }
        let mut out: Vec<NamedDay> = named_days(year)
            .into_iter()
            .map(|(date, name, kind)| NamedDay { date, name: name.to_string(), kind })
            .collect();
        let Ok(mut d) = Date::new(year, 1, 1) else { return out };
        while d.year() == year {
            if self.is_klamdag(d) {
                let before = self.named(d.saturating_sub(1.day()));
                let after = self.named(d.saturating_add(1.day()));
                let name = match before.or(after) {
                    Some((n, _)) => format!("Klämdag ({n})"),
                    None => "Klämdag".to_string(),
                };
                out.push(NamedDay { date: d, name, kind: DayKind::Klamdag });
            }
            d = d.saturating_add(1.day());
        }
        out.sort_by_key(|n| n.date);
        out
    }
}
