//! The TUI's coverage side: the start notice (nobody on today's roster,
//! who is on next, a handover note new to this user), the calendar month,
//! absences from the handläggare screen, and writing a handover note.

use jiff::civil::Date;
use jiff::ToSpan;
use ratatui::crossterm::event::KeyEvent;

use super::dialogs::Dialog;
use super::keymap::{Command, ScreenKind};
use super::{App, Screen};
use crate::i18n::fill;
use crate::present;

/// The first of the month of `d`.
pub fn month_start(d: Date) -> Date {
    d.first_of_month()
}

impl App {
    /// Logs the session as watching, and builds the start notice.
    pub fn start_session(&mut self) {
        let t = self.texts();
        if let Err(e) = self.engine.record_watch("tui") {
            return self.say(present::error_text(t, &e), true);
        }
        let mut lines = Vec::new();
        if let Ok(c) = self.engine.coverage(self.today, 30) {
            let gap_today = c.today.is_gap();
            if gap_today {
                lines.extend(present::coverage_lines(t, &c).into_iter().take(2));
            } else if !c.today.on_roster.is_empty() {
                self.say(fill(t.cov_today, &[&c.today.on_roster.join(", ")]), false);
            }
        }
        let actor = self.engine.settings.actor.clone();
        let previous = self.engine.previous_watch(&actor).ok().flatten();
        if let Ok(Some(note)) = self.engine.latest_handover() {
            let new_to_me = note.author != actor && previous.is_none_or(|p| note.at > p);
            if new_to_me {
                if let Ok(summary) = self.engine.handover_summary(self.today) {
                    if !lines.is_empty() {
                        lines.push(String::new());
                    }
                    lines.push(format!("— {} —", t.handover_title));
                    lines.extend(present::handover_lines(t, Some(&note), &summary));
                }
            }
        }
        if !lines.is_empty() {
            self.notice = Some(lines);
        }
    }

    /// Opens the calendar on the month of `selected`.
    pub(super) fn open_calendar(&mut self, selected: Date) {
        let first = month_start(selected);
        // the grid starts on the Monday on or before the 1st: 6 weeks
        let grid_start = first.saturating_sub(i64::from(first.weekday().to_monday_zero_offset()).days());
        match self.engine.coverage_days(grid_start, 42) {
            Ok((days, since)) => self.screen = Screen::Calendar { selected, days, since },
            Err(e) => self.say(present::error_text(self.texts(), &e), true),
        }
    }

    /// The calendar's keys move the day, the week, the month; true when
    /// handled.
    pub(super) fn calendar_key(&mut self, key: &KeyEvent) -> bool {
        let Screen::Calendar { selected, .. } = &self.screen else { return false };
        let selected = *selected;
        let next = match self.keymap.lookup(key, ScreenKind::Calendar).map(|(c, _)| c) {
            Some(Command::PrevDay) => selected.saturating_sub(1.day()),
            Some(Command::NextDay) => selected.saturating_add(1.day()),
            Some(Command::PrevWeek) => selected.saturating_sub(7.days()),
            Some(Command::NextWeek) => selected.saturating_add(7.days()),
            Some(Command::PrevMonth) => selected.saturating_sub(1.month()),
            Some(Command::NextMonth) => selected.saturating_add(1.month()),
            Some(Command::Today) => self.today,
            _ => return false,
        };
        if month_start(next) == month_start(selected) {
            if let Screen::Calendar { selected, .. } = &mut self.screen {
                *selected = next;
            }
        } else {
            self.open_calendar(next);
        }
        true
    }

    /// The handläggare selected on the people screen.
    pub fn people_selected(&self) -> Option<&crate::core::records::Handlaggare> {
        match &self.screen {
            Screen::People { selected } => self.directory.get(*selected),
            _ => None,
        }
    }

    pub(super) fn ask_absence(&mut self) {
        if let Some(h) = self.people_selected() {
            let today = self.today.to_string();
            self.dialog = Some(Dialog::AbsenceForm(super::dialogs::AbsenceForm::new(h.id.clone(), today)));
        }
    }

    pub(super) fn save_absence(&mut self, who: &str, from: &str, to: &str, substitute: &str) {
        let t = self.texts();
        let parse = |s: &str| s.trim().parse::<Date>().map_err(|_| fill(t.err_bad_date, &[&s.trim()]));
        let (from, to) = match (parse(from), parse(to)) {
            (Ok(f), Ok(t)) => (f, t),
            (Err(e), _) | (_, Err(e)) => return self.dialog_error(e),
        };
        let sub = Some(substitute.trim()).filter(|s| !s.is_empty());
        match self.engine.add_absence(who, from, to, sub) {
            Ok(_) => {
                self.dialog = None;
                self.absences = self.engine.absences().unwrap_or_default();
                self.say(t.absence_saved.to_string(), false);
                self.share_soon();
            }
            Err(e) => self.dialog_error(present::error_text(t, &e)),
        }
    }

    pub(super) fn save_handover(&mut self, text: &str) {
        let t = self.texts();
        match self.engine.add_handover(text) {
            Ok(_) => {
                self.dialog = None;
                self.say(t.handover_saved.to_string(), false);
                self.share_soon();
            }
            Err(e) => self.dialog_error(present::error_text(t, &e)),
        }
    }

    fn dialog_error(&mut self, text: String) {
        match &mut self.dialog {
            Some(d) => d.set_error(text),
            None => self.say(text, true),
        }
    }
}
