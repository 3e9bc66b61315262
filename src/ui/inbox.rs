//! The inbox list: received, age in working days, sender, subject, the
//! answer deadline, status, handläggare and diarienummer. Builds rows only for the visible window
//! of the App's filtered index, so 100,000 messages cost no more per frame
//! than 20.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Text;
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

use super::{fg, style_dim, style_header, style_selected};
use crate::app::App;
use crate::core::clock;
use crate::core::deadline::Deadline;
use crate::core::triage::Status;
use crate::engine::Item;
use crate::i18n::fill;
use crate::present;

/// Widths: received, age, from, subject, due, status, handläggare, dnr.
fn widths(wide: bool) -> Vec<Constraint> {
    let mut w = vec![
        Constraint::Length(12),
        Constraint::Length(5),
        Constraint::Fill(1),
        Constraint::Fill(2),
        Constraint::Length(6),
        Constraint::Length(13),
        Constraint::Length(if wide { 11 } else { 7 }),
    ];
    if wide {
        w.push(Constraint::Length(14));
    }
    w
}

/// Day and time; for mail from another year than this, the year instead
/// of the time ("28/08/2024").
fn received_label(ts: i64, this_year: i16) -> String {
    let dt = jiff::Timestamp::from_second(ts).unwrap_or(jiff::Timestamp::UNIX_EPOCH).to_zoned(clock::zone());
    if dt.year() == this_year {
        dt.strftime("%d/%m %H:%M").to_string()
    } else {
        dt.strftime("%d/%m/%Y").to_string()
    }
}

fn row<'a>(app: &App, item: &'a Item, wide: bool, selected: bool) -> Row<'a> {
    let t = app.texts();
    let m = &item.msg;
    let age = fill(t.age_days, &[&item.age]);
    let status = if app.under_way.contains(&m.id) { t.status_under_way } else { present::status_label(t, m) };
    let mark = if app.list.marked.contains(&m.id) { "*" } else { " " };
    let mut cells = vec![
        Cell::from(format!("{mark}{}", received_label(m.received, app.today.year()))),
        Cell::from(Text::from(age).right_aligned()),
        Cell::from(present::sender_label(t, &m.summary)),
        subject_cell(app, m, t),
        due_cell(app, item),
        Cell::from(status),
        Cell::from(m.triage.assignee.clone().unwrap_or_default()),
    ];
    if wide {
        cells.push(match (&item.suggested, m.triage.diarienummer.is_none()) {
            // a follow-up's number, not taken yet (F takes it)
            (Some(s), true) => Cell::from(format!("{}?", s.diarienummer)).style(style_dim()),
            _ => Cell::from(present::dnr_label(t, m)),
        });
    }
    let mut style = match m.triage.status() {
        Status::New => Style::default().add_modifier(Modifier::BOLD),
        Status::Handled | Status::NoRegistration => style_dim(),
        _ => Style::default(),
    };
    if m.summary.problem.is_some() {
        style = style.patch(fg(app, app.theme.alarm));
    }
    if app.list.marked.contains(&m.id) {
        style = style.add_modifier(Modifier::BOLD).patch(fg(app, app.theme.mark));
    }
    if selected {
        style = style_selected();
    }
    Row::new(cells).style(style)
}

/// The subject, after the warning badges (`!` suspicious, `P` personal
/// data, `A` automatic, `B` bulk, `T` threat).
fn subject_cell<'a>(app: &App, m: &crate::store::StoredMessage, t: &crate::i18n::Texts) -> Cell<'a> {
    let badges = present::badges(m);
    let subject = present::subject_label(t, &m.summary, m.size);
    if badges.is_empty() {
        return Cell::from(subject);
    }
    let color = if badges.contains('!') || badges.contains('T') { app.theme.alarm } else { app.theme.badge };
    Cell::from(ratatui::text::Line::from(vec![
        ratatui::text::Span::styled(badges, fg(app, color).add_modifier(Modifier::BOLD)),
        ratatui::text::Span::raw(" "),
        ratatui::text::Span::raw(subject),
    ]))
}

/// The deadline: the due date, "idag" when due today, "!" when overdue,
/// "✓" when answered or acknowledged, "–" when nobody waits for an answer
/// (bulk, automatic, no registration); coloured too, where colour is on.
fn due_cell<'a>(app: &App, item: &Item) -> Cell<'a> {
    let t = app.texts();
    let date = item.due.strftime("%d/%m").to_string();
    match item.deadline {
        Deadline::Overdue(_) => {
            Cell::from(format!("{date}!")).style(fg(app, app.theme.alarm).add_modifier(Modifier::BOLD))
        }
        Deadline::DueToday => {
            Cell::from(t.due_today).style(fg(app, app.theme.warn).add_modifier(Modifier::BOLD))
        }
        Deadline::Waiting => Cell::from(date),
        Deadline::Done if item.msg.answer_state() == crate::store::AnswerState::NotNeeded => {
            Cell::from("–").style(fg(app, app.theme.faint))
        }
        Deadline::Done => Cell::from("✓").style(fg(app, app.theme.ok)),
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.texts();
    if app.list.visible.is_empty() {
        let text = if app.list.items.is_empty() { t.empty_inbox } else { t.empty_filter };
        frame.render_widget(Paragraph::new(text).style(style_dim()), area);
        return;
    }
    let wide = area.width >= 100;
    let assignee = if wide { t.col_assignee } else { t.col_assignee_short };
    let received = format!(" {}", t.col_received);
    let mut header =
        vec![received.as_str(), t.col_age, t.col_from, t.col_subject, t.col_due, t.col_status, assignee];
    if wide {
        header.push(t.col_dnr);
    }
    let rows_on_screen = usize::from(area.height.saturating_sub(1));
    let end = (app.list.offset + rows_on_screen).min(app.list.visible.len());
    let rows = (app.list.offset..end).filter_map(|pos| {
        let item = app.list.items.get(*app.list.visible.get(pos)?)?;
        Some(row(app, item, wide, pos == app.list.selected))
    });
    let table =
        Table::new(rows, widths(wide)).header(Row::new(header).style(style_header())).column_spacing(1);
    frame.render_widget(table, area);
}

#[cfg(test)]
mod tests {
    #[test]
    fn old_mail_shows_its_year() {
        let ts = 1_724_850_000; // 2024-08-28 15:00 in Stockholm
        assert_eq!(super::received_label(ts, 2024), "28/08 15:00");
        assert_eq!(super::received_label(ts, 2026), "28/08/2024");
    }
}
