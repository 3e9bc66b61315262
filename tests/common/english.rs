//! postrum's own English, as the source has it: every fragment of two
//! words or more of the string literals in the code of the mail, engine
//! and binary crates (not their tests), split at the holes and the
//! punctuation an error message is built with. A Swedish screen or command
//! line must show none of them; the server's and the system's own words
//! (a server's NO text, an OS error) are not postrum's and may show.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const WORDS: &[&str] = &[
    "the", "is", "not", "no", "did", "does", "do", "was", "cannot", "could", "has", "have", "after",
    "before", "from", "with", "for", "of", "to", "a", "an", "be", "it", "this", "that", "there", "which",
    "answer", "error", "refused", "closed", "timed", "lost", "unknown", "failed", "invalid", "missing",
    "denied", "stopped", "within", "while", "still",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let name = p.file_name().unwrap().to_string_lossy();
            if name != "tests.rs" && !name.ends_with("_tests.rs") {
                out.push(p);
            }
        }
    }
}

/// The fragments, found once per test binary.
pub fn fragments() -> &'static [String] {
    static FOUND: OnceLock<Vec<String>> = OnceLock::new();
    FOUND.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["crates/mail/src", "crates/engine/src", "src"] {
            rust_files(&root.join(dir), &mut files);
        }
        let literal = regex::Regex::new(r#""((?:[^"\\]|\\.)*)""#).unwrap();
        let mut out: Vec<String> = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for line in code.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
                for lit in literal.captures_iter(line) {
                    out.extend(pieces(&lit[1]));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    })
}

/// The English runs of a literal: two words or more of letters, one of
/// them a small English word or one an error is said with.
fn pieces(lit: &str) -> Vec<String> {
    let mut out = Vec::new();
    let holes = regex::Regex::new(r"\{[^}]*\}|\\n|[:;()\[\]—,.?!]").unwrap();
    for part in holes.split(lit) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let letters = |w: &&str| w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-');
        // a protocol's word (RCPT TO, UID STORE) is in capitals: not a sentence
        let english = |w: &&str| {
            let lower = w.to_lowercase();
            let as_written = *w == lower || w[1..] == lower[1..];
            as_written && WORDS.contains(&lower.as_str())
        };
        if words.len() >= 2 && words.iter().all(letters) && words.iter().any(english) {
            out.push(words.join(" "));
        }
    }
    out
}

/// Fails naming each sentence of postrum's own English in `text`.
pub fn assert_swedish(text: &str, what: &str) {
    let found: Vec<&String> = fragments().iter().filter(|f| text.contains(f.as_str())).collect();
    assert!(found.is_empty(), "{what}: postrum's own English on a Swedish screen: {found:?}\n{text}");
}
