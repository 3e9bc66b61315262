//! The list's rows: cached messages with their arrival date, deadline and
//! age in working days, computed once per distinct arrival date.

use std::collections::HashMap;

use jiff::civil::Date;

use super::{Engine, OpError};
use crate::core::calendar;
use crate::core::clock;
use crate::store::StoredMessage;

/// One row of the inbox list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub msg: StoredMessage,
    pub received_date: Date,
    pub due: Date,
    /// Working days since arrival.
    pub age: u32,
}

impl Engine {
    /// The messages in the mailbox with their deadlines, oldest first.
    pub fn items(&self, today: Date) -> Result<Vec<Item>, OpError> {
        let zone = clock::zone();
        let mut memo: HashMap<Date, (Date, u32)> = HashMap::new();
        let msgs = self.store.present_messages()?;
        Ok(msgs
            .into_iter()
            .map(|msg| {
                let received_date = jiff::Timestamp::from_second(msg.received)
                    .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
                    .to_zoned(zone.clone())
                    .date();
                let (due, age) = *memo.entry(received_date).or_insert_with(|| {
                    (
                        calendar::due_date(received_date),
                        calendar::working_days_between(received_date, today),
                    )
                });
                Item {
                    msg,
                    received_date,
                    due,
                    age,
                }
            })
            .collect())
    }
}
