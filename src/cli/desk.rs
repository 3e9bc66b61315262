//! The records office's subcommands: the answer state, a threat's records,
//! the report, and the views `list --view` takes.

use std::io::Write;

use anyhow::Result;

use super::{act, each, op, print_json, UserError};
use crate::core::triage::Action;
use crate::engine::{Engine, ListView};
use crate::i18n::Texts;

/// `answer ID [ID…] STATE`
pub fn answer(engine: &mut Engine, t: &Texts, mut args: Vec<String>) -> Result<()> {
    let state = args.pop().unwrap_or_default();
    each(t, &args, |id| act(engine, t, id, Action::SetAnswer { state: state.clone() }))
}

/// `threat ID [--manager NAME] [--police-date DATE --police-ref REF]`:
/// marks it (when not yet), then records what was given.
pub fn threat(
    engine: &mut Engine,
    t: &Texts,
    id: &str,
    manager: Option<String>,
    police: Option<(String, String)>,
) -> Result<()> {
    let full = engine.resolve(id).map_err(|e| op(t, e))?;
    let marked = engine.message(&full).map_err(|e| op(t, e))?.is_some_and(|m| m.triage.threat_at.is_some());
    if !marked {
        act(engine, t, &full, Action::MarkThreat)?;
        writeln!(std::io::stdout(), "{}", t.threat_advice)?;
    }
    if let Some(who) = manager {
        act(engine, t, &full, Action::ManagerTold { who })?;
    }
    if let Some((date, reference)) = police {
        act(engine, t, &full, Action::PoliceReport { date, reference })?;
    }
    Ok(())
}

/// `report [--from DATE] [--to DATE] [--json]`
pub fn report(
    engine: &Engine,
    t: &Texts,
    from: Option<String>,
    to: Option<String>,
    json: bool,
) -> Result<()> {
    let date = |s: Option<String>| -> Result<Option<jiff::civil::Date>> {
        match s {
            None => Ok(None),
            Some(s) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| UserError(crate::i18n::fill(t.err_bad_date, &[&s])).into()),
        }
    };
    let (from, to) = (date(from)?, date(to)?);
    let r = engine.report(crate::core::clock::today(), from, to).map_err(|e| op(t, e))?;
    if json {
        return print_json(&serde_json::to_value(&r)?);
    }
    let d = t.desk;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} {}", d.report_title, crate::i18n::fill(d.report_range, &[&r.from, &r.to]))?;
    writeln!(out, "{}:", d.report_received)?;
    for day in &r.received {
        writeln!(out, "  {} {:>5} {}", day.date, day.count, "#".repeat(day.count.min(60)))?;
    }
    let share = r.share_in_time.map_or_else(|| "-".to_string(), |s| format!("{:.0} %", s * 100.0));
    writeln!(out, "{}: {share} ({} / {})", d.report_in_time, r.in_time, r.in_time + r.late)?;
    let median =
        r.median_hours_to_kvittens.map_or_else(|| "-".to_string(), |h| format!("{h:.1} {}", d.hours));
    writeln!(out, "{}: {median}", d.report_median)?;
    writeln!(out, "{}:", d.report_overdue)?;
    for o in &r.overdue {
        writeln!(out, "  {:<14} {:>5}", o.assignee.as_deref().unwrap_or("-"), o.count)?;
    }
    writeln!(out, "{}:", d.report_weeks)?;
    let c = d.report_week_cols;
    writeln!(out, "  {:<10} {:>8} {:>8} {:>10}", c[0], c[1], c[2], c[3])?;
    for w in &r.weeks {
        let share = if w.in_time + w.late > 0 {
            format!("{:.0} %", w.in_time as f64 * 100.0 / (w.in_time + w.late) as f64)
        } else {
            "-".into()
        };
        writeln!(out, "  {:<10} {:>8} {:>8} {:>10}", w.week, w.received, share, w.late)?;
    }
    Ok(())
}

/// The view `list --view NAME` names.
pub fn view_named(engine: &Engine, name: &str) -> Result<ListView> {
    const BUILT_IN: [&str; 7] =
        ["all", "not_assigned", "overdue", "due_today", "public_requests", "suspicious", "awaiting"];
    let views = ListView::all(&engine.settings.views);
    if let Some(n) = BUILT_IN.iter().position(|b| *b == name) {
        return Ok(views[n].clone());
    }
    views
        .into_iter()
        .find(|v| matches!(v, ListView::Custom(s) if s.name.eq_ignore_ascii_case(name)))
        .ok_or_else(|| {
            let own: Vec<String> = engine.settings.views.iter().map(|v| v.name.clone()).collect();
            UserError(format!(
                "{name}? ({})",
                BUILT_IN.iter().map(|s| s.to_string()).chain(own).collect::<Vec<_>>().join(", ")
            ))
            .into()
        })
}
