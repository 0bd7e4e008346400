//! The audit log of facilitator actions (C13): what and when, never a child's answers.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub action: String,
    pub detail: String,
}

impl Store {
    /// Records a facilitator action (C13): what and when, never a child's answers.
    pub fn audit(&self, action: &str, detail: &str) -> Result<()> {
        self.conn
            .execute("INSERT INTO audit (at, action, detail) VALUES (?1, ?2, ?3)", params![now(), action, detail])?;
        Ok(())
    }

    pub fn audit_log(&self) -> Result<Vec<AuditEvent>> {
        let mut stmt = self.conn.prepare("SELECT at, action, detail FROM audit ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEvent { at: parse_stamp(&r.get::<_, String>(0)?), action: r.get(1)?, detail: r.get(2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
