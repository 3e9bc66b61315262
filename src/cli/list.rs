//! `postrum list`: the inbox's rows through the same filter as the TUI's
//! `f` and `w` (and a view), as text, or as JSON that streams.

use std::io::Write;

use anyhow::Result;

use super::args::Command;
use super::{desk, json, op, stream, truncate, watch, UserError};
use crate::core::clock;
use crate::core::inspect::WarningKind;
use crate::engine::{Engine, Item, ListFilter, OpError, Show, WarnView};
use crate::i18n::Texts;
use crate::present;

pub(super) fn run(engine: &mut Engine, t: &Texts, cmd: Command) -> Result<()> {
    let Command::List { json, jsonl, overdue, due_today, warning, suspicious, hide_bulk, view } = cmd else {
        return Ok(());
    };
    watch(engine, t)?;
    let wanted = match warning.as_deref().map(|w| (w, WarningKind::parse(w))) {
        Some((w, None)) => {
            let kinds: Vec<&str> = WarningKind::ALL.iter().map(|k| k.as_str()).collect();
            anyhow::bail!(UserError(format!("{w}? ({})", kinds.join(", "))));
        }
        Some((_, kind)) => kind,
        None => None,
    };
    // the same filter as the TUI's `f` and `w`
    let mut filter = ListFilter { kind: wanted, ..ListFilter::default() };
    if overdue {
        filter.shows.push(Show::Overdue);
    }
    if due_today {
        filter.shows.push(Show::DueToday);
    }
    if suspicious {
        filter.warns.push(WarnView::Suspicious);
    }
    if hide_bulk {
        filter.warns.push(WarnView::NoBulk);
    }
    let view = view.map(|v| desk::view_named(engine, &v)).transpose()?;
    let admits = |i: &Item| {
        filter.admits(i) && view.as_ref().is_none_or(|v| v.admits(i, || crate::engine::view_text(i).into()))
    };
    if json || jsonl {
        // written while it is read: a few hundred messages in memory
        // at a time; the suggestions are made on the writing core
        let suggester = engine.suggester().map_err(|e| op(t, e))?;
        return stream::pipelined(
            stream::Shape::choose(jsonl),
            || std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            |feed| {
                engine
                    .each_row(clock::today(), |i| match admits(&i) && !feed(i) {
                        true => Err(OpError::NoSuchMessage(String::new())), // the writer stopped
                        false => Ok(()),
                    })
                    .map_err(|e| op(t, e))
            },
            |doc, i| {
                let suggested = suggester.suggest(&i.msg, None);
                doc.item(&json::item(i).suggested(suggested.as_ref()))
            },
        );
    }
    let items: Vec<Item> =
        engine.items(clock::today()).map_err(|e| op(t, e))?.into_iter().filter(|i| admits(i)).collect();
    let mut out = std::io::stdout().lock();
    for it in &items {
        let m = &it.msg;
        writeln!(
            out,
            "{:<14} {} {:>4} {:<12} {:<8} {:<14} {:<24} {}",
            m.id,
            clock::local_datetime(m.received),
            crate::i18n::fill(t.age_days, &[&it.age]),
            present::status_label(t, m),
            m.triage.assignee.as_deref().unwrap_or("-"),
            Some(present::dnr_label(t, m)).filter(|d| !d.is_empty()).unwrap_or("-".into()),
            truncate(&present::sender_label(t, &m.summary), 24),
            present::subject_label(t, &m.summary, m.size),
        )?;
    }
    Ok(())
}
