//! Waiters (`smithy.waiters#waitable`): names, delays and acceptors with their JMESPath paths
//! compiled against the operation's shapes into [`Expr`] trees, which the generated crate holds
//! as a static table for the runtime to walk (the runtime's `client::waiter::Expr`).

use super::{Docs, Ident};
pub use crate::traits::waitable::AcceptorState;

/// One waiter, for an operation the client offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// The waiter's name in the model (`TableExists`).
    pub name: String,
    /// Index into [`super::Crate::operations`].
    pub operation: usize,
    /// `client.wait_until_table_exists()`
    pub method: Ident,
    /// `crate::waiters::TableExists`: what the operation's input builder holds instead of the
    /// client, so that builder offers `wait()`.
    pub handle: String,
    /// `TableExistsFluentBuilder`
    pub fluent: String,
    /// `TableExistsFinalPoll`
    pub final_poll: String,
    /// `WaitUntilTableExistsError`
    pub error: String,
    /// The static holding the waiter's table (`TABLE_EXISTS`).
    pub table: String,
    pub docs: Docs,
    pub deprecated: bool,
    /// Seconds.
    pub min_delay: u64,
    /// Seconds.
    pub max_delay: u64,
    pub acceptors: Vec<Acceptor>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Acceptor {
    pub state: AcceptorState,
    pub matcher: Matcher,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    /// A path over the output (`inputOutput` paths too: they reach the input through
    /// [`Expr::Input`]).
    Path {
        /// The path as the model writes it (shown in docs and in the runtime's messages).
        source: String,
        expr: Expr,
        comparator: Comparator,
    },
    /// `true`: the call succeeded; `false`: it failed with any error.
    Success(bool),
    /// The call failed with an error of this name (shape name or code).
    ErrorType(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparator {
    StringEquals(String),
    BooleanEquals(bool),
    AllStringEquals(String),
    AnyStringEquals(String),
}

/// A compiled path; see the runtime's `client::waiter::Expr` for what each evaluates to.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// The value evaluation is at: the output at the top, an element inside a projection.
    Current,
    /// The operation's input (`input` of an `inputOutput` path).
    Input,
    /// The operation's output (`output` of an `inputOutput` path).
    Output,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A literal list.
    Array(Vec<Expr>),
    /// The field (or union member) at this index of the structure `of` gives.
    Member(Box<Expr>, usize),
    /// The entry under this key of the map (or document object) `of` gives.
    Key(Box<Expr>, String),
    /// The item at this index (from the end when negative) of a list.
    Index(Box<Expr>, i64),
    /// `then` applied to each element of `of`, keeping what is not null.
    Project { kind: Projection, of: Box<Expr>, then: Box<Expr> },
    /// `then` applied to each item of the list `of` for which `condition` is truthy.
    Filter { of: Box<Expr>, condition: Box<Expr>, then: Box<Expr> },
    /// A list of each item evaluated on what `of` gives (null when that is null).
    Select(Box<Expr>, Vec<Expr>),
    /// `then` evaluated on what `of` gives; null when that is null (a sub-expression whose
    /// right side does not start from its left side's value, such as a function call).
    Sub(Box<Expr>, Box<Expr>),
    /// `then` evaluated on what `of` gives, null or not (a pipe).
    Pipe(Box<Expr>, Box<Expr>),
    Compare(Comparison, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Length(Box<Expr>),
    Contains(Box<Expr>, Box<Expr>),
    Keys(Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Projection {
    /// `[*]`
    Items,
    /// `[]`
    Flatten,
    /// `*`
    Values,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}
