//! A parsed XML tree read by schemas: the [`Decoder`] of the XML protocols.
//!
//! Smithy's XML bindings: a member is the child element named by its `@xmlName` or its name
//! (compared without prefixes), or with `@xmlAttribute` an attribute of its structure's element;
//! a list wraps `<member>` items (or the item's `@xmlName`), a map wraps `<entry>` elements of
//! `<key>` and `<value>` (or their `@xmlName`s), and `@xmlFlattened` drops the wrapper so the
//! items or entries repeat under the member's own name. Scalars are element text. Unknown
//! elements and attributes are ignored. Errors name the path of element names
//! (`/OpResult/Items/member[2]`), spelled out only when an error is reported.

use std::borrow::Cow;

use super::{local, Element};
use crate::decode::{finish_structure, Decoder, Result, VariantVisitor};
use crate::error::DeserializeError;
use crate::schema::{prelude, Kind, Member, Schema, TimestampFormat};
use crate::text::DecodeError;
use crate::value::StructureMut;

/// Where a value sits: a chain of borrowed segments up to the element the decoder started on.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root(&'a str),
    Element(&'a Path<'a>, &'a str),
    /// One of several elements of the same name, counted from 1 as XPath does.
    Item(&'a Path<'a>, &'a str, usize),
    Attribute(&'a Path<'a>, &'a str),
}

impl Path<'_> {
    fn render(&self) -> String {
        let mut segments = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root(name) => {
                    segments.push(format!("/{name}"));
                    break;
                }
                Path::Element(parent, name) => {
                    segments.push(format!("/{name}"));
                    at = parent;
                }
                Path::Item(parent, name, index) => {
                    segments.push(format!("/{name}[{index}]"));
                    at = parent;
                }
                Path::Attribute(parent, name) => {
                    segments.push(format!("/@{name}"));
                    at = parent;
                }
            }
        }
        segments.iter().rev().map(String::as_str).collect()
    }
}

/// What a decoder stands on.
#[derive(Clone, Copy)]
enum At<'a> {
    Element(&'a Element),
    Attribute(&'a str),
    /// The items or entries of an `@xmlFlattened` member: the children of this element with
    /// this local name.
    Flattened(&'a Element, &'static str),
    /// A map entry without its value element.
    Missing,
}

/// A decoder standing on one value of a parsed XML document.
pub struct XmlDecoder<'a> {
    at: At<'a>,
    /// The member this value is, `None` where the decoder started.
    member: Option<&'static Member>,
    path: Path<'a>,
    /// On the body of an HTTP response: only members the body carries are read there.
    body_of_response: bool,
}

/// The local element (or attribute) name of a structure or union member.
fn member_name(member: &Member) -> &'static str {
    local(member.xml.name.unwrap_or(member.name))
}

/// The local element name of a list item, map key or map value (`member`, `key`, `value`
/// unless `@xmlName` says otherwise).
fn part_name(member: &Member, default: &'static str) -> &'static str {
    member.xml.name.map_or(default, local)
}

fn is_flattened(member: &Member) -> bool {
    member.xml.flattened && matches!(member.target.kind, Kind::List | Kind::Map)
}

fn trim(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

impl<'a> XmlDecoder<'a> {
    /// A decoder for an element holding a structure's members (a restXml body's root, an
    /// awsQuery `<OpResult>`).
    pub fn new(element: &'a Element) -> XmlDecoder<'a> {
        XmlDecoder { at: At::Element(element), member: None, path: Path::Root(&element.name), body_of_response: false }
    }

    /// A decoder for an element that is the value of `member` (an `@httpPayload` structure or
    /// union: the element itself is the payload).
    pub fn member(element: &'a Element, member: &'static Member) -> XmlDecoder<'a> {
        XmlDecoder { member: Some(member), ..XmlDecoder::new(element) }
    }

    /// A decoder for the body of an HTTP response, whose members bound to headers, the status
    /// code and the payload are read elsewhere (and whose defaults the caller fills in once all
    /// of them are read).
    pub fn response_body(element: &'a Element) -> XmlDecoder<'a> {
        XmlDecoder { body_of_response: true, ..XmlDecoder::new(element) }
    }

    fn target_kind(&self) -> Option<Kind> {
        self.member.map(|m| m.target.kind)
    }

    fn reads(&self, member: &Member) -> bool {
        !self.body_of_response || member.binding.in_response_body()
    }

    /// Kinds whose empty text is no value at all: only strings, enums and blobs can be empty,
    /// so `<count/>` is how a service says a count is unset (where `<name/>` is `""`).
    fn empty_is_absent(&self) -> bool {
        matches!(
            self.target_kind(),
            Some(
                Kind::Boolean
                    | Kind::Byte
                    | Kind::Short
                    | Kind::Integer
                    | Kind::Long
                    | Kind::Float
                    | Kind::Double
                    | Kind::BigInteger
                    | Kind::BigDecimal
                    | Kind::Timestamp
                    | Kind::IntEnum(_)
            )
        )
    }

    /// The text of a scalar.
    fn scalar(&self) -> Result<Cow<'a, str>> {
        match self.at {
            At::Element(element) if element.has_elements() => Err(self.error("expected text, found child elements")),
            At::Element(element) => Ok(element.text()),
            At::Attribute(value) => Ok(Cow::Borrowed(value)),
            At::Flattened(..) => Err(self.error("expected one value, found a flattened list or map")),
            At::Missing => Err(self.error("the value is missing")),
        }
    }

    /// A scalar whose text may be surrounded by whitespace (numbers, booleans, timestamps).
    fn parsed<T>(&self, parse: fn(&str) -> std::result::Result<T, DecodeError>) -> Result<T> {
        let text = self.scalar()?;
        parse(trim(&text)).map_err(|e| self.error(&e.to_string()))
    }
}

impl Decoder for XmlDecoder<'_> {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new(self.path.render(), message)
    }

    fn is_null(&self) -> bool {
        match self.at {
            At::Missing => true,
            At::Element(element) => {
                self.empty_is_absent() && !element.has_elements() && trim(&element.text()).is_empty()
            }
            At::Attribute(value) => self.empty_is_absent() && trim(value).is_empty(),
            At::Flattened(..) => false,
        }
    }

    fn boolean(&mut self) -> Result<bool> {
        self.parsed(crate::text::parse_bool)
    }

    fn byte(&mut self) -> Result<i8> {
        self.parsed(crate::text::parse_i8)
    }

    fn short(&mut self) -> Result<i16> {
        self.parsed(crate::text::parse_i16)
    }

    fn integer(&mut self) -> Result<i32> {
        self.parsed(crate::text::parse_i32)
    }

    fn long(&mut self) -> Result<i64> {
        self.parsed(crate::text::parse_i64)
    }

    fn float(&mut self) -> Result<f32> {
        self.parsed(crate::text::parse_f32)
    }

    fn double(&mut self) -> Result<f64> {
        self.parsed(crate::text::parse_f64)
    }

    fn big_integer(&mut self) -> Result<String> {
        let text = self.scalar()?;
        let text = trim(&text);
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error("expected an integer: an optional '-' and decimal digits"));
        }
        Ok(text.to_string())
    }

    fn big_decimal(&mut self) -> Result<String> {
        let text = self.scalar()?;
        let text = trim(&text);
        if crate::text::decimal_cmp(text, "0").is_none() {
            return Err(self.error("expected a decimal number"));
        }
        Ok(text.to_string())
    }

    fn string(&mut self) -> Result<String> {
        self.scalar().map(Cow::into_owned)
    }

    fn blob(&mut self) -> Result<Vec<u8>> {
        let text = self.scalar()?;
        // Services may wrap long base64 text over several lines.
        let compact: Cow<'_, str> = if text.contains([' ', '\t', '\n', '\r']) {
            Cow::Owned(text.chars().filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r')).collect())
        } else {
            Cow::Borrowed(&text)
        };
        crate::text::base64_decode(&compact).map_err(|e| self.error(&e.to_string()))
    }

    fn timestamp(&mut self) -> Result<(i64, u32)> {
        let parse: fn(&str) -> std::result::Result<crate::primitives::DateTime, DecodeError> = match self.member.and_then(|m| m.timestamp_format).unwrap_or(TimestampFormat::DateTime) {
            TimestampFormat::DateTime => crate::text::parse_date_time,
            TimestampFormat::EpochSeconds => crate::text::parse_epoch_seconds,
            TimestampFormat::HttpDate => crate::text::parse_http_date,
        };
        self.parsed(parse).map(|t| (t.secs(), t.subsec_nanos()))
    }

    fn document(&mut self) -> Result<crate::primitives::Document> {
        Err(self.error("documents cannot be read from XML"))
    }

    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Decoder) -> Result<()>) -> Result<()> {
        let item_member = self.member.map_or(&prelude::DOCUMENT_MEMBER, |m| m.target.item());
        let (container, name) = match self.at {
            At::Element(element) => (element, part_name(item_member, "member")),
            At::Flattened(parent, name) => (parent, name),
            _ => return Err(self.error("expected a list")),
        };
        for (index, child) in container.elements_named(name).enumerate() {
            let path = Path::Item(&self.path, &child.name, index + 1);
            item(&mut XmlDecoder { at: At::Element(child), member: Some(item_member), path, body_of_response: false })?;
        }
        Ok(())
    }

    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Decoder) -> Result<()>) -> Result<()> {
        let map = self.member.map_or(&prelude::DOCUMENT, |m| m.target);
        let key_member = map.members.first().unwrap_or(&prelude::DOCUMENT_MEMBER);
        let value_member = map.value();
        let (container, name) = match self.at {
            At::Element(element) => (element, "entry"),
            At::Flattened(parent, name) => (parent, name),
            _ => return Err(self.error("expected a map")),
        };
        let (key_name, value_name) = (part_name(key_member, "key"), part_name(value_member, "value"));
        for (index, element) in container.elements_named(name).enumerate() {
            let entry_path = Path::Item(&self.path, &element.name, index + 1);
            let key = match element.element(key_name) {
                Some(key) if !key.has_elements() => key.text().into_owned(),
                Some(key) => {
                    let path = Path::Element(&entry_path, &key.name);
                    return Err(DeserializeError::new(path.render(), "expected text, found child elements"));
                }
                None => return Err(DeserializeError::new(entry_path.render(), format!("a map entry needs a <{key_name}> element"))),
            };
            let (at, path) = match element.element(value_name) {
                Some(value) => (At::Element(value), Path::Element(&entry_path, &value.name)),
                None => (At::Missing, Path::Element(&entry_path, value_name)),
            };
            entry(key, &mut XmlDecoder { at, member: Some(value_member), path, body_of_response: false })?;
        }
        Ok(())
    }

    fn structure(&mut self, schema: &'static Schema, value: &mut dyn StructureMut) -> Result<()> {
        let At::Element(element) = self.at else { return Err(self.error("expected a structure")) };
        for (index, member) in schema.members.iter().enumerate() {
            if !member.xml.attribute || !self.reads(member) {
                continue;
            }
            let name = member_name(member);
            let Some(text) = element.attribute(name) else { continue };
            let mut decoder = XmlDecoder { at: At::Attribute(text), member: Some(member), path: Path::Attribute(&self.path, name), body_of_response: false };
            if decoder.is_null() {
                continue;
            }
            if let Some(slot) = value.member_mut(index) {
                slot.decode(&mut decoder)?;
            }
        }
        // A flattened member's elements are all read at its first one.
        let mut flattened_read: Vec<usize> = Vec::new();
        for child in element.elements() {
            let name = child.local_name();
            let found = schema.members.iter().position(|m| !m.xml.attribute && member_name(m) == name && self.reads(m));
            let Some(index) = found else { continue };
            let member = &schema.members[index];
            let mut decoder = if is_flattened(member) {
                if flattened_read.contains(&index) {
                    continue;
                }
                flattened_read.push(index);
                XmlDecoder { at: At::Flattened(element, member_name(member)), member: Some(member), path: self.path, body_of_response: false }
            } else {
                XmlDecoder { at: At::Element(child), member: Some(member), path: Path::Element(&self.path, &child.name), body_of_response: false }
            };
            if decoder.is_null() {
                continue;
            }
            if let Some(slot) = value.member_mut(index) {
                slot.decode(&mut decoder)?;
            }
        }
        if !self.body_of_response {
            finish_structure(schema, value)?;
        }
        Ok(())
    }

    fn union(&mut self, schema: &'static Schema, variant: &mut VariantVisitor<'_>) -> Result<()> {
        let At::Element(element) = self.at else { return Err(self.error("expected a union")) };
        let mut children = element.elements();
        let Some(first) = children.next() else {
            return Err(self.error("a union must have exactly one member set, found none"));
        };
        let name = first.local_name();
        let found = schema.members.iter().position(|m| member_name(m) == name);
        let flattened = found.is_some_and(|index| is_flattened(&schema.members[index]));
        // A flattened list or map repeats its element; anything else is a second member.
        if children.any(|c| !flattened || c.local_name() != name) {
            return Err(self.error("a union must have exactly one member set, found several"));
        }
        let path = Path::Element(&self.path, &first.name);
        match found {
            Some(index) => {
                let member = &schema.members[index];
                let (at, path) = if flattened { (At::Flattened(element, member_name(member)), self.path) } else { (At::Element(first), path) };
                variant(Some(index), &mut XmlDecoder { at, member: Some(member), path, body_of_response: false })
            }
            None => variant(None, &mut XmlDecoder { at: At::Element(first), member: None, path, body_of_response: false }),
        }
    }
}
