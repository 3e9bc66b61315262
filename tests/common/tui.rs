//! Helpers of the TUI tests: keys and text as the event loop sends them,
//! the screen as a TestBackend draws it, a row chosen by the filter.
#![allow(dead_code)]

use postrum::app::{App, Msg};
use postrum::engine::{self, OpenOptions};
use postrum::i18n::Lang;

use super::{demo_data_dir, today};
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

/// The demo on a TestBackend at 80×24, as the registrator, on the fixed day.
pub fn app(data: &std::path::Path, lang: Lang) -> App {
    app_with(data, OpenOptions { lang: Some(lang), ..OpenOptions::default() })
}

/// The same with more options (the language, a submission server…).
pub fn app_with(data: &std::path::Path, opts: OpenOptions) -> App {
    app_configured(data, opts, "")
}

/// The same with more lines in the config (after the actor).
pub fn app_configured(data: &std::path::Path, opts: OpenOptions, config: &str) -> App {
    demo_data_dir(data);
    let cfg = data.join("empty.toml");
    std::fs::write(&cfg, format!("actor = \"registrator\"\n{config}")).unwrap();
    let opened = engine::open(&OpenOptions {
        config: Some(cfg),
        data_dir: Some(data.to_path_buf()),
        demo: true,
        ..opts
    })
    .unwrap();
    let mut app = App::new(opened, today()).unwrap();
    app.update(Msg::Resize(80, 24));
    app
}
