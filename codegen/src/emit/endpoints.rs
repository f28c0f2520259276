//! Endpoint resolution generated from the service's typed endpoint rules ([`EndpointRules`]),
//! which lowering has parsed and type-checked.
//!
//! The rule tree becomes straight Rust: conditions become `if` / `if let` chains (an `isSet` on a
//! reference rebinds it as set, an `assign` binds the function's result), templates become string
//! concatenation, error rules return `ResolveError`s, and tree rules nest. The functions the
//! generated code calls live in the runtime's `endpoint` module. [`params`] writes `Params`, its
//! builder (with `bind`, which sets what an operation binds) and the operations' binding tables,
//! [`cases`] the `smithy.rules#endpointTests` cases as `tests/endpoint_tests.rs`.

mod cases;
mod params;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Crate, Operation};
use crate::ir::endpoints::{
    Attribute, Binds, Condition, Document, EndpointRules, EndpointValue, Expr, ExprKind, Function, GetAttr, Number, Outcome, ParamType, Rule,
    TemplatePart, ValueType,
};

/// The message of the error a resolver returns when no rule matches (the rule set has no
/// unconditional fallback on that path).
const EXHAUSTED: &str = "no rule of the endpoint rule set matched these parameters";

/// The resolver module (`src/endpoint.rs`) and its tests (`tests/endpoint_tests.rs`), or `None`
/// when the service has no rule set.
pub(crate) fn emit_endpoints(krate: &Crate) -> Option<(TokenStream, TokenStream)> {
    let rules = krate.endpoint.as_ref()?;
    let service = krate.service_id.as_deref().unwrap_or("(unknown service)");
    // Operations with wire functions call `bind` (from `endpoint_params`, and the client's send loop).
    let bind = krate.wire.is_some() && krate.operations.iter().any(|op| op.wire);
    Some((resolver(rules, service, krate.client.is_some(), bind), cases::endpoint_tests(krate, rules, service)))
}

/// The `endpoint_params` table of an operation's static.
pub(crate) fn context_params(krate: &Crate, op: &Operation) -> TokenStream {
    params::context_params(krate.endpoint.as_ref().map_or(&[], |rules| rules.parameters.as_slice()), &op.endpoint_params)
}

fn lib() -> TokenStream {
    quote!(::smithy_rt::endpoint)
}

fn resolver(rules: &EndpointRules, service: &str, client: bool, bind: bool) -> TokenStream {
    // Required parameters without a default are checked first; the others are read once.
    let mut prologue = TokenStream::new();
    let mut destructure = Vec::new();
    let mut bindings = TokenStream::new();
    let lib = lib();
    for param in &rules.parameters {
        let field = param.field.to_ident();
        let missing = format!("Missing required parameter: '{}'", param.name);
        let needs_check = param.required && !param.always_set();
        if !param.read {
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
        if needs_check {
            bindings.extend(quote! {
                let ::std::option::Option::Some(#field) = #read else {
                    return ::std::result::Result::Err(#lib::ResolveError::new(#missing));
                };
            });
        } else {
            bindings.extend(quote!(let #field = #read;));
        }
    }
    let omitted = destructure.len() < rules.parameters.len();
    let rest = omitted.then(|| quote!(..));
    let destructure = if destructure.is_empty() {
        quote!(let _ = params;)
    } else {
        quote!(let Params { #( #destructure, )* #rest } = params;)
    };
    let body = rule_list(&rules.rules, true);
    let (params_struct, builder) = params::params_items(&rules.parameters);
    let bind = bind.then(|| params::bind(&rules.parameters));
    let settings = client.then(|| params::resolve_settings(&rules.parameters));
    let version = rules.version.as_deref().unwrap_or("unknown");
    let module_doc_text =
        format!(" Endpoint resolution for `{service}`, generated from its `smithy.rules#endpointRuleSet` (rules engine version {version}).");
    let module_doc_usage = " Fill in [`Params`] (usually from the client's configuration) and call [`resolve`]; the functions the rules call live in the runtime's `endpoint` module.";
    quote! {
        #![doc = #module_doc_text]
        #![doc = ""]
        #![doc = #module_doc_usage]

        pub use ::smithy_rt::endpoint::{Endpoint, ResolveError};

        #params_struct
        #builder
        #bind

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
    }
}

/// A list of rules, evaluated in order. In `tail` position the final outcome is the block's
/// value instead of a `return`.
fn rule_list(rules: &[Rule], tail: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for rule in rules {
        let (tokens, always) = self::rule(rule, tail);
        out.extend(tokens);
        if always {
            // Later rules can never be reached.
            return out;
        }
    }
    let lib = lib();
    let error = quote!(::std::result::Result::Err(#lib::ResolveError::new(#EXHAUSTED)));
    out.extend(if tail { error } else { quote!(return #error;) });
    out
}

/// One rule: its conditions around its outcome. The flag says the rule always matches.
fn rule(rule: &Rule, tail: bool) -> (TokenStream, bool) {
    let guards: Vec<Guard> = rule.conditions.iter().flat_map(condition).collect();
    let always = guards.iter().all(|g| matches!(g, Guard::Skip | Guard::Let(..)));
    let tail = tail && always;
    let lib = lib();
    let body = match &rule.outcome {
        Outcome::Endpoint(endpoint) => {
            let value = endpoint_value(endpoint);
            if tail { quote!(::std::result::Result::Ok(#value)) } else { quote!(return ::std::result::Result::Ok(#value);) }
        }
        Outcome::Error(message) => {
            let message = expr(message).tokens;
            let value = quote!(::std::result::Result::Err(#lib::ResolveError::new(#message)));
            if tail { value } else { quote!(return #value;) }
        }
        Outcome::Tree(rules) => rule_list(rules, tail),
    };
    (assemble(&guards, body), always)
}

/// One condition, as Rust control flow.
enum Guard {
    /// Always true, nothing to emit.
    Skip,
    /// `if <bool>`
    If(TokenStream),
    /// `if let Some(<ident>) = <expr>`
    IfLet(proc_macro2::Ident, TokenStream),
    /// `let <pat> = <expr>;` (a value that is always present)
    Let(TokenStream, TokenStream),
}

/// A condition: the value must be `true` or present; what it binds is bound only if read later.
fn condition(condition: &Condition) -> Vec<Guard> {
    if let Binds::ProvenSet(reference) = &condition.binds {
        let ident = reference.local.to_ident();
        return vec![Guard::IfLet(ident.clone(), quote!(#ident))];
    }
    let code = expr(&condition.call);
    match (&condition.call.ty, &condition.binds) {
        (ValueType::Optional(_), Binds::Value { local, .. }) => vec![Guard::IfLet(local.to_ident(), code.tokens)],
        (ValueType::Optional(_), _) => {
            let operand = code.operand();
            vec![Guard::If(quote!(#operand.is_some()))]
        }
        (ValueType::Bool, binds) => {
            let mut guards = Vec::new();
            let test = match binds {
                Binds::Value { local, .. } => {
                    let ident = local.to_ident();
                    guards.push(Guard::Let(quote!(#ident), code.tokens));
                    Code::new(quote!(#ident))
                }
                _ => code,
            };
            guards.push(match test.literal_bool {
                Some(true) => Guard::Skip,
                _ => Guard::If(test.tokens),
            });
            guards
        }
        (ty, Binds::Value { local, .. }) => {
            let ident = local.to_ident();
            let owned = code.owned;
            let tokens = code.tokens;
            let (pattern, value) = match ty {
                ValueType::String if owned => (quote!(#ident: &str), quote!(&#tokens)),
                ValueType::StringArray if owned => (quote!(#ident: &[::std::string::String]), quote!(&#tokens)),
                _ => (quote!(#ident), tokens),
            };
            vec![Guard::Let(pattern, value)]
        }
        // A value that is always present, and unused: the condition always holds.
        _ => vec![Guard::Skip],
    }
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

/// The Rust of an expression. Strings are `&str` unless `owned` (then `String`); string arrays
/// are `&[String]`; partitions `&'static Partition`; URLs and ARNs are values; optionals `Option<_>`.
struct Code {
    tokens: TokenStream,
    owned: bool,
    /// Safe to use as an operand or method receiver without parentheses.
    atomic: bool,
    /// The value of a boolean literal, folded into comparisons.
    literal_bool: Option<bool>,
    /// The natural negation of a boolean expression (`a != b` for `a == b`).
    negated: Option<TokenStream>,
}

impl Code {
    fn new(tokens: TokenStream) -> Code {
        Code { tokens, owned: false, atomic: true, literal_bool: None, negated: None }
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

    /// An owned `String`.
    fn to_owned_string(&self) -> TokenStream {
        let tokens = &self.tokens;
        if self.owned { tokens.clone() } else { quote!(::std::string::String::from(#tokens)) }
    }

    fn negate(self) -> Code {
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
        Code { tokens, owned: false, atomic: false, literal_bool: None, negated: Some(negated) }
    }
}

fn bool_literal(b: bool) -> Code {
    Code { literal_bool: Some(b), ..Code::new(quote!(#b)) }
}

fn expr(expr: &Expr) -> Code {
    match &expr.kind {
        ExprKind::Bool(b) => bool_literal(*b),
        ExprKind::Int(n) => {
            let n = Literal::usize_unsuffixed(*n);
            Code::new(quote!(#n))
        }
        ExprKind::Template(parts) => template(parts),
        ExprKind::Ref(reference) => {
            let ident = reference.local.to_ident();
            Code::new(quote!(#ident))
        }
        ExprKind::GetAttr(get) => get_attr(get),
        ExprKind::Call(function) => call(function),
    }
}

fn template(parts: &[TemplatePart]) -> Code {
    match parts {
        [] => Code::new(quote!("")),
        [TemplatePart::Literal(text)] => Code::new(quote!(#text)),
        [TemplatePart::Value(value)] => expr(value),
        parts => {
            let pieces = parts.iter().map(|part| match part {
                TemplatePart::Literal(text) => quote!(#text),
                TemplatePart::Value(value) => expr(value).as_str(),
            });
            Code { owned: true, ..Code::new(quote!([#( #pieces ),*].concat())) }
        }
    }
}

fn is_empty_string(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Template(parts) if parts.is_empty())
}

fn call(function: &Function) -> Code {
    let lib = lib();
    match function {
        Function::IsSet(arg) => match arg.ty {
            ValueType::Optional(_) => {
                let operand = expr(arg).operand();
                Code { negated: Some(quote!(#operand.is_none())), ..Code::new(quote!(#operand.is_some())) }
            }
            _ => bool_literal(true),
        },
        Function::Not(arg) => expr(arg).negate(),
        Function::BooleanEquals(left, right) => {
            let (left, right) = (expr(left), expr(right));
            match (left.literal_bool, right.literal_bool) {
                (Some(a), Some(b)) => bool_literal(a == b),
                (Some(true), None) => right,
                (None, Some(true)) => left,
                (Some(false), None) => right.negate(),
                (None, Some(false)) => left.negate(),
                (None, None) => comparison(&left.operand(), &right.operand()),
            }
        }
        Function::StringEquals(left, right) => {
            // Against `""`, ask for emptiness (what clippy and readers expect).
            if is_empty_string(right) {
                emptiness(&expr(left))
            } else if is_empty_string(left) {
                emptiness(&expr(right))
            } else {
                comparison(&expr(left).as_str(), &expr(right).as_str())
            }
        }
        Function::ParseUrl(value) => {
            let value = expr(value).as_str();
            Code::new(quote!(#lib::parse_url(#value)))
        }
        Function::Substring { input, start, stop, reverse } => {
            let (input, start, stop, reverse) = (expr(input).as_str(), expr(start).tokens, expr(stop).tokens, expr(reverse).tokens);
            Code::new(quote!(#lib::substring(#input, #start, #stop, #reverse)))
        }
        Function::UriEncode(value) => {
            let value = expr(value).as_str();
            Code { owned: true, ..Code::new(quote!(#lib::uri_encode(#value))) }
        }
        Function::IsValidHostLabel { value, allow_subdomains } => {
            let (value, allow) = (expr(value).as_str(), expr(allow_subdomains).tokens);
            Code::new(quote!(#lib::is_valid_host_label(#value, #allow)))
        }
        Function::IsVirtualHostableS3Bucket { value, allow_subdomains } => {
            let (value, allow) = (expr(value).as_str(), expr(allow_subdomains).tokens);
            Code::new(quote!(#lib::is_virtual_hostable_s3_bucket(#value, #allow)))
        }
        Function::Partition(value) => {
            let value = expr(value).as_str();
            Code::new(quote!(#lib::partition(#value)))
        }
        Function::ParseArn(value) => {
            let value = expr(value).as_str();
            Code::new(quote!(#lib::parse_arn(#value)))
        }
    }
}

/// `getAttr`: a method of the runtime's `Partition`, `Url` or `Arn`, then an index as a `&str`.
fn get_attr(get: &GetAttr) -> Code {
    let target = expr(&get.target);
    let value = match get.attribute {
        None => target,
        Some(attribute) => {
            let receiver = target.operand();
            let method = format_ident!("{}", method(attribute));
            Code::new(quote!(#receiver.#method()))
        }
    };
    let Some(index) = get.index else { return value };
    let receiver = value.operand();
    let item = if index == 0 {
        quote!(#receiver.first())
    } else {
        let index = Literal::usize_unsuffixed(index);
        quote!(#receiver.get(#index))
    };
    Code::new(quote!(#item.map(::std::string::String::as_str)))
}

/// The runtime's accessor for an attribute.
fn method(attribute: Attribute) -> &'static str {
    match attribute {
        Attribute::PartitionName => "name",
        Attribute::DnsSuffix => "dns_suffix",
        Attribute::DualStackDnsSuffix => "dual_stack_dns_suffix",
        Attribute::ImplicitGlobalRegion => "implicit_global_region",
        Attribute::SupportsFips => "supports_fips",
        Attribute::SupportsDualStack => "supports_dual_stack",
        Attribute::Scheme => "scheme",
        Attribute::Authority => "authority",
        Attribute::Path => "path",
        Attribute::NormalizedPath => "normalized_path",
        Attribute::IsIp => "is_ip",
        Attribute::ArnPartition => "partition",
        Attribute::Service => "service",
        Attribute::Region => "region",
        Attribute::AccountId => "account_id",
        Attribute::ResourceId => "resource_id",
    }
}

/// `a.is_empty()` (whose negation is `!a.is_empty()`).
fn emptiness(value: &Code) -> Code {
    let operand = value.operand();
    Code { negated: Some(quote!(!#operand.is_empty())), ..Code::new(quote!(#operand.is_empty())) }
}

/// `a == b` (whose negation is `a != b`).
fn comparison(left: &TokenStream, right: &TokenStream) -> Code {
    Code { atomic: false, negated: Some(quote!(#left != #right)), ..Code::new(quote!(#left == #right)) }
}

/// The `Endpoint` value of an endpoint rule.
fn endpoint_value(endpoint: &EndpointValue) -> TokenStream {
    let url = expr(&endpoint.url).tokens;
    let lib = lib();
    let mut value = quote!(#lib::Endpoint::new(#url));
    for (name, values) in &endpoint.headers {
        let items = values.iter().map(|v| expr(v).to_owned_string());
        value = quote!(#value.with_header(#name, ::std::vec![#( #items ),*]));
    }
    for (name, property) in &endpoint.properties {
        let document = document(property);
        value = quote!(#value.with_property(#name, #document));
    }
    value
}

/// A property value as a `Document`; its strings are templates.
fn document(value: &Document<Expr>) -> TokenStream {
    let document = quote!(::smithy_rt::primitives::Document);
    match value {
        Document::Null => quote!(#document::Null),
        Document::Bool(b) => quote!(#document::Bool(#b)),
        Document::Number(n) => number(*n),
        Document::String(text) => {
            let text = expr(text).to_owned_string();
            quote!(#document::String(#text))
        }
        Document::Array(items) => {
            let items = items.iter().map(self::document);
            quote!(#document::Array(::std::vec::Vec::from([#( #items ),*])))
        }
        Document::Object(entries) => {
            let entries = entries.iter().map(|(key, item)| {
                let item = self::document(item);
                quote!((::std::string::String::from(#key), #item))
            });
            quote!(#document::Object(::std::iter::FromIterator::from_iter([#( #entries ),*])))
        }
    }
}

/// A `Document::Number`.
fn number(n: Number) -> TokenStream {
    let document = quote!(::smithy_rt::primitives::Document);
    let number = quote!(::smithy_rt::primitives::Number);
    match n {
        Number::PosInt(u) => quote!(#document::Number(#number::PosInt(#u))),
        Number::NegInt(i) => quote!(#document::Number(#number::NegInt(#i))),
        Number::Float(f) => quote!(#document::Number(#number::Float(#f))),
    }
}
