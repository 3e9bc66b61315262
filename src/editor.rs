//! Writing a text in the user's editor ($VISUAL, $EDITOR, else vi) on a
//! file in a private temporary directory (it may hold personal data; it
//! is removed afterwards), for the CLI and the TUI alike.

/// Opens the editor on `start`; returns what was saved, or why not.
pub fn edit(start: &str) -> Result<String, String> {
    let dir = private_dir()?;
    let path = dir.join("postrum-meddelande.txt");
    let result = (|| {
        std::fs::write(&path, start).map_err(|e| e.to_string())?;
        let editor =
            std::env::var("VISUAL").or_else(|_| std::env::var("EDITOR")).unwrap_or_else(|_| "vi".into());
        // the editor may be a command with arguments ("code --wait")
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(&path)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(status.to_string());
        }
        std::fs::read_to_string(&path).map_err(|e| e.to_string())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn private_dir() -> Result<std::path::PathBuf, String> {
    let base = std::env::temp_dir();
    for n in 0..100u32 {
        let dir = base.join(format!("postrum-{}-{n}", std::process::id()));
        let mut b = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        if b.create(&dir).is_ok() {
            return Ok(dir);
        }
    }
    Err(format!("no private directory could be made in {}", base.display()))
}
