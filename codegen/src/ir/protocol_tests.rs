//! Smithy protocol compliance cases, typed: the values a case builds or expects are [`Literal`]s of
//! the crate's own types, the HTTP messages plain data.

use super::{Ident, TypeId};
use crate::node::Node;

/// One case that becomes a test of the generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolTest {
    /// The case's id in the model.
    pub id: String,
    /// The test function.
    pub name: Ident,
    /// The case's documentation, converted.
    pub docs: String,
    /// Index into `Crate::operations` of the operation the case exercises.
    pub operation: usize,
    /// Why the case does not run, from the checked-in skip list.
    pub skip: Option<String>,
    /// What the case checks, or why the generator cannot express it (the test then fails
    /// loudly rather than vanishing).
    pub kind: Result<TestKind, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TestKind {
    /// Build the input, serialize it, compare the request.
    Request { input: Literal, expect: ExpectedRequest },
    /// Parse a canned response, compare with the output.
    Response { response: CannedResponse, output: Literal },
    /// Parse a canned error response, compare with the error (the variant's index in the
    /// operation's error enum).
    /// `query_code`: the awsQuery error code the case expects (its `vendorParams` `code`).
    Error { response: CannedResponse, variant: usize, error: Literal, query_code: Option<String> },
    /// Build the input a malformed request stands for, expect validation to fail so.
    Malformed { input: Literal, message: String, fields: Vec<(String, String)> },
}

/// What a serialized request must look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedRequest {
    pub endpoint: String,
    /// `resolvedHost`: the host the request must go to.
    pub host: Option<String>,
    pub method: String,
    pub path: String,
    pub query: Vec<String>,
    pub forbid_query: Vec<String>,
    pub require_query: Vec<String>,
    pub headers: Vec<(String, String)>,
    pub forbid_headers: Vec<String>,
    pub require_headers: Vec<String>,
    pub body: Option<Body>,
}

/// An expected body and how to compare it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub text: String,
    pub media: BodyMedia,
}

/// How a case's `bodyMediaType` says bodies compare (as smithy-rs' runner compares them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyMedia {
    /// As JSON values.
    Json,
    /// As XML documents.
    Xml,
    /// As sets of `key=value` pairs.
    Form,
    /// Byte for byte (any other media type, or none).
    Literal,
}

/// A response a case feeds the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedResponse {
    pub code: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// A value of one of the crate's types.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    Bool(bool),
    I8(i8),
    I16(i16),
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
    /// `NaN`, `Infinity` or `-Infinity`; `single` for `f32`.
    NonFinite { single: bool, value: NonFinite },
    BigInteger(String),
    BigDecimal(String),
    Blob(Vec<u8>),
    Timestamp { secs: i64, nanos: u32 },
    /// A timestamp written as text in the case (parsed by the test itself).
    TimestampText(String),
    Document(Node),
    Enum { ty: TypeId, value: String },
    IntEnum { ty: TypeId, value: i32 },
    /// Fields by index, set through the builder.
    Structure { ty: TypeId, fields: Vec<(usize, Literal)> },
    /// The variant by index; `None` value for a variant without one.
    Union { ty: TypeId, variant: usize, value: Option<Box<Literal>> },
    List(Vec<Literal>),
    Map(Vec<(Literal, Literal)>),
    Boxed(Box<Literal>),
    /// An item of a sparse list or map: `Some(value)` / `None`.
    Optional(Option<Box<Literal>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonFinite {
    NaN,
    Infinity,
    NegInfinity,
}
