//! Enums (string and integer): known values as variants plus a catch-all that keeps unknown ones,
//! so a newer service value never fails to parse.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::schemas::shape_settings;
use super::{doc_attrs, doc_lines, rt};
use crate::ir::Enum;
use crate::naming;

fn variant_docs(e: &Enum) -> Vec<TokenStream> {
    e.variants
        .iter()
        .map(|v| {
            let mut docs = v.docs.clone();
            if docs.text.is_none() {
                docs.text = Some(crate::lower::code_span(&v.value));
            }
            if v.internal {
                docs.notes.push("Internal to the service: accepted, but not listed in validation messages.".into());
            }
            if v.deprecated {
                docs.notes.push("**Deprecated.**".into());
            }
            doc_attrs(&docs)
        })
        .collect()
}

pub(crate) fn emit_enum(e: &Enum) -> TokenStream {
    let rt = rt();
    let name = format_ident!("{}", e.name.ident);
    let unknown = format_ident!("{}", e.unknown_variant);
    let docs = doc_attrs(&e.docs);
    let variant_docs = variant_docs(e);
    let idents: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.ident)).collect();
    let unknown_doc = doc_lines("A value this crate does not know (the service may have added it since).");
    let schema = format_ident!("{}", naming::SCHEMA_STATIC);
    let id = &e.shape_id;
    let rust_name = &e.name.ident;
    let allowed = &e.allowed;
    let settings = shape_settings(e.sensitive, None, None);
    if e.int_enum {
        let values: Vec<i32> = e.variants.iter().map(|v| v.value.parse().unwrap_or_default()).collect();
        return quote! {
            #docs
            #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
            #[non_exhaustive]
            pub enum #name {
                #( #variant_docs #idents, )*
                #unknown_doc
                #unknown(i32),
            }

            impl #name {
                /// The value as sent on the wire.
                #[inline]
                pub fn as_i32(&self) -> i32 {
                    match self {
                        #( Self::#idents => #values, )*
                        Self::#unknown(value) => *value,
                    }
                }

                /// Every value this crate knows, in model order.

                #[inline]
                pub const fn values() -> &'static [i32] {
                    &[#( #values ),*]
                }
            }

            impl ::std::convert::From<i32> for #name {
                #[inline]
                fn from(value: i32) -> Self {
                    match value {
                        #( #values => Self::#idents, )*
                        other => Self::#unknown(other),
                    }
                }
            }

            pub(crate) static #schema: #rt::schema::Schema = #rt::schema::Schema::int_enumeration(#id, #rust_name, #allowed) #settings;

            #rt::int_enumeration!(#name, #schema, #unknown);
        };
    }
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents, )*
            #unknown_doc
            #unknown(#rt::primitives::UnknownVariantValue),
        }

        impl #name {
            /// The value as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #values, )*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Every value this crate knows, in model order.

            #[inline]
            pub const fn values() -> &'static [&'static str] {
                &[#( #values ),*]
            }
        }

        impl ::std::convert::From<&str> for #name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    other => Self::#unknown(#rt::primitives::UnknownVariantValue::new(other)),
                }
            }
        }

        pub(crate) static #schema: #rt::schema::Schema = #rt::schema::Schema::enumeration(#id, #rust_name, #allowed) #settings;

        #rt::enumeration!(#name, #schema, #unknown);
    }
}
