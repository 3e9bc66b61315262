//! The reading commands of the command line: one message shown, a sync
//! with its progress, a message's attachments, the action log and the
//! directory of handläggare.

use std::io::Write;

use anyhow::Result;

use super::{item_for, json, mail, op, print_json, stream, truncate, watch, UserError};
use crate::core::clock;
use crate::engine::Engine;
use crate::i18n::Texts;
use crate::present;

pub(super) fn show(engine: &mut Engine, t: &Texts, id: &str, json: bool) -> Result<()> {
    watch(engine, t)?;
    let it = item_for(engine, t, id)?;
    let view = engine.view(&it.msg.id).map_err(|e| op(t, e))?;
    if json {
        let mut doc = json::show(&it, &view);
        let sent = engine.outgoing_for(&it.msg.id).map_err(|e| op(t, e))?;
        if let serde_json::Value::Object(map) = &mut doc {
            map.insert("sent".into(), sent.iter().map(mail::outgoing_json).collect());
        }
        return print_json(&doc);
    }
    let (lines, _) =
        present::message_lines(t, &it.msg, &view, engine.settings.inspect.it_security_contact.as_deref());
    let sent = engine.outgoing_for(&it.msg.id).map_err(|e| op(t, e))?;
    let mut out = std::io::stdout().lock();
    for l in lines.into_iter().chain(present::sent_lines(t, &sent)) {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

pub(super) fn sync(engine: &mut Engine, t: &Texts, offline: bool) -> Result<()> {
    if offline {
        anyhow::bail!(UserError(t.sync_offline.to_string()));
    }
    watch(engine, t)?;
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut last = 0;
    let replay = engine
        .sync(&mut |done, total| {
            if tty {
                let width = 30;
                let filled = (done * width).checked_div(total).unwrap_or(width).min(width);
                eprint!(
                    "\r{} [{}{}] {done}/{total}",
                    t.sync_label,
                    "#".repeat(filled),
                    " ".repeat(width - filled)
                );
            } else if done == total || done >= last + 10_000 || done == 0 {
                eprintln!("{}", crate::i18n::fill(t.sync_progress, &[&done, &total]));
                last = done;
            }
        })
        .map_err(|e| op(t, e))?;
    if tty {
        eprintln!();
    }
    let count = engine.present_count().map_err(|e| op(t, e))?;
    writeln!(std::io::stdout(), "{}", crate::i18n::fill(t.sync_done, &[&count, &replay.applied]))?;
    Ok(())
}

pub(super) fn attachment(
    engine: &mut Engine,
    t: &Texts,
    id: &str,
    number: Option<usize>,
    save: Option<std::path::PathBuf>,
    yes: bool,
) -> Result<()> {
    let it = item_for(engine, t, id)?;
    match (number, save) {
        (Some(n), Some(dir)) if n >= 1 => {
            let path = match engine.save_attachment(&it.msg.id, n - 1, &dir, yes) {
                Ok(p) => p,
                Err(crate::engine::SaveError::Dangerous(why)) => {
                    let why = present::danger_label(t, why);
                    anyhow::bail!(UserError(crate::i18n::fill(t.save_danger_cli, &[&why])))
                }
                Err(e) => anyhow::bail!(UserError(e.to_string())),
            };
            writeln!(std::io::stdout(), "{}", crate::i18n::fill(t.save_done, &[&path.display()]))?;
        }
        _ => {
            let view = engine.view(&it.msg.id).map_err(|e| op(t, e))?;
            if view.attachments.is_empty() {
                writeln!(std::io::stdout(), "{}", t.save_none)?;
            }
            for (i, a) in view.attachments.iter().enumerate() {
                let name = if a.name.is_empty() { t.unnamed_attachment } else { a.name.as_str() };
                writeln!(
                    std::io::stdout(),
                    "{:>2}  {name}  {}  {}",
                    i + 1,
                    a.mime,
                    present::human_size(a.size as u64)
                )?;
            }
        }
    }
    Ok(())
}

pub(super) fn log(
    engine: &mut Engine,
    t: &Texts,
    json: bool,
    jsonl: bool,
    limit: usize,
    purge: bool,
) -> Result<()> {
    if purge {
        let days = engine.settings.retention_days;
        let n = engine.purge_log().map_err(|e| op(t, e))?;
        writeln!(std::io::stdout(), "{}", crate::i18n::fill(t.purge_done, &[&n, &days]))?;
        return Ok(());
    }
    let entries = engine.log(limit).map_err(|e| op(t, e))?;
    // what was sent is in the log too, in time order (newest first)
    let sent = engine.outgoing_all(limit).map_err(|e| op(t, e))?;
    if json || jsonl {
        // the log and what was sent, merged newest first, each
        // written as it comes
        let out = std::io::BufWriter::new(std::io::stdout().lock());
        let mut doc = stream::JsonOut::new(out, stream::Shape::choose(jsonl));
        let mut sent = sent.iter().peekable();
        let mut written = 0;
        for e in &entries {
            while let Some(o) = sent.next_if(|o| (o.at, o.seq) > (e.at, e.seq)) {
                if written < limit {
                    doc.item(&mail::sent_log_json(o))?;
                    written += 1;
                }
            }
            if written < limit {
                doc.item(&json::log_entry(e))?;
                written += 1;
            }
        }
        for o in sent.take(limit.saturating_sub(written)) {
            doc.item(&mail::sent_log_json(o))?;
        }
        return doc.end();
    }
    let mut out = std::io::stdout().lock();
    let mut sent = sent.into_iter().peekable();
    for e in entries {
        while let Some(o) = sent.next_if(|o| o.at > e.at) {
            writeln!(out, "{}", mail::sent_log_line(t, &o))?;
        }
        writeln!(
            out,
            "{:>5} {} {:<10} {:<18} {:<14} {:<9} {} {}{}",
            e.seq,
            clock::local_datetime(e.at),
            truncate(&e.actor, 10),
            present::action_label(t, &e.kind),
            e.message,
            present::log_state(t, e.state),
            present::action_detail(e.action.as_ref()),
            truncate(&e.subject, 40),
            match present::log_note(t, e.note.as_deref()) {
                n if n.is_empty() => String::new(),
                n => format!(" ⚠ {n}"),
            },
        )?;
    }
    for o in sent {
        writeln!(out, "{}", mail::sent_log_line(t, &o))?;
    }
    Ok(())
}

pub(super) fn handlaggare(engine: &Engine, t: &Texts, json: bool) -> Result<()> {
    let list = engine.handlaggare().map_err(|e| op(t, e))?;
    let absences = engine.absences().map_err(|e| op(t, e))?;
    let today = clock::today();
    if json {
        let docs = list.iter().map(|h| json::handlaggare(h, &absences, today)).collect();
        return print_json(&serde_json::Value::Array(docs));
    }
    let mut out = std::io::stdout().lock();
    for h in list {
        let away = crate::core::absence::absent_on(&absences, &h.id, today)
            .map(|a| crate::i18n::fill(t.absent_until, &[&a.to]))
            .unwrap_or_default();
        writeln!(out, "{:<10} {:<22} {:<28} {:<20} {away}", h.id, h.name, h.email, h.unit)?;
    }
    Ok(())
}
