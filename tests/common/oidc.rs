//! A real OpenID provider on loopback for the OAuth tests: node's
//! `oidc-provider` (the certified implementation; installed once from the
//! npm registry into target/) running tests/oauth/idp.mjs — device flow,
//! authorization code with PKCE, rotating refresh tokens, introspection
//! and revocation. A Dovecot that takes its tokens by XOAUTH2 (checked by
//! introspection), and the helpers that approve a code as a person would.
//! Fails loudly without node (scripts/test installs nodejs and npm).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::dovecot::{free_port, Dovecot};

/// The provider's package, pinned.
const PACKAGE: &str = "oidc-provider@9.13.3";

pub fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oauth")
}

/// node_modules with oidc-provider, installed once (under a lock: tests
/// run side by side).
fn installed() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/oidc-provider");
    std::fs::create_dir_all(&dir).unwrap();
    let lock = std::fs::File::create(dir.join(".lock")).unwrap();
    lock.lock().unwrap();
    if !dir.join("node_modules/oidc-provider/package.json").exists() {
        let ok = Command::new("node").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
        assert!(ok, "node is required for the OAuth tests (scripts/test installs nodejs and npm)");
        std::fs::write(
            dir.join("package.json"),
            "{\"name\":\"postrum-test-idp\",\"private\":true,\"type\":\"module\"}\n",
        )
        .unwrap();
        let out = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", PACKAGE])
            .current_dir(&dir)
            .output()
            .expect("npm is required for the OAuth tests (scripts/test installs it)");
        assert!(
            out.status.success(),
            "npm install {PACKAGE} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::copy(here().join("idp.mjs"), dir.join("idp.mjs")).unwrap();
    dir
}

pub struct Idp {
    pub issuer: String,
    pub port: u16,
    ttl: u32,
    device_ttl: u32,
    dir: PathBuf,
    log: PathBuf,
    child: Option<Child>,
    _tmp: tempfile::TempDir,
}

impl Idp {
    /// A provider whose access tokens live `ttl` seconds.
    pub fn start(ttl: u32) -> Idp {
        Self::start_with(ttl, 600)
    }

    /// …and whose device codes live `device_ttl` seconds.
    pub fn start_with(ttl: u32, device_ttl: u32) -> Idp {
        let tmp = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut idp = Idp {
            issuer: format!("http://127.0.0.1:{port}"),
            port,
            ttl,
            device_ttl,
            dir: installed(),
            log: tmp.path().join("idp.log"),
            child: None,
            _tmp: tmp,
        };
        idp.launch();
        idp
    }

    fn launch(&mut self) {
        let log = std::fs::File::options().create(true).append(true).open(&self.log).unwrap();
        let child = Command::new("node")
            .args(["idp.mjs", &self.port.to_string(), &self.ttl.to_string()])
            .current_dir(&self.dir)
            .env("DEVICE_TTL", self.device_ttl.to_string())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("node");
        self.child = Some(child);
        let start = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "the provider did not start: {}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Restarted: it forgets every token it gave.
    pub fn restart(&mut self) {
        self.stop();
        self.launch();
    }

    /// Approves a device code as `user` would, in the provider's pages.
    pub fn approve(&self, uri: &str, code: &str, user: &str) {
        let out =
            Command::new("python3").arg(here().join("approve.py")).args([uri, code, user]).output().unwrap();
        assert!(
            out.status.success(),
            "approve: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Declines a device code ("Abort" on the provider's page).
    pub fn deny(&self, uri: &str, code: &str) {
        let out = Command::new("python3").arg(here().join("deny.py")).args([uri, code]).output().unwrap();
        assert!(out.status.success(), "deny: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// A Dovecot (the harness's users) that also takes this provider's
    /// tokens by XOAUTH2; the token's subject must be the user.
    pub fn dovecot(&self) -> Dovecot {
        self.dovecot_with("")
    }

    /// The same with more Dovecot settings (Postfix's sockets).
    pub fn dovecot_with(&self, extra: &str) -> Dovecot {
        let dc = Dovecot::start_with(extra);
        std::fs::write(
            dc.dir.join("oauth2.conf.ext"),
            format!(
                "introspection_mode = post\nintrospection_url = http://dovecot:dovecot-secret@127.0.0.1:{}/token/introspection\n\
                 username_attribute = sub\nactive_attribute = active\nactive_value = true\n",
                self.port
            ),
        )
        .unwrap();
        dc.stop();
        dc.restart();
        dc
    }
}

impl Drop for Idp {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `postrum login` running: the address and the code it printed.
pub struct Login {
    child: std::process::Child,
    out: std::io::BufReader<std::process::ChildStdout>,
    pub uri: String,
    pub code: String,
    /// What it printed so far.
    pub said: String,
}

impl Login {
    /// Starts `cmd` (a `postrum … login`) and reads its stdout until the
    /// verification address and the user code are there.
    pub fn start(mut cmd: Command) -> Login {
        use std::io::BufRead;
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let (mut uri, mut code, mut said) = (None, None, String::new());
        while uri.is_none() || code.is_none() {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap() == 0 {
                let mut err = String::new();
                let _ = std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err);
                panic!("no address and code in:\n{said}\n{err}");
            }
            said.push_str(&line);
            if uri.is_none() {
                uri = line.split_whitespace().find(|w| w.starts_with("http")).map(str::to_string);
            }
            if let Some(c) = line.split("koden ").nth(1) {
                code = Some(c.trim().to_string());
            }
        }
        Login { child, out, uri: uri.unwrap(), code: code.unwrap(), said }
    }

    /// Waits for it to end: whether it succeeded, and all it printed
    /// (stdout, then stderr).
    pub fn finish(mut self) -> (bool, String) {
        let mut said = self.said;
        std::io::Read::read_to_string(&mut self.out, &mut said).unwrap();
        std::io::Read::read_to_string(self.child.stderr.as_mut().unwrap(), &mut said).unwrap();
        (self.child.wait().unwrap().success(), said)
    }
}
