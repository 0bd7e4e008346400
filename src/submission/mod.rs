//! A finalised session as the bytes an OpenRosa server receives, fixed once.
//!
//! A submission is built exactly once, when the session is queued, and its bytes are stored in
//! the outbox: every retry sends the same bytes (the same encrypted bytes too: the AES key is
//! drawn once), so a server that already has it answers 201/202 and keeps one record.

pub mod encrypt;

use std::collections::BTreeMap;

use crate::engine::Answer;
use crate::form::Form;
use crate::xform::{write_instance, SessionFacts, XformError};

/// One part of the multipart body.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The form-data name: `xml_submission_file`, or the file's name for an attachment.
    pub name: String,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Part {
    /// The part every submission has: the instance XML (or the encrypted manifest).
    pub fn xml(bytes: Vec<u8>) -> Part {
        Part {
            name: "xml_submission_file".into(),
            file_name: "submission.xml".into(),
            content_type: "text/xml".into(),
            bytes,
        }
    }
}

/// What goes to the server for one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub instance_id: String,
    pub form_id: String,
    pub form_version: String,
    pub encrypted: bool,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BuildError {
    #[error("{0}")]
    Xform(#[from] XformError),
    #[error("{0}")]
    Encrypt(#[from] encrypt::EncryptError),
}

/// Builds the submission of a session: its instance XML, encrypted to the form's public key
/// when the form carries one (C8).
pub fn build(form: &Form, facts: &SessionFacts, answers: &BTreeMap<String, Answer>) -> Result<Submission, BuildError> {
    let xml = write_instance(form, facts, answers)?;
    let (encrypted, parts) = match &form.public_key {
        Some(key) => (
            true,
            encrypt::encrypt_submission(key, &form.id, &facts.form_version, &facts.instance_id, xml.as_bytes(), &[])?,
        ),
        None => (false, vec![Part::xml(xml.into_bytes())]),
    };
    Ok(Submission {
        instance_id: facts.instance_id.clone(),
        form_id: form.id.clone(),
        form_version: facts.form_version.clone(),
        encrypted,
        parts,
    })
}
