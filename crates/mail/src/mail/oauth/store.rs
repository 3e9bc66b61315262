//! Where a sign-in is kept: `oauth.json` in the mailbox's data directory
//! (mode 0600, written whole and renamed into place), with the refresh
//! token itself in the system keyring when there is one. Never in the
//! SQLite database. A lock file keeps two postrum processes from using
//! the same refresh token at once (providers rotate it, and a reused one
//! can end the whole sign-in).

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{keyring, OAuthError};

/// A stored sign-in. `Debug` hides the token.
#[derive(Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Saved {
    pub issuer: String,
    pub client_id: String,
    /// Who signed in, as the provider says (or the hint given).
    pub user: Option<String>,
    pub token_endpoint: String,
    pub revocation_endpoint: Option<String>,
    /// The refresh token, unless it is in the keyring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub in_keyring: bool,
    /// The scopes the provider granted (space separated).
    pub scope: Option<String>,
    /// When the sign-in was made (seconds since 1970).
    pub signed_in_at: i64,
}

impl std::fmt::Debug for Saved {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Saved")
            .field("issuer", &self.issuer)
            .field("user", &self.user)
            .field("in_keyring", &self.in_keyring)
            .finish_non_exhaustive()
    }
}

/// The sign-in of one mailbox (its data directory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenStore {
    dir: PathBuf,
}

/// Held while the refresh token is used; released when dropped.
pub struct Locked(#[allow(dead_code)] File);

impl TokenStore {
    pub fn new(dir: &Path) -> TokenStore {
        TokenStore { dir: dir.to_path_buf() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join("oauth.json")
    }

    fn keyring_account(&self) -> String {
        self.dir.display().to_string()
    }

    /// Waits for (and takes) the right to use the refresh token.
    pub fn lock(&self) -> Result<Locked, OAuthError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| store_error(&self.dir, &e))?;
        let path = self.dir.join("oauth.lock");
        let f = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| store_error(&path, &e))?;
        f.lock().map_err(|e| store_error(&path, &e))?;
        Ok(Locked(f))
    }

    /// The sign-in, with its refresh token (from the keyring if kept there).
    pub fn load(&self) -> Result<Option<Saved>, OAuthError> {
        let path = self.path();
        let text = match std::fs::read(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(store_error(&path, &e)),
        };
        let mut saved: Saved = serde_json::from_slice(&text)
            .map_err(|e| OAuthError::Store(format!("{}: {e}", path.display())))?;
        if saved.in_keyring {
            saved.refresh_token = keyring::lookup(&self.keyring_account());
        }
        Ok(Some(saved))
    }

    /// Keeps a sign-in: the refresh token in the keyring when one answers,
    /// else in the file (0600).
    pub fn save(&self, saved: &Saved) -> Result<(), OAuthError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| store_error(&self.dir, &e))?;
        let mut on_disk = saved.clone();
        on_disk.in_keyring = false;
        if let Some(token) = &saved.refresh_token {
            if keyring::store(&self.keyring_account(), token) {
                on_disk.in_keyring = true;
                on_disk.refresh_token = None;
            }
        }
        let text = serde_json::to_vec_pretty(&on_disk).map_err(|e| OAuthError::Store(e.to_string()))?;
        let tmp = self.dir.join("oauth.json.tmp");
        write_private(&tmp, &text).map_err(|e| store_error(&tmp, &e))?;
        std::fs::rename(&tmp, self.path()).map_err(|e| store_error(&self.path(), &e))
    }

    /// Forgets the sign-in (file and keyring); whether there was one.
    pub fn forget(&self) -> Result<bool, OAuthError> {
        keyring::clear(&self.keyring_account());
        match std::fs::remove_file(self.path()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(store_error(&self.path(), &e)),
        }
    }
}

fn store_error(path: &Path, e: &std::io::Error) -> OAuthError {
    OAuthError::Store(format!("{}: {}", path.display(), e.kind()))
}

/// Writes a file only its owner can read, from the first byte.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let _ = std::fs::remove_file(path);
    let mut opts = File::options();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_private_and_never_shown() {
        std::env::set_var("POSTRUM_KEYRING", "off");
        let dir = tempfile::tempdir().unwrap();
        let store = TokenStore::new(dir.path());
        assert_eq!(store.load().unwrap(), None);
        let saved = Saved {
            issuer: "http://127.0.0.1:1".into(),
            refresh_token: Some("hemlig-token".into()),
            ..Default::default()
        };
        store.save(&saved).unwrap();
        assert_eq!(store.load().unwrap().unwrap().refresh_token.as_deref(), Some("hemlig-token"));
        assert!(!format!("{saved:?}").contains("hemlig"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(store.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _l = store.lock().unwrap();
        assert!(store.forget().unwrap());
        assert!(!store.forget().unwrap());
    }
}
