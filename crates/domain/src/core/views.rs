//! Views defined in the config (`[[views]]`): a name and conditions that
//! must all hold — text, handläggare, status, answer state, warning, only
//! overdue. Checked when the config is read; the engine applies them.

use serde::Deserialize;

use super::inspect::WarningKind;
use super::triage::Status;

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ViewSpec {
    /// Shown in the views row.
    pub name: String,
    /// Words in the subject, sender, handläggare or diarienummer.
    pub text: Option<String>,
    /// Handläggare ids; `"-"` for not assigned.
    #[serde(default)]
    pub assignee: Vec<String>,
    /// new, assigned, registered, handled, no_registration.
    #[serde(default)]
    pub status: Vec<String>,
    /// awaiting, acknowledged, answered, not_needed.
    #[serde(default)]
    pub answer: Vec<String>,
    /// Warning kinds (as `list --warning` takes them).
    #[serde(default)]
    pub warning: Vec<String>,
    /// Only messages past their deadline.
    #[serde(default)]
    pub overdue: bool,
}

const STATUSES: [Status; 5] =
    [Status::New, Status::Assigned, Status::Registered, Status::Handled, Status::NoRegistration];
const ANSWERS: [&str; 4] = ["awaiting", "acknowledged", "answered", "not_needed"];

impl ViewSpec {
    /// Why the view cannot be used, if anything: None for a view without
    /// a name, else the field and the value it cannot have.
    pub fn check(&self) -> Result<(), Option<(&'static str, String)>> {
        if self.name.trim().is_empty() {
            return Err(None);
        }
        let bad = |what: &'static str, v: &str| Err(Some((what, v.to_string())));
        for s in &self.status {
            if !STATUSES.iter().any(|k| k.as_str() == s) {
                return bad("status", s);
            }
        }
        for a in &self.answer {
            if !ANSWERS.contains(&a.as_str()) {
                return bad("answer", a);
            }
        }
        for w in &self.warning {
            if WarningKind::parse(w).is_none() {
                return bad("warning", w);
            }
        }
        Ok(())
    }

    /// Whether a message passes: `haystack` is its text in lower case.
    pub fn admits<'h>(
        &self,
        status: Status,
        answer: &str,
        assignee: Option<&str>,
        warnings: &[WarningKind],
        overdue: bool,
        haystack: impl FnOnce() -> std::borrow::Cow<'h, str>,
    ) -> bool {
        (self.status.is_empty() || self.status.iter().any(|s| s == status.as_str()))
            && (self.answer.is_empty() || self.answer.iter().any(|a| a == answer))
            && (self.assignee.is_empty()
                || self.assignee.iter().any(|a| match assignee {
                    None => a == "-",
                    Some(who) => a.eq_ignore_ascii_case(who),
                }))
            && (self.warning.is_empty()
                || self.warning.iter().any(|w| WarningKind::parse(w).is_some_and(|k| warnings.contains(&k))))
            && (!self.overdue || overdue)
            && self.text.as_deref().is_none_or(|t| haystack().contains(&t.to_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_refused_and_conditions_all_hold() {
        let v = ViewSpec { name: "x".into(), status: vec!["klar".into()], ..Default::default() };
        assert_eq!(v.check().unwrap_err(), Some(("status", "klar".to_string())));
        let v = ViewSpec {
            name: "Bygg".into(),
            text: Some("Bygglov".into()),
            assignee: vec!["-".into(), "lisa".into()],
            answer: vec!["awaiting".into()],
            ..Default::default()
        };
        v.check().unwrap();
        let hay = || "ansökan om bygglov".into();
        assert!(v.admits(Status::New, "awaiting", None, &[], false, hay));
        assert!(v.admits(Status::Assigned, "awaiting", Some("Lisa"), &[], false, hay));
        assert!(!v.admits(Status::Assigned, "awaiting", Some("eva"), &[], false, hay));
        assert!(!v.admits(Status::New, "answered", None, &[], false, hay));
        assert!(!v.admits(Status::New, "awaiting", None, &[], false, || "nyhetsbrev".into()));
    }
}
