//! Diarienummer validation against the mailbox's configured pattern.

use regex::Regex;

/// The default pattern: an optional "Dnr", an optional 1–6 letter prefix,
/// a year 19xx/20xx and a serial, e.g. `KS 2024/123`, `KSN-2017-3559`,
/// `2016-000003`, `Dnr 2014/304`, `KS/2018:4`.
pub const DEFAULT_PATTERN: &str = r"^(?:(?i:dnr)\.?\s+)?(?:[A-ZÅÄÖ]{1,6}[ /-])?(?:19|20)\d{2}[/:-]\d{1,6}$";

/// Examples shown when a diarienummer is refused.
pub const EXAMPLES: &[&str] = &["KS 2024/123", "KSN-2017-3559", "2016-000003", "Dnr 2014/304"];

#[derive(Clone, Debug)]
pub struct DnrPattern {
    regex: Regex,
}

impl DnrPattern {
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        Ok(Self { regex: Regex::new(pattern)? })
    }

    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }

    /// The normalised diarienummer (trimmed, inner whitespace collapsed)
    /// when it matches, None otherwise.
    pub fn validate(&self, input: &str) -> Option<String> {
        let normalised = super::sanitize::line(input);
        self.regex.is_match(&normalised).then_some(normalised)
    }

    /// A diarienummer written in a text ("Komplettering BN 2026/412"): the
    /// longest run of one to four words that matches, first found first.
    pub fn find_in(&self, text: &str) -> Option<String> {
        fn trim(w: &str) -> &str {
            w.trim_matches(|c: char| {
                matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '«' | '»')
            })
        }
        let has_digit = |w: &str| w.bytes().any(|b| b.is_ascii_digit());
        if !has_digit(text) {
            return None; // a diarienummer ends in digits: most subjects need no more
        }
        // borrowed words and one buffer: the list asks this of every subject
        let words: Vec<&str> = text.split_whitespace().map(trim).filter(|w| !w.is_empty()).collect();
        let mut candidate = String::with_capacity(64);
        for start in 0..words.len() {
            for len in (1..=4).rev() {
                // the window must end in a word with digits in it
                if start + len <= words.len() && has_digit(words[start + len - 1]) {
                    candidate.clear();
                    for (i, w) in words[start..start + len].iter().enumerate() {
                        if i > 0 {
                            candidate.push(' ');
                        }
                        candidate.push_str(w);
                    }
                    // words are whitespace-free: only control characters
                    // would make `validate` normalise differently
                    if super::sanitize::is_clean_line(&candidate) {
                        if self.regex.is_match(&candidate) {
                            return Some(candidate);
                        }
                    } else if let Some(d) = self.validate(&candidate) {
                        return Some(d);
                    }
                }
            }
        }
        None
    }
}

/// The series of a diarienummer, to start the next one with: "KS 2026/"
/// of "KS 2026/1188", "KSN-2017-" of "KSN-2017-3559".
pub fn series(dnr: &str) -> String {
    match dnr.rfind(['/', '-', ':']) {
        Some(i) => dnr[..=i].to_string(),
        None => String::new(),
    }
}

impl Default for DnrPattern {
    fn default() -> Self {
        Self::new(DEFAULT_PATTERN).expect("the default pattern compiles")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_accepts_municipal_forms() {
        let p = DnrPattern::default();
        for ok in [
            "KS 2024/123",
            "KSN-2017-3559",
            "2016-000003",
            "Dnr 2014/304",
            "KS/2018:4",
            "RÄN-2018-0082",
            "Dnr KS 2018/124",
            "  KS   2024/123 ",
        ] {
            assert!(p.validate(ok).is_some(), "{ok}");
        }
        assert_eq!(p.validate("  KS   2024/123 ").as_deref(), Some("KS 2024/123"));
    }

    #[test]
    fn a_diarienummer_is_found_in_a_subject_and_its_series_kept() {
        let p = DnrPattern::default();
        assert_eq!(p.find_in("Komplettering BN 2026/412").as_deref(), Some("BN 2026/412"));
        assert_eq!(p.find_in("Sv: Ärende (Dnr KS 2018/124), fråga").as_deref(), Some("Dnr KS 2018/124"));
        assert_eq!(p.find_in("Ang. KSN-2017-3559: beslut").as_deref(), Some("KSN-2017-3559"));
        assert_eq!(p.find_in("Möte 2026 i sal 4"), None);
        assert_eq!(p.find_in("Faktura 2026-4471 från Nordbygg").as_deref(), Some("2026-4471"));
        assert_eq!(series("KS 2026/1188"), "KS 2026/");
        assert_eq!(series("KSN-2017-3559"), "KSN-2017-");
        assert_eq!(series("hej"), "");
    }

    #[test]
    fn default_refuses_other_text() {
        let p = DnrPattern::default();
        for bad in ["", "123", "KS 1824/1", "hej", "KS 2024/", "ABCDEFG 2024/1", "2024/1234567"] {
            assert!(p.validate(bad).is_none(), "{bad}");
        }
    }
}
