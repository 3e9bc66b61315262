//! Sending against a real Postfix that delivers into the test Dovecot:
//! the forward reaches the handläggare's own inbox with the original
//! attached byte for byte; the kvittens reaches the sender and is refused
//! for automatic, list and bounce mail; a reply never quotes the original;
//! with the server stopped the mail waits and goes once; deleting the
//! message deletes what was sent about it from Sent. STARTTLS and TLS
//! submission with AUTH, and a wrong password.

mod common;

use common::imap::command;
use common::smtp::*;
use common::*;

#[test]
fn assigning_forwards_the_original_unchanged_and_deleting_takes_what_was_sent() {
    let s = servers(&[("1.host", citizen(1, ""))]);
    let id = s.id_of("bygglov 1");
    let out = s.ok(&["assign", &id, "lisa", "--note", "Brådskande, ring honom."]);
    assert!(out.contains("Fördelningen har skickats till lisa@norrvik.se"), "{out}");

    // read back over IMAP from the handläggare's own inbox
    s.wait_for("lisa", "INBOX", 1);
    let lisa = s.dc.raw("lisa", &["SELECT INBOX", "FETCH 1 (BODY.PEEK[HEADER] BODY.PEEK[1] BODY.PEEK[2])"]);
    let original = s.dc.raw("registrator", &["SELECT INBOX", "FETCH 1 (BODY.PEEK[])"]);
    assert_eq!(
        literal_after(&lisa, "BODY[2]"),
        literal_after(&original, "BODY[]"),
        "the attached original is byte-identical"
    );
    let head = literal_after(&lisa, "BODY[HEADER]");
    for want in [
        "Auto-Submitted: auto-generated",
        "X-Auto-Response-Suppress: All",
        "From: registrator@norrvik.se",
        "Subject: =?utf-8?",
    ] {
        assert!(head.contains(want), "{want} in {head}");
    }
    let cover = literal_after(&lisa, "BODY[1]");
    assert!(cover.contains("Brådskande, ring honom.") || cover.contains("Br=C3=A5dskande"), "{cover}");
    assert!(s.dc.flags("lisa", "INBOX").contains("* 1 FETCH"));

    // show --json lists it; outbox too
    let show = json(&s.run(&["show", &id, "--json"]));
    let sent = &show["sent"][0];
    assert_eq!(
        (sent["kind"].as_str(), sent["state"].as_str(), sent["to"].as_str()),
        (Some("forward"), Some("sent"), Some("lisa@norrvik.se"))
    );
    let mid = sent["message_id"].as_str().unwrap().to_string();
    let log = json(&s.run(&["log", "--json"]));
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "send" && e["kind"] == "forward" && e["message_id"] == mid.as_str()),
        "{log}"
    );
    assert!(s.ok(&["log"]).contains("Fördelningen"));

    // the copy in Sent, then a kvittens; deleting the message removes both
    let sent_folder =
        s.dc.raw("registrator", &["SELECT Sent", &format!("SEARCH HEADER Message-ID \"{mid}\"")]);
    assert!(sent_folder.lines().any(|l| l.starts_with("* SEARCH ") && l.trim().len() > 9), "{sent_folder}");
    s.ok(&["ack", &id, "--send"]);
    assert_eq!(s.dc.files("registrator", "Sent").len(), 2);
    s.ok(&["register", &id, "KS 2026/41"]);
    // export: the original byte for byte
    let dir = s.data.path().join("export");
    s.ok(&["export", &id, dir.to_str().unwrap()]);
    let eml = std::fs::read(dir.join(format!("KS_2026_41-{id}.eml"))).unwrap();
    assert_eq!(eml, literal_after(&original, "BODY[]").into_bytes());
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(format!("KS_2026_41-{id}.json"))).unwrap()).unwrap();
    assert_eq!(
        (meta["diarienummer"].as_str(), meta["handlaggare"]["name"].as_str()),
        (Some("KS 2026/41"), Some("Lisa Holm"))
    );
    let postlista = json(&s.run(&["postlista", "--json"]));
    assert_eq!(postlista["messages"][0]["diarienummer"], "KS 2026/41");

    s.ok(&["delete", &id]);
    assert_eq!(
        s.dc.files("registrator", "Sent"),
        Vec::<String>::new(),
        "the forward and the kvittens left Sent"
    );
    assert_eq!(s.dc.files("registrator", "Trash"), Vec::<String>::new());
}

#[test]
fn kvittens_reaches_the_sender_once_a_day_and_never_an_automatic_one() {
    let s = servers(&[
        ("1.host", citizen(1, "")),
        ("2.host", citizen(2, "Auto-Submitted: auto-replied\r\n")),
        ("3.host", citizen(3, "List-Id: <nyheter.example.se>\r\n")),
        ("4.host", citizen(4, "Return-Path: <>\r\n")),
    ]);
    let id = s.id_of("bygglov 1");
    let preview = s.ok(&["ack", &id, "--send", "--preview"]);
    assert!(
        preview.contains("Till: Medborgare Karlsson <medborgare@example.se>")
            && preview.contains("Vi tog emot det 20"),
        "{preview}"
    );
    let out = s.ok(&["ack", &id, "--send"]);
    assert!(out.contains("Kvittensen har skickats till medborgare@example.se"), "{out}");
    let got = s.wait_for("medborgare", "INBOX", 1);
    assert_eq!(got.len(), 1);
    let text = String::from_utf8_lossy(&got[0]);
    assert!(
        text.contains("Auto-Submitted: auto-replied") && text.contains("In-Reply-To: <fraga.1@example.se>"),
        "{text}"
    );
    let show = json(&s.run(&["show", &id, "--json"]));
    assert_eq!(show["acknowledged_by"], "registrator", "the kvittens stopped the clock: {show}");
    assert_eq!(show["deadline"], "done");

    // the same sender, the same day: refused unless asked again
    let again = s.run(&["ack", &id, "--send"]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("redan"));
    for (n, why) in [(2, "automatisk"), (3, "massutskick"), (4, "automatisk")] {
        let out = s.run(&["ack", &s.id_of(&format!("bygglov {n}")), "--send", "--again"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(why), "{n}: {err}");
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(s.dc.files("medborgare", "INBOX").len(), 1, "nothing went to the automatic senders");
}

#[test]
fn a_reply_is_a_new_mail_without_the_original() {
    let s = servers(&[("1.host", citizen(1, ""))]);
    let id = s.id_of("bygglov 1");
    let out = s.run_with(
        &s.smtp_url(),
        &["reply", &id],
        Some("Hej Karl!\n\nDitt bygglov handläggs nu.\n\nNorrviks kommun\n"),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = s.wait_for("medborgare", "INBOX", 1);
    let text = String::from_utf8_lossy(&got[0]);
    assert!(text.contains("Ditt bygglov handl"), "{text}");
    assert!(!text.contains("ORIGINALTEXT"), "the original is never quoted: {text}");
    assert!(text.contains("In-Reply-To: <fraga.1@example.se>"));
    assert!(!text.contains("Auto-Submitted"), "a person's reply: {text}");
}

#[test]
fn with_the_server_stopped_the_forward_waits_and_goes_once() {
    let s = servers(&[("1.host", citizen(1, ""))]);
    let id = s.id_of("bygglov 1");
    s.pf.stop();
    let out = s.ok(&["assign", &id, "lisa"]);
    assert!(out.contains("väntar"), "{out}");
    let outbox = json(&s.run(&["outbox", "--json"]));
    assert_eq!(outbox[0]["state"], "queued", "{outbox}");
    s.pf.restart();
    s.ok(&["sync"]);
    s.wait_for("lisa", "INBOX", 1);
    s.ok(&["sync"]);
    s.ok(&["outbox"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(s.dc.files("lisa", "INBOX").len(), 1, "sent once");
    assert_eq!(json(&s.run(&["outbox", "--json"]))[0]["state"], "sent");
}

#[test]
fn submission_over_tls_and_a_wrong_password_and_a_rejected_recipient() {
    let s = servers(&[("1.host", citizen(1, "")), ("2.host", citizen(2, ""))]);
    let id = s.id_of("bygglov 1");
    // implicit TLS (465-style)
    let tls = format!("smtps://registrator@localhost:{}", s.pf.smtps);
    let out = s.run_with(&tls, &["ack", &id, "--send"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    s.wait_for("medborgare", "INBOX", 1);

    // a wrong password: nothing sent, the reason said, the mail waits
    let id2 = s.id_of("bygglov 2");
    let wrong_login = format!("smtp://nobody@localhost:{}", s.pf.submission);
    let out = s.run_with(&wrong_login, &["ack", &id2, "--send", "--again"], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("535") && err.contains("login"), "{err}");
    let outbox = json(&s.run_with(&wrong_login, &["outbox", "--json"], None));
    let waiting = outbox.as_array().unwrap().iter().find(|o| o["state"] == "queued").expect("waits");
    assert!(waiting["error"].as_str().unwrap().contains("535"), "{outbox}");
    // with the right login it goes
    s.ok(&["outbox"]);
    s.wait_for("medborgare", "INBOX", 2);

    // a certificate nobody vouches for (no CA given): nothing sent, and why
    let untrusted = tempfile::tempdir().unwrap();
    let u = untrusted.path();
    std::fs::create_dir_all(u.join("config/postrum")).unwrap();
    let config = format!(
        "{CONFIG}\n[[account]]\nname = \"kommun\"\nimap = \"imap+insecure://registrator@127.0.0.1:{}/INBOX\"\n\
         password_command = \"echo registrator\"\nsmtp = \"smtps://registrator@localhost:{}\"\naddress = \"registrator@norrvik.se\"\n",
        s.dc.plain_port, s.pf.smtps
    );
    std::fs::write(u.join("config/postrum/config.toml"), config).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(bin())
            .args(["--data-dir", u.to_str().unwrap()])
            .args(args)
            .env("HOME", u)
            .env("XDG_CONFIG_HOME", u.join("config"))
            .env("USER", "registrator")
            .output()
            .unwrap()
    };
    let ids = json(&run(&["list", "--json"]));
    let first = ids[0]["id"].as_str().unwrap().to_string();
    let out = run(&["ack", &first, "--send", "--again"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("väntar") && err.contains("ca_file"), "{err}");

    // a recipient the server rejects: failed, with the server's reason, and visible
    let wrong = CONFIG.replace("lisa@norrvik.se", "finns.inte@norrvik.se");
    let out = command(&s.dc, s.data.path(), "registrator", false, &wrong, &[])
        .args(["--smtp", &s.smtp_url(), "--address", "registrator@norrvik.se", "assign", &id2, "lisa"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("550"), "{err}");
    let outbox = json(&s.run(&["outbox", "--json"]));
    assert!(
        outbox
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["state"] == "failed" && o["error"].as_str().unwrap_or("").contains("550")),
        "{outbox}"
    );
}

/// In the TUI over IMAP: assigning with the forward ticked, the kvittens
/// previewed and sent, a reply written in the editor; the message view
/// shows what was sent and its state.
#[test]
fn the_tui_forwards_sends_the_kvittens_and_a_reply() {
    let s = servers(&[("1.host", citizen(1, "")), ("2.host", citizen(2, ""))]);
    let d = s.data.path();
    std::fs::create_dir_all(d.join("config/postrum")).unwrap();
    std::fs::write(d.join("config/postrum/config.toml"), CONFIG).unwrap();
    let editor = d.join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'Hej Karl!\\n\\nSvar skrivet i TUI.\\n' > \"$1\"\n").unwrap();
    assert!(std::process::Command::new("chmod").arg("755").arg(&editor).status().unwrap().success());
    let tmux = common::tmux::Tmux::new("smtp-tui");
    let args = format!(
        "--imap imap://registrator@localhost:{}/INBOX --password-command 'echo registrator' --ca-file {} --smtp {} --address registrator@norrvik.se",
        s.dc.plain_port,
        s.dc.ca().display(),
        s.smtp_url()
    );
    tmux.start_with(d, &format!("POSTRUM_TICK_SECS=3600 EDITOR={}", editor.display()), &args);
    tmux.wait_for("2 meddelanden");
    tmux.dismiss_notice();
    tmux.keys(&["/"]);
    tmux.text("bygglov 1");
    tmux.keys(&["Enter", "a"]);
    tmux.wait_for("Skicka meddelandet till handläggaren");
    tmux.text("lisa");
    tmux.keys(&["C-n"]);
    tmux.text("Ring honom i dag");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Fördelningen har skickats till lisa@norrvik.se");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Skickat om meddelandet");
    tmux.keys(&["K"]);
    tmux.wait_for("Kvittens till avsändaren");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Kvittensen har skickats till medborgare@example.se");
    tmux.keys(&["R"]);
    let screen = tmux.wait_for("Svaret har skickats till medborgare@example.se");
    assert!(screen.contains("Kvittensen") && screen.contains("skickat"), "{screen}");
    tmux.keys(&["q"]);
    let lisa = s.wait_for("lisa", "INBOX", 1);
    assert_eq!(lisa.len(), 1);
    assert!(
        cover(&lisa[0]).contains("Meddelande från registraturen:\nRing honom i dag"),
        "{}",
        cover(&lisa[0])
    );
    let got = s.wait_for("medborgare", "INBOX", 2);
    assert_eq!(got.len(), 2);
    assert!(got.iter().any(|m| String::from_utf8_lossy(m).contains("Svar skrivet i TUI")));
}

/// A configured account: no address, no forward, --no-forward; sensitive
/// mail forwarded without its content; a reassignment forwarded again
/// and said so; a registration sent to the diary's intake address.
#[test]
fn the_forward_follows_the_directory_the_choice_and_the_content() {
    let sensitive = "Subject: Ansökan om bistånd\r\nFrom: Medborgare <medborgare@example.se>\r\nMessage-ID: <pnr.1@example.se>\r\n\r\nMitt personnummer är 19811218-9876, ORIGINALTEXT.\r\n";
    let s = servers(&[("1.host", citizen(1, "")), ("2.host", sensitive.as_bytes().to_vec())]);
    let d = s.data.path();
    let config = format!(
        "{CONFIG}\n[[account]]\nname = \"kommun\"\nimap = \"imap://registrator@localhost:{}/INBOX\"\npassword_command = \"echo registrator\"\n\
         ca_file = \"{}\"\nsmtp = \"{}\"\naddress = \"registrator@norrvik.se\"\naddress_name = \"Norrviks kommun\"\ndiary_address = \"vikarie@norrvik.se\"\n",
        s.dc.plain_port,
        s.dc.ca().display(),
        s.smtp_url()
    );
    std::fs::create_dir_all(d.join("config/postrum")).unwrap();
    std::fs::write(d.join("config/postrum/config.toml"), config).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin())
            .args(["--data-dir", d.to_str().unwrap()])
            .args(args)
            .env("HOME", d)
            .env("XDG_CONFIG_HOME", d.join("config"))
            .env("USER", "registrator")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let list: serde_json::Value = serde_json::from_str(&run(&["list", "--json"])).unwrap();
    let id_of = |needle: &str| {
        list.as_array().unwrap().iter().find(|m| m["subject"].as_str().unwrap().contains(needle)).unwrap()
            ["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (plain, pnr) = (id_of("bygglov 1"), id_of("bistånd"));
    // no address in the directory: assigned, and told that nothing went
    let out = run(&["assign", &plain, "eva"]);
    assert!(out.contains("Eva Lind har ingen e-postadress"), "{out}");
    // reassigned to someone with an address: forwarded, saying so
    run(&["assign", &plain, "lisa"]);
    let lisa = s.wait_for("lisa", "INBOX", 1);
    let text = cover(&lisa[0]);
    assert!(text.contains("har fördelat om det här ärendet till dig (tidigare Eva Lind)"), "{text}");
    // --no-forward: nothing goes
    run(&["assign", &pnr, "lisa", "--no-forward"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(s.dc.files("lisa", "INBOX").len(), 1);
    // sensitive: the note says where it is, the content stays home
    run(&["assign", &pnr, "eva"]);
    let out = run(&["assign", &pnr, "lisa"]);
    assert!(out.contains("utan innehållet"), "{out}");
    let lisa = s.wait_for("lisa", "INBOX", 2);
    assert!(
        lisa.iter().all(|m| !String::from_utf8_lossy(m).contains("19811218")),
        "no person number left the mailbox"
    );
    assert!(lisa.iter().any(|m| cover(m).contains("känsliga uppgifter")));
    // registering sends the original to the diary's intake address
    let out = run(&["register", &plain, "KS 2026/9"]);
    assert!(out.contains("Kopian till diariet har skickats till vikarie@norrvik.se"), "{out}");
    let diary = s.wait_for("vikarie", "INBOX", 3);
    assert!(
        diary.iter().any(|m| String::from_utf8_lossy(m).contains("ORIGINALTEXT 1")),
        "the original went along"
    );
}

/// What one registrator sent is deleted with the message also when a
/// colleague, whose postrum never sent it, deletes the message: every mail
/// postrum sends names the message it is about (X-Postrum-About).
#[test]
fn a_colleague_deleting_the_message_deletes_what_was_sent_about_it() {
    let s = servers(&[("1.host", citizen(1, "")), ("2.host", citizen(2, ""))]);
    let id = s.id_of("bygglov 1");
    s.ok(&["assign", &id, "lisa"]);
    s.ok(&["ack", &id, "--send"]);
    s.ok(&["register", &id, "KS 2026/5"]);
    let other = s.id_of("bygglov 2");
    s.ok(&["assign", &other, "lisa"]);
    assert_eq!(s.dc.files("registrator", "Sent").len(), 3);
    // the vikarie, on another computer with an empty data directory
    let vikarie = tempfile::tempdir().unwrap();
    let out = command(&s.dc, vikarie.path(), "vikarie", false, CONFIG, &["delete", &id]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let left =
        s.dc.raw("registrator", &["SELECT Sent", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (X-POSTRUM-ABOUT)])"]);
    assert_eq!(s.dc.files("registrator", "Sent").len(), 1, "{left}");
    // the About header names the message by its server key, not by the
    // Message-ID its sender chose
    let key2 = s.dc.key_of("registrator", "INBOX", "HEADER Message-ID fraga.2@example.se");
    assert!(left.contains(&format!("<{key2}@about.postrum.invalid>")), "{key2}: {left}");
    assert!(!left.contains("fraga."), "{left}");
}
