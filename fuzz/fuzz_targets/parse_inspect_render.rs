//! Fuzz target: raw bytes → list summary and inspection → the message view
//! → the lines `postrum show` prints (the TUI shows the same lines). Any
//! panic, or a control character in the output, is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postrum::core::inspect::InspectConfig;
use postrum::core::message;
use postrum::core::sanitize::is_clean;

fuzz_target!(|data: &[u8]| {
    let cfg = InspectConfig {
        own_domains: vec!["norrvik.se".into()],
        organisation_names: vec!["Norrviks kommun".into()],
        ..InspectConfig::default()
    };
    let summary = message::summarize(data, &cfg);
    let view = message::view(data, &cfg, false);
    let stored = postrum::store::StoredMessage {
        id: "x".into(),
        key: "k".into(),
        summary,
        received: 0,
        size: data.len() as u64,
        present: true,
        answered: false,
        triage: Default::default(),
        pending_delete: false,
    };
    let t = postrum::i18n::Lang::Sv.texts();
    let (lines, _) = postrum::present::message_lines(t, &stored, &view, Some("IT"));
    for l in &lines {
        assert!(is_clean(l), "unclean output line: {l:?}");
    }
    assert!(is_clean(&stored.summary.subject) && is_clean(&stored.summary.from_name));
});
