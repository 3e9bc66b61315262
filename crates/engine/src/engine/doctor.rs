//! `postrum doctor`: what the server offers and what postrum will do
//! there, as checks with a level (fine, worth knowing, will not work) and
//! the facts behind them; words come from `present` in the user's
//! language. Reads only: nothing is created, written, deleted or sent.

use serde::Serialize;

pub use super::doctor_findings::Finding;
use super::Engine;
use crate::mail::ServerReport;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ok,
    /// Works, differently: worth knowing.
    Note,
    /// Will not work.
    Fail,
}

/// One finding: what was found (a stable code in JSON and for the words),
/// its level and facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub code: Finding,
    pub level: Level,
    pub facts: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Diagnosis {
    pub mailbox: String,
    pub server: Option<ServerReport>,
    pub checks: Vec<Check>,
}

impl Diagnosis {
    pub fn fails(&self) -> bool {
        self.checks.iter().any(|c| c.level == Level::Fail)
    }
}

fn check(code: Finding, level: Level, facts: &[&str]) -> Check {
    Check { code, level, facts: facts.iter().map(|f| f.to_string()).collect() }
}

impl Engine {
    /// Looks at the server (unless `offline` says why it cannot be reached)
    /// and at the submission server, and says what postrum will do.
    pub fn doctor(&mut self, offline: Option<&str>) -> Diagnosis {
        let mailbox = self.describe();
        let mut checks = Vec::new();
        self.signin_checks(&mut checks);
        let server = match offline {
            Some(why) => {
                checks.push(check(Finding::Unreachable, Level::Fail, &[why]));
                None
            }
            None => match self.backend.on_server().map(|s| s.report()) {
                None => None,
                Some(Ok(r)) => Some(r),
                Some(Err(e)) => {
                    checks.push(check(Finding::Unreachable, Level::Fail, &[&e.detail()]));
                    None
                }
            },
        };
        match &server {
            Some(r) => self.server_checks(r, &mut checks),
            None if offline.is_none() && checks.is_empty() => {
                checks.push(check(Finding::Local, Level::Ok, &[]))
            }
            None => {}
        }
        self.smtp_checks(&mut checks);
        Diagnosis { mailbox, server, checks }
    }

    fn server_checks(&mut self, r: &ServerReport, checks: &mut Vec<Check>) {
        let count = r.messages.to_string();
        checks.push(check(Finding::Login, Level::Ok, &[&r.mailbox, &count]));
        if let Some(root) = &r.shared_root {
            checks.push(check(Finding::Shared, Level::Ok, &[root]));
        }
        checks.push(if r.keywords {
            check(Finding::StatusKeywords, Level::Ok, &[&r.journal])
        } else {
            check(Finding::StatusJournal, Level::Note, &[&r.journal])
        });
        checks.push(match (r.journal_exists, &r.shared_root) {
            (true, _) => check(Finding::Journal, Level::Ok, &[&r.journal]),
            (false, None) => check(Finding::JournalCreated, Level::Note, &[&r.journal]),
            (false, Some(_)) => check(Finding::JournalMissing, Level::Fail, &[&r.journal]),
        });
        let folders: Vec<&str> = [&r.trash, &r.sent].into_iter().flatten().map(String::as_str).collect();
        checks.push(if r.offers("X-GM-EXT-1") {
            match &r.trash {
                Some(trash) => {
                    check(Finding::DeleteGmail, Level::Ok, &[trash, r.all.as_deref().unwrap_or("-")])
                }
                None => check(Finding::DeleteGmailNoTrash, Level::Fail, &[]),
            }
        } else if r.offers("UIDPLUS") {
            check(Finding::Delete, Level::Ok, &[])
        } else {
            check(Finding::DeleteNoUidplus, Level::Note, &[])
        });
        if !r.offers("X-GM-EXT-1") {
            // the folders named, or what is missing said
            checks.push(match (&r.trash, &r.sent) {
                (Some(_), Some(_)) => check(Finding::Purge, Level::Ok, &[&folders.join(", ")]),
                (None, None) => check(Finding::PurgeNone, Level::Note, &[]),
                (None, Some(sent)) => check(Finding::PurgeNoTrash, Level::Note, &[sent]),
                (Some(trash), None) => check(Finding::PurgeNoSent, Level::Note, &[trash]),
            });
        }
        // the clock: the server's time of our own newest journal entry
        // against ours when we wrote it
        if let Ok(origin) = self.store.origin() {
            match r.stamps.iter().rev().find(|(_, _, o)| *o == origin) {
                Some((server, ours, _)) => {
                    let offset = server - ours;
                    let level = if offset.abs() > 120 { Level::Note } else { Level::Ok };
                    checks.push(check(Finding::Clock, level, &[&offset.to_string()]));
                }
                None => checks.push(check(Finding::ClockUnknown, Level::Note, &[])),
            }
        }
        let poll = self.settings.poll_seconds.to_string();
        checks.push(if r.offers("IDLE") {
            check(Finding::Push, Level::Ok, &[])
        } else {
            check(Finding::Poll, Level::Note, &[&poll])
        });
        checks.push(if r.offers("CONDSTORE") {
            check(Finding::Changes, Level::Ok, &[])
        } else {
            check(Finding::ChangesFull, Level::Note, &[])
        });
        if self.sends() {
            checks.push(if r.offers("X-GM-EXT-1") {
                check(Finding::SentServer, Level::Ok, &[])
            } else if r.exchange {
                check(Finding::SentServerExchange, Level::Ok, &[r.sent.as_deref().unwrap_or("Sent Items")])
            } else {
                match &r.sent {
                    Some(sent) => check(Finding::SentCopy, Level::Ok, &[sent]),
                    None => check(Finding::SentNone, Level::Note, &[]),
                }
            });
        }
    }

    fn smtp_checks(&mut self, checks: &mut Vec<Check>) {
        let Some(account) = self.settings.out.smtp.clone() else {
            checks.push(check(Finding::SmtpNone, Level::Note, &[]));
            return;
        };
        let url = account.url.to_string();
        if self.settings.out.from.is_none() {
            checks.push(check(Finding::SmtpNoFrom, Level::Fail, &[]));
        }
        let result = match self.submitter() {
            Some(s) => s.check(),
            None => Err(crate::mail::smtp::SendError::Config("the SMTP client could not start".into())),
        };
        checks.push(match result {
            Ok(()) => check(Finding::Smtp, Level::Ok, &[&url]),
            Err(e) => check(Finding::SmtpFails, Level::Fail, &[&url, &e.to_string()]),
        });
    }
}

impl Engine {
    /// The OAuth sign-in, when the account uses one: where it is kept,
    /// whether it grants what postrum needs, and whose mailbox is opened.
    fn signin_checks(&mut self, checks: &mut Vec<Check>) {
        let Some(crate::mail::imap::creds::Secret::SignedIn(sign_in)) = self.backend.secret() else { return };
        let source = &sign_in.0;
        let issuer = source.provider.issuer.clone();
        let saved = match source.saved() {
            Ok(Some(s)) if s.refresh_token.is_some() => s,
            _ => {
                checks.push(check(Finding::SigninNone, Level::Fail, &[&issuer]));
                return;
            }
        };
        let place =
            if saved.in_keyring { "keyring".to_string() } else { source.store.path().display().to_string() };
        let code = if saved.in_keyring { Finding::SigninKeyring } else { Finding::Signin };
        checks.push(check(code, Level::Ok, &[&issuer, &place]));
        if let Some(granted) = &saved.scope {
            let missing = source.provider.missing_scopes(granted, self.settings.out.smtp.is_some());
            checks.push(if missing.is_empty() {
                check(Finding::SigninScopes, Level::Ok, &[granted])
            } else {
                check(Finding::SigninScopeMissing, Level::Fail, &[&missing.join(", ")])
            });
        }
        let mailbox_user = self.mailbox_user();
        if let Some(person) = &source.provider.login_hint {
            if !mailbox_user.is_empty() && !person.eq_ignore_ascii_case(&mailbox_user) {
                checks.push(check(Finding::SigninShared, Level::Note, &[person, &mailbox_user]));
            }
        }
    }

    /// The IMAP user of the mailbox (the shared mailbox's address), as the
    /// login sends it (decoded from the URL: `anna%40norrvik.se` is
    /// `anna@norrvik.se`).
    fn mailbox_user(&self) -> String {
        let described = self.describe();
        let url = described.strip_prefix("IMAP ").unwrap_or(&described);
        crate::mail::imap::url::ImapUrl::parse(url).map(|u| u.user).unwrap_or_default()
    }
}
