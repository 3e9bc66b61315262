//! The journal on the server: one small message per triage action, in a
//! mailbox of its own, so that colleagues' postrum learn who did what (the
//! keywords only say that something was done). It names the message by
//! what the server vouches for — its key (UIDVALIDITY.UID) and a digest of
//! size and arrival time — with the Message-ID as a cross-check, and holds
//! the action (handläggare, diarienummer, reason), who acted, when, and
//! which postrum wrote it — never the subject, sender or content.

use mail_parser::MessageParser;

use super::sanitize;
use super::triage::Action;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalEntry {
    /// The Message-ID of the message acted on (without angle brackets):
    /// a cross-check only, since the sender chose it.
    pub message_id: String,
    /// The message's key on the server ("UIDVALIDITY.UID"): what names it.
    /// None in entries of an older postrum, which named by Message-ID.
    pub key: Option<String>,
    /// Its size and arrival time ("SIZE.RECEIVED"), which the server
    /// vouches for: finds it again after a UIDVALIDITY change.
    pub digest: Option<String>,
    pub action: Action,
    pub actor: String,
    pub at: i64,
    /// Which postrum wrote it (its own entries are not applied twice).
    pub origin: String,
    /// The entry's own name ("ORIGIN.SEQ": the writer's log entry), so an
    /// entry written twice (a replay after a crash, a retried APPEND that
    /// had gone) is recorded once. None in claims and older entries.
    pub entry: Option<String>,
    /// A claim attempt (the first assignment): used to decide between two
    /// registrators claiming at once (the earlier entry wins), never
    /// applied as an action.
    pub claim: bool,
}

/// A message's digest as the journal carries it: its size and arrival
/// time (INTERNALDATE), which the server sets and keeps across a
/// UIDVALIDITY change. Two messages alike in Message-ID and digest (sent
/// twice in one second) are ambiguous, and nothing is applied to either.
pub fn digest(size: u64, received: i64) -> String {
    format!("{size}.{received}")
}

/// One line, no controls: `sanitize::line` folds every line break.
fn header_safe(s: &str) -> String {
    sanitize::line(s)
}

/// The entry as a message to APPEND.
pub fn render(e: &JournalEntry) -> Vec<u8> {
    let action = serde_json::to_string(&e.action).unwrap_or_default();
    let mut identity = String::new();
    if let Some(key) = &e.key {
        identity.push_str(&format!("X-Postrum-Key: {}\r\n", header_safe(key)));
    }
    if let Some(digest) = &e.digest {
        identity.push_str(&format!("X-Postrum-Digest: {}\r\n", header_safe(digest)));
    }
    if let Some(entry) = &e.entry {
        identity.push_str(&format!("X-Postrum-Entry: {}\r\n", header_safe(entry)));
    }
    let date = jiff::Timestamp::from_second(e.at)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(super::clock::zone())
        .strftime("%a, %d %b %Y %H:%M:%S %z")
        .to_string();
    format!(
        "From: postrum <postrum@invalid>\r\nSubject: postrum: {kind}\r\nDate: {date}\r\n\
X-Postrum-Journal: 1\r\nX-Postrum-Message-Id: {mid}\r\n{identity}X-Postrum-Action: {action}\r\n\
X-Postrum-Actor: {actor}\r\nX-Postrum-At: {at}\r\nX-Postrum-Origin: {origin}\r\nX-Postrum-Claim: {claim}\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\n{kind}\r\n",
        kind = e.action.kind(),
        mid = header_safe(&e.message_id),
        action = header_safe(&action),
        actor = header_safe(&e.actor),
        at = e.at,
        origin = header_safe(&e.origin),
        claim = u8::from(e.claim),
    )
    .into_bytes()
}

/// A colleague's action is untrusted text like any mail: every string in
/// it passes the sanitizer.
fn clean(action: Action) -> Action {
    let c = |s: String| sanitize::line(&s);
    match action {
        Action::Assign { who } => Action::Assign { who: c(who) },
        Action::Register { diarienummer } => Action::Register { diarienummer: c(diarienummer) },
        Action::NoRegistration { reason } => Action::NoRegistration { reason: c(reason) },
        Action::Delete { force_reason } => Action::Delete { force_reason: force_reason.map(c) },
        Action::SetAnswer { state } => Action::SetAnswer { state: c(state) },
        Action::ManagerTold { who } => Action::ManagerTold { who: c(who) },
        Action::PoliceReport { date, reference } => {
            Action::PoliceReport { date: c(date), reference: c(reference) }
        }
        Action::Acknowledge | Action::MarkThreat | Action::Exported => action,
    }
}

/// A journal message's header fields, each raw value trimmed, for reading
/// an entry (or a coverage record) back; None when it is no message.
pub(super) fn header_reader(raw: &[u8]) -> Option<impl Fn(&str) -> Option<String> + '_> {
    let msg = MessageParser::default().parse_headers(raw)?;
    let fields: Vec<(String, std::ops::Range<usize>)> = msg
        .headers()
        .iter()
        .map(|h| (h.name.as_str().to_string(), h.offset_start as usize..h.offset_end as usize))
        .collect();
    Some(move |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, r)| raw.get(r.clone()))
            .map(|b| String::from_utf8_lossy(b).trim().to_string())
    })
}

/// Reads an entry back; None for anything that is not one.
pub fn parse(raw: &[u8]) -> Option<JournalEntry> {
    let get = header_reader(raw)?;
    get("X-Postrum-Journal")?;
    Some(JournalEntry {
        message_id: sanitize::line(&get("X-Postrum-Message-Id")?),
        key: get("X-Postrum-Key").map(|k| sanitize::line(&k)),
        digest: get("X-Postrum-Digest").map(|d| sanitize::line(&d)),
        entry: get("X-Postrum-Entry").map(|d| sanitize::line(&d)),
        action: clean(serde_json::from_str(&get("X-Postrum-Action")?).ok()?),
        actor: sanitize::line(&get("X-Postrum-Actor")?),
        at: get("X-Postrum-At")?.parse().ok()?,
        origin: sanitize::line(&get("X-Postrum-Origin")?),
        claim: get("X-Postrum-Claim").is_some_and(|v| v == "1"),
    })
}

/// The action's name of an entry this version cannot read because a newer
/// postrum wrote a kind it does not know (an entry otherwise whole): so it
/// is logged as that, not as unreadable.
pub fn newer_kind(raw: &[u8]) -> Option<String> {
    let get = header_reader(raw)?;
    get("X-Postrum-Journal")?;
    get("X-Postrum-Message-Id")?;
    let action: serde_json::Value = serde_json::from_str(&get("X-Postrum-Action")?).ok()?;
    let kind = action.get("action")?.as_str()?;
    // serde names a tag it does not know in its fixed form; a known kind
    // with broken fields is an unreadable entry
    let unknown = match serde_json::from_value::<Action>(action.clone()) {
        Ok(_) => false,
        Err(e) => e.to_string().starts_with("unknown variant"),
    };
    (unknown && !kind.is_empty()).then(|| sanitize::line(kind).chars().take(40).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_hostile_values_stay_on_one_line() {
        let e = JournalEntry {
            message_id: "a@b".into(),
            key: Some("17.4".into()),
            digest: Some("1200.1795767000".into()),
            action: Action::Register { diarienummer: "KS 2026/1".into() },
            actor: "anna\r\nBcc: x@evil".into(),
            at: 1_795_767_600,
            origin: "o1".into(),
            entry: Some("o1.7".into()),
            claim: true,
        };
        let back = parse(&render(&e)).unwrap();
        assert_eq!(back.action, e.action);
        assert_eq!(back.actor, "anna Bcc: x@evil");
        assert_eq!((back.message_id.as_str(), back.at, back.origin.as_str()), ("a@b", e.at, "o1"));
        assert!(back.claim);
        assert_eq!((back.key.as_deref(), back.digest.as_deref()), (Some("17.4"), Some("1200.1795767000")));
        assert_eq!(back.entry.as_deref(), Some("o1.7"));
        assert!(parse(b"From: a@b\r\nSubject: hej\r\n\r\nx").is_none());
        // a hostile colleague (or a forged entry) cannot smuggle escapes in
        let raw = b"X-Postrum-Journal: 1\r\nX-Postrum-Message-Id: a@b\r\nX-Postrum-Action: {\"action\":\"assign\",\"who\":\"eva\\u001b]0;x\\u0007\"}\r\nX-Postrum-Actor: x\r\nX-Postrum-At: 1\r\nX-Postrum-Origin: o\r\n\r\n";
        assert_eq!(parse(raw).unwrap().action, Action::Assign { who: "eva".into() });
        // …nor in a threat's records
        let raw = b"X-Postrum-Journal: 1\r\nX-Postrum-Message-Id: a@b\r\nX-Postrum-Action: {\"action\":\"police_report\",\"date\":\"2026-12-01\",\"reference\":\"K1\\u001b[2J\"}\r\nX-Postrum-Actor: x\r\nX-Postrum-At: 1\r\nX-Postrum-Origin: o\r\n\r\n";
        let expected = Action::PoliceReport { date: "2026-12-01".into(), reference: "K1".into() };
        assert_eq!(parse(raw).unwrap().action, expected);
    }

    #[test]
    fn an_entry_of_a_kind_from_a_newer_postrum_is_named_not_unreadable() {
        let entry = |action: &str| {
            format!(
                "X-Postrum-Journal: 1\r\nX-Postrum-Message-Id: a@b\r\nX-Postrum-Action: {action}\r\n\
                 X-Postrum-Actor: x\r\nX-Postrum-At: 1\r\nX-Postrum-Origin: o\r\n\r\n"
            )
        };
        let raw = entry(r#"{"action":"archive","where":"e-arkiv"}"#);
        assert!(parse(raw.as_bytes()).is_none());
        assert_eq!(newer_kind(raw.as_bytes()).as_deref(), Some("archive"));
        // a known kind that is broken, or no entry at all: unreadable, as before
        assert_eq!(newer_kind(entry(r#"{"action":"assign"}"#).as_bytes()), None);
        assert_eq!(newer_kind(entry("not json").as_bytes()), None);
        assert_eq!(newer_kind(b"From: a@b\r\n\r\nx"), None);
        let hostile = entry(r#"{"action":"x\u001b[2J"}"#);
        assert_eq!(newer_kind(hostile.as_bytes()).as_deref(), Some("x"), "the escape sequence gone");
    }
}
