//! A real terminal for end-to-end tests: postrum in tmux, keys sent with
//! send-keys, the screen read with capture-pane. Needs tmux (scripts/test
//! installs it); without it the tests fail.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::bin;

pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn new(tag: &str) -> Tmux {
        let ok = Command::new("tmux").arg("-V").output().map(|o| o.status.success()).unwrap_or(false);
        assert!(ok, "tmux is required for the end-to-end test (scripts/test installs it)");
        Tmux { socket: format!("postrum-e2e-{}-{tag}", std::process::id()) }
    }

    pub fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().unwrap()
    }

    /// postrum on the demo mailbox, with `extra` environment settings.
    pub fn start(&self, data: &Path, extra: &str) {
        self.start_with(data, extra, "--demo");
    }

    /// postrum with these arguments (a home and config directory in `data`).
    pub fn start_with(&self, data: &Path, extra: &str, args: &str) {
        let line = format!(
            "env HOME={d} XDG_CONFIG_HOME={d}/config USER=registrator TERM=xterm-256color {extra} {bin} --data-dir {d} {args}",
            d = data.display(),
            bin = bin().display(),
        );
        let out = self.cmd(&["-u", "new-session", "-d", "-s", "p", "-x", "100", "-y", "30", &line]);
        assert!(out.status.success(), "tmux: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Waits until the screen no longer shows `needle` (20 s at most).
    pub fn wait_gone(&self, needle: &str) {
        self.wait_gone_within(needle, 20);
    }

    /// Waits until the screen no longer shows `needle`, `secs` at most.
    pub fn wait_gone_within(&self, needle: &str, secs: u64) {
        let start = Instant::now();
        while self.screen().contains(needle) {
            assert!(
                start.elapsed() < Duration::from_secs(secs),
                "still shows {needle:?}:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "p"]).stdout).into_owned()
    }

    /// Sends keys one by one. After Escape a short pause, as a person
    /// makes: a key right behind it would arrive as Alt+key (ESC k).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "p", k]);
            if *k == "Escape" {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
    }

    pub fn text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "p", "-l", text]);
    }

    /// Waits until the screen shows `needle` (20 s at most).
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "never saw {needle:?}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Closes the start notice (coverage warning, handover) if it shows.
    pub fn dismiss_notice(&self) {
        if self.screen().contains("valfri tangent för att stänga") {
            self.keys(&["Escape"]);
            let start = Instant::now();
            while self.screen().contains("valfri tangent för att stänga") {
                assert!(start.elapsed() < Duration::from_secs(10), "the notice did not close");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    pub fn running(&self) -> bool {
        self.cmd(&["has-session", "-t", "p"]).status.success()
    }

    pub fn wait_exit(&self) {
        let start = Instant::now();
        while self.running() {
            assert!(start.elapsed() < Duration::from_secs(10), "postrum did not quit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}
