//! The help overlay, generated from the keymap table (the same table the
//! keys are looked up in), so it lists exactly what the keys do.

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{centered, style_dim};
use crate::app::App;

pub fn draw(app: &App, frame: &mut Frame) {
    let t = app.texts();
    // the screens' keys, or (Tab) the dialogs'
    let entries: Vec<String> = app
        .keymap
        .entries
        .iter()
        .filter(|e| e.context.second_help_page() == app.help_dialogs)
        .map(|e| format!(" {:<11} {}", e.label(), (e.desc)(t)))
        .collect();
    // the rows between the borders, the footer and (where there is room) a
    // blank line above it
    let room = usize::from(frame.area().height.saturating_sub(3)).max(1);
    // one column when it fits, else two side by side, narrowed to the
    // terminal; what still does not fit ends in "…" above the footer
    let inner = usize::from(frame.area().width.saturating_sub(2)).max(20);
    let (columns, col_width) = if entries.len() < room { (1, 46) } else { (2, 38) };
    let col_width = col_width.min(inner / columns).max(10);
    let rows = entries.len().div_ceil(columns);
    let blank = rows < room;
    let shown = rows.min(room - usize::from(blank));
    let mut lines: Vec<Line> = (0..shown)
        .map(|r| {
            let cells: Vec<String> = (0..columns)
                .filter_map(|c| entries.get(c * rows + r))
                .map(|e| {
                    let cut: String = e.chars().take(col_width - 1).collect();
                    format!("{cut:<col_width$}")
                })
                .collect();
            Line::from(cells.concat())
        })
        .collect();
    if shown < rows {
        lines.pop();
        lines.push(Line::styled(" …", style_dim()));
    }
    if blank {
        lines.push(Line::raw(""));
    }
    let other = if app.help_dialogs { t.help_screens } else { t.dkeys.page };
    let footer = format!(" Tab: {other} · {}", app.keys_line(t.help_close));
    let width = (columns * col_width).max(footer.chars().count() + 1).min(inner);
    lines.push(Line::styled(footer, style_dim()));
    let area = centered(frame.area(), width as u16 + 2, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(match app.help_dialogs {
            true => format!(" {} — {} ", t.help_title, t.dkeys.heading),
            false => format!(" {} ", t.help_title),
        })
        .title_style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The start notice: coverage warning and handover note; any key closes.
pub fn notice(app: &App, frame: &mut Frame, lines: &[String]) {
    let t = app.texts();
    let width = frame.area().width.saturating_sub(4).min(90);
    let mut text: Vec<Line> = lines.iter().map(|l| Line::raw(l.as_str())).collect();
    text.push(Line::raw(""));
    text.push(Line::styled(format!(" {}", t.any_key), style_dim()));
    let wrapped: usize = lines.iter().map(|l| l.chars().count() / usize::from(width.max(10)) + 1).sum();
    let area = centered(frame.area(), width, (wrapped + 4) as u16);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", app.notice_title.unwrap_or(t.cov_title)))
        .title_style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }).block(block), area);
}
