//! Benchmark: a large Maildir opened, listed and scrolled in the TUI.
//! Writes N generated messages into a temporary Maildir, then measures the
//! first open (every message read and cached), a second open (from the
//! cache), building the App, the first frame, and frames while paging
//! through the list, plus peak RSS. Run: scripts/bench-open [N…]

#[path = "shared/bench.rs"]
mod shared;

use std::time::Instant;

use postrum::app::{App, Msg};
use postrum::engine::{self, OpenOptions};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

const SUBJECTS: &[&str] = &[
    "Fråga om bygglov för carport",
    "Ansökan om förskoleplats",
    "Faktura 2026-{n} från leverantör",
    "Klagomål på snöröjningen",
    "Begäran om allmän handling",
    "Re: Remiss detaljplan",
];

fn write_maildir(root: &std::path::Path, n: usize) {
    shared::write_maildir(
        root,
        n,
        |i| 1_790_000_000 + (i as i64) * 60,
        |i| {
            let subject = SUBJECTS[i % SUBJECTS.len()].replace("{n}", &i.to_string());
            let body = "Hej,\n\nDetta är ett genererat testmeddelande med lite text.\n".repeat(1 + i % 20);
            format!(
                "From: Avsändare {i} <user{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: {subject}\r\n\
Message-ID: <bench-{i}@exempel.se>\r\nDate: Mon, 2 Nov 2026 09:15:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
            )
        },
    );
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("Maildir");
    let t = Instant::now();
    write_maildir(&md, n);
    let gen = t.elapsed();
    let cfg = dir.path().join("empty.toml");
    std::fs::write(&cfg, "").unwrap();
    let opts = OpenOptions {
        config: Some(cfg),
        data_dir: Some(dir.path().join("data")),
        maildir: Some(md.clone()),
        ..OpenOptions::default()
    };
    let t = Instant::now();
    drop(engine::open(&opts).unwrap());
    let first_open = t.elapsed();
    let t = Instant::now();
    let opened = engine::open(&opts).unwrap();
    let second_open = t.elapsed();
    let t = Instant::now();
    let mut app = App::new(opened, postrum::core::clock::today()).unwrap();
    app.update(Msg::Resize(120, 40));
    let build_app = t.elapsed();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let t = Instant::now();
    terminal.draw(|f| postrum::ui::draw(&app, f)).unwrap();
    let first_frame = t.elapsed();
    let frames = 200;
    let t = Instant::now();
    for _ in 0..frames {
        app.update(Msg::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)));
        terminal.draw(|f| postrum::ui::draw(&app, f)).unwrap();
    }
    let per_frame = t.elapsed() / frames;
    println!(
        "| {n} | {:.2} s | {:.3} s | {:.3} s | {:.3} s | {:.2} ms | {:.0} MB | (generating: {:.1} s)",
        first_open.as_secs_f64(),
        second_open.as_secs_f64(),
        build_app.as_secs_f64(),
        first_frame.as_secs_f64(),
        per_frame.as_secs_f64() * 1000.0,
        shared::peak_rss_mb(),
        gen.as_secs_f64(),
    );
}
