//! The database key: derived from the facilitator's passphrase with Argon2id, a slow,
//! memory-hard KDF, and handed to SQLCipher as a raw key (C7).
//!
//! The salt and cost parameters are not secret; they live in `cercle.kdf` beside the database
//! so the same passphrase always gives the same key. A forgotten passphrase cannot be recovered:
//! that is the point.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Argon2id cost. The defaults take about half a second or more on a desktop (BENCHMARKS.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Hex of 16 random bytes.
    pub salt: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// Fresh parameters for a new database.
    pub fn new_default() -> KdfParams {
        KdfParams::with_cost(128 * 1024, 6)
    }

    /// Fresh parameters with a chosen cost (tests and benchmarks use a small one to stay fast;
    /// the app and the CLI always use [`KdfParams::new_default`]).
    pub fn with_cost(memory_kib: u32, iterations: u32) -> KdfParams {
        let salt: [u8; 16] = rand::random();
        KdfParams { salt: hex(&salt), memory_kib, iterations, parallelism: 1 }
    }

    /// The 256-bit database key for `passphrase`.
    pub fn derive(&self, passphrase: &str) -> Result<Zeroizing<[u8; 32]>, String> {
        let salt = unhex(&self.salt).ok_or("the key file's salt is damaged")?;
        let params = argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|e| format!("the key file's parameters are damaged: {e}"))?;
        let kdf = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut key = Zeroizing::new([0u8; 32]);
        kdf.hash_password_into(passphrase.as_bytes(), &salt, key.as_mut())
            .map_err(|e| format!("key derivation failed: {e}"))?;
        Ok(key)
    }

    pub fn file_in(data_dir: &Path) -> PathBuf {
        data_dir.join("cercle.kdf")
    }

    pub fn load(data_dir: &Path) -> std::io::Result<Option<KdfParams>> {
        match std::fs::read_to_string(KdfParams::file_in(data_dir)) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes the parameters durably (write, sync, rename) so a crash never leaves half a file.
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        let path = KdfParams::file_in(data_dir);
        let tmp = path.with_extension("kdf.new");
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(serde_json::to_string_pretty(self).expect("serialisable").as_bytes())?;
            f.sync_all()?;
        }
        std::fs::rename(tmp, path)
    }
}

/// The SQLCipher `PRAGMA key` value for a raw key: `x'…'`, which skips SQLCipher's own KDF.
pub fn sqlcipher_key(key: &[u8; 32]) -> Zeroizing<String> {
    Zeroizing::new(format!("x'{}'", hex(key)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// The rules a new passphrase must meet. Returns the interface-message key of the first rule
/// broken, so the caller can say it in the user's language.
pub fn passphrase_rule_broken(passphrase: &str) -> Option<&'static str> {
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < 10 {
        return Some("pass-rule-length");
    }
    let distinct: std::collections::HashSet<&char> = chars.iter().collect();
    if distinct.len() < 5 {
        return Some("pass-rule-variety");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_passphrase_same_key_other_salt_other_key() {
        let p = KdfParams::with_cost(1024, 1);
        assert_eq!(*p.derive("correct horse").unwrap(), *p.derive("correct horse").unwrap());
        assert_ne!(*p.derive("correct horse").unwrap(), *p.derive("correct hors").unwrap());
        let q = KdfParams::with_cost(1024, 1);
        assert_ne!(*p.derive("correct horse").unwrap(), *q.derive("correct horse").unwrap());
    }

    #[test]
    fn params_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(KdfParams::load(dir.path()).unwrap(), None);
        let p = KdfParams::with_cost(1024, 1);
        p.save(dir.path()).unwrap();
        assert_eq!(KdfParams::load(dir.path()).unwrap(), Some(p));
    }

    #[test]
    fn passphrase_rules() {
        assert_eq!(passphrase_rule_broken("short"), Some("pass-rule-length"));
        assert_eq!(passphrase_rule_broken("aaaaaaaaaaaa"), Some("pass-rule-variety"));
        assert_eq!(passphrase_rule_broken("river stone 42"), None);
        assert_eq!(passphrase_rule_broken("نهر حجر أخضر"), None);
    }
}
