//! Sending mail through the account's submission server, with lettre's
//! SMTP connection on tokio and rustls (ring, as for IMAP): `smtps://`
//! (TLS from the first byte, port 465), `smtp://` (port 587, STARTTLS
//! required: a server that does not offer it is refused) and
//! `smtp+insecure://` (loopback or `allow_insecure` only). Every step has
//! a timeout. The steps are taken one by one so that a failure says
//! whether the server may have taken the message: only a connection lost
//! while the message itself was on its way leaves that open.

mod url;

use std::path::PathBuf;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, CertificateStore, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, MailBodyParameter, MailParameter};

use super::imap::creds::{CredentialSource, Secret};
use super::imap::url::Security;
pub use url::SmtpUrl;

/// How to reach and trust the submission server, and whose login to use.
#[derive(Clone, Debug)]
pub struct SmtpAccount {
    pub url: SmtpUrl,
    pub ca_file: Option<PathBuf>,
    pub allow_insecure: bool,
    /// The SMTP server's own credentials; else `fallback` (the account's).
    pub credentials: Option<CredentialSource>,
}

/// Why a message was not (or may not have been) sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Not sent: the server cannot be reached or said "try later" (4xx).
    #[error("not sent yet: {0}")]
    Later(String),
    /// Not sent: the server refused the message or a recipient (5xx).
    #[error("the server refused it: {0}")]
    Refused(String),
    /// Not sent: the login was refused.
    #[error("the SMTP login was refused: {0}")]
    Auth(String),
    /// Not sent: the setup is wrong (certificate, plaintext, URL).
    #[error("{0}")]
    Config(String),
    /// The connection was lost while the message was on its way: the
    /// server may have taken it.
    #[error("the connection was lost while sending; it may have gone: {0}")]
    Uncertain(String),
}

/// How long each step may take.
const STEP: Duration = Duration::from_secs(60);

/// Sends messages for one account; the secret is asked for once.
pub struct Submitter {
    account: SmtpAccount,
    secret: Option<Secret>,
    rt: tokio::runtime::Runtime,
}

impl Submitter {
    /// `secret`: the account's secret already known (from the IMAP login),
    /// used unless the SMTP server has credentials of its own.
    pub fn new(account: SmtpAccount, secret: Option<Secret>) -> std::io::Result<Submitter> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let secret = if account.credentials.is_some() { None } else { secret };
        Ok(Submitter { account, secret, rt })
    }

    pub fn describe(&self) -> String {
        self.account.url.to_string()
    }

    fn secret(&mut self) -> Result<Secret, SendError> {
        if self.secret.is_none() {
            let source = self.account.credentials.clone().unwrap_or_default();
            let url = &self.account.url;
            let s = source.resolve(&url.user, &url.host).map_err(|e| SendError::Auth(e.to_string()))?;
            self.secret = Some(s);
        }
        Ok(self.secret.clone().unwrap_or_default())
    }

    /// Sends `raw` from `from` to `to` (envelope addresses).
    pub fn send(&mut self, from: &str, to: &[String], raw: &[u8]) -> Result<(), SendError> {
        let url = &self.account.url;
        if url.security == Security::Plain && !url.is_loopback() && !self.account.allow_insecure {
            return Err(SendError::Config(format!(
                "{url}: no TLS to a server that is not on this machine; use smtps:// or smtp://, or allow_insecure"
            )));
        }
        let secret = if url.user.is_empty() { Secret::None } else { self.secret()? };
        let env = envelope(from, to)?;
        let account = self.account.clone();
        let result = self.rt.block_on(submit(&account, fresh(&secret)?, &env, raw));
        // a refused token is fetched anew once (nothing went before AUTH)
        match result {
            Err(SendError::Auth(_)) if secret.refused() => {
                self.rt.block_on(submit(&account, fresh(&secret)?, &env, raw))
            }
            other => other,
        }
    }
}

impl Submitter {
    /// Connects and logs in, and sends nothing (`doctor`).
    pub fn check(&mut self) -> Result<(), SendError> {
        let url = &self.account.url;
        if url.security == Security::Plain && !url.is_loopback() && !self.account.allow_insecure {
            return Err(SendError::Config(format!("{url}: no TLS to a server that is not on this machine")));
        }
        let secret = if url.user.is_empty() { Secret::None } else { self.secret()? };
        let account = self.account.clone();
        let secret = fresh(&secret)?;
        self.rt.block_on(async {
            let mut conn = logged_in(&account, secret).await?;
            let _ = tokio::time::timeout(Duration::from_secs(5), conn.quit()).await;
            Ok(())
        })
    }
}

/// The secret as a login uses it now (a signed-in account's token).
fn fresh(secret: &Secret) -> Result<Secret, SendError> {
    secret.current().map_err(|e| {
        if e.is_transient() {
            SendError::Later(e.to_string())
        } else {
            SendError::Auth(e.to_string())
        }
    })
}

fn envelope(from: &str, to: &[String]) -> Result<Envelope, SendError> {
    let parse = |a: &str| {
        let bad = || SendError::Refused(format!("not an address: {}", crate::core::sanitize::line(a)));
        let address = a.parse::<lettre::Address>().map_err(|_| bad())?;
        // an international domain goes as its ASCII form (IDNA)
        crate::core::outgoing::ascii_domain(address).ok_or_else(bad)
    };
    let to: Vec<lettre::Address> = to.iter().map(|a| parse(a)).collect::<Result<_, _>>()?;
    Envelope::new(Some(parse(from)?), to).map_err(|e| SendError::Refused(e.to_string()))
}

fn tls_parameters(account: &SmtpAccount) -> Result<TlsParameters, SendError> {
    let mut b = TlsParameters::builder(account.url.host.clone()).certificate_store(CertificateStore::None);
    for cert in rustls_native_certs::load_native_certs().certs {
        b = b.add_root_certificate(
            Certificate::from_der(cert.to_vec()).map_err(|e| SendError::Config(e.to_string()))?,
        );
    }
    if let Some(path) = &account.ca_file {
        let pem = std::fs::read(path).map_err(|e| SendError::Config(format!("{}: {e}", path.display())))?;
        let cert =
            Certificate::from_pem(&pem).map_err(|e| SendError::Config(format!("{}: {e}", path.display())))?;
        b = b.add_root_certificate(cert);
    }
    b.build_rustls().map_err(|e| SendError::Config(e.to_string()))
}

/// The server's own words of a refusal ("550 5.1.1 <…>: Recipient address
/// rejected"), or the system's of a lost connection, without lettre's
/// English around them ("permanent error (550): …", "network error: …").
fn server_words(e: &lettre::transport::smtp::Error) -> String {
    let text = crate::core::sanitize::line(&e.to_string());
    for kind in ["permanent error (", "transient error ("] {
        if let Some((code, rest)) = text.strip_prefix(kind).and_then(|r| r.split_once("): ")) {
            return format!("{code} {rest}");
        }
    }
    for kind in ["network error: ", "connection error: ", "response error: ", "client error: "] {
        if let Some(rest) = text.strip_prefix(kind) {
            return rest.to_string();
        }
    }
    text
}

/// What a failed step before the message was on its way means.
fn before_data(what: &str, e: lettre::transport::smtp::Error) -> SendError {
    let text = format!("{what}: {}", server_words(&e));
    let code = e.status().map(|c| c.to_string()).unwrap_or_default();
    if e.is_tls() || text.contains("certificate") || text.contains("InvalidCertificate") {
        SendError::Config(format!("{text}; give the server's CA with ca_file or --ca-file"))
    } else if matches!(code.as_str(), "535" | "534" | "530" | "538") {
        SendError::Auth(text)
    } else if e.is_permanent() {
        SendError::Refused(text)
    } else {
        SendError::Later(text)
    }
}

async fn step<T>(
    what: &str,
    f: impl std::future::Future<Output = Result<T, lettre::transport::smtp::Error>>,
) -> Result<T, SendError> {
    match tokio::time::timeout(STEP, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(before_data(what, e)),
        Err(_) => Err(SendError::Later(format!("{what}: no answer within {} s", STEP.as_secs()))),
    }
}

/// Connected, encrypted as the URL says, and logged in.
async fn logged_in(account: &SmtpAccount, secret: Secret) -> Result<AsyncSmtpConnection, SendError> {
    let url = &account.url;
    let hello = ClientId::Domain("postrum.localhost".into());
    let addr = (url.host.as_str(), url.port);
    let wrapper = if url.security == Security::Tls { Some(tls_parameters(account)?) } else { None };
    let mut conn =
        step("connect", AsyncSmtpConnection::connect_tokio1(addr, Some(STEP), &hello, wrapper, None)).await?;
    if url.security == Security::StartTls {
        if !conn.can_starttls() {
            return Err(SendError::Config(format!(
                "{url}: the server does not offer STARTTLS; nothing was sent"
            )));
        }
        let params = tls_parameters(account)?;
        step("STARTTLS", conn.starttls(params, &hello)).await?;
    }
    let credentials = match secret {
        Secret::Password(p) => {
            Some((Credentials::new(url.user.clone(), p), vec![Mechanism::Plain, Mechanism::Login]))
        }
        Secret::OAuth2Token(t) => Some((Credentials::new(url.user.clone(), t), vec![Mechanism::Xoauth2])),
        Secret::SignedIn(_) | Secret::None => None,
    };
    if let Some((creds, mechanisms)) = credentials {
        step("AUTH", conn.auth(&mechanisms, &creds)).await?;
    }
    Ok(conn)
}

async fn submit(account: &SmtpAccount, secret: Secret, env: &Envelope, raw: &[u8]) -> Result<(), SendError> {
    let mut conn = logged_in(account, secret).await?;
    let mut options = Vec::new();
    if !raw.is_ascii() {
        options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    // a local part outside ASCII needs the server's SMTPUTF8; without it the
    // mail is refused here, clearly, instead of by the server as a syntax error
    let mut addresses = env.from().into_iter().chain(env.to());
    if addresses.any(|a: &lettre::Address| !a.to_string().is_ascii()) {
        if !conn.server_info().supports_feature(lettre::transport::smtp::extension::Extension::SmtpUtfEight) {
            return Err(SendError::Refused(
                "the address is not ASCII and the server does not take SMTPUTF8".to_string(),
            ));
        }
        options.push(MailParameter::SmtpUtfEight);
    }
    step("MAIL FROM", conn.command(Mail::new(env.from().cloned(), options))).await?;
    for to in env.to() {
        step(&format!("RCPT TO {to}"), conn.command(Rcpt::new(to.clone(), vec![]))).await?;
    }
    step("DATA", conn.command(Data)).await?;
    // from here on the server may have the message
    match tokio::time::timeout(STEP, conn.message(raw)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) if e.status().is_some() => return Err(before_data("message", e)),
        Ok(Err(e)) => return Err(SendError::Uncertain(server_words(&e))),
        Err(_) => return Err(SendError::Uncertain(format!("no answer within {} s", STEP.as_secs()))),
    }
    let _ = tokio::time::timeout(Duration::from_secs(5), conn.quit()).await;
    Ok(())
}
