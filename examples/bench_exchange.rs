//! Benchmark of a no-change refresh on a server without CONDSTORE and
//! without keywords (Microsoft Exchange's IMAP: tests/common/variants.rs),
//! beside the same mailbox on a plain Dovecot (CONDSTORE). Without
//! CONDSTORE postrum cannot ask "what changed since"; it must find out
//! some other way each refresh. Measured in a running engine (as the TUI's
//! periodic check), after a first sync; medians of 9 refreshes.
//! Run: scripts/bench-exchange [N…]   (default 10000 100000)

#[path = "../tests/common/dovecot.rs"]
mod dovecot;
#[path = "../tests/common/variants.rs"]
mod variants;

use std::time::{Duration, Instant};

use dovecot::Dovecot;

fn message(i: usize) -> Vec<u8> {
    let body = "Hej,\r\n\r\nEtt genererat testmeddelande.\r\n".repeat(1 + i % 10);
    format!(
        "From: Avsändare {i} <user{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Fråga {i}\r\n\
Message-ID: <bench-{i}@exempel.se>\r\nDate: Mon, 2 Nov 2026 09:15:00 +0100\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    )
    .into_bytes()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// An engine on the server's mailbox, first-synced; then the seconds of
/// each of `runs` no-change refreshes, and of one refresh after a
/// colleague (in Outlook) marked one message answered.
fn refreshes(dc: &Dovecot, runs: usize) -> (Vec<f64>, f64) {
    use postrum::engine::{self, OpenOptions};
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("empty.toml"), "").unwrap();
    let mut opened = engine::open(&OpenOptions {
        data_dir: Some(data.path().to_path_buf()),
        config: Some(data.path().join("empty.toml")),
        imap: Some(format!("imaps://registrator@localhost:{}/INBOX", dc.tls_port)),
        password_command: Some("echo registrator".into()),
        ca_file: Some(dc.ca()),
        ..OpenOptions::default()
    })
    .unwrap();
    let e = &mut opened.engine;
    e.refresh().unwrap(); // settled
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let changes = e.refresh().unwrap();
        times.push(start.elapsed().as_secs_f64());
        assert!(!changes.any(), "nothing changed: {changes:?}");
    }
    let out = dc.raw("registrator", &["SELECT INBOX", "UID STORE 7 +FLAGS (\\Answered)"]);
    assert!(out.contains("OK"), "{out}");
    let start = Instant::now();
    let changes = e.refresh().unwrap();
    let answered = start.elapsed().as_secs_f64();
    assert_eq!(changes.answered, 1, "the answered mark was seen: {changes:?}");
    (times, answered)
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000] } else { sizes };
    println!(
        "| messages | server | no-change refresh (median of 9) | slowest | one answered by a colleague |"
    );
    println!("|---|---|---|---|---|");
    for n in sizes {
        for (name, extra) in
            [("Dovecot (CONDSTORE)", ""), ("Exchange-like (no CONDSTORE)", variants::EXCHANGE)]
        {
            let dc = Dovecot::start_with(extra);
            dc.deliver_many(
                "registrator",
                "INBOX",
                (0..n).map(|i| (format!("{}.bench{i}.host", 1_790_000_000 + i), message(i))),
            );
            let (times, answered) = refreshes(&dc, 9);
            let slowest = times.iter().cloned().fold(0.0, f64::max);
            println!("| {n} | {name} | {:.3} s | {slowest:.3} s | {answered:.3} s |", median(times));
            drop(dc);
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}
