//! Authentication-Results (RFC 8601): anyone can write one, so only the
//! topmost header from a trusted server (or, with none configured, the
//! topmost) is read, and spf, dkim, dmarc or compauth = fail is reported.

use mail_parser::Message;

use super::{warn, InspectConfig, Warning, WarningKind};

/// The raw values of a header, topmost first.
pub fn raw_values(msg: &Message, name: &str) -> Vec<String> {
    let raw = msg.raw_message();
    msg.headers()
        .iter()
        .filter(|h| h.name.as_str().eq_ignore_ascii_case(name))
        .filter_map(|h| raw.get(h.offset_start as usize..h.offset_end as usize))
        .map(|b| String::from_utf8_lossy(b).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

pub fn check(msg: &Message, cfg: &InspectConfig) -> Option<Warning> {
    let headers = raw_values(msg, "Authentication-Results");
    let authserv =
        |h: &str| h.split(';').next().unwrap_or("").split_whitespace().next().unwrap_or("").to_lowercase();
    let chosen = if cfg.trusted_authserv_ids.is_empty() {
        headers.first()
    } else {
        headers
            .iter()
            .find(|h| cfg.trusted_authserv_ids.iter().any(|id| id.eq_ignore_ascii_case(&authserv(h))))
    }?;
    let failed: Vec<String> = chosen
        .split(';')
        .skip(1)
        .filter_map(|part| {
            let first = part.split_whitespace().next()?;
            let (method, result) = first.split_once('=')?;
            let method = method.to_lowercase();
            let result = result.to_lowercase();
            (["spf", "dkim", "dmarc", "compauth"].contains(&method.as_str()) && result == "fail")
                .then(|| format!("{method}={result}"))
        })
        .collect();
    (!failed.is_empty())
        .then(|| warn(WarningKind::AuthFail, format!("{} ({})", failed.join(", "), authserv(chosen))))
}
