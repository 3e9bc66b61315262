//! The inbox list's state: loading rows from the engine, the filtered and
//! sorted index, the window on screen, moving and scrolling, and keeping
//! one row current after an action without reloading them all.

use super::{App, Screen, SortOrder};
use crate::core::deadline::{self, Deadline};
use crate::engine::{Item, ListFilter, OpError};
use crate::i18n::Texts;
use crate::present;

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
            Screen::Message { id, .. } => self.items.iter().any(|i| &i.msg.id == id).then(|| id.clone()),
            _ => None,
        };
        self.items = items;
        // the search text is made when a filter is first typed
        self.haystacks.clear();
        self.rebuild_visible(keep);
        self.recount();
        // the message being read went away meanwhile (a colleague deleted
        // it): it stays on screen, and the status line says so
        if open.is_some_and(|id| !self.items.iter().any(|i| i.msg.id == id)) {
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
        let q = self.filter.trim().to_lowercase();
        if !q.is_empty() && self.haystacks.len() != self.items.len() {
            let t = self.texts();
            self.haystacks = self.items.iter().map(|i| haystack(t, i)).collect();
        }
        let filter = ListFilter { shows: vec![self.show], warns: vec![self.warn], kind: None };
        self.visible = (0..self.items.len())
            .filter(|&i| q.is_empty() || self.haystacks[i].contains(&q))
            .filter(|&i| filter.admits(&self.items[i]))
            .collect();
        match self.sort {
            SortOrder::Oldest => {}
            SortOrder::Newest => self.visible.reverse(),
            SortOrder::Due => {
                let items = &self.items;
                self.visible.sort_by_key(|&i| {
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
        if let Some(id) = keep {
            if let Some(pos) = self.visible.iter().position(|&i| self.items[i].msg.id == id) {
                self.selected = pos;
            }
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        self.ensure_visible();
    }

    pub(super) fn ensure_visible(&mut self) {
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
    pub(super) fn reload_one(&mut self, id: &str) -> Result<(), OpError> {
        let Some(pos) = self.items.iter().position(|i| i.msg.id == id) else {
            return Ok(());
        };
        match self.engine.message(id)? {
            Some(m) if m.present => {
                let cal = &self.engine.settings.calendar;
                let item = &mut self.items[pos];
                let done = m.answer_given();
                item.deadline = deadline::state(cal, item.due, self.today, done, false);
                item.msg = m;
                if pos < self.haystacks.len() {
                    let h = haystack(self.texts(), &self.items[pos]);
                    self.haystacks[pos] = h;
                }
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
                if pos < self.haystacks.len() {
                    self.haystacks.remove(pos);
                }
                self.rebuild_visible(keep);
            }
        }
        self.recount();
        self.waiting = self.engine.waiting();
        Ok(())
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let page = self.page_rows();
        match &mut self.screen {
            Screen::Inbox => {
                let last = self.visible.len().saturating_sub(1) as isize;
                self.selected = (self.selected as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
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
            Screen::Log { entries, scroll } => {
                let last = entries.len().saturating_sub(1) as isize;
                *scroll = (*scroll as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
            }
        }
    }

    pub(super) fn set_filter(&mut self, text: String) {
        self.filter = text;
        let keep = self.selected_item().map(|i| i.msg.id.clone());
        self.selected = 0;
        self.offset = 0;
        self.rebuild_visible(keep);
    }

    /// Counts for the status bar: total, new, in progress, handled.
    pub(super) fn recount(&mut self) {
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
