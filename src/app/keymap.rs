//! The keymap's defaults as data: every binding with the screens it works
//! on and a description, and the actions' names. The keys in force (with
//! the config's `[keys]`) are made from it in `keys.rs`; the help and the
//! hint line from those, so they cannot drift from what the keys do.

use ratatui::crossterm::event::KeyCode;

use super::Screen;
use crate::i18n::Texts;

pub use super::command::Command;

/// Which screen (or dialog) is showing, as the keymap sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenKind {
    Inbox,
    Message,
    Log,
    People,
    Calendar,
    Report,
    /// A dialog with a text field or a pick list: keys that type nothing.
    TextDialog,
    /// A question answered with one key (yes, no, delete anyway …).
    Question,
    /// The kvittens preview.
    KvittensDialog,
    /// A threat's records.
    ThreatDialog,
    /// What the sender got.
    AnswerDialog,
}

impl ScreenKind {
    const ALL: [ScreenKind; 11] = [
        ScreenKind::Inbox,
        ScreenKind::Message,
        ScreenKind::Log,
        ScreenKind::People,
        ScreenKind::Calendar,
        ScreenKind::Report,
        ScreenKind::TextDialog,
        ScreenKind::Question,
        ScreenKind::KvittensDialog,
        ScreenKind::ThreatDialog,
        ScreenKind::AnswerDialog,
    ];

    pub fn is_dialog(self) -> bool {
        matches!(
            self,
            ScreenKind::TextDialog
                | ScreenKind::Question
                | ScreenKind::KvittensDialog
                | ScreenKind::ThreatDialog
                | ScreenKind::AnswerDialog
        )
    }
}

impl ScreenKind {
    pub fn of(screen: &Screen) -> ScreenKind {
        match screen {
            Screen::Inbox => ScreenKind::Inbox,
            Screen::Message { .. } => ScreenKind::Message,
            Screen::Log { .. } => ScreenKind::Log,
            Screen::People { .. } => ScreenKind::People,
            Screen::Calendar { .. } => ScreenKind::Calendar,
            Screen::Report { .. } => ScreenKind::Report,
        }
    }
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Every screen.
    Global,
    /// Every screen but the calendar (it moves by day, week and month).
    Lists,
    CalendarView,
    /// The inbox list and the message view (they act on one message).
    Message,
    Inbox,
    /// The message view only.
    Reader,
    /// The action log.
    Logs,
    People,
    /// Every dialog (keys that type nothing into a text field).
    Dialog,
    Question,
    Kvittens,
    ThreatRecords,
    AnswerState,
}

impl Context {
    pub fn applies(self, screen: ScreenKind) -> bool {
        match self {
            Context::Global => !screen.is_dialog(),
            Context::Lists => !screen.is_dialog() && screen != ScreenKind::Calendar,
            Context::CalendarView => screen == ScreenKind::Calendar,
            Context::Message => matches!(screen, ScreenKind::Inbox | ScreenKind::Message),
            Context::Inbox => screen == ScreenKind::Inbox,
            Context::Reader => screen == ScreenKind::Message,
            Context::Logs => screen == ScreenKind::Log,
            Context::People => screen == ScreenKind::People,
            Context::Dialog => screen.is_dialog(),
            Context::Question => screen == ScreenKind::Question,
            Context::Kvittens => screen == ScreenKind::KvittensDialog,
            Context::ThreatRecords => screen == ScreenKind::ThreatDialog,
            Context::AnswerState => screen == ScreenKind::AnswerDialog,
        }
    }

    /// Whether the help shows it on its second page: the dialogs' and the
    /// calendar's keys.
    pub fn second_help_page(self) -> bool {
        ScreenKind::ALL.iter().all(|&s| !self.applies(s) || s.is_dialog() || s == ScreenKind::Calendar)
    }

    /// Whether some screen has both contexts.
    pub fn overlaps(self, other: Context) -> bool {
        ScreenKind::ALL.iter().any(|&s| self.applies(s) && other.applies(s))
    }
}

pub struct Binding {
    pub keys: &'static [KeyCode],
    pub command: Command,
    pub context: Context,
    pub desc: fn(&Texts) -> &'static str,
    /// Shown in the status bar's hints.
    pub hint: bool,
}

const fn b(
    keys: &'static [KeyCode],
    command: Command,
    context: Context,
    desc: fn(&Texts) -> &'static str,
    hint: bool,
) -> Binding {
    Binding { keys, command, context, desc, hint }
}

use Context::*;
use KeyCode::Char;

pub static KEYMAP: &[Binding] = &[
    b(&[KeyCode::Down, Char('j')], Command::Down, Lists, |t| t.key_down, false),
    b(&[KeyCode::Up, Char('k')], Command::Up, Lists, |t| t.key_up, false),
    b(&[KeyCode::PageDown, Char('\u{4}')], Command::PageDown, Lists, |t| t.key_page_down, false),
    b(&[KeyCode::PageUp, Char('\u{15}')], Command::PageUp, Lists, |t| t.key_page_up, false),
    b(&[KeyCode::Home, Char('g')], Command::Top, Lists, |t| t.key_top, false),
    b(&[KeyCode::End, Char('G')], Command::Bottom, Lists, |t| t.key_bottom, false),
    b(&[KeyCode::Enter], Command::Open, Inbox, |t| t.key_open, true),
    b(&[KeyCode::Enter], Command::Details, Logs, |t| t.desk.key_details, true),
    b(&[KeyCode::Esc, KeyCode::Left, KeyCode::Backspace], Command::Back, Lists, |t| t.key_back, false),
    b(&[Char('a')], Command::Assign, Message, |t| t.key_assign, true),
    b(&[Char('r')], Command::Register, Message, |t| t.key_register, true),
    b(&[Char('d')], Command::Delete, Message, |t| t.key_delete, true),
    b(&[Char('K')], Command::Ack, Message, |t| t.key_ack, false),
    b(&[Char('T')], Command::Threat, Message, |t| t.key_threat, false),
    b(&[Char('R')], Command::Reply, Reader, |t| t.key_reply, false),
    b(&[Char('U')], Command::Uncertain, Reader, |t| t.key_uncertain, false),
    b(&[Char('R')], Command::Report, Inbox, |t| t.desk.key_report, false),
    b(&[Char('A')], Command::Answer, Message, |t| t.desk.key_answer, false),
    b(&[Char('F')], Command::Accept, Message, |t| t.desk.key_accept, false),
    b(&[Char(' ')], Command::Mark, Inbox, |t| t.desk.key_mark, false),
    b(&[Char('*')], Command::MarkAll, Inbox, |t| t.desk.key_mark_all, false),
    b(&[Char('E')], Command::Export, Message, |t| t.key_export, false),
    b(&[Char('S')], Command::Save, Message, |t| t.key_save, false),
    b(&[Char('/')], Command::Filter, Inbox, |t| t.key_filter, true),
    b(&[Char('s')], Command::Sort, Inbox, |t| t.key_sort, false),
    b(&[KeyCode::Tab], Command::NextView, Inbox, |t| t.desk.key_views, false),
    b(&[KeyCode::BackTab], Command::PrevView, Inbox, |t| t.desk.key_views_back, false),
    b(
        &[Char('1'), Char('2'), Char('3'), Char('4'), Char('5'), Char('6'), Char('7'), Char('8'), Char('9')],
        Command::ViewN,
        Inbox,
        |t| t.desk.key_view_n,
        false,
    ),
    b(&[Char('w')], Command::Warn, Inbox, |t| t.key_warn, false),
    b(&[Char('f')], Command::Absence, People, |t| t.key_absence, true),
    b(&[Char('l')], Command::Log, Global, |t| t.key_log, false),
    b(&[Char('c')], Command::Calendar, Global, |t| t.key_calendar, false),
    b(&[Char('h')], Command::People, Global, |t| t.key_people, false),
    b(&[Char('H')], Command::Handover, Global, |t| t.key_handover, false),
    b(&[Char('?'), KeyCode::F(1)], Command::Help, Global, |t| t.key_help, true),
    b(&[Char('q')], Command::Quit, Global, |t| t.key_quit, true),
    // in dialogs
    b(&[KeyCode::Enter], Command::Confirm, Dialog, |t| t.dkeys.confirm, false),
    b(&[KeyCode::Esc], Command::Cancel, Dialog, |t| t.dkeys.cancel, false),
    b(&[KeyCode::Tab], Command::NextField, Dialog, |t| t.dkeys.next_field, false),
    b(&[KeyCode::BackTab], Command::PrevField, Dialog, |t| t.dkeys.prev_field, false),
    b(&[KeyCode::Down], Command::ChoiceDown, Dialog, |t| t.dkeys.choice_down, false),
    b(&[KeyCode::Up], Command::ChoiceUp, Dialog, |t| t.dkeys.choice_up, false),
    b(&[Char(CTRL_N)], Command::Note, Dialog, |t| t.dkeys.note, false),
    b(&[Char('j'), Char('y'), Char('J'), Char('Y')], Command::Yes, Question, |t| t.dkeys.yes, false),
    b(&[Char('n'), Char('N')], Command::No, Question, |t| t.dkeys.no, false),
    b(&[Char('F'), Char('f')], Command::Force, Question, |t| t.dkeys.force, false),
    b(
        &[Char('e'), Char('s'), Char('E'), Char('S')],
        Command::Substitute,
        Question,
        |t| t.dkeys.substitute,
        false,
    ),
    b(&[Char('e')], Command::EditText, Kvittens, |t| t.dkeys.edit_text, false),
    b(&[Char('m')], Command::WithoutMail, Kvittens, |t| t.dkeys.without_mail, false),
    b(&[Char('c'), Char('C')], Command::ManagerTold, ThreatRecords, |t| t.dkeys.manager_told, false),
    b(&[Char('p'), Char('P')], Command::PoliceReport, ThreatRecords, |t| t.dkeys.police_report, false),
    b(&[Char('E'), Char('e')], Command::ExportOriginal, ThreatRecords, |t| t.dkeys.export_original, false),
    b(&[Char('1')], Command::AnswerAwaiting, AnswerState, |t| t.dkeys.answer_awaiting, false),
    b(&[Char('2')], Command::AnswerAnswered, AnswerState, |t| t.dkeys.answer_answered, false),
    b(&[Char('3')], Command::AnswerNotNeeded, AnswerState, |t| t.dkeys.answer_not_needed, false),
    // in the calendar
    b(&[KeyCode::Left], Command::PrevDay, CalendarView, |t| t.dkeys.prev_day, false),
    b(&[KeyCode::Right], Command::NextDay, CalendarView, |t| t.dkeys.next_day, false),
    b(&[KeyCode::Up, Char('k')], Command::PrevWeek, CalendarView, |t| t.dkeys.prev_week, false),
    b(&[KeyCode::Down, Char('j')], Command::NextWeek, CalendarView, |t| t.dkeys.next_week, false),
    b(&[KeyCode::PageUp], Command::PrevMonth, CalendarView, |t| t.dkeys.prev_month, false),
    b(&[KeyCode::PageDown], Command::NextMonth, CalendarView, |t| t.dkeys.next_month, false),
    b(&[KeyCode::Home, Char('g')], Command::Today, CalendarView, |t| t.dkeys.today, false),
    b(&[KeyCode::Esc, KeyCode::Backspace], Command::Back, CalendarView, |t| t.dkeys.calendar_back, false),
];

/// Ctrl-N as the keymap holds it: a Ctrl-letter is its control character.
pub const CTRL_N: char = '\u{e}';
