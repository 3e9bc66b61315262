//! The harness's own small OAuth2 token introspection endpoint, for the
//! Dovecot of the IMAP tests (`oauth2_token_command` tokens `oauth-USER`);
//! the OAuth tests use a real OpenID provider instead (oidc.rs).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

/// An OAuth2 token introspection endpoint on loopback, as an identity
/// provider would run one: `GET /introspect?token=oauth-USER` answers
/// `{"username": "USER", "active": "yes"}`, any other token 401. Runs for
/// as long as the test process.
pub fn introspection_endpoint() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let mut conn = conn;
            let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let line = String::from_utf8_lossy(&req).lines().next().unwrap_or_default().to_string();
            let token = line
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.split_once("token="))
                .map(|(_, t)| t.split('&').next().unwrap_or_default());
            let (status, body) = match token.and_then(|t| t.strip_prefix("oauth-")) {
                Some(user) if user.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    ("200 OK", format!("{{\"username\": \"{user}\", \"active\": \"yes\"}}"))
                }
                _ => ("401 Unauthorized", "{\"error\": \"invalid_token\"}".to_string()),
            };
            let _ = write!(
                conn,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}
