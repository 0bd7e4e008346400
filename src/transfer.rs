//! Transfer files, for sites with no server: a tablet writes its finalised sessions (and
//! withdrawal notices) into one file encrypted to the coordinator's public key; the
//! coordinator's desktop imports any number of them, merged and deduplicated by instanceID.
//!
//! The cryptography is age's (X25519 recipients; the coordinator's private key kept in a file
//! encrypted with a passphrase through age's scrypt), not ours. Inside: one JSON document. A
//! file never holds concerns, facilitator notes, consent records or times of day (C6, C10).

use std::collections::BTreeSet;

use age::secrecy::{ExposeSecret, SecretString};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::form::Form;
use crate::i18n::{tr, tr_args, UserMessage};
use crate::lang::Lang;
use crate::store::{ImportOutcome, Store, StoreError, TransferredSession};

/// The coordinator's key files, as `cercle transfer keygen --out DIR` writes them.
pub const PUBLIC_KEY_FILE: &str = "coordinator.pub";
pub const PRIVATE_KEY_FILE: &str = "coordinator.key";

const FORMAT: &str = "cercle-transfer";
const FORMAT_VERSION: u32 = 1;

/// A transfer file's content, once decrypted.
#[derive(Debug, Serialize, Deserialize)]
pub struct Payload {
    format: String,
    version: u32,
    site: String,
    written: NaiveDate,
    /// Every form version the sessions use, so the coordinator can read them.
    forms: Vec<Form>,
    sessions: Vec<TransferredSession>,
    withdrawals: Vec<Notice>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Notice {
    instance_id: String,
    form_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("this is not a coordinator's public key (it starts with age1…): {0}")]
    BadPublicKey(String),
    #[error("the private key file cannot be read: {0}")]
    BadPrivateKey(String),
    #[error("wrong passphrase for the coordinator's key")]
    WrongPassphrase,
    #[error("this file was not written for this coordinator's key: nothing was imported")]
    WrongKey,
    #[error("this is not a Cercle transfer file, or it is damaged: nothing was imported ({0})")]
    NotATransferFile(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl UserMessage for TransferError {
    fn message_in(&self, lang: Lang) -> String {
        match self {
            TransferError::BadPublicKey(_) => tr(lang, "transfer-bad-public-key"),
            TransferError::BadPrivateKey(d) => {
                tr_args(lang, "transfer-bad-private-key", &[("detail", d.as_str().into())])
            }
            TransferError::WrongPassphrase => tr(lang, "transfer-wrong-passphrase"),
            TransferError::WrongKey => tr(lang, "transfer-wrong-key"),
            TransferError::NotATransferFile(_) => tr(lang, "transfer-not-a-file"),
            TransferError::Store(e) => e.message_in(lang),
        }
    }
}

/// A new coordinator key pair: the public key (one line, safe to e-mail) and the private key
/// file's text, encrypted with `passphrase`.
pub fn keygen(passphrase: &str) -> Result<(String, String), TransferError> {
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public().to_string();
    let recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    let secret = identity.to_string();
    let private = age::encrypt_and_armor(&recipient, secret.expose_secret().as_bytes())
        .map_err(|e| TransferError::BadPrivateKey(e.to_string()))?;
    Ok((public, private))
}

/// The coordinator's private key, from its file's text and passphrase.
pub fn unlock_key(private_file: &str, passphrase: &str) -> Result<age::x25519::Identity, TransferError> {
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let plain = age::decrypt(&identity, private_file.as_bytes()).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => TransferError::WrongPassphrase,
        other => TransferError::BadPrivateKey(other.to_string()),
    })?;
    let text = String::from_utf8(plain).map_err(|e| TransferError::BadPrivateKey(e.to_string()))?;
    text.trim().parse::<age::x25519::Identity>().map_err(|e| TransferError::BadPrivateKey(e.to_string()))
}

/// A public key as given: the line itself, or the text of a `coordinator.pub` file.
pub fn public_key(text: &str) -> Result<age::x25519::Recipient, TransferError> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
    line.parse::<age::x25519::Recipient>().map_err(|e| TransferError::BadPublicKey(e.to_string()))
}

/// What a transfer export holds, ready to be written; the rows to mark once it is.
pub struct Exported {
    pub bytes: Vec<u8>,
    pub sessions: Vec<i64>,
    pub notices: Vec<i64>,
}

/// Builds the file of everything not handed over yet: finalised sessions with the forms they
/// use, and withdrawal notices. Marks nothing (the caller does, once the file is written).
pub fn build_export(store: &Store, recipient: &age::x25519::Recipient, site: &str) -> Result<Exported, TransferError> {
    let records = store.sessions_to_transfer()?;
    let mut sessions = Vec::with_capacity(records.len());
    let mut versions = BTreeSet::new();
    for r in &records {
        versions.insert((r.form_id.clone(), r.form_version.clone()));
        sessions.push(store.transferred_session(r, site)?);
    }
    let forms = versions.iter().map(|(id, v)| store.form_version(id, v)).collect::<Result<Vec<_>, _>>()?;
    let notices = store.notices_to_transfer()?;
    let payload = Payload {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        site: site.to_string(),
        written: chrono::Utc::now().date_naive(),
        forms,
        sessions,
        withdrawals: notices
            .iter()
            .map(|(_, instance_id, form_id)| Notice { instance_id: instance_id.clone(), form_id: form_id.clone() })
            .collect(),
    };
    let json = serde_json::to_vec(&payload).map_err(StoreError::from)?;
    let bytes = age::encrypt(recipient, &json).map_err(|e| TransferError::BadPublicKey(e.to_string()))?;
    Ok(Exported {
        bytes,
        sessions: records.iter().map(|r| r.id).collect(),
        notices: notices.iter().map(|n| n.0).collect(),
    })
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub new: usize,
    pub already: usize,
    /// Sessions in the file whose child withdrew, and sessions deleted by its notices.
    pub withdrawn: usize,
    pub forms_installed: usize,
}

/// Decrypts and reads a transfer file: a wrong key or a damaged file is refused here, before
/// anything is imported.
pub fn open(identity: &age::x25519::Identity, bytes: &[u8]) -> Result<Payload, TransferError> {
    let json = age::decrypt(identity, bytes).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => TransferError::WrongKey,
        other => TransferError::NotATransferFile(other.to_string()),
    })?;
    let payload: Payload = serde_json::from_slice(&json).map_err(|e| TransferError::NotATransferFile(e.to_string()))?;
    if payload.format != FORMAT || payload.version > FORMAT_VERSION {
        return Err(TransferError::NotATransferFile(format!("{} version {}", payload.format, payload.version)));
    }
    Ok(payload)
}

/// Merges a transfer file into the store, whole or not at all: notices first (a withdrawn
/// child is never imported), then the forms it needs, then its sessions, deduplicated by
/// instanceID. Importing the same file twice changes nothing.
pub fn merge(store: &Store, payload: &Payload) -> Result<ImportReport, StoreError> {
    store.atomically(|s| {
        let mut report = ImportReport::default();
        for n in &payload.withdrawals {
            if s.apply_withdrawal_notice(&n.instance_id, &n.form_id)? {
                report.withdrawn += 1;
            }
        }
        for form in &payload.forms {
            if !s.has_form_version(&form.id, &form.version)? {
                s.save_form(form, false)?;
                report.forms_installed += 1;
            }
        }
        for session in &payload.sessions {
            match s.import_session(session)? {
                ImportOutcome::New => report.new += 1,
                ImportOutcome::Already => report.already += 1,
                ImportOutcome::Withdrawn => report.withdrawn += 1,
            }
        }
        Ok(report)
    })
}
