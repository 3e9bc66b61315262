//! The words of signing in (`postrum login`, `logout`, and a sign-in that
//! stops working), by code ({0}, {1} are its facts); `mail::oauth::words`
//! says which code a step or an error is. A test checks that
//! both languages use the same placeholders.

use crate::i18n::Lang;

/// (code, Swedish, English)
pub const TEXTS: &[(&str, &str, &str)] = &[
    ("device", "Logga in med ditt konto hos organisationen:\n  1. Öppna {0} i en webbläsare (på vilken dator eller telefon som helst).\n  2. Skriv in koden {1}\nKoden gäller i {2} {2|minut|minuter}. postrum väntar här tills du har godkänt.", "Sign in with your organisation's account:\n  1. Open {0} in a browser (on any computer or phone).\n  2. Type the code {1}\nThe code is valid for {2} {2|minute|minutes}. postrum waits here until you have approved."),
    ("device_complete", "Eller öppna direkt: {0}", "Or open directly: {0}"),
    ("pending", "Väntar på att du godkänner inloggningen …", "Waiting for you to approve the sign-in …"),
    ("slow_down", "Inloggningstjänsten bad postrum fråga mer sällan: var {0}:e sekund nu.", "The sign-in service asked postrum to ask less often: every {0} seconds now."),
    ("browser", "Logga in i webbläsaren som öppnas. Öppnas ingen, gå till:\n  {0}", "Sign in in the browser that opens. If none opens, go to:\n  {0}"),
    ("done", "Inloggad hos {0}. postrum hämtar nya åtkomstnycklar själv; inget lösenord behövs.", "Signed in at {0}. postrum fetches new access tokens by itself; no password is needed."),
    ("kept_file", "Inloggningen sparas i {0} (bara du kan läsa filen).", "The sign-in is kept in {0} (only you can read the file)."),
    ("kept_keyring", "Inloggningen sparas i systemets nyckelring.", "The sign-in is kept in the system keyring."),
    ("logged_out", "Utloggad: inloggningen är återkallad hos {0} och glömd här.", "Logged out: the sign-in is revoked at {0} and forgotten here."),
    ("logged_out_local", "Utloggad här. Inloggningstjänsten kunde inte återkalla den ({0}); den upphör när den går ut.", "Logged out here. The sign-in service could not revoke it ({0}); it ends when it expires."),
    ("not_logged_in", "Du var inte inloggad för den här brevlådan.", "You were not signed in for this mailbox."),
    ("no_oauth", "Kontot använder inte OAuth-inloggning. Ange oauth = \"microsoft\" eller \"google\" (eller oauth_issuer) i kontot, eller --oauth/--oauth-issuer.", "The account does not sign in with OAuth. Give oauth = \"microsoft\" or \"google\" (or oauth_issuer) in the account, or --oauth/--oauth-issuer."),
    // errors
    ("no_provider", "Ingen inloggningstjänst angiven: oauth = \"microsoft\" eller \"google\", eller oauth_issuer.", "No sign-in service given: oauth = \"microsoft\" or \"google\", or oauth_issuer."),
    ("no_client_id", "Appens klient-id saknas (oauth_client_id, eller --oauth-client-id). IT-avdelningen får det när appen registreras – se docs/microsoft-365.md eller docs/google.md.", "The app's client id is missing (oauth_client_id, or --oauth-client-id). IT gets it when the app is registered – see docs/microsoft-365.md or docs/google.md."),
    ("insecure_issuer", "Inloggningstjänsten {0} nås utan kryptering (http://). Det går bara på den här datorn (localhost); använd https://.", "The sign-in service {0} is reached without encryption (http://). That is allowed on this machine only (localhost); use https://."),
    ("bad_url", "Ogiltig adress till inloggningstjänsten: {0}", "Not a valid sign-in service address: {0}"),
    ("no_device", "Inloggningstjänsten {0} erbjuder inte inloggning med kod. Logga in med webbläsare: postrum login --browser", "The sign-in service {0} offers no sign-in by code. Sign in with a browser: postrum login --browser"),
    ("no_browser", "Inloggningstjänsten {0} erbjuder inte inloggning med webbläsare. Logga in med kod: postrum login", "The sign-in service {0} offers no browser sign-in. Sign in by code: postrum login"),
    ("no_refresh", "Inloggningstjänsten gav ingen förnyelsenyckel (scope offline_access saknas?): postrum skulle behöva logga in igen inom en timme. Be IT lägga till offline_access.", "The sign-in service gave no refresh token (is the scope offline_access missing?): postrum would need a new sign-in within the hour. Ask IT to add offline_access."),
    ("unreachable", "Inloggningstjänsten går inte att nå: {0}. Åtgärder väntar tills den svarar.", "The sign-in service cannot be reached: {0}. Actions wait until it answers."),
    ("malformed", "Inloggningstjänsten svarade med något som inte går att läsa: {0}", "The sign-in service answered with something that cannot be read: {0}"),
    ("not_signed_in", "Du är inte inloggad för den här brevlådan. Logga in med: postrum login", "You are not signed in for this mailbox. Sign in with: postrum login"),
    ("expired", "Inloggningen har upphört – logga in igen med: postrum login ({0}; den kan ha återkallats eller gått ut)", "The sign-in has ended – sign in again with: postrum login ({0}; it may have been revoked or have expired)"),
    ("code_expired", "Koden gick ut innan inloggningen godkändes. Börja om med: postrum login", "The code expired before the sign-in was approved. Start again with: postrum login"),
    ("denied", "Inloggningen nekades ({0}). Om det inte var du: fråga IT om appen har godkänts för organisationen (admin consent).", "The sign-in was declined ({0}). If it was not you: ask IT whether the app has been approved for the organisation (admin consent)."),
    ("refused", "Inloggningstjänsten sa nej: {0}", "The sign-in service refused: {0}"),
    ("missing_scope", "Inloggningen ger inte behörigheten {0}. Be IT lägga till den i appregistreringen och logga sedan in igen.", "The sign-in does not grant {0}. Ask IT to add it to the app registration, then sign in again."),
    ("server_refused", "Servern tog inte emot inloggningen ({0}). Troliga orsaker hos Microsoft 365: IMAP är avstängt för brevlådan (Set-CASMailbox -ImapEnabled $true), appen saknar administratörsgodkännande för IMAP.AccessAsUser.All, kontot saknar Fullständig åtkomst (FullAccess) till den delade brevlådan, fel organisation (oauth_tenant), eller datorns klocka går fel. Se docs/microsoft-365.md.", "The server did not accept the sign-in ({0}). Likely causes at Microsoft 365: IMAP is turned off for the mailbox (Set-CASMailbox -ImapEnabled $true), the app lacks admin consent for IMAP.AccessAsUser.All, the account lacks FullAccess to the shared mailbox, the wrong organisation (oauth_tenant), or the computer's clock is wrong. See docs/microsoft-365.md."),
    ("store", "Inloggningen kunde inte sparas: {0}", "The sign-in could not be stored: {0}"),
];

/// The words for a code.
pub fn words(code: &str, lang: Lang) -> &'static str {
    TEXTS.iter().find(|(c, _, _)| *c == code).map_or("", |(_, s, e)| if lang == Lang::Sv { s } else { e })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holes(s: &str) -> Vec<String> {
        let mut v: Vec<String> =
            s.split('{').skip(1).filter_map(|p| p.split(['}', '|']).next()).map(str::to_string).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn both_languages_fill_the_same_holes() {
        for (code, sv, en) in TEXTS {
            assert_eq!(holes(sv), holes(en), "{code}");
        }
    }
}
