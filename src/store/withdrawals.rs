//! Withdrawal by participant code (C5) and the notices kept for the coordinator.

use super::*;

impl Store {
    /// Withdrawal by participant code (C5): deletes the child's session, answers, consent and
    /// closed concerns (secure_delete overwrites them). An open safeguarding concern stays, with
    /// the code, until the facilitator closes it: it is a duty of care, not research data. If a
    /// server or a coordinator may hold a copy (sent, tried, or in a transfer file), a notice
    /// naming only its instanceID is kept for the next transfer file (the server gets its own,
    /// queued by the service). The instanceID is remembered so that no transfer file brings
    /// the session back. Returns false for an unknown code.
    pub fn withdraw(&self, code: &ParticipantCode) -> Result<bool> {
        let found: Option<(i64, String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT id, instance_id, form_id, transferred_at FROM sessions WHERE code = ?1",
                [code.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((id, instance_id, form_id, transferred)) = found else { return Ok(false) };
        // A server or a coordinator may hold a copy: the notice follows it there (C5).
        let handed_over = self.server_may_have(id)? || transferred.is_some();
        self.atomically(|store| {
            // Remembered here too, so that no transfer file imported later brings it back.
            store.remember_withdrawn(&instance_id, &form_id)?;
            if handed_over {
                store.conn.execute(
                    "INSERT INTO withdrawals (instance_id, form_id, recorded_at) VALUES (?1, ?2, ?3)",
                    params![instance_id, form_id, now()],
                )?;
            }
            store.conn.execute("DELETE FROM concerns WHERE session_id = ?1 AND closed_at IS NOT NULL", [id])?;
            store.conn.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
            Ok(true)
        })
    }

    /// Withdrawal notices waiting for the coordinator: (instanceID, form).
    pub fn withdrawal_notices(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT instance_id, form_id FROM withdrawals ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
