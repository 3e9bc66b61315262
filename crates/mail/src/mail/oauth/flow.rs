//! `postrum login` and `logout`: the device authorization grant (RFC 8628,
//! for a terminal with no browser — over SSH), the authorization code
//! grant with PKCE and a loopback redirect (RFC 8252, for a laptop), and
//! revoking a sign-in. What the person must do is told through `on`.

use std::cell::{Cell, RefCell};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, DeviceAuthorizationUrl, PkceCodeChallenge,
    RedirectUrl, RevocationUrl, Scope, StandardDeviceAuthorizationResponse, StandardRevocableToken,
    TokenResponse, TokenUrl,
};

use super::http::{discover, token_error, Endpoints, Http};
use super::store::{Saved, TokenStore};
use super::{OAuthError, Preset, Provider};

/// What the person is told while signing in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Go to `uri` and type `code` (or open `complete`).
    Device { uri: String, code: String, complete: Option<String>, minutes: u64 },
    /// Still waiting for the approval.
    Pending,
    /// The provider asked us to ask less often.
    SlowDown(u64),
    /// Open this address in a browser (postrum tried to).
    Browser { url: String },
}

/// How long the browser sign-in may take.
const BROWSER_WAIT: Duration = Duration::from_secs(300);

fn url_of<T>(make: impl FnOnce(String) -> Result<T, url::ParseError>, u: &str) -> Result<T, OAuthError> {
    make(u.to_string()).map_err(|_| OAuthError::Config("bad_url".into(), u.into()))
}

fn client(
    p: &Provider,
    token: &str,
) -> Result<
    oauth2::basic::BasicClient<
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointSet,
    >,
    OAuthError,
> {
    let mut c =
        BasicClient::new(ClientId::new(p.client_id.clone())).set_token_uri(url_of(TokenUrl::new, token)?);
    if let Some(s) = &p.client_secret {
        c = c.set_client_secret(ClientSecret::new(s.clone()));
    }
    Ok(c)
}

fn scopes(p: &Provider) -> Vec<Scope> {
    p.scopes.iter().map(|s| Scope::new(s.clone())).collect()
}

/// What the token answer gives, kept.
fn keep(
    p: &Provider,
    store: &TokenStore,
    found: &Endpoints,
    answer: &impl TokenResponse,
) -> Result<Saved, OAuthError> {
    let refresh =
        answer.refresh_token().ok_or_else(|| OAuthError::Config("no_refresh".into(), String::new()))?;
    let scope = answer.scopes().map(|s| s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(" "));
    let saved = Saved {
        issuer: p.issuer.clone(),
        client_id: p.client_id.clone(),
        user: p.login_hint.clone(),
        token_endpoint: found.token_endpoint.clone(),
        revocation_endpoint: found.revocation_endpoint.clone(),
        refresh_token: Some(refresh.secret().clone()),
        in_keyring: false,
        scope,
        signed_in_at: jiff::Timestamp::now().as_second(),
    };
    let _lock = store.lock()?;
    store.save(&saved)?;
    Ok(saved)
}

/// Signs in with the device authorization grant.
pub fn device(p: &Provider, store: &TokenStore, on: &mut dyn FnMut(Step)) -> Result<Saved, OAuthError> {
    let http = Http::new();
    let found = discover(&http, &p.issuer)?;
    let device_url = found
        .device_authorization_endpoint
        .clone()
        .ok_or_else(|| OAuthError::Config("no_device".into(), p.issuer.clone()))?;
    let c = client(p, &found.token_endpoint)?
        .set_device_authorization_url(url_of(DeviceAuthorizationUrl::new, &device_url)?);
    let details: StandardDeviceAuthorizationResponse =
        c.exchange_device_code().add_scopes(scopes(p)).request(&http).map_err(token_error)?;
    for u in [
        Some(details.verification_uri().as_str()),
        details.verification_uri_complete().map(|c| c.secret().as_str()),
    ]
    .into_iter()
    .flatten()
    {
        super::http::check_url(u).map_err(|_| OAuthError::Malformed(format!("verification address {u}")))?;
    }
    on(Step::Device {
        uri: crate::core::sanitize::line(details.verification_uri().as_str()),
        code: crate::core::sanitize::line(details.user_code().secret()),
        complete: details.verification_uri_complete().map(|c| crate::core::sanitize::line(c.secret())),
        minutes: details.expires_in().as_secs().div_ceil(60),
    });
    let last = Cell::new(details.interval());
    let on = RefCell::new(on);
    let sleep = |d: Duration| {
        if d > last.get() {
            (on.borrow_mut())(Step::SlowDown(d.as_secs()));
        } else {
            (on.borrow_mut())(Step::Pending);
        }
        last.set(d);
        std::thread::sleep(d);
    };
    let answer = c.exchange_device_access_token(&details).request(&http, sleep, None).map_err(token_error)?;
    keep(p, store, &found, &answer)
}

/// Signs in through a browser: authorization code with PKCE, the answer
/// caught on a loopback port of this machine.
pub fn browser(p: &Provider, store: &TokenStore, on: &mut dyn FnMut(Step)) -> Result<Saved, OAuthError> {
    let http = Http::new();
    let found = discover(&http, &p.issuer)?;
    let auth = found
        .authorization_endpoint
        .clone()
        .ok_or_else(|| OAuthError::Config("no_browser".into(), p.issuer.clone()))?;
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| OAuthError::Store(e.to_string()))?;
    let port = listener.local_addr().map_err(|e| OAuthError::Store(e.to_string()))?.port();
    // Microsoft's app registration names http://localhost (any port)
    let redirect = match p.preset {
        Some(Preset::Microsoft) => format!("http://localhost:{port}"),
        _ => format!("http://127.0.0.1:{port}/callback"),
    };
    let c = client(p, &found.token_endpoint)?
        .set_auth_uri(url_of(AuthUrl::new, &auth)?)
        .set_redirect_uri(url_of(RedirectUrl::new, &redirect)?);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut req = c.authorize_url(CsrfToken::new_random).add_scopes(scopes(p)).set_pkce_challenge(challenge);
    if let Some(hint) = &p.login_hint {
        req = req.add_extra_param("login_hint", hint);
    }
    let (url, state) = req.url();
    // the address is built from what the provider's discovery said: sanitized before it is shown
    on(Step::Browser { url: crate::core::sanitize::line(url.as_str()) });
    open_browser(url.as_str());
    let code = catch_code(&listener, state.secret())?;
    let answer = c
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(verifier)
        .request(&http)
        .map_err(token_error)?;
    keep(p, store, &found, &answer)
}

/// Starts the person's browser ($BROWSER, else the desktop's opener);
/// the address is printed as well, for when none starts.
fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let opener = std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty());
    let candidates: Vec<String> = match opener {
        Some(b) => vec![b],
        None if cfg!(target_os = "macos") => vec!["open".into()],
        None => vec!["xdg-open".into()],
    };
    for prog in candidates {
        let started = Command::new(&prog)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if started.is_ok() {
            return;
        }
    }
}

/// Waits for the browser to come back with `?code=…&state=…`.
fn catch_code(listener: &TcpListener, state: &str) -> Result<String, OAuthError> {
    let deadline = Instant::now() + BROWSER_WAIT;
    listener.set_nonblocking(true).map_err(|e| OAuthError::Store(e.to_string()))?;
    loop {
        let (mut conn, _) = match listener.accept() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() > deadline {
                    return Err(OAuthError::CodeExpired);
                }
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
            Err(e) => return Err(OAuthError::Store(e.to_string())),
        };
        let _ = conn.set_nonblocking(false);
        let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
        let mut line = String::new();
        let _ = BufReader::new(&conn).take_line(&mut line);
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let Ok(u) = url::Url::parse(&format!("http://127.0.0.1{target}")) else { continue };
        let q: std::collections::HashMap<String, String> = u.query_pairs().into_owned().collect();
        if !q.contains_key("code") && !q.contains_key("error") {
            // the browser's own asks (a favicon): not the answer
            let _ =
                conn.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            continue;
        }
        let page = |body: &str| {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        };
        if q.get("state").map(String::as_str) != Some(state) {
            let _ = conn.write_all(page("<p>postrum: fel tillstånd (state) – försök igen.</p>").as_bytes());
            return Err(OAuthError::Refused("state".into()));
        }
        if let Some(err) = q.get("error") {
            let _ = conn.write_all(page("<p>postrum: inloggningen avbröts.</p>").as_bytes());
            let desc = q.get("error_description").map(|d| format!(": {d}")).unwrap_or_default();
            let said = crate::core::sanitize::line(&format!("{err}{desc}"));
            return Err(if err == "access_denied" {
                OAuthError::Denied(said)
            } else {
                OAuthError::Refused(said)
            });
        }
        let _ = conn.write_all(
            page("<p>postrum: du är inloggad. Du kan stänga fönstret och gå tillbaka till terminalen.</p>")
                .as_bytes(),
        );
        return Ok(q.get("code").cloned().unwrap_or_default());
    }
}

trait TakeLine {
    fn take_line(&mut self, s: &mut String) -> std::io::Result<usize>;
}

impl<R: BufRead> TakeLine for R {
    /// The request line, at most 8 KiB of it.
    fn take_line(&mut self, s: &mut String) -> std::io::Result<usize> {
        use std::io::Read;
        self.by_ref().take(8192).read_line(s)
    }
}

/// Revokes the sign-in where the provider can, and forgets it here.
/// Whether there was one; a revocation the provider refused is said in
/// the second value (the sign-in is forgotten all the same).
pub fn logout(p: &Provider, store: &TokenStore) -> Result<(bool, Option<OAuthError>), OAuthError> {
    let _lock = store.lock()?;
    let Some(saved) = store.load()? else {
        store.forget()?;
        return Ok((false, None));
    };
    let mut problem = None;
    if let (Some(rt), Some(rev)) = (&saved.refresh_token, &saved.revocation_endpoint) {
        let result = client(p, &saved.token_endpoint).and_then(|c| {
            let c = c.set_revocation_url(url_of(RevocationUrl::new, rev)?);
            c.revoke_token(StandardRevocableToken::RefreshToken(oauth2::RefreshToken::new(rt.clone())))
                .map_err(|e| OAuthError::Refused(e.to_string()))?
                .request(&Http::new())
                .map_err(token_error)
        });
        problem = result.err();
    }
    store.forget()?;
    Ok((true, problem))
}
