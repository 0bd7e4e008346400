//! Where a form comes from: an .xlsx (or .xls) alone, with a media folder beside it, or a .zip
//! holding it and its media at any folder depth.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use super::ImportError;
use crate::form::{Message, Problem};

/// A media file larger than this is refused: forms for children carry pictures and short audio,
/// and a bigger entry is more likely a zip bomb than a recording.
pub(crate) const MAX_MEDIA_BYTES: u64 = 64 * 1024 * 1024;
/// The spreadsheet itself, and a whole zip, may be larger (many pictures).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// What a workbook may expand to when unpacked: one part (a sheet's XML), and all of them. A
/// real XLSForm, even one of thousands of questions, is a few megabytes unpacked; a small file
/// that unpacks to gigabytes (a zip bomb, or a damaged file) would exhaust a tablet's memory.
pub(crate) const MAX_XLSX_PART_BYTES: u64 = 100 * 1024 * 1024;
pub(crate) const MAX_XLSX_EXPANDED_BYTES: u64 = 200 * 1024 * 1024;

/// Media files by file name.
pub(crate) type Media = BTreeMap<String, Vec<u8>>;

/// The raw material of a form: the spreadsheet's bytes and its media by file name.
pub(crate) struct Source {
    /// The file stem, to name a form that has no form_id.
    pub stem: String,
    pub xlsx: Vec<u8>,
    pub media: Media,
    /// Problems found while gathering media (two different files of the same name).
    pub problems: Vec<Problem>,
}

/// The first bytes of an OLE compound file: an .xls workbook.
pub(crate) const OLE_SIGNATURE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

pub(crate) fn load(path: &Path) -> Result<Source, ImportError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImportError::NotFound(path.to_path_buf()),
        _ => ImportError::Io { path: path.to_path_buf(), source: e },
    })?;
    if meta.is_dir() {
        return Err(ImportError::NotASpreadsheet(path.to_path_buf()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { name: path.display().to_string(), limit_mb: MAX_FILE_BYTES >> 20 });
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let bytes = read_limited(fs::File::open(path), path, MAX_FILE_BYTES)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // An old Excel workbook (.xls, an OLE compound file): KoboToolbox and many teams still hand
    // these out. The reader opens it with calamine's Xls; media sit beside it as for .xlsx.
    if ext == "xls" || bytes.starts_with(OLE_SIGNATURE) {
        if !bytes.starts_with(OLE_SIGNATURE) {
            return Err(ImportError::NotASpreadsheet(path.to_path_buf()));
        }
        let (media, problems) = media_beside(path, &stem)?;
        return Ok(Source { stem, xlsx: bytes, media, problems });
    }
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::NotASpreadsheet(path.to_path_buf()));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice()))
        .map_err(|_| ImportError::NotASpreadsheet(path.to_path_buf()))?;
    let is_xlsx = archive.index_for_name("xl/workbook.xml").is_some();
    if is_xlsx {
        check_expansion(path, &mut archive)?;
        let (media, problems) = media_beside(path, &stem)?;
        return Ok(Source { stem, xlsx: bytes, media, problems });
    }
    let mut bundle = from_zip(path, &mut archive)?;
    if bundle.stem.is_empty() {
        bundle.stem = stem;
    }
    Ok(bundle)
}

/// A .zip: exactly one .xlsx (or old .xls), every other file is media (named by its file name alone, since
/// XLSForm cells name media that way).
fn from_zip(path: &Path, archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Source, ImportError> {
    let mut sheets = Vec::new();
    let mut media: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            return Err(ImportError::BadZip(path.to_path_buf()));
        };
        if !entry.is_file() {
            continue;
        }
        let Some(inner) = entry.enclosed_name() else { continue };
        let full = inner.to_string_lossy().replace('\\', "/");
        let Some(file_name) = inner.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if skipped(&full, &file_name) {
            continue;
        }
        let lower = file_name.to_ascii_lowercase();
        let is_sheet = lower.ends_with(".xlsx") || lower.ends_with(".xls");
        let limit = if is_sheet { MAX_FILE_BYTES / 4 } else { MAX_MEDIA_BYTES };
        // The declared size may lie, so the read below is bounded too.
        if entry.size() > limit {
            return Err(ImportError::TooLarge { name: full, limit_mb: limit >> 20 });
        }
        let mut data = Vec::new();
        (&mut entry).take(limit + 1).read_to_end(&mut data).map_err(|_| ImportError::BadZip(path.to_path_buf()))?;
        if data.len() as u64 > limit {
            return Err(ImportError::TooLarge { name: full, limit_mb: limit >> 20 });
        }
        total = total.saturating_add(data.len() as u64);
        if total > MAX_FILE_BYTES {
            return Err(ImportError::TooLarge { name: path.display().to_string(), limit_mb: MAX_FILE_BYTES >> 20 });
        }
        if is_sheet {
            sheets.push((full, file_name, data));
        } else {
            add_media(&mut media, &mut origin, &mut problems, file_name, full, data);
        }
    }
    match sheets.len() {
        0 => Err(ImportError::NoSpreadsheetInZip(path.to_path_buf())),
        1 => {
            let Some((_, file_name, xlsx)) = sheets.pop() else {
                return Err(ImportError::NoSpreadsheetInZip(path.to_path_buf()));
            };
            let stem = Path::new(&file_name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            // An old Excel .xls is one OLE file, not a zip: calamine's Xls reads it as it is.
            if !xlsx.starts_with(OLE_SIGNATURE) {
                let mut inner = zip::ZipArchive::new(Cursor::new(xlsx.as_slice()))
                    .map_err(|_| ImportError::NotASpreadsheet(path.to_path_buf()))?;
                check_expansion(path, &mut inner)?;
            }
            Ok(Source { stem, xlsx, media, problems })
        }
        _ => Err(ImportError::SeveralSpreadsheetsInZip {
            path: path.to_path_buf(),
            names: sheets.into_iter().map(|(full, _, _)| full).collect(),
        }),
    }
}

/// Unpacks every part of a workbook into nothing, counting, before the spreadsheet reader
/// sees it: the declared sizes may lie, so the count is what was really unpacked, and it stops
/// at the limit (a 3 GB bomb costs a fraction of a second and no memory).
fn check_expansion(path: &Path, archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<(), ImportError> {
    let too_big = |limit: u64| ImportError::Expands { name: path.display().to_string(), limit_mb: limit >> 20 };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| ImportError::NotASpreadsheet(path.to_path_buf()))?;
        if entry.size() > MAX_XLSX_PART_BYTES {
            return Err(too_big(MAX_XLSX_PART_BYTES));
        }
        let unpacked = std::io::copy(&mut (&mut entry).take(MAX_XLSX_PART_BYTES + 1), &mut std::io::sink())
            .map_err(|_| ImportError::NotASpreadsheet(path.to_path_buf()))?;
        if unpacked > MAX_XLSX_PART_BYTES {
            return Err(too_big(MAX_XLSX_PART_BYTES));
        }
        total += unpacked;
        if total > MAX_XLSX_EXPANDED_BYTES {
            return Err(too_big(MAX_XLSX_EXPANDED_BYTES));
        }
    }
    Ok(())
}

/// Media in `{stem}-media/` (Kobo's export) or else `media/` (ODK's) beside the spreadsheet.
fn media_beside(path: &Path, stem: &str) -> Result<(Media, Vec<Problem>), ImportError> {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let candidates = [dir.join(format!("{stem}-media")), dir.join("media")];
    let mut media = BTreeMap::new();
    let mut origin = BTreeMap::new();
    let mut problems = Vec::new();
    let Some(folder) = candidates.iter().find(|d| d.is_dir()) else {
        return Ok((media, problems));
    };
    let mut pending: Vec<PathBuf> = vec![folder.clone()];
    let mut total: u64 = 0;
    // Depth-first, sorted, so that which of two same-named files wins does not depend on the
    // file system's order.
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for entry in entries.into_iter().rev() {
            let Ok(meta) = fs::symlink_metadata(&entry) else { continue };
            let file_name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let shown = entry
                .strip_prefix(folder)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_else(|_| file_name.clone());
            if meta.is_dir() {
                if !file_name.starts_with('.') {
                    pending.push(entry);
                }
                continue;
            }
            if !meta.is_file() || skipped(&shown, &file_name) {
                continue;
            }
            if meta.len() > MAX_MEDIA_BYTES {
                return Err(ImportError::TooLarge {
                    name: entry.display().to_string(),
                    limit_mb: MAX_MEDIA_BYTES >> 20,
                });
            }
            let data = read_limited(fs::File::open(&entry), &entry, MAX_MEDIA_BYTES)?;
            total = total.saturating_add(data.len() as u64);
            if total > MAX_FILE_BYTES {
                return Err(ImportError::TooLarge {
                    name: folder.display().to_string(),
                    limit_mb: MAX_FILE_BYTES >> 20,
                });
            }
            add_media(&mut media, &mut origin, &mut problems, file_name, shown, data);
        }
    }
    Ok((media, problems))
}

/// Files that travel with forms but are not media: macOS and Windows leftovers, Excel lock files.
fn skipped(full: &str, file_name: &str) -> bool {
    full.split('/').any(|part| part == "__MACOSX")
        || file_name.starts_with('.')
        || file_name.starts_with("~$")
        || file_name.eq_ignore_ascii_case("thumbs.db")
        || file_name.eq_ignore_ascii_case("desktop.ini")
}

fn add_media(
    media: &mut BTreeMap<String, Vec<u8>>,
    origin: &mut BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
    file_name: String,
    full: String,
    data: Vec<u8>,
) {
    match media.get(&file_name) {
        Some(existing) if *existing != data => {
            let first = origin.get(&file_name).cloned().unwrap_or_default();
            problems.push(Problem::form_error(
                Message::new("form-problem-media-name-clash")
                    .arg("file", &file_name)
                    .arg("first", first)
                    .arg("second", full),
            ));
        }
        Some(_) => {}
        None => {
            origin.insert(file_name.clone(), full);
            media.insert(file_name, data);
        }
    }
}

fn read_limited(file: std::io::Result<fs::File>, path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    let io = |e| ImportError::Io { path: path.to_path_buf(), source: e };
    let mut data = Vec::new();
    file.map_err(io)?.take(limit + 1).read_to_end(&mut data).map_err(io)?;
    if data.len() as u64 > limit {
        return Err(ImportError::TooLarge { name: path.display().to_string(), limit_mb: limit >> 20 });
    }
    Ok(data)
}
