//! Signing in with OAuth 2.0 the way Microsoft 365 and Google Workspace
//! want it, built in: which provider (a preset or any OpenID issuer, found
//! by discovery), `postrum login` (device flow or a browser with PKCE), the
//! refresh token kept out of the database, and fresh access tokens for
//! XOAUTH2 on every IMAP and SMTP connection. What can go wrong is an
//! `OAuthError`, said in the user's language by `i18n::oauth`.

pub mod flow;
pub mod http;
mod keyring;
pub mod source;
pub mod store;
pub mod words;

pub use source::TokenSource;
pub use store::TokenStore;

use serde::Deserialize;

/// A provider postrum knows by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    Microsoft,
    Google,
}

impl Preset {
    pub fn parse(s: &str) -> Option<Preset> {
        match s.to_ascii_lowercase().as_str() {
            "microsoft" | "m365" | "office365" => Some(Preset::Microsoft),
            "google" | "gmail" => Some(Preset::Google),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Preset::Microsoft => "microsoft",
            Preset::Google => "google",
        }
    }
}

/// How to sign in, as the config (or the command line) says it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OAuthSettings {
    pub preset: Option<Preset>,
    pub tenant: Option<String>,
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// Google's desktop clients come with a "secret" that is not one.
    pub client_secret: Option<String>,
    pub scopes: Option<Vec<String>>,
    /// Who signs in (a person), when the mailbox is another (shared) one.
    pub user: Option<String>,
}

/// The provider, complete: where to ask and what for.
#[derive(Clone, PartialEq, Eq)]
pub struct Provider {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub scopes: Vec<String>,
    pub login_hint: Option<String>,
    pub preset: Option<Preset>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

pub const MICROSOFT_SCOPES: &[&str] = &[
    "https://outlook.office.com/IMAP.AccessAsUser.All",
    "https://outlook.office.com/SMTP.Send",
    "offline_access",
];
pub const GOOGLE_SCOPES: &[&str] = &["https://mail.google.com/"];
/// Scopes for an issuer of one's own, when none are given.
pub const DEFAULT_SCOPES: &[&str] = &["openid", "offline_access"];

impl OAuthSettings {
    /// Whether OAuth is asked for at all.
    pub fn is_set(&self) -> bool {
        self.preset.is_some() || self.issuer.is_some()
    }

    /// The provider these settings name, or what is missing.
    pub fn provider(&self) -> Result<Provider, OAuthError> {
        let issuer = match (&self.issuer, self.preset) {
            (Some(i), _) => i.trim_end_matches('/').to_string(),
            (None, Some(Preset::Microsoft)) => {
                let tenant = self.tenant.as_deref().unwrap_or("organizations");
                format!("https://login.microsoftonline.com/{tenant}/v2.0")
            }
            (None, Some(Preset::Google)) => "https://accounts.google.com".to_string(),
            (None, None) => return Err(OAuthError::Config("no_provider".into(), String::new())),
        };
        http::check_url(&issuer)?;
        let Some(client_id) = self.client_id.clone().filter(|c| !c.trim().is_empty()) else {
            let which = self.preset.map_or("issuer", Preset::name);
            return Err(OAuthError::Config("no_client_id".into(), which.into()));
        };
        let scopes = match (&self.scopes, self.preset) {
            (Some(s), _) if !s.is_empty() => s.clone(),
            (_, Some(Preset::Microsoft)) => MICROSOFT_SCOPES.iter().map(|s| s.to_string()).collect(),
            (_, Some(Preset::Google)) => GOOGLE_SCOPES.iter().map(|s| s.to_string()).collect(),
            _ => DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
        };
        Ok(Provider {
            issuer,
            client_id,
            client_secret: self.client_secret.clone(),
            scopes,
            login_hint: self.user.clone(),
            preset: self.preset,
        })
    }
}

impl Provider {
    /// The scopes postrum needs that `granted` (the provider's space
    /// separated answer) lacks: reading mail, and sending when `sends`.
    pub fn missing_scopes(&self, granted: &str, sends: bool) -> Vec<String> {
        let has =
            |want: &str| granted.split_whitespace().any(|g| g == want || g.rsplit('/').next() == Some(want));
        let needed: Vec<String> = match self.preset {
            Some(Preset::Microsoft) => {
                let mut v = vec!["IMAP.AccessAsUser.All".to_string()];
                if sends {
                    v.push("SMTP.Send".into());
                }
                v
            }
            Some(Preset::Google) => vec!["https://mail.google.com/".to_string()],
            None => self
                .scopes
                .iter()
                .filter(|s| !["openid", "offline_access", "email", "profile"].contains(&s.as_str()))
                .filter(|s| sends || !s.to_ascii_lowercase().contains("smtp"))
                .cloned()
                .collect(),
        };
        needed.into_iter().filter(|n| !has(n)).collect()
    }
}

/// What went wrong signing in or getting a token. Each has its own words
/// (i18n::oauth); none carries a token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    /// The setup is wrong: a text code of i18n::oauth and its fact.
    #[error("OAuth setup: {0} {1}")]
    Config(String, String),
    /// The provider cannot be reached (or did not answer in time).
    #[error("the sign-in server cannot be reached: {0}")]
    Unreachable(String),
    /// The provider answered with something that is not OAuth.
    #[error("the sign-in server's answer cannot be read: {0}")]
    Malformed(String),
    /// No sign-in stored for this mailbox.
    #[error("not signed in; run: postrum login")]
    NotSignedIn,
    /// The stored sign-in no longer works (revoked, expired, forgotten).
    #[error("the sign-in no longer works ({0}); run: postrum login")]
    Expired(String),
    /// The device code ran out before anyone approved it.
    #[error("the code expired before it was approved; run postrum login again")]
    CodeExpired,
    /// The person (or the organisation) said no.
    #[error("the sign-in was declined: {0}")]
    Denied(String),
    /// The provider refused for another reason (its code and words).
    #[error("the sign-in server refused: {0}")]
    Refused(String),
    /// Signed in, but the token does not allow what postrum needs.
    #[error("the token lacks the scope {0}")]
    MissingScope(String),
    /// The sign-in could not be kept (the file or keyring).
    #[error("the sign-in could not be stored: {0}")]
    Store(String),
}

impl OAuthError {
    /// A network trouble that passes: actions wait, as when offline.
    pub fn is_transient(&self) -> bool {
        matches!(self, OAuthError::Unreachable(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_what_they_need() {
        let ms = OAuthSettings {
            preset: Some(Preset::Microsoft),
            tenant: Some("norrvik.se".into()),
            client_id: Some("app".into()),
            ..Default::default()
        };
        let p = ms.provider().unwrap();
        assert_eq!(p.issuer, "https://login.microsoftonline.com/norrvik.se/v2.0");
        assert!(p.scopes.iter().any(|s| s.ends_with("IMAP.AccessAsUser.All")));
        let granted = "https://outlook.office.com/IMAP.AccessAsUser.All offline_access";
        assert_eq!(p.missing_scopes(granted, true), vec!["SMTP.Send".to_string()]);
        assert!(p.missing_scopes(granted, false).is_empty());
        let no_id = OAuthSettings { preset: Some(Preset::Google), ..Default::default() };
        assert!(matches!(no_id.provider(), Err(OAuthError::Config(c, _)) if c == "no_client_id"));
        let own = OAuthSettings {
            issuer: Some("http://127.0.0.1:9/".into()),
            client_id: Some("postrum".into()),
            scopes: Some(vec!["openid".into(), "imap".into(), "smtp".into()]),
            ..Default::default()
        };
        let p = own.provider().unwrap();
        assert_eq!(p.issuer, "http://127.0.0.1:9");
        assert_eq!(p.missing_scopes("openid imap", true), vec!["smtp".to_string()]);
        assert!(p.missing_scopes("openid imap", false).is_empty());
    }
}
