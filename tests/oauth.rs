//! Signing in with OAuth against a real OpenID provider on loopback
//! (node's oidc-provider: tests/common/oidc.rs): `postrum login` by device
//! code and by browser with PKCE, then the registrator's loop over IMAP and
//! SMTP with no password anywhere — across expiring access tokens — and a
//! clear way back when the provider forgets the sign-in.

mod common;

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::dovecot::Dovecot;
use common::oidc::{Idp, Login};
use common::postfix::{Postfix, DOVECOT_EXTRA};
use common::tmux::Tmux;
use common::*;

/// A provider with 5-second tokens, a Dovecot and Postfix that take them,
/// and a citizen's question in the shared INBOX.
struct World {
    idp: Idp,
    pf: Postfix,
    dc: Dovecot,
    data: tempfile::TempDir,
}

fn world() -> World {
    world_with(5, "")
}

/// The same with tokens of `ttl` seconds, on a Dovecot with `extra`.
fn world_with(ttl: u32, extra: &str) -> World {
    let idp = Idp::start(ttl);
    let dc = idp.dovecot_with(&format!("{DOVECOT_EXTRA}{extra}"));
    let pf = Postfix::start(&dc);
    dc.deliver("registrator", "INBOX", "1.host", &common::smtp::citizen(1, ""));
    World { idp, pf, dc, data: tempfile::tempdir().unwrap() }
}

impl World {
    /// The account as IT would write it: the contract's key names.
    fn config(&self) -> String {
        format!(
            "{}\n[[account]]\nname = \"kommun\"\nimap = \"imap://registrator@localhost:{}/INBOX\"\n\
             ca_file = \"{}\"\nsmtp = \"smtp://registrator@localhost:{}\"\naddress = \"registrator@norrvik.se\"\n\
             oauth_issuer = \"{}\"\noauth_client_id = \"postrum\"\n\
             oauth_scopes = [\"openid\", \"offline_access\", \"imap\", \"smtp\"]\n",
            common::smtp::CONFIG,
            self.dc.plain_port,
            self.dc.ca().display(),
            self.pf.submission,
            self.idp.issuer
        )
    }

    fn write_config(&self) {
        let cfg = self.data.path().join("config/postrum");
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(cfg.join("config.toml"), self.config()).unwrap();
    }

    fn command(&self, args: &[&str]) -> Command {
        let d = self.data.path();
        self.write_config();
        let mut c = Command::new(bin());
        c.args(["--data-dir", d.to_str().unwrap()])
            .args(args)
            .env("HOME", d)
            .env("XDG_CONFIG_HOME", d.join("config"))
            .env("USER", "registrator")
            .env("POSTRUM_KEYRING", "off")
            .env_remove("POSTRUM_IMAP_PASSWORD")
            .env_remove("BROWSER")
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    }

    /// `postrum login`, approved in the provider's pages as `user`.
    fn login(&self, user: &str) -> String {
        let login = Login::start(self.command(&["login"]));
        assert!(login.uri.starts_with(&self.idp.issuer), "{}", login.said);
        assert!(
            login.code.len() >= 8 && login.code.contains('-'),
            "a code as the provider gives it: {}",
            login.said
        );
        self.idp.approve(&login.uri, &login.code, user);
        let (ok, said) = login.finish();
        assert!(ok, "login: {said}");
        said
    }

    fn id(&self) -> String {
        let list = json(&self.run(&["list", "--json"]));
        list[0]["id"].as_str().unwrap_or_else(|| panic!("{list}")).to_string()
    }

    fn sign_in_file(&self) -> std::path::PathBuf {
        self.data.path().join("accounts/kommun/oauth.json")
    }
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn login_by_code_then_the_whole_loop_with_no_password_across_expired_tokens() {
    let w = world();
    // before signing in: a clear way in, not a password prompt
    let out = w.run(&["list", "--json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("postrum login"), "{err}");

    let said = w.login("registrator");
    assert!(said.contains("Inloggad hos") && said.contains("oauth.json"), "{said}");
    // the refresh token: in a file only its owner reads, nowhere else
    let saved = std::fs::read_to_string(w.sign_in_file()).unwrap();
    let token: serde_json::Value = serde_json::from_str(&saved).unwrap();
    let refresh = token["refresh_token"].as_str().unwrap().to_string();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(w.sign_in_file()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(!said.contains(&refresh));

    let id = w.id();
    // the access token (5 s) has run out: a fresh one, silently
    std::thread::sleep(Duration::from_secs(6));
    let out = w.ok(&["assign", &id, "lisa"]);
    assert!(!out.contains(&refresh));
    let start = Instant::now();
    while w.dc.files("lisa", "INBOX").is_empty() && start.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(w.dc.files("lisa", "INBOX").len(), 1, "the forward went by SMTP with XOAUTH2");
    std::thread::sleep(Duration::from_secs(6));
    let out = w.ok(&["ack", &id, "--send"]);
    assert!(out.contains("Kvittensen har skickats"), "{out}");
    assert!(w.dc.flags("registrator", "INBOX").contains("$PostrumAssigned"));
    // nothing of the sign-in in the database
    let db = std::fs::read(w.data.path().join("accounts/kommun/postrum.sqlite")).unwrap();
    assert!(!db.windows(refresh.len()).any(|x| x == refresh.as_bytes()));
}

#[test]
fn a_forgotten_sign_in_says_how_to_sign_in_again_and_loses_nothing() {
    let mut w = world();
    w.login("registrator");
    let id = w.id();
    w.idp.restart(); // forgets every token
    std::thread::sleep(Duration::from_secs(6)); // and the access token in hand has run out
    let start = Instant::now();
    let out = w.run(&["register", &id, "KS 2026/1"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(start.elapsed() < Duration::from_secs(20), "within seconds, never a hang");
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("logga in igen med: postrum login"), "{err}");
    // signed in again: the work goes on
    w.login("registrator");
    let show = json(&w.run(&["show", &id, "--json"]));
    assert_eq!(show["id"], id.as_str());
    w.ok(&["register", &id, "KS 2026/1"]);
}

#[test]
fn login_in_a_browser_with_pkce_and_logout_revokes() {
    let w = world();
    let log = w.data.path().join("browser.log");
    let out = w
        .command(&["login", "--browser"])
        .env("BROWSER", common::oidc::here().join("browser.py"))
        .env("OAUTH_TEST_USER", "registrator")
        .env("OAUTH_TEST_LOG", &log)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}\n{}", std::fs::read_to_string(&log).unwrap_or_default());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("code_challenge=") && said.contains("code_challenge_method=S256"), "PKCE: {said}");
    assert!(err.contains("Inloggad hos"), "{err}");
    let browser = std::fs::read_to_string(&log).unwrap();
    assert!(browser.starts_with("ok http://127.0.0.1:"), "the redirect came back to postrum: {browser}");
    assert_eq!(json(&w.run(&["list", "--json"])).as_array().unwrap().len(), 1);

    let out = w.ok(&["logout"]);
    assert!(out.contains("Utloggad"), "{out}");
    assert!(!w.sign_in_file().exists());
    let out = w.run(&["list", "--json"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("postrum login"));
}

#[test]
fn flags_for_a_one_off_command_line() {
    let idp = Idp::start(60);
    let dc = idp.dovecot();
    dc.deliver("registrator", "INBOX", "1.host", &common::smtp::citizen(1, ""));
    let data = tempfile::tempdir().unwrap();
    let url = format!("imap://registrator@localhost:{}/INBOX", dc.plain_port);
    let args_at = |issuer: &str, extra: &[&str]| {
        let mut c = Command::new(bin());
        c.args(["--data-dir", data.path().to_str().unwrap(), "--imap", &url, "--ca-file"])
            .arg(dc.ca())
            .args(["--oauth-issuer", issuer, "--oauth-client-id", "postrum"])
            .args(extra)
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env("POSTRUM_KEYRING", "off")
            .stdin(Stdio::null());
        c
    };
    let args = |extra: &[&str]| args_at(&idp.issuer, extra);
    let login = Login::start(args(&["login"]));
    idp.approve(&login.uri, &login.code, "registrator");
    assert!(login.finish().0);
    let out = args(&["list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // an http:// provider that is not this machine is refused before anything is asked
    let out = args_at("http://idp.example.se", &["list"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("utan kryptering"), "{err}");
}

#[test]
fn the_tui_lives_through_expiring_tokens_and_says_how_to_sign_in_again() {
    let mut w = world();
    w.login("registrator");
    w.write_config();
    let tmux = Tmux::new("oauth-tui");
    tmux.start_with(w.data.path(), "POSTRUM_TICK_SECS=1 POSTRUM_KEYRING=off", "--account kommun");
    tmux.wait_for("1 meddelande");
    tmux.dismiss_notice();
    // tokens of 5 s come and go; the server drops every session, so each
    // reconnect needs a fresh one
    for _ in 0..2 {
        std::thread::sleep(Duration::from_secs(6));
        w.dc.stop();
        w.dc.restart();
    }
    // back within the reconnect's backoff, with a token of its own fetching
    std::thread::sleep(Duration::from_secs(7));
    let s = tmux.screen();
    assert!(!s.contains("offline") && !s.contains("logga in"), "{s}");
    tmux.keys(&["a"]);
    tmux.wait_for("Fördela till handläggare");
    tmux.text("eva");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("Fördelat till");
    assert!(!s.contains("offline"), "{s}");
    assert!(w.dc.flags("registrator", "INBOX").contains("$PostrumAssigned"));

    // the provider forgets the sign-in and the server drops the session
    w.idp.restart();
    std::thread::sleep(Duration::from_secs(6));
    w.dc.stop();
    w.dc.restart();
    let s = tmux.wait_for("postrum login");
    assert!(s.contains("Medborgare") && s.contains("bygglov 1"), "the cached list stays readable: {s}");
    // an action now is kept, and goes once signed in again
    tmux.keys(&["r"]);
    tmux.wait_for("Diarieför");
    tmux.text("KS 2026/7");
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 åtgärd väntar");
    w.login("registrator");
    tmux.wait_gone_within("åtgärd väntar", 40);
    assert!(tmux.screen().contains("KS 2026/7"));
    tmux.keys(&["q"]);
}

#[test]
fn a_declined_or_expired_code_is_said_clearly_and_keeps_nothing() {
    // codes that live long enough for a busy machine to press Abort in
    // time, and codes that run out in 8 s
    let idp = Idp::start_with(60, 120);
    let short = Idp::start_with(60, 8);
    let data = tempfile::tempdir().unwrap();
    let login = |idp: &Idp| {
        let mut c = Command::new(bin());
        c.args([
            "--data-dir",
            data.path().to_str().unwrap(),
            "--imap",
            "imap://registrator@localhost:1/INBOX",
        ])
        .args(["--oauth-issuer", &idp.issuer, "--oauth-client-id", "postrum", "login"])
        .env("HOME", data.path())
        .env("XDG_CONFIG_HOME", data.path().join("config"))
        .env("POSTRUM_KEYRING", "off")
        .stdin(Stdio::null());
        Login::start(c)
    };
    // the person presses Abort
    let running = login(&idp);
    idp.deny(&running.uri, &running.code);
    let (ok, said) = running.finish();
    assert!(!ok && said.contains("Inloggningen nekades"), "{said}");
    // nobody approves: the code runs out
    let start = Instant::now();
    let (ok, said) = login(&short).finish();
    assert!(!ok && said.contains("Koden gick ut"), "{said}");
    assert!(start.elapsed() < Duration::from_secs(30));
    let kept: Vec<_> = walk(data.path()).into_iter().filter(|p| p.ends_with("oauth.json")).collect();
    assert!(kept.is_empty(), "{kept:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn doctor_on_an_exchange_like_server_signed_in_with_oauth() {
    let w = world_with(60, common::variants::EXCHANGE);
    w.login("registrator");
    // a first action writes the journal (where the keyword test is tried)
    w.ok(&["assign", &w.id(), "lisa", "--no-forward"]);
    let text = |out: &Output| {
        let s = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let s = s.replace(&w.data.path().display().to_string(), "DATA");
        regex::Regex::new(r":\d{4,5}").unwrap().replace_all(&s, ":PORT").into_owned()
    };
    let out = w.run(&["--lang", "sv", "doctor"]);
    assert!(out.status.success(), "{}", text(&out));
    insta::assert_snapshot!("doctor_exchange_oauth_sv", text(&out));
    let out = w.run(&["--lang", "en", "doctor"]);
    insta::assert_snapshot!("doctor_exchange_oauth_en", text(&out));
}

/// A "provider" that answers discovery with `answer`, or never answers.
fn bad_provider(answer: Option<&'static str>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            match answer {
                Some(body) => {
                    let mut conn = conn;
                    let mut buf = [0u8; 4096];
                    let _ = std::io::Read::read(&mut conn, &mut buf);
                    let _ = std::io::Write::write_all(
                        &mut conn,
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        )
                        .as_bytes(),
                    );
                }
                None => held.push(conn), // accepted, never answered
            }
        }
    });
    format!("http://127.0.0.1:{port}")
}

#[test]
fn a_provider_that_answers_nonsense_or_nothing_is_a_clear_error_not_a_hang() {
    let data = tempfile::tempdir().unwrap();
    let login = |issuer: &str| {
        Command::new(bin())
            .args([
                "--data-dir",
                data.path().to_str().unwrap(),
                "--imap",
                "imap://registrator@localhost:1/INBOX",
            ])
            .args(["--oauth-issuer", issuer, "--oauth-client-id", "postrum", "login"])
            .env("HOME", data.path())
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env("POSTRUM_KEYRING", "off")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = login(&bad_provider(Some("{\"token_endpoint\": 42, <html>")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("inte går att läsa"), "{err}");
    let start = Instant::now();
    let out = login(&bad_provider(None));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("går inte att nå"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(25), "{:?}", start.elapsed());
}
