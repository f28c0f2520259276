//! The semantic model: every shape of a Smithy 2.0 JSON AST after `apply` and mixins are resolved.
//!
//! This is the loader's output and the only view of the model the rest of the pipeline reads.

mod load;
mod prelude;

pub use load::{assemble, load_files, load_sources, load_str, ModelSource};

/// The id of `smithy.api#Unit`, the "no value" shape.
pub fn prelude_unit() -> &'static str {
    prelude::UNIT
}

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

/// An absolute shape id (`namespace#Name`), optionally naming a member (`namespace#Name$member`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Parse an absolute shape id; `None` when it is not of the `namespace#Name[$member]` form.
    pub fn parse(text: &str) -> Option<ShapeId> {
        Self::is_valid(text).then(|| ShapeId(text.to_string()))
    }

    /// `namespace#Name` or `namespace#Name$member`, each part made of identifiers. One pass over
    /// the bytes: every id, target and trait key of a model goes through here.
    pub fn is_valid(text: &str) -> bool {
        let bytes = text.as_bytes();
        let Some(hash) = bytes.iter().position(|&b| b == b'#') else { return false };
        let (namespace, rest) = (&bytes[..hash], &bytes[hash + 1..]);
        let (name, member) = match rest.iter().position(|&b| b == b'$') {
            Some(dollar) => (&rest[..dollar], Some(&rest[dollar + 1..])),
            None => (rest, None),
        };
        !namespace.is_empty()
            && namespace.split(|&b| b == b'.').all(identifier_bytes)
            && identifier_bytes(name)
            && member.is_none_or(identifier_bytes)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn namespace(&self) -> &str {
        self.0.split_once('#').map_or("", |(ns, _)| ns)
    }

    /// The shape name without namespace or member.
    pub fn name(&self) -> &str {
        let rest = self.0.split_once('#').map_or(self.0.as_str(), |(_, rest)| rest);
        rest.split_once('$').map_or(rest, |(name, _)| name)
    }

    pub fn member_name(&self) -> Option<&str> {
        self.0.split_once('$').map(|(_, member)| member)
    }

    /// The id of the shape itself when this names a member.
    pub fn root(&self) -> ShapeId {
        ShapeId(self.0.split_once('$').map_or(self.0.as_str(), |(root, _)| root).to_string())
    }

    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId(format!("{}${member}", self.root().0))
    }
}

/// Sets and maps keyed by id can be searched with a `&str` (ids order and hash as their text).
impl std::borrow::Borrow<str> for ShapeId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Smithy identifiers: a letter or `_`, then letters, digits and `_`.
pub fn is_identifier(text: &str) -> bool {
    identifier_bytes(text.as_bytes())
}

fn identifier_bytes(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(b) if b.is_ascii_alphabetic() || *b == b'_')
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        && bytes.iter().any(u8::is_ascii_alphanumeric)
}

/// The kinds of shape Smithy 2.0 defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Set,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl ShapeType {
    pub fn from_name(name: &str) -> Option<ShapeType> {
        Some(match name {
            "blob" => ShapeType::Blob,
            "boolean" => ShapeType::Boolean,
            "string" => ShapeType::String,
            "byte" => ShapeType::Byte,
            "short" => ShapeType::Short,
            "integer" => ShapeType::Integer,
            "long" => ShapeType::Long,
            "float" => ShapeType::Float,
            "double" => ShapeType::Double,
            "bigInteger" => ShapeType::BigInteger,
            "bigDecimal" => ShapeType::BigDecimal,
            "timestamp" => ShapeType::Timestamp,
            "document" => ShapeType::Document,
            "enum" => ShapeType::Enum,
            "intEnum" => ShapeType::IntEnum,
            "list" => ShapeType::List,
            "set" => ShapeType::Set,
            "map" => ShapeType::Map,
            "structure" => ShapeType::Structure,
            "union" => ShapeType::Union,
            "service" => ShapeType::Service,
            "operation" => ShapeType::Operation,
            "resource" => ShapeType::Resource,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ShapeType::Blob => "blob",
            ShapeType::Boolean => "boolean",
            ShapeType::String => "string",
            ShapeType::Byte => "byte",
            ShapeType::Short => "short",
            ShapeType::Integer => "integer",
            ShapeType::Long => "long",
            ShapeType::Float => "float",
            ShapeType::Double => "double",
            ShapeType::BigInteger => "bigInteger",
            ShapeType::BigDecimal => "bigDecimal",
            ShapeType::Timestamp => "timestamp",
            ShapeType::Document => "document",
            ShapeType::Enum => "enum",
            ShapeType::IntEnum => "intEnum",
            ShapeType::List => "list",
            ShapeType::Set => "set",
            ShapeType::Map => "map",
            ShapeType::Structure => "structure",
            ShapeType::Union => "union",
            ShapeType::Service => "service",
            ShapeType::Operation => "operation",
            ShapeType::Resource => "resource",
        }
    }

    /// Shapes whose members are named by the model (as opposed to list/map's fixed members).
    pub fn has_named_members(self) -> bool {
        matches!(self, ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum)
    }

    pub fn is_number(self) -> bool {
        matches!(
            self,
            ShapeType::Byte
                | ShapeType::Short
                | ShapeType::Integer
                | ShapeType::Long
                | ShapeType::Float
                | ShapeType::Double
                | ShapeType::BigInteger
                | ShapeType::BigDecimal
                | ShapeType::IntEnum
        )
    }
}

/// Trait values by absolute trait shape id, as the JSON AST gives them, in model order (the
/// parsed document's own map, moved, not copied).
pub type Traits = serde_json::Map<String, Value>;

/// A member of an aggregate shape, in model order.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
}

/// A shape with everything the loader resolved: applied traits and mixin members included.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub shape_type: ShapeType,
    /// Members in model order (list `member`, map `key`/`value` included).
    pub members: Vec<Member>,
    pub traits: Traits,
    /// Operation, service and resource properties that refer to other shapes.
    pub relations: Relations,
    /// The file this shape was defined in (`<prelude>` for the Smithy prelude).
    pub source: String,
}

impl Shape {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    pub fn has_trait(&self, id: &str) -> bool {
        self.traits.contains_key(id)
    }
}

/// References from operations, services and resources to other shapes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Relations {
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub errors: Vec<ShapeId>,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    /// Service `version`, resource identifiers and the like, kept for completeness.
    pub properties: BTreeMap<String, Value>,
}

/// A loaded model: shapes by id plus merged metadata.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub shapes: BTreeMap<ShapeId, Shape>,
    pub metadata: BTreeMap<String, Value>,
}

impl Model {
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Find a shape by its name alone (e.g. an operation named on the command line).
    pub fn find_by_name(&self, name: &str, shape_type: ShapeType) -> Vec<&Shape> {
        self.shapes
            .values()
            .filter(|s| s.shape_type == shape_type && (s.id.name() == name || s.id.as_str() == name))
            .collect()
    }

    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| s.shape_type == ShapeType::Service)
    }
}
