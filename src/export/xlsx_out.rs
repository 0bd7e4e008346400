//! XLSX (rust_xlsxwriter): one sheet per table with a frozen header and a filter, right to left
//! when the labels are Arabic, then the codebook and what disclosure control changed. Table
//! sheets use the constant-memory mode (rows go to a temporary file beside the export, not to
//! memory), so 100,000 sessions take the memory of one.

use std::io::{Seek, Write};
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::dataset::ColumnType;
use super::{each_released, Progress, Protected};
use crate::i18n::tr;
use crate::lang::Lang;
use crate::store::{Result, Store, StoreError};

pub(super) fn write<W: Write + Seek + Send>(
    store: &Store,
    protected: &mut Protected,
    out: &mut W,
    path: &Path,
    progress: Progress<'_>,
) -> Result<()> {
    let mut book = Workbook::new();
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    book.set_tempdir(dir).map_err(xlsx_error)?;
    let rtl = protected.dataset.labels == Some(Lang::Ar);
    let lang = protected.dataset.labels.unwrap_or(Lang::En);
    let bold = Format::new().set_bold();
    let mut names: Vec<String> = Vec::new();
    let tables = protected.dataset.tables.len();
    let total = protected.by_session_len() * tables;
    let mut done = 0;
    for t in 0..tables {
        let columns = protected.dataset.tables[t].columns.clone();
        let name = sheet_name(&protected.dataset.tables[t].name, &mut names);
        let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
        sheet.set_name(&name).map_err(xlsx_error)?;
        sheet.set_right_to_left(rtl);
        for (c, column) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, &column.header, &bold).map_err(xlsx_error)?;
            sheet
                .set_column_width(c as u16, (column.header.chars().count().clamp(8, 40) + 2) as f64)
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        let mut row = 0u32;
        let mut put = |sheet: &mut Worksheet, cells: &[String]| -> Result<()> {
            row += 1;
            for (c, (value, column)) in cells.iter().zip(&columns).enumerate() {
                if value.is_empty() {
                    continue;
                }
                let number = matches!(column.kind, ColumnType::Number | ColumnType::Flag)
                    .then(|| value.parse::<f64>().ok())
                    .flatten();
                match number {
                    Some(n) => sheet.write_number(row, c as u16, n),
                    None => sheet.write_string(row, c as u16, value),
                }
                .map_err(xlsx_error)?;
            }
            Ok(())
        };
        each_released(store, protected, |_, rows| {
            if t == 0 {
                put(sheet, &rows.main)?;
            } else {
                for r in &rows.repeats[t - 1] {
                    put(sheet, r)?;
                }
            }
            done += 1;
            if done % 500 == 0 {
                progress(done, total);
            }
            Ok(())
        })?;
        sheet.autofilter(0, 0, row, (columns.len().max(1) - 1) as u16).map_err(xlsx_error)?;
    }

    let codebook = book.add_worksheet();
    codebook.set_name(sheet_name(&tr(lang, "export-sheet-codebook"), &mut names)).map_err(xlsx_error)?;
    codebook.set_right_to_left(rtl);
    let head = [
        "export-codebook-table",
        "export-codebook-column",
        "export-codebook-header",
        "export-codebook-type",
        "export-codebook-text",
        "export-codebook-codes",
    ];
    for (c, key) in head.iter().enumerate() {
        codebook.write_string_with_format(0, c as u16, tr(lang, key), &bold).map_err(xlsx_error)?;
    }
    let mut r = 0u32;
    for table in &protected.dataset.tables {
        for column in &table.columns {
            r += 1;
            let codes: Vec<String> = column.codes.iter().map(|(c, l)| format!("{c} = {l}")).collect();
            for (c, text) in [&table.name, &column.code, &column.header, &column.what, &column.text, &codes.join("\n")]
                .iter()
                .enumerate()
            {
                codebook.write_string(r, c as u16, *text).map_err(xlsx_error)?;
            }
        }
    }
    codebook.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    codebook.autofilter(0, 0, r, (head.len() - 1) as u16).map_err(xlsx_error)?;
    codebook.set_column_width(4, 50).map_err(xlsx_error)?;
    codebook.set_column_width(5, 40).map_err(xlsx_error)?;

    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&tr(lang, "export-sheet-disclosure"), &mut names)).map_err(xlsx_error)?;
    sheet.set_right_to_left(rtl);
    sheet.write_string_with_format(0, 0, tr(lang, "export-sheet-disclosure"), &bold).map_err(xlsx_error)?;
    for (i, line) in protected.disclosure.lines(lang).iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, line).map_err(xlsx_error)?;
    }
    sheet.set_column_width(0, 110).map_err(xlsx_error)?;

    book.save_to_writer(out).map_err(xlsx_error)?;
    progress(done, total);
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    let clean = clean.trim_matches('\'');
    let base: String = clean.chars().take(31).collect();
    let base = if base.is_empty() { "Sheet".to_string() } else { base };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = format!("{}{suffix}", base.chars().take(31 - suffix.chars().count()).collect::<String>());
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn xlsx_error(e: XlsxError) -> StoreError {
    StoreError::Export(e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(super::sheet_name("a/b", &mut taken), "a_b");
        assert_eq!(super::sheet_name("A_B", &mut taken), "A_B (2)");
        let long = super::sheet_name(&"x".repeat(40), &mut taken);
        assert_eq!(long.chars().count(), 31);
        assert_eq!(super::sheet_name(&"x".repeat(40), &mut taken).chars().count(), 31);
    }
}
