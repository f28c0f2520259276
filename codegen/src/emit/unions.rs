//! Unions: one variant per member plus `Unknown` for members added to the service later.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, doc_lines, type_tokens, REDACTED};
use crate::ir::Union;

pub(crate) fn emit_union(u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name.ident);
    let unknown = format_ident!("{}", u.unknown_variant);
    let docs = doc_attrs(&u.docs);
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let docs = doc_attrs(&v.docs);
        match &v.ty {
            Some(ty) => {
                let ty = type_tokens(ty);
                quote!(#docs #ident(#ty),)
            }
            None => quote!(#docs #ident,),
        }
    });
    let accessors = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let snake = &v.snake;
        let is = format_ident!("is_{}", snake);
        let is_doc = doc_lines(&format!("Whether this is [`{}`](Self::{}).", v.ident, v.ident));
        match &v.ty {
            Some(ty) => {
                let ty = super::unboxed_tokens(ty);
                let as_fn = format_ident!("as_{}", snake);
                let as_doc = doc_lines(&format!("The value if this is [`{}`](Self::{}), else `Err(self)`.", v.ident, v.ident));
                quote! {
                    #as_doc
                    pub fn #as_fn(&self) -> ::std::result::Result<&#ty, &Self> {
                        if let Self::#ident(value) = self { ::std::result::Result::Ok(value) } else { ::std::result::Result::Err(self) }
                    }

                    #is_doc
                    pub fn #is(&self) -> bool {
                        self.#as_fn().is_ok()
                    }
                }
            }
            None => quote! {
                #is_doc
                pub fn #is(&self) -> bool {
                    matches!(self, Self::#ident)
                }
            },
        }
    });
    let debug_arms = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let label = &v.ident;
        match (&v.ty, v.sensitive || u.sensitive) {
            (None, _) => quote!(Self::#ident => f.write_str(#label),),
            (Some(_), true) => quote!(Self::#ident(_) => f.debug_tuple(#label).field(&#REDACTED).finish(),),
            (Some(_), false) => quote!(Self::#ident(value) => f.debug_tuple(#label).field(value).finish(),),
        }
    });
    let unknown_label = &u.unknown_variant;
    let unknown_doc = doc_lines(
        "A member this crate does not know, received from a newer service. It cannot be sent back: validation rejects it.",
    );
    let validate = super::validate::union_validate(u);
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant, reason = "variants mirror the model; boxing them would change the public API per shape size")]
        pub enum #name {
            #( #variants )*
            #unknown_doc
            #unknown,
        }

        impl #name {
            #( #accessors )*

            /// Whether this holds a member this crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::#unknown)
            }
        }

        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #( #debug_arms )*
                    Self::#unknown => f.write_str(#unknown_label),
                }
            }
        }

        #validate
    }
}
