//! A Maildir backend: messages in `new/` and `cur/`, flags in file names,
//! delete = remove the file. Keys are the unique part of the file name
//! (before ":2,"), which stays the same when flags change.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::{Applied, Backend, Entry, MailError};

pub struct Maildir {
    root: PathBuf,
    paths: HashMap<String, PathBuf>,
}

/// The unique part of a Maildir file name.
pub fn key_of(file_name: &str) -> &str {
    match file_name.find(':').or_else(|| file_name.find('!')) {
        Some(i) => &file_name[..i],
        None => file_name,
    }
}

/// The flags of a Maildir file name (after ":2,").
pub fn flags_of(file_name: &str) -> &str {
    file_name.rsplit_once(":2,").map_or("", |(_, f)| f)
}

fn io(path: &Path, source: std::io::Error) -> MailError {
    MailError::Io { path: path.to_path_buf(), why: source.to_string() }
}

impl Maildir {
    pub fn open(root: &Path) -> Result<Self, MailError> {
        if !root.join("cur").is_dir() || !root.join("new").is_dir() {
            return Err(MailError::NotMaildir(root.to_path_buf()));
        }
        Ok(Self { root: root.to_path_buf(), paths: HashMap::new() })
    }

    fn scan(&mut self) -> Result<Vec<Entry>, MailError> {
        let mut entries = Vec::new();
        self.paths.clear();
        for sub in ["new", "cur"] {
            let dir = self.root.join(sub);
            for item in std::fs::read_dir(&dir).map_err(|e| io(&dir, e))? {
                let Ok(item) = item else { continue };
                let name = item.file_name();
                let Some(name) = name.to_str() else { continue };
                if name.starts_with('.') {
                    continue;
                }
                // follows symlinks; a file that cannot be stat'ed is still
                // listed, so it shows as an unreadable row
                let (size, modified) = match std::fs::metadata(item.path()) {
                    Ok(m) if m.is_dir() => continue,
                    Ok(m) => (
                        m.len(),
                        m.modified()
                            .ok()
                            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                            .map_or(0, |d| d.as_secs() as i64),
                    ),
                    Err(_) => (0, 0),
                };
                let key = key_of(name).to_string();
                let answered = flags_of(name).contains('R');
                self.paths.insert(key.clone(), item.path());
                entries.push(Entry { key, size, modified, answered, marks: 0 });
            }
        }
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(entries)
    }

    /// The current path of a key, rescanning once if flags moved it.
    fn locate(&mut self, key: &str) -> Result<Option<PathBuf>, MailError> {
        if let Some(p) = self.paths.get(key) {
            if p.exists() {
                return Ok(Some(p.clone()));
            }
        }
        self.scan()?;
        Ok(self.paths.get(key).cloned())
    }
}

impl Backend for Maildir {
    fn describe(&self) -> String {
        format!("Maildir {}", self.root.display())
    }

    fn entries(&mut self) -> Result<Vec<Entry>, MailError> {
        self.scan()
    }

    fn read(&mut self, key: &str, limit: Option<usize>) -> Result<Vec<u8>, MailError> {
        let path = self.locate(key)?.ok_or_else(|| MailError::NotFound(key.to_string()))?;
        let file = std::fs::File::open(&path).map_err(|e| io(&path, e))?;
        let mut buf = Vec::new();
        match limit {
            Some(n) => file.take(n as u64).read_to_end(&mut buf),
            None => (&file).read_to_end(&mut buf),
        }
        .map_err(|e| io(&path, e))?;
        Ok(buf)
    }

    fn delete(&mut self, key: &str) -> Result<Applied, MailError> {
        let Some(path) = self.locate(key)? else {
            return Ok(Applied::AlreadyDone);
        };
        match std::fs::remove_file(&path) {
            Ok(()) => {
                self.paths.remove(key);
                Ok(Applied::Done)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Applied::AlreadyDone),
            Err(e) => Err(io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_the_flag_suffix() {
        assert_eq!(key_of("1700000000.M1P2.host:2,S"), "1700000000.M1P2.host");
        assert_eq!(key_of("1700000000.M1P2.host"), "1700000000.M1P2.host");
        assert_eq!(flags_of("1.a.host:2,RS"), "RS");
        assert_eq!(flags_of("1.a.host"), "");
    }

    #[test]
    fn lists_reads_and_deletes_idempotently() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        std::fs::write(dir.path().join("new/1.a.host"), b"Subject: a\n\nx").unwrap();
        std::fs::write(dir.path().join("cur/2.b.host:2,S"), b"Subject: b\n\ny").unwrap();
        let mut md = Maildir::open(dir.path()).unwrap();
        let keys: Vec<_> = md.entries().unwrap().into_iter().map(|e| e.key).collect();
        assert_eq!(keys, ["1.a.host", "2.b.host"]);
        assert_eq!(md.read("2.b.host", Some(4)).unwrap(), b"Subj");
        // flags change behind our back: still found
        std::fs::rename(dir.path().join("cur/2.b.host:2,S"), dir.path().join("cur/2.b.host:2,RS")).unwrap();
        assert_eq!(md.delete("2.b.host").unwrap(), Applied::Done);
        assert_eq!(md.delete("2.b.host").unwrap(), Applied::AlreadyDone);
        assert!(!dir.path().join("cur/2.b.host:2,RS").exists());
        assert!(Maildir::open(&dir.path().join("cur")).is_err());
    }
}
