//! Credentials, never stored by postrum: a password from a command (like
//! aerc's source-cred-cmd or mbsync's PassCmd), from an environment
//! variable, or typed at a prompt; or an OAuth2 bearer token from a command
//! for XOAUTH2 (Google Workspace, Microsoft 365). Kept in memory only, and
//! never printed: `Debug` hides the secret.

use std::fmt;
use std::process::{Command, Stdio};

#[derive(Clone, Default, PartialEq, Eq)]
pub enum Secret {
    Password(String),
    OAuth2Token(String),
    #[default]
    None,
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Secret::Password(_) => "Password(***)",
            Secret::OAuth2Token(_) => "OAuth2Token(***)",
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
}

#[derive(Debug, thiserror::Error)]
pub enum CredError {
    #[error("the password command failed ({0})")]
    CommandFailed(String),
    #[error("the password command printed nothing")]
    Empty,
    #[error("no password: give password_command, password_env or run in a terminal")]
    NoSource,
}

fn run(command: &str) -> Result<String, CredError> {
    let out = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| CredError::CommandFailed(e.kind().to_string()))?;
    if !out.status.success() {
        return Err(CredError::CommandFailed(format!("exit {}", out.status.code().unwrap_or(-1))));
    }
    // the first line, as pass(1) and most secret stores print it
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r').to_string();
    if first.is_empty() {
        return Err(CredError::Empty);
    }
    Ok(first)
}

/// Reads a password from the terminal without echo.
fn prompt(label: &str) -> Result<String, CredError> {
    use ratatui::crossterm::terminal;
    use std::io::{IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(CredError::NoSource);
    }
    eprint!("{label}: ");
    let _ = std::io::stderr().flush();
    terminal::enable_raw_mode().map_err(|_| CredError::NoSource)?;
    let mut password = String::new();
    let result = loop {
        use ratatui::crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
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
}
