//! A server's `* N EXPUNGED` read as the `* N EXPUNGE` it means. GNU
//! Mailutils' imap4d answers a plain EXPUNGE that way; async-imap's parser
//! does not know the word, and the session would be lost with the message
//! already gone. Switched on for a session only when postrum sends a plain
//! EXPUNGE (a server without UIDPLUS), so a server that speaks the standard
//! costs nothing. Only a whole line of exactly that shape is changed, and
//! never inside a literal (a message's bytes pass untouched).

/// How long a line may grow while it may still be `* N EXPUNGED`.
const LONGEST: usize = 32;

#[derive(Debug, Default)]
pub struct ExpungedFix {
    /// The line so far, while it may still be one to change.
    held: Vec<u8>,
    /// A long line passing through to its end; its last bytes, to see a
    /// literal announced at its end.
    passing: bool,
    tail: Vec<u8>,
    /// Bytes of a literal still to pass untouched.
    literal: usize,
    /// What is ready for the reader.
    pub out: Vec<u8>,
}

impl ExpungedFix {
    /// Takes bytes read from the server.
    pub fn feed(&mut self, input: &[u8]) {
        for &b in input {
            if self.literal > 0 {
                self.out.push(b);
                self.literal -= 1;
            } else if self.passing {
                self.out.push(b);
                self.tail.push(b);
                if self.tail.len() > LONGEST {
                    self.tail.remove(0);
                }
                if b == b'\n' {
                    self.literal = literal_after(&self.tail);
                    self.passing = false;
                    self.tail.clear();
                }
            } else {
                self.held.push(b);
                if b == b'\n' {
                    fix_line(&mut self.held);
                    self.literal = literal_after(&self.held);
                    self.out.append(&mut self.held);
                } else if self.held.len() > LONGEST {
                    self.tail = self.held.clone();
                    self.out.append(&mut self.held);
                    self.passing = true;
                }
            }
        }
    }

    /// The server closed: what was held goes as it is.
    pub fn end(&mut self) {
        self.out.append(&mut self.held);
    }
}

/// `* 12 EXPUNGED\r\n` → `* 12 EXPUNGE\r\n`; any other line is left alone.
fn fix_line(line: &mut Vec<u8>) {
    let Some(rest) = line.strip_prefix(b"* ") else { return };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 && matches!(&rest[digits..], b" EXPUNGED\r\n" | b" EXPUNGED\n") {
        let d = line.len() - if line.ends_with(b"\r\n") { 3 } else { 2 };
        line.remove(d);
    }
}

/// The size of a literal a line announces at its end (`{123}` or `{123+}`).
fn literal_after(line: &[u8]) -> usize {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Some(inner) = line.strip_suffix(b"}") else { return 0 };
    let Some(open) = inner.iter().rposition(|b| *b == b'{') else { return 0 };
    let n = inner[open + 1..].strip_suffix(b"+").unwrap_or(&inner[open + 1..]);
    std::str::from_utf8(n).ok().and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(chunks: &[&[u8]]) -> Vec<u8> {
        let mut f = ExpungedFix::default();
        for c in chunks {
            f.feed(c);
        }
        f.end();
        f.out
    }

    #[test]
    fn expunged_lines_become_expunge_and_nothing_else_changes() {
        assert_eq!(run(&[b"* 1 EXPUNGED\r\na OK done\r\n"]), b"* 1 EXPUNGE\r\na OK done\r\n");
        // split anywhere
        assert_eq!(run(&[b"* 12 EXPUN", b"GED\r", b"\n"]), b"* 12 EXPUNGE\r\n");
        for same in [&b"* 1 EXPUNGE\r\n"[..], b"* 1 EXPUNGEDX\r\n", b"* X EXPUNGED\r\n", b"a1 EXPUNGED\r\n"] {
            assert_eq!(run(&[same]), same);
        }
    }

    #[test]
    fn a_literal_passes_untouched() {
        let body = b"* 1 EXPUNGED\r\n";
        let mut input = format!("* 3 FETCH (BODY[] {{{}}}\r\n", body.len()).into_bytes();
        input.extend_from_slice(body);
        input.extend_from_slice(b")\r\n* 2 EXPUNGED\r\n");
        let mut want = format!("* 3 FETCH (BODY[] {{{}}}\r\n", body.len()).into_bytes();
        want.extend_from_slice(body);
        want.extend_from_slice(b")\r\n* 2 EXPUNGE\r\n");
        assert_eq!(run(&[&input[..10], &input[10..]]), want);
        // a long line announcing a literal at its end
        let long = format!("* 4 FETCH (UID 9 FLAGS (\\Seen) RFC822.SIZE 14 BODY[] {{{}}}\r\n", body.len());
        let mut input = long.clone().into_bytes();
        input.extend_from_slice(body);
        input.extend_from_slice(b")\r\n");
        assert_eq!(run(&[&input]), input);
    }
}
