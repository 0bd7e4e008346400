//! A child's session while the tablet is in child mode: the engine's survey, where the child
//! is around the questions, and the answers the store could not take yet.

use crate::engine::{Refusal, Survey};
use crate::i18n::{tr, tr_args, UserMessage};
use crate::lang::Lang;
use crate::store::{SessionRecord, StoreError};

/// Where a child is in child mode, before and around the questions. Assent and the limits of
/// confidentiality come before the engine's screens; the engine owns the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Assent,
    Limits,
    Questions,
    /// The child said no: the session is gone, a calm screen stays until the facilitator comes.
    Declined,
}

/// The session open in child mode (or on the facilitator's review).
#[derive(Debug, Clone)]
pub struct ChildSession {
    pub record: SessionRecord,
    pub survey: Survey,
    pub phase: Phase,
    /// A typed answer the engine refused, by question. A box the child types in keeps what was
    /// typed, refused or not, so until the question gets an answer the engine takes, Next says
    /// the refusal again instead of moving on with an answer the child no longer sees (the last
    /// one taken: "1" of a refused "12").
    pub(super) typed_refusal: Option<(String, Refusal)>,
}

impl ChildSession {
    pub(super) fn new(record: SessionRecord, survey: Survey, phase: Phase) -> ChildSession {
        ChildSession { record, survey, phase, typed_refusal: None }
    }
}

/// Why a tap in child mode did not go through as given.
#[derive(Debug, thiserror::Error)]
pub enum TapError {
    /// The engine refused the answer (a required question, a range, the form's constraint);
    /// `form_message` is the form's own message in the session language, when it has one.
    #[error("answer refused: {refusal:?}")]
    Refused { refusal: Refusal, form_message: Option<String> },
    /// The engine took it but the store did not (a full disk, a read-only or locked file): the
    /// survey is back to what the store holds, so the child never sees an answer as given that
    /// is not saved; the tablet should go back to the adult.
    #[error("the answer was not saved: {0}")]
    NotSaved(StoreError),
}

impl UserMessage for TapError {
    fn message_in(&self, lang: Lang) -> String {
        match self {
            TapError::Refused { form_message: Some(m), .. } => m.clone(),
            TapError::Refused { refusal, .. } => refusal_message(lang, refusal),
            TapError::NotSaved(e) => tr_args(lang, "error-save", &[("detail", e.message_in(lang).into())]),
        }
    }
}

impl TapError {
    pub(super) fn refused(survey: &Survey, refusal: Refusal) -> TapError {
        TapError::Refused { form_message: survey.form_message(&refusal), refusal }
    }
}

fn refusal_message(lang: Lang, refusal: &Refusal) -> String {
    match refusal {
        Refusal::OutOfRange { min, max, .. } => {
            tr_args(lang, refusal.message_key(), &[("min", (*min).into()), ("max", (*max).into())])
        }
        _ => tr(lang, refusal.message_key()),
    }
}
