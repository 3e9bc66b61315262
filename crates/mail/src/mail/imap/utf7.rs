//! Mailbox names in IMAP's modified UTF-7 (RFC 3501 5.1.3): "Skr&AOQ-ppost"
//! is "Skräppost". Names are sent to the server as it gave them; decoded
//! only to be shown, encoded only when a person wrote one (the config).
//! A malformed name from a server is shown as it came, never a panic.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;

/// The name as a person reads it; as it came when it is not valid.
pub fn decode(name: &str) -> String {
    try_decode(name).unwrap_or_else(|| name.to_string())
}

fn try_decode(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find('-')?;
        let chunk = &after[..end];
        if chunk.is_empty() {
            out.push('&');
        } else {
            let bytes = STANDARD_NO_PAD.decode(chunk.replace(',', "/")).ok()?;
            if bytes.len() % 2 != 0 {
                return None;
            }
            let units = bytes.chunks(2).map(|p| u16::from_be_bytes([p[0], p[1]]));
            for c in char::decode_utf16(units) {
                out.push(c.ok()?);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A name as the server wants it.
pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending: Vec<u16> = Vec::new();
    let flush = |pending: &mut Vec<u16>, out: &mut String| {
        if pending.is_empty() {
            return;
        }
        let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push('&');
        out.push_str(&STANDARD_NO_PAD.encode(bytes).replace('/', ","));
        out.push('-');
        pending.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut pending, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut pending, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_bad_ones_stay_as_they_came() {
        for (raw, shown) in [
            ("Skr&AOQ-ppost", "Skräppost"),
            ("[Gmail]/Papperskorgen", "[Gmail]/Papperskorgen"),
            ("&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-", "Отправленные"),
            ("Tom &- Jerry", "Tom & Jerry"),
            ("Borttagna objekt", "Borttagna objekt"),
            ("&2D3eAA-", "😀"),
        ] {
            assert_eq!(decode(raw), shown, "{raw}");
            assert_eq!(encode(shown), raw, "{shown}");
        }
        for bad in ["&!!!-", "&AOQ", "&AA-", "&2D0-"] {
            assert_eq!(decode(bad), bad);
        }
    }
}
