//! Who runs a command and when, read once; tests pin both through the environment.

use chrono::{DateTime, FixedOffset, Local, NaiveDate};

use crate::error::Error;
use crate::messages::store as words;

/// The operator and the moment every record and journal entry of one command is attributed to.
#[derive(Debug, Clone)]
pub struct Context {
    pub operator: String,
    pub now: DateTime<FixedOffset>,
    /// The command line as the user typed it, for the journal.
    pub command: String,
    /// The date the command is done as of: `--today` for records entered late, else the
    /// clock's; the journal keeps it beside the real time when they differ.
    pub today: NaiveDate,
    /// Whether `--today` gave it.
    pub backdated: bool,
}

impl Context {
    /// `operator` comes from `--operator` or `BANZI_OPERATOR` (clap reads both); otherwise the
    /// login name. `BANZI_NOW` (RFC 3339) pins the clock for reproducible tests and examples.
    pub fn new(
        operator: Option<String>,
        command: String,
        today: Option<&str>,
    ) -> Result<Context, Error> {
        let operator = operator
            .or_else(|| whoami::username().ok())
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty())
            .ok_or_else(|| {
                Error::new(crate::error::Kind::Usage, words::no_operator())
                    .with_hint(words::no_operator_hint())
            })?;
        let now = match std::env::var("BANZI_NOW") {
            Ok(text) => DateTime::parse_from_rfc3339(&text).map_err(|e| {
                Error::new(crate::error::Kind::Usage, words::bad_now(&text, e))
                    .with_hint(words::bad_now_hint())
            })?,
            Err(_) => Local::now().fixed_offset(),
        };
        let clock = now.date_naive();
        let given = today
            .map(|text| {
                let date = crate::import::words::parse_date(text).map_err(|_| {
                    Error::new(crate::error::Kind::Usage, words::bad_today(text))
                        .with_hint(words::bad_today_hint(&clock.to_string()))
                })?;
                if date > clock {
                    return Err(Error::new(
                        crate::error::Kind::Usage,
                        words::today_in_future(&date.to_string(), &clock.to_string()),
                    )
                    .with_hint(words::bad_today_hint(&clock.to_string())));
                }
                Ok(date)
            })
            .transpose()?;
        Ok(Context {
            operator,
            now,
            command,
            today: given.unwrap_or(clock),
            backdated: given.is_some(),
        })
    }
}
