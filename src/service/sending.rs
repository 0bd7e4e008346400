//! The facilitator's side of uploading: the server setting, the queue as the Send screen
//! shows it, "Send now" and the connection test. The sending itself is `crate::sync`'s; the
//! window's background sender runs it on a second connection ([`Facilitator::sender`]).

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::{Facilitator, Result};
use crate::store::{OutboxEntry, Store};
use crate::sync::{self, ConnectionCheck, Progress, SendPolicy, ServerSettings, SyncReport, SERVER_SETTING};

impl Facilitator {
    /// The server submissions go to, if one is set.
    pub fn server(&self) -> Result<Option<ServerSettings>> {
        Ok(sync::server_of(&self.store)?)
    }

    /// Sets (or with `None`, forgets) the server, audited without its secret (C13).
    pub fn set_server(&mut self, server: Option<&ServerSettings>) -> Result<()> {
        let json = server.map(ServerSettings::to_json);
        let detail = match server {
            Some(s) => format!("kind={:?}", s.kind).to_lowercase(),
            None => "kind=none".to_string(),
        };
        self.audited("server-set", |_| detail, |s| s.set_setting(SERVER_SETTING, json.as_deref()))?;
        Ok(())
    }

    /// Everything in the upload queue, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        Ok(self.store.outbox()?)
    }

    /// Sends what is queued now (finalised sessions not yet queued are queued first). The
    /// audit log gets one event per submission sent and one for the run (C13).
    pub fn send_now(
        &mut self,
        policy: &SendPolicy,
        stop: &AtomicBool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<SyncReport> {
        let server = self.server()?.ok_or(sync::SyncError::NoServer)?;
        // The unlock (and anything else pending) is written before the first send's events.
        self.after_pending(|_| Ok(()))?;
        let report = sync::send_queued(&self.store, &server, policy, stop, progress)?;
        let detail = format!(
            "sent={} already={} conflicts={} failed={} left={}",
            report.sent,
            report.already,
            report.conflicts,
            report.failed.len(),
            report.left
        );
        self.audited("sync", |_| detail, |_| Ok(()))?;
        Ok(report)
    }

    /// Puts a conflict or a refused submission back in the queue (same bytes), audited.
    pub fn retry_submission(&mut self, id: i64) -> Result<bool> {
        Ok(self.audited("requeue", |_| format!("submission={id}"), |s| s.requeue(id))?)
    }

    /// "Test connection" with the server set: answers in the facilitator's terms.
    pub fn test_server(&self, server: &ServerSettings, timeout: Duration) -> Result<ConnectionCheck> {
        let mut forms: Vec<String> = self.store.forms()?.into_iter().map(|f| f.id).collect();
        forms.sort();
        forms.dedup();
        Ok(sync::test_connection(server, timeout, &forms))
    }

    /// A second connection to the database for the window's background sender, which must
    /// never hold up the child's taps on this one.
    pub fn sender(&self) -> Result<Store> {
        Ok(self.store.another_connection()?)
    }
}
