//! Whole-model checks of the traits the generator relies on, run before anything is generated so
//! a malformed model yields every problem at once, each with its shape id and a fix.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Model, Shape, ShapeId, ShapeType, Traits};
use crate::pattern;
use crate::traits;

/// Whether each distinct pattern of the model parses, checked once per pattern text. Only the
/// syntax: translating and compiling a pattern can cost milliseconds (big bounded repeats), so
/// lowering does that for the patterns of the shapes it generates.
type SyntaxCache = BTreeMap<String, Result<(), pattern::PatternError>>;

pub fn check_model(model: &Model) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let mut patterns = SyntaxCache::new();
    for shape in model.shapes.values() {
        check_traits(&shape.id, shape, shape.shape_type, &shape.traits, &mut diagnostics, &mut patterns);
        for member in &shape.members {
            let Some(target) = model.shape(&member.target) else { continue };
            let id = shape.id.with_member(&member.name);
            check_traits(&id, shape, target.shape_type, &member.traits, &mut diagnostics, &mut patterns);
        }
        match shape.shape_type {
            ShapeType::Enum | ShapeType::IntEnum => check_enum(shape, &mut diagnostics),
            ShapeType::Structure => {
                if let Err(d) = traits::error_fault(&shape.traits) {
                    diagnostics.push(locate(d, &shape.id, shape));
                }
                if let Err(d) = traits::http_error(&shape.traits) {
                    diagnostics.push(locate(d, &shape.id, shape));
                }
            }
            ShapeType::Operation => check_operation(model, shape, &mut diagnostics),
            _ => {}
        }
    }
    diagnostics
}

fn locate(d: Diagnostic, id: &ShapeId, shape: &Shape) -> Diagnostic {
    d.shape(id.as_str()).file(shape.source.clone())
}

/// Checks one trait set; `value_type` is the type of the value the traits constrain (the target's
/// type for a member).
fn check_traits(
    id: &ShapeId,
    owner: &Shape,
    value_type: ShapeType,
    traits_map: &Traits,
    diagnostics: &mut Diagnostics,
    patterns: &mut SyntaxCache,
) {
    let mut report = |d: Diagnostic| diagnostics.push(locate(d, id, owner));
    let not_applicable = |trait_id: &str, applies: &str| {
        Diagnostic::error("TraitNotApplicable", format!("`{trait_id}` cannot constrain a {} value", value_type.name()))
            .hint(format!("`{trait_id}` applies to {applies}; remove it or move it to such a shape"))
    };
    use ShapeType as T;
    if traits::has(traits_map, traits::LENGTH) {
        match traits::length(traits_map) {
            Err(d) => report(d),
            Ok(_) if !matches!(value_type, T::String | T::Blob | T::List | T::Set | T::Map) => {
                report(not_applicable(traits::LENGTH, "strings, blobs, lists and maps"))
            }
            Ok(_) => {}
        }
    }
    if traits::has(traits_map, traits::RANGE) {
        match traits::range(traits_map) {
            Err(d) => report(d),
            Ok(_) if !value_type.is_number() || value_type == T::IntEnum => {
                report(not_applicable(traits::RANGE, "numbers"))
            }
            Ok(_) => {}
        }
    }
    if traits::has(traits_map, traits::UNIQUE_ITEMS) && !matches!(value_type, T::List | T::Set) {
        report(not_applicable(traits::UNIQUE_ITEMS, "lists"));
    }
    if let Err(d) = traits::max_total_utf8_bytes(traits_map) {
        report(d);
    }
    for key in [traits::PATTERN, traits::KEY_PATTERN] {
        match traits::string(traits_map, key) {
            Err(d) => report(d),
            Ok(None) => {}
            Ok(Some(text)) => {
                let applies = if key == traits::PATTERN { value_type == T::String } else { value_type == T::Map };
                if !applies {
                    report(not_applicable(key, if key == traits::PATTERN { "strings" } else { "maps" }));
                }
                let syntax = patterns.entry(text.to_string()).or_insert_with(|| pattern::validate_syntax(text));
                if let Err(err) = syntax {
                    report(
                        Diagnostic::error("InvalidPattern", format!("`{text}` is not a valid ECMA-262 regular expression: {err}"))
                            .hint("Smithy patterns are ECMA-262 (JavaScript) regular expressions; fix the expression at the offset given"),
                    );
                }
            }
        }
    }
    if let Err(d) = traits::string(traits_map, traits::DOCUMENTATION) {
        report(d);
    }
}

fn check_enum(shape: &Shape, diagnostics: &mut Diagnostics) {
    let mut values = BTreeSet::new();
    for member in &shape.members {
        let id = shape.id.with_member(&member.name);
        let value = match (shape.shape_type, member.traits.get(traits::ENUM_VALUE)) {
            (ShapeType::Enum, None) => Some(member.name.clone()),
            (ShapeType::Enum, Some(Value::String(s))) if !s.is_empty() => Some(s.clone()),
            (ShapeType::IntEnum, Some(Value::Number(n))) if n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()) => {
                Some(n.to_string())
            }
            (ShapeType::IntEnum, None) => {
                diagnostics.push(
                    locate(Diagnostic::error("InvalidEnum", "intEnum members need an integer `@enumValue`"), &id, shape)
                        .hint("add \"smithy.api#enumValue\": 1"),
                );
                None
            }
            _ => {
                let expected = if shape.shape_type == ShapeType::Enum { "a non-empty string" } else { "a 32-bit integer" };
                diagnostics.push(locate(Diagnostic::error("InvalidTraitValue", format!("`{}` must be {expected}", traits::ENUM_VALUE)), &id, shape));
                None
            }
        };
        if let Some(value) = value {
            if !values.insert(value.clone()) {
                diagnostics.push(
                    locate(Diagnostic::error("DuplicateEnumValue", format!("enum value `{value}` appears more than once")), &id, shape)
                        .hint("each enum member needs a distinct value"),
                );
            }
        }
    }
    if shape.members.is_empty() {
        diagnostics.push(locate(Diagnostic::error("InvalidEnum", "an enum needs at least one member"), &shape.id, shape));
    }
}

fn check_operation(model: &Model, shape: &Shape, diagnostics: &mut Diagnostics) {
    let r = &shape.relations;
    for (what, target) in [("input", &r.input), ("output", &r.output)] {
        if let Some(target) = target {
            if model.shape(target).is_some_and(|t| t.shape_type != ShapeType::Structure) {
                diagnostics.push(locate(
                    Diagnostic::error("InvalidOperation", format!("the operation {what} `{target}` is not a structure")),
                    &shape.id,
                    shape,
                ));
            }
        }
    }
    for error in &r.errors {
        if let Some(target) = model.shape(error) {
            if target.shape_type != ShapeType::Structure || !target.has_trait(traits::ERROR) {
                diagnostics.push(
                    locate(Diagnostic::error("InvalidOperation", format!("`{error}` is listed as an error but is not an @error structure")), &shape.id, shape)
                        .hint(format!("add \"smithy.api#error\": \"client\" (or \"server\") to `{error}`")),
                );
            }
        }
    }
}
