//! `aws.protocols#awsJson1_0` and `awsJson1_1`: JSON RPC. Every request is `POST /` with the
//! operation in `X-Amz-Target: {Service}.{Operation}` and the whole input as one JSON object
//! (`{}` when there is none); the versions differ only in their content type. Responses and
//! errors read as restJson1's do (see [`rest_json`](super::rest_json)): these services' schemas
//! bind every member to the body.

use crate::http::{RequestBuilder, RequestError};
use crate::json::JsonWriter;
use crate::schema::{Operation, Protocol};
use crate::value::Structure;

/// Build the HTTP request without checking constraints.
///
/// # Errors
///
/// A [`RequestError`] when the endpoint is not a URI.
pub fn serialize_request_unvalidated(op: &Operation, input: &dyn Structure, endpoint: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut request = RequestBuilder::new("POST", endpoint)?;
    request.path("/");
    let mut target = String::with_capacity(op.wire.service.len() + 1 + op.name.len());
    target.push_str(op.wire.service);
    target.push('.');
    target.push_str(op.name);
    request.header("X-Amz-Target", target);
    if op.wire.query_compatible {
        request.header("x-amzn-query-mode", "true");
    }
    let mut writer = JsonWriter::new();
    crate::json::write_structure(&mut writer, op.input, input, true);
    let content_type = if op.wire.protocol == Protocol::AwsJson1_0 { "application/x-amz-json-1.0" } else { "application/x-amz-json-1.1" };
    request.body(content_type, writer.into_string().into_bytes());
    request.build()
}
