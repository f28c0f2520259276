//! Building generated values from the wire: each protocol implements [`Decoder`] once, and every
//! type implements [`Decode`] against it (generated types through this crate's macros).
//!
//! A decoder knows the schema of the value it stands on, so wire details (JSON names, timestamp
//! formats, XML names) never appear in generated code.

use std::collections::HashMap;

use crate::error::DeserializeError;
use crate::schema::{Member, Node, Schema};
use crate::value::{Key, StructureMut, Value};

/// The result of decoding.
pub type Result<T> = std::result::Result<T, DeserializeError>;

/// What [`Decoder::union`] calls with the member a union holds.
pub type VariantVisitor<'a> = dyn FnMut(Option<usize>, &mut dyn Decoder) -> Result<()> + 'a;

/// A value that can be read from any protocol's [`Decoder`].
pub trait Decode: Sized {
    /// Whether `null` is a value of this type (items of sparse lists and maps). Dense
    /// collections skip `null` items instead.
    const NULLABLE: bool = false;

    /// Read a value of this type from `decoder`.
    fn decode(decoder: &mut dyn Decoder) -> Result<Self>;
}

/// One position of a message being read, with the schema of the value there.
///
/// The default methods refuse: a protocol overrides the ones its positions can hold (a header,
/// for example, holds scalars and lists of scalars only).
pub trait Decoder {
    /// An error located at this position.
    fn error(&self, message: &str) -> DeserializeError;

    /// Whether the value here is `null` (or absent).
    fn is_null(&self) -> bool {
        false
    }

    /// A `boolean`.
    fn boolean(&mut self) -> Result<bool> {
        Err(self.error("expected a boolean"))
    }

    /// A `byte`.
    fn byte(&mut self) -> Result<i8> {
        Err(self.error("expected a byte"))
    }

    /// A `short`.
    fn short(&mut self) -> Result<i16> {
        Err(self.error("expected a short"))
    }

    /// An `integer` (or an `intEnum` value).
    fn integer(&mut self) -> Result<i32> {
        Err(self.error("expected an integer"))
    }

    /// A `long`.
    fn long(&mut self) -> Result<i64> {
        Err(self.error("expected a long"))
    }

    /// A `float`.
    fn float(&mut self) -> Result<f32> {
        Err(self.error("expected a float"))
    }

    /// A `double`.
    fn double(&mut self) -> Result<f64> {
        Err(self.error("expected a double"))
    }

    /// A `bigInteger`, as decimal text.
    fn big_integer(&mut self) -> Result<String> {
        Err(self.error("expected a big integer"))
    }

    /// A `bigDecimal`, as decimal text.
    fn big_decimal(&mut self) -> Result<String> {
        Err(self.error("expected a big decimal"))
    }

    /// A `string` (or a string enum value).
    fn string(&mut self) -> Result<String> {
        Err(self.error("expected a string"))
    }

    /// A `blob`'s bytes.
    fn blob(&mut self) -> Result<Vec<u8>> {
        Err(self.error("expected a blob"))
    }

    /// Seconds since the epoch (floored) and nanoseconds past them.
    fn timestamp(&mut self) -> Result<(i64, u32)> {
        Err(self.error("expected a timestamp"))
    }

    /// A `document`.
    fn document(&mut self) -> Result<crate::primitives::Document> {
        Err(self.error("expected a document"))
    }

    /// Visit each item, with a decoder standing on it.
    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Decoder) -> Result<()>) -> Result<()> {
        let _ = item;
        Err(self.error("expected a list"))
    }

    /// Visit each entry: its key, and a decoder standing on its value.
    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Decoder) -> Result<()>) -> Result<()> {
        let _ = entry;
        Err(self.error("expected a map"))
    }

    /// Fill in the members of `value` that the message carries (then call [`finish_structure`]).
    fn structure(&mut self, schema: &'static Schema, value: &mut dyn StructureMut) -> Result<()> {
        let _ = (schema, value);
        Err(self.error("expected a structure"))
    }

    /// Visit the one member a union holds: its index (`None` for a member unknown to `schema`)
    /// and a decoder standing on its value.
    fn union(&mut self, schema: &'static Schema, variant: &mut VariantVisitor<'_>) -> Result<()> {
        let _ = (schema, variant);
        Err(self.error("expected a union"))
    }
}

/// A structure member's storage, as generated code declares it (`Option<T>`), read by walkers.
pub trait Slot: Send + Sync {
    /// The value, when set.
    fn get(&self) -> Option<&dyn Value>;

    /// Whether a value is set.
    fn is_set(&self) -> bool {
        self.get().is_some()
    }
}

impl<T: Value> Slot for Option<T> {
    fn get(&self) -> Option<&dyn Value> {
        self.as_ref().map(|value| value as &dyn Value)
    }

    fn is_set(&self) -> bool {
        self.is_some()
    }
}

/// A structure member's storage written by decoders (for structures a response can carry).
pub trait SlotMut: Slot {
    /// Read the value from `decoder` and store it.
    fn decode(&mut self, decoder: &mut dyn Decoder) -> Result<()>;
}

impl<T: Value + Decode> SlotMut for Option<T> {
    fn decode(&mut self, decoder: &mut dyn Decoder) -> Result<()> {
        *self = Some(T::decode(decoder)?);
        Ok(())
    }
}

/// A structure read from `decoder`: what every generated structure's `Decode` is.
///
/// # Errors
///
/// When the message does not have the structure's shape.
#[inline]
pub fn structure<T: StructureMut + Default>(decoder: &mut dyn Decoder, schema: &'static Schema) -> Result<T> {
    let mut value = T::default();
    decoder.structure(schema, &mut value)?;
    Ok(value)
}

/// Give every member the message left unset its `@default` (what a client reading a response
/// does: a service may omit defaulted members), and every `@required` member without one its
/// zero value: Smithy's client error correction, so a service that fails to send a required
/// member does not make the whole response unreadable. Streaming payloads are bodies, present
/// or not.
pub fn finish_structure(schema: &'static Schema, value: &mut dyn StructureMut) -> Result<()> {
    finish_at_depth(schema, value, 0)
}

/// Zero values nest (a required structure's required members are filled too); a model whose
/// required members form a cycle, which Smithy forbids, stops here instead of recursing forever.
const MAX_ZERO_DEPTH: usize = 32;

fn finish_at_depth(schema: &'static Schema, value: &mut dyn StructureMut, depth: usize) -> Result<()> {
    for (index, member) in schema.members.iter().enumerate() {
        if member.streaming {
            continue;
        }
        let Some(slot) = value.member_mut(index) else { continue };
        if slot.is_set() {
            continue;
        }
        match member.default {
            Some(node) => slot.decode(&mut NodeDecoder { node, member, path: member.name })?,
            None if member.required && !matches!(member.binding, crate::schema::Binding::Payload | crate::schema::Binding::ResponseCode) => {
                if depth >= MAX_ZERO_DEPTH {
                    return Err(DeserializeError::new(member.name, "required members nest too deeply to fill in their zero values"));
                }
                slot.decode(&mut ZeroDecoder { member, depth: depth + 1 })?;
            }
            None => {}
        }
    }
    Ok(())
}

/// The zero value of a member's target, for client error correction: `false`, `0`, `""`, an
/// empty blob, list or map, the epoch, a `null` document, an unknown union variant, and a
/// structure whose own required members are zero.
struct ZeroDecoder {
    member: &'static Member,
    depth: usize,
}

impl Decoder for ZeroDecoder {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new(self.member.name, message)
    }

    fn boolean(&mut self) -> Result<bool> {
        Ok(false)
    }

    fn byte(&mut self) -> Result<i8> {
        Ok(0)
    }

    fn short(&mut self) -> Result<i16> {
        Ok(0)
    }

    fn integer(&mut self) -> Result<i32> {
        Ok(0)
    }

    fn long(&mut self) -> Result<i64> {
        Ok(0)
    }

    fn float(&mut self) -> Result<f32> {
        Ok(0.0)
    }

    fn double(&mut self) -> Result<f64> {
        Ok(0.0)
    }

    fn big_integer(&mut self) -> Result<String> {
        Ok("0".to_string())
    }

    fn big_decimal(&mut self) -> Result<String> {
        Ok("0".to_string())
    }

    fn string(&mut self) -> Result<String> {
        Ok(String::new())
    }

    fn blob(&mut self) -> Result<Vec<u8>> {
        Ok(Vec::new())
    }

    fn timestamp(&mut self) -> Result<(i64, u32)> {
        Ok((0, 0))
    }

    fn document(&mut self) -> Result<crate::primitives::Document> {
        Ok(crate::primitives::Document::Null)
    }

    fn list(&mut self, _item: &mut dyn FnMut(&mut dyn Decoder) -> Result<()>) -> Result<()> {
        Ok(())
    }

    fn map(&mut self, _entry: &mut dyn FnMut(String, &mut dyn Decoder) -> Result<()>) -> Result<()> {
        Ok(())
    }

    fn structure(&mut self, schema: &'static Schema, value: &mut dyn StructureMut) -> Result<()> {
        finish_at_depth(schema, value, self.depth)
    }

    fn union(&mut self, _schema: &'static Schema, variant: &mut VariantVisitor<'_>) -> Result<()> {
        variant(None, self)
    }
}

macro_rules! decode_scalars {
    ($($ty:ty => $method:ident),* $(,)?) => {
        $(
            impl Decode for $ty {
                fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
                    decoder.$method()
                }
            }
        )*
    };
}

decode_scalars!(
    bool => boolean,
    i8 => byte,
    i16 => short,
    i32 => integer,
    i64 => long,
    f32 => float,
    f64 => double,
    String => string,
);

impl<T: Decode> Decode for Box<T> {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        T::decode(decoder).map(Box::new)
    }
}

impl<T: Decode> Decode for Option<T> {
    const NULLABLE: bool = true;

    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        if decoder.is_null() { Ok(None) } else { T::decode(decoder).map(Some) }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        let mut items = Vec::new();
        decoder.list(&mut |item| {
            if !T::NULLABLE && item.is_null() {
                return Ok(());
            }
            items.push(T::decode(item)?);
            Ok(())
        })?;
        Ok(items)
    }
}

impl<K: Key, V: Decode> Decode for HashMap<K, V> {
    fn decode(decoder: &mut dyn Decoder) -> Result<Self> {
        let mut entries = HashMap::new();
        decoder.map(&mut |key, value| {
            if !V::NULLABLE && value.is_null() {
                return Ok(());
            }
            entries.insert(K::from_key(key), V::decode(value)?);
            Ok(())
        })?;
        Ok(entries)
    }
}

/// Reads a `@default` node value as the member's target kind expects it: numbers for numbers
/// and epoch-seconds timestamps, strings for strings, enums, date-time timestamps and base64
/// blobs, and empty lists and maps.
pub struct NodeDecoder {
    /// The default.
    pub node: &'static Node,
    /// The member whose default it is (its target decides how the node reads).
    pub member: &'static Member,
    path: &'static str,
}

impl NodeDecoder {
    /// A decoder for `member`'s default `node`.
    pub fn new(node: &'static Node, member: &'static Member) -> NodeDecoder {
        NodeDecoder { node, member, path: member.name }
    }

    fn number<T: std::str::FromStr>(&self, what: &str) -> Result<T> {
        match self.node {
            Node::Number(text) => text.parse().map_err(|_| self.error(&format!("the default is not {what}"))),
            _ => Err(self.error(&format!("the default is not {what}"))),
        }
    }

    fn text(&self) -> Result<&'static str> {
        match self.node {
            Node::String(text) => Ok(text),
            _ => Err(self.error("the default is not a string")),
        }
    }
}

impl Decoder for NodeDecoder {
    fn error(&self, message: &str) -> DeserializeError {
        DeserializeError::new(format!("@default of {}", self.path), message)
    }

    fn is_null(&self) -> bool {
        matches!(self.node, Node::Null)
    }

    fn boolean(&mut self) -> Result<bool> {
        match self.node {
            Node::Bool(value) => Ok(*value),
            _ => Err(self.error("the default is not a boolean")),
        }
    }

    fn byte(&mut self) -> Result<i8> {
        self.number("a byte")
    }

    fn short(&mut self) -> Result<i16> {
        self.number("a short")
    }

    fn integer(&mut self) -> Result<i32> {
        self.number("an integer")
    }

    fn long(&mut self) -> Result<i64> {
        self.number("a long")
    }

    fn float(&mut self) -> Result<f32> {
        match self.node {
            Node::String(text) => crate::text::parse_f32(text).map_err(|e| self.error(&e.to_string())),
            _ => self.number("a float"),
        }
    }

    fn double(&mut self) -> Result<f64> {
        match self.node {
            Node::String(text) => crate::text::parse_f64(text).map_err(|e| self.error(&e.to_string())),
            _ => self.number("a double"),
        }
    }

    fn big_integer(&mut self) -> Result<String> {
        match self.node {
            Node::Number(text) => Ok(text.to_string()),
            _ => Err(self.error("the default is not a number")),
        }
    }

    fn big_decimal(&mut self) -> Result<String> {
        self.big_integer()
    }

    fn string(&mut self) -> Result<String> {
        self.text().map(str::to_string)
    }

    fn blob(&mut self) -> Result<Vec<u8>> {
        crate::text::base64_decode(self.text()?).map_err(|e| self.error(&e.to_string()))
    }

    fn timestamp(&mut self) -> Result<(i64, u32)> {
        let parsed = match self.node {
            Node::Number(text) => crate::text::parse_epoch_seconds(text),
            Node::String(text) => crate::text::parse_date_time(text),
            _ => return Err(self.error("the default is not a timestamp")),
        };
        parsed.map(|t| (t.secs(), t.subsec_nanos())).map_err(|e| self.error(&e.to_string()))
    }

    fn document(&mut self) -> Result<crate::primitives::Document> {
        Ok(crate::primitives::Document::from_node(self.node))
    }

    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Decoder) -> Result<()>) -> Result<()> {
        let Node::List(items) = self.node else { return Err(self.error("the default is not a list")) };
        let member = self.member.target.item();
        for node in *items {
            item(&mut NodeDecoder { node, member, path: self.path })?;
        }
        Ok(())
    }

    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Decoder) -> Result<()>) -> Result<()> {
        let Node::Map(entries) = self.node else { return Err(self.error("the default is not a map")) };
        let member = self.member.target.value();
        for (key, node) in *entries {
            entry(key.to_string(), &mut NodeDecoder { node, member, path: self.path })?;
        }
        Ok(())
    }
}
