//! Enums (string and integer): known values as variants plus a catch-all that keeps unknown ones,
//! so a newer service value never fails to parse.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, doc_lines, REDACTED};
use crate::ir::Enum;

pub(crate) fn emit_enum(e: &Enum) -> TokenStream {
    if e.int_enum { int_enum(e) } else { string_enum(e) }
}

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
            if v.deprecated.is_some() {
                docs.notes.push("**Deprecated.**".into());
            }
            doc_attrs(&docs)
        })
        .collect()
}

fn debug_impl(e: &Enum, name: &proc_macro2::Ident) -> TokenStream {
    if e.sensitive {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#REDACTED)
                }
            }
        }
    } else {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_tuple(stringify!(#name)).field(&self.as_str()).finish()
                }
            }
        }
    }
}

fn string_enum(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name.ident);
    let unknown = format_ident!("{}", e.unknown_variant);
    let docs = doc_attrs(&e.docs);
    let variant_docs = variant_docs(e);
    let idents: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.ident)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let unknown_doc = doc_lines("A value this crate does not know (the service may have added it since).");
    let debug = debug_impl(e, &name);
    let validate = super::validate::enum_validate(e);
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents, )*
            #unknown_doc
            #unknown(crate::primitives::UnknownVariantValue),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #values, )*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Every value this crate knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#( #values ),*]
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    other => Self::#unknown(crate::primitives::UnknownVariantValue(other.to_owned())),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #debug

        #validate
    }
}

fn int_enum(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name.ident);
    let unknown = format_ident!("{}", e.unknown_variant);
    let docs = doc_attrs(&e.docs);
    let variant_docs = variant_docs(e);
    let idents: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.ident)).collect();
    let values: Vec<i32> = e.variants.iter().map(|v| v.value.parse().unwrap_or_default()).collect();
    let unknown_doc = doc_lines("A value this crate does not know (the service may have added it since).");
    let validate = super::validate::enum_validate(e);
    let sensitive_debug = e.sensitive.then(|| {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#REDACTED)
                }
            }
        }
    });
    let derive_debug = (!e.sensitive).then(|| quote!(::std::fmt::Debug,));
    quote! {
        #docs
        #[derive(#derive_debug ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents, )*
            #unknown_doc
            #unknown(i32),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #( Self::#idents => #values, )*
                    Self::#unknown(value) => *value,
                }
            }

            /// Every value this crate knows, in model order.
            pub const fn values() -> &'static [i32] {
                &[#( #values ),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    other => Self::#unknown(other),
                }
            }
        }

        #sensitive_debug

        #validate
    }
}
