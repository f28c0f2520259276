//! Endpoint resolution generated from the service's `smithy.rules#endpointRuleSet`.
//!
//! The rule tree becomes straight Rust: conditions become `if` / `if let` chains (an `isSet` on a
//! parameter rebinds it as set, an `assign` binds the function's result), templates become string
//! concatenation, error rules return `ResolveError`s, and tree rules nest. Expressions are type
//! checked as the rules engine specifies (an optional value must be proven set before use), and
//! every problem is reported by [`endpoint_diagnostics`] instead of producing code that would not
//! compile. The functions the generated code calls live in `codegen/runtime/endpoint.rs`, copied
//! into the crate as `src/endpoint_lib.rs`.
//!
//! `smithy.rules#endpointTests` cases become `tests/endpoint_tests.rs`: one `#[test]` per case,
//! checking the URL, headers and properties, or the error message, exactly.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Value};

use super::doc_lines;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Crate;

/// Functions of the rules engine standard library and the AWS library the generator compiles.
pub const SUPPORTED_FUNCTIONS: &[&str] = &[
    "isSet",
    "not",
    "booleanEquals",
    "stringEquals",
    "getAttr",
    "parseURL",
    "substring",
    "uriEncode",
    "isValidHostLabel",
    "aws.partition",
    "aws.parseArn",
    "aws.isVirtualHostableS3Bucket",
];

/// The message of the error a resolver returns when no rule matches (the rule set has no
/// unconditional fallback on that path).
const EXHAUSTED: &str = "no rule of the endpoint rule set matched these parameters";

/// The resolver module (`src/endpoint.rs`) and its tests (`tests/endpoint_tests.rs`), or `None`
/// when the service has no rule set (or one [`endpoint_diagnostics`] reports errors for).
pub(crate) fn emit_endpoints(krate: &Crate) -> Option<(TokenStream, TokenStream)> {
    generate(krate).ok().flatten()
}

/// Errors that stop the rule set from becoming a resolver: functions the generator does not
/// support (each named once, with the service's shape id), type errors, and malformed rules or
/// test cases. Empty when the service has no rule set.
pub fn endpoint_diagnostics(krate: &Crate) -> Diagnostics {
    match generate(krate) {
        Ok(_) => Diagnostics::default(),
        Err(diagnostics) => diagnostics,
    }
}

fn generate(krate: &Crate) -> Result<Option<(TokenStream, TokenStream)>, Diagnostics> {
    let Some(rule_set) = krate.endpoint.as_ref().map(|e| &e.rule_set) else { return Ok(None) };
    let service = krate.service_id.clone().unwrap_or_else(|| "(unknown service)".to_string());
    let error = |message: String| Diagnostic::error("EndpointRuleSetInvalid", message).shape(service.clone());
    let mut diagnostics = Diagnostics::default();
    for (name, at) in unsupported_functions(rule_set) {
        diagnostics.push(
            Diagnostic::error(
                "EndpointFunctionUnsupported",
                format!("the endpoint rule set of `{service}` calls function `{name}` (first at {at}), which this generator does not support"),
            )
            .shape(service.clone())
            .hint(format!("supported functions: {}", SUPPORTED_FUNCTIONS.join(", "))),
        );
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let params = parse_params(rule_set).map_err(|m| one(error(m)))?;
    let mut compiler = Compiler { params: &params, scope: Vec::new() };
    let resolver = compiler.resolver(rule_set, &service, krate.client.is_some()).map_err(|m| one(error(m)))?;
    let tests = endpoint_tests(krate, &params, &service).map_err(|m| {
        one(Diagnostic::error("EndpointTestInvalid", m).shape(service.clone()))
    })?;
    Ok(Some((resolver, tests)))
}

fn one(diagnostic: Diagnostic) -> Diagnostics {
    Diagnostics(vec![diagnostic])
}

/// Every function name the rule set calls that the generator does not support, once each, with
/// the JSON pointer of its first use.
fn unsupported_functions(rule_set: &Value) -> Vec<(String, String)> {
    fn walk(value: &Value, at: &str, found: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(name)) = map.get("fn") {
                    if !SUPPORTED_FUNCTIONS.contains(&name.as_str()) && !found.iter().any(|(n, _)| n == name) {
                        found.push((name.clone(), if at.is_empty() { "/".to_string() } else { at.to_string() }));
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{}", crate::diagnostics::pointer_segment(key)), found);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Some(rules) = rule_set.get("rules") {
        walk(rules, "/rules", &mut found);
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamType {
    String,
    Boolean,
    StringArray,
}

/// One parameter of the rule set and the Rust field that carries it.
struct Param {
    name: String,
    field: crate::ir::Ident,
    ty: ParamType,
    required: bool,
    default: Option<Value>,
    built_in: Option<String>,
    documentation: Option<String>,
    deprecated: Option<String>,
    rename_note: Option<String>,
}

impl Param {
    /// The field is `T` (the parameter has a default), not `Option<T>`.
    fn always_set(&self) -> bool {
        self.default.is_some()
    }
}

fn parse_params(rule_set: &Value) -> Result<Vec<Param>, String> {
    let Some(map) = rule_set.get("parameters").and_then(Value::as_object) else {
        return Err("the endpoint rule set has no `parameters` object".to_string());
    };
    let mut params: Vec<Param> = Vec::new();
    for (name, spec) in map {
        let ty = match spec.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("string") => ParamType::String,
            Some("boolean") => ParamType::Boolean,
            Some("stringarray") => ParamType::StringArray,
            other => return Err(format!("parameter `{name}` has unsupported type {other:?} (expected string, boolean or stringArray)")),
        };
        let default = spec.get("default").filter(|v| !v.is_null()).cloned();
        if let Some(value) = &default {
            let fits = match ty {
                ParamType::String => value.is_string(),
                ParamType::Boolean => value.is_boolean(),
                ParamType::StringArray => value.as_array().is_some_and(|items| items.iter().all(Value::is_string)),
            };
            if !fits {
                return Err(format!("the default of parameter `{name}` ({value}) does not match its type"));
            }
        }
        let field = crate::naming::field_name(name);
        if let Some(other) = params.iter().find(|p| p.field == field.ident) {
            return Err(format!("parameters `{}` and `{name}` both become the Rust name `{}`", other.name, field.ident.name));
        }
        let deprecated = spec.get("deprecated").filter(|v| !v.is_null()).map(|d| {
            let message = d.get("message").and_then(Value::as_str).unwrap_or("deprecated");
            match d.get("since").and_then(Value::as_str) {
                Some(since) => format!("{message} (since {since})"),
                None => message.to_string(),
            }
        });
        params.push(Param {
            name: name.clone(),
            field: field.ident,
            ty,
            required: spec.get("required").and_then(Value::as_bool).unwrap_or(false),
            default,
            built_in: spec.get("builtIn").and_then(Value::as_str).map(str::to_string),
            documentation: spec.get("documentation").and_then(Value::as_str).map(str::to_string),
            deprecated,
            rename_note: field.rename_note,
        });
    }
    Ok(params)
}

/// The static type of a rules engine value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ty {
    String,
    Bool,
    Int,
    StringArray,
    Partition,
    Url,
    Arn,
    Optional(Box<Ty>),
}

impl std::fmt::Display for Ty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ty::String => f.write_str("string"),
            Ty::Bool => f.write_str("bool"),
            Ty::Int => f.write_str("int"),
            Ty::StringArray => f.write_str("array<string>"),
            Ty::Partition => f.write_str("Partition"),
            Ty::Url => f.write_str("URL"),
            Ty::Arn => f.write_str("ARN"),
            Ty::Optional(inner) => write!(f, "option<{inner}>"),
        }
    }
}

/// A compiled expression. Strings are `&str` unless `owned` (then `String`); string arrays are
/// `&[String]`; partitions `&'static Partition`; URLs and ARNs are values; optionals `Option<_>`.
struct Expr {
    tokens: TokenStream,
    ty: Ty,
    owned: bool,
    /// Safe to use as an operand or method receiver without parentheses.
    atomic: bool,
    /// The value of a boolean literal, folded into comparisons.
    literal_bool: Option<bool>,
    /// The natural negation of a boolean expression (`a != b` for `a == b`).
    negated: Option<TokenStream>,
}

impl Expr {
    fn new(tokens: TokenStream, ty: Ty) -> Expr {
        Expr { tokens, ty, owned: false, atomic: true, literal_bool: None, negated: None }
    }

    fn operand(&self) -> TokenStream {
        let tokens = &self.tokens;
        if self.atomic { tokens.clone() } else { quote!((#tokens)) }
    }

    /// A `&str` of a string expression.
    fn as_str(&self) -> TokenStream {
        if self.owned {
            let operand = self.operand();
            quote!(#operand.as_str())
        } else {
            self.tokens.clone()
        }
    }

    /// Something `impl Into<String>` accepts.
    fn string_arg(&self) -> TokenStream {
        self.tokens.clone()
    }

    /// An owned `String`.
    fn to_owned_string(&self) -> TokenStream {
        let tokens = &self.tokens;
        if self.owned { tokens.clone() } else { quote!(::std::string::String::from(#tokens)) }
    }

    fn negate(self) -> Expr {
        if let Some(b) = self.literal_bool {
            return bool_literal(!b);
        }
        let negated = self.tokens.clone();
        let tokens = match self.negated {
            Some(tokens) => tokens,
            None => {
                let operand = self.operand();
                quote!(!#operand)
            }
        };
        Expr { tokens, ty: Ty::Bool, owned: false, atomic: false, literal_bool: None, negated: Some(negated) }
    }
}

fn bool_literal(b: bool) -> Expr {
    Expr { literal_bool: Some(b), ..Expr::new(quote!(#b), Ty::Bool) }
}

/// A variable in scope: a parameter or an assigned value, with its Rust local and type.
struct Var {
    name: String,
    ident: proc_macro2::Ident,
    ty: Ty,
}

/// One condition, as Rust control flow.
enum Guard {
    /// Always true, nothing to emit.
    Skip,
    /// `if <bool>`
    If(TokenStream),
    /// `if let Some(<pat>) = <expr>`
    IfLet(proc_macro2::Ident, TokenStream),
    /// `let <pat> = <expr>;` (a value that is always present)
    Let(TokenStream, TokenStream),
}

struct Compiler<'a> {
    params: &'a [Param],
    scope: Vec<Var>,
}

fn local_ident(name: &str) -> proc_macro2::Ident {
    crate::naming::field_name(name).ident.to_ident()
}

fn lib() -> TokenStream {
    quote!(::smithy_rt::endpoint)
}

impl Compiler<'_> {
    fn resolver(&mut self, rule_set: &Value, service: &str, client: bool) -> Result<TokenStream, String> {
        let rules = rule_set.get("rules").and_then(Value::as_array).ok_or("the endpoint rule set has no `rules` array")?;
        let version = rule_set.get("version").and_then(Value::as_str).unwrap_or("unknown");
        let rules_value = Value::Array(rules.clone());

        // Required parameters without a default are checked first; the others are read once.
        let mut prologue = TokenStream::new();
        let mut destructure = Vec::new();
        let mut bindings = TokenStream::new();
        let lib = lib();
        for param in self.params {
            let field = param.field.to_ident();
            let used = references(&rules_value, &param.name);
            let missing = format!("Missing required parameter: '{}'", param.name);
            let needs_check = param.required && !param.always_set();
            if !used {
                if needs_check {
                    prologue.extend(quote! {
                        if params.#field.is_none() {
                            return ::std::result::Result::Err(#lib::ResolveError::new(#missing));
                        }
                    });
                }
                continue;
            }
            destructure.push(field.clone());
            let read = match (param.ty, param.always_set()) {
                (ParamType::String, true) => quote!(#field.as_str()),
                (ParamType::StringArray, true) => quote!(#field.as_slice()),
                (ParamType::Boolean, _) => quote!(*#field),
                (ParamType::String | ParamType::StringArray, false) => quote!(#field.as_deref()),
            };
            let base = match param.ty {
                ParamType::String => Ty::String,
                ParamType::Boolean => Ty::Bool,
                ParamType::StringArray => Ty::StringArray,
            };
            let ty = if needs_check || param.always_set() {
                if needs_check {
                    bindings.extend(quote! {
                        let ::std::option::Option::Some(#field) = #read else {
                            return ::std::result::Result::Err(#lib::ResolveError::new(#missing));
                        };
                    });
                } else {
                    bindings.extend(quote!(let #field = #read;));
                }
                base
            } else {
                bindings.extend(quote!(let #field = #read;));
                Ty::Optional(Box::new(base))
            };
            self.scope.push(Var { name: param.name.clone(), ident: field, ty });
        }
        let omitted = destructure.len() < self.params.len();
        let rest = omitted.then(|| quote!(..));
        let destructure = if destructure.is_empty() {
            quote!(let _ = params;)
        } else {
            quote!(let Params { #( #destructure, )* #rest } = params;)
        };
        let body = self.rules(rules, "/rules", true)?;
        let (params_struct, builder) = params_items(self.params);
        let settings = client.then(|| resolve_settings(self.params));
        let module_doc_text = format!(
            " Endpoint resolution for `{service}`, generated from its `smithy.rules#endpointRuleSet` (rules engine version {version})."
        );
        let module_doc_usage = " Fill in [`Params`] (usually from the client's configuration) and call [`resolve`]; the functions the rules call live in the runtime's `endpoint` module.";
        Ok(quote! {
            #![doc = #module_doc_text]
            #![doc = ""]
            #![doc = #module_doc_usage]

            pub use ::smithy_rt::endpoint::{Endpoint, ResolveError};

            #params_struct
            #builder

            /// Resolve the endpoint for `params` by evaluating the service's endpoint rule set.
            ///
            /// Returns the endpoint of the first rule that matches, or the message of the first error rule that
            /// matches (also when a required parameter is missing, or when no rule matches).
            pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, ResolveError> {
                #prologue
                #destructure
                #bindings
                #body
            }

            #settings
        })
    }

    fn lookup(&self, name: &str) -> Option<&Var> {
        self.scope.iter().rev().find(|v| v.name == name)
    }

    /// A list of rules, evaluated in order. In `tail` position the final outcome is the block's
    /// value instead of a `return`.
    fn rules(&mut self, rules: &[Value], at: &str, tail: bool) -> Result<TokenStream, String> {
        let mut out = TokenStream::new();
        for (i, rule) in rules.iter().enumerate() {
            let (tokens, always) = self.rule(rule, &format!("{at}/{i}"), tail)?;
            out.extend(tokens);
            if always {
                // Later rules can never be reached.
                return Ok(out);
            }
        }
        let lib = lib();
        let error = quote!(::std::result::Result::Err(#lib::ResolveError::new(#EXHAUSTED)));
        out.extend(if tail { error } else { quote!(return #error;) });
        Ok(out)
    }

    /// One rule: its conditions around its outcome. The flag says the rule always matches.
    fn rule(&mut self, rule: &Value, at: &str, tail: bool) -> Result<(TokenStream, bool), String> {
        let object = rule.as_object().ok_or_else(|| format!("the rule at {at} is not an object"))?;
        let conditions: &[Value] = match object.get("conditions") {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => return Err(format!("`conditions` of the rule at {at} is not an array")),
        };
        let kind = object.get("type").and_then(Value::as_str).ok_or_else(|| format!("the rule at {at} has no `type`"))?;
        let outcome: Vec<&Value> = match kind {
            "endpoint" => object.get("endpoint").into_iter().collect(),
            "error" => object.get("error").into_iter().collect(),
            "tree" => object.get("rules").into_iter().collect(),
            other => return Err(format!("the rule at {at} has unknown type `{other}`")),
        };
        let mark = self.scope.len();
        let mut guards = Vec::new();
        for (i, condition) in conditions.iter().enumerate() {
            let later: Vec<&Value> = conditions[i + 1..].iter().chain(outcome.iter().copied()).collect();
            guards.extend(self.condition(condition, &later, &format!("{at}/conditions/{i}"))?);
        }
        let always = guards.iter().all(|g| matches!(g, Guard::Skip | Guard::Let(..)));
        let tail = tail && always;
        let body = match kind {
            "endpoint" => {
                let endpoint = object.get("endpoint").ok_or_else(|| format!("the endpoint rule at {at} has no `endpoint`"))?;
                let value = self.endpoint(endpoint, &format!("{at}/endpoint"))?;
                if tail { quote!(::std::result::Result::Ok(#value)) } else { quote!(return ::std::result::Result::Ok(#value);) }
            }
            "error" => {
                let message = object.get("error").ok_or_else(|| format!("the error rule at {at} has no `error`"))?;
                let message = self.expr(message, &format!("{at}/error"))?;
                expect(&message, &Ty::String, &format!("the error message at {at}"))?;
                let message = message.string_arg();
                let lib = lib();
                let value = quote!(::std::result::Result::Err(#lib::ResolveError::new(#message)));
                if tail { value } else { quote!(return #value;) }
            }
            _ => {
                let children = object
                    .get("rules")
                    .and_then(Value::as_array)
                    .ok_or_else(|| format!("the tree rule at {at} has no `rules` array"))?;
                self.rules(children, &format!("{at}/rules"), tail)?
            }
        };
        self.scope.truncate(mark);
        Ok((assemble(&guards, body), always))
    }

    /// A condition: a function call whose result must be `true` or present, optionally assigned.
    fn condition(&mut self, condition: &Value, later: &[&Value], at: &str) -> Result<Vec<Guard>, String> {
        let object = condition.as_object().ok_or_else(|| format!("the condition at {at} is not an object"))?;
        if !object.contains_key("fn") {
            return Err(format!("the condition at {at} is not a function call"));
        }
        let assign = match object.get("assign") {
            None | Some(Value::Null) => None,
            Some(Value::String(name)) => {
                if self.lookup(name).is_some() {
                    return Err(format!("the condition at {at} assigns `{name}`, which is already defined"));
                }
                let ident = local_ident(name);
                if let Some(other) = self.scope.iter().find(|v| v.ident == ident) {
                    return Err(format!("the condition at {at} assigns `{name}`, whose Rust name `{ident}` is already taken by `{}`", other.name));
                }
                Some(name.clone())
            }
            Some(_) => return Err(format!("`assign` of the condition at {at} is not a string")),
        };
        let used_later = |name: &str| later.iter().any(|v| references(v, name));

        // `isSet` of a parameter or variable proves it set for the rest of the rule.
        if object.get("fn").and_then(Value::as_str) == Some("isSet") && assign.is_none() {
            if let Some(name) = single_ref(object) {
                let var = self.lookup(name).ok_or_else(|| format!("the condition at {at} refers to `{name}`, which is not defined"))?;
                let Ty::Optional(inner) = var.ty.clone() else {
                    return Ok(vec![Guard::Skip]);
                };
                let ident = var.ident.clone();
                if used_later(name) {
                    self.scope.push(Var { name: name.to_string(), ident: ident.clone(), ty: *inner });
                    return Ok(vec![Guard::IfLet(ident.clone(), quote!(#ident))]);
                }
                return Ok(vec![Guard::If(quote!(#ident.is_some()))]);
            }
        }

        let expr = self.call(object, at)?;
        Ok(match (expr.ty.clone(), assign) {
            (Ty::Optional(inner), Some(name)) if used_later(&name) => {
                let ident = local_ident(&name);
                self.scope.push(Var { name, ident: ident.clone(), ty: *inner });
                vec![Guard::IfLet(ident, expr.tokens)]
            }
            (Ty::Optional(_), _) => {
                let operand = expr.operand();
                vec![Guard::If(quote!(#operand.is_some()))]
            }
            (Ty::Bool, assign) => {
                let mut guards = Vec::new();
                let test = match assign {
                    Some(name) if used_later(&name) => {
                        let ident = local_ident(&name);
                        let tokens = expr.tokens;
                        guards.push(Guard::Let(quote!(#ident), tokens));
                        self.scope.push(Var { name, ident: ident.clone(), ty: Ty::Bool });
                        Expr::new(quote!(#ident), Ty::Bool)
                    }
                    _ => expr,
                };
                match test.literal_bool {
                    Some(true) => guards.push(Guard::Skip),
                    _ => guards.push(Guard::If(test.tokens)),
                }
                guards
            }
            (ty, Some(name)) if used_later(&name) => {
                let ident = local_ident(&name);
                let tokens = expr.tokens;
                let (pattern, value) = match ty {
                    Ty::String if expr.owned => (quote!(#ident: &str), quote!(&#tokens)),
                    Ty::StringArray if expr.owned => (quote!(#ident: &[::std::string::String]), quote!(&#tokens)),
                    _ => (quote!(#ident), tokens),
                };
                self.scope.push(Var { name, ident, ty });
                vec![Guard::Let(pattern, value)]
            }
            // A value that is always present, and unused: the condition always holds.
            _ => vec![Guard::Skip],
        })
    }

    /// An expression: a template string, a literal, a reference or a function call.
    fn expr(&mut self, value: &Value, at: &str) -> Result<Expr, String> {
        match value {
            Value::String(text) => self.template(text, at),
            Value::Bool(b) => Ok(bool_literal(*b)),
            Value::Number(n) => {
                let n = n.as_u64().ok_or_else(|| format!("the number {n} at {at} is not a non-negative integer"))?;
                let n = usize::try_from(n).map_err(|_| format!("the number {n} at {at} is too large"))?;
                { let n = Literal::usize_unsuffixed(n); Ok(Expr::new(quote!(#n), Ty::Int)) }
            }
            Value::Object(object) if object.contains_key("ref") => {
                let name = object.get("ref").and_then(Value::as_str).ok_or_else(|| format!("the reference at {at} is not a string"))?;
                self.reference(name, at)
            }
            Value::Object(object) if object.contains_key("fn") => self.call(object, at),
            other => Err(format!("the value at {at} ({other}) is not an expression this generator understands")),
        }
    }

    fn reference(&self, name: &str, at: &str) -> Result<Expr, String> {
        let var = self.lookup(name).ok_or_else(|| format!("the reference at {at} names `{name}`, which is not a parameter or an assigned variable in scope"))?;
        let ident = &var.ident;
        Ok(Expr::new(quote!(#ident), var.ty.clone()))
    }

    /// A template string: `{Name}` and `{Name#path}` are replaced, `{{` and `}}` are literal braces.
    fn template(&mut self, text: &str, at: &str) -> Result<Expr, String> {
        enum Part {
            Text(String),
            Expr(Expr),
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => return Err(format!("the template {text:?} at {at} has an unclosed `{{`")),
                        }
                    }
                    let expr = match inner.split_once('#') {
                        Some((name, path)) => {
                            let target = self.reference(name.trim(), at)?;
                            self.get_attr(target, path, at)?
                        }
                        None => self.reference(inner.trim(), at)?,
                    };
                    expect(&expr, &Ty::String, &format!("`{{{inner}}}` in the template at {at}"))?;
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Expr(expr));
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        match parts.len() {
            0 => Ok(Expr::new(quote!(""), Ty::String)),
            1 => Ok(match parts.pop() {
                Some(Part::Expr(expr)) => expr,
                Some(Part::Text(text)) => Expr::new(quote!(#text), Ty::String),
                None => unreachable!("one part"),
            }),
            _ => {
                let pieces = parts.iter().map(|part| match part {
                    Part::Text(text) => quote!(#text),
                    Part::Expr(expr) => expr.as_str(),
                });
                Ok(Expr { owned: true, ..Expr::new(quote!([#( #pieces ),*].concat()), Ty::String) })
            }
        }
    }

    fn call(&mut self, object: &Map<String, Value>, at: &str) -> Result<Expr, String> {
        let name = object.get("fn").and_then(Value::as_str).ok_or_else(|| format!("the function at {at} has no name"))?;
        let argv: &[Value] = match object.get("argv") {
            Some(Value::Array(items)) => items,
            None => &[],
            Some(_) => return Err(format!("`argv` of `{name}` at {at} is not an array")),
        };
        let arity = |n: usize| {
            if argv.len() == n { Ok(()) } else { Err(format!("`{name}` at {at} takes {n} argument(s), found {}", argv.len())) }
        };
        let mut args = Vec::new();
        if name != "getAttr" {
            for (i, arg) in argv.iter().enumerate() {
                args.push(self.expr(arg, &format!("{at}/argv/{i}"))?);
            }
        }
        let arg_at = |i: usize| format!("argument {} of `{name}` at {at}", i + 1);
        let lib = lib();
        Ok(match name {
            "isSet" => {
                arity(1)?;
                match &args[0].ty {
                    Ty::Optional(_) => {
                        let operand = args[0].operand();
                        Expr { negated: Some(quote!(#operand.is_none())), ..Expr::new(quote!(#operand.is_some()), Ty::Bool) }
                    }
                    _ => bool_literal(true),
                }
            }
            "not" => {
                arity(1)?;
                let arg = args.pop().expect("one argument");
                expect(&arg, &Ty::Bool, &arg_at(0))?;
                arg.negate()
            }
            "booleanEquals" => {
                arity(2)?;
                expect(&args[0], &Ty::Bool, &arg_at(0))?;
                expect(&args[1], &Ty::Bool, &arg_at(1))?;
                let right = args.pop().expect("two arguments");
                let left = args.pop().expect("two arguments");
                match (left.literal_bool, right.literal_bool) {
                    (Some(a), Some(b)) => bool_literal(a == b),
                    (Some(true), None) => right,
                    (None, Some(true)) => left,
                    (Some(false), None) => right.negate(),
                    (None, Some(false)) => left.negate(),
                    (None, None) => comparison(&left.operand(), &right.operand()),
                }
            }
            "stringEquals" => {
                arity(2)?;
                expect(&args[0], &Ty::String, &arg_at(0))?;
                expect(&args[1], &Ty::String, &arg_at(1))?;
                // Against `""`, ask for emptiness (what clippy and readers expect).
                let empty = |v: &Value| v.as_str() == Some("");
                match (empty(&argv[0]), empty(&argv[1])) {
                    (_, true) => emptiness(&args[0]),
                    (true, false) => emptiness(&args[1]),
                    (false, false) => comparison(&args[0].as_str(), &args[1].as_str()),
                }
            }
            "getAttr" => {
                arity(2)?;
                let target = self.expr(&argv[0], &format!("{at}/argv/0"))?;
                let path = argv[1].as_str().ok_or_else(|| format!("the path of `getAttr` at {at} is not a string literal"))?;
                self.get_attr(target, path, at)?
            }
            "parseURL" => {
                arity(1)?;
                expect(&args[0], &Ty::String, &arg_at(0))?;
                let value = args[0].as_str();
                Expr::new(quote!(#lib::parse_url(#value)), Ty::Optional(Box::new(Ty::Url)))
            }
            "substring" => {
                arity(4)?;
                expect(&args[0], &Ty::String, &arg_at(0))?;
                expect(&args[1], &Ty::Int, &arg_at(1))?;
                expect(&args[2], &Ty::Int, &arg_at(2))?;
                expect(&args[3], &Ty::Bool, &arg_at(3))?;
                let (input, start, stop, reverse) = (args[0].as_str(), &args[1].tokens, &args[2].tokens, &args[3].tokens);
                Expr::new(quote!(#lib::substring(#input, #start, #stop, #reverse)), Ty::Optional(Box::new(Ty::String)))
            }
            "uriEncode" => {
                arity(1)?;
                expect(&args[0], &Ty::String, &arg_at(0))?;
                let value = args[0].as_str();
                Expr { owned: true, ..Expr::new(quote!(#lib::uri_encode(#value)), Ty::String) }
            }
            "isValidHostLabel" | "aws.isVirtualHostableS3Bucket" => {
                arity(2)?;
                expect(&args[0], &Ty::String, &arg_at(0))?;
                expect(&args[1], &Ty::Bool, &arg_at(1))?;
                let function = if name == "isValidHostLabel" { quote!(is_valid_host_label) } else { quote!(is_virtual_hostable_s3_bucket) };
                let (value, allow) = (args[0].as_str(), &args[1].tokens);
                Expr::new(quote!(#lib::#function(#value, #allow)), Ty::Bool)
            }
            "aws.partition" => {
                arity(1)?;
                expect(&args[0], &Ty::String, &arg_at(0))?;
                let value = args[0].as_str();
                Expr::new(quote!(#lib::partition(#value)), Ty::Optional(Box::new(Ty::Partition)))
            }
            "aws.parseArn" => {
                arity(1)?;
                expect(&args[0], &Ty::String, &arg_at(0))?;
                let value = args[0].as_str();
                Expr::new(quote!(#lib::parse_arn(#value)), Ty::Optional(Box::new(Ty::Arn)))
            }
            other => return Err(format!("`{other}` at {at} is not a function this generator supports")),
        })
    }

    /// `getAttr`: one attribute of a partition, URL or ARN, optionally indexed (`resourceId[0]`),
    /// or an index into a string array.
    fn get_attr(&mut self, target: Expr, path: &str, at: &str) -> Result<Expr, String> {
        if let Ty::Optional(_) = target.ty {
            return Err(format!("`getAttr` at {at} reads `{path}` of a value of type {}; check it with `isSet` or bind it with `assign` first", target.ty));
        }
        let (key, index) = match path.split_once('[') {
            Some((key, rest)) => {
                let index = rest
                    .strip_suffix(']')
                    .and_then(|i| i.parse::<usize>().ok())
                    .ok_or_else(|| format!("the path `{path}` of `getAttr` at {at} has a malformed index"))?;
                (key, Some(index))
            }
            None => (path, None),
        };
        if key.contains(['.', '[', ']']) {
            return Err(format!("the path `{path}` of `getAttr` at {at} is deeper than the values this generator knows"));
        }
        let receiver = target.operand();
        let attribute = |method: &str, ty: Ty| {
            let method = format_ident!("{}", method);
            Expr::new(quote!(#receiver.#method()), ty)
        };
        let value = match (&target.ty, key) {
            (Ty::StringArray, "") => target,
            (Ty::Partition, "name") => attribute("name", Ty::String),
            (Ty::Partition, "dnsSuffix") => attribute("dns_suffix", Ty::String),
            (Ty::Partition, "dualStackDnsSuffix") => attribute("dual_stack_dns_suffix", Ty::String),
            (Ty::Partition, "implicitGlobalRegion") => attribute("implicit_global_region", Ty::String),
            (Ty::Partition, "supportsFIPS") => attribute("supports_fips", Ty::Bool),
            (Ty::Partition, "supportsDualStack") => attribute("supports_dual_stack", Ty::Bool),
            (Ty::Url, "scheme") => attribute("scheme", Ty::String),
            (Ty::Url, "authority") => attribute("authority", Ty::String),
            (Ty::Url, "path") => attribute("path", Ty::String),
            (Ty::Url, "normalizedPath") => attribute("normalized_path", Ty::String),
            (Ty::Url, "isIp") => attribute("is_ip", Ty::Bool),
            (Ty::Arn, "partition") => attribute("partition", Ty::String),
            (Ty::Arn, "service") => attribute("service", Ty::String),
            (Ty::Arn, "region") => attribute("region", Ty::String),
            (Ty::Arn, "accountId") => attribute("account_id", Ty::String),
            (Ty::Arn, "resourceId") => attribute("resource_id", Ty::StringArray),
            (ty, key) => return Err(format!("`getAttr` at {at} reads `{key}` of a value of type {ty}, which has no such attribute")),
        };
        match index {
            None => Ok(value),
            Some(index) => {
                if value.ty != Ty::StringArray {
                    return Err(format!("`getAttr` at {at} indexes `{path}`, which is not an array"));
                }
                let receiver = value.operand();
                let item = if index == 0 {
                    quote!(#receiver.first())
                } else {
                    let index = Literal::usize_unsuffixed(index);
                    quote!(#receiver.get(#index))
                };
                Ok(Expr::new(quote!(#item.map(::std::string::String::as_str)), Ty::Optional(Box::new(Ty::String))))
            }
        }
    }

    /// The `Endpoint` value of an endpoint rule.
    fn endpoint(&mut self, endpoint: &Value, at: &str) -> Result<TokenStream, String> {
        let object = endpoint.as_object().ok_or_else(|| format!("the endpoint at {at} is not an object"))?;
        let url = object.get("url").ok_or_else(|| format!("the endpoint at {at} has no `url`"))?;
        let url = self.expr(url, &format!("{at}/url"))?;
        expect(&url, &Ty::String, &format!("the URL at {at}"))?;
        let url = url.string_arg();
        let lib = lib();
        let mut value = quote!(#lib::Endpoint::new(#url));
        if let Some(headers) = object.get("headers").filter(|h| !h.is_null()) {
            let headers = headers.as_object().ok_or_else(|| format!("the headers at {at} are not an object"))?;
            for (name, values) in headers {
                let values = values.as_array().ok_or_else(|| format!("the values of header `{name}` at {at} are not an array"))?;
                let mut items = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    let item = self.expr(v, &format!("{at}/headers/{name}/{i}"))?;
                    expect(&item, &Ty::String, &format!("a value of header `{name}` at {at}"))?;
                    items.push(item.to_owned_string());
                }
                value = quote!(#value.with_header(#name, ::std::vec![#( #items ),*]));
            }
        }
        if let Some(properties) = object.get("properties").filter(|p| !p.is_null()) {
            let properties = properties.as_object().ok_or_else(|| format!("the properties at {at} are not an object"))?;
            for (name, property) in properties {
                let document = self.document(property, &format!("{at}/properties/{}", crate::diagnostics::pointer_segment(name)))?;
                value = quote!(#value.with_property(#name, #document));
            }
        }
        Ok(value)
    }

    /// A property value as a `Document`; strings are templates.
    fn document(&mut self, value: &Value, at: &str) -> Result<TokenStream, String> {
        let document = quote!(::smithy_rt::primitives::Document);
        Ok(match value {
            Value::Null => quote!(#document::Null),
            Value::Bool(b) => quote!(#document::Bool(#b)),
            Value::Number(n) => {
                let number = quote!(::smithy_rt::primitives::Number);
                if let Some(u) = n.as_u64() {
                    quote!(#document::Number(#number::PosInt(#u)))
                } else if let Some(i) = n.as_i64() {
                    quote!(#document::Number(#number::NegInt(#i)))
                } else {
                    let f = n.as_f64().ok_or_else(|| format!("the number {n} at {at} is out of range"))?;
                    quote!(#document::Number(#number::Float(#f)))
                }
            }
            Value::String(text) => {
                let text = self.template(text, at)?;
                let text = text.to_owned_string();
                quote!(#document::String(#text))
            }
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    out.push(self.document(item, &format!("{at}/{i}"))?);
                }
                quote!(#document::Array(::std::vec::Vec::from([#( #out ),*])))
            }
            Value::Object(entries) => {
                let mut out = Vec::new();
                for (key, item) in entries {
                    let item = self.document(item, &format!("{at}/{}", crate::diagnostics::pointer_segment(key)))?;
                    out.push(quote!((::std::string::String::from(#key), #item)));
                }
                quote!(#document::Object(::std::iter::FromIterator::from_iter([#( #out ),*])))
            }
        })
    }
}

/// `a.is_empty()` (whose negation is `!a.is_empty()`).
fn emptiness(value: &Expr) -> Expr {
    let operand = value.operand();
    Expr { negated: Some(quote!(!#operand.is_empty())), ..Expr::new(quote!(#operand.is_empty()), Ty::Bool) }
}

/// `a == b` (whose negation is `a != b`).
fn comparison(left: &TokenStream, right: &TokenStream) -> Expr {
    Expr {
        atomic: false,
        negated: Some(quote!(#left != #right)),
        ..Expr::new(quote!(#left == #right), Ty::Bool)
    }
}

fn expect(expr: &Expr, ty: &Ty, what: &str) -> Result<(), String> {
    if &expr.ty == ty {
        return Ok(());
    }
    if let Ty::Optional(inner) = &expr.ty {
        if inner.as_ref() == ty {
            return Err(format!(
                "{what} must be {ty} but may be unset (it is {}); prove it set with `isSet` or bind it with `assign` in an earlier condition",
                expr.ty
            ));
        }
    }
    Err(format!("{what} must be {ty}, found {}", expr.ty))
}

/// The single `{"ref": name}` argument of a function call, if that is what it has.
fn single_ref(object: &Map<String, Value>) -> Option<&str> {
    match object.get("argv").and_then(Value::as_array).map(Vec::as_slice) {
        Some([arg]) => arg.get("ref").and_then(Value::as_str),
        _ => None,
    }
}

/// Whether `value` (rules, conditions, an endpoint...) refers to `name`, by reference or in a template.
fn references(value: &Value, name: &str) -> bool {
    match value {
        Value::Object(map) => {
            map.get("ref").and_then(Value::as_str) == Some(name)
                || map.iter().any(|(key, v)| key != "documentation" && references(v, name))
        }
        Value::Array(items) => items.iter().any(|v| references(v, name)),
        Value::String(text) => template_names(text).any(|n| n == name),
        _ => false,
    }
}

/// Names a template string refers to (`{Name}` or `{Name#path}`), skipping `{{` escapes.
fn template_names(text: &str) -> impl Iterator<Item = &str> {
    let mut names = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'{' => match text[i + 1..].find('}') {
                Some(end) => {
                    let inner = &text[i + 1..i + 1 + end];
                    names.push(inner.split('#').next().unwrap_or(inner).trim());
                    i += end + 2;
                }
                None => break,
            },
            _ => i += 1,
        }
    }
    names.into_iter()
}

/// Wrap `inner` in the control flow of the guards: consecutive boolean tests share one `if`.
fn assemble(guards: &[Guard], inner: TokenStream) -> TokenStream {
    match guards.split_first() {
        None => inner,
        Some((Guard::Skip, rest)) => assemble(rest, inner),
        Some((Guard::If(_), _)) => {
            let mut tests = Vec::new();
            let mut rest = guards;
            while let Some((guard, next)) = rest.split_first() {
                match guard {
                    Guard::If(test) => tests.push(test.clone()),
                    Guard::Skip => {}
                    _ => break,
                }
                rest = next;
            }
            let body = assemble(rest, inner);
            quote!(if #( #tests )&&* { #body })
        }
        Some((Guard::IfLet(ident, value), rest)) => {
            let body = assemble(rest, inner);
            quote!(if let ::std::option::Option::Some(#ident) = #value { #body })
        }
        Some((Guard::Let(pattern, value), rest)) => {
            let body = assemble(rest, inner);
            quote!({ let #pattern = #value; #body })
        }
    }
}

/// `Params`, its builder and their documentation.
fn params_items(params: &[Param]) -> (TokenStream, TokenStream) {
    let mut fields = Vec::new();
    let mut builder_fields = Vec::new();
    let mut setters = Vec::new();
    let mut build = Vec::new();
    for param in params {
        let field = param.field.to_ident();
        let setter_name = format_ident!("set_{}", param.field.name);
        let element = match param.ty {
            ParamType::String => quote!(::std::string::String),
            ParamType::Boolean => quote!(bool),
            ParamType::StringArray => quote!(::std::vec::Vec<::std::string::String>),
        };
        let field_ty = if param.always_set() { element.clone() } else { quote!(::std::option::Option<#element>) };
        let docs = doc_lines(&param_docs(param));
        fields.push(quote!(#docs pub #field: #field_ty,));
        builder_fields.push(quote!(#field: ::std::option::Option<#element>,));
        let (argument, stored) = match param.ty {
            ParamType::String => (quote!(impl ::std::convert::Into<::std::string::String>), quote!(value.into())),
            ParamType::Boolean => (quote!(bool), quote!(value)),
            ParamType::StringArray => (quote!(::std::vec::Vec<::std::string::String>), quote!(value)),
        };
        let set_doc = doc_lines(&format!("Set `{}`.", param.name));
        let set_option_doc = doc_lines(&format!("Set or clear `{}`.", param.name));
        setters.push(quote! {
            #set_doc
            pub fn #field(mut self, value: #argument) -> Self {
                self.#field = ::std::option::Option::Some(#stored);
                self
            }
            #set_option_doc
            pub fn #setter_name(mut self, value: ::std::option::Option<#element>) -> Self {
                self.#field = value;
                self
            }
        });
        let value = match &param.default {
            None => quote!(self.#field),
            Some(Value::Bool(b)) => quote!(self.#field.unwrap_or(#b)),
            Some(Value::String(s)) => quote!(self.#field.unwrap_or_else(|| ::std::string::String::from(#s))),
            Some(Value::Array(items)) => {
                let items = items.iter().filter_map(Value::as_str);
                quote!(self.#field.unwrap_or_else(|| ::std::vec![#( ::std::string::String::from(#items) ),*]))
            }
            Some(_) => quote!(self.#field),
        };
        build.push(quote!(#field: #value,));
    }
    let params_struct = quote! {
        /// The parameters of the endpoint rule set. Build them with [`Params::builder`];
        /// parameters with a default in the rule set are always set.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
        #[non_exhaustive]
        pub struct Params {
            #( #fields )*
        }

        impl Params {
            /// Start building parameters; unset parameters take the rule set's defaults.
            pub fn builder() -> ParamsBuilder {
                <ParamsBuilder as ::std::default::Default>::default()
            }
        }

        impl ::std::default::Default for Params {
            fn default() -> Self {
                <ParamsBuilder as ::std::default::Default>::default().build()
            }
        }
    };
    let builder = quote! {
        /// A builder for [`Params`].
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::default::Default)]
        pub struct ParamsBuilder {
            #( #builder_fields )*
        }

        impl ParamsBuilder {
            #( #setters )*

            /// The parameters, with the rule set's defaults for those left unset. Required parameters
            /// without a default are checked by [`resolve`].
            pub fn build(self) -> Params {
                Params {
                    #( #build )*
                }
            }
        }
    };
    (params_struct, builder)
}

fn param_docs(param: &Param) -> String {
    let mut text = param
        .documentation
        .as_deref()
        .map(crate::docs::to_rustdoc)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("The `{}` parameter of the rule set.", param.name));
    let mut facts = vec![format!("Rule set parameter `{}`", param.name)];
    if let Some(built_in) = &param.built_in {
        facts.push(format!("built-in `{built_in}`"));
    }
    if param.required {
        facts.push("required".to_string());
    }
    if let Some(default) = &param.default {
        facts.push(format!("default `{default}`"));
    }
    text.push_str(&format!("\n\n{}.", facts.join("; ")));
    if let Some(note) = &param.rename_note {
        text.push_str(&format!("\n\n{note}"));
    }
    if let Some(deprecated) = &param.deprecated {
        text.push_str(&format!("\n\nDeprecated: {}", crate::docs::to_rustdoc(deprecated)));
    }
    text
}

/// `tests/endpoint_tests.rs`: one test per case of `smithy.rules#endpointTests`.
fn endpoint_tests(krate: &Crate, params: &[Param], service: &str) -> Result<TokenStream, String> {
    let lib = format_ident!("{}", krate.lib_name);
    let cases: &[Value] = match krate.endpoint.as_ref().and_then(|e| e.tests.as_ref()).and_then(|t| t.get("testCases")) {
        None => &[],
        Some(Value::Array(cases)) => cases,
        Some(_) => return Err("`testCases` of `smithy.rules#endpointTests` is not an array".to_string()),
    };
    let width = cases.len().saturating_sub(1).to_string().len();
    let mut tests = Vec::new();
    let mut uses_documents = false;
    for (i, case) in cases.iter().enumerate() {
        let at = format!("/testCases/{i}");
        let documentation = case.get("documentation").and_then(Value::as_str).unwrap_or("");
        let mut setters = Vec::new();
        if let Some(values) = case.get("params").filter(|p| !p.is_null()) {
            let values = values.as_object().ok_or_else(|| format!("`params` of the test case at {at} is not an object"))?;
            for (name, value) in values {
                let param = params
                    .iter()
                    .find(|p| &p.name == name)
                    .ok_or_else(|| format!("the test case at {at} sets `{name}`, which is not a parameter of the rule set"))?;
                let setter = param.field.to_ident();
                let argument = match (param.ty, value) {
                    (_, Value::Null) => continue,
                    (ParamType::String, Value::String(s)) => quote!(#s),
                    (ParamType::Boolean, Value::Bool(b)) => quote!(#b),
                    (ParamType::StringArray, Value::Array(items)) if items.iter().all(Value::is_string) => {
                        let items = items.iter().filter_map(Value::as_str);
                        quote!(::std::vec![#( ::std::string::String::from(#items) ),*])
                    }
                    (_, other) => return Err(format!("the test case at {at} sets `{name}` to {other}, which does not fit its type")),
                };
                setters.push(quote!(.#setter(#argument)));
            }
        }
        let expect = case.get("expect").and_then(Value::as_object).ok_or_else(|| format!("the test case at {at} has no `expect` object"))?;
        let check = if let Some(message) = expect.get("error") {
            let message = message.as_str().ok_or_else(|| format!("the expected error of the test case at {at} is not a string"))?;
            quote! {
                let error = resolve(&params).expect_err("the rule set rejects these parameters");
                assert_eq!(error.to_string(), #message);
            }
        } else if let Some(endpoint) = expect.get("endpoint") {
            let url = endpoint.get("url").and_then(Value::as_str).ok_or_else(|| format!("the expected endpoint of the test case at {at} has no URL"))?;
            let mut headers: Vec<(String, Vec<String>)> = Vec::new();
            if let Some(map) = endpoint.get("headers").and_then(Value::as_object) {
                for (name, values) in map {
                    let values = values
                        .as_array()
                        .map(|vs| vs.iter().filter_map(Value::as_str).map(str::to_string).collect())
                        .ok_or_else(|| format!("the expected header `{name}` of the test case at {at} is not an array"))?;
                    headers.push((name.clone(), values));
                }
            }
            headers.sort();
            let headers_check = if headers.is_empty() {
                quote!(assert!(endpoint.headers().is_empty(), "unexpected headers {:?}", endpoint.headers());)
            } else {
                let expected = headers.iter().map(|(name, values)| {
                    quote!((::std::string::String::from(#name), ::std::vec![#( ::std::string::String::from(#values) ),*]))
                });
                quote! {
                    let mut headers = endpoint.headers().to_vec();
                    headers.sort();
                    assert_eq!(headers, ::std::vec![#( #expected ),*]);
                }
            };
            let mut properties: Vec<(&String, &Value)> = endpoint.get("properties").and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default();
            properties.sort_by(|a, b| a.0.cmp(b.0));
            let properties_check = if properties.is_empty() {
                quote!(assert!(endpoint.properties().is_empty(), "unexpected properties {:?}", endpoint.properties());)
            } else {
                uses_documents = true;
                let names = properties.iter().map(|(name, _)| name.as_str());
                let checks = properties.iter().map(|(name, value)| {
                    let expected = document_literal(value);
                    quote! {
                        let actual = endpoint.property(#name).expect("the property is set");
                        assert!(support::same_document(actual, &#expected), "property {}: {:?}", #name, actual);
                    }
                });
                quote! {
                    let names: ::std::vec::Vec<&str> = endpoint.properties().keys().map(::std::string::String::as_str).collect();
                    assert_eq!(names, [#( #names ),*]);
                    #( #checks )*
                }
            };
            quote! {
                let endpoint = resolve(&params).expect("the rule set resolves an endpoint");
                assert_eq!(endpoint.url(), #url);
                #headers_check
                #properties_check
            }
        } else {
            return Err(format!("the test case at {at} expects neither an endpoint nor an error"));
        };
        let name = test_name(i, width, params, case);
        let docs = if documentation.trim().is_empty() { quote!() } else { doc_lines(&crate::docs::to_rustdoc(documentation)) };
        tests.push(quote! {
            #docs
            #[test]
            fn #name() {
                let params = Params::builder() #( #setters )* .build();
                #check
            }
        });
    }
    let support = uses_documents.then(|| {
        quote! {
            mod support {
                use ::smithy_rt::primitives::Document;

                /// Equal documents, with object members compared regardless of order.
                pub fn same_document(a: &Document, b: &Document) -> bool {
                    match (a, b) {
                        (Document::Array(x), Document::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_document(a, b)),
                        (Document::Object(x), Document::Object(y)) => {
                            x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same_document(v, v2)))
                        }
                        _ => a == b,
                    }
                }
            }
        }
    });
    let doc = format!(" The `smithy.rules#endpointTests` cases of `{service}`, run against the generated resolver.");
    Ok(quote! {
        #![doc = #doc]

        use ::#lib::endpoint::{resolve, Params};

        #support

        #( #tests )*
    })
}

/// `case_07_region_us_east_1_use_fips`: the case's position keeps names unique and ordered; its
/// parameters (string values, booleans that are set) describe it. Names never come from the
/// case's documentation, so models that word their documentation differently generate the same code.
fn test_name(index: usize, width: usize, params: &[Param], case: &Value) -> proc_macro2::Ident {
    let mut words = Vec::new();
    let values = case.get("params").and_then(Value::as_object);
    for param in params {
        let Some(value) = values.and_then(|v| v.get(&param.name)) else { continue };
        match value {
            Value::String(s) => words.push(format!("{}_{}", param.field.name, crate::naming::to_snake(s))),
            Value::Bool(true) => words.push(param.field.name.clone()),
            Value::Array(items) => words.push(format!("{}_{}", param.field.name, items.len())),
            _ => {}
        }
    }
    if case.get("expect").is_some_and(|e| e.get("error").is_some()) {
        words.push("error".to_string());
    }
    let mut name = format!("case_{index:0width$}");
    for word in words.join("_").split('_').filter(|w| !w.is_empty()) {
        if name.len() + word.len() + 1 > 80 {
            break;
        }
        name.push('_');
        name.push_str(word);
    }
    format_ident!("{}", name)
}


/// The client's settings as the rule set's built-in parameters (`AWS::Region`, `AWS::UseFIPS`,
/// `AWS::UseDualStack`, `SDK::Endpoint`), then [`resolve`].
fn resolve_settings(params: &[Param]) -> TokenStream {
    let setters = params.iter().filter_map(|param| {
        let set = format_ident!("set_{}", param.field.name);
        let value = match param.built_in.as_deref()? {
            "AWS::Region" => quote!(settings.region.map(::std::string::ToString::to_string)),
            "SDK::Endpoint" => quote!(settings.endpoint_url.map(::std::string::ToString::to_string)),
            "AWS::UseFIPS" => quote!(::std::option::Option::Some(settings.use_fips)),
            "AWS::UseDualStack" => quote!(::std::option::Option::Some(settings.use_dual_stack)),
            _ => return None,
        };
        Some(quote!(.#set(#value)))
    });
    quote! {
        /// The client's settings as the rule set's built-in parameters, resolved.
        pub(crate) fn resolve_settings(settings: &::smithy_rt::client::EndpointSettings<'_>) -> ::std::result::Result<Endpoint, ResolveError> {
            resolve(&Params::builder() #( #setters )* .build())
        }
    }
}

/// A `Document` literal for a JSON value, as tests expect it.
fn document_literal(value: &Value) -> TokenStream {
    let document = quote!(::smithy_rt::primitives::Document);
    let number = quote!(::smithy_rt::primitives::Number);
    match value {
        Value::Null => quote!(#document::Null),
        Value::Bool(b) => quote!(#document::Bool(#b)),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                quote!(#document::Number(#number::PosInt(#u)))
            } else if let Some(i) = n.as_i64() {
                quote!(#document::Number(#number::NegInt(#i)))
            } else {
                let f: f64 = n.to_string().parse().unwrap_or(f64::NAN);
                quote!(#document::Number(#number::Float(#f)))
            }
        }
        Value::String(s) => quote!(#document::String(::std::string::String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(document_literal);
            quote!(#document::Array(::std::vec![#( #items ),*]))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_literal(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(#document::Object(::std::iter::FromIterator::from_iter([#( #entries ),*])))
        }
    }
}
