//! The title row (where you are, which mailbox, position), the message row
//! (the result of the last action, an error, the filter prompt, or the key
//! hints from the keymap) and the status bar (counts, waiting actions).

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{style_dim, style_error, style_ok, style_title};
use crate::app::dialog::Dialog;
use crate::app::keymap::{Context, KEYMAP};
use crate::app::{App, Screen};
use crate::i18n::fill;

pub fn title(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.texts();
    let place = match &app.screen {
        Screen::Inbox => t.inbox_title,
        Screen::Message { .. } => t.message_title,
        Screen::Log { .. } => t.log_title,
    };
    let mut left = vec![Span::raw(" postrum · "), Span::raw(place)];
    if app.demo {
        left.push(Span::raw(" · "));
        left.push(Span::styled(t.demo_title, Style::default().add_modifier(Modifier::BOLD)));
        if let Some(path) = &app.config_hint {
            left.push(Span::raw(format!(" · {}", fill(t.demo_note, &[path]))));
        }
    } else {
        left.push(Span::raw(format!(" · {}", app.source_label)));
    }
    let position = if app.visible.is_empty() {
        String::new()
    } else {
        format!(" {} ", fill(t.selected_of, &[&(app.selected + 1), &app.visible.len()]))
    };
    let width = usize::from(area.width);
    let pos_w = position.chars().count();
    let line = Line::from(left);
    frame.render_widget(Paragraph::new(line).style(style_title()), area);
    if pos_w < width {
        let r = Rect { x: area.x + (width - pos_w) as u16, width: pos_w as u16, ..area };
        frame.render_widget(Paragraph::new(position).style(style_title()), r);
    }
}

fn hints(app: &App) -> String {
    let on_inbox = matches!(app.screen, Screen::Inbox);
    let on_message = !matches!(app.screen, Screen::Log { .. });
    let t = app.texts();
    let back = (!on_inbox).then(|| format!("Esc {}", t.key_back));
    back.into_iter()
        .chain(
            KEYMAP
                .iter()
                .filter(|b| b.hint)
                .filter(|b| match b.context {
                    Context::Global => true,
                    Context::Message => on_message,
                    Context::Inbox => on_inbox,
                })
                .map(|b| format!("{} {}", b.label.split(' ').next().unwrap_or(b.label), (b.desc)(t))),
        )
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn message_line(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.texts();
    let line = if let Some(Dialog::Filter { input }) = &app.dialog {
        Line::from(vec![
            Span::styled(format!("{}: ", t.filter_label), Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(input.clone()),
            Span::styled("▏", Style::default().add_modifier(Modifier::SLOW_BLINK)),
        ])
    } else if let Some(f) = &app.flash {
        Line::from(Span::styled(f.text.clone(), if f.error { style_error() } else { style_ok() }))
    } else if !app.filter.is_empty() && matches!(app.screen, Screen::Inbox) {
        Line::from(vec![
            Span::styled(format!("{}: ", t.filter_label), Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(app.filter.clone()),
            Span::styled(format!("   (Esc: {})", t.key_back), style_dim()),
        ])
    } else {
        Line::from(Span::styled(hints(app), style_dim()))
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub fn status_bar(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.texts();
    let (total, new, doing, done) = app.counts;
    let mut spans = vec![Span::raw(format!(" {}", fill(t.counts, &[&total, &new, &doing, &done])))];
    if app.waiting > 0 {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            fill(t.waiting, &[&app.waiting]),
            Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(style_title()), area);
}
