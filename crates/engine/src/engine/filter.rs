//! Which messages a list shows: the filter of the CLI (`list --overdue
//! --suspicious …`) and the TUI's `w` — by deadline, by warning, by one
//! warning kind — and the views of the TUI's views row (`list --view`).

use crate::core::deadline::Deadline;
use crate::core::inspect::WarningKind;

use super::Item;

/// Which messages the list shows by deadline (`list --overdue`, `--due-today`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    All,
    Overdue,
    DueToday,
    /// Still waiting for an answer (not answered or acknowledged).
    Waiting,
}

impl Show {
    #[inline]
    pub fn admits(self, d: Deadline) -> bool {
        match self {
            Show::All => true,
            Show::Overdue => d.is_overdue(),
            Show::DueToday => d == Deadline::DueToday,
            Show::Waiting => d.is_open(),
        }
    }
}

/// Which messages the list shows by warning (`w` cycles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarnView {
    All,
    /// Possible phishing or malware.
    Suspicious,
    /// A personnummer was found.
    Personal,
    /// Bulk and automatic mail left out.
    NoBulk,
    /// Requests for public documents only.
    PublicRequests,
}

impl WarnView {
    /// The view after this one, for `w`.
    pub fn next(self) -> WarnView {
        match self {
            WarnView::All => WarnView::Suspicious,
            WarnView::Suspicious => WarnView::Personal,
            WarnView::Personal => WarnView::NoBulk,
            WarnView::NoBulk => WarnView::PublicRequests,
            WarnView::PublicRequests => WarnView::All,
        }
    }

    #[inline]
    pub fn admits(self, w: &[WarningKind]) -> bool {
        match self {
            WarnView::All => true,
            WarnView::Suspicious => w.iter().any(|k| k.is_suspicious()),
            WarnView::Personal => w.contains(&WarningKind::Personnummer),
            WarnView::NoBulk => !w.iter().any(|k| k.is_bulk()),
            WarnView::PublicRequests => w.contains(&WarningKind::PublicRequest),
        }
    }
}

/// What a list shows: every condition must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub shows: Vec<Show>,
    pub warns: Vec<WarnView>,
    /// Only messages with this warning.
    pub kind: Option<WarningKind>,
}

impl ListFilter {
    #[inline]
    pub fn admits(&self, item: &Item) -> bool {
        let w = &item.msg.summary.warnings;
        self.shows.iter().all(|s| s.admits(item.deadline))
            && self.warns.iter().all(|v| v.admits(w))
            && self.kind.is_none_or(|k| w.contains(&k))
    }
}

/// A view of the views row: the built-in ones, then those of the config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListView {
    All,
    /// Nobody assigned yet.
    NotAssigned,
    Overdue,
    DueToday,
    PublicRequests,
    Suspicious,
    /// The sender still waits for an answer.
    Awaiting,
    Custom(crate::core::views::ViewSpec),
}

impl ListView {
    /// The built-in views followed by the config's, in the row's order.
    pub fn all(custom: &[crate::core::views::ViewSpec]) -> Vec<ListView> {
        let mut v = vec![
            ListView::All,
            ListView::NotAssigned,
            ListView::Overdue,
            ListView::DueToday,
            ListView::PublicRequests,
            ListView::Suspicious,
            ListView::Awaiting,
        ];
        v.extend(custom.iter().cloned().map(ListView::Custom));
        v
    }

    /// Whether the view looks for words in the text (so needs `haystack`).
    #[inline]
    pub fn needs_text(&self) -> bool {
        matches!(self, ListView::Custom(spec) if spec.text.is_some())
    }

    /// Whether the view shows the item; `haystack` is its search text in
    /// lower case (made only when the view looks for words).
    pub fn admits<'h>(&self, item: &Item, haystack: impl FnOnce() -> std::borrow::Cow<'h, str>) -> bool {
        let m = &item.msg;
        let w = &m.summary.warnings;
        match self {
            ListView::All => true,
            ListView::NotAssigned => m.triage.assignee.is_none() && m.triage.no_registration.is_none(),
            ListView::Overdue => item.deadline.is_overdue(),
            ListView::DueToday => item.deadline == Deadline::DueToday,
            ListView::PublicRequests => w.contains(&WarningKind::PublicRequest),
            ListView::Suspicious => w.iter().any(|k| k.is_suspicious()),
            ListView::Awaiting => item.deadline.is_open(),
            ListView::Custom(spec) => spec.admits(
                m.triage.status(),
                m.answer_state().as_str(),
                m.triage.assignee.as_deref(),
                w,
                item.deadline.is_overdue(),
                haystack,
            ),
        }
    }
}

/// The text a view's words are looked for in, lower case: sender,
/// subject, handläggare, diarienummer.
pub fn view_text(it: &Item) -> String {
    let m = &it.msg;
    format!(
        "{} {} {} {} {}",
        m.summary.from_name,
        m.summary.from_addr,
        m.summary.subject,
        m.triage.assignee.as_deref().unwrap_or(""),
        m.triage.diarienummer.as_deref().unwrap_or("")
    )
    .to_lowercase()
}
