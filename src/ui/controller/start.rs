//! The new-session screen: the session's language, the child's age band, the guardian's
//! consent where the site asks for it (C2). Starting is the core's.

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::App;
use crate::form::{session_languages, AgeBand};
use crate::i18n::{tr, UserMessage};
use crate::lang::Lang;
use crate::service::ServiceError;
use crate::ui::{LangItem, Page, Start};

impl App {
    pub(super) fn wire_start(&self) {
        let start = self.window.global::<Start>();
        let h = self.handle();
        start.on_begin(move || h.with(|app| app.begin_session()));
        let h = self.handle();
        start.on_cancel(move || h.with(|app| app.show_home()));
    }

    pub(super) fn open_start(&self, form_id: &str) {
        let lang = self.ui_lang();
        let found = self.with_fac(|fac| fac.store().form(form_id).map(|f| (f, fac.site().consent_age)));
        let (form, consent_age) = match found {
            Some(Ok(v)) => v,
            Some(Err(e)) => return self.show_error(&e),
            None => return,
        };
        let langs = session_languages(&form);
        let start = self.window.global::<Start>();
        start.set_form_title(form.title.get(lang, form.default_language).into());
        let mut items: Vec<LangItem> =
            langs.iter().map(|l| LangItem { code: l.code().into(), name: l.native_name().into() }).collect();
        if lang.is_rtl() {
            items.reverse(); // the row reads from the right
        }
        start.set_languages(ModelRc::new(VecModel::from(items)));
        let session_lang = if langs.contains(&lang) { lang } else { form.default_language };
        start.set_lang(session_lang.code().into());
        // No band is chosen for the facilitator: a preselected one would be taken unasked.
        start.set_age_band(SharedString::new());
        start.set_consent(false);
        start.set_error(SharedString::new());
        start.set_consent_age(i32::from(consent_age));
        self.state.borrow_mut().start_form = Some(form_id.to_string());
        self.go(Page::Start);
    }

    fn begin_session(&self) {
        let start = self.window.global::<Start>();
        let lang = Lang::from_code(&start.get_lang()).unwrap_or(Lang::En);
        let Some(band) = AgeBand::from_code(&start.get_age_band()) else {
            return start.set_error(tr(self.ui_lang(), "start-choose-age-band").into());
        };
        let Some(form_id) = self.state.borrow().start_form.clone() else { return };
        let started = self.with_fac(|fac| fac.start_session(&form_id, lang, band, start.get_consent()));
        match started {
            Some(Ok(())) => self.enter_child_mode(),
            Some(Err(e @ ServiceError::ConsentNeeded { .. })) => start.set_error(e.message_in(self.ui_lang()).into()),
            Some(Err(e)) => {
                self.go(Page::Home);
                self.show_error(&e);
            }
            None => {}
        }
    }
}
