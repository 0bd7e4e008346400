//! The facilitator's review of one session: the answers, concerns with the referral pathway
//! (C6), free text flagged for redaction (C12), withdraw (C5), finalise.

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::App;
use crate::engine::Answer;
use crate::i18n::{tr, tr_args, UserMessage};
use crate::store::Status;
use crate::ui::{Page, Review, ReviewRow};

impl App {
    pub(super) fn wire_review(&self) {
        let review = self.window.global::<Review>();
        let h = self.handle();
        review.on_finalise(move || h.with(|app| app.finalise()));
        let h = self.handle();
        review.on_continue_child(move || {
            h.with(|app| match app.with_fac(|fac| fac.continue_child_mode()) {
                Some(Ok(())) => app.enter_child_mode(),
                Some(Err(e)) => app.review_error(&e),
                None => {}
            })
        });
        let h = self.handle();
        review.on_home(move || {
            h.with(|app| {
                app.with_fac(|fac| fac.close_session());
                app.refresh_home();
                app.go(Page::Home);
            })
        });
        let h = self.handle();
        review.on_flag_concern(move |note| h.with(|app| app.review_action(|fac| fac.flag_concern(&note))));
        let h = self.handle();
        review.on_redact(move |key| h.with(|app| app.review_action(|fac| fac.redact(&key))));
        let h = self.handle();
        review.on_withdraw(move || {
            h.with(|app| {
                let code = app.with_fac(|fac| fac.child().map(|c| c.record.code.clone())).flatten();
                if let Some(code) = code {
                    app.withdraw_code(&code);
                }
            })
        });
    }

    fn review_error(&self, e: &dyn UserMessage) {
        self.window.global::<Review>().set_error(e.message_in(self.ui_lang()).into());
    }

    /// Runs an action on the open session, then shows its review again (or the error).
    fn review_action(&self, action: impl FnOnce(&mut crate::service::Facilitator) -> crate::service::Result<()>) {
        let done = self.with_fac(|fac| action(fac).map(|()| fac.child().map(|c| c.record.id)));
        match done {
            Some(Ok(Some(id))) => self.open_review(id),
            Some(Ok(None)) | None => {}
            Some(Err(e)) => self.review_error(&e),
        }
    }

    pub(super) fn open_review(&self, id: i64) {
        let lang = self.ui_lang();
        let loaded = self.with_fac(|fac| {
            let referral = fac.site().referral.get(&lang).cloned().unwrap_or_default();
            fac.review(id).map(|data| (data, referral))
        });
        let (data, referral) = match loaded {
            Some(Ok(v)) => v,
            Some(Err(e)) => return self.show_error(&e),
            None => return,
        };
        let survey = &data.survey;
        let form = survey.form().clone();
        let questions = survey.questions();
        let rows: Vec<ReviewRow> = questions
            .iter()
            .map(|slot| {
                let n = slot.node;
                let answer = match survey.answers().get(&slot.key) {
                    None => tr(lang, "review-not-answered"),
                    Some(Answer::RatherNotSay) => tr(lang, "review-rather-not-say"),
                    Some(Answer::DontKnow) => tr(lang, "review-dont-know"),
                    Some(Answer::Value(v)) => form.shown_answer(n, v, lang),
                };
                let label = n.label.get(lang, form.default_language);
                let question = match slot.instance {
                    Some(k) => tr_args(lang, "review-instance", &[("question", label.into()), ("number", k.into())]),
                    None => label.to_string(),
                };
                ReviewRow {
                    name: slot.key.as_str().into(),
                    question: question.into(),
                    answer: answer.into(),
                    flagged: data.flagged.contains(&slot.key),
                }
            })
            .collect();
        let answered = questions.iter().filter(|slot| survey.answers().contains_key(&slot.key)).count();
        let review = self.window.global::<Review>();
        review.set_code(data.record.code.as_str().into());
        review.set_form_title(form.title.get(lang, form.default_language).into());
        review.set_summary(
            tr_args(lang, "review-summary", &[("answered", answered.into()), ("total", questions.len().into())]).into(),
        );
        review.set_rows(ModelRc::new(VecModel::from(rows)));
        review.set_finalised(data.record.status == Status::Finalised);
        review.set_error(SharedString::new());
        review.set_has_concern(!data.concerns.is_empty());
        review.set_concern_notes(
            data.concerns
                .iter()
                .map(|(_, note)| note.as_str())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
                .into(),
        );
        review.set_has_flagged(!data.flagged.is_empty());
        self.state.borrow_mut().finalise_warned = false;
        review.set_referral(referral.into());
        self.go(Page::Review);
    }

    fn finalise(&self) {
        let review = self.window.global::<Review>();
        // C12 asks the facilitator to redact first: a false alarm ("12 friends") stays possible,
        // so a second tap finalises the answers as they are.
        if review.get_has_flagged() && !self.state.borrow().finalise_warned {
            self.state.borrow_mut().finalise_warned = true;
            review.set_error(tr(self.ui_lang(), "review-finalise-confirm").into());
            return;
        }
        match self.with_fac(|fac| fac.finalise()) {
            Some(Ok(())) => {
                self.window.global::<Review>().set_finalised(true);
                self.nudge_sender();
                self.refresh_home();
            }
            Some(Err(e)) => {
                let detail = e.message_in(self.ui_lang());
                let message = tr_args(self.ui_lang(), "error-finalise", &[("detail", detail.into())]);
                self.window.global::<Review>().set_error(message.into());
            }
            None => {}
        }
    }
}
