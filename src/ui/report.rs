//! The report screen: received per day as a bar chart, the share answered
//! or acknowledged in time, the median time to kvittens, what is overdue
//! per handläggare, and the last eight weeks as a table.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{fg, style_dim};
use crate::app::App;
use crate::engine::Report;
use crate::i18n::fill;

/// The report as lines (shared by the screen and its test).
pub fn lines(app: &App, r: &Report, width: usize) -> Vec<Line<'static>> {
    let d = app.texts().desk;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut out = vec![Line::styled(fill(d.report_range, &[&r.from, &r.to]), bold), Line::raw("")];
    out.push(Line::styled(d.report_received.to_string(), bold));
    let max = r.received.iter().map(|x| x.count).max().unwrap_or(0).max(1);
    let room = width.saturating_sub(20).clamp(10, 50);
    for day in &r.received {
        let len = (day.count * room).div_ceil(max);
        let bar = "█".repeat(if day.count == 0 { 0 } else { len.max(1) });
        let date: jiff::civil::Date = day.date.parse().unwrap_or_default();
        out.push(Line::from(vec![
            ratatui::text::Span::raw(format!(
                "  {} {} {:>4} ",
                crate::present::weekday(app.texts(), date),
                date.strftime("%d/%m"),
                day.count
            )),
            ratatui::text::Span::styled(bar, fg(app, app.theme.mark)),
        ]));
    }
    out.push(Line::raw(""));
    let share = r.share_in_time.map_or_else(|| "–".to_string(), |s| format!("{:.0} %", s * 100.0));
    out.push(Line::raw(format!("{}: {share} ({} / {})", d.report_in_time, r.in_time, r.in_time + r.late)));
    let median =
        r.median_hours_to_kvittens.map_or_else(|| "–".to_string(), |h| format!("{h:.1} {}", d.hours));
    out.push(Line::raw(format!("{}: {median} ({})", d.report_median, r.kvittens_count)));
    out.push(Line::raw(""));
    out.push(Line::styled(d.report_overdue.to_string(), bold));
    if r.overdue.is_empty() {
        out.push(Line::styled(format!("  {}", d.report_none), style_dim()));
    }
    for o in &r.overdue {
        // the views row's "not assigned", for mail nobody has yet
        let who = o.assignee.clone().unwrap_or_else(|| d.views[1].to_lowercase());
        out.push(Line::raw(format!("  {:<14} {:>4}", crate::core::sanitize::line(&who), o.count)));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(d.report_weeks.to_string(), bold));
    let c = d.report_week_cols;
    out.push(Line::styled(format!("  {:<10} {:>8} {:>8} {:>10}", c[0], c[1], c[2], c[3]), style_dim()));
    // the newest week first
    for w in r.weeks.iter().rev() {
        let share = if w.in_time + w.late == 0 {
            "–".to_string()
        } else {
            format!("{:.0} %", w.in_time as f64 * 100.0 / (w.in_time + w.late) as f64)
        };
        out.push(Line::raw(format!("  {:<10} {:>8} {:>8} {:>10}", w.week, w.received, share, w.late)));
    }
    out
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, report: &Report, scroll: usize) {
    let all = lines(app, report, usize::from(area.width));
    let shown: Vec<Line> = all.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown), area);
}
