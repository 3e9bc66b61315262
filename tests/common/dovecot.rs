//! A real Dovecot on loopback for the IMAP tests: its own config, users,
//! self-signed certificate and mail in a temporary directory, on free
//! ports; stopped when dropped. Users (password = name): `registrator`
//! and `vikarie` share one mailbox, `solo` has its own. XOAUTH2 works with
//! the token `oauth-USER`, checked by a small OAuth2 introspection endpoint
//! of the harness's own (Dovecot asks it over HTTP). Fails loudly when
//! Dovecot is missing (scripts/test installs it).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "introspect.rs"]
mod introspect;
use introspect::introspection_endpoint;
#[path = "raw_imap.rs"]
mod raw;
pub use raw::raw_imap;

pub struct Dovecot {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub plain_port: u16,
    pub tls_port: u16,
}

fn instance_of(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().replace('.', "_")
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn dovecot_bin() -> &'static str {
    for p in ["/usr/sbin/dovecot", "/usr/bin/dovecot"] {
        if Path::new(p).exists() {
            return p;
        }
    }
    panic!("dovecot is required for the IMAP tests (scripts/test installs dovecot-imapd)");
}

pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

#[cfg(unix)]
fn chown_tree(path: &Path, uid: u32) {
    let _ = std::os::unix::fs::chown(path, Some(uid), Some(uid));
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap().flatten() {
            chown_tree(&e.path(), uid);
        }
    }
}

impl Dovecot {
    pub fn start() -> Dovecot {
        Self::start_with("")
    }

    /// A Dovecot with more settings at the end of its config (e.g. fewer
    /// capabilities, to play a more limited server).
    pub fn start_with(extra: &str) -> Dovecot {
        let bin = dovecot_bin();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Dovecot's own service users must traverse the directory
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        for d in [
            "run",
            "state",
            "log",
            "tls",
            "mail/shared",
            "mail/solo",
            "mail/lisa",
            "mail/medborgare",
            "mail/kommun",
            "mail/anna",
            "mail/bo",
        ] {
            std::fs::create_dir_all(dir.join(d)).unwrap();
        }
        let root = is_root();
        let (uid, users_block) = if root {
            (65534, "default_internal_user = dovecot\ndefault_login_user = dovenull\n".to_string())
        } else {
            let me = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
            let uid: u32 = String::from_utf8(Command::new("id").arg("-u").output().unwrap().stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            let me = me.trim();
            (uid, format!("default_internal_user = {me}\ndefault_login_user = {me}\nservice anvil {{\n  chroot =\n}}\nservice imap-login {{\n  chroot =\n}}\n"))
        };
        // a test CA and a server certificate signed by it (rustls will not
        // take a self-signed CA certificate as the server's own)
        let tls = dir.join("tls");
        std::fs::write(
            tls.join("ext.cnf"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
        )
        .unwrap();
        let openssl = |args: &[&str]| {
            let ok = Command::new("openssl")
                .args(args)
                .current_dir(&tls)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("openssl is required for the IMAP tests (scripts/test installs it)");
            assert!(ok.success(), "openssl {args:?} failed");
        };
        openssl(&[
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
        ]);
        openssl(&[
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
        ]);
        openssl(&[
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
            "ext.cnf",
        ]);
        #[cfg(unix)]
        if root {
            chown_tree(&dir.join("mail"), 65534);
            let _ = std::os::unix::fs::chown(dir.join("tls/key.pem"), Some(0), Some(65534));
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.join("tls/key.pem"), std::fs::Permissions::from_mode(0o640))
                .unwrap();
        }
        let d = dir.display();
        std::fs::write(
            dir.join("users"),
            format!(
                "registrator:{{PLAIN}}registrator:{uid}:{uid}::{d}/mail/shared::\nvikarie:{{PLAIN}}vikarie:{uid}:{uid}::{d}/mail/shared::\nsolo:{{PLAIN}}solo:{uid}:{uid}::{d}/mail/solo::\n\
                 lisa:{{PLAIN}}lisa:{uid}:{uid}::{d}/mail/lisa::\nmedborgare:{{PLAIN}}medborgare:{uid}:{uid}::{d}/mail/medborgare::\n\
                 kommun:{{PLAIN}}kommun:{uid}:{uid}::{d}/mail/kommun::\nanna:{{PLAIN}}anna:{uid}:{uid}::{d}/mail/anna::\n\
                 bo:{{PLAIN}}bo:{uid}:{uid}::{d}/mail/bo::\n"
            ),
        )
        .unwrap();
        let oauth = introspection_endpoint();
        std::fs::write(
            dir.join("oauth2.conf.ext"),
            format!(
                "introspection_mode = get\nintrospection_url = http://127.0.0.1:{oauth}/introspect?token=\n\
                 username_attribute = username\nactive_attribute = active\nactive_value = yes\n"
            ),
        )
        .unwrap();
        let (plain_port, tls_port) = (free_port(), free_port());
        let name = instance_of(&dir);
        let conf = format!(
            "instance_name = test-{name}\nbase_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/log/dovecot.log\n\
info_log_path = {d}/log/dovecot.log\nprotocols = imap\nlisten = 127.0.0.1\n{users_block}\
auth_mechanisms = plain login xoauth2\ndisable_plaintext_auth = no\n\
passdb {{\n  driver = oauth2\n  mechanisms = xoauth2\n  args = {d}/oauth2.conf.ext\n}}\n\
passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {d}/users\n}}\n\
userdb {{\n  driver = passwd-file\n  args = username_format=%u {d}/users\n}}\n\
mail_location = maildir:~/Maildir\nfirst_valid_uid = 1\nmail_fsync = optimized\n\
namespace inbox {{\n  inbox = yes\n  separator = /\n  mailbox Sent {{\n    special_use = \\Sent\n    auto = subscribe\n  }}\n\
  mailbox Trash {{\n    special_use = \\Trash\n    auto = subscribe\n  }}\n}}\n\
protocol imap {{\n  mail_max_userip_connections = 200\n}}\n\
ssl = yes\nssl_cert = <{d}/tls/cert.pem\nssl_key = <{d}/tls/key.pem\n\
service imap-login {{\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {plain_port}\n  }}\n\
  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {tls_port}\n    ssl = yes\n  }}\n}}\n{extra}\n"
        );
        std::fs::write(dir.join("dovecot.conf"), conf).unwrap();
        let dc = Dovecot { _tmp: tmp, dir, plain_port, tls_port };
        dc.launch(bin);
        dc
    }

    fn launch(&self, bin: &str) {
        // the daemon keeps what it was given open: never a pipe here
        let status = Command::new(bin)
            .arg("-c")
            .arg(self.dir.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(
            status.success(),
            "dovecot did not start: {}",
            std::fs::read_to_string(self.dir.join("log/dovecot.log")).unwrap_or_default()
        );
        let start = Instant::now();
        loop {
            // the greeting must come from this instance: a master that could
            // not bind its port (taken by a server of a test beside it) is gone
            let master = std::fs::read_to_string(self.dir.join("run/master.pid")).unwrap_or_default();
            let alive = !master.trim().is_empty() && Path::new("/proc").join(master.trim()).exists();
            assert!(
                alive || start.elapsed() < Duration::from_secs(2),
                "dovecot stopped after starting: {}",
                std::fs::read_to_string(self.dir.join("log/dovecot.log")).unwrap_or_default()
            );
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.plain_port)) {
                let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
                let mut buf = [0u8; 64];
                if s.read(&mut buf).map(|n| buf[..n].starts_with(b"* OK")).unwrap_or(false) {
                    return;
                }
            }
            assert!(start.elapsed() < Duration::from_secs(20), "dovecot did not answer");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server and every process of this instance — also the
    /// imap processes serving open sessions, which outlive the master —
    /// so that clients see the server gone. The mail stays.
    pub fn stop(&self) {
        if let Ok(pid) = std::fs::read_to_string(self.dir.join("run/master.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).stderr(Stdio::null()).status();
        }
        let title = format!("dovecot-test-{}/", self.instance());
        for _ in 0..20 {
            let mut left = 0;
            for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
                let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
                if cmdline.starts_with(title.as_bytes()) {
                    left += 1;
                    let _ =
                        Command::new("kill").arg("-9").arg(entry.file_name()).stderr(Stdio::null()).status();
                }
            }
            if left == 0 {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.plain_port)).is_ok()
            && start.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        // the master may linger a moment after the listener closes
        std::thread::sleep(Duration::from_millis(300));
    }

    fn instance(&self) -> String {
        instance_of(&self.dir)
    }

    /// The last `n` lines of the server's log (for a failing test's message).
    pub fn log_tail(&self, n: usize) -> String {
        let log = std::fs::read_to_string(self.dir.join("log/dovecot.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(n)..].join("\n")
    }

    pub fn restart(&self) {
        self.launch(dovecot_bin());
    }

    /// The CA that signed the server's certificate.
    pub fn ca(&self) -> PathBuf {
        self.dir.join("tls/ca.pem")
    }

    /// The Maildir folder of a user's mailbox ("INBOX", "Sent", "Trash").
    pub fn folder(&self, user: &str, mailbox: &str) -> PathBuf {
        let home = match user {
            "solo" | "lisa" | "medborgare" | "kommun" | "anna" | "bo" => format!("mail/{user}"),
            _ => "mail/shared".to_string(),
        };
        let base = self.dir.join(home).join("Maildir");
        if mailbox == "INBOX" {
            base
        } else {
            base.join(format!(".{mailbox}"))
        }
    }

    /// Puts a message into a mailbox as a delivery would.
    pub fn deliver(&self, user: &str, mailbox: &str, name: &str, raw: &[u8]) {
        let folder = self.folder(user, mailbox);
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(folder.join(sub)).unwrap();
        }
        let path = folder.join("new").join(name);
        std::fs::File::create(&path).unwrap().write_all(raw).unwrap();
        #[cfg(unix)]
        if is_root() {
            chown_tree(&self.dir.join("mail"), 65534);
        }
    }

    /// Files in a mailbox's Maildir (new and cur).
    pub fn files(&self, user: &str, mailbox: &str) -> Vec<String> {
        let folder = self.folder(user, mailbox);
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(rd) = std::fs::read_dir(folder.join(sub)) {
                out.extend(rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()));
            }
        }
        out
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Dovecot {
    /// A second, independent client (a colleague's, or Thunderbird): runs
    /// raw IMAP commands as `user` on the plain port and returns the
    /// server's whole answer.
    pub fn raw(&self, user: &str, commands: &[&str]) -> String {
        raw_imap(self.plain_port, &format!("{user} {user}"), commands)
    }

    /// The key postrum gives the one message of `mailbox` that a SEARCH
    /// for `criteria` finds ("UIDVALIDITY.UID").
    pub fn key_of(&self, user: &str, mailbox: &str, criteria: &str) -> String {
        let answer = self.raw(user, &[&format!("SELECT \"{mailbox}\""), &format!("UID SEARCH {criteria}")]);
        let validity = answer
            .split("[UIDVALIDITY ")
            .nth(1)
            .and_then(|r| r.split(']').next())
            .unwrap_or_else(|| panic!("no UIDVALIDITY: {answer}"));
        let uids: Vec<&str> = answer
            .lines()
            .find(|l| l.starts_with("* SEARCH"))
            .map(|l| l.split_whitespace().skip(2).collect())
            .unwrap_or_default();
        assert_eq!(uids.len(), 1, "{criteria}: {answer}");
        format!("{validity}.{}", uids[0])
    }

    /// Puts a message into a mailbox as a delivery would, arrived at
    /// `at` (a Maildir's INTERNALDATE is its file's time): the same message
    /// in two folders, as Gmail's labels or a client's copy make it.
    pub fn deliver_at(&self, user: &str, mailbox: &str, name: &str, raw: &[u8], at: std::time::SystemTime) {
        self.deliver(user, mailbox, name, raw);
        let file = std::fs::File::options()
            .write(true)
            .open(self.folder(user, mailbox).join("new").join(name))
            .unwrap();
        file.set_modified(at).unwrap();
    }

    /// The flags of every message in a mailbox, as a colleague sees them.
    pub fn flags(&self, user: &str, mailbox: &str) -> String {
        self.raw(user, &[&format!("SELECT {mailbox}"), "UID FETCH 1:* (FLAGS)"])
    }
}

impl Dovecot {
    /// Writes many messages into a mailbox at once (for benchmarks), then
    /// gives them to Dovecot's user in one pass.
    pub fn deliver_many(&self, user: &str, mailbox: &str, messages: impl Iterator<Item = (String, Vec<u8>)>) {
        let folder = self.folder(user, mailbox);
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(folder.join(sub)).unwrap();
        }
        for (name, raw) in messages {
            std::fs::write(folder.join("cur").join(format!("{name}:2,S")), raw).unwrap();
        }
        #[cfg(unix)]
        if is_root() {
            let _ = Command::new("chown").args(["-R", "65534:65534"]).arg(self.dir.join("mail")).status();
        }
    }
}
