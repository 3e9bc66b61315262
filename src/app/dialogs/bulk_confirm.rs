//! Confirming a deletion or a kvittens for the marked set: how many, how
//! many of them are overdue with the sender told nothing, and a kvittens
//! as the first marked sender would get it.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui::Frame;

use super::{Component, Cx, DialogResult};
use crate::app::bulk::BulkJob;
use crate::app::keymap::{Command, ScreenKind};
use crate::core::records::Handlaggare;
use crate::core::triage::Action;
use crate::i18n::fill;
use crate::widgets::{boxed, style_dim, style_error};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkConfirm {
    pub n: usize,
    pub job: BulkJob,
    /// How many of them are overdue with the sender told nothing (said
    /// before a deletion, as for one message).
    pub overdue: usize,
    /// A kvittens for each: its subject and text as they come out for the
    /// first marked message.
    pub sample: Option<(String, String)>,
}

/// The job's words in the confirmation.
pub fn bulk_question(t: &crate::i18n::Texts, job: &BulkJob, n: usize) -> String {
    let text = match job {
        BulkJob::Act(Action::Delete { .. }) => t.desk.bulk_delete_confirm,
        _ => t.desk.bulk_ack_confirm,
    };
    fill(text, &[&n])
}

impl Component for BulkConfirm {
    fn kind(&self) -> ScreenKind {
        ScreenKind::Question
    }

    fn handle(&mut self, _key: &KeyEvent, cmd: Option<Command>, _dir: &[Handlaggare]) -> DialogResult {
        match cmd {
            Some(Command::Yes | Command::Confirm) => DialogResult::Bulk(self.job.clone()),
            Some(Command::No) => DialogResult::Close,
            _ => DialogResult::Stay,
        }
    }

    fn draw(&self, frame: &mut Frame, cx: &Cx) {
        let (t, d) = (cx.t, cx.t.desk);
        let mut lines = vec![Line::raw(bulk_question(t, &self.job, self.n))];
        if let Some((subject, text)) = &self.sample {
            // the kvittens as the first marked sender gets it
            let line = crate::core::sanitize::line;
            let room = usize::from(frame.area().height.saturating_sub(12)).clamp(2, 12);
            lines.extend([Line::raw(""), Line::styled(d.bulk_sample, style_dim())]);
            lines.push(Line::raw(format!("{}: {}", t.mail.preview_subject, line(subject))));
            lines.extend(text.lines().take(room).map(|l| Line::raw(line(l))));
            if text.lines().count() > room {
                lines.push(Line::raw("…"));
            }
        }
        let deleting = matches!(self.job, BulkJob::Act(Action::Delete { .. }));
        if deleting && self.overdue > 0 {
            lines.push(Line::styled(fill(d.bulk_overdue, &[&self.overdue]), style_error()));
        }
        lines.extend([Line::raw(""), Line::styled(cx.keys_line(d.bulk_keys), style_dim())]);
        let wide = if self.sample.is_some() { 78 } else { 64 };
        let inner = usize::from(wide) - 2;
        let h = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum::<usize>() as u16 + 2;
        boxed(frame, d.bulk_title, lines, wide, h);
    }
}
