//! The non-interactive subcommands: each opens the same engine as the TUI
//! and performs the same actions through it. Output is plain text or one
//! JSON document; errors are one line on stderr and a non-zero exit.

pub mod args;
pub use shell::{completions, man_page};
mod coverage;
mod desk;
mod json;
mod list;
pub mod login;
mod mail;
pub mod parse_error;
mod reading;
mod shell;
mod stream;

use std::io::Write;

use anyhow::Result;

use crate::core::clock;
use crate::core::triage::Action;
use crate::engine::{Engine, Item, OpError, Opened};
use crate::i18n::Texts;
use crate::present;
use args::Command;

/// A refusal or failure already phrased for the user.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

fn op(t: &Texts, e: OpError) -> anyhow::Error {
    UserError(present::error_text(t, &e)).into()
}

fn item_for(engine: &Engine, t: &Texts, id: &str) -> Result<Item> {
    let id = engine.resolve(id).map_err(|e| op(t, e))?;
    engine
        .items(clock::today())
        .map_err(|e| op(t, e))?
        .into_iter()
        .find(|i| i.msg.id == id)
        .ok_or_else(|| op(t, OpError::NoSuchMessage(id)))
}

/// One JSON document: pretty at a terminal, compact into a pipe or file.
fn print_json(v: &serde_json::Value) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if stream::Shape::choose(false) == stream::Shape::Pretty {
        serde_json::to_writer_pretty(&mut out, v)?;
    } else {
        serde_json::to_writer(&mut out, v)?;
    }
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// `postrum calendar`, which needs no mailbox: only the config.
pub fn calendar_only(global: &args::Global, year: Option<i16>, json: bool) -> Result<()> {
    let path = crate::config::config_path(global.config.as_deref())?;
    let config = crate::config::load_checked(&path, global.lang, Some(crate::app::settings::check_tables))?
        .unwrap_or_default();
    let account = config.account(global.account.as_deref());
    let cal = crate::core::calendar::Calendar::new(config.calendar(account));
    let t = global.lang.unwrap_or(config.language).texts();
    coverage::calendar(&cal, t, year, json)
}

/// Runs one subcommand on an opened mailbox.
pub fn run(opened: Opened, command: Command) -> Result<()> {
    let t = opened.lang.texts();
    let offline_why = opened.offline.as_ref().map(|e| present::offline_detail(t, e));
    if let Some(why) = &offline_why {
        let waiting = opened.engine.waiting();
        eprintln!("postrum: {}", crate::i18n::fill(t.offline_cli, &[why, &waiting]));
    }
    match opened.read_only {
        Some(crate::store::ReadOnlyWhy::Permissions) => eprintln!("postrum: {}", t.read_only_cli),
        Some(crate::store::ReadOnlyWhy::DiskFull) => eprintln!("postrum: {}", t.disk_full_cli),
        None => {}
    }
    let offline = opened.offline.is_some();
    let mut engine = opened.engine;
    match command {
        cmd @ Command::List { .. } => list::run(&mut engine, t, cmd),
        Command::Show { id, json } => reading::show(&mut engine, t, &id, json),
        Command::Assign { mut args, no_forward, note, reassign } => {
            let who = args.pop().unwrap_or_default();
            let choice = crate::engine::ForwardChoice { forward: !no_forward, note, expect: None, reassign };
            each(t, &args, |id| {
                mail::act_and_send(&mut engine, t, id, Action::Assign { who: who.clone() }, &choice)
            })?;
            if let Ok(Some(a)) = engine.absence_on(&who, clock::today()) {
                let sub = a.substitute.clone().unwrap_or_else(|| t.nobody.to_string());
                eprintln!("postrum: {}", crate::i18n::fill(t.absent_cli, &[&a.who, &a.from, &a.to, &sub]));
            }
            Ok(())
        }
        Command::Sync => reading::sync(&mut engine, t, offline),
        Command::Ack { ids, send: false, .. } => {
            each(t, &ids, |id| act(&mut engine, t, id, Action::Acknowledge))
        }
        Command::Ack { ids, send: true, template, again, preview } => {
            each(t, &ids, |id| mail::ack_send(&mut engine, t, id, template.as_deref(), again, preview))
        }
        Command::Reply { id } => mail::reply(&mut engine, t, &id),
        Command::Export { id, dir } => mail::export(&mut engine, t, &id, &dir),
        Command::Postlista { date, json, csv } => mail::postlista(&engine, t, date, json, csv),
        Command::Outbox { json, send, send_again, mark_sent } => {
            mail::outbox(&mut engine, t, json, mail::OutboxDo { send, send_again, mark_sent })
        }
        Command::Doctor { json } => doctor(&mut engine, t, offline_why.as_deref(), json),
        Command::Threat { id, manager, police_date, police_ref } => {
            desk::threat(&mut engine, t, &id, manager, police_date.zip(police_ref))
        }
        Command::Answer { args } => desk::answer(&mut engine, t, args),
        Command::Report { from, to, json } => desk::report(&engine, t, from, to, json),
        Command::Attachment { id, number, save, yes } => {
            reading::attachment(&mut engine, t, &id, number, save, yes)
        }
        Command::Register { mut args, none } => {
            let action = match none {
                Some(reason) => Action::NoRegistration { reason },
                None if args.len() >= 2 => Action::Register { diarienummer: args.pop().unwrap_or_default() },
                None => anyhow::bail!(UserError(t.err_register_args.to_string())),
            };
            let choice = crate::engine::ForwardChoice::default();
            each(t, &args, |id| mail::act_and_send(&mut engine, t, id, action.clone(), &choice))
        }
        Command::Delete { ids, force, reason } => {
            let action =
                Action::Delete { force_reason: if force { Some(reason.unwrap_or_default()) } else { None } };
            each(t, &ids, |id| act(&mut engine, t, id, action.clone()))
        }
        Command::Log { json, jsonl, limit, purge } => reading::log(&mut engine, t, json, jsonl, limit, purge),
        Command::Handlaggare { json } => reading::handlaggare(&engine, t, json),
        Command::Calendar { year, json } => coverage::calendar(&engine.settings.calendar, t, year, json),
        Command::Completions { shell } => completions(shell),
        Command::Man => man_page(),
        // main runs these before any mailbox is opened
        Command::Login { .. } | Command::Logout => anyhow::bail!("login and logout need no open mailbox"),
        Command::Coverage { json } => coverage::coverage(&engine, t, json),
        Command::Roster { action } => coverage::roster(&mut engine, t, action),
        Command::Absence { action } => coverage::absence(&mut engine, t, action),
        Command::Handover { text, json } => coverage::handover(&mut engine, t, text, json),
    }
}

/// `postrum doctor`: each check a line, marked ✓ (fine), · (worth
/// knowing) or ✗ (will not work); non-zero exit when something will not.
fn doctor(engine: &mut Engine, t: &Texts, offline: Option<&str>, json: bool) -> Result<()> {
    use crate::engine::Level;
    let d = engine.doctor(offline);
    if json {
        print_json(&serde_json::to_value(&d)?)?;
    } else {
        let mut out = std::io::stdout().lock();
        writeln!(out, "postrum doctor · {}", crate::core::sanitize::line(&d.mailbox))?;
        for c in &d.checks {
            let mark = match c.level {
                Level::Ok => "✓",
                Level::Note => "·",
                Level::Fail => "✗",
            };
            writeln!(out, "{mark} {}", present::check_text(t, c))?;
        }
    }
    if d.fails() {
        anyhow::bail!(UserError(t.doctor_fails.to_string()));
    }
    Ok(())
}

/// An action on each of several messages, each its own logged action: a
/// refusal is said (on stderr) and the rest go on; the exit says how many
/// were refused.
fn each(t: &Texts, ids: &[String], mut f: impl FnMut(&str) -> Result<()>) -> Result<()> {
    if let [one] = ids {
        return f(one);
    }
    let mut refused = 0;
    for id in ids {
        if let Err(e) = f(id) {
            eprintln!("postrum: {}", crate::core::sanitize::line(&e.to_string()));
            refused += 1;
        }
    }
    if refused > 0 {
        anyhow::bail!(UserError(crate::i18n::fill(t.err_some_refused, &[&refused, &ids.len()])));
    }
    Ok(())
}

/// Logs this run as a session that watched the mailbox.
fn watch(engine: &mut Engine, t: &Texts) -> Result<()> {
    if engine.is_read_only() {
        return Ok(()); // nothing can be recorded; the actions say so themselves
    }
    engine.record_watch("cli").map_err(|e| op(t, e))
}

fn act(engine: &mut Engine, t: &Texts, id: &str, action: Action) -> Result<()> {
    watch(engine, t)?;
    let id = engine.resolve(id).map_err(|e| op(t, e))?;
    let (normalised, outcome) = engine.perform(&id, action).map_err(|e| op(t, e))?;
    if outcome.not_done() {
        anyhow::bail!(UserError(format!("{id}: {}", present::outcome_text(t, &normalised, &outcome))));
    }
    writeln!(std::io::stdout(), "{id}: {}", present::outcome_text(t, &normalised, &outcome))?;
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
