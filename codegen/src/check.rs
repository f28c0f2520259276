//! Checks of the traits the generator relies on, over every shape of the run's [`Scope`], before
//! anything is generated, so a malformed model yields every problem at once, each with its shape
//! id and a fix. The traits are parsed here, once, into the [`TraitIndex`] lowering reads.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Model, Shape, ShapeId, ShapeType};
use crate::pattern;
use crate::select::Scope;
use crate::traits::{self, EnumValue, TraitSet};

/// The parsed traits of every shape and member, by shape or member id.
#[derive(Debug, Default)]
pub struct TraitIndex {
    sets: HashMap<ShapeId, TraitSet>,
    empty: TraitSet,
    /// Shapes of the model outside the scope, whose traits were never parsed: asking for them
    /// is a bug of lowering (their traits would read as absent).
    #[cfg(debug_assertions)]
    unchecked: std::collections::HashSet<ShapeId>,
}

impl TraitIndex {
    /// The traits of a shape or member (empty for an id the model does not have).
    pub fn get(&self, id: &ShapeId) -> &TraitSet {
        #[cfg(debug_assertions)]
        debug_assert!(!self.unchecked.contains(&id.root()), "the traits of {id} were not parsed: it is outside the scope");
        self.sets.get(id).unwrap_or(&self.empty)
    }

    /// The traits of member `member` of `shape`.
    pub fn member(&self, shape: &ShapeId, member: &str) -> &TraitSet {
        self.get(&shape.with_member(member))
    }
}

/// Whether each distinct pattern of the model parses, checked once per pattern text. Only the
/// syntax: translating and compiling a pattern can cost milliseconds (big bounded repeats), so
/// lowering does that for the patterns of the shapes it generates.
type SyntaxCache = BTreeMap<String, Result<(), pattern::PatternError>>;

pub fn check_model(model: &Model, scope: &Scope) -> (TraitIndex, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut index = TraitIndex::default();
    let mut patterns = SyntaxCache::new();
    let in_scope: Vec<&Shape> = model.shapes.values().filter(|s| scope.contains(&s.id)).collect();
    #[cfg(debug_assertions)]
    {
        index.unchecked = model.shapes.keys().filter(|id| !scope.contains(id)).cloned().collect();
    }
    index.sets.reserve(in_scope.iter().map(|s| 1 + s.members.len()).sum());
    for &shape in &in_scope {
        let set = parse(&shape.id, shape, &shape.traits, &mut diagnostics);
        check_constraints(&shape.id, shape, shape.shape_type, &set, &mut diagnostics, &mut patterns);
        index.sets.insert(shape.id.clone(), set);
        for member in &shape.members {
            let id = shape.id.with_member(&member.name);
            let set = parse(&id, shape, &member.traits, &mut diagnostics);
            if let Some(target) = model.shape(&member.target) {
                check_constraints(&id, shape, target.shape_type, &set, &mut diagnostics, &mut patterns);
            }
            index.sets.insert(id, set);
        }
    }
    let in_scope_collections: Vec<&Shape> = in_scope.iter().copied().filter(|s| is_collection(s)).collect();
    for shape in in_scope {
        match shape.shape_type {
            ShapeType::Enum | ShapeType::IntEnum => check_enum(shape, &index, &mut diagnostics),
            ShapeType::Operation => check_operation(model, shape, &index, &mut diagnostics),
            _ => {}
        }
    }
    check_collections(&in_scope_collections, &mut diagnostics);
    (index, diagnostics)
}

/// How deep lists and maps may nest in one another with no structure between: each level is a
/// generic type inside the last (`Vec<Vec<..>>`), and the response parsers refuse documents
/// nested past 128 levels anyway. AWS models nest three deep at most.
pub const MAX_COLLECTION_NESTING: usize = 32;

fn is_collection(shape: &Shape) -> bool {
    matches!(shape.shape_type, ShapeType::List | ShapeType::Set | ShapeType::Map)
}

/// Smithy lets a shape recur only through a structure or union: a list or map that holds itself
/// through lists and maps alone has no finite value (and would make the lowering's type
/// recursion endless). Collections that do not recur may still nest only so deep. One linear
/// pass over the graph of collections, with a stack of its own.
fn check_collections(collections: &[&Shape], diagnostics: &mut Diagnostics) {
    let position: std::collections::HashMap<&ShapeId, usize> = collections.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let edges: Vec<Vec<usize>> = collections.iter().map(|s| s.members.iter().filter_map(|m| position.get(&m.target).copied()).collect()).collect();
    let component = crate::graph::strongly_connected(&edges);
    let mut size = vec![0usize; collections.len()];
    for &c in &component {
        size[c] += 1;
    }
    let recursive = |n: usize| size[component[n]] > 1 || edges[n].contains(&n);
    let mut cyclic = false;
    for (n, shape) in collections.iter().enumerate() {
        if recursive(n) {
            cyclic = true;
            diagnostics.push(locate(
                Diagnostic::error("RecursiveCollection", format!("`{}` contains itself through lists and maps only", shape.id))
                    .hint("Smithy allows recursion only through a structure or union; put one between the collections"),
                &shape.id,
                shape,
            ));
        }
    }
    if cyclic {
        return;
    }
    // Without cycles every component is one node, and its edges go to lower-numbered ones.
    let mut by_component: Vec<usize> = (0..collections.len()).collect();
    by_component.sort_by_key(|&n| component[n]);
    let mut depth = vec![0usize; collections.len()];
    for n in by_component {
        depth[n] = 1 + edges[n].iter().map(|&t| depth[t]).max().unwrap_or(0);
        if depth[n] == MAX_COLLECTION_NESTING + 1 {
            let shape = collections[n];
            diagnostics.push(locate(
                Diagnostic::error("CollectionNestingTooDeep", format!("`{}` nests lists and maps {} deep, past the {MAX_COLLECTION_NESTING} this generator allows", shape.id, depth[n]))
                    .hint("put a structure between the collections"),
                &shape.id,
                shape,
            ));
        }
    }
}

fn locate(d: Diagnostic, id: &ShapeId, shape: &Shape) -> Diagnostic {
    d.shape(id.as_str()).file(shape.source.clone())
}

fn parse(id: &ShapeId, owner: &Shape, traits_map: &crate::model::Traits, diagnostics: &mut Diagnostics) -> TraitSet {
    let (set, problems) = traits::parse(traits_map);
    for problem in problems {
        diagnostics.push(locate(problem, id, owner));
    }
    set
}

/// Checks one trait set; `value_type` is the type of the value the traits constrain (the target's
/// type for a member).
fn check_constraints(
    id: &ShapeId,
    owner: &Shape,
    value_type: ShapeType,
    set: &TraitSet,
    diagnostics: &mut Diagnostics,
    patterns: &mut SyntaxCache,
) {
    let mut report = |d: Diagnostic| diagnostics.push(locate(d, id, owner));
    let not_applicable = |trait_id: &str, applies: &str| {
        Diagnostic::error("TraitNotApplicable", format!("`{trait_id}` cannot constrain a {} value", value_type.name()))
            .hint(format!("`{trait_id}` applies to {applies}; remove it or move it to such a shape"))
    };
    use ShapeType as T;
    // Smithy 2.0 enums are strings: `@length` and `@pattern` apply to them.
    if set.length.is_some() && !matches!(value_type, T::String | T::Enum | T::Blob | T::List | T::Set | T::Map) {
        report(not_applicable(traits::LENGTH, "strings, enums, blobs, lists and maps"));
    }
    if set.range.is_some() && (!value_type.is_number() || value_type == T::IntEnum) {
        report(not_applicable(traits::RANGE, "numbers"));
    }
    if set.unique_items && !matches!(value_type, T::List | T::Set) {
        report(not_applicable(traits::UNIQUE_ITEMS, "lists"));
    }
    for (key, text) in [(traits::PATTERN, &set.pattern), (traits::KEY_PATTERN, &set.key_pattern)] {
        let Some(text) = text else { continue };
        let applies = if key == traits::PATTERN { matches!(value_type, T::String | T::Enum) } else { value_type == T::Map };
        if !applies {
            report(not_applicable(key, if key == traits::PATTERN { "strings and enums" } else { "maps" }));
        }
        let syntax = patterns.entry(text.clone()).or_insert_with(|| pattern::validate_syntax(text));
        if let Err(err) = syntax {
            report(
                Diagnostic::warning("PatternNotEcma262", format!("pattern `{text}` is not an ECMA-262 regular expression as written ({err}); it is not enforced on the client"))
                    .hint("Smithy patterns are ECMA-262 (JavaScript) regular expressions; the service still enforces its own rule"),
            );
        }
    }
}

fn check_enum(shape: &Shape, index: &TraitIndex, diagnostics: &mut Diagnostics) {
    let mut values = BTreeSet::new();
    for member in &shape.members {
        let id = shape.id.with_member(&member.name);
        let value = match (shape.shape_type, &index.get(&id).enum_value) {
            (ShapeType::Enum, None) => Some(member.name.clone()),
            (ShapeType::Enum, Some(EnumValue::String(s))) if !s.is_empty() => Some(s.clone()),
            (ShapeType::IntEnum, Some(EnumValue::Int(n))) => Some(n.to_string()),
            (ShapeType::IntEnum, None) => {
                diagnostics.push(
                    locate(Diagnostic::error("InvalidEnum", "intEnum members need an integer `@enumValue`"), &id, shape).hint("add \"smithy.api#enumValue\": 1"),
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

fn check_operation(model: &Model, shape: &Shape, index: &TraitIndex, diagnostics: &mut Diagnostics) {
    let r = &shape.relations;
    for (what, target) in [("input", &r.input), ("output", &r.output)] {
        if let Some(target) = target {
            if model.shape(target).is_some_and(|t| t.shape_type != ShapeType::Structure) {
                diagnostics.push(locate(Diagnostic::error("InvalidOperation", format!("the operation {what} `{target}` is not a structure")), &shape.id, shape));
            }
        }
    }
    for error in &r.errors {
        if let Some(target) = model.shape(error) {
            if target.shape_type != ShapeType::Structure || index.get(error).error.is_none() {
                diagnostics.push(
                    locate(Diagnostic::error("InvalidOperation", format!("`{error}` is listed as an error but is not an @error structure")), &shape.id, shape)
                        .hint(format!("add \"smithy.api#error\": \"client\" (or \"server\") to `{error}`")),
                );
            }
        }
    }
}
