//! The wire protocols, each written once over the shape schemas; the functions here pick the one
//! an operation's service speaks ([`Wire::protocol`](crate::schema::Wire)).

#[cfg_attr(
    not(any(feature = "rest-json", feature = "rest-xml")),
    allow(dead_code, reason = "the query protocols use only the scalar-to-text rules of this module")
)]
pub(crate) mod http_bindings;
#[cfg(feature = "aws-json")]
pub mod aws_json;
#[cfg(feature = "query")]
pub mod query;
#[cfg(feature = "rest-json")]
pub mod rest_json;
#[cfg(feature = "rest-xml")]
pub mod rest_xml;

use crate::decode::Decode;
use crate::error::OperationError;
use crate::http::{RequestError, ResponseError};
use crate::schema::{Operation, Protocol};
use crate::value::Structure;

/// Build the HTTP request for `input` sent to `endpoint`, checking every constraint first.
///
/// # Errors
///
/// [`RequestError::Validation`] with every violation, or another [`RequestError`] when the
/// request cannot be formed.
pub fn serialize_request(op: &Operation, input: &dyn Structure, endpoint: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut collector = crate::validate::Collector::default();
    crate::validate::walk::structure(op.input, input, &mut collector);
    collector.finish().map_err(RequestError::Validation)?;
    serialize_request_unvalidated(op, input, endpoint)
}

/// Build the HTTP request without checking constraints.
///
/// # Errors
///
/// A [`RequestError`] when a path label is missing, the endpoint is not a URI, a header value
/// cannot be sent, or this build of the runtime lacks the service's protocol.
pub fn serialize_request_unvalidated(op: &Operation, input: &dyn Structure, endpoint: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
    let request = protocol_request(op, input, endpoint)?;
    #[cfg(feature = "request-compression")]
    let request = if op.gzip { gzip(request) } else { request };
    Ok(request)
}

/// The smallest body `@requestCompression` compresses: the AWS SDKs' default
/// `request_min_compression_size_bytes`, below which gzip's header costs more than it saves.
pub const MIN_COMPRESSION_BYTES: usize = 10_240;

/// Gzip a body of at least [`MIN_COMPRESSION_BYTES`], appending `gzip` to any
/// `Content-Encoding` the request already has (the service undoes encodings in reverse order).
#[cfg(feature = "request-compression")]
fn gzip(mut request: http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    use std::io::Write as _;
    if request.body().len() < MIN_COMPRESSION_BYTES {
        return request;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(request.body().len() / 2), flate2::Compression::default());
    // Writing into a `Vec` cannot fail; should it, the request goes uncompressed.
    let Ok(compressed) = encoder.write_all(request.body()).and_then(|()| encoder.finish()) else { return request };
    let encoding = match request.headers().get(http::header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
        Some(existing) if !existing.trim().is_empty() => format!("{existing}, gzip"),
        _ => "gzip".to_string(),
    };
    let headers = request.headers_mut();
    if let Ok(value) = http::HeaderValue::from_str(&encoding) {
        headers.insert(http::header::CONTENT_ENCODING, value);
    }
    headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(compressed.len()));
    *request.body_mut() = compressed;
    request
}

fn protocol_request(op: &Operation, input: &dyn Structure, endpoint: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
    match op.wire.protocol {
        #[cfg(feature = "rest-json")]
        Protocol::RestJson1 => rest_json::serialize_request_unvalidated(op, input, endpoint),
        #[cfg(feature = "aws-json")]
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::serialize_request_unvalidated(op, input, endpoint),
        #[cfg(feature = "query")]
        Protocol::AwsQuery | Protocol::Ec2Query => query::serialize_request_unvalidated(op, input, endpoint),
        #[cfg(feature = "rest-xml")]
        Protocol::RestXml => rest_xml::serialize_request_unvalidated(op, input, endpoint),
        #[allow(unreachable_patterns, reason = "reachable when a protocol's feature is off")]
        protocol => Err(RequestError::UnsupportedProtocol(protocol)),
    }
}

/// Turn an HTTP response into the output, or the operation's error.
///
/// # Errors
///
/// [`ResponseError::Service`] for an error the service returned (modelled, or
/// [`Unhandled`](crate::error::Unhandled)), and [`ResponseError::Deserialize`] for a response
/// the protocol does not allow or this build of the runtime cannot read.
pub fn parse_response<O, E>(op: &Operation, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<O, ResponseError<E>>
where
    O: Decode,
    E: OperationError,
{
    match op.wire.protocol {
        // The JSON RPC protocols read responses as restJson1 does: their schemas bind every
        // member to the body, and errors name themselves the same way.
        #[cfg(feature = "rest-json")]
        Protocol::RestJson1 => rest_json::parse_response(op, status, headers, body),
        #[cfg(feature = "aws-json")]
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => rest_json::parse_response(op, status, headers, body),
        #[cfg(feature = "query")]
        Protocol::AwsQuery | Protocol::Ec2Query => query::parse_response(op, status, headers, body),
        #[cfg(feature = "rest-xml")]
        Protocol::RestXml => rest_xml::parse_response(op, status, headers, body),
        #[allow(unreachable_patterns, reason = "reachable when a protocol's feature is off")]
        protocol => Err(ResponseError::Deserialize {
            error: crate::error::DeserializeError::new("", format!("this build of smithy-rt cannot read {protocol:?} responses")),
            status,
            request_id: crate::http::request_id(headers),
        }),
    }
}

/// The error code of an error response, for the retry decision; `None` for a response without one.
pub fn response_error_code(op: &Operation, headers: &http::HeaderMap, body: &[u8]) -> Option<String> {
    // Only the JSON protocols may name the error in a header.
    let _ = headers;
    match op.wire.protocol {
        #[cfg(feature = "rest-json")]
        Protocol::RestJson1 => rest_json::response_error_code(headers, body),
        #[cfg(feature = "aws-json")]
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => rest_json::response_error_code(headers, body),
        #[cfg(feature = "query")]
        Protocol::AwsQuery | Protocol::Ec2Query => query::response_error_code(op, body),
        #[cfg(feature = "rest-xml")]
        Protocol::RestXml => rest_xml::response_error_code(op, body),
        #[allow(unreachable_patterns, reason = "reachable when a protocol's feature is off")]
        _ => None,
    }
}
