//! HTML-only mail as text: block elements and list items keep their line
//! breaks (mail-parser's converter breaks only at `<br>` and `</p>`), list
//! items get a bullet. The markup is only scanned for tag names; the text
//! conversion itself (entities, scripts left out) is mail-parser's.

/// Tags after which a line ends (or, for list items, before which a
/// bulleted line starts).
const BLOCK: &[&str] = &[
    "div",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
];

/// The HTML with `<br>` put where blocks end and list items begin.
pub fn with_breaks(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tag = &rest[i..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let inner = tag[1..end.saturating_sub(1).max(1)].trim_start();
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "li" && !closing {
            out.push_str("<br>• ");
        } else if BLOCK.contains(&name.as_str()) && (closing || name == "hr" || name == "table") {
            out.push_str("<br>");
        }
        out.push_str(&tag[..end]);
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// HTML as text with its line breaks; more than one blank line in a row
/// becomes one.
pub fn to_text(html: &str) -> String {
    let text = mail_parser::decoders::html::html_to_text(&with_breaks(html));
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_and_blocks_keep_their_lines() {
        let html = "<p>Hej,</p><ul><li>ett</li><LI class=x>två</li></ul><div>rad ett</div><div>rad två</div>\
                    <ol><li>a</li></ol>slut<br>sist<table><tr><td>x</td></tr><tr><td>y</td></tr></table>";
        let text = super::to_text(html);
        for line in ["Hej,", "• ett", "• två", "rad ett", "rad två", "• a", "slut", "sist", "x", "y"]
        {
            assert!(text.lines().any(|l| l.trim() == line), "{line:?} in {text:?}");
        }
        assert!(!text.contains("\n\n\n"));
        // not a tag at all, and an unclosed one
        assert_eq!(super::with_breaks("1 < 2 och 3 > 2"), "1 < 2 och 3 > 2");
        assert!(super::to_text("<div>x<div").contains('x'));
    }
}
