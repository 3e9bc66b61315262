//! A quick reader for the one answer a first sync gets 100,000 of:
//! `* N FETCH (UID u FLAGS (…) INTERNALDATE "…" RFC822.SIZE n
//! BODY[HEADER.FIELDS (…)] {len}CRLF…)CRLF`, items in any order. imap-proto
//! reads it too, but spends more time on it than the server takes to send
//! it. Anything else (another answer, an item not listed here, a quoted
//! body) is left to imap-proto: `Quick::Other`. The tests check that both
//! read generated answers alike, and that no input makes it panic. It is
//! more lenient than imap-proto in one way: what a flag, a date or a
//! section holds is not checked, only where it ends.

/// What one FETCH answer said.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fetched<'a> {
    pub uid: Option<u32>,
    pub answered: bool,
    /// The status keywords (`marks_of`).
    pub marks: u8,
    pub date: Option<&'a str>,
    pub size: Option<u32>,
    pub head: Option<&'a [u8]>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Quick<'a> {
    /// A FETCH answer of `used` bytes.
    Fetch(usize, Fetched<'a>),
    /// The start of one: more bytes are needed.
    Incomplete,
    /// Not an answer this reader knows: ask imap-proto.
    Other,
}

enum Stop {
    Incomplete,
    Other,
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Result<u8, Stop> {
        self.b.get(self.i).copied().ok_or(Stop::Incomplete)
    }

    /// Exactly `t` (letters in any case).
    fn tag(&mut self, t: &[u8]) -> Result<(), Stop> {
        for (k, want) in t.iter().enumerate() {
            let got = *self.b.get(self.i + k).ok_or(Stop::Incomplete)?;
            if !got.eq_ignore_ascii_case(want) {
                return Err(Stop::Other);
            }
        }
        self.i += t.len();
        Ok(())
    }

    fn number(&mut self) -> Result<u64, Stop> {
        let start = self.i;
        let mut n: u64 = 0;
        loop {
            match self.b.get(self.i) {
                Some(c) if c.is_ascii_digit() => {
                    n = n
                        .checked_mul(10)
                        .and_then(|n| n.checked_add(u64::from(c - b'0')))
                        .ok_or(Stop::Other)?;
                    self.i += 1;
                }
                Some(_) if self.i > start => return Ok(n),
                Some(_) => return Err(Stop::Other),
                None => return Err(Stop::Incomplete),
            }
        }
    }

    fn number32(&mut self) -> Result<u32, Stop> {
        u32::try_from(self.number()?).map_err(|_| Stop::Other)
    }

    /// The bytes up to `end` (not taken), on one line; moves past `end`.
    fn until(&mut self, end: u8) -> Result<&'a [u8], Stop> {
        let rest = &self.b[self.i..];
        match rest.iter().position(|&c| c == end || c == b'\r' || c == b'\n') {
            Some(k) if rest[k] == end => {
                self.i += k + 1;
                Ok(&rest[..k])
            }
            Some(_) => Err(Stop::Other),
            None => Err(Stop::Incomplete),
        }
    }

    /// An item's name: up to a space or `[`.
    fn name(&mut self) -> Result<&'a [u8], Stop> {
        let rest = &self.b[self.i..];
        match rest.iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'.')) {
            Some(k) if k > 0 => {
                self.i += k;
                Ok(&rest[..k])
            }
            Some(_) => Err(Stop::Other),
            None => Err(Stop::Incomplete),
        }
    }
}

fn item<'a>(c: &mut Cursor<'a>, f: &mut Fetched<'a>) -> Result<(), Stop> {
    let name = c.name()?;
    let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
    if is("UID") {
        c.tag(b" ")?;
        f.uid = Some(c.number32()?);
    } else if is("RFC822.SIZE") {
        c.tag(b" ")?;
        f.size = Some(c.number32()?);
    } else if is("MODSEQ") {
        c.tag(b" (")?;
        c.number()?;
        c.tag(b")")?;
    } else if is("FLAGS") {
        c.tag(b" (")?;
        let flags = c.until(b')')?;
        if flags.iter().any(|&b| b == b'(' || b == b'"') {
            return Err(Stop::Other);
        }
        f.answered = flags.split(|&b| b == b' ').any(|fl| fl.eq_ignore_ascii_case(b"\\Answered"));
        f.marks = super::marks_of(flags.split(|&b| b == b' ').filter_map(|fl| std::str::from_utf8(fl).ok()));
    } else if is("INTERNALDATE") {
        c.tag(b" \"")?;
        let date = c.until(b'"')?;
        f.date = Some(std::str::from_utf8(date).map_err(|_| Stop::Other)?);
    } else if is("BODY") {
        c.tag(b"[")?;
        c.until(b']')?;
        if c.peek()? == b'<' {
            c.until(b'>')?;
        }
        c.tag(b" ")?;
        match c.peek()? {
            b'{' => {
                c.i += 1;
                let len = usize::try_from(c.number()?).map_err(|_| Stop::Other)?;
                c.tag(b"}\r\n")?;
                let data = c.b.get(c.i..c.i.checked_add(len).ok_or(Stop::Other)?).ok_or(Stop::Incomplete)?;
                c.i += len;
                f.head = Some(data);
            }
            b'N' | b'n' => {
                c.tag(b"NIL")?;
                f.head = Some(&[]);
            }
            _ => return Err(Stop::Other),
        }
    } else {
        return Err(Stop::Other);
    }
    Ok(())
}

/// Reads one FETCH answer from the start of `buf`.
pub fn fetch(buf: &[u8]) -> Quick<'_> {
    let mut c = Cursor { b: buf, i: 0 };
    let mut f = Fetched::default();
    let read = (|| -> Result<(), Stop> {
        c.tag(b"* ")?;
        c.number()?;
        c.tag(b" FETCH (")?;
        loop {
            item(&mut c, &mut f)?;
            match c.peek()? {
                b' ' => c.i += 1,
                b')' => return c.tag(b")\r\n"),
                _ => return Err(Stop::Other),
            }
        }
    })();
    match read {
        Ok(()) => Quick::Fetch(c.i, f),
        Err(Stop::Incomplete) => Quick::Incomplete,
        Err(Stop::Other) => Quick::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_imap::imap_proto::{AttributeValue, Response};
    use proptest::prelude::*;

    /// UID, answered, INTERNALDATE, size and header fields, as read.
    type Read = (Option<u32>, bool, Option<String>, Option<u32>, Option<Vec<u8>>);

    /// The same answer as imap-proto reads it.
    fn by_proto(buf: &[u8]) -> Option<(usize, Read)> {
        let (rest, resp) = Response::parse(buf).ok()?;
        let Response::Fetch(_, attrs) = resp else { return None };
        let mut out = (None, false, None, None, None);
        for a in &attrs {
            match a {
                AttributeValue::Uid(u) => out.0 = Some(*u),
                AttributeValue::Flags(fl) => out.1 = fl.iter().any(|f| f.eq_ignore_ascii_case("\\Answered")),
                AttributeValue::InternalDate(d) => out.2 = Some(d.to_string()),
                AttributeValue::Rfc822Size(n) => out.3 = Some(*n),
                AttributeValue::BodySection { data, .. } => {
                    out.4 = Some(data.as_deref().unwrap_or_default().to_vec())
                }
                _ => {}
            }
        }
        Some((buf.len() - rest.len(), out))
    }

    fn by_quick(buf: &[u8]) -> Option<(usize, Read)> {
        match fetch(buf) {
            Quick::Fetch(used, f) => Some((
                used,
                (f.uid, f.answered, f.date.map(str::to_string), f.size, f.head.map(<[u8]>::to_vec)),
            )),
            _ => None,
        }
    }

    #[test]
    fn reads_dovecots_answer() {
        let head = b"From: a@b.se\r\nSubject: (hej) )\r\n\r\n";
        let answer = format!(
            "* 7 FETCH (UID 42 FLAGS (\\Seen \\Answered $PostrumAssigned) INTERNALDATE \"28-Nov-2026 08:16:45 +0000\" \
RFC822.SIZE 270 BODY[HEADER.FIELDS (FROM SUBJECT)] {{{}}}\r\n{})\r\n* 8 FETCH",
            head.len(),
            String::from_utf8_lossy(head)
        );
        let Quick::Fetch(used, f) = fetch(answer.as_bytes()) else { panic!("not read") };
        assert_eq!(&answer.as_bytes()[used..], b"* 8 FETCH");
        assert_eq!((f.uid, f.answered, f.size), (Some(42), true, Some(270)));
        assert_eq!(f.date, Some("28-Nov-2026 08:16:45 +0000"));
        assert_eq!(f.head, Some(&head[..]));
        assert_eq!(by_quick(answer.as_bytes()), by_proto(answer.as_bytes()));
        // cut anywhere: more is needed
        for cut in 0..used {
            assert_eq!(fetch(&answer.as_bytes()[..cut]), Quick::Incomplete, "cut at {cut}");
        }
        // other answers are left to imap-proto
        assert_eq!(fetch(b"* 12 EXISTS\r\n"), Quick::Other);
        assert_eq!(fetch(b"A5 OK Fetch completed.\r\n"), Quick::Other);
        assert_eq!(fetch(b"* 1 FETCH (X-GM-LABELS (a) UID 1)\r\n"), Quick::Other);
        assert_eq!(fetch(b"* 1 FETCH (UID 1 BODY[] \"x\")\r\n"), Quick::Other);
        assert_eq!(fetch(b"* 1 FETCH (UID 99999999999)\r\n"), Quick::Other);
    }

    fn answer() -> impl Strategy<Value = Vec<u8>> {
        let flag =
            prop::sample::select(vec!["\\Seen", "\\Answered", "\\answered", "$PostrumThreat", "\\Flagged"]);
        let head = prop::collection::vec(any::<u8>(), 0..200);
        (
            any::<u32>(),
            prop::collection::vec(flag, 0..4),
            any::<u32>(),
            head,
            any::<bool>(),
            any::<bool>(),
            prop::option::of(any::<u64>()),
        )
            .prop_map(|(uid, flags, size, head, nil, reorder, modseq)| {
                let mut items = vec![
                    format!("UID {uid}").into_bytes(),
                    format!("FLAGS ({})", flags.join(" ")).into_bytes(),
                    b"INTERNALDATE \" 2-Nov-2026 09:15:00 +0100\"".to_vec(),
                    format!("RFC822.SIZE {size}").into_bytes(),
                ];
                if let Some(m) = modseq {
                    items.push(format!("MODSEQ ({m})").into_bytes());
                }
                let mut body = b"BODY[HEADER.FIELDS (FROM TO)] ".to_vec();
                if nil {
                    body.extend_from_slice(b"NIL");
                } else {
                    body.extend_from_slice(format!("{{{}}}\r\n", head.len()).as_bytes());
                    body.extend_from_slice(&head);
                }
                items.push(body);
                if reorder {
                    items.reverse();
                }
                let mut out = b"* 3 FETCH (".to_vec();
                out.extend_from_slice(&items.join(&b' '));
                out.extend_from_slice(b")\r\n");
                out
            })
    }

    proptest! {
        #[test]
        fn reads_like_imap_proto(a in answer()) {
            prop_assert_eq!(by_quick(&a), by_proto(&a));
            prop_assert!(by_quick(&a).is_some());
        }

        #[test]
        fn never_panics_and_never_claims_more_than_it_has(bytes in prop::collection::vec(any::<u8>(), 0..300), a in answer(), cut in 0usize..400) {
            if let Quick::Fetch(used, _) = fetch(&bytes) {
                prop_assert!(used <= bytes.len());
            }
            let cut = cut.min(a.len());
            let mut mangled = a.clone();
            mangled.truncate(cut);
            mangled.extend_from_slice(&bytes);
            // (it may read more leniently than imap-proto here: what a
            // flag or a section holds is not checked, only its bounds)
            if let Quick::Fetch(used, _) = fetch(&mangled) {
                prop_assert!(used <= mangled.len());
            }
        }
    }
}
