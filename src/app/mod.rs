//! The TUI's state and its one update function. All state changes go
//! through `App::update(Msg)`; drawing (in `ui`) only reads. Triage
//! actions go through the engine, the same path as the CLI.

mod actions;
pub mod bulk;
mod command;
mod coverage;
mod desk;
pub mod dialogs;
mod input;
pub mod keymap;
pub mod keys;
mod list;
mod sending;
pub mod settings;
mod worker;

use jiff::civil::Date;
use ratatui::crossterm::event::KeyEvent;

pub use crate::engine::{Show, WarnView};
pub use list::ListState;

use crate::core::absence::Absence;
use crate::core::coverage::DayCoverage;
use crate::core::records::Handlaggare;
use crate::engine::{Engine, Item, OpError, Opened};
use crate::i18n::{fill, Lang, Texts};
use crate::store::LogEntry;
use dialogs::Dialog;

/// Rows the title, table header, message line and status bar take.
pub const CHROME_ROWS: u16 = 4;

#[derive(Clone, Debug, PartialEq)]
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
    /// The handläggare directory with absences.
    People {
        selected: usize,
    },
    /// The week in figures.
    Report {
        report: Box<crate::engine::Report>,
        scroll: usize,
    },
    /// A month grid: helgdagar, aftnar, klämdagar, roster, watched days.
    Calendar {
        selected: Date,
        days: Vec<DayCoverage>,
        since: Option<Date>,
    },
}

/// The order of the inbox list (`s` cycles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    Oldest,
    Newest,
    /// Most overdue first, then due today, then by due date.
    Due,
}

impl SortOrder {
    /// The order after this one, for `s`.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Oldest => SortOrder::Newest,
            SortOrder::Newest => SortOrder::Due,
            SortOrder::Due => SortOrder::Oldest,
        }
    }
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

/// The jobs under way off the UI thread: the engine's worker and the
/// reader (both only for a mailbox on a server) and what waits on them.
#[derive(Default)]
pub struct Jobs {
    /// The engine's worker (a mailbox on a server): actions and refreshes
    /// go there, so nothing here waits on the network.
    worker: Option<crate::engine::Worker>,
    /// Messages whose action the worker has not answered yet.
    pub under_way: std::collections::HashSet<String>,
    /// A refresh was asked of the worker and has not come back.
    refreshing: bool,
    /// Reads messages for the view off the UI thread (a mailbox on a server).
    reader: Option<crate::engine::Worker>,
}

/// The assign dialog's choices for the assignment it asks for.
#[derive(Debug, Default)]
struct Assigning {
    /// The next assignment is sent to the handläggare.
    forward: bool,
    /// The note to go with it.
    note: Option<String>,
    /// The assignment last asked for (message, handläggare, forward, note):
    /// what the question offers when a colleague was first.
    last: Option<(String, String, bool, Option<String>)>,
    /// The next assignment replaces a colleague's on purpose (answered yes).
    force_reassign: bool,
}

/// Saving attachments.
#[derive(Debug, Default)]
struct Saving {
    /// The folder last saved to (the save dialog starts there).
    dir: Option<String>,
    /// The save under way is of every attachment.
    all: bool,
    /// The message whose save dialog opens when the reader has read it.
    after_read: Option<String>,
}

/// The status bar's counts: every message in the list, the new ones, those
/// in progress (assigned or registered), those whose sender awaits an answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub new: usize,
    pub in_progress: usize,
    pub awaiting: usize,
}

/// What was done or went wrong, on the message row until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub lang: Lang,
    engine: Engine,
    pub today: Date,
    /// The inbox list: messages, filter, views, order, selection, window.
    pub list: ListState,
    /// Colours on (off when NO_COLOR is set); marks are always text too.
    pub color: bool,
    /// Shown over everything at start (coverage warning, handover) until
    /// a key is pressed.
    pub notice: Option<Vec<String>>,
    /// The notice's title (None: the watch's).
    pub notice_title: Option<&'static str>,
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    pub help: bool,
    /// The help shows the dialogs' keys (Tab switches).
    pub help_dialogs: bool,
    pub flash: Option<Flash>,
    pub quit: bool,
    pub size: (u16, u16),
    pub directory: Vec<Handlaggare>,
    pub absences: Vec<Absence>,
    pub waiting: usize,
    /// Why the mail server cannot be reached, while it cannot.
    pub offline: Option<String>,
    /// The status bar's counts (kept current by reloads).
    pub counts: Counts,
    pub source_label: String,
    pub demo: bool,
    /// Shown when the demo runs because nothing is configured.
    pub config_hint: Option<String>,
    /// The jobs under way off the UI thread (a mailbox on a server).
    pub jobs: Jobs,
    /// Messages as last read, newest first, a few dozen at most, in memory
    /// only: the open one's lines are made anew from it when its state
    /// changes, and a message opened again shows at once, even while the
    /// server is slow.
    views: std::collections::VecDeque<(String, crate::core::message::View)>,
    /// A text to write in the editor (the event loop opens it).
    pub editor: Option<sending::EditorRequest>,
    /// The assignment being made: the dialog's choices for the next one.
    assigning: Assigning,
    /// Saving attachments: where to, and what waits to be read first.
    saving: Saving,
    /// The keys in force (the defaults with the config's `[keys]`).
    pub keymap: keys::Keymap,
    /// The colours by role (`[theme]`).
    pub theme: crate::widgets::theme::Theme,
    /// The marked set the open dialog acts on (with each one's state then).
    batch_target: Option<bulk::Target>,
    /// A bulk action whose answers are still coming.
    batch: Option<bulk::Batch>,
}

impl App {
    pub fn new(opened: Opened, today: Date) -> Result<App, OpError> {
        let demo = opened.source == crate::engine::Source::Demo;
        let config_hint = opened.unconfigured.then(|| home_relative(&opened.config_path));
        let lang = opened.lang;
        let mut app = App {
            lang,
            source_label: crate::core::sanitize::line(&opened.engine.describe()),
            directory: opened.engine.handlaggare()?,
            absences: opened.engine.absences()?,
            waiting: opened.engine.waiting(),
            offline: opened.offline.as_ref().map(|e| crate::present::offline_detail(opened.lang.texts(), e)),
            counts: Counts::default(),
            engine: opened.engine,
            today,
            list: ListState::default(),
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            notice: None,
            notice_title: None,
            screen: Screen::Inbox,
            dialog: None,
            help: false,
            help_dialogs: false,
            flash: (opened.replay.applied > 0).then(|| Flash {
                text: fill(lang.texts().replayed, &[&opened.replay.applied]),
                error: false,
            }),
            quit: false,
            size: (80, 24),
            demo,
            config_hint,
            jobs: Jobs::default(),
            views: std::collections::VecDeque::new(),
            assigning: Assigning::default(),
            saving: Saving::default(),
            editor: None,
            batch_target: None,
            batch: None,
            keymap: keys::Keymap::from_config(&opened.keys).unwrap_or_default(),
            theme: crate::widgets::theme::Theme::from_config(&opened.theme).unwrap_or_default(),
        };
        app.list.tabs = crate::engine::ListView::all(&app.engine.settings.views);
        app.reload()?;
        Ok(app)
    }

    /// Where the server's pushed changes arrive (IMAP IDLE), for the loop.
    pub fn pushed(&mut self) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>> {
        self.engine.pushed()
    }

    /// A line of keys with `{k:action}` filled by the keys in force.
    /// What an open dialog draws from besides its own state.
    pub fn dialog_cx(&self) -> dialogs::Cx<'_> {
        dialogs::Cx {
            t: self.texts(),
            keys: &self.keymap,
            dir: &self.directory,
            absences: &self.absences,
            today: self.today,
            batch: self.batch_size(),
        }
    }

    pub fn keys_line(&self, text: &str) -> String {
        self.keymap.fill_keys(text)
    }

    pub fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// Rows of the list (or page) on screen.
    pub fn page_rows(&self) -> usize {
        // the inbox has the views row too
        let chrome = CHROME_ROWS + u16::from(matches!(self.screen, Screen::Inbox));
        usize::from(self.size.1.saturating_sub(chrome)).max(1)
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.list.visible.get(self.list.selected).and_then(|&i| self.list.items.get(i))
    }

    /// Shows a one-line result or error (errors can carry file names and
    /// other untrusted text, so it is sanitized here).
    pub(super) fn say(&mut self, text: String, error: bool) {
        let text = crate::core::sanitize::line(&text);
        self.flash = Some(Flash { text, error });
    }

    /// The wait is over: "on its way" (`text`) goes from the status line,
    /// unless something else has been said since.
    pub(super) fn done_waiting(&mut self, text: &str) {
        if self.flash.as_ref().is_some_and(|f| f.text == text) {
            self.flash = None;
        }
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.ensure_visible();
                if let Screen::Message { id, raw, raw_header, .. } = &self.screen {
                    self.screen = self.message_screen(id.clone(), raw.clone(), *raw_header);
                }
            }
            Msg::Tick { .. } if self.engine.is_read_only() => {} // nothing can be cached
            Msg::Tick { today } => {
                let day_changed = today != self.today;
                self.today = today;
                // the list comes back made when it must change
                self.refresh_soon(day_changed || self.offline.is_some());
            }
            Msg::Key(key) => self.on_key(key),
        }
    }
}

/// A path with the home directory written as `~`.
fn home_relative(path: &std::path::Path) -> String {
    relative_to(path, std::env::var_os("HOME").as_deref().map(std::path::Path::new))
}

/// `path` with `home` written as `~` — whole path components only
/// (`/home/alice` is not under `/home/al`).
fn relative_to(path: &std::path::Path, home: Option<&std::path::Path>) -> String {
    match home.filter(|h| !h.as_os_str().is_empty()).and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".to_string(),
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

#[cfg(test)]
mod home_tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn home_is_shortened_by_whole_components_only() {
        let home = Some(Path::new("/home/al"));
        assert_eq!(relative_to(Path::new("/home/alice/x.toml"), home), "/home/alice/x.toml");
        assert_eq!(
            relative_to(Path::new("/home/al/.config/postrum/config.toml"), home),
            "~/.config/postrum/config.toml"
        );
        assert_eq!(relative_to(Path::new("/home/al"), home), "~");
        assert_eq!(relative_to(Path::new("/etc/x"), None), "/etc/x");
        assert_eq!(relative_to(Path::new("/etc/x"), Some(Path::new(""))), "/etc/x");
    }
}
