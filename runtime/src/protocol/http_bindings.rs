//! The HTTP binding traits (`@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`,
//! `@httpPrefixHeaders`, `@httpResponseCode`), shared by the REST protocols: scalars as URI,
//! query and header text, and back.

use std::borrow::Cow;

use crate::decode::{Decoder, Result};
use crate::error::DeserializeError;
use crate::http::{RequestBuilder, RequestError};
use crate::primitives::DateTime;
use crate::schema::{Binding, Kind, Member, Operation, PathPart, Schema, TimestampFormat};
use crate::value::{sorted_entries, Structure, StructureMut, Value, View};

/// Where a value travels as text, which decides the default timestamp format.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Label,
    Query,
    Header,
}

fn timestamp_text(time: DateTime, format: TimestampFormat) -> String {
    match format {
        TimestampFormat::EpochSeconds => crate::text::format_epoch_seconds(&time),
        TimestampFormat::DateTime => crate::text::format_date_time(&time),
        TimestampFormat::HttpDate => crate::text::format_http_date(&time),
    }
}

/// A scalar as HTTP text; `None` for values that cannot travel as text (the model check keeps
/// aggregates out of these bindings).
pub(crate) fn text<'v>(view: View<'v>, member: &Member, place: Place) -> Option<Cow<'v, str>> {
    Some(match view {
        View::String(s) if member.media_type.is_some() && place == Place::Header => {
            Cow::Owned(crate::text::base64_encode(s.as_bytes()))
        }
        View::String(s) | View::Enum { value: s, .. } | View::BigInteger(s) | View::BigDecimal(s) => Cow::Borrowed(s),
        View::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
        View::Byte(v) => Cow::Owned(v.to_string()),
        View::Short(v) => Cow::Owned(v.to_string()),
        View::Integer(v) | View::IntEnum { value: v, .. } => Cow::Owned(v.to_string()),
        View::Long(v) => Cow::Owned(v.to_string()),
        View::Float(v) => Cow::Owned(crate::text::format_f32(v)),
        View::Double(v) => Cow::Owned(crate::text::format_f64(v)),
        View::Blob(bytes) => Cow::Owned(crate::text::base64_encode(bytes)),
        View::Timestamp { secs, nanos } => {
            let default = if place == Place::Header { TimestampFormat::HttpDate } else { TimestampFormat::DateTime };
            Cow::Owned(timestamp_text(DateTime::from_secs_and_nanos(secs, nanos), member.timestamp_format.unwrap_or(default)))
        }
        _ => return None,
    })
}

/// What a request carries for one input member: its value, or a fresh idempotency token when
/// the caller left a token member unset.
fn member_value<'v>(input: &'v dyn Structure, index: usize, member: &Member, token: &'v mut Option<String>) -> Option<View<'v>> {
    match input.member(index).and_then(|slot| slot.get()) {
        Some(value) => Some(value.view()),
        None if member.idempotency_token => Some(View::String(token.insert(crate::text::new_idempotency_token()))),
        None if member.unset_value.is_some() => member.unset_value.map(View::String),
        None => None,
    }
}

/// The request line and headers of an operation whose input is `input`: path labels, constant and
/// bound query parameters, headers and prefix headers. The body is the protocol's.
pub(crate) fn write_bindings(op: &Operation, input: &dyn Structure, request: &mut RequestBuilder) -> std::result::Result<(), RequestError> {
    let schema = op.input;
    let Some(http) = &op.http else { return Ok(()) };
    for part in http.path {
        match part {
            PathPart::Literal(text) => request.path(text),
            PathPart::Label { member: index, greedy } => {
                let member = &schema.members[*index];
                let mut token = None;
                match member_value(input, *index, member, &mut token).and_then(|v| text(v, member, Place::Label)) {
                    Some(value) => request.label(member.name, &value, *greedy)?,
                    None => return Err(RequestError::MissingLabel { member: member.name }),
                }
            }
        }
    }
    for (name, value) in http.query {
        match value {
            Some(value) => request.query(name, value),
            None => request.query_flag(name),
        }
    }
    let bound_query: Vec<&str> = schema
        .members
        .iter()
        .filter_map(|m| match m.binding {
            Binding::Query(name) => Some(name),
            _ => None,
        })
        .chain(http.query.iter().map(|(name, _)| *name))
        .collect();
    for (index, member) in schema.members.iter().enumerate() {
        let mut token = None;
        let Some(view) = member_value(input, index, member, &mut token) else { continue };
        match member.binding {
            Binding::Query(name) => match view {
                View::List(list) => {
                    let item = member.target.item();
                    for i in 0..list.len() {
                        if let Some(text) = list.item(i).and_then(|v| text(v.view(), item, Place::Query)) {
                            request.query(name, &text);
                        }
                    }
                }
                scalar => {
                    if let Some(text) = text(scalar, member, Place::Query) {
                        request.query(name, &text);
                    }
                }
            },
            Binding::QueryParams => {
                let View::Map(map) = view else { continue };
                let value_member = member.target.value();
                // Sorted so the URI is the same on every run.
                for (key, value) in sorted_entries(map) {
                    match value.view() {
                        View::List(list) => {
                            let item = value_member.target.item();
                            for i in 0..list.len() {
                                if let Some(text) = list.item(i).and_then(|v| text(v.view(), item, Place::Query)) {
                                    request.query_param_if_absent(&bound_query, key, &text);
                                }
                            }
                        }
                        scalar => {
                            if let Some(text) = text(scalar, value_member, Place::Query) {
                                request.query_param_if_absent(&bound_query, key, &text);
                            }
                        }
                    }
                }
            }
            Binding::Header(name) => match view {
                View::List(list) => {
                    let item = member.target.item();
                    let quote = matches!(item.target.kind, Kind::String | Kind::Enum(_));
                    let mut value = String::new();
                    for i in 0..list.len() {
                        let Some(text) = list.item(i).and_then(|v| text(v.view(), item, Place::Header)) else { continue };
                        if i > 0 {
                            value.push_str(", ");
                        }
                        if quote {
                            value.push_str(&crate::text::quote_header_list_item(&text));
                        } else {
                            value.push_str(&text);
                        }
                    }
                    request.header(name, value);
                }
                scalar => {
                    if let Some(text) = text(scalar, member, Place::Header) {
                        request.header(name, text.into_owned());
                    }
                }
            },
            _ => {}
        }
    }
    // After every bound header: an exact binding wins over a prefix.
    for (index, member) in schema.members.iter().enumerate() {
        let Binding::PrefixHeaders(prefix) = member.binding else { continue };
        let Some(View::Map(map)) = input.member(index).and_then(|slot| slot.get()).map(Value::view) else { continue };
        for (key, value) in sorted_entries(map) {
            if let View::String(value) = value.view() {
                request.header_if_absent(&format!("{prefix}{key}"), value);
            }
        }
    }
    Ok(())
}

/// Reads one header value (or one item of a header list) as the member's kind.
pub(crate) struct HeaderDecoder<'a> {
    pub(crate) name: &'a str,
    pub(crate) text: &'a str,
    pub(crate) member: &'static Member,
}

impl HeaderDecoder<'_> {
    fn fail<E: std::fmt::Display>(&self) -> impl Fn(E) -> DeserializeError + '_ {
        move |error| DeserializeError::new(self.name, error.to_string())
    }
}

impl Decoder for HeaderDecoder<'_> {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new(self.name, message)
    }

    fn boolean(&mut self) -> Result<bool> {
        crate::text::parse_bool(self.text).map_err(self.fail())
    }

    fn byte(&mut self) -> Result<i8> {
        crate::text::parse_i8(self.text).map_err(self.fail())
    }

    fn short(&mut self) -> Result<i16> {
        crate::text::parse_i16(self.text).map_err(self.fail())
    }

    fn integer(&mut self) -> Result<i32> {
        crate::text::parse_i32(self.text).map_err(self.fail())
    }

    fn long(&mut self) -> Result<i64> {
        crate::text::parse_i64(self.text).map_err(self.fail())
    }

    fn float(&mut self) -> Result<f32> {
        crate::text::parse_f32(self.text).map_err(self.fail())
    }

    fn double(&mut self) -> Result<f64> {
        crate::text::parse_f64(self.text).map_err(self.fail())
    }

    fn big_integer(&mut self) -> Result<String> {
        self.text.parse::<crate::primitives::BigInteger>().map(|n| n.0).map_err(self.fail())
    }

    fn big_decimal(&mut self) -> Result<String> {
        self.text.parse::<crate::primitives::BigDecimal>().map(|n| n.0).map_err(self.fail())
    }

    fn string(&mut self) -> Result<String> {
        if self.member.media_type.is_some() && self.member.target.kind == Kind::String {
            let bytes = crate::text::base64_decode(self.text).map_err(self.fail())?;
            return String::from_utf8(bytes).map_err(self.fail());
        }
        Ok(self.text.to_string())
    }

    fn blob(&mut self) -> Result<Vec<u8>> {
        crate::text::base64_decode(self.text).map_err(self.fail())
    }

    fn timestamp(&mut self) -> Result<(i64, u32)> {
        let parsed = match self.member.timestamp_format.unwrap_or(TimestampFormat::HttpDate) {
            TimestampFormat::EpochSeconds => crate::text::parse_epoch_seconds(self.text),
            TimestampFormat::DateTime => crate::text::parse_date_time(self.text),
            TimestampFormat::HttpDate => crate::text::parse_http_date(self.text),
        };
        parsed.map(|t| (t.secs(), t.subsec_nanos())).map_err(self.fail())
    }

    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Decoder) -> Result<()>) -> Result<()> {
        let member = self.member.target.item();
        let http_dates = member.target.kind == Kind::Timestamp && member.timestamp_format.unwrap_or(TimestampFormat::HttpDate) == TimestampFormat::HttpDate;
        let items = if http_dates { crate::text::split_http_date_list(self.text) } else { crate::text::split_header_list(self.text) };
        for text in items.map_err(self.fail())? {
            item(&mut HeaderDecoder { name: self.name, text: &text, member })?;
        }
        Ok(())
    }
}

/// The headers starting with a prefix, as a map of strings.
struct PrefixDecoder<'a> {
    prefix: &'a str,
    entries: std::collections::HashMap<String, String>,
    member: &'static Member,
}

impl Decoder for PrefixDecoder<'_> {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new(format!("headers {}*", self.prefix), message)
    }

    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Decoder) -> Result<()>) -> Result<()> {
        let member = self.member.target.value();
        for (key, value) in std::mem::take(&mut self.entries) {
            entry(key, &mut HeaderDecoder { name: self.prefix, text: &value, member })?;
        }
        Ok(())
    }
}

/// A response's status code.
struct StatusDecoder(u16);

impl Decoder for StatusDecoder {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new("status code", message)
    }

    fn integer(&mut self) -> Result<i32> {
        Ok(i32::from(self.0))
    }
}

/// Fill the members of `value` bound to headers, prefix headers and the status code.
pub(crate) fn read_bindings(schema: &'static Schema, value: &mut dyn StructureMut, status: u16, headers: &http::HeaderMap) -> Result<()> {
    for (index, member) in schema.members.iter().enumerate() {
        let Some(slot) = value.member_mut(index) else { continue };
        match member.binding {
            Binding::Header(name) => {
                if let Some(text) = crate::http::header(headers, name)? {
                    slot.decode(&mut HeaderDecoder { name, text, member })?;
                }
            }
            // No matching headers is an empty map, not an absent one.
            Binding::PrefixHeaders(prefix) => {
                let entries = crate::http::prefix_headers(headers, prefix);
                slot.decode(&mut PrefixDecoder { prefix, entries, member })?;
            }
            Binding::ResponseCode => slot.decode(&mut StatusDecoder(status))?,
            _ => {}
        }
    }
    Ok(())
}

/// A payload of raw bytes: a blob, or UTF-8 text for strings and enums.
pub(crate) struct PayloadDecoder<'a>(pub(crate) &'a [u8]);

impl Decoder for PayloadDecoder<'_> {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new("", message)
    }

    fn blob(&mut self) -> Result<Vec<u8>> {
        Ok(self.0.to_vec())
    }

    fn string(&mut self) -> Result<String> {
        std::str::from_utf8(self.0).map(str::to_string).map_err(|_| self.error("the payload is not UTF-8 text"))
    }
}

/// The `@httpPayload` member of a structure, if it has one.
pub(crate) fn payload_member(schema: &crate::schema::Schema) -> Option<(usize, &'static Member)> {
    schema.members.iter().enumerate().find(|(_, m)| m.binding == Binding::Payload)
}
