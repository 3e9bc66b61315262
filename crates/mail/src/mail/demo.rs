//! The bundled demo mailbox: the messages shipped in `demo/` (what a
//! Swedish municipality's function mailbox receives on an ordinary week),
//! materialised into a Maildir in the demo's own data directory with dates
//! shifted relative to today, plus a demo handläggare directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::ToSpan;

use crate::core::calendar::Calendar;
use crate::core::clock;
use crate::core::records::Handlaggare;

/// The shipped messages: file name and raw bytes. A `{{N HH:MM}}` in a
/// header means "N working days before today at HH:MM, local time".
pub const MESSAGES: &[(&str, &[u8])] = &[
    ("01-bygglov-attefall.eml", include_bytes!("../../../../demo/01-bygglov-attefall.eml")),
    ("02-forskoleplats.eml", include_bytes!("../../../../demo/02-forskoleplats.eml")),
    ("03-faktura.eml", include_bytes!("../../../../demo/03-faktura.eml")),
    ("04-snorojning.eml", include_bytes!("../../../../demo/04-snorojning.eml")),
    ("05-personnummer.eml", include_bytes!("../../../../demo/05-personnummer.eml")),
    ("06-autosvar.eml", include_bytes!("../../../../demo/06-autosvar.eml")),
    ("07-nyhetsbrev.eml", include_bytes!("../../../../demo/07-nyhetsbrev.eml")),
    ("08-phishing.eml", include_bytes!("../../../../demo/08-phishing.eml")),
    ("09-english.eml", include_bytes!("../../../../demo/09-english.eml")),
    ("10-detaljplan-bilagor.eml", include_bytes!("../../../../demo/10-detaljplan-bilagor.eml")),
    ("11-html-inbjudan.eml", include_bytes!("../../../../demo/11-html-inbjudan.eml")),
    ("12-skolskjuts.eml", include_bytes!("../../../../demo/12-skolskjuts.eml")),
    ("13-gatubelysning.eml", include_bytes!("../../../../demo/13-gatubelysning.eml")),
    ("14-foreningsbidrag.eml", include_bytes!("../../../../demo/14-foreningsbidrag.eml")),
    ("15-allman-handling.eml", include_bytes!("../../../../demo/15-allman-handling.eml")),
    ("16-parkeringstillstand.eml", include_bytes!("../../../../demo/16-parkeringstillstand.eml")),
    ("17-sophamtning.eml", include_bytes!("../../../../demo/17-sophamtning.eml")),
    ("18-bygglov-komplettering.eml", include_bytes!("../../../../demo/18-bygglov-komplettering.eml")),
    ("19-overklagande.eml", include_bytes!("../../../../demo/19-overklagande.eml")),
    ("20-medborgarforslag.eml", include_bytes!("../../../../demo/20-medborgarforslag.eml")),
    ("21-felskickat.eml", include_bytes!("../../../../demo/21-felskickat.eml")),
    ("22-jobbansokan.eml", include_bytes!("../../../../demo/22-jobbansokan.eml")),
    ("23-reklam.eml", include_bytes!("../../../../demo/23-reklam.eml")),
    ("24-arg-medborgare.eml", include_bytes!("../../../../demo/24-arg-medborgare.eml")),
    ("25-vattenlacka.eml", include_bytes!("../../../../demo/25-vattenlacka.eml")),
    ("26-hemtjanst.eml", include_bytes!("../../../../demo/26-hemtjanst.eml")),
    ("27-gatubelysning-dubblett.eml", include_bytes!("../../../../demo/27-gatubelysning-dubblett.eml")),
    ("28-samrad.eml", include_bytes!("../../../../demo/28-samrad.eml")),
    ("29-leveransfel.eml", include_bytes!("../../../../demo/29-leveransfel.eml")),
    ("30-kallelse.eml", include_bytes!("../../../../demo/30-kallelse.eml")),
    ("31-oppettider.eml", include_bytes!("../../../../demo/31-oppettider.eml")),
    ("32-trasig.eml", include_bytes!("../../../../demo/32-trasig.eml")),
    ("33-escape-injektion.eml", include_bytes!("../../../../demo/33-escape-injektion.eml")),
    ("34-serveringstillstand.eml", include_bytes!("../../../../demo/34-serveringstillstand.eml")),
    ("35-paminnelse.eml", include_bytes!("../../../../demo/35-paminnelse.eml")),
    ("36-vd-bedrageri.eml", include_bytes!("../../../../demo/36-vd-bedrageri.eml")),
    ("37-makro-bilaga.eml", include_bytes!("../../../../demo/37-makro-bilaga.eml")),
];

/// The demo's handläggare directory.
pub fn handlaggare() -> Vec<Handlaggare> {
    let h = |id: &str, name: &str, unit: &str| Handlaggare {
        id: id.into(),
        name: name.into(),
        email: format!("{id}@norrvik.se"),
        unit: unit.into(),
    };
    vec![
        h("eva", "Eva Lind", "Bygglov"),
        h("omar", "Omar Haddad", "Socialtjänst"),
        h("karin", "Karin Sjöström", "Gata och park"),
        h("johan", "Johan Berg", "Barn och utbildning"),
        h("lisa", "Lisa Holm", "Ekonomi"),
        h("ahmed", "Ahmed Yusuf", "Kommunledning"),
        h("sofia", "Sofia Nyberg", "Miljö och hälsa"),
        h("per", "Per Åström", "Vatten och avlopp"),
    ]
}

/// The demo municipality's inspection settings.
pub fn inspect_config() -> crate::core::inspect::InspectConfig {
    crate::core::inspect::InspectConfig {
        trusted_authserv_ids: vec!["mx.norrvik.se".into()],
        own_domains: vec!["norrvik.se".into()],
        organisation_names: vec!["Norrviks kommun".into()],
        it_security_contact: Some("IT-säkerhet, Norrviks kommun: 0560-123 45, itsakerhet@norrvik.se".into()),
        colleague_names: Vec::new(),
    }
}

fn sub_working_days(cal: &Calendar, date: Date, n: u32) -> Date {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        d = d.saturating_sub(1.day());
        if cal.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Finds `{{N HH:MM}}` and returns (start, end, N, minutes past midnight).
fn placeholder(raw: &[u8]) -> Option<(usize, usize, u32, i64)> {
    let start = raw.windows(2).position(|w| w == b"{{")?;
    let len = raw[start..].windows(2).position(|w| w == b"}}")?;
    let inner = std::str::from_utf8(&raw[start + 2..start + len]).ok()?;
    let (days, time) = inner.trim().split_once(' ')?;
    let (h, m) = time.split_once(':')?;
    let minutes = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?;
    Some((start, start + len + 2, days.parse().ok()?, minutes))
}

/// The message with its date filled in, and that date as Unix seconds.
pub fn instantiate(cal: &Calendar, raw: &[u8], today: Date, now: i64, index: usize) -> (Vec<u8>, i64, bool) {
    let Some((start, end, days, minutes)) = placeholder(raw) else {
        return (raw.to_vec(), now - 3600 * (index as i64 + 1), true);
    };
    let day = sub_working_days(cal, today, days);
    let midnight = day.to_zoned(clock::zone()).map(|z| z.timestamp().as_second()).unwrap_or(now);
    let mut ts = midnight + minutes * 60;
    if ts > now {
        ts = now - 60 * (index as i64 + 1);
    }
    let date = jiff::Timestamp::from_second(ts)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(clock::zone())
        .strftime("%a, %d %b %Y %H:%M:%S %z")
        .to_string();
    let mut out = raw[..start].to_vec();
    out.extend_from_slice(date.as_bytes());
    out.extend_from_slice(&raw[end..]);
    (out, ts, days >= 2)
}

/// Writes the demo Maildir under `dir` unless it exists; returns its path.
pub fn materialize(dir: &Path, today: Date, now: i64) -> std::io::Result<PathBuf> {
    let root = dir.join("Maildir");
    if root.join("cur").is_dir() {
        return Ok(root);
    }
    let staging = dir.join("Maildir.tmp");
    let _ = std::fs::remove_dir_all(&staging);
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(staging.join(sub))?;
    }
    let cal = Calendar::default();
    for (i, (name, raw)) in MESSAGES.iter().enumerate() {
        let (bytes, ts, seen) = instantiate(&cal, raw, today, now, i);
        let stem = name.trim_end_matches(".eml");
        let file = if seen {
            staging.join("cur").join(format!("{ts}.{stem}.norrvik:2,S"))
        } else {
            staging.join("new").join(format!("{ts}.{stem}.norrvik"))
        };
        let mut f = std::fs::File::create(&file)?;
        f.write_all(&bytes)?;
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(ts.max(0) as u64);
        f.set_modified(when)?;
    }
    std::fs::rename(&staging, &root)?;
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn materializes_all_messages_with_shifted_dates() {
        let dir = tempfile::tempdir().unwrap();
        let today: Date = "2026-11-27".parse().unwrap();
        let now = 1_795_767_600; // 2026-11-27 09:20 Stockholm
        let root = materialize(dir.path(), today, now).unwrap();
        let count =
            ["cur", "new"].iter().map(|s| std::fs::read_dir(root.join(s)).unwrap().count()).sum::<usize>();
        assert_eq!(count, MESSAGES.len());
        assert!((30..=50).contains(&MESSAGES.len()));
        // idempotent: a second call keeps what is there
        std::fs::remove_file(std::fs::read_dir(root.join("cur")).unwrap().next().unwrap().unwrap().path())
            .unwrap();
        materialize(dir.path(), today, now).unwrap();
        let after =
            ["cur", "new"].iter().map(|s| std::fs::read_dir(root.join(s)).unwrap().count()).sum::<usize>();
        assert_eq!(after, MESSAGES.len() - 1);
    }

    #[test]
    fn placeholder_becomes_a_date_n_working_days_back() {
        let today: Date = "2026-11-30".parse().unwrap(); // a Monday
        let now = 1_796_023_200; // 2026-11-30 08:20 Stockholm
        let (out, ts, seen) = instantiate(&Calendar::default(), b"Date: {{1 09:00}}\n\nx", today, now, 0);
        assert_eq!(clock::local_datetime(ts), "2026-11-27 09:00");
        assert_eq!(std::str::from_utf8(&out).unwrap(), "Date: Fri, 27 Nov 2026 09:00:00 +0100\n\nx");
        assert!(!seen);
        // today at a time not yet reached: clamped to just before now
        let (_, ts, _) = instantiate(&Calendar::default(), b"Date: {{0 17:00}}\n", today, now, 2);
        assert_eq!(ts, now - 180);
    }
}
