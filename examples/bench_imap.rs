//! Benchmark of postrum against a real Dovecot on loopback, beside the
//! protocol floor measured by a minimal raw-socket client fetching the same
//! header fields. For each size: first sync, no-change resync (a new
//! process: connect and login included), start to first drawn frame from
//! the cache, and postrum's peak RSS in the first sync. Medians of 3 runs.
//! Run: scripts/bench-imap [N…]

#[path = "../tests/common/dovecot.rs"]
mod dovecot;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use dovecot::Dovecot;

fn message(i: usize) -> Vec<u8> {
    let subjects = [
        "Fråga om bygglov",
        "Ansökan om förskoleplats",
        "Faktura",
        "Klagomål på snöröjningen",
        "Begäran om allmän handling",
    ];
    let body = "Hej,\r\n\r\nDetta är ett genererat testmeddelande med lite text.\r\n".repeat(1 + i % 20);
    format!(
        "From: Avsändare {i} <user{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: {} {i}\r\n\
Message-ID: <bench-{i}@exempel.se>\r\nDate: Mon, 2 Nov 2026 09:15:00 +0100\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\n{body}",
        subjects[i % subjects.len()]
    )
    .into_bytes()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// The floor: LOGIN, SELECT and one UID FETCH of the same fields, raw.
fn floor(port: u16) -> f64 {
    let start = Instant::now();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let fields = postrum::mail::imap::ops::LIST_FIELDS;
    let script = format!(
        "a LOGIN registrator registrator\r\nb SELECT INBOX\r\nc UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS ({fields})])\r\nd LOGOUT\r\n"
    );
    s.write_all(script.as_bytes()).unwrap();
    let mut buf = vec![0u8; 1 << 20];
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = s.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        tail.extend_from_slice(&buf[..n]);
        if tail.len() > 64 {
            tail.drain(..tail.len() - 64);
        }
        if tail.windows(4).any(|w| w == b"d OK") {
            break;
        }
    }
    start.elapsed().as_secs_f64()
}

/// Runs `postrum sync` (release binary); returns seconds and peak RSS (MB).
fn sync(bin: &Path, dc: &Dovecot, data: &Path) -> (f64, f64) {
    let url = format!("imap://registrator@localhost:{}/INBOX", dc.plain_port);
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(bin)
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "--imap",
            &url,
            "--password-command",
            "echo registrator",
        ])
        .args(["--ca-file", dc.ca().to_str().unwrap(), "sync"])
        .env("HOME", data)
        .output()
        .unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = err.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0.0);
    (secs, kb / 1024.0)
}

/// Start to first frame from the cache: open (no-change sync) and draw.
fn first_frame(dc: &Dovecot, data: &Path) -> f64 {
    use postrum::engine::{self, OpenOptions};
    std::fs::write(data.join("empty.toml"), "").unwrap();
    let start = Instant::now();
    let mut opened = engine::open(&OpenOptions {
        data_dir: Some(data.to_path_buf()),
        config: Some(data.join("empty.toml")),
        imap: Some(format!("imap://registrator@localhost:{}/INBOX", dc.plain_port)),
        password_command: Some("echo registrator".into()),
        ca_file: Some(dc.ca()),
        defer_refresh: true,
        ..OpenOptions::default()
    })
    .unwrap();
    opened.replay = opened.engine.sync(&mut |_, _| {}).unwrap();
    let mut app = postrum::app::App::new(opened, postrum::core::clock::today()).unwrap();
    app.update(postrum::app::Msg::Resize(120, 40));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| postrum::ui::draw(&app, f)).unwrap();
    start.elapsed().as_secs_f64()
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000] } else { sizes };
    let bin = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("postrum");
    assert!(bin.exists(), "build the release binary first (scripts/bench-imap does)");
    println!("| messages | protocol floor | first sync | ratio | no-change resync | first frame from cache | peak RSS (first sync) |");
    println!("|---|---|---|---|---|---|---|");
    for n in sizes {
        let dc = Dovecot::start();
        dc.deliver_many(
            "registrator",
            "INBOX",
            (0..n).map(|i| (format!("{}.bench{i}.host", 1_790_000_000 + i), message(i))),
        );
        // warm Dovecot's index and cache (the floor and postrum see the same)
        floor(dc.plain_port);
        floor(dc.plain_port);
        let floors = (0..3).map(|_| floor(dc.plain_port)).collect();
        let mut firsts = Vec::new();
        let mut rss = Vec::new();
        let mut resyncs = Vec::new();
        let mut frames = Vec::new();
        for _ in 0..3 {
            let data = tempfile::tempdir().unwrap();
            let (t, m) = sync(&bin, &dc, data.path());
            firsts.push(t);
            rss.push(m);
            resyncs.push(sync(&bin, &dc, data.path()).0);
            frames.push(first_frame(&dc, data.path()));
        }
        let (f, s) = (median(floors), median(firsts));
        println!(
            "| {n} | {f:.2} s | {s:.2} s | {:.1}× | {:.3} s | {:.3} s | {:.0} MB |",
            s / f,
            median(resyncs),
            median(frames),
            median(rss)
        );
        drop(dc);
        std::thread::sleep(Duration::from_millis(200));
    }
}
