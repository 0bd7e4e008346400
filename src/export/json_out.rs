//! JSON: one object per session with its repeats nested, after the form, the disclosure
//! settings and the codebook. Written as it goes (a session at a time), not built in memory.

use std::io::Write;

use serde_json::{json, Value};

use super::dataset::{Column, ColumnType};
use super::{each_released, io_error, Progress, Protected};
use crate::store::{Result, Store, StoreError};

pub(super) fn write(
    store: &Store,
    protected: &mut Protected,
    out: &mut impl Write,
    progress: Progress<'_>,
) -> Result<()> {
    let dataset = &protected.dataset;
    let codebook: Vec<Value> = dataset
        .tables
        .iter()
        .flat_map(|t| {
            t.columns.iter().map(move |c| {
                json!({
                    "table": t.name, "column": c.code, "header": c.header, "type": c.what, "text": c.text,
                    "codes": c.codes.iter().map(|(code, label)| json!({"code": code, "label": label})).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    let head = json!({
        "form": {"id": dataset.form.id, "version": dataset.form.version},
        "labels": dataset.labels.map(|l| l.code()),
        "codebook": codebook,
    });
    let head = serde_json::to_string_pretty(&head).map_err(json_error)?;
    // The head without its closing brace, then the sessions, then the disclosure report (known
    // once every session is written).
    out.write_all(head.trim_end().trim_end_matches('}').trim_end().as_bytes()).map_err(io_error)?;
    out.write_all(b",\n  \"sessions\": [").map_err(io_error)?;
    let total = protected.by_session_len();
    let mut done = 0;
    each_released(store, protected, |dataset, rows| {
        if done > 0 {
            out.write_all(b",").map_err(io_error)?;
        }
        out.write_all(b"\n    ").map_err(io_error)?;
        // Written key by key: the columns' order is the codebook's (a JSON map would sort them).
        let mut session = String::from("{");
        push_object_fields(&mut session, &dataset.tables[0].columns, &rows.main)?;
        for (t, table_rows) in rows.repeats.iter().enumerate() {
            let table = &dataset.tables[t + 1];
            session.push(',');
            session.push_str(&serde_json::to_string(&table.name).map_err(json_error)?);
            session.push_str(":[");
            for (i, r) in table_rows.iter().enumerate() {
                if i > 0 {
                    session.push(',');
                }
                session.push('{');
                push_object_fields(&mut session, &table.columns, r)?;
                session.push('}');
            }
            session.push(']');
        }
        session.push('}');
        out.write_all(session.as_bytes()).map_err(io_error)?;
        done += 1;
        if done % 500 == 0 {
            progress(done, total);
        }
        Ok(())
    })?;
    let disclosure = &protected.disclosure;
    let tail = json!({
        "k": disclosure.k,
        "quasi_identifiers": disclosure.quasi_identifiers,
        "left_out_by_coordinator": disclosure.dropped,
        "age_bands_recoded": disclosure.recoded,
        "suppressed": disclosure.suppressed.iter().map(|(q, n)| json!({"quasi_identifier": q, "values": n})).collect::<Vec<_>>(),
        "answers_hidden": disclosure.betrayed,
        "sessions_withheld": disclosure.withheld,
        "values_changed": disclosure.changed(),
        "free_text": disclosure.free_text,
        "suppressed_value": super::SUPPRESSED,
    });
    out.write_all(b"\n  ],\n  \"disclosure_control\": ").map_err(io_error)?;
    serde_json::to_writer(&mut *out, &tail).map_err(json_error)?;
    out.write_all(b"\n}\n").map_err(io_error)?;
    progress(done, total);
    Ok(())
}

/// A row's fields, in column order: numbers as numbers, choice flags as 0/1, empty cells as null.
fn push_object_fields(out: &mut String, columns: &[Column], row: &[String]) -> Result<()> {
    for (i, (c, v)) in columns.iter().zip(row).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let value = if v.is_empty() {
            Value::Null
        } else {
            match c.kind {
                ColumnType::Number | ColumnType::Flag => v
                    .parse::<i64>()
                    .map(Value::from)
                    .or_else(|_| v.parse::<f64>().map(Value::from))
                    .unwrap_or(Value::String(v.clone())),
                _ => Value::String(v.clone()),
            }
        };
        out.push_str(&serde_json::to_string(&c.header).map_err(json_error)?);
        out.push(':');
        out.push_str(&serde_json::to_string(&value).map_err(json_error)?);
    }
    Ok(())
}

fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::Export(e.to_string())
}
