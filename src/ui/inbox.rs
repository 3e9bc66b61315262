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

/// The list's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Received,
    Age,
    From,
    Subject,
    Due,
    /// The status in full (13) or compact (8).
    Status(bool),
    Assignee,
    Dnr,
}

/// The columns that fit `width`, with their widths. They give way as the
/// terminal narrows — handläggare first, then the diarienummer, the age,
/// the status, the received time — and the sender and subject last; the
/// subject takes what wider terminals give.
fn layout(width: u16) -> Vec<(Col, Constraint)> {
    use Col::*;
    use Constraint::{Fill, Length};
    match width {
        120.. => vec![
            (Received, Length(12)),
            (Age, Length(8)),
            (From, Length(20)),
            (Subject, Fill(1)),
            (Due, Length(11)),
            (Status(true), Length(13)),
            (Assignee, Length(11)),
            (Dnr, Length(14)),
        ],
        100..=119 => vec![
            (Received, Length(12)),
            (Age, Length(5)),
            (From, Length(14)),
            (Subject, Fill(1)),
            (Due, Length(6)),
            (Status(false), Length(8)),
            (Assignee, Length(8)),
            (Dnr, Length(12)),
        ],
        80..=99 => vec![
            (Received, Length(12)),
            (Age, Length(5)),
            (From, Length(11)),
            (Subject, Fill(1)),
            (Due, Length(6)),
            (Status(false), Length(8)),
            (Dnr, Length(12)),
        ],
        64..=79 => vec![
            (Received, Length(12)),
            (From, Length(12)),
            (Subject, Fill(1)),
            (Due, Length(6)),
            (Status(false), Length(8)),
        ],
        44..=63 => vec![(Received, Length(6)), (From, Length(10)), (Subject, Fill(1)), (Due, Length(6))],
        _ => vec![(From, Fill(1)), (Subject, Fill(2))],
    }
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

fn row<'a>(app: &App, item: &'a Item, cols: &[(Col, Constraint)], selected: bool) -> Row<'a> {
    let t = app.texts();
    let m = &item.msg;
    let mark = if app.list.marked.contains(&m.id) { "*" } else { " " };
    let cells = cols.iter().map(|(c, w)| match c {
        Col::Received if *w == Constraint::Length(6) => {
            // narrow: the day, with the mark
            let full = received_label(m.received, app.today.year());
            Cell::from(format!("{mark}{}", &full[..5.min(full.len())]))
        }
        Col::Received => Cell::from(format!("{mark}{}", received_label(m.received, app.today.year()))),
        // wide: "10 arb.d" under "Ålder", narrow: "10 d"
        Col::Age if *w == Constraint::Length(8) => {
            Cell::from(Text::from(fill(t.desk.age_long, &[&item.age])).right_aligned())
        }
        Col::Age => Cell::from(Text::from(fill(t.age_days, &[&item.age])).right_aligned()),
        Col::From => Cell::from(present::sender_label(t, &m.summary)),
        Col::Subject => subject_cell(app, m, t),
        Col::Due => due_cell(app, item),
        Col::Status(full) => Cell::from(if app.jobs.under_way.contains(&m.id) {
            t.status_under_way
        } else if *full {
            present::status_label(t, m)
        } else {
            present::status_short(t, m)
        }),
        Col::Assignee => Cell::from(m.triage.assignee.clone().unwrap_or_default()),
        Col::Dnr => match (&item.suggested, m.triage.diarienummer.is_none()) {
            // a follow-up's number, not taken yet (F takes it)
            (Some(s), true) => Cell::from(format!("{}?", s.diarienummer)).style(style_dim()),
            _ => Cell::from(present::dnr_label(t, m)),
        },
    });
    let cells: Vec<Cell> = cells.collect();
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
        Deadline::Done if item.msg.answer_state() == crate::core::records::AnswerState::NotNeeded => {
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
    let cols = layout(area.width);
    let received = format!(" {}", t.col_received);
    let header: Vec<&str> = cols
        .iter()
        .map(|(c, w)| match c {
            Col::Received if *w == Constraint::Length(6) => " ",
            Col::Received => received.as_str(),
            Col::Age => t.col_age,
            Col::From => t.col_from,
            Col::Subject => t.col_subject,
            Col::Due if *w == Constraint::Length(11) => t.desk.col_due_long,
            Col::Due => t.col_due,
            Col::Status(_) => t.col_status,
            Col::Assignee if *w == Constraint::Length(11) => t.col_assignee,
            Col::Assignee => t.col_assignee_short,
            Col::Dnr => t.col_dnr,
        })
        .collect();
    let rows_on_screen = usize::from(area.height.saturating_sub(1));
    let end = (app.list.offset + rows_on_screen).min(app.list.visible.len());
    let rows = (app.list.offset..end).filter_map(|pos| {
        let item = app.list.items.get(*app.list.visible.get(pos)?)?;
        Some(row(app, item, &cols, pos == app.list.selected))
    });
    let widths: Vec<Constraint> = cols.iter().map(|(_, w)| *w).collect();
    let table = Table::new(rows, widths).header(Row::new(header).style(style_header())).column_spacing(1);
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
