//! The records office's subcommands on the demo: `answer`, `list --view`,
//! `suggested` and `threat_records` in `list --json`, `report --json`, and a
//! config with views of one's own (and a broken one refused).

mod common;

use common::*;

#[test]
fn answer_views_suggestions_and_the_report_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    demo_data_dir(d);
    let news = id_of(d, "Black Week");
    let decl = id_of(d, "Min deklaration");
    // the answer state by hand, several ids at once; a wrong state is refused
    assert!(postrum(d, &["answer", &decl, "answered"]).status.success());
    let out = postrum(d, &["answer", &news, "klar"]);
    assert!(
        !out.status.success() && stderr(&out).contains("awaiting, answered, not_needed"),
        "{}",
        stderr(&out)
    );
    let list = json(&postrum(d, &["list", "--json"]));
    let row = |id: &str| list.as_array().unwrap().iter().find(|m| m["id"] == id).unwrap().clone();
    assert_eq!(row(&decl)["answer_state"], "answered");
    assert_eq!(row(&news)["answer_state"], "not_needed", "bulk mail by default");
    // follow-ups: the subject's number (with a series), never an invoice's
    let compl = row(&id_of(d, "Komplettering BN"));
    assert_eq!(compl["suggested"]["diarienummer"], "BN 2026/412");
    assert_eq!(compl["suggested"]["why"], "text");
    assert!(row(&id_of(d, "Faktura 2026-4471"))["suggested"].is_null());
    // a view of the views row
    let out = postrum(d, &["list", "--view", "public_requests", "--json"]);
    let shown = json(&out);
    assert_eq!(shown.as_array().unwrap().len(), 1);
    assert_eq!(shown[0]["public_request"], true);
    let out = postrum(d, &["list", "--view", "nonsense"]);
    assert!(!out.status.success() && stderr(&out).contains("not_assigned"), "{}", stderr(&out));
    // the report: JSON with the documented fields
    let r = json(&postrum(d, &["report", "--from", "2026-11-23", "--to", "2026-11-27", "--json"]));
    assert_eq!(r["received"].as_array().unwrap().len(), 5);
    assert_eq!(r["weeks"].as_array().unwrap().len(), 8);
    assert_eq!(r["weeks"][7]["week"], "2026-W48");
    for field in ["received_total", "needing_answer", "in_time", "late", "kvittens_count", "overdue"] {
        assert!(!r[field].is_null(), "{field}: {r}");
    }
    // answered by hand today, after its due date: late, not in time
    let (in_time, late) = (r["in_time"].as_u64().unwrap(), r["late"].as_u64().unwrap());
    assert!(late >= 1 && in_time + late <= r["needing_answer"].as_u64().unwrap(), "{r}");
    let out = postrum(d, &["report", "--from", "förra veckan"]);
    assert!(!out.status.success() && stderr(&out).contains("Ogiltigt datum"), "{}", stderr(&out));
    let text = stdout(&postrum(d, &["report", "--from", "2026-11-23", "--to", "2026-11-27"]));
    assert!(text.contains("Veckan i siffror") && text.contains("2026-W48"), "{text}");
}

#[test]
fn views_of_ones_own_from_the_config() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    demo_data_dir(d);
    let cfg = d.join("c.toml");
    std::fs::write(&cfg, "[[views]]\nname = \"Ansökningar\"\ntext = \"ansökan\"\nanswer = [\"awaiting\"]\n")
        .unwrap();
    let out = postrum(d, &["--config", cfg.to_str().unwrap(), "list", "--view", "ansökningar", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = json(&out);
    assert!(shown.as_array().unwrap().len() >= 3, "{shown}");
    for m in shown.as_array().unwrap() {
        assert!(m["subject"].as_str().unwrap().to_lowercase().contains("ansökan"), "{m}");
    }
    std::fs::write(&cfg, "[[views]]\nname = \"x\"\nstatus = [\"klar\"]\n").unwrap();
    let out = postrum(d, &["--config", cfg.to_str().unwrap(), "list"]);
    assert!(!out.status.success() && stderr(&out).contains("\"klar\""), "{}", stderr(&out));
}

#[test]
fn one_language_reasons_in_words_and_the_actor_from_the_user_database() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    demo_data_dir(d);
    // an attachment's danger in words, never as the internal token
    let id = id_of(d, "lönelista december");
    let shown = stdout(&postrum(d, &["show", &id]));
    assert!(shown.contains("(Office-fil med makron)") && !shown.contains("macro_enabled"), "{shown}");
    // no USER, no LOGNAME: the system account's name, as the user database has it
    let first = id_of(d, "Betalningspåminnelse");
    let out = std::process::Command::new(bin())
        .args(["--demo", "--data-dir"])
        .arg(d)
        .args(["assign", &first, "eva"])
        .env("HOME", d)
        .env("XDG_CONFIG_HOME", d.join("config"))
        .env_remove("USER")
        .env_remove("LOGNAME")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let me = std::process::Command::new("id").arg("-un").output().unwrap();
    let me = String::from_utf8_lossy(&me.stdout).trim().to_string();
    let log = json(&postrum(d, &["log", "--json"]));
    assert_eq!(log[0]["actor"], me.as_str(), "{log}");
    // an unreachable server in Swedish, without the OS's error number
    let out = std::process::Command::new(bin())
        .args(["--data-dir"])
        .arg(d)
        .args(["--imap", "imap+insecure://x@127.0.0.1:9/INBOX", "--password-command", "echo x", "list"])
        .env("HOME", d)
        .env("XDG_CONFIG_HOME", d.join("config"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("anslutningen nekades") && !err.contains("os error"), "{err}");
}
