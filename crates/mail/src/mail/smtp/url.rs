//! Submission server URLs: `smtps://user@host:465` (TLS from the first
//! byte), `smtp://user@host:587` (STARTTLS, required) and
//! `smtp+insecure://host:25` (no TLS: loopback or `allow_insecure`). The
//! user may be percent-encoded and may be left out (no login).

use std::fmt;

use crate::mail::imap::url::Security;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpUrl {
    pub security: Security,
    /// Empty: no AUTH.
    pub user: String,
    pub host: String,
    pub port: u16,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an SMTP URL ({0}); write smtps://user@host:465 or smtp://user@host:587")]
pub struct SmtpUrlError(pub String);

impl SmtpUrl {
    pub fn parse(url: &str) -> Result<SmtpUrl, SmtpUrlError> {
        let err = || SmtpUrlError(crate::core::sanitize::line(url));
        let (scheme, rest) = url.trim().split_once("://").ok_or_else(err)?;
        let security = match scheme.to_ascii_lowercase().as_str() {
            "smtps" => Security::Tls,
            "smtp" => Security::StartTls,
            "smtp+insecure" => Security::Plain,
            _ => return Err(err()),
        };
        // the IMAP parser knows user, host, port and brackets: lend it a path
        let fake = format!(
            "imap://{}/INBOX",
            if rest.contains('@') { rest.to_string() } else { format!("@{rest}") }
        );
        let authority = rest.split('/').next().unwrap_or("");
        let (user, hostport) = authority.rsplit_once('@').unwrap_or(("", authority));
        let parsed = crate::mail::imap::url::ImapUrl::parse(&fake.replace(&format!("{user}@"), "x@"))
            .map_err(|_| err())?;
        let explicit_port = hostport.rsplit_once(':').is_some_and(|(_, p)| !p.contains(']'));
        let port = if explicit_port {
            parsed.port
        } else {
            match security {
                Security::Tls => 465,
                Security::StartTls => 587,
                Security::Plain => 25,
            }
        };
        let user = crate::mail::imap::url::percent_decode(user);
        if parsed.host.is_empty() || user.chars().any(char::is_control) {
            return Err(err());
        }
        Ok(SmtpUrl { security, user, host: parsed.host, port })
    }

    pub fn is_loopback(&self) -> bool {
        self.host.eq_ignore_ascii_case("localhost")
            || self.host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

impl fmt::Display for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let scheme = match self.security {
            Security::Tls => "smtps",
            Security::StartTls => "smtp",
            Security::Plain => "smtp+insecure",
        };
        if self.user.is_empty() {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}@{}:{}", self.user, self.host, self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_submission_urls() {
        let u = SmtpUrl::parse("smtps://kommun%40norrvik.se@smtp.norrvik.se").unwrap();
        assert_eq!(
            (u.security, u.user.as_str(), u.host.as_str(), u.port),
            (Security::Tls, "kommun@norrvik.se", "smtp.norrvik.se", 465)
        );
        let u = SmtpUrl::parse("smtp://anna@127.0.0.1:10587").unwrap();
        assert_eq!((u.security, u.port), (Security::StartTls, 10587));
        assert!(u.is_loopback());
        assert_eq!(SmtpUrl::parse("smtp://mail.norrvik.se").unwrap().port, 587);
        let p = SmtpUrl::parse("smtp+insecure://localhost").unwrap();
        assert_eq!((p.security, p.port, p.user.as_str()), (Security::Plain, 25, ""));
        assert_eq!(p.to_string(), "smtp+insecure://localhost:25");
        for bad in ["imaps://a@b", "smtp://", "smtps://a@b:x", "mail.norrvik.se"] {
            assert!(SmtpUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
