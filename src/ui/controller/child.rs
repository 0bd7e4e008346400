//! Child mode: assent, the limits of confidentiality, one question per screen, "talk to
//! someone", read-aloud. Every tap goes to the core, which answers and stores; this shows the
//! screen the core is on, with the message of a refused or unsaved tap in the child's language.

use slint::ComponentHandle;

use super::App;
use crate::engine::Answer;
use crate::i18n::{tr, UserMessage};
use crate::lang::Lang;
use crate::service::{Phase, TapError};
use crate::ui::audio::AudioError;
use crate::ui::child_view::{self, phase_view};
use crate::ui::{images, Child, LockMode, Page};

impl App {
    pub(super) fn wire_child(&self) {
        let child = self.window.global::<Child>();
        let h = self.handle();
        child.on_choose(move |q, choice| h.with(|app| app.tapped(|fac| fac.choose(&q, &choice))));
        let h = self.handle();
        child.on_rather_not_say(move |q| h.with(|app| app.tapped(|fac| fac.toggle_state(&q, Answer::RatherNotSay))));
        let h = self.handle();
        child.on_dont_know(move |q| h.with(|app| app.tapped(|fac| fac.toggle_state(&q, Answer::DontKnow))));
        let h = self.handle();
        child.on_set_text(move |q, text| h.with(|app| app.tapped(|fac| fac.type_answer(&q, &text))));
        let h = self.handle();
        child.on_set_number(move |q, n| h.with(|app| app.tapped(|fac| fac.answer(&q, Answer::Value(n.to_string())))));
        let h = self.handle();
        child.on_next(move || h.with(|app| app.step(true)));
        let h = self.handle();
        child.on_back(move || h.with(|app| app.step(false)));
        let h = self.handle();
        child.on_talk(move || h.with(|app| app.child_asks_to_talk()));
        let h = self.handle();
        child.on_facilitator(move || h.with(|app| app.show_lock(LockMode::Facilitator)));
        let h = self.handle();
        child.on_assent(move |yes| h.with(|app| app.assent(yes)));
        let h = self.handle();
        child.on_listen(move |q, choice| h.with(|app| app.listen(&q, &choice)));
        let h = self.handle();
        child.on_add_instance(move || h.with(|app| app.tapped(|fac| fac.change_instances(None))));
        let h = self.handle();
        child.on_remove_instance(move |k| {
            h.with(|app| {
                if let Ok(k) = usize::try_from(k) {
                    app.tapped(|fac| fac.change_instances(Some(k)))
                }
            })
        });
        let h = self.handle();
        child.on_limits_understood(move || {
            h.with(|app| {
                app.with_fac(|fac| fac.limits_understood());
                app.show_child("");
            })
        });
    }

    /// The language the child reads: the session's.
    fn child_lang(&self) -> Lang {
        let st = self.state.borrow();
        st.fac.as_ref().and_then(|f| f.child()).map(|c| c.survey.lang()).unwrap_or_else(|| st.device.ui_lang())
    }

    /// Runs a tap through the core and shows the screen it leads to.
    /// A tap the store could not save is not shown as given (the core went back to what is
    /// saved); the child sees a calm "give the tablet to the adult", the facilitator the reason.
    fn tapped(&self, tap: impl FnOnce(&mut crate::service::Facilitator) -> Result<(), TapError>) {
        let result = self.with_fac(tap);
        let message = match result {
            Some(Err(e @ TapError::NotSaved(_))) => {
                let for_facilitator = e.message_in(self.ui_lang());
                self.state.borrow_mut().unsaved_failure = Some(for_facilitator);
                self.window.global::<Child>().set_handover(true);
                String::new()
            }
            Some(Err(e)) => e.message_in(self.child_lang()),
            _ => String::new(),
        };
        self.show_child(&message);
    }

    /// Back in child mode: the previous question, as the on-screen Back button does.
    pub(super) fn step_back(&self) {
        self.step(false);
    }

    fn step(&self, forward: bool) {
        self.state.borrow_mut().player.stop();
        self.tapped(|fac| fac.step(forward));
    }

    /// Reopens an unfinished session in child mode.
    pub(super) fn open_session(&self, id: i64) {
        match self.with_fac(|fac| fac.resume_session(id)) {
            Some(Ok(())) => self.enter_child_mode(),
            Some(Err(e)) => self.show_error(&e),
            None => {}
        }
    }

    /// After a crash, a flat battery or a lock in child mode, go straight back to the same question.
    pub(super) fn resume_child_mode_after_restart(&self) {
        match self.with_fac(|fac| fac.session_to_reopen()) {
            Some(Ok(Some(id))) => self.open_session(id),
            Some(Err(e)) => self.show_error(&e),
            _ => {}
        }
    }

    pub(super) fn enter_child_mode(&self) {
        let media = self.with_fac(|fac| {
            let child = fac.child()?;
            let media = fac.store().media(&child.record.form_id, &child.record.form_version);
            Some((child.record.form_id.clone(), media))
        });
        if let Some(Some((form_id, Ok(media)))) = media {
            images::register_form_media(&form_id, &media);
        }
        self.state.borrow_mut().declined = false;
        let child = self.window.global::<Child>();
        child.set_talk_open(false);
        child.set_handover(false);
        // A new session (or the same one after the review) is drawn afresh: rows kept from
        // before would keep what another child typed.
        child.set_questions(slint::ModelRc::default());
        child.set_position(-1);
        self.show_child("");
        self.go(Page::Child);
    }

    /// Shows where the child is; `message` is already in the child's language.
    pub(super) fn show_child(&self, message: &str) {
        let st = self.state.borrow();
        let child = self.window.global::<Child>();
        match st.fac.as_ref().and_then(|f| f.child().map(|c| (f, c))) {
            Some((fac, session)) => {
                child_view::show(&self.window, &session.survey, session.phase, message);
                let help = fac.site().help.get(&session.survey.lang()).cloned().unwrap_or_default();
                child.set_help_contacts(help.into());
            }
            None if st.declined => child.set_phase(phase_view(Phase::Declined)),
            None => {}
        }
    }

    /// The child's assent (C2): "no" ends the session and keeps none of it.
    fn assent(&self, yes: bool) {
        let lang = self.child_lang();
        match self.with_fac(|fac| fac.assent(yes)) {
            Some(Ok(())) => {
                self.state.borrow_mut().declined = !yes;
                self.show_child("");
            }
            Some(Err(e)) => self.show_child(&e.message_in(lang)),
            None => {}
        }
    }

    /// "I want to talk to someone" (C6): a calm screen for the child, a flag for the facilitator.
    fn child_asks_to_talk(&self) {
        let lang = self.child_lang();
        if let Some(Err(e)) = self.with_fac(|fac| fac.child_asks_to_talk()) {
            self.show_child(&e.message_in(lang));
        }
        self.window.global::<Child>().set_talk_open(true);
    }

    /// Plays a recording in the session language (read-aloud): the question's, or when `choice`
    /// is not empty, that choice's.
    fn listen(&self, question: &str, choice: &str) {
        let found = self.with_fac(|fac| {
            let session = fac.child()?;
            let lang = session.survey.lang();
            let form = session.survey.form();
            let node = session.survey.current().into_iter().find(|n| n.name == question)?;
            let audio = match choice {
                "" => Some(&node.audio),
                c => session.survey.choices(node).into_iter().find(|ch| ch.name == c).map(|ch| &ch.audio),
            };
            let file = audio.and_then(|a| a.0.get(&lang))?;
            Some((lang, fac.store().media_file(&form.id, &form.version, file)))
        });
        let Some(Some((lang, bytes))) = found else { return };
        let played = match bytes {
            Ok(Some(bytes)) => self.state.borrow_mut().player.play(bytes),
            Ok(None) | Err(_) => Err(AudioError::Unreadable),
        };
        let message = match played {
            Ok(()) => String::new(),
            Err(AudioError::NoSound) => tr(lang, "child-no-sound"),
            Err(AudioError::Unreadable) => tr(lang, "child-audio-unreadable"),
        };
        self.show_child(&message);
    }
}
