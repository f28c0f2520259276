//! The schema of every value position: its target's schema, wire details, the constraints it
//! carries (the member's constraint traits over its target's, minus suppressed ones), whether
//! validation must visit it, its `@default`, and the documentation notes that describe all this.

use std::collections::{BTreeSet, HashMap};

use super::Lowerer;
use crate::diagnostics::Diagnostic;
use crate::docs;
use crate::ir::{Binding, Bound, Collection, ConstraintSet, Docs, MemberSchema, Pattern, SchemaRef, Type};
use crate::model::{Shape, ShapeId, ShapeType};
use crate::naming;
use crate::pattern::PatternWarning;
use crate::traits::{self, Length, Range, TraitSet};

/// The constraint traits of one position, merged.
#[derive(Default)]
struct Effective {
    length: Option<Length>,
    range: Option<Range>,
    pattern: Option<String>,
    unique_items: bool,
    key_pattern: Option<String>,
    max_total_utf8_bytes: Option<u64>,
}

impl Effective {
    /// The target's constraint traits, each replaced by the member's own where it has one.
    fn of(member: &TraitSet, target: &TraitSet) -> Effective {
        Effective {
            length: member.length.or(target.length),
            range: member.range.clone().or_else(|| target.range.clone()),
            pattern: member.pattern.clone().or_else(|| target.pattern.clone()),
            unique_items: member.unique_items || target.unique_items,
            key_pattern: member.key_pattern.clone().or_else(|| target.key_pattern.clone()),
            max_total_utf8_bytes: member.max_total_utf8_bytes.or(target.max_total_utf8_bytes),
        }
    }

    fn present(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self.length.is_some() {
            keys.push(traits::LENGTH);
        }
        if self.range.is_some() {
            keys.push(traits::RANGE);
        }
        if self.pattern.is_some() {
            keys.push(traits::PATTERN);
        }
        if self.unique_items {
            keys.push(traits::UNIQUE_ITEMS);
        }
        if self.key_pattern.is_some() {
            keys.push(traits::KEY_PATTERN);
        }
        if self.max_total_utf8_bytes.is_some() {
            keys.push(traits::MAX_TOTAL_UTF8_BYTES);
        }
        keys
    }
}

/// A Markdown code span that survives backticks in its content.
pub fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

impl Lowerer<'_> {
    /// Every reached shape that validation has something to check in: enums, unions, structures
    /// with a required member or a constrained position, and what contains those (a fixpoint over
    /// the member graph, so recursive shapes are right).
    pub(super) fn compute_needs_validation(&mut self, reached: &BTreeSet<ShapeId>) {
        let mut needs: BTreeSet<ShapeId> = BTreeSet::new();
        for id in reached {
            let shape = &self.model.shapes[id];
            let direct = match shape.shape_type {
                ShapeType::Enum | ShapeType::IntEnum | ShapeType::Union => true,
                ShapeType::String => self.traits.get(id).legacy_enum.is_some(),
                ShapeType::Structure | ShapeType::List | ShapeType::Set | ShapeType::Map => shape.members.iter().any(|m| {
                    let member = self.traits.member(id, &m.name);
                    let target = self.traits.get(&m.target);
                    member.required || member.has_constraints() || target.has_constraints()
                }),
                _ => false,
            };
            if direct {
                needs.insert(id.clone());
            }
        }
        loop {
            let before = needs.len();
            for id in reached {
                if needs.contains(id) {
                    continue;
                }
                let shape = &self.model.shapes[id];
                if matches!(shape.shape_type, ShapeType::Structure | ShapeType::List | ShapeType::Set | ShapeType::Map)
                    && shape.members.iter().any(|m| needs.contains(&m.target))
                {
                    needs.insert(id.clone());
                }
            }
            if needs.len() == before {
                break;
            }
        }
        self.needs_validation = reached.iter().map(|id| (id.clone(), needs.contains(id))).collect();
    }

    fn suppressed(&self, position: &ShapeId, target: &ShapeId, constraint: &str) -> Option<String> {
        self.settings()
            .suppressions
            .iter()
            .find(|s| s.constraint == constraint && (s.shape == position.as_str() || s.shape == target.as_str()))
            .map(|s| s.reason.clone())
    }

    /// The schema of a value position: `position` is the member's id, `name` its model name and
    /// `field` its Rust name; notes about its constraints go into `docs`.
    #[allow(clippy::too_many_arguments, reason = "one position is described by all of these")]
    pub(super) fn member_schema(
        &mut self,
        position: &ShapeId,
        name: &str,
        field: &str,
        traits: &TraitSet,
        target: &Shape,
        ty: &Type,
        docs: &mut Docs,
    ) -> MemberSchema {
        let target_traits = self.traits.get(&target.id);
        let constraints = self.constraints_at(position, traits, target);
        let checks = constraints.is_some() || self.needs_validation.get(&target.id).copied().unwrap_or(false);
        let default = match &traits.default {
            Some(node) if !node.is_null() => {
                if super::values::default_fits(ty, node) {
                    Some(node.clone())
                } else {
                    self.push(
                        Diagnostic::warning("DefaultNotApplied", format!("`@default` {} does not fit the member's type; it is not applied", node.to_json()))
                            .shape(position.as_str())
                            .file(self.source(position)),
                    );
                    None
                }
            }
            _ => None,
        };
        self.constraint_notes(position, traits, target, docs);
        // Only the REST protocols read the HTTP binding traits; the RPC ones send every member
        // in the body, and only restJson1 renames members with `@jsonName`.
        let http = self.protocol.is_none_or(crate::ir::Protocol::http_bindings);
        let json_name = self.protocol.is_none_or(crate::ir::Protocol::json_name);
        let binding = if !http {
            Binding::Body
        } else if traits.http_label {
            Binding::Label
        } else if let Some(name) = &traits.http_query {
            Binding::Query(name.clone())
        } else if traits.http_query_params {
            Binding::QueryParams
        } else if let Some(name) = &traits.http_header {
            Binding::Header(name.clone())
        } else if let Some(prefix) = &traits.http_prefix_headers {
            Binding::PrefixHeaders(prefix.clone())
        } else if traits.http_payload {
            Binding::Payload
        } else if traits.http_response_code {
            Binding::ResponseCode
        } else {
            Binding::Body
        };
        MemberSchema {
            name: name.to_string(),
            field: field.to_string(),
            target: self.schema_ref(target),
            required: traits.required,
            sensitive: traits.sensitive || self.contains_sensitive(target, &mut BTreeSet::new()),
            checks,
            constraints,
            binding,
            json_name: traits.json_name.clone().filter(|_| json_name),
            timestamp_format: traits.timestamp_format.or(target_traits.timestamp_format),
            media_type: target_traits.media_type.clone(),
            idempotency_token: traits.idempotency_token,
            streaming: target_traits.streaming,
            default,
            client_optional: traits.client_optional,
            xml_name: traits.xml_name.clone(),
            xml_attribute: traits.xml_attribute,
            xml_flattened: traits.xml_flattened,
            xml_namespace: traits.xml_namespace.as_ref().map(|ns| (ns.uri.clone(), ns.prefix.clone())),
            ec2_query_name: traits.ec2_query_name.clone(),
            host_label: traits.host_label,
            unset_value: None,
        }
    }

    /// A value is redacted when its shape, or any list item / map entry shape inside it, is sensitive.
    fn contains_sensitive(&self, shape: &Shape, seen: &mut BTreeSet<ShapeId>) -> bool {
        if self.traits.get(&shape.id).sensitive {
            return true;
        }
        if !matches!(shape.shape_type, ShapeType::List | ShapeType::Set | ShapeType::Map) || !seen.insert(shape.id.clone()) {
            return false;
        }
        shape.members.iter().any(|m| {
            self.traits.member(&shape.id, &m.name).sensitive || self.model.shape(&m.target).is_some_and(|t| self.contains_sensitive(t, seen))
        })
    }

    /// The schema a member targets.
    fn schema_ref(&mut self, target: &Shape) -> SchemaRef {
        let prelude = |name| SchemaRef::Prelude(name);
        match target.shape_type {
            ShapeType::Blob => prelude("BLOB"),
            ShapeType::Boolean => prelude("BOOLEAN"),
            ShapeType::Byte => prelude("BYTE"),
            ShapeType::Short => prelude("SHORT"),
            ShapeType::Integer => prelude("INTEGER"),
            ShapeType::Long => prelude("LONG"),
            ShapeType::Float => prelude("FLOAT"),
            ShapeType::Double => prelude("DOUBLE"),
            ShapeType::BigInteger => prelude("BIG_INTEGER"),
            ShapeType::BigDecimal => prelude("BIG_DECIMAL"),
            ShapeType::Timestamp => prelude("TIMESTAMP"),
            ShapeType::Document => prelude("DOCUMENT"),
            ShapeType::List | ShapeType::Set | ShapeType::Map => SchemaRef::Collection(self.collection(target)),
            _ => match self.names.get(&target.id) {
                Some(id) => SchemaRef::Type(*id),
                None => prelude("STRING"),
            },
        }
    }

    /// The schema static of a list or map shape, made on first use.
    fn collection(&mut self, shape: &Shape) -> usize {
        if let Some(index) = self.collection_ids.get(&shape.id) {
            return *index;
        }
        let index = self.collections.len();
        self.collection_ids.insert(shape.id.clone(), index);
        let ident = self.static_name(shape.id.name());
        let map = shape.shape_type == ShapeType::Map;
        self.collections.push(Collection { ident, shape_id: shape.id.to_string(), members: Vec::new(), map });
        let names: &[&str] = if map { &["key", "value"] } else { &["member"] };
        let mut members = Vec::new();
        for name in names {
            let Some(member) = shape.member(name) else { continue };
            let Some(target) = self.model.shape(&member.target) else { continue };
            let position = shape.id.with_member(name);
            let traits = self.traits.get(&position);
            let ty = self.value_type(&shape.id, target);
            // Notes about item constraints are on the member that holds the collection.
            let mut unused = Docs::default();
            let mut schema = self.member_schema(&position, name, name, traits, target, &ty, &mut unused);
            schema.binding = Binding::Body;
            members.push(schema);
        }
        self.collections[index].members = members;
        index
    }

    /// A fresh static name in `crate::schemas`, from a shape (or member) name.
    fn static_name(&mut self, owner: &str) -> String {
        let base = naming::pattern_static(owner);
        let mut name = base.clone();
        let mut n = 2;
        while !self.statics.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }

    /// The constraint set of a position, shared with every identical one; `None` when nothing is
    /// checked there.
    fn constraints_at(&mut self, position: &ShapeId, traits: &TraitSet, target: &Shape) -> Option<usize> {
        let effective = Effective::of(traits, self.traits.get(&target.id));
        let keep = |this: &Self, key: &str| this.suppressed(position, &target.id, key).is_none();
        let mut set = ConstraintSet {
            ident: String::new(),
            length: None,
            range: None,
            pattern: None,
            unique_items: false,
            key_pattern: None,
            max_total_utf8_bytes: None,
        };
        if let Some(length) = effective.length.filter(|_| keep(self, traits::LENGTH)) {
            set.length = Some((length.min, length.max));
        }
        if let Some(range) = effective.range.as_ref().filter(|_| keep(self, traits::RANGE)) {
            let bound = |text: &Option<String>| text.as_deref().map(|t| bound(t, target.shape_type));
            set.range = Some((bound(&range.min), bound(&range.max)));
        }
        if let Some(text) = effective.pattern.as_deref().filter(|_| keep(self, traits::PATTERN)) {
            set.pattern = self.pattern(position, &target.id, text);
        }
        if let Some(text) = effective.key_pattern.as_deref().filter(|_| keep(self, traits::KEY_PATTERN)) {
            set.key_pattern = self.pattern(position, &target.id, text);
        }
        set.unique_items = effective.unique_items && keep(self, traits::UNIQUE_ITEMS);
        if let Some(max) = effective.max_total_utf8_bytes.filter(|_| keep(self, traits::MAX_TOTAL_UTF8_BYTES)) {
            set.max_total_utf8_bytes = Some(max);
        }
        let empty = set.length.is_none()
            && set.range.is_none()
            && set.pattern.is_none()
            && !set.unique_items
            && set.key_pattern.is_none()
            && set.max_total_utf8_bytes.is_none();
        if empty {
            return None;
        }
        if let Some(index) = self.constraint_ids.get(&set) {
            return Some(*index);
        }
        let key = set.clone();
        // Named for the shape that carries the constraints, or for the member when it has its own.
        let owner = if traits.has_constraints() { format!("{}_{}", position.name(), position.member_name().unwrap_or_default()) } else { target.id.name().to_string() };
        set.ident = self.static_name(&owner);
        let index = self.constraints.len();
        self.constraints.push(set);
        self.constraint_ids.insert(key, index);
        Some(index)
    }

    /// Register a pattern and report what the analysis found about it.
    fn pattern(&mut self, position: &ShapeId, target: &ShapeId, text: &str) -> Option<usize> {
        if let Some(index) = self.pattern_ids.get(text) {
            return Some(*index);
        }
        let analysis = match self.analyses.entry(text.to_string()).or_insert_with(|| (self.request.analyze)(text)) {
            Ok(analysis) => analysis.clone(),
            // Patterns that are not ECMA-262 were reported by the model check.
            Err(_) => return None,
        };
        let file = self.source(position);
        let regex = match analysis.translated {
            Ok(regex) => regex,
            Err(unsupported) => {
                self.push(
                    Diagnostic::warning("PatternNotEnforced", format!("pattern `{text}` is not enforced on the client: {unsupported}"))
                        .shape(position.as_str())
                        .file(file)
                        .hint("the service still enforces it; a linear-time engine cannot express this pattern"),
                );
                return None;
            }
        };
        for warning in &analysis.warnings {
            let code = match warning {
                PatternWarning::DoubleEscaped { .. } => "PatternDoubleEscaped",
                PatternWarning::Unmatchable { .. } => "PatternUnmatchable",
            };
            self.push(
                Diagnostic::warning(code, format!("pattern `{text}` {warning}")).shape(target.as_str()).file(file.clone()).hint(format!(
                    "this is a model bug; to stop enforcing it, add to the codegen config: {{\"shape\": \"{target}\", \"constraint\": \"{}\", \"reason\": \"...\"}}",
                    traits::PATTERN
                )),
            );
        }
        let ident = self.static_name(target.name());
        let index = self.patterns.len();
        self.patterns.push(Pattern {
            ident,
            source: text.to_string(),
            regex,
            requirements: analysis.requirements.clone(),
            exclusions: analysis.exclusions.clone(),
        });
        self.pattern_ids.insert(text.to_string(), index);
        Some(index)
    }

    pub(super) fn overlay_notes(&self, id: &ShapeId, docs: &mut Docs) {
        if let Some(notes) = self.request.overlay_notes.get(id) {
            for note in notes {
                docs.notes.push(format!(
                    "Constraint `{}` added by this crate's overlay (documented but not in the model): {}",
                    note.trait_id.rsplit('#').next().unwrap_or(&note.trait_id),
                    docs::to_rustdoc(&note.source)
                ));
            }
        }
    }

    /// Plain words for the constraints of a value, including those on list items and map entries.
    fn describe(&self, traits: &TraitSet, target: &Shape, depth: usize) -> Vec<String> {
        let effective = Effective::of(traits, self.traits.get(&target.id));
        let mut parts = Vec::new();
        if let Some(length) = effective.length {
            parts.push(match (length.min, length.max) {
                (Some(min), Some(max)) => format!("length {min}..={max}"),
                (Some(min), None) => format!("length at least {min}"),
                (None, Some(max)) => format!("length at most {max}"),
                (None, None) => String::new(),
            });
        }
        if let Some(range) = &effective.range {
            parts.push(match (&range.min, &range.max) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => String::new(),
            });
        }
        if let Some(pattern) = &effective.pattern {
            parts.push(format!("matches {}", code_span(pattern)));
        }
        if let Some(pattern) = &effective.key_pattern {
            parts.push(format!("keys match {}", code_span(pattern)));
        }
        if let Some(max) = effective.max_total_utf8_bytes {
            parts.push(format!("at most {max} UTF-8 bytes across all keys and values"));
        }
        if effective.unique_items {
            parts.push("unique items".to_string());
        }
        // Nested positions, one level deep is what a reader can take in at a glance.
        if depth == 0 {
            let nested = |name: &str, label: &str| -> Option<String> {
                let member = target.member(name)?;
                let item = self.model.shape(&member.target)?;
                let inner = self.describe(self.traits.member(&target.id, name), item, depth + 1);
                (!inner.is_empty()).then(|| format!("{label}: {}", inner.join(", ")))
            };
            match target.shape_type {
                ShapeType::List | ShapeType::Set => parts.extend(nested("member", "each item")),
                ShapeType::Map => {
                    parts.extend(nested("key", "each key"));
                    parts.extend(nested("value", "each value"));
                }
                _ => {}
            }
        }
        parts.retain(|p| !p.is_empty());
        parts
    }

    /// The "Constraints:" note on a member: what the builder checks, plus suppressed rules and overlay sources.
    fn constraint_notes(&self, position: &ShapeId, traits: &TraitSet, target: &Shape, docs: &mut Docs) {
        let effective = Effective::of(traits, self.traits.get(&target.id));
        let mut parts = Vec::new();
        if traits.required {
            parts.push("required".to_string());
        }
        parts.extend(self.describe(traits, target, 0));
        if let Some(default) = &traits.default {
            parts.push(format!("the service assumes {} when unset", code_span(&default.to_json())));
        }
        parts.retain(|p| !p.is_empty());
        if !parts.is_empty() {
            docs.notes.push(format!("Constraints: {}.", parts.join("; ")));
        }
        for key in effective.present() {
            if let Some(reason) = self.suppressed(position, &target.id, key) {
                docs.notes.push(format!(
                    "**Not checked by this crate:** the model's `{}` constraint is suppressed in the codegen config: {}",
                    key.rsplit('#').next().unwrap_or(key),
                    docs::to_rustdoc(&reason)
                ));
            }
        }
        self.overlay_notes(position, docs);
        self.overlay_notes(&target.id, docs);
    }
}

/// A `@range` bound, as the value kind compares it.
fn bound(text: &str, kind: ShapeType) -> Bound {
    match kind {
        ShapeType::BigInteger | ShapeType::BigDecimal => Bound::Decimal(text.to_string()),
        _ => match text.parse::<i64>() {
            Ok(value) => Bound::Int(text.to_string(), value),
            Err(_) => {
                // `traits::range` refused bounds whose text does not parse as a float, so NaN
                // (which no value can violate) is never reached.
                let double: f64 = text.parse().unwrap_or(f64::NAN);
                let single: f32 = text.parse().unwrap_or(f32::NAN);
                Bound::Float(text.to_string(), double.to_bits(), single.to_bits())
            }
        },
    }
}

/// Pattern analyses by source text, made on first use: only the patterns of generated shapes.
pub(super) type Analyses = HashMap<String, Result<crate::pattern::Analysis, crate::pattern::PatternError>>;
