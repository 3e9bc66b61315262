//! Opening an IMAP session: TCP, then implicit TLS or STARTTLS with rustls
//! (ring provider; the system's roots plus an optional CA file), the
//! greeting read before anything else, and LOGIN or XOAUTH2. Plaintext is
//! refused unless the server is on loopback or `allow_insecure` is set.
//! Every step has a timeout.

use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use async_imap::{Client, Session};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::rustls::{self, pki_types::ServerName};
use tokio_rustls::TlsConnector;

use super::creds::Secret;
use super::url::{ImapUrl, Security};
use crate::mail::MailError;

/// How long any one network step may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// A plain or TLS connection, and what reads a server's `* N EXPUNGED`
/// as the standard answer (switched on where a plain EXPUNGE is sent).
#[derive(Debug)]
pub struct ImapStream {
    io: Io,
    fix: Option<Box<super::expunged::ExpungedFix>>,
}

#[derive(Debug)]
enum Io {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl ImapStream {
    fn plain(tcp: TcpStream) -> Self {
        Self { io: Io::Plain(tcp), fix: None }
    }

    fn tls(s: tokio_rustls::client::TlsStream<TcpStream>) -> Self {
        Self { io: Io::Tls(Box::new(s)), fix: None }
    }

    /// The TCP connection of a plain stream (before STARTTLS).
    fn into_plain(self) -> Option<TcpStream> {
        match self.io {
            Io::Plain(tcp) => Some(tcp),
            Io::Tls(_) => None,
        }
    }

    /// Reads `* N EXPUNGED` as `* N EXPUNGE` from now on.
    pub fn read_expunged(&mut self) {
        self.fix.get_or_insert_with(Default::default);
    }
}

fn io_read(io: &mut Io, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
    match io {
        Io::Plain(s) => Pin::new(s).poll_read(cx, buf),
        Io::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
    }
}

impl AsyncRead for ImapStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let Some(fix) = this.fix.as_mut() else { return io_read(&mut this.io, cx, buf) };
        loop {
            if !fix.out.is_empty() {
                let n = buf.remaining().min(fix.out.len());
                buf.put_slice(&fix.out[..n]);
                fix.out.drain(..n);
                return Poll::Ready(Ok(()));
            }
            let mut tmp = [0u8; 8192];
            let mut read = ReadBuf::new(&mut tmp);
            match io_read(&mut this.io, cx, &mut read) {
                Poll::Ready(Ok(())) if read.filled().is_empty() => {
                    fix.end();
                    if fix.out.is_empty() {
                        return Poll::Ready(Ok(())); // closed
                    }
                }
                Poll::Ready(Ok(())) => fix.feed(read.filled()),
                other => return other,
            }
        }
    }
}

impl AsyncWrite for ImapStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().io {
            Io::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Io::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().io {
            Io::Plain(s) => Pin::new(s).poll_flush(cx),
            Io::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().io {
            Io::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Io::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

pub type ImapSession = Session<ImapStream>;

/// How to reach and trust one server.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    pub url: ImapUrl,
    pub ca_file: Option<PathBuf>,
    pub allow_insecure: bool,
}

fn net(what: &str, e: impl std::fmt::Display) -> MailError {
    MailError::Offline(format!("{what}: {e}"))
}

async fn timed<T, E: std::fmt::Display>(
    what: &str,
    fut: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, MailError> {
    match tokio::time::timeout(TIMEOUT, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(net(what, e)),
        Err(_) => Err(MailError::Offline(format!("{what}: timed out after {} s", TIMEOUT.as_secs()))),
    }
}

pub(crate) fn tls_client_config(ca_file: Option<&PathBuf>) -> Result<Arc<rustls::ClientConfig>, MailError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        use rustls_pki_types::pem::PemObject;
        let certs = rustls_pki_types::CertificateDer::pem_file_iter(path)
            .map_err(|e| MailError::Config(format!("{}: {e}", path.display())))?;
        for cert in certs {
            let cert = cert.map_err(|e| MailError::Config(format!("{}: {e}", path.display())))?;
            roots.add(cert).map_err(|e| MailError::Config(format!("{}: {e}", path.display())))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| MailError::Config(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

async fn tls(opts: &ConnectOptions, tcp: TcpStream) -> Result<ImapStream, MailError> {
    let connector = TlsConnector::from(tls_client_config(opts.ca_file.as_ref())?);
    let name = ServerName::try_from(opts.url.host.clone())
        .map_err(|_| MailError::Config(format!("{}: not a host name", opts.url.host)))?;
    match tokio::time::timeout(TIMEOUT, connector.connect(name, tcp)).await {
        Ok(Ok(stream)) => Ok(ImapStream::tls(stream)),
        // a certificate that is not trusted will not become trusted by
        // trying again: that is a setup error, not "offline"
        Ok(Err(e)) if e.to_string().contains("certificate") => Err(MailError::Config(format!(
            "{}: the server's certificate is not trusted ({e}); give its CA with --ca-file or ca_file",
            opts.url.host
        ))),
        Ok(Err(e)) => Err(net("TLS", e)),
        Err(_) => Err(MailError::Offline("TLS: timed out".into())),
    }
}

/// Reads the server's greeting; its text (Exchange names itself there).
async fn greeting(client: &mut Client<ImapStream>) -> Result<String, MailError> {
    match tokio::time::timeout(TIMEOUT, client.read_response()).await {
        Ok(Ok(Some(r))) => Ok(match r.parsed() {
            async_imap::imap_proto::Response::Data { outcome, .. } => {
                crate::core::sanitize::line(outcome.information.as_deref().unwrap_or(""))
            }
            _ => String::new(),
        }),
        Ok(Ok(None)) => Err(MailError::Offline("the server closed the connection".into())),
        // async-imap reports an answer it cannot parse as an io error of
        // its own making (no OS error behind it)
        Ok(Err(e))
            if matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::Other)
                && e.raw_os_error().is_none() =>
        {
            Err(MailError::Protocol("greeting: not an IMAP server (or not this kind of connection)".into()))
        }
        Ok(Err(e)) => Err(net("greeting", e)),
        Err(_) => Err(MailError::Offline("greeting: timed out".into())),
    }
}

struct XOAuth2(String);

impl async_imap::Authenticator for XOAuth2 {
    type Response = String;
    fn process(&mut self, _challenge: &[u8]) -> Self::Response {
        self.0.clone()
    }
}

/// Connects, secures and logs in.
pub async fn connect(opts: &ConnectOptions, secret: &Secret) -> Result<ImapSession, MailError> {
    connect_greeted(opts, secret).await.map(|(s, _)| s)
}

/// Whether a greeting is Microsoft Exchange's ("The Microsoft Exchange
/// IMAP4 service is ready."): it files what is sent in Sent Items itself.
pub fn is_exchange(greeting: &str) -> bool {
    greeting.contains("Microsoft Exchange")
}

/// `connect`, with the server's greeting.
pub async fn connect_greeted(
    opts: &ConnectOptions,
    secret: &Secret,
) -> Result<(ImapSession, String), MailError> {
    if opts.url.security == Security::Plain && !opts.url.is_loopback() && !opts.allow_insecure {
        return Err(MailError::Config(format!(
            "{}: imap+insecure:// would send the password unencrypted; only to this machine \
             (e.g. an SSH tunnel) or with allow_insecure = true",
            opts.url.host
        )));
    }
    let addr = (opts.url.host.as_str(), opts.url.port);
    let tcp = timed("connect", TcpStream::connect(addr)).await?;
    let _ = tcp.set_nodelay(true);
    let greeted;
    let mut client = match opts.url.security {
        Security::Plain => {
            let mut c = Client::new(ImapStream::plain(tcp));
            greeted = greeting(&mut c).await?;
            c
        }
        Security::Tls => {
            let mut c = Client::new(tls(opts, tcp).await?);
            greeted = greeting(&mut c).await?;
            c
        }
        Security::StartTls => {
            let mut plain = Client::new(ImapStream::plain(tcp));
            greeted = greeting(&mut plain).await?;
            // imap:// promises TLS: a server that answers STARTTLS with NO or
            // BAD is refused, on this machine too (imap+insecure:// says
            // plaintext); a connection lost on the way is only offline
            let starttls =
                tokio::time::timeout(TIMEOUT, plain.run_command_and_check_ok("STARTTLS", None)).await;
            match starttls {
                Ok(Ok(())) => {
                    let Some(tcp) = plain.into_inner().into_plain() else {
                        unreachable!("plain before STARTTLS")
                    };
                    Client::new(tls(opts, tcp).await?)
                }
                Ok(Err(async_imap::error::Error::No(_) | async_imap::error::Error::Bad(_))) => {
                    return Err(MailError::Config(format!(
                        "{} does not start TLS (STARTTLS); use imaps://, or imap+insecure:// for a \
                         server on this machine",
                        opts.url.host
                    )))
                }
                Ok(Err(e)) => return Err(net("STARTTLS", e)),
                Err(_) => return Err(MailError::Offline("STARTTLS: timed out".into())),
            }
        }
    };
    let user = opts.url.user.clone();
    // a signed-in account: a token that a server refuses is fetched anew
    // once (it may have been revoked early, or the clocks disagree)
    let mut tries = if matches!(secret, Secret::SignedIn(_)) { 2 } else { 1 };
    loop {
        tries -= 1;
        let login = match current(secret).await? {
            Secret::Password(p) => tokio::time::timeout(TIMEOUT, client.login(&user, p)).await,
            Secret::OAuth2Token(token) => {
                let auth = XOAuth2(format!("user={user}\x01auth=Bearer {token}\x01\x01"));
                tokio::time::timeout(TIMEOUT, client.authenticate("XOAUTH2", auth)).await
            }
            Secret::SignedIn(_) | Secret::None => return Err(MailError::Auth("no password".into())),
        };
        match login {
            Ok(Ok(session)) => return Ok((session, greeted)),
            Ok(Err((_, back))) if tries > 0 && secret.refused() => client = back,
            // the server's own words, but never the password
            Ok(Err((e, _))) => return Err(MailError::Auth(crate::core::sanitize::line(&e.to_string()))),
            Err(_) => return Err(MailError::Offline("login: timed out".into())),
        }
    }
}

/// The secret as this login uses it: a signed-in account's access token
/// fetched off the connection's thread (it may ask the provider).
pub async fn current(secret: &Secret) -> Result<Secret, MailError> {
    if !matches!(secret, Secret::SignedIn(_)) {
        return Ok(secret.clone());
    }
    let s = secret.clone();
    match tokio::time::timeout(TIMEOUT, tokio::task::spawn_blocking(move || s.current())).await {
        Ok(Ok(Ok(fresh))) => Ok(fresh),
        Ok(Ok(Err(e))) => Err(MailError::from(e)),
        Ok(Err(_)) => Err(MailError::Offline("sign-in: the token request stopped".into())),
        Err(_) => Err(MailError::Offline("sign-in: the provider did not answer in time".into())),
    }
}
