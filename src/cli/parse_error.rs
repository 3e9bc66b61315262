//! The command line's own errors in the chosen language: clap finds them
//! (an unknown command, a missing or invalid value) and says them in
//! English; in Swedish they are said again here from clap's context. The
//! language is the one `--lang` or the config would have chosen. `--help`
//! and `--version` stay clap's.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{fill, Lang};

/// The language of a command line that did not parse: `--lang`, else the
/// config's (`--config` or the default file), else Swedish.
pub fn language(args: &[OsString]) -> Lang {
    let value = |name: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            let a = a.to_str()?;
            match a.strip_prefix(name) {
                Some("") => args.get(i + 1).and_then(|v| v.to_str()).map(str::to_string),
                Some(rest) => rest.strip_prefix('=').map(str::to_string),
                None => None,
            }
        })
    };
    match value("--lang").as_deref() {
        Some("en") => return Lang::En,
        Some("sv") => return Lang::Sv,
        _ => {}
    }
    let given = value("--config").map(PathBuf::from);
    crate::config::config_path(given.as_deref())
        .ok()
        .and_then(|p| crate::config::load(&p).ok().flatten())
        .map(|c| c.language)
        .unwrap_or_default()
}

/// What to print for a parse error in this language, or None where clap's
/// own words are the ones to show (English, help, version).
pub fn message(e: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return None;
    }
    let w = &crate::i18n::SV_PARSE;
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut out = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            fill(w.unknown_command, &[&text(ContextKind::InvalidSubcommand).unwrap_or_default()])
        }
        ErrorKind::UnknownArgument => fill(w.unknown_argument, &[&arg]),
        ErrorKind::InvalidValue if value.is_empty() => fill(w.value_missing, &[&arg]),
        ErrorKind::InvalidValue => fill(w.invalid_value, &[&value, &arg]),
        ErrorKind::ValueValidation => {
            let mut said = fill(w.invalid_value, &[&value, &arg]);
            // why, where the parser's reason has a known form
            let why = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
            if let Some((low, high)) = why.split_once(" is not in ").and_then(|(_, r)| r.split_once("..=")) {
                said.push_str(&fill(w.range, &[&low, &high]));
            } else if why.contains("invalid digit") || why.contains("number too") {
                said.push_str(w.not_a_number);
            }
            said
        }
        ErrorKind::TooManyValues => fill(w.unexpected_value, &[&value, &arg]),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let wanted = text(ContextKind::ExpectedNumValues).or_else(|| text(ContextKind::MinValues));
            fill(w.value_count, &[&arg, &wanted.unwrap_or_default()])
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.join(" "),
                _ => arg.clone(),
            };
            fill(w.missing, &[&missing])
        }
        ErrorKind::MissingSubcommand => {
            fill(w.missing_command, &[&text(ContextKind::InvalidSubcommand).unwrap_or_default()])
        }
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) if prior != arg => fill(w.conflict, &[&arg, &prior]),
            _ => fill(w.twice, &[&arg]),
        },
        ErrorKind::NoEquals => fill(w.no_equals, &[&arg]),
        ErrorKind::InvalidUtf8 => w.not_utf8.to_string(),
        _ => w.other.to_string(),
    };
    if let Some(valid) = text(ContextKind::ValidValue).filter(|_| e.kind() == ErrorKind::InvalidValue) {
        out.push('\n');
        out.push_str(&fill(w.possible, &[&valid]));
    }
    for (kind, tip) in [
        (ContextKind::SuggestedSubcommand, w.tip_command),
        (ContextKind::SuggestedArg, w.tip_argument),
        (ContextKind::SuggestedValue, w.tip_value),
    ] {
        if let Some(s) = text(kind) {
            out.push('\n');
            out.push_str(&fill(tip, &[&s]));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        out.push_str("\n\n");
        out.push_str(&fill(w.usage, &[&usage]));
    }
    out.push('\n');
    out.push_str(w.more);
    Some(crate::core::sanitize::text(&out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn said(args: &[&str]) -> String {
        let Err(e) = crate::cli::args::Cli::try_parse_from(args) else { panic!("{args:?} parsed") };
        message(&e, Lang::Sv).expect("said in Swedish")
    }

    #[test]
    fn parse_errors_in_swedish() {
        let s = said(&["postrum", "lsit"]);
        assert!(s.starts_with("okänt kommando 'lsit'"), "{s}");
        assert!(s.contains("liknande kommando: 'list'") && s.contains("Användning: postrum"), "{s}");
        assert!(!s.contains("Usage") && !s.contains("error"), "{s}");
        let s = said(&["postrum", "list", "--jsn"]);
        assert!(s.starts_with("okänt argument '--jsn'") && s.contains("'--json'"), "{s}");
        let s = said(&["postrum", "completions", "tcsh"]);
        assert!(s.contains("ogiltigt värde 'tcsh'") && s.contains("möjliga värden: bash, "), "{s}");
        let s = said(&["postrum", "assign"]);
        assert!(s.starts_with("det här saknas: "), "{s}");
        let s = said(&["postrum", "log", "--limit", "många"]);
        assert!(s.starts_with("ogiltigt värde 'många' för '--limit") && s.contains("inte ett tal"), "{s}");
        let s = said(&["postrum", "calendar", "1066"]);
        assert!(s.contains("ska vara mellan 1900 och 2200"), "{s}");
        let e = crate::cli::args::Cli::try_parse_from(["postrum", "--help"]).err().unwrap();
        assert_eq!(message(&e, Lang::Sv), None, "--help stays clap's");
        let e = crate::cli::args::Cli::try_parse_from(["postrum", "lsit"]).err().unwrap();
        assert_eq!(message(&e, Lang::En), None, "English is clap's own");
    }

    #[test]
    fn the_language_of_a_line_that_did_not_parse() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(language(&args(&["postrum", "--lang", "en", "lsit"])), Lang::En);
        assert_eq!(language(&args(&["postrum", "--lang=en", "lsit"])), Lang::En);
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(&cfg, "language = \"en\"\n").unwrap();
        let c = cfg.to_str().unwrap();
        assert_eq!(language(&args(&["postrum", "--config", c, "lsit"])), Lang::En);
        assert_eq!(language(&args(&["postrum", "--config", c, "--lang", "sv", "x"])), Lang::Sv);
        std::fs::write(&cfg, "language = \n").unwrap();
        assert_eq!(language(&args(&["postrum", "--config", c, "x"])), Lang::Sv, "a broken config: Swedish");
    }
}
