//! Why a facilitator's action did not happen, and how each reason reads in the user's language.

use crate::form::Problem;
use crate::i18n::{tr, tr_args, UserMessage};
use crate::lang::Lang;
use crate::store::StoreError;
use crate::xlsform::ImportError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A form with errors is refused whole; the problems say why.
    #[error("{file} was not imported: it has {} errors", .problems.iter().filter(|p| p.is_error()).count())]
    FormRefused { file: String, problems: Vec<Problem> },
    /// Another form with this id and version is installed: a changed form needs a new version.
    #[error(
        "form {form} version {version} is already installed with other content: give the changed form a new version"
    )]
    VersionInstalled { form: String, version: String },
    #[error("children under {age} need their guardian's consent here")]
    ConsentNeeded { age: u8 },
    #[error("no session with code {0} on this device")]
    UnknownCode(String),
    #[error("the two passphrases are not the same")]
    Mismatch,
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// Site rules that were not valid, by key, with what each takes; none was saved.
    #[error("site rules not saved: {}", .0.iter().map(|(k, why)| format!("{k}: {why}")).collect::<Vec<_>>().join("; "))]
    SiteRules(Vec<(String, String)>),
    #[error("no session is open")]
    NoSession,
    #[error("{path}: {source}")]
    File { path: String, source: std::io::Error },
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    #[error(transparent)]
    Server(#[from] crate::sync::ServerError),
    #[error(transparent)]
    Xform(#[from] crate::xform::XformError),
    #[error(transparent)]
    XformRead(#[from] crate::xform::XformReadError),
    #[error(transparent)]
    GetForms(#[from] crate::sync::getforms::GetFormsError),
    #[error(transparent)]
    Transfer(#[from] crate::transfer::TransferError),
}

pub type Result<T> = std::result::Result<T, ServiceError>;

impl UserMessage for ServiceError {
    fn message_in(&self, lang: Lang) -> String {
        match self {
            ServiceError::Store(e) => e.message_in(lang),
            ServiceError::Import(e) => e.message_in(lang),
            ServiceError::FormRefused { file, problems } => {
                let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
                let first = errors.first().map(|p| p.located_message_in(lang)).unwrap_or_default();
                tr_args(
                    lang,
                    "import-refused",
                    &[("file", file.clone().into()), ("errors", errors.len().into()), ("first", first.into())],
                )
            }
            ServiceError::VersionInstalled { form, version } => tr_args(
                lang,
                "import-version-installed",
                &[("form", form.clone().into()), ("version", version.clone().into())],
            ),
            ServiceError::ConsentNeeded { age } => {
                tr_args(lang, "start-consent-needed", &[("age", i64::from(*age).into())])
            }
            ServiceError::UnknownCode(code) => tr_args(lang, "withdraw-unknown", &[("code", code.clone().into())]),
            ServiceError::Mismatch => tr(lang, "lock-mismatch"),
            ServiceError::WrongPassphrase => tr(lang, "lock-wrong"),
            ServiceError::SiteRules(_) => tr(lang, "site-invalid"),
            ServiceError::NoSession => tr(lang, "error-no-session"),
            ServiceError::File { path, source } => {
                tr_args(lang, "error-file", &[("file", path.clone().into()), ("detail", source.to_string().into())])
            }
            ServiceError::Sync(e) => e.message_in(lang),
            ServiceError::Server(e) => e.message_in(lang),
            ServiceError::Xform(e) => e.message_in(lang),
            ServiceError::XformRead(e) => e.message_in(lang),
            ServiceError::GetForms(e) => e.message_in(lang),
            ServiceError::Transfer(e) => e.message_in(lang),
        }
    }
}

/// Store errors as a person can act on them: a full disk, a read-only or damaged file, a busy
/// database each say so; anything else gives SQLite's words inside a sentence.
impl UserMessage for StoreError {
    fn message_in(&self, lang: Lang) -> String {
        use rusqlite::ErrorCode;
        let sqlite_code = match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => err.sqlite_error_code(),
            _ => None,
        };
        match (self, sqlite_code) {
            (StoreError::Damaged(_), _) => tr(lang, "error-damaged"),
            (StoreError::CannotWrite(crate::store::NoWrites::DiskFull), _) => tr(lang, "error-disk-full"),
            (StoreError::CannotWrite(crate::store::NoWrites::ReadOnly), _) => tr(lang, "error-read-only"),
            (_, Some(ErrorCode::DiskFull)) => tr(lang, "error-disk-full"),
            (_, Some(ErrorCode::ReadOnly)) => tr(lang, "error-read-only"),
            (_, Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)) => tr(lang, "error-damaged"),
            (_, Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)) => tr(lang, "error-busy"),
            (StoreError::WrongPassphrase, _) => tr(lang, "lock-wrong"),
            (StoreError::WeakPassphrase(rule), _) => tr(lang, rule),
            (StoreError::UnknownForm(id), _) => tr_args(lang, "error-unknown-form", &[("form", id.clone().into())]),
            (StoreError::UnknownSession(_), _) => tr(lang, "error-no-session"),
            _ => tr_args(lang, "error-open", &[("detail", self.to_string().into())]),
        }
    }
}
