//! Swedish personnummer and samordningsnummer in text: YYMMDD-NNNC (or +
//! from age 100), YYYYMMDD-NNNC, YYYYMMDDNNNC, and YYMMDDNNNC only right
//! after a word such as "personnummer". Accepted only with a Luhn check
//! digit, a real date (day + 60 for samordningsnummer, not in the future)
//! and a serial other than 000 — so phone numbers, timestamps, invoice,
//! OCR and organisation numbers are not taken for one. Text is normalised
//! first (`normalise`: Unicode NFKC, so full-width digits are digits; any
//! dash, or one space, between the date and the last four digits reads as
//! a hyphen). `check` looks in every place a number can hide: subject,
//! the sender's display name, every text part, text attachments, file
//! names and attached messages. `mask` hides the last four digits.

use std::borrow::Cow;
use std::sync::OnceLock;

use jiff::civil::Date;
use mail_parser::{Message, MimeHeaders};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::{warn, Warning, WarningKind};

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // ASCII digit runs, with at most one - or + inside (not \d: other
    // scripts' digits are not person numbers, and the checks below slice
    // the match by bytes)
    RE.get_or_init(|| Regex::new(r"[0-9]+(?:[-+][0-9]+)?").expect("valid"))
}

/// The text as numbers are looked for in: NFKC (full-width and other
/// compatibility digits become ASCII ones), every dash a hyphen, and one
/// space (or no-break or thin space) between six or eight digits and four
/// more a hyphen too. Borrowed when nothing changes.
pub fn normalise(text: &str) -> Cow<'_, str> {
    static SPACED: OnceLock<Regex> = OnceLock::new();
    let spaced = SPACED.get_or_init(|| {
        Regex::new(r"\b([0-9]{6}|[0-9]{8})[ \x{a0}\x{2009}\x{202f}]([0-9]{4})\b").expect("valid")
    });
    let dash =
        |c: char| matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}');
    // most text: fewer than ten digits of any script, so no number can be
    // there (a Swedish subject need not go through NFKC)
    if text.chars().filter(|c| c.is_numeric()).take(10).count() < 10 {
        return Cow::Borrowed(text);
    }
    let plain = text.is_ascii();
    let text: Cow<str> = if plain {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().map(|c| if dash(c) { '-' } else { c }).collect())
    };
    match spaced.replace_all(&text, "$1-$2") {
        Cow::Borrowed(_) => text,
        Cow::Owned(changed) => Cow::Owned(changed),
    }
}

fn keyword_before(text: &str, at: usize) -> bool {
    let start = at.saturating_sub(40);
    let mut s = start;
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let before = text[s..at].to_lowercase();
    ["personnummer", "personnr", "pnr", "person nr", "samordningsnummer"].iter().any(|k| before.contains(k))
}

fn luhn(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// A match: its byte range in the text and the number as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub samordning: bool,
}

/// Every personnummer or samordningsnummer in `text`, given today's date.
pub fn find(text: &str, today: Date) -> Vec<Found> {
    let mut out = Vec::new();
    // every form has at least ten digits: most text is done here
    if text.bytes().filter(u8::is_ascii_digit).count() < 10 {
        return out;
    }
    for m in pattern().find_iter(text) {
        let token = m.as_str();
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|c| c == '-' || c == '+' || c == '/' || c == '.') {
            continue; // part of a longer code
        }
        let (digits, sep): (String, &str) = match token.find(['-', '+']) {
            Some(i) => (format!("{}{}", &token[..i], &token[i + 1..]), &token[i..i + 1]),
            None => (token.to_string(), ""),
        };
        let head = token.find(['-', '+']).unwrap_or(token.len());
        let (century, rest) = match (digits.len(), head, sep.is_empty()) {
            (10, 6, false) => (None, digits.as_str()),
            (12, 8, false) | (12, 12, true) => (Some(&digits[..2]), &digits[2..]),
            (10, 10, true) if keyword_before(text, m.start()) => (None, digits.as_str()),
            _ => continue,
        };
        if let Some(samordning) = valid(century, rest, sep, today) {
            out.push(Found { start: m.start(), end: m.end(), samordning });
        }
    }
    out
}

/// Checks YYMMDDNNNC (with an optional century): real date, serial, Luhn.
/// Returns whether it is a samordningsnummer.
fn valid(century: Option<&str>, rest: &str, sep: &str, today: Date) -> Option<bool> {
    let num = |s: &str| s.parse::<i32>().ok();
    let (yy, mm, mut dd) = (num(&rest[0..2])?, num(&rest[2..4])?, num(&rest[4..6])?);
    if &rest[6..9] == "000" {
        return None;
    }
    let samordning = dd > 60;
    if samordning {
        dd -= 60;
    }
    let year = match century {
        Some(cc) if ["18", "19", "20"].contains(&cc) => num(cc)? * 100 + yy,
        Some(_) => return None,
        None => {
            let this = i32::from(today.year());
            let mut y = this / 100 * 100 + yy;
            if y > this {
                y -= 100;
            }
            if sep == "+" {
                y -= 100;
            }
            y
        }
    };
    let date = Date::new(i16::try_from(year).ok()?, i8::try_from(mm).ok()?, i8::try_from(dd).ok()?).ok()?;
    if date > today {
        return None;
    }
    let digits: Vec<u8> = rest[..9].bytes().map(|b| b - b'0').collect();
    (luhn(&digits) == rest.as_bytes()[9] - b'0').then_some(samordning)
}

/// The text with the last four digits of every number found masked (the
/// text as normalised, when it holds one).
pub fn mask_with(text: &str, today: Date) -> String {
    let normal = normalise(text);
    let found = find(&normal, today);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(normal.len());
    let mut last = 0;
    for f in found {
        out.push_str(&normal[last..f.end - 4]);
        out.push_str("****");
        last = f.end;
    }
    out.push_str(&normal[last..]);
    out
}

/// `mask_with` for today.
pub fn mask(text: &str) -> String {
    mask_with(text, super::super::clock::today())
}

/// How many numbers a message holds, wherever they are.
pub fn check(msg: &Message) -> Option<Warning> {
    let n = count_in(msg, super::super::clock::today(), 0);
    (n > 0).then(|| warn(WarningKind::Personnummer, format!("{n}")))
}

/// How far attached messages are followed, and how many parts are read.
const DEPTH: usize = 3;
const PARTS: usize = 50;
const TEXT: usize = 2_000_000;

fn count_in(msg: &Message, today: Date, depth: usize) -> usize {
    let look = |s: &str| find(&normalise(super::prefix(s, TEXT)), today).len();
    let mut n = look(msg.subject().unwrap_or_default());
    if let Some(from) = msg.from() {
        n += from.iter().filter_map(|a| a.name()).map(look).sum::<usize>();
    }
    for i in 0..msg.text_body_count().min(5) {
        if let Some(body) = msg.body_text(i) {
            n += look(&body);
        }
    }
    for part in msg.attachments().take(PARTS) {
        n += part.attachment_name().map_or(0, look);
        if let Some(inner) = part.message() {
            if depth < DEPTH {
                n += count_in(inner, today, depth + 1);
            }
        } else if let Some(text) = part.text_contents() {
            // a text attachment (base64 or not), or any part that is text
            n += look(text);
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::constant(2026, 11, 27)
    }

    fn count(s: &str) -> usize {
        find(s, today()).len()
    }

    #[test]
    fn digits_of_other_scripts_are_not_numbers_and_do_not_panic() {
        assert_eq!(count("\u{966}123-4567 tel 0701234567"), 0);
        assert_eq!(count("\u{966}\u{967}\u{968}\u{969}\u{96a}\u{96b}-\u{96c}\u{96d}\u{96e}\u{96f}"), 0);
        assert_eq!(count("١٢٣4567-8901 ١٢٣٤٥٦-٧٨٩٠"), 0);
    }

    #[test]
    fn finds_valid_numbers_in_every_form() {
        assert_eq!(count("pnr 811218-9876 tack"), 1);
        assert_eq!(count("19811218-9876"), 1);
        assert_eq!(count("198112189876"), 1);
        assert_eq!(count("Mitt personnummer: 8112189876"), 1);
        assert_eq!(count("samordningsnummer 701063-2391"), 1);
        assert!(find("701063-2391", today())[0].samordning);
        assert_eq!(count("191212121212, 199006022397 och 200001052380"), 3);
        assert_eq!(count("121212+1212"), 1, "over a hundred years old");
    }

    #[test]
    fn ignores_look_alikes() {
        assert_eq!(count("811218-9875"), 0, "wrong check digit");
        assert_eq!(count("ring 0701234567"), 0, "phone number");
        assert_eq!(count("0494-19777"), 0);
        assert_eq!(count("loggad 20241105-1030"), 0, "timestamp");
        assert_eq!(count("OCR 8812004417"), 0);
        assert_eq!(count("orgnr 556036-0793"), 0, "organisation number: month 60");
        assert_eq!(count("811218-0004"), 0, "serial 000");
        assert_eq!(count("991301-1234"), 0, "no 13th month");
        assert_eq!(count("1234811218-9876"), 0, "inside a longer number");
        assert_eq!(count("20301218-9876"), 0, "born in the future");
    }

    #[test]
    fn numbers_written_otherwise_are_found_after_normalising() {
        let n = |s: &str| find(&normalise(s), today()).len();
        assert_eq!(n("pnr 811218\u{2013}9876"), 1, "en dash");
        assert_eq!(n("811218\u{2212}9876 och 19811218\u{2014}9876"), 2, "minus sign, em dash");
        assert_eq!(n("811218 9876"), 1, "a space");
        assert_eq!(n("811218\u{a0}9876"), 1, "a no-break space");
        assert_eq!(
            n("\u{ff18}\u{ff11}\u{ff11}\u{ff12}\u{ff11}\u{ff18}-\u{ff19}\u{ff18}\u{ff17}\u{ff16}"),
            1,
            "full-width"
        );
        // still not look-alikes
        assert_eq!(n("ring 070 123 45 67"), 0);
        assert_eq!(n("ring 0701234567 811218-9876"), 1, "a number after a phone number");
        assert_eq!(n("faktura 123456 7890"), 0, "no date, no check digit");
        assert_eq!(n("811218 98765"), 0, "five digits after the space");
        assert!(matches!(normalise("helt vanlig text 2026"), Cow::Borrowed(_)));
    }

    #[test]
    fn masks_the_last_four_digits() {
        assert_eq!(mask_with("Pnr 811218-9876, tel 0701234567", today()), "Pnr 811218-****, tel 0701234567");
        assert_eq!(mask_with("19121212-1212", today()), "19121212-****");
        assert_eq!(mask_with("inget här", today()), "inget här");
    }
}
