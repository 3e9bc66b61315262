//! Fresh access tokens for one mailbox's sign-in: kept in memory until
//! shortly before they expire, refreshed with the stored refresh token
//! (under the store's lock, the refresh token read anew: another postrum
//! may have rotated it), and dropped on request when a server refused one.
//! Shared by every connection of a process (IMAP actors, IDLE, SMTP).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use oauth2::basic::BasicClient;
use oauth2::{ClientId, ClientSecret, RefreshToken, TokenResponse, TokenUrl};

use super::http::{token_error, Http};
use super::store::{Saved, TokenStore};
use super::{OAuthError, Provider};

struct Cached {
    token: String,
    until: Instant,
}

pub struct TokenSource {
    pub provider: Provider,
    pub store: TokenStore,
    http: Http,
    cache: Mutex<Option<Cached>>,
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("TokenSource").field("provider", &self.provider).finish_non_exhaustive()
    }
}

/// How long before its end a token is refreshed: a minute, or a fifth of
/// a short life.
fn margin(life: Duration) -> Duration {
    (life / 5).min(Duration::from_secs(60))
}

impl TokenSource {
    pub fn new(provider: Provider, store: TokenStore) -> TokenSource {
        TokenSource { provider, store, http: Http::new(), cache: Mutex::new(None) }
    }

    /// An access token good for a while yet.
    pub fn access_token(&self) -> Result<String, OAuthError> {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = cache.as_ref() {
            if Instant::now() < c.until {
                return Ok(c.token.clone());
            }
        }
        let (token, life) = self.refresh()?;
        *cache = Some(Cached { token: token.clone(), until: Instant::now() + life - margin(life) });
        Ok(token)
    }

    /// A server refused the token: the next one is fetched anew.
    pub fn invalidate(&self) {
        *self.cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// The sign-in as stored (for `doctor`; the token stays inside).
    pub fn saved(&self) -> Result<Option<Saved>, OAuthError> {
        self.store.load()
    }

    /// A new access token from the refresh token; its life.
    fn refresh(&self) -> Result<(String, Duration), OAuthError> {
        let _lock = self.store.lock()?;
        let mut saved = self.store.load()?.ok_or(OAuthError::NotSignedIn)?;
        if saved.issuer != self.provider.issuer || saved.client_id != self.provider.client_id {
            // signed in with another provider or app: that sign-in is not this one's
            return Err(OAuthError::NotSignedIn);
        }
        let refresh = saved.refresh_token.clone().ok_or(OAuthError::NotSignedIn)?;
        let token_url = TokenUrl::new(saved.token_endpoint.clone())
            .map_err(|_| OAuthError::Config("bad_url".into(), saved.token_endpoint.clone()))?;
        let mut client =
            BasicClient::new(ClientId::new(self.provider.client_id.clone())).set_token_uri(token_url);
        if let Some(s) = &self.provider.client_secret {
            client = client.set_client_secret(ClientSecret::new(s.clone()));
        }
        let answer = client
            .exchange_refresh_token(&RefreshToken::new(refresh))
            .request(&self.http)
            .map_err(token_error)?;
        // a provider that rotates refresh tokens gives a new one each time
        if let Some(new) = answer.refresh_token() {
            saved.refresh_token = Some(new.secret().clone());
            if let Some(scopes) = answer.scopes() {
                saved.scope = Some(scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "));
            }
            self.store.save(&saved)?;
        }
        let life = answer.expires_in().unwrap_or(Duration::from_secs(3600)).max(Duration::from_secs(1));
        Ok((answer.access_token().secret().clone(), life))
    }
}
