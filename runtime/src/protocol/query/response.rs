//! The response side of awsQuery and ec2Query: XML documents read by the schemas.

use super::{dialect, Dialect};
use crate::protocol::{Found, Read, Typed};
use crate::error::{DeserializeError, Unhandled};
use crate::http::ResponseError;
use crate::schema::Operation;
use crate::xml::{Element, XmlDecoder};

/// Parse a body; an empty (or all-whitespace) body is `None`.
fn document(body: &[u8]) -> Result<Option<Element>, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    crate::xml::parse(body).map(Some).map_err(|error| DeserializeError::new("", error.to_string()))
}

/// The element holding the output members: awsQuery's `<{Op}Result>` inside the root,
/// ec2Query's root itself.
fn output_element<'a>(op: &Operation, root: &'a Element) -> Option<&'a Element> {
    match dialect(op) {
        Dialect::Query => {
            let name = root.elements().find(|e| e.local_name().strip_suffix("Result") == Some(op.name));
            name.or_else(|| root.elements().find(|e| e.local_name().ends_with("Result")))
        }
        Dialect::Ec2 => Some(root),
    }
}

/// The `<Error>` element of an error document: `ErrorResponse/Error` (awsQuery), `Response/Errors/Error`
/// (ec2Query), or a bare `<Error>` root.
fn error_element(dialect: Dialect, root: &Element) -> Option<&Element> {
    if root.local_name() == "Error" {
        return Some(root);
    }
    match dialect {
        Dialect::Query => root.element("Error"),
        Dialect::Ec2 => root.element("Errors").and_then(|errors| errors.element("Error")).or_else(|| root.element("Error")),
    }
}

fn child_text(element: &Element, name: &str) -> Option<String> {
    let text = element.element(name)?.text();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The request id: the header, else the document's `RequestId` (awsQuery) or `RequestID` (ec2Query).
fn request_id(headers: &http::HeaderMap, root: Option<&Element>) -> Option<String> {
    crate::http::request_id(headers).or_else(|| {
        let root = root?;
        let metadata = root.element("ResponseMetadata");
        ["RequestId", "RequestID"].iter().find_map(|name| child_text(root, name).or_else(|| child_text(metadata?, name)))
    })
}

/// Read a response: the output through `typed`, or the service's error (a modelled one decoded
/// through `typed`), with its awsQuery code.
pub(crate) fn read(op: &Operation, status: u16, headers: &http::HeaderMap, body: &[u8], typed: &mut dyn Typed) -> Read {
    if (200..300).contains(&status) {
        let fail = |error| ResponseError::Deserialize { error, status, request_id: crate::http::request_id(headers) };
        let root = document(body).map_err(fail)?;
        let empty = Element::default();
        let holder = root.as_ref().and_then(|root| output_element(op, root)).unwrap_or(&empty);
        return typed.output(&mut XmlDecoder::new(holder)).map_err(fail);
    }
    // A garbled error body still yields an error, with the status and request id.
    let root = document(body).ok().flatten();
    let request_id = request_id(headers, root.as_ref());
    let error = root.as_ref().and_then(|root| error_element(dialect(op), root));
    let code = error.and_then(|e| child_text(e, "Code"));
    // An `@awsQueryError` names the code the service sends for it.
    let wire_code = |info: &crate::schema::ErrorInfo| info.query_code.map_or(info.code, |(code, _)| code);
    let found = code.as_deref().and_then(|code| op.errors.iter().position(|e| e.error.is_some_and(|info| wire_code(&info) == code)));
    let found = match found {
        Some(index) => {
            let empty = Element::default();
            if let Err(error) = typed.error(index, &mut XmlDecoder::new(error.unwrap_or(&empty))) {
                return Err(ResponseError::Deserialize { error, status, request_id });
            }
            Found::Modelled
        }
        None => {
            let message = error.and_then(|e| child_text(e, "Message"));
            Found::Unhandled(Unhandled::new(code.clone(), message).with_status(status).with_request_id(request_id.clone()))
        }
    };
    Err(ResponseError::service(found, status, request_id).with_query_code(code))
}

/// The error code of an error response, for the retry decision.
pub(crate) fn response_error_code(op: &Operation, body: &[u8]) -> Option<String> {
    let root = document(body).ok().flatten()?;
    error_element(dialect(op), &root).and_then(|e| child_text(e, "Code"))
}
