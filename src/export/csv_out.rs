//! CSV: UTF-8 with a byte-order mark (Excel shows Arabic only with it; the csv crate has no
//! option, so it is written first). One file when the form has no repeats, otherwise a zip
//! with one CSV per table, linked by `_key` and `_parent_key`.

use std::io::{Seek, Write};

use super::{each_released, io_error, Progress, Protected};
use crate::store::{Result, Store, StoreError};

const BOM: &[u8] = "\u{feff}".as_bytes();

pub(super) fn write<W: Write + Seek>(
    store: &Store,
    protected: &mut Protected,
    out: &mut W,
    progress: Progress<'_>,
) -> Result<()> {
    let tables = protected.dataset.tables.len();
    let total = protected.by_session_len() * tables;
    let mut done = 0;
    if tables == 1 {
        return write_table(store, protected, 0, out, &mut done, total, progress);
    }
    let mut zip = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for t in 0..tables {
        let name = format!("{}.csv", protected.dataset.tables[t].name);
        zip.start_file(name, options).map_err(zip_error)?;
        write_table(store, protected, t, &mut zip, &mut done, total, progress)?;
    }
    zip.finish().map_err(zip_error)?;
    Ok(())
}

/// One table, one pass over the store: the zip takes its files one after another.
fn write_table(
    store: &Store,
    protected: &mut Protected,
    table: usize,
    out: &mut impl Write,
    done: &mut usize,
    total: usize,
    progress: Progress<'_>,
) -> Result<()> {
    out.write_all(BOM).map_err(io_error)?;
    let mut w = csv::Writer::from_writer(out);
    let header: Vec<&str> = protected.dataset.tables[table].columns.iter().map(|c| c.header.as_str()).collect();
    w.write_record(&header).map_err(csv_error)?;
    each_released(store, protected, |_, rows| {
        if table == 0 {
            w.write_record(&rows.main).map_err(csv_error)?;
        } else {
            for row in &rows.repeats[table - 1] {
                w.write_record(row).map_err(csv_error)?;
            }
        }
        *done += 1;
        if *done % 500 == 0 {
            progress(*done, total);
        }
        Ok(())
    })?;
    w.flush().map_err(io_error)?;
    progress(*done, total);
    Ok(())
}

fn csv_error(e: csv::Error) -> StoreError {
    StoreError::Export(e.to_string())
}

fn zip_error(e: zip::result::ZipError) -> StoreError {
    StoreError::Export(e.to_string())
}
