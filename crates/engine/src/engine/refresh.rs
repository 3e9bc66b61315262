//! Keeping the message cache in step with the mailbox: a first sync
//! streams every message's headers into the cache batch by batch as they
//! arrive; later refreshes read only what is new, mark what went away, and
//! follow the replied flag. Reading and inspecting headers is pure and is
//! split over the cores.

use std::collections::HashSet;

use super::{Engine, OpError};
use crate::core::inspect::InspectConfig;
use crate::core::{clock, deadline, message};
use crate::mail::{Entry, Headed, Listing, MailError, BATCH};
use crate::store::NewMessage;

/// The first offline error among read headers.
fn offline_in(batch: &[Headed]) -> Option<MailError> {
    batch.iter().find_map(|(_, head)| match head {
        Err(MailError::Offline(why)) => Some(MailError::Offline(why.clone())),
        _ => None,
    })
}

/// Reads and inspects the headers of new messages (on two threads), in
/// arrival order.
fn summarize_all(batch: &[Headed], inspect: &InspectConfig, now: i64) -> Vec<NewMessage> {
    let read = |part: &[Headed]| -> Vec<NewMessage> {
        part.iter()
            .map(|(e, head)| {
                let summary = match head {
                    Ok(raw) => message::summarize(raw, inspect),
                    Err(err) => message::Summary::unreadable(&err.to_string()),
                };
                let received = deadline::arrival(e.modified, summary.date, now);
                NewMessage { key: e.key.clone(), summary, received, size: e.size, answered: e.answered }
            })
            .collect()
    };
    let (first, second) = batch.split_at(batch.len().div_ceil(2));
    let (mut a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| read(second));
        (read(first), other.join().unwrap_or_else(|_| read(second)))
    });
    a.extend(b);
    a.sort_by(|x, y| (x.received, &x.key).cmp(&(y.received, &y.key)));
    a
}

/// What a refresh changed in the cache, so a screen knows whether (and
/// what) to redraw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Messages new in the cache (or back under a new key).
    pub new: usize,
    /// Messages gone from the mailbox.
    pub gone: usize,
    /// Messages whose replied flag changed.
    pub answered: usize,
    /// Colleagues' coverage records taken in (roster, absences, handover).
    pub records: usize,
    /// Messages inspected again under newer rules.
    pub reinspected: usize,
    /// The messages whose state colleagues changed (from the journal),
    /// each once.
    pub touched: Vec<String>,
}

impl Changes {
    pub fn any(&self) -> bool {
        *self != Changes::default()
    }

    /// Only some messages' state changed: their rows can be redrawn alone
    /// (nothing new, nothing gone, nothing re-inspected or replied).
    pub fn rows_only(&self) -> bool {
        self.new == 0 && self.gone == 0 && self.answered == 0 && self.reinspected == 0
    }
}

impl Engine {
    /// Brings the cache in step with the mailbox: new messages are read
    /// (headers only) and cached, vanished ones marked gone, colleagues'
    /// journal entries recorded. Says what changed.
    pub fn refresh(&mut self) -> Result<Changes, OpError> {
        self.refresh_with(&mut |_, _| {})
    }

    /// `refresh`, reporting (done, total) new messages as they are read.
    pub fn refresh_with(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<Changes, OpError> {
        if self.store.is_empty()? {
            return self.first_sync(progress);
        }
        let since = self.store.sync_token()?;
        let (listing, token) = self.backend.list(since.as_deref())?;
        let (entries, remaining): (Vec<Entry>, Option<HashSet<String>>) = match listing {
            Listing::Unchanged => {
                self.flush_records();
                let (touched, records) = self.pull_journal()?;
                let reinspected = self.reinspect()?;
                return Ok(Changes { touched, records, reinspected, ..Changes::default() });
            }
            Listing::Full(entries) => {
                let all = entries.iter().map(|e| e.key.clone()).collect();
                (entries, Some(all))
            }
            Listing::Delta { changed, remaining } => (changed, remaining.map(|r| r.into_iter().collect())),
            Listing::Flags { answered, marks } => return self.follow_flags(answered, marks, token, progress),
        };
        let known = self.store.known_keys()?;
        let mut back = Vec::new();
        let mut answered = Vec::new();
        let mut fresh: Vec<Entry> = Vec::new();
        let marks: Vec<(String, u8)> =
            entries.iter().filter(|e| e.marks != 0).map(|e| (e.key.clone(), e.marks)).collect();
        for e in entries {
            match known.get(&e.key) {
                None => fresh.push(e),
                Some((present, was_answered)) => {
                    if *was_answered != e.answered {
                        answered.push((e.key.clone(), e.answered));
                    }
                    if !present {
                        back.push(e.key);
                    }
                }
            }
        }
        // new messages: what the list needs, fetched in bulk
        let now = clock::now();
        let total = fresh.len();
        if total > 0 {
            progress(0, total);
        }
        let mut new = Vec::new();
        for chunk in fresh.chunks(BATCH) {
            let batch = self.backend.headed(chunk);
            if let Some(offline) = offline_in(&batch) {
                return Err(offline.into());
            }
            new.extend(summarize_all(&batch, &self.settings.inspect, now));
            progress(new.len(), total);
        }
        let gone: Vec<String> = match &remaining {
            Some(still) => known
                .iter()
                .filter(|(k, (present, _))| *present && !still.contains(k.as_str()))
                .map(|(k, _)| k.clone())
                .collect(),
            None => Vec::new(),
        };
        new.sort_by(|x, y| (x.received, &x.key).cmp(&(y.received, &y.key)));
        // gone first: a message back under a new key (a new UIDVALIDITY)
        // then finds its old row and keeps its id and state
        if !gone.is_empty() {
            self.store.set_present(&gone, false)?;
        }
        if !new.is_empty() {
            self.store.insert_messages(&new)?;
        }
        if !back.is_empty() {
            self.store.set_present(&back, true)?;
        }
        if !answered.is_empty() {
            self.store.set_answered(&answered)?;
        }
        self.store.take_marks(&marks)?;
        let changes = Changes {
            new: new.len() + back.len(),
            gone: gone.len(),
            answered: answered.len(),
            ..Changes::default()
        };
        self.settle(token.as_deref(), changes)
    }

    /// After the messages: the token for next time, colleagues' journal
    /// entries, and inspections under newer rules.
    fn settle(&mut self, token: Option<&str>, mut changes: Changes) -> Result<Changes, OpError> {
        self.store.set_sync_token(token)?;
        self.flush_records();
        (changes.touched, changes.records) = self.pull_journal()?;
        changes.reinspected = self.reinspect()?;
        Ok(changes)
    }

    /// The same messages as last time: only the replied flag may have
    /// changed. Should the cache not know one of them after all, the token
    /// is dropped and the mailbox listed in full.
    fn follow_flags(
        &mut self,
        answered: Vec<String>,
        marks: Vec<(String, u8)>,
        token: Option<String>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Changes, OpError> {
        // only the answered ones are compared (a few of a big mailbox), not
        // every message: the same messages as at the token are there
        let before = self.store.answered_keys()?;
        let now: HashSet<String> = answered.into_iter().collect();
        let newly: Vec<String> = now.difference(&before).cloned().collect();
        let marked: Vec<String> = marks.iter().map(|(k, _)| k.clone()).collect();
        if !self.store.all_present(&newly)? || !self.store.all_present(&marked)? {
            // a key the cache does not know: the mailbox was not what the token said
            self.store.set_sync_token(None)?;
            return self.refresh_with(progress);
        }
        self.store.take_marks(&marks)?;
        let changed: Vec<(String, bool)> = newly
            .into_iter()
            .map(|k| (k, true))
            .chain(before.difference(&now).map(|k| (k.clone(), false)))
            .collect();
        if !changed.is_empty() {
            self.store.set_answered(&changed)?;
        }
        self.settle(token.as_deref(), Changes { answered: changed.len(), ..Changes::default() })
    }

    /// The first sync into an empty cache: every message with its headers
    /// in one pass, each batch read, inspected and cached while the next
    /// arrives. What arrived before a failure is kept; the next refresh
    /// then fetches only the rest.
    fn first_sync(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<Changes, OpError> {
        let Engine { store, backend, settings, .. } = self;
        let now = clock::now();
        // the write lock is taken when the first batch has arrived, not
        // while the server is still being asked: other postrum processes
        // on this data directory wait only for the writing
        let mut bulk: Option<crate::store::Bulk> = None;
        let mut unbegun = Some(store);
        let mut done = 0;
        let mut failure: Option<OpError> = None;
        let mut marks: Vec<(String, u8)> = Vec::new();
        let token = backend.list_with_heads(&mut |total, batch| {
            marks.extend(batch.iter().filter(|(e, _)| e.marks != 0).map(|(e, _)| (e.key.clone(), e.marks)));
            if done == 0 && total > 0 {
                progress(0, total);
            }
            if let Some(offline) = offline_in(&batch) {
                failure = Some(offline.into());
                return false;
            }
            let new = summarize_all(&batch, &settings.inspect, now);
            if let Some(store) = unbegun.take() {
                match store.bulk() {
                    Ok(b) => bulk = Some(b),
                    Err(e) => {
                        failure = Some(e.into());
                        return false;
                    }
                }
            }
            if let Err(e) = bulk.as_mut().expect("just begun").insert(&new) {
                failure = Some(e.into());
                return false;
            }
            done += new.len();
            progress(done, total);
            true
        });
        let committed = bulk.take().map_or(Ok(()), |b| b.commit());
        drop((bulk, unbegun));
        committed?;
        if let Some(e) = failure {
            return Err(e);
        }
        self.store.take_marks(&marks)?;
        self.settle(token?.as_deref(), Changes { new: done, ..Changes::default() })
    }

    /// Inspects again the messages cached under older inspection rules;
    /// returns how many.
    fn reinspect(&mut self) -> Result<usize, OpError> {
        if self.store.all_inspected()? {
            return Ok(0);
        }
        let keys = self.store.uninspected()?;
        let mut all = true;
        let mut done = 0;
        for chunk in keys.chunks(BATCH) {
            for (key, raw) in self.backend.heads(chunk) {
                match raw {
                    Ok(raw) => {
                        let summary = message::summarize(&raw, &self.settings.inspect);
                        self.store.set_inspection(&key, &summary)?;
                        done += 1;
                    }
                    Err(_) => all = false,
                }
            }
        }
        self.store.set_all_inspected(all)?;
        Ok(done)
    }
}
