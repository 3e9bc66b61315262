//! The handläggare screen: the directory with each person's absence today
//! and coming absences with substitutes; `f` adds an absence.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Row, Table};
use ratatui::Frame;

use super::{style_header, style_selected};
use crate::app::App;
use crate::core::absence::absent_on;
use crate::i18n::fill;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let t = app.texts();
    let rows = app.directory.iter().enumerate().map(|(i, h)| {
        // each absence says who wrote it and when (on this postrum or a
        // colleague's: absences travel through the server)
        let by = |a: &crate::core::absence::Absence| {
            fill(t.written_by, &[&a.by, &crate::core::clock::local_datetime(a.at)])
        };
        let now = absent_on(&app.absences, &h.id, app.today).map(|a| {
            let sub = a.substitute.clone().unwrap_or_else(|| t.nobody.to_string());
            format!("{} → {sub} {}", fill(t.until, &[&a.to]), by(a))
        });
        let coming: Vec<String> = app
            .absences
            .iter()
            .filter(|a| a.who == h.id && a.from > app.today)
            .map(|a| format!("{}–{} {}", a.from, a.to, by(a)))
            .collect();
        let absence = now.into_iter().chain(coming).collect::<Vec<_>>().join("; ");
        let row = Row::new(vec![h.id.clone(), h.name.clone(), h.unit.clone(), absence]);
        if i == selected {
            row.style(style_selected())
        } else {
            row
        }
    });
    let widths = [Constraint::Length(8), Constraint::Length(18), Constraint::Length(16), Constraint::Fill(1)];
    let header =
        Row::new(vec![t.handlaggare_cols[0], t.handlaggare_cols[1], t.handlaggare_cols[3], t.absent_title]);
    frame
        .render_widget(Table::new(rows, widths).header(header.style(style_header())).column_spacing(1), area);
}
