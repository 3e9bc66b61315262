//! The coverage subcommands: the calendar of a year, the coverage report,
//! the roster, absences and the handover note.

use std::io::Write;

use anyhow::Result;
use serde_json::{json, Value};

use super::args::{AbsenceCommand, RosterCommand};
use super::{json as docs, op, print_json};
use crate::core::calendar::Calendar;
use crate::core::clock;
use crate::core::coverage::DayCoverage;
use crate::engine::Engine;
use crate::i18n::Texts;
use crate::present;

/// `postrum calendar [YEAR]`: needs no mailbox, only the calendar config.
pub fn calendar(cal: &Calendar, t: &Texts, year: Option<i16>, json: bool) -> Result<()> {
    let year = year.unwrap_or_else(|| clock::today().year());
    let days = cal.year(year);
    if json {
        let docs = days
            .iter()
            .map(|d| json!({"date": d.date.to_string(), "name": d.name, "kind": d.kind.as_str()}))
            .collect();
        return print_json(&Value::Array(docs));
    }
    let mut out = std::io::stdout().lock();
    for d in days {
        let kind = match d.kind {
            crate::core::calendar::DayKind::Helgdag => t.kind_helgdag,
            crate::core::calendar::DayKind::Afton => t.kind_afton,
            crate::core::calendar::DayKind::Klamdag => t.kind_klamdag,
        };
        writeln!(out, "{} {}  {:<34} {kind}", d.date, present::weekday(t, d.date), d.name)?;
    }
    Ok(())
}

fn day_json(t: &Texts, d: &DayCoverage) -> Value {
    json!({
        "date": d.date.to_string(),
        "weekday": present::weekday(t, d.date),
        "working": d.info.working,
        "must_watch": d.must_watch(),
        "holiday": d.info.named.map(|(n, _)| n),
        "kind": d.info.named.map(|(_, k)| k.as_str()).or(d.info.klamdag.then_some("klamdag")),
        "short_day": d.info.short_day,
        "closed": d.info.closure,
        "on_roster": d.on_roster,
        "watched_by": d.watched_by,
        "gap": d.is_gap(),
    })
}

/// `postrum coverage`: today, the next 30 days, gaps and unwatched days.
pub fn coverage(engine: &Engine, t: &Texts, json: bool) -> Result<()> {
    let c = engine.coverage(clock::today(), 30).map_err(|e| op(t, e))?;
    if json {
        return print_json(&json!({
            "today": day_json(t, &c.today),
            "next_working_day": c.next.as_ref().map(|d| day_json(t, d)),
            "days": c.coming.iter().map(|d| day_json(t, d)).collect::<Vec<_>>(),
            "gaps": c.gaps.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "unwatched": c.unwatched.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        }));
    }
    let mut out = std::io::stdout().lock();
    for line in present::coverage_lines(t, &c) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    for d in &c.coming {
        let who = if d.is_gap() { format!("{} !", t.nobody) } else { d.on_roster.join(", ") };
        writeln!(
            out,
            "{} {}  {:<36} {who}",
            d.date,
            present::weekday(t, d.date),
            present::day_label(t, &d.info)
        )?;
    }
    Ok(())
}

pub fn roster(engine: &mut Engine, t: &Texts, action: RosterCommand) -> Result<()> {
    match action {
        RosterCommand::Add { person, from, to } => {
            let id = engine.add_roster(&person, from, to).map_err(|e| op(t, e))?;
            // as stored: a name is untrusted text like any other
            let person = crate::core::sanitize::line(&person);
            writeln!(std::io::stdout(), "{id}: {person} {from} – {to}")?;
        }
        RosterCommand::Remove { id } => {
            if !engine.remove_roster(id).map_err(|e| op(t, e))? {
                anyhow::bail!(super::UserError(format!("{id}?")));
            }
        }
        RosterCommand::List { json } => {
            let list = engine.roster().map_err(|e| op(t, e))?;
            if json {
                let docs = list
                    .iter()
                    .map(|r| {
                        json!({"id": r.id, "person": r.person, "from": r.from.to_string(), "to": r.to.to_string(),
                               "by": r.by, "at": clock::rfc3339(r.at)})
                    })
                    .collect();
                return print_json(&Value::Array(docs));
            }
            for r in list {
                let by = crate::i18n::fill(t.written_by, &[&r.by, &clock::local_datetime(r.at)]);
                writeln!(std::io::stdout(), "{:>4}  {:<20} {} – {}  {by}", r.id, r.person, r.from, r.to)?;
            }
        }
    }
    Ok(())
}

pub fn absence(engine: &mut Engine, t: &Texts, action: AbsenceCommand) -> Result<()> {
    match action {
        AbsenceCommand::Add { who, from, to, substitute } => {
            let id = engine.add_absence(&who, from, to, substitute.as_deref()).map_err(|e| op(t, e))?;
            writeln!(std::io::stdout(), "{id}: {}", t.absence_saved)?;
        }
        AbsenceCommand::Remove { id } => {
            if !engine.remove_absence(id).map_err(|e| op(t, e))? {
                anyhow::bail!(super::UserError(format!("{id}?")));
            }
        }
        AbsenceCommand::List { json } => {
            let list = engine.absences().map_err(|e| op(t, e))?;
            if json {
                return print_json(&Value::Array(list.iter().map(docs::absence).collect()));
            }
            for a in list {
                let sub = a.substitute.clone().unwrap_or_else(|| "-".into());
                let by = crate::i18n::fill(t.written_by, &[&a.by, &clock::local_datetime(a.at)]);
                writeln!(
                    std::io::stdout(),
                    "{:>4}  {:<10} {} – {}  → {sub}  {by}",
                    a.id,
                    a.who,
                    a.from,
                    a.to
                )?;
            }
        }
    }
    Ok(())
}

pub fn handover(engine: &mut Engine, t: &Texts, text: Option<String>, json: bool) -> Result<()> {
    if let Some(text) = text {
        engine.add_handover(&text).map_err(|e| op(t, e))?;
        writeln!(std::io::stdout(), "{}", t.handover_saved)?;
        return Ok(());
    }
    let latest = engine.latest_handover().map_err(|e| op(t, e))?;
    let summary = engine.handover_summary(clock::today()).map_err(|e| op(t, e))?;
    if json {
        return print_json(&json!({
            "note": latest.as_ref().map(|h| json!({"at": clock::rfc3339(h.at), "author": h.author, "text": h.text})),
            "open": summary.open,
            "overdue": summary.overdue,
            "assigned_to_absent": summary.assigned_to_absent.iter().map(|(id, subject, who, a)| json!({
                "id": id, "subject": subject, "assignee": who, "absent_until": a.to.to_string(), "substitute": a.substitute,
            })).collect::<Vec<_>>(),
        }));
    }
    for line in present::handover_lines(t, latest.as_ref(), &summary) {
        writeln!(std::io::stdout(), "{line}")?;
    }
    Ok(())
}
