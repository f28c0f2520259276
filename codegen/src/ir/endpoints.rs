//! The service's endpoint rule set and its test cases, parsed and type-checked in lowering.
//!
//! Every expression carries its type as the rules engine defines it, already narrowed where an
//! earlier condition proves an optional value set, and every condition says what it binds for
//! the conditions and the outcome after it. So the emitter translates and never checks.

use std::fmt;

use super::Ident;
use super::protocol_tests::Literal;
use crate::node::Node;

/// `smithy.rules#endpointRuleSet` and the cases of `smithy.rules#endpointTests`.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointRules {
    /// The rules engine version the rule set names.
    pub version: Option<String>,
    pub parameters: Vec<Parameter>,
    pub rules: Vec<Rule>,
    pub tests: Vec<TestCase>,
    /// Some endpoint rule can return a `sigv4a` auth scheme: the crate offers the runtime's
    /// `sigv4a` feature.
    pub sigv4a: bool,
}

/// One parameter of the rule set and the Rust field that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The name the rules and test cases use.
    pub name: String,
    /// The field of `Params`, its builder's setter, and the local `resolve` reads it into.
    pub field: Ident,
    /// `set_x`, the builder's setter taking an `Option`.
    pub set: Ident,
    pub rename_note: Option<String>,
    pub ty: ParamType,
    pub built_in: Option<String>,
    pub required: bool,
    pub default: Option<ParamValue>,
    /// The deprecation message, with its `since` when the model gives one.
    pub deprecated: Option<String>,
    pub documentation: Option<String>,
    /// Some rule reads the parameter; `resolve` binds only those (and checks the others only
    /// for presence, when required).
    pub read: bool,
    /// Some operation binds it ([`ContextBinding`]): the builder's `bind` sets it.
    pub bound: bool,
}

impl Parameter {
    /// The field is `T` (the parameter has a default), not `Option<T>`.
    pub fn always_set(&self) -> bool {
        self.default.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Boolean,
    StringArray,
}

/// A parameter value: a default, or what a test case sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    String(String),
    Boolean(bool),
    StringArray(Vec<String>),
}

impl ParamValue {
    /// The value as compact JSON, as the model wrote it (for documentation).
    pub fn to_json(&self) -> String {
        let node = match self {
            ParamValue::String(s) => Node::String(s.clone()),
            ParamValue::Boolean(b) => Node::Bool(*b),
            ParamValue::StringArray(items) => Node::Array(items.iter().cloned().map(Node::String).collect()),
        };
        node.to_json()
    }
}

/// A rule: conditions that must all hold, then its outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub documentation: Option<String>,
    pub conditions: Vec<Condition>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Endpoint(EndpointValue),
    /// The error message (a string expression).
    Error(Expr),
    /// Rules evaluated in order, in the scope the conditions made.
    Tree(Vec<Rule>),
}

/// A condition: a function call that must return `true` or a value that is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// An [`ExprKind::Call`] or an [`ExprKind::GetAttr`].
    pub call: Expr,
    /// The name `assign` gives the call's value.
    pub assign: Option<String>,
    pub binds: Binds,
}

/// What a condition makes available to the conditions and the outcome after it. Only bindings
/// something later reads are recorded; the others cost the generated code nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binds {
    Nothing,
    /// `isSet` of an optional reference: from here on the reference is set (under its local).
    ProvenSet(Ref),
    /// `assign`: the call's value (unwrapped when optional, since the condition requires it to
    /// be set) under this local, of this type; its name is the condition's `assign`.
    Value { local: Ident, ty: ValueType },
}

/// The static type of a rules engine value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueType {
    String,
    Bool,
    Int,
    StringArray,
    Partition,
    Url,
    Arn,
    Optional(Box<ValueType>),
}

impl ValueType {
    pub fn optional(inner: ValueType) -> ValueType {
        ValueType::Optional(Box::new(inner))
    }
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueType::String => f.write_str("string"),
            ValueType::Bool => f.write_str("bool"),
            ValueType::Int => f.write_str("int"),
            ValueType::StringArray => f.write_str("array<string>"),
            ValueType::Partition => f.write_str("Partition"),
            ValueType::Url => f.write_str("URL"),
            ValueType::Arn => f.write_str("ARN"),
            ValueType::Optional(inner) => write!(f, "option<{inner}>"),
        }
    }
}

/// A typed expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    /// The type at this point of the rules: a reference proven set earlier is not optional.
    pub ty: ValueType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    Bool(bool),
    Int(usize),
    /// A string literal; `{Name}` and `{Name#path}` parts are references (`{{` and `}}` are
    /// already unescaped). No parts is the empty string.
    Template(Vec<TemplatePart>),
    Ref(Ref),
    GetAttr(Box<GetAttr>),
    Call(Box<Function>),
}

/// A parameter or an assigned name, and the Rust local holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub name: String,
    pub local: Ident,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    Literal(String),
    /// A string reference or attribute.
    Value(Expr),
}

/// `getAttr`: an attribute of a partition, URL or ARN, then optionally an index into it; or
/// only an index into a string array (`[0]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetAttr {
    pub target: Expr,
    pub attribute: Option<Attribute>,
    pub index: Option<usize>,
}

/// The attributes of the values functions return, each read from one type (the model's name
/// in parentheses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    /// Partition (`name`).
    PartitionName,
    /// Partition (`dnsSuffix`).
    DnsSuffix,
    /// Partition (`dualStackDnsSuffix`).
    DualStackDnsSuffix,
    /// Partition (`implicitGlobalRegion`).
    ImplicitGlobalRegion,
    /// Partition (`supportsFIPS`).
    SupportsFips,
    /// Partition (`supportsDualStack`).
    SupportsDualStack,
    /// URL (`scheme`).
    Scheme,
    /// URL (`authority`).
    Authority,
    /// URL (`path`).
    Path,
    /// URL (`normalizedPath`).
    NormalizedPath,
    /// URL (`isIp`).
    IsIp,
    /// ARN (`partition`).
    ArnPartition,
    /// ARN (`service`).
    Service,
    /// ARN (`region`).
    Region,
    /// ARN (`accountId`).
    AccountId,
    /// ARN (`resourceId`), an array of strings.
    ResourceId,
}

/// A call of a function the generator supports, with its arguments type-checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Function {
    /// Of any type; always true for a value that is not optional.
    IsSet(Expr),
    Not(Expr),
    BooleanEquals(Expr, Expr),
    StringEquals(Expr, Expr),
    ParseUrl(Expr),
    Substring { input: Expr, start: Expr, stop: Expr, reverse: Expr },
    UriEncode(Expr),
    IsValidHostLabel { value: Expr, allow_subdomains: Expr },
    /// `aws.partition`
    Partition(Expr),
    /// `aws.parseArn`
    ParseArn(Expr),
    /// `aws.isVirtualHostableS3Bucket`
    IsVirtualHostableS3Bucket { value: Expr, allow_subdomains: Expr },
}

impl Function {
    pub fn arguments(&self) -> Vec<&Expr> {
        match self {
            Function::IsSet(a) | Function::Not(a) | Function::ParseUrl(a) | Function::UriEncode(a) | Function::Partition(a) | Function::ParseArn(a) => {
                vec![a]
            }
            Function::BooleanEquals(a, b) | Function::StringEquals(a, b) => vec![a, b],
            Function::IsValidHostLabel { value, allow_subdomains } | Function::IsVirtualHostableS3Bucket { value, allow_subdomains } => {
                vec![value, allow_subdomains]
            }
            Function::Substring { input, start, stop, reverse } => vec![input, start, stop, reverse],
        }
    }
}

/// The endpoint an endpoint rule resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointValue {
    /// A string expression.
    pub url: Expr,
    /// Header names and their string expressions, in model order.
    pub headers: Vec<(String, Vec<Expr>)>,
    /// Properties such as `authSchemes`, in model order; their strings are expressions.
    pub properties: Vec<(String, Document<Expr>)>,
}

/// A document value whose strings are `S`: expressions in rules, text in test expectations.
#[derive(Debug, Clone, PartialEq)]
pub enum Document<S> {
    Null,
    Bool(bool),
    Number(Number),
    String(S),
    Array(Vec<Document<S>>),
    Object(Vec<(String, Document<S>)>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

/// One case of `smithy.rules#endpointTests`.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// The test function's name.
    pub name: Ident,
    pub documentation: Option<String>,
    /// The parameters the case sets (index into [`EndpointRules::parameters`]), in case order;
    /// parameters set to `null` are left out.
    pub params: Vec<(usize, ParamValue)>,
    /// The case's `operationInputs` for operations this crate calls, each checked against the
    /// same expectation through the operation's bindings.
    pub operation_inputs: Vec<OperationInput>,
    pub expect: Expectation,
}

/// One of a case's `operationInputs`: a call of an operation of the crate, and the client
/// settings it is made with.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationInput {
    /// Index into `Crate::operations`.
    pub operation: usize,
    /// Its `operationParams`, as a value of the operation's input.
    pub input: Literal,
    /// Its `builtInParams` and `clientParams`, as the parameters they set (index into
    /// [`EndpointRules::parameters`]), in case order.
    pub params: Vec<(usize, ParamValue)>,
}

/// A rule-set parameter one operation binds: `smithy.rules#staticContextParams`,
/// `smithy.rules#contextParam` or `smithy.rules#operationContextParams`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextBinding {
    /// Index into [`EndpointRules::parameters`].
    pub param: usize,
    pub source: ContextSource,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextSource {
    /// `staticContextParams`: this value, of the parameter's type.
    Static(ParamValue),
    /// `contextParam` (a path of one member) or `operationContextParams`: the value at this
    /// path of the input, typed against the input's shapes to give the parameter's type.
    Input(Vec<PathStep>),
}

/// A step of a compiled path; see the runtime's `schema::PathStep`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    /// The field at this index of a structure, or the variant at this index of a union.
    Member(usize),
    /// Every item of a list.
    Items,
    /// Every value of a map.
    Values,
    /// Every key of a map (ends a path).
    Keys,
    /// Each path from the same value, in order.
    Select(Vec<Vec<PathStep>>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    /// The message of the error.
    Error(String),
    Endpoint(ExpectedEndpoint),
}

/// An expected endpoint, with headers and properties in model order.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedEndpoint {
    pub url: String,
    pub headers: Vec<(String, Vec<String>)>,
    pub properties: Vec<(String, Document<String>)>,
}
