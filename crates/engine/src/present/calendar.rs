//! Days, weekdays, coverage and the handover in words.

use crate::i18n::{fill, Texts};

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
