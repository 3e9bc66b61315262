//! The views row above the inbox list: every view with its count, the one
//! showing highlighted; numbers only (and the showing one named) when the
//! names do not fit the width.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{style_dim, style_selected};
use crate::app::App;
use crate::engine::ListView;

/// A view's name as the row shows it.
pub fn view_name(app: &App, n: usize) -> String {
    let t = app.texts();
    match app.list.tabs.get(n) {
        Some(ListView::Custom(spec)) => crate::core::sanitize::line(&spec.name),
        Some(_) => t.desk.views.get(n).copied().unwrap_or_default().to_string(),
        None => String::new(),
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let count = |n: usize| app.list.tab_counts.get(n).copied().unwrap_or(0);
    let full: Vec<String> =
        (0..app.list.tabs.len()).map(|n| format!("{} {} {}", n + 1, view_name(app, n), count(n))).collect();
    let width: usize = full.iter().map(|s| s.chars().count() + 2).sum();
    let mut spans = Vec::new();
    for (n, label) in full.into_iter().enumerate() {
        let label = if width <= usize::from(area.width) || n == app.list.tab {
            label
        } else {
            format!("{} {}", n + 1, count(n))
        };
        let style = if n == app.list.tab {
            style_selected().add_modifier(Modifier::BOLD)
        } else if count(n) == 0 {
            style_dim()
        } else {
            Style::default()
        };
        spans.push(Span::styled(format!(" {label} "), style));
        if n + 1 < app.list.tabs.len() {
            spans.push(Span::styled("│", style_dim()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
