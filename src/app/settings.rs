//! The TUI's check of its tables in the config (`[keys]`, `[theme]`): the
//! config holds them as plain data, the keymap and the theme say what in
//! them cannot be used. Given to `config::load_checked` by the binary.

use crate::config::{Config, TableError};
use crate::i18n::config::ConfigTexts;

/// A key bound twice, an unknown action, key, theme or colour.
pub fn check_tables(config: &Config, t: &ConfigTexts) -> Result<(), TableError> {
    if let Err(e) = super::keys::Keymap::from_config(&config.keys) {
        return Err(TableError { table: "keys", key: e.action.clone(), message: e.message(t) });
    }
    if let Err(e) = crate::widgets::theme::Theme::from_config(&config.theme) {
        return Err(TableError { table: "theme", key: e.key.clone(), message: e.message(t) });
    }
    Ok(())
}
