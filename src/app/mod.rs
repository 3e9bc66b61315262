//! The TUI's state and its one update function. All state changes go
//! through `App::update(Msg)`; drawing (in `ui`) only reads. Triage
//! actions go through the engine, the same path as the CLI.

pub mod dialog;
pub mod keymap;
mod run;

use jiff::civil::Date;
use ratatui::crossterm::event::KeyEvent;

pub use run::run;

use crate::core::triage::{self, Action};
use crate::engine::{Engine, Item, OpError, Opened};
use crate::i18n::{fill, Lang, Texts};
use crate::present;
use crate::store::{Handlaggare, LogEntry};
use dialog::{Dialog, DialogResult};
use keymap::Command;

/// Rows the title, table header, message line and status bar take.
pub const CHROME_ROWS: u16 = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Inbox,
    /// `raw` are the message's lines, `lines` the same wrapped to the
    /// screen width (re-wrapped on resize); `header_count` counts wrapped
    /// header lines.
    Message {
        id: String,
        raw: Vec<String>,
        raw_header: usize,
        lines: Vec<String>,
        header_count: usize,
        scroll: usize,
    },
    Log {
        entries: Vec<LogEntry>,
        scroll: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Resize(u16, u16),
    /// Periodic: pick up new mail, roll the date over.
    Tick {
        today: Date,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub lang: Lang,
    engine: Engine,
    pub today: Date,
    pub items: Vec<Item>,
    haystacks: Vec<String>,
    /// Indices into `items`, filtered and sorted: what the list shows.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// First row of `visible` on screen.
    pub offset: usize,
    pub filter: String,
    pub newest_first: bool,
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    pub help: bool,
    pub flash: Option<Flash>,
    pub quit: bool,
    pub size: (u16, u16),
    pub directory: Vec<Handlaggare>,
    pub waiting: usize,
    /// Total, new, in progress, handled (kept current by reloads).
    pub counts: (usize, usize, usize, usize),
    pub source_label: String,
    pub demo: bool,
    /// Shown when the demo runs because nothing is configured.
    pub config_hint: Option<String>,
}

impl App {
    pub fn new(opened: Opened, today: Date) -> Result<App, OpError> {
        let demo = opened.source == crate::engine::Source::Demo;
        let config_hint = opened
            .unconfigured
            .then(|| home_relative(&opened.config_path));
        let lang = opened.lang;
        let mut app = App {
            lang,
            source_label: opened.engine.describe(),
            directory: opened.engine.store.handlaggare()?,
            waiting: opened.engine.waiting(),
            counts: (0, 0, 0, 0),
            engine: opened.engine,
            today,
            items: Vec::new(),
            haystacks: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            filter: String::new(),
            newest_first: false,
            screen: Screen::Inbox,
            dialog: None,
            help: false,
            flash: (opened.replay.applied > 0).then(|| Flash {
                text: fill(lang.texts().replayed, &[&opened.replay.applied]),
                error: false,
            }),
            quit: false,
            size: (80, 24),
            demo,
            config_hint,
        };
        app.reload()?;
        Ok(app)
    }

    pub fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// Rows of the list (or page) on screen.
    pub fn page_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(CHROME_ROWS)).max(1)
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.items.get(i))
    }

    fn reload(&mut self) -> Result<(), OpError> {
        let keep = self.selected_item().map(|i| i.msg.id.clone());
        self.items = self.engine.items(self.today)?;
        let t = self.texts();
        self.haystacks = self.items.iter().map(|i| haystack(t, i)).collect();
        self.rebuild_visible(keep);
        self.recount();
        Ok(())
    }

    fn rebuild_visible(&mut self, keep: Option<String>) {
        let q = self.filter.trim().to_lowercase();
        self.visible = (0..self.items.len())
            .filter(|&i| q.is_empty() || self.haystacks[i].contains(&q))
            .collect();
        if self.newest_first {
            self.visible.reverse();
        }
        if let Some(id) = keep {
            if let Some(pos) = self
                .visible
                .iter()
                .position(|&i| self.items[i].msg.id == id)
            {
                self.selected = pos;
            }
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.ensure_visible();
    }

    fn ensure_visible(&mut self) {
        let rows = self.page_rows();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let max_offset = self.visible.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }

    /// Re-reads one message after an action (cheap at 100,000 messages).
    fn reload_one(&mut self, id: &str) -> Result<(), OpError> {
        let Some(pos) = self.items.iter().position(|i| i.msg.id == id) else {
            return Ok(());
        };
        match self.engine.store.message(id)? {
            Some(m) if m.present => {
                self.items[pos].msg = m;
                self.haystacks[pos] = haystack(self.texts(), &self.items[pos]);
            }
            _ => {
                let selected = self.selected_item().map(|i| i.msg.id.clone());
                let keep = if selected.as_deref() == Some(id) {
                    // the row goes away: select its neighbour
                    let vp = self.selected;
                    self.visible
                        .get(vp + 1)
                        .or(vp.checked_sub(1).and_then(|p| self.visible.get(p)))
                        .map(|&i| self.items[i].msg.id.clone())
                } else {
                    selected
                };
                self.items.remove(pos);
                self.haystacks.remove(pos);
                self.rebuild_visible(keep);
            }
        }
        self.recount();
        self.waiting = self.engine.waiting();
        Ok(())
    }

    fn say(&mut self, text: String, error: bool) {
        self.flash = Some(Flash { text, error });
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.ensure_visible();
                if let Screen::Message {
                    id,
                    raw,
                    raw_header,
                    ..
                } = &self.screen
                {
                    self.screen = self.message_screen(id.clone(), raw.clone(), *raw_header);
                }
            }
            Msg::Tick { today } => {
                let before = self.items.len();
                let changed = today != self.today;
                self.today = today;
                match self.engine.refresh() {
                    Ok(()) => {
                        if changed || self.engine.store.present_count().unwrap_or(before) != before
                        {
                            if let Err(e) = self.reload() {
                                self.say(present::error_text(self.texts(), &e), true);
                            }
                        }
                    }
                    Err(e) => self.say(present::error_text(self.texts(), &e), true),
                }
            }
            Msg::Key(key) => self.on_key(key),
        }
    }

    fn on_key(&mut self, key: KeyEvent) {
        if self.help {
            self.help = false;
            return;
        }
        if let Some(mut d) = self.dialog.take() {
            let result = d.handle(&key, &self.directory);
            self.dialog = Some(d);
            self.on_dialog(result);
            return;
        }
        let on_message = !matches!(self.screen, Screen::Log { .. });
        let on_inbox = matches!(self.screen, Screen::Inbox);
        if let Some(cmd) = keymap::lookup(&key, on_message, on_inbox) {
            self.flash = None;
            self.command(cmd);
        }
    }

    /// The message the triage keys act on: the open one or the selected row.
    fn target(&self) -> Option<String> {
        match &self.screen {
            Screen::Message { id, .. } => Some(id.clone()),
            Screen::Inbox => self.selected_item().map(|i| i.msg.id.clone()),
            Screen::Log { .. } => None,
        }
    }

    fn command(&mut self, cmd: Command) {
        let page = self.page_rows();
        match cmd {
            Command::Down => self.move_by(1),
            Command::Up => self.move_by(-1),
            Command::PageDown => self.move_by(page as isize),
            Command::PageUp => self.move_by(-(page as isize)),
            Command::Top => self.move_by(isize::MIN / 2),
            Command::Bottom => self.move_by(isize::MAX / 2),
            Command::Open => self.open_selected(),
            Command::Back => match self.screen {
                Screen::Inbox if !self.filter.is_empty() => self.set_filter(String::new()),
                _ => self.screen = Screen::Inbox,
            },
            Command::Assign => {
                if let Some(id) = self.target() {
                    self.dialog = Some(Dialog::Assign {
                        id,
                        query: String::new(),
                        selected: 0,
                        error: None,
                    });
                }
            }
            Command::Register => {
                if let Some(id) = self.target() {
                    self.dialog = Some(Dialog::Register {
                        id,
                        input: String::new(),
                        no_registration: false,
                        error: None,
                    });
                }
            }
            Command::Delete => self.ask_delete(),
            Command::Filter => {
                self.dialog = Some(Dialog::Filter {
                    input: self.filter.clone(),
                })
            }
            Command::Sort => {
                self.newest_first = !self.newest_first;
                let keep = self.selected_item().map(|i| i.msg.id.clone());
                self.rebuild_visible(keep);
            }
            Command::Log => match self.engine.store.log(1000) {
                Ok(entries) => self.screen = Screen::Log { entries, scroll: 0 },
                Err(e) => self.say(present::store_text(self.texts(), &e), true),
            },
            Command::Help => self.help = true,
            Command::Quit => self.quit = true,
        }
    }

    fn move_by(&mut self, delta: isize) {
        let page = self.page_rows();
        match &mut self.screen {
            Screen::Inbox => {
                let last = self.visible.len().saturating_sub(1) as isize;
                self.selected = (self.selected as isize)
                    .saturating_add(delta)
                    .clamp(0, last.max(0)) as usize;
                self.ensure_visible();
            }
            Screen::Message { lines, scroll, .. } => {
                let last = lines.len().saturating_sub(page) as isize;
                *scroll = (*scroll as isize)
                    .saturating_add(delta)
                    .clamp(0, last.max(0)) as usize;
            }
            Screen::Log { entries, scroll } => {
                let last = entries.len().saturating_sub(1) as isize;
                *scroll = (*scroll as isize)
                    .saturating_add(delta)
                    .clamp(0, last.max(0)) as usize;
            }
        }
    }

    fn open_selected(&mut self) {
        let Some(item) = self.selected_item().cloned() else {
            return;
        };
        match self.engine.view(&item.msg.id) {
            Ok(view) => {
                let (raw, raw_header) = present::message_lines(self.texts(), &item.msg, &view);
                self.screen = self.message_screen(item.msg.id, raw, raw_header);
            }
            Err(e) => self.say(present::error_text(self.texts(), &e), true),
        }
    }

    fn message_screen(&self, id: String, raw: Vec<String>, raw_header: usize) -> Screen {
        let scroll = match &self.screen {
            Screen::Message {
                id: open, scroll, ..
            } if *open == id => *scroll,
            _ => 0,
        };
        let (lines, header_count) = crate::ui::wrap(&raw, usize::from(self.size.0), raw_header);
        let scroll = scroll.min(lines.len().saturating_sub(self.page_rows()));
        Screen::Message {
            id,
            raw,
            raw_header,
            lines,
            header_count,
            scroll,
        }
    }

    fn ask_delete(&mut self) {
        let Some(id) = self.target() else { return };
        let state = match self.engine.store.triage(&id) {
            Ok(s) => s,
            Err(e) => return self.say(present::store_text(self.texts(), &e), true),
        };
        self.dialog = Some(match triage::delete_block(&state) {
            None => Dialog::DeleteConfirm { id },
            Some(block) => Dialog::DeleteRefused {
                id,
                reason: present::rule_text(self.texts(), &triage::RuleError::DeleteRefused(block)),
            },
        });
    }

    fn set_filter(&mut self, text: String) {
        self.filter = text;
        let keep = self.selected_item().map(|i| i.msg.id.clone());
        self.selected = 0;
        self.offset = 0;
        self.rebuild_visible(keep);
    }

    fn on_dialog(&mut self, result: DialogResult) {
        match result {
            DialogResult::Stay => {}
            DialogResult::Close => self.dialog = None,
            DialogResult::FilterChanged(text) => {
                if text.is_empty() {
                    self.dialog = None;
                }
                self.set_filter(text);
            }
            DialogResult::FilterDone => self.dialog = None,
            DialogResult::Assign { id, who } => self.perform(&id, Action::Assign { who }),
            DialogResult::Register { id, diarienummer } => {
                self.perform(&id, Action::Register { diarienummer })
            }
            DialogResult::NoRegistration { id, reason } => {
                self.perform(&id, Action::NoRegistration { reason })
            }
            DialogResult::Delete { id, force_reason } => {
                self.perform(&id, Action::Delete { force_reason })
            }
        }
    }

    /// Runs an action through the engine; a refusal stays in the dialog.
    fn perform(&mut self, id: &str, action: Action) {
        let t = self.texts();
        match self.engine.perform(id, action) {
            Ok((done, outcome)) => {
                self.dialog = None;
                self.say(
                    present::outcome_text(t, &done, &outcome),
                    matches!(outcome, crate::engine::Outcome::Waiting(_)),
                );
                if let Err(e) = self.reload_one(id) {
                    self.say(present::error_text(t, &e), true);
                }
                let gone = !self.items.iter().any(|i| i.msg.id == id);
                if let Screen::Message { id: open, .. } = &self.screen {
                    let open = open.clone();
                    if gone {
                        self.screen = Screen::Inbox;
                    } else if let (Some(item), Ok(view)) = (
                        self.items.iter().find(|i| i.msg.id == open).cloned(),
                        self.engine.view(&open),
                    ) {
                        // keep the header's state line current
                        let (raw, raw_header) = present::message_lines(t, &item.msg, &view);
                        self.screen = self.message_screen(open, raw, raw_header);
                    }
                }
            }
            Err(OpError::Rule(e)) => {
                let text = present::rule_text(t, &e);
                match &mut self.dialog {
                    Some(d) if !matches!(d, Dialog::DeleteConfirm { .. }) => d.set_error(text),
                    _ => {
                        self.dialog = None;
                        self.say(text, true);
                    }
                }
            }
            Err(e) => {
                self.dialog = None;
                self.say(present::error_text(t, &e), true);
            }
        }
    }

    /// Counts for the status bar: total, new, in progress, handled.
    fn recount(&mut self) {
        use crate::core::triage::Status;
        let mut c = (self.items.len(), 0, 0, 0);
        for i in &self.items {
            match i.msg.triage.status() {
                Status::New => c.1 += 1,
                Status::Handled => c.3 += 1,
                _ => c.2 += 1,
            }
        }
        self.counts = c;
    }
}

fn haystack(t: &Texts, i: &Item) -> String {
    let m = &i.msg;
    format!(
        "{} {} {} {} {} {} {}",
        m.id,
        m.summary.from_name,
        m.summary.from_addr,
        present::subject_label(t, &m.summary, m.size),
        m.triage.assignee.as_deref().unwrap_or(""),
        present::dnr_label(t, m),
        present::status_label(t, m),
    )
    .to_lowercase()
}

/// A path with the home directory written as `~`.
fn home_relative(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    match std::env::var("HOME") {
        Ok(home) if !home.is_empty() && shown.starts_with(&home) => {
            format!("~{}", &shown[home.len()..])
        }
        _ => shown,
    }
}
