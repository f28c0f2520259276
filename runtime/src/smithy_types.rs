//! aws-smithy-types' `Blob`, `DateTime`, `Document` and `Number`, for generated crates with the
//! client (which compiles aws-smithy-types anyway), so their values pass straight to and from
//! the rest of the AWS Rust ecosystem.

pub use aws_smithy_types::{Blob, DateTime, Document, Number};

use crate::decode::{Decode, Decoder, Result};
use crate::value::{DocumentNumber, Value, View};

impl Value for Blob {
    fn view(&self) -> View<'_> {
        View::Blob(self.as_ref())
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
        View::Timestamp { secs: self.secs(), nanos: self.subsec_nanos() }
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
        decoder.document().map(convert)
    }
}

/// This crate's own document (what decoders build) as aws-smithy-types' one.
pub fn convert(document: crate::primitives::Document) -> Document {
    use crate::primitives::{Document as Own, Number as OwnNumber};
    match document {
        Own::Object(entries) => Document::Object(entries.into_iter().map(|(k, v)| (k, convert(v))).collect()),
        Own::Array(items) => Document::Array(items.into_iter().map(convert).collect()),
        Own::Number(OwnNumber::PosInt(n)) => Document::Number(Number::PosInt(n)),
        Own::Number(OwnNumber::NegInt(n)) => Document::Number(Number::NegInt(n)),
        Own::Number(OwnNumber::Float(n)) => Document::Number(Number::Float(n)),
        Own::String(s) => Document::String(s),
        Own::Bool(b) => Document::Bool(b),
        Own::Null => Document::Null,
    }
}
