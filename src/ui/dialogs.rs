//! Dialog boxes: the handläggare picker, the diarienummer / reason input,
//! and the delete confirmation or refusal. Errors from the rules are shown
//! inside the box, in red, with what would be valid.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::{centered, style_dim, style_error, style_selected};
use crate::app::dialog::{matching, Dialog};
use crate::app::App;
use crate::i18n::fill;

pub(super) fn input_line<'a>(label: &'a str, value: &'a str) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(value),
        Span::raw("▏"),
    ])
}

pub(super) fn error_lines(error: &Option<String>) -> Vec<Line<'_>> {
    match error {
        Some(e) => vec![Line::raw(""), Line::styled(e.as_str(), style_error())],
        None => vec![],
    }
}

pub(super) fn boxed(frame: &mut Frame, title: &str, lines: Vec<Line>, width: u16, height: u16) {
    let area: Rect = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(format!(" {title} "));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

pub fn draw(app: &App, frame: &mut Frame, dialog: &Dialog) {
    let t = app.texts();
    match dialog {
        Dialog::Kvittens { to, subject, text, error, .. } => {
            let m = t.mail;
            let line = crate::core::sanitize::line;
            let mut lines = vec![
                Line::raw(format!("{}: {}", m.preview_to, line(to))),
                Line::raw(format!("{}: {}", m.preview_subject, line(subject))),
                Line::raw(""),
            ];
            let room = usize::from(frame.area().height.saturating_sub(10)).max(3);
            lines.extend(text.lines().take(room).map(|l| Line::raw(line(l))));
            lines.extend(error_lines(error));
            lines.push(Line::raw(""));
            lines.push(Line::styled(app.keys_line(m.preview_keys), style_dim()));
            // long lines wrap in the box: count them as they will show
            let inner = 76;
            let h = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum::<usize>() as u16 + 2;
            boxed(frame, m.preview_title, lines, 78, h);
        }
        Dialog::Assign { query, selected, forward, error, .. } => {
            let found = matching(&app.directory, query);
            let mut lines = vec![
                if forward.as_ref().is_some_and(|f| f.in_note) {
                    Line::raw(format!("{}: {query}", t.assign_prompt))
                } else {
                    input_line(t.assign_prompt, query)
                },
                Line::raw(""),
            ];
            let room = usize::from(frame.area().height.saturating_sub(10)).max(3);
            let first = selected.saturating_sub(room.saturating_sub(1));
            if found.is_empty() {
                lines.push(Line::styled(t.assign_none, style_dim()));
            }
            for (i, h) in found.iter().enumerate().skip(first).take(room) {
                // who is away today, and who takes their messages
                let away = crate::core::absence::absent_on(&app.absences, &h.id, app.today)
                    .map(|a| {
                        let until = crate::i18n::fill(t.absent_until, &[&a.to]);
                        match &a.substitute {
                            Some(s) => format!(" · {until} → {s}"),
                            None => format!(" · {until}"),
                        }
                    })
                    .unwrap_or_default();
                let text = format!(" {:<8} {:<20} {}{away}", h.id, h.name, h.unit);
                lines.push(if i == *selected {
                    Line::styled(text, style_selected())
                } else {
                    Line::raw(text)
                });
            }
            if let Some(f) = forward {
                lines.push(Line::raw(""));
                lines.push(Line::raw(format!(
                    "[{}] {} (Tab)",
                    if f.on { "x" } else { " " },
                    t.mail.forward_toggle
                )));
                if f.on {
                    let cursor = if f.in_note { "▏" } else { "" };
                    let note = crate::core::sanitize::line(&f.note);
                    lines.push(Line::raw(format!(
                        "{} ({}): {note}{cursor}",
                        t.mail.note_label,
                        app.keys_line("{k:note}")
                    )));
                }
            }
            lines.extend(error_lines(error));
            lines.push(Line::raw(""));
            lines.push(Line::styled(app.keys_line(t.dialog_keys), style_dim()));
            let h = lines.len() as u16 + 2;
            boxed(frame, &for_marked(app, t.assign_title), lines, 64, h);
        }
        Dialog::Register { input, no_registration, error, reasons, pick, .. } => {
            let (title, prompt) = if *no_registration {
                (t.noreg_title, t.noreg_prompt)
            } else {
                (t.register_title, t.register_prompt)
            };
            let mut lines = vec![input_line(prompt, input), Line::raw("")];
            if *no_registration && !reasons.is_empty() {
                // the pick list; typed text wins over it
                for (i, r) in reasons.iter().enumerate() {
                    let text = format!(" {}", crate::core::sanitize::line(r));
                    let chosen = i == *pick && input.trim().is_empty();
                    lines.push(if chosen { Line::styled(text, style_selected()) } else { Line::raw(text) });
                }
                lines.push(Line::raw(""));
            }
            // Tab switches: say to what
            let tab = if *no_registration { t.register_tab_back } else { t.register_tab };
            lines.push(Line::styled(app.keys_line(tab), style_dim()));
            lines.extend(error_lines(error));
            lines.push(Line::raw(""));
            lines.push(Line::styled(app.keys_line(t.dialog_keys), style_dim()));
            let h = (lines.len() as u16 + 2).max(10);
            boxed(frame, &for_marked(app, title), lines, 64, h);
        }
        Dialog::Uncertain { what, .. } => {
            let lines = vec![
                Line::raw(what.as_str()),
                Line::raw(t.mail.uncertain_ask),
                Line::raw(""),
                Line::styled(app.keys_line(t.mail.uncertain_keys), style_dim()),
            ];
            boxed(frame, t.mail.uncertain_title, lines, 64, 8);
        }
        Dialog::Reassign { question, .. } => {
            let lines = vec![
                Line::raw(question.as_str()),
                Line::raw(""),
                Line::styled(app.keys_line(t.reassign_keys), style_dim()),
            ];
            boxed(frame, t.reassign_title, lines, 64, 7);
        }
        Dialog::DeleteConfirm { overdue, .. } => {
            let mut lines = Vec::new();
            if *overdue {
                lines.push(Line::styled(t.delete_overdue, style_error()));
                lines.push(Line::raw(""));
            }
            lines.extend([
                Line::raw(t.delete_confirm),
                Line::raw(""),
                Line::styled(app.keys_line(t.delete_yes_no), style_dim()),
            ]);
            let h = lines.len() as u16 + 2;
            boxed(frame, t.delete_title, lines, if *overdue { 64 } else { 50 }, h);
        }
        Dialog::DeleteRefused { reason, forceable, .. } => {
            let offer = app.keys_line(if *forceable { t.delete_force_offer } else { t.esc_close });
            let lines = vec![
                Line::styled(reason.as_str(), style_error()),
                Line::raw(""),
                Line::styled(offer, style_dim()),
            ];
            boxed(frame, t.delete_title, lines, 64, 7);
        }
        Dialog::ForceReason { input, error, .. } => {
            let mut lines = vec![input_line(t.force_prompt, input)];
            lines.extend(error_lines(error));
            lines.push(Line::raw(""));
            lines.push(Line::styled(app.keys_line(t.dialog_keys), style_dim()));
            boxed(frame, t.force_title, lines, 64, 8);
        }
        Dialog::Absent { who, absence, .. } => {
            let mut lines = vec![Line::raw(fill(t.absent_text, &[who, &absence.from, &absence.to]))];
            let keys = match &absence.substitute {
                Some(sub) => {
                    lines.push(Line::raw(fill(t.absent_sub, &[sub])));
                    fill(&app.keys_line(t.absent_keys), &[who])
                }
                None => fill(&app.keys_line(t.absent_keys_nosub), &[who]),
            };
            lines.push(Line::raw(""));
            lines.push(Line::styled(keys, style_dim()));
            boxed(frame, t.absent_title, lines, 64, 8);
        }
        Dialog::AbsenceForm { who, fields, field, error } => {
            let labels = [t.absence_from, t.absence_to, t.absence_sub];
            let mut lines: Vec<Line> = labels
                .iter()
                .zip(fields.iter())
                .enumerate()
                .map(|(i, (label, value))| {
                    if i == *field {
                        input_line(label, value)
                    } else {
                        Line::raw(format!("{label}: {value}"))
                    }
                })
                .collect();
            lines.extend(error_lines(error));
            lines.push(Line::raw(""));
            lines.push(Line::styled(app.keys_line(t.absence_keys), style_dim()));
            // the name as the directory has it, the id where it has none
            let name = app.directory.iter().find(|h| &h.id == who).map_or(who.as_str(), |h| h.name.as_str());
            boxed(frame, &fill(t.absence_title, &[&crate::core::sanitize::line(name)]), lines, 64, 10);
        }
        Dialog::Handover { input, error } => {
            let mut lines = vec![input_line(t.handover_prompt, input)];
            lines.extend(error_lines(error));
            lines.push(Line::raw(""));
            lines.push(Line::styled(app.keys_line(t.dialog_keys), style_dim()));
            boxed(frame, t.handover_title, lines, 72, 10);
        }
        Dialog::Threat { .. } => {
            let lines = vec![
                Line::raw(t.threat_advice),
                Line::raw(""),
                Line::styled(app.keys_line(t.threat_keys), style_dim()),
            ];
            boxed(frame, t.threat_title, lines, 70, 7);
        }
        Dialog::Save { names, selected, dir, danger, error, .. } => {
            let mut lines: Vec<Line> = names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    if i == *selected {
                        Line::styled(format!(" {n}"), style_selected())
                    } else {
                        Line::raw(format!(" {n}"))
                    }
                })
                .collect();
            lines.push(Line::raw(""));
            lines.push(input_line(t.save_dir, dir));
            if let Some(why) = danger {
                lines.push(Line::raw(""));
                lines.push(Line::styled(fill(&app.keys_line(t.save_danger), &[why]), style_error()));
            }
            lines.extend(error_lines(error));
            lines.push(Line::raw(""));
            lines.push(Line::styled(app.keys_line(t.save_keys), style_dim()));
            let h = lines.len() as u16 + 4;
            boxed(frame, t.save_title, lines, 72, h);
        }
        // drawn in the message row
        Dialog::Filter { .. } => {}
        Dialog::BulkConfirm { .. } | Dialog::Answer { .. } | Dialog::ThreatRecords { .. } => {
            super::dialogs_desk::draw(app, frame, dialog)
        }
    }
}

/// A dialog's title, with how many marked messages it acts on.
fn for_marked(app: &App, title: &str) -> String {
    match app.batch_size() {
        Some(n) => format!("{title} — {}", fill(app.texts().desk.bulk_for, &[&n])),
        None => title.to_string(),
    }
}
