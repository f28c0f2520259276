//! HTTP binding traits (`@http`, `@httpLabel`, `@httpHeader`, ...) and JSON wire details, read into
//! the IR's [`Wire`] and [`Http`] descriptions.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::ir::{Binding, Field, Http, PathPart, TimestampFormat, Wire};
use crate::model::{Model, Shape, ShapeType, Traits};

pub const HTTP: &str = "smithy.api#http";
pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
pub const REST_JSON1: &str = "aws.protocols#restJson1";

/// Where a top-level member is bound. Nested members always travel in the body.
pub fn binding(traits: &Traits) -> Binding {
    let text = |key: &str| traits.get(key).and_then(Value::as_str).map(str::to_string);
    if traits.contains_key(HTTP_LABEL) {
        Binding::Label
    } else if let Some(name) = text(HTTP_QUERY) {
        Binding::Query(name)
    } else if traits.contains_key(HTTP_QUERY_PARAMS) {
        Binding::QueryParams
    } else if let Some(name) = text(HTTP_HEADER) {
        Binding::Header(name)
    } else if let Some(prefix) = text(HTTP_PREFIX_HEADERS) {
        Binding::PrefixHeaders(prefix)
    } else if traits.contains_key(HTTP_PAYLOAD) {
        Binding::Payload
    } else if traits.contains_key(HTTP_RESPONSE_CODE) {
        Binding::ResponseCode
    } else {
        Binding::Body
    }
}

fn format_of(traits: &Traits) -> Option<TimestampFormat> {
    match traits.get(TIMESTAMP_FORMAT).and_then(Value::as_str)? {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}

/// The timestamp format for timestamps in a value: the member's trait, else its target's, else
/// (for collections) the item member's and item target's.
pub fn timestamp_format(model: &Model, member_traits: &Traits, target: &Shape) -> Option<TimestampFormat> {
    if let Some(format) = format_of(member_traits).or_else(|| format_of(&target.traits)) {
        return Some(format);
    }
    let item = match target.shape_type {
        ShapeType::List | ShapeType::Set => target.member("member"),
        ShapeType::Map => target.member("value"),
        _ => None,
    }?;
    let item_target = model.shape(&item.target)?;
    if item_target.id == target.id {
        return None;
    }
    timestamp_format(model, &item.traits, item_target)
}

/// The wire description of a member.
pub fn wire(model: &Model, member_name: &str, member_traits: &Traits, target: &Shape) -> Wire {
    Wire {
        binding: binding(member_traits),
        json_name: member_traits.get(JSON_NAME).and_then(Value::as_str).unwrap_or(member_name).to_string(),
        timestamp_format: timestamp_format(model, member_traits, target),
        media_type: target.traits.get(MEDIA_TYPE).and_then(Value::as_str).map(str::to_string),
        idempotency_token: member_traits.contains_key(crate::traits::IDEMPOTENCY_TOKEN),
        streaming: target.traits.contains_key(crate::traits::STREAMING),
    }
}

/// Parse `@http` of an operation against its input's fields.
pub fn http(traits: &Traits, input: &[Field]) -> Result<Option<Http>, Diagnostic> {
    let Some(value) = traits.get(HTTP) else { return Ok(None) };
    let wrong = |what: &str| Diagnostic::error("InvalidTraitValue", format!("`{HTTP}` {what}"));
    let method = value.get("method").and_then(Value::as_str).ok_or_else(|| wrong("needs a string `method`"))?;
    let uri = value.get("uri").and_then(Value::as_str).ok_or_else(|| wrong("needs a string `uri`"))?;
    let code = match value.get("code") {
        None => 200,
        Some(code) => code.as_u64().and_then(|c| u16::try_from(c).ok()).filter(|c| (100..600).contains(c)).ok_or_else(|| wrong("has a `code` that is not an HTTP status"))?,
    };
    if !uri.starts_with('/') {
        return Err(wrong(&format!("uri `{uri}` must start with `/`")));
    }
    let (path_text, query_text) = uri.split_once('?').unwrap_or((uri, ""));
    let mut path = Vec::new();
    let mut literal = String::new();
    for segment in path_text.split('/').skip(1) {
        literal.push('/');
        if let Some(label) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let (name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name, true),
                None => (label, false),
            };
            let field = input
                .iter()
                .position(|f| f.member == name && f.wire.binding == Binding::Label)
                .ok_or_else(|| {
                    wrong(&format!("uri `{uri}` has label `{{{label}}}` but the input has no `@httpLabel` member `{name}`"))
                        .hint("add the member with @httpLabel and @required to the operation input")
                })?;
            if !literal.is_empty() {
                path.push(PathPart::Literal(std::mem::take(&mut literal)));
            }
            path.push(PathPart::Label { field, greedy });
        } else if segment.contains('{') || segment.contains('}') {
            return Err(wrong(&format!("uri `{uri}` has a label that is not a whole path segment")));
        } else {
            literal.push_str(segment);
        }
    }
    if !literal.is_empty() {
        path.push(PathPart::Literal(literal));
    }
    for (i, field) in input.iter().enumerate() {
        if field.wire.binding == Binding::Label && !path.iter().any(|p| matches!(p, PathPart::Label { field, .. } if *field == i)) {
            return Err(wrong(&format!("uri `{uri}` has no label for the `@httpLabel` member `{}`", field.member)));
        }
    }
    let query = query_text
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| match q.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (q.to_string(), None),
        })
        .collect();
    Ok(Some(Http { method: method.to_string(), path, query, code }))
}
