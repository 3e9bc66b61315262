//! Text layout by display width (wide and combining characters counted
//! right): wrapping message lines to a width. Below both the TUI's state
//! (which wraps on open and on resize) and its drawing.

use unicode_width::UnicodeWidthChar;

/// Wraps each line at `width` columns, at spaces where possible. Returns
/// the wrapped lines and, for the first `keep` input lines, how many
/// output lines they became.
pub fn wrap(lines: &[String], width: usize, keep: usize) -> (Vec<String>, usize) {
    let width = width.max(10);
    let mut out = Vec::with_capacity(lines.len());
    let mut kept = 0;
    for (i, line) in lines.iter().enumerate() {
        let before = out.len();
        wrap_one(line, width, &mut out);
        if i < keep {
            kept += out.len() - before;
        }
    }
    (out, kept)
}

fn wrap_one(line: &str, width: usize, out: &mut Vec<String>) {
    let mut current = String::new();
    let mut cols = 0;
    let mut last_space: Option<(usize, usize)> = None; // byte index, cols up to it
    for ch in line.chars() {
        let w = ch.width().unwrap_or(0);
        if cols + w > width && !current.is_empty() {
            match last_space {
                Some((idx, upto)) if upto > 0 => {
                    let rest = current.split_off(idx + 1);
                    out.push(current.trim_end().to_string());
                    cols -= upto + 1;
                    current = rest;
                }
                _ => {
                    out.push(std::mem::take(&mut current));
                    cols = 0;
                }
            }
            last_space = None;
        }
        if ch == ' ' {
            last_space = Some((current.len(), cols));
        }
        current.push(ch);
        cols += w;
    }
    out.push(current);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_counts_wide_chars() {
        let (out, kept) = wrap(&["aaa bbb ccc ddd".into(), "x".into()], 10, 1);
        assert_eq!(out, ["aaa bbb", "ccc ddd", "x"]);
        assert_eq!(kept, 2);
        let (out, _) = wrap(&["漢字漢字漢字漢字".into()], 10, 0);
        assert_eq!(out, ["漢字漢字漢", "字漢字"]);
        let (out, _) = wrap(&["".into()], 10, 0);
        assert_eq!(out, [""]);
        let (out, _) = wrap(&["abcdefghijklmno".into()], 10, 0);
        assert_eq!(out, ["abcdefghij", "klmno"]);
    }
}
