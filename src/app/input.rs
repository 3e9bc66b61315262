//! What a key press does: the help and notices first, then an open
//! dialog, then the calendar's own keys, then the command the keymap gives
//! the key on this screen.

use ratatui::crossterm::event::KeyEvent;

use super::bulk;
use super::dialogs::{self, Dialog};
use super::keymap::{self, Command};
use super::{App, Screen};
use crate::core::triage::Action;
use crate::present;

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) {
        if self.help && key.code == ratatui::crossterm::event::KeyCode::Tab {
            self.help_dialogs = !self.help_dialogs;
            return;
        }
        if self.help || self.notice.is_some() {
            self.help = false;
            self.help_dialogs = false;
            self.notice = None;
            self.notice_title = None;
            return;
        }
        if let Some(mut d) = self.dialog.take() {
            let result = d.handle(&key, &self.keymap, &self.directory);
            self.dialog = Some(d);
            self.on_dialog(result);
            return;
        }
        if matches!(self.screen, Screen::Calendar { .. }) && self.calendar_key(&key) {
            return;
        }
        let screen = keymap::ScreenKind::of(&self.screen);
        if let Some((cmd, n)) = self.keymap.lookup(&key, screen) {
            self.flash = None;
            if cmd == Command::ViewN {
                return self.set_tab(n);
            }
            self.command(cmd);
        }
    }

    /// Moving in the list and between screens; false for any other command.
    fn navigate(&mut self, cmd: Command) -> bool {
        let page = self.page_rows() as isize;
        match cmd {
            Command::Down => self.move_by(1),
            Command::Up => self.move_by(-1),
            Command::PageDown => self.move_by(page),
            Command::PageUp => self.move_by(-page),
            Command::Top => self.move_by(isize::MIN / 2),
            Command::Bottom => self.move_by(isize::MAX / 2),
            Command::Open => self.open_selected(),
            Command::Back => match self.screen {
                Screen::Inbox if !self.list.filter.is_empty() => self.set_filter(String::new()),
                Screen::Inbox if !self.list.marked.is_empty() => {
                    self.list.marked.clear();
                    self.say(self.texts().desk.marks_cleared.to_string(), false);
                }
                _ => self.screen = Screen::Inbox,
            },
            _ => return false,
        }
        true
    }

    fn command(&mut self, cmd: Command) {
        if self.navigate(cmd) {
            return;
        }
        match cmd {
            Command::Down
            | Command::Up
            | Command::PageDown
            | Command::PageUp
            | Command::Top
            | Command::Bottom
            | Command::Open
            | Command::Back => {}
            Command::Assign => self.ask_assign(),
            Command::Register => self.ask_register(),
            Command::Delete => self.ask_delete_any(),
            Command::Filter => self.dialog = Some(Dialog::Filter(dialogs::Filter { input: self.list.filter.clone() })),
            Command::Sort => {
                self.list.sort = self.list.sort.next();
                self.relist();
            }
            Command::NextView => self.set_tab((self.list.tab + 1) % self.list.tabs.len().max(1)),
            Command::PrevView => {
                let n = self.list.tabs.len().max(1);
                self.set_tab((self.list.tab + n - 1) % n)
            }
            Command::ViewN => {}
            Command::Mark => self.toggle_mark(),
            Command::MarkAll => self.mark_all_shown(),
            Command::Answer => {
                if let Some(id) = self.marked_or_target() {
                    self.dialog = Some(Dialog::Answer(dialogs::Answer { id }));
                }
            }
            Command::Accept => self.accept_suggestion(),
            Command::Report => self.open_report(),
            Command::Details => self.log_details(),
            Command::Warn => {
                self.list.warn = self.list.warn.next();
                self.relist();
            }
            Command::Threat => self.ask_threat(),
            Command::Save => self.ask_save(),
            Command::Ack => self.ask_ack_any(),
            Command::Reply => self.ask_reply(),
            Command::Uncertain => self.ask_uncertain(),
            Command::Export => self.export_selected(),
            Command::Calendar => self.open_calendar(self.today),
            Command::People => self.screen = Screen::People { selected: 0 },
            Command::Handover => self.ask_handover(),
            Command::Absence => self.ask_absence(),
            Command::Log => match self.engine.log(1000) {
                Ok(entries) => self.screen = Screen::Log { entries, scroll: 0 },
                Err(e) => self.say(present::error_text(self.texts(), &e), true),
            },
            Command::Help => self.help = true,
            Command::Quit => self.quit = true,
            // the dialogs' own: looked up only while one is open
            Command::Confirm
            | Command::Cancel
            | Command::NextField
            | Command::PrevField
            | Command::ChoiceDown
            | Command::ChoiceUp
            | Command::Note
            | Command::Yes
            | Command::No
            | Command::Force
            | Command::Substitute
            | Command::EditText
            | Command::WithoutMail
            | Command::ManagerTold
            | Command::PoliceReport
            | Command::ExportOriginal
            | Command::AnswerAwaiting
            | Command::AnswerAnswered
            | Command::AnswerNotNeeded
            // the calendar's: its own screen reads them first
            | Command::PrevDay
            | Command::NextDay
            | Command::PrevWeek
            | Command::NextWeek
            | Command::PrevMonth
            | Command::NextMonth
            | Command::Today => {}
        }
    }
}

impl App {
    /// What a dialog acts on: the marked messages (kept as the batch's
    /// target; the first one named), else the message at hand.
    fn marked_or_target(&mut self) -> Option<String> {
        self.batch_target = self.marked_target();
        let first = self.batch_target.as_ref().and_then(|t| t.first()).map(|(id, _)| id.clone());
        first.or_else(|| self.target())
    }

    /// `d`: the marked set, or the selected message.
    fn ask_delete_any(&mut self) {
        match self.marked_target() {
            Some(target) => self.ask_bulk(target, bulk::BulkJob::Act(Action::Delete { force_reason: None })),
            None => self.ask_delete(),
        }
    }

    /// `K`: a kvittens (or, without sending, the acknowledgement) for the
    /// marked set, or for the selected message.
    fn ask_ack_any(&mut self) {
        match self.marked_target() {
            Some(target) => {
                let job = if self.engine.sends() {
                    bulk::BulkJob::Kvittens
                } else {
                    bulk::BulkJob::Act(Action::Acknowledge)
                };
                self.ask_bulk(target, job)
            }
            None => self.ask_kvittens(),
        }
    }

    /// `H`: the latest handover notes (newest first, who and when) above
    /// the box for writing one.
    fn ask_handover(&mut self) {
        let line = crate::core::sanitize::line;
        let recent = self
            .engine
            .handovers(5)
            .unwrap_or_default()
            .iter()
            .map(|h| {
                format!(
                    "{} · {}: {}",
                    crate::core::clock::local_datetime(h.at),
                    line(&h.author),
                    line(&h.text)
                )
            })
            .collect();
        self.dialog = Some(Dialog::Handover(dialogs::Handover { recent, ..Default::default() }));
    }

    /// `a`: whom to assign to (and, with sending set up, the forward).
    fn ask_assign(&mut self) {
        if let Some(id) = self.marked_or_target() {
            let forward =
                self.engine.sends().then(|| dialogs::ForwardForm { on: true, ..Default::default() });
            self.dialog = Some(Dialog::Assign(dialogs::Assign::new(id, forward)));
        }
    }

    /// `r`: the diarienummer (offered from the message, one at a time), or
    /// why none is needed.
    fn ask_register(&mut self) {
        if let Some(id) = self.marked_or_target() {
            let input = if self.batch_target.is_some() { String::new() } else { self.register_prefill(&id) };
            let prefilled = !input.is_empty();
            let reasons = self.engine.settings.reasons.clone();
            self.dialog = Some(Dialog::Register(dialogs::Register {
                id,
                input,
                no_registration: false,
                error: None,
                prefilled,
                reasons,
                pick: 0,
            }));
        }
    }
}
