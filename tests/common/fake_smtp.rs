//! A small SMTP server of the harness that misbehaves on purpose, for what
//! a real Postfix will not do on request: take a whole message (DATA up to
//! the final ".") and drop the connection before its answer, or accept
//! connections and never greet. It counts the connections and keeps every
//! message it took, whatever it answered. Loopback only, plain text
//! (`smtp+insecure://`).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Takes the message, then closes the connection without the `250`.
    DropAfterData,
    /// Takes the message and answers `250`.
    Accept,
    /// Accepts the connection and says nothing.
    Hang,
}

#[derive(Default)]
struct State {
    mode: Option<Mode>,
    connections: usize,
    messages: Vec<Vec<u8>>,
    /// The MAIL FROM and RCPT TO lines as they came.
    envelope: Vec<String>,
}

pub struct FakeSmtp {
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl FakeSmtp {
    pub fn start(mode: Mode) -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State { mode: Some(mode), ..State::default() }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let st = shared.clone();
                std::thread::spawn(move || serve(conn, st));
            }
        });
        FakeSmtp { port, state }
    }

    /// `smtp+insecure://localhost:PORT` (no login).
    pub fn url(&self) -> String {
        format!("smtp+insecure://localhost:{}", self.port)
    }

    pub fn set_mode(&self, mode: Mode) {
        self.state.lock().unwrap().mode = Some(mode);
    }

    pub fn connections(&self) -> usize {
        self.state.lock().unwrap().connections
    }

    /// The MAIL FROM and RCPT TO lines, as sent.
    pub fn envelope(&self) -> Vec<String> {
        self.state.lock().unwrap().envelope.clone()
    }

    /// Every message taken (the bytes after DATA), however it was answered.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        self.state.lock().unwrap().messages.clone()
    }
}

fn serve(mut conn: TcpStream, state: Arc<Mutex<State>>) {
    let mode = {
        let mut st = state.lock().unwrap();
        st.connections += 1;
        st.mode.unwrap_or(Mode::Accept)
    };
    if mode == Mode::Hang {
        std::thread::sleep(std::time::Duration::from_secs(600));
        return;
    }
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let _ = conn.write_all(b"220 fake.test ESMTP\r\n");
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let verb = line.trim_end().split(' ').next().unwrap_or("").to_ascii_uppercase();
        if verb == "MAIL" || verb == "RCPT" {
            state.lock().unwrap().envelope.push(line.trim_end().to_string());
        }
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-fake.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 ok\r\n",
            "QUIT" => {
                let _ = conn.write_all(b"221 bye\r\n");
                return;
            }
            "DATA" => {
                let _ = conn.write_all(b"354 go on\r\n");
                let mut message = Vec::new();
                loop {
                    let mut l = Vec::new();
                    if reader.read_until(b'\n', &mut l).unwrap_or(0) == 0 {
                        return;
                    }
                    if l == b".\r\n" || l == b".\n" {
                        break;
                    }
                    message.extend_from_slice(&l);
                }
                let mode = {
                    let mut st = state.lock().unwrap();
                    st.messages.push(message);
                    st.mode.unwrap_or(Mode::Accept)
                };
                if mode == Mode::DropAfterData {
                    let _ = conn.shutdown(std::net::Shutdown::Both);
                    return;
                }
                b"250 2.0.0 queued\r\n"
            }
            _ => b"502 not here\r\n",
        };
        if conn.write_all(answer).is_err() {
            return;
        }
    }
}
