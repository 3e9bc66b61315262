//! Benchmark: the report and the list at N messages. Writes N generated
//! messages spread over the last ten weeks into a temporary Maildir (a
//! third of them acknowledged, a tenth assigned, a fifth registered), then
//! measures building the list's rows (with follow-up suggestions), the
//! report, and `postrum report --json` as a process, plus peak RSS.
//! Run: scripts/bench-report [N…]

#[path = "shared/bench.rs"]
mod shared;

use std::time::Instant;

use postrum::engine::{self, OpenOptions};

const SUBJECTS: &[&str] = &[
    "Fråga om bygglov för carport",
    "Komplettering BN 2026/{n}",
    "Faktura 2026-{n} från leverantör",
    "Klagomål på snöröjningen",
    "Begäran om allmän handling",
    "Re: Remiss detaljplan",
];

fn write_maildir(root: &std::path::Path, n: usize, now: i64) {
    let span = 70 * 86_400;
    shared::write_maildir(
        root,
        n,
        |i| now - span + (i as i64) * span / n as i64,
        |i| {
            let subject = SUBJECTS[i % SUBJECTS.len()].replace("{n}", &i.to_string());
            format!(
                "From: Avsändare {i} <user{i}@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: {subject}\r\n\
Message-ID: <bench-{i}@exempel.se>\r\nIn-Reply-To: <bench-{}@exempel.se>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej!\r\n",
                i / 2
            )
        },
    );
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("Maildir");
    let now = postrum::core::clock::now();
    write_maildir(&md, n, now);
    let data = dir.path().join("data");
    let opts =
        OpenOptions { maildir: Some(md.clone()), data_dir: Some(data.clone()), ..OpenOptions::default() };
    let opened = engine::open(&opts).unwrap();
    // triage state written straight into the store, as if done over weeks
    let path = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("postrum.sqlite"))
        .find(|p| p.exists())
        .unwrap();
    drop(opened);
    let mut store = postrum::store::Store::open(&path).unwrap();
    for (i, m) in store.present_messages().unwrap().into_iter().enumerate() {
        let mut t = m.triage.clone();
        if i % 3 == 0 {
            t.acknowledged_at = Some(m.received + 3600 * (1 + (i as i64 % 50)));
        }
        if i % 10 == 0 {
            t.assignee = Some("eva".into());
        }
        if i % 5 == 0 {
            t.diarienummer = Some(format!("KS 2026/{i}"));
        }
        if t != m.triage {
            store.set_triage(&m.id, &t).unwrap();
        }
    }
    drop(store);
    let opened = engine::open(&opts).unwrap();
    let today = postrum::core::clock::today();
    let t = Instant::now();
    let items = opened.engine.items(today).unwrap();
    let list = t.elapsed();
    let suggested = items.iter().filter(|i| i.suggested.is_some()).count();
    let t = Instant::now();
    let r = opened.engine.report(today, None, None).unwrap();
    let report = t.elapsed();
    let t = Instant::now();
    // target/release/examples/bench_report → target/release/postrum
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().and_then(|p| p.parent()).unwrap().join("postrum");
    let out = std::process::Command::new(bin)
        .arg("--maildir")
        .arg(&md)
        .arg("--data-dir")
        .arg(&data)
        .args(["report", "--json"])
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let cli = t.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    println!(
        "| {n} | {:.0} ms ({suggested} suggested) | {:.0} ms ({} weeks, {} overdue) | {:.0} ms | {:.0} MB |",
        list.as_secs_f64() * 1000.0,
        report.as_secs_f64() * 1000.0,
        r.weeks.len(),
        r.overdue.iter().map(|o| o.count).sum::<usize>(),
        cli.as_secs_f64() * 1000.0,
        shared::peak_rss_mb()
    );
}
