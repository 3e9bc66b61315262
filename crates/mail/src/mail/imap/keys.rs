//! What the IMAP modules share below the actor: an account's settings,
//! message keys ("UIDVALIDITY.UID") and how they are read back, and the
//! journal's batch type, what a SELECT said. (Kept apart so that lower modules need not import
//! from the actor, which imports them.)

use super::connect::ConnectOptions;
use super::creds::Secret;
use crate::mail::MailError;

/// What a SELECT said of the mailbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selected {
    pub uidvalidity: u32,
    pub exists: u32,
    pub uid_next: u32,
    pub highest_modseq: Option<u64>,
    /// PERMANENTFLAGS has `\*`: new keywords can be stored.
    pub keywords: bool,
}

#[derive(Clone)]
pub struct Settings {
    pub connect: ConnectOptions,
    pub secret: Secret,
    pub trash: Option<String>,
    pub sent: Option<String>,
    /// The mailbox holding the journal.
    pub journal: String,
    /// The journal was named in the config (else it follows a shared mailbox).
    pub journal_fixed: bool,
    /// The root of a function mailbox shared by ACL ("shared/kommun/"),
    /// once found: its Trash and Sent are the only ones purged.
    pub shared_root: Option<String>,
    /// Copy what postrum sends to Sent: None decides by the server (not
    /// where it keeps its own copy, as Gmail does).
    pub save_sent: Option<bool>,
}

/// Journal entries read (UID, raw headers) in UID order, and the
/// journal's (UIDVALIDITY, last UID).
pub type JournalBatch = (Vec<(u32, Vec<u8>)>, Option<(u32, u32)>);

/// "UIDVALIDITY.UID" → UID, when it belongs to the selected UIDVALIDITY.
pub fn uid_of(key: &str, sel: &Selected) -> Option<u32> {
    let (validity, uid) = key.split_once('.')?;
    (validity.parse::<u32>().ok()? == sel.uidvalidity).then(|| uid.parse().ok()).flatten()
}

/// The UID of a key an action is about: a key of an older UIDVALIDITY is
/// stale (never "already done": the message may well be there under a new
/// UID), a key that is no key at all is not found.
pub fn action_uid(key: &str, sel: &Selected) -> Result<u32, MailError> {
    if let Some(uid) = uid_of(key, sel) {
        return Ok(uid);
    }
    match key.split_once('.').map(|(v, u)| (v.parse::<u32>(), u.parse::<u32>())) {
        Some((Ok(_), Ok(_))) => Err(MailError::Stale(key.to_string())),
        _ => Err(MailError::NotFound(key.to_string())),
    }
}

/// A message's key: "UIDVALIDITY.UID" (`uid_of` reads it back).
pub fn key_of(validity: u32, uid: u32) -> String {
    format!("{validity}.{uid}")
}
