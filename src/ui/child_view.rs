//! Turns the engine's current screen into what the child-mode UI shows. Pure: the app and the
//! headless screenshots both use it, so a screenshot shows exactly what a child sees.

use slint::{ComponentHandle, Image, Model, ModelRc, SharedString, VecModel};

use crate::engine::{Answer, Survey};
use crate::form::{Form, Kind, Node};
use crate::i18n::tr_args;

use super::{images, AppWindow, Child, ChildPhase, ChoiceCard, QuestionStyle, QuestionView};
use crate::service::Phase;

/// How a question is drawn for a child.
pub fn style_of(form: &Form, node: &Node) -> QuestionStyle {
    let appearance = node.appearance.as_deref().unwrap_or("");
    let has = |w: &str| appearance.split_whitespace().any(|a| a == w);
    match node.kind {
        Kind::Note => QuestionStyle::Note,
        Kind::SelectOne | Kind::SelectMultiple => {
            let choices = form.choices(node);
            if has("faces") {
                QuestionStyle::Faces
            } else if has("yes-maybe-no") {
                QuestionStyle::YesMaybeNo
            } else if has("likert") {
                QuestionStyle::Likert
            } else if has("cards")
                || has("no-buttons")
                || (!choices.is_empty() && choices.iter().all(|c| c.image.is_some()))
            {
                QuestionStyle::Cards
            } else {
                QuestionStyle::List
            }
        }
        Kind::Integer | Kind::Range => QuestionStyle::Integer,
        _ => QuestionStyle::Text,
    }
}

fn picture(form_id: &str, name: Option<&str>) -> (Image, bool) {
    match name.and_then(|n| images::picture_for(form_id, n)) {
        Some(img) => (img, true),
        None => (Image::default(), false),
    }
}

fn question_view(survey: &Survey, node: &Node) -> QuestionView {
    let form = survey.form();
    let (lang, fallback) = (survey.lang(), form.default_language);
    let answer = survey.answer_of(&node.name);
    let value = answer.and_then(Answer::value).unwrap_or("");
    let chosen: Vec<&str> = value.split_whitespace().collect();
    let choices: Vec<ChoiceCard> = survey
        .choices(node)
        .into_iter()
        .map(|c| {
            let (pic, has_pic) = picture(&form.id, c.image.as_deref());
            ChoiceCard {
                name: c.name.as_str().into(),
                // A choice with no label and no picture shows its name, never an empty card.
                label: match c.label.get(lang, fallback) {
                    l if l.trim().is_empty() && !has_pic => c.name.as_str().into(),
                    l => l.into(),
                },
                picture: pic,
                has_picture: has_pic,
                selected: chosen.contains(&c.name.as_str()),
                has_audio: c.audio.has(lang),
            }
        })
        .collect();
    let (pic, has_pic) = picture(&form.id, node.image.as_deref());
    let number = value.parse::<i64>().ok();
    if node.read_only {
        return QuestionView {
            name: node.name.as_str().into(),
            style: QuestionStyle::ReadOnly,
            label: node.label.get(lang, fallback).into(),
            hint: node.hint.get(lang, fallback).into(),
            picture: pic,
            has_picture: has_pic,
            // Shown as it is, in words: the choice labels, or the value itself.
            text: form.shown_answer(node, value, lang).into(),
            ..QuestionView::default()
        };
    }
    QuestionView {
        name: node.name.as_str().into(),
        style: style_of(form, node),
        multiple: node.kind == Kind::SelectMultiple,
        label: node.label.get(lang, fallback).into(),
        hint: node.hint.get(lang, fallback).into(),
        picture: pic,
        has_picture: has_pic,
        choices: ModelRc::new(VecModel::from(choices)),
        text: if node.kind == Kind::Text { value.into() } else { SharedString::new() },
        number: number.unwrap_or(0) as i32,
        has_number: number.is_some(),
        min: node.min.unwrap_or(0) as i32,
        max: node.max.unwrap_or(i32::MAX as i64) as i32,
        rather_not_say_offered: node.rather_not_say && node.kind != Kind::Note,
        rather_not_say: answer == Some(&Answer::RatherNotSay),
        dont_know_offered: node.dont_know && node.kind != Kind::Note,
        dont_know: answer == Some(&Answer::DontKnow),
        // Only a recording in the child's own language: another language's would not help.
        has_audio: node.audio.has(lang),
    }
}

/// The child-mode screen for a phase of the core's session.
pub fn phase_view(phase: Phase) -> ChildPhase {
    match phase {
        Phase::Assent => ChildPhase::Assent,
        Phase::Limits => ChildPhase::Limits,
        Phase::Questions => ChildPhase::Questions,
        Phase::Declined => ChildPhase::Declined,
    }
}

/// Shows the survey's current screen (or its end) in child mode; `error` is already localised.
pub fn show(window: &AppWindow, survey: &Survey, phase: Phase, error: &str) {
    let child = window.global::<Child>();
    child.set_phase(phase_view(phase));
    let lang = survey.lang();
    let (position, total) = survey.progress();
    child.set_lang(lang.code().into());
    child.set_rtl(lang.is_rtl());
    child.set_form_title(survey.form().title.get(lang, survey.form().default_language).into());
    let questions: Vec<QuestionView> = survey.current().into_iter().map(|n| question_view(survey, n)).collect();
    show_questions(&child, questions, position);
    child.set_position(position as i32);
    child.set_total(total as i32);
    child.set_progress_text(
        tr_args(lang, "child-progress", &[("current", (position + 1).min(total).into()), ("total", total.into())])
            .into(),
    );
    child.set_at_end(survey.at_end());
    child.set_can_back(survey.can_go_back());
    child.set_last_question(total > 0 && position + 1 == total);
    child.set_error(error.into());
    let place = survey.repeat_place();
    let label = |p: &crate::engine::RepeatPlace| p.node.label.get(lang, survey.form().default_language).to_string();
    let caption = match &place {
        Some(p @ crate::engine::RepeatPlace { instance: Some(k), .. }) => {
            tr_args(lang, "child-repeat-instance", &[("label", label(p).into()), ("number", (*k).into())])
        }
        _ => String::new(),
    };
    child.set_repeat_caption(caption.into());
    let adding = place.as_ref().filter(|p| p.instance.is_none());
    child.set_add_another(adding.is_some());
    if let Some(p) = adding {
        child.set_repeat_label(label(p).into());
        child.set_repeat_count_text(tr_args(lang, "child-repeat-count", &[("count", p.count.into())]).into());
        let instances: Vec<SharedString> = (1..=p.count)
            .map(|k| {
                let name = tr_args(lang, "child-repeat-instance", &[("label", label(p).into()), ("number", k.into())]);
                // The instance's first answer, so a child sees which one they would remove.
                match instance_summary(survey, p.node, k) {
                    Some(first) => format!("{name}: {first}").into(),
                    None => name.into(),
                }
            })
            .collect();
        child.set_instances(ModelRc::new(VecModel::from(instances)));
    } else {
        child.set_instances(ModelRc::default());
    }
}

/// Puts the questions of a screen on show. On the same screen (the same questions, after a tap
/// or a keystroke) the rows are updated in place: replacing the model would rebuild every
/// question, and a text field being typed in would lose its focus after each key.
fn show_questions(child: &Child<'_>, questions: Vec<QuestionView>, position: usize) {
    let shown = child.get_questions();
    let same_screen = child.get_position() == position as i32
        && shown.row_count() == questions.len()
        && questions.iter().enumerate().all(|(i, q)| shown.row_data(i).is_some_and(|r| r.name == q.name));
    if same_screen {
        if let Some(rows) = shown.as_any().downcast_ref::<VecModel<QuestionView>>() {
            for (i, q) in questions.into_iter().enumerate() {
                rows.set_row_data(i, q);
            }
            return;
        }
    }
    child.set_questions(ModelRc::new(VecModel::from(questions)));
}

/// The first answer given in instance `k` of `repeat`, as the child saw it (a choice's label).
fn instance_summary(survey: &Survey, repeat: &Node, k: usize) -> Option<String> {
    fn within(nodes: &[Node], name: &str) -> bool {
        nodes.iter().any(|n| n.name == name || within(&n.children, name))
    }
    survey.questions().into_iter().filter(|s| s.instance == Some(k) && within(&repeat.children, &s.node.name)).find_map(
        |slot| {
            let value = survey.answers().get(&slot.key)?.value()?;
            Some(survey.form().shown_answer(slot.node, value, survey.lang()))
        },
    )
}
