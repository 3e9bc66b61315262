//! The domain's plain records that every layer speaks of: a handläggare of
//! the directory, and what the sender of a message has got. The store keeps
//! them; the engine, the TUI, the CLI and `present` use them from here.

/// A handläggare (case officer) in the directory.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Handlaggare {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub unit: String,
}

/// What the sender got: the question the answer deadline asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerState {
    Awaiting,
    /// Told that it takes longer (kvittens).
    Acknowledged,
    /// Replied to.
    Answered,
    /// Bulk and automatic mail, and what needs no registration: nobody
    /// waits for an answer.
    NotNeeded,
}

impl AnswerState {
    pub const ALL: [AnswerState; 4] =
        [AnswerState::Awaiting, AnswerState::Acknowledged, AnswerState::Answered, AnswerState::NotNeeded];

    pub fn as_str(self) -> &'static str {
        match self {
            AnswerState::Awaiting => "awaiting",
            AnswerState::Acknowledged => "acknowledged",
            AnswerState::Answered => "answered",
            AnswerState::NotNeeded => "not_needed",
        }
    }
}
