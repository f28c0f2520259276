//! Per-type JSON codecs (`crate::codec::_x::{write, read}`) for structures and unions, plus
//! `read_error` for error structures whose members may also come from headers.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::values::{from_text, read_json, write_json, ModuleOf};
use crate::emit::path_tokens;
use crate::ir::{Binding, Structure, TypeDef, Union};

pub(crate) fn emit_codec(def: &TypeDef, module_of: ModuleOf<'_>) -> Option<TokenStream> {
    match def {
        TypeDef::Structure(s) if s.codec.write || s.codec.read => Some(structure(s, module_of)),
        TypeDef::Union(u) if u.codec.write || u.codec.read => Some(union(u, module_of)),
        _ => None,
    }
}

/// The JSON object of a structure. `top_level` is an operation input: only its body members are
/// written, and unset members stay unset; nested structures send their `@default`s (unless
/// `@clientOptional`) so the service sees the value the model promises.
pub(crate) fn structure_writer_body(s: &Structure, module_of: ModuleOf<'_>, top_level: bool) -> TokenStream {
    let members = s.fields.iter().filter(|f| !top_level || f.wire.binding == Binding::Body).map(|f| {
        let ident = f.ident.to_ident();
        let key = &f.wire.json_name;
        let v = quote!(value);
        let write = write_json(&f.ty, f.wire.timestamp_format, &v, module_of);
        let default = (!top_level && !f.client_optional)
            .then(|| f.default.as_ref().and_then(|d| super::values::default_literal(&f.ty, d)))
            .flatten();
        let ty = crate::emit::type_tokens(&f.ty);
        match default {
            Some(literal) => quote! {
                w.key(#key);
                match &v.#ident {
                    ::std::option::Option::Some(value) => { #write }
                    ::std::option::Option::None => {
                        let value: &#ty = &#literal;
                        #write
                    }
                }
            },
            None => quote! {
                if let ::std::option::Option::Some(value) = &v.#ident {
                    w.key(#key);
                    #write
                }
            },
        }
    });
    quote! {
        w.begin_object();
        #( #members )*
        w.end_object();
    }
}

/// Statements assigning body members of `s` from the JSON object entries `entries` into `builder`.
pub(crate) fn structure_reader_loop(s: &Structure, module_of: ModuleOf<'_>, only_body: bool) -> TokenStream {
    let arms: Vec<TokenStream> = s.fields.iter().filter(|f| !only_body || f.wire.binding.in_response_body()).map(|f| {
        let ident = f.ident.to_ident();
        let key = &f.wire.json_name;
        let j = quote!(value);
        let p = quote!(&member_path);
        let read = read_json(&f.ty, f.wire.timestamp_format, &j, &p, module_of);
        quote! {
            #key => {
                let member_path = crate::json::child_path(path, #key);
                builder.#ident = ::std::option::Option::Some(#read?);
            }
        }
    }).collect();
    if arms.is_empty() {
        return quote!(let _ = entries;);
    }
    quote! {
        for (key, value) in entries.iter() {
            // `null` means absent; unknown keys are ignored so newer services stay readable.
            if value.is_null() {
                continue;
            }
            #[allow(clippy::single_match, reason = "one arm per member; a structure may have just one")]
            match key.as_str() {
                #( #arms )*
                _ => {}
            }
        }
    }
}

fn structure(s: &Structure, module_of: ModuleOf<'_>) -> TokenStream {
    let ty = path_tokens(&s.name.path());
    let mut out = TokenStream::new();
    if s.codec.write {
        let body = structure_writer_body(s, module_of, false);
        let v = if s.fields.is_empty() { quote!(_v) } else { quote!(v) };
        out.extend(quote! {
            pub(crate) fn write(w: &mut crate::json::JsonWriter, #v: &#ty) {
                #body
            }
        });
    }
    if s.codec.read {
        let reader = structure_reader_loop(s, module_of, false);
        let builder = if s.fields.is_empty() { quote!(builder) } else { quote!(mut builder) };
        let defaults = super::values::fill_defaults(&s.fields);
        let allow = s.error.is_some().then(|| quote!(#[allow(dead_code, reason = "used only where an error shape is nested in another shape")]));
        out.extend(quote! {
            #allow
            pub(crate) fn read(json: &crate::json::Json, path: &str) -> ::std::result::Result<#ty, crate::json::DeserializeError> {
                let entries = json.expect_object(path)?;
                let #builder = #ty::builder();
                #reader
                #defaults
                ::std::result::Result::Ok(builder.build_unvalidated())
            }
        });
        if s.error.is_some() {
            out.extend(error_reader(s, module_of));
        }
    }
    out
}

/// Errors: body members from the JSON body (when there is one), header members from headers.
fn error_reader(s: &Structure, module_of: ModuleOf<'_>) -> TokenStream {
    let ty = path_tokens(&s.name.path());
    let reader = structure_reader_loop(s, module_of, true);
    let headers: Vec<TokenStream> = s.fields.iter().filter_map(|f| {
        let Binding::Header(name) = &f.wire.binding else { return None };
        let ident = f.ident.to_ident();
        let t = quote!(text);
        let p = quote!(#name);
        let parse = from_text(&f.ty, f.wire.timestamp_format, f.wire.media_type.is_some(), &t, &p);
        Some(quote! {
            if let ::std::option::Option::Some(text) = crate::http::header(headers, #name)? {
                builder.#ident = ::std::option::Option::Some(#parse?);
            }
        })
    }).collect();
    let headers_param = if headers.is_empty() { quote!(_headers) } else { quote!(headers) };
    let defaults = super::values::fill_defaults(&s.fields);
    quote! {
        pub(crate) fn read_error(
            #headers_param: &::http::HeaderMap,
            body: ::std::option::Option<&crate::json::Json>,
        ) -> ::std::result::Result<#ty, crate::json::DeserializeError> {
            #[allow(unused_mut, reason = "errors without members leave the builder untouched")]
            let mut builder = #ty::builder();
            if let ::std::option::Option::Some(json) = body {
                let path = "";
                let entries = json.expect_object(path)?;
                #reader
            }
            #( #headers )*
            #defaults
            ::std::result::Result::Ok(builder.build_unvalidated())
        }
    }
}

fn union(u: &Union, module_of: ModuleOf<'_>) -> TokenStream {
    let ty = path_tokens(&u.name.path());
    let unknown = format_ident!("{}", u.unknown_variant);
    let mut out = TokenStream::new();
    if u.codec.write {
        let arms = u.variants.iter().map(|variant| {
            let ident = format_ident!("{}", variant.ident);
            let key = &variant.wire.json_name;
            match &variant.ty {
                None => quote!(#ty::#ident => { w.key(#key); w.begin_object(); w.end_object(); }),
                Some(vty) => {
                    let v = quote!(value);
                    let write = write_json(vty, variant.wire.timestamp_format, &v, module_of);
                    quote!(#ty::#ident(value) => { w.key(#key); #write })
                }
            }
        });
        out.extend(quote! {
            pub(crate) fn write(w: &mut crate::json::JsonWriter, v: &#ty) {
                w.begin_object();
                match v {
                    #( #arms )*
                    // Validation refuses to send an unknown member; unvalidated, it becomes `{}`.
                    #ty::#unknown => {}
                }
                w.end_object();
            }
        });
    }
    if u.codec.read {
        let value_binding = if u.variants.iter().any(|v| v.ty.is_some()) { quote!(value) } else { quote!(_) };
        let arms = u.variants.iter().map(|variant| {
            let ident = format_ident!("{}", variant.ident);
            let key = &variant.wire.json_name;
            match &variant.ty {
                None => quote!(#key => #ty::#ident,),
                Some(vty) => {
                    let j = quote!(value);
                    let p = quote!(&member_path);
                    let read = read_json(vty, variant.wire.timestamp_format, &j, &p, module_of);
                    quote!(#key => {
                        let member_path = crate::json::child_path(path, #key);
                        #ty::#ident(#read?)
                    })
                }
            }
        });
        out.extend(quote! {
            pub(crate) fn read(json: &crate::json::Json, path: &str) -> ::std::result::Result<#ty, crate::json::DeserializeError> {
                let entries = json.expect_object(path)?;
                // A union sets exactly one member; `__type` and nulls are not members.
                let mut set = entries.iter().filter(|(key, value)| key != "__type" && !value.is_null());
                let ::std::option::Option::Some((key, #value_binding)) = set.next() else {
                    return ::std::result::Result::Err(crate::json::DeserializeError::new(path, "a union must have exactly one member set, found none"));
                };
                if set.next().is_some() {
                    return ::std::result::Result::Err(crate::json::DeserializeError::new(path, "a union must have exactly one member set, found several"));
                }
                ::std::result::Result::Ok(match key.as_str() {
                    #( #arms )*
                    _ => #ty::#unknown,
                })
            }
        });
    }
    out
}
