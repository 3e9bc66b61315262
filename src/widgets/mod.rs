//! The TUI's lowest layer: what the terminal can show (`term`), the
//! colours by role (`theme`), and the small drawing pieces every screen and
//! dialog uses. Knows nothing of the App.

pub mod term;
pub mod theme;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn style_title() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn style_header() -> Style {
    Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn style_selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn style_error() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn style_ok() -> Style {
    Style::default().fg(Color::Green)
}

pub fn style_dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// A text field: its label, what is typed, and where the cursor stands.
pub fn input_line<'a>(label: &'a str, value: &'a str) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(value),
        Span::raw("▏"),
    ])
}

/// What went wrong, under a blank line, in the error style.
pub fn error_lines(error: &Option<String>) -> Vec<Line<'_>> {
    match error {
        Some(e) => vec![Line::raw(""), Line::styled(e.as_str(), style_error())],
        None => vec![],
    }
}

/// A dialog's box: `lines` in a bordered box of at most `width`×`height`
/// in the middle of the screen, over what is under it.
pub fn boxed(frame: &mut Frame, title: &str, lines: Vec<Line>, width: u16, height: u16) {
    let area: Rect = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(format!(" {title} "));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
