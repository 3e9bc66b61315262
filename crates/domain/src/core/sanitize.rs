//! The sanitizer: every untrusted string (subjects, names, bodies, file
//! names) passes through here before it reaches the terminal, a log line or
//! a JSON document. Removes whole ESC/CSI/OSC/DCS sequences, C0/C1 controls
//! and DEL, bidi overrides and isolates, and zero-width characters; folds
//! line breaks in header values and expands tabs in bodies.

/// One-line text (header values, names, file names): line breaks and tabs
/// become single spaces, runs of whitespace collapse, ends are trimmed.
pub fn line(input: &str) -> String {
    if is_clean_line(input) {
        return input.to_string();
    }
    fold_line(input)
}

fn fold_line(input: &str) -> String {
    let cleaned = strip(input, Mode::Line);
    let mut out = String::with_capacity(cleaned.len());
    let mut last_space = true;
    for ch in cleaned.chars() {
        if ch.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(ch);
            last_space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Already what `line` would make of it (most header values): printable
/// characters and single spaces between words. Checked in one pass without
/// building anything.
pub(crate) fn is_clean_line(s: &str) -> bool {
    if s.starts_with(' ') || s.ends_with(' ') {
        return false;
    }
    let mut last_space = false;
    for ch in s.chars() {
        let ok = if ch.is_ascii() {
            let space = ch == ' ';
            if space && last_space {
                return false;
            }
            last_space = space;
            ch.is_ascii_graphic() || space
        } else {
            last_space = false;
            !ch.is_control() && !ch.is_whitespace() && !is_invisible_format(ch)
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Multi-line text (message bodies): keeps line breaks, normalises CRLF and
/// CR to LF, expands tabs to the next multiple of eight columns.
pub fn text(input: &str) -> String {
    let cleaned = strip(input, Mode::Text);
    let mut out = String::with_capacity(cleaned.len());
    let mut col = 0usize;
    for ch in cleaned.chars() {
        match ch {
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let n = 8 - col % 8;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            _ => {
                out.push(ch);
                col += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Line,
    Text,
}

/// Characters that are invisible or reorder text: removed everywhere.
pub fn is_invisible_format(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}'                // soft hyphen
        | '\u{034F}'              // combining grapheme joiner
        | '\u{061C}'              // arabic letter mark
        | '\u{115F}' | '\u{1160}' // hangul fillers
        | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' // mongolian selectors and vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{206F}' // word joiner, invisible operators, isolates
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FEFF}'              // zero-width no-break space / BOM
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFFB}' // interlinear annotation, specials
        | '\u{E0000}'..='\u{E007F}' // tag characters
        | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
    )
}

fn strip(input: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\u{1B}' => skip_escape(&mut chars),
            // C1 introducers of strings and control sequences
            '\u{9B}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push(if mode == Mode::Line { ' ' } else { '\n' }),
            '\t' => out.push(if mode == Mode::Line { ' ' } else { '\t' }),
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push(if mode == Mode::Line { ' ' } else { '\n' }),
            c if c.is_control() => {}
            c if is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        // ESC + intermediate bytes + final byte (e.g. ESC ( B)
        Some(c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            while let Some(&n) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2F}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte 0x40–0x7E.
fn skip_csi(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7E}').contains(&c) {
            return;
        }
        if !('\u{20}'..='\u{3F}').contains(&c) {
            // malformed: stop at the first byte that cannot belong to it
            return;
        }
    }
}

/// OSC/DCS/SOS/PM/APC: up to BEL, ST (ESC \) or C1 ST.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => return,
            '\u{1B}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// A safe file name for saving an attachment: sanitized, no path
/// separators or reserved characters, no leading dot, at most 150
/// characters; "bilaga" when nothing is left.
pub fn file_name(name: &str) -> String {
    let cleaned: String = line(name)
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    let short: String = trimmed.chars().rev().take(150).collect::<Vec<_>>().into_iter().rev().collect();
    if short.is_empty() {
        "bilaga".to_string()
    } else {
        short
    }
}

/// True when the string holds nothing the terminal would act on.
pub fn is_clean(s: &str) -> bool {
    s.chars().all(|c| (c == '\n' || !c.is_control()) && !is_invisible_format(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_whole_escape_sequences() {
        assert_eq!(line("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(line("x\x1b]0;pwned\x07y"), "xy");
        assert_eq!(line("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"), "xlinky");
        assert_eq!(line("x\x1bP1;2qdata\x1b\\y"), "xy");
        assert_eq!(line("x\u{9b}2Jy"), "xy");
    }

    #[test]
    fn strips_controls_bidi_and_zero_width() {
        assert_eq!(line("fak\u{202E}fdp.exe"), "fakfdp.exe");
        assert_eq!(line("a\u{200B}b\u{FEFF}c\u{2066}d\u{2069}"), "abcd");
        assert_eq!(line("a\x00b\x07c\x7fd\u{85}e"), "abcd e");
    }

    #[test]
    fn folds_header_lines_and_expands_tabs() {
        assert_eq!(line("Hej\r\n\tpå dig  "), "Hej på dig");
        assert_eq!(text("a\tb\r\nc\rd"), "a       b\nc\nd");
        assert_eq!(text("åäö\tx"), "åäö     x");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_name("faktura\u{202E}fdp.exe"), "fakturafdp.exe");
        assert_eq!(file_name(".bashrc"), "bashrc");
        assert_eq!(file_name("  "), "bilaga");
        assert_eq!(file_name("a:b\\c.pdf"), "a_b_c.pdf");
        assert_eq!(file_name(&"x".repeat(300)).chars().count(), 150);
    }

    #[test]
    fn output_is_always_clean() {
        let nasty = "\x1b[2J\x1b]52;c;aGk=\x07\u{9d}x\u{9c}\x1b(B\u{202d}\u{200d}ok\r\n\x1b";
        assert!(is_clean(&text(nasty)));
        assert!(is_clean(&line(nasty)));
        assert_eq!(line(nasty), "ok");
    }

    #[test]
    fn random_hostile_strings_come_out_clean() {
        // A fixed pseudo-random walk over the characters that matter.
        let pool: Vec<char> = "a ö漢\u{1b}[]P\\;0m\u{07}\u{9b}\u{9c}\u{9d}\u{90}\u{85}\r\n\t\u{0}\u{7f}\u{202e}\u{2066}\u{200b}\u{feff}\u{ad}\u{e0041}\u{301}"
            .chars()
            .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(x % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(pool[(x % pool.len() as u64) as usize]);
            }
            x = x.wrapping_add(1);
            let l = line(&s);
            let t = text(&s);
            assert!(is_clean(&l) && !l.contains('\n'), "{s:?} -> {l:?}");
            assert!(is_clean(&t), "{s:?} -> {t:?}");
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Strings rich in what terminals act on: escapes, C0/C1, bidi,
        /// zero-width and wide characters, mixed with ordinary text.
        fn hostile() -> impl Strategy<Value = String> {
            let pool = vec![
                '\u{1b}',
                '[',
                ']',
                'P',
                '\\',
                ';',
                '0',
                'm',
                '\u{07}',
                '\u{9b}',
                '\u{9c}',
                '\u{9d}',
                '\u{90}',
                '\u{85}',
                '\r',
                '\n',
                '\t',
                '\u{0}',
                '\u{7f}',
                '\u{202e}',
                '\u{2066}',
                '\u{200b}',
                '\u{feff}',
                '\u{ad}',
                '\u{e0041}',
                '\u{301}',
                'a',
                'ö',
                '漢',
                ' ',
                '\u{2028}',
            ];
            prop::collection::vec(prop::sample::select(pool), 0..80).prop_map(|v| v.into_iter().collect())
        }

        proptest! {
            #[test]
            fn no_output_ever_holds_a_control_character(s in any::<String>(), h in hostile()) {
                for input in [&s, &h] {
                    let l = line(input);
                    let t = text(input);
                    prop_assert!(is_clean(&l) && !l.contains('\n'));
                    prop_assert!(is_clean(&t));
                    prop_assert!(!t.contains('\t'));
                    prop_assert!(is_clean(&file_name(input)) && !file_name(input).contains('/'));
                }
            }

            #[test]
            fn the_quick_check_agrees_with_folding(s in any::<String>(), h in hostile()) {
                for input in [&s, &h] {
                    prop_assert_eq!(line(input), fold_line(input));
                }
                prop_assert_eq!(line("Fråga om  bygglov"), "Fråga om bygglov");
            }

            #[test]
            fn sanitizing_twice_changes_nothing(s in hostile()) {
                prop_assert_eq!(line(&line(&s)), line(&s));
                prop_assert_eq!(text(&text(&s)), text(&s));
            }
        }
    }
}
