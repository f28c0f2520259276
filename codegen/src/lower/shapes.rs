//! Structures, unions and enums: their fields and variants, Rust types, names and docs.

use std::collections::HashMap;

use super::Lowerer;
use crate::docs;
use crate::ir::{
    Docs, Enum, EnumVariant, ErrorInfo, Field, Ident, NamedKind, Structure, Type, TypeDef, TypeId, TypeName, Union, UnionVariant,
};
use crate::model::{Member, Model, Shape, ShapeId, ShapeType};
use crate::naming::{self, Scope};
use crate::traits::{EnumValue, TraitSet};

/// One constant of an enum shape, whichever way the model wrote it.
struct EnumConstant {
    member_name: String,
    value: String,
    internal: bool,
    deprecated: bool,
    documentation: Option<String>,
}

impl Lowerer<'_> {
    /// Lower the named type `type_id` of shape `id`.
    pub(super) fn lower_named(&mut self, id: &ShapeId, type_id: TypeId) -> TypeDef {
        let shape = &self.model.shapes[id];
        let name = self.type_names[type_id].clone();
        match shape.shape_type {
            ShapeType::Structure => TypeDef::Structure(self.structure(shape, name, false)),
            ShapeType::Union => TypeDef::Union(self.union(shape, name)),
            _ => TypeDef::Enum(self.enumeration(shape, name)),
        }
    }

    /// A member's docs; a simple target's docs stand in when the member has none (a named type's
    /// docs describe the type, and appear on it already).
    fn member_docs(&self, member: &TraitSet, target: &Shape) -> Option<String> {
        let own = member.documentation.as_deref();
        let inherited = || (!self.names.contains_key(&target.id)).then(|| self.traits.get(&target.id).documentation.as_deref()).flatten();
        own.or_else(inherited).map(docs::to_rustdoc)
    }

    pub(super) fn shape_docs(&self, id: &ShapeId) -> Docs {
        Docs { text: self.traits.get(id).documentation.as_deref().map(docs::to_rustdoc), notes: Vec::new() }
    }

    /// A structure (an operation input or output when `client_builder` says so).
    pub(super) fn structure(&mut self, shape: &Shape, name: TypeName, client_builder: bool) -> Structure {
        let mut scope = Scope::new("members", shape.id.as_str(), Some(shape.source.clone()));
        let mut fields = Vec::new();
        for member in &shape.members {
            if let Some(field) = self.field(shape, member, &mut scope) {
                fields.push(field);
            }
        }
        self.diagnostics.0.extend(scope.diagnostics);
        let traits = self.traits.get(&shape.id);
        let error = traits.error.map(|fault| ErrorInfo {
            fault,
            http_status: traits.http_error,
            code: shape.id.name().to_string(),
            message_field: message_member(self, shape).and_then(|m| fields.iter().position(|f| f.member == m)),
            retryable: traits.retryable,
            query_error: traits.query_error.clone(),
        });
        let mut docs = self.shape_docs(&shape.id);
        self.overlay_notes(&shape.id, &mut docs);
        let builder = naming::builder_name(&name.ident);
        Structure {
            shape_id: shape.id.to_string(),
            name,
            docs,
            fields,
            error,
            sensitive: traits.sensitive,
            deprecated: traits.deprecated.clone(),
            builder,
            decode: self.read.contains(&shape.id),
            client_builder,
            xml_name: traits.xml_name.clone(),
            xml_namespace: traits.xml_namespace.as_ref().map(|ns| (ns.uri.clone(), ns.prefix.clone())),
        }
    }

    fn field(&mut self, shape: &Shape, member: &Member, scope: &mut Scope<'_>) -> Option<Field> {
        let target = self.model.shape(&member.target)?;
        let member_id = shape.id.with_member(&member.name);
        let traits = self.traits.get(&member_id);
        let field_name = naming::field_name(&member.name);
        let set = naming::set_method(&field_name.ident);
        scope.claim(&field_name.ident.name, &member.name);
        // Builders also get `set_x`; it must not collide with another member's `x`.
        scope.claim(&set.name, &member.name);
        let ty = self.value_type(&shape.id, target);
        let mut docs = Docs { text: self.member_docs(traits, target), notes: Vec::new() };
        if let Some(note) = field_name.rename_note {
            docs.notes.push(note);
        }
        let schema = self.member_schema(&member_id, &member.name, &field_name.ident.name, traits, target, &ty, &mut docs);
        // `docs.text` is rustdoc Markdown already.
        let summary = docs.text.as_deref().map(docs::markdown_summary).filter(|s| !s.is_empty());
        Some(Field {
            member: member.name.clone(),
            ident: field_name.ident,
            set,
            docs,
            summary,
            ty,
            deprecated: traits.deprecated.clone(),
            schema,
        })
    }

    fn union(&mut self, shape: &Shape, name: TypeName) -> Union {
        let member_names: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
        let idents = naming::variant_names(&member_names, naming::UNKNOWN_VARIANT);
        let mut scope = Scope::new("union members", shape.id.as_str(), Some(shape.source.clone()));
        let is_unknown = Ident::plain(format!("is_{}", naming::to_snake(naming::UNKNOWN_VARIANT)));
        scope.claim(&is_unknown.name, "(the unknown member)");
        let mut variants = Vec::new();
        for (member, ident) in shape.members.iter().zip(idents) {
            scope.claim(&ident, &member.name);
            let Some(target) = self.model.shape(&member.target) else { continue };
            let member_id = shape.id.with_member(&member.name);
            let traits = self.traits.get(&member_id);
            let unit = member.target.as_str() == crate::model::prelude_unit();
            let ty = (!unit).then(|| self.value_type(&shape.id, target));
            let snake = naming::to_snake(&ident);
            let is_fn = Ident::plain(format!("is_{snake}"));
            let as_fn = ty.is_some().then(|| Ident::plain(format!("as_{snake}")));
            scope.claim(&is_fn.name, &member.name);
            if let Some(as_fn) = &as_fn {
                scope.claim(&as_fn.name, &member.name);
            }
            let mut docs = Docs { text: self.member_docs(traits, target), notes: Vec::new() };
            let schema_ty = ty.clone().unwrap_or(Type::Document);
            // A union member's schema names its variant: what `Debug` prints.
            let schema = self.member_schema(&member_id, &member.name, &ident, traits, target, &schema_ty, &mut docs);
            variants.push(UnionVariant { member: member.name.clone(), ident, as_fn, is_fn, docs, ty, deprecated: traits.deprecated.clone(), schema });
        }
        self.diagnostics.0.extend(scope.diagnostics);
        Union {
            shape_id: shape.id.to_string(),
            name,
            docs: self.shape_docs(&shape.id),
            variants,
            unknown_variant: naming::UNKNOWN_VARIANT.to_string(),
            is_unknown,
            sensitive: self.traits.get(&shape.id).sensitive,
            decode: self.read.contains(&shape.id),
        }
    }

    fn enum_constants(&self, shape: &Shape) -> Vec<EnumConstant> {
        if let Some(legacy) = &self.traits.get(&shape.id).legacy_enum {
            return legacy
                .iter()
                .map(|entry| EnumConstant {
                    member_name: entry.name.clone().unwrap_or_else(|| entry.value.clone()),
                    value: entry.value.clone(),
                    internal: entry.internal,
                    deprecated: entry.deprecated,
                    documentation: entry.documentation.clone(),
                })
                .collect();
        }
        shape
            .members
            .iter()
            .map(|m| {
                let traits = self.traits.member(&shape.id, &m.name);
                let value = match &traits.enum_value {
                    Some(EnumValue::String(s)) => s.clone(),
                    Some(EnumValue::Int(n)) => n.to_string(),
                    None => m.name.clone(),
                };
                EnumConstant {
                    member_name: m.name.clone(),
                    value,
                    // Smithy 2 enums mark internal values with `@internal` (a tag named "internal"
                    // is just a tag); the 1.0 `@enum` trait used tags, handled above.
                    internal: traits.internal,
                    deprecated: traits.deprecated.is_some(),
                    documentation: traits.documentation.clone(),
                }
            })
            .collect()
    }

    fn enumeration(&mut self, shape: &Shape, name: TypeName) -> Enum {
        let constants = self.enum_constants(shape);
        let member_names: Vec<&str> = constants.iter().map(|c| c.member_name.as_str()).collect();
        let idents = naming::variant_names(&member_names, naming::UNKNOWN_VARIANT);
        let mut scope = Scope::new("enum values", shape.id.as_str(), Some(shape.source.clone()));
        let mut variants = Vec::new();
        for (constant, ident) in constants.into_iter().zip(idents) {
            scope.claim(&ident, &constant.member_name);
            variants.push(EnumVariant {
                ident,
                value: constant.value,
                docs: Docs { text: constant.documentation.as_deref().map(docs::to_rustdoc), notes: Vec::new() },
                internal: constant.internal,
                deprecated: constant.deprecated,
            });
        }
        self.diagnostics.0.extend(scope.diagnostics);
        let allowed: Vec<&str> = variants.iter().filter(|v| !v.internal).map(|v| v.value.as_str()).collect();
        let allowed = format!("[{}]", allowed.join(", "));
        Enum {
            shape_id: shape.id.to_string(),
            name,
            docs: self.shape_docs(&shape.id),
            variants,
            unknown_variant: naming::UNKNOWN_VARIANT.to_string(),
            int_enum: shape.shape_type == ShapeType::IntEnum,
            sensitive: self.traits.get(&shape.id).sensitive,
            allowed,
        }
    }

    /// The Rust type of a value of shape `target`, reached from aggregate `owner`.
    pub(super) fn value_type(&mut self, owner: &ShapeId, target: &Shape) -> Type {
        match target.shape_type {
            ShapeType::Blob => Type::Blob,
            ShapeType::Boolean => Type::Bool,
            ShapeType::Byte => Type::I8,
            ShapeType::Short => Type::I16,
            ShapeType::Integer => Type::I32,
            ShapeType::Long => Type::I64,
            ShapeType::Float => Type::F32,
            ShapeType::Double => Type::F64,
            ShapeType::BigInteger => Type::BigInteger,
            ShapeType::BigDecimal => Type::BigDecimal,
            ShapeType::Timestamp => Type::Timestamp,
            ShapeType::Document => Type::Document,
            ShapeType::String if self.traits.get(&target.id).legacy_enum.is_none() => Type::String,
            ShapeType::List | ShapeType::Set => {
                let sparse = self.traits.get(&target.id).sparse;
                let item = target.members.first().and_then(|m| self.model.shape(&m.target));
                // Collections give indirection, so items never need a Box.
                let item = match item {
                    Some(item) => self.value_type(&target.id, item),
                    None => Type::Document,
                };
                Type::List { item: Box::new(item), sparse }
            }
            ShapeType::Map => {
                let sparse = self.traits.get(&target.id).sparse;
                let key = target.member("key").and_then(|m| self.model.shape(&m.target));
                let value = target.member("value").and_then(|m| self.model.shape(&m.target));
                let (key, value) = match (key, value) {
                    (Some(key), Some(value)) => (self.value_type(&target.id, key), self.value_type(&target.id, value)),
                    _ => (Type::String, Type::Document),
                };
                Type::Map { key: Box::new(key), value: Box::new(value), sparse }
            }
            _ => {
                let id = self.names.get(&target.id).copied().unwrap_or_default();
                let kind = match target.shape_type {
                    ShapeType::Structure => NamedKind::Structure,
                    ShapeType::Union => NamedKind::Union,
                    ShapeType::IntEnum => NamedKind::IntEnum,
                    _ => NamedKind::Enum,
                };
                let direct = matches!(self.model.shapes.get(owner).map(|s| s.shape_type), Some(ShapeType::Structure | ShapeType::Union));
                let boxed = direct && matches!(kind, NamedKind::Structure | NamedKind::Union) && self.reaches_directly(&target.id, owner);
                Type::Named { id, kind, boxed }
            }
        }
    }

    /// Whether `from` reaches `to` through structure/union members alone (no list or map between),
    /// which is what makes a Rust type infinitely sized without a Box. `from` is a direct member
    /// of `to`, so that holds exactly when the two share a strongly connected component.
    fn reaches_directly(&mut self, from: &ShapeId, to: &ShapeId) -> bool {
        let components = self.direct_components.get_or_insert_with(|| direct_components(self.model));
        matches!((components.get(from), components.get(to)), (Some(a), Some(b)) if a == b)
    }
}

fn is_aggregate(shape: &Shape) -> bool {
    matches!(shape.shape_type, ShapeType::Structure | ShapeType::Union)
}

/// The strongly connected component of every structure and union, over the edges of their
/// members that target structures and unions (linear, where a reach set per structure was
/// quadratic on long chains).
fn direct_components(model: &Model) -> HashMap<ShapeId, usize> {
    let ids: Vec<&ShapeId> = model.shapes.values().filter(|s| is_aggregate(s)).map(|s| &s.id).collect();
    let position: HashMap<&ShapeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = ids.iter().map(|id| model.shapes[*id].members.iter().filter_map(|m| position.get(&m.target).copied()).collect()).collect();
    ids.into_iter().cloned().zip(crate::graph::strongly_connected(&edges)).collect()
}

/// The member an error's message lives in: the one named `message` in any case, if it is a string.
pub(super) fn message_member<'m>(lowerer: &Lowerer<'_>, shape: &'m Shape) -> Option<&'m str> {
    shape
        .members
        .iter()
        .find(|m| {
            m.name.eq_ignore_ascii_case("message")
                && lowerer
                    .model
                    .shape(&m.target)
                    .is_some_and(|t| t.shape_type == ShapeType::String && lowerer.traits.get(&t.id).legacy_enum.is_none())
        })
        .map(|m| m.name.as_str())
}
