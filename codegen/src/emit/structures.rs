//! Structures: the type with public fields, its builder, its schema, and the runtime's
//! `structure!` macro listing the members, which implements the getters, setters, `build()`, the
//! schema accessors, `Value`, `Decode` and a redacting `Debug`.

use std::fmt::Write as _;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::schemas::{member_tokens, shape_settings};
use super::{doc_attrs, doc_lines, is_copy, rt, type_string, type_tokens, Part};
use crate::ir::{Crate, Field, Ident, Structure, Type};
use crate::naming;
use crate::traits::Fault;

fn field_docs(f: &Field) -> TokenStream {
    let mut docs = f.docs.clone();
    if let Some(deprecated) = &f.deprecated {
        docs.notes.push(format!("**Deprecated:** {}", crate::docs::to_rustdoc(deprecated)));
    }
    doc_attrs(&docs)
}

fn ident_text(ident: &Ident) -> String {
    if ident.raw { format!("r#{}", ident.name) } else { ident.name.clone() }
}

/// How the runtime's `structure!` macro treats a member: its getter's and setter's shape.
fn member_kind(krate: &Crate, ty: &Type) -> String {
    match ty {
        Type::String => "string".to_string(),
        Type::Named { boxed: true, id, .. } => format!("boxed({})", krate.types[*id].name().path.0.join("::")),
        Type::List { item, sparse } => {
            let item = type_string(krate, item);
            if *sparse { format!("list(::std::option::Option<{item}>)") } else { format!("list({item})") }
        }
        Type::Map { key, value, sparse } => {
            let (key, value) = (type_string(krate, key), type_string(krate, value));
            if *sparse { format!("map({key}, ::std::option::Option<{value}>)") } else { format!("map({key}, {value})") }
        }
        ty if is_copy(ty) => format!("copy({})", type_string(krate, ty)),
        ty => format!("value({})", type_string(krate, ty)),
    }
}

/// The `structure!` invocation: one line of summary and one line of member per member.
fn structure_macro(krate: &Crate, s: &Structure) -> String {
    let builder = if s.client_builder { format!("{}[C]", s.builder) } else { format!("{}[]", s.builder) };
    let decode = if s.decode { "decode " } else { "" };
    let mut out = format!("::smithy_rt::structure! {{\n    {decode}{}, {}, {builder};\n", s.name.ident, naming::SCHEMA_STATIC);
    for (index, f) in s.fields.iter().enumerate() {
        let summary = f.summary.clone().unwrap_or_else(|| format!("The `{}` member.", f.member));
        let _ = writeln!(out, "    /// {}", summary.replace('\n', " "));
        let _ = writeln!(
            out,
            "    {index} {:?} {} / {}: {};",
            f.member,
            ident_text(&f.ident),
            ident_text(&f.set),
            member_kind(krate, &f.ty)
        );
    }
    out.push_str("}\n");
    out
}

/// The structure's schema static.
fn schema(krate: &Crate, s: &Structure) -> TokenStream {
    let rt = rt();
    let id = &s.shape_id;
    let members = s.fields.iter().map(|f| member_tokens(krate, &f.schema));
    let mut settings = shape_settings(s.sensitive, s.xml_name.as_deref(), s.xml_namespace.as_ref());
    if let Some(error) = &s.error {
        let code = &error.code;
        let server = error.fault == Fault::Server;
        let mut info = quote!(#rt::schema::ErrorInfo::new(#code, #server));
        if let Some(status) = error.http_status {
            info.extend(quote!(.status(#status)));
        }
        if let Some(throttling) = error.retryable {
            info.extend(quote!(.retryable(#throttling)));
        }
        if let Some(index) = error.message_field {
            let index = Literal::usize_unsuffixed(index);
            info.extend(quote!(.message(#index)));
        }
        if let Some((code, status)) = &error.query_error {
            info.extend(quote!(.query_code(#code, #status)));
        }
        settings.extend(quote!(.error(#info)));
    }
    let schema = format_ident!("{}", naming::SCHEMA_STATIC);
    let rust_name = &s.name.ident;
    quote! {
        pub(crate) static #schema: #rt::schema::Schema = #rt::schema::Schema::structure(#id, #rust_name, &[#( #members ),*]) #settings;
    }
}

/// The structure's file: its type, builder and schema, then the `structure!` invocation (and
/// for errors `error_structure!`).
pub(crate) fn emit_structure(krate: &Crate, s: &Structure) -> Vec<Part> {
    let rt = rt();
    let name = format_ident!("{}", s.name.ident);
    let builder = format_ident!("{}", s.builder);
    let mut docs = s.docs.clone();
    if let Some(deprecated) = &s.deprecated {
        docs.notes.push(format!("**Deprecated:** {}", crate::docs::to_rustdoc(deprecated)));
    }
    let docs = doc_attrs(&docs);
    let fields = s.fields.iter().map(|f| {
        let ident = f.ident.to_ident();
        let ty = type_tokens(krate, &f.ty);
        let docs = field_docs(f);
        quote! { #docs pub #ident: ::std::option::Option<#ty>, }
    });
    let schema = schema(krate, s);
    let builder_struct = if s.client_builder {
        let doc = doc_lines(&format!(
            "A builder for [`{}`].\n\n`C` is `()` for a builder made with [`{}::builder`]; the builder a client's method returns holds the client instead, and adds `send()`.",
            s.name.ident, s.name.ident
        ));
        quote! {
            #doc
            #[derive(::std::clone::Clone, ::std::default::Default)]
            pub struct #builder<C = ()> {
                pub(crate) inner: #name,
                pub(crate) client: C,
            }
        }
    } else {
        let doc = doc_lines(&format!("A builder for [`{}`].", s.name.ident));
        quote! {
            #doc
            #[derive(::std::clone::Clone, ::std::default::Default)]
            pub struct #builder {
                inner: #name,
            }
        }
    };
    let head = quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::default::Default)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
        }

        #builder_struct

        #schema
    };
    let mut parts = vec![Part::Tokens(head), Part::Text(structure_macro(krate, s))];
    if s.error.is_some() {
        parts.push(Part::Tokens(quote!(#rt::error_structure!(#name);)));
    }
    parts
}
