//! What the code's shape promises, checked on the source: the TUI has its
//! work done only by asking the engine for a job (`App::job` →
//! `Engine::run_job`), on a worker thread or at once — never by calling the
//! engine's doing functions itself, so that the snapshot and tmux tests on
//! a Maildir run the same path as IMAP does.

use std::path::Path;

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
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
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
