//! Guardian consent, the child's own assent, and the count of refusals (C2): separate records.

use super::*;

impl Store {
    /// Records the guardian's consent for a session (C2), apart from the child's answers.
    pub fn record_consent(&self, session_id: i64, given: bool, jurisdiction: &str) -> Result<()> {
        self.check_writable()?;
        self.conn.execute(
            "INSERT INTO consents (session_id, guardian_consent, jurisdiction, recorded_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (session_id) DO UPDATE SET guardian_consent = ?2, jurisdiction = ?3, recorded_at = ?4",
            params![session_id, given, jurisdiction, now()],
        )?;
        Ok(())
    }

    pub fn consent(&self, session_id: i64) -> Result<Option<bool>> {
        Ok(self
            .conn
            .query_row("SELECT guardian_consent FROM consents WHERE session_id = ?1", [session_id], |r| r.get(0))
            .optional()?)
    }

    /// The child's own assent (C2). "No" deletes the session and everything in it; at most a
    /// count of refusals per form and day is kept, when the site wants one.
    pub fn record_assent(&self, session_id: i64, yes: bool, count_refusals: bool) -> Result<()> {
        self.check_writable()?;
        if yes {
            self.conn.execute("UPDATE sessions SET assent = 'yes' WHERE id = ?1", [session_id])?;
            return Ok(());
        }
        let record = self.session(session_id)?;
        self.atomically(|store| {
            store.conn.execute("DELETE FROM sessions WHERE id = ?1", [session_id])?;
            if count_refusals {
                store.conn.execute(
                    "INSERT INTO refusals (form_id, day, count) VALUES (?1, ?2, 1)
                     ON CONFLICT (form_id, day) DO UPDATE SET count = count + 1",
                    params![record.form_id, Utc::now().date_naive().to_string()],
                )?;
            }
            Ok(())
        })
    }

    pub fn assent(&self, session_id: i64) -> Result<Option<bool>> {
        let v: Option<String> =
            self.conn.query_row("SELECT assent FROM sessions WHERE id = ?1", [session_id], |r| r.get(0))?;
        Ok(v.map(|a| a == "yes"))
    }

    /// Refusals per form and day: the only trace a "no" leaves.
    pub fn refusals(&self, form_id: &str) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare("SELECT day, count FROM refusals WHERE form_id = ?1 ORDER BY day")?;
        let rows = stmt.query_map([form_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
