//! The desk dialogs drawn: a bulk action's confirmation, the answer state,
//! and a threat's records with the field being typed.

use ratatui::text::Line;
use ratatui::Frame;

use super::dialogs::{boxed, error_lines, input_line};
use super::style_dim;
use crate::app::dialog::Dialog;
use crate::app::App;

pub fn draw(app: &App, frame: &mut Frame, dialog: &Dialog) {
    let t = app.texts();
    let d = t.desk;
    match dialog {
        Dialog::BulkConfirm { n, job, overdue, sample } => {
            let question = crate::app::dialog_desk_question(t, job, *n);
            let mut lines = vec![Line::raw(question)];
            if let Some((subject, text)) = sample {
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
            let deleting =
                matches!(job, crate::app::bulk::BulkJob::Act(crate::core::triage::Action::Delete { .. }));
            if deleting && *overdue > 0 {
                lines.push(Line::styled(crate::i18n::fill(d.bulk_overdue, &[overdue]), super::style_error()));
            }
            lines.extend([Line::raw(""), Line::styled(app.keys_line(d.bulk_keys), style_dim())]);
            let wide = if sample.is_some() { 78 } else { 64 };
            let inner = usize::from(wide) - 2;
            let h = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum::<usize>() as u16 + 2;
            boxed(frame, d.bulk_title, lines, wide, h);
        }
        Dialog::Answer { .. } => {
            let title = match app.batch_size() {
                Some(n) => format!("{} — {}", d.answer_title, crate::i18n::fill(d.bulk_for, &[&n])),
                None => d.answer_title.to_string(),
            };
            let lines = vec![Line::raw(app.keys_line(d.answer_keys))];
            boxed(frame, &title, lines, 72, 3);
        }
        Dialog::ThreatRecords { lines: shown, input, error, .. } => {
            let mut lines: Vec<Line> = shown
                .iter()
                .flat_map(|l| l.split(" · ").map(|p| Line::raw(p.to_string())).collect::<Vec<_>>())
                .collect();
            lines.push(Line::raw(""));
            match input {
                None => lines.push(Line::styled(app.keys_line(d.threat_view_keys), style_dim())),
                Some(crate::app::ThreatInput::Manager(name)) => {
                    lines.push(input_line(d.manager_prompt, name))
                }
                Some(crate::app::ThreatInput::Police { fields, field }) => {
                    for (i, (label, value)) in
                        [d.police_date_prompt, d.police_ref_prompt].iter().zip(fields).enumerate()
                    {
                        lines.push(if i == *field {
                            input_line(label, value)
                        } else {
                            Line::raw(format!("{label}: {value}"))
                        });
                    }
                }
            }
            lines.extend(error_lines(error));
            if input.is_some() {
                lines.push(Line::raw(""));
                lines.push(Line::styled(app.keys_line(t.dialog_keys), style_dim()));
            }
            let h = lines.len() as u16 + 2;
            boxed(frame, d.threat_view_title, lines, 72, h);
        }
        _ => {}
    }
}
