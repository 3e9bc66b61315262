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
    // written by hand: a list of 100,000 messages formats 200,000 of these
    let t = Timestamp::from_second(ts).unwrap_or(Timestamp::UNIX_EPOCH);
    let offset = zone().to_offset(t);
    let dt = offset.to_datetime(t);
    let secs = offset.seconds();
    let (sign, abs) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        abs / 3600,
        abs % 3600 / 60
    )
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
    }
}
