//! postrum in plain terminals: the real binary under a pseudo-terminal
//! (a tmux pane, its output bytes recorded with pipe-pane) with
//! `TERM=vt100 LANG=C LC_ALL=C` writes nothing above 0x7F and no
//! 256-colour sequence; on `TERM=linux` colours are the 16 basic ones; a
//! UTF-8 locale keeps the Swedish letters.

mod common;

use common::tmux::Tmux;
use common::*;

/// Runs the demo under `env`, records every byte it writes, quits.
fn record(env: &str, tag: &str) -> Vec<u8> {
    let data = tempfile::tempdir().unwrap();
    demo_data_dir(data.path());
    let out = data.path().join("bytes");
    let tmux = Tmux::new(tag);
    // the pane starts with a pause, so the recording is on before postrum writes
    let line = format!(
        "sleep 0.5; exec env HOME={d} XDG_CONFIG_HOME={d}/config USER=registrator {env} {bin} --data-dir {d} --demo",
        d = data.path().display(),
        bin = bin().display(),
    );
    let o = tmux.cmd(&["-u", "new-session", "-d", "-s", "p", "-x", "100", "-y", "30", &line]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = tmux.cmd(&["pipe-pane", "-t", "p", "-o", &format!("cat >> {}", out.display())]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tmux.wait_for("37 ");
    tmux.keys(&["Escape"]); // the start notice, if any
    std::thread::sleep(std::time::Duration::from_millis(200));
    tmux.keys(&["?"]); // help: a bordered box
    tmux.wait_for("F1");
    tmux.keys(&["Escape"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    tmux.keys(&["q"]);
    tmux.wait_exit();
    std::thread::sleep(std::time::Duration::from_millis(200));
    std::fs::read(&out).unwrap()
}

/// The parameters of every SGR sequence (`ESC [ … m`) written.
fn sgr_params(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == 0x1b && bytes[i + 1] == b'[' {
            let start = i + 2;
            let mut j = start;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';' || bytes[j] == b'?') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'm' {
                let params = String::from_utf8_lossy(&bytes[start..j]).to_string();
                out.extend(params.split(';').filter_map(|p| p.parse::<u32>().ok()));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn has(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_vt100_with_the_c_locale_gets_ascii_and_no_colour() {
    let bytes = record("TERM=vt100 LANG=C LC_ALL=C", "vt100");
    assert!(bytes.len() > 2000, "something was drawn: {} bytes", bytes.len());
    if let Some(pos) = bytes.iter().position(|b| *b > 0x7f) {
        let from = pos.saturating_sub(40);
        panic!("a byte above 0x7F at {pos}: {:?}", String::from_utf8_lossy(&bytes[from..pos + 10]));
    }
    for seq in ["38;5;", "48;5;", "38;2;", "48;2;"] {
        assert!(!has(&bytes, seq), "{seq:?} in the output");
    }
    let colours: Vec<u32> =
        sgr_params(&bytes).into_iter().filter(|p| (30..=49).contains(p) || (90..=107).contains(p)).collect();
    assert!(colours.is_empty(), "colours on a vt100: {colours:?}");
    // Swedish as its plain forms, the box as ASCII
    assert!(
        has(&bytes, "Inkorg") && has(&bytes, "Mottaget") && has(&bytes, "Alder"),
        "the list was drawn, in ASCII"
    );
    assert!(has(&bytes, "+---") || has(&bytes, "+-"), "an ASCII border");
}

#[test]
fn the_linux_console_gets_the_sixteen_colours_and_utf8_keeps_swedish() {
    let bytes = record("TERM=linux LANG=sv_SE.UTF-8 LC_ALL=", "linux");
    for seq in ["38;5;", "48;5;"] {
        assert!(!has(&bytes, seq), "{seq:?} in the output");
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Ålder") || text.contains("Avsändare"), "UTF-8 kept");
    let params = sgr_params(&bytes);
    assert!(
        params.iter().any(|p| (31..=37).contains(p) || (90..=97).contains(p)),
        "basic colours are used: {params:?}"
    );
}
