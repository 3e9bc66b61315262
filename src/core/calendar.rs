//! The Swedish calendar: allmänna helgdagar (lag 1989:253), the aftnar that
//! municipalities treat as days off, klämdagar, and working-day arithmetic
//! used for message ages and the two-working-day deadline.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

/// What kind of day off (or notable day) a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    Helgdag,
    Afton,
    Klamdag,
}

/// Easter Sunday (påskdagen) by the anonymous Gregorian computus.
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).unwrap_or(Date::constant(2000, 4, 23))
}

fn saturday_between(year: i16, month: i8, day: i8) -> Date {
    let start = Date::new(year, month, day).unwrap_or(Date::constant(2000, 1, 1));
    let offset = (5 - i64::from(start.weekday().to_monday_zero_offset())).rem_euclid(7);
    start.saturating_add(offset.days())
}

/// The named helgdagar and aftnar of a year (Sundays other than påsk- and
/// pingstdagen left out), sorted by date.
pub fn named_days(year: i16) -> Vec<(Date, &'static str, DayKind)> {
    use DayKind::*;
    let e = easter(year);
    let d = |m: i8, day: i8| Date::new(year, m, day).unwrap_or(Date::constant(2000, 1, 1));
    let ed = |n: i64| e.saturating_add(n.days());
    let midsommardagen = saturday_between(year, 6, 20);
    let mut days = vec![
        (d(1, 1), "Nyårsdagen", Helgdag),
        (d(1, 6), "Trettondedag jul", Helgdag),
        (ed(-2), "Långfredagen", Helgdag),
        (ed(-1), "Påskafton", Afton),
        (e, "Påskdagen", Helgdag),
        (ed(1), "Annandag påsk", Helgdag),
        (d(5, 1), "Första maj", Helgdag),
        (ed(39), "Kristi himmelsfärdsdag", Helgdag),
        (ed(48), "Pingstafton", Afton),
        (ed(49), "Pingstdagen", Helgdag),
        (
            midsommardagen.saturating_sub(1.day()),
            "Midsommarafton",
            Afton,
        ),
        (midsommardagen, "Midsommardagen", Helgdag),
        (saturday_between(year, 10, 31), "Alla helgons dag", Helgdag),
        (d(12, 24), "Julafton", Afton),
        (d(12, 25), "Juldagen", Helgdag),
        (d(12, 26), "Annandag jul", Helgdag),
        (d(12, 31), "Nyårsafton", Afton),
    ];
    if year >= 2005 {
        days.push((d(6, 6), "Nationaldagen", Helgdag));
    } else {
        days.push((ed(50), "Annandag pingst", Helgdag));
    }
    days.sort_by_key(|(date, _, _)| *date);
    days
}

/// A day off: weekend, helgdag or afton.
pub fn is_day_off(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
        || named_days(date.year()).iter().any(|(d, _, _)| *d == date)
}

/// A working day (klämdagar count as working days).
pub fn is_working_day(date: Date) -> bool {
    !is_day_off(date)
}

/// A weekday, not itself a day off, squeezed between two days off.
pub fn is_klamdag(date: Date) -> bool {
    is_working_day(date)
        && is_day_off(date.saturating_sub(1.day()))
        && is_day_off(date.saturating_add(1.day()))
}

/// The date `n` working days after `date` (n = 0 gives `date` itself).
pub fn add_working_days(date: Date, n: u32) -> Date {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        d = d.saturating_add(1.day());
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Working days passed from `from` to `to` (0 when `to` is not after
/// `from`); counts the working days in (from, to].
pub fn working_days_between(from: Date, to: Date) -> u32 {
    if to <= from {
        return 0;
    }
    // Bound the walk: beyond ten years the exact number does not matter.
    let limit = from.saturating_add(3660.days());
    let end = if to > limit { limit } else { to };
    let mut d = from;
    let mut n = 0;
    while d < end {
        d = d.saturating_add(1.day());
        if is_working_day(d) {
            n += 1;
        }
    }
    n
}

/// The answer deadline: two working days after the arrival date.
pub fn due_date(received: Date) -> Date {
    add_working_days(received, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2024), date("2024-03-31"));
        assert_eq!(easter(2025), date("2025-04-20"));
        assert_eq!(easter(2026), date("2026-04-05"));
        assert_eq!(easter(2027), date("2027-03-28"));
    }

    #[test]
    fn deadline_examples_from_facts() {
        assert_eq!(due_date(date("2025-12-23")), date("2025-12-30"));
        assert_eq!(due_date(date("2025-12-30")), date("2026-01-05"));
        assert_eq!(due_date(date("2026-06-18")), date("2026-06-23"));
        assert_eq!(due_date(date("2027-03-25")), date("2027-03-31"));
    }

    #[test]
    fn midsommar_and_alla_helgons() {
        let days = named_days(2026);
        let find = |n: &str| {
            days.iter()
                .find(|(_, name, _)| *name == n)
                .map(|(d, _, _)| *d)
        };
        assert_eq!(find("Midsommarafton"), Some(date("2026-06-19")));
        assert_eq!(find("Midsommardagen"), Some(date("2026-06-20")));
        assert_eq!(find("Alla helgons dag"), Some(date("2026-10-31")));
    }

    #[test]
    fn klamdagar_2013() {
        for d in [
            "2013-05-10",
            "2013-06-07",
            "2013-12-23",
            "2013-12-27",
            "2013-12-30",
        ] {
            assert!(is_klamdag(date(d)), "{d}");
        }
        assert!(!is_klamdag(date("2013-05-08")));
    }

    #[test]
    fn working_days_between_counts_forward() {
        assert_eq!(
            working_days_between(date("2026-11-27"), date("2026-11-30")),
            1
        );
        assert_eq!(
            working_days_between(date("2026-11-30"), date("2026-11-27")),
            0
        );
    }
}
