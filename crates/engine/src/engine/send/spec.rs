//! What an outgoing mail is to say, as logged before it is built: the
//! message itself is built on the first try (the original read from the
//! server then, if it is to be attached) and kept for every later one.

use lettre::message::Mailbox;
use serde::{Deserialize, Serialize};

use crate::core::outgoing::{self as out, BuildError, Draft, Kind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    pub kind: Kind,
    pub from_name: Option<String>,
    pub from_addr: String,
    pub to_name: Option<String>,
    pub to_addr: String,
    pub subject: String,
    pub text: String,
    pub in_reply_to: Option<String>,
    /// The original goes along as message/rfc822.
    pub attach_original: bool,
    /// The subject and text to send instead, without the original, when
    /// the original turns out to hold a person number.
    #[serde(default)]
    pub if_sensitive: Option<(String, String)>,
    /// The About token of the message it is about (X-Postrum-About: its
    /// server key, `core::ids::about`).
    #[serde(default)]
    pub about: Option<String>,
}

impl Spec {
    pub fn new(
        kind: Kind,
        from: &Mailbox,
        to: &Mailbox,
        subject: &str,
        text: &str,
        in_reply_to: Option<String>,
        attach_original: bool,
    ) -> Spec {
        Spec {
            kind,
            from_name: from.name.clone(),
            from_addr: from.email.to_string(),
            to_name: to.name.clone(),
            to_addr: to.email.to_string(),
            subject: subject.to_string(),
            text: text.to_string(),
            in_reply_to,
            attach_original,
            if_sensitive: None,
            about: None,
        }
    }

    pub fn sender(&self) -> Result<Mailbox, BuildError> {
        out::mailbox(self.from_name.as_deref(), &self.from_addr)
    }

    /// The message, with the original when it goes along.
    pub fn build(&self, message_id: &str, original: Option<Vec<u8>>) -> Result<Vec<u8>, BuildError> {
        let draft = Draft {
            kind: self.kind,
            from: self.sender()?,
            to: out::mailbox(self.to_name.as_deref(), &self.to_addr)?,
            subject: self.subject.clone(),
            text: self.text.clone(),
            in_reply_to: self.in_reply_to.clone(),
            original,
            about: self.about.clone(),
        };
        out::build(&draft, message_id)
    }
}
