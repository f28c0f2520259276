//! A parsed JSON document read by schemas: the [`Decoder`] of the JSON protocols.
//!
//! Errors name the JSON pointer of the offending value; the pointer is spelled out only when an
//! error is reported.

use super::Json;
use crate::decode::{finish_structure, Decoder, Result};
use crate::error::DeserializeError;
use crate::schema::{Member, Schema, TimestampFormat};
use crate::value::StructureMut;

/// Where a value sits: a chain of borrowed segments up to the document root.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        let mut segments = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, key) => {
                    segments.push(super::child_path("", key));
                    at = parent;
                }
                Path::Index(parent, index) => {
                    segments.push(format!("/{index}"));
                    at = parent;
                }
            }
        }
        segments.iter().rev().map(String::as_str).collect()
    }
}

/// A decoder standing on one value of a parsed JSON document.
pub struct JsonDecoder<'a> {
    node: &'a Json,
    /// The member this value is, `None` at the root.
    member: Option<&'static Member>,
    path: Path<'a>,
    /// At the root of an HTTP response body: only members the body carries are read there.
    body_of_response: bool,
}

impl<'a> JsonDecoder<'a> {
    /// A decoder for a whole document.
    pub fn new(node: &'a Json) -> JsonDecoder<'a> {
        JsonDecoder { node, member: None, path: Path::Root, body_of_response: false }
    }

    /// A decoder for a whole document that is the value of `member` (an `@httpPayload`).
    pub fn member(node: &'a Json, member: &'static Member) -> JsonDecoder<'a> {
        JsonDecoder { member: Some(member), ..JsonDecoder::new(node) }
    }

    /// A decoder for the body of an HTTP response, whose members bound to headers, the status
    /// code and the payload are read elsewhere.
    pub fn response_body(node: &'a Json) -> JsonDecoder<'a> {
        JsonDecoder { body_of_response: true, ..JsonDecoder::new(node) }
    }

    fn child<'b>(&'b self, node: &'b Json, member: &'static Member, path: Path<'b>) -> JsonDecoder<'b> {
        JsonDecoder { node, member: Some(member), path, body_of_response: false }
    }

    fn mismatch(&self, expected: &str) -> DeserializeError {
        self.error(&format!("expected {expected}, found {}", self.node.kind()))
    }

    fn path(&self) -> String {
        self.path.render()
    }

    fn target(&self) -> Option<&'static Schema> {
        self.member.map(|m| m.target)
    }
}

impl Decoder for JsonDecoder<'_> {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new(self.path(), message)
    }

    fn is_null(&self) -> bool {
        self.node.is_null()
    }

    fn boolean(&mut self) -> Result<bool> {
        self.node.expect_bool(&self.path())
    }

    fn byte(&mut self) -> Result<i8> {
        self.node.to_i8(&self.path())
    }

    fn short(&mut self) -> Result<i16> {
        self.node.to_i16(&self.path())
    }

    fn integer(&mut self) -> Result<i32> {
        self.node.to_i32(&self.path())
    }

    fn long(&mut self) -> Result<i64> {
        self.node.to_i64(&self.path())
    }

    fn float(&mut self) -> Result<f32> {
        self.node.to_f32(&self.path())
    }

    fn double(&mut self) -> Result<f64> {
        self.node.to_f64(&self.path())
    }

    fn big_integer(&mut self) -> Result<String> {
        self.node.to_big_integer_text(&self.path())
    }

    fn big_decimal(&mut self) -> Result<String> {
        self.node.to_big_decimal_text(&self.path()).map(str::to_string)
    }

    fn string(&mut self) -> Result<String> {
        match self.node {
            Json::String(s) => Ok(s.clone()),
            _ => Err(self.mismatch("a string")),
        }
    }

    fn blob(&mut self) -> Result<Vec<u8>> {
        let Json::String(text) = self.node else { return Err(self.mismatch("a string")) };
        crate::text::base64_decode(text).map_err(|e| self.error(&e.to_string()))
    }

    fn timestamp(&mut self) -> Result<(i64, u32)> {
        let format = self.member.and_then(|m| m.timestamp_format).unwrap_or(TimestampFormat::EpochSeconds);
        let parsed = match (format, self.node) {
            (TimestampFormat::EpochSeconds, Json::Number(n)) => crate::text::parse_epoch_seconds(n.as_str()),
            (TimestampFormat::EpochSeconds, _) => return Err(self.error("expected a number of seconds since the epoch")),
            (TimestampFormat::DateTime, Json::String(s)) => crate::text::parse_date_time(s),
            (TimestampFormat::HttpDate, Json::String(s)) => crate::text::parse_http_date(s),
            _ => return Err(self.mismatch("a string")),
        };
        parsed.map(|t| (t.secs(), t.subsec_nanos())).map_err(|e| self.error(&e.to_string()))
    }

    fn document(&mut self) -> Result<crate::primitives::Document> {
        Ok(self.node.to_document())
    }

    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Decoder) -> Result<()>) -> Result<()> {
        let Json::Array(items) = self.node else { return Err(self.mismatch("an array")) };
        let member = self.target().map_or(&crate::schema::prelude::DOCUMENT_MEMBER, Schema::item);
        for (index, node) in items.iter().enumerate() {
            item(&mut self.child(node, member, Path::Index(&self.path, index)))?;
        }
        Ok(())
    }

    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Decoder) -> Result<()>) -> Result<()> {
        let Json::Object(entries) = self.node else { return Err(self.mismatch("an object")) };
        let member = self.target().map_or(&crate::schema::prelude::DOCUMENT_MEMBER, Schema::value);
        for (key, node) in entries {
            entry(key.clone(), &mut self.child(node, member, Path::Key(&self.path, key)))?;
        }
        Ok(())
    }

    fn structure(&mut self, schema: &'static Schema, value: &mut dyn StructureMut) -> Result<()> {
        let Json::Object(entries) = self.node else { return Err(self.mismatch("an object")) };
        // `null` means absent; unknown keys are ignored so newer services stay readable; a
        // repeated key's last value wins.
        for (key, node) in entries {
            if node.is_null() {
                continue;
            }
            let found = schema
                .members
                .iter()
                .position(|m| m.json_key() == key && (!self.body_of_response || m.binding.in_response_body()));
            let Some(index) = found else { continue };
            let member = &schema.members[index];
            if let Some(slot) = value.member_mut(index) {
                slot.decode(&mut self.child(node, member, Path::Key(&self.path, key)))?;
            }
        }
        if !self.body_of_response {
            finish_structure(schema, value)?;
        }
        Ok(())
    }

    fn union(&mut self, schema: &'static Schema, variant: &mut crate::decode::VariantVisitor<'_>) -> Result<()> {
        let Json::Object(entries) = self.node else { return Err(self.mismatch("an object")) };
        // A union sets exactly one member; `__type` and nulls are not members.
        let mut set = entries.iter().filter(|(key, node)| key != "__type" && !node.is_null());
        let Some((key, node)) = set.next() else {
            return Err(self.error("a union must have exactly one member set, found none"));
        };
        if set.next().is_some() {
            return Err(self.error("a union must have exactly one member set, found several"));
        }
        match schema.members.iter().position(|m| m.json_key() == key) {
            Some(index) => variant(Some(index), &mut self.child(node, &schema.members[index], Path::Key(&self.path, key))),
            None => variant(None, &mut JsonDecoder { node, member: None, path: Path::Key(&self.path, key), body_of_response: false }),
        }
    }
}
