//! Function calls: the functions of the rules engine's standard library and of the AWS library
//! that the generator compiles, their signatures, and `getAttr` paths.

use serde_json::{Map, Value};

use super::rules::Checker;
use super::{FUNCTION_UNSUPPORTED, child};
use crate::ir::endpoints::{Attribute, Expr, ExprKind, Function, GetAttr, ValueType};

/// The functions the generator compiles.
const SUPPORTED_FUNCTIONS: &[&str] = &[
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

/// The argument types of a supported function other than `getAttr` (`None`: any type) and the
/// type of its result.
fn signature(name: &str) -> Option<(Vec<Option<ValueType>>, ValueType)> {
    use ValueType::{Bool, Int, String};
    let any = None;
    let some = Some;
    Some(match name {
        "isSet" => (vec![any], Bool),
        "not" => (vec![some(Bool)], Bool),
        "booleanEquals" => (vec![some(Bool), some(Bool)], Bool),
        "stringEquals" => (vec![some(String), some(String)], Bool),
        "parseURL" => (vec![some(String)], ValueType::optional(ValueType::Url)),
        "substring" => (vec![some(String), some(Int), some(Int), some(Bool)], ValueType::optional(String)),
        "uriEncode" => (vec![some(String)], String),
        "isValidHostLabel" | "aws.isVirtualHostableS3Bucket" => (vec![some(String), some(Bool)], Bool),
        "aws.partition" => (vec![some(String)], ValueType::optional(ValueType::Partition)),
        "aws.parseArn" => (vec![some(String)], ValueType::optional(ValueType::Arn)),
        _ => return None,
    })
}

/// The call of `name` with arguments that fit its [`signature`].
fn function(name: &str, args: Vec<Expr>) -> Option<Function> {
    let mut args = args.into_iter();
    let mut next = || args.next();
    Some(match name {
        "isSet" => Function::IsSet(next()?),
        "not" => Function::Not(next()?),
        "booleanEquals" => Function::BooleanEquals(next()?, next()?),
        "stringEquals" => Function::StringEquals(next()?, next()?),
        "parseURL" => Function::ParseUrl(next()?),
        "substring" => Function::Substring { input: next()?, start: next()?, stop: next()?, reverse: next()? },
        "uriEncode" => Function::UriEncode(next()?),
        "isValidHostLabel" => Function::IsValidHostLabel { value: next()?, allow_subdomains: next()? },
        "aws.isVirtualHostableS3Bucket" => Function::IsVirtualHostableS3Bucket { value: next()?, allow_subdomains: next()? },
        "aws.partition" => Function::Partition(next()?),
        "aws.parseArn" => Function::ParseArn(next()?),
        _ => return None,
    })
}

impl Checker<'_> {
    /// A function call (`{"fn": name, "argv": [..]}`); every argument is checked, also after one
    /// fails, and also for a function the generator does not support.
    pub(super) fn call(&mut self, object: &Map<String, Value>, at: &str) -> Option<Expr> {
        let Some(name) = object.get("fn").and_then(Value::as_str) else {
            self.report.rule_set(&child(at, "fn"), format!("the function at {at} has no name"), "name the function with a string: `\"fn\": \"isSet\"`");
            return None;
        };
        let argv: &[Value] = match object.get("argv") {
            Some(Value::Array(items)) => items,
            None => &[],
            Some(_) => {
                self.report.rule_set(&child(at, "argv"), format!("`argv` of `{name}` at {at} is not an array"), "write the arguments as an array");
                return None;
            }
        };
        if name == "getAttr" {
            return self.get_attr_call(argv, at);
        }
        let args: Vec<Option<Expr>> = argv.iter().enumerate().map(|(i, arg)| self.expr(arg, &child(&child(at, "argv"), i))).collect();
        let Some((params, result)) = signature(name) else {
            self.unsupported_function(name, at);
            return None;
        };
        if args.len() != params.len() {
            self.arity(name, params.len(), args.len(), at);
            return None;
        }
        let mut valid = true;
        let mut typed = Vec::with_capacity(args.len());
        for (i, (arg, want)) in args.into_iter().zip(&params).enumerate() {
            let Some(arg) = arg else {
                valid = false;
                continue;
            };
            if let Some(want) = want {
                let what = format!("argument {} of `{name}` at {at}", i + 1);
                valid &= self.expect(&arg, want, &what, &child(&child(at, "argv"), i));
            }
            typed.push(arg);
        }
        if !valid {
            return None;
        }
        let function = function(name, typed)?;
        Some(Expr { kind: ExprKind::Call(Box::new(function)), ty: result })
    }

    fn unsupported_function(&mut self, name: &str, at: &str) {
        if self.unsupported.iter().any(|n| n == name) {
            return;
        }
        self.unsupported.push(name.to_string());
        let service = self.report.service.clone();
        self.report.error(
            FUNCTION_UNSUPPORTED,
            at,
            format!("the endpoint rule set of `{service}` calls function `{name}` (first at {at}), which this generator does not support"),
            format!("supported functions: {}", SUPPORTED_FUNCTIONS.join(", ")),
        );
    }

    fn arity(&mut self, name: &str, expected: usize, found: usize, at: &str) {
        self.report.rule_set(
            &child(at, "argv"),
            format!("`{name}` at {at} takes {expected} argument(s), found {found}"),
            "see the function's signature in the rules engine's libraries",
        );
    }

    /// `{"fn": "getAttr", "argv": [target, "path"]}`: the path must be a string literal.
    fn get_attr_call(&mut self, argv: &[Value], at: &str) -> Option<Expr> {
        let [target, path] = argv else {
            self.arity("getAttr", 2, argv.len(), at);
            return None;
        };
        let argv_at = child(at, "argv");
        let target = self.expr(target, &child(&argv_at, 0));
        let Some(path) = path.as_str() else {
            self.report.rule_set(
                &child(&argv_at, 1),
                format!("the path of `getAttr` at {at} is not a string literal"),
                "write the path as a string such as `\"dnsSuffix\"` or `\"resourceId[0]\"`",
            );
            return None;
        };
        self.get_attr(target, path, at, &child(&argv_at, 1))
    }

    /// `getAttr` of `target` (`None`: invalid, already reported) with `path`, which is at
    /// `path_at`: one attribute of a partition, URL or ARN, optionally indexed (`resourceId[0]`),
    /// or an index into a string array (`[0]`).
    pub(super) fn get_attr(&mut self, target: Option<Expr>, path: &str, at: &str, path_at: &str) -> Option<Expr> {
        let (key, index) = match path.split_once('[') {
            Some((key, rest)) => match rest.strip_suffix(']').and_then(|i| i.parse::<usize>().ok()) {
                Some(index) => (key, Some(index)),
                None => {
                    self.report.rule_set(path_at, format!("the path `{path}` of `getAttr` at {at} has a malformed index"), "write an index as a non-negative integer in brackets: `resourceId[0]`");
                    return None;
                }
            },
            None => (path, None),
        };
        if key.contains(['.', '[', ']']) {
            self.report.rule_set(
                path_at,
                format!("the path `{path}` of `getAttr` at {at} is deeper than the values this generator knows"),
                "read one attribute, optionally indexed (`resourceId[0]`); assign it and read further from the assigned value",
            );
            return None;
        }
        let target = target?;
        if let ValueType::Optional(_) = target.ty {
            self.report.rule_set(
                at,
                format!("`getAttr` at {at} reads `{path}` of a value of type {}; check it with `isSet` or bind it with `assign` first", target.ty),
                "`getAttr` reads attributes of values that are set: assign the value in an earlier condition, which then holds only when it is set",
            );
            self.silence(&target);
            return None;
        }
        let (attribute, ty) = match (&target.ty, key) {
            (ValueType::StringArray, "") => (None, ValueType::StringArray),
            (ValueType::Partition, "name") => (Some(Attribute::PartitionName), ValueType::String),
            (ValueType::Partition, "dnsSuffix") => (Some(Attribute::DnsSuffix), ValueType::String),
            (ValueType::Partition, "dualStackDnsSuffix") => (Some(Attribute::DualStackDnsSuffix), ValueType::String),
            (ValueType::Partition, "implicitGlobalRegion") => (Some(Attribute::ImplicitGlobalRegion), ValueType::String),
            (ValueType::Partition, "supportsFIPS") => (Some(Attribute::SupportsFips), ValueType::Bool),
            (ValueType::Partition, "supportsDualStack") => (Some(Attribute::SupportsDualStack), ValueType::Bool),
            (ValueType::Url, "scheme") => (Some(Attribute::Scheme), ValueType::String),
            (ValueType::Url, "authority") => (Some(Attribute::Authority), ValueType::String),
            (ValueType::Url, "path") => (Some(Attribute::Path), ValueType::String),
            (ValueType::Url, "normalizedPath") => (Some(Attribute::NormalizedPath), ValueType::String),
            (ValueType::Url, "isIp") => (Some(Attribute::IsIp), ValueType::Bool),
            (ValueType::Arn, "partition") => (Some(Attribute::ArnPartition), ValueType::String),
            (ValueType::Arn, "service") => (Some(Attribute::Service), ValueType::String),
            (ValueType::Arn, "region") => (Some(Attribute::Region), ValueType::String),
            (ValueType::Arn, "accountId") => (Some(Attribute::AccountId), ValueType::String),
            (ValueType::Arn, "resourceId") => (Some(Attribute::ResourceId), ValueType::StringArray),
            (ty, key) => {
                let hint = attributes_of(ty);
                self.report.rule_set(path_at, format!("`getAttr` at {at} reads `{key}` of a value of type {ty}, which has no such attribute"), hint);
                return None;
            }
        };
        let ty = match index {
            None => ty,
            Some(_) if ty == ValueType::StringArray => ValueType::optional(ValueType::String),
            Some(_) => {
                self.report.rule_set(path_at, format!("`getAttr` at {at} indexes `{path}`, which is not an array"), "index only arrays (`resourceId[0]`)");
                return None;
            }
        };
        Some(Expr { kind: ExprKind::GetAttr(Box::new(GetAttr { target, attribute, index })), ty })
    }
}

/// What `getAttr` can read of a value of type `ty`, as a hint.
fn attributes_of(ty: &ValueType) -> String {
    match ty {
        ValueType::Partition => "a partition has `name`, `dnsSuffix`, `dualStackDnsSuffix`, `implicitGlobalRegion`, `supportsFIPS` and `supportsDualStack`".to_string(),
        ValueType::Url => "a URL has `scheme`, `authority`, `path`, `normalizedPath` and `isIp`".to_string(),
        ValueType::Arn => "an ARN has `partition`, `service`, `region`, `accountId` and `resourceId` (an array: `resourceId[0]`)".to_string(),
        ValueType::StringArray => "an array of strings has no attributes; index it: `[0]`".to_string(),
        other => format!("a value of type {other} has no attributes"),
    }
}
