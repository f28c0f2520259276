//! Operation error enums: one variant per error the operation can return, plus `Unhandled`.

use quote::{format_ident, quote};

use super::{doc_attrs, macro_call, path_text, path_tokens, rt, MacroArg, Part};
use crate::ir::{Crate, ErrorEnum};

pub(crate) fn emit_error_enum(krate: &Crate, e: &ErrorEnum) -> Vec<Part> {
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
        format!("{i} => {}({}) {}", v.ident, path_text(&krate.types[v.error].name().path), v.is_fn.name)
    });
    let call = macro_call(
        "operation_error",
        &[
            MacroArg::Plain(e.ident.clone()),
            MacroArg::Plain(format!("{:?}", e.operation)),
            MacroArg::List(list.collect()),
            MacroArg::Plain(is_unhandled.to_string()),
        ],
    );
    let tokens = quote! {
        #docs
        #[derive(::std::clone::Clone)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant, reason = "variants hold the error structures unboxed so callers can match on them; errors are the cold path")]
        pub enum #name {
            #( #variants )*
            /// An error the model does not describe for this operation; its code and message are kept.
            #unhandled(#rt::error::Unhandled),
        }
    };
    vec![Part::Tokens(tokens), Part::Text(call)]
}
