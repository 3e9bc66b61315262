//! The records office's day in the TUI: a threat's records, taking a
//! follow-up suggestion with one key, and the report screen.

use super::dialogs::{self, Dialog};
use super::{App, Screen};
use crate::core::triage::Action;
use crate::present;

impl App {
    /// `T`: mark a threat; on a message marked already, its records.
    pub(super) fn ask_threat(&mut self) {
        let Some(id) = self.target() else { return };
        match self.engine.message(&id) {
            Ok(Some(m)) if m.triage.threat_at.is_some() => {
                let lines = vec![present::threat_line(self.texts(), &m.triage)];
                self.dialog = Some(Dialog::ThreatRecords(dialogs::ThreatRecords::new(id, lines)));
            }
            Ok(_) => self.dialog = Some(Dialog::Threat(dialogs::Threat { id })),
            Err(e) => self.say(present::error_text(self.texts(), &e), true),
        }
    }

    /// The suggestion for a message: the list's (references, subject), or
    /// — read already — from its text; none once it is registered.
    pub(super) fn suggestion_for(
        &self,
        id: &str,
        view: Option<&crate::core::message::View>,
    ) -> Option<crate::engine::Suggestion> {
        let item = self.list.items.iter().find(|i| i.msg.id == id)?;
        if !crate::engine::open_to_suggest(&item.msg) {
            return None; // the list's suggestion is from before an action
        }
        if let Some(s) = &item.suggested {
            return Some((**s).clone());
        }
        let cached = self.cached_view(id);
        let body = view.map(|v| v.body.as_str()).or(cached.as_ref().map(|v| v.body.as_str()))?;
        self.engine.text_suggestion(&item.msg, body)
    }

    /// The suggestion line of the message view, if there is one.
    pub(super) fn suggestion_line(&self, id: &str, view: &crate::core::message::View) -> Option<String> {
        let s = self.suggestion_for(id, Some(view))?;
        let d = self.texts().desk;
        let why = match s.why {
            crate::engine::Why::Reply => d.why_reply,
            crate::engine::Why::Sent => d.why_sent,
            crate::engine::Why::Text => d.why_subject,
        };
        let who = s.assignee.unwrap_or_else(|| "–".into());
        Some(crate::i18n::fill(d.suggested, &[&s.diarienummer, &who, &why]))
    }

    /// `F`: register with the suggested diarienummer and assign to the
    /// suggested handläggare (who is asked for when the number's messages
    /// have none).
    pub(super) fn accept_suggestion(&mut self) {
        let Some(id) = self.target() else { return };
        let Some(s) = self.suggestion_for(&id, None) else {
            return self.say(self.texts().desk.no_suggestion.to_string(), true);
        };
        let assigned =
            self.list.items.iter().find(|i| i.msg.id == id).and_then(|i| i.msg.triage.assignee.clone());
        self.perform(&id, Action::Register { diarienummer: s.diarienummer });
        match s.assignee {
            Some(who) if assigned.as_deref() != Some(who.as_str()) && who != crate::core::triage::UNKNOWN => {
                // forwarded as an assignment from the dialog would be
                self.assigning.forward = self.engine.sends();
                self.perform(&id, Action::Assign { who });
            }
            _ => {}
        }
    }

    /// `R` on the list: the week in figures.
    pub(super) fn open_report(&mut self) {
        match self.engine.report(self.today, None, None) {
            Ok(report) => self.screen = Screen::Report { report: Box::new(report), scroll: 0 },
            Err(e) => self.say(present::error_text(self.texts(), &e), true),
        }
    }

    /// `Enter` on the log: the selected entry in full (nothing cut).
    pub(super) fn log_details(&mut self) {
        let Screen::Log { entries, scroll } = &self.screen else { return };
        let Some(e) = entries.get(*scroll) else { return };
        let t = self.texts();
        let l = t.desk.log_detail;
        let detail = present::action_detail(e.action.as_ref());
        let note = present::log_note(t, e.note.as_deref());
        let mut lines = vec![
            format!("{}: {}", l[0], crate::core::clock::local_datetime(e.at)),
            format!("{}: {}", l[1], e.actor),
            format!("{}: {}", l[2], present::action_label(t, &e.kind)),
            format!("{}: {}", l[3], e.message),
            format!("{}: {}", l[4], e.subject),
            format!(
                "{}: {}",
                l[5],
                [detail, note].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" — ")
            ),
            format!("{}: {}", l[6], present::log_state(t, e.state)),
        ];
        if let Some(err) = &e.error {
            lines.push(format!("{}: {}", l[7], present::reason(t, err)));
        }
        self.notice = Some(lines.iter().map(|s| crate::core::sanitize::line(s)).collect());
        self.notice_title = Some(t.log_title);
    }
}
