//! The CLI contract on the demo mailbox, through the real binary: JSON
//! fields, the rules' refusals with what is valid, stable ids, the log,
//! config errors with file and line, sanitized output.

mod common;

use common::*;

#[test]
fn list_json_has_the_documented_fields() {
    let data = tempfile::tempdir().unwrap();
    demo_data_dir(data.path());
    let list = json(&postrum(data.path(), &["list", "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), postrum::mail::demo::MESSAGES.len());
    for m in list {
        for field in [
            "id",
            "message_id",
            "from",
            "subject",
            "received",
            "due",
            "status",
            "assignee",
            "diarienummer",
            "warnings",
        ] {
            assert!(m.get(field).is_some(), "{field} missing in {m}");
        }
        assert_eq!(m["status"], "new");
        assert!(m["warnings"].is_array());
        let received = m["received"].as_str().unwrap();
        assert!(received.parse::<jiff::Timestamp>().is_ok(), "{received}");
        assert_eq!(m["due"].as_str().unwrap().len(), 10);
    }
    // the fixed demo dates: a message from Friday 27 Nov is due Tuesday 1 Dec
    let skjuts = list.iter().find(|m| m["subject"].as_str().unwrap().starts_with("Skolskjuts")).unwrap();
    assert!(skjuts["received"].as_str().unwrap().starts_with("2026-11-26T07:55:00+01:00"));
    assert_eq!(skjuts["due"], "2026-11-30");
    // the resent message shares a Message-ID and still has its own id
    let dup: Vec<_> = list.iter().filter(|m| m["message_id"] == "demo-13-belysning@exempelmejl.se").collect();
    assert_eq!(dup.len(), 2);
    assert_eq!(format!("{}-2", dup[0]["id"].as_str().unwrap()), dup[1]["id"].as_str().unwrap());
    // the corrupt file is a row saying so, with its size
    let corrupt = list.iter().find(|m| m["problem"] == "corrupt").unwrap();
    assert!(corrupt["size"].as_u64().unwrap() > 0);
}

#[test]
fn ids_are_the_same_in_another_data_dir() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let ids = |d: &std::path::Path| {
        let mut v: Vec<String> = json(&postrum(d, &["list", "--json"]))
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(a.path()), ids(b.path()));
}

#[test]
fn show_renders_html_as_text_and_lists_attachments() {
    let data = tempfile::tempdir().unwrap();
    let id = id_of(data.path(), "krisberedskapsdag");
    let shown = json(&postrum(data.path(), &["show", &id, "--json"]));
    let body = shown["body"].as_str().unwrap();
    assert!(body.contains("Regional krisberedskapsdag"), "{body}");
    assert!(!body.contains("<p>") && !body.contains("font-family"), "{body}");
    let id = id_of(data.path(), "samrådsförslag detaljplan");
    let shown = json(&postrum(data.path(), &["show", &id, "--json"]));
    let names: Vec<_> = shown["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["yttrande-hamnen.pdf", "kajen.jpg"]);
    assert_eq!(shown["attachments"][0]["type"], "application/pdf");
    assert!(shown["attachments"][0]["size"].as_u64().unwrap() > 50);
}

#[test]
fn hostile_text_never_reaches_stdout_raw() {
    let data = tempfile::tempdir().unwrap();
    let id = id_of(data.path(), "Bokningsbekräftelse");
    for args in [vec!["show", id.as_str()], vec!["list"], vec!["show", id.as_str(), "--json"]] {
        let out = postrum(data.path(), &args);
        assert!(out.status.success());
        let text = stdout(&out);
        assert!(text.contains("Bokningsbekräftelse"));
        for c in text.chars() {
            assert!(c == '\n' || !c.is_control(), "control {:?} in {args:?}", c);
            assert!(!postrum::core::sanitize::is_invisible_format(c), "format char {c:?}");
        }
        assert!(!text.contains("HACKED"), "OSC payload leaked in {args:?}");
    }
}

#[test]
fn rules_refuse_with_what_is_valid() {
    let data = tempfile::tempdir().unwrap();
    let id = id_of(data.path(), "attefallshus");
    let out = postrum(data.path(), &["assign", &id, "nisse"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nisse") && err.contains("eva") && err.contains("omar"), "{err}");

    let out = postrum(data.path(), &["register", &id, "hej"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("KS 2024/123"), "{}", stderr(&out));

    let out = postrum(data.path(), &["delete", &id]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("varken fördelat eller diariefört"), "{}", stderr(&out));

    let out = postrum(data.path(), &["--lang", "en", "delete", &id]);
    assert!(stderr(&out).contains("neither assigned nor registered"), "{}", stderr(&out));

    let out = postrum(data.path(), &["show", "zzzz"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("zzzz"));
    // nothing was logged by refusals
    assert_eq!(json(&postrum(data.path(), &["log", "--json"])).as_array().unwrap().len(), 0);
}

#[test]
fn assign_register_delete_then_log() {
    let data = tempfile::tempdir().unwrap();
    let id = id_of(data.path(), "attefallshus");
    let prefix = &id[..6];
    let before = maildir_files(data.path());
    assert!(postrum(data.path(), &["assign", prefix, "EVA"]).status.success());
    let out = postrum(data.path(), &["register", &id, "BN  2026/77"]);
    assert!(stdout(&out).contains("BN 2026/77"), "{}", stdout(&out));
    let out = postrum(data.path(), &["delete", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = maildir_files(data.path());
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|f| !f.contains("01-bygglov-attefall")));

    let log = json(&postrum(data.path(), &["log", "--json"]));
    let kinds: Vec<_> =
        log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["delete", "register", "assign"]);
    for e in log.as_array().unwrap() {
        assert_eq!(e["state"], "applied");
        assert_eq!(e["actor"], "registrator");
        assert_eq!(e["message"], id.as_str());
        assert_eq!(e["subject"], "Fråga om attefallshus på min tomt");
    }
    assert_eq!(log[1]["details"]["diarienummer"], "BN 2026/77");
    // deleted messages leave the list, and take no more actions
    let list = json(&postrum(data.path(), &["list", "--json"]));
    assert!(list.as_array().unwrap().iter().all(|m| m["id"] != id.as_str()));
    assert!(!postrum(data.path(), &["assign", &id, "eva"]).status.success());
}

#[test]
fn no_registration_and_forced_delete_are_logged_with_reasons() {
    let data = tempfile::tempdir().unwrap();
    let news = id_of(data.path(), "Kommunnytt vecka 48");
    assert!(postrum(data.path(), &["register", &news, "--none", "nyhetsbrev"]).status.success());
    assert!(postrum(data.path(), &["delete", &news]).status.success());
    let auto = id_of(data.path(), "Automatiskt svar");
    assert!(!postrum(data.path(), &["delete", &auto, "--force"]).status.success(), "--force needs --reason");
    let out = postrum(data.path(), &["delete", &auto, "--force", "--reason", "autosvar, inget ärende"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let log = json(&postrum(data.path(), &["log", "--json"]));
    assert_eq!(log[0]["action"], "delete_forced");
    assert_eq!(log[0]["details"]["force_reason"], "autosvar, inget ärende");
    assert_eq!(log[2]["details"]["reason"], "nyhetsbrev");
}

#[test]
fn handlaggare_directory_as_json() {
    let data = tempfile::tempdir().unwrap();
    let list = json(&postrum(data.path(), &["handlaggare", "--json"]));
    let eva = list.as_array().unwrap().iter().find(|h| h["id"] == "eva").unwrap();
    assert_eq!(eva["name"], "Eva Lind");
    assert_eq!(eva["unit"], "Bygglov");
    assert!(eva["email"].as_str().unwrap().contains('@'));
}

#[test]
fn a_broken_config_names_file_and_line() {
    let data = tempfile::tempdir().unwrap();
    let cfg = data.path().join("postrum.toml");
    std::fs::write(&cfg, "actor = \"anna\"\n\n[[handlaggare]]\nid = eva\n").unwrap();
    let out = std::process::Command::new(bin())
        .args(["--config", cfg.to_str().unwrap(), "--data-dir", data.path().to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:4:", cfg.display())), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_configured_maildir_account_is_used() {
    let data = tempfile::tempdir().unwrap();
    demo_data_dir(data.path());
    let md = data.path().join("demo/Maildir");
    let cfg = data.path().join("postrum.toml");
    std::fs::write(
        &cfg,
        format!(
            "actor = \"anna\"\ndiarienummer_pattern = '^KS \\d{{4}}/\\d+$'\n[[account]]\nname = \"kommun\"\nmaildir = {:?}\n[[handlaggare]]\nid = \"nils\"\nname = \"Nils Ek\"\n",
            md.display().to_string()
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(bin())
            .args(["--config", cfg.to_str().unwrap(), "--data-dir", data.path().to_str().unwrap()])
            .args(args)
            .output()
            .unwrap()
    };
    let list = json(&run(&["list", "--json"]));
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert!(run(&["assign", &id, "nils"]).status.success());
    assert!(!run(&["assign", &id, "eva"]).status.success(), "the demo directory is not this account's");
    assert!(!run(&["register", &id, "KSN-2017-3559"]).status.success(), "the configured pattern applies");
    assert!(run(&["register", &id, "KS 2026/5"]).status.success());
    let log = json(&run(&["log", "--json"]));
    assert_eq!(log[0]["actor"], "anna");
    // the demo keeps its state apart from the account's
    assert_eq!(json(&postrum(data.path(), &["log", "--json"])).as_array().unwrap().len(), 0);
}

/// Several messages at once from the command line: each its own logged
/// action; a refusal is said and the others are done.
#[test]
fn several_ids_are_each_their_own_action() {
    let data = tempfile::tempdir().unwrap();
    let news = id_of(data.path(), "Kommunnytt vecka 48");
    let auto = id_of(data.path(), "Automatiskt svar");
    let plain = id_of(data.path(), "attefallshus");
    let out = postrum(data.path(), &["register", &news, &auto, "--none", "nyhetsbrev"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // the third is neither assigned nor registered: refused, the others deleted
    let out = postrum(data.path(), &["delete", &news, &plain, &auto]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("1 av 3 gick inte"), "{err}");
    let list = json(&postrum(data.path(), &["list", "--json"]));
    let left: Vec<&str> = list.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(
        left.contains(&plain.as_str()) && !left.contains(&news.as_str()) && !left.contains(&auto.as_str())
    );
    let log = json(&postrum(data.path(), &["log", "--json"]));
    let deletes = log.as_array().unwrap().iter().filter(|e| e["action"] == "delete").count();
    assert_eq!(deletes, 2);
    // assign: the ids, then the handläggare
    let out = postrum(data.path(), &["assign", &plain, "eva"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!postrum(data.path(), &["register", &plain]).status.success(), "a diarienummer or --none");
}

/// Config errors in the config's language; the TOML reader's own in
/// Swedish where serde has a fixed form.
#[test]
fn config_errors_follow_the_language() {
    let data = tempfile::tempdir().unwrap();
    let cfg = data.path().join("c.toml");
    let run = |text: &str, extra: &[&str]| {
        std::fs::write(&cfg, text).unwrap();
        let mut args = vec!["--config", cfg.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.push("list");
        stderr(&postrum(data.path(), &args))
    };
    let err = run("foo = 5\n", &[]);
    assert!(err.contains("c.toml:1:1: okänt fält `foo`, de som finns: `language`"), "{err}");
    let err = run("language = \"en\"\nfoo = 5\n", &[]);
    assert!(err.contains("unknown field `foo`"), "{err}");
    let err = run("[[handlaggare]]\nid = \"eva lind\"\nname = \"Eva\"\nemail = \"e@x.se\"\n", &[]);
    assert!(err.contains("handläggarens id \"eva lind\" ska vara ett ord"), "{err}");
    let err =
        run("[[handlaggare]]\nid = \"eva lind\"\nname = \"Eva\"\nemail = \"e@x.se\"\n", &["--lang", "en"]);
    assert!(err.contains("must be one word"), "--lang wins: {err}");
    let err = run("[[views]]\nname = \"X\"\nstatus = [\"klar\"]\n", &[]);
    assert!(err.contains("vyn \"X\": status kan inte vara \"klar\""), "{err}");
    let missing = data.path().join("nope.toml");
    let out = postrum(data.path(), &["--config", missing.to_str().unwrap(), "list"]);
    assert!(stderr(&out).contains("nope.toml: filen finns inte"), "{}", stderr(&out));
}

#[test]
fn a_broken_keys_or_theme_table_is_refused_with_file_and_line() {
    let data = tempfile::tempdir().unwrap();
    let cfg = data.path().join("keys.toml");
    for (text, want) in [
        // in the config's language: Swedish unless it says English
        (
            "language = \"sv\"\n\n[keys]\nquit = \"x\"\ndelete = \"a\"\n",
            "rad 5: tangenten \"a\" är kopplad till både",
        ),
        (
            "language = \"en\"\n\n[keys]\nquit = \"x\"\ndelete = \"a\"\n",
            "line 5: the key \"a\" is bound to both",
        ),
        ("[keys]\nfly = \"x\"\n", "okänd åtgärd \"fly\""),
        ("[keys]\nquit = \"ctrl-1\"\n", "okänd tangent"),
        ("[keys]\n\nconfirm = \"o\"\n", "rad 3: confirm: tangenten 'o' skulle skrivas in"),
        ("[theme]\nname = \"high-contrast\"\nalarm = \"purplish\"\n", "rad 3: alarm: okänd färg"),
        ("[theme]\nname = \"neon\"\n", "okänt tema"),
    ] {
        std::fs::write(&cfg, text).unwrap();
        let out = postrum(data.path(), &["--config", cfg.to_str().unwrap(), "list"]);
        assert!(!out.status.success(), "{text}");
        let err = stderr(&out);
        let table = if text.contains("[theme]") { "[theme]" } else { "[keys]" };
        assert!(!err.contains("rad") || !err.contains("unknown"), "one language: {err}");
        assert!(err.contains("keys.toml") && err.contains(table) && err.contains(want), "{text}: {err}");
    }
}

/// The command line's own errors follow the language, through the binary:
/// Swedish by default and by config, clap's English with `--lang en`.
#[test]
fn command_line_errors_follow_the_language() {
    let data = tempfile::tempdir().unwrap();
    let out = postrum(data.path(), &["lsit"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("postrum: okänt kommando 'lsit'") && err.contains("'list'"), "{err}");
    assert!(!err.contains("error") && !err.contains("Usage"), "{err}");
    let out = postrum(data.path(), &["list", "--view"]);
    assert!(stderr(&out).contains("'--view <VIEW>' behöver ett värde"), "{}", stderr(&out));
    let out = postrum(data.path(), &["--lang", "en", "lsit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unrecognized subcommand 'lsit'"), "{}", stderr(&out));
    let cfg = data.path().join("en.toml");
    std::fs::write(&cfg, "language = \"en\"\n").unwrap();
    let out = postrum(data.path(), &["--config", cfg.to_str().unwrap(), "lsit"]);
    assert!(stderr(&out).contains("unrecognized subcommand"), "{}", stderr(&out));
}
