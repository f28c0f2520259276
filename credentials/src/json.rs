//! The JSON documents credential sources answer with: `credential_process` output, container
//! and IMDS responses. Errors never quote the document, which holds secrets.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use smithy_rt::json::{self as rt_json, Json, JsonWriter};

/// How one source names and checks its fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// `SessionToken` (credential_process) or `Token` (container, IMDS).
    pub token: &'static str,
    /// credential_process requires `"Version": 1`.
    pub version: bool,
    /// IMDS reports `"Code": "Success"`.
    pub code: bool,
}

/// The credentials in `body`.
pub(crate) fn credentials(body: &[u8], shape: Shape, provider: &'static str) -> Result<Credentials, String> {
    let fields = rt_json::parse(body).map_err(|error| format!("the response is not valid JSON ({error})"))?;
    if !matches!(fields, Json::Object(_)) {
        return Err("the response is not a JSON object".to_string());
    }
    if shape.version {
        match fields.get("Version") {
            Some(Json::Number(n)) if n.as_str().parse::<u64>() == Ok(1) => {}
            Some(Json::Number(n)) => return Err(format!("unsupported Version {n} (only 1 is supported)")),
            Some(_) => return Err("`Version` is not a number".to_string()),
            None => return Err("`Version` is missing (expected 1)".to_string()),
        }
    }
    if shape.code {
        match fields.get("Code").and_then(Json::as_str) {
            Some("Success") | None => {}
            Some(code) => return Err(format!("the response's Code is `{code}`, not `Success`")),
        }
    }
    let string = |name: &str| -> Result<Option<String>, String> {
        match fields.get(name) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(s)) if s.is_empty() => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("`{name}` is not a string")),
        }
    };
    let id = string("AccessKeyId")?.ok_or("`AccessKeyId` is missing")?;
    let secret = string("SecretAccessKey")?.ok_or("`SecretAccessKey` is missing")?;
    let token = string(shape.token)?;
    let expiration = match string("Expiration")? {
        Some(text) => Some(parse_time(&text).ok_or_else(|| format!("`Expiration` `{text}` is not an RFC 3339 date-time"))?),
        None => None,
    };
    Ok(Credentials::new(id, secret, token, expiration, provider))
}

/// An RFC 3339 date-time (credential documents, the SSO token cache).
pub(crate) fn parse_time(text: &str) -> Option<SystemTime> {
    let time = aws_smithy_types::DateTime::from_str(text, aws_smithy_types::date_time::Format::DateTime).ok()?;
    SystemTime::try_from(time).ok()
}

/// `value` as JSON text (an object's entries in their order). Parsed documents are at most
/// `MAX_DEPTH` deep, so the recursion is bounded.
pub(crate) fn write(w: &mut JsonWriter, value: &Json) {
    match value {
        Json::Null => {
            w.null();
        }
        Json::Bool(b) => {
            w.bool(*b);
        }
        Json::Number(n) => {
            w.raw_number(n.as_str());
        }
        Json::String(s) => {
            w.string(s);
        }
        Json::Array(items) => {
            w.begin_array();
            for item in items {
                write(w, item);
            }
            w.end_array();
        }
        Json::Object(entries) => {
            w.begin_object();
            for (key, item) in entries {
                w.key(key);
                write(w, item);
            }
            w.end_object();
        }
    }
}
