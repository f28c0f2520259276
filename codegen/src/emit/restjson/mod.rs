//! restJson1: per-operation request serializers and response/error parsers, and per-type JSON
//! codecs. The generated code is sans-IO: `http::Request` out, `http::Response` in.

mod codec;
mod operation;
mod values;

pub(crate) use codec::emit_codec;
pub(crate) use operation::emit_operation_http;
