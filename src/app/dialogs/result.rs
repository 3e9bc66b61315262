//! What a key in a dialog asks the App to do: the dialogs' answers.

/// What a key in a dialog asks the App to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogResult {
    /// Keep the dialog open (it may have changed).
    Stay,
    Close,
    Assign {
        id: String,
        who: String,
        forward: bool,
        note: Option<String>,
    },
    SendKvittens {
        id: String,
        text: String,
    },
    EditKvittens {
        id: String,
        text: String,
    },
    /// Record the acknowledgement without sending (told some other way).
    AckOnly {
        id: String,
    },
    Register {
        id: String,
        diarienummer: String,
    },
    NoRegistration {
        id: String,
        reason: String,
    },
    Delete {
        id: String,
        force_reason: Option<String>,
    },
    /// The filter text changed (live filtering).
    FilterChanged(String),
    /// The filter prompt closed; the filter stays.
    FilterDone,
    /// Assign without asking about absence (the user chose).
    /// An uncertain mail sent again, or recorded as sent.
    SendAgain {
        id: String,
        seq: i64,
    },
    MarkSent {
        id: String,
        seq: i64,
    },
    /// Replace a colleague's assignment on purpose.
    Reassign {
        id: String,
        who: String,
    },
    AssignAnyway {
        id: String,
        who: String,
    },
    SaveAbsence {
        who: String,
        from: String,
        to: String,
        substitute: String,
    },
    SaveHandover(String),
    MarkThreat {
        id: String,
    },
    SaveAttachment {
        id: String,
        n: usize,
        dir: String,
        allow_dangerous: bool,
    },
    /// Do the job on the marked set.
    Bulk(crate::app::bulk::BulkJob),
    SetAnswer {
        id: String,
        state: String,
    },
    ManagerTold {
        id: String,
        who: String,
    },
    PoliceReport {
        id: String,
        date: String,
        reference: String,
    },
    ExportThreat {
        id: String,
    },
}
