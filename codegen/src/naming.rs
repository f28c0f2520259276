//! Every Rust name the generator emits is decided here, and only here (the one place heck is used).
//!
//! Model quirks never leak: keywords become raw identifiers, names that would shadow generated
//! methods get a suffix and a doc note, and two model names that collapse to one Rust name are
//! reported instead of silently overwriting each other.

use std::collections::BTreeMap;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::diagnostics::Diagnostic;
use crate::ir::Ident;

/// Keywords that can be written raw (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let",
    "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type",
    "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers at all.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Member names that would collide with methods every generated struct or builder has.
const RESERVED_MEMBERS: &[(&str, &str)] = &[
    ("build", "`build` is the builder's finishing method"),
    ("build_unvalidated", "`build_unvalidated` is the builder's unchecked finishing method"),
    ("builder", "`builder` creates the builder on every generated struct"),
    ("default", "`default` would shadow `Default::default` on the builder"),
    ("validate", "`validate` is the `Validate` trait's method"),
    ("clone", "`clone` would shadow `Clone::clone`"),
    ("send", "`send` is the method that sends the request a client's builder holds"),
    ("customize", "`customize` is the method that changes settings for one call"),
    ("as_input", "`as_input` is the method that shows a client's builder's input"),
    ("into_paginator", "`into_paginator` is the method that pages through a listing"),
    ("wait", "`wait` is the method that polls a waiter's builder"),
];

/// Methods every generated client has; an operation named like one gets an `_operation` suffix.
const CLIENT_METHODS: &[&str] = &["new", "from_env", "config", "endpoint", "clone", "fmt", "handle"];

/// The name of the schema static in every type's module.
pub const SCHEMA_STATIC: &str = "SCHEMA";

/// The name of the operation schema static in every operation's module.
pub const OPERATION_STATIC: &str = "OPERATION";

/// The static in `crate::operation` holding the service's protocol facts (operation modules are
/// snake_case, so it cannot collide with one).
pub const WIRE_STATIC: &str = "WIRE";

/// The client's method for an operation (`client.update_contact_attributes()`).
pub fn client_method(operation: &str) -> Ident {
    let snake = to_snake(operation);
    if CLIENT_METHODS.contains(&snake.as_str()) || UNRAWABLE.contains(&snake.as_str()) {
        return Ident::plain(format!("{snake}_operation"));
    }
    Ident { raw: RAW_KEYWORDS.contains(&snake.as_str()), name: snake }
}

/// A member's Rust name, with the note to document when it differs from the model's name in more
/// than case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    pub ident: Ident,
    pub rename_note: Option<String>,
}

pub fn field_name(member: &str) -> FieldName {
    let snake = to_snake(member);
    if let Some((_, why)) = RESERVED_MEMBERS.iter().find(|(name, _)| *name == snake) {
        return FieldName {
            ident: Ident::plain(format!("{snake}_value")),
            rename_note: Some(format!("The model calls this member `{member}`; renamed to `{snake}_value` because {why}.")),
        };
    }
    if UNRAWABLE.contains(&snake.as_str()) {
        return FieldName {
            ident: Ident::plain(format!("{snake}_value")),
            rename_note: Some(format!("The model calls this member `{member}`; `{snake}` is a Rust keyword that cannot be an identifier.")),
        };
    }
    FieldName { ident: Ident { raw: RAW_KEYWORDS.contains(&snake.as_str()), name: snake }, rename_note: None }
}

/// snake_case that always yields a valid identifier stem (leading digits get a prefix).
pub fn to_snake(name: &str) -> String {
    let snake = name.to_snake_case();
    let snake: String = snake.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    match snake.chars().next() {
        None => "value".to_string(),
        Some(c) if c.is_ascii_digit() => format!("n{snake}"),
        _ => snake,
    }
}

/// UpperCamelCase that always yields a valid, non-keyword type or variant identifier.
pub fn to_camel(name: &str) -> String {
    let camel: String = name.to_upper_camel_case().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    match camel.chars().next() {
        None => "Value".to_string(),
        Some(c) if c.is_ascii_digit() => format!("Value{camel}"),
        _ if camel == "Self" => "SelfValue".to_string(),
        _ => camel,
    }
}

/// The type name of a shape.
pub fn type_name(shape_name: &str) -> String {
    to_camel(shape_name)
}

/// The private module (file stem) that holds a type, e.g. `_contact_state`.
pub fn type_module(type_ident: &str) -> String {
    format!("_{}", to_snake(type_ident))
}

/// A builder's `set_x` (set or clear from an `Option`) for the member whose field is `field`.
pub fn set_method(field: &Ident) -> Ident {
    Ident::plain(format!("set_{}", field.name))
}

pub fn builder_name(type_ident: &str) -> String {
    format!("{type_ident}Builder")
}

/// The module of an operation under `crate::operation`.
pub fn operation_module(operation: &str) -> String {
    let snake = to_snake(operation);
    if RAW_KEYWORDS.contains(&snake.as_str()) || UNRAWABLE.contains(&snake.as_str()) {
        format!("{snake}_operation")
    } else {
        snake
    }
}

pub fn operation_input(operation: &str) -> String {
    format!("{}Input", to_camel(operation))
}

pub fn operation_output(operation: &str) -> String {
    format!("{}Output", to_camel(operation))
}

pub fn operation_error(operation: &str) -> String {
    format!("{}Error", to_camel(operation))
}

/// The paginator `into_paginator()` returns (aws-sdk-rust's name).
pub fn paginator(operation: &str) -> String {
    format!("{}Paginator", to_camel(operation))
}

/// The paginator `.items()` returns (aws-sdk-rust's name).
pub fn paginator_items(operation: &str) -> String {
    format!("{}PaginatorItems", to_camel(operation))
}

/// The client's method for a waiter (aws-sdk-rust's name): `wait_until_table_exists`.
pub fn waiter_method(waiter: &str) -> Ident {
    Ident::plain(format!("wait_until_{}", to_snake(waiter)))
}

/// What the operation's input builder holds for a waiter, so it offers `wait()`.
pub fn waiter_handle(waiter: &str) -> String {
    to_camel(waiter)
}

/// The builder `wait_until_x()` returns.
pub fn waiter_fluent(waiter: &str) -> String {
    format!("{}FluentBuilder", to_camel(waiter))
}

/// The success of a waiter (aws-sdk-rust's name).
pub fn waiter_final_poll(waiter: &str) -> String {
    format!("{}FinalPoll", to_camel(waiter))
}

/// The error of a waiter (aws-sdk-rust's name).
pub fn waiter_error(waiter: &str) -> String {
    format!("WaitUntil{}Error", to_camel(waiter))
}

/// The static holding a waiter's acceptors and delays.
pub fn waiter_table(waiter: &str) -> String {
    to_camel(waiter).to_shouty_snake_case()
}

/// The catch-all variant of every enum and union, and of operation error enums.
pub const UNKNOWN_VARIANT: &str = "Unknown";
pub const UNHANDLED_VARIANT: &str = "Unhandled";

/// Variant names for enum constants or union members, in model order. A model name that would
/// take the catch-all's name, or `None` (confusing next to `Option::None`), gets a `Value` suffix.
pub fn variant_names(names: &[&str], catch_all: &str) -> Vec<String> {
    names
        .iter()
        .map(|name| {
            let camel = to_camel(name);
            if camel == catch_all || camel == "None" { format!("{camel}Value") } else { camel }
        })
        .collect()
}

/// The static holding a compiled pattern, named for the first shape that uses it.
pub fn pattern_static(owner: &str) -> String {
    let name = owner.replace(['#', '.', '$'], "_").to_shouty_snake_case();
    let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if name.chars().next().is_none_or(|c| c.is_ascii_digit()) { format!("P_{name}") } else { name }
}

/// Tracks names within one scope and reports two model names that become the same Rust name,
/// once per pair however many derived names (setters, getters, modules) also collide.
pub struct Scope<'a> {
    what: &'a str,
    owner: String,
    file: Option<String>,
    seen: BTreeMap<String, String>,
    reported: std::collections::BTreeSet<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Scope<'a> {
    pub fn new(what: &'a str, owner: impl Into<String>, file: Option<String>) -> Scope<'a> {
        Scope {
            what,
            owner: owner.into(),
            file,
            seen: BTreeMap::new(),
            reported: std::collections::BTreeSet::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Record `rust` as a name derived from `model_name`; a clash with another model name is reported.
    pub fn claim(&mut self, rust: &str, model_name: &str) {
        match self.seen.get(rust) {
            Some(first) if first != model_name => {
                if !self.reported.insert((first.clone(), model_name.to_string())) {
                    return;
                }
                // Shape-level scopes claim shape ids; point at the shape that lost.
                let shape = if model_name.contains('#') { model_name.to_string() } else { self.owner.clone() };
                let mut d = Diagnostic::error(
                    "NameCollision",
                    format!("{} `{first}` and `{model_name}` both become `{rust}` in Rust", self.what),
                )
                .shape(shape)
                .hint("rename one of them in the model, or give the service a `rename` entry for one of the shapes, so the names differ after case conversion");
                if let Some(file) = &self.file {
                    d = d.file(file.clone());
                }
                self.diagnostics.push(d);
            }
            Some(_) => {}
            None => {
                self.seen.insert(rust.to_string(), model_name.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_reserved_members() {
        assert_eq!(field_name("Type").ident, Ident { name: "type".into(), raw: true });
        assert_eq!(field_name("Enum").ident, Ident { name: "enum".into(), raw: true });
        let default = field_name("Default");
        assert_eq!(default.ident.name, "default_value");
        assert!(default.rename_note.unwrap().contains("`Default`"));
        assert_eq!(field_name("Self").ident.name, "self_value");
        assert_eq!(field_name("build").ident.name, "build_value");
        assert_eq!(field_name("InstanceId").ident, Ident::plain("instance_id"));
        assert_eq!(field_name("1st").ident.name, "n1st");
    }

    #[test]
    fn type_and_variant_names() {
        assert_eq!(type_name("String"), "String");
        assert_eq!(type_name("Self"), "SelfValue");
        assert_eq!(type_module("ContactId"), "_contact_id");
        assert_eq!(variant_names(&["NONE", "ERROR", "SELF", "UNKNOWN", "AS", "1X"], "Unknown"), [
            "NoneValue",
            "Error",
            "SelfValue",
            "UnknownValue",
            "As",
            "Value1x"
        ]);
        assert_eq!(operation_input("UpdateContactAttributes"), "UpdateContactAttributesInput");
        assert_eq!(operation_module("UpdateContactAttributes"), "update_contact_attributes");
    }
}
