//! Automatic mail (RFC 3834 Auto-Submitted, X-Autoreply and friends,
//! bounces and delivery reports, common auto-reply subjects) and bulk mail
//! (List-Id, List-Unsubscribe, Precedence, Feedback-ID).

use mail_parser::{Message, MimeHeaders};

use super::auth::raw_values;
use super::{warn, Warning, WarningKind};

const AUTO_SUBJECTS: &[&str] = &[
    "automatiskt svar",
    "autosvar",
    "frånvaromeddelande",
    "automatic reply",
    "auto reply",
    "autoreply",
    "out of office",
    "undelivered mail",
    "delivery status notification",
    "returned mail",
];

fn first(msg: &Message, name: &str) -> Option<String> {
    raw_values(msg, name).into_iter().next().map(|v| v.to_lowercase())
}

pub fn auto_reply(msg: &Message) -> Option<Warning> {
    let reason = if let Some(v) = first(msg, "Auto-Submitted").filter(|v| !v.starts_with("no")) {
        format!("Auto-Submitted: {v}")
    } else if first(msg, "X-Autoreply").is_some() || first(msg, "X-Autorespond").is_some() {
        "X-Autoreply".to_string()
    } else if first(msg, "Precedence").is_some_and(|v| v.contains("auto_reply")) {
        "Precedence: auto_reply".to_string()
    } else if first(msg, "Return-Path").is_some_and(|v| v.replace(' ', "") == "<>") {
        "Return-Path: <>".to_string()
    } else if msg.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct.attribute("report-type").is_some_and(|r| r.eq_ignore_ascii_case("delivery-status"))
    }) {
        "multipart/report; delivery-status".to_string()
    } else {
        let subject = msg.subject().unwrap_or_default().to_lowercase();
        let hit = AUTO_SUBJECTS.iter().find(|p| subject.trim_start().starts_with(*p))?;
        format!("subject: {hit}")
    };
    Some(warn(WarningKind::AutoReply, reason))
}

pub fn bulk(msg: &Message) -> Option<Warning> {
    let reason = if let Some(v) = first(msg, "List-Id") {
        format!("List-Id: {v}")
    } else if first(msg, "List-Unsubscribe").is_some() {
        "List-Unsubscribe".to_string()
    } else if let Some(v) =
        first(msg, "Precedence").filter(|v| ["bulk", "list", "junk"].iter().any(|p| v.contains(p)))
    {
        format!("Precedence: {v}")
    } else if first(msg, "Feedback-ID").is_some() {
        "Feedback-ID".to_string()
    } else {
        return None;
    };
    Some(warn(WarningKind::Bulk, reason))
}
