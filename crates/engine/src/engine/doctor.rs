//! `postrum doctor`: what the server offers and what postrum will do
//! there, as checks with a level (fine, worth knowing, will not work) and
//! the facts behind them; words come from `present` in the user's
//! language. Reads only: nothing is created, written, deleted or sent.

use serde::Serialize;

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

/// One finding: a stable code (JSON, the words), its level and facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub code: &'static str,
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

fn check(code: &'static str, level: Level, facts: &[&str]) -> Check {
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
                checks.push(check("unreachable", Level::Fail, &[why]));
                None
            }
            None => match self.backend.report() {
                Ok(r) => r,
                Err(e) => {
                    checks.push(check("unreachable", Level::Fail, &[&e.to_string()]));
                    None
                }
            },
        };
        match &server {
            Some(r) => self.server_checks(r, &mut checks),
            None if offline.is_none() && checks.is_empty() => checks.push(check("local", Level::Ok, &[])),
            None => {}
        }
        self.smtp_checks(&mut checks);
        Diagnosis { mailbox, server, checks }
    }

    fn server_checks(&mut self, r: &ServerReport, checks: &mut Vec<Check>) {
        let count = r.messages.to_string();
        checks.push(check("login", Level::Ok, &[&r.mailbox, &count]));
        if let Some(root) = &r.shared_root {
            checks.push(check("shared", Level::Ok, &[root]));
        }
        checks.push(if r.keywords {
            check("status_keywords", Level::Ok, &[&r.journal])
        } else {
            check("status_journal", Level::Note, &[&r.journal])
        });
        checks.push(match (r.journal_exists, &r.shared_root) {
            (true, _) => check("journal", Level::Ok, &[&r.journal]),
            (false, None) => check("journal_created", Level::Note, &[&r.journal]),
            (false, Some(_)) => check("journal_missing", Level::Fail, &[&r.journal]),
        });
        let folders: Vec<&str> = [&r.trash, &r.sent].into_iter().flatten().map(String::as_str).collect();
        checks.push(if r.offers("X-GM-EXT-1") {
            match &r.trash {
                Some(trash) => check("delete_gmail", Level::Ok, &[trash, r.all.as_deref().unwrap_or("-")]),
                None => check("delete_gmail_no_trash", Level::Fail, &[]),
            }
        } else if r.offers("UIDPLUS") {
            check("delete", Level::Ok, &[])
        } else {
            check("delete_no_uidplus", Level::Note, &[])
        });
        if !r.offers("X-GM-EXT-1") {
            // the folders named, or what is missing said
            checks.push(match (&r.trash, &r.sent) {
                (Some(_), Some(_)) => check("purge", Level::Ok, &[&folders.join(", ")]),
                (None, None) => check("purge_none", Level::Note, &[]),
                (None, Some(sent)) => check("purge_no_trash", Level::Note, &[sent]),
                (Some(trash), None) => check("purge_no_sent", Level::Note, &[trash]),
            });
        }
        // the clock: the server's time of our own newest journal entry
        // against ours when we wrote it
        if let Ok(origin) = self.store.origin() {
            match r.stamps.iter().rev().find(|(_, _, o)| *o == origin) {
                Some((server, ours, _)) => {
                    let offset = server - ours;
                    let level = if offset.abs() > 120 { Level::Note } else { Level::Ok };
                    checks.push(check("clock", level, &[&offset.to_string()]));
                }
                None => checks.push(check("clock_unknown", Level::Note, &[])),
            }
        }
        let poll = self.settings.poll_seconds.to_string();
        checks.push(if r.offers("IDLE") {
            check("push", Level::Ok, &[])
        } else {
            check("poll", Level::Note, &[&poll])
        });
        checks.push(if r.offers("CONDSTORE") {
            check("changes", Level::Ok, &[])
        } else {
            check("changes_full", Level::Note, &[])
        });
        if self.sends() {
            checks.push(if r.offers("X-GM-EXT-1") {
                check("sent_server", Level::Ok, &[])
            } else if r.exchange {
                check("sent_server_exchange", Level::Ok, &[r.sent.as_deref().unwrap_or("Sent Items")])
            } else {
                match &r.sent {
                    Some(sent) => check("sent_copy", Level::Ok, &[sent]),
                    None => check("sent_none", Level::Note, &[]),
                }
            });
        }
    }

    fn smtp_checks(&mut self, checks: &mut Vec<Check>) {
        let Some(account) = self.settings.out.smtp.clone() else {
            checks.push(check("smtp_none", Level::Note, &[]));
            return;
        };
        let url = account.url.to_string();
        if self.settings.out.from.is_none() {
            checks.push(check("smtp_no_from", Level::Fail, &[]));
        }
        let result = match self.submitter() {
            Some(s) => s.check(),
            None => Err(crate::mail::smtp::SendError::Config("the SMTP client could not start".into())),
        };
        checks.push(match result {
            Ok(()) => check("smtp", Level::Ok, &[&url]),
            Err(e) => check("smtp_fails", Level::Fail, &[&url, &e.to_string()]),
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
                checks.push(check("signin_none", Level::Fail, &[&issuer]));
                return;
            }
        };
        let place =
            if saved.in_keyring { "keyring".to_string() } else { source.store.path().display().to_string() };
        let code = if saved.in_keyring { "signin_keyring" } else { "signin" };
        checks.push(check(code, Level::Ok, &[&issuer, &place]));
        if let Some(granted) = &saved.scope {
            let missing = source.provider.missing_scopes(granted, self.settings.out.smtp.is_some());
            checks.push(if missing.is_empty() {
                check("signin_scopes", Level::Ok, &[granted])
            } else {
                check("signin_scope_missing", Level::Fail, &[&missing.join(", ")])
            });
        }
        let mailbox_user = self.mailbox_user();
        if let Some(person) = &source.provider.login_hint {
            if !mailbox_user.is_empty() && !person.eq_ignore_ascii_case(&mailbox_user) {
                checks.push(check("signin_shared", Level::Note, &[person, &mailbox_user]));
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
