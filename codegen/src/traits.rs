//! Typed readers for the traits the generator understands, each reporting a wrong value with its shape id.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::model::Traits;

pub const REQUIRED: &str = "smithy.api#required";
pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const LENGTH: &str = "smithy.api#length";
pub const RANGE: &str = "smithy.api#range";
pub const PATTERN: &str = "smithy.api#pattern";
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ENUM_TRAIT: &str = "smithy.api#enum";
pub const INTERNAL: &str = "smithy.api#internal";
pub const DEFAULT: &str = "smithy.api#default";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const ERROR: &str = "smithy.api#error";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const RETRYABLE: &str = "smithy.api#retryable";
pub const MIXIN: &str = "smithy.api#mixin";
pub const TITLE: &str = "smithy.api#title";
pub const STREAMING: &str = "smithy.api#streaming";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
/// Our extension for overlays: a pattern every key of a map must satisfy.
pub const KEY_PATTERN: &str = "codegen.constraints#keyPattern";
/// Our extension for overlays: an upper bound on the UTF-8 bytes of all keys and values of a map.
pub const MAX_TOTAL_UTF8_BYTES: &str = "codegen.constraints#maxTotalUtf8Bytes";

/// Bounds of `@length`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// Bounds of `@range`, kept as the model wrote them so messages print `2.2`, not `2.2000000000000002`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Range {
    pub min: Option<String>,
    pub max: Option<String>,
}

/// One constant of an enum shape.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumConstant {
    pub member_name: String,
    pub value: Value,
    pub internal: bool,
    pub deprecated: bool,
    pub documentation: Option<String>,
}

fn wrong(key: &str, expected: &str) -> Diagnostic {
    let short = key.rsplit('#').next().unwrap_or(key);
    Diagnostic::error("InvalidTraitValue", format!("`{key}` must be {expected}"))
        .hint(format!("see the `@{short}` trait in the Smithy specification for its exact form"))
}

pub fn has(traits: &Traits, key: &str) -> bool {
    traits.contains_key(key)
}

pub fn string<'a>(traits: &'a Traits, key: &str) -> Result<Option<&'a str>, Diagnostic> {
    match traits.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(wrong(key, "a string")),
    }
}

pub fn documentation(traits: &Traits) -> Option<&str> {
    traits.get(DOCUMENTATION).and_then(Value::as_str)
}

fn bound_u64(object: &serde_json::Map<String, Value>, key: &str, name: &str) -> Result<Option<u64>, Diagnostic> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| wrong(key, &format!("an object whose `{name}` is a non-negative integer"))),
        Some(_) => Err(wrong(key, &format!("an object whose `{name}` is a number"))),
    }
}

pub fn length(traits: &Traits) -> Result<Option<Length>, Diagnostic> {
    let Some(value) = traits.get(LENGTH) else { return Ok(None) };
    let object = value.as_object().ok_or_else(|| wrong(LENGTH, "an object with `min` and/or `max`"))?;
    let length = Length { min: bound_u64(object, LENGTH, "min")?, max: bound_u64(object, LENGTH, "max")? };
    if let (Some(min), Some(max)) = (length.min, length.max) {
        if min > max {
            return Err(Diagnostic::error("InvalidTraitValue", format!("`{LENGTH}` has min {min} greater than max {max}"))
                .hint("swap the bounds or fix the typo"));
        }
    }
    if length.min.is_none() && length.max.is_none() {
        return Err(wrong(LENGTH, "an object with at least one of `min` and `max`"));
    }
    Ok(Some(length))
}

pub fn range(traits: &Traits) -> Result<Option<Range>, Diagnostic> {
    let Some(value) = traits.get(RANGE) else { return Ok(None) };
    let object = value.as_object().ok_or_else(|| wrong(RANGE, "an object with `min` and/or `max`"))?;
    let bound = |name: &str| -> Result<Option<String>, Diagnostic> {
        match object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(wrong(RANGE, &format!("an object whose `{name}` is a number"))),
        }
    };
    let range = Range { min: bound("min")?, max: bound("max")? };
    if let (Some(min), Some(max)) = (&range.min, &range.max) {
        if let (Ok(a), Ok(b)) = (min.parse::<f64>(), max.parse::<f64>()) {
            if a > b {
                return Err(Diagnostic::error("InvalidTraitValue", format!("`{RANGE}` has min {min} greater than max {max}"))
                    .hint("swap the bounds or fix the typo"));
            }
        }
    }
    if range.min.is_none() && range.max.is_none() {
        return Err(wrong(RANGE, "an object with at least one of `min` and `max`"));
    }
    Ok(Some(range))
}

pub fn max_total_utf8_bytes(traits: &Traits) -> Result<Option<u64>, Diagnostic> {
    match traits.get(MAX_TOTAL_UTF8_BYTES) {
        None => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| wrong(MAX_TOTAL_UTF8_BYTES, "a non-negative integer")),
        Some(_) => Err(wrong(MAX_TOTAL_UTF8_BYTES, "a non-negative integer")),
    }
}

/// `@error` is `"client"` or `"server"`.
pub fn error_fault(traits: &Traits) -> Result<Option<&str>, Diagnostic> {
    match string(traits, ERROR)? {
        None => Ok(None),
        Some(fault @ ("client" | "server")) => Ok(Some(fault)),
        Some(_) => Err(wrong(ERROR, "\"client\" or \"server\"")),
    }
}

pub fn http_error(traits: &Traits) -> Result<Option<u16>, Diagnostic> {
    match traits.get(HTTP_ERROR) {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(code @ 100..=599) => Ok(Some(code as u16)),
            _ => Err(wrong(HTTP_ERROR, "an HTTP status code between 100 and 599")),
        },
        Some(_) => Err(wrong(HTTP_ERROR, "a number")),
    }
}

/// The message of `@deprecated`, or a fixed text when it gives none.
pub fn deprecated(traits: &Traits) -> Option<String> {
    let value = traits.get(DEPRECATED)?;
    let message = value.get("message").and_then(Value::as_str);
    let since = value.get("since").and_then(Value::as_str);
    Some(match (message, since) {
        (Some(m), Some(s)) => format!("{m} (deprecated since {s})"),
        (Some(m), None) => m.to_string(),
        (None, Some(s)) => format!("deprecated since {s}"),
        (None, None) => "deprecated".to_string(),
    })
}
