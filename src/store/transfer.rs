//! Sessions handed over in transfer files (no server): what a tablet has not handed over yet,
//! and a coordinator's import, deduplicated by instanceID, with withdrawals remembered.

use super::*;

/// A finalised session as a transfer file carries it: dates without times (C10), the site's
/// name, the answers; never concerns, notes or consent records.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TransferredSession {
    pub instance_id: String,
    pub code: String,
    pub form_id: String,
    pub form_version: String,
    pub lang: Lang,
    pub age_band: AgeBand,
    pub started: NaiveDate,
    pub finalised: NaiveDate,
    pub site: String,
    /// The tablet it was collected on (its random id; files written before ids: empty).
    #[serde(default)]
    pub tablet: String,
    /// (question key, state, value) as the store keeps them.
    pub answers: Vec<(String, String, Option<String>)>,
}

/// What importing one session did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    New,
    /// Already here (the same file, or another copy of it): nothing changed.
    Already,
    /// The child withdrew: never brought back.
    Withdrawn,
}

fn midday(date: NaiveDate) -> String {
    // A date only: midday UTC keeps it the same date in every time zone an export uses.
    stamp(date.and_hms_opt(12, 0, 0).expect("a valid time").and_utc())
}

impl Store {
    /// This device's finalised sessions not yet handed over.
    pub fn sessions_to_transfer(&self) -> Result<Vec<SessionRecord>> {
        self.query_sessions("WHERE s.status = 'finalised' AND s.imported = 0 AND s.transferred_at IS NULL", params![])
    }

    /// A session as it goes into a transfer file.
    pub fn transferred_session(&self, record: &SessionRecord, site: &str) -> Result<TransferredSession> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT question, state, value FROM answers WHERE session_id = ?1 ORDER BY question")?;
        let answers =
            stmt.query_map([record.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(TransferredSession {
            instance_id: record.instance_id.clone(),
            code: record.code.clone(),
            form_id: record.form_id.clone(),
            form_version: record.form_version.clone(),
            lang: record.lang,
            age_band: record.age_band,
            started: record.created_on(),
            finalised: record.finalised_at.unwrap_or(record.created_at).date_naive(),
            site: site.to_string(),
            tablet: self.tablet_id()?,
            answers,
        })
    }

    /// This tablet's random id (made by the migration that added it), carried by its sessions
    /// in transfer files so a coordinator can count tablets. Never a hardware id (C10).
    pub fn tablet_id(&self) -> Result<String> {
        Ok(self.setting("tablet_id")?.unwrap_or_default())
    }

    /// Withdrawal notices not yet handed over: (row id, instanceID, form).
    pub fn notices_to_transfer(&self) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, instance_id, form_id FROM withdrawals WHERE transferred_at IS NULL ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks sessions and notices as handed over (once the file is written whole).
    pub fn mark_transferred(&self, sessions: &[i64], notices: &[i64]) -> Result<()> {
        self.check_writable()?;
        let at = now();
        for id in sessions {
            self.conn.execute("UPDATE sessions SET transferred_at = ?2 WHERE id = ?1", params![id, at])?;
        }
        for id in notices {
            self.conn.execute("UPDATE withdrawals SET transferred_at = ?2 WHERE id = ?1", params![id, at])?;
        }
        Ok(())
    }

    /// Imports one session: new, already here, or withdrawn (never brought back).
    pub fn import_session(&self, s: &TransferredSession) -> Result<ImportOutcome> {
        self.check_writable()?;
        let withdrawn: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM withdrawn WHERE instance_id = ?1)",
            [&s.instance_id],
            |r| r.get(0),
        )?;
        if withdrawn {
            return Ok(ImportOutcome::Withdrawn);
        }
        let here: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE instance_id = ?1)",
            [&s.instance_id],
            |r| r.get(0),
        )?;
        if here {
            return Ok(ImportOutcome::Already);
        }
        self.atomically(|store| {
            store.conn.execute(
                "INSERT INTO sessions (instance_id, code, form_id, form_version, lang, age_band, status, created_at,
                                       finalised_at, site, imported, tablet)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'finalised', ?7, ?8, ?9, 1, ?10)",
                params![
                    s.instance_id,
                    s.code,
                    s.form_id,
                    s.form_version,
                    s.lang.code(),
                    s.age_band.code(),
                    midday(s.started),
                    midday(s.finalised),
                    s.site,
                    s.tablet
                ],
            )?;
            let id = store.conn.last_insert_rowid();
            for (question, state, value) in &s.answers {
                store.conn.execute(
                    "INSERT INTO answers (session_id, question, state, value) VALUES (?1, ?2, ?3, ?4)",
                    params![id, question, state, value],
                )?;
            }
            Ok(ImportOutcome::New)
        })
    }

    /// A withdrawal notice from a tablet: the session goes wherever it is, and its instanceID
    /// is remembered so no file brings it back. Returns whether a session was deleted.
    pub fn apply_withdrawal_notice(&self, instance_id: &str, form_id: &str) -> Result<bool> {
        self.atomically(|store| {
            store.remember_withdrawn(instance_id, form_id)?;
            Ok(store.conn.execute("DELETE FROM sessions WHERE instance_id = ?1", [instance_id])? > 0)
        })
    }

    /// Remembers a withdrawn instanceID, so that no transfer file brings the session back.
    pub(super) fn remember_withdrawn(&self, instance_id: &str, form_id: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO withdrawn (instance_id, form_id, recorded_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (instance_id) DO NOTHING",
            params![instance_id, form_id, now()],
        )?;
        Ok(())
    }

    /// Whether this form version is installed.
    pub fn has_form_version(&self, id: &str, version: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM forms WHERE id = ?1 AND version = ?2)",
            params![id, version],
            |r| r.get(0),
        )?)
    }
}
