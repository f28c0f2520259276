//! Unions: one variant per member plus `Unknown` for members added to the service later.

use quote::{format_ident, quote};

use super::schemas::{member_tokens, shape_settings};
use super::{doc_attrs, doc_lines, macro_call, rt, type_tokens, unboxed_tokens, MacroArg, Part};
use crate::ir::{Crate, Union};
use crate::naming;

pub(crate) fn emit_union(krate: &Crate, u: &Union) -> Vec<Part> {
    let rt = rt();
    let name = format_ident!("{}", u.name.ident);
    let unknown = format_ident!("{}", u.unknown_variant);
    let docs = doc_attrs(&u.docs);
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let docs = doc_attrs(&v.docs);
        match &v.ty {
            Some(ty) => {
                let ty = type_tokens(krate, ty);
                quote!(#docs #ident(#ty),)
            }
            None => quote!(#docs #ident,),
        }
    });
    let accessors = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let is = v.is_fn.to_ident();
        let is_doc = doc_lines(&format!("Whether this is [`{}`](Self::{}).", v.ident, v.ident));
        match (&v.ty, &v.as_fn) {
            (Some(ty), Some(as_fn)) => {
                let ty = unboxed_tokens(krate, ty);
                let as_fn = as_fn.to_ident();
                let as_doc = doc_lines(&format!("The value if this is [`{}`](Self::{}), else `Err(self)`.", v.ident, v.ident));
                quote! {
                    #as_doc
                    #[inline]
                    pub fn #as_fn(&self) -> ::std::result::Result<&#ty, &Self> {
                        if let Self::#ident(value) = self { ::std::result::Result::Ok(value) } else { ::std::result::Result::Err(self) }
                    }

                    #is_doc
                    #[inline]
                    pub fn #is(&self) -> bool {
                        self.#as_fn().is_ok()
                    }
                }
            }
            _ => quote! {
                #is_doc
                #[inline]
                pub fn #is(&self) -> bool {
                    ::std::matches!(self, Self::#ident)
                }
            },
        }
    });
    let is_unknown = u.is_unknown.to_ident();
    let unknown_doc = doc_lines("A member this crate does not know, received from a newer service. It cannot be sent back: validation rejects it.");
    let schema = format_ident!("{}", naming::SCHEMA_STATIC);
    let id = &u.shape_id;
    let rust_name = &u.name.ident;
    let members = u.variants.iter().map(|v| member_tokens(krate, &v.schema));
    let settings = shape_settings(u.sensitive, None, None);
    let arms: Vec<String> = u
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| match v.ty {
            Some(_) => format!("{i} => {}(value)", v.ident),
            None => format!("{i} => {}", v.ident),
        })
        .collect();
    let head = if u.decode { format!("decode {}", u.name.ident) } else { u.name.ident.clone() };
    let call = macro_call(
        "union",
        &[
            MacroArg::Plain(head),
            MacroArg::Plain(naming::SCHEMA_STATIC.to_string()),
            MacroArg::Plain(u.unknown_variant.clone()),
            MacroArg::List(arms),
        ],
    );
    let tokens = quote! {
        #docs
        #[derive(::std::clone::Clone)]
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
            #[inline]
            pub fn #is_unknown(&self) -> bool {
                ::std::matches!(self, Self::#unknown)
            }
        }

        pub(crate) static #schema: #rt::schema::Schema = #rt::schema::Schema::union(#id, #rust_name, &[#( #members ),*]) #settings;
    };
    vec![Part::Tokens(tokens), Part::Text(call)]
}
