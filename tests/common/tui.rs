//! Helpers of the TUI tests: keys and text as the event loop sends them,
//! the screen as a TestBackend draws it, a row chosen by the filter.
#![allow(dead_code)]

use postrum::app::{App, Msg};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

pub fn key(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| postrum::ui::draw(app, f)).unwrap();
    format!("{}", terminal.backend())
}

/// Selects the row whose subject contains `needle` via the filter.
pub fn select(app: &mut App, needle: &str) {
    key(app, KeyCode::Char('/'));
    typed(app, needle);
    key(app, KeyCode::Enter);
}
