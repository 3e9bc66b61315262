//! The message as text lines (the TUI's view and `postrum show`), its
//! warnings and attachment dangers.

use super::{answer_label, human_size, status_label, status_long, subject_label};
use crate::i18n::{fill, Texts};
use crate::store::StoredMessage;

/// The message as text lines, the same in the message view and in
/// `postrum show`: headers, a blank line, the body, then attachments.
/// Returns the lines and how many of them are the header block.
pub fn message_lines(
    t: &Texts,
    msg: &StoredMessage,
    view: &crate::core::message::View,
    contact: Option<&str>,
) -> (Vec<String>, usize) {
    let s = &view.summary;
    let from = s.from_display();
    let mut lines = vec![
        format!("{}: {}", t.hdr_from, if from.is_empty() { t.unknown_sender } else { &from }),
        format!("{}: {}", t.hdr_to, view.to),
        format!("{}: {}", t.hdr_date, crate::core::clock::local_datetime(msg.received)),
        format!("{}: {}", t.hdr_subject, subject_label(t, s, msg.size)),
        format!(
            "{}: {} · {}: {}{}{} · {}: {}",
            t.hdr_id,
            msg.id,
            t.hdr_triage,
            status_full(t, msg),
            msg.triage.assignee.as_ref().map(|a| format!(" · {a}")).unwrap_or_default(),
            msg.triage.diarienummer.as_ref().map(|d| format!(" · {d}")).unwrap_or_default(),
            t.desk.hdr_answer,
            answer_label(t, msg),
        ),
    ];
    if msg.triage.threat_at.is_some() {
        lines.push(threat_line(t, &msg.triage));
    }
    let header_count = lines.len();
    let panel = warning_lines(t, &view.warnings, contact);
    if !panel.is_empty() {
        lines.push(String::new());
        lines.extend(panel);
    }
    for note in &view.notes {
        lines.push(match note {
            crate::core::message::Note::Truncated => t.note_truncated.to_string(),
            crate::core::message::Note::UnterminatedMultipart => t.note_multipart.to_string(),
            crate::core::message::Note::BadEncoding => t.note_encoding.to_string(),
            crate::core::message::Note::Offline => t.desk.note_offline.to_string(),
            crate::core::message::Note::Gone => t.desk.note_gone.to_string(),
        });
    }
    lines.push(String::new());
    if view.from_html {
        lines.push(t.html_note.to_string());
        lines.push(String::new());
    }
    use crate::core::message::Note;
    if view.notes.iter().any(|n| matches!(n, Note::Offline | Note::Gone)) {
        // the text was not fetched: saying it is empty would be wrong
    } else if view.body.trim().is_empty() {
        lines.push(t.empty_body.to_string());
    } else {
        lines.extend(view.body.trim_end().lines().map(str::to_string));
    }
    if !view.attachments.is_empty() {
        lines.push(String::new());
        lines.push(format!("{} {}", t.attachments, t.attachments_note));
        for a in &view.attachments {
            let name = if a.name.is_empty() { t.unnamed_attachment } else { a.name.as_str() };
            lines.push(format!("  • {name}  {}  {}", a.mime, human_size(a.size as u64)));
        }
    }
    (lines, header_count)
}

/// What a warning kind means, in words.
pub fn warning_label(t: &Texts, kind: crate::core::inspect::WarningKind) -> &'static str {
    use crate::core::inspect::WarningKind::*;
    match kind {
        AuthFail => t.w_auth_fail,
        DisplayNameSpoof => t.w_display_name_spoof,
        ReplyToMismatch => t.w_reply_to_mismatch,
        LookalikeDomain => t.w_lookalike_domain,
        LinkMismatch => t.w_link_mismatch,
        DangerousAttachment => t.w_dangerous_attachment,
        Personnummer => t.w_personnummer,
        AutoReply => t.w_auto_reply,
        Bulk => t.w_bulk,
        PublicRequest => t.w_public_request,
    }
}

/// The warning panel of the message view: each warning with its detail,
/// the sensitive-mail advice, and whom to contact about suspicious mail.
pub fn warning_lines(
    t: &Texts,
    warnings: &[crate::core::inspect::Warning],
    contact: Option<&str>,
) -> Vec<String> {
    use crate::core::inspect::WarningKind;
    if warnings.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!("⚠ {}:", t.warnings_title)];
    for w in warnings {
        let detail = match w.kind {
            WarningKind::Personnummer => String::new(),
            // "name.docm (macro_enabled)": the reason in words
            WarningKind::DangerousAttachment => {
                use crate::core::inspect::attachments::Danger;
                let mut d = w.detail.clone();
                for k in [
                    Danger::RightToLeftOverride,
                    Danger::DoubleExtension,
                    Danger::Executable,
                    Danger::ActiveContent,
                    Danger::MacroEnabled,
                    Danger::Archive,
                ] {
                    d = d.replace(&format!("({})", k.as_str()), &format!("({})", danger_label(t, k)));
                }
                format!(" — {d}")
            }
            _ => format!(" — {}", w.detail),
        };
        lines.push(format!("  • {}{detail}", warning_label(t, w.kind)));
    }
    if warnings.iter().any(|w| w.kind == WarningKind::Personnummer) {
        lines.push(format!("  {}", t.sensitive_note));
    }
    if warnings.iter().any(|w| w.kind.is_suspicious()) {
        lines.push(match contact {
            Some(c) => format!("  {}", fill(t.suspicious_note, &[&crate::core::sanitize::line(c)])),
            None => format!("  {}", t.suspicious_no_contact),
        });
    }
    lines
}

/// Why an attachment is dangerous, in words.
pub fn danger_label(t: &Texts, d: crate::core::inspect::attachments::Danger) -> &'static str {
    use crate::core::inspect::attachments::Danger::*;
    match d {
        RightToLeftOverride => t.danger_rtl,
        DoubleExtension => t.danger_double,
        Executable => t.danger_exe,
        ActiveContent => t.danger_active,
        MacroEnabled => t.danger_macro,
        Archive => t.danger_archive,
    }
}

/// The status in full, unless a deletion is under way or an unregistered
/// threat says more.
fn status_full(t: &Texts, msg: &StoredMessage) -> &'static str {
    if msg.pending_delete || (msg.triage.threat_at.is_some() && msg.triage.diarienummer.is_none()) {
        status_label(t, msg)
    } else {
        status_long(t, msg)
    }
}

/// A threat's records on one line: marked, manager told, police report,
/// the original saved.
pub fn threat_line(t: &Texts, s: &crate::core::triage::TriageState) -> String {
    let d = &t.desk;
    let day = |at: i64| crate::core::clock::local_datetime(at);
    let r = s.records();
    let manager = r.manager.as_ref().map(|m| format!("{} ({})", m.who, day(m.at)));
    let police = r.police.as_ref().map(|p| format!("{} {}", p.date, p.reference));
    let saved = r.exported_at.map(day);
    format!(
        "{} · {}: {} · {}: {} · {}: {}",
        crate::i18n::fill(
            d.threat_marked,
            &[&day(s.threat_at.unwrap_or(0)), &s.threat_by.clone().unwrap_or_default()]
        ),
        d.threat_manager,
        manager.as_deref().unwrap_or(d.threat_missing),
        d.threat_police,
        police.as_deref().unwrap_or(d.threat_missing),
        d.threat_exported,
        saved.as_deref().unwrap_or(d.threat_missing),
    )
}
