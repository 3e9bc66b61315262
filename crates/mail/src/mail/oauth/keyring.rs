//! The system keyring, where there is one: the Secret Service (GNOME
//! Keyring, KWallet) through `secret-tool`, which takes the secret on its
//! standard input — never in the process arguments. On a jump host over
//! SSH there is usually no session bus: then nothing is kept here and the
//! caller keeps the token in its 0600 file. `POSTRUM_KEYRING=off` opts out.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SERVICE: &str = "postrum";

fn available() -> bool {
    if std::env::var("POSTRUM_KEYRING").is_ok_and(|v| v == "off") {
        return false;
    }
    cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// Runs secret-tool with `input`, for at most a few seconds (a locked
/// keyring that asks on a screen nobody sees must not hang postrum).
fn secret_tool(args: &[&str], input: Option<&str>) -> Option<Vec<u8>> {
    let mut child = Command::new("secret-tool")
        .args(args)
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        let _ = stdin.write_all(text.as_bytes());
    }
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                use std::io::Read;
                let mut out = Vec::new();
                if let Some(mut o) = child.stdout.take() {
                    let _ = o.read_to_end(&mut out);
                }
                return status.success().then_some(out);
            }
            Ok(None) if start.elapsed() < Duration::from_secs(5) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Keeps the token; false when there is no keyring to keep it in.
pub fn store(account: &str, token: &str) -> bool {
    available()
        && secret_tool(
            &["store", "--label", "postrum: inloggning", "service", SERVICE, "account", account],
            Some(token),
        )
        .is_some()
}

pub fn lookup(account: &str) -> Option<String> {
    if !available() {
        return None;
    }
    let out = secret_tool(&["lookup", "service", SERVICE, "account", account], None)?;
    let s = String::from_utf8(out).ok()?.trim_end().to_string();
    (!s.is_empty()).then_some(s)
}

pub fn clear(account: &str) {
    if available() {
        let _ = secret_tool(&["clear", "service", SERVICE, "account", account], None);
    }
}
