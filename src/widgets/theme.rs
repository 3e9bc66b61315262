//! Colours by what they mean, so a `[theme]` in the config can change them:
//! `alarm` (overdue, suspicious, errors), `warn` (due today, waiting),
//! `ok` (answered), `badge` (other warnings), `mark` (marked rows, bars),
//! `faint` (nobody waits). `name = "high-contrast"` ships beside the default;
//! each role can be set on top by a colour name, `#rrggbb` or 0–255.

use ratatui::style::Color;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub alarm: Color,
    pub warn: Color,
    pub ok: Color,
    pub badge: Color,
    pub mark: Color,
    pub faint: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            alarm: Color::Red,
            warn: Color::Yellow,
            ok: Color::Green,
            badge: Color::Magenta,
            mark: Color::Cyan,
            faint: Color::DarkGray,
        }
    }
}

pub use crate::config::tui::ThemeConfig;

/// Why a `[theme]` cannot be used: the key it is about, and what.
#[derive(Debug, PartialEq, Eq)]
pub struct ThemeError {
    pub key: String,
    pub problem: ThemeProblem,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ThemeProblem {
    UnknownTheme(String),
    UnknownColour(String),
    UnknownRole,
}

impl ThemeError {
    /// What is wrong, in the config's language.
    pub fn message(&self, t: &crate::i18n::config::ConfigTexts) -> String {
        use crate::i18n::fill;
        match &self.problem {
            ThemeProblem::UnknownTheme(name) => fill(t.theme_name, &[&format!("{name:?}")]),
            ThemeProblem::UnknownColour(value) => fill(t.theme_colour, &[&self.key, &format!("{value:?}")]),
            ThemeProblem::UnknownRole => fill(t.theme_role, &[&format!("{:?}", self.key)]),
        }
    }
}

impl Theme {
    pub fn high_contrast() -> Theme {
        Theme {
            alarm: Color::LightRed,
            warn: Color::LightYellow,
            ok: Color::LightGreen,
            badge: Color::LightMagenta,
            mark: Color::LightCyan,
            faint: Color::White,
        }
    }

    pub fn from_config(config: &ThemeConfig) -> Result<Theme, ThemeError> {
        let err = |key: &str, problem| ThemeError { key: key.to_string(), problem };
        let mut theme = match config.get("name").map(String::as_str) {
            None | Some("default") => Theme::default(),
            Some("high-contrast") => Theme::high_contrast(),
            Some(other) => {
                return Err(err("name", ThemeProblem::UnknownTheme(other.to_string())));
            }
        };
        for (key, value) in config.iter().filter(|(k, _)| k.as_str() != "name") {
            let color =
                value.parse::<Color>().map_err(|_| err(key, ThemeProblem::UnknownColour(value.clone())))?;
            let slot = match key.as_str() {
                "alarm" => &mut theme.alarm,
                "warn" => &mut theme.warn,
                "ok" => &mut theme.ok,
                "badge" => &mut theme.badge,
                "mark" => &mut theme.mark,
                "faint" => &mut theme.faint,
                _ => {
                    return Err(err(key, ThemeProblem::UnknownRole));
                }
            };
            *slot = color;
        }
        Ok(theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_roles_and_colours() {
        let cfg: ThemeConfig = [("name", "high-contrast"), ("alarm", "#ff0000"), ("faint", "250")]
            .map(|(k, v)| (k.into(), v.into()))
            .into();
        let t = Theme::from_config(&cfg).unwrap();
        assert_eq!((t.alarm, t.faint, t.ok), (Color::Rgb(255, 0, 0), Color::Indexed(250), Color::LightGreen));
        let bad: ThemeConfig = [("warn", "purplish")].map(|(k, v)| (k.into(), v.into())).into();
        assert_eq!(Theme::from_config(&bad).unwrap_err().key, "warn");
        let bad: ThemeConfig = [("sky", "blue")].map(|(k, v)| (k.into(), v.into())).into();
        assert_eq!(Theme::from_config(&bad).unwrap_err().problem, ThemeProblem::UnknownRole);
    }
}
