//! The data folder before it is unlocked: the small plain files read first (the interface
//! language, the count of failed unlocks), the passphrase checks and the growing delay (C9).
//! Unlocking hands over a [`Facilitator`]; nothing else here touches the database.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Facilitator, FrontEnd};
use crate::i18n::{tr, tr_args, UserMessage};
use crate::lang::Lang;
use crate::store::{passphrase_rule_broken, KdfParams, Store, StoreError};

/// The interface language lives in a plain file beside the database: it must be known before
/// the database is unlocked, and it says nothing about any child.
const UI_LANG_FILE: &str = "interface-language";
/// Failed unlock attempts, kept across restarts so that killing the app does not reset the delay.
const FAILURES_FILE: &str = "unlock-failures";

/// Why the passphrase did not open the data.
#[derive(Debug, thiserror::Error)]
pub enum UnlockError {
    /// Too many wrong attempts: the next one is taken after this wait.
    #[error("too many attempts: try again in {} seconds", .0.as_secs().max(1))]
    Wait(Duration),
    /// Wrong passphrase; `wait` is the delay before the next attempt (zero for the first three).
    #[error("wrong passphrase")]
    Wrong { wait: Duration },
    #[error("the two passphrases are not the same")]
    Mismatch,
    /// A new passphrase breaks a rule (the Fluent key of the rule).
    #[error("the passphrase is too weak ({0})")]
    Weak(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl UserMessage for UnlockError {
    fn message_in(&self, lang: Lang) -> String {
        let wait = |d: &Duration| tr_args(lang, "lock-wait", &[("seconds", (d.as_secs().max(1) as i64).into())]);
        match self {
            UnlockError::Wait(d) => wait(d),
            UnlockError::Wrong { wait: d } if d.is_zero() => tr(lang, "lock-wrong"),
            UnlockError::Wrong { wait: d } => format!("{} {}", tr(lang, "lock-wrong"), wait(d)),
            UnlockError::Mismatch => tr(lang, "lock-mismatch"),
            UnlockError::Weak(rule) => tr(lang, rule),
            UnlockError::Store(e) => e.message_in(lang),
        }
    }
}

/// A data folder, locked.
pub struct Device {
    data_dir: PathBuf,
    ui_lang: Lang,
    failures: u32,
    retry_at: Option<Instant>,
}

impl Device {
    /// Reads the plain files of `data_dir` (none is needed: a new folder starts in English with
    /// no failures). Never writes.
    pub fn open(data_dir: &Path) -> Device {
        let ui_lang = std::fs::read_to_string(data_dir.join(UI_LANG_FILE))
            .ok()
            .and_then(|c| Lang::from_code(c.trim()))
            .unwrap_or(Lang::En);
        let failures =
            std::fs::read_to_string(data_dir.join(FAILURES_FILE)).ok().and_then(|n| n.trim().parse().ok()).unwrap_or(0);
        // After a restart the delay counts from now: the count survives, so the wait does too.
        let retry_at = (failures >= 3).then(|| Instant::now() + failure_delay(failures));
        Device { data_dir: data_dir.to_path_buf(), ui_lang, failures, retry_at }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Whether the folder already holds a database (else the first passphrase creates one).
    pub fn has_data(&self) -> bool {
        Store::exists_in(&self.data_dir)
    }

    pub fn ui_lang(&self) -> Lang {
        self.ui_lang
    }

    /// Changes the interface language and remembers it for the next start.
    pub fn set_ui_lang(&mut self, lang: Lang) -> std::io::Result<()> {
        self.ui_lang = lang;
        std::fs::create_dir_all(&self.data_dir)?;
        std::fs::write(self.data_dir.join(UI_LANG_FILE), lang.code())
    }

    /// Failed attempts since the last success.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// How long before the next attempt is taken, if it must wait.
    pub fn wait_left(&self) -> Option<Duration> {
        self.retry_at.and_then(|at| at.checked_duration_since(Instant::now())).filter(|d| !d.is_zero())
    }

    /// Creates the encrypted database with a new passphrase (typed twice).
    pub fn create(&mut self, pass: &str, confirm: &str, front_end: FrontEnd) -> Result<Facilitator, UnlockError> {
        if let Some(rule) = passphrase_rule_broken(pass) {
            return Err(UnlockError::Weak(rule));
        }
        if pass != confirm {
            return Err(UnlockError::Mismatch);
        }
        self.create_with(pass, KdfParams::new_default(), front_end)
    }

    /// Creates the database with a given KDF cost (tests use a cheap one; the app never does).
    pub fn create_with(
        &mut self,
        pass: &str,
        params: KdfParams,
        front_end: FrontEnd,
    ) -> Result<Facilitator, UnlockError> {
        let store = Store::create(&self.data_dir, pass, params).map_err(|e| match e {
            StoreError::WeakPassphrase(rule) => UnlockError::Weak(rule),
            e => e.into(),
        })?;
        Ok(Facilitator::new(store, &self.data_dir, front_end, Some(("create", format!("front={}", front_end.code()))))?)
    }

    /// Opens the database with the facilitator's passphrase. A wrong one counts towards the
    /// delay; the failures are logged (their count, never what was typed) with the first
    /// event after the next success.
    pub fn unlock(&mut self, pass: &str, front_end: FrontEnd) -> Result<Facilitator, UnlockError> {
        let failed_before = self.failures;
        let store = self.open_store(pass)?;
        let mut fac = Facilitator::new(
            store,
            &self.data_dir,
            front_end,
            Some(("unlock", format!("front={}", front_end.code()))),
        )?;
        if failed_before > 0 {
            fac.queue_event("unlock-failed", &format!("count={failed_before}"));
        }
        Ok(fac)
    }

    /// The CLI's way in: unlocks, or on a folder with no database yet creates one with this
    /// passphrase (a script sets it once).
    pub fn open_or_create(&mut self, pass: &str, front_end: FrontEnd) -> Result<Facilitator, UnlockError> {
        if self.has_data() {
            self.unlock(pass, front_end)
        } else {
            self.create_with(pass, KdfParams::new_default(), front_end)
        }
    }

    /// Proves the passphrase without opening a second workspace (leaving child mode, changing
    /// the passphrase): the same delay and failure count as unlocking.
    pub fn confirm_passphrase(&mut self, pass: &str) -> Result<(), UnlockError> {
        self.open_store(pass).map(drop)
    }

    fn open_store(&mut self, pass: &str) -> Result<Store, UnlockError> {
        if let Some(wait) = self.wait_left() {
            return Err(UnlockError::Wait(wait));
        }
        match Store::unlock(&self.data_dir, pass) {
            Ok(store) => {
                self.failures = 0;
                self.retry_at = None;
                // A stale count would only make the next facilitator wait: losing it is harmless.
                let _ = std::fs::remove_file(self.data_dir.join(FAILURES_FILE));
                Ok(store)
            }
            Err(StoreError::WrongPassphrase) => {
                self.failures += 1;
                let wait = failure_delay(self.failures);
                self.retry_at = (!wait.is_zero()).then(|| Instant::now() + wait);
                // The count must survive a kill, or killing the app would reset the delay; a
                // folder that cannot be written keeps it in memory for this run.
                let _ = std::fs::write(self.data_dir.join(FAILURES_FILE), self.failures.to_string());
                Err(UnlockError::Wrong { wait })
            }
            Err(e) => Err(e.into()),
        }
    }
}

impl Device {
    /// Saves every readable session of a damaged database into a new data folder `out_dir`
    /// (same passphrase), reading the damaged file only. The recovery is the new folder's
    /// first audit event after its creation.
    pub fn recover(&mut self, pass: &str, out_dir: &Path) -> Result<crate::store::Recovered, UnlockError> {
        if let Some(wait) = self.wait_left() {
            return Err(UnlockError::Wait(wait));
        }
        let report = Store::recover(&self.data_dir, pass, out_dir).map_err(|e| match e {
            StoreError::WrongPassphrase => UnlockError::Wrong { wait: Duration::ZERO },
            e => e.into(),
        })?;
        let store = Store::unlock(out_dir, pass)?;
        store.atomically(|s| {
            s.audit("create", "front=recover")?;
            s.audit("recover", &format!("saved={} lost={}", report.sessions, report.sessions_lost))
        })?;
        Ok(report)
    }
}

impl Device {
    /// Recovery where the facilitator stands (a tablet has no command line): every readable
    /// session goes into a new database that takes the damaged one's place; the damaged file is
    /// moved, unchanged, into `damaged-<date and time>/` beside it for the coordinator. Returns
    /// the report and that folder's name.
    pub fn recover_in_place(&mut self, pass: &str) -> Result<(crate::store::Recovered, String), UnlockError> {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S").to_string();
        let fresh = self.data_dir.join(format!("recovered-{stamp}"));
        let report = self.recover(pass, &fresh)?;
        let kept = format!("damaged-{stamp}");
        let io = |e: std::io::Error| UnlockError::Store(StoreError::DataDir(self.data_dir.clone(), e));
        std::fs::create_dir_all(self.data_dir.join(&kept)).map_err(io)?;
        let db = Store::file_in(&self.data_dir);
        for suffix in ["", "-wal", "-shm"] {
            let from = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
            if from.exists() {
                let name = from.file_name().expect("a file name").to_owned();
                std::fs::rename(&from, self.data_dir.join(&kept).join(name)).map_err(io)?;
            }
        }
        std::fs::copy(KdfParams::file_in(&self.data_dir), self.data_dir.join(&kept).join("cercle.kdf")).map_err(io)?;
        std::fs::rename(Store::file_in(&fresh), &db).map_err(io)?;
        std::fs::rename(KdfParams::file_in(&fresh), KdfParams::file_in(&self.data_dir)).map_err(io)?;
        let _ = std::fs::remove_dir_all(&fresh);
        Ok((report, kept))
    }
}

/// The delay before the next attempt: none for the first three failures, then doubling from
/// 2 seconds up to 5 minutes.
pub fn failure_delay(failures: u32) -> Duration {
    if failures < 3 {
        Duration::ZERO
    } else {
        Duration::from_secs((2u64 << (failures - 3).min(8)).min(300))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_grows_after_three_failures_and_stops_at_five_minutes() {
        assert_eq!(failure_delay(2), Duration::ZERO);
        assert_eq!(failure_delay(3), Duration::from_secs(2));
        assert_eq!(failure_delay(4), Duration::from_secs(4));
        assert_eq!(failure_delay(30), Duration::from_secs(300));
    }

    #[test]
    fn failures_survive_a_restart_and_a_success_clears_them() {
        let dir = tempfile::tempdir().unwrap();
        let mut device = Device::open(dir.path());
        device.create_with("blue river 2026", KdfParams::with_cost(1024, 1), FrontEnd::Cli).unwrap();
        for _ in 0..3 {
            assert!(matches!(device.unlock("wrong passphrase", FrontEnd::Cli), Err(UnlockError::Wrong { .. })));
        }
        let mut again = Device::open(dir.path());
        assert_eq!(again.failures(), 3);
        assert!(matches!(again.unlock("blue river 2026", FrontEnd::Cli), Err(UnlockError::Wait(_))));
        again.retry_at = None; // as if the wait had passed
        again.unlock("blue river 2026", FrontEnd::Cli).unwrap();
        assert_eq!(Device::open(dir.path()).failures(), 0);
    }
}
