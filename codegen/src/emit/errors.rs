//! Operation error enums: one variant per modelled error plus `Unhandled`, which keeps the code
//! and message of anything else the service returns.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, doc_lines, path_tokens};
use crate::ir::ErrorEnum;
use crate::naming;

pub(crate) fn emit_error_enum(e: &ErrorEnum) -> TokenStream {
    let name = format_ident!("{}", e.ident);
    let unhandled = format_ident!("{}", naming::UNHANDLED_VARIANT);
    let docs = doc_attrs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let path = path_tokens(&v.path);
        let docs = doc_attrs(&v.docs);
        quote!(#docs #ident(#path),)
    });
    let idents: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.ident)).collect();
    let codes: Vec<&str> = e.variants.iter().map(|v| v.code.as_str()).collect();
    let message_arms = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        match &v.message_getter {
            Some(getter) => {
                let getter = getter.to_ident();
                quote!(Self::#ident(error) => error.#getter(),)
            }
            None => quote!(Self::#ident(_) => ::std::option::Option::None,),
        }
    });
    let is_fns = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let is = format_ident!("is_{}", v.snake);
        let doc = doc_lines(&format!("Whether this is [`{}`](Self::{}).", v.ident, v.ident));
        quote! {
            #doc
            pub fn #is(&self) -> bool {
                matches!(self, Self::#ident(_))
            }
        }
    });
    let from_impls = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let path = path_tokens(&v.path);
        quote! {
            impl ::std::convert::From<#path> for #name {
                fn from(error: #path) -> Self {
                    Self::#ident(error)
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// An error the model does not describe for this operation; its code and message are kept.
            #unhandled(crate::error::Unhandled),
        }

        impl #name {
            /// The error code (the error shape's name), as the service sent it.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #( Self::#idents(_) => ::std::option::Option::Some(#codes), )*
                    Self::#unhandled(error) => error.code(),
                }
            }

            /// The human-readable message, if the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #( #message_arms )*
                    Self::#unhandled(error) => error.message(),
                }
            }

            #( #is_fns )*

            /// Whether this is an error the model does not describe.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::#unhandled(_))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #( Self::#idents(error) => ::std::fmt::Display::fmt(error, f), )*
                    Self::#unhandled(error) => ::std::fmt::Display::fmt(error, f),
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #( Self::#idents(error) => ::std::option::Option::Some(error), )*
                    Self::#unhandled(error) => ::std::option::Option::Some(error),
                }
            }
        }

        #( #from_impls )*
    }
}
