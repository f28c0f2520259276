//! `smithy.rules#operationContextParams` paths: the JMESPath subset the rules engine allows
//! (identifiers, sub-expressions, `[*]` and `*` projections, multi-select lists, the flatten
//! operator `[]` and `keys(...)`), parsed by the shared [`jmespath`] parser and typed against the
//! operation input's shapes into the flat steps the runtime walks, so no JMESPath is interpreted
//! at run time.

use crate::ir::endpoints::{ParamType, PathStep};
use crate::ir::{NamedKind, Type, TypeDef, TypeId};
use crate::lower::jmespath::{self, Ast, Projection};

/// What the rules engine's subset lacks, named in refusals.
const SUBSET: &str = "not part of the subset `operationContextParams` allows (identifiers, `.`, `[*]`, `*`, `[a, b]`, `[]` and `keys(...)`)";

/// `path` compiled from the input structure `input`, giving a value of `want`; `Err` says why
/// it cannot be.
pub(super) fn compile(path: &str, input: TypeId, types: &[Option<TypeDef>], want: ParamType) -> Result<Vec<PathStep>, String> {
    let ast = jmespath::parse(path)?;
    let input_ty = Type::Named { id: input, kind: NamedKind::Structure, boxed: false };
    let typer = Typer { types };
    let (mut steps, typed) = typer.compile(&ast, Typed::One(&input_ty))?;
    match (want, typed) {
        (ParamType::String, Typed::One(ty)) if is_string(ty) => {}
        (ParamType::Boolean, Typed::One(Type::Bool)) => {}
        (ParamType::StringArray, Typed::Many(ty)) if is_string(ty) => {}
        (ParamType::StringArray, Typed::One(Type::List { item, .. })) if is_string(item) => steps.push(PathStep::Items),
        (want, typed) => {
            let want = match want {
                ParamType::String => "a string",
                ParamType::Boolean => "a boolean",
                ParamType::StringArray => "a list of strings",
            };
            return Err(format!("it gives {}, and the parameter takes {want}", typed.describe(types)));
        }
    }
    Ok(steps)
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Named { kind: NamedKind::Enum, .. })
}

/// What a compiled part of a path gives.
#[derive(Debug, Clone, Copy)]
enum Typed<'a> {
    /// One value of this type.
    One(&'a Type),
    /// A flat list of values of this type (a projection, a multi-select list or `keys`).
    Many(&'a Type),
    /// A projection of multi-select lists: a list of lists of this type (flattening gives `Many`).
    Nested(&'a Type),
}

impl Typed<'_> {
    fn describe(&self, types: &[Option<TypeDef>]) -> String {
        match self {
            Typed::One(ty) => describe(ty, types),
            Typed::Many(ty) => format!("a list of {}", plural(ty, types)),
            Typed::Nested(ty) => format!("a list of lists of {} (flatten it with `[]`)", plural(ty, types)),
        }
    }
}

fn describe(ty: &Type, types: &[Option<TypeDef>]) -> String {
    match ty {
        Type::String => "a string".into(),
        Type::Bool => "a boolean".into(),
        Type::List { item, .. } => format!("a list of {}", plural(item, types)),
        Type::Map { value, .. } => format!("a map of {}", plural(value, types)),
        Type::Named { id, .. } => match types.get(*id).and_then(Option::as_ref) {
            Some(def) => format!("`{}`", def.shape_id()),
            None => "a value".into(),
        },
        Type::Document => "a document".into(),
        Type::Blob => "a blob".into(),
        Type::Timestamp => "a timestamp".into(),
        _ => "a number".into(),
    }
}

fn plural(ty: &Type, types: &[Option<TypeDef>]) -> String {
    match ty {
        Type::String => "strings".into(),
        Type::Bool => "booleans".into(),
        other => format!("values of {}", describe(other, types)),
    }
}

/// Types a parsed path against the input's shapes, producing the runtime's steps.
struct Typer<'a> {
    types: &'a [Option<TypeDef>],
}

impl<'a> Typer<'a> {
    fn compile(&self, ast: &Ast, current: Typed<'a>) -> Result<(Vec<PathStep>, Typed<'a>), String> {
        match ast {
            Ast::Current => Ok((Vec::new(), current)),
            Ast::Field(name) => self.field(name, current),
            Ast::Sub(left, right) => {
                let (mut steps, typed) = self.compile(left, current)?;
                let (more, typed) = self.compile(right, typed)?;
                append(&mut steps, more)?;
                Ok((steps, typed))
            }
            Ast::Function(name, arguments) if name == "keys" => {
                let [argument] = arguments.as_slice() else {
                    return Err(format!("`keys(...)` takes one argument, and is given {}", arguments.len()));
                };
                let (mut steps, typed) = self.compile(argument, current)?;
                match typed {
                    Typed::One(Type::Map { key, .. }) => {
                        append(&mut steps, vec![PathStep::Keys])?;
                        Ok((steps, Typed::Many(key)))
                    }
                    other => Err(format!("`keys(...)` needs a map, and its argument gives {}", other.describe(self.types))),
                }
            }
            Ast::MultiSelect(items) => {
                let element = match current {
                    Typed::One(ty) | Typed::Many(ty) => ty,
                    Typed::Nested(_) => return Err("a multi-select list over lists of lists needs `[]` first".to_string()),
                };
                let mut paths = Vec::with_capacity(items.len());
                let mut common: Option<&Type> = None;
                for item in items {
                    let (steps, typed) = self.compile(item, Typed::One(element))?;
                    let Typed::One(ty) = typed else {
                        return Err(format!("an item of a multi-select list gives {}; each must give one value", typed.describe(self.types)));
                    };
                    match common {
                        Some(seen) if !same_kind(seen, ty) => {
                            return Err(format!(
                                "the items of a multi-select list give {} and {}; they must give values of one type",
                                describe(seen, self.types),
                                describe(ty, self.types)
                            ));
                        }
                        _ => common = Some(ty),
                    }
                    paths.push(steps);
                }
                let ty = common.ok_or("an empty multi-select list")?;
                let typed = if matches!(current, Typed::Many(_)) { Typed::Nested(ty) } else { Typed::Many(ty) };
                Ok((vec![PathStep::Select(paths)], typed))
            }
            Ast::Function(name, _) => Err(format!("function `{name}` is {SUBSET}")),
            Ast::Filter { .. } => Err(format!("filter expressions `[?...]` are {SUBSET}")),
            Ast::Index(..) => Err(format!("index expressions `[n]` are {SUBSET}")),
            Ast::Pipe(..) => Err(format!("`|` is {SUBSET}")),
            Ast::Compare(op, ..) => Err(format!("the comparison `{}` is {SUBSET}", op.text())),
            Ast::And(..) | Ast::Or(..) | Ast::Not(..) => Err(format!("`&&`, `||` and `!` are {SUBSET}")),
            Ast::Literal(_) => Err(format!("literals are {SUBSET}")),
            Ast::Project { kind, left, right } => {
                let (mut steps, typed) = self.compile(left, current)?;
                let (step, element) = match (kind, typed) {
                    (Projection::Items, Typed::One(Type::List { item, .. })) => (Some(PathStep::Items), item.as_ref()),
                    (Projection::Values, Typed::One(Type::Map { value, .. })) => (Some(PathStep::Values), value.as_ref()),
                    (Projection::Flatten, Typed::One(Type::List { item, .. }) | Typed::Many(Type::List { item, .. })) => {
                        (Some(PathStep::Items), item.as_ref())
                    }
                    (Projection::Flatten, Typed::Many(ty) | Typed::Nested(ty)) => (None, ty),
                    (Projection::Items | Projection::Values, Typed::Many(_) | Typed::Nested(_)) => {
                        return Err("a projection inside a projection gives a list of lists, which no parameter takes; flatten with `[]` instead".to_string());
                    }
                    (kind, typed) => {
                        let what = match kind {
                            Projection::Items => "`[*]` needs a list",
                            Projection::Values => "`*` needs a map",
                            Projection::Flatten => "`[]` needs a list",
                        };
                        return Err(format!("{what}, and the value before it is {}", typed.describe(self.types)));
                    }
                };
                append(&mut steps, step.into_iter().collect())?;
                let (more, typed) = self.compile(right, Typed::One(element))?;
                append(&mut steps, more)?;
                let typed = match typed {
                    Typed::One(ty) => Typed::Many(ty),
                    Typed::Many(ty) => Typed::Nested(ty),
                    Typed::Nested(_) => return Err("the path nests lists three deep, which no parameter takes".to_string()),
                };
                Ok((steps, typed))
            }
        }
    }

    /// A member of the structure (or union) each current value is.
    fn field(&self, name: &str, current: Typed<'a>) -> Result<(Vec<PathStep>, Typed<'a>), String> {
        let (ty, many) = match current {
            Typed::One(ty) => (ty, false),
            Typed::Many(ty) => (ty, true),
            Typed::Nested(_) => return Err(format!("`{name}` is read from lists of lists; flatten them with `[]` first")),
        };
        let Type::Named { id, .. } = ty else {
            return Err(format!("`{name}` is read from {}, which has no members", describe(ty, self.types)));
        };
        let (index, member_ty) = match self.types.get(*id).and_then(Option::as_ref) {
            Some(TypeDef::Structure(s)) => match s.fields.iter().position(|f| f.member == name) {
                Some(index) => (index, &s.fields[index].ty),
                None => return Err(format!("`{}` has no member `{name}`", s.shape_id)),
            },
            Some(TypeDef::Union(u)) => match u.variants.iter().position(|v| v.member == name) {
                Some(index) => match &u.variants[index].ty {
                    Some(ty) => (index, ty),
                    None => return Err(format!("member `{name}` of `{}` holds no value", u.shape_id)),
                },
                None => return Err(format!("`{}` has no member `{name}`", u.shape_id)),
            },
            Some(other) => return Err(format!("`{name}` is read from `{}`, which has no members", other.shape_id())),
            None => return Err(format!("`{name}` is read from a shape this crate does not have")),
        };
        let typed = if many { Typed::Many(member_ty) } else { Typed::One(member_ty) };
        Ok((vec![PathStep::Member(index)], typed))
    }
}

/// `more` after `steps`, unless `steps` ends with `keys(...)`, after which the runtime reads
/// nothing (keys are text, not values).
fn append(steps: &mut Vec<PathStep>, more: Vec<PathStep>) -> Result<(), String> {
    if !more.is_empty() && matches!(steps.last(), Some(PathStep::Keys)) {
        return Err("nothing may follow `keys(...)`".to_string());
    }
    steps.extend(more);
    Ok(())
}

/// Whether two item types of a multi-select list read as values of one rules-engine type.
fn same_kind(a: &Type, b: &Type) -> bool {
    (is_string(a) && is_string(b)) || a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, Field, MemberSchema, SchemaRef, Structure, TypeName};

    fn field(member: &str, ty: Type) -> Field {
        Field {
            member: member.to_string(),
            ident: crate::ir::Ident::plain(member.to_ascii_lowercase()),
            set: crate::ir::Ident::plain(format!("set_{}", member.to_ascii_lowercase())),
            docs: Docs::default(),
            summary: None,
            ty,
            deprecated: None,
            schema: MemberSchema {
                name: member.to_string(),
                field: member.to_ascii_lowercase(),
                target: SchemaRef::Prelude("STRING"),
                required: false,
                sensitive: false,
                checks: false,
                constraints: None,
                binding: crate::ir::Binding::Body,
                json_name: None,
                timestamp_format: None,
                media_type: None,
                idempotency_token: false,
                streaming: false,
                default: None,
                client_optional: false,
                xml_name: None,
                xml_attribute: false,
                xml_flattened: false,
                xml_namespace: None,
                ec2_query_name: None,
                host_label: false,
                unset_value: None,
            },
        }
    }

    fn structure(id: &str, fields: Vec<Field>) -> Option<TypeDef> {
        let name = TypeName {
            ident: id.to_string(),
            module: id.to_ascii_lowercase(),
            location: crate::ir::Location::Types,
            path: crate::ir::Path(vec![id.to_string()]),
            schema: crate::ir::Path(vec![id.to_string()]),
        };
        Some(TypeDef::Structure(Structure {
            shape_id: format!("ex#{id}"),
            name,
            docs: Docs::default(),
            fields,
            error: None,
            sensitive: false,
            deprecated: None,
            builder: format!("{id}Builder"),
            decode: false,
            client_builder: false,
            xml_name: None,
            xml_namespace: None,
        }))
    }

    fn named(id: TypeId) -> Type {
        Type::Named { id, kind: NamedKind::Structure, boxed: false }
    }

    fn list(item: Type) -> Type {
        Type::List { item: Box::new(item), sparse: false }
    }

    /// DynamoDB's shapes, cut down: an input with a list of items holding optional actions, a
    /// map of tables, and a nested structure.
    fn types() -> Vec<Option<TypeDef>> {
        let action = |name: &str| structure(name, vec![field("TableName", Type::String)]);
        vec![
            structure(
                "Input",
                vec![
                    field("TransactItems", list(named(1))),
                    field("RequestItems", Type::Map { key: Box::new(Type::String), value: Box::new(Type::Bool), sparse: false }),
                    field("Table", named(2)),
                    field("Names", list(Type::String)),
                    field("Flag", Type::Bool),
                ],
            ),
            structure("Item", vec![field("Get", named(2)), field("Put", named(3)), field("Count", Type::I32)]),
            action("Get"),
            action("Put"),
        ]
    }

    fn ok(path: &str, want: ParamType) -> Vec<PathStep> {
        compile(path, 0, &types(), want).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn err(path: &str, want: ParamType) -> String {
        compile(path, 0, &types(), want).err().unwrap_or_else(|| panic!("{path} must be refused"))
    }

    #[test]
    fn the_subset_the_models_use_compiles_to_flat_steps() {
        use PathStep::*;
        assert_eq!(ok("TransactItems[*].Get.TableName", ParamType::StringArray), [Member(0), Items, Member(0), Member(0)]);
        assert_eq!(ok("keys(RequestItems)", ParamType::StringArray), [Member(1), Keys]);
        assert_eq!(ok("Table.TableName", ParamType::String), [Member(2), Member(0)]);
        assert_eq!(
            ok("TransactItems[*].[Get.TableName, Put.TableName][]", ParamType::StringArray),
            [Member(0), Items, Select(vec![vec![Member(0), Member(0)], vec![Member(1), Member(0)]])]
        );
        assert_eq!(ok("TransactItems[].Put.TableName", ParamType::StringArray), [Member(0), Items, Member(1), Member(0)]);
        assert_eq!(ok("Names", ParamType::StringArray), [Member(3), Items]);
        assert_eq!(ok("Names[*]", ParamType::StringArray), [Member(3), Items]);
        assert_eq!(ok("[Table.TableName, Table.TableName]", ParamType::StringArray), [Select(vec![vec![Member(2), Member(0)], vec![Member(2), Member(0)]])]);
        assert_eq!(ok("Flag", ParamType::Boolean), [Member(4)]);
        assert_eq!(ok("\"Table\" . TableName", ParamType::String), [Member(2), Member(0)]);
    }

    #[test]
    fn what_the_subset_lacks_or_the_types_refuse_is_explained() {
        for (path, want, says) in [
            ("TransactItems[0].Get.TableName", ParamType::StringArray, "index"),
            ("TransactItems[?Get].Get", ParamType::StringArray, "filter"),
            ("length(Names)", ParamType::String, "function `length`"),
            ("Names | [0]", ParamType::StringArray, "`|`"),
            ("Missing", ParamType::String, "no member `Missing`"),
            ("TransactItems[*].Get.TableName", ParamType::String, "a list of strings"),
            ("TransactItems[*].[Get.TableName, Put.TableName]", ParamType::StringArray, "flatten it"),
            ("TransactItems[*].Count", ParamType::StringArray, "a list of values of a number"),
            ("Table[*]", ParamType::StringArray, "`[*]` needs a list"),
            ("keys(Table)", ParamType::StringArray, "needs a map"),
            ("keys(RequestItems).x", ParamType::StringArray, "no members"),
            ("Table.", ParamType::String, "ends after `.`"),
            ("[Get.TableName", ParamType::String, "not closed"),
        ] {
            let message = err(path, want);
            assert!(message.contains(says), "{path}: {message}");
        }
    }
}
