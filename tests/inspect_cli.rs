//! Inspection through the real binary on the demo mailbox: the warning
//! kinds of `show --json` on phishing, spoofed, macro, personnummer and
//! auto-reply mail; filters; threats and sensitive mail that must be
//! registered first; masked person numbers in list and log; saving
//! attachments; GDPR redaction of the log.

mod common;

use common::*;

fn kinds(data: &std::path::Path, needle: &str) -> Vec<String> {
    let id = id_of(data, needle);
    let shown = json(&postrum(data, &["show", &id, "--json"]));
    shown["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            assert!(!w["detail"].as_str().unwrap().is_empty() || w["kind"] == "personnummer");
            w["kind"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn show_json_names_the_right_warnings() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let phishing = kinds(d, "verifiera inom 24");
    for k in ["display_name_spoof", "reply_to_mismatch", "lookalike_domain", "link_mismatch"] {
        assert!(phishing.contains(&k.to_string()), "{k} in {phishing:?}");
    }
    assert_eq!(kinds(d, "ändrat bankgiro"), ["auth_fail", "display_name_spoof"]);
    assert!(kinds(d, "Uppdaterad lönelista").contains(&"dangerous_attachment".to_string()));
    assert_eq!(kinds(d, "försörjningsstöd"), ["personnummer"]);
    assert_eq!(kinds(d, "Automatiskt svar"), ["auto_reply"]);
    assert_eq!(kinds(d, "Kommunnytt vecka"), ["bulk"]);
    assert!(kinds(d, "attefallshus").is_empty());
    // the panel names the IT-security contact for suspicious mail
    let id = id_of(d, "ändrat bankgiro");
    let text = stdout(&postrum(d, &["show", &id]));
    assert!(
        text.contains("Avsändaren kunde inte verifieras") && text.contains("itsakerhet@norrvik.se"),
        "{text}"
    );
}

#[test]
fn lists_filter_by_warning() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let count = |args: &[&str]| {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        json(&postrum(d, &all)).as_array().unwrap().len()
    };
    let all = count(&[]);
    assert_eq!(count(&["--warning", "personnummer"]), 1);
    assert_eq!(count(&["--suspicious"]), 3, "phishing, CEO fraud, macro");
    assert_eq!(count(&["--hide-bulk"]), all - 4, "newsletter, advert, auto-reply, bounce");
    let bad = postrum(d, &["list", "--warning", "nonsense"]);
    assert!(!bad.status.success() && stderr(&bad).contains("auth_fail"));
}

#[test]
fn person_numbers_are_masked_in_list_and_log_but_not_in_the_message() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let id = id_of(d, "försörjningsstöd");
    let list = json(&postrum(d, &["list", "--json"]));
    let m = list.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap();
    assert!(m["subject"].as_str().unwrap().ends_with("pnr 121212-****"), "{}", m["subject"]);
    assert!(!stdout(&postrum(d, &["list"])).contains("121212-1212"));
    assert!(postrum(d, &["assign", &id, "omar"]).status.success());
    let log = stdout(&postrum(d, &["log", "--json"]));
    assert!(log.contains("121212-****") && !log.contains("121212-1212"), "{log}");
    let shown = stdout(&postrum(d, &["show", &id]));
    assert!(
        shown.contains("19121212-1212") && shown.contains("pnr 121212-1212"),
        "the message view shows it in full"
    );
    assert!(shown.contains("diarieför och radera snart"), "{shown}");
}

#[test]
fn sensitive_and_threatening_mail_must_be_registered_first() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let sensitive = id_of(d, "försörjningsstöd");
    assert!(postrum(d, &["assign", &sensitive, "omar"]).status.success());
    assert!(postrum(d, &["register", &sensitive, "--none", "fel mottagare"]).status.success());
    let out = postrum(d, &["delete", &sensitive]);
    assert!(!out.status.success() && stderr(&out).contains("personuppgifter"), "{}", stderr(&out));
    assert!(postrum(d, &["register", &sensitive, "SN 2026/311"]).status.success());
    assert!(postrum(d, &["delete", &sensitive]).status.success());

    let threat = id_of(d, "INKOMPETENTA");
    let out = postrum(d, &["threat", &threat]);
    assert!(stdout(&out).contains("polisanmäl"), "{}", stdout(&out));
    let out = postrum(d, &["delete", &threat, "--force", "--reason", "bara ilska"]);
    assert!(!out.status.success() && stderr(&out).contains("hot"), "force does not help: {}", stderr(&out));
    let log = json(&postrum(d, &["log", "--json"]));
    assert_eq!(log[0]["action"], "threat");
    assert_eq!(log[0]["actor"], "registrator");
    assert!(postrum(d, &["assign", &threat, "omar"]).status.success());
    assert!(postrum(d, &["register", &threat, "SN 2026/312"]).status.success());
    // registered, but the original not kept as evidence yet
    let out = postrum(d, &["delete", &threat]);
    assert!(!out.status.success() && stderr(&out).contains("originalet"), "{}", stderr(&out));
    // the manager told and the police report, as logged actions
    let out = postrum(
        d,
        &[
            "threat",
            &threat,
            "--manager",
            "Karin Berg",
            "--police-date",
            "2026-12-01",
            "--police-ref",
            "5000-K1-26",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = json(&postrum(d, &["show", &threat, "--json"]));
    let records = &shown["threat_records"];
    assert_eq!(records["manager"]["who"], "Karin Berg");
    assert_eq!(records["police_report"]["reference"], "5000-K1-26");
    assert!(records["exported_at"].is_null());
    let out = postrum(d, &["threat", &threat, "--police-date", "i går", "--police-ref", "x"]);
    assert!(!out.status.success() && stderr(&out).contains("Ogiltigt datum"), "{}", stderr(&out));
    let evidence = data.path().join("bevis");
    assert!(postrum(d, &["export", &threat, evidence.to_str().unwrap()]).status.success());
    assert!(postrum(d, &["delete", &threat]).status.success());
    let log = json(&postrum(d, &["log", "--json"]));
    let kinds: Vec<&str> = log.as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    for k in ["manager_told", "police_report", "export", "delete"] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
}

#[test]
fn attachments_are_saved_with_safe_names_and_dangerous_ones_asked_about() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let out_dir = d.join("sparat");
    std::fs::create_dir(&out_dir).unwrap();
    let id = id_of(d, "samrådsförslag");
    let listed = stdout(&postrum(d, &["attachment", &id]));
    assert!(listed.contains("yttrande-hamnen.pdf") && listed.contains("kajen.jpg"), "{listed}");
    let out = postrum(d, &["attachment", &id, "1", "--save", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(out_dir.join("yttrande-hamnen.pdf")).unwrap().starts_with(b"%PDF"));
    // saving again never overwrites
    assert!(postrum(d, &["attachment", &id, "1", "--save", out_dir.to_str().unwrap()]).status.success());
    assert!(out_dir.join("yttrande-hamnen (2).pdf").exists());

    let macro_id = id_of(d, "Uppdaterad lönelista");
    let out = postrum(d, &["attachment", &macro_id, "1", "--save", out_dir.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("Office-fil med makron"), "{}", stderr(&out));
    assert!(!out_dir.join("Lönelista december.xlsm").exists());
    let out = postrum(d, &["attachment", &macro_id, "1", "--save", out_dir.to_str().unwrap(), "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("Lönelista december.xlsm").exists());
}

#[test]
fn the_log_forgets_subject_and_sender_after_the_retention() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let id = id_of(d, "Black Week");
    assert!(postrum(d, &["register", &id, "--none", "reklam"]).status.success());
    assert!(postrum(d, &["delete", &id]).status.success());
    let out = postrum(d, &["log", "--purge"]);
    assert!(stdout(&out).contains("för 0 meddelanden"), "{}", stdout(&out));
    // pretend the deletion was 100 days ago
    let conn = rusqlite::Connection::open(d.join("demo/postrum.sqlite")).unwrap();
    conn.execute("UPDATE triage SET deleted_at = deleted_at - 100 * 86400 WHERE id = ?1", [&id]).unwrap();
    drop(conn);
    // the purge runs at every start: this `log` already sees it redacted
    let log = json(&postrum(d, &["log", "--json"]));
    for e in log.as_array().unwrap() {
        assert_eq!(e["subject"], "", "redacted");
        assert_eq!(e["message"], id.as_str(), "the fact of the deletion is kept");
    }
    assert_eq!(log[0]["action"], "delete");
}
