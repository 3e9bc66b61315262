//! Follow-ups: a message that answers one already registered (its
//! In-Reply-To/References), or mail postrum sent about one, or whose
//! subject or text holds a diarienummer of the pattern, is offered that
//! diarienummer and that handläggare. A reference to a message postrum
//! never saw is ignored; a number that does not match the pattern is never
//! offered.

use std::collections::HashMap;

use serde::Serialize;

use super::{Engine, OpError};
use crate::core::diarienummer::DnrPattern;
use crate::store::StoredMessage;

/// Why a suggestion is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// It answers a registered message.
    Reply,
    /// It answers mail postrum sent about a registered message.
    Sent,
    /// The subject or the text holds the diarienummer.
    Text,
}

/// A diarienummer and a handläggare to take with one key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub diarienummer: String,
    pub assignee: Option<String>,
    pub why: Why,
}

/// What the suggestions are made from: registered messages by
/// Message-ID, mail sent by its Message-ID, the handläggare of each number.
#[derive(Default)]
pub struct Known {
    by_mid: HashMap<String, (String, Option<String>)>,
    by_sent: HashMap<String, (String, Option<String>)>,
    by_dnr: HashMap<String, Option<String>>,
}

/// The list's suggestions, made apart from the engine (on the thread that
/// writes a long list): what they are made from, read once, and the pattern.
pub struct Suggester {
    known: Known,
    pattern: DnrPattern,
}

impl Suggester {
    /// The suggestion for a message (with its text, when read), if any.
    pub fn suggest(&self, msg: &StoredMessage, text: Option<&str>) -> Option<Suggestion> {
        if !open_to_suggest(msg) {
            return None;
        }
        for r in &msg.summary.refs {
            if let Some((dnr, who)) = self.known.by_mid.get(r) {
                return Some(Suggestion {
                    diarienummer: dnr.clone(),
                    assignee: who.clone(),
                    why: Why::Reply,
                });
            }
            if let Some((dnr, who)) = self.known.by_sent.get(r) {
                return Some(Suggestion { diarienummer: dnr.clone(), assignee: who.clone(), why: Why::Sent });
            }
        }
        by_number(&self.pattern, msg, text, |d| self.known.by_dnr.get(d).cloned())
    }
}

impl Engine {
    /// What the list's suggestions are made from: the registered messages
    /// and what was sent about them, read once.
    pub fn suggester(&self) -> Result<Suggester, OpError> {
        let (by_mid, by_sent) = self.store.registered_refs()?;
        let mut by_dnr = HashMap::new();
        for (dnr, who) in by_mid.values().chain(by_sent.values()) {
            let e = by_dnr.entry(dnr.clone()).or_insert(None);
            if e.is_none() {
                *e = who.clone();
            }
        }
        Ok(Suggester { known: Known { by_mid, by_sent, by_dnr }, pattern: self.settings.pattern.clone() })
    }

    /// The suggestion from a message's subject or text alone, for a message
    /// being read: the number found is looked up by itself (one query), not
    /// with every registered message (`suggester`).
    pub fn text_suggestion(&self, msg: &StoredMessage, text: &str) -> Option<Suggestion> {
        if !open_to_suggest(msg) {
            return None;
        }
        by_number(&self.settings.pattern, msg, Some(text), |d| self.store.registered_dnr(d).ok().flatten())
    }
}

/// A diarienummer of the pattern in the subject (or the text);
/// `registered` says whether a number was registered before, and with whom.
fn by_number(
    pattern: &DnrPattern,
    msg: &StoredMessage,
    text: Option<&str>,
    registered: impl Fn(&str) -> Option<Option<String>>,
) -> Option<Suggestion> {
    let (found, within) = match pattern.find_in(&msg.summary.subject) {
        Some(d) => (d, msg.summary.subject.as_str()),
        None => {
            let body = text?;
            (pattern.find_in(body)?, body)
        }
    };
    let before = registered(&found);
    // a bare number ("Faktura 2026-4471") is an invoice as often as a
    // diarienummer: offered only when it was registered before, or
    // written as one ("Dnr 2026-4471")
    let series = found.chars().any(char::is_alphabetic);
    if !series && before.is_none() && !within.to_lowercase().contains("dnr") {
        return None;
    }
    let assignee = before.flatten().or_else(|| msg.triage.assignee.clone());
    Some(Suggestion { diarienummer: found, assignee, why: Why::Text })
}

/// Whether a message may still be offered a number: not registered, not
/// marked as needing none, not deleted.
pub fn open_to_suggest(msg: &StoredMessage) -> bool {
    let t = &msg.triage;
    t.diarienummer.is_none() && t.no_registration.is_none() && t.deleted_at.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::triage::TriageState;

    fn engine() -> Engine {
        crate::engine::tests::memory_engine()
    }

    fn msg(subject: &str, refs: &[&str]) -> StoredMessage {
        let mut m = crate::engine::tests::stored("x");
        m.summary.subject = subject.into();
        m.summary.refs = refs.iter().map(|r| r.to_string()).collect();
        m
    }

    #[test]
    fn references_subjects_and_what_is_not_offered() {
        let e = engine();
        let known = Known {
            by_mid: HashMap::from([("a@kommun".into(), ("KS 2026/12".into(), Some("eva".into())))]),
            by_sent: HashMap::from([("postrum.1@kommun".into(), ("BN 2026/3".into(), Some("lisa".into())))]),
            by_dnr: HashMap::from([("KS 2026/12".into(), Some("eva".into())), ("2026-0042".into(), None)]),
        };
        let e = Suggester { known, pattern: e.settings.pattern.clone() };
        let s = e.suggest(&msg("Re: fråga", &["nobody@else", "a@kommun"]), None).unwrap();
        assert_eq!(
            (s.diarienummer.as_str(), s.assignee.as_deref(), s.why),
            ("KS 2026/12", Some("eva"), Why::Reply)
        );
        let s = e.suggest(&msg("Sv: Ditt ärende", &["postrum.1@kommun"]), None).unwrap();
        assert_eq!((s.diarienummer.as_str(), s.why), ("BN 2026/3", Why::Sent));
        // a reference to a message never seen: nothing
        assert_eq!(e.suggest(&msg("Re: hej", &["unknown@x"]), None), None);
        // the subject: with a series, the number's handläggare when known
        let s = e.suggest(&msg("Komplettering KS 2026/12", &[]), None).unwrap();
        assert_eq!((s.assignee.as_deref(), s.why), (Some("eva"), Why::Text));
        let s = e.suggest(&msg("Komplettering BN 2026/412", &[]), None).unwrap();
        assert_eq!((s.diarienummer.as_str(), s.assignee), ("BN 2026/412", None));
        // not the pattern, or a bare number nobody registered: nothing
        assert_eq!(e.suggest(&msg("Ärende 12/2026 och KS-12", &[]), None), None);
        assert_eq!(e.suggest(&msg("Faktura 2026-4471 från Nordbygg", &[]), None), None);
        assert!(e.suggest(&msg("Angående 2026-0042", &[]), None).is_some());
        assert!(e.suggest(&msg("Angående dnr 2026-4471", &[]), None).is_some());
        // in the text, when read
        let s = e.suggest(&msg("Hej", &[]), Some("Vi syftar på KS 2026/12 i ert beslut.")).unwrap();
        assert_eq!(s.diarienummer, "KS 2026/12");
        // registered already: nothing more to offer
        let mut done = msg("Re: fråga", &["a@kommun"]);
        done.triage = TriageState { diarienummer: Some("KS 2026/1".into()), ..Default::default() };
        assert_eq!(e.suggest(&done, None), None);
    }

    #[test]
    fn a_message_being_read_looks_its_number_up_alone() {
        let mut e = engine();
        let state = TriageState {
            diarienummer: Some("2026-0042".into()),
            assignee: Some("eva".into()),
            ..Default::default()
        };
        e.store.set_triage("other", &state).unwrap();
        let s = e.text_suggestion(&msg("Hej", &[]), "Gäller 2026-0042, se bifogat").unwrap();
        assert_eq!((s.diarienummer.as_str(), s.assignee.as_deref()), ("2026-0042", Some("eva")));
        assert_eq!(
            e.text_suggestion(&msg("Hej", &[]), "Faktura 2026-4471"),
            None,
            "a bare number nobody registered"
        );
        let s = e.text_suggestion(&msg("Hej", &[]), "Angående KS 2026/12").unwrap();
        assert_eq!(s.assignee, None);
    }
}
