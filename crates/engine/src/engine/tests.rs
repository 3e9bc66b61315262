//! Engine tests: the cache follows the Maildir (new, gone, corrupt and
//! unreadable files), and an action whose mailbox change fails stays
//! queued until a replay applies it. The failing backend is a fake; the
//! store and the Maildir are real files.

use std::cell::Cell;
use std::rc::Rc;

use super::*;
use crate::core::message::Problem;
use crate::core::records::Handlaggare;
use crate::mail::maildir::Maildir;
use crate::mail::Entry;

fn maildir(dir: &std::path::Path) -> std::path::PathBuf {
    let root = dir.join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    root
}

fn engine_on(backend: Box<dyn Backend>, dir: &std::path::Path) -> Engine {
    let mut store = Store::open(&dir.join("p.sqlite")).unwrap();
    store
        .set_handlaggare(&[Handlaggare {
            id: "eva".into(),
            name: "Eva".into(),
            email: String::new(),
            unit: String::new(),
        }])
        .unwrap();
    Engine::new(
        store,
        backend,
        Settings {
            actor: "anna".into(),
            pattern: Default::default(),
            calendar: Default::default(),
            inspect: Default::default(),
            retention_days: 90,
            poll_seconds: 30,
            out: Default::default(),
            reasons: Vec::new(),
            views: Vec::new(),
        },
    )
}

#[test]
fn refresh_follows_the_maildir_and_marks_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = maildir(dir.path());
    std::fs::write(root.join("new/1.a.h"), "From: a@b.se\nSubject: Hej\nMessage-ID: <a@b>\n\nx").unwrap();
    std::fs::write(root.join("new/2.b.h"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(root.join("new/3.c.h"), "").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("missing"), root.join("new/4.d.h")).unwrap();
    let mut e = engine_on(Box::new(Maildir::open(&root).unwrap()), dir.path());
    e.refresh().unwrap();
    let items = e.items(clock::today()).unwrap();
    let by_key = |k: &str| items.iter().find(|i| i.msg.key == k).unwrap().msg.clone();
    assert_eq!(by_key("1.a.h").summary.subject, "Hej");
    assert_eq!(by_key("2.b.h").summary.problem, Some(Problem::Corrupt));
    assert_eq!(by_key("2.b.h").size, 6);
    assert_eq!(by_key("3.c.h").summary.problem, Some(Problem::Corrupt));
    #[cfg(unix)]
    assert!(matches!(by_key("4.d.h").summary.problem, Some(Problem::Unreadable(_))));

    // a file removed behind postrum's back leaves the list; one added joins it
    std::fs::remove_file(root.join("new/3.c.h")).unwrap();
    std::fs::write(root.join("new/5.e.h"), "Subject: Ny\n\ny").unwrap();
    e.refresh().unwrap();
    let keys: Vec<_> = e.items(clock::today()).unwrap().into_iter().map(|i| i.msg.key).collect();
    assert!(!keys.contains(&"3.c.h".to_string()) && keys.contains(&"5.e.h".to_string()));
    // the bad rows can still be opened without a panic
    let id = by_key("2.b.h").id;
    assert_eq!(e.view(&id).unwrap().summary.problem, Some(Problem::Corrupt));
}

/// A backend whose deletions fail while `down` is set.
struct Flaky {
    inner: Maildir,
    down: Rc<Cell<bool>>,
}

impl Backend for Flaky {
    fn describe(&self) -> String {
        "flaky".into()
    }
    fn entries(&mut self) -> Result<Vec<Entry>, MailError> {
        self.inner.entries()
    }
    fn read(&mut self, key: &str, limit: Option<usize>) -> Result<Vec<u8>, MailError> {
        self.inner.read(key, limit)
    }
    fn delete(&mut self, key: &str) -> Result<Applied, MailError> {
        if self.down.get() {
            return Err(MailError::NotFound("server down".into()));
        }
        self.inner.delete(key)
    }
}

#[test]
fn a_failed_mailbox_change_stays_queued_until_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let root = maildir(dir.path());
    std::fs::write(root.join("new/1.a.h"), "From: a@b.se\nSubject: Hej\nMessage-ID: <a@b>\n\nx").unwrap();
    let down = Rc::new(Cell::new(true));
    let backend = Flaky { inner: Maildir::open(&root).unwrap(), down: down.clone() };
    let mut e = engine_on(Box::new(backend), dir.path());
    e.refresh().unwrap();
    let id = e.items(clock::today()).unwrap()[0].msg.id.clone();

    let (_, outcome) = e.perform(&id, Action::Delete { force_reason: Some("test".into()) }).unwrap();
    assert!(matches!(outcome, Outcome::Waiting { .. }));
    assert_eq!(e.waiting(), 1);
    assert!(root.join("new/1.a.h").exists());
    assert!(e.store.message(&id).unwrap().unwrap().pending_delete);
    // a second delete of the same message is refused while one is queued
    assert!(e.perform(&id, Action::Delete { force_reason: Some("again".into()) }).is_err());

    assert_eq!(e.replay_pending().unwrap(), Replay { applied: 0, waiting: 1 });
    down.set(false);
    assert_eq!(e.replay_pending().unwrap(), Replay { applied: 1, waiting: 0 });
    assert!(!root.join("new/1.a.h").exists());
    assert_eq!(e.waiting(), 0);
    // replaying again is harmless
    assert_eq!(e.replay_pending().unwrap(), Replay::default());
}

#[test]
fn refusals_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = maildir(dir.path());
    std::fs::write(root.join("new/1.a.h"), "Subject: Hej\nMessage-ID: <a@b>\n\nx").unwrap();
    let mut e = engine_on(Box::new(Maildir::open(&root).unwrap()), dir.path());
    e.refresh().unwrap();
    let id = e.items(clock::today()).unwrap()[0].msg.id.clone();
    assert!(e.resolve("").is_err());
    assert!(e.perform(&id, Action::Assign { who: "nisse".into() }).is_err());
    assert!(e.perform(&id, Action::Register { diarienummer: "x".into() }).is_err());
    assert!(e.perform(&id, Action::Delete { force_reason: None }).is_err());
    assert!(e.store.log(10).unwrap().is_empty());
    assert!(root.join("new/1.a.h").exists());
    assert_eq!(e.resolve(&id[..4]).unwrap(), id);
}

/// A Maildir whose first-sync listing breaks off after its first batch
/// while `cut` is set, as a connection lost mid-FETCH would.
struct CutShort {
    inner: Maildir,
    cut: Rc<Cell<bool>>,
}

impl Backend for CutShort {
    fn describe(&self) -> String {
        self.inner.describe()
    }
    fn entries(&mut self) -> Result<Vec<Entry>, MailError> {
        self.inner.entries()
    }
    fn read(&mut self, key: &str, limit: Option<usize>) -> Result<Vec<u8>, MailError> {
        self.inner.read(key, limit)
    }
    fn delete(&mut self, key: &str) -> Result<Applied, MailError> {
        self.inner.delete(key)
    }
    fn list_with_heads(
        &mut self,
        each: &mut dyn FnMut(usize, Vec<crate::mail::Headed>) -> bool,
    ) -> Result<Option<String>, MailError> {
        if !self.cut.get() {
            return self.inner.list_with_heads(each);
        }
        let mut first = true;
        self.inner.list_with_heads(&mut |total, batch| std::mem::take(&mut first) && each(total, batch))?;
        Err(MailError::Offline("connection lost".into()))
    }
}

#[test]
fn a_first_sync_cut_short_keeps_what_arrived_and_the_next_fetches_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = maildir(dir.path());
    let n = crate::mail::BATCH + 500;
    for i in 0..n {
        let raw = format!("From: a{i}@b.se\nSubject: Nr {i}\nMessage-ID: <m{i}@b>\n\nx");
        std::fs::write(root.join(format!("new/{i}.a.h")), raw).unwrap();
    }
    let cut = Rc::new(Cell::new(true));
    let inner = Maildir::open(&root).unwrap();
    let mut e = engine_on(Box::new(CutShort { inner, cut: cut.clone() }), dir.path());
    let mut seen = Vec::new();
    let err = e.refresh_with(&mut |done, total| seen.push((done, total))).unwrap_err();
    assert!(matches!(err, OpError::Mail(MailError::Offline(_))), "{err}");
    assert_eq!(seen, vec![(0, n), (crate::mail::BATCH, n)]);
    let kept = e.store.present_messages().unwrap();
    assert_eq!(kept.len(), crate::mail::BATCH);
    cut.set(false);
    e.refresh().unwrap();
    let all = e.store.present_messages().unwrap();
    assert_eq!(all.len(), n);
    for m in &kept {
        assert!(all.iter().any(|a| a.id == m.id && a.key == m.key), "{} kept its id", m.key);
    }
    let ids: std::collections::HashSet<&str> = all.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), n);
}

/// A Maildir that lists like IMAP (header fields only) and whose messages
/// cannot be read while `down` is set.
struct HeadersOnly {
    inner: Maildir,
    down: Rc<Cell<bool>>,
}

impl Backend for HeadersOnly {
    fn describe(&self) -> String {
        self.inner.describe()
    }
    fn entries(&mut self) -> Result<Vec<Entry>, MailError> {
        self.inner.entries()
    }
    fn lists_headers_only(&self) -> bool {
        true
    }
    fn read(&mut self, key: &str, limit: Option<usize>) -> Result<Vec<u8>, MailError> {
        if self.down.get() {
            return Err(MailError::Offline("down".into()));
        }
        self.inner.read(key, limit)
    }
    fn delete(&mut self, key: &str) -> Result<Applied, MailError> {
        self.inner.delete(key)
    }
}

#[test]
fn an_unreadable_text_leaves_the_lists_findings_to_decide_a_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let root = maildir(dir.path());
    let raw = "From: a@b.se\nSubject: pnr 811218-9876\nMessage-ID: <p@b>\n\nHej";
    std::fs::write(root.join("new/1.a.h"), raw).unwrap();
    let down = Rc::new(Cell::new(false));
    let backend = HeadersOnly { inner: Maildir::open(&root).unwrap(), down: down.clone() };
    let mut e = engine_on(Box::new(backend), dir.path());
    e.refresh().unwrap();
    let id = e.items(clock::today()).unwrap()[0].msg.id.clone();
    e.perform(&id, Action::NoRegistration { reason: "fel adress".into() }).unwrap();
    down.set(true);
    let refused = e.perform(&id, Action::Delete { force_reason: None }).unwrap_err();
    assert!(
        matches!(
            refused,
            OpError::Rule(RuleError::DeleteRefused(triage::DeleteBlock::SensitiveNotRegistered))
        ),
        "{refused}"
    );
    assert!(root.join("new/1.a.h").exists());
}

/// An engine on a Maildir in a directory that lives as long as the process
/// (for tests of pure engine logic that needs its settings).
pub(super) fn memory_engine() -> Engine {
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    let root = maildir(dir.path());
    engine_on(Box::new(Maildir::open(&root).unwrap()), dir.path())
}

/// A stored message with nothing set, for tests.
pub(super) fn stored(id: &str) -> crate::store::StoredMessage {
    crate::store::StoredMessage::blank(id)
}
