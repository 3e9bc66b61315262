//! Drawing: reads the App, never changes it. One title row, the screen
//! (inbox list, message view or log), a message row (result, error, filter
//! prompt or key hints) and a status row; dialogs and help on top.

mod calendar;
mod help;
mod inbox;
mod log_view;
mod message_view;
mod people;
mod report;
mod status;
mod views;

use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Style};
use ratatui::Frame;

use crate::app::{App, Screen};

pub use crate::core::layout::wrap;
pub use crate::widgets::{
    centered, style_dim, style_error, style_header, style_ok, style_selected, style_title,
};

/// Below this the screen says only that it is too small.
const MIN_SIZE: (u16, u16) = (20, 6);

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text: String = app.texts().desk.too_small.chars().take(usize::from(area.width)).collect();
        frame.render_widget(ratatui::widgets::Paragraph::new(text), area);
        return;
    }
    let [title, body, line, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    status::title(app, frame, title);
    match &app.screen {
        Screen::Inbox => {
            let [row, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
            views::draw(app, frame, row);
            inbox::draw(app, frame, list)
        }
        Screen::Report { report, scroll } => report::draw(app, frame, body, report, *scroll),
        Screen::Message { lines, header_count, scroll, .. } => {
            message_view::draw(frame, body, lines, *header_count, *scroll)
        }
        Screen::Log { entries, scroll } => log_view::draw(app, frame, body, entries, *scroll),
        Screen::People { selected } => people::draw(app, frame, body, *selected),
        Screen::Calendar { selected, days, since } => {
            calendar::draw(app, frame, body, *selected, days, *since)
        }
    }
    status::message_line(app, frame, line);
    status::status_bar(app, frame, bar);
    if let Some(d) = &app.dialog {
        d.draw(frame, &app.dialog_cx());
    }
    if app.help {
        help::draw(app, frame);
    }
    if let Some(lines) = &app.notice {
        help::notice(app, frame, lines);
    }
}

/// A colour, or nothing when colours are off (NO_COLOR).
pub fn fg(app: &App, color: Color) -> Style {
    if app.color {
        Style::default().fg(color)
    } else {
        Style::default()
    }
}

/// The first sync's progress, before the inbox can be shown.
pub fn sync_gauge(frame: &mut Frame, t: &crate::i18n::Texts, done: usize, total: usize) {
    let area = centered(frame.area(), 60, 3);
    let ratio = if total == 0 { 1.0 } else { done as f64 / total as f64 };
    let gauge = ratatui::widgets::Gauge::default()
        .block(ratatui::widgets::Block::bordered().title(format!(" {} ", t.sync_label)))
        .ratio(ratio.clamp(0.0, 1.0))
        .label(format!("{done} / {total}"));
    frame.render_widget(gauge, area);
}
