//! Sender credibility: a display name that borrows an address or the
//! organisation's (or a colleague's) name while the address is elsewhere;
//! a Reply-To or Return-Path in another domain than From; and lookalike
//! domains — mixed scripts, confusable skeletons (UTS 39) and small edit
//! distances to the organisation's own domains. Swedish å, ä and ö are
//! Latin: an IDN is not suspicious for being one.

use mail_parser::Message;
use unicode_security::confusable_detection::skeleton;
use unicode_security::MixedScript;

use super::auth::raw_values;
use super::{domain_of, registrable, warn, InspectConfig, Warning, WarningKind};

fn is_own(domain: &str, cfg: &InspectConfig) -> bool {
    cfg.own_domains.iter().any(|own| {
        let own = own.to_lowercase();
        domain == own || domain.ends_with(&format!(".{own}"))
    })
}

fn from(msg: &Message) -> (String, String) {
    let first = msg.from().and_then(|a| a.first());
    (
        first.and_then(|a| a.name()).unwrap_or_default().to_string(),
        first.and_then(|a| a.address()).unwrap_or_default().to_lowercase(),
    )
}

fn display_name_spoof(name: &str, addr: &str, cfg: &InspectConfig) -> Option<Warning> {
    let domain = domain_of(addr);
    if domain.is_empty() {
        return None;
    }
    // an address in the display name that is not the sender's
    for token in name.split(|c: char| c.is_whitespace() || "<>()\"',;".contains(c)) {
        if token.contains('@') && token.contains('.') {
            let shown = domain_of(token);
            if !shown.is_empty() && registrable(&shown) != registrable(&domain) {
                return Some(warn(WarningKind::DisplayNameSpoof, format!("\"{name}\" <{addr}>")));
            }
        }
    }
    if is_own(&domain, cfg) {
        return None;
    }
    let lower = name.to_lowercase();
    let borrowed = cfg
        .organisation_names
        .iter()
        .chain(cfg.colleague_names.iter())
        .filter(|n| n.trim().chars().count() >= 4)
        .find(|n| lower.contains(&n.trim().to_lowercase()));
    borrowed.map(|n| warn(WarningKind::DisplayNameSpoof, format!("\"{name}\" <{addr}> ({n})")))
}

fn reply_to_mismatch(msg: &Message, addr: &str, automatic: bool) -> Option<Warning> {
    let from_domain = registrable(&domain_of(addr));
    if from_domain.is_empty() {
        return None;
    }
    let reply_to = msg.reply_to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default();
    let rd = registrable(&domain_of(reply_to));
    if !rd.is_empty() && rd != from_domain {
        return Some(warn(WarningKind::ReplyToMismatch, format!("Reply-To {reply_to} ≠ From {addr}")));
    }
    // bulk and automatic mail legitimately bounce to their sending service
    if automatic {
        return None;
    }
    let rp = raw_values(msg, "Return-Path").into_iter().next().unwrap_or_default();
    let rp_domain = registrable(&domain_of(rp.trim_matches(['<', '>', ' '])));
    (!rp_domain.is_empty() && rp_domain != from_domain)
        .then(|| warn(WarningKind::ReplyToMismatch, format!("Return-Path {rp} ≠ From {addr}")))
}

/// Why a domain looks like one of the organisation's, if it does. The
/// answer is remembered per domain and configuration (senders repeat, and
/// the Unicode checks are the costly part of listing a large mailbox).
pub fn lookalike(domain: &str, cfg: &InspectConfig) -> Option<String> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    type Memo = HashMap<(String, Vec<String>), Option<String>>;
    thread_local! {
        static MEMO: RefCell<Memo> = RefCell::new(HashMap::new());
    }
    let key = (domain.to_string(), cfg.own_domains.clone());
    if let Some(hit) = MEMO.with(|m| m.borrow().get(&key).cloned()) {
        return hit;
    }
    let answer = lookalike_uncached(domain, cfg);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(key, answer.clone());
    });
    answer
}

fn lookalike_uncached(domain: &str, cfg: &InspectConfig) -> Option<String> {
    if domain.is_empty() || is_own(domain, cfg) {
        return None;
    }
    let (unicode, _) = idna::domain_to_unicode(domain);
    for label in unicode.split('.') {
        if !label.is_single_script() {
            return Some(format!("{unicode} (mixed scripts)"));
        }
    }
    let skel: String = skeleton(&unicode).collect();
    for own in &cfg.own_domains {
        let own = own.to_lowercase();
        let own_skel: String = skeleton(&own).collect();
        if skel == own_skel {
            return Some(format!("{unicode} ≈ {own}"));
        }
        let reg = registrable(&unicode);
        let own_reg = registrable(&own);
        let distance = strsim::damerau_levenshtein(&reg, &own_reg);
        if own_reg.chars().count() >= 5 && distance > 0 && distance <= 2 {
            return Some(format!("{unicode} ≈ {own}"));
        }
        // the organisation's domain or name dressed up inside a foreign
        // domain: norrvik-se.example, norrvik.se.login.example,
        // norrviks-kommun.example (a local club's norrviksik.example is fine)
        let name = own_reg.split('.').next().unwrap_or("");
        let tld = own_reg.rsplit('.').next().unwrap_or("");
        if name.chars().count() >= 4 && reg != own_reg {
            let disguises = [
                format!("{name}-{tld}"),
                format!("{name}{tld}."),
                format!("{own_reg}."),
                format!("{name}-kommun"),
                format!("{name}s-kommun"),
                format!("{name}kommun"),
                format!("{name}skommun"),
            ];
            if disguises.iter().any(|d| unicode.contains(d.as_str())) {
                return Some(format!("{unicode} ≈ {own}"));
            }
        }
    }
    None
}

pub fn check(msg: &Message, cfg: &InspectConfig, automatic: bool) -> Vec<Warning> {
    let (name, addr) = from(msg);
    let mut out = Vec::new();
    out.extend(display_name_spoof(&name, &addr, cfg));
    out.extend(reply_to_mismatch(msg, &addr, automatic));
    let reply_to = msg.reply_to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default();
    for d in [domain_of(&addr), domain_of(reply_to)] {
        if let Some(why) = lookalike(&d, cfg) {
            out.push(warn(WarningKind::LookalikeDomain, why));
            break;
        }
    }
    out
}
