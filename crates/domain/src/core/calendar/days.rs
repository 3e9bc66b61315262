//! The named days of a Swedish year: allmänna helgdagar by lag (1989:253)
//! as amended by SFS 2004:1320 (nationaldagen from 2005, annandag pingst
//! before), and the aftnar municipalities treat as days off. Easter by the
//! anonymous Gregorian computus.

use jiff::civil::Date;
use jiff::ToSpan;

/// What kind of day off (or notable day) a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayKind {
    Helgdag,
    Afton,
    Klamdag,
}

impl DayKind {
    /// The stable name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Helgdag => "helgdag",
            DayKind::Afton => "afton",
            DayKind::Klamdag => "klamdag",
        }
    }
}

/// Easter Sunday (påskdagen), anonymous Gregorian algorithm.
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

/// The Saturday on or after the given date.
fn saturday_from(year: i16, month: i8, day: i8) -> Date {
    let start = Date::new(year, month, day).unwrap_or(Date::constant(2000, 1, 1));
    let offset = (5 - i64::from(start.weekday().to_monday_zero_offset())).rem_euclid(7);
    start.saturating_add(offset.days())
}

/// The helgdagar and aftnar of a year (Sundays other than påsk- and
/// pingstdagen left out), sorted by date.
pub fn named_days(year: i16) -> Vec<(Date, &'static str, DayKind)> {
    use DayKind::*;
    let e = easter(year);
    let d = |m: i8, day: i8| Date::new(year, m, day).unwrap_or(Date::constant(2000, 1, 1));
    let ed = |n: i64| e.saturating_add(n.days());
    let midsommardagen = saturday_from(year, 6, 20);
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
        (midsommardagen.saturating_sub(1.day()), "Midsommarafton", Afton),
        (midsommardagen, "Midsommardagen", Helgdag),
        (saturday_from(year, 10, 31), "Alla helgons dag", Helgdag),
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

/// Helgdagar followed by a shorter working day in some agreements: the
/// day before each of these may be marked as a short day.
pub const SHORT_DAY_BEFORE: &[&str] = &[
    "Trettondedag jul",
    "Långfredagen",
    "Första maj",
    "Kristi himmelsfärdsdag",
    "Nationaldagen",
    "Alla helgons dag",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Gauss's Easter algorithm with the Gregorian corrections: a second,
    /// independent computation to check the first.
    fn easter_gauss(year: i16) -> Date {
        let y = i32::from(year);
        let (a, b, c) = (y % 19, y % 4, y % 7);
        let k = y / 100;
        let p = (13 + 8 * k) / 25;
        let q = k / 4;
        let m = (15 - p + k - q) % 30;
        let n = (4 + k - q) % 7;
        let d = (19 * a + m) % 30;
        let e = (2 * b + 4 * c + 6 * d + n) % 7;
        let (month, day) = if d == 29 && e == 6 {
            (4, 19)
        } else if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
            (4, 18)
        } else if 22 + d + e > 31 {
            (4, d + e - 9)
        } else {
            (3, 22 + d + e)
        };
        Date::new(year, month, day as i8).unwrap()
    }

    #[test]
    fn easter_agrees_with_gauss_1900_to_2200() {
        for year in 1900..=2200 {
            assert_eq!(easter(year), easter_gauss(year), "{year}");
            assert_eq!(easter(year).weekday(), jiff::civil::Weekday::Sunday);
        }
    }

    #[test]
    fn known_easters() {
        assert_eq!(easter(1954), Date::constant(1954, 4, 18));
        assert_eq!(easter(2024), Date::constant(2024, 3, 31));
        assert_eq!(easter(2026), Date::constant(2026, 4, 5));
        assert_eq!(easter(2038), Date::constant(2038, 4, 25));
    }

    #[test]
    fn the_2005_amendment() {
        let names = |y| named_days(y).into_iter().map(|(_, n, _)| n).collect::<Vec<_>>();
        assert!(names(2004).contains(&"Annandag pingst") && !names(2004).contains(&"Nationaldagen"));
        assert!(names(2005).contains(&"Nationaldagen") && !names(2005).contains(&"Annandag pingst"));
        assert_eq!(named_days(2026).len(), 18);
    }
}
