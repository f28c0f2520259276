//! The wire protocols, each written once over the shape schemas; the functions here pick the one
//! an operation's service speaks ([`Wire::protocol`](crate::schema::Wire)).
#![cfg_attr(
    not(any(feature = "rest-json", feature = "aws-json", feature = "query", feature = "rest-xml")),
    allow(unused_imports, unused_variables, reason = "without a protocol feature every call is refused as an unsupported protocol")
)]

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

use crate::decode::{Decode, Decoder};
use crate::error::{DeserializeError, OperationError, Unhandled};
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
    let endpoint = member_endpoint(op, input).unwrap_or(endpoint);
    let mut request = protocol_request(op, input, endpoint)?;
    if !op.host_prefix.is_empty() {
        prefix_host(&mut request, op, input)?;
    }
    for (name, value) in op.wire.headers {
        if !request.headers().contains_key(*name) {
            let (Ok(name), Ok(value)) = (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(value)) else {
                return Err(RequestError::InvalidHeader { name: (*name).to_string() });
            };
            request.headers_mut().insert(name, value);
        }
    }
    #[cfg(feature = "tree-hash")]
    if op.has(crate::schema::Customization::TreeHashHeaders) {
        tree_hash_headers(&mut request);
    }
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

/// The endpoint an input member names for this call ([`Customization::EndpointFromMember`]).
///
/// [`Customization::EndpointFromMember`]: crate::schema::Customization::EndpointFromMember
fn member_endpoint<'a>(op: &Operation, input: &'a dyn Structure) -> Option<&'a str> {
    op.customizations.iter().find_map(|c| match c {
        crate::schema::Customization::EndpointFromMember { member } => match input.member(*member)?.get()?.view() {
            crate::value::View::String(url) if !url.is_empty() => Some(url),
            _ => None,
        },
        _ => None,
    })
}

/// Glacier's upload checksums: `x-amz-content-sha256` (the body's SHA-256) and
/// `x-amz-sha256-tree-hash` (SHA-256 over 1 MiB chunks, paired up level by level), unless the
/// caller set them.
#[cfg(feature = "tree-hash")]
fn tree_hash_headers(request: &mut http::Request<Vec<u8>>) {
    let (content, tree) = tree_hash(request.body());
    for (name, digest) in [("x-amz-content-sha256", content), ("x-amz-sha256-tree-hash", tree)] {
        if !request.headers().contains_key(name) {
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            if let Ok(value) = http::HeaderValue::from_str(&hex) {
                request.headers_mut().insert(name, value);
            }
        }
    }
}

/// The SHA-256 of `body` and its Glacier tree hash.
#[cfg(feature = "tree-hash")]
pub fn tree_hash(body: &[u8]) -> ([u8; 32], [u8; 32]) {
    use sha2::Digest as _;
    const CHUNK: usize = 1 << 20;
    let content: [u8; 32] = sha2::Sha256::digest(body).into();
    let mut level: Vec<[u8; 32]> = body.chunks(CHUNK).map(|chunk| sha2::Sha256::digest(chunk).into()).collect();
    if level.is_empty() {
        return (content, content);
    }
    while level.len() > 1 {
        let mut pairs = level.chunks_exact(2);
        let mut next: Vec<[u8; 32]> = pairs
            .by_ref()
            .map(|pair| {
                let mut hasher = sha2::Sha256::new();
                pair.iter().for_each(|half| hasher.update(half));
                hasher.finalize().into()
            })
            .collect();
        // An odd hash out moves up a level as it is.
        next.extend_from_slice(pairs.remainder());
        level = next;
    }
    (content, level[0])
}

/// `@endpoint(hostPrefix)`: `foo.{Label}.` before the host, each label an input member's value,
/// which must be a valid host label (letters, digits, `-`) so no input can move the request to
/// another domain.
fn prefix_host(request: &mut http::Request<Vec<u8>>, op: &Operation, input: &dyn Structure) -> Result<(), RequestError> {
    use crate::schema::PathPart;
    let mut prefix = String::new();
    for part in op.host_prefix {
        match part {
            PathPart::Literal(text) => prefix.push_str(text),
            PathPart::Label { member: index, .. } => {
                let member = &op.input.members[*index];
                let value = input.member(*index).and_then(|slot| slot.get()).map(|v| v.view());
                let text = value.and_then(|v| http_bindings::text(v, member, http_bindings::Place::Label));
                match text {
                    Some(text) if !text.is_empty() && text.len() <= 63 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
                        prefix.push_str(&text);
                    }
                    _ => return Err(RequestError::InvalidHostLabel { member: member.name }),
                }
            }
        }
    }
    let mut parts = std::mem::take(request.uri_mut()).into_parts();
    let authority = parts.authority.as_ref().map(|a| format!("{prefix}{a}")).unwrap_or_default();
    parts.authority = Some(authority.parse().map_err(|_| RequestError::InvalidHostLabel { member: "" })?);
    *request.uri_mut() = http::Uri::from_parts(parts).map_err(|e| RequestError::Http(e.into()))?;
    Ok(())
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
/// Only the decoding of the output or of a modelled error is typed; each protocol reads the
/// response through a trait object, so its reader is compiled once rather than once per operation.
///
/// # Errors
///
/// [`ResponseError::Service`] for an error the service returned (modelled, or
/// [`Unhandled`]), and [`ResponseError::Deserialize`] for a response the protocol does not
/// allow or this build of the runtime cannot read.
pub fn parse_response<O, E>(op: &Operation, status: u16, headers: &http::HeaderMap, body: &[u8]) -> Result<O, ResponseError<E>>
where
    O: Decode,
    E: OperationError,
{
    let mut slots = Slots::<O, E> { output: None, error: None };
    let read = read_response(op, status, headers, body, &mut slots);
    // The readers report success only after `Typed` stored the value; an empty slot would be
    // a reader's bug, reported as an unreadable response rather than a panic.
    let empty = || ResponseError::Deserialize {
        error: DeserializeError::new("", "the response was read but decoded no value"),
        status,
        request_id: crate::http::request_id(headers),
    };
    match read {
        Ok(()) => slots.output.ok_or_else(empty),
        Err(ResponseError::Service(service)) => {
            let (found, service) = service.split();
            let error = match found {
                Found::Modelled => slots.error.ok_or_else(empty)?,
                Found::Unhandled(unhandled) => E::unhandled(unhandled),
            };
            Err(ResponseError::Service(service.with_error(error)))
        }
        Err(ResponseError::Deserialize { error, status, request_id }) => Err(ResponseError::Deserialize { error, status, request_id }),
    }
}

/// The typed half of reading a response: decoding the output, or the modelled error the
/// protocol found. Everything else a reader does is the same for every operation.
pub(crate) trait Typed {
    /// Decode the output from `decoder`.
    fn output(&mut self, decoder: &mut dyn Decoder) -> Result<(), DeserializeError>;

    /// Decode the error at `index` of the operation's errors from `decoder`.
    fn error(&mut self, index: usize, decoder: &mut dyn Decoder) -> Result<(), DeserializeError>;
}

/// The service's error as a reader sees it.
pub(crate) enum Found {
    /// A modelled error, which [`Typed::error`] decoded.
    Modelled,
    /// An error the model does not describe.
    Unhandled(Unhandled),
}

/// What a reader makes of a response: `Ok` once [`Typed::output`] decoded the output.
pub(crate) type Read = Result<(), ResponseError<Found>>;

/// Where [`parse_response`] keeps what its [`Typed`] decoded.
struct Slots<O, E> {
    output: Option<O>,
    error: Option<E>,
}

impl<O: Decode, E: OperationError> Typed for Slots<O, E> {
    fn output(&mut self, decoder: &mut dyn Decoder) -> Result<(), DeserializeError> {
        self.output = Some(O::decode(decoder)?);
        Ok(())
    }

    fn error(&mut self, index: usize, decoder: &mut dyn Decoder) -> Result<(), DeserializeError> {
        self.error = Some(E::modelled(index, decoder)?);
        Ok(())
    }
}

fn read_response(op: &Operation, status: u16, headers: &http::HeaderMap, body: &[u8], typed: &mut dyn Typed) -> Read {
    match op.wire.protocol {
        // The JSON RPC protocols read responses as restJson1 does: their schemas bind every
        // member to the body, and errors name themselves the same way.
        #[cfg(feature = "rest-json")]
        Protocol::RestJson1 => rest_json::read(op, status, headers, body, typed),
        #[cfg(feature = "aws-json")]
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => rest_json::read(op, status, headers, body, typed),
        #[cfg(feature = "query")]
        Protocol::AwsQuery | Protocol::Ec2Query => query::read(op, status, headers, body, typed),
        #[cfg(feature = "rest-xml")]
        Protocol::RestXml => rest_xml::read(op, status, headers, body, typed),
        #[allow(unreachable_patterns, reason = "reachable when a protocol's feature is off")]
        protocol => Err(ResponseError::Deserialize {
            error: DeserializeError::new("", format!("this build of smithy-rt cannot read {protocol:?} responses")),
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

#[cfg(all(test, feature = "tree-hash"))]
mod tests {
    use sha2::Digest as _;

    fn sha(parts: &[&[u8]]) -> [u8; 32] {
        let mut hasher = sha2::Sha256::new();
        parts.iter().for_each(|p| hasher.update(p));
        hasher.finalize().into()
    }

    #[test]
    fn the_tree_hash_pairs_megabyte_chunks_level_by_level() {
        let mib = 1 << 20;
        // Up to one chunk, the tree hash is the plain hash.
        for body in [&b""[..], b"hello", &vec![7u8; mib]] {
            assert_eq!(super::tree_hash(body), (sha(&[body]), sha(&[body])));
        }
        // Three chunks: the third is carried up a level unpaired.
        let body: Vec<u8> = (0..2 * mib + 10).map(|i| (i % 251) as u8).collect();
        let (a, b, c) = (sha(&[&body[..mib]]), sha(&[&body[mib..2 * mib]]), sha(&[&body[2 * mib..]]));
        assert_eq!(super::tree_hash(&body), (sha(&[&body]), sha(&[&sha(&[&a, &b]), &c])));
        // Five chunks: ((ab)(cd))e.
        let body = vec![1u8; 4 * mib + 1];
        let h: Vec<[u8; 32]> = body.chunks(mib).map(|c| sha(&[c])).collect();
        let expected = sha(&[&sha(&[&sha(&[&h[0], &h[1]]), &sha(&[&h[2], &h[3]])]), &h[4]]);
        assert_eq!(super::tree_hash(&body).1, expected);
    }
}
