//! Compiled acceptor paths: the JMESPath subset codegen compiles, as a tree of [`Expr`] over the
//! schema-driven views of [`crate::value`], evaluated with JMESPath's semantics. Codegen parsed
//! the text and resolved every member to its index, so evaluating is a walk, not a parse.

use std::borrow::Cow;

use crate::value::{DocumentNumber, View};

/// One node of a compiled path. Generated crates hold trees of these in statics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expr {
    /// The value evaluation is at: the output at the top, an element inside a projection or
    /// filter.
    Current,
    /// The operation's input (`input` of an `inputOutput` path).
    Input,
    /// The operation's output (`output` of an `inputOutput` path).
    Output,
    /// `` `null` ``
    Null,
    /// `` `true` ``, `` `false` ``
    Bool(bool),
    /// A number literal.
    Number(f64),
    /// A string literal (`'raw'` or `` `"json"` ``).
    String(&'static str),
    /// A list literal.
    Array(&'static [Expr]),
    /// The member at this index of the structure the first expression gives (or of the union,
    /// when it is the member set).
    Member(&'static Expr, usize),
    /// The entry under this key of the map (or document object) the first expression gives.
    Key(&'static Expr, &'static str),
    /// The item at this index of a list; negative counts from the end.
    Index(&'static Expr, i64),
    /// `then` applied to each element of `of` (`[*]`, `[]`, `*`), keeping results that are not null.
    Project {
        /// Which elements.
        kind: Projection,
        /// What is projected.
        of: &'static Expr,
        /// Applied to each element.
        then: &'static Expr,
    },
    /// `then` applied to each item of the list `of` for which `condition` is truthy (`[?...]`).
    Filter {
        /// The list.
        of: &'static Expr,
        /// Evaluated on each item.
        condition: &'static Expr,
        /// Applied to the items kept.
        then: &'static Expr,
    },
    /// A list of each item evaluated on what the first expression gives (`a.[b, c]`); null when
    /// that is null.
    Select(&'static Expr, &'static [Expr]),
    /// The second expression evaluated on what the first gives; null when that is null.
    Sub(&'static Expr, &'static Expr),
    /// The second expression evaluated on what the first gives, null or not (`|`).
    Pipe(&'static Expr, &'static Expr),
    /// A comparison; ordering comparisons of anything but two numbers give null.
    Compare(Comparison, &'static Expr, &'static Expr),
    /// `&&`: the left value when it is falsy, else the right.
    And(&'static Expr, &'static Expr),
    /// `||`: the left value when it is truthy, else the right.
    Or(&'static Expr, &'static Expr),
    /// `!`
    Not(&'static Expr),
    /// `length(...)` of a string (in characters), list or map.
    Length(&'static Expr),
    /// `contains(subject, search)`: a list holding the value, or a string holding the text.
    Contains(&'static Expr, &'static Expr),
    /// `keys(...)` of a map, sorted.
    Keys(&'static Expr),
}

/// Which elements a projection visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Projection {
    /// `[*]`: the items of a list.
    Items,
    /// `[]`: the items of a list, lists among them merged in.
    Flatten,
    /// `*`: the values of a map (in key order) or the members set in a structure.
    Values,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// A JMESPath value: the model's containers stay views, scalars become JMESPath's.
#[derive(Clone)]
pub(crate) enum Val<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
    /// A list, map, structure or union of the model (or a document's list or object).
    Model(View<'a>),
    /// What a projection, multi-select or literal list gives.
    Array(Vec<Val<'a>>),
}

impl<'a> Val<'a> {
    /// A model value as JMESPath sees it: enums are strings, every number kind and timestamps
    /// (epoch seconds) are numbers, blobs base64 text.
    pub(crate) fn of(view: View<'a>) -> Val<'a> {
        match view {
            View::Null => Val::Null,
            View::Bool(b) => Val::Bool(b),
            View::Byte(n) => Val::Number(f64::from(n)),
            View::Short(n) => Val::Number(f64::from(n)),
            View::Integer(n) => Val::Number(f64::from(n)),
            View::Long(n) => Val::Number(n as f64),
            View::Float(n) => Val::Number(f64::from(n)),
            View::Double(n) => Val::Number(n),
            View::BigInteger(text) | View::BigDecimal(text) => text.parse().map(Val::Number).unwrap_or(Val::Null),
            View::Number(DocumentNumber::PosInt(n)) => Val::Number(n as f64),
            View::Number(DocumentNumber::NegInt(n)) => Val::Number(n as f64),
            View::Number(DocumentNumber::Float(n)) => Val::Number(n),
            View::String(text) | View::Enum { value: text, .. } => Val::String(Cow::Borrowed(text)),
            View::IntEnum { value, .. } => Val::Number(f64::from(value)),
            View::Blob(bytes) => Val::String(Cow::Owned(crate::text::base64_encode(bytes))),
            View::Timestamp { secs, nanos } => Val::Number(secs as f64 + f64::from(nanos) / 1e9),
            View::List(_) | View::Map(_) | View::Structure(..) | View::Union(..) => Val::Model(view),
        }
    }

    /// The items, when this is a list.
    fn items(&self) -> Option<Vec<Val<'a>>> {
        match self {
            Val::Array(items) => Some(items.clone()),
            Val::Model(View::List(list)) => Some((0..list.len()).map(|i| list.item(i).map_or(Val::Null, |item| Val::of(item.view()))).collect()),
            _ => None,
        }
    }

    /// JMESPath's truthiness: false, null, and empty strings, lists and objects are false.
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Val::Null => false,
            Val::Bool(b) => *b,
            Val::Number(_) => true,
            Val::String(text) => !text.is_empty(),
            Val::Array(items) => !items.is_empty(),
            Val::Model(View::List(list)) => !list.is_empty(),
            Val::Model(View::Map(map)) => !map.is_empty(),
            Val::Model(View::Structure(schema, structure)) => (0..schema.members.len()).any(|i| structure.member(i).and_then(|slot| slot.get()).is_some()),
            Val::Model(View::Union(_, union)) => union.variant().is_some(),
            Val::Model(_) => true,
        }
    }

    /// The text, when this is a string.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Val::String(text) => Some(text),
            _ => None,
        }
    }
}

/// JMESPath's equality: the same type and equal values, lists item by item, objects member by
/// member.
fn equal(a: &Val<'_>, b: &Val<'_>) -> bool {
    match (a, b) {
        (Val::Null, Val::Null) => true,
        (Val::Bool(x), Val::Bool(y)) => x == y,
        (Val::Number(x), Val::Number(y)) => x == y,
        (Val::String(x), Val::String(y)) => x == y,
        (Val::Model(x @ (View::Map(_) | View::Structure(..) | View::Union(..))), Val::Model(y)) => crate::value::equal(*x, *y),
        _ => match (a.items(), b.items()) {
            (Some(x), Some(y)) => x.len() == y.len() && x.iter().zip(&y).all(|(x, y)| equal(x, y)),
            _ => false,
        },
    }
}

/// Where a path is evaluated: the call's input and output.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub(crate) input: View<'a>,
    pub(crate) output: View<'a>,
}

impl Expr {
    /// This expression's value with `current` as `@`.
    pub(crate) fn eval<'a>(&self, current: &Val<'a>, scope: Scope<'a>) -> Val<'a> {
        match *self {
            Expr::Current => current.clone(),
            Expr::Input => Val::of(scope.input),
            Expr::Output => Val::of(scope.output),
            Expr::Null => Val::Null,
            Expr::Bool(b) => Val::Bool(b),
            Expr::Number(n) => Val::Number(n),
            Expr::String(text) => Val::String(Cow::Borrowed(text)),
            Expr::Array(items) => Val::Array(items.iter().map(|item| item.eval(current, scope)).collect()),
            Expr::Member(of, index) => match of.eval(current, scope) {
                Val::Model(View::Structure(_, structure)) => structure.member(index).and_then(|slot| slot.get()).map_or(Val::Null, |member| Val::of(member.view())),
                Val::Model(View::Union(_, union)) => match union.variant() {
                    Some((set, Some(member))) if set == index => Val::of(member.view()),
                    _ => Val::Null,
                },
                _ => Val::Null,
            },
            Expr::Key(of, key) => match of.eval(current, scope) {
                Val::Model(View::Map(map)) => map.get(key).map_or(Val::Null, |value| Val::of(value.view())),
                _ => Val::Null,
            },
            Expr::Index(of, index) => {
                let Some(items) = of.eval(current, scope).items() else { return Val::Null };
                let at = if index < 0 { items.len().checked_sub(index.unsigned_abs() as usize) } else { usize::try_from(index).ok() };
                at.and_then(|at| items.into_iter().nth(at)).unwrap_or(Val::Null)
            }
            Expr::Project { kind, of, then } => {
                let value = of.eval(current, scope);
                let elements = match kind {
                    Projection::Items => value.items(),
                    Projection::Flatten => value.items().map(|items| items.into_iter().flat_map(|item| item.items().unwrap_or_else(|| vec![item])).collect()),
                    Projection::Values => values(&value),
                };
                match elements {
                    Some(elements) => project(elements.iter(), then, scope),
                    None => Val::Null,
                }
            }
            Expr::Filter { of, condition, then } => match of.eval(current, scope).items() {
                Some(items) => project(items.iter().filter(|item| condition.eval(item, scope).truthy()), then, scope),
                None => Val::Null,
            },
            Expr::Select(of, items) => match of.eval(current, scope) {
                Val::Null => Val::Null,
                value => Val::Array(items.iter().map(|item| item.eval(&value, scope)).collect()),
            },
            Expr::Sub(of, then) => match of.eval(current, scope) {
                Val::Null => Val::Null,
                value => then.eval(&value, scope),
            },
            Expr::Pipe(of, then) => then.eval(&of.eval(current, scope), scope),
            Expr::Compare(op, left, right) => {
                let (left, right) = (left.eval(current, scope), right.eval(current, scope));
                match op {
                    Comparison::Eq => Val::Bool(equal(&left, &right)),
                    Comparison::Ne => Val::Bool(!equal(&left, &right)),
                    _ => match (left, right) {
                        (Val::Number(x), Val::Number(y)) => Val::Bool(match op {
                            Comparison::Lt => x < y,
                            Comparison::Le => x <= y,
                            Comparison::Gt => x > y,
                            _ => x >= y,
                        }),
                        _ => Val::Null,
                    },
                }
            }
            Expr::And(left, right) => {
                let left = left.eval(current, scope);
                if left.truthy() { right.eval(current, scope) } else { left }
            }
            Expr::Or(left, right) => {
                let left = left.eval(current, scope);
                if left.truthy() { left } else { right.eval(current, scope) }
            }
            Expr::Not(inner) => Val::Bool(!inner.eval(current, scope).truthy()),
            Expr::Length(of) => match of.eval(current, scope) {
                Val::String(text) => Val::Number(text.chars().count() as f64),
                Val::Model(View::Map(map)) => Val::Number(map.len() as f64),
                value => value.items().map_or(Val::Null, |items| Val::Number(items.len() as f64)),
            },
            Expr::Contains(subject, search) => {
                let (subject, search) = (subject.eval(current, scope), search.eval(current, scope));
                match (&subject, &search) {
                    (Val::String(text), Val::String(part)) => Val::Bool(text.contains(part.as_ref())),
                    (Val::String(_), _) => Val::Bool(false),
                    _ => subject.items().map_or(Val::Null, |items| Val::Bool(items.iter().any(|item| equal(item, &search)))),
                }
            }
            Expr::Keys(of) => match of.eval(current, scope) {
                Val::Model(View::Map(map)) => {
                    Val::Array(crate::value::sorted_entries(map).into_iter().map(|(key, _)| Val::String(Cow::Borrowed(key))).collect())
                }
                _ => Val::Null,
            },
        }
    }
}

/// `then` on each element, keeping what is not null.
fn project<'e, 'a: 'e>(elements: impl Iterator<Item = &'e Val<'a>>, then: &Expr, scope: Scope<'a>) -> Val<'a> {
    Val::Array(elements.map(|element| then.eval(element, scope)).filter(|value| !matches!(value, Val::Null)).collect())
}

/// The values of a map (in key order, so results do not depend on hash order) or the members
/// set in a structure or union.
fn values<'a>(value: &Val<'a>) -> Option<Vec<Val<'a>>> {
    match value {
        Val::Model(View::Map(map)) => Some(crate::value::sorted_entries(*map).into_iter().map(|(_, value)| Val::of(value.view())).collect()),
        Val::Model(View::Structure(schema, structure)) => {
            Some((0..schema.members.len()).filter_map(|i| structure.member(i).and_then(|slot| slot.get())).map(|member| Val::of(member.view())).collect())
        }
        Val::Model(View::Union(_, union)) => Some(union.variant().and_then(|(_, member)| member).map(|member| Val::of(member.view())).into_iter().collect()),
        _ => None,
    }
}
