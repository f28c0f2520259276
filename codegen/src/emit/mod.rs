//! IR -> Rust source, one emitter per concern. Emitters read only the IR and never invent names.

mod client;
mod crate_files;
mod endpoints;
mod enums;
mod errors;
mod protocol_tests;
mod restjson;
mod structures;
mod unions;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Crate, Docs, Type, TypePath};

pub use crate_files::emit_crate;
pub use endpoints::endpoint_diagnostics;

/// `#[doc = "..."]` lines for an item: the model's docs, then the generator's notes. An item the
/// model leaves undocumented gets a reasoned lint allow instead of invented prose.
pub(crate) fn doc_attrs(docs: &Docs) -> TokenStream {
    if docs.text.as_deref().is_none_or(|t| t.trim().is_empty()) && docs.notes.is_empty() {
        return quote!(#[allow(missing_docs, reason = "the model has no documentation for this")]);
    }
    let mut text = String::new();
    if let Some(body) = &docs.text {
        text.push_str(body.trim());
    }
    for note in &docs.notes {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(note.trim());
    }
    doc_lines(&text)
}

pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote! { #( #[doc = #lines] )* }
}

pub(crate) fn path_tokens(path: &TypePath) -> TokenStream {
    let segments = path.0.iter().map(|s| proc_macro2::Ident::new(s, proc_macro2::Span::call_site()));
    quote! { #( #segments )::* }
}

/// The Rust type of a value, fully qualified so model names like `String` cannot shadow it.
pub(crate) fn type_tokens(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(::std::string::String),
        Type::Bool => quote!(bool),
        Type::I8 => quote!(i8),
        Type::I16 => quote!(i16),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::BigInteger => quote!(crate::primitives::BigInteger),
        Type::BigDecimal => quote!(crate::primitives::BigDecimal),
        Type::Blob => quote!(crate::primitives::Blob),
        Type::Timestamp => quote!(crate::primitives::DateTime),
        Type::Document => quote!(crate::primitives::Document),
        Type::Named { path, boxed, .. } => {
            let path = path_tokens(path);
            if *boxed { quote!(::std::boxed::Box<#path>) } else { path }
        }
        Type::List(item) => {
            let item = type_tokens(item);
            quote!(::std::vec::Vec<#item>)
        }
        Type::Map(key, value) => {
            let key = type_tokens(key);
            let value = type_tokens(value);
            quote!(::std::collections::HashMap<#key, #value>)
        }
    }
}

/// The type without its Box: what setters accept.
pub(crate) fn unboxed_tokens(ty: &Type) -> TokenStream {
    match ty {
        Type::Named { path, .. } => path_tokens(path),
        other => type_tokens(other),
    }
}

pub(crate) fn is_copy(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Bool
            | Type::I8
            | Type::I16
            | Type::I32
            | Type::I64
            | Type::F32
            | Type::F64
            | Type::Timestamp
            | Type::Named { kind: crate::ir::NamedKind::IntEnum, .. }
    )
}

/// A `Document` literal for a JSON node value. `root` is how the code reaches the generated
/// crate: `crate` inside it, `::lib_name` from its tests.
pub(crate) fn document_literal(root: &TokenStream, value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    let document = quote!(#root::primitives::Document);
    let number = quote!(#root::primitives::Number);
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
            let items = items.iter().map(|v| document_literal(root, v));
            quote!(#document::Array(::std::vec![#( #items ),*]))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_literal(root, v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(#document::Object(::std::vec![#( #entries ),*]))
        }
    }
}

/// What `Debug` prints instead of a sensitive value.
pub(crate) const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// All files of the generated crate (relative path -> contents), before formatting.
pub struct EmittedFile {
    pub path: String,
    pub kind: FileKind,
}

pub enum FileKind {
    /// Rust tokens to format with prettyplease.
    Rust(TokenStream),
    /// Text emitted verbatim (runtime modules, Cargo.toml).
    Text(String),
}

pub fn emit(krate: &Crate) -> Vec<EmittedFile> {
    emit_crate(krate)
}

/// The crate's files as independent units of work, in file order (see [`Job`]).
pub fn jobs(krate: &Crate) -> Vec<Job<'_>> {
    crate_files::crate_jobs(krate)
}

/// A unit of emission: a closure making some of the crate's files from the IR. Jobs only read
/// the IR, so any thread can run them; the token streams they make are not `Send`, so the thread
/// that runs a job also renders its files (see [`crate::render::render_crate`]).
pub struct Job<'k>(Box<dyn Fn() -> Vec<EmittedFile> + Send + Sync + 'k>);

impl<'k> Job<'k> {
    pub(crate) fn new(make: impl Fn() -> Vec<EmittedFile> + Send + Sync + 'k) -> Self {
        Job(Box::new(make))
    }

    /// Emit this job's files.
    pub fn run(&self) -> Vec<EmittedFile> {
        (self.0)()
    }
}
