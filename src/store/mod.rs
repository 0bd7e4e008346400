//! The local database: forms, sessions, answers and the audit log, in one SQLite file.
//!
//! Every answer is its own committed write (WAL, `synchronous=FULL`) the moment the child gives
//! it, so a crash or a flat battery loses nothing: on restart the unfinished session and its
//! position are read back and the survey resumes at the same question.

mod code;

pub use code::ParticipantCode;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::engine::{Answer, Survey};
use crate::form::{AgeBand, Form};
use crate::lang::Lang;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("a stored form could not be read: {0}")]
    FormJson(#[from] serde_json::Error),
    #[error("no form '{0}' on this device")]
    UnknownForm(String),
    #[error("no session {0} on this device")]
    UnknownSession(i64),
    #[error("the export could not be written: {0}")]
    Export(String),
    #[error("the data folder {0} could not be created: {1}")]
    DataDir(PathBuf, std::io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Schema versions, oldest first. Never edit a released step: add one.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(
        "CREATE TABLE forms (
            id TEXT NOT NULL,
            version TEXT NOT NULL,
            title TEXT NOT NULL,
            definition TEXT NOT NULL,
            builtin INTEGER NOT NULL DEFAULT 0,
            installed_at TEXT NOT NULL,
            PRIMARY KEY (id, version)
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            instance_id TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            lang TEXT NOT NULL,
            age_band TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'finalised')),
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            finalised_at TEXT,
            FOREIGN KEY (form_id, form_version) REFERENCES forms (id, version)
        );
        CREATE INDEX sessions_by_form ON sessions (form_id, status);
        CREATE TABLE answers (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('answered', 'rather_not_say', 'dont_know')),
            value TEXT,
            PRIMARY KEY (session_id, question)
        ) WITHOUT ROWID;
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );",
    )])
}

/// A form as listed on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSummary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    InProgress,
    Finalised,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Finalised => "finalised",
        }
    }
    fn from_code(s: &str) -> Status {
        if s == "finalised" {
            Status::Finalised
        } else {
            Status::InProgress
        }
    }
}

/// A stored session, without its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub id: i64,
    /// OpenRosa instanceID (`uuid:...`): the same on every upload attempt, so uploads are idempotent.
    pub instance_id: String,
    pub code: String,
    pub form_id: String,
    pub form_version: String,
    pub lang: Lang,
    pub age_band: AgeBand,
    pub status: Status,
    pub position: usize,
    pub created_at: DateTime<Utc>,
    pub finalised_at: Option<DateTime<Utc>>,
    /// Questions with an answer of any state.
    pub answered: usize,
}

impl SessionRecord {
    pub fn created_on(&self) -> NaiveDate {
        self.created_at.date_naive()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub action: String,
    pub detail: String,
}

pub struct Store {
    conn: Connection,
}

impl Store {
    /// The database file inside a data directory.
    pub fn file_in(data_dir: &Path) -> PathBuf {
        data_dir.join("cercle.sqlite")
    }

    /// Opens (creating if needed) the database in `data_dir`, upgrades its schema and makes sure
    /// the built-in forms are installed.
    pub fn open_dir(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::DataDir(data_dir.to_path_buf(), e))?;
        Store::open(&Store::file_in(data_dir))
    }

    pub fn open(path: &Path) -> Result<Store> {
        Store::setup(Connection::open(path)?)
    }

    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        // WAL: a reader never blocks the answer writes; FULL: a commit survives power loss.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations().to_latest(&mut conn)?;
        let store = Store { conn };
        store.install_builtin_forms()?;
        Ok(store)
    }

    fn install_builtin_forms(&self) -> Result<()> {
        for form in crate::form::builtin_forms() {
            self.save_form(&form, true)?;
        }
        Ok(())
    }

    /// Stores a form version; storing the same id and version again replaces its definition.
    pub fn save_form(&self, form: &Form, builtin: bool) -> Result<()> {
        self.conn.execute(
            "INSERT INTO forms (id, version, title, definition, builtin, installed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id, version) DO UPDATE SET title = ?3, definition = ?4
             WHERE definition != ?4",
            params![
                form.id,
                form.version,
                form.title.get(form.default_language, form.default_language),
                form.to_json(),
                builtin,
                now(),
            ],
        )?;
        Ok(())
    }

    /// The newest installed version of each form.
    pub fn forms(&self) -> Result<Vec<FormSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, version, title, builtin FROM forms f
             WHERE installed_at = (SELECT MAX(installed_at) FROM forms g WHERE g.id = f.id)
             GROUP BY id ORDER BY builtin DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FormSummary {
                id: r.get(0)?,
                version: r.get(1)?,
                title: r.get(2)?,
                builtin: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest installed version of a form.
    pub fn form(&self, id: &str) -> Result<Form> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT definition FROM forms WHERE id = ?1 ORDER BY installed_at DESC, version DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let json = json.ok_or_else(|| StoreError::UnknownForm(id.to_string()))?;
        Ok(Form::from_json(&json)?)
    }

    /// A given version of a form (a session stays on the version it started with).
    pub fn form_version(&self, id: &str, version: &str) -> Result<Form> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT definition FROM forms WHERE id = ?1 AND version = ?2",
                [id, version],
                |r| r.get(0),
            )
            .optional()?;
        let json = json.ok_or_else(|| StoreError::UnknownForm(format!("{id} {version}")))?;
        Ok(Form::from_json(&json)?)
    }

    /// Starts a session with a fresh random participant code; nothing about the child goes in.
    pub fn start_session(
        &self,
        form: &Form,
        lang: Lang,
        age_band: AgeBand,
        rng: &mut impl Rng,
    ) -> Result<SessionRecord> {
        let instance_id = format!(
            "uuid:{}",
            uuid::Builder::from_random_bytes(rng.random()).into_uuid()
        );
        let created_at = Utc::now();
        loop {
            let code = ParticipantCode::random(rng);
            let inserted = self.conn.execute(
                "INSERT INTO sessions (instance_id, code, form_id, form_version, lang, age_band, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'in_progress', ?7) ON CONFLICT (code) DO NOTHING",
                params![instance_id, code.as_str(), form.id, form.version, lang.code(), age_band.code(), stamp(created_at)],
            )?;
            if inserted == 1 {
                return self.session(self.conn.last_insert_rowid());
            }
            // The code is already taken on this device: draw another.
        }
    }

    /// Writes one answer (or clears it, with `None`) as its own committed transaction.
    pub fn save_answer(
        &self,
        session_id: i64,
        question: &str,
        answer: Option<&Answer>,
    ) -> Result<()> {
        match answer {
            Some(a) => self.conn.execute(
                "INSERT INTO answers (session_id, question, state, value) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (session_id, question) DO UPDATE SET state = ?3, value = ?4",
                params![session_id, question, a.state(), a.value()],
            )?,
            None => self.conn.execute(
                "DELETE FROM answers WHERE session_id = ?1 AND question = ?2",
                params![session_id, question],
            )?,
        };
        Ok(())
    }

    /// Remembers which screen the child is on, so a restart resumes there.
    pub fn save_position(&self, session_id: i64, position: usize) -> Result<()> {
        self.conn.execute(
            "UPDATE sessions SET position = ?2 WHERE id = ?1",
            params![session_id, position as i64],
        )?;
        Ok(())
    }

    pub fn finalise(&self, session_id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE sessions SET status = 'finalised', finalised_at = ?2 WHERE id = ?1 AND status = 'in_progress'",
            params![session_id, now()],
        )?;
        if changed == 0 {
            self.session(session_id)?; // reports an unknown session; finalising twice is harmless
        }
        Ok(())
    }

    pub fn session(&self, id: i64) -> Result<SessionRecord> {
        let mut sessions = self.query_sessions("WHERE s.id = ?1", params![id])?;
        sessions.pop().ok_or(StoreError::UnknownSession(id))
    }

    /// Sessions, newest first; `status` narrows to one status.
    pub fn sessions(&self, status: Option<Status>) -> Result<Vec<SessionRecord>> {
        match status {
            Some(st) => self.query_sessions("WHERE s.status = ?1", params![st.code()]),
            None => self.query_sessions("", params![]),
        }
    }

    /// Finalised sessions of a form, oldest first (export order).
    pub fn finalised_sessions_of(&self, form_id: &str) -> Result<Vec<SessionRecord>> {
        self.query_sessions(
            "WHERE s.form_id = ?1 AND s.status = 'finalised'",
            params![form_id],
        )
        .map(|mut v| {
            v.reverse();
            v
        })
    }

    fn query_sessions(
        &self,
        filter: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<SessionRecord>> {
        let sql = format!(
            "SELECT s.id, s.instance_id, s.code, s.form_id, s.form_version, s.lang, s.age_band, s.status,
                    s.position, s.created_at, s.finalised_at,
                    (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id)
             FROM sessions s {filter} ORDER BY s.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            let lang: String = r.get(5)?;
            let band: String = r.get(6)?;
            let status: String = r.get(7)?;
            let created: String = r.get(9)?;
            let finalised: Option<String> = r.get(10)?;
            Ok(SessionRecord {
                id: r.get(0)?,
                instance_id: r.get(1)?,
                code: r.get(2)?,
                form_id: r.get(3)?,
                form_version: r.get(4)?,
                lang: Lang::from_code(&lang).unwrap_or(Lang::En),
                age_band: AgeBand::from_code(&band).unwrap_or(AgeBand::Age8To12),
                status: Status::from_code(&status),
                position: r.get::<_, i64>(8)? as usize,
                created_at: parse_stamp(&created),
                finalised_at: finalised.as_deref().map(parse_stamp),
                answered: r.get::<_, i64>(11)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn answers(&self, session_id: i64) -> Result<BTreeMap<String, Answer>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT question, state, value FROM answers WHERE session_id = ?1")?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (q, state, value) = row?;
            if let Some(a) = Answer::from_state(&state, value) {
                out.insert(q, a);
            }
        }
        Ok(out)
    }

    /// Rebuilds a stored session's survey exactly as it was left.
    pub fn resume(&self, session_id: i64) -> Result<(SessionRecord, Survey)> {
        let record = self.session(session_id)?;
        let form = Arc::new(self.form_version(&record.form_id, &record.form_version)?);
        let answers = self.answers(session_id)?;
        let survey = Survey::resume(form, record.lang, record.age_band, answers, record.position);
        Ok((record, survey))
    }

    /// A device setting (interface language, the session open in child mode, ...).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a device setting; `None` removes it.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, v],
            )?,
            None => self.conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// Records a facilitator action (C13): what and when, never a child's answers.
    pub fn audit(&self, action: &str, detail: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audit (at, action, detail) VALUES (?1, ?2, ?3)",
            params![now(), action, detail],
        )?;
        Ok(())
    }

    pub fn audit_log(&self) -> Result<Vec<AuditEvent>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, action, detail FROM audit ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEvent {
                at: parse_stamp(&r.get::<_, String>(0)?),
                action: r.get(1)?,
                detail: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs `f` in one transaction (bulk work such as `simulate`; never for a child's answers,
    /// which are committed one by one).
    pub fn in_transaction<T>(&mut self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn now() -> String {
    stamp(Utc::now())
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn parse_stamp(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
