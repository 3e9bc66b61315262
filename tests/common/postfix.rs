//! A real Postfix on loopback beside the test Dovecot, as an on-premises
//! municipality runs submission: port "submission" needs STARTTLS, port
//! "smtps" is TLS from the first byte; AUTH PLAIN/LOGIN is checked by
//! Dovecot (password = user name); mail to <user>@norrvik.se or
//! <user>@example.se is delivered by Dovecot LMTP into that user's INBOX,
//! so a test reads it back over IMAP. Nothing is relayed; no DNS. Runs as
//! root, or for another user as root of a user namespace (uidmap and
//! /etc/subuid). Fails loudly when Postfix is missing (scripts/test
//! installs postfix and dovecot-lmtpd).
#![allow(dead_code)]

use std::io::Read;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::dovecot::{free_port, is_root, Dovecot};

/// What Dovecot needs for Postfix: an LMTP socket and an auth socket, and
/// no growing delay after failed logins (which would hold up later ones).
pub const DOVECOT_EXTRA: &str = "protocols = imap lmtp
service lmtp {
  unix_listener lmtp-postfix {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
protocol lmtp {
  auth_username_format = %Ln
}
service anvil {
  unix_listener anvil-auth-penalty {
    path = anvil-auth-penalty-off
  }
}
";

pub struct Postfix {
    pub etc: PathBuf,
    pub spool: PathBuf,
    pub submission: u16,
    pub smtps: u16,
    log: PathBuf,
}

/// The subordinate ids of this user, as unshare's --map-users wants them.
fn subordinate(file: &str) -> Option<String> {
    let me = String::from_utf8(Command::new("id").arg("-un").output().ok()?.stdout).ok()?;
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.split(':').next() == Some(me.trim()))?;
    let mut parts = line.split(':').skip(1);
    Some(format!("{},1,{}", parts.next()?, parts.next()?))
}

/// Runs a command as root: directly, or in a user namespace.
fn as_root(args: &[&str]) -> Command {
    if is_root() {
        let mut c = Command::new(args[0]);
        c.args(&args[1..]);
        return c;
    }
    let (u, g) = match (subordinate("/etc/subuid"), subordinate("/etc/subgid")) {
        (Some(u), Some(g)) => (u, g),
        _ => panic!("Postfix runs only as root: as this user it needs uidmap and an entry in /etc/subuid and /etc/subgid"),
    };
    let mut c = Command::new("unshare");
    c.arg("--map-root-user").arg(format!("--map-users={u}")).arg(format!("--map-groups={g}")).args(args);
    c
}

impl Postfix {
    /// Starts a Postfix delivering into `dovecot` (started with DOVECOT_EXTRA).
    pub fn start(dovecot: &Dovecot) -> Postfix {
        assert!(
            Command::new("sh")
                .arg("-c")
                .arg("command -v postfix")
                .stdout(Stdio::null())
                .status()
                .unwrap()
                .success(),
            "postfix is required for the SMTP tests (scripts/test installs postfix and dovecot-lmtpd)"
        );
        let d = &dovecot.dir;
        let start = Instant::now();
        while !(d.join("run/lmtp-postfix").exists() && d.join("run/auth-postfix").exists()) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "dovecot made no LMTP socket (dovecot-lmtpd installed?)"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let pf = d.join("postfix");
        let (etc, spool, log) = (pf.join("etc"), pf.join("spool"), pf.join("log"));
        for p in [&etc, &spool, &log] {
            std::fs::create_dir_all(p).unwrap();
        }
        let users = std::fs::read_to_string(d.join("users")).unwrap();
        let recipients: String = users
            .lines()
            .filter_map(|l| l.split(':').next())
            .map(|u| format!("{u}@example.se OK\n{u}@norrvik.se OK\n"))
            .collect();
        std::fs::write(etc.join("recipients"), recipients).unwrap();
        let (dd, sp, lg, et) = (d.display(), spool.display(), log.display(), etc.display());
        let main_cf = format!(
            "compatibility_level = 3.6\nqueue_directory = {sp}\ndata_directory = {dd}/postfix/data\n\
maillog_file = {lg}/postfix.log\nmaillog_file_prefixes = {lg}\nmyhostname = localhost\nmydomain = localdomain\n\
myorigin = $myhostname\ninet_interfaces = 127.0.0.1\ninet_protocols = ipv4\nsmtp_dns_support_level = disabled\n\
lmtp_dns_support_level = disabled\nsmtpd_peername_lookup = no\nmydestination =\nrelay_domains =\nalias_maps =\n\
default_transport = error:this test server delivers only to example.se and norrvik.se\n\
virtual_mailbox_domains = example.se norrvik.se\nvirtual_mailbox_maps = texthash:{et}/recipients\n\
virtual_transport = lmtp:unix:{dd}/run/lmtp-postfix\nsmtpd_sasl_type = dovecot\nsmtpd_sasl_path = {dd}/run/auth-postfix\n\
smtpd_sasl_auth_enable = yes\nsmtpd_tls_auth_only = yes\nsmtpd_delay_reject = no\nsmtpd_client_restrictions =\n\
smtpd_helo_restrictions =\nsmtpd_sender_restrictions = permit_sasl_authenticated, check_sender_access static:{{530 5.7.0 Authentication required}}\n\
smtpd_relay_restrictions = reject_unauth_destination\nsmtpd_recipient_restrictions = permit_sasl_authenticated, reject\n\
smtpd_tls_cert_file = {dd}/tls/cert.pem\nsmtpd_tls_key_file = {dd}/tls/key.pem\nsmtpd_banner = $myhostname ESMTP test\n\
message_size_limit = 52428800\nsmtputf8_enable = no\nqueue_run_delay = 1s\nminimal_backoff_time = 1s\nmaximal_backoff_time = 10s\n"
        );
        std::fs::write(etc.join("main.cf"), main_cf).unwrap();
        // a port chosen free may be taken before Postfix binds it (the
        // tests start servers side by side): then again with other ports
        let mut failed = Vec::new();
        for _ in 0..4 {
            let (submission, smtps) = (free_port(), free_port());
            let master_cf = format!(
                "127.0.0.1:{submission} inet n - n - - smtpd\n  -o syslog_name=postfix/submission\n  -o smtpd_tls_security_level=encrypt\n\
    127.0.0.1:{smtps} inet n - n - - smtpd\n  -o syslog_name=postfix/smtps\n  -o smtpd_tls_wrappermode=yes\n\
    cleanup unix n - n - 0 cleanup\nqmgr unix n - n 300 1 qmgr\ntlsmgr unix - - n 1000? 1 tlsmgr\n\
    rewrite unix - - n - - trivial-rewrite\nbounce unix - - n - 0 bounce\ndefer unix - - n - 0 bounce\n\
    trace unix - - n - 0 bounce\nverify unix - - n - 1 verify\nflush unix n - n 1000? 0 flush\n\
    proxymap unix - - n - - proxymap\nerror unix - - n - - error\nretry unix - - n - - error\n\
    discard unix - - n - - discard\nlmtp unix - - n - - lmtp\nanvil unix - - n - 1 anvil\n\
    scache unix - - n - 1 scache\npostlog unix-dgram n - n - 1 postlogd\n"
            );
            std::fs::write(etc.join("master.cf"), master_cf).unwrap();
            // Postfix pauses while a file it loads is younger than 2 s
            for f in ["main.cf", "master.cf", "recipients"] {
                let _ = Command::new("touch").args(["-d", "1 minute ago"]).arg(etc.join(f)).status();
            }
            let p = Postfix { etc: etc.clone(), spool: spool.clone(), submission, smtps, log: log.clone() };
            match p.try_launch() {
                Ok(()) => return p,
                Err(why) => failed.push(why),
            }
        }
        panic!("postfix did not start:\n{}", failed.join("\n---\n"));
    }

    /// Starts the master; on failure, what its log says.
    fn try_launch(&self) -> Result<(), String> {
        let etc = self.etc.display().to_string();
        let out = as_root(&["postfix", "-c", &etc, "start"]).stdin(Stdio::null()).output().unwrap();
        if !out.status.success() {
            let log = std::fs::read_to_string(self.log.join("postfix.log")).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(8).collect();
            return Err(format!(
                "{}{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ));
        }
        let start = Instant::now();
        loop {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.submission)) {
                let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
                let mut buf = [0u8; 16];
                if s.read(&mut buf).map(|n| buf[..n].starts_with(b"220")).unwrap_or(false) {
                    return Ok(());
                }
            }
            if start.elapsed() > Duration::from_secs(20) {
                return Err("postfix did not answer".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops Postfix (the mail queue stays): submission is refused until
    /// `restart`. Its master is killed outright when it does not go.
    pub fn stop(&self) {
        let pid_file = self.spool.join("pid/master.pid");
        let Ok(pid) = std::fs::read_to_string(&pid_file) else { return };
        let pid = pid.trim().to_string();
        let _ = as_root(&["kill", &pid]).stderr(Stdio::null()).status();
        let gone = |pid: &str| {
            !Command::new("kill").args(["-0", pid]).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
        };
        let start = Instant::now();
        while !gone(&pid) && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(50));
        }
        if !gone(&pid) {
            let _ = as_root(&["kill", "-9", "--", &format!("-{pid}")]).stderr(Stdio::null()).status();
            let _ = as_root(&["kill", "-9", &pid]).stderr(Stdio::null()).status();
        }
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.submission)).is_ok()
            && start.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        // the master's process group, but for zombies
        while start.elapsed() < Duration::from_secs(10) {
            let out = Command::new("ps").args(["-e", "-o", "pgid=,stat="]).output().unwrap();
            let alive = String::from_utf8_lossy(&out.stdout).lines().any(|l| {
                let mut f = l.split_whitespace();
                f.next() == Some(pid.as_str()) && !f.next().unwrap_or("").starts_with('Z')
            });
            if !alive {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = std::fs::remove_file(pid_file);
    }

    pub fn restart(&self) {
        if let Err(why) = self.try_launch() {
            panic!("postfix did not start again:\n{why}");
        }
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        self.stop();
        if !is_root() {
            // the queue belongs to a subordinate uid: give it back, so the directory can go
            let pf = self.etc.parent().unwrap().display().to_string();
            let _ = as_root(&["chown", "-R", "0:0", &pf]).status();
        }
    }
}
