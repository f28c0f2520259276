//! IR -> Rust source, one emitter per concern. Emitters read only the IR and never invent names.

mod client;
mod crate_files;
mod endpoints;
mod enums;
mod errors;
mod literals;
mod operations;
mod paginators;
mod protocol_tests;
mod schemas;
mod structures;
mod unions;
mod waiters;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Crate, Docs, NamedKind, Path, SchemaRef, Type};

pub use crate_files::emit_crate;

/// The runtime crate, as generated code names it.
pub(crate) fn rt() -> TokenStream {
    quote!(::smithy_rt)
}

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

pub(crate) fn path_tokens(path: &Path) -> TokenStream {
    let segments = path.0.iter().map(|s| proc_macro2::Ident::new(s, proc_macro2::Span::call_site()));
    quote! { #( #segments )::* }
}

/// The path of a named type from outside the crate (`::lib_name::types::X`), for its tests.
pub(crate) fn external_path(lib: &proc_macro2::Ident, path: &Path) -> TokenStream {
    let rest = path.0.iter().skip(1).map(|s| proc_macro2::Ident::new(s, proc_macro2::Span::call_site()));
    quote!(::#lib #( :: #rest )*)
}

/// The Rust type of a value as text, fully qualified so model names like `String` cannot shadow it.
pub(crate) fn type_string(krate: &Crate, ty: &Type) -> String {
    let path = |p: &Path| p.0.join("::");
    match ty {
        Type::String => "::std::string::String".into(),
        Type::Bool => "bool".into(),
        Type::I8 => "i8".into(),
        Type::I16 => "i16".into(),
        Type::I32 => "i32".into(),
        Type::I64 => "i64".into(),
        Type::F32 => "f32".into(),
        Type::F64 => "f64".into(),
        Type::BigInteger => "crate::primitives::BigInteger".into(),
        Type::BigDecimal => "crate::primitives::BigDecimal".into(),
        Type::Blob => "crate::primitives::Blob".into(),
        Type::Timestamp => "crate::primitives::DateTime".into(),
        Type::Document => "crate::primitives::Document".into(),
        Type::Named { id, boxed, .. } => {
            let path = path(&krate.types[*id].name().path);
            if *boxed { format!("::std::boxed::Box<{path}>") } else { path }
        }
        Type::List { item, sparse } => {
            let item = type_string(krate, item);
            if *sparse { format!("::std::vec::Vec<::std::option::Option<{item}>>") } else { format!("::std::vec::Vec<{item}>") }
        }
        Type::Map { key, value, sparse } => {
            let key = type_string(krate, key);
            let value = type_string(krate, value);
            if *sparse {
                format!("::std::collections::HashMap<{key}, ::std::option::Option<{value}>>")
            } else {
                format!("::std::collections::HashMap<{key}, {value}>")
            }
        }
    }
}

/// The Rust type of a value, fully qualified so model names like `String` cannot shadow it.
pub(crate) fn type_tokens(krate: &Crate, ty: &Type) -> TokenStream {
    type_string(krate, ty).parse().unwrap_or_default()
}

/// The type without its Box: what setters accept.
pub(crate) fn unboxed_tokens(krate: &Crate, ty: &Type) -> TokenStream {
    match ty {
        Type::Named { id, .. } => path_tokens(&krate.types[*id].name().path),
        other => type_tokens(krate, other),
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
            | Type::Named { kind: NamedKind::IntEnum, .. }
    )
}

/// The schema static a position targets.
pub(crate) fn schema_ref_tokens(krate: &Crate, target: &SchemaRef) -> TokenStream {
    let rt = rt();
    match target {
        SchemaRef::Prelude(name) => {
            let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            quote!(#rt::schema::prelude::#name)
        }
        SchemaRef::Type(id) => path_tokens(&krate.types[*id].name().schema),
        SchemaRef::Collection(index) => {
            let ident = proc_macro2::Ident::new(&krate.collections[*index].ident, proc_macro2::Span::call_site());
            quote!(crate::schemas::#ident)
        }
    }
}

/// All files of the generated crate (relative path -> contents), before formatting.
pub struct EmittedFile {
    pub path: String,
    pub kind: FileKind,
}

pub enum FileKind {
    /// Rust code: tokens to format with prettyplease, and text written as it is.
    Rust(Vec<Part>),
    /// Text emitted verbatim (Cargo.toml).
    Text(String),
}

/// A piece of a Rust file.
pub enum Part {
    /// Items to format with prettyplease.
    Tokens(TokenStream),
    /// Items already laid out (macro invocations prettyplease cannot lay out readably).
    Text(String),
}

/// One argument of a runtime macro invocation laid out by [`macro_call`].
pub(crate) enum MacroArg {
    /// Written as it is, on a line of its own.
    Plain(String),
    /// `[ .. ]` with one item per line.
    List(Vec<String>),
}

/// A runtime macro invocation, one argument (or list item) per line: prettyplease leaves macro
/// bodies as a token soup (`crate ::types::X`), which nobody can review.
pub(crate) fn macro_call(name: &str, args: &[MacroArg]) -> String {
    let mut out = format!("::smithy_rt::{name}!(\n");
    for (i, arg) in args.iter().enumerate() {
        let comma = if i + 1 < args.len() { "," } else { "" };
        match arg {
            MacroArg::Plain(text) => out.push_str(&format!("    {text}{comma}\n")),
            MacroArg::List(items) => {
                out.push_str("    [\n");
                for item in items {
                    out.push_str(&format!("        {item},\n"));
                }
                out.push_str(&format!("    ]{comma}\n"));
            }
        }
    }
    out.push_str(");\n");
    out
}

/// A type's path as generated code writes it (`crate::types::X`).
pub(crate) fn path_text(path: &Path) -> String {
    path.0.join("::")
}

/// A Rust file made of tokens alone.
pub(crate) fn rust_file(path: impl Into<String>, tokens: TokenStream) -> EmittedFile {
    EmittedFile { path: path.into(), kind: FileKind::Rust(vec![Part::Tokens(tokens)]) }
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
