//! The Smithy prelude shapes (`smithy.api#String` and friends) every model may target.

use super::{Relations, Shape, ShapeId, ShapeType, Traits};
use serde_json::{json, Value};

const SIMPLE: &[(&str, ShapeType)] = &[
    ("Blob", ShapeType::Blob),
    ("Boolean", ShapeType::Boolean),
    ("String", ShapeType::String),
    ("Byte", ShapeType::Byte),
    ("Short", ShapeType::Short),
    ("Integer", ShapeType::Integer),
    ("Long", ShapeType::Long),
    ("Float", ShapeType::Float),
    ("Double", ShapeType::Double),
    ("BigInteger", ShapeType::BigInteger),
    ("BigDecimal", ShapeType::BigDecimal),
    ("Timestamp", ShapeType::Timestamp),
    ("Document", ShapeType::Document),
];

/// The primitive prelude shapes carry `@default` (`false` or `0`) so members targeting them are never null.
const PRIMITIVE: &[(&str, ShapeType)] = &[
    ("PrimitiveBoolean", ShapeType::Boolean),
    ("PrimitiveByte", ShapeType::Byte),
    ("PrimitiveShort", ShapeType::Short),
    ("PrimitiveInteger", ShapeType::Integer),
    ("PrimitiveLong", ShapeType::Long),
    ("PrimitiveFloat", ShapeType::Float),
    ("PrimitiveDouble", ShapeType::Double),
];

fn shape(name: &str, shape_type: ShapeType, traits: Traits) -> Shape {
    Shape {
        id: ShapeId(format!("smithy.api#{name}")),
        shape_type,
        members: Vec::new(),
        traits,
        relations: Relations::default(),
        source: "<prelude>".to_string(),
    }
}

/// Every prelude shape that a model can target as a member or operation input/output.
pub fn shapes() -> Vec<Shape> {
    let mut shapes: Vec<Shape> =
        SIMPLE.iter().map(|(name, ty)| shape(name, *ty, Traits::new())).collect();
    for (name, ty) in PRIMITIVE {
        let default: Value = if *ty == ShapeType::Boolean { json!(false) } else { json!(0) };
        let mut traits = Traits::new();
        traits.insert("smithy.api#default".to_string(), default);
        shapes.push(shape(name, *ty, traits));
    }
    let mut unit_traits = Traits::new();
    unit_traits.insert("smithy.api#unitType".to_string(), json!({}));
    shapes.push(shape("Unit", ShapeType::Structure, unit_traits));
    shapes
}

pub const UNIT: &str = "smithy.api#Unit";
