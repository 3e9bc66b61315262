//! Dangerous attachments as an attacker would send them (part of the fault
//! and abuse suite, tests/faults.rs): a name that hides its extension, and
//! the types Outlook and Gmail block or that phish for passwords — each
//! shown as dangerous and never saved without asking again.

mod common;

use common::imap::*;
use common::*;

/// A zero-width space inside ".exe": the name shown and the file saved are
/// "virus.exe", so the check sees "virus.exe" too and asks again.
#[test]
fn an_invisible_character_does_not_hide_an_executable() {
    let (dc, data) = setup();
    let raw = "From: Avsändare <avsandare@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Faktura\r\n\
Message-ID: <zw@exempel.se>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nSe bilaga.\r\n\
--XX\r\nContent-Type: application/octet-stream\r\n\
Content-Disposition: attachment; filename*=utf-8''virus.e%E2%80%8Bxe\r\n\
Content-Transfer-Encoding: base64\r\n\r\nTVqQAA==\r\n--XX--\r\n";
    dc.deliver("registrator", "INBOX", "zw.host", raw.as_bytes());
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let id = id_with(&list, "Faktura");
    let shown = json(&imap(&dc, data.path(), "registrator", false, &["show", &id, "--json"]));
    assert_eq!(shown["attachments"][0]["name"], "virus.exe", "{shown}");
    assert!(
        shown["warnings"].as_array().unwrap().iter().any(|w| w["kind"] == "dangerous_attachment"),
        "{shown}"
    );
    let dir = data.path().join("saved");
    std::fs::create_dir_all(&dir).unwrap();
    let out = imap(
        &dc,
        data.path(),
        "registrator",
        false,
        &["attachment", &id, "1", "--save", dir.to_str().unwrap()],
    );
    assert!(!out.status.success(), "saved without asking again: {}", stdout(&out));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

/// A credential-phishing page, an SVG, a OneNote file and a page posing as
/// a PDF: each is dangerous, and saving it asks again (issue 20).
#[test]
fn pages_and_blocked_types_are_not_saved_without_asking() {
    let (dc, data) = setup();
    for (n, name) in ["faktura.pdf.html", "inloggning.htm", "logga.svg", "anteckning.one", "verktyg.dll"]
        .iter()
        .enumerate()
    {
        let raw = format!(
            "From: Avsändare <avsandare@exempel.se>\r\nTo: kommun@norrvik.se\r\nSubject: Bilaga {n}\r\n\
Message-ID: <bilaga.{n}@exempel.se>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nSe bilaga.\r\n\
--XX\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nPGh0bWw+\r\n--XX--\r\n"
        );
        dc.deliver("registrator", "INBOX", &format!("b{n}.host"), raw.as_bytes());
    }
    let list = json(&imap(&dc, data.path(), "registrator", false, &["list", "--json"]));
    let dir = data.path().join("saved");
    std::fs::create_dir_all(&dir).unwrap();
    for n in 0..5 {
        let id = id_with(&list, &format!("Bilaga {n}"));
        let shown = json(&imap(&dc, data.path(), "registrator", false, &["show", &id, "--json"]));
        let warned =
            shown["warnings"].as_array().unwrap().iter().any(|w| w["kind"] == "dangerous_attachment");
        assert!(warned, "{shown}");
        let save = ["attachment", &id, "1", "--save", dir.to_str().unwrap()];
        let out = imap(&dc, data.path(), "registrator", false, &save);
        assert!(!out.status.success(), "saved without asking: {}", stdout(&out));
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
