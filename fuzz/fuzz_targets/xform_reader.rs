//! The XForm reader on any bytes: it must return a form or an error, never panic, never hang.
//! Forms that read without error are also checked the way an install would (Form::check, the
//! engine's first screen), since a server could send exactly such a form.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(read) = cercle::xform::read_xform(text) else { return };
    if read.problems.iter().any(|p| p.is_error()) {
        return;
    }
    let form = read.form;
    let _ = form.check();
    let lang = form.default_language;
    let survey = cercle::engine::Survey::new(std::sync::Arc::new(form), lang, cercle::form::AgeBand::Age8To12);
    let _ = survey.current();
});
