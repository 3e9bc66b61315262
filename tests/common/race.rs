//! Two postrum claiming one message at the very same moment: each is held
//! after logging its assignment (POSTRUM_FAULT=wait-for), and both are
//! released together.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `a` and `b` (each an `assign`), released at once; their outputs.
pub fn race(mut a: Command, mut b: Command, go: &Path) -> (Output, Output) {
    let start = |c: &mut Command| {
        c.env("POSTRUM_FAULT", format!("wait-for:{}", go.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (mut pa, mut pb) = (start(&mut a), start(&mut b));
    for p in [&mut pa, &mut pb] {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(p.stderr.as_mut().unwrap()), &mut line)
            .unwrap();
        assert!(line.contains("logged"), "{line}");
    }
    std::fs::write(go, "").unwrap();
    (pa.wait_with_output().unwrap(), pb.wait_with_output().unwrap())
}

/// Exactly one of the two won; who (`who_a` or `who_b`).
pub fn winner<'a>(ra: &Output, rb: &Output, who_a: &'a str, who_b: &'a str) -> &'a str {
    let err = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(ra.status.success() != rb.status.success(), "exactly one wins:\nA {}\nB {}", err(ra), err(rb));
    if ra.status.success() {
        who_a
    } else {
        who_b
    }
}
