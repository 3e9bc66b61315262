//! Benchmark: key press → frame in the TUI at N messages over IMAP (a real
//! Dovecot on loopback) while an action waits on a slow server: a fault
//! proxy holds the claim back 10 s, the TUI sends the assignment to the
//! engine's worker, and meanwhile every key (down, up, page down, a filter
//! letter and its removal) is handled and a frame drawn. Reports p50, p99
//! and the largest of update + draw per key, beside the same with nothing
//! waiting. Run: scripts/bench-keys [N]

#[path = "../tests/common/dovecot.rs"]
mod dovecot;
#[path = "../tests/common/proxy.rs"]
mod proxy;

use std::time::{Duration, Instant};

use postrum::app::{App, Msg};
use postrum::engine::{self, OpenOptions};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

fn message(i: usize) -> (String, Vec<u8>) {
    let raw = format!(
        "From: Avsändare {i} <user{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Ärende {i}\r\n\
Message-ID: <keys-{i}@exempel.se>\r\nDate: Mon, 23 Nov 2026 09:15:00 +0100\r\n\r\nHej.\r\n"
    );
    (format!("m{i}.host"), raw.into_bytes())
}

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// update + draw for each key of a fixed tour, in milliseconds.
fn tour(app: &mut App, term: &mut Terminal<TestBackend>, rounds: usize) -> Vec<f64> {
    let keys = [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::Up,
        KeyCode::Char('/'),
        KeyCode::Char('9'),
        KeyCode::Backspace,
        KeyCode::Esc,
    ];
    let mut out = Vec::new();
    for _ in 0..rounds {
        for k in keys {
            let start = Instant::now();
            app.update(key(k));
            term.draw(|f| postrum::ui::draw(app, f)).unwrap();
            out.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    out
}

/// Applies the worker's answers as they come (until `total` are in, or
/// `secs` have passed), timing each with its frame, in milliseconds.
fn apply_answers(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    done_rx: &mut tokio::sync::mpsc::UnboundedReceiver<postrum::engine::Done>,
    answers: &mut Vec<f64>,
    total: usize,
    secs: u64,
) {
    let until = Instant::now() + Duration::from_secs(secs);
    while answers.len() < total && Instant::now() < until {
        match done_rx.try_recv() {
            Ok(done) => {
                let start = Instant::now();
                app.on_done(done);
                term.draw(|f| postrum::ui::draw(app, f)).unwrap();
                answers.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dc = dovecot::Dovecot::start();
    dc.deliver_many("registrator", "INBOX", (0..n).map(message));
    let proxy = proxy::Proxy::start(dc.plain_port);
    let data = tempfile::tempdir().unwrap();
    let cfg = data.path().join("config/postrum");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "[[handlaggare]]\nid = \"eva\"\nname = \"Eva Lind\"\n").unwrap();
    std::env::set_var("XDG_CONFIG_HOME", data.path().join("config"));
    let opts = OpenOptions {
        data_dir: Some(data.path().to_path_buf()),
        imap: Some(format!("imap+insecure://registrator@127.0.0.1:{}/INBOX", proxy.port)),
        password_command: Some("echo registrator".into()),
        ..OpenOptions::default()
    };
    let synced = Instant::now();
    let opened = engine::open(&opts).unwrap();
    let sync_secs = synced.elapsed().as_secs_f64();
    let mut app = App::new(opened, postrum::core::clock::today()).unwrap();
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
    app.start_worker(done_tx);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    app.update(Msg::Resize(100, 30));
    term.draw(|f| postrum::ui::draw(&app, f)).unwrap();

    let mut idle = tour(&mut app, &mut term, 50);

    // an assignment the server holds back 10 s
    proxy.on("UNCHANGEDSINCE", proxy::Fault::Delay(Duration::from_secs(10)), 1);
    app.update(key(KeyCode::Char('a')));
    for c in "eva".chars() {
        app.update(key(KeyCode::Char(c)));
    }
    app.update(key(KeyCode::Enter));
    assert_eq!(app.jobs.under_way.len(), 1, "the assignment went to the worker");
    // and a refresh asked of the worker, queued behind it
    app.update(Msg::Tick { today: postrum::core::clock::today() });
    let waited = Instant::now();
    let mut busy = Vec::new();
    while app.jobs.under_way.len() == 1 && waited.elapsed() < Duration::from_secs(9) {
        busy.extend(tour(&mut app, &mut term, 5));
        if let Ok(done) = done_rx.try_recv() {
            app.on_done(done);
        }
    }
    let still = app.jobs.under_way.len() == 1;
    // the worker's answers (the action, then the refresh with the list made
    // anew off the UI thread): what applying each costs the UI thread
    let mut answers = Vec::new();
    apply_answers(&mut app, &mut term, &mut done_rx, &mut answers, 2, 30);
    println!("## Key press → frame at {n} messages over IMAP (update + draw, 100×30)\n");
    println!("First sync (open) through the proxy: {sync_secs:.2} s.\n");
    println!("| while | keys | p50 | p99 | largest |");
    println!("|---|---|---|---|---|");
    for (what, v) in [("nothing waits", &mut idle), ("an assignment waits 10 s on the server", &mut busy)] {
        let count = v.len();
        let (p50, p99) = (percentile(v, 0.5), percentile(v, 0.99));
        let max = v.iter().cloned().fold(0.0, f64::max);
        println!("| {what} | {count} | {p50:.2} ms | {p99:.2} ms | {max:.2} ms |");
    }
    // a new day: the list comes back made by the worker, all 100,000 rows
    let tomorrow = postrum::core::clock::today().tomorrow().unwrap();
    let asked = Instant::now();
    app.update(Msg::Tick { today: tomorrow });
    let ask_ms = asked.elapsed().as_secs_f64() * 1000.0;
    apply_answers(&mut app, &mut term, &mut done_rx, &mut answers, 3, 60);
    println!();
    println!("A new day (the list made anew by the worker): asking took {ask_ms:.2} ms on the UI thread.\n");
    let shown: Vec<String> = answers.iter().map(|ms| format!("{ms:.1} ms")).collect();
    println!("Applying the worker's answers on the UI thread (the outcome, a refresh with nothing new, the list of {n} made anew): {}.\n", shown.join(", "));
    assert!(still, "the assignment was answered before the measurement ended");
}
