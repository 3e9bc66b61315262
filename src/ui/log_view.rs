//! The action log view: newest first, with who did what to which message,
//! the detail (handläggare, diarienummer or reason) and whether it has
//! been applied to the mailbox.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Row, Table};
use ratatui::Frame;

use super::{style_header, style_selected};
use crate::app::App;
use crate::core::clock;
use crate::present;
use crate::store::{LogEntry, LogState};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, entries: &[LogEntry], scroll: usize) {
    let t = app.texts();
    let height = usize::from(area.height.saturating_sub(1));
    let first = scroll.saturating_sub(height.saturating_sub(1));
    // who, in full: as wide as the longest name on screen (6–24 columns)
    let names: Vec<String> =
        entries.iter().skip(first).take(height).map(|e| crate::core::sanitize::line(&e.actor)).collect();
    let who_width = names.iter().map(|n| ratatui::text::Line::raw(n.as_str()).width()).max().unwrap_or(0);
    let rows = entries.iter().enumerate().skip(first).take(height).zip(names).map(|((i, e), who)| {
        let subject = if e.subject.is_empty() { e.message.clone() } else { e.subject.clone() };
        let style = match (i == scroll, e.state) {
            (true, _) => style_selected(),
            (false, LogState::Pending) => super::fg(app, app.theme.warn),
            (false, LogState::Failed) => super::fg(app, app.theme.alarm),
            _ => Style::default(),
        };
        Row::new(vec![
            clock::local_datetime(e.at),
            who,
            present::action_label(t, &e.kind).to_string(),
            subject,
            match present::log_note(t, e.note.as_deref()) {
                n if n.is_empty() => present::action_detail(e.action.as_ref()),
                n => format!("{} ⚠ {n}", present::action_detail(e.action.as_ref())),
            },
            present::log_state(t, e.state).to_string(),
        ])
        .style(style)
    });
    let widths = [
        Constraint::Length(16),
        Constraint::Length(who_width.clamp(6, 24) as u16),
        // what was done, in full where the terminal has room ("raderat trots regel …")
        Constraint::Length(match area.width {
            w if w >= 140 => 30,
            w if w >= 110 => 22,
            _ => 14,
        }),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(10),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(t.log_cols.to_vec()).style(style_header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}
