//! `aws.protocols#awsQuery` and `aws.protocols#ec2Query`: form-encoded requests
//! to `POST /`, XML responses.
//!
//! awsQuery responses wrap the output in `<{Op}Response><{Op}Result>`, and errors are
//! `<ErrorResponse><Error><Code/>…</Error><RequestId/></ErrorResponse>`; ec2Query responses
//! hold the output members directly in `<{Op}Response>`, and errors are
//! `<Response><Errors><Error><Code/>…</Error></Errors><RequestID/></Response>`.

mod form;
mod response;

pub(crate) use response::read;
pub(crate) use response::response_error_code;

use crate::http::{RequestBuilder, RequestError};
use crate::schema::{Operation, Protocol};
use crate::value::Structure;
use form::{Dialect, Form};

fn dialect(op: &Operation) -> Dialect {
    if op.wire.protocol == Protocol::Ec2Query { Dialect::Ec2 } else { Dialect::Query }
}

/// Build the HTTP request without checking constraints.
///
/// # Errors
///
/// A [`RequestError`] when the endpoint is not a URI.
pub fn serialize_request_unvalidated(op: &Operation, input: &dyn Structure, endpoint: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut request = RequestBuilder::new("POST", endpoint)?;
    request.path("/");
    let mut form = Form::new(dialect(op), op.name, op.wire.version);
    form.structure(op.input, input);
    request.body("application/x-www-form-urlencoded", form.finish().into_bytes());
    request.build()
}
