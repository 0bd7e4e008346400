//! Every facilitator screen (lock, home, start, review, audit log, site rules, send, about,
//! transfer, coordinator) of
//! the real app, with real data, in the four languages, on a 10-inch tablet: 1280x800 and
//! 800x1280 logical pixels drawn at a scale factor of 2. Nothing may be cut at a side (the
//! pages scroll vertically, never sideways); the PNGs go to target/screenshots/facilitator/
//! for people to open.

#![cfg(feature = "ui")]

mod common;

use std::path::PathBuf;

use cercle::lang::Lang;
use cercle::store::Status;
use cercle::ui::screenshot::{init_headless, render_scaled};
use cercle::ui::{App, Audit, GetForms, Home, Lock, Nav, Page, ServerFormRow};
use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use slint::ComponentHandle;

const SCALE: f32 = 2.0;

/// A data folder as a facilitator's would be after a day: finalised and unfinished sessions,
/// submissions waiting with a reason, a server set.
fn day_of_work(dir: &std::path::Path) -> i64 {
    let mut store = common::create_store(dir);
    cercle::simulate::run(&mut store, "cercle_participation", 3, 1).unwrap();
    cercle::simulate::run(&mut store, "cercle_advisory_feedback", 2, 2).unwrap();
    let first = store.sessions(Some(Status::Finalised)).unwrap()[0].id;
    for id in store.sessions_to_queue().unwrap() {
        cercle::sync::queue_session(&store, id).unwrap();
    }
    let entry = store.outbox().unwrap()[0].id;
    store.mark_retry(entry, "network=no-connection", chrono::Utc::now()).unwrap();
    // On this computer, refused at once: the background sender the unlock starts reaches no
    // network from a test.
    let server =
        cercle::sync::ServerSettings::parse("http://127.0.0.1:9/v1/key/T0k3n/projects/4/", None, None).unwrap();
    store.set_setting(cercle::sync::SERVER_SETTING, Some(&server.to_json())).unwrap();
    first
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots/facilitator");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Elements a facilitator sees or touches that are cut at a side of the window.
fn cut_at_a_side(app: &App, width: f32) -> Vec<String> {
    let with_role = |e: &ElementHandle| e.accessible_role().is_some_and(|r| r != AccessibleRole::None);
    let seen = ElementQuery::from_root(app.window()).match_predicate(with_role).find_all();
    assert!(seen.len() >= 3, "the check sees the screen's elements");
    seen.iter()
        .filter_map(|e| {
            let (p, s) = (e.absolute_position(), e.size());
            let inside = p.x >= -0.5 && p.x + s.width <= width + 0.5;
            (!inside && s.width > 0.0 && s.height > 0.0)
                .then(|| format!("{:?} at x {:.0}, {:.0} wide", e.accessible_label().unwrap_or_default(), p.x, s.width))
        })
        .collect()
}

fn unlock(app: &App) {
    let field = ElementQuery::from_root(app.window())
        .match_predicate(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
        .find_first()
        .expect("the passphrase field");
    field.set_accessible_value(common::PASS);
    app.window().global::<Lock>().invoke_submit(common::PASS.into(), common::PASS.into());
    assert_eq!(app.window().global::<Nav>().get_page(), Page::Home);
}

fn every_facilitator_screen_fits(size: (u32, u32)) {
    init_headless().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let review_id = day_of_work(dir.path());
    let app = App::new(dir.path()).unwrap();
    app.window().show().unwrap();
    let out = out_dir();
    let mut problems = Vec::new();
    let mut shoot = |app: &App, lang: Lang, name: &str| {
        let frame = render_scaled(size, SCALE).unwrap();
        assert_eq!((frame.width, frame.height), ((size.0 as f32 * SCALE) as u32, (size.1 as f32 * SCALE) as u32));
        let dark = frame.pixels.iter().filter(|p| (p.r as u32 + p.g as u32 + p.b as u32) < 200).count();
        assert!(dark > 2000, "{name} {lang}: looks blank");
        std::fs::write(out.join(format!("{name}-{lang}-{}x{}@2x.png", size.0, size.1)), frame.to_png().unwrap())
            .unwrap();
        for cut in cut_at_a_side(app, size.0 as f32) {
            problems.push(format!("{name} in {lang} at {}x{}: {cut}", size.0, size.1));
        }
    };
    render_scaled(size, SCALE).unwrap();
    unlock(&app);
    for lang in Lang::ALL {
        let home = app.window().global::<Home>();
        home.invoke_set_interface_lang(lang.code().into());
        home.invoke_lock();
        shoot(&app, lang, "lock");
        unlock(&app);
        shoot(&app, lang, "home");
        home.invoke_start("cercle_participation".into());
        shoot(&app, lang, "start");
        home.invoke_review(review_id as i32);
        shoot(&app, lang, "review");
        home.invoke_audit();
        shoot(&app, lang, "audit");
        app.window().global::<Audit>().invoke_site_rules();
        shoot(&app, lang, "site-rules");
        home.invoke_send();
        assert_eq!(app.window().global::<Nav>().get_page(), Page::Send);
        shoot(&app, lang, "send");
        home.invoke_about();
        shoot(&app, lang, "about");
        home.invoke_transfer();
        assert_eq!(app.window().global::<Nav>().get_page(), Page::Transfer);
        shoot(&app, lang, "transfer");
        home.invoke_coordinator();
        assert_eq!(app.window().global::<Nav>().get_page(), Page::Coordinator);
        shoot(&app, lang, "coordinator");
        // Get forms, with the rows a server's list gives (this test's server is unreachable;
        // tests/getforms_window.rs fills them from a real one).
        home.invoke_get_forms();
        assert_eq!(app.window().global::<Nav>().get_page(), Page::Getforms);
        let g = app.window().global::<GetForms>();
        let rows: Vec<ServerFormRow> = [("new", "2026120101"), ("update", "7[encrypted:AaIsBrYG]"), ("installed", "3")]
            .iter()
            .enumerate()
            .map(|(i, (state, version))| ServerFormRow {
                id: format!("form{i}").into(),
                name: [
                    "Children's voices: what would make your school safer?",
                    "Advisory committee feedback",
                    "Play spaces",
                ][i]
                    .into(),
                details: format!("{version} · {state}").into(),
                state: (*state).into(),
            })
            .collect();
        g.set_forms(slint::ModelRc::new(slint::VecModel::from(rows)));
        g.set_status(cercle::i18n::tr_args(lang, "get-forms-hash-mismatch", &[("file", "sun.png".into())]).into());
        g.set_error(true);
        // The listing this screen started cannot finish here (no event loop): shown as done.
        g.set_busy(false);
        shoot(&app, lang, "get-forms");
    }
    assert!(problems.is_empty(), "{} cut at a side:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_facilitator_screen_fits_a_landscape_tablet_at_scale_2() {
    every_facilitator_screen_fits((1280, 800));
}

#[test]
fn every_facilitator_screen_fits_a_portrait_tablet_at_scale_2() {
    every_facilitator_screen_fits((800, 1280));
}
