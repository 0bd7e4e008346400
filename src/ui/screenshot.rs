//! Headless rendering of child-mode screens with Slint's software renderer: what `cercle
//! screenshot` writes and what the screenshot tests look at. No display is needed.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};
use slint::Rgb8Pixel;
use slint::{ComponentHandle, PhysicalSize};

use crate::engine::{Answer, Survey};
use crate::form::{AgeBand, Form};
use crate::lang::Lang;

use super::{child_view, AppWindow, Nav, Page};
use crate::service::Phase;

struct HeadlessPlatform {
    window: Rc<MinimalSoftwareWindow>,
}

impl Platform for HeadlessPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, slint::PlatformError> {
        Ok(self.window.clone())
    }
}

thread_local! {
    // One platform per process, and Slint objects stay on their thread: one window, reused.
    static HEADLESS_WINDOW: RefCell<Option<Rc<MinimalSoftwareWindow>>> = const { RefCell::new(None) };
    static HEADLESS: RefCell<Option<(Rc<MinimalSoftwareWindow>, AppWindow)>> = const { RefCell::new(None) };
}

/// A rendered screen: RGB pixels, row by row.
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<Rgb8Pixel>,
}

impl Frame {
    pub fn pixel(&self, x: u32, y: u32) -> Rgb8Pixel {
        self.pixels[(y * self.width + x) as usize]
    }

    pub fn to_png(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header()?;
            let bytes: Vec<u8> = self.pixels.iter().flat_map(|p| [p.r, p.g, p.b]).collect();
            writer.write_image_data(&bytes)?;
        }
        Ok(out)
    }
}

/// Child-mode screens before the questions: the assent screen and the confidentiality limits.
pub const SCREENS_BEFORE_QUESTIONS: usize = 2;

/// The number of child-mode screens for this form and age band, the thank-you screen included.
pub fn child_screen_count(form: &Form, age_band: AgeBand) -> usize {
    SCREENS_BEFORE_QUESTIONS
        + survey_to_show(form.clone(), Lang::En, age_band, &[]).map_or(1, |mut s| shown_positions(&mut s).len())
}

/// The engine's screens a child is shown, and the thank-you screen: a screen whose questions
/// are all hidden by the answers so far (in a repeat instance, say) is passed over by Next, so
/// it is not drawn either.
fn shown_positions(survey: &mut Survey) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..survey.screen_count())
        .filter(|&p| {
            survey.go_to(p);
            !survey.current().is_empty() || survey.repeat_place().is_some_and(|r| r.instance.is_none())
        })
        .collect();
    shown.push(survey.screen_count());
    shown
}

/// A survey laid out the way the screenshots show it: the given answers outside repeats first,
/// then every repeat the child adds to gets as many instances as the answers name (`name[k]`),
/// at least one, so that its questions (with their caption) and its "add another?" screen all
/// appear; then the answers inside instances.
fn survey_to_show(form: Form, lang: Lang, age_band: AgeBand, answers: &[(String, String)]) -> Result<Survey> {
    let mut survey = Survey::new(Arc::new(form), lang, age_band);
    let give = |survey: &mut Survey, (key, value): &(String, String)| {
        survey
            .revise(key, Answer::Value(value.clone()))
            .map_err(|refused| anyhow::anyhow!("the answer {key}={value} cannot be given: {refused}"))
    };
    // Answers outside repeats first: they may set how many instances there are.
    let (in_instances, plain): (Vec<_>, Vec<_>) = answers.iter().partition(|(key, _)| key.contains('['));
    for answer in plain {
        give(&mut survey, answer)?;
    }
    // Instances a `NAME[K]` answer needs, by row name.
    let wanted = |repeat: &crate::form::Node| -> usize {
        fn within(nodes: &[crate::form::Node], name: &str) -> bool {
            nodes.iter().any(|n| n.name == name || within(&n.children, name))
        }
        in_instances
            .iter()
            .filter_map(|(key, _)| {
                let (name, k) = crate::engine::parse_key(key);
                within(&repeat.children, name).then_some(k.unwrap_or(1))
            })
            .max()
            .unwrap_or(1)
    };
    let mut position = 0;
    while position < survey.screen_count() {
        survey.go_to(position);
        let add = survey.repeat_place().is_some_and(|r| r.instance.is_none() && r.count < wanted(r.node));
        // The new instance's screens take this position; the loop walks through them.
        if add && survey.add_instance().is_ok() {
            continue;
        }
        position += 1;
    }
    for answer in in_instances {
        give(&mut survey, answer)?;
    }
    Ok(survey)
}

/// Renders screen `screen` of child mode for a child of `age_band` answering in `lang`, after
/// `answers` (see `survey_to_show`): 0 is the assent screen, 1 the limits of confidentiality,
/// then one screen per question screen, and last the thank-you screen.
pub fn child_screen(
    form: Form,
    lang: Lang,
    age_band: AgeBand,
    answers: &[(String, String)],
    screen: usize,
    size: (u32, u32),
    help_contacts: &str,
) -> Result<Frame> {
    let mut survey = survey_to_show(form, lang, age_band, answers)?;
    let shown = shown_positions(&mut survey);
    let count = SCREENS_BEFORE_QUESTIONS + shown.len();
    if screen >= count {
        bail!(
            "screen {screen} does not exist: for age band {} this form has screens 0 to {} (0 is the assent screen, {} the thank-you screen)",
            age_band.code(),
            count - 1,
            count - 1
        );
    }
    let phase = match screen {
        0 => Phase::Assent,
        1 => Phase::Limits,
        n => {
            survey.go_to(shown[n - SCREENS_BEFORE_QUESTIONS]);
            Phase::Questions
        }
    };
    render(size, |window| {
        child_view::show(window, &survey, phase, "");
        // The site's contacts on the "where to get help" card, as the app shows them.
        window.global::<super::Child>().set_help_contacts(help_contacts.into());
        window.global::<Nav>().set_page(Page::Child);
    })
}

/// Runs `inspect` on the headless window as the last render left it (tests look at where
/// elements ended up). None before the first render.
pub fn with_window<T>(inspect: impl FnOnce(&AppWindow) -> T) -> Option<T> {
    HEADLESS.with(|cell| cell.borrow().as_ref().map(|(_, app)| inspect(app)))
}

/// Renders the app window after `setup` has put it in the state to show.
pub fn render(size: (u32, u32), setup: impl FnOnce(&AppWindow)) -> Result<Frame> {
    let window = headless_window()?;
    HEADLESS.with(|cell| -> Result<()> {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let app = AppWindow::new()?;
            super::controller::wire_tr(&app);
            app.show()?;
            *slot = Some((window.clone(), app));
        }
        Ok(())
    })?;
    // The size first: layouts that depend on it (compact below 1000 px) are set up for it.
    window.set_size(PhysicalSize::new(size.0, size.1));
    HEADLESS.with(|cell| {
        let slot = cell.borrow();
        let (_, app) = slot.as_ref().expect("initialised above");
        setup(app);
    });
    Ok(draw(&window, size))
}

/// The headless platform (one per process, set on first use). A test that builds the real app
/// (`App::new`) in it calls this first, then [`render_scaled`].
pub fn init_headless() -> Result<()> {
    headless_window().map(|_| ())
}

fn headless_window() -> Result<Rc<MinimalSoftwareWindow>> {
    HEADLESS_WINDOW.with(|cell| {
        let mut slot = cell.borrow_mut();
        if let Some(window) = slot.as_ref() {
            return Ok(window.clone());
        }
        let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
        slint::platform::set_platform(Box::new(HeadlessPlatform { window: window.clone() }))
            .context("another Slint platform is already running in this process")?;
        *slot = Some(window.clone());
        Ok(window)
    })
}

/// Renders whatever the headless window shows now: `size` in logical pixels, drawn at `scale`
/// physical pixels per logical one (a 10-inch tablet draws at 2).
pub fn render_scaled(size: (u32, u32), scale: f32) -> Result<Frame> {
    let window = headless_window()?;
    window.window().dispatch_event(slint::platform::WindowEvent::ScaleFactorChanged { scale_factor: scale });
    let physical = ((size.0 as f32 * scale).round() as u32, (size.1 as f32 * scale).round() as u32);
    Ok(draw(&window, physical))
}

fn draw(window: &MinimalSoftwareWindow, (width, height): (u32, u32)) -> Frame {
    window.set_size(PhysicalSize::new(width, height));
    slint::platform::update_timers_and_animations();
    window.request_redraw();
    let mut pixels = vec![Rgb8Pixel::default(); (width * height) as usize];
    window.draw_if_needed(|renderer| {
        renderer.render(&mut pixels, width as usize);
    });
    Frame { width, height, pixels }
}
