//! Coverage through the engine: the roster, watched sessions, absences
//! (checked against the handläggare directory) and the handover note with
//! a summary of what is open, overdue and assigned to absent people.

use jiff::civil::Date;

use super::{Engine, OpError};
use crate::core::absence::{self, Absence};
use crate::core::coverage::{self, Coverage, DayCoverage};
use crate::core::sanitize;
use crate::core::triage::RuleError;
use jiff::ToSpan;

/// What the next watcher needs to know, beside the handover note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HandoverSummary {
    /// Messages still waiting for an answer.
    pub open: usize,
    pub overdue: usize,
    /// (message id, subject, handläggare, their absence) for messages
    /// assigned to someone absent today.
    pub assigned_to_absent: Vec<(String, String, String, Absence)>,
}

impl Engine {
    fn known_handlaggare(&self, who: &str) -> Result<String, OpError> {
        let ids: Vec<String> = self.store.handlaggare()?.into_iter().map(|h| h.id).collect();
        Ok(crate::core::triage::find_handlaggare(&ids, who)?)
    }

    /// Marks a handläggare absent from..=to, with an optional substitute.
    pub fn add_absence(
        &mut self,
        who: &str,
        from: Date,
        to: Date,
        substitute: Option<&str>,
    ) -> Result<i64, OpError> {
        let who = self.known_handlaggare(who)?;
        let substitute = substitute.map(|s| self.known_handlaggare(s)).transpose()?;
        absence::validate(&who, from, to, substitute.as_deref())?;
        let actor = self.settings.actor.clone();
        let id = self.store.add_absence(&who, from, to, substitute.as_deref(), &actor)?;
        self.flush_records();
        Ok(id)
    }

    /// Removes an absence, for colleagues too; false when there was none.
    pub fn remove_absence(&mut self, id: i64) -> Result<bool, OpError> {
        let actor = self.settings.actor.clone();
        let removed = self.store.remove_absence(id, &actor)?;
        self.flush_records();
        Ok(removed)
    }

    /// Removes a roster entry, for colleagues too; false when there was none.
    pub fn remove_roster(&mut self, id: i64) -> Result<bool, OpError> {
        let actor = self.settings.actor.clone();
        let removed = self.store.remove_roster(id, &actor)?;
        self.flush_records();
        Ok(removed)
    }

    /// The absence of `who` on `date`, if any.
    pub fn absence_on(&self, who: &str, date: Date) -> Result<Option<Absence>, OpError> {
        Ok(absence::absent_on(&self.store.absences()?, who, date).cloned())
    }

    /// Puts someone on the roster from..=to (overlaps are allowed).
    pub fn add_roster(&mut self, person: &str, from: Date, to: Date) -> Result<i64, OpError> {
        let person = sanitize::line(person);
        if person.is_empty() {
            return Err(RuleError::EmptyReason.into());
        }
        if to < from {
            return Err(absence::AbsenceError::RosterEndsBeforeStart { from, to }.into());
        }
        let actor = self.settings.actor.clone();
        let id = self.store.add_roster(&person, from, to, &actor)?;
        self.flush_records();
        Ok(id)
    }

    /// Logs this session as watching the mailbox.
    pub fn record_watch(&mut self, how: &str) -> Result<(), OpError> {
        let actor = self.settings.actor.clone();
        self.store.record_watch(&actor, how)?;
        self.flush_records();
        Ok(())
    }

    /// Coverage from today: `ahead` days, and the past since the first
    /// recorded session.
    pub fn coverage(&self, today: Date, ahead: i64) -> Result<Coverage, OpError> {
        let roster = self.store.roster()?;
        let watched = self.store.watched()?;
        let since = watched.keys().next().copied();
        Ok(coverage::report(&self.settings.calendar, &roster, &watched, today, ahead, since))
    }

    /// `n` days from `start`, for the calendar view, and the first day a
    /// session was recorded (days before it are not judged as unwatched).
    pub fn coverage_days(&self, start: Date, n: i64) -> Result<(Vec<DayCoverage>, Option<Date>), OpError> {
        let roster = self.store.roster()?;
        let watched = self.store.watched()?;
        let since = watched.keys().next().copied();
        let days = (0..n)
            .map(|i| {
                coverage::day(&self.settings.calendar, &roster, &watched, start.saturating_add(i.days()))
            })
            .collect();
        Ok((days, since))
    }

    /// Writes a handover note.
    pub fn add_handover(&mut self, text: &str) -> Result<i64, OpError> {
        let text = sanitize::text(text).trim().to_string();
        if text.is_empty() {
            return Err(RuleError::EmptyReason.into());
        }
        let actor = self.settings.actor.clone();
        let id = self.store.add_handover(&actor, &text)?;
        self.flush_records();
        Ok(id)
    }

    pub fn handover_summary(&self, today: Date) -> Result<HandoverSummary, OpError> {
        let absences = self.store.absences()?;
        let mut s = HandoverSummary::default();
        for item in self.items(today)? {
            if item.deadline.is_open() {
                s.open += 1;
            }
            if item.deadline.is_overdue() {
                s.overdue += 1;
            }
            if let Some(who) = &item.msg.triage.assignee {
                // still owed an answer: the handover names who is away
                if item.deadline.is_open() {
                    if let Some(a) = absence::absent_on(&absences, who, today) {
                        s.assigned_to_absent.push((
                            item.msg.id.clone(),
                            item.msg.summary.subject.clone(),
                            who.clone(),
                            a.clone(),
                        ));
                    }
                }
            }
        }
        Ok(s)
    }
}
