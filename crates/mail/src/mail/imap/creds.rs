//! Credentials, never stored by postrum: a password from a command (like
//! aerc's source-cred-cmd or mbsync's PassCmd), from an environment
//! variable, or typed at a prompt; or an OAuth2 bearer token from a command
//! for XOAUTH2 (Google Workspace, Microsoft 365), or — signed in with
//! `postrum login` — fresh tokens from the sign-in (`mail::oauth`). Kept in
//! memory only, and never printed: `Debug` hides the secret.

use std::fmt;
use std::process::{Command, Stdio};

#[derive(Clone, Default, PartialEq, Eq)]
pub enum Secret {
    Password(String),
    OAuth2Token(String),
    /// A sign-in that gives a fresh token for each connection.
    SignedIn(SignIn),
    #[default]
    None,
}

/// The sign-in of `postrum login`, shared by every connection.
#[derive(Clone, Debug)]
pub struct SignIn(pub std::sync::Arc<crate::mail::oauth::TokenSource>);

impl PartialEq for SignIn {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SignIn {}

impl Secret {
    /// The secret as a login uses it now: a signed-in account's current
    /// access token (refreshed when due); the others as they are.
    pub fn current(&self) -> Result<Secret, crate::mail::oauth::OAuthError> {
        match self {
            Secret::SignedIn(s) => s.0.access_token().map(Secret::OAuth2Token),
            other => Ok(other.clone()),
        }
    }

    /// A server refused the token: the next `current` asks for a new one.
    /// Whether there is a new one to ask for.
    pub fn refused(&self) -> bool {
        match self {
            Secret::SignedIn(s) => {
                s.0.invalidate();
                true
            }
            _ => false,
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Secret::Password(_) => "Password(***)",
            Secret::OAuth2Token(_) => "OAuth2Token(***)",
            Secret::SignedIn(_) => "SignedIn(***)",
            Secret::None => "None",
        })
    }
}

/// Where the secret comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CredentialSource {
    pub password_command: Option<String>,
    pub password_env: Option<String>,
    pub oauth2_token_command: Option<String>,
    /// Signed in with `postrum login` (takes precedence).
    pub sign_in: Option<SignIn>,
}

#[derive(Debug, thiserror::Error)]
pub enum CredError {
    #[error("the password command failed ({0})")]
    CommandFailed(String),
    #[error("the password command printed nothing")]
    Empty,
    #[error("the password command did not finish within {0} s (it was stopped)")]
    TimedOut(u64),
    #[error("no password: give password_command, password_env or run in a terminal")]
    NoSource,
}

/// How long a password or token command may take (a pinentry the user
/// types into included); `POSTRUM_COMMAND_TIMEOUT` (seconds) overrides.
fn command_timeout() -> std::time::Duration {
    let secs = std::env::var("POSTRUM_COMMAND_TIMEOUT").ok().and_then(|v| v.parse().ok()).unwrap_or(120);
    std::time::Duration::from_secs(secs)
}

fn run(command: &str) -> Result<String, CredError> {
    use std::io::Read;
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(command).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::inherit());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn().map_err(|e| CredError::CommandFailed(e.kind().to_string()))?;
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let limit = command_timeout();
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < limit => std::thread::sleep(std::time::Duration::from_millis(20)),
            Ok(None) => {
                // the whole group: `sh -c` and whatever it started
                #[cfg(unix)]
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .stderr(Stdio::null())
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                return Err(CredError::TimedOut(limit.as_secs()));
            }
            Err(e) => return Err(CredError::CommandFailed(e.kind().to_string())),
        }
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(CredError::CommandFailed(format!("exit {}", status.code().unwrap_or(-1))));
    }
    // the first line, as pass(1) and most secret stores print it
    let text = String::from_utf8_lossy(&out);
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r').to_string();
    if first.is_empty() {
        return Err(CredError::Empty);
    }
    Ok(first)
}

/// Reads a password from the terminal without echo.
fn prompt(label: &str) -> Result<String, CredError> {
    use crossterm::terminal;
    use std::io::{IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(CredError::NoSource);
    }
    eprint!("{label}: ");
    let _ = std::io::stderr().flush();
    terminal::enable_raw_mode().map_err(|_| CredError::NoSource)?;
    let mut password = String::new();
    let result = loop {
        use crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
        match read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(CredError::NoSource)
                }
                KeyCode::Backspace => {
                    password.pop();
                }
                KeyCode::Char(c) => password.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(_) => break Err(CredError::NoSource),
        }
    };
    let _ = terminal::disable_raw_mode();
    eprintln!();
    result.map(|()| password)
}

impl CredentialSource {
    /// Resolves the secret for `user`, asking at the terminal last.
    pub fn resolve(&self, user: &str, host: &str) -> Result<Secret, CredError> {
        if let Some(s) = &self.sign_in {
            return Ok(Secret::SignedIn(s.clone()));
        }
        if let Some(cmd) = &self.oauth2_token_command {
            return run(cmd).map(Secret::OAuth2Token);
        }
        if let Some(cmd) = &self.password_command {
            return run(cmd).map(Secret::Password);
        }
        if let Some(var) = &self.password_env {
            if let Ok(v) = std::env::var(var) {
                return Ok(Secret::Password(v));
            }
        }
        if let Ok(v) = std::env::var("POSTRUM_IMAP_PASSWORD") {
            return Ok(Secret::Password(v));
        }
        prompt(&format!("{user}@{host}")).map(Secret::Password)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_give_the_first_line_and_debug_hides_it() {
        let src = CredentialSource {
            password_command: Some("printf 'hemligt\\nrest'".into()),
            ..Default::default()
        };
        let s = src.resolve("u", "h").unwrap();
        assert_eq!(s, Secret::Password("hemligt".into()));
        assert!(!format!("{s:?}").contains("hemligt"));
        let failing = CredentialSource { password_command: Some("exit 3".into()), ..Default::default() };
        assert!(failing.resolve("u", "h").unwrap_err().to_string().contains("exit 3"));
        let token = CredentialSource { oauth2_token_command: Some("echo tok".into()), ..Default::default() };
        assert_eq!(token.resolve("u", "h").unwrap(), Secret::OAuth2Token("tok".into()));
    }

    #[test]
    fn a_command_that_hangs_is_stopped() {
        std::env::set_var("POSTRUM_COMMAND_TIMEOUT", "1");
        let start = std::time::Instant::now();
        let hang =
            CredentialSource { password_command: Some("sleep 30; echo x".into()), ..Default::default() };
        let err = hang.resolve("u", "h").unwrap_err();
        assert!(matches!(err, CredError::TimedOut(1)), "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }
}
