//! Reading a config's text: TOML into a [`Config`], then every rule the
//! types cannot say (accounts, the diarienummer pattern, letters, views,
//! the TUI's tables through its check), each error with the file and line
//! in the config's own language.

use std::path::Path;

use super::{Config, ConfigError, TuiCheck};
use crate::core::diarienummer::DnrPattern;
use crate::i18n::Lang;

pub(super) fn parse_in(
    text: &str,
    path: &Path,
    lang: Option<Lang>,
    check: Option<TuiCheck>,
) -> Result<Config, ConfigError> {
    use crate::i18n::fill;
    let words = crate::i18n::config::of;
    let config: Config = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        // the text did not parse: its language as a line says it
        let t = words(lang.unwrap_or_else(|| stated_language(text)));
        let message = crate::i18n::config::toml_message(t, e.message().trim());
        ConfigError::Syntax { path: path.to_path_buf(), line, column, message }
    })?;
    let t = words(lang.unwrap_or(config.language));
    let invalid = |message: String| ConfigError::Invalid { path: path.to_path_buf(), message };
    let q = |s: &str| format!("{s:?}");
    for pattern in config
        .diarienummer_pattern
        .iter()
        .chain(config.accounts.iter().filter_map(|a| a.diarienummer_pattern.as_ref()))
    {
        DnrPattern::new(pattern).map_err(|e| invalid(fill(t.pattern, &[&e])))?;
    }
    let mut seen = std::collections::HashSet::new();
    for h in &config.handlaggare {
        if h.id.trim().is_empty() || h.id.chars().any(char::is_whitespace) {
            return Err(invalid(fill(t.id_one_word, &[&q(&h.id)])));
        }
        if !seen.insert(h.id.to_lowercase()) {
            return Err(invalid(fill(t.id_twice, &[&q(&h.id)])));
        }
    }
    let mut names = std::collections::HashSet::new();
    for a in &config.accounts {
        let name = q(&a.name);
        if !names.insert(a.name.as_str()) {
            return Err(invalid(fill(t.account_twice, &[&name])));
        }
        let account = |e: String| invalid(fill(t.account, &[&name, &e]));
        match (&a.maildir, &a.imap) {
            (None, None) | (Some(_), Some(_)) => return Err(invalid(fill(t.account_source, &[&name]))),
            (None, Some(url)) => {
                crate::mail::imap::url::ImapUrl::parse(url)
                    .map_err(|e| account(fill(t.imap_url, &[&e.0])))?;
            }
            _ => {}
        }
        if let Some(url) = &a.smtp {
            crate::mail::smtp::SmtpUrl::parse(url).map_err(|e| account(fill(t.smtp_url, &[&e.0])))?;
        }
        for (what, addr) in [("address", &a.address), ("diary_address", &a.diary_address)] {
            if let Some(addr) = addr {
                crate::core::outgoing::mailbox(None, addr).map_err(|_| {
                    account(fill(t.address, &[&what, &q(&crate::core::sanitize::line(addr))]))
                })?;
            }
        }
    }
    if let Err(crate::core::outgoing::letters::TemplateError::Unknown { template, name }) =
        config.letters.check()
    {
        let known = crate::core::outgoing::letters::PLACEHOLDERS.join(", ");
        return Err(invalid(format!(
            "[letters] {}",
            fill(t.placeholder, &[&q(&template), &format!("{{{name}}}"), &known])
        )));
    }
    for v in &config.views {
        v.check().map_err(|e| {
            invalid(format!(
                "[[views]] {}",
                match e {
                    None => t.view_name.to_string(),
                    Some((field, value)) => fill(t.view_value, &[&q(&v.name), &field, &q(&value)]),
                }
            ))
        })?;
    }
    let at = |table: &str, key: &str| {
        line_in_table(text, table, key).map(|l| format!(" {}:", fill(t.line, &[&l]))).unwrap_or_default()
    };
    if let Some(Err(e)) = check.map(|check| check(&config, t)) {
        return Err(invalid(format!("[{}]{} {}", e.table, at(e.table, &e.key), e.message)));
    }
    Ok(config)
}

/// The language a config's line `language = "…"` states (Swedish when
/// none does): for errors in a text that did not parse.
fn stated_language(text: &str) -> Lang {
    let english = text.lines().any(|l| {
        let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        l.starts_with("language=\"en\"") || l.starts_with("language='en'")
    });
    if english {
        Lang::En
    } else {
        Lang::Sv
    }
}

/// The line (from 1) where `key = …` stands in the table `[table]`.
fn line_in_table(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut inside = false;
    for (n, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.starts_with('[') {
            inside = l.trim_start_matches('[').trim_end_matches(']').trim() == table;
        } else if inside {
            let name = l.split('=').next().unwrap_or("").trim().trim_matches('"');
            if name == key && l.contains('=') {
                return Some(n + 1);
            }
        }
    }
    None
}
