//! [`Literal`]s as Rust expressions that build them from outside the crate (for its tests):
//! structures through their builders (unvalidated, so a case can build what validation would
//! refuse), unions and enums through their variants, primitives through the crate's re-exports.

use proc_macro2::{Ident, Literal as Lit, TokenStream};
use quote::{format_ident, quote};

use super::external_path;
use crate::ir::protocol_tests::{Literal, NonFinite};
use crate::ir::{Crate, TypeDef};
use crate::node::Node;

/// Writes literals of `krate`'s types as seen from a crate depending on it as `lib`.
pub(crate) struct Values<'a> {
    pub(crate) krate: &'a Crate,
    pub(crate) lib: Ident,
}

impl Values<'_> {
    fn type_path(&self, id: usize) -> TokenStream {
        external_path(&self.lib, &self.krate.types[id].name().path)
    }

    fn primitive(&self, name: &str) -> TokenStream {
        let lib = &self.lib;
        let name = format_ident!("{}", name);
        quote!(::#lib::primitives::#name)
    }

    fn document(&self, node: &Node) -> TokenStream {
        let document = self.primitive("Document");
        let number = self.primitive("Number");
        match node {
            Node::Null => quote!(#document::Null),
            Node::Bool(b) => quote!(#document::Bool(#b)),
            Node::Number(n) => {
                if let Ok(u) = n.parse::<u64>() {
                    quote!(#document::Number(#number::PosInt(#u)))
                } else if let Ok(i) = n.parse::<i64>() {
                    quote!(#document::Number(#number::NegInt(#i)))
                } else {
                    let f: f64 = n.parse().unwrap_or(f64::NAN);
                    quote!(#document::Number(#number::Float(#f)))
                }
            }
            Node::String(s) => quote!(#document::String(::std::string::String::from(#s))),
            Node::Array(items) => {
                let items = items.iter().map(|v| self.document(v));
                quote!(#document::Array(::std::vec![#( #items ),*]))
            }
            Node::Object(entries) => {
                let entries = entries.iter().map(|(k, v)| {
                    let v = self.document(v);
                    quote!((::std::string::String::from(#k), #v))
                });
                quote!(#document::Object(::std::iter::FromIterator::from_iter([#( #entries ),*])))
            }
        }
    }

    /// The expression that builds `literal`.
    pub(crate) fn value(&self, literal: &Literal) -> TokenStream {
        match literal {
            Literal::String(s) => quote!(::std::string::String::from(#s)),
            Literal::Bool(b) => quote!(#b),
            Literal::I8(v) => quote!(#v),
            Literal::I16(v) => quote!(#v),
            Literal::I32(v) => quote!(#v),
            Literal::I64(v) => quote!(#v),
            Literal::F32(v) => quote!(#v),
            Literal::F64(v) => quote!(#v),
            Literal::NonFinite { single, value } => {
                let ty = if *single { quote!(f32) } else { quote!(f64) };
                match value {
                    NonFinite::NaN => quote!(#ty::NAN),
                    NonFinite::Infinity => quote!(#ty::INFINITY),
                    NonFinite::NegInfinity => quote!(#ty::NEG_INFINITY),
                }
            }
            Literal::BigInteger(text) => {
                let ty = self.primitive("BigInteger");
                quote!(#text.parse::<#ty>().expect("test value"))
            }
            Literal::BigDecimal(text) => {
                let ty = self.primitive("BigDecimal");
                quote!(#text.parse::<#ty>().expect("test value"))
            }
            Literal::Blob(bytes) => {
                let blob = self.primitive("Blob");
                let bytes = Lit::byte_string(bytes);
                quote!(#blob::new(#bytes.to_vec()))
            }
            Literal::Timestamp { secs, nanos } => {
                let time = self.primitive("DateTime");
                quote!(#time::from_secs_and_nanos(#secs, #nanos))
            }
            Literal::TimestampText(text) => {
                let time = self.primitive("DateTime");
                quote! {
                    ::smithy_rt::text::parse_date_time(#text)
                        .or_else(|_| ::smithy_rt::text::parse_http_date(#text))
                        .map(|t| #time::from_secs_and_nanos(t.secs(), t.subsec_nanos()))
                        .expect("a test timestamp")
                }
            }
            Literal::Document(node) => self.document(node),
            Literal::Enum { ty, value } => {
                let path = self.type_path(*ty);
                quote!(#path::from(#value))
            }
            Literal::IntEnum { ty, value } => {
                let path = self.type_path(*ty);
                quote!(#path::from(#value))
            }
            Literal::Structure { ty, fields } => {
                let path = self.type_path(*ty);
                let Some(TypeDef::Structure(s)) = self.krate.types.get(*ty) else { return quote!(()) };
                let setters = fields.iter().map(|(index, value)| {
                    let set = s.fields[*index].set.to_ident();
                    let value = self.value(value);
                    quote!(.#set(::std::option::Option::Some(#value)))
                });
                quote!(#path::builder() #( #setters )* .build_unvalidated())
            }
            Literal::Union { ty, variant, value } => {
                let path = self.type_path(*ty);
                let Some(TypeDef::Union(u)) = self.krate.types.get(*ty) else { return quote!(()) };
                let ident = format_ident!("{}", u.variants[*variant].ident);
                match value {
                    Some(value) => {
                        let value = self.value(value);
                        quote!(#path::#ident(#value))
                    }
                    None => quote!(#path::#ident),
                }
            }
            Literal::List(items) => {
                let items = items.iter().map(|v| self.value(v));
                quote!(::std::vec![#( #items ),*])
            }
            Literal::Map(entries) => {
                let pairs = entries.iter().map(|(k, v)| {
                    let (k, v) = (self.value(k), self.value(v));
                    quote!((#k, #v))
                });
                quote!(<::std::collections::HashMap<_, _> as ::std::iter::FromIterator<_>>::from_iter([#( #pairs ),*]))
            }
            Literal::Boxed(inner) => {
                let inner = self.value(inner);
                quote!(::std::boxed::Box::new(#inner))
            }
            Literal::Optional(Some(inner)) => {
                let inner = self.value(inner);
                quote!(::std::option::Option::Some(#inner))
            }
            Literal::Optional(None) => quote!(::std::option::Option::None),
        }
    }
}
