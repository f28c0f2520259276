//! `aws.protocols#restJson1`: HTTP bindings plus JSON bodies.
//!
//! Requests: the HTTP bindings (`@httpLabel`, `@httpQuery`, `@httpHeader`, ...), then the `@httpPayload`
//! member as the body (raw bytes, text, or JSON), or else the body members as one JSON object.
//! Responses: header, prefix-header and status-code members from the response, then the payload
//! or the body members; errors are recognised by `X-Amzn-Errortype`, or the body's `code` or
//! `__type`.

use super::http_bindings::{payload_member, read_bindings, write_bindings, PayloadDecoder};
use super::{Found, Read, Typed};
use crate::decode::{finish_structure, Decoder, Result};
use crate::error::{DeserializeError, Unhandled};
use crate::http::{RequestBuilder, RequestError, ResponseError};
use crate::json::{Json, JsonDecoder, JsonWriter};
use crate::schema::{Binding, Kind, Operation, Schema};
use crate::value::{Structure, StructureMut, View};

/// Build the HTTP request without checking constraints.
///
/// # Errors
///
/// A [`RequestError`] when a path label is missing, the endpoint is not a URI, or a header value
/// cannot be sent.
pub fn serialize_request_unvalidated(op: &Operation, input: &dyn Structure, endpoint: &str) -> std::result::Result<http::Request<Vec<u8>>, RequestError> {
    let method = op.http.as_ref().map_or("POST", |http| http.method);
    let mut request = RequestBuilder::new(method, endpoint)?;
    write_bindings(op, input, &mut request)?;
    let schema = op.input;
    if let Some((index, member)) = payload_member(schema) {
        let value = input.member(index).and_then(|slot| slot.get()).map(|v| v.view());
        let media = member.media_type;
        match (value, member.target.kind) {
            (Some(View::Blob(bytes)), Kind::Blob) => request.body(media.unwrap_or("application/octet-stream"), bytes.to_vec()),
            (Some(View::String(text) | View::Enum { value: text, .. }), Kind::String | Kind::Enum(_)) => {
                request.body(media.unwrap_or("text/plain"), text.as_bytes().to_vec())
            }
            (Some(view), _) => {
                let mut writer = JsonWriter::new();
                crate::json::write_value(&mut writer, view, member);
                request.body("application/json", writer.into_string().into_bytes());
            }
            // An unset structure payload is sent as `{}`; an unset union or document is no body.
            (None, Kind::Structure) => request.body("application/json", b"{}".to_vec()),
            (None, _) => {}
        }
    } else if schema.members.iter().any(|m| m.binding == Binding::Body) {
        let mut writer = JsonWriter::new();
        crate::json::write_structure(&mut writer, schema, input, true);
        request.body("application/json", writer.into_string().into_bytes());
    }
    request.build()
}

/// Parse a JSON body; an empty (or all-whitespace) body reads as `None`.
fn json_body(body: &[u8]) -> Result<Option<Json>> {
    if crate::json::is_empty_body(body) {
        return Ok(None);
    }
    crate::json::parse(body).map(Some).map_err(|error| DeserializeError::new("", error.to_string()))
}

/// The output or an error structure of a response: bound members from the status line and
/// headers, then the payload or the body members, then defaults.
struct ResponseDecoder<'a> {
    status: u16,
    headers: &'a http::HeaderMap,
    body: &'a [u8],
    /// The body parsed already (errors are parsed once to find their code).
    parsed: Option<Option<&'a Json>>,
}

impl Decoder for ResponseDecoder<'_> {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new("", message)
    }

    fn structure(&mut self, schema: &'static Schema, value: &mut dyn StructureMut) -> Result<()> {
        read_bindings(schema, value, self.status, self.headers)?;
        if let Some((index, member)) = payload_member(schema) {
            if !self.body.is_empty() {
                if let Some(slot) = value.member_mut(index) {
                    match member.target.kind {
                        Kind::Blob | Kind::String | Kind::Enum(_) => slot.decode(&mut PayloadDecoder(self.body))?,
                        _ => {
                            if let Some(json) = json_body(self.body)? {
                                slot.decode(&mut JsonDecoder::member(&json, member))?;
                            }
                        }
                    }
                }
            }
        } else if schema.members.iter().any(|m| m.binding.in_response_body()) {
            let owned;
            let json = match self.parsed {
                Some(parsed) => parsed,
                None => {
                    owned = json_body(self.body)?;
                    owned.as_ref()
                }
            };
            if let Some(json) = json {
                JsonDecoder::response_body(json).structure(schema, value)?;
            }
        }
        finish_structure(schema, value)
    }
}

/// The error code of an error response: the `X-Amzn-Errortype` header if present and non-empty,
/// else the top-level `code` member of the JSON body, else its top-level `__type` member (nested
/// `__type` members, as in DynamoDB error details, are never consulted); sanitised to the error
/// shape's name. `None` when none gives a non-empty code.
pub fn error_code<'a>(header: Option<&'a str>, body: Option<&'a Json>) -> Option<&'a str> {
    let from_body = |name: &str| body.and_then(|b| b.get(name)).and_then(Json::as_str);
    [header, from_body("code"), from_body("__type")]
        .into_iter()
        .flatten()
        .map(crate::text::sanitize_error_code)
        .find(|code| !code.is_empty())
}

/// The message of an error response body: its top-level `message`, `Message` or `errorMessage`
/// string member, in that order of preference.
pub fn error_message(body: &Json) -> Option<&str> {
    ["message", "Message", "errorMessage"].into_iter().find_map(|name| body.get(name).and_then(Json::as_str))
}

/// What an error response says about itself, for the retry decision: its code, if any.
pub fn response_error_code(headers: &http::HeaderMap, body: &[u8]) -> Option<String> {
    let json = json_body(body).ok().flatten();
    let header = headers.get("x-amzn-errortype").and_then(|v| v.to_str().ok());
    error_code(header, json.as_ref()).map(str::to_string)
}

/// Read a response: the output through `typed`, or the service's error (a modelled one decoded
/// through `typed`).
pub(crate) fn read(op: &Operation, status: u16, headers: &http::HeaderMap, body: &[u8], typed: &mut dyn Typed) -> Read {
    if (200..300).contains(&status) {
        return typed
            .output(&mut ResponseDecoder { status, headers, body, parsed: None })
            .map_err(|error| ResponseError::Deserialize { error, status, request_id: crate::http::request_id(headers) });
    }
    let request_id = crate::http::request_id(headers);
    // A garbled error body still yields an error: the code may be in a header.
    let json = json_body(body).ok().flatten();
    let header = headers.get("x-amzn-errortype").and_then(|v| v.to_str().ok());
    let code = error_code(header, json.as_ref());
    let found = match code.and_then(|code| op.errors.iter().position(|e| e.error.is_some_and(|info| info.code == code))) {
        Some(index) => {
            let mut decoder = ResponseDecoder { status, headers, body, parsed: Some(json.as_ref()) };
            if let Err(error) = typed.error(index, &mut decoder) {
                return Err(ResponseError::Deserialize { error, status, request_id });
            }
            Found::Modelled
        }
        None => {
            let message = json.as_ref().and_then(error_message).map(str::to_string);
            Found::Unhandled(Unhandled::new(code.map(str::to_string), message).with_status(status).with_request_id(request_id.clone()))
        }
    };
    Err(with_query_code(ResponseError::service(found, status, request_id), op, headers))
}

/// An `@awsQueryCompatible` service's error carries its awsQuery code in `x-amzn-query-error`
/// (`Code;Fault`).
fn with_query_code(error: ResponseError<Found>, op: &Operation, headers: &http::HeaderMap) -> ResponseError<Found> {
    if !op.wire.query_compatible {
        return error;
    }
    let code = headers.get("x-amzn-query-error").and_then(|v| v.to_str().ok()).and_then(|v| v.split_once(';')).map(|(code, _)| code.trim());
    match code {
        Some(code) if !code.is_empty() => error.with_query_code(Some(code.to_string())),
        _ => error,
    }
}

