//! The TUI's tables of the config, as the config writes them: `[keys]`,
//! `[theme]` and `[terminal]`. Plain data here; the TUI makes a keymap, a
//! theme and the terminal's capabilities of them, and says through
//! [`TuiCheck`] what in them it cannot use.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One key or several, as the config writes them.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

/// `[keys]`: action name → keys.
pub type KeysConfig = BTreeMap<String, KeySpec>;

/// `[theme]`: `name` and roles, as the config writes them.
pub type ThemeConfig = BTreeMap<String, String>;

/// How many colours to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colors {
    None,
    #[serde(rename = "16")]
    Basic,
    #[serde(rename = "256")]
    Full,
}

/// The config's `[terminal]`: each one forces what would be guessed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalConfig {
    /// Write UTF-8 (true) or ASCII only (false), whatever the locale says.
    pub unicode: Option<bool>,
    /// "none", "16" or "256".
    pub colors: Option<Colors>,
}

/// A table of the TUI's that cannot be used: which table (`keys`, `theme`),
/// the key in it the trouble is on, and what (in the config's language).
#[derive(Debug, PartialEq, Eq)]
pub struct TableError {
    pub table: &'static str,
    pub key: String,
    pub message: String,
}

/// What the TUI checks in its tables when a config is read (the config
/// knows no key names or colours): given to [`super::load_checked`].
pub type TuiCheck = fn(&super::Config, &crate::i18n::config::ConfigTexts) -> Result<(), TableError>;
