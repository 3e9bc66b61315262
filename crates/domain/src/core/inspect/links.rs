//! Deceptive links: HTML link text that names a host (a URL or a domain)
//! other than the one the link goes to.

use html5gum::{Token, Tokenizer};
use mail_parser::Message;

use super::{registrable, warn, Warning, WarningKind};

/// The host of a URL or bare domain, lowercased, without "www.".
pub fn host_of(s: &str) -> Option<String> {
    let s = s.trim().trim_matches(['<', '>', '"', '\'']);
    let rest = match s.split_once("://") {
        Some((scheme, rest)) if scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) => {
            rest
        }
        _ => s,
    };
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let looks_like_host = host.contains('.')
        && !host.contains(char::is_whitespace)
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2);
    looks_like_host.then_some(host)
}

/// (text host, href host) of every link whose text names another host.
fn mismatches(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut href: Option<String> = None;
    let mut text = String::new();
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) if tag.name.as_slice() == b"a" => {
                href =
                    tag.attributes.get(b"href".as_slice()).map(|v| String::from_utf8_lossy(v).into_owned());
                text.clear();
            }
            Token::String(s) if href.is_some() => text.push_str(&String::from_utf8_lossy(&s)),
            Token::EndTag(tag) if tag.name.as_slice() == b"a" => {
                if let (Some(h), Some(shown)) = (href.take().as_deref().and_then(host_of), host_of(&text)) {
                    if registrable(&h) != registrable(&shown) {
                        out.push((shown, h));
                    }
                }
            }
            _ => {}
        }
        if out.len() >= 20 {
            break;
        }
    }
    out
}

pub fn check(msg: &Message) -> Option<Warning> {
    let found: Vec<(String, String)> = msg
        .html_bodies()
        .filter_map(|p| p.text_contents())
        .take(5)
        .flat_map(|html| mismatches(super::prefix(html, 2_000_000)))
        .collect();
    let (shown, real) = found.first()?;
    Some(warn(WarningKind::LinkMismatch, format!("{shown} → {real}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_text_naming_another_host() {
        let html = r#"<p><a href="http://evil.example/x">https://webmail.norrvik.se/login</a>
            <a href="https://www.norrvik.se/a">norrvik.se</a> <a href="https://x.example">Klicka här</a></p>"#;
        assert_eq!(mismatches(html), [("webmail.norrvik.se".to_string(), "evil.example".to_string())]);
        assert_eq!(host_of("HTTPS://WWW.Norrvik.SE/x?y"), Some("norrvik.se".into()));
        assert_eq!(host_of("Klicka här"), None);
        assert_eq!(host_of("3.5 miljoner"), None);
    }
}
