//! Local time for the mailbox: arrival dates are the Europe/Stockholm date
//! (förvaltningslagen 22 §), whatever the machine's own time zone.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The mailbox's time zone, from the database bundled with jiff: the same
/// on every machine, also one without tzdata, and no scan of the system's
/// zoneinfo tree at start.
pub fn zone() -> TimeZone {
    static ZONE: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        jiff::tz::TimeZoneDatabase::bundled().get("Europe/Stockholm").unwrap_or(TimeZone::UTC)
    })
    .clone()
}

/// The local date of a Unix time.
pub fn local_date(ts: i64) -> Date {
    Timestamp::from_second(ts).unwrap_or(Timestamp::UNIX_EPOCH).to_zoned(zone()).date()
}

/// "2026-11-28 09:15" in local time.
pub fn local_datetime(ts: i64) -> String {
    Timestamp::from_second(ts)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(zone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// RFC 3339 with the local offset, e.g. "2026-11-28T09:15:00+01:00".
pub fn rfc3339(ts: i64) -> String {
    Stamp::of(ts).as_str().to_string()
}

/// An RFC 3339 time on the stack: a list of 100,000 messages writes
/// 200,000 of these, so they are neither formatted by `fmt` nor allocated.
#[derive(Clone, Copy)]
pub struct Stamp {
    buf: [u8; 25],
    len: u8,
}

impl Stamp {
    pub fn of(ts: i64) -> Stamp {
        let t = Timestamp::from_second(ts).unwrap_or(Timestamp::UNIX_EPOCH);
        let offset = zone().to_offset(t);
        let dt = offset.to_datetime(t);
        let secs = offset.seconds();
        let mut buf = *b"0000-00-00T00:00:00+00:00";
        if !(0..=9999).contains(&dt.year()) {
            // a year before the common era (only a hostile date gets here)
            let s = format!("{:04}", dt.year().clamp(-999, 9999));
            buf[..4].copy_from_slice(&s.as_bytes()[..4]);
        } else {
            digits(&mut buf[0..4], dt.year() as u32);
        }
        digits(&mut buf[5..7], dt.month() as u32);
        digits(&mut buf[8..10], dt.day() as u32);
        digits(&mut buf[11..13], dt.hour() as u32);
        digits(&mut buf[14..16], dt.minute() as u32);
        digits(&mut buf[17..19], dt.second() as u32);
        if secs < 0 {
            buf[19] = b'-';
        }
        let abs = secs.unsigned_abs();
        digits(&mut buf[20..22], abs / 3600);
        digits(&mut buf[23..25], abs % 3600 / 60);
        Stamp { buf, len: 25 }
    }

    /// A date alone, "2026-11-28".
    pub fn date(d: Date) -> Stamp {
        let mut buf = *b"0000-00-00T00:00:00+00:00";
        digits(&mut buf[0..4], d.year().clamp(0, 9999) as u32);
        digits(&mut buf[5..7], d.month() as u32);
        digits(&mut buf[8..10], d.day() as u32);
        Stamp { buf, len: 10 }
    }

    pub fn as_str(&self) -> &str {
        // only ASCII digits and separators are ever written
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// `n` in decimal into `out`, zero-padded to its width.
fn digits(out: &mut [u8], mut n: u32) {
    for b in out.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Now, as Unix seconds.
pub fn now() -> i64 {
    Timestamp::now().as_second()
}

/// Today's local date. `POSTRUM_TODAY=YYYY-MM-DD` pretends another day
/// (for tests, demonstrations and checking a coming klämdag).
pub fn today() -> Date {
    std::env::var("POSTRUM_TODAY")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| local_date(now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stockholm_dates_and_offsets() {
        // 2026-11-27 23:30 UTC is already the 28th in Stockholm.
        let ts = 1_795_822_200;
        assert_eq!(local_date(ts).to_string(), "2026-11-28");
        assert_eq!(rfc3339(ts), "2026-11-28T00:30:00+01:00");
        assert_eq!(local_datetime(ts), "2026-11-28 00:30");
        // summer time, and the same as jiff's own formatting
        for ts in [1_782_000_000, 0, 1_795_822_200, -86_400] {
            let want = Timestamp::from_second(ts)
                .unwrap()
                .to_zoned(zone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string();
            assert_eq!(rfc3339(ts), want);
        }
        assert!(rfc3339(1_782_000_000).ends_with("+02:00"));
        // every hour of a year, across both shifts of summer time
        for h in 0..24 * 366 {
            let ts = 1_767_225_600 + h * 3600 + 59;
            let z = Timestamp::from_second(ts).unwrap().to_zoned(zone());
            assert_eq!(rfc3339(ts), z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
            assert_eq!(Stamp::date(z.date()).as_str(), z.date().to_string());
        }
        // a hostile date far outside any mailbox: no panic, the right length
        assert_eq!(rfc3339(i64::MIN).len(), 25);
        assert_eq!(rfc3339(i64::MAX).len(), 25);
    }
}
