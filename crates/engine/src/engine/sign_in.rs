//! How the chosen mailbox signs in with OAuth, when it does: the settings
//! from the command line and the account, the sign-in every connection
//! shares, and where `postrum login` keeps it (no connection is made).

use std::path::Path;

use crate::config;
use crate::i18n::Lang;
use crate::mail::imap::creds::SignIn;
use crate::mail::oauth::{OAuthSettings, Preset, TokenSource, TokenStore};

/// `--oauth`, `--oauth-issuer`, `--oauth-client-id`: sign in with OAuth
/// (for a one-off command line).
#[derive(Clone, Debug, Default)]
pub struct OAuthFlags {
    pub oauth: Option<String>,
    pub oauth_issuer: Option<String>,
    pub oauth_client_id: Option<String>,
}

/// How the account signs in with OAuth, when it does: from the command
/// line, else the account.
pub fn oauth_settings(opts: &OAuthFlags, account: Option<&config::Account>) -> Result<OAuthSettings, String> {
    let preset = match opts.oauth.as_deref() {
        Some(p) => Some(Preset::parse(p).ok_or_else(|| format!("--oauth {p}: microsoft or google"))?),
        None if opts.oauth_issuer.is_some() => None,
        None => account.and_then(|a| a.oauth),
    };
    let from_account = opts.oauth.is_none() && opts.oauth_issuer.is_none();
    let acc = |f: fn(&config::Account) -> Option<String>| account.and_then(f);
    Ok(OAuthSettings {
        preset,
        tenant: acc(|a| a.oauth_tenant.clone()),
        issuer: opts.oauth_issuer.clone().or_else(|| {
            if from_account {
                acc(|a| a.oauth_issuer.clone())
            } else {
                None
            }
        }),
        client_id: opts.oauth_client_id.clone().or_else(|| acc(|a| a.oauth_client_id.clone())),
        client_secret: acc(|a| a.oauth_client_secret.clone()),
        scopes: account.and_then(|a| a.oauth_scopes.clone()),
        user: acc(|a| a.oauth_user.clone()),
    })
}

/// The sign-in an account uses, when it signs in with OAuth.
pub(super) fn sign_in(
    opts: &OAuthFlags,
    account: Option<&config::Account>,
    dir: &Path,
    lang: Lang,
) -> anyhow::Result<Option<SignIn>> {
    let settings = oauth_settings(opts, account).map_err(anyhow::Error::msg)?;
    if !settings.is_set() {
        return Ok(None);
    }
    let provider =
        settings.provider().map_err(|e| anyhow::anyhow!(crate::mail::oauth::words::error(&e, lang)))?;
    let source = TokenSource::new(provider, TokenStore::new(dir));
    Ok(Some(SignIn(std::sync::Arc::new(source))))
}
