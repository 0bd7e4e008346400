//! The XLSForm reader on a corpus of spreadsheets built here with rust_xlsxwriter: a realistic
//! KoboToolbox-style form in four languages (alone, with a media folder, zipped), and one broken
//! file per error the reader reports, each checked at its exact sheet, row and column.
//!
//! The corpus is written to a temporary folder; run with `CERCLE_WRITE_FORMS=1` to also write it
//! to `tests/forms/` so people can open the files in a spreadsheet program.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use cercle::form::{AgeBand, Kind, Problem, Severity};
use cercle::i18n::UserMessage;
use cercle::lang::Lang;
use cercle::xlsform::{check, import, ImportError};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

// ---------------------------------------------------------------------------------------------
// Building spreadsheets

/// A sheet as lines of cells separated by `|`. A cell `num:3` is written as a number and
/// `bool:true` as a boolean, the way a spreadsheet program stores what people type.
type Sheets<'a> = &'a [(&'a str, &'a [&'a str])];

fn xlsx_bytes(sheets: Sheets) -> Vec<u8> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the bytes stable, so regenerating tests/forms changes nothing.
    let created = ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for (name, lines) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, line) in lines.iter().enumerate() {
            for (c, cell) in line.split('|').enumerate() {
                let (r, c) = (r as u32, c as u16);
                if let Some(n) = cell.strip_prefix("num:") {
                    sheet.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
                } else if let Some(b) = cell.strip_prefix("bool:") {
                    sheet.write_boolean(r, c, b == "true").unwrap();
                } else if !cell.is_empty() {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// Where the corpus goes: a fresh temporary folder (kept alive by the returned guard).
fn workdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Also keeps a copy under tests/forms/ when CERCLE_WRITE_FORMS is set (not the `scratch/`
/// stress files, which are big and say nothing to a reader).
fn publish(relative: &str, bytes: &[u8]) {
    if std::env::var_os("CERCLE_WRITE_FORMS").is_some() && !relative.starts_with("scratch/") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms").join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

fn write(dir: &Path, relative: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    publish(relative, bytes);
    path
}

fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Rewrites one file inside an .xlsx (to craft what rust_xlsxwriter will not write).
fn patch_xlsx(xlsx: &[u8], inner: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == inner {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        files.push((name, data));
    }
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    zip_bytes(&files)
}

// ---------------------------------------------------------------------------------------------
// Asserting problems

fn show(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

/// The problems `check` reports on a corpus file (written as tests/forms/{stem}.xlsx).
fn problems_of(stem: &str, sheets: Sheets) -> Vec<Problem> {
    let dir = workdir();
    let path = write(dir.path(), &format!("{stem}.xlsx"), &xlsx_bytes(sheets));
    check(&path).unwrap()
}

#[track_caller]
fn assert_problem(
    problems: &[Problem],
    severity: Severity,
    sheet: &str,
    row: usize,
    column: Option<&str>,
    phrase: &str,
) -> Problem {
    let found = problems.iter().find(|p| {
        p.severity == severity
            && p.location.as_ref().is_some_and(|l| l.sheet == sheet && l.row == row && l.column.as_deref() == column)
            && p.message().contains(phrase)
    });
    match found {
        Some(p) => p.clone(),
        None => panic!(
            "expected {severity:?} at {sheet} row {row} column {column:?} containing {phrase:?}, got:\n{}",
            show(problems)
        ),
    }
}

#[track_caller]
fn assert_error(name: &str, sheets: Sheets, sheet: &str, row: usize, column: &str, phrase: &str) -> Problem {
    let problems = problems_of(&format!("broken/{name}"), sheets);
    assert_problem(&problems, Severity::Error, sheet, row, Some(column), phrase)
}

#[track_caller]
fn assert_warning(name: &str, sheets: Sheets, sheet: &str, row: usize, column: &str, phrase: &str) -> Problem {
    let problems = problems_of(&format!("warnings/{name}"), sheets);
    assert_problem(&problems, Severity::Warning, sheet, row, Some(column), phrase)
}

/// Settings that raise no warning of their own, for the broken files.
const SETTINGS: (&str, &[&str]) = ("settings", &["form_id|version", "broken|1"]);

// ---------------------------------------------------------------------------------------------
// The good form: KoboToolbox style, four languages, pictures, skip logic, a repeat

/// The survey's columns, as a Kobo export with four translations has them.
const SURVEY_COLUMNS: [&str; 24] = [
    "type",
    "name",
    "label::English (en)",
    "label::Français (fr)",
    "label::Español (es)",
    "label::العربية (ar)",
    "hint::English (en)",
    "hint::Français (fr)",
    "hint::Español (es)",
    "hint::العربية (ar)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::English (en)",
    "constraint_message::Français (fr)",
    "constraint_message::Español (es)",
    "constraint_message::العربية (ar)",
    "appearance",
    "repeat_count",
    "parameters",
    "calculation",
    "media::image",
    "age_bands",
    "$kuid",
];

/// One survey line from (column, value) pairs; `label`, `hint` and `constraint_message` take
/// the four translations separated by `/`.
fn line(cells: &[(&str, &str)]) -> String {
    let mut row = vec![String::new(); SURVEY_COLUMNS.len()];
    for (column, value) in cells {
        let translations: Vec<&str> = value.split(" / ").collect();
        for (i, header) in SURVEY_COLUMNS.iter().enumerate() {
            if header == column {
                row[i] = value.to_string();
            } else if header.strip_prefix(column).is_some_and(|rest| rest.starts_with("::")) {
                let n = ["(en)", "(fr)", "(es)", "(ar)"].iter().position(|c| header.ends_with(c)).unwrap();
                row[i] = translations[n].to_string();
            }
        }
    }
    row.join("|")
}

fn kobo_survey() -> Vec<String> {
    let rows = [
        line(&[
            ("type", "note"),
            ("name", "welcome"),
            ("label", "Hello! These questions are about you. / Bonjour ! Ces questions parlent de toi. / ¡Hola! Estas preguntas son sobre ti. / مرحبًا! هذه الأسئلة عنك."),
            ("hint", "There are no wrong answers. / Il n’y a pas de mauvaise réponse. / No hay respuestas malas. / لا توجد إجابات خاطئة."),
            ("media::image", "welcome.png"),
            ("$kuid", "k1"),
        ]),
        line(&[
            ("type", "select_one age_band"),
            ("name", "age_group"),
            ("label", "How old are you? / Quel âge as-tu ? / ¿Cuántos años tienes? / كم عمرك؟"),
            ("required", "yes"),
            ("$kuid", "k2"),
        ]),
        line(&[
            ("type", "select_one yes_no"),
            ("name", "safe_home"),
            ("label", "Do you feel safe at home? / Tu te sens en sécurité à la maison ? / ¿Te sientes a salvo en casa? / هل تشعر بالأمان في البيت؟"),
            ("required", "yes"),
            ("relevant", "${age_group} = '6_7'"),
            ("appearance", "yes-maybe-no"),
            ("age_bands", "6-7"),
            ("$kuid", "k3"),
        ]),
        line(&[
            ("type", "select_one faces5"),
            ("name", "feel_school"),
            ("label", "How do you feel at school? / Comment tu te sens à l’école ? / ¿Cómo te sientes en la escuela? / كيف تشعر في المدرسة؟"),
            ("required", "no"),
            ("relevant", "${age_group} != '6_7'"),
            ("appearance", "faces"),
            ("age_bands", "8-12 13-17"),
            ("$kuid", "k4"),
        ]),
        line(&[
            ("type", "begin_group"),
            ("name", "family"),
            ("label", "About your family / Ta famille / Tu familia / عائلتك"),
            ("appearance", "field-list"),
            ("$kuid", "k5"),
        ]),
        line(&[
            ("type", "integer"),
            ("name", "siblings"),
            ("label", "How many brothers and sisters do you have? / Combien de frères et sœurs as-tu ? / ¿Cuántos hermanos tienes? / كم عدد إخوتك؟"),
            ("constraint", ". >= 0 and . <= 20"),
            ("constraint_message", "Choose a number from 0 to 20. / Choisis un nombre de 0 à 20. / Elige un número del 0 al 20. / اختر رقمًا من 0 إلى 20."),
            ("$kuid", "k6"),
        ]),
        line(&[
            ("type", "select_one yes_no"),
            ("name", "has_pet"),
            ("label", "Do you have a pet? / As-tu un animal ? / ¿Tienes una mascota? / هل لديك حيوان أليف؟"),
            ("$kuid", "k7"),
        ]),
        line(&[("type", "end_group"), ("$kuid", "k8")]),
        line(&[
            ("type", "text"),
            ("name", "pet_kind"),
            ("label", "What kind of pet? / Quel animal ? / ¿Qué mascota? / ما نوع الحيوان؟"),
            ("relevant", "${has_pet} = 'yes'"),
            ("constraint", "string-length(.) <= 40"),
            ("constraint_message", "Keep it short. / Fais court. / Sé breve. / اختصر."),
            ("$kuid", "k9"),
        ]),
        line(&[
            ("type", "integer"),
            ("name", "friends_count"),
            ("label", "How many friends do you want to tell us about? / De combien d’amis veux-tu parler ? / ¿De cuántos amigos quieres hablar? / عن كم صديقًا تريد أن تخبرنا؟"),
            ("required", "yes"),
            ("constraint", ". >= 0 and . <= 3"),
            ("constraint_message", "From 0 to 3. / De 0 à 3. / Del 0 al 3. / من 0 إلى 3."),
            ("$kuid", "k10"),
        ]),
        line(&[
            ("type", "begin_repeat"),
            ("name", "friends"),
            ("label", "Your friends / Tes amis / Tus amigos / أصدقاؤك"),
            ("repeat_count", "${friends_count}"),
            ("$kuid", "k11"),
        ]),
        line(&[
            ("type", "select_one places"),
            ("name", "friend_place"),
            ("label", "Where do you meet this friend? / Où vois-tu cet ami ? / ¿Dónde ves a este amigo? / أين تلتقي بهذا الصديق؟"),
            ("appearance", "cards"),
            ("$kuid", "k12"),
        ]),
        line(&[("type", "end_repeat"), ("$kuid", "k13")]),
        line(&[
            ("type", "range"),
            ("name", "happiness"),
            ("label", "How happy are you today? / Es-tu heureux aujourd’hui ? / ¿Qué tan feliz estás hoy? / ما مدى سعادتك اليوم؟"),
            ("parameters", "start=0 end=10 step=2"),
            ("$kuid", "k14"),
        ]),
        line(&[
            ("type", "calculate"),
            ("name", "happiness_double"),
            ("calculation", "${happiness} * 2"),
            ("$kuid", "k15"),
        ]),
        line(&[
            ("type", "select_multiple places"),
            ("name", "safe_places"),
            ("label", "Where do you feel safe? / Où te sens-tu en sécurité ? / ¿Dónde te sientes a salvo? / أين تشعر بالأمان؟"),
            ("hint", "You can pick more than one. / Tu peux en choisir plusieurs. / Puedes elegir varios. / يمكنك اختيار أكثر من واحد."),
            ("appearance", "cards"),
            ("$kuid", "k16"),
        ]),
        // Kobo exports keep blank rows where someone deleted a question.
        String::new(),
        line(&[
            ("type", "acknowledge"),
            ("name", "thanks"),
            ("label", "Thank you! / Merci ! / ¡Gracias! / شكرًا!"),
            ("$kuid", "k17"),
        ]),
    ];
    std::iter::once(SURVEY_COLUMNS.join("|")).chain(rows).collect()
}

const KOBO_CHOICES: &[&str] = &[
    "list_name|name|label::English (en)|label::Français (fr)|label::Español (es)|label::العربية (ar)|media::image|$kuid",
    "age_band|6_7|6 or 7|6 ou 7|6 o 7|6 أو 7||c1",
    "age_band|8_12|8 to 12|8 à 12|8 a 12|8 إلى 12||c2",
    "age_band|13_17|13 to 17|13 à 17|13 a 17|13 إلى 17||c3",
    "yes_no|yes|Yes|Oui|Sí|نعم||c4",
    "yes_no|no|No|Non|No|لا||c5",
    "faces5|1|Very bad|Très mal|Muy mal|سيئ جدًا|face-1.png|c6",
    "faces5|2|Not so good|Pas très bien|No muy bien|ليس جيدًا|face-2.png|c7",
    "faces5|3|Okay|Comme ci, comme ça|Más o menos|لا بأس|face-3.png|c8",
    "faces5|4|Good|Bien|Bien|جيد|face-4.png|c9",
    "faces5|5|Very good|Très bien|Muy bien|جيد جدًا|face-5.png|c10",
    "places|home|At home|À la maison|En casa|في البيت|place-home.png|c11",
    "places|school|At school|À l’école|En la escuela|في المدرسة|place-school.png|c12",
    "places|park|At the park|Au parc|En el parque|في الحديقة|place-park.png|c13",
];

const KOBO_SETTINGS: &[&str] = &[
    "form_id|version|form_title::English (en)|form_title::Français (fr)|form_title::Español (es)|form_title::العربية (ar)|default_language|instance_name|style",
    "kobo_children|num:2026010101|My life|Ma vie|Mi vida|حياتي|English (en)|concat('survey-', ${age_group})|pages",
];

const MEDIA: [&str; 9] = [
    "welcome.png",
    "face-1.png",
    "face-2.png",
    "face-3.png",
    "face-4.png",
    "face-5.png",
    "place-home.png",
    "place-school.png",
    "place-park.png",
];

/// Stand-in picture bytes, distinct per file so a mix-up shows.
fn media_bytes(name: &str) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(name.as_bytes());
    bytes
}

fn kobo_xlsx() -> Vec<u8> {
    let survey = kobo_survey();
    let survey: Vec<&str> = survey.iter().map(String::as_str).collect();
    xlsx_bytes(&[("survey", &survey), ("choices", KOBO_CHOICES), ("settings", KOBO_SETTINGS)])
}

/// The form alone, with its `-media` folder beside it.
fn kobo_with_media_folder(dir: &Path) -> PathBuf {
    let path = write(dir, "kobo_children.xlsx", &kobo_xlsx());
    for name in MEDIA {
        write(dir, &format!("kobo_children-media/{name}"), &media_bytes(name));
    }
    path
}

/// The form zipped with its media one folder down, as people zip a project folder.
fn kobo_zip(dir: &Path) -> PathBuf {
    let xlsx = kobo_xlsx();
    let media: Vec<(String, Vec<u8>)> =
        MEDIA.iter().map(|n| (format!("kobo_children/media/{n}"), media_bytes(n))).collect();
    let mut files: Vec<(&str, &[u8])> = vec![("kobo_children/kobo_children.xlsx", &xlsx)];
    files.extend(media.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    files.push(("__MACOSX/kobo_children/._kobo_children.xlsx", b"junk"));
    write(dir, "kobo_children.zip", &zip_bytes(&files))
}

#[test]
fn kobo_form_in_four_languages_reads_completely() {
    let dir = workdir();
    let path = kobo_with_media_folder(dir.path());
    let imported = import(&path).unwrap();
    let form = &imported.form;

    assert_eq!(form.id, "kobo_children");
    assert_eq!(form.version, "2026010101");
    assert_eq!(form.default_language, Lang::En);
    assert_eq!(form.languages, Lang::ALL.to_vec());
    assert_eq!(form.title.get(Lang::Ar, Lang::En), "حياتي");
    assert_eq!(form.instance_name.as_deref(), Some("concat('survey-', ${age_group})"));

    let names: Vec<&str> = form.body.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "welcome",
            "age_group",
            "safe_home",
            "feel_school",
            "family",
            "pet_kind",
            "friends_count",
            "friends",
            "happiness",
            "happiness_double",
            "safe_places",
            "thanks"
        ]
    );
    let node = |name: &str| form.leaves().into_iter().find(|l| l.node.name == name).unwrap().node;

    let welcome = node("welcome");
    assert_eq!(welcome.kind, Kind::Note);
    assert_eq!(welcome.image.as_deref(), Some("welcome.png"));
    assert_eq!(welcome.hint.get(Lang::Es, Lang::En), "No hay respuestas malas.");

    let safe_home = node("safe_home");
    assert_eq!(safe_home.kind, Kind::SelectOne);
    assert_eq!(safe_home.list.as_deref(), Some("yes_no"));
    assert!(safe_home.required);
    assert_eq!(safe_home.relevant.as_deref(), Some("${age_group} = '6_7'"));
    assert_eq!(safe_home.appearance.as_deref(), Some("yes-maybe-no"));
    assert_eq!(safe_home.age_bands, [AgeBand::Age6To7]);
    assert_eq!(safe_home.label.get(Lang::Fr, Lang::En), "Tu te sens en sécurité à la maison ?");

    let feel = node("feel_school");
    assert_eq!(feel.appearance.as_deref(), Some("faces"));
    assert!(!feel.required);
    assert_eq!(feel.age_bands, [AgeBand::Age8To12, AgeBand::Age13To17]);

    // The field-list group: one screen, appearance kept.
    let family = &form.body[4];
    assert_eq!(family.kind, Kind::Group);
    assert_eq!(family.appearance.as_deref(), Some("field-list"));
    assert_eq!(family.children.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["siblings", "has_pet"]);
    let leaves = form.leaves();
    let screen = |name: &str| leaves.iter().find(|l| l.node.name == name).unwrap().screen_group;
    assert_eq!(screen("siblings"), Some(0));
    assert_eq!(screen("has_pet"), Some(0));

    let siblings = node("siblings");
    assert_eq!(siblings.constraint.as_deref(), Some(". >= 0 and . <= 20"));
    assert_eq!(siblings.constraint_message.get(Lang::Ar, Lang::En), "اختر رقمًا من 0 إلى 20.");
    assert_eq!(node("pet_kind").relevant.as_deref(), Some("${has_pet} = 'yes'"));

    let friends = &form.body[7];
    assert_eq!(friends.kind, Kind::Repeat);
    assert_eq!(friends.repeat_count.as_deref(), Some("${friends_count}"));
    assert_eq!(friends.children[0].name, "friend_place");
    assert_eq!(friends.children[0].appearance.as_deref(), Some("cards"));

    let happiness = node("happiness");
    assert_eq!(happiness.kind, Kind::Range);
    assert_eq!((happiness.min, happiness.max, happiness.step), (Some(0), Some(10), Some(2.0)));
    assert_eq!(node("happiness_double").calculation.as_deref(), Some("${happiness} * 2"));
    assert_eq!(node("safe_places").kind, Kind::SelectMultiple);
    assert_eq!(node("thanks").kind, Kind::Acknowledge);

    // Picture choices.
    let faces = &form.choice_lists["faces5"];
    assert_eq!(faces.len(), 5);
    assert_eq!(faces[0].image.as_deref(), Some("face-1.png"));
    assert_eq!(faces[4].label.get(Lang::Es, Lang::En), "Muy bien");
    assert_eq!(form.choice_lists["places"][2].name, "park");
    assert_eq!(form.choice_lists.len(), 4);

    // The media folder came along, byte for byte.
    assert_eq!(imported.media.len(), MEDIA.len());
    for (name, bytes) in &imported.media {
        assert_eq!(*bytes, media_bytes(name));
    }

    // Only Kobo's bookkeeping column and the Enketo style are reported: nothing else is doubtful.
    assert!(imported.problems.iter().all(|p| !p.is_error()), "{}", show(&imported.problems));
    assert_eq!(imported.problems.len(), 3, "{}", show(&imported.problems));
    assert_problem(
        &imported.problems,
        Severity::Warning,
        "survey",
        1,
        Some("$kuid"),
        "does not use the column '$kuid'",
    );
    assert_problem(
        &imported.problems,
        Severity::Warning,
        "choices",
        1,
        Some("$kuid"),
        "does not use the column '$kuid'",
    );
    assert_problem(
        &imported.problems,
        Severity::Warning,
        "settings",
        1,
        Some("style"),
        "does not use the column 'style'",
    );
}

#[test]
fn check_on_the_good_form_reports_no_error() {
    let dir = workdir();
    let path = kobo_with_media_folder(dir.path());
    let problems = check(&path).unwrap();
    assert!(problems.iter().all(|p| !p.is_error()), "{}", show(&problems));
    // Every warning is placed on the spreadsheet.
    assert!(problems.iter().all(|p| p.location.is_some()), "{}", show(&problems));
}

#[test]
fn the_zip_gives_the_same_form_and_the_media_bytes() {
    let dir = workdir();
    let from_folder = import(&kobo_with_media_folder(dir.path())).unwrap();
    let zipped = workdir();
    let from_zip = import(&kobo_zip(zipped.path())).unwrap();
    assert_eq!(from_zip.form, from_folder.form);
    assert_eq!(from_zip.media, from_folder.media);
    let face = from_zip.media.iter().find(|(n, _)| n == "face-3.png").unwrap();
    assert_eq!(face.1, media_bytes("face-3.png"));
    assert!(check(&zipped.path().join("kobo_children.zip")).unwrap().iter().all(|p| !p.is_error()));
}

#[test]
fn odk_media_folder_is_found_too() {
    let dir = workdir();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, kobo_xlsx()).unwrap();
    std::fs::create_dir_all(dir.path().join("media")).unwrap();
    std::fs::write(dir.path().join("media/face-1.png"), media_bytes("face-1.png")).unwrap();
    let imported = import(&path).unwrap();
    assert_eq!(imported.media, [("face-1.png".to_string(), media_bytes("face-1.png"))]);
    // The other pictures are missing: each reference says so at its cell.
    assert_problem(
        &imported.problems,
        Severity::Warning,
        "choices",
        8,
        Some("media::image"),
        "'face-2.png' is not among the form's media files",
    );
}

#[test]
fn without_media_every_picture_is_reported_at_its_cell() {
    let dir = workdir();
    let path = write(dir.path(), "scratch/alone/kobo_children.xlsx", &kobo_xlsx());
    let problems = check(&path).unwrap();
    assert_problem(
        &problems,
        Severity::Warning,
        "survey",
        2,
        Some("media::image"),
        "'welcome.png' is not among the form's media files",
    );
    assert_problem(
        &problems,
        Severity::Warning,
        "choices",
        7,
        Some("media::image"),
        "'face-1.png' is not among the form's media files",
    );
}

// ---------------------------------------------------------------------------------------------
// Plain forms, languages and spellings

#[test]
fn plain_label_belongs_to_the_default_language() {
    let problems_and_form = |name: &str, settings: &[&str]| {
        let dir = workdir();
        let path = write(
            dir.path(),
            &format!("small/{name}.xlsx"),
            &xlsx_bytes(&[
                ("survey", &["type|name|label|label::fr", "text|q|Question|Question en français"]),
                ("settings", settings),
            ]),
        );
        import(&path).unwrap()
    };
    let english = problems_and_form("plain_label_english", &["form_id|version", "plain|1"]);
    assert_eq!(english.form.default_language, Lang::En);
    assert_eq!(english.form.languages, [Lang::En, Lang::Fr]);
    assert_eq!(english.form.body[0].label.get(Lang::En, Lang::En), "Question");

    let spanish = problems_and_form("plain_label_spanish", &["form_id|version|default_language", "plain|1|es"]);
    assert_eq!(spanish.form.default_language, Lang::Es);
    assert_eq!(spanish.form.languages, [Lang::Fr, Lang::Es]);
    assert_eq!(spanish.form.body[0].label.get(Lang::Es, Lang::Es), "Question");
}

#[test]
fn pyxform_spellings_are_accepted() {
    let dir = workdir();
    let path = write(
        dir.path(),
        "small/spellings.xlsx",
        &xlsx_bytes(&[
            (
                "Survey",
                &[
                    "Type|Name|Label::French|hint::Español|Required|constraint message|read_only|default",
                    "begin group|g|Groupe|||||",
                    "select one yes_no|a|A?||bool:true|||",
                    "select all that apply yes_no|b|B?||TRUE()|||",
                    "string|c|C?|Pista|num:1|Trop long|yes|bonjour",
                    "end group||||||",
                ],
            ),
            ("Choices", &["list name|name|label::French", "yes_no|yes|Oui", "yes_no|no|Non"]),
            ("Settings", &["form_id|version", "spellings|num:3"]),
        ]),
    );
    let imported = import(&path).unwrap();
    assert!(imported.problems.iter().all(|p| !p.is_error()), "{}", show(&imported.problems));
    let form = &imported.form;
    assert_eq!(form.default_language, Lang::Fr);
    assert_eq!(form.languages, [Lang::Fr, Lang::Es]);
    assert_eq!(form.version, "3");
    let g = &form.body[0];
    assert_eq!(g.kind, Kind::Group);
    let [a, b, c] = &g.children[..] else { panic!("{:?}", g.children) };
    assert!(a.required && b.required && c.required);
    assert_eq!(b.kind, Kind::SelectMultiple);
    assert_eq!(c.kind, Kind::Text);
    assert!(c.read_only);
    assert_eq!(c.default.as_deref(), Some("bonjour"));
    assert_eq!(c.hint.get(Lang::Es, Lang::Fr), "Pista");
    assert_eq!(c.constraint_message.get(Lang::Fr, Lang::Fr), "Trop long");
}

#[test]
fn kobo_autoname_and_list_column_are_understood() {
    let dir = workdir();
    let path = write(
        dir.path(),
        "small/autoname.xlsx",
        &xlsx_bytes(&[
            (
                "survey",
                &[
                    "type|name|label|$autoname|select_from_list_name",
                    "text||Favourite colour?|favourite_colour|",
                    "select_one|likes_school|Do you like school?||yes_no",
                ],
            ),
            ("choices", &["list_name|name|label", "yes_no|yes|Yes", "yes_no|no|No"]),
            SETTINGS,
        ]),
    );
    let imported = import(&path).unwrap();
    assert_eq!(imported.form.body[0].name, "favourite_colour");
    // Kobo's form builder keeps a select's list in its own column.
    assert_eq!(imported.form.body[1].list.as_deref(), Some("yes_no"));
    assert!(imported.problems.is_empty(), "{}", show(&imported.problems));
}

#[test]
fn choice_columns_become_extras_for_choice_filters() {
    let dir = workdir();
    let path = write(
        dir.path(),
        "small/filter.xlsx",
        &xlsx_bytes(&[
            (
                "survey",
                &[
                    "type|name|label|choice_filter",
                    "select_one regions|region|Region?|",
                    "select_one towns|town|Town?|region = ${region}",
                ],
            ),
            (
                "choices",
                &[
                    "list_name|name|label|region",
                    "regions|north|North|",
                    "regions|south|South|",
                    "towns|a|Town A|north",
                    "towns|b|Town B|south",
                ],
            ),
            SETTINGS,
        ]),
    );
    let imported = import(&path).unwrap();
    assert!(imported.problems.is_empty(), "{}", show(&imported.problems));
    let towns = &imported.form.choice_lists["towns"];
    assert_eq!(towns[1].extra.get("region").map(String::as_str), Some("south"));
    assert_eq!(imported.form.body[1].choice_filter.as_deref(), Some("region = ${region}"));
}

#[test]
fn problems_come_in_sheet_and_row_order() {
    let problems = problems_of(
        "broken/order",
        &[
            ("settings", &["form_id|version", "order|1"]),
            ("choices", &["list_name|name|label", "l|a|A", "l|a|A again"]),
            ("survey", &["type|name|label", "text|b|B", "geopoint|where|Where?", "text|1bad|Bad"]),
        ],
    );
    let keys: Vec<(String, usize)> =
        problems.iter().filter_map(|p| p.location.as_ref().map(|l| (l.sheet.clone(), l.row))).collect();
    assert_eq!(
        keys,
        [("survey".to_string(), 3), ("survey".to_string(), 4), ("choices".to_string(), 3)],
        "{}",
        show(&problems)
    );
}

// ---------------------------------------------------------------------------------------------
// Files that cannot be read at all

#[test]
fn unreadable_files_are_import_errors() {
    let dir = workdir();
    let missing = dir.path().join("nothing.xlsx");
    assert!(matches!(import(&missing), Err(ImportError::NotFound(_))));
    assert!(matches!(check(&missing), Err(ImportError::NotFound(_))));

    let text = write(dir.path(), "unreadable/notes.xlsx", b"type,name,label\n");
    let err = import(&text).unwrap_err();
    assert!(matches!(err, ImportError::NotASpreadsheet(_)), "{err}");
    assert!(err.to_string().contains("not an .xlsx or .xls spreadsheet"), "{err}");

    let old = write(dir.path(), "unreadable/old.xls", b"\xd0\xcf\x11\xe0");
    assert!(matches!(import(&old).unwrap_err(), ImportError::NotASpreadsheet(_)), "four bytes are not an .xls");
    let mut damaged = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    damaged.extend([0u8; 600]);
    let damaged = write(dir.path(), "unreadable/damaged.xls", &damaged);
    assert!(
        matches!(import(&damaged).unwrap_err(), ImportError::Unreadable { .. }),
        "a damaged .xls is said to be damaged"
    );

    let no_survey = write(dir.path(), "unreadable/no_survey.xlsx", &xlsx_bytes(&[("Sheet1", &["a|b"])]));
    let err = import(&no_survey).unwrap_err();
    assert!(matches!(err, ImportError::NoSurveySheet(_)), "{err}");
    assert!(err.to_string().contains("no 'survey' sheet"), "{err}");

    let empty_zip = write(dir.path(), "unreadable/pictures.zip", &zip_bytes(&[("face.png", b"png")]));
    let err = import(&empty_zip).unwrap_err();
    assert!(matches!(err, ImportError::NoSpreadsheetInZip(_)), "{err}");

    let sheet = xlsx_bytes(&[("survey", &["type|name|label", "text|a|A"])]);
    let two = write(dir.path(), "unreadable/two.zip", &zip_bytes(&[("a.xlsx", &sheet), ("b/b.xlsx", &sheet)]));
    let err = import(&two).unwrap_err();
    assert!(err.to_string().contains("several spreadsheets (a.xlsx, b/b.xlsx)"), "{err}");

    // A zip that says it is a workbook but is not one.
    let fake = write(dir.path(), "unreadable/fake.xlsx", &zip_bytes(&[("xl/workbook.xml", b"<not a workbook")]));
    assert!(import(&fake).is_err());
    assert!(import(dir.path()).is_err());
}

#[test]
fn damaged_files_never_panic() {
    let dir = workdir();
    let good = kobo_xlsx();
    let zipped = std::fs::read(kobo_zip(dir.path())).unwrap();
    for (name, bytes) in [("fuzz.xlsx", &good), ("fuzz.zip", &zipped)] {
        for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
            let path = dir.path().join(format!("cut-{cut}-{name}"));
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let _ = check(&path);
        }
        for flip in (0..bytes.len()).step_by(bytes.len() / 60 + 1) {
            let mut damaged = bytes.clone();
            damaged[flip] ^= 0x5a;
            let path = dir.path().join(format!("flip-{flip}-{name}"));
            std::fs::write(&path, &damaged).unwrap();
            let _ = check(&path);
        }
    }
}

#[test]
fn odd_cell_contents_never_panic() {
    let dir = workdir();
    let long = "x".repeat(30_000);
    let odd = [
        "${",
        "$",
        "(((((((((",
        "${}",
        "${é}",
        "'",
        "\"",
        "::",
        "select_one",
        "begin_repeat",
        "end_repeat",
        "range",
        "start=",
        "=",
        "start==1",
        "6-7--",
        "é",
        "\u{202e}",
        "\0",
        &long,
    ];
    let header = "type|name|label|label::|relevant|constraint|parameters|age_bands|required|default|appearance|choice_filter|repeat_count";
    let mut lines = vec![header.to_string()];
    for (i, cell) in odd.iter().enumerate() {
        lines.push(format!("range|r{i}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}"));
        lines.push(format!(
            "{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}|{cell}"
        ));
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let choices: Vec<String> = odd.iter().map(|c| format!("{c}|{c}|{c}|{c}")).collect();
    let mut choice_lines = vec!["list_name|name|label|media::image"];
    choice_lines.extend(choices.iter().map(String::as_str));
    let settings = format!("{}|{}|{}|{}", odd[0], odd[5], odd[7], odd[1]);
    let path = write(
        dir.path(),
        "scratch/odd.xlsx",
        &xlsx_bytes(&[
            ("survey", &lines),
            ("choices", &choice_lines),
            ("settings", &["form_id|version|default_language|instance_name", &settings]),
        ]),
    );
    let problems = check(&path).unwrap();
    assert!(problems.iter().any(Problem::is_error));
}

// ---------------------------------------------------------------------------------------------
// One broken file per error

#[test]
fn error_cell_in_the_spreadsheet() {
    let xlsx = xlsx_bytes(&[("survey", &["type|name|label", "text|q|num:424242"]), SETTINGS]);
    let xlsx = patch_xlsx(&xlsx, "xl/worksheets/sheet1.xml", |xml| {
        let cell = r#"<c r="C2"><v>424242</v></c>"#;
        assert!(xml.contains(cell), "{xml}");
        xml.replace(cell, r##"<c r="C2" t="e"><v>#REF!</v></c>"##)
    });
    let dir = workdir();
    let path = write(dir.path(), "broken/error_cell.xlsx", &xlsx);
    let problems = check(&path).unwrap();
    assert_problem(&problems, Severity::Error, "survey", 2, Some("label"), "spreadsheet error #REF!");
    // The label is read as empty, never as "#REF!".
    assert_problem(&problems, Severity::Error, "survey", 2, Some("label"), "has no label");
}

#[test]
fn duplicate_column() {
    assert_error(
        "duplicate_column",
        &[("survey", &["type|name|label|label::English (en)", "text|q|Q|Q"]), SETTINGS],
        "survey",
        1,
        "label::English (en)",
        "holds the same thing as column C ('label') (the English label)",
    );
    assert_error(
        "duplicate_relevant",
        &[("survey", &["type|name|label|relevant|relevant", "text|q|Q||"]), SETTINGS],
        "survey",
        1,
        "relevant",
        "holds the same thing as column D ('relevant')",
    );
}

#[test]
fn missing_columns() {
    assert_error(
        "no_type_column",
        &[("survey", &["name|label", "q|Q"]), SETTINGS],
        "survey",
        1,
        "type",
        "the survey sheet has no 'type' column",
    );
    assert_error(
        "no_name_column",
        &[("survey", &["type|label", "text|Q"]), SETTINGS],
        "survey",
        1,
        "name",
        "the survey sheet has no 'name' column",
    );
    assert_error(
        "no_list_name_column",
        &[("survey", &["type|name|label", "text|q|Q"]), ("choices", &["name|label", "a|A"]), SETTINGS],
        "choices",
        1,
        "list_name",
        "the choices sheet has no 'list_name' column",
    );
}

#[test]
fn empty_survey() {
    let problems = problems_of("broken/empty_survey", &[("survey", &["type|name|label"]), SETTINGS]);
    assert_problem(&problems, Severity::Error, "survey", 1, None, "the survey sheet has no rows");
}

#[test]
fn invalid_form_id() {
    assert_error(
        "invalid_form_id",
        &[("survey", &["type|name|label", "text|q|Q"]), ("settings", &["form_id|version", "my form|1"])],
        "settings",
        2,
        "form_id",
        "the form_id 'my form' is not a valid name",
    );
}

#[test]
fn unsupported_default_language() {
    assert_error(
        "default_language_swahili",
        &[
            ("survey", &["type|name|label", "text|q|Q"]),
            ("settings", &["form_id|version|default_language", "f|1|Swahili (sw)"]),
        ],
        "settings",
        2,
        "default_language",
        "the default language 'Swahili (sw)' is not one of Cercle's languages",
    );
}

#[test]
fn default_language_without_its_columns() {
    // Form::check's problem, placed on the settings cell.
    assert_error(
        "default_language_missing_columns",
        &[
            ("survey", &["type|name|label::English (en)", "text|q|Q"]),
            ("settings", &["form_id|version|default_language", "f|1|Français (fr)"]),
        ],
        "settings",
        2,
        "default_language",
        "the default language 'fr' is not one of the form's languages",
    );
}

const SELECT: (&str, &[&str]) = ("survey", &["type|name|label", "select_one l|q|Q"]);

#[test]
fn choice_without_list_name() {
    assert_error(
        "choice_without_list_name",
        &[SELECT, ("choices", &["list_name|name|label", "l|a|A", "|b|B"]), SETTINGS],
        "choices",
        3,
        "list_name",
        "the choice 'b' has no list_name",
    );
}

#[test]
fn choice_without_name() {
    assert_error(
        "choice_without_name",
        &[SELECT, ("choices", &["list_name|name|label", "l|a|A", "l||B"]), SETTINGS],
        "choices",
        3,
        "name",
        "a choice of list 'l' has no name",
    );
}

#[test]
fn duplicate_choice() {
    let problem = assert_error(
        "duplicate_choice",
        &[SELECT, ("choices", &["list_name|name|label", "l|a|A", "l|b|B", "l|a|A again"]), SETTINGS],
        "choices",
        4,
        "name",
        "the choice 'a' is already in list 'l' on row 2",
    );
    assert!(problem.is_error());
}

#[test]
fn choice_without_label_or_picture() {
    assert_warning(
        "choice_without_label",
        &[SELECT, ("choices", &["list_name|name|label|extra", "l|a||x"]), SETTINGS],
        "choices",
        2,
        "label",
        "the choice 'a' of list 'l' has neither a label nor a picture: children will see its name",
    );
}

#[test]
fn two_media_files_of_the_same_name() {
    let dir = workdir();
    let xlsx = xlsx_bytes(&[("survey", &["type|name|label|image", "note|n|Hi|a.png"]), SETTINGS]);
    let path = write(
        dir.path(),
        "broken/same_media_name.zip",
        &zip_bytes(&[("form.xlsx", &xlsx), ("one/a.png", b"one"), ("two/a.png", b"two")]),
    );
    let problems = check(&path).unwrap();
    let clash = problems.iter().find(|p| p.message().contains("two different media files are named 'a.png'")).unwrap();
    assert!(clash.is_error() && clash.message().contains("'one/a.png' and 'two/a.png'"), "{clash}");
}

#[test]
fn row_without_type() {
    assert_error(
        "row_without_type",
        &[("survey", &["type|name|label", "|q|Q"]), SETTINGS],
        "survey",
        2,
        "type",
        "the row 'q' has no type",
    );
}

#[test]
fn row_without_name() {
    assert_error(
        "row_without_name",
        &[("survey", &["type|name|label", "text||Q"]), SETTINGS],
        "survey",
        2,
        "name",
        "the 'text' row has no name",
    );
}

#[test]
fn invalid_name() {
    let problems =
        problems_of("broken/invalid_name", &[("survey", &["type|name|label", "text|my question|Q"]), SETTINGS]);
    assert_problem(&problems, Severity::Error, "survey", 2, Some("name"), "'my question' is not a valid name");
    // Form::check says the same: reported once.
    assert_eq!(problems.iter().filter(|p| p.message().contains("a name must start")).count(), 1, "{}", show(&problems));
}

#[test]
fn duplicate_name() {
    let problems = problems_of(
        "broken/duplicate_name",
        &[("survey", &["type|name|label", "text|q|Q", "begin_group|g|", "integer|q|Again", "end_group"]), SETTINGS],
    );
    assert_problem(&problems, Severity::Error, "survey", 4, Some("name"), "the name 'q' is already used on row 2");
    assert!(!problems.iter().any(|p| p.message().contains("used by another row")), "{}", show(&problems));
}

#[test]
fn refused_types() {
    let cases = [
        ("geopoint", "'where': 'geopoint' questions are refused: locations can identify a child (rule C1)"),
        ("geoshape", "locations can identify a child (rule C1)"),
        ("image", "'image' questions are refused: photos and videos can identify a child (rule C1)"),
        ("audio", "voice recordings can identify a child (rule C1)"),
        ("signature", "(rule C1)"),
        ("barcode", "'barcode' questions are not supported by Cercle"),
        ("file", "'file' questions are not supported by Cercle"),
        ("time", "'time' questions are not supported by Cercle"),
        ("select_one_from_file places.csv", "'select_one_from_file' questions are not supported by Cercle"),
        ("select_one", "'select_one' needs the name of a choice list after it"),
        ("select_one l or_other", "'or_other' is not supported"),
        ("colour", "'colour' is not a type Cercle knows"),
    ];
    for (i, (kind, phrase)) in cases.iter().enumerate() {
        let line = format!("{kind}|where|Where?");
        assert_error(
            &format!("refused_type_{i}"),
            &[("survey", &["type|name|label", &line]), ("choices", &["list_name|name|label", "l|a|A"]), SETTINGS],
            "survey",
            2,
            "type",
            phrase,
        );
    }
}

#[test]
fn device_metadata_is_ignored_with_a_warning() {
    for kind in ["start", "end", "today", "deviceid", "username", "phonenumber", "audit"] {
        let line = format!("{kind}|meta_{kind}|");
        let problems = problems_of(
            &format!("warnings/metadata_{kind}"),
            &[("survey", &["type|name|label", &line, "text|q|Q"]), SETTINGS],
        );
        assert_problem(
            &problems,
            Severity::Warning,
            "survey",
            2,
            Some("type"),
            "ignored: Cercle does not collect device metadata (rule C10)",
        );
        assert!(problems.iter().all(|p| !p.is_error()), "{}", show(&problems));
    }
}

#[test]
fn unknown_choice_list() {
    let problems =
        problems_of("broken/unknown_list", &[("survey", &["type|name|label", "select_one colours|q|Q"]), SETTINGS]);
    assert_problem(
        &problems,
        Severity::Error,
        "survey",
        2,
        Some("type"),
        "'q' uses the choice list 'colours', which is not on the choices sheet",
    );
    assert!(!problems.iter().any(|p| p.message().contains("does not exist")), "{}", show(&problems));
}

#[test]
fn unclosed_group() {
    assert_error(
        "unclosed_group",
        &[
            (
                "survey",
                &["type|name|label", "begin_group|g|G", "text|q|Q", "begin_repeat|r|R", "text|q2|Q2", "end_repeat"],
            ),
            SETTINGS,
        ],
        "survey",
        2,
        "type",
        "the group 'g' is never closed: add an 'end_group' row",
    );
}

#[test]
fn groups_nested_too_deep() {
    let mut lines = vec!["type|name|label".to_string()];
    lines.extend((0..40).map(|i| format!("begin_group|g{i}|")));
    lines.push("text|q|Q".into());
    lines.extend((0..40).map(|_| "end_group".to_string()));
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    // Rows 2 to 33 open 32 groups; the 33rd, on row 34, is one too many.
    assert_error(
        "nested_too_deep",
        &[("survey", &lines), SETTINGS],
        "survey",
        34,
        "type",
        "'g32' is nested more than 32 groups deep",
    );
    // Thousands of unclosed groups: reported, and no stack overflow anywhere.
    let mut lines = vec!["type|name|label".to_string()];
    lines.extend((0..5000).map(|i| format!("begin_group|g{i}|")));
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let problems = problems_of("scratch/unclosed_thousands", &[("survey", &lines), SETTINGS]);
    assert!(problems.iter().filter(|p| p.message().contains("never closed")).count() >= 5000);
}

#[test]
fn end_without_begin() {
    assert_error(
        "end_without_begin",
        &[("survey", &["type|name|label", "text|q|Q", "end group"]), SETTINGS],
        "survey",
        3,
        "type",
        "'end_group' without a 'begin_group' before it",
    );
}

#[test]
fn end_group_closing_a_repeat() {
    assert_error(
        "end_group_for_repeat",
        &[("survey", &["type|name|label", "begin_repeat|r|R", "text|q|Q", "end_group"]), SETTINGS],
        "survey",
        4,
        "type",
        "'end_group' closes the repeat 'r' opened on row 2: use 'end_repeat'",
    );
}

#[test]
fn unsupported_column() {
    assert_error(
        "unsupported_column",
        &[("survey", &["type|name|label|trigger|bind::jr:preload", "text|q|Q|${a}|", "text|a|A||uid"]), SETTINGS],
        "survey",
        2,
        "trigger",
        "'q' uses the column 'trigger', an XLSForm feature Cercle does not support",
    );
    assert_error(
        "unsupported_bind_column",
        &[("survey", &["type|name|label|bind::jr:preload", "text|a|A|uid"]), SETTINGS],
        "survey",
        2,
        "bind::jr:preload",
        "an XLSForm feature Cercle does not support",
    );
}

#[test]
fn calculate_without_calculation() {
    assert_error(
        "calculate_without_calculation",
        &[("survey", &["type|name|label", "calculate|total|"]), SETTINGS],
        "survey",
        2,
        "calculation",
        "the calculate row 'total' has no calculation",
    );
}

#[test]
fn range_parameters() {
    let cases = [
        ("start=1 end", "the parameters of 'r' cannot be read at 'end'"),
        ("start=one end=10", "the range parameter start=one of 'r' is not a number"),
        ("start=0.5 end=10", "the range parameter start=0.5 of 'r' must be a whole number"),
        ("start=1 end=10 step=0", "the range step of 'r' must be above 0"),
        ("start=10 end=1", "the range 'r' starts at 10, above its end 1"),
        ("start=1 end=10 step=4", "the range 'r' from 1 to 10 cannot reach its end in steps of 4"),
    ];
    for (i, (parameters, phrase)) in cases.iter().enumerate() {
        let line = format!("range|r|How much?|{parameters}");
        assert_error(
            &format!("range_{i}"),
            &[("survey", &["type|name|label|parameters", &line]), SETTINGS],
            "survey",
            2,
            "parameters",
            phrase,
        );
    }
    // Spaces around '=' and commas are fine, and defaults are ODK's.
    let dir = workdir();
    let path = write(
        dir.path(),
        "small/range_ok.xlsx",
        &xlsx_bytes(&[
            ("survey", &["type|name|label|parameters", "range|a|A|start = 2, end = 6", "range|b|B|"]),
            SETTINGS,
        ]),
    );
    let form = import(&path).unwrap().form;
    assert_eq!((form.body[0].min, form.body[0].max, form.body[0].step), (Some(2), Some(6), Some(1.0)));
    assert_eq!((form.body[1].min, form.body[1].max, form.body[1].step), (Some(1), Some(10), Some(1.0)));
}

#[test]
fn bad_age_band() {
    assert_error(
        "bad_age_band",
        &[("survey", &["type|name|label|age_bands", "text|q|Q|6-7 5-9"]), SETTINGS],
        "survey",
        2,
        "age_bands",
        "'5-9' is not an age band: 'q' may use 6-7, 8-12 and 13-17",
    );
    let dir = workdir();
    let path = write(
        dir.path(),
        "small/bands.xlsx",
        &xlsx_bytes(&[("survey", &["type|name|label|age_bands", "text|q|Q|13–17, 6-7"]), SETTINGS]),
    );
    assert_eq!(import(&path).unwrap().form.body[0].age_bands, [AgeBand::Age6To7, AgeBand::Age13To17]);
}

#[test]
fn expression_syntax_error_points_at_the_character() {
    let relevant = "${a} = = 'yes'";
    let line = format!("text|b|B|{relevant}");
    let problem = assert_error(
        "syntax_error",
        &[("survey", &["type|name|label|relevant", "text|a|A|", &line]), SETTINGS],
        "survey",
        3,
        "relevant",
        "the relevant of 'b' is not a valid expression",
    );
    let expected = cercle::expr::parse(relevant).unwrap_err().position;
    assert_eq!(problem.location.unwrap().position, Some(expected));
}

#[test]
fn every_expression_column_is_checked() {
    const HEADER: [&str; 11] = [
        "type",
        "name",
        "label",
        "relevant",
        "constraint",
        "calculation",
        "choice_filter",
        "required",
        "repeat_count",
        "default",
        "read_only",
    ];
    let cases = [
        ("relevant", "text"),
        ("constraint", "text"),
        ("calculation", "calculate"),
        ("choice_filter", "select_one l"),
        ("required", "text"),
        ("repeat_count", "begin_repeat"),
        ("default", "text"),
        ("read_only", "text"),
    ];
    for (column, kind) in cases {
        let cells: Vec<&str> = HEADER
            .iter()
            .map(|h| match *h {
                "type" => kind,
                "name" => "q",
                "label" => "Q",
                h if h == column => "${nowhere} + (",
                _ => "",
            })
            .collect();
        let row = cells.join("|");
        let header = HEADER.join("|");
        let mut lines = vec![header.as_str(), row.as_str()];
        if kind == "begin_repeat" {
            lines.push("end_repeat");
        }
        let problem = assert_error(
            &format!("expression_{column}"),
            &[("survey", &lines), ("choices", &["list_name|name|label", "l|a|A"]), SETTINGS],
            "survey",
            2,
            column,
            "is not a valid expression",
        );
        let expected = match column {
            "choice_filter" => cercle::expr::parse_choice_filter("${nowhere} + ("),
            _ => cercle::expr::parse("${nowhere} + ("),
        };
        assert_eq!(problem.location.unwrap().position, Some(expected.unwrap_err().position), "{column}");
    }
}

#[test]
fn reference_to_a_missing_row() {
    let problem = assert_error(
        "missing_reference",
        &[("survey", &["type|name|label|relevant", "text|a|A|", "text|b|B|${a} = 'x' and ${agee} > 3"]), SETTINGS],
        "survey",
        3,
        "relevant",
        "the relevant of 'b' uses ${agee}, but no row of the form is named 'agee'",
    );
    assert_eq!(problem.location.unwrap().position, Some(15));
    assert_error(
        "missing_reference_instance_name",
        &[
            ("survey", &["type|name|label", "text|a|A"]),
            ("settings", &["form_id|version|instance_name", "f|1|concat('x', ${b})"]),
        ],
        "settings",
        2,
        "instance_name",
        "the instance_name setting uses ${b}, but no row of the form is named 'b'",
    );
}

#[test]
fn reference_to_ignored_metadata() {
    assert_error(
        "metadata_reference",
        &[("survey", &["type|name|label|calculation", "start|started||", "calculate|c||${started}"]), SETTINGS],
        "survey",
        3,
        "calculation",
        "uses ${started}, a device metadata row that Cercle ignores (rule C10)",
    );
}

#[test]
fn required_as_an_expression() {
    let sheets: Sheets = &[("survey", &["type|name|label|required", "text|a|A|", "text|b|B|${a} = 'x'"]), SETTINGS];
    let problems = problems_of("small/required_expression", sheets);
    assert!(problems.iter().all(|p| !p.is_error()), "{}", show(&problems));
    let dir = workdir();
    let path = write(dir.path(), "required_expression.xlsx", &xlsx_bytes(sheets));
    let form = import(&path).unwrap().form;
    assert_eq!(form.body[1].required_if.as_deref(), Some("${a} = 'x'"));
    assert!(!form.body[1].required);
    assert_error(
        "read_only_expression",
        &[("survey", &["type|name|label|read_only", "text|a|A|", "text|b|B|${a} = 'x'"]), SETTINGS],
        "survey",
        3,
        "read_only",
        "read_only as an expression is not supported yet",
    );
}

#[test]
fn form_check_problems_are_placed_on_their_row() {
    let problems = problems_of(
        "broken/no_label",
        &[("survey", &["type|name|label::English (en)|label::French (fr)", "text|a||", "text|b|B|"]), SETTINGS],
    );
    assert_problem(&problems, Severity::Error, "survey", 2, Some("label::English (en)"), "the row has no label");
    assert_problem(&problems, Severity::Warning, "survey", 3, Some("label::French (fr)"), "no label in 'fr'");
}

// ---------------------------------------------------------------------------------------------
// Warnings

#[test]
fn warnings_name_their_cell() {
    let s = |lines: &'static [&'static str]| [("survey", lines), SETTINGS];
    assert_warning(
        "unknown_column",
        &s(&["type|name|label|colour", "text|q|Q|red"]),
        "survey",
        1,
        "colour",
        "Cercle does not use the column 'colour'",
    );
    assert_warning(
        "video_column",
        &s(&["type|name|label|media::video", "text|q|Q|clip.mp4"]),
        "survey",
        1,
        "media::video",
        "does not use the column 'media::video'",
    );
    assert_warning(
        "foreign_language",
        &s(&["type|name|label|label::Kiswahili (sw)", "text|q|Q|Swali"]),
        "survey",
        1,
        "label::Kiswahili (sw)",
        "'Kiswahili (sw)' is not one of Cercle's languages (English, French, Spanish, Arabic): the column 'label::Kiswahili (sw)' is ignored",
    );
    assert_warning(
        "unknown_appearance",
        &s(&["type|name|label|appearance", "text|q|Q|multiline"]),
        "survey",
        2,
        "appearance",
        "the appearance 'multiline' of 'q' is not one Cercle knows",
    );
    assert_warning(
        "parameters_not_range",
        &[
            ("survey", &["type|name|label|parameters", "select_one l|q|Q|randomize=true"]),
            ("choices", &["list_name|name|label", "l|a|A"]),
            SETTINGS,
        ],
        "survey",
        2,
        "parameters",
        "parameters are only read on range questions",
    );
    assert_warning(
        "misplaced_repeat_count",
        &s(&["type|name|label|repeat_count", "text|q|Q|3"]),
        "survey",
        2,
        "repeat_count",
        "'repeat_count' is only used on begin_repeat rows",
    );
    assert_warning(
        "different_pictures",
        &s(&["type|name|label|media::image::English (en)|media::image::French (fr)", "note|q|Q|a.png|b.png"]),
        "survey",
        2,
        "media::image::French (fr)",
        "'q' has a different picture in another language",
    );
    assert_warning(
        "no_form_id",
        &[("survey", &["type|name|label", "text|q|Q"]), ("settings", &["version", "1"])],
        "settings",
        2,
        "form_id",
        "the settings sheet has no form_id: the form is named 'no_form_id' after its file",
    );
    assert_warning(
        "no_version",
        &[("survey", &["type|name|label", "text|q|Q"]), ("settings", &["form_id", "f"])],
        "settings",
        2,
        "version",
        "the settings sheet has no version: version '1' is used",
    );
    let problems = problems_of(
        "warnings/two_settings_rows",
        &[("survey", &["type|name|label", "text|q|Q"]), ("settings", &["form_id|version", "f|1", "g|2"])],
    );
    assert_problem(&problems, Severity::Warning, "settings", 3, None, "only the first row of settings is read");
}

#[test]
fn unknown_sheet_and_missing_settings_sheet() {
    let problems =
        problems_of("warnings/extra_sheet", &[("survey", &["type|name|label", "text|q|Q"]), ("notes", &["anything"])]);
    assert_problem(&problems, Severity::Warning, "notes", 1, None, "Cercle does not read the sheet 'notes'");
    assert_problem(&problems, Severity::Warning, "settings", 2, Some("version"), "no version");
}

// ---------------------------------------------------------------------------------------------
// Files that crashed the reader while fuzzing it (fuzz/README.md)

/// A file kept under tests/forms/fuzz/ as the fuzzer wrote it.
fn fuzz_case(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/fuzz").join(name)).unwrap()
}

/// Reads `bytes` as the xlsform_read fuzz target does, under both names a form comes with:
/// `import` and `check` may refuse the file, but must return.
fn import_and_check(dir: &Path, bytes: &[u8]) {
    for name in ["x.xlsx", "x.zip"] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let imported = import(&path).map(|_| ());
        let checked = check(&path).map(|_| ());
        assert_eq!(imported.is_ok(), checked.is_ok(), "{name}: {imported:?} / {checked:?}");
    }
}

/// calamine's cell-reference arithmetic overflows on these: a dimension whose end comes before
/// its start (rows, then columns), a column of eleven letters, a row number past u32. Where
/// overflow checks are on (debug builds, tests) that was a panic; the reader now reports the
/// file as damaged.
#[test]
fn absurd_cell_references_never_panic() {
    let dir = workdir();
    for name in [
        "dimension_rows_reversed.xlsx",
        "dimension_columns_reversed.xlsx",
        "column_letters_overflow.xlsx",
        "row_number_overflow.xlsx",
    ] {
        import_and_check(dir.path(), &fuzz_case(name));
    }
}

/// A cell at XFD1048576 besides A1 made calamine's `worksheet_range` allocate the whole grid
/// between them (17 billion cells): the app aborted, out of memory, on a 6 KB file.
#[test]
fn a_cell_far_from_the_others_is_read_without_a_grid() {
    let xlsx = xlsx_bytes(&[("survey", &["type|name|label", "text|q|Q"]), SETTINGS]);
    let far = patch_xlsx(&xlsx, "xl/worksheets/sheet1.xml", |xml| {
        assert!(xml.contains("</sheetData>"));
        xml.replace(
            "</sheetData>",
            r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>"#,
        )
    });
    let dir = workdir();
    let path = write(dir.path(), "fuzz/far_cell.xlsx", &far);
    let imported = import(&path).unwrap();
    assert_eq!(imported.form.body.len(), 1, "{}", show(&imported.problems));
    import_and_check(dir.path(), &far);
}

#[test]
fn repeat_inside_a_repeat() {
    let problems = problems_of(
        "broken/repeat_in_repeat",
        &[
            (
                "survey",
                &[
                    "type|name|label",
                    "begin_repeat|outer|O",
                    "begin_repeat|inner|I",
                    "text|q|Q",
                    "end_repeat",
                    "end_repeat",
                ],
            ),
            SETTINGS,
        ],
    );
    let p =
        problems.iter().find(|p| p.message().contains("a repeat inside a repeat is not supported")).expect("refused");
    assert!(p.is_error());
    assert_eq!(p.location.as_ref().map(|l| (l.sheet.as_str(), l.row)), Some(("survey", 2)), "{}", show(&problems));
}

// ---------------------------------------------------------------------------------------------
// Problems and import errors in the interface's languages

fn has_arabic_letters(text: &str) -> bool {
    text.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// A Fluent placeholder left unfilled (`{$name}`), or a key shown instead of its text.
#[track_caller]
fn assert_filled(text: &str, what: &str) {
    assert!(!text.contains("{$") && !text.contains("{ $"), "{what}: unfilled placeholder in {text:?}");
    assert!(!text.starts_with("form-problem-") && !text.starts_with("form-import-"), "{what}: untranslated {text:?}");
}

/// Every file of the broken and warnings corpus, in every language.
#[test]
fn problems_are_translated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms");
    let mut files: Vec<PathBuf> = ["broken", "warnings"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx" || e == "zip"))
        .collect();
    files.sort();
    assert!(files.len() > 40, "{files:?}");
    let mut seen = 0;
    for file in &files {
        for p in check(file).unwrap() {
            seen += 1;
            let (en, fr, es, ar) =
                (p.message_in(Lang::En), p.message_in(Lang::Fr), p.message_in(Lang::Es), p.message_in(Lang::Ar));
            let at = format!("{} ({})", file.display(), p.key());
            assert_eq!(en, p.message(), "{at}");
            assert_eq!(p.to_string_in(Lang::En), p.to_string(), "{at}");
            assert_ne!(fr, en, "{at}: French is the English");
            assert_ne!(es, en, "{at}: Spanish is the English");
            assert_ne!(fr, es, "{at}");
            assert!(has_arabic_letters(&ar), "{at}: {ar}");
            for lang in Lang::ALL {
                assert_filled(&p.message_in(lang), &at);
                assert_filled(&p.to_string_in(lang), &at);
            }
            if p.location.is_some() {
                assert!(p.to_string_in(Lang::Fr).contains("feuille '"), "{at}: {}", p.to_string_in(Lang::Fr));
                assert!(p.to_string_in(Lang::Es).contains("hoja '"), "{at}: {}", p.to_string_in(Lang::Es));
                assert!(p.to_string_in(Lang::Ar).contains("الورقة '"), "{at}: {}", p.to_string_in(Lang::Ar));
            }
        }
    }
    assert!(seen > 40, "{seen} problems");
}

#[test]
fn a_broken_form_in_french_and_arabic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/broken");
    let problems = check(&root.join("expression_relevant.xlsx")).unwrap();
    let p = problems.iter().find(|p| p.message().contains("is not a valid expression")).expect("reported");
    let fr = p.to_string_in(Lang::Fr);
    assert!(fr.starts_with("erreur : feuille 'survey', ligne "), "{fr}");
    assert!(fr.contains("n’est pas une expression valide"), "{fr}");
    let ar = p.to_string_in(Lang::Ar);
    assert!(ar.starts_with("خطأ: الورقة 'survey'، الصف "), "{ar}");
    assert!(ar.contains("ليست تعبيرًا صالحًا"), "{ar}");

    let problems = check(&root.join("nested_too_deep.xlsx")).unwrap();
    let p = problems.iter().find(|p| p.message().contains("groups deep")).expect("reported");
    assert!(p.message_in(Lang::Fr).contains("32 groupes"), "{}", p.message_in(Lang::Fr));
    assert!(p.message_in(Lang::Es).contains("32 grupos"), "{}", p.message_in(Lang::Es));
}

#[test]
fn import_errors_are_translated() {
    let dir = workdir();
    let sheet = xlsx_bytes(&[("survey", &["type|name|label", "text|a|A"])]);
    let errors = [
        import(&dir.path().join("nothing.xlsx")).unwrap_err(),
        import(&write(dir.path(), "notes.xlsx", b"type,name,label\n")).unwrap_err(),
        import(&write(dir.path(), "old.xls", b"\xd0\xcf\x11\xe0")).unwrap_err(),
        import(&write(dir.path(), "no_survey.xlsx", &xlsx_bytes(&[("Sheet1", &["a|b"])]))).unwrap_err(),
        import(&write(dir.path(), "pictures.zip", &zip_bytes(&[("face.png", b"png")]))).unwrap_err(),
        import(&write(dir.path(), "two.zip", &zip_bytes(&[("a.xlsx", &sheet), ("b/b.xlsx", &sheet)]))).unwrap_err(),
        ImportError::BadZip(PathBuf::from("x.zip")),
        ImportError::TooLarge { name: "x.zip".into(), limit_mb: 512 },
        ImportError::Expands { name: "x.xlsx".into(), limit_mb: 100 },
        ImportError::Unreadable { path: PathBuf::from("x.xlsx"), reason: "malformed cell references".into() },
        ImportError::Io { path: PathBuf::from("x.xlsx"), source: std::io::Error::other("denied") },
    ];
    for err in &errors {
        let en = err.message_in(Lang::En);
        assert_eq!(en, err.to_string());
        assert_ne!(err.message_in(Lang::Fr), en, "{err}");
        assert_ne!(err.message_in(Lang::Es), en, "{err}");
        assert!(has_arabic_letters(&err.message_in(Lang::Ar)), "{err}");
        for lang in Lang::ALL {
            assert_filled(&err.message_in(lang), &err.to_string());
        }
    }
    assert!(errors[5].message_in(Lang::Fr).contains("plusieurs tableurs (a.xlsx, b/b.xlsx)"));
}

#[test]
fn a_read_only_question_may_show_a_calculation() {
    let sheets: Sheets = &[
        (
            "survey",
            &[
                "type|name|label|read_only|calculation",
                "integer|n|N||",
                "integer|twice|Twice|yes|${n} * 2",
                "integer|other|Other||${n} + 1",
            ],
        ),
        SETTINGS,
    ];
    let problems = problems_of("warnings/calculation_on_a_question", sheets);
    assert_problem(&problems, Severity::Warning, "survey", 4, Some("calculation"), "read-only questions");
    assert!(!problems.iter().any(|p| p.row.as_deref() == Some("twice")), "{}", show(&problems));
    let dir = workdir();
    let form = import(&write(dir.path(), "ro.xlsx", &xlsx_bytes(sheets))).unwrap().form;
    assert_eq!(form.body[1].calculation.as_deref(), Some("${n} * 2"));
    assert!(form.body[1].read_only);
    assert_eq!(form.body[2].calculation, None);
}

#[test]
fn a_recording_cercle_cannot_play_is_a_warning() {
    let problems = problems_of(
        "warnings/audio_format",
        &[
            (
                "survey",
                &[
                    "type|name|label|media::audio::English (en)|media::audio::Français (fr)",
                    "text|a|A|a.mp3|a.m4a",
                    "text|b|B|b.OGG|",
                ],
            ),
            SETTINGS,
        ],
    );
    assert_problem(
        &problems,
        Severity::Warning,
        "survey",
        2,
        Some("media::audio::Français (fr)"),
        "'a.m4a' cannot be played: Cercle plays mp3, wav, ogg and flac recordings",
    );
    let format = |p: &&Problem| p.message().contains("cannot be played");
    assert_eq!(problems.iter().filter(format).count(), 1, "{}", show(&problems));
}

/// A workbook of a few hundred kilobytes whose sheet unpacks to 150 MB (a zip bomb, on a small
/// scale) is refused before the spreadsheet reader unpacks it, with a message that says why.
#[test]
fn a_workbook_that_unpacks_to_too_much_is_refused_early() {
    use std::io::Write as _;
    let dir = workdir();
    let good = xlsx_bytes(&[("survey", &["type|name|label", "text|a|A"])]);
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(good.as_slice())).unwrap();
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        bomb.start_file(name.as_str(), options).unwrap();
        bomb.write_all(&data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            // Blanks after the sheet's XML: valid to unpack, huge once unpacked.
            let blanks = vec![b' '; 1024 * 1024];
            for _ in 0..150 {
                bomb.write_all(&blanks).unwrap();
            }
        }
    }
    let bytes = bomb.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 * 1024 * 1024, "a small file: {} bytes", bytes.len());
    let path = write(dir.path(), "bomb.xlsx", &bytes);
    for result in [import(&path).map(|_| ()), check(&path).map(|_| ())] {
        let err = result.unwrap_err();
        assert!(matches!(err, ImportError::Expands { .. }), "{err}");
        assert!(err.message_in(Lang::Fr).contains("Mo"), "{}", err.message_in(Lang::Fr));
    }
}

/// Old Excel workbooks (.xls), as KoboToolbox and many teams still hand them out, import like
/// the same form saved as .xlsx (tests/forms/xls/bands.xls is small/bands.xlsx saved by
/// LibreOffice as Excel 97-2003).
#[test]
fn an_xls_workbook_imports_as_its_xlsx_does() {
    let forms = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms");
    let xlsx = import(&forms.join("small/bands.xlsx")).unwrap();
    let xls = import(&forms.join("xls/bands.xls")).unwrap();
    assert_eq!(xls.form, xlsx.form);
    assert!(!xls.form.leaves().is_empty());
    // Inside a .zip with its pictures, as a .xlsx would be (refused as "no spreadsheet" before).
    let dir = workdir();
    let xls_bytes = std::fs::read(forms.join("xls/bands.xls")).unwrap();
    let zipped =
        write(dir.path(), "bands.zip", &zip_bytes(&[("form/bands.xls", &xls_bytes), ("form/media/sun.png", b"png")]));
    let from_zip = import(&zipped).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_zip.form, xlsx.form);
    assert_eq!(from_zip.media, vec![("sun.png".to_string(), b"png".to_vec())]);
}

/// Language columns as people type them: one colon, a language name without its code, upper
/// case; `jr:count` keeps its colon.
#[test]
fn language_columns_with_one_colon_or_a_bare_name() {
    let dir = workdir();
    let bytes = xlsx_bytes(&[
        (
            "SURVEY",
            &[
                "TYPE|NAME|label:English|label:Français|Hint:Español (es)|label::العربية|jr:count",
                "integer|n|How many?|Combien ?|Un número|كم؟",
                "begin repeat|r|Friends|Amis||أصدقاء|${n}",
                "text|t|Name a place|Un lieu||مكان",
                "end repeat|||||",
            ],
        ),
        ("Settings", &["form_id|version|default_language", "colons|1|English"]),
    ]);
    let path = write(dir.path(), "colons.xlsx", &bytes);
    let imported = import(&path).unwrap_or_else(|e| panic!("{e}"));
    let n = &imported.form.body[0];
    assert_eq!(n.label.get(Lang::En, Lang::En), "How many?");
    assert_eq!(n.label.get(Lang::Fr, Lang::En), "Combien ?");
    assert_eq!(n.label.get(Lang::Ar, Lang::En), "كم؟");
    assert_eq!(n.hint.get(Lang::Es, Lang::En), "Un número");
    assert_eq!(imported.form.languages.len(), 4, "{:?}", imported.form.languages);
    assert_eq!(imported.form.body[1].repeat_count.as_deref(), Some("${n}"), "jr:count is not a language column");
}
