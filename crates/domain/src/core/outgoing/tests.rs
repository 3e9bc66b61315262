//! Building outgoing mail: no header injection, the original attached
//! unchanged, refusals for automatic senders, templates.

use std::collections::BTreeMap;

use super::letters::{render, Letters, Template, TemplateError};
use super::recipient::{kvittens_to, reply_to, Refusal};
use super::*;
use mail_parser::MimeHeaders;

fn draft(subject: &str, text: &str, original: Option<Vec<u8>>) -> Draft {
    Draft {
        kind: Kind::Forward,
        from: mailbox(Some("Norrviks kommun"), "kommun@norrvik.se").unwrap(),
        to: mailbox(Some("Lisa Holm"), "lisa@norrvik.se").unwrap(),
        subject: subject.into(),
        text: text.into(),
        in_reply_to: Some("orig.1@example.se".into()),
        original,
        about: Some("orig.1@example.se".into()),
    }
}

fn header_lines(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap().to_string();
    head.split("\r\n").filter(|l| !l.starts_with([' ', '\t'])).map(str::to_string).collect()
}

#[test]
fn no_field_can_add_a_header() {
    let evil = "Hej\r\nBcc: all@evil.example\r\nX-Injected: yes";
    let d = Draft {
        to: mailbox(Some("Lisa\r\nBcc: x@evil.example"), "lisa@norrvik.se").unwrap(),
        ..draft(evil, evil, None)
    };
    let raw = build(&d, "id.1@norrvik.se").unwrap();
    let lines = header_lines(&raw);
    assert!(
        !lines.iter().any(|l| l.to_ascii_lowercase().starts_with("bcc") || l.starts_with("X-Injected")),
        "{lines:?}"
    );
    // the builder refuses a line break in an address outright
    assert!(mailbox(None, "a@b.se\r\nBcc: c@d.se").is_err());
    assert!(mailbox(None, "a@b.se\u{7}").is_err());
    assert!(mailbox(None, "not an address").is_err());
    assert!(mailbox(None, "").is_err());
}

#[test]
fn forwards_carry_the_loop_stoppers_and_the_original_unchanged() {
    let original = b"From: Medborgare <m@example.se>\r\nSubject: =?utf-8?q?Fr=C3=A5ga?=\r\nMessage-ID: <orig.1@example.se>\r\n\r\nHej,\r\n.\r\nrad med \xc3\xa5\xc3\xa4\xc3\xb6\r\n".to_vec();
    let raw = build(&draft("Fråga", "Till dig.", Some(original.clone())), "id.2@norrvik.se").unwrap();
    let lines = header_lines(&raw);
    for want in [
        "Auto-Submitted: auto-generated",
        "X-Auto-Response-Suppress: All",
        "Message-ID: <id.2@norrvik.se>",
        "In-Reply-To: <orig.1@example.se>",
        "X-Postrum-About: <orig.1@example.se>",
    ] {
        assert!(lines.iter().any(|l| l == want), "{want} in {lines:?}");
    }
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let part = parsed.attachment(0).expect("the original is attached");
    assert_eq!(part.content_type().map(|c| (c.ctype(), c.subtype())), Some(("message", Some("rfc822"))));
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("Content-Transfer-Encoding: 8bit"), "{text}");
    let start = text.find("From: Medborgare").unwrap();
    assert_eq!(&raw[start..start + original.len()], &original[..]);
}

#[test]
fn kvittens_is_refused_to_automatic_and_bulk_senders() {
    let own = vec!["kommun@norrvik.se".to_string()];
    let ok = b"From: Anna <anna@example.se>\r\nSubject: x\r\n\r\nhej";
    assert_eq!(kvittens_to(ok, &own).unwrap().email.to_string(), "anna@example.se");
    let cases: &[(&[u8], &str)] = &[
        (b"From: a@example.se\r\nAuto-Submitted: auto-replied\r\n\r\n", "automatic"),
        (b"From: a@example.se\r\nPrecedence: bulk\r\n\r\n", "bulk"),
        (b"From: a@example.se\r\nList-Id: <x.example.se>\r\n\r\n", "bulk"),
        (b"From: a@example.se\r\nList-Post: <mailto:x@example.se>\r\n\r\n", "bulk"),
        (b"Return-Path: <>\r\nFrom: a@example.se\r\n\r\n", "automatic"),
        (b"From: no-reply@example.se\r\n\r\n", "noreply"),
        (b"From: NoReply.Info@example.se\r\n\r\n", "noreply"),
        (b"From: Kommun <KOMMUN@norrvik.se>\r\n\r\n", "own"),
        (b"Subject: no sender\r\n\r\n", "none"),
    ];
    for (raw, want) in cases {
        let got = kvittens_to(raw, &own).unwrap_err();
        let kind = match got {
            Refusal::Automatic(_) => "automatic",
            Refusal::Bulk(_) => "bulk",
            Refusal::NoReply(_) => "noreply",
            Refusal::OwnAddress(_) => "own",
            Refusal::NoAddress | Refusal::Malformed(_) => "none",
        };
        assert_eq!(kind, *want, "{}", String::from_utf8_lossy(raw));
    }
    // Auto-Submitted: no is a person
    assert!(kvittens_to(b"From: a@example.se\r\nAuto-Submitted: no\r\n\r\n", &own).is_ok());
    // a person may answer a list mail, not a no-reply address
    assert!(reply_to(b"From: a@example.se\r\nList-Id: <x>\r\n\r\n", &own).is_ok());
    assert!(reply_to(b"From: donotreply@example.se\r\n\r\n", &own).is_err());
    // Reply-To wins over From
    let r = reply_to(b"From: a@example.se\r\nReply-To: b@example.se\r\n\r\n", &own).unwrap();
    assert_eq!(r.email.to_string(), "b@example.se");
}

#[test]
fn templates_name_unknown_placeholders_and_drop_empty_lines() {
    let mut letters = Letters::default();
    letters.kvittens.insert("fel".into(), Template { subject: "x".into(), text: "Hej {namn}".into() });
    assert_eq!(letters.check(), Err(TemplateError::Unknown { template: "fel".into(), name: "namn".into() }));
    assert!(Letters::default().check().is_ok());
    assert!(Letters::default().template(Some("english")).is_ok());
    assert!(matches!(Letters::default().template(Some("nej")), Err(TemplateError::NoSuch(..))));
    let mut v = BTreeMap::new();
    v.insert("received", "2026-11-27".to_string());
    v.insert("diarienummer", String::new());
    let out = render("Mottaget {received}.\nDiarienummer {diarienummer}.\nSlut", &v);
    assert_eq!(out, "Mottaget 2026-11-27.\nSlut\n");
    for t in Letters::default().templates().values() {
        let mut l = Letters::default();
        l.kvittens.insert("x".into(), t.clone());
        assert!(l.check().is_ok());
    }
}

#[test]
fn subjects_carry_the_diarienummer_once() {
    assert_eq!(forward_subject("Bygglov", Some("BN 2026/4")), "Fördelat [BN 2026/4]: Bygglov");
    assert_eq!(
        forward_subject("Komplettering BN 2026/4", Some("BN 2026/4")),
        "Fördelat: Komplettering BN 2026/4"
    );
    assert_eq!(reply_subject("Fråga"), "Sv: Fråga");
    assert_eq!(reply_subject("SV: Fråga"), "SV: Fråga");
}

#[test]
fn an_original_with_long_lines_or_latin1_stays_8bit_when_smtp_can_carry_it() {
    let mut original = b"From: a@example.se\r\nSubject: x\r\n\r\n".to_vec();
    original.extend(std::iter::repeat_n(b'x', 900));
    original.extend_from_slice(b"\r\n\xe5\xe4\xf6 latin-1\r\n");
    let raw = build(&draft("x", "y", Some(original.clone())), "id.3@norrvik.se").unwrap();
    let start = raw.windows(18).position(|w| w == b"From: a@example.se").unwrap();
    assert_eq!(&raw[start..start + original.len()], &original[..]);
    // a line SMTP cannot carry: base64, still the same bytes once decoded
    let mut long = b"From: a@example.se\r\n\r\n".to_vec();
    long.extend(std::iter::repeat_n(b'y', 2000));
    let raw = build(&draft("x", "y", Some(long.clone())), "id.4@norrvik.se").unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(parsed.attachment(0).unwrap().contents(), &long[..]);
    assert_eq!(canonical_crlf(b"a\nb\r\nc\rd"), b"a\r\nb\r\nc\r\nd");
}

#[test]
fn international_domains_go_in_their_ascii_form() {
    let m = mailbox(Some("Anna"), "anna@exämple.se").unwrap();
    assert_eq!(m.email.to_string(), "anna@xn--exmple-cua.se");
    let m = mailbox(None, "anna@EXAMPLE.se").unwrap();
    assert_eq!(m.email.to_string(), "anna@EXAMPLE.se", "ASCII is left as it is");
    // a local part outside ASCII stays for SMTPUTF8
    let m = mailbox(None, "åsa@exempel.se").unwrap();
    assert_eq!(m.email.to_string(), "åsa@exempel.se");
}
