//! IMAP account URLs: `imaps://user@host:993/INBOX` (implicit TLS),
//! `imap://user@host:143/INBOX` (STARTTLS, required: a server that does
//! not start TLS is refused, never used in plaintext) and
//! `imap+insecure://` (no TLS at all,
//! as aerc spells it: for a server on this machine or at the end of an SSH
//! tunnel, where the tunnel already encrypts; the same rule applies). The
//! user may be percent-encoded (`anna%40norrvik.se`).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (port 993).
    Tls,
    /// Plain connection upgraded with STARTTLS (port 143).
    StartTls,
    /// No TLS: only to a loopback address or with `allow_insecure`.
    Plain,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImapUrl {
    pub security: Security,
    pub user: String,
    pub host: String,
    pub port: u16,
    pub mailbox: String,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an IMAP URL ({0}); write imaps://user@host:993/INBOX")]
pub struct UrlError(pub String);

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && s.is_char_boundary(i + 1) && s.is_char_boundary(i + 3) {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl ImapUrl {
    pub fn parse(url: &str) -> Result<ImapUrl, UrlError> {
        let err = || UrlError(url.to_string());
        let (scheme, rest) = url.trim().split_once("://").ok_or_else(err)?;
        let security = match scheme.to_ascii_lowercase().as_str() {
            "imaps" => Security::Tls,
            "imap" => Security::StartTls,
            "imap+insecure" => Security::Plain,
            _ => return Err(err()),
        };
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, hostport) = authority.rsplit_once('@').ok_or_else(err)?;
        let (host, port) = if let Some(h) = hostport.strip_prefix('[') {
            let (h, after) = h.split_once(']').ok_or_else(err)?;
            (h.to_string(), after.strip_prefix(':'))
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (hostport.to_string(), None),
            }
        };
        let port = match port {
            Some(p) => p.parse().map_err(|_| err())?,
            None if security == Security::Tls => 993,
            None => 143,
        };
        if user.is_empty() || host.is_empty() {
            return Err(err());
        }
        let mailbox = percent_decode(path.trim_end_matches('/'));
        Ok(ImapUrl {
            security,
            user: percent_decode(user),
            host,
            port,
            mailbox: if mailbox.is_empty() { "INBOX".into() } else { mailbox },
        })
    }

    /// True for 127.0.0.0/8, ::1 and "localhost".
    pub fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self.host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

impl fmt::Display for ImapUrl {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let scheme = match self.security {
            Security::Tls => "imaps",
            Security::StartTls => "imap",
            Security::Plain => "imap+insecure",
        };
        write!(f, "{scheme}://{}@{}:{}/{}", self.user, self.host, self.port, self.mailbox)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_account_urls() {
        let u = ImapUrl::parse("imaps://anna%40norrvik.se@imap.norrvik.se/INBOX").unwrap();
        assert_eq!(
            (u.security, u.user.as_str(), u.host.as_str(), u.port),
            (Security::Tls, "anna@norrvik.se", "imap.norrvik.se", 993)
        );
        assert_eq!(u.mailbox, "INBOX");
        let u = ImapUrl::parse("imap://registrator@127.0.0.1:10143").unwrap();
        assert_eq!((u.security, u.port, u.mailbox.as_str()), (Security::StartTls, 10143, "INBOX"));
        assert!(u.is_loopback());
        assert!(ImapUrl::parse("imap://x@[::1]:143/Kommun").unwrap().is_loopback());
        assert!(ImapUrl::parse("http://x@y").is_err());
        assert!(ImapUrl::parse("imaps://host.only").is_err());
        let plain = ImapUrl::parse("imap+insecure://registrator@localhost:1143/Kommun").unwrap();
        assert_eq!((plain.security, plain.port), (Security::Plain, 1143));
        assert_eq!(plain.to_string(), "imap+insecure://registrator@localhost:1143/Kommun");
        assert!(ImapUrl::parse("imaps://a@b:notaport").is_err());
        assert_eq!(u.to_string(), "imap://registrator@127.0.0.1:10143/INBOX");
    }
}
