//! What the code's shape promises, checked on the source: the TUI has its
//! work done only by asking the engine for a job (`App::job` →
//! `Engine::run_job`), on a worker thread or at once — never by calling the
//! engine's doing functions itself, so that the snapshot and tmux tests on
//! a Maildir run the same path as IMAP does. Imports point down: between
//! the crates the compiler sees to it, within a crate the layers' order
//! below does; no two files import each other; files and functions stay
//! short enough to read at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_tui_has_its_work_done_only_through_jobs() {
    let doing = regex::Regex::new(
        r"engine\s*\.\s*(act|view|refresh|refresh_with|send_job|export|save_attachment|kvittens_preview|replay_pending|send_waiting|doctor|run_job)\s*\(",
    )
    .unwrap();
    let root = workspace().join("src");
    let mut files = Vec::new();
    for dir in ["app", "ui"] {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 10, "the TUI's sources: {files:?}");
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            // the one place a job is run at once (a Maildir)
            if doing.is_match(code) && !code.contains("self.engine.run_job(job)") {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "the TUI calls the engine directly:\n{}", found.join("\n"));
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every crate's `src`.
fn roots() -> Vec<PathBuf> {
    let w = workspace();
    let mut roots = vec![w.join("src")];
    for e in std::fs::read_dir(w.join("crates")).unwrap().flatten() {
        roots.push(e.path().join("src"));
    }
    roots
}

/// Each source file with its module path (`mail::imap::actor`), the code
/// without comments.
fn modules() -> Vec<(PathBuf, Vec<String>, String)> {
    let mut out = Vec::new();
    for root in roots() {
        let mut files = Vec::new();
        sources(&root, &mut files);
        for f in files {
            let rel = f.strip_prefix(&root).unwrap().with_extension("");
            let mut path: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if matches!(path.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                path.pop();
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let code: String =
                text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
            out.push((f, path, code));
        }
    }
    out
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else { return vec![tree.to_string()] };
    let (head, rest) = tree.split_at(open);
    let mut depth = 0;
    let mut close = rest.len() - 1;
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = i;
                    break;
                }
            }
            _ => {}
        }
    }
    let inner = &rest[1..close];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(&format!("{head}{}", p.trim())))
        .collect()
}

/// The modules a file imports (by `use` or by a path in the code), as
/// known module paths.
fn imports(path: &[String], code: &str, known: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let uses = regex::Regex::new(r"\buse\s+((?:crate|super|self)\b[^;]*);").unwrap();
    let inline = regex::Regex::new(r"\b(?:crate|super)(?:::[A-Za-z_]\w*)+").unwrap();
    let mut paths: Vec<String> = Vec::new();
    for u in uses.captures_iter(code) {
        let tree: String = u[1].chars().filter(|c| !c.is_whitespace()).collect();
        paths.extend(expand(&tree));
    }
    paths.extend(inline.find_iter(code).map(|m| m.as_str().to_string()));
    let mut found = BTreeSet::new();
    for p in paths {
        let mut parts: Vec<&str> = p.split("::").collect();
        let mut base: Vec<String> = Vec::new();
        if parts[0] == "crate" {
            parts.remove(0);
        } else {
            base = path.to_vec();
            while parts.first() == Some(&"super") {
                base.pop();
                parts.remove(0);
            }
            if parts.first() == Some(&"self") {
                parts.remove(0);
            }
        }
        let full: Vec<String> = base.into_iter().chain(parts.iter().map(|s| s.to_string())).collect();
        if let Some(n) = (1..=full.len()).rev().find(|n| known.contains(&full[..*n].to_vec())) {
            if full[..n] != *path {
                found.insert(full[..n].to_vec());
            }
        }
    }
    found
}

/// The layers, lowest first: a module may import only modules of a lower
/// rank (between crates the compiler enforces it too).
const RANKS: &[(&str, u8)] = &[
    ("core", 0),
    ("i18n", 0),
    ("store", 1),
    ("mail", 1),
    ("config", 2),
    ("engine", 3),
    ("present", 4),
    ("widgets", 5),
    ("editor", 5),
    ("app", 6),
    ("ui", 7),
    ("cli", 7),
    ("tui", 8),
];

fn rank(top: &str) -> u8 {
    RANKS
        .iter()
        .find(|(m, _)| *m == top)
        .map(|(_, r)| *r)
        .unwrap_or_else(|| panic!("a layer without a rank: {top}"))
}

#[test]
fn imports_point_down_and_no_two_files_import_each_other() {
    let mods = modules();
    let known: BTreeSet<Vec<String>> = mods.iter().map(|(_, p, _)| p.clone()).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut upward = Vec::new();
    for (file, path, code) in &mods {
        let found = imports(path, code, &known);
        if let Some(top) = path.first() {
            for to in &found {
                let other = &to[0];
                if other != top && rank(other) >= rank(top) {
                    upward.push(format!("{}: imports {}", file.display(), to.join("::")));
                }
            }
        }
        edges.insert(path.clone(), found);
    }
    assert!(upward.is_empty(), "imports that do not point down:\n{}", upward.join("\n"));
    assert!(edges.len() > 100, "the sources: {}", edges.len());
    let mut circles = Vec::new();
    for (a, to) in &edges {
        for b in to.iter().filter(|b| a < *b) {
            // a module and the files inside it are one unit
            let nested = b.starts_with(a) || a.starts_with(b);
            if !nested && edges.get(b).is_some_and(|back| back.contains(a)) {
                circles.push(format!("{} <-> {}", a.join("::"), b.join("::")));
            }
        }
    }
    assert!(circles.is_empty(), "files that import each other:\n{}", circles.join("\n"));
}

#[test]
fn files_and_functions_are_short_enough_to_read_at_once() {
    let start =
        regex::Regex::new(r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:const\s+)?fn\s+(\w+)").unwrap();
    let mut long = Vec::new();
    for (file, _, _) in modules() {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // a few hold tables or one long matter on purpose
        if lines.len() > 460 {
            long.push(format!("{}: {} lines", file.display(), lines.len()));
        }
        for (i, line) in lines.iter().enumerate() {
            let Some(m) = start.captures(line) else { continue };
            if line.trim_end().ends_with(';') {
                continue;
            }
            let close = format!("{}}}", &m[1]);
            let end = lines[i..].iter().position(|l| *l == close).unwrap_or(0);
            if end + 1 > 100 {
                long.push(format!("{}:{}: fn {} is {} lines", file.display(), i + 1, &m[2], end + 1));
            }
        }
    }
    assert!(long.is_empty(), "too long to read at once:\n{}", long.join("\n"));
}
