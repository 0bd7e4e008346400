//! What happens after a server or coordinator has a session: upload confirmation and the
//! retention purge (C10). The upload queue (the outbox) lives here.

use super::*;

impl Store {
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
