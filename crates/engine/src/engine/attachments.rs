//! Saving an attachment to a folder the user chose: the file name is
//! sanitized (no path, no controls, no overrides), an existing file is
//! never overwritten, and dangerous types are refused unless the user
//! confirmed. postrum never opens an attachment.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Engine, OpError};
use crate::core::inspect::attachments::{clean_name, danger, Danger};
use crate::core::message;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("no attachment number {0}")]
    NoSuchAttachment(usize),
    /// The type is dangerous: ask again before saving.
    #[error("dangerous file type: {0:?}")]
    Dangerous(Danger),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Op(#[from] OpError),
}

/// A path in `dir` for `name` that does not exist yet: "x.pdf", "x (2).pdf"…
fn free_path(dir: &Path, name: &str) -> PathBuf {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
        _ => (name.to_string(), String::new()),
    };
    let mut path = dir.join(name);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}){ext}"));
        n += 1;
    }
    path
}

/// `n` meaning every attachment (the dangerous ones are left for one at a
/// time, where the user is asked).
pub const ALL: usize = usize::MAX;

impl Engine {
    /// Saves attachment `n` (0-based) of a message into `dir`; with `ALL`
    /// every one that is not dangerous, and the folder is returned.
    pub fn save_attachment(
        &mut self,
        id: &str,
        n: usize,
        dir: &Path,
        allow_dangerous: bool,
    ) -> Result<PathBuf, SaveError> {
        let msg = self
            .store
            .message(id)
            .map_err(OpError::from)?
            .ok_or_else(|| OpError::NoSuchMessage(id.into()))?;
        let raw = self.backend.read(&msg.key, Some(message::MAX_READ)).map_err(OpError::from)?;
        if n == ALL {
            let mut i = 0;
            while let Some((name, mime, bytes)) = message::attachment(&raw, i) {
                i += 1;
                if danger(&name, &mime).is_some() {
                    continue;
                }
                let path = free_path(dir, &clean_name(&name));
                let io = |source| SaveError::Io { path: path.clone(), source };
                let mut f = std::fs::File::options().write(true).create_new(true).open(&path).map_err(io)?;
                f.write_all(&bytes).map_err(io)?;
            }
            return Ok(dir.to_path_buf());
        }
        let (name, mime, bytes) = message::attachment(&raw, n).ok_or(SaveError::NoSuchAttachment(n + 1))?;
        if let Some(why) = danger(&name, &mime) {
            if !allow_dangerous {
                return Err(SaveError::Dangerous(why));
            }
        }
        let path = free_path(dir, &clean_name(&name));
        let io = |source| SaveError::Io { path: path.clone(), source };
        let mut f = std::fs::File::options().write(true).create_new(true).open(&path).map_err(io)?;
        f.write_all(&bytes).map_err(io)?;
        Ok(path)
    }
}
