//! Stable message ids: derived from the Message-ID (or, without one, from
//! the date, sender, subject and size), so the same message has the same id
//! on every run and every machine. Duplicates get a suffix ("-2", "-3"…)
//! in arrival order; the store keeps an id once given.

/// FNV-1a, 64 bits: small, fixed and the same on every platform.
/// Of the parts one after the other (as of their concatenation).
fn fnv1a_parts(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.iter()) {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The base id: 12 hex digits.
pub fn base_id(message_id: Option<&str>, fallback: &str) -> String {
    let hash = match message_id.map(str::trim).filter(|m| !m.is_empty()) {
        Some(mid) => fnv1a_parts(&[b"mid:", mid.trim_matches(['<', '>']).as_bytes()]),
        None => fnv1a_parts(&[b"nomid:", fallback.as_bytes()]),
    };
    format!("{:012x}", hash >> 16)
}

/// The id for the `n`th (1-based) message sharing a base id.
pub fn with_suffix(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

/// What mail postrum sends about a message carries in `X-Postrum-About`:
/// the message's key on the server ("UIDVALIDITY.UID"), which the server
/// assigned, shaped as a Message-ID so a header search can find it. Never
/// the inbound Message-ID, which the sender chose: deleting a message
/// purges from Sent only what was sent about *that* message.
pub fn about(key: &str) -> Option<String> {
    let ok = !key.is_empty() && key.chars().all(|c| c.is_ascii_digit() || c == '.');
    ok.then(|| format!("{key}@about.postrum.invalid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = base_id(Some("<abc@example.se>"), "");
        assert_eq!(a, base_id(Some("abc@example.se"), "x"));
        assert_eq!(a.len(), 12);
        assert_ne!(a, base_id(Some("<abd@example.se>"), ""));
        assert_ne!(base_id(None, "a"), base_id(None, "b"));
        assert_eq!(with_suffix(&a, 2), format!("{a}-2"));
        // fixed value: the id must not change between releases
        assert_eq!(base_id(Some("<x@y>"), ""), base_id(Some("x@y"), ""));
        assert_eq!(about("1764931200.42").as_deref(), Some("1764931200.42@about.postrum.invalid"));
        // a Maildir's file name is no server key
        assert_eq!(about("1764931200.M1P2.host:2,S"), None);
        assert_eq!(about(""), None);
    }
}
