//! Sessions and their answers: started with a random code, one committed write per tap,
//! resumed exactly where they were left.

use super::*;

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
    /// The site the session came from: empty for this device's own, the tablet's site name for
    /// a session a coordinator imported from a transfer file.
    pub site: String,
    /// Which tablet a coordinator's session came from (a random id the tablet made for its
    /// transfer files, never a device id; empty: this device). Counted, never exported.
    pub tablet: String,
}

/// A count of finalised sessions (see [`Store::finalised_counts`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionCount {
    pub form_id: String,
    pub tablet: String,
    pub age_band: AgeBand,
    pub lang: Lang,
    pub count: usize,
}

impl SessionRecord {
    pub fn created_on(&self) -> NaiveDate {
        self.created_at.date_naive()
    }
}

impl Store {
    /// Starts a session with a fresh random participant code; nothing about the child goes in.
    pub fn start_session(
        &self,
        form: &Form,
        lang: Lang,
        age_band: AgeBand,
        rng: &mut impl Rng,
    ) -> Result<SessionRecord> {
        self.check_writable()?;
        let instance_id = format!("uuid:{}", uuid::Builder::from_random_bytes(rng.random()).into_uuid());
        let created_at = Utc::now();
        loop {
            let code = ParticipantCode::random(rng);
            let inserted = self.conn.execute(
                "INSERT INTO sessions (instance_id, code, form_id, form_version, lang, age_band, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'in_progress', ?7) ON CONFLICT (code) DO NOTHING",
                params![
                    instance_id,
                    code.as_str(),
                    form.id,
                    form.version,
                    lang.code(),
                    age_band.code(),
                    stamp(created_at)
                ],
            )?;
            if inserted == 1 {
                return self.session(self.conn.last_insert_rowid());
            }
            // The code is already taken on this device: draw another.
        }
    }

    /// Writes one answer (or clears it, with `None`); committed at once outside a transaction.
    pub fn save_answer(&self, session_id: i64, question: &str, answer: Option<&Answer>) -> Result<()> {
        match answer {
            Some(a) => self
                .conn
                .prepare_cached(
                    "INSERT INTO answers (session_id, question, state, value) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (session_id, question) DO UPDATE SET state = ?3, value = ?4",
                )?
                .execute(params![session_id, question, a.state(), a.value()])?,
            None => self
                .conn
                .prepare_cached("DELETE FROM answers WHERE session_id = ?1 AND question = ?2")?
                .execute(params![session_id, question])?,
        };
        Ok(())
    }

    /// Writes what the engine recorded for one action of the child (the answer and what followed
    /// from it: calculations, answers cleared by skip logic, renumbered repeat instances), and
    /// the screen reached when it moved, as one transaction: a kill keeps all of it or none.
    /// A savepoint, so it nests inside a caller's transaction (`simulate` batches sessions).
    pub fn save_changes(
        &self,
        session_id: i64,
        changes: &[(String, Option<Answer>)],
        position: Option<usize>,
    ) -> Result<()> {
        self.atomically(|store| {
            for (question, answer) in changes {
                store.save_answer(session_id, question, answer.as_ref())?;
            }
            position.map_or(Ok(()), |p| store.save_position(session_id, p))
        })
    }

    /// The storage limit, for the answer-path benchmark only: one bare `INSERT` of an answer row
    /// committed on its own, with no savepoint and no engine, on this same connection.
    #[doc(hidden)]
    pub fn bare_answer_commit_for_benchmarks(&self, session_id: i64, question: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO answers (session_id, question, state, value) VALUES (?1, ?2, 'answered', ?3)
                 ON CONFLICT (session_id, question) DO UPDATE SET state = 'answered', value = ?3",
            )?
            .execute(params![session_id, question, value])?;
        Ok(())
    }

    /// Remembers which screen the child is on, so a restart resumes there.
    pub fn save_position(&self, session_id: i64, position: usize) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE sessions SET position = ?2 WHERE id = ?1")?
            .execute(params![session_id, position as i64])?;
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

    /// The session with a participant code, if it is on this device.
    pub fn session_by_code(&self, code: &str) -> Result<Option<SessionRecord>> {
        Ok(self.query_sessions("WHERE s.code = ?1", params![code])?.pop())
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
        self.query_sessions("WHERE s.form_id = ?1 AND s.status = 'finalised'", params![form_id]).map(|mut v| {
            v.reverse();
            v
        })
    }

    /// Finalised sessions counted by form, tablet, age band and language (the coordinator's
    /// workspace).
    pub fn finalised_counts(&self) -> Result<Vec<SessionCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT form_id, tablet, age_band, lang, COUNT(*) FROM sessions WHERE status = 'finalised'
             GROUP BY form_id, tablet, age_band, lang",
        )?;
        let rows = stmt.query_map([], |r| {
            let band: String = r.get(2)?;
            let lang: String = r.get(3)?;
            Ok(SessionCount {
                form_id: r.get(0)?,
                tablet: r.get(1)?,
                age_band: AgeBand::from_code(&band).unwrap_or(AgeBand::Age8To12),
                lang: Lang::from_code(&lang).unwrap_or(Lang::En),
                count: r.get::<_, i64>(4)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The form versions finalised sessions of a form use.
    pub fn finalised_versions_of(&self, form_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT form_version FROM sessions WHERE form_id = ?1 AND status = 'finalised' ORDER BY form_version",
        )?;
        let rows = stmt.query_map([form_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Finalised sessions of a form with their answers, oldest first, handed to `each` one at a
    /// time from one query: an export of 100,000 sessions holds one session in memory.
    pub fn for_each_finalised(
        &self,
        form_id: &str,
        mut each: impl FnMut(&SessionRecord, &BTreeMap<String, Answer>) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.instance_id, s.code, s.form_id, s.form_version, s.lang, s.age_band, s.status,
                    s.position, s.created_at, s.finalised_at, 0, s.site, s.tablet, a.question, a.state, a.value
             FROM sessions s LEFT JOIN answers a ON a.session_id = s.id
             WHERE s.form_id = ?1 AND s.status = 'finalised' ORDER BY s.id",
        )?;
        let mut rows = stmt.query([form_id])?;
        let mut current: Option<(SessionRecord, BTreeMap<String, Answer>)> = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if current.as_ref().is_none_or(|(s, _)| s.id != id) {
                if let Some((s, answers)) = current.take() {
                    each(&s, &answers)?;
                }
                current = Some((session_from_row(r)?, BTreeMap::new()));
            }
            let (session, answers) = current.as_mut().expect("set above");
            if let Some(question) = r.get::<_, Option<String>>(14)? {
                if let Some(a) = Answer::from_state(&r.get::<_, String>(15)?, r.get(16)?) {
                    answers.insert(question, a);
                    session.answered += 1;
                }
            }
        }
        if let Some((s, answers)) = current.take() {
            each(&s, &answers)?;
        }
        Ok(())
    }

    pub(super) fn query_sessions(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<SessionRecord>> {
        let sql = format!(
            "SELECT s.id, s.instance_id, s.code, s.form_id, s.form_version, s.lang, s.age_band, s.status,
                    s.position, s.created_at, s.finalised_at,
                    (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id), s.site, s.tablet
             FROM sessions s {filter} ORDER BY s.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, session_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The most instances any finalised session of a form has of a repeat (stored as the
    /// repeat row's answer): how many instance columns an export needs.
    pub fn most_instances(&self, form_id: &str, repeat: &str) -> Result<usize> {
        let n: Option<i64> = self.conn.query_row(
            "SELECT MAX(CAST(a.value AS INTEGER)) FROM answers a JOIN sessions s ON s.id = a.session_id
             WHERE s.form_id = ?1 AND s.status = 'finalised' AND a.question = ?2",
            params![form_id, repeat],
            |r| r.get(0),
        )?;
        Ok(n.unwrap_or(0).clamp(0, crate::form::MAX_REPEAT_INSTANCES as i64) as usize)
    }

    pub fn answers(&self, session_id: i64) -> Result<BTreeMap<String, Answer>> {
        let mut stmt = self.conn.prepare_cached("SELECT question, state, value FROM answers WHERE session_id = ?1")?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
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
}

/// A session row as `query_sessions` and `for_each_finalised` select it (columns 0 to 13).
fn session_from_row(r: &rusqlite::Row) -> rusqlite::Result<SessionRecord> {
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
        site: r.get(12)?,
        tablet: r.get(13)?,
    })
}
