//! The calendar, deadlines and coverage through the real binary: the year
//! against the oracle table, the guideline's deadline examples on a real
//! Maildir, messages with missing or absurd dates, acknowledgements, the
//! roster, absences with substitutes and the handover note.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// `postrum ARGS` with a home of its own, pretending today is `today`.
fn run_on(data: &Path, today: &str, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .args(["--data-dir", data.to_str().unwrap()])
        .args(args)
        .env("HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", "registrator")
        .env("POSTRUM_TODAY", today)
        .output()
        .unwrap()
}

#[test]
fn calendar_years_match_the_oracle() {
    let data = tempfile::tempdir().unwrap();
    let oracle = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/holidays_se_2025_2027.csv"),
    )
    .unwrap();
    for year in ["2025", "2026", "2027"] {
        let got = json(&run_on(data.path(), "2026-11-27", &["calendar", year, "--json"]));
        let got: Vec<String> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{},{},{}",
                    d["date"].as_str().unwrap(),
                    d["name"].as_str().unwrap(),
                    d["kind"].as_str().unwrap()
                )
            })
            .collect();
        let want: Vec<String> = oracle
            .lines()
            .skip(1)
            .filter(|l| l.starts_with(year))
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                format!("{},{},{}", f[0], f[2], f[3].replace('ä', "a"))
            })
            .collect();
        assert_eq!(got, want, "{year}");
    }
    let plain = stdout(&run_on(data.path(), "2026-11-27", &["calendar", "2026"]));
    assert!(plain.contains("2026-06-19 fr  Midsommarafton"), "{plain}");
}

fn write_mail(dir: &Path, name: &str, headers: &str, mtime: i64) {
    let path = dir.join("cur").join(name);
    std::fs::write(&path, format!("{headers}\r\n\r\nHej.\r\n")).unwrap();
    let f = std::fs::File::options().write(true).open(&path).unwrap();
    f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(mtime.max(0) as u64)).unwrap();
}

fn maildir(data: &Path) -> std::path::PathBuf {
    let md = data.join("Mail");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(md.join(sub)).unwrap();
    }
    md
}

#[test]
fn deadlines_of_the_guideline_and_of_bad_dates() {
    let data = tempfile::tempdir().unwrap();
    let md = maildir(data.path());
    // 2025-12-23 10:00 and 2026-06-18 10:00 in Stockholm
    write_mail(&md, "1.a.h:2,S", "From: a@b.se\r\nSubject: jul\r\nMessage-ID: <a@b>", 1_766_480_400);
    write_mail(&md, "2.b.h:2,S", "From: a@b.se\r\nSubject: midsommar\r\nMessage-ID: <b@b>", 1_781_769_600);
    // no Date, no usable file time; a Date far in the future; one before 1970
    write_mail(&md, "3.c.h:2,S", "From: a@b.se\r\nSubject: utan datum", 0);
    write_mail(
        &md,
        "4.d.h:2,S",
        "From: a@b.se\r\nSubject: framtid\r\nDate: Fri, 1 Jan 2100 10:00:00 +0100",
        4_102_480_800,
    );
    write_mail(
        &md,
        "5.e.h:2,S",
        "From: a@b.se\r\nSubject: forntid\r\nDate: Fri, 1 Jan 1960 10:00:00 +0100",
        0,
    );
    // replied to (flag R): no longer waiting
    write_mail(&md, "6.f.h:2,RS", "From: a@b.se\r\nSubject: besvarat\r\nMessage-ID: <f@b>", 1_766_480_400);
    let list =
        json(&run_on(data.path(), "2026-11-27", &["--maildir", md.to_str().unwrap(), "list", "--json"]));
    let by = |s: &str| list.as_array().unwrap().iter().find(|m| m["subject"] == s).unwrap().clone();
    assert_eq!(by("jul")["received"], "2025-12-23T10:00:00+01:00");
    assert_eq!(by("jul")["due"], "2025-12-30");
    assert_eq!(by("midsommar")["due"], "2026-06-23");
    assert_eq!(by("jul")["deadline"], "overdue");
    assert_eq!(by("besvarat")["deadline"], "done");
    assert!(by("besvarat")["answered"].as_bool().unwrap());
    let now = jiff::Timestamp::now().as_second();
    for s in ["utan datum", "framtid", "forntid"] {
        let m = by(s);
        let received: jiff::Timestamp = m["received"].as_str().unwrap().parse().unwrap();
        assert!((received.as_second() - now).abs() < 600, "{s}: {received}");
        assert_eq!(m["due"].as_str().unwrap().len(), 10, "{s}");
    }
    // the flag set later (a reply sent from another client) is picked up
    std::fs::rename(md.join("cur/2.b.h:2,S"), md.join("cur/2.b.h:2,RS")).unwrap();
    let list =
        json(&run_on(data.path(), "2026-11-27", &["--maildir", md.to_str().unwrap(), "list", "--json"]));
    let mid = list.as_array().unwrap().iter().find(|m| m["subject"] == "midsommar").unwrap();
    assert_eq!(mid["deadline"], "done");
}

#[test]
fn overdue_and_due_today_filters_and_acknowledge() {
    let data = tempfile::tempdir().unwrap();
    demo_data_dir(data.path());
    let d = |args: &[&str]| {
        let mut all = vec!["--demo"];
        all.extend_from_slice(args);
        json(&run_on(data.path(), "2026-11-27", &all))
    };
    let overdue = d(&["list", "--json", "--overdue"]);
    let today = d(&["list", "--json", "--due-today"]);
    // past the two working days (newsletters and automatic replies wait
    // for no answer), and the request for public documents past its
    // same-day deadline
    assert_eq!(overdue.as_array().unwrap().len(), 12);
    assert!(overdue.as_array().unwrap().iter().all(|m| m["answer_state"] == "awaiting"));
    let all = d(&["list", "--json"]);
    let news = all
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("Kommunnytt"))
        .unwrap();
    assert_eq!(
        (news["answer_state"].as_str(), news["deadline"].as_str()),
        (Some("not_needed"), Some("done"))
    );
    let public: Vec<_> = overdue.as_array().unwrap().iter().filter(|m| m["public_request"] == true).collect();
    assert_eq!(public.len(), 1, "{overdue}");
    assert_eq!(
        public[0]["due"].as_str(),
        public[0]["received"].as_str().map(|r| &r[..10]),
        "due the day it came"
    );
    assert_eq!(today.as_array().unwrap().len(), 6);
    assert!(today.as_array().unwrap().iter().all(|m| m["due"] == "2026-11-27"));
    let id = overdue[0]["id"].as_str().unwrap().to_string();
    let out = run_on(data.path(), "2026-11-27", &["--demo", "ack", &id]);
    assert!(stdout(&out).contains("Kvitterat"), "{}", stderr(&out));
    let overdue = d(&["list", "--json", "--overdue"]);
    assert_eq!(overdue.as_array().unwrap().len(), 11);
    let all = d(&["list", "--json"]);
    let m = all.as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap();
    assert_eq!(m["deadline"], "done");
    assert_eq!(m["acknowledged_by"], "registrator");
    assert_eq!(d(&["log", "--json"])[0]["action"], "acknowledge");
}

#[test]
fn roster_and_coverage_on_a_klamdag() {
    let data = tempfile::tempdir().unwrap();
    let r = |args: &[&str]| {
        let mut all = vec!["--demo"];
        all.extend_from_slice(args);
        run_on(data.path(), "2026-05-15", &all)
    };
    assert!(r(&["roster", "add", "eva", "2026-05-18", "2026-05-22"]).status.success());
    assert!(
        r(&["roster", "add", "omar", "2026-05-20", "2026-05-29"]).status.success(),
        "overlaps are allowed"
    );
    let bad = r(&["roster", "add", "eva", "2026-05-22", "2026-05-18"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("innan den börjar"), "{}", stderr(&bad));
    let cov = json(&r(&["coverage", "--json"]));
    assert_eq!(cov["today"]["date"], "2026-05-15");
    assert_eq!(cov["today"]["kind"], "klamdag");
    assert_eq!(cov["today"]["gap"], true);
    assert_eq!(cov["next_working_day"]["date"], "2026-05-18");
    assert_eq!(cov["next_working_day"]["on_roster"], serde_json::json!(["eva"]));
    let d20 = cov["days"].as_array().unwrap().iter().find(|d| d["date"] == "2026-05-20").unwrap();
    assert_eq!(d20["on_roster"], serde_json::json!(["eva", "omar"]));
    let gaps: Vec<&str> = cov["gaps"].as_array().unwrap().iter().map(|g| g.as_str().unwrap()).collect();
    assert_eq!(&gaps[..2], ["2026-05-15", "2026-06-01"]);
    let text = stdout(&r(&["coverage"]));
    assert!(text.contains("Idag, 2026-05-15 (klämdag), står ingen på bevakningsschemat"), "{text}");
    assert!(text.contains("Nästa arbetsdag 2026-05-18: eva."), "{text}");
    let list = json(&r(&["roster", "list", "--json"]));
    let id = list[0]["id"].as_i64().unwrap().to_string();
    assert!(r(&["roster", "remove", &id]).status.success());
    assert_eq!(json(&r(&["roster", "list", "--json"])).as_array().unwrap().len(), 1);
}

#[test]
fn absences_substitutes_and_handover() {
    let data = tempfile::tempdir().unwrap();
    let r = |args: &[&str]| {
        let mut all = vec!["--demo"];
        all.extend_from_slice(args);
        run_on(data.path(), "2026-11-27", &all)
    };
    let bad = r(&["absence", "add", "eva", "2026-12-10", "2026-12-01"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("Frånvaron slutar (2026-12-01) innan den börjar (2026-12-10)"),
        "{}",
        stderr(&bad)
    );
    let unknown = r(&["absence", "add", "nisse", "2026-12-01", "2026-12-10"]);
    assert!(stderr(&unknown).contains("Giltiga: ahmed, eva"), "{}", stderr(&unknown));
    assert!(r(&["absence", "add", "eva", "2026-11-23", "2026-12-04", "--substitute", "omar"])
        .status
        .success());
    let dir = json(&r(&["handlaggare", "--json"]));
    let eva = dir.as_array().unwrap().iter().find(|h| h["id"] == "eva").unwrap();
    assert_eq!(eva["absent"]["to"], "2026-12-04");
    assert_eq!(eva["absent"]["substitute"], "omar");

    let id = id_of(data.path(), "attefallshus");
    let out = r(&["assign", &id, "eva"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("eva är frånvarande 2026-11-23 – 2026-12-04; ersättare: omar"),
        "{}",
        stderr(&out)
    );

    assert!(r(&["handover", "Bygglovsfrågorna väntar på Eva; Omar tar dem."]).status.success());
    let h = json(&r(&["handover", "--json"]));
    assert_eq!(h["note"]["author"], "registrator");
    assert_eq!(h["note"]["text"], "Bygglovsfrågorna väntar på Eva; Omar tar dem.");
    assert_eq!(h["assigned_to_absent"][0]["id"], id.as_str());
    assert_eq!(h["assigned_to_absent"][0]["substitute"], "omar");
    assert!(h["overdue"].as_u64().unwrap() > 0);
    assert!(!r(&["handover", "   "]).status.success(), "an empty note is refused");
}
