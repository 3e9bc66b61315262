//! What the diary needs: the original exported byte for byte as .eml with
//! a small JSON beside it, the day's postlista of registered messages
//! (the sender masked when the message is sensitive), and what was sent
//! about a message.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::json;

use super::{Engine, OpError};
use crate::core::clock;
use crate::core::inspect::WarningKind;
use crate::store::{Outgoing, StoreError};

/// One row of the postlista.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostlistaRow {
    pub id: String,
    pub received: i64,
    pub diarienummer: String,
    /// Masked when the message holds sensitive data.
    pub sender: Option<String>,
    pub subject: String,
    pub handlaggare: Option<String>,
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OpError> {
    let io = |e: std::io::Error| OpError::Store(StoreError::Io { path: path.to_path_buf(), source: e });
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

impl Engine {
    /// Writes the original as `DIR/<name>.eml`, unchanged, and what a diary
    /// needs as `DIR/<name>.json`; returns both paths.
    pub fn export(&mut self, id: &str, dir: &Path) -> Result<(PathBuf, PathBuf), OpError> {
        let msg = self.store.message(id)?.ok_or_else(|| OpError::NoSuchMessage(id.to_string()))?;
        let raw = self.backend.read(&msg.key, None)?;
        std::fs::create_dir_all(dir)
            .map_err(|e| OpError::Store(StoreError::Io { path: dir.to_path_buf(), source: e }))?;
        let name = match &msg.triage.diarienummer {
            Some(d) => format!(
                "{}-{id}",
                d.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>()
            ),
            None => format!("postrum-{id}"),
        };
        let eml = dir.join(format!("{name}.eml"));
        let meta = dir.join(format!("{name}.json"));
        write_atomically(&eml, &raw)?;
        let directory = self.store.handlaggare()?;
        let h = msg.triage.assignee.as_ref().and_then(|a| directory.iter().find(|h| &h.id == a));
        let doc = json!({
            "id": msg.id,
            "file": eml.file_name().map(|f| f.to_string_lossy().into_owned()),
            "size": raw.len(),
            "received": clock::rfc3339(msg.received),
            "date_header": msg.summary.date.map(clock::rfc3339),
            "message_id": msg.summary.message_id,
            "from_name": msg.summary.from_name,
            "from_address": msg.summary.from_addr,
            "subject": msg.summary.subject,
            "diarienummer": msg.triage.diarienummer,
            "no_registration": msg.triage.no_registration,
            "handlaggare": h.map(|h| json!({"id": h.id, "name": h.name, "unit": h.unit})),
            "sensitive": msg.summary.warnings.contains(&WarningKind::Personnummer),
            "threat": msg.triage.threat_at.is_some(),
            "exported_at": clock::rfc3339(clock::now()),
            "exported_by": self.settings.actor,
        });
        let text = serde_json::to_vec_pretty(&doc).unwrap_or_default();
        write_atomically(&meta, &text)?;
        // logged like any action (colleagues see it; a threat may then go):
        // the files are written whatever the log says
        if !self.store.is_read_only() {
            let _ = self.perform(id, crate::core::triage::Action::Exported);
        }
        Ok((eml, meta))
    }

    /// The messages registered on `date` (by when the registration was
    /// logged), oldest first.
    pub fn postlista(&self, date: Date) -> Result<Vec<PostlistaRow>, OpError> {
        let start = date.to_zoned(clock::zone()).map(|z| z.timestamp().as_second()).unwrap_or(0);
        let end = date
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned(clock::zone()).ok())
            .map_or(i64::MAX, |z| z.timestamp().as_second());
        let directory = self.store.handlaggare()?;
        let mut out = Vec::new();
        for id in self.store.registered_between(start, end)? {
            let Some(m) = self.store.message(&id)? else { continue };
            let Some(dnr) = m.triage.diarienummer.clone() else { continue };
            let sensitive =
                m.summary.warnings.contains(&WarningKind::Personnummer) || m.triage.threat_at.is_some();
            let subject = crate::core::inspect::personnummer::mask(&m.summary.subject);
            out.push(PostlistaRow {
                id: m.id.clone(),
                received: m.received,
                diarienummer: dnr,
                sender: (!sensitive).then(|| m.summary.from_display()),
                subject,
                handlaggare: m
                    .triage
                    .assignee
                    .as_ref()
                    .map(|a| directory.iter().find(|h| &h.id == a).map_or(a.clone(), |h| h.name.clone())),
            });
        }
        Ok(out)
    }

    /// What postrum sent (or will send) about a message, oldest first.
    pub fn outgoing_for(&self, id: &str) -> Result<Vec<Outgoing>, OpError> {
        Ok(self.store.outgoing_for(id)?)
    }

    /// The newest outgoing mail, newest first.
    pub fn outgoing_all(&self, limit: usize) -> Result<Vec<Outgoing>, OpError> {
        Ok(self.store.outgoing_all(limit)?)
    }
}
