//! The Message-ID rules postrum compares by, and the header that says which
//! message a mail of postrum's is about. Pure: used by the IMAP backend and
//! by the outgoing mail it builds.

/// The header postrum puts on everything it sends about a message: that
/// message's server key as an About token, so that any colleague's postrum
/// deleting the message finds what was sent about it.
pub const ABOUT: &str = "X-Postrum-About";

/// A Message-ID as compared: the text inside the angle brackets (or the
/// whole value without them), which must be `left@right`, both non-empty,
/// printable ASCII without spaces, brackets, quotes or backslashes.
pub fn normalise(value: &str) -> Option<String> {
    let value = value.trim();
    let inner = match value.find('<') {
        Some(open) => {
            let rest = &value[open + 1..];
            let close = rest.find('>')?;
            // nothing but a comment may follow
            let after = rest[close + 1..].trim();
            if !after.is_empty() && !after.starts_with('(') {
                return None;
            }
            &rest[..close]
        }
        None => value,
    };
    let ok_char = |c: char| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\' | '(' | ')');
    if inner.is_empty() || inner.len() > 250 || !inner.chars().all(ok_char) {
        return None;
    }
    let (left, right) = inner.rsplit_once('@')?;
    if left.is_empty() || right.is_empty() || right.contains('@') {
        return None;
    }
    Some(inner.to_string())
}
