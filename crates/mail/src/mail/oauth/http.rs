//! The HTTP side of OAuth: an agent with timeouts, no redirects and the
//! system's certificates, lent to the `oauth2` crate (its own ureq client
//! turns every 4xx into a transport error, which would hide the
//! provider's `authorization_pending` and `invalid_grant`), and OpenID
//! discovery of a provider's endpoints from its issuer.

use std::io::Read;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::OAuthError;

/// How long the provider may take to connect and to answer.
const CONNECT: Duration = Duration::from_secs(10);
const ANSWER: Duration = Duration::from_secs(15);
/// A provider's answer is small; more is not read.
const LIMIT: u64 = 1 << 20;

/// The agent every OAuth request goes through.
pub struct Http(ureq::Agent);

impl Http {
    pub fn new() -> Http {
        let mut b = ureq::AgentBuilder::new()
            .timeout_connect(CONNECT)
            .timeout(ANSWER)
            .redirects(0)
            .user_agent(concat!("postrum/", env!("CARGO_PKG_VERSION")));
        if let Ok(tls) = crate::mail::imap::connect::tls_client_config(None) {
            b = b.tls_config(tls);
        }
        Http(b.build())
    }

    /// GET a JSON document.
    pub fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, OAuthError> {
        let resp = match self.0.get(url).set("Accept", "application/json").call() {
            Ok(r) => r,
            Err(ureq::Error::Status(code, _)) => {
                return Err(OAuthError::Refused(format!("{url}: HTTP {code}")))
            }
            Err(e) => return Err(OAuthError::Unreachable(transport(&e))),
        };
        let mut body = Vec::new();
        resp.into_reader()
            .take(LIMIT)
            .read_to_end(&mut body)
            .map_err(|e| OAuthError::Unreachable(e.to_string()))?;
        serde_json::from_slice(&body).map_err(|e| OAuthError::Malformed(format!("{url}: {e}")))
    }
}

impl Default for Http {
    fn default() -> Self {
        Http::new()
    }
}

/// What went wrong on the way, without the URL's query (which may carry a
/// code) and without the agent's own wording of it.
fn transport(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Transport(t) => {
            let what = t.message().map(str::to_string).unwrap_or_else(|| format!("{:?}", t.kind()));
            crate::core::sanitize::line(&what)
        }
        ureq::Error::Status(code, _) => format!("HTTP {code}"),
    }
}

impl oauth2::SyncHttpClient for Http {
    type Error = oauth2::HttpClientError<ureq::Error>;

    fn call(&self, request: oauth2::HttpRequest) -> Result<oauth2::HttpResponse, Self::Error> {
        let uri = request.uri().to_string();
        let mut req =
            if request.method() == oauth2::http::Method::POST { self.0.post(&uri) } else { self.0.get(&uri) };
        for (name, value) in request.headers() {
            let value =
                value.to_str().map_err(|_| oauth2::HttpClientError::Other(format!("header {name}")))?;
            req = req.set(name.as_ref(), value);
        }
        let result = if request.method() == oauth2::http::Method::POST {
            req.send_bytes(request.body())
        } else {
            req.call()
        };
        // an error status is an answer: the crate reads the provider's
        // error code from it
        let resp = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => return Err(oauth2::HttpClientError::Reqwest(Box::new(e))),
        };
        let mut builder = oauth2::http::Response::builder().status(resp.status());
        if let Some(ct) = resp.header("content-type") {
            builder = builder.header(oauth2::http::header::CONTENT_TYPE, ct);
        }
        let mut body = Vec::new();
        resp.into_reader().take(LIMIT).read_to_end(&mut body)?;
        builder.body(body).map_err(oauth2::HttpClientError::Http)
    }
}

/// What a token request's failure means, as an `OAuthError`.
pub fn token_error<RE: std::error::Error + 'static, T: oauth2::ErrorResponse + 'static>(
    e: oauth2::RequestTokenError<RE, T>,
) -> OAuthError {
    match e {
        oauth2::RequestTokenError::ServerResponse(r) => {
            let text = serde_json::to_value(&r).unwrap_or_default();
            let code = text.get("error").and_then(|v| v.as_str()).unwrap_or("").to_string();
            let desc = text.get("error_description").and_then(|v| v.as_str()).unwrap_or("");
            let said = crate::core::sanitize::line(&if desc.is_empty() {
                code.clone()
            } else {
                format!("{code}: {desc}")
            });
            match code.as_str() {
                "invalid_grant" => OAuthError::Expired(said),
                "access_denied" | "authorization_declined" => OAuthError::Denied(said),
                "expired_token" => OAuthError::CodeExpired,
                _ => OAuthError::Refused(said),
            }
        }
        oauth2::RequestTokenError::Request(e) => {
            let mut why = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                why = s.to_string();
                src = s.source();
            }
            OAuthError::Unreachable(crate::core::sanitize::line(&why))
        }
        oauth2::RequestTokenError::Parse(e, _) => {
            OAuthError::Malformed(crate::core::sanitize::line(&e.to_string()))
        }
        oauth2::RequestTokenError::Other(s) => OAuthError::Malformed(crate::core::sanitize::line(&s)),
    }
}

/// A provider's endpoints, from its discovery document.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Endpoints {
    pub issuer: Option<String>,
    pub token_endpoint: String,
    pub device_authorization_endpoint: Option<String>,
    pub authorization_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
}

/// OpenID discovery: `ISSUER/.well-known/openid-configuration`.
pub fn discover(http: &Http, issuer: &str) -> Result<Endpoints, OAuthError> {
    let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
    let found: Endpoints = http.get_json(&url)?;
    check_url(&found.token_endpoint)?;
    for u in [&found.device_authorization_endpoint, &found.authorization_endpoint, &found.revocation_endpoint]
        .into_iter()
        .flatten()
    {
        check_url(u)?;
    }
    Ok(found)
}

/// A provider's address must be https://, or http:// on this machine
/// (a test provider, as imap+insecure://).
pub fn check_url(u: &str) -> Result<(), OAuthError> {
    let parsed = url::Url::parse(u).map_err(|_| OAuthError::Config("bad_url".into(), u.into()))?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = match parsed.host() {
                Some(url::Host::Ipv4(a)) => a.is_loopback(),
                Some(url::Host::Ipv6(a)) => a.is_loopback(),
                Some(url::Host::Domain(d)) => d == "localhost",
                None => false,
            };
            if loopback {
                Ok(())
            } else {
                Err(OAuthError::Config("insecure_issuer".into(), u.into()))
            }
        }
        _ => Err(OAuthError::Config("bad_url".into(), u.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_only_on_this_machine() {
        assert!(check_url("https://login.microsoftonline.com/x/v2.0").is_ok());
        assert!(check_url("http://127.0.0.1:3000").is_ok());
        assert!(check_url("http://localhost:3000").is_ok());
        assert!(
            matches!(check_url("http://idp.example.se"), Err(OAuthError::Config(c, _)) if c == "insecure_issuer")
        );
        assert!(check_url("ftp://x").is_err());
    }
}
