//! What the terminal can show, and a backend that keeps to it. From the
//! locale (`LC_ALL`, `LC_CTYPE`, `LANG`: UTF-8 or not) and `TERM` (`dumb`,
//! `vt100`: no colour; 16 colours unless 256 or true colour is known to
//! work), `NO_COLOR`, and the config's `[terminal]` forcing either. Without
//! UTF-8 every cell is written in ASCII (Swedish letters as their plain
//! forms, borders and marks as ASCII); without 256 colours the colours are
//! written as the 16 basic ones (SGR 30–37/90–97), never as `38;5;N`.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

pub use crate::config::tui::{Colors, TerminalConfig};

/// What the terminal gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    pub unicode: bool,
    pub colors: Colors,
    /// The alternate screen (not on a dumb terminal).
    pub alternate: bool,
}

impl Caps {
    /// From the environment, with the config's settings on top.
    pub fn detect(config: &TerminalConfig) -> Caps {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Self::from_env(config, &var)
    }

    pub fn from_env(config: &TerminalConfig, var: &dyn Fn(&str) -> Option<String>) -> Caps {
        let locale = var("LC_ALL").or_else(|| var("LC_CTYPE")).or_else(|| var("LANG")).unwrap_or_default();
        let lower = locale.to_lowercase();
        let unicode = lower.contains("utf-8") || lower.contains("utf8");
        let term = var("TERM").unwrap_or_default().to_lowercase();
        let colorterm = var("COLORTERM").unwrap_or_default().to_lowercase();
        let colors =
            if var("NO_COLOR").is_some() || term.is_empty() || term == "dumb" || term.starts_with("vt") {
                Colors::None
            } else if term.contains("256color")
                || term.contains("truecolor")
                || term.contains("direct")
                || colorterm == "truecolor"
                || colorterm == "24bit"
            {
                Colors::Full
            } else {
                Colors::Basic
            };
        Caps {
            unicode: config.unicode.unwrap_or(unicode),
            colors: config.colors.unwrap_or(colors),
            alternate: term != "dumb",
        }
    }
}

/// One grapheme as ASCII, one column wide: Swedish letters as their plain
/// forms, borders and marks as the nearest ASCII, anything else `?`.
pub fn ascii(symbol: &str) -> &str {
    if symbol.is_ascii() {
        return symbol;
    }
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return "?" };
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' => "a",
        'Å' | 'Ä' | 'À' | 'Á' | 'Â' => "A",
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' => "o",
        'Ö' | 'Ø' | 'Ó' | 'Ò' | 'Ô' => "O",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'ü' | 'ú' | 'ù' => "u",
        'Ü' | 'Ú' | 'Ù' => "U",
        'í' | 'ì' | 'ï' => "i",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "s",
        '─' | '━' | '═' | '–' | '—' | '▁' => "-",
        '│' | '┃' | '║' | '▏' | '▕' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╯' | '╰' => {
            "+"
        }
        '✓' | '✔' => "v",
        '✗' | '✘' | '×' => "x",
        '…' => ".",
        '§' => "S",
        '⚠' => "!",
        '█' | '▇' | '▆' | '▅' | '▄' | '▃' | '▂' => "#",
        '•' | '·' | '●' => "*",
        '→' | '▶' | '»' => ">",
        '←' | '◀' | '«' => "<",
        '↑' => "^",
        '↓' => "v",
        '"' | '“' | '”' | '„' => "\"",
        '‘' | '’' => "'",
        '\u{a0}' => " ",
        _ => "?",
    }
}

/// A basic colour's SGR number (foreground; +10 for the background).
fn basic(color: Color) -> Option<u8> {
    Some(match color {
        Color::Reset => return None,
        Color::Black => 30,
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Blue => 34,
        Color::Magenta => 35,
        Color::Cyan => 36,
        Color::Gray => 37,
        Color::DarkGray => 90,
        Color::LightRed => 91,
        Color::LightGreen => 92,
        Color::LightYellow => 93,
        Color::LightBlue => 94,
        Color::LightMagenta => 95,
        Color::LightCyan => 96,
        Color::White => 97,
        // what only 256 colours or more can show: the nearest plain one
        Color::Indexed(n) => 30 + (n % 8),
        Color::Rgb(r, g, b) => 30 + u8::from(r > 127) + 2 * u8::from(g > 127) + 4 * u8::from(b > 127),
    })
}

/// The crossterm backend, with cells written as the terminal can show
/// them (see the module's comment); everything but drawing is crossterm's.
pub struct PlainBackend {
    inner: CrosstermBackend<io::Stdout>,
    caps: Caps,
}

impl PlainBackend {
    pub fn new(caps: Caps) -> Self {
        PlainBackend { inner: CrosstermBackend::new(io::stdout()), caps }
    }

    fn sgr(&mut self, modifier: Modifier, fg: Color, bg: Color) -> io::Result<()> {
        let mut codes: Vec<u8> = vec![0];
        for (m, code) in
            [(Modifier::BOLD, 1), (Modifier::DIM, 2), (Modifier::UNDERLINED, 4), (Modifier::REVERSED, 7)]
        {
            if modifier.contains(m) {
                codes.push(code);
            }
        }
        if self.caps.colors != Colors::None {
            codes.extend(basic(fg));
            codes.extend(basic(bg).map(|c| c + 10));
        }
        let text: Vec<String> = codes.iter().map(u8::to_string).collect();
        write!((&mut self.inner), "\x1b[{}m", text.join(";"))
    }
}

impl Backend for PlainBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.caps.colors == Colors::Full {
            if self.caps.unicode {
                return self.inner.draw(content);
            }
            // every colour, ASCII only: crossterm writes the cells made plain
            let plain: Vec<(u16, u16, Cell)> = content
                .map(|(x, y, c)| {
                    let mut c = c.clone();
                    let symbol = ascii(c.symbol()).to_string();
                    c.set_symbol(&symbol);
                    (x, y, c)
                })
                .collect();
            return self.inner.draw(plain.iter().map(|(x, y, c)| (*x, *y, c)));
        }
        let mut last: Option<(u16, u16)> = None;
        let mut style = None;
        for (x, y, cell) in content {
            if last != Some((x.wrapping_sub(1), y)) {
                write!((&mut self.inner), "\x1b[{};{}H", y + 1, x + 1)?;
            }
            last = Some((x, y));
            let now = (cell.modifier, cell.fg, cell.bg);
            if style != Some(now) {
                self.sgr(cell.modifier, cell.fg, cell.bg)?;
                style = Some(now);
            }
            let symbol = if self.caps.unicode { cell.symbol() } else { ascii(cell.symbol()) };
            self.inner.write_all(symbol.as_bytes())?;
        }
        self.inner.write_all(b"\x1b[0m")
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(vars: &[(&str, &str)]) -> Caps {
        let map: std::collections::HashMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Caps::from_env(&TerminalConfig::default(), &|k| map.get(k).cloned())
    }

    #[test]
    fn the_locale_and_term_decide_and_the_config_forces() {
        let c = caps(&[("TERM", "vt100"), ("LANG", "C"), ("LC_ALL", "C")]);
        assert_eq!((c.unicode, c.colors), (false, Colors::None));
        let c = caps(&[("TERM", "xterm-256color"), ("LANG", "sv_SE.UTF-8")]);
        assert_eq!((c.unicode, c.colors), (true, Colors::Full));
        let c = caps(&[("TERM", "linux"), ("LC_CTYPE", "sv_SE.utf8")]);
        assert_eq!((c.unicode, c.colors), (true, Colors::Basic));
        let c = caps(&[("TERM", "dumb"), ("LANG", "sv_SE.UTF-8")]);
        assert_eq!((c.colors, c.alternate), (Colors::None, false));
        let c = caps(&[("TERM", "xterm-256color"), ("LANG", "sv_SE.UTF-8"), ("NO_COLOR", "1")]);
        assert_eq!(c.colors, Colors::None);
        // LC_ALL wins over LANG
        assert!(!caps(&[("TERM", "xterm"), ("LANG", "sv_SE.UTF-8"), ("LC_ALL", "C")]).unicode);
        let forced = TerminalConfig { unicode: Some(true), colors: Some(Colors::Basic) };
        let c = Caps::from_env(&forced, &|k| (k == "LANG").then(|| "C".to_string()));
        assert_eq!((c.unicode, c.colors), (true, Colors::Basic));
    }

    #[test]
    fn ascii_keeps_one_column_per_cell() {
        for (from, to) in
            [("å", "a"), ("Ö", "O"), ("é", "e"), ("│", "|"), ("✓", "v"), ("…", "."), ("中", "?")]
        {
            assert_eq!(ascii(from), to);
        }
        assert_eq!(ascii("x"), "x");
        for c in ['§', '⚠', '█', '─', '┌', '•', '–'] {
            let s = c.to_string();
            assert!(ascii(&s).is_ascii() && ascii(&s).len() == 1, "{c}");
        }
    }
}
