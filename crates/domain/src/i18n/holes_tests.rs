//! Every Swedish text and its English twin fill the same holes (`{0}`,
//! `{1|…|…}`, `{k:action}`): read from the tables' source, so a new table
//! or field is checked without being listed here.

use std::collections::BTreeMap;

/// The holes of a text: what stands inside `{…}` up to a `|` (a key's
/// preferred key, `{k:yes/y}`, is the language's own choice).
fn holes(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split('{')
        .skip(1)
        .filter_map(|p| p.split(['}', '|']).next())
        .map(|h| if h.starts_with("k:") { h.split('/').next().unwrap_or(h) } else { h })
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

fn sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && !p.ends_with("holes_tests.rs"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

const STRING: &str = r#""((?:[^"\\]|\\.)*)""#;

/// `pub static SV: DeskTexts = DeskTexts { … };` → ("DeskTexts", "SV", fields).
fn struct_tables() -> Vec<(String, String, BTreeMap<String, String>)> {
    let head = regex::Regex::new(r"pub (?:static|const) (SV|EN): (\w+) = \w+ \{").unwrap();
    let field = regex::Regex::new(&format!(r"(?m)^\s+(\w+):\s*{STRING}")).unwrap();
    let mut out = Vec::new();
    for (_, text) in sources() {
        for h in head.captures_iter(&text) {
            let start = h.get(0).unwrap().end();
            let end = text[start..].find("\n};").map_or(text.len(), |e| start + e);
            let fields = field
                .captures_iter(&text[start..end])
                .map(|c| (c[1].to_string(), c[2].to_string()))
                .collect();
            out.push((h[2].to_string(), h[1].to_string(), fields));
        }
    }
    out
}

#[test]
fn swedish_and_english_fill_the_same_holes() {
    let tables = struct_tables();
    let mut checked = 0;
    let mut wrong = Vec::new();
    // the command line's errors: clap says them in English itself
    for (ty, _, sv) in tables.iter().filter(|(t, l, _)| l == "SV" && t != "ParseTexts") {
        let Some((_, _, en)) = tables.iter().find(|(t, l, _)| t == ty && l == "EN") else {
            wrong.push(format!("{ty}: no English table"));
            continue;
        };
        for (name, s) in sv {
            match en.get(name) {
                Some(e) if holes(s) != holes(e) => {
                    wrong.push(format!("{ty}.{name}: {:?} / {:?}", holes(s), holes(e)))
                }
                Some(_) => checked += 1,
                None => wrong.push(format!("{ty}.{name}: not in English")),
            }
        }
    }
    // the tables by code: (code, Swedish, English)
    let row = regex::Regex::new(&format!(r#"\(\s*"(\w+)",\s*{STRING},\s*{STRING},?\s*\)"#)).unwrap();
    for (file, text) in sources() {
        for c in row.captures_iter(&text) {
            if holes(&c[2]) != holes(&c[3]) {
                wrong.push(format!("{file} {}: {:?} / {:?}", &c[1], holes(&c[2]), holes(&c[3])));
            }
            checked += 1;
        }
    }
    assert!(wrong.is_empty(), "texts whose holes differ:\n{}", wrong.join("\n"));
    // the main, desk, mail, config, keys and parse tables, the doctor's and sign-in's rows
    assert!(checked > 450, "only {checked} texts found");
}
