//! Which words of `i18n::oauth` a sign-in step or error is, with its facts
//! filled in.

use super::flow::Step;
use super::OAuthError;
use crate::i18n::oauth::words;
use crate::i18n::{fill, Lang};

/// What a sign-in step tells the person.
pub fn step(s: &Step, lang: Lang) -> String {
    match s {
        Step::Device { uri, code, complete, minutes } => {
            let mut t = fill(words("device", lang), &[uri, code, minutes]);
            if let Some(c) = complete {
                t.push('\n');
                t.push_str(&fill(words("device_complete", lang), &[c]));
            }
            t
        }
        Step::Pending => words("pending", lang).to_string(),
        Step::SlowDown(secs) => fill(words("slow_down", lang), &[secs]),
        Step::Browser { url } => fill(words("browser", lang), &[url]),
    }
}

/// A sign-in error in words.
pub fn error(e: &OAuthError, lang: Lang) -> String {
    let w = |c| words(c, lang);
    match e {
        OAuthError::Config(code, fact) => fill(w(code), &[fact]),
        OAuthError::Unreachable(why) => fill(w("unreachable"), &[why]),
        OAuthError::Malformed(why) => fill(w("malformed"), &[why]),
        OAuthError::NotSignedIn => w("not_signed_in").to_string(),
        OAuthError::Expired(why) => fill(w("expired"), &[why]),
        OAuthError::CodeExpired => w("code_expired").to_string(),
        OAuthError::Denied(why) => fill(w("denied"), &[why]),
        OAuthError::Refused(why) => fill(w("refused"), &[why]),
        OAuthError::MissingScope(s) => fill(w("missing_scope"), &[s]),
        OAuthError::Store(why) => fill(w("store"), &[why]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_names_the_way_back() {
        let e = error(&OAuthError::Expired("invalid_grant".into()), Lang::Sv);
        assert!(e.contains("postrum login") && e.contains("invalid_grant"), "{e}");
        assert!(error(&OAuthError::NotSignedIn, Lang::Sv).contains("postrum login"));
        assert!(error(&OAuthError::CodeExpired, Lang::En).contains("postrum login"));
        assert!(error(&OAuthError::Config("no_client_id".into(), String::new()), Lang::Sv)
            .contains("oauth_client_id"));
    }
}
