//! The TUI's event loop, above the layers it joins (the App's state and
//! input, the drawing of `ui`, the terminal of `widgets`): one `tokio::select!` over terminal input (read on its
//! own thread), a tick that picks up new mail, and nothing else. Drains
//! what is pending, then draws once. The terminal is restored on exit and
//! on panic (ratatui's init installs the hook).

use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use tokio::sync::mpsc;

use crate::app::{App, Msg};
use crate::core::clock;
use crate::engine::{OpError, Opened};
use crate::mail::MailError;
use crate::ui;

/// How often the mailbox is checked for new mail (`POSTRUM_TICK_SECS`
/// changes it, e.g. for tests).
/// The periodic check: `poll_seconds` in the config (default 30), or
/// `POSTRUM_TICK_SECS` (tests).
fn tick_interval(configured: u64) -> Duration {
    let secs =
        std::env::var("POSTRUM_TICK_SECS").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or(configured);
    Duration::from_secs(secs.max(1))
}

pub fn run(opened: Opened) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(run_loop(opened))
}

fn to_msg(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => Some(Msg::Key(k)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// The first sync, with a gauge on screen (a large mailbox's first sync
/// takes a while); an unreachable server leaves the cache to work on.
type Term = ratatui::Terminal<crate::widgets::term::PlainBackend>;

/// Raw mode, the alternate screen where the terminal has one, and a panic
/// hook that gives the terminal back.
fn init(caps: crate::widgets::term::Caps) -> Result<Term> {
    use ratatui::crossterm::{execute, terminal};
    terminal::enable_raw_mode()?;
    if caps.alternate {
        execute!(std::io::stdout(), terminal::EnterAlternateScreen)?;
    }
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(caps);
        hook(info);
    }));
    Ok(ratatui::Terminal::new(crate::widgets::term::PlainBackend::new(caps))?)
}

fn restore(caps: crate::widgets::term::Caps) {
    use ratatui::crossterm::{execute, terminal};
    let _ = terminal::disable_raw_mode();
    if caps.alternate {
        let _ = execute!(std::io::stdout(), terminal::LeaveAlternateScreen);
    }
    let _ = execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
}

fn first_sync(opened: &mut Opened, terminal: &mut Term) -> Result<()> {
    // offline, or a data directory that cannot be written: the cache as it is
    if opened.offline.is_some() || opened.read_only.is_some() {
        return Ok(());
    }
    let t = opened.lang.texts();
    let mut draw = |done: usize, total: usize| {
        let _ = terminal.draw(|f| ui::sync_gauge(f, t, done, total));
    };
    match opened.engine.sync(&mut draw) {
        Ok(replay) => opened.replay = replay,
        Err(OpError::Mail(e @ MailError::Offline(_))) => opened.offline = Some(e),
        Err(e) => return Err(anyhow::anyhow!(crate::present::error_text(t, &e))),
    }
    Ok(())
}

async fn run_loop(mut opened: Opened) -> Result<()> {
    let caps = crate::widgets::term::Caps::detect(&opened.terminal);
    let mut terminal = init(caps)?;
    if let Err(e) = first_sync(&mut opened, &mut terminal) {
        restore(caps);
        return Err(e);
    }
    let mut app = match App::new(opened, clock::today()) {
        Ok(app) => app,
        Err(e) => {
            restore(caps);
            return Err(anyhow::anyhow!(e));
        }
    };
    app.color = caps.colors != crate::widgets::term::Colors::None;
    app.start_session();
    let result = async {
        let (tx, mut rx) = mpsc::channel::<Event>(256);
        // the reader stops reading while an editor has the terminal
        let paused = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reading = paused.clone();
        std::thread::spawn(move || loop {
            if reading.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match event::poll(Duration::from_millis(50)) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        if tx.blocking_send(ev).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Ok(false) => {}
                Err(_) => break,
            }
        });
        let size = terminal.size()?;
        app.update(Msg::Resize(size.width, size.height));
        let mut tick = tokio::time::interval(tick_interval(app.poll_seconds()));
        tick.tick().await;
        let mut pushed = app.pushed();
        let (done_tx, mut done_rx) = mpsc::unbounded_channel::<crate::engine::Done>();
        app.start_worker(done_tx);
        terminal.draw(|f| ui::draw(&app, f))?;
        loop {
            tokio::select! {
                ev = rx.recv() => {
                    let Some(ev) = ev else { break };
                    if let Some(m) = to_msg(ev) { app.update(m); }
                    while let Ok(ev) = rx.try_recv() {
                        if let Some(m) = to_msg(ev) { app.update(m); }
                    }
                }
                _ = tick.tick() => app.update(Msg::Tick { today: clock::today() }),
                Some(done) = done_rx.recv() => {
                    app.on_done(done);
                    while let Ok(done) = done_rx.try_recv() { app.on_done(done); }
                }
                Some(()) = async { match pushed.as_mut() { Some(p) => p.recv().await, None => std::future::pending().await } } => {
                    // drain a burst of notes, then look once
                    if let Some(p) = pushed.as_mut() { while p.try_recv().is_ok() {} }
                    app.update(Msg::Tick { today: clock::today() });
                }
            }
            if app.quit {
                break;
            }
            if let Some(req) = app.editor.take() {
                // the editor gets the terminal: input is not read meanwhile
                paused.store(true, std::sync::atomic::Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(80)).await;
                restore(caps);
                let result = crate::editor::edit(&req.start);
                terminal = init(caps)?;
                terminal.clear()?;
                paused.store(false, std::sync::atomic::Ordering::SeqCst);
                app.after_editor(req, result);
            }
            terminal.draw(|f| ui::draw(&app, f))?;
        }
        anyhow::Ok(())
    }
    .await;
    restore(caps);
    result
}
