//! Benchmark of postrum against a real Dovecot on loopback, beside the
//! protocol floor measured by a minimal raw-socket client fetching the same
//! header fields, over plain TCP and over TLS (postrum's transport). For
//! each size: first sync, no-change resync (a new process: connect and
//! login included), start to first drawn frame from the cache, and
//! postrum's peak RSS in the first sync. Medians of 7 interleaved runs.
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

/// The floor: LOGIN, SELECT and one UID FETCH of the same fields, raw,
/// over plain TCP.
fn floor(port: u16) -> f64 {
    let start = Instant::now();
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    fetch_all(s, start)
}

/// The floor over TLS (implicit, rustls as postrum uses it): the same
/// transport as postrum's, so the ratio compares like with like.
fn floor_tls(dc: &Dovecot) -> f64 {
    use rustls_pki_types::pem::PemObject;
    use tokio_rustls::rustls;
    let start = Instant::now();
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_pki_types::CertificateDer::pem_file_iter(dc.ca()).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let conn = rustls::ClientConnection::new(std::sync::Arc::new(config), name).unwrap();
    let tcp = TcpStream::connect(("127.0.0.1", dc.tls_port)).unwrap();
    fetch_all(rustls::StreamOwned::new(conn, tcp), start)
}

fn fetch_all(mut s: impl Read + Write, start: Instant) -> f64 {
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

/// Runs `postrum sync` (release binary) over TLS, or without (`imap+insecure`,
/// as the plain floor); returns seconds and peak RSS (MB).
fn sync(bin: &Path, dc: &Dovecot, data: &Path, tls: bool) -> (f64, f64) {
    run_cli(bin, dc, data, tls, &["sync"])
}

/// Runs a subcommand (release binary) against the server, its stdout thrown
/// away (not a terminal: compact JSON); returns seconds and peak RSS (MB).
fn run_cli(bin: &Path, dc: &Dovecot, data: &Path, tls: bool, cmd: &[&str]) -> (f64, f64) {
    let url = if tls {
        format!("imaps://registrator@localhost:{}/INBOX", dc.tls_port)
    } else {
        format!("imap+insecure://registrator@localhost:{}/INBOX", dc.plain_port)
    };
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
        .args(["--ca-file", dc.ca().to_str().unwrap()])
        .args(cmd)
        .env("HOME", data)
        .stdout(std::process::Stdio::null())
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
        imap: Some(format!("imaps://registrator@localhost:{}/INBOX", dc.tls_port)),
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

/// CPU-seconds the whole machine has been busy (all cores, from /proc/stat).
fn busy_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    let busy: f64 =
        fields.iter().enumerate().filter(|(i, _)| ![3, 4].contains(i)).map(|(_, v)| v).take(8).sum();
    busy / 100.0
}

/// How many times each figure is measured (the median is reported).
const RUNS: usize = 7;

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000] } else { sizes };
    // the postrum built beside this example, or another build to compare
    let bin = match std::env::var_os("POSTRUM_BENCH_BIN") {
        Some(other) => std::path::PathBuf::from(other),
        None => std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("postrum"),
    };
    assert!(bin.exists(), "build the release binary first (scripts/bench-imap does)");
    println!(
        "| messages | floor, plain | first sync, plain | ratio | floor, TLS | first sync, TLS | ratio | \
no-change resync | first frame from cache | peak RSS (first sync) | `list --json` | its peak RSS | \
`list --jsonl` | `log --json --limit N` |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut notes = Vec::new();
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
        if std::env::var_os("BENCH_SERVE").is_some() {
            // keep this server for profiling by hand
            println!("serving {n} messages: imaps://registrator@localhost:{}/INBOX", dc.tls_port);
            println!("ca {}", dc.ca().display());
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        let (mut floors, mut firsts, mut floors_tls, mut firsts_tls) = (vec![], vec![], vec![], vec![]);
        let (mut rss, mut resyncs, mut frames) = (vec![], vec![], vec![]);
        let (mut lists, mut list_rss, mut jsonls, mut logs) = (vec![], vec![], vec![], vec![]);
        let (mut busy_plain, mut busy_tls) = (vec![], vec![]);
        // interleaved, so a slow moment of the machine falls on all alike
        for _ in 0..RUNS {
            let before = busy_cpu_seconds();
            floors.push(floor(dc.plain_port));
            busy_plain.push(busy_cpu_seconds() - before);
            let plain = tempfile::tempdir().unwrap();
            firsts.push(sync(&bin, &dc, plain.path(), false).0);
            let before = busy_cpu_seconds();
            floors_tls.push(floor_tls(&dc));
            busy_tls.push(busy_cpu_seconds() - before);
            let data = tempfile::tempdir().unwrap();
            let (t, m) = sync(&bin, &dc, data.path(), true);
            firsts_tls.push(t);
            rss.push(m);
            resyncs.push(sync(&bin, &dc, data.path(), true).0);
            frames.push(first_frame(&dc, data.path()));
            let (t, m) = run_cli(&bin, &dc, data.path(), true, &["list", "--json"]);
            lists.push(t);
            list_rss.push(m);
            jsonls.push(run_cli(&bin, &dc, data.path(), true, &["list", "--jsonl"]).0);
            logs.push(run_cli(&bin, &dc, data.path(), true, &["log", "--json", "--limit", &n.to_string()]).0);
        }
        let (floor, first) = (median(floors), median(firsts));
        let (floor_tls, first_tls) = (median(floors_tls), median(firsts_tls));
        println!(
            "| {n} | {floor:.2} s | {first:.2} s | {:.2}× | {floor_tls:.2} s | {first_tls:.2} s | {:.2}× \
             | {:.3} s | {:.3} s | {:.0} MB | {:.2} s | {:.0} MB | {:.2} s | {:.2} s |",
            first / floor,
            first_tls / floor_tls,
            median(resyncs),
            median(frames),
            median(rss),
            median(lists),
            median(list_rss),
            median(jsonls),
            median(logs)
        );
        notes.push(format!(
            "{n}: during the floor fetch the machine was busy {:.2} CPU-s (plain) and {:.2} CPU-s (TLS)",
            median(busy_plain),
            median(busy_tls)
        ));
        drop(dc);
        std::thread::sleep(Duration::from_millis(200));
    }
    println!();
    for note in notes {
        println!("{note}");
    }
}
