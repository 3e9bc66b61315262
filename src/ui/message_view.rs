//! The message view: the header block in bold, then the sanitized body
//! (already wrapped to the screen by the App) and the attachment list.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, lines: &[String], header_count: usize, scroll: usize) {
    let height = usize::from(area.height);
    let visible: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(i, l)| {
            let line = Line::from(l.as_str());
            if i < header_count {
                line.style(Style::default().add_modifier(Modifier::BOLD))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
}
