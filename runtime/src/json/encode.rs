//! Values to JSON by their schemas: member names from `@jsonName`, timestamps as epoch seconds
//! unless `@timestampFormat` says otherwise, blobs in base64, and nested structures sending the
//! `@default`s the caller left unset (unless `@clientOptional`), so the service sees the values
//! the model promises.

use super::JsonWriter;
use crate::primitives::DateTime;
use crate::schema::{Binding, Kind, Member, Node, Schema, TimestampFormat};
use crate::value::{key_text, DocumentNumber, Structure, Union, View};

/// A structure as a JSON object. `top_level` is an operation input: only its body members are
/// written, and unset members stay unset.
pub fn write_structure(w: &mut JsonWriter, schema: &Schema, value: &dyn Structure, top_level: bool) {
    w.begin_object();
    for (index, member) in schema.members.iter().enumerate() {
        if top_level && member.binding != Binding::Body {
            continue;
        }
        match value.member(index).and_then(|slot| slot.get()) {
            Some(v) => {
                w.key(member.json_key());
                write_value(w, v.view(), member);
            }
            None if member.idempotency_token => {
                w.key(member.json_key());
                w.string(&crate::text::new_idempotency_token());
            }
            None if member.unset_value.is_some() => {
                w.key(member.json_key());
                w.string(member.unset_value.unwrap_or_default());
            }
            None => {
                if let (Some(node), false, false) = (member.default, top_level, member.client_optional) {
                    w.key(member.json_key());
                    write_node(w, node, member);
                }
            }
        }
    }
    w.end_object();
}

fn write_union(w: &mut JsonWriter, schema: &Schema, value: &dyn Union) {
    w.begin_object();
    // Validation refuses to send an unknown member; unvalidated, it becomes `{}`.
    if let Some((index, v)) = value.variant() {
        if let Some(member) = schema.members.get(index) {
            w.key(member.json_key());
            match v {
                Some(v) => write_value(w, v.view(), member),
                None => {
                    w.begin_object();
                    w.end_object();
                }
            }
        }
    }
    w.end_object();
}

fn timestamp_text(w: &mut JsonWriter, time: DateTime, format: Option<TimestampFormat>) {
    match format.unwrap_or(TimestampFormat::EpochSeconds) {
        TimestampFormat::EpochSeconds => w.raw_number(&crate::text::format_epoch_seconds(&time)),
        TimestampFormat::DateTime => w.string(&crate::text::format_date_time(&time)),
        TimestampFormat::HttpDate => w.string(&crate::text::format_http_date(&time)),
    };
}

/// One value at the position `member` describes.
pub fn write_value(w: &mut JsonWriter, view: View<'_>, member: &Member) {
    if member.target.kind == Kind::Document {
        write_document(w, view);
        return;
    }
    match view {
        View::Null => {
            w.null();
        }
        View::Bool(v) => {
            w.bool(v);
        }
        View::Byte(v) => {
            w.i64(i64::from(v));
        }
        View::Short(v) => {
            w.i64(i64::from(v));
        }
        View::Integer(v) | View::IntEnum { value: v, .. } => {
            w.i64(i64::from(v));
        }
        View::Long(v) => {
            w.i64(v);
        }
        View::Float(v) => {
            w.f32(v);
        }
        View::Double(v) => {
            w.f64(v);
        }
        View::BigInteger(v) | View::BigDecimal(v) => {
            w.raw_number(v);
        }
        View::String(v) | View::Enum { value: v, .. } => {
            w.string(v);
        }
        View::Blob(bytes) => {
            w.string(&crate::text::base64_encode(bytes));
        }
        View::Timestamp { secs, nanos } => timestamp_text(w, DateTime::from_secs_and_nanos(secs, nanos), member.timestamp_format),
        View::Number(n) => write_number(w, n),
        View::List(list) => {
            let item = member.target.item();
            w.begin_array();
            for i in 0..list.len() {
                if let Some(v) = list.item(i) {
                    write_value(w, v.view(), item);
                }
            }
            w.end_array();
        }
        View::Map(map) => {
            let value_member = member.target.value();
            w.begin_object();
            map.each(&mut |key, v| {
                w.key(key_text(key));
                write_value(w, v.view(), value_member);
            });
            w.end_object();
        }
        View::Structure(schema, s) => write_structure(w, schema, s, false),
        View::Union(schema, u) => write_union(w, schema, u),
    }
}

fn write_number(w: &mut JsonWriter, n: DocumentNumber) {
    match n {
        DocumentNumber::PosInt(n) => w.u64(n),
        DocumentNumber::NegInt(n) => w.i64(n),
        DocumentNumber::Float(n) => w.f64(n),
    };
}

/// A document: object keys in the map's order; non-finite floats as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`, like float members. An explicit stack instead of recursion: a
/// document built in code can be arbitrarily deep.
pub fn write_document(w: &mut JsonWriter, view: View<'_>) {
    enum Open<'a> {
        List(&'a dyn crate::value::List, usize),
        Map(Vec<(&'a str, &'a dyn crate::value::Value)>, usize),
    }
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut next = Some(view);
    loop {
        if let Some(view) = next.take() {
            match view {
                View::List(items) => {
                    w.begin_array();
                    stack.push(Open::List(items, 0));
                }
                View::Map(map) => {
                    w.begin_object();
                    let mut entries = Vec::with_capacity(map.len());
                    map.each(&mut |key, value| entries.push((key_text(key), value)));
                    stack.push(Open::Map(entries, 0));
                }
                View::Null => {
                    w.null();
                }
                View::Bool(v) => {
                    w.bool(v);
                }
                View::Number(n) => write_number(w, n),
                View::String(s) | View::Enum { value: s, .. } => {
                    w.string(s);
                }
                // A document holds nothing else; write what a typed value would be.
                View::Byte(v) => {
                    w.i64(i64::from(v));
                }
                View::Short(v) => {
                    w.i64(i64::from(v));
                }
                View::Integer(v) => {
                    w.i64(i64::from(v));
                }
                View::Long(v) => {
                    w.i64(v);
                }
                View::Float(v) => {
                    w.f32(v);
                }
                View::Double(v) => {
                    w.f64(v);
                }
                _ => {
                    w.null();
                }
            }
        }
        match stack.last_mut() {
            None => return,
            Some(Open::List(items, index)) => match items.item(*index) {
                Some(item) => {
                    *index += 1;
                    next = Some(item.view());
                }
                None => {
                    stack.pop();
                    w.end_array();
                }
            },
            Some(Open::Map(entries, index)) => match entries.get(*index) {
                Some((key, value)) => {
                    *index += 1;
                    w.key(key);
                    next = Some(value.view());
                }
                None => {
                    stack.pop();
                    w.end_object();
                }
            },
        }
    }
}

/// A `@default` node value, written as the member's target kind travels.
pub(crate) fn write_node(w: &mut JsonWriter, node: &Node, member: &Member) {
    let kind = member.target.kind;
    match (node, kind) {
        (Node::Number(text), Kind::Timestamp) => match crate::text::parse_epoch_seconds(text) {
            Ok(time) => timestamp_text(w, time, member.timestamp_format),
            Err(_) => {
                w.null();
            }
        },
        (Node::String(text), Kind::Timestamp) => match crate::text::parse_date_time(text) {
            Ok(time) => timestamp_text(w, time, member.timestamp_format),
            Err(_) => {
                w.null();
            }
        },
        (Node::Null, _) => {
            w.null();
        }
        (Node::Bool(b), _) => {
            w.bool(*b);
        }
        (Node::Number(text), _) => {
            w.raw_number(text);
        }
        // Blob defaults are written in base64 in the model, as they travel in JSON.
        (Node::String(text), _) => {
            w.string(text);
        }
        (Node::List(items), _) => {
            let item = member.target.item();
            w.begin_array();
            for node in *items {
                write_node(w, node, item);
            }
            w.end_array();
        }
        (Node::Map(entries), _) => {
            let value = member.target.value();
            w.begin_object();
            for (key, node) in *entries {
                w.key(key);
                write_node(w, node, value);
            }
            w.end_object();
        }
    }
}
