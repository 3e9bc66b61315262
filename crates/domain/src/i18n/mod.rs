//! All user-facing text, in Swedish (default, `sv.rs`) and English
//! (`en.rs`). Nothing else in postrum holds UI words: widgets, dialogs, the
//! CLI and error messages shown to users take them from here. `{0}`, `{1}`
//! are filled by `fill`.

pub mod config;
pub mod desk;
pub mod dialog_keys;
pub mod doctor;
mod en;
pub mod mail;
pub mod oauth;
mod parse;
pub use parse::SV as SV_PARSE;
#[cfg(test)]
mod holes_tests;
mod sv;

pub use en::EN;
pub use sv::SV;

use serde::Deserialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

pub struct Texts {
    pub doctor_fails: &'static str,
    pub delete_overdue: &'static str,
    pub w_public_request: &'static str,
    pub warn_public: &'static str,
    pub err_register_args: &'static str,
    pub err_some_refused: &'static str,
    /// The words of sending mail.
    pub mail: &'static mail::MailTexts,
    /// The words of the records office's day (answer state, views, marks,
    /// threats, follow-ups, the report).
    pub desk: &'static desk::DeskTexts,
    /// What the dialogs' keys do.
    pub dkeys: &'static dialog_keys::DialogKeyTexts,
    pub col_received: &'static str,
    pub col_age: &'static str,
    pub col_from: &'static str,
    pub col_subject: &'static str,
    pub col_status: &'static str,
    pub col_assignee: &'static str,
    pub col_assignee_short: &'static str,
    pub col_dnr: &'static str,
    pub status_new: &'static str,
    pub status_assigned: &'static str,
    pub status_registered: &'static str,
    pub status_handled: &'static str,
    pub status_deleted: &'static str,
    pub status_deleting: &'static str,
    pub no_registration_short: &'static str,
    pub corrupt_row: &'static str,
    pub unreadable_row: &'static str,
    pub no_subject: &'static str,
    pub unknown_sender: &'static str,
    pub unnamed_attachment: &'static str,
    pub age_days: &'static str,
    pub inbox_title: &'static str,
    pub message_title: &'static str,
    pub counts: &'static str,
    pub waiting: &'static str,
    pub replayed: &'static str,
    pub demo_note: &'static str,
    pub demo_title: &'static str,
    pub filter_label: &'static str,
    pub empty_inbox: &'static str,
    pub empty_filter: &'static str,
    pub help_title: &'static str,
    /// The help's page of the screens' keys (beside the dialogs').
    pub help_screens: &'static str,
    pub help_close: &'static str,
    pub key_down: &'static str,
    pub key_up: &'static str,
    pub key_page_down: &'static str,
    pub key_page_up: &'static str,
    pub key_top: &'static str,
    pub key_bottom: &'static str,
    pub key_open: &'static str,
    pub key_back: &'static str,
    pub key_assign: &'static str,
    pub key_register: &'static str,
    pub key_delete: &'static str,
    pub key_filter: &'static str,
    pub key_sort: &'static str,
    pub key_log: &'static str,
    pub key_help: &'static str,
    pub key_quit: &'static str,
    pub hdr_from: &'static str,
    pub hdr_to: &'static str,
    pub hdr_date: &'static str,
    pub hdr_subject: &'static str,
    pub hdr_id: &'static str,
    pub hdr_triage: &'static str,
    pub attachments: &'static str,
    pub attachments_note: &'static str,
    pub html_note: &'static str,
    pub empty_body: &'static str,
    pub assign_title: &'static str,
    pub assign_prompt: &'static str,
    pub assign_none: &'static str,
    pub register_title: &'static str,
    pub register_prompt: &'static str,
    pub register_tab: &'static str,
    /// In the no-registration mode: Tab goes back to a diarienummer.
    pub register_tab_back: &'static str,
    pub noreg_title: &'static str,
    pub noreg_prompt: &'static str,
    pub dialog_keys: &'static str,
    pub reassign_title: &'static str,
    /// {0} their handläggare, {1} who, {2} when, {3} yours
    pub reassign_question: &'static str,
    pub reassign_keys: &'static str,
    pub delete_title: &'static str,
    pub delete_confirm: &'static str,
    pub delete_yes_no: &'static str,
    pub delete_force_offer: &'static str,
    pub force_title: &'static str,
    pub force_prompt: &'static str,
    pub err_unknown_handlaggare: &'static str,
    pub err_invalid_dnr: &'static str,
    pub err_empty_reason: &'static str,
    pub err_already_deleted: &'static str,
    pub err_block_both: &'static str,
    pub err_block_assign: &'static str,
    pub err_block_register: &'static str,
    pub err_locked: &'static str,
    pub err_disk_full: &'static str,
    pub err_read_only: &'static str,
    pub err_no_message: &'static str,
    pub err_ambiguous: &'static str,
    pub done_assigned: &'static str,
    pub done_registered: &'static str,
    pub done_noreg: &'static str,
    pub done_deleted: &'static str,
    pub done_waiting: &'static str,
    pub log_title: &'static str,
    pub log_cols: [&'static str; 6],
    pub log_pending: &'static str,
    pub log_applied: &'static str,
    pub log_failed: &'static str,
    /// A colleague's journal entry that the server contradicts.
    pub log_contradicted: &'static str,
    /// A journal entry claiming a time far from when it appeared ({0}).
    pub log_time_far: &'static str,
    pub act_assign: &'static str,
    pub act_register: &'static str,
    pub act_noreg: &'static str,
    pub act_delete: &'static str,
    pub act_delete_forced: &'static str,
    /// A journal entry postrum cannot read (skipped; logged once).
    pub act_journal_unreadable: &'static str,
    pub act_journal_newer: &'static str,
    /// The note of a journal entry of a kind a newer postrum wrote.
    pub log_newer: &'static str,
    pub handlaggare_cols: [&'static str; 4],
    pub selected_of: &'static str,
    pub err_absence_order: &'static str,
    pub err_own_substitute: &'static str,
    pub err_bad_date: &'static str,
    pub done_ack: &'static str,
    pub act_ack: &'static str,
    pub key_ack: &'static str,
    pub key_calendar: &'static str,
    pub key_people: &'static str,
    pub key_handover: &'static str,
    pub col_due: &'static str,
    pub due_today: &'static str,
    pub sort_oldest: &'static str,
    pub sort_newest: &'static str,
    pub sort_due: &'static str,
    pub view_line: &'static str,
    pub absent_title: &'static str,
    pub absent_text: &'static str,
    pub absent_sub: &'static str,
    pub absent_keys: &'static str,
    pub absent_keys_nosub: &'static str,
    pub absent_until: &'static str,
    pub until: &'static str,
    pub absent_cli: &'static str,
    pub nobody: &'static str,
    pub cov_today_gap: &'static str,
    pub cov_today: &'static str,
    pub cov_next: &'static str,
    pub cov_gaps: &'static str,
    pub cov_unwatched: &'static str,
    pub cov_title: &'static str,
    pub kind_helgdag: &'static str,
    pub kind_afton: &'static str,
    pub kind_klamdag: &'static str,
    pub kind_short: &'static str,
    pub kind_closed: &'static str,
    pub handover_title: &'static str,
    pub handover_from: &'static str,
    pub handover_none: &'static str,
    pub handover_summary: &'static str,
    pub handover_absent: &'static str,
    pub handover_prompt: &'static str,
    /// Above the box for a new note: the latest notes, newest first.
    pub handover_recent: &'static str,
    pub handover_saved: &'static str,
    pub any_key: &'static str,
    pub people_title: &'static str,
    pub absence_title: &'static str,
    pub absence_from: &'static str,
    pub absence_to: &'static str,
    pub absence_sub: &'static str,
    pub absence_keys: &'static str,
    pub absence_saved: &'static str,
    pub calendar_title: &'static str,
    pub calendar_legend: &'static str,
    pub calendar_keys: &'static str,
    pub roster_label: &'static str,
    pub watched_label: &'static str,
    pub err_block_threat: &'static str,
    pub err_block_sensitive: &'static str,
    pub done_threat: &'static str,
    pub act_threat: &'static str,
    pub key_threat: &'static str,
    pub key_reply: &'static str,
    pub key_uncertain: &'static str,
    pub key_export: &'static str,
    pub key_warn: &'static str,
    pub key_absence: &'static str,
    pub key_save: &'static str,
    pub threat_title: &'static str,
    pub threat_advice: &'static str,
    pub threat_keys: &'static str,
    pub status_threat: &'static str,
    pub warnings_title: &'static str,
    pub w_auth_fail: &'static str,
    pub w_display_name_spoof: &'static str,
    pub w_reply_to_mismatch: &'static str,
    pub w_lookalike_domain: &'static str,
    pub w_link_mismatch: &'static str,
    pub w_dangerous_attachment: &'static str,
    pub w_personnummer: &'static str,
    pub w_auto_reply: &'static str,
    pub w_bulk: &'static str,
    pub sensitive_note: &'static str,
    pub suspicious_note: &'static str,
    pub suspicious_no_contact: &'static str,
    pub note_truncated: &'static str,
    pub note_multipart: &'static str,
    pub note_encoding: &'static str,
    pub col_warn: &'static str,
    pub warn_all: &'static str,
    pub warn_suspicious: &'static str,
    pub warn_personal: &'static str,
    pub warn_nobulk: &'static str,
    pub save_title: &'static str,
    pub save_dir: &'static str,
    pub save_keys: &'static str,
    pub save_danger: &'static str,
    pub save_done: &'static str,
    pub save_none: &'static str,
    pub purge_done: &'static str,
    pub danger_rtl: &'static str,
    pub danger_double: &'static str,
    pub danger_exe: &'static str,
    pub danger_active: &'static str,
    pub danger_macro: &'static str,
    pub danger_archive: &'static str,
    pub offline_cli: &'static str,
    pub read_only_cli: &'static str,
    pub disk_full_cli: &'static str,
    pub offline_bar: &'static str,
    pub sync_label: &'static str,
    pub sync_progress: &'static str,
    pub sync_done: &'static str,
    pub sync_offline: &'static str,
    pub done_taken: &'static str,
    pub done_taken_unknown: &'static str,
    pub done_gone: &'static str,
    /// An attachment being saved (the message read from the server).
    pub saving: &'static str,
    /// The message view while the message is read from the server.
    pub loading: &'static str,
    /// Who wrote a roster entry or absence, and when ({0}, {1}).
    pub written_by: &'static str,
    /// The message open in the view left the mailbox meanwhile.
    pub open_message_gone: &'static str,
    /// An action sent to the engine's worker, not answered yet.
    pub under_way_flash: &'static str,
    pub under_way_lost: &'static str,
    /// The status column of a row whose action is under way.
    pub status_under_way: &'static str,
    /// Appended when the server refused the journal entry ({0}: why).
    pub done_without_journal: &'static str,
    pub esc_close: &'static str,
    pub save_danger_cli: &'static str,
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
}

impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

impl Texts {
    /// The language these texts are in.
    pub fn lang(&self) -> Lang {
        if std::ptr::eq(self, &EN) {
            Lang::En
        } else {
            Lang::Sv
        }
    }
}

/// Fills `{0}`, `{1}`, … in a template, in one pass (a value holding
/// "{1}" stays as it is). `{0|åtgärd|åtgärder}` is the word for the count
/// in `{0}`: the first form for exactly 1, the second otherwise.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let values: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        let mut parts = inner.split('|');
        let index = parts.next().and_then(|n| n.parse::<usize>().ok());
        match (index.and_then(|i| values.get(i)), parts.next(), parts.next()) {
            (Some(v), None, _) => out.push_str(v),
            (Some(v), Some(one), Some(many)) => out.push_str(if v == "1" { one } else { many }),
            _ => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_values_and_the_word_for_a_count() {
        let t = "{0} {0|åtgärd|åtgärder} väntar, {1} {1|ny|nya}";
        assert_eq!(fill(t, &[&1, &1]), "1 åtgärd väntar, 1 ny");
        assert_eq!(fill(t, &[&0, &3]), "0 åtgärder väntar, 3 nya");
        // a value is never read as a template, unknown braces stay
        assert_eq!(fill("{0}: {1}", &[&"{1}", &"x"]), "{1}: x");
        assert_eq!(fill("{x} {5} {0", &[&"a"]), "{x} {5} {0");
    }
}
