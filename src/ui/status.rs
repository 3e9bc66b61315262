//! The title row (where you are, which mailbox, position), the message row
//! (the result of the last action, an error, the filter prompt, or the key
//! hints from the keymap) and the status bar (counts, waiting actions).

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{style_dim, style_error, style_ok, style_title};
use crate::app::dialogs::{self, Dialog};
use crate::app::keymap::ScreenKind;
use crate::app::{App, Screen, SortOrder, WarnView};
use crate::i18n::fill;

pub fn title(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.texts();
    let place = match &app.screen {
        Screen::Inbox => t.inbox_title,
        Screen::Message { .. } => t.message_title,
        Screen::Log { .. } => t.log_title,
        Screen::People { .. } => t.people_title,
        Screen::Calendar { .. } => t.calendar_title,
        Screen::Report { .. } => t.desk.report_title,
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
    let on_list = matches!(app.screen, Screen::Inbox | Screen::Message { .. });
    let position = if app.list.visible.is_empty() || !on_list {
        String::new()
    } else {
        format!(" {} ", fill(t.selected_of, &[&(app.list.selected + 1), &app.list.visible.len()]))
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

fn hints(app: &App, width: usize) -> String {
    let t = app.texts();
    let screen = ScreenKind::of(&app.screen);
    if screen == ScreenKind::Calendar {
        return app.keys_line(t.calendar_keys);
    }
    // each with the first of its keys in force
    let first = |e: &crate::app::keys::Entry| e.label().split(' ').next().unwrap_or_default().to_string();
    let back = app
        .keymap
        .entries
        .iter()
        .find(|e| e.command == crate::app::keymap::Command::Back)
        .filter(|_| screen != ScreenKind::Inbox)
        .map(|e| format!("{} {}", first(e), t.key_back));
    let mut items: Vec<String> = back
        .into_iter()
        .chain(
            app.keymap
                .entries
                .iter()
                .filter(|e| e.hint && e.context.applies(screen))
                .map(|e| format!("{} {}", first(e), (e.desc)(t))),
        )
        .collect();
    // too wide: the ones before help and quit give way, from the right
    let len = |items: &[String]| items.iter().map(|i| i.chars().count() + 3).sum::<usize>();
    while len(&items) > width + 3 && items.len() > 2 {
        items.remove(items.len() - 3);
    }
    items.join(" · ")
}

pub fn message_line(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.texts();
    let line = if let Some(Dialog::Filter(dialogs::Filter { input })) = &app.dialog {
        Line::from(vec![
            Span::styled(format!("{}: ", t.filter_label), Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(input.clone()),
            Span::styled("▏", Style::default().add_modifier(Modifier::SLOW_BLINK)),
        ])
    } else if let Some(f) = &app.flash {
        Line::from(Span::styled(f.text.clone(), if f.error { style_error() } else { style_ok() }))
    } else if matches!(app.screen, Screen::Inbox) && !app.list.marked.is_empty() {
        Line::from(vec![
            Span::styled(
                fill(t.desk.marked, &[&app.list.marked.len()]),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" · a · r · K · d · A · Esc {}", t.key_back), style_dim()),
        ])
    } else if matches!(app.screen, Screen::Inbox)
        && (!app.list.filter.is_empty()
            || app.list.sort != SortOrder::Oldest
            || app.list.warn != WarnView::All)
    {
        let shown = if app.list.warn == WarnView::All {
            show_label(app)
        } else {
            format!("{}, {}", show_label(app), warn_label(app))
        };
        let mut spans = vec![Span::styled(fill(t.view_line, &[&shown, &sort_label(app)]), style_dim())];
        if !app.list.filter.is_empty() {
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(
                format!("{}: ", t.filter_label),
                Style::default().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::raw(app.list.filter.clone()));
            spans.push(Span::styled(format!("   (Esc: {})", t.key_back), style_dim()));
        }
        Line::from(spans)
    } else {
        Line::from(Span::styled(hints(app, usize::from(area.width)), style_dim()))
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub fn status_bar(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.texts();
    let c = app.counts;
    let mut spans =
        vec![Span::raw(format!(" {}", fill(t.counts, &[&c.total, &c.new, &c.in_progress, &c.awaiting])))];
    if app.offline.is_some() {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            fill(t.offline_bar, &[&app.waiting]),
            super::fg(app, app.theme.warn).add_modifier(Modifier::BOLD),
        ));
    } else if app.waiting > 0 {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            fill(t.waiting, &[&app.waiting]),
            super::fg(app, app.theme.warn).add_modifier(Modifier::BOLD),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(style_title()), area);
}

/// The name of the view showing (lower case, as the message line says it).
fn show_label(app: &App) -> String {
    super::views::view_name(app, app.list.tab).to_lowercase()
}

fn sort_label(app: &App) -> &'static str {
    let t = app.texts();
    match app.list.sort {
        SortOrder::Oldest => t.sort_oldest,
        SortOrder::Newest => t.sort_newest,
        SortOrder::Due => t.sort_due,
    }
}

fn warn_label(app: &App) -> &'static str {
    let t = app.texts();
    match app.list.warn {
        WarnView::All => t.warn_all,
        WarnView::Suspicious => t.warn_suspicious,
        WarnView::Personal => t.warn_personal,
        WarnView::NoBulk => t.warn_nobulk,
        WarnView::PublicRequests => t.warn_public,
    }
}
