//! `smithy.waiters#waitable` -> [`ir::waiters::Waiter`]: names, delays, docs, and each
//! acceptor's JMESPath path parsed by the shared [`jmespath`] parser and typed against the
//! operation's input and output shapes into an [`Expr`] tree, members resolved to field indices.
//! The generated crate holds the trees as statics the runtime walks: no JMESPath text is read at
//! run time.
//!
//! A waiter whose path uses something outside the compiled subset, or whose path cannot give
//! what its comparator compares, is left out with a `WaiterSkipped` warning naming the
//! operation, the waiter, the acceptor and the expression; the operation is generated either way.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Lowerer;
use super::jmespath::{self, Ast};
use crate::diagnostics::Diagnostic;
use crate::ir::waiters::{Acceptor, Comparator, Comparison, Expr, Matcher, Projection, Waiter};
use crate::ir::{self, Docs, NamedKind, Type, TypeDef, TypeId};
use crate::model::ShapeId;
use crate::naming;
use crate::traits::waitable::{self, WAITER_SKIPPED};

impl Lowerer<'_> {
    /// The waiters of the lowered operations the client offers, in operation then trait order.
    pub(super) fn waiters(&mut self, operations: &[ShapeId], lowered: &[ir::Operation]) -> Vec<Waiter> {
        let mut waiters = Vec::new();
        // Waiter names are unique case-insensitively across the service; so are the Rust names.
        let mut names = BTreeSet::new();
        let mut taken: BTreeSet<String> = lowered.iter().filter_map(|op| op.client.as_ref()).map(|c| c.method.name.clone()).collect();
        for (index, (id, op)) in operations.iter().zip(lowered).enumerate() {
            let defs = &self.traits.get(id).waiters;
            if defs.is_empty() {
                continue;
            }
            let source = self.source(id);
            for def in defs {
                let skip = |why: String| {
                    Diagnostic::warning(WAITER_SKIPPED, format!("waiter `{}` of `{}` is not generated: {why}", def.name, id.name()))
                        .shape(id.as_str())
                        .file(source.clone())
                };
                if op.client.is_none() {
                    self.push(skip("the client offers no method for the operation".to_string()));
                    continue;
                }
                if !names.insert(def.name.to_ascii_lowercase()) {
                    self.push(skip("another waiter of the service has the same name, ignoring case".to_string()));
                    continue;
                }
                let waiter = match self.waiter(index, op, def) {
                    Ok(waiter) => waiter,
                    Err(why) => {
                        let hint = "use the JMESPath subset this generator compiles (fields, `[*]`, `[]`, `*`, `[?...]`, `[n]`, `[a, b]`, `|`, comparisons, `&&`, `||`, `!`, literals, `length`, `contains`, `keys`) over members of the operation's shapes, giving what the comparator compares";
                        self.push(skip(why).hint(hint));
                        continue;
                    }
                };
                let rust = [waiter.method.name.clone(), waiter.handle.clone(), waiter.fluent.clone(), waiter.final_poll.clone(), waiter.error.clone()];
                if rust.iter().any(|name| taken.contains(name)) {
                    self.push(skip("one of its Rust names is taken by an operation's method or another waiter's types".to_string()));
                    continue;
                }
                taken.extend(rust);
                waiters.push(waiter);
            }
        }
        waiters
    }

    fn waiter(&self, index: usize, op: &ir::Operation, def: &waitable::Waiter) -> Result<Waiter, String> {
        let typer = Typer {
            types: &self.types,
            input: Type::Named { id: op.input, kind: NamedKind::Structure, boxed: false },
            output: Type::Named { id: op.output, kind: NamedKind::Structure, boxed: false },
        };
        let no_output = match self.types.get(op.output).and_then(Option::as_ref) {
            Some(TypeDef::Structure(s)) => s.shape_id == crate::model::prelude_unit(),
            _ => true,
        };
        let mut acceptors = Vec::with_capacity(def.acceptors.len());
        for (position, acceptor) in def.acceptors.iter().enumerate() {
            let matcher = match &acceptor.matcher {
                waitable::Matcher::Success(success) => Matcher::Success(*success),
                waitable::Matcher::ErrorType(name) => Matcher::ErrorType(name.clone()),
                waitable::Matcher::Output(path) | waitable::Matcher::InputOutput(path) => {
                    let input_output = matches!(acceptor.matcher, waitable::Matcher::InputOutput(_));
                    let compiled = if no_output && !input_output {
                        Err("the operation has no output for an `output` matcher to read".to_string())
                    } else {
                        typer.matcher(path, input_output)
                    };
                    let (expr, comparator) = compiled.map_err(|why| {
                        format!(
                            "acceptor {position} ({}) has the path {}, which cannot be compiled: {why}",
                            acceptor.state.name(),
                            super::code_span(&path.path)
                        )
                    })?;
                    Matcher::Path { source: path.path.clone(), expr, comparator }
                }
            };
            acceptors.push(Acceptor { state: acceptor.state, matcher });
        }
        Ok(Waiter {
            name: def.name.clone(),
            operation: index,
            method: naming::waiter_method(&def.name),
            handle: naming::waiter_handle(&def.name),
            fluent: naming::waiter_fluent(&def.name),
            final_poll: naming::waiter_final_poll(&def.name),
            error: naming::waiter_error(&def.name),
            table: naming::waiter_table(&def.name),
            docs: waiter_docs(op, def),
            deprecated: def.deprecated,
            min_delay: def.min_delay,
            max_delay: def.max_delay,
            acceptors,
        })
    }
}

/// The waiter's docs: the model's, then what it polls, what each acceptor does and the delays.
fn waiter_docs(op: &ir::Operation, def: &waitable::Waiter) -> Docs {
    let text = def.documentation.as_deref().map(crate::docs::to_rustdoc).filter(|t| !t.trim().is_empty());
    let text = text.or_else(|| Some(format!("Waits until the `{}` waiter of `{}` succeeds.", def.name, op.name)));
    let mut acceptors = format!(
        "Polls [`{}`](crate::operation::{}) with the input set on the builder; the first acceptor that matches a response decides:\n",
        op.name, op.module
    );
    for acceptor in &def.acceptors {
        let compares = |path: &waitable::PathMatcher| {
            let verb = match path.comparator {
                waitable::Comparator::StringEquals | waitable::Comparator::BooleanEquals => "is",
                waitable::Comparator::AllStringEquals => "is all",
                waitable::Comparator::AnyStringEquals => "includes",
            };
            format!("{} {verb} {}", super::code_span(&path.path), super::code_span(&path.expected))
        };
        let when = match &acceptor.matcher {
            waitable::Matcher::Output(path) => format!("the output's {}", compares(path)),
            waitable::Matcher::InputOutput(path) => format!("over the input and output, {}", compares(path)),
            waitable::Matcher::Success(true) => "the call succeeds".to_string(),
            waitable::Matcher::Success(false) => "the call fails".to_string(),
            waitable::Matcher::ErrorType(name) => format!("the error {}", super::code_span(name)),
        };
        acceptors.push_str(&format!("\n- {}: {when}", acceptor.state.name()));
    }
    acceptors.push_str(
        "\n\nOtherwise a successful response is polled again and an error ends the wait. Between polls it waits from ",
    );
    acceptors.push_str(&format!(
        "{} s up to {} s, with exponential backoff and jitter as the Smithy waiter specification says.",
        def.min_delay, def.max_delay
    ));
    let mut notes = vec![acceptors];
    if def.deprecated {
        notes.push("**Deprecated:** the model marks this waiter deprecated.".to_string());
    }
    Docs { text, notes }
}

/// What a compiled part of a path gives, as JMESPath sees the model's values.
#[derive(Debug, Clone, PartialEq)]
enum Ty<'a> {
    /// A structure or union (by its named type), or a map.
    Object(&'a Type),
    Array(Box<Ty<'a>>),
    String,
    Number,
    Bool,
    Null,
    /// A document, or a mix: any value.
    Any,
    /// The `{input, output}` object an `inputOutput` path starts from.
    InputOutput,
}

/// The JMESPath type of a model value (the specification's data model: enums are strings,
/// timestamps and every number kind are numbers, blobs base64 strings).
fn ty_of(ty: &Type) -> Ty<'_> {
    match ty {
        Type::String | Type::Blob | Type::Named { kind: NamedKind::Enum, .. } => Ty::String,
        Type::Bool => Ty::Bool,
        Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::F32 | Type::F64 | Type::BigInteger | Type::BigDecimal | Type::Timestamp => Ty::Number,
        Type::Named { kind: NamedKind::IntEnum, .. } => Ty::Number,
        Type::Document => Ty::Any,
        Type::List { item, .. } => Ty::Array(Box::new(ty_of(item))),
        Type::Named { .. } | Type::Map { .. } => Ty::Object(ty),
    }
}

/// One type for several values: theirs when they agree, any value otherwise.
fn common<'a>(types: impl IntoIterator<Item = Ty<'a>>) -> Ty<'a> {
    let mut types = types.into_iter();
    let Some(first) = types.next() else { return Ty::Any };
    if types.all(|t| t == first) { first } else { Ty::Any }
}

/// Types parsed paths against the operation's shapes, producing [`Expr`] trees.
struct Typer<'a> {
    types: &'a [Option<TypeDef>],
    input: Type,
    output: Type,
}

impl<'a> Typer<'a> {
    /// A path matcher compiled: the expression, and the comparator with its expected value
    /// checked against what the path gives.
    fn matcher(&'a self, path: &waitable::PathMatcher, input_output: bool) -> Result<(Expr, Comparator), String> {
        let ast = jmespath::parse(&path.path)?;
        let root = if input_output { Ty::InputOutput } else { ty_of(&self.output) };
        let (expr, ty) = self.compile(&ast, Expr::Current, root)?;
        let expected = path.expected.clone();
        let gives = || self.describe(&ty);
        let comparator = match path.comparator {
            waitable::Comparator::StringEquals => {
                if !matches!(ty, Ty::String | Ty::Any) {
                    return Err(format!("it gives {}, and `stringEquals` compares a string", gives()));
                }
                Comparator::StringEquals(expected)
            }
            waitable::Comparator::BooleanEquals => {
                if !matches!(ty, Ty::Bool | Ty::Any) {
                    return Err(format!("it gives {}, and `booleanEquals` compares a boolean", gives()));
                }
                match expected.as_str() {
                    "true" => Comparator::BooleanEquals(true),
                    "false" => Comparator::BooleanEquals(false),
                    _ => return Err(format!("`booleanEquals` expects `true` or `false`, and the acceptor expects {}", super::code_span(&expected))),
                }
            }
            waitable::Comparator::AllStringEquals | waitable::Comparator::AnyStringEquals => {
                let name = path.comparator.name();
                if !matches!(&ty, Ty::Any) && !matches!(&ty, Ty::Array(item) if matches!(**item, Ty::String | Ty::Any)) {
                    return Err(format!("it gives {}, and `{name}` compares a list of strings", gives()));
                }
                if path.comparator == waitable::Comparator::AllStringEquals {
                    Comparator::AllStringEquals(expected)
                } else {
                    Comparator::AnyStringEquals(expected)
                }
            }
        };
        Ok((expr, comparator))
    }

    /// `ast` evaluated where `of` gives the current value, of type `current`.
    fn compile(&'a self, ast: &Ast, of: Expr, current: Ty<'a>) -> Result<(Expr, Ty<'a>), String> {
        match ast {
            Ast::Current if current == Ty::InputOutput => {
                Err("`@` at the top of an `inputOutput` path is the `{input, output}` object; read `input.` or `output.` from it".to_string())
            }
            Ast::Current => Ok((of, current)),
            Ast::Field(name) => self.field(name, of, current),
            Ast::Sub(left, right) => {
                let (left, left_ty) = self.compile(left, of, current)?;
                // These give null on null, as a sub-expression must, with the left side as their
                // base; anything else is evaluated apart and guarded.
                let threads = matches!(
                    **right,
                    Ast::Field(_) | Ast::MultiSelect(_) | Ast::Project { .. } | Ast::Filter { .. } | Ast::Index(..) | Ast::Sub(..) | Ast::Current
                );
                if threads {
                    return self.compile(right, left, left_ty);
                }
                let (right, ty) = self.compile(right, Expr::Current, left_ty)?;
                Ok((Expr::Sub(Box::new(left), Box::new(right)), ty))
            }
            Ast::Index(left, index) => {
                let (left, ty) = self.compile(left, of, current)?;
                let item = match ty {
                    Ty::Array(item) => *item,
                    Ty::Any => Ty::Any,
                    other => return Err(format!("`[{index}]` needs a list, and the value before it is {}", self.describe(&other))),
                };
                Ok((Expr::Index(Box::new(left), *index), item))
            }
            Ast::Project { kind, left, right } => {
                let (left, ty) = self.compile(left, of, current)?;
                let element = match (kind, ty) {
                    (jmespath::Projection::Items, Ty::Array(item)) => *item,
                    (jmespath::Projection::Flatten, Ty::Array(item)) => match *item {
                        Ty::Array(inner) => *inner,
                        other => other,
                    },
                    (jmespath::Projection::Values, Ty::Object(Type::Map { value, .. })) => ty_of(value),
                    // The values of a structure's members are of several types.
                    (jmespath::Projection::Values, Ty::Object(_)) => Ty::Any,
                    (_, Ty::Any) => Ty::Any,
                    (kind, other) => {
                        let what = match kind {
                            jmespath::Projection::Items => "`[*]` needs a list",
                            jmespath::Projection::Flatten => "`[]` needs a list",
                            jmespath::Projection::Values => "`*` needs a map or structure",
                        };
                        return Err(format!("{what}, and the value before it is {}", self.describe(&other)));
                    }
                };
                let (then, ty) = self.compile(right, Expr::Current, element)?;
                let kind = match kind {
                    jmespath::Projection::Items => Projection::Items,
                    jmespath::Projection::Flatten => Projection::Flatten,
                    jmespath::Projection::Values => Projection::Values,
                };
                Ok((Expr::Project { kind, of: Box::new(left), then: Box::new(then) }, Ty::Array(Box::new(ty))))
            }
            Ast::Filter { left, condition, right } => {
                let (left, ty) = self.compile(left, of, current)?;
                let element = match ty {
                    Ty::Array(item) => *item,
                    Ty::Any => Ty::Any,
                    other => return Err(format!("`[?...]` needs a list, and the value before it is {}", self.describe(&other))),
                };
                let (condition, _) = self.compile(condition, Expr::Current, element.clone())?;
                let (then, ty) = self.compile(right, Expr::Current, element)?;
                Ok((Expr::Filter { of: Box::new(left), condition: Box::new(condition), then: Box::new(then) }, Ty::Array(Box::new(ty))))
            }
            Ast::MultiSelect(items) => {
                let mut exprs = Vec::with_capacity(items.len());
                let mut types = Vec::with_capacity(items.len());
                for item in items {
                    let (expr, ty) = self.compile(item, Expr::Current, current.clone())?;
                    exprs.push(expr);
                    types.push(ty);
                }
                Ok((Expr::Select(Box::new(of), exprs), Ty::Array(Box::new(common(types)))))
            }
            Ast::Pipe(left, right) => {
                let (left, ty) = self.compile(left, of, current)?;
                let (right, ty) = self.compile(right, Expr::Current, ty)?;
                Ok((Expr::Pipe(Box::new(left), Box::new(right)), ty))
            }
            Ast::Compare(op, left, right) => {
                let text = op.text();
                let (left, left_ty) = self.compile(left, of.clone(), current.clone())?;
                let (right, right_ty) = self.compile(right, of, current)?;
                let op = match op {
                    jmespath::Comparison::Eq => Comparison::Eq,
                    jmespath::Comparison::Ne => Comparison::Ne,
                    jmespath::Comparison::Lt => Comparison::Lt,
                    jmespath::Comparison::Le => Comparison::Le,
                    jmespath::Comparison::Gt => Comparison::Gt,
                    jmespath::Comparison::Ge => Comparison::Ge,
                };
                let ordering = !matches!(op, Comparison::Eq | Comparison::Ne);
                if ordering {
                    for (side, ty) in [("left", &left_ty), ("right", &right_ty)] {
                        if !matches!(ty, Ty::Number | Ty::Any) {
                            return Err(format!("`{text}` compares numbers, and its {side} side gives {}", self.describe(ty)));
                        }
                    }
                } else if !comparable(&left_ty, &right_ty) {
                    return Err(format!(
                        "`{text}` compares {} with {}, which are never equal",
                        self.describe(&left_ty),
                        self.describe(&right_ty)
                    ));
                }
                Ok((Expr::Compare(op, Box::new(left), Box::new(right)), Ty::Bool))
            }
            Ast::And(left, right) | Ast::Or(left, right) => {
                let (left, left_ty) = self.compile(left, of.clone(), current.clone())?;
                let (right, right_ty) = self.compile(right, of, current)?;
                let ty = common([left_ty, right_ty]);
                let expr = if matches!(ast, Ast::And(..)) { Expr::And(Box::new(left), Box::new(right)) } else { Expr::Or(Box::new(left), Box::new(right)) };
                Ok((expr, ty))
            }
            Ast::Not(inner) => {
                let (inner, _) = self.compile(inner, of, current)?;
                Ok((Expr::Not(Box::new(inner)), Ty::Bool))
            }
            Ast::Literal(value) => literal(value),
            Ast::Function(name, arguments) => self.function(name, arguments, of, current),
        }
    }

    fn function(&'a self, name: &str, arguments: &[Ast], of: Expr, current: Ty<'a>) -> Result<(Expr, Ty<'a>), String> {
        let arity = |n: usize| {
            if arguments.len() == n {
                Ok(())
            } else {
                Err(format!("`{name}` takes {n} argument(s), and is given {}", arguments.len()))
            }
        };
        match name {
            "length" => {
                arity(1)?;
                let (argument, ty) = self.compile(&arguments[0], of, current)?;
                if !matches!(ty, Ty::String | Ty::Array(_) | Ty::Object(Type::Map { .. }) | Ty::Any) {
                    return Err(format!("`length` needs a string, list or map, and its argument gives {}", self.describe(&ty)));
                }
                Ok((Expr::Length(Box::new(argument)), Ty::Number))
            }
            "contains" => {
                arity(2)?;
                let (subject, ty) = self.compile(&arguments[0], of.clone(), current.clone())?;
                if !matches!(ty, Ty::String | Ty::Array(_) | Ty::Any) {
                    return Err(format!("`contains` searches a string or list, and its first argument gives {}", self.describe(&ty)));
                }
                let (search, _) = self.compile(&arguments[1], of, current)?;
                Ok((Expr::Contains(Box::new(subject), Box::new(search)), Ty::Bool))
            }
            "keys" => {
                arity(1)?;
                let (argument, ty) = self.compile(&arguments[0], of, current)?;
                if !matches!(ty, Ty::Object(Type::Map { .. }) | Ty::Any) {
                    return Err(format!("`keys` needs a map, and its argument gives {}", self.describe(&ty)));
                }
                Ok((Expr::Keys(Box::new(argument)), Ty::Array(Box::new(Ty::String))))
            }
            _ => Err(format!("function `{name}` is not supported (this generator compiles `length`, `contains` and `keys`)")),
        }
    }

    /// A member of the structure or union, or an entry of the map, `of` gives.
    fn field(&'a self, name: &str, of: Expr, current: Ty<'a>) -> Result<(Expr, Ty<'a>), String> {
        match current {
            Ty::InputOutput => match name {
                "input" => Ok((Expr::Input, ty_of(&self.input))),
                "output" => Ok((Expr::Output, ty_of(&self.output))),
                _ => Err(format!("an `inputOutput` path reads `input` or `output`, not `{name}`")),
            },
            Ty::Object(Type::Named { id, .. }) => {
                let (index, ty) = self.member(*id, name)?;
                Ok((Expr::Member(Box::new(of), index), ty_of(ty)))
            }
            Ty::Object(Type::Map { value, .. }) => Ok((Expr::Key(Box::new(of), name.to_string()), ty_of(value))),
            Ty::Any => Ok((Expr::Key(Box::new(of), name.to_string()), Ty::Any)),
            other => Err(format!("`{name}` is read from {}, which has no members", self.describe(&other))),
        }
    }

    fn member(&'a self, id: TypeId, name: &str) -> Result<(usize, &'a Type), String> {
        match self.types.get(id).and_then(Option::as_ref) {
            Some(TypeDef::Structure(s)) => match s.fields.iter().position(|f| f.member == name) {
                Some(index) => Ok((index, &s.fields[index].ty)),
                None => Err(format!("`{}` has no member `{name}`", s.shape_id)),
            },
            Some(TypeDef::Union(u)) => match u.variants.iter().position(|v| v.member == name) {
                Some(index) => match &u.variants[index].ty {
                    Some(ty) => Ok((index, ty)),
                    None => Err(format!("member `{name}` of `{}` holds no value", u.shape_id)),
                },
                None => Err(format!("`{}` has no member `{name}`", u.shape_id)),
            },
            Some(other) => Err(format!("`{name}` is read from `{}`, which has no members", other.shape_id())),
            None => Err(format!("`{name}` is read from a shape this crate does not have")),
        }
    }

    fn plural(&self, ty: &Ty<'_>) -> String {
        match ty {
            Ty::String => "strings".to_string(),
            Ty::Number => "numbers".to_string(),
            Ty::Bool => "booleans".to_string(),
            Ty::Null => "nulls".to_string(),
            Ty::Any => "any values".to_string(),
            other => format!("values of {}", self.describe(other)),
        }
    }

    fn describe(&self, ty: &Ty<'_>) -> String {
        match ty {
            Ty::Object(Type::Named { id, .. }) => match self.types.get(*id).and_then(Option::as_ref) {
                Some(def) => format!("`{}`", def.shape_id()),
                None => "a structure".to_string(),
            },
            Ty::Object(_) => "a map".to_string(),
            Ty::Array(item) => format!("a list of {}", self.plural(item)),
            Ty::String => "a string".to_string(),
            Ty::Number => "a number".to_string(),
            Ty::Bool => "a boolean".to_string(),
            Ty::Null => "null".to_string(),
            Ty::Any => "any value".to_string(),
            Ty::InputOutput => "the `{input, output}` object".to_string(),
        }
    }
}

/// Whether `==` between values of these types can hold: the same kind, or null or an unknown
/// value on either side.
fn comparable(a: &Ty<'_>, b: &Ty<'_>) -> bool {
    let kind = |t: &Ty<'_>| match t {
        Ty::Object(_) => 0,
        Ty::Array(_) => 1,
        Ty::String => 2,
        Ty::Number => 3,
        Ty::Bool => 4,
        Ty::Null | Ty::Any | Ty::InputOutput => 5,
    };
    kind(a) == 5 || kind(b) == 5 || kind(a) == kind(b)
}

/// A JSON literal (or raw string) as an expression.
fn literal(value: &Value) -> Result<(Expr, Ty<'static>), String> {
    match value {
        Value::Null => Ok((Expr::Null, Ty::Null)),
        Value::Bool(b) => Ok((Expr::Bool(*b), Ty::Bool)),
        Value::Number(n) => match n.as_f64() {
            Some(n) if n.is_finite() => Ok((Expr::Number(n), Ty::Number)),
            _ => Err(format!("the literal `{n}` is not a number this generator can hold")),
        },
        Value::String(s) => Ok((Expr::String(s.clone()), Ty::String)),
        Value::Array(items) => {
            let (exprs, types): (Vec<Expr>, Vec<Ty<'static>>) = items.iter().map(literal).collect::<Result<Vec<_>, _>>()?.into_iter().unzip();
            Ok((Expr::Array(exprs), Ty::Array(Box::new(common(types)))))
        }
        Value::Object(_) => Err("object literals are not supported".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;
    use crate::ir::waiters::{Comparator, Comparison, Expr, Matcher, Projection, Waiter};

    /// A service with one operation whose output has a structure, an enum, a list of
    /// structures, a number, a map and a document, and whose input has a name.
    fn model(acceptors: &str) -> String {
        format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Service": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Describe"}}],
                    "traits": {{"aws.auth#sigv4": {{"name": "ex"}}, "aws.protocols#awsJson1_0": {{}}}}}},
                "ex#Describe": {{"type": "operation", "input": {{"target": "ex#In"}}, "output": {{"target": "ex#Out"}},
                    "errors": [{{"target": "ex#Missing"}}],
                    "traits": {{"smithy.waiters#waitable": {{"Ready": {{"acceptors": {acceptors}}}}}}}}},
                "ex#In": {{"type": "structure", "members": {{"Name": {{"target": "smithy.api#String"}}}}}},
                "ex#Out": {{"type": "structure", "members": {{
                    "Thing": {{"target": "ex#Thing"}},
                    "Items": {{"target": "ex#Items"}},
                    "Count": {{"target": "smithy.api#Integer"}},
                    "Tags": {{"target": "ex#Tags"}},
                    "Extra": {{"target": "smithy.api#Document"}},
                    "Done": {{"target": "smithy.api#Boolean"}}
                }}}},
                "ex#Thing": {{"type": "structure", "members": {{"Name": {{"target": "smithy.api#String"}}, "Status": {{"target": "ex#Status"}}}}}},
                "ex#Status": {{"type": "enum", "members": {{"ACTIVE": {{"target": "smithy.api#Unit"}}, "FAILED": {{"target": "smithy.api#Unit"}}}}}},
                "ex#Items": {{"type": "list", "member": {{"target": "ex#Thing"}}}},
                "ex#Tags": {{"type": "map", "key": {{"target": "smithy.api#String"}}, "value": {{"target": "smithy.api#String"}}}},
                "ex#Missing": {{"type": "structure", "members": {{}}, "traits": {{"smithy.api#error": "client"}}}}
            }}}}"#
        )
    }

    fn lower(acceptors: &str) -> (Vec<Waiter>, Diagnostics) {
        let mut request = crate::Request::from_model("m.json", &model(acceptors), crate::config::Selection::All);
        request.settings.client = true;
        let (krate, warnings) = crate::lower_request(&request).unwrap_or_else(|d| panic!("{d}"));
        (krate.waiters, warnings)
    }

    /// The compiled expression and comparator of a one-acceptor waiter over `path`.
    fn path(kind: &str, path: &str, comparator: &str, expected: &str) -> Result<(Expr, Comparator), String> {
        let acceptors = format!(
            r#"[{{"state": "success", "matcher": {{"{kind}": {{"path": {}, "expected": "{expected}", "comparator": "{comparator}"}}}}}}]"#,
            serde_json::Value::String(path.to_string())
        );
        let (waiters, warnings) = lower(&acceptors);
        match (waiters.first().map(|w| &w.acceptors[0].matcher), warnings.warnings().next()) {
            (Some(Matcher::Path { expr, comparator, .. }), None) => Ok((expr.clone(), comparator.clone())),
            (_, Some(warning)) => Err(warning.message.clone()),
            (other, None) => panic!("{other:?}"),
        }
    }

    fn ok(path_text: &str, comparator: &str, expected: &str) -> Expr {
        path("output", path_text, comparator, expected).unwrap_or_else(|e| panic!("{path_text}: {e}")).0
    }

    fn current() -> Box<Expr> {
        Box::new(Expr::Current)
    }

    fn member(of: Box<Expr>, index: usize) -> Box<Expr> {
        Box::new(Expr::Member(of, index))
    }

    #[test]
    fn paths_of_real_models_compile_to_member_indices() {
        // DynamoDB `TableExists`: `Table.TableStatus`.
        assert_eq!(ok("Thing.Status", "stringEquals", "ACTIVE"), *member(member(current(), 0), 1));
        // DynamoDB `KinesisStreamingDestinationActive`: `Dests[].DestinationStatus`.
        assert_eq!(
            ok("Items[].Status", "anyStringEquals", "ACTIVE"),
            Expr::Project { kind: Projection::Flatten, of: member(current(), 1), then: member(current(), 1) }
        );
        // CloudWatch `AlarmExists`: ``length(MetricAlarms[]) > `0` ``.
        assert_eq!(
            ok("length(Items[]) > `0`", "booleanEquals", "true"),
            Expr::Compare(
                Comparison::Gt,
                Box::new(Expr::Length(Box::new(Expr::Project { kind: Projection::Flatten, of: member(current(), 1), then: current() }))),
                Box::new(Expr::Number(0.0))
            )
        );
        // DynamoDB's filter with `||` and raw strings.
        let filtered = ok(
            "length(Items) > `0` && length(Items[?Status == 'FAILED' || Status == 'ACTIVE']) == length(Items)",
            "booleanEquals",
            "false",
        );
        let Expr::And(_, right) = filtered else { panic!("{filtered:?}") };
        let Expr::Compare(Comparison::Eq, left, _) = *right else { panic!("{right:?}") };
        let Expr::Length(filter) = *left else { panic!("{left:?}") };
        let Expr::Filter { of, condition, then } = *filter else { panic!("{filter:?}") };
        assert_eq!((*of, *then), (*member(current(), 1), Expr::Current));
        assert!(matches!(*condition, Expr::Or(..)), "{condition:?}");
    }

    #[test]
    fn maps_documents_indices_pipes_and_input_output_compile() {
        assert_eq!(ok("Tags.Owner", "stringEquals", "me"), Expr::Key(member(current(), 3), "Owner".into()));
        assert_eq!(ok("Extra.a[0].b", "stringEquals", "x"), Expr::Key(Box::new(Expr::Index(Box::new(Expr::Key(member(current(), 4), "a".into())), 0)), "b".into()));
        assert_eq!(
            ok("Items[*].Name | [-1]", "stringEquals", "x"),
            Expr::Pipe(Box::new(Expr::Project { kind: Projection::Items, of: member(current(), 1), then: member(current(), 0) }), Box::new(Expr::Index(current(), -1)))
        );
        assert_eq!(
            ok("contains(keys(Tags), 'Owner') && !Done", "booleanEquals", "true"),
            Expr::And(
                Box::new(Expr::Contains(Box::new(Expr::Keys(member(current(), 3))), Box::new(Expr::String("Owner".into())))),
                Box::new(Expr::Not(member(current(), 5)))
            )
        );
        assert_eq!(
            ok("Thing.[Name, Status]", "allStringEquals", "x"),
            Expr::Select(member(current(), 0), vec![*member(current(), 0), *member(current(), 1)])
        );
        let (expr, comparator) = path("inputOutput", "input.Name == output.Thing.Name", "booleanEquals", "true").expect("compiles");
        assert_eq!(expr, Expr::Compare(Comparison::Eq, member(Box::new(Expr::Input), 0), member(member(Box::new(Expr::Output), 0), 0)));
        assert_eq!(comparator, Comparator::BooleanEquals(true));
    }

    #[test]
    fn what_the_subset_or_the_types_refuse_is_a_warning_naming_the_waiter_and_the_path() {
        for (kind, path_text, comparator, says) in [
            ("output", "Thing.Missing", "stringEquals", "`ex#Thing` has no member `Missing`"),
            ("output", "Items[*].Name", "stringEquals", "it gives a list of strings, and `stringEquals` compares a string"),
            ("output", "Count", "stringEquals", "it gives a number"),
            ("output", "Thing.Status", "booleanEquals", "compares a boolean"),
            ("output", "Thing.Status", "allStringEquals", "compares a list of strings"),
            ("output", "Thing.Status < `1`", "booleanEquals", "compares numbers, and its left side gives a string"),
            ("output", "Count == 'x'", "booleanEquals", "never equal"),
            ("output", "Thing[*]", "anyStringEquals", "`[*]` needs a list"),
            ("output", "sort(Items)", "stringEquals", "function `sort` is not supported"),
            ("output", "length(Thing)", "booleanEquals", "`length` needs a string, list or map"),
            ("output", "Items[0:1]", "stringEquals", "slice"),
            ("output", "{a: Count}", "stringEquals", "multi-select hash"),
            ("output", "`{\"a\": 1}`", "stringEquals", "object literals"),
            ("output", "Count.x", "stringEquals", "`x` is read from a number, which has no members"),
            ("inputOutput", "Name", "stringEquals", "reads `input` or `output`, not `Name`"),
            ("inputOutput", "@", "stringEquals", "`{input, output}` object"),
        ] {
            let message = path(kind, path_text, comparator, "x").err().unwrap_or_else(|| panic!("{path_text} must be refused"));
            assert!(message.contains(says), "{path_text}: {message}");
            assert!(message.contains("waiter `Ready` of `Describe` is not generated") && message.contains(path_text), "{message}");
        }
        let message = path("output", "Done", "booleanEquals", "yes").unwrap_err();
        assert!(message.contains("expects `true` or `false`"), "{message}");
    }

    #[test]
    fn error_and_success_matchers_and_names() {
        let (waiters, warnings) = lower(
            r#"[{"state": "success", "matcher": {"errorType": "ex#Missing"}}, {"state": "retry", "matcher": {"success": true}}, {"state": "failure", "matcher": {"success": false}}]"#,
        );
        assert!(warnings.is_empty(), "{warnings}");
        let waiter = &waiters[0];
        assert_eq!(
            waiter.acceptors.iter().map(|a| a.matcher.clone()).collect::<Vec<_>>(),
            [Matcher::ErrorType("Missing".into()), Matcher::Success(true), Matcher::Success(false)]
        );
        assert_eq!(
            (waiter.method.name.as_str(), waiter.handle.as_str(), waiter.fluent.as_str(), waiter.final_poll.as_str(), waiter.error.as_str(), waiter.table.as_str()),
            ("wait_until_ready", "Ready", "ReadyFluentBuilder", "ReadyFinalPoll", "WaitUntilReadyError", "READY")
        );
        assert_eq!((waiter.min_delay, waiter.max_delay), (2, 120));
        assert!(waiter.docs.notes[0].contains("- success: the error `Missing`"), "{:?}", waiter.docs);
    }

    #[test]
    fn without_the_client_there_are_no_waiters() {
        let request = crate::Request::from_model("m.json", &model(r#"[{"state": "success", "matcher": {"success": true}}]"#), crate::config::Selection::All);
        let (krate, warnings) = crate::lower_request(&request).unwrap_or_else(|d| panic!("{d}"));
        assert!(krate.waiters.is_empty() && warnings.is_empty(), "{warnings}");
    }
}
