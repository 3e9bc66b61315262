//! Mail errors in the user's language: what kind of trouble, in words, and
//! the system's reason with its common phrases said in Swedish too and the
//! `(os error N)` left out.

use crate::i18n::{fill, Texts};
use crate::mail::MailError;

/// The reason a system or a server gave, as the user reads it.
pub fn reason(t: &Texts, why: &str) -> String {
    let mut s = why.to_string();
    // "… (os error 111)": the number says nothing to a registrator
    while let Some(i) = s.find(" (os error ") {
        let end = s[i..].find(')').map_or(s.len(), |e| i + e + 1);
        s.replace_range(i..end, "");
    }
    for (from, to) in t.desk.phrases {
        s = s.replace(from, to);
    }
    crate::core::sanitize::line(&s)
}

/// Why the server could not be reached, as the offline line says it: the
/// reason alone for an unreachable server, the whole sentence for any
/// other trouble of the first contact.
pub fn offline_detail(t: &Texts, e: &MailError) -> String {
    match e {
        MailError::Offline(why) => reason(t, why),
        other => mail_text(t, other),
    }
}

/// A mail error, said in the interface's language.
pub fn mail_text(t: &Texts, e: &MailError) -> String {
    let d = t.desk;
    match e {
        MailError::Io { path, why } => format!("{}: {}", path.display(), reason(t, why)),
        MailError::NotMaildir(p) => fill(d.err_not_maildir, &[&p.display()]),
        MailError::NotFound(id) => fill(d.err_mail_not_found, &[id]),
        MailError::Offline(why) => fill(d.err_offline, &[&reason(t, why)]),
        MailError::Auth(why) => fill(d.err_auth, &[&reason(t, why)]),
        MailError::Config(why) => reason(t, why),
        MailError::Stale(id) => fill(d.err_stale, &[id]),
        MailError::Protocol(why) => fill(d.err_protocol, &[&reason(t, why)]),
        MailError::Refused(why) => fill(d.err_refused, &[&reason(t, why)]),
        MailError::SignIn(e) => crate::mail::oauth::words::error(e, t.lang()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_in_swedish_without_os_error_numbers() {
        let sv = crate::i18n::Lang::Sv.texts();
        let e = MailError::Offline("connect localhost:1143: Connection refused (os error 111)".into());
        assert_eq!(mail_text(sv, &e), "Servern svarar inte: connect localhost:1143: anslutningen nekades");
        let en = crate::i18n::Lang::En.texts();
        assert_eq!(
            mail_text(en, &e),
            "The server does not answer: connect localhost:1143: Connection refused"
        );
    }
}

#[cfg(test)]
mod waiting_tests {
    use crate::engine::{Outcome, WaitWhy};
    use crate::mail::MailError;

    /// What a Swedish screen says when an action waits: Swedish words
    /// around the system's, never postrum's own English.
    #[test]
    fn a_waiting_action_is_said_in_swedish() {
        let sv = crate::i18n::Lang::Sv.texts();
        let action = crate::core::triage::Action::Assign { who: "eva".into() };
        for (why, want) in [
            (
                MailError::Offline("the server did not answer; trying again shortly".into()),
                "Loggat men inte utfört än: Servern svarar inte: servern svarade inte; postrum försöker igen strax",
            ),
            (
                MailError::Offline("connect localhost:1143: Connection refused (os error 111)".into()),
                "Loggat men inte utfört än: Servern svarar inte: connect localhost:1143: anslutningen nekades",
            ),
            (MailError::NotFound("abc".into()), "Loggat men inte utfört än: Meddelandet abc finns inte i brevlådan"),
        ] {
            let outcome = Outcome::Waiting { why: WaitWhy::Mail(why), offline: true };
            assert_eq!(super::super::outcome_text(sv, &action, &outcome), want);
        }
    }
}
