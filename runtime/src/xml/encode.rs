//! Values to XML by their schemas, the rules of [`XmlDecoder`](super::XmlDecoder) in the other
//! direction: elements named by `@xmlName` or the member name, `@xmlAttribute` members on the
//! start tag, wrapped or `@xmlFlattened` lists and maps, `@xmlNamespace` declarations, timestamps
//! as `date-time` unless `@timestampFormat` says otherwise, blobs in base64, and nested
//! structures sending the `@default`s the caller left unset (unless `@clientOptional`), as the
//! JSON encoder does. Map entries are written in key order, so the same value is the same body.
//!
//! A shape's own `@xmlNamespace` is declared only on the document's root element (the callers
//! pass it): members declare their member's namespace, as Smithy's protocol tests expect.

use std::borrow::Cow;

use super::XmlWriter;
use crate::primitives::DateTime;
use crate::schema::{Binding, Kind, Member, Node, Schema, TimestampFormat, XmlNamespace};
use crate::value::{sorted_entries, Structure, View};

/// The element name of a structure or union at the root of a document: its `@xmlName`, else its
/// shape name.
pub fn root_name(schema: &Schema) -> &'static str {
    match schema.xml_name {
        Some(name) => name,
        None => schema.id.rsplit_once('#').map_or(schema.id, |(_, name)| name),
    }
}

/// The root element name of an `@httpPayload` member's document: the member's `@xmlName`, else
/// its target's [`root_name`].
pub fn payload_name(member: &Member) -> &'static str {
    member.xml.name.unwrap_or_else(|| root_name(member.target))
}

/// An `@httpPayload` structure or union as a whole document: named by [`payload_name`], with
/// the member's or else the target's `@xmlNamespace`.
pub fn write_payload(w: &mut XmlWriter, view: View<'_>, member: &Member) {
    write_value(w, payload_name(member), member.xml.namespace.or(member.target.xml_namespace), view, member);
}

/// A structure as the element `name`, declaring `namespace` on it (for an operation input: the
/// input's `@xmlNamespace`, else the service's). `top_level` is an operation input: only its
/// body members are written, and unset members stay unset.
pub fn write_structure(w: &mut XmlWriter, name: &str, namespace: Option<XmlNamespace>, schema: &Schema, value: &dyn Structure, top_level: bool) {
    w.start_element(name);
    if let Some(namespace) = namespace {
        w.namespace(namespace.uri, namespace.prefix);
    }
    let written = |member: &Member| !top_level || member.binding == Binding::Body;
    // Attributes first: they belong on the start tag.
    for (index, member) in schema.members.iter().enumerate() {
        if !member.xml.attribute || !written(member) {
            continue;
        }
        let text = match value.member(index).and_then(|slot| slot.get()) {
            Some(v) => scalar_text(v.view(), member),
            None => unset_text(member, top_level),
        };
        if let Some(text) = text {
            w.attribute(member.xml.name.unwrap_or(member.name), &text);
        }
    }
    for (index, member) in schema.members.iter().enumerate() {
        if member.xml.attribute || !written(member) {
            continue;
        }
        match value.member(index).and_then(|slot| slot.get()) {
            Some(v) => write_member(w, v.view(), member),
            None if member.idempotency_token => {
                write_text_element(w, member.xml.name.unwrap_or(member.name), member.xml.namespace, &crate::text::new_idempotency_token());
            }
            None if member.unset_value.is_some() => {
                write_text_element(w, member.xml.name.unwrap_or(member.name), member.xml.namespace, member.unset_value.unwrap_or_default());
            }
            None => {
                if let (Some(node), false, false) = (member.default, top_level, member.client_optional) {
                    write_default(w, node, member);
                }
            }
        }
    }
    w.end_element();
}

/// One member of a structure or union: its element, or for an `@xmlFlattened` list or map its
/// repeated elements.
fn write_member(w: &mut XmlWriter, view: View<'_>, member: &Member) {
    let name = member.xml.name.unwrap_or(member.name);
    match view {
        View::List(list) if member.xml.flattened => {
            let item = member.target.item();
            let namespace = member.xml.namespace.or(item.xml.namespace);
            for index in 0..list.len() {
                if let Some(v) = list.item(index) {
                    write_value(w, name, namespace, v.view(), item);
                }
            }
        }
        View::Map(map) if member.xml.flattened => {
            for (key, v) in sorted_entries(map) {
                w.start_element(name);
                if let Some(namespace) = member.xml.namespace {
                    w.namespace(namespace.uri, namespace.prefix);
                }
                write_entry(w, key, v.view(), member.target);
                w.end_element();
            }
        }
        _ => write_value(w, name, member.xml.namespace, view, member),
    }
}

/// The element `name` holding one value at the position `member` describes (a list wraps its
/// items, a map its entries). Absent items of sparse collections and documents, which XML
/// cannot carry, are left out.
pub fn write_value(w: &mut XmlWriter, name: &str, namespace: Option<XmlNamespace>, view: View<'_>, member: &Member) {
    if member.target.kind == Kind::Document {
        return;
    }
    let start = |w: &mut XmlWriter| {
        w.start_element(name);
        if let Some(namespace) = namespace {
            w.namespace(namespace.uri, namespace.prefix);
        }
    };
    match view {
        View::Null => {}
        View::Structure(schema, s) => write_structure(w, name, namespace, schema, s, false),
        View::Union(schema, u) => {
            start(w);
            // Validation refuses to send an unknown member; unvalidated, it becomes `<name></name>`.
            if let Some((index, v)) = u.variant() {
                if let Some(variant) = schema.members.get(index) {
                    match v {
                        Some(v) => write_member(w, v.view(), variant),
                        None => {
                            w.start_element(variant.xml.name.unwrap_or(variant.name));
                            w.end_element();
                        }
                    }
                }
            }
            w.end_element();
        }
        View::List(list) => {
            start(w);
            let item = member.target.item();
            let item_name = item.xml.name.unwrap_or("member");
            for index in 0..list.len() {
                if let Some(v) = list.item(index) {
                    write_value(w, item_name, item.xml.namespace, v.view(), item);
                }
            }
            w.end_element();
        }
        View::Map(map) => {
            start(w);
            for (key, v) in sorted_entries(map) {
                w.start_element("entry");
                write_entry(w, key, v.view(), member.target);
                w.end_element();
            }
            w.end_element();
        }
        scalar => {
            if let Some(text) = scalar_text(scalar, member) {
                start(w);
                w.text(&text);
                w.end_element();
            }
        }
    }
}

/// The key and value elements of one map entry.
fn write_entry(w: &mut XmlWriter, key: &str, value: View<'_>, map: &Schema) {
    let key_member = map.members.first();
    let key_name = key_member.and_then(|m| m.xml.name).unwrap_or("key");
    write_text_element(w, key_name, key_member.and_then(|m| m.xml.namespace), key);
    let value_member = map.value();
    write_value(w, value_member.xml.name.unwrap_or("value"), value_member.xml.namespace, value, value_member);
}

fn write_text_element(w: &mut XmlWriter, name: &str, namespace: Option<XmlNamespace>, text: &str) {
    w.start_element(name);
    if let Some(namespace) = namespace {
        w.namespace(namespace.uri, namespace.prefix);
    }
    w.text(text);
    w.end_element();
}

fn timestamp_text(time: &DateTime, format: Option<TimestampFormat>) -> String {
    match format.unwrap_or(TimestampFormat::DateTime) {
        TimestampFormat::DateTime => crate::text::format_date_time(time),
        TimestampFormat::EpochSeconds => crate::text::format_epoch_seconds(time),
        TimestampFormat::HttpDate => crate::text::format_http_date(time),
    }
}

/// The text of a scalar value (attribute value or element content), unescaped.
fn scalar_text<'v>(view: View<'v>, member: &Member) -> Option<Cow<'v, str>> {
    Some(match view {
        View::Bool(v) => Cow::Borrowed(if v { "true" } else { "false" }),
        View::Byte(v) => Cow::Owned(v.to_string()),
        View::Short(v) => Cow::Owned(v.to_string()),
        View::Integer(v) | View::IntEnum { value: v, .. } => Cow::Owned(v.to_string()),
        View::Long(v) => Cow::Owned(v.to_string()),
        View::Float(v) => Cow::Owned(crate::text::format_f32(v)),
        View::Double(v) => Cow::Owned(crate::text::format_f64(v)),
        View::BigInteger(v) | View::BigDecimal(v) | View::String(v) | View::Enum { value: v, .. } => Cow::Borrowed(v),
        View::Blob(bytes) => Cow::Owned(crate::text::base64_encode(bytes)),
        View::Timestamp { secs, nanos } => Cow::Owned(timestamp_text(&DateTime::from_secs_and_nanos(secs, nanos), member.timestamp_format)),
        _ => return None,
    })
}

/// What an unset attribute member sends: a fresh idempotency token, or its `@default` inside a
/// nested structure.
fn unset_text(member: &Member, top_level: bool) -> Option<Cow<'static, str>> {
    if member.idempotency_token {
        return Some(Cow::Owned(crate::text::new_idempotency_token()));
    }
    if let Some(value) = member.unset_value {
        return Some(Cow::Borrowed(value));
    }
    match (member.default, top_level, member.client_optional) {
        (Some(node), false, false) => node_text(node, member),
        _ => None,
    }
}

/// A scalar `@default` as text, read as the member's target kind travels.
fn node_text(node: &'static Node, member: &Member) -> Option<Cow<'static, str>> {
    match (node, member.target.kind) {
        (Node::Number(text), Kind::Timestamp) => {
            crate::text::parse_epoch_seconds(text).ok().map(|time| Cow::Owned(timestamp_text(&time, member.timestamp_format)))
        }
        (Node::String(text), Kind::Timestamp) => {
            crate::text::parse_date_time(text).ok().map(|time| Cow::Owned(timestamp_text(&time, member.timestamp_format)))
        }
        (Node::Bool(b), _) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        // Blob defaults are base64 in the model, as they travel.
        (Node::Number(text) | Node::String(text), _) => Some(Cow::Borrowed(text)),
        _ => None,
    }
}

/// A member's `@default`, written where its value would be.
fn write_default(w: &mut XmlWriter, node: &'static Node, member: &Member) {
    let name = member.xml.name.unwrap_or(member.name);
    match node {
        Node::List(items) if member.xml.flattened => {
            let item = member.target.item();
            for node in *items {
                write_node(w, name, member.xml.namespace.or(item.xml.namespace), node, item);
            }
        }
        Node::Map(entries) if member.xml.flattened => {
            for (key, node) in *entries {
                w.start_element(name);
                if let Some(namespace) = member.xml.namespace {
                    w.namespace(namespace.uri, namespace.prefix);
                }
                write_node_entry(w, key, node, member.target);
                w.end_element();
            }
        }
        _ => write_node(w, name, member.xml.namespace, node, member),
    }
}

/// The element `name` holding a `@default` node value (see [`write_value`]).
fn write_node(w: &mut XmlWriter, name: &str, namespace: Option<XmlNamespace>, node: &'static Node, member: &Member) {
    let start = |w: &mut XmlWriter| {
        w.start_element(name);
        if let Some(namespace) = namespace {
            w.namespace(namespace.uri, namespace.prefix);
        }
    };
    match node {
        Node::Null => {}
        Node::List(items) => {
            start(w);
            let item = member.target.item();
            let item_name = item.xml.name.unwrap_or("member");
            for node in *items {
                write_node(w, item_name, item.xml.namespace, node, item);
            }
            w.end_element();
        }
        Node::Map(entries) => {
            start(w);
            for (key, node) in *entries {
                w.start_element("entry");
                write_node_entry(w, key, node, member.target);
                w.end_element();
            }
            w.end_element();
        }
        scalar => {
            if member.target.kind == Kind::Document {
                return;
            }
            if let Some(text) = node_text(scalar, member) {
                start(w);
                w.text(&text);
                w.end_element();
            }
        }
    }
}

fn write_node_entry(w: &mut XmlWriter, key: &str, node: &'static Node, map: &Schema) {
    let key_member = map.members.first();
    let key_name = key_member.and_then(|m| m.xml.name).unwrap_or("key");
    write_text_element(w, key_name, key_member.and_then(|m| m.xml.namespace), key);
    let value_member = map.value();
    write_node(w, value_member.xml.name.unwrap_or("value"), value_member.xml.namespace, node, value_member);
}
