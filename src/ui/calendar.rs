//! The calendar view: a month grid marking helgdagar (H), aftnar (A),
//! klämdagar (K), short days (k), closures (S), working days with nobody
//! on the roster (!), past working days nobody watched (✗) and watched
//! days (✓); below it the selected day in words. Marks are text, so the
//! grid reads the same without colour.

use jiff::civil::Date;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{fg, style_dim};
use crate::app::App;
use crate::core::calendar::DayKind;
use crate::core::coverage::DayCoverage;
use crate::present;

fn marks(app: &App, d: &DayCoverage, since: Option<Date>) -> (String, Style) {
    let mut m = String::new();
    let mut style = Style::default();
    match d.info.named {
        Some((_, DayKind::Afton)) => {
            m.push('A');
            style = fg(app, app.theme.alarm);
        }
        Some(_) => {
            m.push('H');
            style = fg(app, app.theme.alarm);
        }
        None => {}
    }
    if d.info.klamdag {
        m.push('K');
        style = fg(app, app.theme.warn).add_modifier(Modifier::BOLD);
    }
    if d.info.short_day {
        m.push('k');
    }
    if d.info.closure {
        m.push('S');
        style = fg(app, app.theme.alarm);
    }
    if d.date >= app.today && d.is_gap() {
        m.push('!');
    }
    if d.must_watch() && d.date < app.today && since.is_some_and(|s| d.date >= s) {
        m.push(if d.watched_by.is_empty() { '✗' } else { '✓' });
    }
    (m, style)
}

pub fn draw(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    selected: Date,
    days: &[DayCoverage],
    since: Option<Date>,
) {
    let t = app.texts();
    let cell = usize::from(area.width / 7).clamp(6, 14);
    let mut lines = vec![
        Line::styled(
            format!(" {} {}", t.months[(selected.month() - 1) as usize], selected.year()),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::from(
            t.weekdays
                .iter()
                .map(|w| Span::raw(format!(" {w:<width$}", width = cell - 1)))
                .collect::<Vec<_>>(),
        ),
    ];
    for week in days.chunks(7) {
        let spans: Vec<Span> = week
            .iter()
            .map(|d| {
                let (m, mut style) = marks(app, d, since);
                if d.date.month() != selected.month() {
                    style = style_dim();
                }
                if d.date == app.today {
                    style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
                }
                if d.date == selected {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                // the roster: the first person's name, cut to what fits
                let who: String = match d.on_roster.as_slice() {
                    [] => String::new(),
                    [one] => one.clone(),
                    [first, ..] => format!("{first}+"),
                };
                let text = if m.is_empty() {
                    format!("{:>3}", d.date.day())
                } else {
                    format!("{:>3} {m}", d.date.day())
                };
                let room = cell.saturating_sub(text.chars().count() + 2);
                let text = if room >= 2 && !who.is_empty() {
                    let mut w: String = who.chars().take(room).collect();
                    if who.chars().count() > room {
                        w.pop();
                        w.push('…');
                    }
                    format!("{text} {w}")
                } else {
                    text
                };
                Span::styled(format!("{text:<cell$}"), style)
            })
            .collect();
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    if let Some(d) = days.iter().find(|d| d.date == selected) {
        let label = present::day_label(t, &d.info);
        lines.push(Line::styled(
            format!(
                " {} {}{}",
                present::weekday(t, d.date),
                d.date,
                if label.is_empty() { String::new() } else { format!(" — {label}") }
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        let roster = if d.on_roster.is_empty() { t.nobody.to_string() } else { d.on_roster.join(", ") };
        lines.push(Line::raw(format!(" {}: {roster}", t.roster_label)));
        if !d.watched_by.is_empty() {
            lines.push(Line::raw(format!(" {}: {}", t.watched_label, d.watched_by.join(", "))));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", t.calendar_legend), style_dim()));
    frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }), area);
}
