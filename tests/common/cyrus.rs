//! A real Cyrus IMAP 3.6 on loopback, the suite's second server: its own
//! config, sasldb, spool and certificate in a temporary directory, on
//! free ports. The function mailbox belongs to `kommun` and is shared by
//! ACL: `registrator` and `vikarie` log in as themselves and open
//! `Other Users/kommun` (altnamespace, `/`), with its Trash, Sent and
//! Postrum — which show them no special-use flags — while each has a
//! private Trash and Sent flagged. Cyrus runs as its own user, so root is
//! needed. `cyrus-imapd` conflicts with `dovecot-imapd`: scripts/test
//! unpacks it into target/cyrus-imapd-pkg (and installs cyrus-common and
//! sasl2-bin); a missing piece fails loudly.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::dovecot::{free_port, is_root};

pub struct Cyrus {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub plain_port: u16,
    pub tls_port: u16,
}

/// The shared mailbox as registrator and vikarie see it.
pub const KOMMUN: &str = "Other Users/kommun";

fn package() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/cyrus-imapd-pkg/usr/lib/cyrus/bin");
    assert!(
        p.join("imapd").exists(),
        "Cyrus IMAP is unpacked by scripts/test into target/cyrus-imapd-pkg (apt-get download cyrus-imapd; dpkg -x)"
    );
    p
}

fn openssl(dir: &Path, args: &[&str]) {
    let ok = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    assert!(ok.is_ok_and(|s| s.success()), "openssl {args:?}");
}

impl Cyrus {
    pub fn start() -> Cyrus {
        assert!(is_root(), "the Cyrus tests run as root (Cyrus runs as its own user)");
        let master = Path::new("/usr/lib/cyrus/bin/master");
        assert!(master.exists(), "cyrus-common is required (scripts/test installs it)");
        let x = package();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        // cyrus must reach its files: every directory above them traversable
        let mut d = dir.clone();
        while d != Path::new("/") {
            let _ = Command::new("chmod").arg("o+x").arg(&d).status();
            d = d.parent().unwrap().to_path_buf();
        }
        for sub in ["lib/db", "lib/log", "lib/lock", "spool", "run/socket", "tls"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let tls = dir.join("tls");
        openssl(
            &tls,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3650",
                "-subj",
                "/CN=postrum test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        openssl(
            &tls,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "key.pem",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
        );
        std::fs::write(tls.join("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n").unwrap();
        openssl(
            &tls,
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "cert.pem",
                "-days",
                "3650",
                "-extfile",
                "ext",
            ],
        );
        let (plain_port, tls_port) = (free_port(), free_port());
        let d = dir.display();
        let name = dir.file_name().unwrap().to_string_lossy().replace('.', "_");
        std::fs::write(
            dir.join("imapd.conf"),
            format!(
                "configdirectory: {d}/lib\ndefaultpartition: default\npartition-default: {d}/spool\nservername: localhost\n\
admins: cyrus\nsasl_pwcheck_method: auxprop\nsasl_auxprop_plugin: sasldb\nsasl_sasldb_path: {d}/sasldb2\n\
sasl_mech_list: PLAIN LOGIN\nallowplaintext: yes\naltnamespace: yes\nunixhierarchysep: yes\n\
lmtpsocket: {d}/run/socket/lmtp\nidlesocket: {d}/run/socket/idle\nnotifysocket: {d}/run/socket/notify\n\
tls_server_cert: {d}/tls/cert.pem\ntls_server_key: {d}/tls/key.pem\nsyslog_prefix: cyrus-{name}\nimapidlepoll: 1\n"
            ),
        )
        .unwrap();
        let x = x.display();
        std::fs::write(
            dir.join("cyrus.conf"),
            format!(
                "START {{\n  recover cmd=\"ctl_cyrusdb -C {d}/imapd.conf -r\"\n}}\nSERVICES {{\n\
  imap  cmd=\"{x}/imapd -C {d}/imapd.conf\" listen=\"127.0.0.1:{plain_port}\" prefork=0 maxchild=50\n\
  imaps cmd=\"{x}/imapd -C {d}/imapd.conf -s\" listen=\"127.0.0.1:{tls_port}\" prefork=0 maxchild=50\n}}\n\
EVENTS {{\n  checkpoint cmd=\"ctl_cyrusdb -C {d}/imapd.conf -c\" period=30\n}}\nDAEMON {{\n  idled cmd=\"{x}/idled -C {d}/imapd.conf\"\n}}\n"
            ),
        )
        .unwrap();
        for u in ["cyrus", "kommun", "registrator", "vikarie"] {
            let mut p = Command::new("saslpasswd2")
                .args(["-p", "-c", "-f"])
                .arg(dir.join("sasldb2"))
                .args(["-u", "localhost", u])
                .stdin(Stdio::piped())
                .spawn()
                .expect("saslpasswd2 is required (scripts/test installs sasl2-bin)");
            p.stdin.take().unwrap().write_all(u.as_bytes()).unwrap();
            assert!(p.wait().unwrap().success());
        }
        let _ = Command::new("chown").args(["-R", "cyrus:mail"]).arg(&dir).status();
        let _ = Command::new("chmod").arg("0640").arg(dir.join("sasldb2")).status();
        let cmd =
            format!("{} -C {d}/imapd.conf -M {d}/cyrus.conf -p {d}/run/master.pid -d", master.display());
        let ok = Command::new("su")
            .args(["-s", "/bin/sh", "cyrus", "-c", &cmd])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(ok.success(), "cyrus master did not start");
        let cy = Cyrus { _tmp: tmp, dir, plain_port, tls_port };
        let start = Instant::now();
        loop {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", plain_port)) {
                let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
                let mut buf = [0u8; 64];
                if s.read(&mut buf).map(|n| buf[..n].starts_with(b"* OK")).unwrap_or(false) {
                    break;
                }
            }
            assert!(start.elapsed() < Duration::from_secs(20), "cyrus did not answer");
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut admin = vec![];
        for mb in [
            "kommun",
            "kommun/Trash",
            "kommun/Sent",
            "kommun/Postrum",
            "registrator",
            "registrator/Trash",
            "registrator/Sent",
            "vikarie",
            "vikarie/Trash",
            "vikarie/Sent",
        ] {
            admin.push(format!("CREATE \"user/{mb}\""));
        }
        for mb in ["kommun", "kommun/Trash", "kommun/Sent", "kommun/Postrum"] {
            for u in ["registrator", "vikarie"] {
                admin.push(format!("SETACL \"user/{mb}\" {u} lrswipkxtecdan"));
            }
        }
        let admin: Vec<&str> = admin.iter().map(String::as_str).collect();
        let answer = cy.raw("cyrus", &admin);
        assert!(!answer.contains(" NO ") && !answer.contains(" BAD "), "{answer}");
        for u in ["registrator", "vikarie", "kommun"] {
            cy.raw(
                u,
                &[
                    "SETMETADATA Trash (/private/specialuse \"\\\\Trash\")",
                    "SETMETADATA Sent (/private/specialuse \"\\\\Sent\")",
                ],
            );
        }
        cy
    }

    pub fn ca(&self) -> PathBuf {
        self.dir.join("tls/ca.pem")
    }

    /// Runs raw IMAP commands as `user` and returns the whole answer.
    pub fn raw(&self, user: &str, commands: &[&str]) -> String {
        super::dovecot::raw_imap(self.plain_port, &format!("{user} {user}"), commands)
    }

    /// APPENDs a message to a mailbox as `user`.
    pub fn append(&self, user: &str, mailbox: &str, raw: &[u8]) {
        // Cyrus takes no bare newlines
        let raw = &postrum::core::outgoing::canonical_crlf(raw)[..];
        let mut s = TcpStream::connect(("127.0.0.1", self.plain_port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        let mut wait_for = |s: &mut TcpStream, needle: &[u8], out: &mut Vec<u8>| {
            let start = Instant::now();
            while !out.windows(needle.len()).any(|w| w == needle) && start.elapsed() < Duration::from_secs(10)
            {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => out.extend_from_slice(&buf[..n]),
                }
            }
        };
        s.write_all(
            format!("a1 LOGIN {user} {user}\r\na2 APPEND \"{mailbox}\" {{{}}}\r\n", raw.len()).as_bytes(),
        )
        .unwrap();
        wait_for(&mut s, b"+ ", &mut out);
        s.write_all(raw).unwrap();
        s.write_all(b"\r\na3 LOGOUT\r\n").unwrap();
        wait_for(&mut s, b"a3 OK", &mut out);
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("a2 OK"), "APPEND {mailbox}: {text}");
    }

    /// How many messages a mailbox holds, as `user` sees it.
    pub fn count(&self, user: &str, mailbox: &str) -> usize {
        let answer = self.raw(user, &[&format!("STATUS \"{mailbox}\" (MESSAGES)")]);
        answer
            .lines()
            .find(|l| l.starts_with("* STATUS"))
            .and_then(|l| l.rsplit("MESSAGES ").next())
            .and_then(|n| n.trim_end_matches([')', '\r']).trim().parse().ok())
            .unwrap_or(usize::MAX)
    }

    pub fn stop(&self) {
        if let Ok(pid) = std::fs::read_to_string(self.dir.join("run/master.pid")) {
            let pid = pid.trim().to_string();
            let _ = Command::new("kill").arg(&pid).stderr(Stdio::null()).status();
            for _ in 0..40 {
                if !Command::new("kill")
                    .args(["-0", &pid])
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success())
                {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = Command::new("kill").args(["-9", &pid]).stderr(Stdio::null()).status();
        }
    }
}

impl Drop for Cyrus {
    fn drop(&mut self) {
        self.stop();
    }
}
