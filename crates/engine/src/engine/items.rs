//! The list's rows: cached messages with their arrival date, deadline and
//! age in working days, computed once per distinct arrival date.

use std::collections::HashMap;

use jiff::civil::Date;

use super::{Engine, OpError};
use crate::core::clock;
use crate::core::deadline::{self, Deadline};
use crate::core::inspect::WarningKind;
use crate::store::StoredMessage;

/// One row of the inbox list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub msg: StoredMessage,
    pub received_date: Date,
    pub due: Date,
    /// Working days since arrival.
    pub age: u32,
    pub deadline: Deadline,
    /// A follow-up's diarienummer and handläggare, to take with one key.
    pub suggested: Option<Box<super::followup::Suggestion>>,
}

impl Engine {
    /// The messages in the mailbox with their deadlines, oldest first.
    pub fn items(&self, today: Date) -> Result<Vec<Item>, OpError> {
        let mut items = Vec::new();
        self.each_item(today, |item| {
            items.push(item);
            Ok(())
        })?;
        Ok(items)
    }

    /// The same one row at a time, as the store reads it: a list printed
    /// while it is read holds one message, not all of them.
    pub fn each_item(
        &self,
        today: Date,
        mut f: impl FnMut(Item) -> Result<(), OpError>,
    ) -> Result<(), OpError> {
        let suggester = self.suggester()?;
        self.each_row(today, |mut item| {
            item.suggested = suggester.suggest(&item.msg, None).map(Box::new);
            f(item)
        })
    }

    /// The rows without their suggestions, for a reader that makes them
    /// elsewhere (`suggester`): a long list printed makes them on the core
    /// that writes it.
    pub fn each_row(
        &self,
        today: Date,
        mut f: impl FnMut(Item) -> Result<(), OpError>,
    ) -> Result<(), OpError> {
        let zone = clock::zone();
        let cal = &self.settings.calendar;
        // per arrival date: due date, age, and the deadline if still open
        let mut memo: HashMap<Date, (Date, u32, Deadline)> = HashMap::new();
        self.store.each_present(|msg| {
            let received_date = jiff::Timestamp::from_second(msg.received)
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
                .to_zoned(zone.clone())
                .date();
            let (due, age, open) = *memo.entry(received_date).or_insert_with(|| {
                let due = cal.due_date(received_date);
                (
                    due,
                    cal.working_days_between(received_date, today),
                    deadline::state(cal, due, today, false, false),
                )
            });
            let done = msg.answer_given();
            // a request for public documents: due the same working day
            let (due, open) = if msg.summary.warnings.contains(&WarningKind::PublicRequest) {
                let due = due_of(cal, &msg, &zone).1;
                (due, deadline::state(cal, due, today, false, false))
            } else {
                (due, open)
            };
            let deadline = if done { Deadline::Done } else { open };
            f(Item { msg, received_date, due, age, deadline, suggested: None })
        })
    }
}

/// A message's arrival date and the date its answer is due (a request for
/// public documents: the same working day).
pub fn due_of(
    cal: &crate::core::calendar::Calendar,
    msg: &StoredMessage,
    zone: &jiff::tz::TimeZone,
) -> (Date, Date) {
    let at = jiff::Timestamp::from_second(msg.received)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(zone.clone());
    let date = at.date();
    if msg.summary.warnings.contains(&WarningKind::PublicRequest) {
        (date, cal.public_request_due(date, at.hour()))
    } else {
        (date, cal.due_date(date))
    }
}
