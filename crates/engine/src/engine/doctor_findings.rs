//! What `postrum doctor` can find, one variant each: the engine says which
//! it found, `present` says it in the user's language (the words are in
//! `i18n::doctor`, by the code each variant has in JSON).

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Unreachable,
    Signin,
    SigninKeyring,
    Local,
    Login,
    Shared,
    StatusKeywords,
    StatusJournal,
    Journal,
    JournalCreated,
    JournalMissing,
    DeleteGmail,
    DeleteGmailNoTrash,
    Delete,
    DeleteNoUidplus,
    Purge,
    PurgeNone,
    PurgeNoTrash,
    PurgeNoSent,
    Clock,
    ClockUnknown,
    Push,
    Poll,
    Changes,
    ChangesFull,
    SentServer,
    SentServerExchange,
    SentCopy,
    SentNone,
    SmtpNone,
    SmtpNoFrom,
    Smtp,
    SmtpFails,
    SigninNone,
    SigninScopes,
    SigninScopeMissing,
    SigninShared,
}

impl Finding {
    pub const ALL: &[Finding] = &[
        Finding::Unreachable,
        Finding::Signin,
        Finding::SigninKeyring,
        Finding::Local,
        Finding::Login,
        Finding::Shared,
        Finding::StatusKeywords,
        Finding::StatusJournal,
        Finding::Journal,
        Finding::JournalCreated,
        Finding::JournalMissing,
        Finding::DeleteGmail,
        Finding::DeleteGmailNoTrash,
        Finding::Delete,
        Finding::DeleteNoUidplus,
        Finding::Purge,
        Finding::PurgeNone,
        Finding::PurgeNoTrash,
        Finding::PurgeNoSent,
        Finding::Clock,
        Finding::ClockUnknown,
        Finding::Push,
        Finding::Poll,
        Finding::Changes,
        Finding::ChangesFull,
        Finding::SentServer,
        Finding::SentServerExchange,
        Finding::SentCopy,
        Finding::SentNone,
        Finding::SmtpNone,
        Finding::SmtpNoFrom,
        Finding::Smtp,
        Finding::SmtpFails,
        Finding::SigninNone,
        Finding::SigninScopes,
        Finding::SigninScopeMissing,
        Finding::SigninShared,
    ];

    /// Its code in `doctor --json` and in the table of words.
    pub fn code(self) -> &'static str {
        match self {
            Finding::Unreachable => "unreachable",
            Finding::Signin => "signin",
            Finding::SigninKeyring => "signin_keyring",
            Finding::Local => "local",
            Finding::Login => "login",
            Finding::Shared => "shared",
            Finding::StatusKeywords => "status_keywords",
            Finding::StatusJournal => "status_journal",
            Finding::Journal => "journal",
            Finding::JournalCreated => "journal_created",
            Finding::JournalMissing => "journal_missing",
            Finding::DeleteGmail => "delete_gmail",
            Finding::DeleteGmailNoTrash => "delete_gmail_no_trash",
            Finding::Delete => "delete",
            Finding::DeleteNoUidplus => "delete_no_uidplus",
            Finding::Purge => "purge",
            Finding::PurgeNone => "purge_none",
            Finding::PurgeNoTrash => "purge_no_trash",
            Finding::PurgeNoSent => "purge_no_sent",
            Finding::Clock => "clock",
            Finding::ClockUnknown => "clock_unknown",
            Finding::Push => "push",
            Finding::Poll => "poll",
            Finding::Changes => "changes",
            Finding::ChangesFull => "changes_full",
            Finding::SentServer => "sent_server",
            Finding::SentServerExchange => "sent_server_exchange",
            Finding::SentCopy => "sent_copy",
            Finding::SentNone => "sent_none",
            Finding::SmtpNone => "smtp_none",
            Finding::SmtpNoFrom => "smtp_no_from",
            Finding::Smtp => "smtp",
            Finding::SmtpFails => "smtp_fails",
            Finding::SigninNone => "signin_none",
            Finding::SigninScopes => "signin_scopes",
            Finding::SigninScopeMissing => "signin_scope_missing",
            Finding::SigninShared => "signin_shared",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every finding has its words in both languages, and `serde` writes
    /// the code the words are looked up by.
    #[test]
    fn every_finding_has_words() {
        for f in Finding::ALL {
            for lang in [crate::i18n::Lang::Sv, crate::i18n::Lang::En] {
                assert!(!crate::i18n::doctor::words(f.code(), lang).is_empty(), "{f:?} {lang:?}");
            }
            assert_eq!(serde_json::to_value(f).unwrap(), f.code(), "{f:?}");
        }
    }
}
