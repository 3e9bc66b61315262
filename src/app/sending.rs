//! Sending from the TUI: the kvittens preview (send, edit in $EDITOR,
//! or record it without sending), a reply written in $EDITOR, the export
//! of the original for the diary, and what was sent shown in the message
//! view. Sending goes through the engine's worker where there is one.

use super::dialogs::{self, Dialog, DialogResult};
use super::App;
use crate::core::triage::Action;
use crate::engine::{OpError, SendJob, Sending};
use crate::present;

/// A text to write in the editor, which the event loop opens (it must
/// give the terminal away first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorRequest {
    pub id: String,
    pub start: String,
    pub reply: bool,
}

impl App {
    /// `K`: with sending set up, the kvittens as it would go (or why none
    /// may); without, the acknowledgement is recorded as before.
    pub(super) fn ask_kvittens(&mut self) {
        let Some(id) = self.target() else { return };
        if !self.engine.sends() {
            return self.perform(&id, Action::Acknowledge);
        }
        // the original is read for it
        let t = self.texts();
        self.say(t.loading.to_string(), false);
        self.job(crate::engine::Job::Preview { id });
    }

    /// The kvittens preview arrived (or why none may go).
    pub(super) fn previewed(&mut self, id: String, result: Result<crate::engine::KvittensPreview, OpError>) {
        let t = self.texts();
        self.done_waiting(t.loading);
        match result {
            Ok(p) => {
                self.dialog = Some(Dialog::Kvittens(dialogs::Kvittens {
                    id,
                    to: p.to,
                    subject: p.subject,
                    text: p.text,
                    error: None,
                }))
            }
            Err(e) => self.say(present::error_text(self.texts(), &e), true),
        }
    }

    /// `R`: a reply in the editor, as a new mail (the original is not quoted).
    pub(super) fn ask_reply(&mut self) {
        let Some(id) = self.target() else { return };
        if !self.engine.sends() {
            let t = self.texts();
            return self.say(present::not_sent_reason(t, &crate::engine::NotSent::NoSmtp), true);
        }
        self.editor = Some(EditorRequest { id, start: self.engine.reply_template(), reply: true });
    }

    /// The editor closed (the event loop has the terminal back).
    pub fn after_editor(&mut self, req: EditorRequest, result: Result<String, String>) {
        let t = self.texts();
        let text = match result {
            Ok(text) => text,
            Err(e) => return self.say(crate::i18n::fill(t.mail.editor_failed, &[&e]), true),
        };
        if text.trim().is_empty() {
            return self.say(t.mail.reply_empty.to_string(), true);
        }
        if req.reply {
            self.send(&req.id, SendJob::Reply { text });
        } else if let Some(Dialog::Kvittens(dialogs::Kvittens { text: shown, .. })) = &mut self.dialog {
            *shown = text;
        }
    }

    pub(super) fn on_send_dialog(&mut self, result: DialogResult) {
        match result {
            DialogResult::SendKvittens { id, text } => {
                self.dialog = None;
                self.send(&id, SendJob::Kvittens { template: None, text: Some(text), again: false });
            }
            DialogResult::EditKvittens { id, text } => {
                self.editor = Some(EditorRequest { id, start: text, reply: false });
            }
            DialogResult::AckOnly { id } => {
                self.dialog = None;
                self.perform(&id, Action::Acknowledge);
            }
            _ => {}
        }
    }

    /// The uncertain send about the message in view, as a question: send
    /// it again, or record it as sent.
    pub(super) fn ask_uncertain(&mut self) {
        let Some(id) = self.target() else { return };
        let t = self.texts();
        let sent = self.engine.outgoing_for(&id).unwrap_or_default();
        match sent.iter().rev().find(|o| o.state == crate::store::SendState::Sending) {
            Some(o) => {
                // as the message view lists it: kind, recipient, state
                let what = format!(
                    "{}  {}  {}",
                    present::kind_label(t, o.kind),
                    crate::core::sanitize::line(&o.recipient),
                    present::state_label(t, o.state)
                );
                self.dialog = Some(Dialog::Uncertain(dialogs::Uncertain { id, seq: o.seq, what }));
            }
            None => self.say(t.mail.no_uncertain.to_string(), false),
        }
    }

    /// A send job from a dialog (the worker, or here).
    pub(super) fn send_job(&mut self, id: &str, job: SendJob) {
        self.send(id, job)
    }

    /// Sends on the worker (or here, for a local mailbox).
    fn send(&mut self, id: &str, job: SendJob) {
        self.jobs.under_way.insert(id.to_string());
        let t = self.texts();
        self.say(t.under_way_flash.to_string(), false);
        self.job(crate::engine::Job::Send { id: id.to_string(), job });
    }

    /// What became of a kvittens or a reply.
    pub(super) fn sent_result(&mut self, id: &str, result: Result<Sending, OpError>) {
        self.jobs.under_way.remove(id);
        let t = self.texts();
        match result {
            Ok(s) => {
                let bad = !matches!(s, Sending::Sent { .. });
                self.say(present::sending_text(t, &s), bad);
            }
            Err(e) => self.say(present::error_text(t, &e), true),
        }
        let _ = self.reload_one(id);
        self.refresh_open(id);
    }

    /// What an action sent along (a forward, the diary copy), said after its outcome.
    pub(super) fn say_sent(&mut self, sent: &[Sending]) {
        let t = self.texts();
        let Some(last) = sent.last() else { return };
        let text = sent.iter().map(|s| present::sending_text(t, s)).collect::<Vec<_>>().join(" ");
        let previous = self.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default();
        let bad = !matches!(last, Sending::Sent { .. });
        self.say(format!("{previous} {text}").trim().to_string(), bad);
    }

    /// `E`: the original, byte for byte, with a JSON for the diary, into
    /// ./postrum-export.
    pub(super) fn export_selected(&mut self) {
        let Some(id) = self.target() else { return };
        self.export_one(&id);
    }

    pub(super) fn export_one(&mut self, id: &str) {
        let id = id.to_string();
        let dir = std::env::current_dir().unwrap_or_default().join("postrum-export");
        let t = self.texts();
        self.say(t.saving.to_string(), false);
        self.job(crate::engine::Job::Export { id, dir });
    }

    /// The original was written out for the diary (or why not).
    pub(super) fn exported(&mut self, result: Result<(std::path::PathBuf, std::path::PathBuf), OpError>) {
        let t = self.texts();
        match result {
            Ok((eml, meta)) => self.say(
                crate::i18n::fill(
                    t.mail.exported,
                    &[&super::home_relative(&eml), &super::home_relative(&meta)],
                ),
                false,
            ),
            Err(e) => self.say(present::error_text(t, &e), true),
        }
    }

    /// The open message's lines made anew (its state or what was sent changed).
    pub(super) fn refresh_open(&mut self, id: &str) {
        if matches!(&self.screen, super::Screen::Message { id: open, .. } if open == id) {
            if let Some(view) = self.cached_view(id) {
                self.show_view(id, view);
            }
        }
    }

    /// The lines under a message: what postrum sent about it.
    pub(super) fn sent_lines(&self, id: &str) -> Vec<String> {
        present::sent_lines(self.texts(), &self.engine.outgoing_for(id).unwrap_or_default())
    }

    /// What the register dialog starts with: the diarienummer the subject
    /// holds ("Komplettering BN 2026/412"), else the series last used
    /// ("KS 2026/"), else nothing.
    pub(super) fn register_prefill(&self, id: &str) -> String {
        let pattern = &self.engine.settings.pattern;
        let subject = self.list.items.iter().find(|i| i.msg.id == id).map(|i| i.msg.summary.subject.clone());
        if let Some(found) = subject.and_then(|s| pattern.find_in(&s)) {
            return found;
        }
        let last = self.engine.log(200).ok().and_then(|entries| {
            entries.into_iter().find_map(|e| match e.action {
                Some(Action::Register { diarienummer }) if e.actor == self.engine.settings.actor => {
                    Some(diarienummer)
                }
                _ => None,
            })
        });
        last.map(|d| crate::core::diarienummer::series(&d)).unwrap_or_default()
    }
}
