//! Absences of handläggare, with a substitute: who is away on a date, and
//! the checks an absence must pass before it is stored.

use jiff::civil::Date;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Absence {
    pub id: i64,
    pub who: String,
    pub from: Date,
    pub to: Date,
    pub substitute: Option<String>,
    /// Who wrote it (on this or a colleague's postrum), and when.
    pub by: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AbsenceError {
    #[error("the absence ends ({to}) before it starts ({from})")]
    EndsBeforeStart { from: Date, to: Date },
    #[error("{0} cannot be their own substitute")]
    OwnSubstitute(String),
    /// A roster entry (bevakningsschema), not an absence.
    #[error("the watch ends ({to}) before it starts ({from})")]
    RosterEndsBeforeStart { from: Date, to: Date },
}

/// Checks an absence before it is stored.
pub fn validate(who: &str, from: Date, to: Date, substitute: Option<&str>) -> Result<(), AbsenceError> {
    if to < from {
        return Err(AbsenceError::EndsBeforeStart { from, to });
    }
    if substitute.is_some_and(|s| s.eq_ignore_ascii_case(who)) {
        return Err(AbsenceError::OwnSubstitute(who.to_string()));
    }
    Ok(())
}

/// The absence covering `who` on `date`, if any (the latest-starting one
/// when several overlap).
pub fn absent_on<'a>(absences: &'a [Absence], who: &str, date: Date) -> Option<&'a Absence> {
    absences
        .iter()
        .filter(|a| a.who.eq_ignore_ascii_case(who) && a.from <= date && date <= a.to)
        .max_by_key(|a| (a.from, a.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn validates_ranges_and_substitutes() {
        assert!(validate("eva", date("2026-12-01"), date("2026-12-01"), Some("omar")).is_ok());
        assert_eq!(
            validate("eva", date("2026-12-05"), date("2026-12-01"), None),
            Err(AbsenceError::EndsBeforeStart { from: date("2026-12-05"), to: date("2026-12-01") })
        );
        assert!(validate("eva", date("2026-12-01"), date("2026-12-02"), Some("EVA")).is_err());
    }

    #[test]
    fn finds_the_absence_on_a_date() {
        let list = vec![
            Absence {
                id: 1,
                who: "eva".into(),
                from: date("2026-12-01"),
                to: date("2026-12-10"),
                substitute: Some("omar".into()),
                by: String::new(),
                at: 0,
            },
            Absence {
                id: 2,
                who: "eva".into(),
                from: date("2026-12-05"),
                to: date("2026-12-06"),
                substitute: Some("lisa".into()),
                by: String::new(),
                at: 0,
            },
        ];
        assert_eq!(absent_on(&list, "eva", date("2026-12-02")).unwrap().id, 1);
        assert_eq!(absent_on(&list, "Eva", date("2026-12-05")).unwrap().id, 2);
        assert!(absent_on(&list, "eva", date("2026-12-11")).is_none());
        assert!(absent_on(&list, "omar", date("2026-12-02")).is_none());
    }
}
