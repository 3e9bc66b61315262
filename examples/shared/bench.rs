//! What the benchmarks share: a Maildir of generated messages, and the
//! process's peak memory.

use std::io::Write;

/// Writes `n` messages into a new Maildir at `root`: message `i` arrives at
/// `arrival(i)` (Unix seconds, also the file's time) with the text
/// `message(i)`.
pub fn write_maildir(
    root: &std::path::Path,
    n: usize,
    arrival: impl Fn(usize) -> i64,
    message: impl Fn(usize) -> String,
) {
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    for i in 0..n {
        let ts = arrival(i);
        let path = root.join("cur").join(format!("{ts}.bench{i}.host:2,S"));
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(message(i).as_bytes()).unwrap();
        f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(ts as u64)).unwrap();
    }
}

/// The process's peak resident memory so far, in MB.
pub fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
