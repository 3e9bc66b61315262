//! A second, independent IMAP client of the harness, raw on a socket: what
//! a colleague's other mail program would send (part of `dovecot`).

/// A second, independent IMAP client (a colleague's, or Thunderbird): logs
/// in with `login` ("USER PASSWORD") on the plain port, runs `commands`
/// (tagged a1, a2, …) and returns the server's whole answer.
pub fn raw_imap(port: u16, login: &str, commands: &[&str]) -> String {
    // a connection the server reset before its greeting (seen once under
    // load) is tried again; the commands had not reached it
    for _ in 0..3 {
        let out = raw_imap_once(port, login, commands);
        if !out.is_empty() {
            return out;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    String::new()
}

fn raw_imap_once(port: u16, login: &str, commands: &[&str]) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let mut script = format!("a0 LOGIN {login}\r\n");
    for (i, c) in commands.iter().enumerate() {
        script.push_str(&format!("a{} {c}\r\n", i + 1));
    }
    script.push_str("zz LOGOUT\r\n");
    s.write_all(script.as_bytes()).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if out.windows(5).any(|w| w == b"zz OK") {
                    break;
                }
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
