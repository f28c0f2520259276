//! Value types for Smithy's blob, timestamp, document and arbitrary-precision number shapes.
//!
//! Crates generated without the client use these; crates with the client use aws-smithy-types'
//! `Blob`, `DateTime`, `Document` and `Number`, which the client compiles anyway. The two sets
//! have the same constructors and variants, so generated code is the same for both.

use std::collections::HashMap;

use crate::decode::{Decode, Decoder, Result};
use crate::schema::Node;
use crate::value::{DocumentNumber, Value, View};

/// Binary data (`blob` shapes). Lengths are counted in bytes.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Blob {
    inner: Vec<u8>,
}

impl Blob {
    /// Wrap bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob { inner: bytes.into() }
    }

    /// Take the bytes back.
    pub fn into_inner(self) -> Vec<u8> {
        self.inner
    }
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Binary payloads can be large and unprintable; show the size only.
        write!(f, "Blob({} bytes)", self.inner.len())
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.inner
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob::new(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob::new(bytes.to_vec())
    }
}

/// An instant in time (`timestamp` shapes): seconds since the Unix epoch plus nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    subsec_nanos: u32,
}

impl DateTime {
    /// From whole seconds since the Unix epoch.
    pub fn from_secs(seconds: i64) -> Self {
        DateTime { seconds, subsec_nanos: 0 }
    }

    /// From seconds and nanoseconds; nanoseconds past one second carry into the seconds.
    pub fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        DateTime { seconds: seconds.saturating_add(i64::from(nanos / 1_000_000_000)), subsec_nanos: nanos % 1_000_000_000 }
    }

    /// Whole seconds since the Unix epoch (rounded toward negative infinity).
    pub fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past [`secs`](Self::secs).
    pub fn subsec_nanos(&self) -> u32 {
        self.subsec_nanos
    }
}

impl From<std::time::SystemTime> for DateTime {
    fn from(time: std::time::SystemTime) -> Self {
        match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => DateTime::from_secs_and_nanos(i64::try_from(after.as_secs()).unwrap_or(i64::MAX), after.subsec_nanos()),
            Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                if before.subsec_nanos() == 0 {
                    DateTime::from_secs(-secs)
                } else {
                    DateTime::from_secs_and_nanos(-secs - 1, 1_000_000_000 - before.subsec_nanos())
                }
            }
        }
    }
}

/// Untyped JSON-like data (`document` shapes).
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// An object.
    Object(HashMap<String, Document>),
    /// An array.
    Array(Vec<Document>),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// `true` / `false`
    Bool(bool),
    /// `null`
    Null,
}

impl Document {
    /// A document from a Smithy node value (numbers written with a fraction or exponent become
    /// floats; integers that fit stay exact).
    pub fn from_node(node: &Node) -> Document {
        match node {
            Node::Null => Document::Null,
            Node::Bool(b) => Document::Bool(*b),
            Node::Number(text) => Document::Number(Number::from_text(text)),
            Node::String(s) => Document::String((*s).to_string()),
            Node::List(items) => Document::Array(items.iter().map(Document::from_node).collect()),
            Node::Map(entries) => Document::Object(entries.iter().map(|(k, v)| ((*k).to_string(), Document::from_node(v))).collect()),
        }
    }
}

/// A document number, keeping integers exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// Anything else.
    Float(f64),
}

impl Number {
    /// A number from JSON-grammar text: integer literals that fit stay exact (`-0` is
    /// `PosInt(0)`), everything else is the nearest `f64` (out-of-range magnitudes are infinite).
    pub fn from_text(text: &str) -> Number {
        if !text.contains(['.', 'e', 'E']) {
            if let Ok(v) = text.parse::<u64>() {
                return Number::PosInt(v);
            }
            if text == "-0" {
                return Number::PosInt(0);
            }
            if let Ok(v) = text.parse::<i64>() {
                return Number::NegInt(v);
            }
        }
        Number::Float(text.parse::<f64>().unwrap_or(f64::NAN))
    }
}

/// An arbitrary-precision integer (`bigInteger` shapes), kept as its decimal text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BigInteger(pub(crate) String);

/// An arbitrary-precision decimal (`bigDecimal` shapes), kept as its decimal text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BigDecimal(pub(crate) String);

/// The text given to [`BigInteger`] or [`BigDecimal`] is not a number of that kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidNumber {
    kind: &'static str,
}

impl std::fmt::Display for InvalidNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a valid {}", self.kind)
    }
}

impl std::error::Error for InvalidNumber {}

impl std::str::FromStr for BigInteger {
    type Err = InvalidNumber;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(BigInteger(text.to_string()))
        } else {
            Err(InvalidNumber { kind: "integer" })
        }
    }
}

impl std::str::FromStr for BigDecimal {
    type Err = InvalidNumber;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        if crate::text::decimal_cmp(text, "0").is_some() {
            Ok(BigDecimal(text.to_string()))
        } else {
            Err(InvalidNumber { kind: "decimal number" })
        }
    }
}

impl BigInteger {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BigDecimal {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A value the service sent that this crate's model does not list (a newer enum value).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    /// Keep a value the model does not list (generated enums call this).
    pub fn new(value: impl Into<String>) -> Self {
        UnknownVariantValue(value.into())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Value for Blob {
    fn view(&self) -> View<'_> {
        View::Blob(&self.inner)
    }

    fn debug(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl Decode for Blob {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        decoder.blob().map(Blob::new)
    }
}

impl Value for DateTime {
    fn view(&self) -> View<'_> {
        View::Timestamp { secs: self.seconds, nanos: self.subsec_nanos }
    }

    fn debug(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl Decode for DateTime {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        decoder.timestamp().map(|(secs, nanos)| DateTime::from_secs_and_nanos(secs, nanos))
    }
}

impl Value for Document {
    fn view(&self) -> View<'_> {
        match self {
            Document::Object(entries) => View::Map(entries),
            Document::Array(items) => View::List(items),
            Document::Number(Number::PosInt(n)) => View::Number(DocumentNumber::PosInt(*n)),
            Document::Number(Number::NegInt(n)) => View::Number(DocumentNumber::NegInt(*n)),
            Document::Number(Number::Float(n)) => View::Number(DocumentNumber::Float(*n)),
            Document::String(s) => View::String(s),
            Document::Bool(b) => View::Bool(*b),
            Document::Null => View::Null,
        }
    }

    fn debug(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl Decode for Document {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        decoder.document()
    }
}

impl Value for BigInteger {
    fn view(&self) -> View<'_> {
        View::BigInteger(&self.0)
    }

    fn debug(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl Decode for BigInteger {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        decoder.big_integer().map(BigInteger)
    }
}

impl Value for BigDecimal {
    fn view(&self) -> View<'_> {
        View::BigDecimal(&self.0)
    }

    fn debug(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl Decode for BigDecimal {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        decoder.big_decimal().map(BigDecimal)
    }
}
