//! How core values read in the user's language: status labels, the row
//! text of unreadable messages, refusals and outcomes. Shared by the TUI
//! and the CLI so both say the same thing.

use crate::core::absence::AbsenceError;
use crate::core::diarienummer::EXAMPLES;
use crate::core::message::{Problem, Summary};
use crate::core::triage::{Action, DeleteBlock, RuleError, Status};
use crate::engine::{OpError, Outcome};
use crate::i18n::{fill, Texts};
use crate::store::{LogState, StoreError, StoredMessage};

pub fn status_label(t: &Texts, msg: &StoredMessage) -> &'static str {
    if msg.pending_delete {
        return t.status_deleting;
    }
    if msg.triage.threat_at.is_some() && msg.triage.diarienummer.is_none() {
        return t.status_threat;
    }
    match msg.triage.status() {
        Status::New => t.status_new,
        Status::Assigned => t.status_assigned,
        Status::Registered => t.status_registered,
        Status::Handled => t.status_handled,
        Status::Deleted => t.status_deleted,
    }
}

/// The diary column: the diarienummer, or the no-registration mark.
pub fn dnr_label(t: &Texts, msg: &StoredMessage) -> String {
    match (&msg.triage.diarienummer, &msg.triage.no_registration) {
        (Some(d), _) => d.clone(),
        (None, Some(_)) => t.no_registration_short.to_string(),
        _ => String::new(),
    }
}

/// The subject, or what is wrong with an unreadable file.
pub fn subject_label(t: &Texts, summary: &Summary, size: u64) -> String {
    match &summary.problem {
        Some(Problem::Corrupt) => fill(t.corrupt_row, &[&size]),
        Some(Problem::Unreadable(why)) => fill(t.unreadable_row, &[&size, why]),
        None if summary.subject.is_empty() => t.no_subject.to_string(),
        None => summary.subject.clone(),
    }
}

pub fn sender_label(t: &Texts, summary: &Summary) -> String {
    match (summary.from_name.is_empty(), summary.from_addr.is_empty()) {
        (false, _) => summary.from_name.clone(),
        (true, false) => summary.from_addr.clone(),
        (true, true) => t.unknown_sender.to_string(),
    }
}

pub fn rule_text(t: &Texts, e: &RuleError) -> String {
    match e {
        RuleError::UnknownHandlaggare { given, valid } => {
            fill(t.err_unknown_handlaggare, &[given, &valid.join(", ")])
        }
        RuleError::InvalidDiarienummer { given } => fill(t.err_invalid_dnr, &[given, &EXAMPLES.join(", ")]),
        RuleError::EmptyReason => t.err_empty_reason.into(),
        RuleError::AlreadyDeleted => t.err_already_deleted.into(),
        RuleError::DeleteRefused(DeleteBlock::NotAssignedNorRegistered) => t.err_block_both.into(),
        RuleError::DeleteRefused(DeleteBlock::NotAssigned) => t.err_block_assign.into(),
        RuleError::DeleteRefused(DeleteBlock::NotRegistered) => t.err_block_register.into(),
        RuleError::DeleteRefused(DeleteBlock::ThreatNotRegistered) => t.err_block_threat.into(),
        RuleError::DeleteRefused(DeleteBlock::SensitiveNotRegistered) => t.err_block_sensitive.into(),
    }
}

pub fn store_text(t: &Texts, e: &StoreError) -> String {
    match e {
        StoreError::Locked { path, secs } => fill(t.err_locked, &[&path.display(), secs]),
        StoreError::DiskFull { path } => fill(t.err_disk_full, &[&path.display()]),
        StoreError::ReadOnly { path } => fill(t.err_read_only, &[&path.display()]),
        other => other.to_string(),
    }
}

pub fn error_text(t: &Texts, e: &OpError) -> String {
    match e {
        OpError::Rule(r) => rule_text(t, r),
        OpError::NoSuchMessage(id) => fill(t.err_no_message, &[id]),
        OpError::Ambiguous(id, list) => fill(t.err_ambiguous, &[id, list]),
        OpError::Store(s) => store_text(t, s),
        OpError::Mail(m) => m.to_string(),
        OpError::Absence(AbsenceError::EndsBeforeStart { from, to }) => {
            fill(t.err_absence_order, &[from, to])
        }
        OpError::Absence(AbsenceError::OwnSubstitute(who)) => fill(t.err_own_substitute, &[who]),
    }
}

/// A one-line report of what an action did.
pub fn outcome_text(t: &Texts, action: &Action, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Waiting { why, .. } => return fill(t.done_waiting, &[why]),
        Outcome::Taken(Some(who)) => return fill(t.done_taken, &[who]),
        Outcome::Taken(None) => return t.done_taken_unknown.to_string(),
        Outcome::Gone => return t.done_gone.to_string(),
        Outcome::Applied => {}
        Outcome::AppliedWithoutJournal(why) => {
            let done = outcome_text(t, action, &Outcome::Applied);
            return format!("{done} {}", fill(t.done_without_journal, &[why]));
        }
    }
    match action {
        Action::Assign { who } => fill(t.done_assigned, &[who]),
        Action::Register { diarienummer } => fill(t.done_registered, &[diarienummer]),
        Action::NoRegistration { reason } => fill(t.done_noreg, &[reason]),
        Action::Delete { .. } => t.done_deleted.into(),
        Action::Acknowledge => t.done_ack.into(),
        Action::MarkThreat => t.done_threat.into(),
    }
}

pub fn action_label(t: &Texts, kind: &str) -> &'static str {
    match kind {
        "assign" => t.act_assign,
        "register" => t.act_register,
        "no_registration" => t.act_noreg,
        "delete_forced" => t.act_delete_forced,
        "acknowledge" => t.act_ack,
        "threat" => t.act_threat,
        "journal_unreadable" => t.act_journal_unreadable,
        _ => t.act_delete,
    }
}

/// The detail of a logged action: who, which number, which reason.
pub fn action_detail(action: Option<&Action>) -> String {
    match action {
        Some(Action::Assign { who }) => who.clone(),
        Some(Action::Register { diarienummer }) => diarienummer.clone(),
        Some(Action::NoRegistration { reason }) => reason.clone(),
        Some(Action::Delete { force_reason: Some(r) }) => r.clone(),
        _ => String::new(),
    }
}

/// A log entry's note (stored as a code) as text: a colleague's journal
/// entry that the server contradicts, or whose claimed time is far off.
pub fn log_note(t: &Texts, note: Option<&str>) -> String {
    match note {
        Some("contradicted") => t.log_contradicted.to_string(),
        Some(n) => match n.strip_prefix("time:").and_then(|s| s.parse::<i64>().ok()) {
            Some(at) => crate::i18n::fill(t.log_time_far, &[&crate::core::clock::local_datetime(at)]),
            None => String::new(),
        },
        None => String::new(),
    }
}

pub fn log_state(t: &Texts, s: LogState) -> &'static str {
    match s {
        LogState::Pending => t.log_pending,
        LogState::Applied => t.log_applied,
        LogState::Failed => t.log_failed,
    }
}

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
    let mut lines = vec![
        format!(
            "{}: {}",
            t.hdr_from,
            if s.from_display().is_empty() { t.unknown_sender.to_string() } else { s.from_display() }
        ),
        format!("{}: {}", t.hdr_to, view.to),
        format!("{}: {}", t.hdr_date, crate::core::clock::local_datetime(msg.received)),
        format!("{}: {}", t.hdr_subject, subject_label(t, s, msg.size)),
        format!(
            "{}: {} · {}: {}{}{}",
            t.hdr_id,
            msg.id,
            t.hdr_triage,
            status_label(t, msg),
            msg.triage.assignee.as_ref().map(|a| format!(" · {a}")).unwrap_or_default(),
            {
                let d = dnr_label(t, msg);
                if d.is_empty() {
                    d
                } else {
                    format!(" · {d}")
                }
            }
        ),
    ];
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
        });
    }
    lines.push(String::new());
    if view.from_html {
        lines.push(t.html_note.to_string());
        lines.push(String::new());
    }
    if view.body.trim().is_empty() {
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

pub fn human_size(n: u64) -> String {
    match n {
        0..=1023 => format!("{n} B"),
        1024..=1_048_575 => format!("{:.1} kB", n as f64 / 1024.0),
        _ => format!("{:.1} MB", n as f64 / 1_048_576.0),
    }
}

/// What kind of day a date is, in words ("helgdag Juldagen", "klämdag").
pub fn day_label(t: &Texts, info: &crate::core::calendar::DayInfo) -> String {
    use crate::core::calendar::DayKind;
    let mut parts = Vec::new();
    if let Some((name, kind)) = info.named {
        let kind = if kind == DayKind::Afton { t.kind_afton } else { t.kind_helgdag };
        parts.push(format!("{kind} ({name})"));
    }
    if info.klamdag {
        parts.push(t.kind_klamdag.to_string());
    }
    if info.short_day {
        parts.push(t.kind_short.to_string());
    }
    if info.closure {
        parts.push(t.kind_closed.to_string());
    }
    parts.join(", ")
}

/// The short weekday name of a date.
pub fn weekday(t: &Texts, date: jiff::civil::Date) -> &'static str {
    t.weekdays[date.weekday().to_monday_zero_offset() as usize]
}

/// The coverage warnings to show at start: nobody on today's roster (and
/// who is on next), or who watches today.
pub fn coverage_lines(t: &Texts, c: &crate::core::coverage::Coverage) -> Vec<String> {
    let mut lines = Vec::new();
    let today = &c.today;
    if today.is_gap() {
        let label = day_label(t, &today.info);
        let label = if label.is_empty() { String::new() } else { format!(" ({label})") };
        lines.push(fill(t.cov_today_gap, &[&today.date, &label]));
    } else if !today.on_roster.is_empty() {
        lines.push(fill(t.cov_today, &[&today.on_roster.join(", ")]));
    }
    if let Some(next) = &c.next {
        let who = if next.on_roster.is_empty() { t.nobody.to_string() } else { next.on_roster.join(", ") };
        lines.push(fill(t.cov_next, &[&next.date, &who]));
    }
    if !c.gaps.is_empty() {
        let dates: Vec<String> = c.gaps.iter().map(|d| d.to_string()).collect();
        lines.push(fill(t.cov_gaps, &[&dates.join(", ")]));
    }
    if !c.unwatched.is_empty() {
        let dates: Vec<String> = c.unwatched.iter().map(|d| d.to_string()).collect();
        lines.push(fill(t.cov_unwatched, &[&dates.join(", ")]));
    }
    lines
}

/// The handover note with what is open, overdue and assigned to absent
/// people, as lines (the TUI's start notice and `postrum handover`).
pub fn handover_lines(
    t: &Texts,
    note: Option<&crate::store::Handover>,
    s: &crate::engine::HandoverSummary,
) -> Vec<String> {
    let mut lines = Vec::new();
    match note {
        Some(h) => {
            lines.push(fill(t.handover_from, &[&h.author, &crate::core::clock::local_datetime(h.at)]));
            lines.extend(h.text.lines().map(|l| format!("  {l}")));
        }
        None => lines.push(t.handover_none.to_string()),
    }
    lines.push(String::new());
    lines.push(fill(t.handover_summary, &[&s.open, &s.overdue]));
    if !s.assigned_to_absent.is_empty() {
        lines.push(t.handover_absent.to_string());
        for (_, subject, who, a) in &s.assigned_to_absent {
            let sub = a.substitute.clone().unwrap_or_else(|| t.nobody.to_string());
            lines.push(format!("  • {subject} — {who} ({}; → {sub})", fill(t.absent_until, &[&a.to])));
        }
    }
    lines
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
    }
}

/// The short badge of a message's warnings in the list: `!` suspicious,
/// `P` personal data, `A` automatic, `B` bulk, `T` threat.
pub fn badges(msg: &StoredMessage) -> String {
    use crate::core::inspect::WarningKind::*;
    let w = &msg.summary.warnings;
    let mut b = String::new();
    if msg.triage.threat_at.is_some() {
        b.push('T');
    }
    if w.iter().any(|k| k.is_suspicious()) {
        b.push('!');
    }
    if w.contains(&Personnummer) {
        b.push('P');
    }
    if w.contains(&AutoReply) {
        b.push('A');
    }
    if w.contains(&Bulk) {
        b.push('B');
    }
    b
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
        let detail =
            if w.kind == WarningKind::Personnummer { String::new() } else { format!(" — {}", w.detail) };
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
        MacroEnabled => t.danger_macro,
        Archive => t.danger_archive,
    }
}
