//! Inspection of whole messages, among them the demo mailbox's.

use mail_parser::MessageParser;

use super::*;

fn cfg() -> InspectConfig {
    InspectConfig {
        own_domains: vec!["norrvik.se".into()],
        organisation_names: vec!["Norrviks kommun".into()],
        colleague_names: vec!["Eva Lind".into()],
        ..InspectConfig::default()
    }
}

fn kinds(raw: &[u8]) -> Vec<&'static str> {
    let msg = MessageParser::default().parse(raw).unwrap();
    inspect(&msg, &cfg()).iter().map(|w| w.kind.as_str()).collect()
}

/// A mail of the demo mailbox (the repository's `demo/`), read from disk:
/// `core` knows nothing of the layer that bundles them.
fn demo(name: &str) -> Vec<u8> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = here.ancestors().map(|a| a.join("demo")).find(|d| d.is_dir()).expect("the demo folder");
    std::fs::read(dir.join(name)).unwrap()
}

#[test]
fn the_demo_phishing_mail_is_caught_several_ways() {
    let k = kinds(&demo("08-phishing.eml"));
    for expected in ["display_name_spoof", "reply_to_mismatch", "lookalike_domain", "link_mismatch"] {
        assert!(k.contains(&expected), "{expected} missing in {k:?}");
    }
}

#[test]
fn the_demo_classics() {
    assert_eq!(kinds(&demo("05-personnummer.eml")), ["personnummer"]);
    assert_eq!(kinds(&demo("36-vd-bedrageri.eml")), ["auth_fail", "display_name_spoof"]);
    assert_eq!(kinds(&demo("37-makro-bilaga.eml")), ["lookalike_domain", "dangerous_attachment"]);
    assert_eq!(kinds(&demo("06-autosvar.eml")), ["auto_reply"]);
    assert_eq!(kinds(&demo("07-nyhetsbrev.eml")), ["bulk"]);
    assert_eq!(kinds(&demo("23-reklam.eml")), ["bulk"]);
    assert_eq!(kinds(&demo("29-leveransfel.eml")), ["auto_reply"]);
    assert!(kinds(&demo("01-bygglov-attefall.eml")).is_empty());
    assert!(kinds(&demo("03-faktura.eml")).is_empty(), "a plain PDF invoice");
    assert!(kinds(&demo("35-paminnelse.eml")).is_empty(), "OCR and bankgiro are not personnummer");
    assert!(kinds(&demo("22-jobbansokan.eml")).is_empty(), "phone numbers are not personnummer");
}

#[test]
fn authentication_results_topmost_trusted_only() {
    let raw = b"Authentication-Results: mx.norrvik.se; spf=pass smtp.mailfrom=x.example; dkim=none; dmarc=fail header.from=x.example\r\n\
Authentication-Results: evil.example; dmarc=pass\r\nFrom: a@x.example\r\nSubject: s\r\n\r\nx";
    let msg = MessageParser::default().parse(&raw[..]).unwrap();
    let w = inspect(&msg, &cfg());
    assert_eq!(w[0].kind, WarningKind::AuthFail);
    assert!(w[0].detail.contains("dmarc=fail") && w[0].detail.contains("mx.norrvik.se"), "{}", w[0].detail);
    // trusting only the forged one: it says pass
    let trusted = InspectConfig { trusted_authserv_ids: vec!["evil.example".into()], ..cfg() };
    assert!(inspect(&msg, &trusted).iter().all(|w| w.kind != WarningKind::AuthFail));
    // a forged header below the trusted one is not read
    let raw = b"Authentication-Results: mx.norrvik.se; dmarc=pass\r\nAuthentication-Results: mx.norrvik.se; dmarc=fail\r\nFrom: a@x.example\r\n\r\nx";
    assert!(kinds(raw).is_empty());
}

#[test]
fn display_names_that_borrow() {
    let k = kinds(b"From: \"support@norrvik.se\" <x@mailer.example>\r\n\r\nx");
    assert_eq!(k, ["display_name_spoof"]);
    // in an encoded word
    let k = kinds(b"From: =?utf-8?q?Eva_Lind?= <eva.lind1977@gmail.example>\r\n\r\nx");
    assert_eq!(k, ["display_name_spoof"]);
    assert!(kinds(b"From: Eva Lind <eva.lind@norrvik.se>\r\n\r\nx").is_empty());
    assert!(kinds(b"From: \"Kalle\" <kalle@exempel.se>\r\n\r\nx").is_empty());
}

#[test]
fn lookalike_domains_but_not_every_swedish_idn() {
    assert_eq!(kinds(b"From: a@norrvlk.se\r\n\r\nx"), ["lookalike_domain"]);
    // Cyrillic о in an otherwise Latin name: mixed scripts
    assert_eq!(kinds("From: a@n\u{043e}rrvik.se\r\n\r\nx".as_bytes()), ["lookalike_domain"]);
    assert_eq!(kinds(b"From: a@xn--nrrvik-hcc.se\r\n\r\nx").len(), 1);
    // å, ä and ö are Latin: an ordinary Swedish IDN is fine
    assert!(kinds(b"From: a@xn--skrgrd-fxa1p.se\r\n\r\nx").is_empty(), "skärgård.se");
    assert!(kinds("From: a@växjö.se\r\n\r\nx".as_bytes()).is_empty());
    // local organisations carry the town's name legitimately
    assert!(kinds(b"From: a@norrviksik.example\r\n\r\nx").is_empty());
    assert!(kinds(b"From: a@norrviksposten.example\r\n\r\nx").is_empty());
    assert_eq!(kinds(b"From: a@norrvik.se.login.example\r\n\r\nx"), ["lookalike_domain"]);
}

#[test]
fn reply_to_and_return_path() {
    assert_eq!(kinds(b"From: a@firma.example\r\nReply-To: b@other.example\r\n\r\nx"), ["reply_to_mismatch"]);
    assert_eq!(
        kinds(b"Return-Path: <bounce@other.example>\r\nFrom: a@firma.example\r\n\r\nx"),
        ["reply_to_mismatch"]
    );
    assert!(kinds(b"Return-Path: <bounce@mail.firma.example>\r\nFrom: a@firma.example\r\n\r\nx").is_empty());
}

#[test]
fn attachments_and_warnings_never_panic_on_empty_input() {
    let raw = "From: a@b.se\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: text/plain\r\n\r\nhej\r\n\
--X\r\nContent-Type: application/octet-stream; name=\"faktura\u{202E}fdp.exe\"\r\nContent-Disposition: attachment; filename=\"faktura\u{202E}fdp.exe\"\r\n\r\nMZ\r\n--X--\r\n";
    let msg = MessageParser::default().parse(raw.as_bytes()).unwrap();
    let w = inspect(&msg, &cfg());
    assert_eq!(w[0].kind, WarningKind::DangerousAttachment);
    assert!(sanitize::is_clean(&w[0].detail), "{:?}", w[0].detail);
    if let Some(m) = MessageParser::default().parse(b"") {
        let _ = inspect(&m, &cfg());
    }
}
