//! `postrum login` and `postrum logout`: signing the chosen mailbox in
//! with OAuth (device code by default, `--browser` for PKCE on this
//! machine) and out again. What to do (the address and the code) is
//! printed on stdout, how it goes on stderr; nothing secret is printed.

use anyhow::{bail, Result};

use super::args::Global;
use crate::i18n::oauth::words;
use crate::i18n::{fill, Lang};
use crate::mail::oauth::words::{error, step};
use crate::mail::oauth::{flow, TokenStore};

fn place(g: &Global) -> Result<(crate::mail::oauth::Provider, TokenStore, Lang)> {
    place_sends(g).map(|(p, s, l, _)| (p, s, l))
}

fn place_sends(g: &Global) -> Result<(crate::mail::oauth::Provider, TokenStore, Lang, bool)> {
    let place = crate::engine::sign_in_place(&g.open_options())?;
    let lang = place.lang;
    if !place.settings.is_set() {
        bail!("{}", words("no_oauth", lang));
    }
    let provider = place.settings.provider().map_err(|e| anyhow::anyhow!(error(&e, lang)))?;
    Ok((provider, TokenStore::new(&place.dir), lang, place.sends))
}

pub fn login(g: &Global, browser: bool) -> Result<()> {
    let (provider, store, lang, sends) = place_sends(g)?;
    let mut said_pending = false;
    let mut on = |s: flow::Step| {
        // "waiting" once, not at every poll
        if s == flow::Step::Pending {
            if said_pending {
                return;
            }
            said_pending = true;
        }
        // what to do goes to stdout (the command's answer), the rest to stderr
        match s {
            flow::Step::Device { .. } | flow::Step::Browser { .. } => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{}", step(&s, lang));
                let _ = out.flush();
            }
            _ => eprintln!("{}", step(&s, lang)),
        }
    };
    let result = if browser {
        flow::browser(&provider, &store, &mut on)
    } else {
        flow::device(&provider, &store, &mut on)
    };
    let saved = result.map_err(|e| anyhow::anyhow!(error(&e, lang)))?;
    eprintln!("{}", fill(words("done", lang), &[&provider.issuer]));
    // signed in, but not for everything postrum does: said now, not at the first send
    if let Some(granted) = &saved.scope {
        let missing = provider.missing_scopes(granted, sends);
        if !missing.is_empty() {
            eprintln!("{}", error(&crate::mail::oauth::OAuthError::MissingScope(missing.join(", ")), lang));
        }
    }
    if saved.refresh_token.is_some() && store.load().ok().flatten().is_some_and(|s| s.in_keyring) {
        eprintln!("{}", words("kept_keyring", lang));
    } else {
        eprintln!("{}", fill(words("kept_file", lang), &[&store.path().display()]));
    }
    Ok(())
}

pub fn logout(g: &Global) -> Result<()> {
    let (provider, store, lang) = place(g)?;
    match flow::logout(&provider, &store).map_err(|e| anyhow::anyhow!(error(&e, lang)))? {
        (false, _) => eprintln!("{}", words("not_logged_in", lang)),
        (true, None) => eprintln!("{}", fill(words("logged_out", lang), &[&provider.issuer])),
        (true, Some(e)) => eprintln!("{}", fill(words("logged_out_local", lang), &[&error(&e, lang)])),
    }
    Ok(())
}
