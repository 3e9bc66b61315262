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

/// How far a line's continuations are indented: its own indent, and a
/// list bullet's ("  • Varning …" goes on under "Varning"), when that
/// leaves room.
fn hanging(line: &str, width: usize) -> usize {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[spaces..];
    let bullet =
        ["• ", "- ", "* ", "– "].iter().find(|b| rest.starts_with(**b)).map_or(0, |b| b.chars().count());
    let indent = spaces + bullet;
    if indent * 2 < width {
        indent
    } else {
        0
    }
}

fn wrap_one(line: &str, width: usize, out: &mut Vec<String>) {
    let indent = hanging(line, width);
    let mut current = String::new();
    let mut cols = 0;
    // the indent (and bullet) is never a place to break: the text starts
    // after it, on the first line as on the continuations
    let floor = indent;
    let mut last_space: Option<(usize, usize)> = None; // byte index, cols up to it
    for ch in line.chars() {
        let w = ch.width().unwrap_or(0);
        if cols + w > width && cols > floor {
            let rest = match last_space {
                Some((idx, upto)) if upto > floor => {
                    let rest = current.split_off(idx + 1);
                    cols -= upto + 1;
                    rest
                }
                _ => {
                    cols = 0;
                    String::new()
                }
            };
            out.push(std::mem::take(&mut current).trim_end().to_string());
            current = " ".repeat(indent);
            current.push_str(&rest);
            cols += indent;
            last_space = None;
        }
        if ch == ' ' && cols >= floor {
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
        // a bullet's continuation goes on under its text; an indented
        // paragraph keeps its indent; a line of spaces is left alone
        let (out, _) = wrap(&["  • aaa bbb ccc ddd eee".into()], 12, 0);
        assert_eq!(out, ["  • aaa bbb", "    ccc ddd", "    eee"]);
        let (out, _) = wrap(&["   aaaaaaaaaaaaaaaa".into()], 10, 0);
        assert_eq!(out, ["   aaaaaaa", "   aaaaaaa", "   aa"]);
        let (out, _) = wrap(&[" ".repeat(25)], 10, 0);
        assert!(out.iter().all(|l| l.chars().count() <= 10), "{out:?}");
    }
}
