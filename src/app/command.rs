//! What a key press can ask for, and each action's name in the config's
//! `[keys]` (the keymap in `keymap.rs` says which keys ask for it where).

/// What a key press asks for: on a screen, or in a dialog (the second
/// group; a dialog's text field takes every other key as typing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Back,
    Assign,
    Register,
    Delete,
    Ack,
    Reply,
    /// An uncertain send about the message: send it again, or record it sent.
    Uncertain,
    Export,
    Filter,
    Sort,
    /// The next view of the views row (`PrevView`: the one before).
    NextView,
    PrevView,
    /// A view by its number (the digit is read by the App).
    ViewN,
    Mark,
    MarkAll,
    /// Set what the sender got (awaiting, answered, no answer needed).
    Answer,
    /// Take the follow-up suggestion: register and assign.
    Accept,
    Report,
    Log,
    Calendar,
    People,
    Absence,
    Handover,
    Warn,
    Threat,
    Save,
    Help,
    Quit,
    /// The log entry in full.
    Details,
    // in dialogs
    Confirm,
    Cancel,
    NextField,
    PrevField,
    ChoiceDown,
    ChoiceUp,
    /// The assign dialog's note to the handläggare.
    Note,
    Yes,
    No,
    /// Delete anyway, with a written reason.
    Force,
    /// Assign to the absent handläggare's substitute.
    Substitute,
    /// Edit the kvittens in $EDITOR.
    EditText,
    /// Record the kvittens without sending it.
    WithoutMail,
    ManagerTold,
    PoliceReport,
    ExportOriginal,
    AnswerAwaiting,
    AnswerAnswered,
    AnswerNotNeeded,
    // in the calendar
    PrevDay,
    NextDay,
    PrevWeek,
    NextWeek,
    PrevMonth,
    NextMonth,
    Today,
}

impl Command {
    /// Every command, in the order of the names below.
    const NAMES: &'static [(Command, &'static str)] = &[
        (Command::Down, "down"),
        (Command::Up, "up"),
        (Command::PageDown, "page_down"),
        (Command::PageUp, "page_up"),
        (Command::Top, "top"),
        (Command::Bottom, "bottom"),
        (Command::Open, "open"),
        (Command::Back, "back"),
        (Command::Assign, "assign"),
        (Command::Register, "register"),
        (Command::Delete, "delete"),
        (Command::Ack, "ack"),
        (Command::Reply, "reply"),
        (Command::Uncertain, "uncertain"),
        (Command::Export, "export"),
        (Command::Filter, "filter"),
        (Command::Sort, "sort"),
        (Command::NextView, "next_view"),
        (Command::PrevView, "prev_view"),
        (Command::ViewN, "view_number"),
        (Command::Mark, "mark"),
        (Command::MarkAll, "mark_all"),
        (Command::Answer, "answer"),
        (Command::Accept, "accept"),
        (Command::Report, "report"),
        (Command::Log, "log"),
        (Command::Calendar, "calendar"),
        (Command::People, "people"),
        (Command::Absence, "absence"),
        (Command::Handover, "handover"),
        (Command::Warn, "warnings"),
        (Command::Threat, "threat"),
        (Command::Save, "save"),
        (Command::Help, "help"),
        (Command::Quit, "quit"),
        (Command::Details, "details"),
        (Command::Confirm, "confirm"),
        (Command::Cancel, "cancel"),
        (Command::NextField, "next_field"),
        (Command::PrevField, "prev_field"),
        (Command::ChoiceDown, "choice_down"),
        (Command::ChoiceUp, "choice_up"),
        (Command::Note, "note"),
        (Command::Yes, "yes"),
        (Command::No, "no"),
        (Command::Force, "force"),
        (Command::Substitute, "substitute"),
        (Command::EditText, "edit_text"),
        (Command::WithoutMail, "without_mail"),
        (Command::ManagerTold, "manager_told"),
        (Command::PoliceReport, "police_report"),
        (Command::ExportOriginal, "export_original"),
        (Command::AnswerAwaiting, "answer_awaiting"),
        (Command::AnswerAnswered, "answer_answered"),
        (Command::AnswerNotNeeded, "answer_not_needed"),
        (Command::PrevDay, "prev_day"),
        (Command::NextDay, "next_day"),
        (Command::PrevWeek, "prev_week"),
        (Command::NextWeek, "next_week"),
        (Command::PrevMonth, "prev_month"),
        (Command::NextMonth, "next_month"),
        (Command::Today, "today"),
    ];

    /// The action's name in the config's `[keys]`.
    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(c, _)| *c == self).map(|(_, n)| *n).unwrap_or("?")
    }

    pub fn from_name(name: &str) -> Option<Command> {
        Self::NAMES.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}
