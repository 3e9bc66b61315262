//! Requests for public documents (begäran om allmän handling), which the
//! law asks be handled skyndsamt — normally the same day. Recognised from
//! how people actually ask, in Swedish and English, in the subject and the
//! text; mail that *sends* documents is not a request.

use mail_parser::Message;

use super::{warn, Warning, WarningKind};

/// Phrasings of a request (lowercase; matched on words run together by
/// single spaces).
const ASKS: &[&str] = &[
    "allmän handling",
    "allmänna handlingar",
    "allmän handlingar",
    "begär att få ta del av",
    "begär att ta del av",
    "vill ta del av",
    "önskar ta del av",
    "skulle vilja ta del av",
    "att få ta del av",
    "begär ut",
    "begära ut",
    "vill begära ut",
    "lämna ut",
    "utlämnande av",
    "offentlighetsprincipen",
    "tryckfrihetsförordningen",
    "begär kopia av",
    "begär en kopia av",
    "önskar en kopia av",
    "vill ha en kopia av",
    "skicka en kopia av",
    "request for public document",
    "request for public records",
    "request for official documents",
    "public access to official documents",
    "freedom of information",
    "access to public documents",
    "request a copy of",
    "requesting a copy of",
];

/// Phrasings of mail that sends documents, or answers a request: not a request.
const SENDS: &[&str] = &[
    "bifogar handling",
    "bifogar de handlingar",
    "bifogat finner",
    "de handlingar ni begärde",
    "de handlingar du begärde",
    "här kommer de begärda",
    "här är de begärda",
    "som svar på din begäran",
    "svar på begäran om allmän handling",
    "please find attached",
    "the documents you requested",
    "in response to your request",
];

fn normalise(s: &str) -> String {
    s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The phrasing that makes `subject` and `text` a request, if any.
pub fn find(subject: &str, text: &str) -> Option<&'static str> {
    let head: String = text.chars().take(4000).collect();
    let all = normalise(&format!("{subject} \n {head}"));
    if SENDS.iter().any(|p| all.contains(p)) {
        return None;
    }
    ASKS.iter().find(|p| all.contains(*p)).copied()
}

pub fn check(msg: &Message) -> Option<Warning> {
    let subject = msg.subject().unwrap_or_default();
    let text = msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    find(subject, &text).map(|p| warn(WarningKind::PublicRequest, format!("“{p}”")))
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn requests_are_recognised_in_how_people_ask() {
        let asks = [
            ("Begäran om allmän handling", ""),
            ("Fråga", "Hej! Jag begär att få ta del av bygglovsbeslutet för Björkvägen 12."),
            ("Protokoll", "Med stöd av offentlighetsprincipen vill jag ha protokollet från nämnden."),
            ("", "Kan ni lämna ut avtalet med städfirman?"),
            ("Utlämnande av handling", "Se rubrik."),
            ("Kopia", "Jag begär en kopia av beslutet i ärende KS 2026/12."),
            ("Request for public documents", ""),
            ("FOI", "This is a freedom of information request for the contract."),
            ("", "I would like to request a copy of the minutes."),
            ("begär ut", "handlingarna i ärendet"),
        ];
        for (s, t) in asks {
            assert!(find(s, t).is_some(), "{s} / {t}");
        }
        let not = [
            ("Bygglov", "Hej! Behöver jag söka bygglov för ett attefallshus?"),
            ("Handlingar", "Bifogar handlingar till min ansökan om bygglov."),
            ("Sv: Begäran om allmän handling", "Hej, här kommer de begärda handlingarna."),
            ("Kommunnytt vecka 48", "Nyheter från kommunen: ny förskola och julmarknad."),
            ("Documents", "Please find attached the documents you requested."),
            ("Faktura", "Betalningspåminnelse för faktura 1234."),
            ("Allmänt", "En allmän fråga om sophämtning."),
        ];
        for (s, t) in not {
            assert!(find(s, t).is_none(), "{s} / {t}");
        }
    }
}
