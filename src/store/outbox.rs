//! The upload queue (the outbox), upload confirmation and the retention purge (C10).
//!
//! The queue only keeps state; sending is `crate::sync`'s (ODK Collect's split of the queue
//! from the transport). A row goes queued → sending → sent | conflict | rejected; `sending` is
//! written before the request leaves, so after a kill the row is simply sent again, with the
//! same bytes, and the server's deduplication keeps one record.

use super::*;
use crate::submission::{Part, Submission};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadState {
    Queued,
    Sending,
    Sent,
    Conflict,
    Rejected,
}

impl UploadState {
    pub fn code(self) -> &'static str {
        match self {
            UploadState::Queued => "queued",
            UploadState::Sending => "sending",
            UploadState::Sent => "sent",
            UploadState::Conflict => "conflict",
            UploadState::Rejected => "rejected",
        }
    }

    fn from_code(s: &str) -> UploadState {
        match s {
            "sending" => UploadState::Sending,
            "sent" => UploadState::Sent,
            "conflict" => UploadState::Conflict,
            "rejected" => UploadState::Rejected,
            _ => UploadState::Queued,
        }
    }
}

/// One queued submission, without its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    pub id: i64,
    /// None for a withdrawal notice.
    pub session_id: Option<i64>,
    /// The session's participant code, or the withdrawn child's for a withdrawal notice.
    pub code: String,
    pub withdrawal: bool,
    pub instance_id: String,
    pub form_id: String,
    pub form_version: String,
    pub encrypted: bool,
    pub state: UploadState,
    pub attempts: i64,
    pub next_try: Option<DateTime<Utc>>,
    pub last_try: Option<DateTime<Utc>>,
    /// Why the last try did not succeed, coded (`crate::sync::Failure`), rendered in the
    /// facilitator's language by the caller.
    pub reason: String,
    /// The server's answer to the successful try (201, or 202 for "already there").
    pub answered: Option<u16>,
}

const ENTRY_COLUMNS: &str =
    "o.id, o.session_id, COALESCE(s.code, NULLIF(o.code, '')), o.kind, o.instance_id, o.form_id,
    o.form_version, o.encrypted, o.state, o.attempts, o.next_try, o.last_try, o.reason, o.answered";

fn entry(r: &rusqlite::Row) -> rusqlite::Result<OutboxEntry> {
    let opt_stamp = |v: Option<String>| v.as_deref().map(parse_stamp);
    Ok(OutboxEntry {
        id: r.get(0)?,
        session_id: r.get(1)?,
        code: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        withdrawal: r.get::<_, String>(3)? == "withdrawal",
        instance_id: r.get(4)?,
        form_id: r.get(5)?,
        form_version: r.get(6)?,
        encrypted: r.get(7)?,
        state: UploadState::from_code(&r.get::<_, String>(8)?),
        attempts: r.get(9)?,
        next_try: opt_stamp(r.get(10)?),
        last_try: opt_stamp(r.get(11)?),
        reason: r.get(12)?,
        answered: r.get::<_, Option<i64>>(13)?.map(|v| v as u16),
    })
}

impl Store {
    /// Queues a submission whose bytes are now fixed. Queuing the same instanceID again changes
    /// nothing (returns the existing row).
    pub fn queue_submission(&self, session_id: Option<i64>, code: &str, submission: &Submission) -> Result<i64> {
        self.atomically(|store| {
            let kind = if session_id.is_some() { "session" } else { "withdrawal" };
            let inserted = store.conn.execute(
                "INSERT INTO outbox (session_id, kind, instance_id, form_id, form_version, encrypted, state, queued_at, code)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?8) ON CONFLICT (instance_id) DO NOTHING",
                params![
                    session_id,
                    kind,
                    submission.instance_id,
                    submission.form_id,
                    submission.form_version,
                    submission.encrypted,
                    now(),
                    if session_id.is_some() { "" } else { code }
                ],
            )?;
            let id: i64 = store.conn.query_row(
                "SELECT id FROM outbox WHERE instance_id = ?1",
                [&submission.instance_id],
                |r| r.get(0),
            )?;
            if inserted == 1 {
                for (seq, part) in submission.parts.iter().enumerate() {
                    store.conn.execute(
                        "INSERT INTO outbox_parts (submission_id, seq, name, file_name, content_type, bytes)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![id, seq as i64, part.name, part.file_name, part.content_type, part.bytes],
                    )?;
                }
            }
            Ok(id)
        })
    }

    /// Finalised sessions not yet uploaded that have no submission queued: those finalised
    /// before this version, or whose queuing failed. The sender queues them first.
    pub fn sessions_to_queue(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id FROM sessions s WHERE s.status = 'finalised' AND s.uploaded_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.session_id = s.id) ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every submission in the queue, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM outbox o LEFT JOIN sessions s ON s.id = o.session_id ORDER BY o.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Submissions to try: queued or left `sending` by a kill, whose next try has come (or
    /// all of them, when the facilitator says "Send now").
    pub fn due_submissions(&self, at: DateTime<Utc>, ignore_schedule: bool) -> Result<Vec<OutboxEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM outbox o LEFT JOIN sessions s ON s.id = o.session_id
             WHERE o.state IN ('queued', 'sending') AND (?2 OR o.next_try IS NULL OR o.next_try <= ?1) ORDER BY o.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![stamp(at), ignore_schedule], entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The earliest scheduled retry, if any submission waits for one.
    pub fn next_retry(&self) -> Result<Option<DateTime<Utc>>> {
        let next: Option<String> =
            self.conn
                .query_row("SELECT min(next_try) FROM outbox WHERE state IN ('queued', 'sending')", [], |r| r.get(0))?;
        Ok(next.as_deref().map(parse_stamp))
    }

    /// The fixed bytes of a queued submission, in part order.
    pub fn submission_parts(&self, id: i64) -> Result<Vec<Part>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, file_name, content_type, bytes FROM outbox_parts WHERE submission_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Part { name: r.get(0)?, file_name: r.get(1)?, content_type: r.get(2)?, bytes: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Written (and committed) before the request leaves: one more attempt, now.
    pub fn mark_sending(&self, id: i64) -> Result<()> {
        self.check_writable()?;
        self.conn.execute(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, last_try = ?2 WHERE id = ?1",
            params![id, now()],
        )?;
        Ok(())
    }

    /// The server has it (201, or 202 "already there"): the session counts as uploaded, the
    /// submission's bytes go (the server keeps them), and the retention purge runs (C10).
    /// Returns the purged sessions.
    pub fn mark_sent(&self, id: i64, answered: u16, retention_days: i64) -> Result<Vec<i64>> {
        self.check_writable()?;
        let session: Option<i64> =
            self.conn.query_row("SELECT session_id FROM outbox WHERE id = ?1", [id], |r| r.get(0))?;
        self.conn.execute(
            "UPDATE outbox SET state = 'sent', answered = ?2, sent_at = ?3, next_try = NULL, reason = '' WHERE id = ?1",
            params![id, answered, now()],
        )?;
        self.conn.execute("DELETE FROM outbox_parts WHERE submission_id = ?1", [id])?;
        match session {
            Some(session_id) => self.confirm_uploaded(session_id, retention_days),
            None => Ok(Vec::new()),
        }
    }

    /// Not this time (the request, or the HEAD before it, failed): queued again for
    /// `next_try`, with the reason.
    pub fn mark_retry(&self, id: i64, reason: &str, next_try: DateTime<Utc>) -> Result<()> {
        self.check_writable()?;
        self.conn.execute(
            "UPDATE outbox SET state = 'queued', reason = ?2, next_try = ?3, last_try = ?4 WHERE id = ?1",
            params![id, reason, stamp(next_try), now()],
        )?;
        Ok(())
    }

    /// A final answer the facilitator must see: a conflict (409) or a refusal.
    pub fn mark_stopped(&self, id: i64, state: UploadState, reason: &str) -> Result<()> {
        self.check_writable()?;
        debug_assert!(matches!(state, UploadState::Conflict | UploadState::Rejected));
        self.conn.execute(
            "UPDATE outbox SET state = ?2, reason = ?3, next_try = NULL WHERE id = ?1",
            params![id, state.code(), reason],
        )?;
        Ok(())
    }

    /// The facilitator asks to try a conflict or a refusal again (after the coordinator fixed
    /// the server): queued, same bytes.
    pub fn requeue(&self, id: i64) -> Result<bool> {
        self.check_writable()?;
        Ok(self.conn.execute(
            "UPDATE outbox SET state = 'queued', next_try = NULL WHERE id = ?1 AND state IN ('conflict', 'rejected')",
            [id],
        )? == 1)
    }

    /// A session's upload state, for lists (None: not finalised, or nothing to send).
    pub fn upload_state_of(&self, session_id: i64) -> Result<Option<UploadState>> {
        let row: Option<(String, Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT s.status, s.uploaded_at, COALESCE((SELECT o.state FROM outbox o WHERE o.session_id = s.id), '')
                 FROM sessions s WHERE s.id = ?1",
                [session_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(match row {
            None => None,
            Some((_, Some(_), _)) => Some(UploadState::Sent),
            Some((status, None, state)) if status == "finalised" => {
                Some(if state.is_empty() { UploadState::Queued } else { UploadState::from_code(&state) })
            }
            Some(_) => None,
        })
    }

    /// Whether a server may already hold the session: uploaded, or a try has left the device
    /// (the server may have stored it before the answer was lost).
    pub fn server_may_have(&self, session_id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE id = ?1 AND uploaded_at IS NOT NULL)
                 OR EXISTS (SELECT 1 FROM outbox WHERE session_id = ?1 AND attempts > 0)",
            [session_id],
            |r| r.get(0),
        )?)
    }

    /// The hook the uploader calls once a server has confirmed a submission (201/202): marks
    /// it uploaded, then purges what the retention rule allows (C10).
    pub fn confirm_uploaded(&self, session_id: i64, retention_days: i64) -> Result<Vec<i64>> {
        self.conn.execute(
            "UPDATE sessions SET uploaded_at = ?2 WHERE id = ?1 AND uploaded_at IS NULL",
            params![session_id, now()],
        )?;
        self.purge_uploaded(retention_days)
    }

    /// Deletes the answers, consents and closed concerns of sessions uploaded at least `retention_days`
    /// ago, keeping a bare session row (code, instanceID, dates) so a later withdrawal can still
    /// be passed on. Returns the purged sessions.
    pub fn purge_uploaded(&self, retention_days: i64) -> Result<Vec<i64>> {
        let cutoff = stamp(Utc::now() - chrono::Duration::days(retention_days.max(0)));
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare(
                "SELECT s.id FROM sessions s WHERE s.uploaded_at IS NOT NULL AND s.uploaded_at <= ?1
                 AND (EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id)
                      OR EXISTS (SELECT 1 FROM concerns c WHERE c.session_id = s.id AND c.closed_at IS NOT NULL)
                      OR EXISTS (SELECT 1 FROM consents k WHERE k.session_id = s.id))",
            )?;
            let rows = stmt.query_map([cutoff], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in &ids {
            self.conn.execute("DELETE FROM answers WHERE session_id = ?1", [id])?;
            // Closed concerns go with the answers; open ones stay (duty of care, C5, C6).
            self.conn.execute("DELETE FROM concerns WHERE session_id = ?1 AND closed_at IS NOT NULL", [id])?;
            self.conn.execute("DELETE FROM consents WHERE session_id = ?1", [id])?;
        }
        Ok(ids)
    }
}
