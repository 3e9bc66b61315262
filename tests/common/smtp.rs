//! Helpers of the SMTP tests: a Dovecot with a Postfix beside it, the
//! municipality's config with handläggare who have addresses, a citizen's
//! message, and postrum run against both.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Output, Stdio};

use super::dovecot::Dovecot;
use super::imap::command;
use super::postfix::{Postfix, DOVECOT_EXTRA};
use super::*;

pub const CONFIG: &str = r#"
[[handlaggare]]
id = "lisa"
name = "Lisa Holm"
email = "lisa@norrvik.se"
unit = "Ekonomi"

[[handlaggare]]
id = "eva"
name = "Eva Lind"
unit = "Bygglov"

[inspect]
own_domains = ["norrvik.se"]
"#;

pub fn citizen(n: u32, extra: &str) -> Vec<u8> {
    format!(
        "From: Medborgare Karlsson <medborgare@example.se>\r\nTo: registrator@norrvik.se\r\n\
         Subject: =?utf-8?q?Fr=C3=A5ga_om_bygglov_{n}?=\r\nMessage-ID: <fraga.{n}@example.se>\r\n\
         Date: Fri, 27 Nov 2026 08:00:00 +0100\r\n{extra}MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Hej!\r\nJag undrar \u{f6}ver mitt bygglov, ORIGINALTEXT {n}.\r\n.\r\nMvh Karl\r\n"
    )
    .into_bytes()
}

/// Dropped in this order: Postfix before the Dovecot whose directory it lives in.
pub struct Servers {
    pub pf: Postfix,
    pub dc: Dovecot,
    pub data: tempfile::TempDir,
}

pub fn servers(messages: &[(&str, Vec<u8>)]) -> Servers {
    servers_with("", messages)
}

/// The same on a Dovecot with more settings (a variant: Exchange's ways).
pub fn servers_with(extra: &str, messages: &[(&str, Vec<u8>)]) -> Servers {
    let dc = Dovecot::start_with(&format!("{DOVECOT_EXTRA}{extra}"));
    let pf = Postfix::start(&dc);
    for (name, raw) in messages {
        dc.deliver("registrator", "INBOX", name, raw);
    }
    Servers { pf, dc, data: tempfile::tempdir().unwrap() }
}

impl Servers {
    pub fn smtp_url(&self) -> String {
        format!("smtp://registrator@localhost:{}", self.pf.submission)
    }

    pub fn run_with(&self, smtp: &str, args: &[&str], stdin: Option<&str>) -> Output {
        let mut c = command(&self.dc, self.data.path(), "registrator", false, CONFIG, &[]);
        c.args(["--smtp", smtp, "--address", "registrator@norrvik.se"]).args(args);
        c.env("LANG", "sv_SE.UTF-8");
        match stdin {
            Some(text) => {
                c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
                let mut child = c.spawn().unwrap();
                child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
                child.wait_with_output().unwrap()
            }
            None => c.stdin(Stdio::null()).output().unwrap(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(&self.smtp_url(), args, None)
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    }

    /// The id of the message whose subject holds `needle`.
    pub fn id_of(&self, needle: &str) -> String {
        let list = json(&self.run(&["list", "--json"]));
        list.as_array()
            .unwrap()
            .iter()
            .find(|m| m["subject"].as_str().unwrap_or("").contains(needle))
            .unwrap_or_else(|| panic!("no message with {needle}: {list}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Waits until `user`'s mailbox holds `n` messages (delivery is quick but not instant).
    pub fn wait_for(&self, user: &str, mailbox: &str, n: usize) -> Vec<Vec<u8>> {
        let start = std::time::Instant::now();
        loop {
            let files = self.dc.files(user, mailbox);
            if files.len() >= n || start.elapsed() > std::time::Duration::from_secs(15) {
                let folder = self.dc.folder(user, mailbox);
                let mut out = Vec::new();
                for f in files {
                    for sub in ["new", "cur"] {
                        if let Ok(b) = std::fs::read(folder.join(sub).join(&f)) {
                            out.push(b);
                        }
                    }
                }
                return out;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// The cover note of a forward, decoded.
pub fn cover(raw: &[u8]) -> String {
    let msg = mail_parser::MessageParser::default().parse(raw).unwrap();
    msg.body_text(0).unwrap_or_default().into_owned()
}

/// The content of the literal after `marker` in an IMAP answer.
pub fn literal_after(answer: &str, marker: &str) -> String {
    let at = answer.find(marker).unwrap_or_else(|| panic!("{marker} not in {answer}"));
    let rest = &answer[at..];
    let open = rest.find('{').unwrap();
    let close = rest.find('}').unwrap();
    let n: usize = rest[open + 1..close].parse().unwrap();
    let start = close + 3; // "}\r\n"
    String::from_utf8(rest.as_bytes()[start..start + n].to_vec()).unwrap()
}
