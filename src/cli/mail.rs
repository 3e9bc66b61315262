//! The sending subcommands: assign (with its forward), ack --send, reply,
//! export, postlista and outbox. Each goes through the engine like the
//! TUI's keys; what was sent is reported line by line.

use std::io::{IsTerminal, Read, Write};

use anyhow::Result;
use jiff::civil::Date;
use serde_json::{json, Value};

use super::{op, print_json, watch, UserError};
use crate::core::clock;
use crate::core::triage::Action;
use crate::engine::{Engine, ForwardChoice, Sending};
use crate::i18n::Texts;
use crate::present;
use crate::store::Outgoing;

fn report(t: &Texts, id: &str, sent: &[Sending]) -> Result<()> {
    for s in sent {
        let line = present::sending_text(t, s);
        match s {
            Sending::Sent { .. } => writeln!(std::io::stdout(), "{id}: {line}")?,
            _ => eprintln!("postrum: {id}: {line}"),
        }
    }
    // refused, or perhaps not sent: not a success for a script
    if let Some(bad) = sent.iter().find(|s| matches!(s, Sending::Failed { .. } | Sending::Uncertain { .. })) {
        anyhow::bail!(UserError(format!("{id}: {}", present::sending_text(t, bad))));
    }
    Ok(())
}

/// An action with what goes with it (the forward of an assignment, the
/// diary copy of a registration).
pub fn act_and_send(
    engine: &mut Engine,
    t: &Texts,
    id: &str,
    action: Action,
    choice: &ForwardChoice,
) -> Result<()> {
    watch(engine, t)?;
    let id = engine.resolve(id).map_err(|e| op(t, e))?;
    let (normalised, outcome, sent) = engine.act(&id, action, choice).map_err(|e| op(t, e))?;
    let text = present::outcome_text(t, &normalised, &outcome);
    if outcome.not_done() {
        anyhow::bail!(UserError(format!("{id}: {text}")));
    }
    writeln!(std::io::stdout(), "{id}: {text}")?;
    report(t, &id, &sent)
}

pub fn ack_send(
    engine: &mut Engine,
    t: &Texts,
    id: &str,
    template: Option<&str>,
    again: bool,
    preview: bool,
) -> Result<()> {
    watch(engine, t)?;
    let id = engine.resolve(id).map_err(|e| op(t, e))?;
    if preview {
        let p = engine.kvittens_preview(&id, template).map_err(|e| op(t, e))?;
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{}: {}\n{}: {}\n",
            t.mail.preview_to,
            crate::core::sanitize::line(&p.to),
            t.mail.preview_subject,
            crate::core::sanitize::line(&p.subject)
        )?;
        write!(out, "{}", crate::core::sanitize::text(&p.text))?;
        return Ok(());
    }
    let sent = engine.send_kvittens(&id, template, None, again).map_err(|e| op(t, e))?;
    report(t, &id, &[sent])
}

/// The reply's text: from $EDITOR on a terminal (the template from the
/// config: greeting and signature, never the original), else from stdin.
pub fn reply(engine: &mut Engine, t: &Texts, id: &str) -> Result<()> {
    watch(engine, t)?;
    let id = engine.resolve(id).map_err(|e| op(t, e))?;
    let text = if std::io::stdin().is_terminal() {
        edit(t, &engine.reply_template())?
    } else {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    };
    if text.trim().is_empty() {
        anyhow::bail!(UserError(t.mail.reply_empty.to_string()));
    }
    let sent = engine.send_reply(&id, &text).map_err(|e| op(t, e))?;
    report(t, &id, &[sent])
}

fn edit(t: &Texts, start: &str) -> Result<String> {
    crate::editor::edit(start).map_err(|e| UserError(crate::i18n::fill(t.mail.editor_failed, &[&e])).into())
}

pub fn export(engine: &mut Engine, t: &Texts, id: &str, dir: &std::path::Path) -> Result<()> {
    let id = engine.resolve(id).map_err(|e| op(t, e))?;
    let (eml, meta) = engine.export(&id, dir).map_err(|e| op(t, e))?;
    writeln!(
        std::io::stdout(),
        "{}",
        crate::i18n::fill(t.mail.exported, &[&eml.display(), &meta.display()])
    )?;
    Ok(())
}

fn csv_field(s: &str) -> String {
    let s = crate::core::sanitize::line(s);
    // a leading = + - @ would be a formula in a spreadsheet
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s };
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub fn postlista(engine: &Engine, t: &Texts, date: Option<Date>, json: bool, csv: bool) -> Result<()> {
    let date = date.unwrap_or_else(clock::today);
    let rows = engine.postlista(date).map_err(|e| op(t, e))?;
    let sender = |s: &Option<String>| s.clone().unwrap_or_else(|| t.mail.masked_sender.to_string());
    if json {
        let docs = rows
            .iter()
            .map(|r| {
                json!({"id": r.id, "received": clock::rfc3339(r.received), "diarienummer": r.diarienummer,
                       "sender": r.sender, "sender_masked": r.sender.is_none(), "subject": r.subject,
                       "handlaggare": r.handlaggare})
            })
            .collect();
        return print_json(&json!({"date": date.to_string(), "messages": Value::Array(docs)}));
    }
    let mut out = std::io::stdout().lock();
    if csv {
        writeln!(out, "date,diarienummer,sender,subject,handlaggare")?;
        for r in &rows {
            let fields = [
                clock::local_date(r.received).to_string(),
                r.diarienummer.clone(),
                sender(&r.sender),
                r.subject.clone(),
                r.handlaggare.clone().unwrap_or_default(),
            ];
            writeln!(out, "{}", fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","))?;
        }
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "{}", crate::i18n::fill(t.mail.postlista_none, &[&date]))?;
    }
    for r in &rows {
        writeln!(
            out,
            "{}  {:<14} {:<30} {:<40} {}",
            clock::local_date(r.received),
            crate::core::sanitize::line(&r.diarienummer),
            super::truncate(&crate::core::sanitize::line(&sender(&r.sender)), 30),
            super::truncate(&crate::core::sanitize::line(&r.subject), 40),
            crate::core::sanitize::line(&r.handlaggare.clone().unwrap_or_default()),
        )?;
    }
    Ok(())
}

pub fn outgoing_json(o: &Outgoing) -> Value {
    // a send whose outcome is unknown waits for a person: said so
    let state = if o.state == crate::store::SendState::Sending { "uncertain" } else { o.state.as_str() };
    json!({
        "seq": o.seq,
        "kind": o.kind.as_str(),
        "to": o.recipient,
        "message_id": o.message_id,
        "at": clock::rfc3339(o.at),
        "state": state,
        "sent_at": o.sent_at.map(clock::rfc3339),
        "error": o.error,
        "by": o.actor,
        "message": o.message,
    })
}

/// An outgoing mail as an entry of `log --json` (action "send").
pub fn sent_log_json(o: &Outgoing) -> Value {
    let mut v = outgoing_json(o);
    if let Value::Object(map) = &mut v {
        map.insert("action".into(), json!("send"));
    }
    v
}

/// An outgoing mail as a line of `postrum log`.
pub fn sent_log_line(t: &Texts, o: &Outgoing) -> String {
    format!(
        "{:>5} {} {:<10} {:<18} {:<14} {:<9} {}",
        "",
        clock::local_datetime(o.at),
        super::truncate(&o.actor, 10),
        super::truncate(present::kind_label(t, o.kind), 18),
        o.message,
        present::state_label(t, o.state),
        crate::core::sanitize::line(&o.recipient),
    )
}

/// What `outbox` is asked to do beyond showing the outbox.
pub struct OutboxDo {
    pub send: bool,
    pub send_again: Option<i64>,
    pub mark_sent: Option<i64>,
}

pub fn outbox(engine: &mut Engine, t: &Texts, json: bool, what: OutboxDo) -> Result<()> {
    if let Some(seq) = what.send_again {
        match engine.send_again(seq).map_err(|e| op(t, e))? {
            Some(sending) => report(t, &format!("{} {seq}", t.mail.number), &[sending])?,
            None => anyhow::bail!(UserError(crate::i18n::fill(t.mail.no_such_outgoing, &[&seq.to_string()]))),
        }
    }
    if let Some(seq) = what.mark_sent {
        if !engine.mark_outgoing_sent(seq).map_err(|e| op(t, e))? {
            anyhow::bail!(UserError(crate::i18n::fill(t.mail.no_such_outgoing, &[&seq.to_string()])));
        }
        writeln!(std::io::stdout(), "{}", crate::i18n::fill(t.mail.marked_sent, &[&seq.to_string()]))?;
    }
    // reading the outbox sends nothing; --send sends what waits
    if what.send {
        engine.send_waiting().map_err(|e| op(t, e))?;
    }
    let all = engine.outgoing_all(500).map_err(|e| op(t, e))?;
    if json {
        return print_json(&Value::Array(all.iter().map(outgoing_json).collect()));
    }
    let mut out = std::io::stdout().lock();
    if all.is_empty() {
        writeln!(out, "{}", t.mail.outbox_empty)?;
    }
    for o in all {
        writeln!(
            out,
            "{:>4} {} {:<14} {:<22} {:<30} {:<26} {}",
            o.seq,
            clock::local_datetime(o.at),
            o.message,
            present::kind_label(t, o.kind),
            super::truncate(&crate::core::sanitize::line(&o.recipient), 30),
            present::state_label(t, o.state),
            crate::core::sanitize::line(&o.error.unwrap_or_default()),
        )?;
    }
    Ok(())
}
