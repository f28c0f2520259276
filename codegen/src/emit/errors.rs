//! Operation error enums: one variant per error the operation can return, plus `Unhandled`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, path_tokens, rt};
use crate::ir::{Crate, ErrorEnum};

pub(crate) fn emit_error_enum(krate: &Crate, e: &ErrorEnum) -> TokenStream {
    let rt = rt();
    let name = format_ident!("{}", e.ident);
    let unhandled = format_ident!("{}", e.unhandled);
    let docs = doc_attrs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let path = path_tokens(&krate.types[v.error].name().path);
        let docs = doc_attrs(&v.docs);
        quote!(#docs #ident(#path),)
    });
    let is_unhandled = e.is_unhandled.to_ident();
    let list = e.variants.iter().enumerate().map(|(i, v)| {
        let index = Literal::usize_unsuffixed(i);
        let ident = format_ident!("{}", v.ident);
        let path = path_tokens(&krate.types[v.error].name().path);
        let is = v.is_fn.to_ident();
        quote!(#index => #ident(#path) #is)
    });
    quote! {
        #docs
        #[derive(::std::clone::Clone)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// An error the model does not describe for this operation; its code and message are kept.
            #unhandled(#rt::error::Unhandled),
        }

        #rt::operation_error!(#name, [#( #list ),*], #is_unhandled);
    }
}
