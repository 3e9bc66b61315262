//! A fault-injecting IMAP proxy on loopback, in front of the test Dovecot's
//! plain port: it passes everything through, except that a rule can delay
//! a command, cut the connection when a command is sent (before the server
//! sees it), or refuse a command with a NO of its own. Rules match the
//! command name and arguments (case-insensitive) and can be changed while
//! postrum runs. Literals are passed through whole.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Debug)]
pub enum Fault {
    /// Wait this long, then pass the command on.
    Delay(Duration),
    /// Close both connections instead of passing the command on.
    Cut,
    /// Answer `TAG NO [text]` instead of passing the command on.
    Refuse(&'static str),
    /// Pass the command on, and close both connections this long after
    /// (a server that drops an IDLE after a while).
    CutAfter(Duration),
}

#[derive(Clone, Debug)]
pub struct Rule {
    /// Matched against the command after its tag, upper-cased.
    pub contains: String,
    pub fault: Fault,
    /// How many more commands it applies to.
    pub times: usize,
}

pub struct Proxy {
    pub port: u16,
    rules: Arc<Mutex<Vec<Rule>>>,
    /// Every command line seen, in order (after the tag).
    pub seen: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    /// A proxy in front of `upstream` (a port on 127.0.0.1).
    pub fn start(upstream: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let rules: Arc<Mutex<Vec<Rule>>> = Arc::default();
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, s) = (rules.clone(), seen.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else { continue };
                let (r, s) = (r.clone(), s.clone());
                std::thread::spawn(move || serve(client, server, r, s));
            }
        });
        Proxy { port, rules, seen }
    }

    /// Adds a rule for the next `times` commands containing `contains`.
    pub fn on(&self, contains: &str, fault: Fault, times: usize) {
        self.rules.lock().unwrap().push(Rule { contains: contains.to_uppercase(), fault, times });
    }

    /// Commands seen so far containing `what`.
    pub fn count(&self, what: &str) -> usize {
        let what = what.to_uppercase();
        self.seen.lock().unwrap().iter().filter(|c| c.contains(&what)).count()
    }
}

/// The rule for a command, used up by one.
fn take(rules: &Mutex<Vec<Rule>>, command: &str) -> Option<Fault> {
    let mut rules = rules.lock().unwrap();
    let i = rules.iter().position(|r| r.times > 0 && command.contains(&r.contains))?;
    rules[i].times -= 1;
    Some(rules[i].fault.clone())
}

/// The length of a literal announced at the end of a line: `{12}` or `{12+}`.
fn literal(line: &[u8]) -> Option<(usize, bool)> {
    let text = std::str::from_utf8(line).ok()?.trim_end();
    let inner = text.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let n = &inner[open + 1..];
    let (n, plus) = match n.strip_suffix('+') {
        Some(n) => (n, true),
        None => (n, false),
    };
    Some((n.parse().ok()?, plus))
}

/// What the server said at the top level, as the client side needs it.
enum Said {
    /// `+ …`: go on with the literal.
    Continue,
    /// `TAG …`: the command with this tag is done.
    Done(String),
}

/// Server → client: passed on as it comes, line by line with literals
/// whole, reporting continuations and tagged answers.
fn downstream(server: TcpStream, mut client: TcpStream, said: std::sync::mpsc::Sender<Said>) {
    let mut reader = BufReader::new(server);
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if line.starts_with(b"+") {
            let _ = said.send(Said::Continue);
        } else if !line.starts_with(b"*") {
            let tag = String::from_utf8_lossy(&line).split(' ').next().unwrap_or("").to_string();
            let _ = said.send(Said::Done(tag));
        }
        if client.write_all(&line).is_err() {
            break;
        }
        let mut pending = literal(&line);
        while let Some((n, _)) = pending {
            let mut data = vec![0u8; n];
            if reader.read_exact(&mut data).is_err() || client.write_all(&data).is_err() {
                pending = None;
                line.clear();
                break;
            }
            line.clear();
            if reader.read_until(b'\n', &mut line).unwrap_or(0) == 0 || client.write_all(&line).is_err() {
                break;
            }
            pending = literal(&line);
        }
        if line.is_empty() {
            break;
        }
    }
    let _ = client.shutdown(Shutdown::Both);
}

fn serve(client: TcpStream, server: TcpStream, rules: Arc<Mutex<Vec<Rule>>>, seen: Arc<Mutex<Vec<String>>>) {
    let (said_tx, said) = std::sync::mpsc::channel();
    let (to_client, from_server) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let down = std::thread::spawn(move || downstream(from_server, to_client, said_tx));
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut to_server = server.try_clone().unwrap();
    let mut reply = client;
    let mut tag = String::new();
    let mut in_command = false;
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if !in_command {
            let text = String::from_utf8_lossy(&line).to_string();
            let (t, rest) = text.split_once(' ').unwrap_or((text.as_str(), ""));
            tag = t.to_string();
            let command = rest.trim_end().to_uppercase();
            seen.lock().unwrap().push(command.clone());
            match take(&rules, &command) {
                Some(Fault::Delay(d)) => std::thread::sleep(d),
                Some(Fault::CutAfter(d)) => {
                    let (a, b) = (to_server.try_clone().unwrap(), reply.try_clone().unwrap());
                    std::thread::spawn(move || {
                        std::thread::sleep(d);
                        let _ = a.shutdown(Shutdown::Both);
                        let _ = b.shutdown(Shutdown::Both);
                    });
                }
                Some(Fault::Cut) => break,
                Some(Fault::Refuse(why)) => {
                    // a literal sent without waiting is read and dropped
                    if let Some((n, true)) = literal(&line) {
                        let mut skip = vec![0u8; n];
                        let _ = reader.read_exact(&mut skip);
                        let mut rest = Vec::new();
                        let _ = reader.read_until(b'\n', &mut rest);
                    }
                    let _ =
                        reply.write_all(format!("{tag} NO [{why}] refused by the test proxy\r\n").as_bytes());
                    continue;
                }
                None => {}
            }
        }
        if matches!(literal(&line), Some((_, false))) {
            while said.try_recv().is_ok() {} // what was said before this command
        }
        if to_server.write_all(&line).is_err() {
            break;
        }
        // a literal follows (a synchronising one only if the server said
        // go on): pass it on whole, then the rest of the command
        in_command = false;
        if let Some((n, plus)) = literal(&line) {
            let go_on = plus
                || loop {
                    match said.recv_timeout(Duration::from_secs(60)) {
                        Ok(Said::Continue) => break true,
                        Ok(Said::Done(t)) if t == tag => break false,
                        Ok(Said::Done(_)) => {}
                        Err(_) => break false,
                    }
                };
            if go_on {
                let mut data = vec![0u8; n];
                if reader.read_exact(&mut data).is_err() || to_server.write_all(&data).is_err() {
                    break;
                }
                in_command = true;
            }
        }
    }
    let _ = to_server.shutdown(Shutdown::Both);
    let _ = reply.shutdown(Shutdown::Both);
    let _ = down.join();
}
