//! Swedish personnummer and samordningsnummer in text: YYMMDD-NNNC (or +
//! from age 100), YYYYMMDD-NNNC, YYYYMMDDNNNC, and YYMMDDNNNC only right
//! after a word such as "personnummer". Accepted only with a Luhn check
//! digit, a real date (day + 60 for samordningsnummer, not in the future)
//! and a serial other than 000 — so phone numbers, timestamps, invoice,
//! OCR and organisation numbers are not taken for one. `mask` hides the
//! last four digits.

use jiff::civil::Date;
use mail_parser::Message;
use regex::Regex;
use std::sync::OnceLock;

use super::{warn, Warning, WarningKind};

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // ASCII digit runs, with at most one - or + inside (not \d: other
    // scripts' digits are not person numbers, and the checks below slice
    // the match by bytes)
    RE.get_or_init(|| Regex::new(r"[0-9]+(?:[-+][0-9]+)?").expect("valid"))
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

/// The text with the last four digits of every number found masked.
pub fn mask_with(text: &str, today: Date) -> String {
    let found = find(text, today);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in found {
        out.push_str(&text[last..f.end - 4]);
        out.push_str("****");
        last = f.end;
    }
    out.push_str(&text[last..]);
    out
}

/// `mask_with` for today.
pub fn mask(text: &str) -> String {
    mask_with(text, super::super::clock::today())
}

pub fn check(msg: &Message) -> Option<Warning> {
    let today = super::super::clock::today();
    let mut n = find(msg.subject().unwrap_or_default(), today).len();
    for i in 0..msg.text_body_count().min(5) {
        if let Some(body) = msg.body_text(i) {
            n += find(super::prefix(&body, 2_000_000), today).len();
        }
    }
    (n > 0).then(|| warn(WarningKind::Personnummer, format!("{n}")))
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
    fn masks_the_last_four_digits() {
        assert_eq!(mask_with("Pnr 811218-9876, tel 0701234567", today()), "Pnr 811218-****, tel 0701234567");
        assert_eq!(mask_with("19121212-1212", today()), "19121212-****");
        assert_eq!(mask_with("inget här", today()), "inget här");
    }
}
