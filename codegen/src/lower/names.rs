//! Names of the crate's types: which shapes become named types, their identifiers, modules,
//! paths and schema statics, decided before any type is lowered so types can refer to each other.

use std::collections::BTreeSet;

use super::Lowerer;
use crate::ir::{Location, Path, TypeId, TypeName};
use crate::model::{Shape, ShapeId, ShapeType};
use crate::naming::{self, Scope};

impl Lowerer<'_> {
    fn is_named_type(&self, shape: &Shape) -> bool {
        match shape.shape_type {
            ShapeType::Structure => !self.traits.get(&shape.id).mixin && shape.id.as_str() != crate::model::prelude_unit(),
            ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => true,
            ShapeType::String => self.traits.get(&shape.id).legacy_enum.is_some(),
            _ => false,
        }
    }

    /// A type name at `location`; the caller has claimed the identifier in its scope.
    pub(super) fn type_name(ident: String, location: Location) -> TypeName {
        let module = naming::type_module(&ident);
        let mut base = vec!["crate".to_string()];
        match &location {
            Location::Types => base.push("types".into()),
            Location::Errors => base.extend(["types".to_string(), "error".to_string()]),
            Location::Operation(op) => base.extend(["operation".to_string(), op.clone()]),
        }
        let path = Path(base.clone()).join(&ident);
        let schema = Path(base).join(&module).join(naming::SCHEMA_STATIC);
        TypeName { ident, module, location, path, schema }
    }

    /// Hand out a type id for a type lowered later.
    pub(super) fn reserve_type(&mut self, name: TypeName) -> TypeId {
        self.types.push(None);
        self.type_names.push(name);
        self.types.len() - 1
    }

    /// Ids and names for every shape a member targets that becomes a named type (operation inputs
    /// and outputs are named by their operation instead, unless a member targets them too).
    pub(super) fn assign_type_names(&mut self, operations: &[ShapeId], reached: &BTreeSet<ShapeId>) {
        let io: BTreeSet<ShapeId> = operations
            .iter()
            .flat_map(|op| {
                let r = &self.model.shapes[op].relations;
                r.input.iter().chain(&r.output).cloned().collect::<Vec<_>>()
            })
            .collect();
        let member_targets: BTreeSet<ShapeId> = reached.iter().flat_map(|id| self.model.shapes[id].members.iter().map(|m| m.target.clone())).collect();
        let mut types_scope = Scope::new("shapes", "crate::types", None);
        let mut errors_scope = Scope::new("error shapes", "crate::types::error", None);
        let mut chosen = Vec::new();
        for id in reached {
            let shape = &self.model.shapes[id];
            let wanted = !io.contains(id) || member_targets.contains(id);
            if !self.is_named_type(shape) || !wanted {
                continue;
            }
            let ident = naming::type_name(self.renamed(id));
            let is_error = shape.shape_type == ShapeType::Structure && self.traits.get(id).error.is_some();
            let scope = if is_error { &mut errors_scope } else { &mut types_scope };
            scope.claim(&ident, id.as_str());
            scope.claim(&naming::type_module(&ident), id.as_str());
            let location = if is_error { Location::Errors } else { Location::Types };
            chosen.push((id.clone(), Self::type_name(ident, location)));
        }
        // Sorted by module so the crate's files and type ids are in a stable, readable order.
        chosen.sort_by(|a, b| (&a.1.location, &a.1.module).cmp(&(&b.1.location, &b.1.module)));
        for (id, name) in chosen {
            let type_id = self.reserve_type(name);
            self.names.insert(id, type_id);
        }
        let mut ops_scope = Scope::new("operations", "crate::operation", None);
        for op in operations {
            ops_scope.claim(&naming::operation_module(op.name()), op.as_str());
        }
        for scope in [types_scope, errors_scope, ops_scope] {
            self.diagnostics.0.extend(scope.diagnostics);
        }
    }
}
