//! GNU Mailutils' imap4d on loopback, the suite's third real server and
//! the least like Dovecot: no CONDSTORE, UIDPLUS, MOVE or SPECIAL-USE, no
//! keywords (PERMANENTFLAGS without `\*`), folders found by name only, and
//! EXPUNGE answered with the non-standard `* N EXPUNGED`. Two users,
//! `registrator@norrvik.se` and `vikarie@norrvik.se` (password: the name
//! before the @), share one INBOX (a Maildir under `home/shared`) and the
//! folders Sent, Trash and Postrum. `scripts/test` installs
//! mailutils-imap4d (it sits beside Dovecot); a missing one fails loudly.
#![allow(dead_code)]

use std::io::Read;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::dovecot::{free_port, is_root};

pub struct Mailutils {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub port: u16,
    child: Child,
}

fn imap4d() -> &'static str {
    for p in ["/usr/sbin/imap4d", "/usr/bin/imap4d"] {
        if Path::new(p).exists() {
            return p;
        }
    }
    panic!("GNU Mailutils imap4d is required (scripts/test installs mailutils-imap4d)");
}

fn hash(password: &str) -> String {
    let out = Command::new("openssl").args(["passwd", "-6", "-salt", "postrumt", password]).output().unwrap();
    assert!(out.status.success(), "openssl passwd");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Mailutils {
    pub fn start() -> Mailutils {
        assert!(is_root(), "the Mailutils tests run as root (imap4d switches to the users' uid)");
        let bin = imap4d();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        for sub in ["vd", "spool", "home/shared/INBOX/cur", "home/shared/INBOX/new", "home/shared/INBOX/tmp"]
        {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        for f in ["Sent", "Trash", "Postrum"] {
            for sub in ["cur", "new", "tmp"] {
                std::fs::create_dir_all(dir.join("folders").join(f).join(sub)).unwrap();
            }
        }
        let mut users = String::new();
        for u in ["registrator", "vikarie"] {
            users.push_str(&format!("{u}:{}:65534:65534::{}/home/shared:/bin/sh\n", hash(u), dir.display()));
        }
        std::fs::write(dir.join("vd/norrvik.se"), users).unwrap();
        let port = free_port();
        let d = dir.display();
        let conf = format!(
            "auth {{ authentication generic; authorization virtdomain; }};\n\
             virtdomain {{ passwd-dir \"{d}/vd\"; }};\n\
             mailbox {{ mailbox-type maildir; mail-spool \"maildir://{d}/spool\"; }};\n\
             namespace personal {{ prefix \"\" {{ directory \"{d}/folders\"; delimiter \"/\"; mailbox-type maildir; }}; }};\n\
             login-disabled no;\n\
             server 127.0.0.1:{port} {{ transcript no; tls-mode no; }};\n\
             logging {{ syslog no; }};\n"
        );
        std::fs::write(dir.join("imap4d.conf"), conf).unwrap();
        // every directory above the data traversable by the users' uid
        let mut p = dir.clone();
        while p != Path::new("/") {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(m) = std::fs::metadata(&p) {
                let mode = m.permissions().mode();
                let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode | 0o011));
            }
            p = p.parent().unwrap_or(Path::new("/")).to_path_buf();
        }
        Mailutils::chown(&dir);
        let log = std::fs::File::create(dir.join("imap4d.log")).unwrap();
        let child = Command::new(bin)
            .arg(format!("--config-file={}", dir.join("imap4d.conf").display()))
            .args(["--daemon", "--foreground"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let start = Instant::now();
        loop {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
                s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
                let mut buf = [0u8; 64];
                if s.read(&mut buf).is_ok_and(|n| buf[..n].starts_with(b"* OK")) {
                    break;
                }
            }
            let log = std::fs::read_to_string(dir.join("imap4d.log")).unwrap_or_default();
            assert!(start.elapsed() < Duration::from_secs(10), "imap4d did not answer: {log}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Mailutils { _tmp: tmp, dir, port, child }
    }

    fn chown(dir: &Path) {
        for sub in ["spool", "folders", "home"] {
            let _ = Command::new("chown").args(["-R", "65534:65534"]).arg(dir.join(sub)).status();
        }
    }

    /// `imap+insecure://USER%40norrvik.se@127.0.0.1:PORT/INBOX`.
    pub fn url(&self, user: &str) -> String {
        format!("imap+insecure://{user}%40norrvik.se@127.0.0.1:{}/INBOX", self.port)
    }

    /// Puts a message into the shared INBOX as a delivery would (imap4d's
    /// Maildir wants plain newlines on disk).
    pub fn deliver(&self, name: &str, raw: &[u8]) {
        let text = String::from_utf8_lossy(raw).replace("\r\n", "\n");
        let path = self.dir.join("home/shared/INBOX/new").join(name);
        std::fs::write(&path, text).unwrap();
        Mailutils::chown(&self.dir);
    }

    /// Raw IMAP commands as `user`; the server's whole answer.
    pub fn raw(&self, user: &str, commands: &[&str]) -> String {
        super::dovecot::raw_imap(self.port, &format!("{user}@norrvik.se {user}"), commands)
    }

    /// The flags of every message in the shared INBOX, one FETCH line each.
    pub fn flags(&self) -> Vec<String> {
        self.raw("vikarie", &["SELECT INBOX", "UID FETCH 1:* (FLAGS)"])
            .lines()
            .filter(|l| l.contains("FETCH ("))
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Mailutils {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
