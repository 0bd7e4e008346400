//! One worksheet as text: a header row and the data rows under it, each cell rendered the way a
//! coordinator sees it in the spreadsheet (numbers without a trailing `.0`, dates as ISO dates).

use std::collections::BTreeMap;

use calamine::Data;

use super::columns::{parse_header, Column, SheetKind};
use crate::form::{Location, Message, Problem, Severity};

/// A sheet read into text cells. Row numbers are the spreadsheet's (1-based).
#[derive(Debug)]
pub(crate) struct Sheet {
    /// The sheet's name as written in the workbook (problems point there).
    pub name: String,
    pub header_row: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// One data row: its spreadsheet number and its non-empty cells by 0-based column index.
#[derive(Debug)]
pub(crate) struct Row {
    pub number: usize,
    pub cells: BTreeMap<usize, String>,
}

impl Row {
    /// The trimmed text of a column, empty when the cell is.
    pub fn get(&self, column: &Column) -> &str {
        self.cells.get(&column.index).map(|s| s.trim()).unwrap_or("")
    }
}

impl Sheet {
    /// Reads a sheet's cells, each at its 0-based (row, column). Cells holding a spreadsheet
    /// error (`#REF!`) are reported and read as empty: such text must never reach a child.
    pub fn read(
        name: &str,
        kind: SheetKind,
        cells: impl IntoIterator<Item = (usize, usize, Data)>,
        problems: &mut Vec<Problem>,
    ) -> Sheet {
        let mut grid: BTreeMap<usize, BTreeMap<usize, String>> = BTreeMap::new();
        let mut errors = Vec::new();
        for (row, col, data) in cells {
            if let Data::Error(e) = &data {
                errors.push((row, col, e.to_string()));
                continue;
            }
            let text = render(&data);
            if !text.trim().is_empty() {
                grid.entry(row).or_default().insert(col, text);
            }
        }
        // The header is the first row with anything in it (normally row 1).
        let header_index = grid.keys().next().copied();
        let header_cells = header_index.and_then(|i| grid.remove(&i)).unwrap_or_default();
        let columns: Vec<Column> = header_cells.iter().map(|(&index, text)| parse_header(kind, index, text)).collect();
        for (row, col, error) in errors {
            let column = columns.iter().find(|c| c.index == col).map(|c| c.header.clone());
            let text = Message::new("form-problem-cell-error").arg("error", error);
            problems.push(Problem::new(Severity::Error, None, text).at(Location {
                sheet: name.to_string(),
                row: row.saturating_add(1),
                column: Some(column.unwrap_or_else(|| column_letter(col))),
                position: None,
            }));
        }
        // pyxform stops reading a sheet after 60 empty rows in a row: what lies beyond is not
        // part of the form (a stray note far below), and the two must read the same form.
        let mut last = header_index.unwrap_or(0);
        let rows = grid
            .into_iter()
            .take_while(|(index, _)| {
                let near = index.saturating_sub(last) <= MAX_ADJACENT_EMPTY_ROWS;
                last = *index;
                near
            })
            .map(|(index, cells)| Row { number: index.saturating_add(1), cells })
            .collect();
        Sheet { name: name.to_string(), header_row: header_index.map_or(1, |i| i.saturating_add(1)), columns, rows }
    }

    /// A location in this sheet.
    pub fn at(&self, row: usize, column: Option<&Column>) -> Location {
        Location { sheet: self.name.clone(), row, column: column.map(|c| c.header.clone()), position: None }
    }
}

/// The spreadsheet's letter for a 0-based column index (A, B, ..., Z, AA, ...), for cells with
/// no header.
/// pyxform's `max_adjacent_empty_rows` (xls2json_backends.py).
const MAX_ADJACENT_EMPTY_ROWS: usize = 60;

pub(crate) fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// A cell as text. Numbers typed in a spreadsheet come back as floats: `1.0` is shown as `1`.
fn render(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => render_float(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() && dt.as_f64().is_finite() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => render_float(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn render_float(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_letter(usize::MAX).is_empty(), false);
    }

    #[test]
    fn numbers_as_typed() {
        assert_eq!(render(&Data::Float(1.0)), "1");
        assert_eq!(render(&Data::Float(2.5)), "2.5");
        assert_eq!(render(&Data::Float(f64::NAN)), "NaN");
        assert_eq!(render(&Data::Bool(true)), "true");
    }
}
