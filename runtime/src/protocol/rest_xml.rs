//! `aws.protocols#restXml`: HTTP bindings plus XML bodies.
//!
//! Requests: the HTTP bindings (`@httpLabel`, `@httpQuery`, `@httpHeader`, ...), then the `@httpPayload`
//! member as the body (raw bytes, text, or an XML document named by the member or its target),
//! or else the body members as one document named by the input's `@xmlName` or shape name, in
//! the input's or the service's `@xmlNamespace`. Responses: bound members from the status line
//! and headers, then the payload or the body members. Errors are
//! `<ErrorResponse><Error><Code/>…</Error><RequestId/></ErrorResponse>`, or a bare `<Error>`
//! root under `noErrorWrapping`.

use super::http_bindings::{payload_member, read_bindings, write_bindings, PayloadDecoder};
use super::{Found, Read, Typed};
use crate::decode::{finish_structure, Decoder, Result};
use crate::error::{DeserializeError, Unhandled};
use crate::http::{RequestBuilder, RequestError, ResponseError};
use crate::schema::{Binding, Customization, Kind, Operation, Schema};
use crate::value::{StructureMut, Structure, View};
use crate::xml::{Content, Element, XmlDecoder, XmlWriter};

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
                let mut writer = XmlWriter::new();
                crate::xml::write_payload(&mut writer, view, member);
                request.body("application/xml", writer.into_string().into_bytes());
            }
            // An unset payload is no body.
            (None, _) => {}
        }
    } else if schema.members.iter().any(|m| m.binding == Binding::Body) {
        let mut writer = XmlWriter::new();
        let namespace = schema.xml_namespace.or(op.wire.xml_namespace);
        crate::xml::write_structure(&mut writer, crate::xml::root_name(schema), namespace, schema, input, true);
        request.body("application/xml", writer.into_string().into_bytes());
    }
    request.build()
}

/// Parse a body; an empty (or all-whitespace) body is `None`.
fn document(body: &[u8]) -> Result<Option<Element>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    crate::xml::parse(body).map(Some).map_err(|error| DeserializeError::new("", error.to_string()))
}

/// The output or an error structure of a response: bound members from the status line and
/// headers, then the payload or the body members, then defaults.
struct ResponseDecoder<'a> {
    status: u16,
    headers: &'a http::HeaderMap,
    body: &'a [u8],
    /// The element holding the body members, when the body was parsed already (errors are
    /// parsed once to find their code).
    parsed: Option<Option<&'a Element>>,
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
                            if let Some(root) = document(self.body)? {
                                slot.decode(&mut XmlDecoder::member(&root, member))?;
                            }
                        }
                    }
                }
            }
        } else if schema.members.iter().any(|m| m.binding.in_response_body()) {
            let owned;
            let element = match self.parsed {
                Some(parsed) => parsed,
                None => {
                    owned = document(self.body)?;
                    owned.as_ref()
                }
            };
            if let Some(element) = element {
                XmlDecoder::response_body(element).structure(schema, value)?;
            }
        }
        finish_structure(schema, value)
    }
}

/// Read a response: the output through `typed`, or the service's error (a modelled one decoded
/// through `typed`).
pub(crate) fn read(op: &Operation, status: u16, headers: &http::HeaderMap, body: &[u8], typed: &mut dyn Typed) -> Read {
    if !(200..300).contains(&status) {
        return Err(read_error(op, status, headers, body, typed));
    }
    let fail = |error| ResponseError::Deserialize { error, status, request_id: crate::http::request_id(headers) };
    if op.has(Customization::UnwrappedOutput) {
        // The document is the one body member: read it as if wrapped in the output's element.
        let wrapper = document(body).map_err(fail)?.map(|member| {
            let mut wrapper = Element::default();
            wrapper.children.push(Content::Element(member));
            wrapper
        });
        return typed.output(&mut ResponseDecoder { status, headers, body, parsed: Some(wrapper.as_ref()) }).map_err(fail);
    }
    typed.output(&mut ResponseDecoder { status, headers, body, parsed: None }).map_err(fail)
}

/// The `<Error>` element of an error document.
fn error_element<'a>(op: &Operation, root: &'a Element) -> Option<&'a Element> {
    if root.local_name() == "Error" || op.wire.no_error_wrapping {
        return Some(root);
    }
    root.element("Error")
}

fn child_text(element: &Element, name: &str) -> Option<String> {
    let text = element.element(name)?.text();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn read_error(op: &Operation, status: u16, headers: &http::HeaderMap, body: &[u8], typed: &mut dyn Typed) -> ResponseError<Found> {
    // A garbled error body still yields an error, with the status and request id.
    let root = document(body).ok().flatten();
    let error = root.as_ref().and_then(|root| error_element(op, root));
    let request_id = crate::http::request_id(headers)
        .or_else(|| root.as_ref().and_then(|root| child_text(root, "RequestId")))
        .or_else(|| error.and_then(|e| child_text(e, "RequestId")));
    let code = error.and_then(|e| child_text(e, "Code"));
    let found = code.as_deref().and_then(|code| op.errors.iter().position(|e| e.error.is_some_and(|info| info.code == code)));
    let found = match found {
        Some(index) => {
            let mut decoder = ResponseDecoder { status, headers, body, parsed: Some(error) };
            if let Err(error) = typed.error(index, &mut decoder) {
                return ResponseError::Deserialize { error, status, request_id };
            }
            Found::Modelled
        }
        None => {
            let message = error.and_then(|e| child_text(e, "Message"));
            Found::Unhandled(Unhandled::new(code, message).with_status(status).with_request_id(request_id.clone()))
        }
    };
    ResponseError::service(found, status, request_id)
}

/// The error code of an error response, for the retry decision.
pub(crate) fn response_error_code(op: &Operation, body: &[u8]) -> Option<String> {
    let root = document(body).ok().flatten()?;
    error_element(op, &root).and_then(|e| child_text(e, "Code"))
}
