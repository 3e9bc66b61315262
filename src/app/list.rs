//! The inbox list's state: loading rows from the engine, the filtered and
//! sorted index, the window on screen, moving and scrolling, and keeping
//! one row current after an action without reloading them all.

use super::{App, Screen, SortOrder};
use crate::core::deadline::{self, Deadline};
use crate::engine::{Item, ListFilter, ListView, OpError, WarnView};
use crate::i18n::Texts;
use crate::present;

/// The inbox list's state: the messages, what the filter and the views
/// let through in which order, the selection and the window on screen.
#[derive(Clone, Debug)]
pub struct ListState {
    pub items: Vec<Item>,
    /// Each item's search text, made when a filter is first typed.
    pub(super) haystacks: Vec<String>,
    /// Indices into `items`, filtered and sorted: what the list shows.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// First row of `visible` on screen.
    pub offset: usize,
    pub filter: String,
    pub sort: SortOrder,
    /// The views row (built-in, then the config's), the one showing, and
    /// how many messages each holds.
    pub tabs: Vec<ListView>,
    pub tab: usize,
    pub tab_counts: Vec<usize>,
    pub warn: WarnView,
    /// Messages marked for a bulk action (ids): only what was marked, never
    /// what arrives afterwards.
    pub marked: std::collections::HashSet<String>,
}

impl Default for ListState {
    fn default() -> Self {
        ListState {
            items: Vec::new(),
            haystacks: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            filter: String::new(),
            sort: SortOrder::Oldest,
            tabs: ListView::all(&[]),
            tab: 0,
            tab_counts: Vec::new(),
            warn: WarnView::All,
            marked: std::collections::HashSet::new(),
        }
    }
}

impl App {
    pub(super) fn reload(&mut self) -> Result<(), OpError> {
        let items = self.engine.items(self.today)?;
        self.set_items(items);
        Ok(())
    }

    /// Shows a list made anew (here, or by the engine's worker), keeping
    /// the selected message selected.
    pub(super) fn set_items(&mut self, items: Vec<Item>) {
        let keep = self.selected_item().map(|i| i.msg.id.clone());
        let open = match &self.screen {
            Screen::Message { id, .. } => self.list.items.iter().any(|i| &i.msg.id == id).then(|| id.clone()),
            _ => None,
        };
        self.list.items = items;
        // what left the mailbox is not kept as read
        if !self.views.is_empty() {
            let present: std::collections::HashSet<&str> =
                self.list.items.iter().map(|i| i.msg.id.as_str()).collect();
            self.views.retain(|(v, _)| present.contains(v.as_str()));
        }
        // the search text is made when a filter is first typed
        self.list.haystacks.clear();
        self.rebuild_visible(keep);
        self.recount();
        // the message being read went away meanwhile (a colleague deleted
        // it): it stays on screen, and the status line says so
        if open.is_some_and(|id| !self.list.items.iter().any(|i| i.msg.id == id)) {
            let t = self.texts();
            self.say(t.open_message_gone.to_string(), true);
        }
    }

    /// Filters and sorts again, keeping the selected message selected.
    pub(super) fn relist(&mut self) {
        let keep = self.selected_item().map(|i| i.msg.id.clone());
        self.rebuild_visible(keep);
    }

    pub(super) fn rebuild_visible(&mut self, keep: Option<String>) {
        let q = self.list.filter.trim().to_lowercase();
        let tab = self.list.tabs.get(self.list.tab).cloned().unwrap_or(ListView::All);
        if !q.is_empty() || tab.needs_text() {
            self.ensure_haystacks();
        }
        let filter = ListFilter { shows: Vec::new(), warns: vec![self.list.warn], kind: None };
        let hay = &self.list.haystacks;
        self.list.visible = (0..self.list.items.len())
            .filter(|&i| q.is_empty() || hay[i].contains(&q))
            .filter(|&i| filter.admits(&self.list.items[i]))
            .filter(|&i| tab.admits(&self.list.items[i], || hay[i].as_str().into()))
            .collect();
        match self.list.sort {
            SortOrder::Oldest => {}
            SortOrder::Newest => self.list.visible.reverse(),
            SortOrder::Due => {
                let items = &self.list.items;
                self.list.visible.sort_by_key(|&i| {
                    let it = &items[i];
                    let (rank, late) = match it.deadline {
                        Deadline::Overdue(n) => (0, std::cmp::Reverse(n)),
                        Deadline::DueToday => (1, std::cmp::Reverse(0)),
                        Deadline::Waiting => (2, std::cmp::Reverse(0)),
                        Deadline::Done => (3, std::cmp::Reverse(0)),
                    };
                    (rank, late, it.due, it.msg.received)
                });
            }
        }
        // requests for public documents still open come first, in any order
        let items = &self.list.items;
        self.list.visible.sort_by_key(|&i| {
            let it = &items[i];
            !(it.deadline.is_open()
                && it.msg.summary.warnings.contains(&crate::core::inspect::WarningKind::PublicRequest))
        });
        if let Some(id) = keep {
            if let Some(pos) = self.list.visible.iter().position(|&i| self.list.items[i].msg.id == id) {
                self.list.selected = pos;
            }
        }
        self.list.selected = self.list.selected.min(self.list.visible.len().saturating_sub(1));
        self.ensure_visible();
    }

    pub(super) fn ensure_visible(&mut self) {
        let rows = self.page_rows();
        if self.list.selected < self.list.offset {
            self.list.offset = self.list.selected;
        } else if self.list.selected >= self.list.offset + rows {
            self.list.offset = self.list.selected + 1 - rows;
        }
        let max_offset = self.list.visible.len().saturating_sub(rows);
        self.list.offset = self.list.offset.min(max_offset);
    }

    /// Re-reads one message after an action (cheap at 100,000 messages).
    pub(super) fn reload_one(&mut self, id: &str) -> Result<(), OpError> {
        let msg = self.engine.message(id)?;
        self.patch_row(id, msg);
        self.recount();
        self.waiting = self.engine.waiting();
        Ok(())
    }

    /// Puts a message as it is now into its row (gone: the row goes), and
    /// only that row: the rest of the list stays as it is. The caller
    /// recounts once after its rows.
    pub(super) fn patch_row(&mut self, id: &str, msg: Option<crate::store::StoredMessage>) {
        let Some(pos) = self.list.items.iter().position(|i| i.msg.id == id) else {
            return;
        };
        match msg {
            Some(m) if m.present => {
                let cal = &self.engine.settings.calendar;
                let item = &mut self.list.items[pos];
                let done = m.answer_given();
                item.deadline = deadline::state(cal, item.due, self.today, done, false);
                item.msg = m;
                if pos < self.list.haystacks.len() {
                    let h = haystack(self.texts(), &self.list.items[pos]);
                    self.list.haystacks[pos] = h;
                }
            }
            _ => {
                let selected = self.selected_item().map(|i| i.msg.id.clone());
                let keep = if selected.as_deref() == Some(id) {
                    // the row goes away: select its neighbour
                    let vp = self.list.selected;
                    self.list
                        .visible
                        .get(vp + 1)
                        .or(vp.checked_sub(1).and_then(|p| self.list.visible.get(p)))
                        .map(|&i| self.list.items[i].msg.id.clone())
                } else {
                    selected
                };
                self.list.items.remove(pos);
                self.forget_view(id);
                if pos < self.list.haystacks.len() {
                    self.list.haystacks.remove(pos);
                }
                self.rebuild_visible(keep);
            }
        }
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let page = self.page_rows();
        match &mut self.screen {
            Screen::Inbox => {
                let last = self.list.visible.len().saturating_sub(1) as isize;
                self.list.selected =
                    (self.list.selected as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
                self.ensure_visible();
            }
            Screen::Message { lines, scroll, .. } => {
                let last = lines.len().saturating_sub(page) as isize;
                *scroll = (*scroll as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
            }
            Screen::People { selected } => {
                let last = self.directory.len().saturating_sub(1) as isize;
                *selected = (*selected as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
            }
            Screen::Calendar { .. } => {}
            Screen::Report { report, scroll } => {
                let last = (report.received.len() + report.overdue.len() + report.weeks.len() + 14) as isize;
                let last = last - page as isize;
                *scroll = (*scroll as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
            }
            Screen::Log { entries, scroll } => {
                let last = entries.len().saturating_sub(1) as isize;
                *scroll = (*scroll as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
            }
        }
    }

    pub(super) fn set_filter(&mut self, text: String) {
        self.list.filter = text;
        let keep = self.selected_item().map(|i| i.msg.id.clone());
        self.list.selected = 0;
        self.list.offset = 0;
        self.rebuild_visible(keep);
    }

    /// Counts for the status bar (total, new, in progress, awaiting an
    /// answer) and the views row.
    pub(super) fn recount(&mut self) {
        use crate::core::triage::Status;
        let mut c = super::Counts { total: self.list.items.len(), ..Default::default() };
        for i in &self.list.items {
            match i.msg.triage.status() {
                Status::New => c.new += 1,
                Status::Assigned | Status::Registered => c.in_progress += 1,
                _ => {}
            }
            if i.deadline.is_open() {
                c.awaiting += 1;
            }
        }
        self.counts = c;
        if self.list.tabs.iter().any(ListView::needs_text) {
            self.ensure_haystacks();
        }
        let (items, hay) = (&self.list.items, &self.list.haystacks);
        self.list.tab_counts = self
            .list
            .tabs
            .iter()
            .map(|v| match v {
                ListView::All => items.len(),
                v => (0..items.len()).filter(|&i| v.admits(&items[i], || hay[i].as_str().into())).count(),
            })
            .collect();
        // what left the mailbox is no longer marked
        if !self.list.marked.is_empty() {
            let present: std::collections::HashSet<&str> = items.iter().map(|i| i.msg.id.as_str()).collect();
            self.list.marked.retain(|id| present.contains(id.as_str()));
        }
    }

    /// Each row's search text (the filter's and the views' words), made
    /// once and kept current row by row (`patch_row`).
    fn ensure_haystacks(&mut self) {
        if self.list.haystacks.len() != self.list.items.len() {
            let t = self.texts();
            self.list.haystacks = self.list.items.iter().map(|i| haystack(t, i)).collect();
        }
    }

    /// Shows view `n` of the views row.
    pub(super) fn set_tab(&mut self, n: usize) {
        if n < self.list.tabs.len() && n != self.list.tab {
            self.list.tab = n;
            let keep = self.selected_item().map(|i| i.msg.id.clone());
            self.list.selected = 0;
            self.list.offset = 0;
            self.rebuild_visible(keep);
        }
    }

    /// Marks the selected message (or takes the mark off) and moves on.
    pub(super) fn toggle_mark(&mut self) {
        let Some(id) = self.selected_item().map(|i| i.msg.id.clone()) else { return };
        if !self.list.marked.remove(&id) {
            self.list.marked.insert(id);
        }
        self.move_by(1);
    }

    /// Marks every message shown (all marked already: takes the marks off).
    pub(super) fn mark_all_shown(&mut self) {
        let shown: Vec<String> =
            self.list.visible.iter().map(|&i| self.list.items[i].msg.id.clone()).collect();
        if !shown.is_empty() && shown.iter().all(|id| self.list.marked.contains(id)) {
            for id in &shown {
                self.list.marked.remove(id);
            }
        } else {
            self.list.marked.extend(shown);
        }
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
