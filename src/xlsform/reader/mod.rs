//! From a workbook to a [`Form`]: finds the sheets, settles the languages, reads settings and
//! choices, then hands the survey sheet to `survey`. Every doubt becomes a located [`Problem`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use calamine::{Data, Reader as _, Xlsx, XlsxError};

use self::exprs::{ExprCell, ExprRole};
use super::columns::{describe, translatable, Column, Field, SheetKind, Slot};
use super::sheet::{column_letter, Row, Sheet};
use super::source::Source;
use super::ImportError;
use crate::form::{Choice, Form, Location, Message, Problem, Severity, Text};
use crate::lang::Lang;

// The survey sheet and the expression cells are read by the same `Reader` (one pass, one
// list of problems): they are parts of it, not siblings.
mod exprs;
mod survey;

/// Recording formats the read-aloud player decodes (`src/ui/audio.rs`).
const PLAYABLE_AUDIO: [&str; 5] = ["mp3", "wav", "ogg", "oga", "flac"];

/// What reading a workbook gives: the form, the problems, and what `check` needs to place
/// `Form::check`'s problems on the spreadsheet.
pub(crate) struct Outcome {
    pub form: Form,
    pub problems: Vec<Problem>,
    /// The survey sheet's name and the spreadsheet row of every named survey row.
    pub survey_sheet: String,
    pub rows: HashMap<String, usize>,
    /// The survey's label column per language, to point at a missing label.
    pub label_columns: BTreeMap<Lang, String>,
    /// Column order per sheet (sheet name, header) → index, to sort problems as the sheet reads.
    pub column_order: HashMap<(String, String), usize>,
    /// The settings cell that names the default language, when there is one.
    pub default_language_cell: Option<Location>,
}

/// The state shared while reading the sheets of one workbook.
pub(crate) struct Reader<'a> {
    pub problems: Vec<Problem>,
    pub default_language: Lang,
    pub media: &'a BTreeMap<String, Vec<u8>>,
    /// Expression cells, validated once every row name is known (forward references are fine).
    pub exprs: Vec<ExprCell>,
}

impl Reader<'_> {
    pub fn push(&mut self, severity: Severity, location: Location, row: Option<&str>, text: Message) {
        let row = row.filter(|r| !r.is_empty()).map(str::to_string);
        self.problems.push(Problem::new(severity, row, text).at(location));
    }

    pub fn error(&mut self, location: Location, row: Option<&str>, text: Message) {
        self.push(Severity::Error, location, row, text);
    }

    pub fn warning(&mut self, location: Location, row: Option<&str>, text: Message) {
        self.push(Severity::Warning, location, row, text);
    }

    /// A translated column's cells for one row: the plain column is the default language.
    pub fn text(&self, sheet: &Sheet, row: &Row, field: &Field) -> Text {
        let mut text = BTreeMap::new();
        for column in sheet.columns.iter().filter(|c| &c.field == field) {
            let lang = match column.slot {
                Slot::Plain => self.default_language,
                Slot::Lang(lang) => lang,
                Slot::Foreign => continue,
            };
            let value = row.get(column);
            if !value.is_empty() {
                text.entry(lang).or_insert_with(|| value.to_string());
            }
        }
        Text(text)
    }

    /// One picture for every language: the default language's, else the first one given.
    /// Cercle shows a single picture per question or choice, so differing ones are reported.
    pub fn picture(&mut self, sheet: &Sheet, row: &Row, subject: Message, name: Option<&str>) -> Option<String> {
        let images: Vec<(&Column, Lang, &str)> = sheet
            .columns
            .iter()
            .filter(|c| c.field == Field::Image)
            .filter_map(|c| {
                let lang = match c.slot {
                    Slot::Plain => self.default_language,
                    Slot::Lang(lang) => lang,
                    Slot::Foreign => return None,
                };
                Some((c, lang, row.get(c))).filter(|(_, _, v)| !v.is_empty())
            })
            .collect();
        let (column, _, chosen) = images
            .iter()
            .find(|(_, lang, _)| *lang == self.default_language)
            .or_else(|| images.iter().min_by_key(|(_, lang, _)| *lang))
            .copied()?;
        if let Some((other, _, _)) = images.iter().find(|(_, _, v)| *v != chosen) {
            self.warning(
                sheet.at(row.number, Some(other)),
                name,
                Message::new("form-problem-picture-differs").arg("subject", subject).arg("chosen", chosen),
            );
        }
        self.media_exists(sheet.at(row.number, Some(column)), name, chosen, true);
        Some(chosen.to_string())
    }

    /// Audio files per language, each checked against the media and the formats Cercle plays.
    pub fn audio(&mut self, sheet: &Sheet, row: &Row, name: Option<&str>) -> Text {
        let text = self.text(sheet, row, &Field::Audio);
        for column in sheet.columns.iter().filter(|c| c.field == Field::Audio && c.slot != Slot::Foreign) {
            let file = row.get(column);
            if file.is_empty() {
                continue;
            }
            self.media_exists(sheet.at(row.number, Some(column)), name, file, false);
            // What the player decodes (src/ui/audio.rs); phone recordings are often .m4a or .amr.
            let extension = file.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
            if !PLAYABLE_AUDIO.contains(&extension.as_str()) {
                self.warning(
                    sheet.at(row.number, Some(column)),
                    name,
                    Message::new("form-problem-audio-format").arg("file", file),
                );
            }
        }
        text
    }

    fn media_exists(&mut self, location: Location, name: Option<&str>, file: &str, picture: bool) {
        if self.media.contains_key(file) {
            return;
        }
        let key = if picture { "form-problem-picture-missing" } else { "form-problem-audio-missing" };
        self.warning(location, name, Message::new(key).arg("file", file));
    }

    /// Columns that hold the same thing twice (`label` and `label::English (en)` when English is
    /// the default language): which one to believe is not the reader's guess to make.
    fn duplicate_columns(&mut self, sheet: &Sheet) {
        let mut seen: HashMap<(Field, Slot), &Column> = HashMap::new();
        for column in &sheet.columns {
            if matches!(column.field, Field::Ignored | Field::Unsupported) || column.slot == Slot::Foreign {
                continue;
            }
            let slot = match column.slot {
                Slot::Plain if translatable(&column.field) => Slot::Lang(self.default_language),
                slot => slot,
            };
            match seen.get(&(column.field.clone(), slot)) {
                Some(first) => {
                    let text = if translatable(&column.field) {
                        Message::new("form-problem-duplicate-column-described")
                            .arg("what", describe(&column.field, slot))
                    } else {
                        Message::new("form-problem-duplicate-column")
                    };
                    let text = text.arg("letter", column_letter(first.index)).arg("header", &first.header);
                    self.error(sheet.at(sheet.header_row, Some(column)), None, text);
                }
                None => {
                    seen.insert((column.field.clone(), slot), column);
                }
            }
        }
    }

    /// Columns Cercle does not read, reported once each when they hold anything.
    fn ignored_columns(&mut self, sheet: &Sheet) {
        for column in &sheet.columns {
            let used = sheet.rows.iter().any(|r| !r.get(column).is_empty());
            if !used {
                continue;
            }
            if column.field == Field::Ignored && column.header != "$autoname" {
                self.warning(
                    sheet.at(sheet.header_row, Some(column)),
                    None,
                    Message::new("form-problem-column-ignored").arg("column", &column.header),
                );
            } else if column.slot == Slot::Foreign {
                let language = column.header.rsplit("::").next().unwrap_or("").trim();
                self.warning(
                    sheet.at(sheet.header_row, Some(column)),
                    None,
                    Message::new("form-problem-column-foreign-language")
                        .arg("language", language)
                        .arg("column", &column.header),
                );
            }
        }
    }

    /// A column the sheet cannot do without.
    pub fn require_column(&mut self, sheet: &Sheet, field: Field, header: &str) -> bool {
        if sheet.columns.iter().any(|c| c.field == field) {
            return true;
        }
        self.error(
            Location {
                sheet: sheet.name.clone(),
                row: sheet.header_row,
                column: Some(header.to_string()),
                position: None,
            },
            None,
            Message::new("form-problem-sheet-lacks-column").arg("sheet", &sheet.name).arg("column", header),
        );
        false
    }
}

pub(crate) fn find<'s>(sheet: &'s Sheet, field: &Field) -> Option<&'s Column> {
    sheet.columns.iter().find(|c| &c.field == field)
}

/// The settings row, as far as the rest of the reader needs it.
struct Settings {
    form_id: Option<String>,
    version: Option<String>,
    default_language: Option<Lang>,
    public_key: Option<String>,
    submission_url: Option<String>,
    instance_name: Option<String>,
    allow_choice_duplicates: bool,
    /// Where form_id / version belong (the settings' first data row).
    value_row: usize,
    sheet_name: String,
    default_language_cell: Option<Location>,
}

/// The sheets the reader reads, and the problems found while reading them.
struct Workbook {
    problems: Vec<Problem>,
    survey: Sheet,
    choices: Option<Sheet>,
    settings: Option<Sheet>,
}

pub(crate) fn read(path: &Path, source: &Source) -> Result<Outcome, ImportError> {
    // calamine's cell-reference arithmetic overflows on absurd references (`r="A99999999999"`,
    // `ref="C5:A1"`), which panics wherever overflow checks are on (debug builds, tests). Such a
    // file is damaged, not a reason to crash.
    let workbook = catch_unwind(AssertUnwindSafe(|| open(path, &source.xlsx))).unwrap_or_else(|_| {
        Err(ImportError::Unreadable { path: path.to_path_buf(), reason: "malformed cell references".into() })
    })?;
    let Workbook { problems, survey: survey_sheet, choices: choices_sheet, settings: settings_sheet } = workbook;

    let mut reader = Reader { problems, default_language: Lang::En, media: &source.media, exprs: Vec::new() };
    reader.problems.extend(source.problems.iter().cloned());

    let settings = read_settings(&mut reader, settings_sheet.as_ref());
    let content: Vec<&Sheet> = std::iter::once(&survey_sheet).chain(choices_sheet.as_ref()).collect();
    let (default_language, languages) = languages(&settings, &content);
    reader.default_language = default_language;

    let mut all: Vec<&Sheet> = content.clone();
    all.extend(settings_sheet.as_ref());
    for sheet in &all {
        reader.duplicate_columns(sheet);
        reader.ignored_columns(sheet);
    }

    let title = settings_sheet
        .as_ref()
        .and_then(|s| s.rows.first().map(|r| reader.text(s, r, &Field::FormTitle)))
        .unwrap_or_default();
    let id = match settings.form_id.clone() {
        Some(id) => id,
        None => {
            let id = id_from_stem(&source.stem);
            reader.warning(
                Location {
                    sheet: settings.sheet_name.clone(),
                    row: settings.value_row,
                    column: Some("form_id".into()),
                    position: None,
                },
                None,
                Message::new("form-problem-no-form-id").arg("id", &id),
            );
            id
        }
    };
    let version = match settings.version.clone() {
        Some(v) => v,
        None => {
            reader.warning(
                Location {
                    sheet: settings.sheet_name.clone(),
                    row: settings.value_row,
                    column: Some("version".into()),
                    position: None,
                },
                None,
                Message::new("form-problem-no-version"),
            );
            "1".into()
        }
    };

    let choice_lists = match &choices_sheet {
        Some(sheet) => read_choices(&mut reader, sheet, settings.allow_choice_duplicates),
        None => BTreeMap::new(),
    };
    let survey = survey::read(&mut reader, &survey_sheet, &choice_lists);
    exprs::validate(&mut reader, &survey.names, &survey.ignored);

    let title = if title.is_empty() { Text(BTreeMap::from([(default_language, id.clone())])) } else { title };
    let form = Form {
        id,
        version,
        title,
        default_language,
        languages,
        public_key: settings.public_key,
        submission_url: settings.submission_url,
        instance_name: settings.instance_name,
        allow_choice_duplicates: settings.allow_choice_duplicates,
        choice_lists,
        body: survey.body,
    };
    let label_columns = survey_sheet
        .columns
        .iter()
        .filter(|c| c.field == Field::Label)
        .filter_map(|c| match c.slot {
            Slot::Plain => Some((default_language, c.header.clone())),
            Slot::Lang(l) => Some((l, c.header.clone())),
            Slot::Foreign => None,
        })
        .collect();
    let column_order =
        all.iter().flat_map(|s| s.columns.iter().map(|c| ((s.name.clone(), c.header.clone()), c.index))).collect();
    Ok(Outcome {
        form,
        problems: reader.problems,
        survey_sheet: survey_sheet.name.clone(),
        rows: survey.rows,
        label_columns,
        column_order,
        default_language_cell: settings.default_language_cell,
    })
}

/// A workbook as calamine reads it: .xlsx (cell by cell) or an old .xls.
enum Book<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xls(calamine::Xls<Cursor<&'a [u8]>>),
}

impl Book<'_> {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
        }
    }

    fn cells(&mut self, name: &str) -> Result<Vec<(usize, usize, Data)>, String> {
        match self {
            Book::Xlsx(b) => cells(b, name).map_err(|e| e.to_string()),
            // An .xls sheet is at most 65,536 × 256 cells, so its range is bounded.
            Book::Xls(b) => match b.worksheet_range(name) {
                Ok(range) => {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    Ok(range
                        .used_cells()
                        .filter(|(_, _, d)| **d != Data::Empty)
                        .map(|(r, c, d)| (r + r0 as usize, c + c0 as usize, d.clone()))
                        .collect())
                }
                Err(e) => Err(e.to_string()),
            },
        }
    }
}

/// Opens the workbook and reads its survey, choices and settings sheets into text.
fn open(path: &Path, xlsx: &[u8]) -> Result<Workbook, ImportError> {
    let unreadable = |reason: String| ImportError::Unreadable { path: path.to_path_buf(), reason };
    let mut workbook = if xlsx.starts_with(crate::xlsform::source::OLE_SIGNATURE) {
        Book::Xls(calamine::Xls::new(Cursor::new(xlsx)).map_err(|e| unreadable(e.to_string()))?)
    } else {
        Book::Xlsx(Xlsx::new(Cursor::new(xlsx)).map_err(|e| unreadable(e.to_string()))?)
    };
    let mut problems = Vec::new();
    let (mut survey_name, mut choices_name, mut settings_name) = (None, None, None);
    for name in workbook.sheet_names() {
        let slot = match name.trim().to_lowercase().as_str() {
            "survey" => &mut survey_name,
            "choices" => &mut choices_name,
            "settings" => &mut settings_name,
            _ => {
                let text = Message::new("form-problem-sheet-ignored").arg("sheet", &name);
                problems.push(Problem::new(Severity::Warning, None, text).at(Location {
                    sheet: name.clone(),
                    row: 1,
                    column: None,
                    position: None,
                }));
                continue;
            }
        };
        if slot.is_none() {
            *slot = Some(name);
        }
    }
    // pyxform reads a workbook of one sheet as the survey, whatever its name: so does Cercle
    // when that sheet has a `type` column.
    let names = workbook.sheet_names();
    if survey_name.is_none() && choices_name.is_none() && settings_name.is_none() && names.len() == 1 {
        let has_type = workbook
            .cells(&names[0])
            .unwrap_or_default()
            .iter()
            .any(|(_, _, d)| matches!(d, Data::String(s) if s.trim().eq_ignore_ascii_case("type")));
        if has_type {
            survey_name = names.into_iter().next();
            problems.retain(|p| p.key() != "form-problem-sheet-ignored");
        }
    }
    let Some(survey_name) = survey_name else {
        return Err(ImportError::NoSurveySheet(path.to_path_buf()));
    };
    let mut load = |name: &str, kind, problems: &mut Vec<Problem>| -> Result<Sheet, ImportError> {
        let cells = workbook.cells(name).map_err(unreadable)?;
        Ok(Sheet::read(name, kind, cells, problems))
    };
    let survey = load(&survey_name, SheetKind::Survey, &mut problems)?;
    let choices = choices_name.map(|n| load(&n, SheetKind::Choices, &mut problems)).transpose()?;
    let settings = settings_name.map(|n| load(&n, SheetKind::Settings, &mut problems)).transpose()?;
    Ok(Workbook { problems, survey, choices, settings })
}

/// A worksheet's non-empty cells at their 0-based (row, column). Read one by one rather than
/// with `worksheet_range`, which allocates a dense grid from the first cell to the last: a cell
/// at A1 and another at XFD1048576 would ask for 17 billion cells and abort the app.
fn cells(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Vec<(usize, usize, Data)>, XlsxError> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet, say: no cells, as `worksheet_range` has it.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        let (row, col) = cell.get_position();
        let data = Data::from(cell.get_value().clone());
        if data != Data::Empty {
            cells.push((row as usize, col as usize, data));
        }
    }
    Ok(cells)
}

/// The default language and the form's languages. A plain `label` column belongs to the
/// default language; without a `default_language` setting that is English when the form has
/// English or plain columns, else its first language.
fn languages(settings: &Settings, sheets: &[&Sheet]) -> (Lang, Vec<Lang>) {
    let mut explicit = BTreeSet::new();
    let mut plain = false;
    for sheet in sheets {
        for column in sheet.columns.iter().filter(|c| matches!(c.field, Field::Label | Field::Hint)) {
            match column.slot {
                Slot::Lang(lang) => {
                    explicit.insert(lang);
                }
                Slot::Plain => plain |= sheet.rows.iter().any(|r| !r.get(column).is_empty()),
                Slot::Foreign => {}
            }
        }
    }
    let default = settings.default_language.unwrap_or_else(|| {
        if plain || explicit.contains(&Lang::En) {
            Lang::En
        } else {
            explicit.iter().next().copied().unwrap_or(Lang::En)
        }
    });
    if plain || explicit.is_empty() {
        explicit.insert(default);
    }
    (default, Lang::ALL.into_iter().filter(|l| explicit.contains(l)).collect())
}

/// A form id from a file name: `My survey (v2)` → `My_survey_v2`.
fn id_from_stem(stem: &str) -> String {
    let mut id: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if !id.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') {
        id.insert(0, '_');
    }
    if id == "_" {
        id = "form".into();
    }
    id
}

/// XLSForm (XML) names: a letter or `_`, then letters, digits, `_`, `-` and `.`.
/// The same rule as `Form::check`, so the reader and the model agree.
pub(crate) fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn read_settings(reader: &mut Reader, sheet: Option<&Sheet>) -> Settings {
    let mut settings = Settings {
        form_id: None,
        version: None,
        default_language: None,
        public_key: None,
        submission_url: None,
        instance_name: None,
        allow_choice_duplicates: false,
        value_row: 2,
        sheet_name: "settings".into(),
        default_language_cell: None,
    };
    let Some(sheet) = sheet else { return settings };
    settings.sheet_name = sheet.name.clone();
    settings.value_row = sheet.header_row + 1;
    let Some(row) = sheet.rows.first() else { return settings };
    settings.value_row = row.number;
    for extra in sheet.rows.iter().skip(1) {
        reader.warning(
            sheet.at(extra.number, None),
            None,
            Message::new("form-problem-settings-extra-row").arg("row", row.number.to_string()),
        );
    }
    let value = |field: Field| find(sheet, &field).map(|c| (c, row.get(c))).filter(|(_, v)| !v.is_empty());
    if let Some((column, id)) = value(Field::FormId) {
        if !is_valid_name(id) {
            reader.error(
                sheet.at(row.number, Some(column)),
                None,
                Message::new("form-problem-form-id-invalid").arg("id", id),
            );
        }
        settings.form_id = Some(id.to_string());
    }
    settings.version = value(Field::Version).map(|(_, v)| v.to_string());
    if let Some((column, lang)) = value(Field::DefaultLanguage) {
        settings.default_language_cell = Some(sheet.at(row.number, Some(column)));
        if !lang.eq_ignore_ascii_case("default") {
            match crate::lang::parse_language(lang) {
                Some(l) => settings.default_language = Some(l),
                None => reader.error(
                    sheet.at(row.number, Some(column)),
                    None,
                    Message::new("form-problem-default-language-unknown").arg("lang", lang),
                ),
            }
        }
    }
    settings.public_key = value(Field::PublicKey).map(|(_, v)| v.to_string());
    settings.submission_url = value(Field::SubmissionUrl).map(|(_, v)| v.to_string());
    settings.allow_choice_duplicates = value(Field::AllowChoiceDuplicates)
        .is_some_and(|(_, v)| matches!(v.trim().to_lowercase().as_str(), "yes" | "true" | "1"));
    if let Some((column, expr)) = value(Field::InstanceName) {
        reader.exprs.push(ExprCell {
            location: sheet.at(row.number, Some(column)),
            row: None,
            column: "instance_name".into(),
            text: expr.to_string(),
            role: ExprRole::Plain,
        });
        settings.instance_name = Some(expr.to_string());
    }
    settings
}

/// The choices sheet: lists by name, choices in sheet order, each choice once.
fn read_choices(reader: &mut Reader, sheet: &Sheet, allow_duplicates: bool) -> BTreeMap<String, Vec<Choice>> {
    let mut lists: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    // The spreadsheet row of each (list, choice), to name the first of two duplicates.
    let mut rows: HashMap<(String, String), usize> = HashMap::new();
    let has_rows = !sheet.rows.is_empty();
    if has_rows {
        let list_ok = reader.require_column(sheet, Field::ListName, "list_name");
        let name_ok = reader.require_column(sheet, Field::Name, "name");
        if !list_ok || !name_ok {
            return lists;
        }
    }
    let (Some(list_col), Some(name_col)) = (find(sheet, &Field::ListName), find(sheet, &Field::Name)) else {
        return lists;
    };
    let meaningful: Vec<&Column> = sheet
        .columns
        .iter()
        .filter(|c| !matches!(c.field, Field::Ignored | Field::AutoName) && c.slot != Slot::Foreign)
        .collect();
    for row in &sheet.rows {
        if meaningful.iter().all(|c| row.get(c).is_empty()) {
            continue;
        }
        let list = row.get(list_col);
        let name = row.get(name_col);
        if list.is_empty() {
            reader.error(
                sheet.at(row.number, Some(list_col)),
                None,
                Message::new("form-problem-choice-no-list-name").arg("choice", name),
            );
            continue;
        }
        if name.is_empty() {
            reader.error(
                sheet.at(row.number, Some(name_col)),
                None,
                Message::new("form-problem-choice-no-name").arg("list", list),
            );
            continue;
        }
        let key = (list.to_string(), name.to_string());
        if let Some(first) = rows.get(&key).filter(|_| !allow_duplicates) {
            reader.error(
                sheet.at(row.number, Some(name_col)),
                None,
                Message::new("form-problem-choice-duplicate")
                    .arg("choice", name)
                    .arg("list", list)
                    .arg("first", first.to_string()),
            );
            continue;
        }
        rows.insert(key, row.number);
        let subject = Message::new("form-problem-subject-choice").arg("choice", name).arg("list", list);
        let label = reader.text(sheet, row, &Field::Label);
        let image = reader.picture(sheet, row, subject, None);
        let audio = reader.audio(sheet, row, None);
        if label.is_empty() && image.is_none() {
            let column = find(sheet, &Field::Label);
            reader.warning(
                sheet.at(row.number, column),
                None,
                Message::new("form-problem-choice-shows-name").arg("choice", name).arg("list", list),
            );
        }
        let extra = sheet
            .columns
            .iter()
            .filter_map(|c| match &c.field {
                Field::Extra(key) => Some((key.clone(), row.get(c))),
                _ => None,
            })
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        lists.entry(list.to_string()).or_default().push(Choice { name: name.to_string(), label, image, audio, extra });
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_from_stem("My survey (v2)"), "My_survey_v2");
        assert_eq!(id_from_stem("2024 form"), "_2024_form");
        assert_eq!(id_from_stem(""), "form");
        assert_eq!(id_from_stem("((("), "form");
        assert!(is_valid_name(&id_from_stem("école d'été")));
    }
}
