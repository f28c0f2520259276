//! `Validate` impls: the checks each value position carries, walked with JSON-pointer paths.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Check, Enum, Structure, Type, Union};

fn opt_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

fn pattern_static(name: &str) -> TokenStream {
    let ident = format_ident!("{}", name);
    quote!(crate::patterns::#ident)
}

/// A map key as a `&str` for paths and patterns (keys are strings or string enums, both have `as_str`).
fn key_str(key: &TokenStream) -> TokenStream {
    quote!(#key.as_str())
}

fn range_bound(bound: &Option<String>, ty: &Type) -> TokenStream {
    let Some(text) = bound else { return quote!(::std::option::Option::None) };
    match ty {
        Type::I8 | Type::I16 | Type::I32 | Type::I64 => match text.parse::<i64>() {
            Ok(v) => quote!(::std::option::Option::Some((#v, #text))),
            // A fractional bound on an integer: compare as float so the bound still holds exactly.
            Err(_) => {
                let v: f64 = text.parse().unwrap_or(0.0);
                quote!(::std::option::Option::Some((#v, #text)))
            }
        },
        // A float's bound is rounded to f32 first, so the f32 nearest the written bound (8.8f32 for
        // `8.8`) is within range rather than a hair outside it.
        Type::F32 => {
            let v: f32 = text.parse().unwrap_or(0.0);
            quote!(::std::option::Option::Some((f64::from(#v), #text)))
        }
        Type::F64 => {
            let v: f64 = text.parse().unwrap_or(0.0);
            quote!(::std::option::Option::Some((#v, #text)))
        }
        _ => quote!(::std::option::Option::Some(#text)),
    }
}

/// Checks on the value `v` (an expression of type `&T`) of type `ty`, at the collector's current path.
pub(crate) fn value_checks(check: &Check, ty: &Type, v: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(length) = &check.length {
        let min = opt_u64(length.min);
        let max = opt_u64(length.max);
        out.extend(match ty {
            Type::String => quote!(c.string_length(#v, #min, #max);),
            Type::Blob => quote!(c.length(#v.as_bytes().len(), #min, #max);),
            _ => quote!(c.length(#v.len(), #min, #max);),
        });
    }
    if let Some(range) = &check.range {
        let is_int_bound = |b: &Option<String>| b.as_ref().is_none_or(|t| t.parse::<i64>().is_ok());
        out.extend(match ty {
            Type::I8 | Type::I16 | Type::I32 | Type::I64 if is_int_bound(&range.min) && is_int_bound(&range.max) => {
                let (min, max) = (range_bound(&range.min, ty), range_bound(&range.max, ty));
                let value = if matches!(ty, Type::I64) { quote!(*#v) } else { quote!(i64::from(*#v)) };
                quote!(c.range_int(#value, #min, #max);)
            }
            Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::F32 | Type::F64 => {
                let bound_ty = if matches!(ty, Type::F32) { &Type::F32 } else { &Type::F64 };
                let (min, max) = (range_bound(&range.min, bound_ty), range_bound(&range.max, bound_ty));
                let value = match ty {
                    // Checked against a fractional bound: the nearest double is what the service compares too.
                    Type::I64 => quote!(*#v as f64),
                    Type::F64 => quote!(*#v),
                    _ => quote!(f64::from(*#v)),
                };
                quote!(c.range_float(#value, #min, #max);)
            }
            Type::BigInteger | Type::BigDecimal => {
                let (min, max) = (range_bound(&range.min, ty), range_bound(&range.max, ty));
                quote!(c.range_decimal(#v.as_str(), #min, #max);)
            }
            _ => TokenStream::new(),
        });
    }
    if let Some(pattern) = &check.pattern {
        let regex = pattern_static(&pattern.static_name);
        let source = pattern_source(check, &pattern.static_name);
        out.extend(quote!(c.pattern(#regex.is_match(#v), #source);));
    }
    if check.unique_items {
        let item_hashable = matches!(ty, Type::List(item) if item.is_hashable());
        out.extend(if item_hashable { quote!(c.unique_hashable(#v);) } else { quote!(c.unique_comparable(#v);) });
    }
    if let (Some(pattern), Type::Map(..)) = (&check.key_pattern, ty) {
        let regex = pattern_static(&pattern.static_name);
        let source = pattern_source(check, &pattern.static_name);
        let k = quote!(k);
        let key = key_str(&k);
        out.extend(quote!(c.pattern(#v.keys().all(|k| #regex.is_match(#key)), #source);));
    }
    if let (Some(max), Type::Map(key_ty, value_ty)) = (check.max_total_utf8_bytes, ty) {
        if matches!(**key_ty, Type::String) && matches!(**value_ty, Type::String) {
            out.extend(quote!(c.total_utf8_bytes(#v.iter().map(|(k, v)| k.len() + v.len()).sum(), #max);));
        }
    }
    match ty {
        Type::List(item_ty) => {
            if let Some(items) = check.items.as_deref().filter(|c| !c.is_empty()) {
                let item = quote!(item);
                let inner = value_checks(items, item_ty, &item);
                out.extend(quote! {
                    for (i, item) in #v.iter().enumerate() {
                        let mark = c.enter_index(i);
                        #inner
                        c.leave(mark);
                    }
                });
            }
        }
        Type::Map(key_ty, value_ty) => {
            if let Some(keys) = check.keys.as_deref().filter(|c| !c.is_empty()) {
                // Smithy reports a bad key at the map itself, not at the key.
                let key = quote!(key);
                let inner = value_checks(keys, key_ty, &key);
                out.extend(quote! {
                    for key in #v.keys() {
                        #inner
                    }
                });
            }
            if let Some(values) = check.values.as_deref().filter(|c| !c.is_empty()) {
                let value = quote!(value);
                let inner = value_checks(values, value_ty, &value);
                let k = quote!(key);
                let key = key_str(&k);
                out.extend(quote! {
                    for (key, value) in #v.iter() {
                        let mark = c.enter(#key);
                        #inner
                        c.leave(mark);
                    }
                });
            }
        }
        _ => {}
    }
    if check.nested {
        out.extend(quote!(crate::validation::Validate::validate_into(#v, c);));
    }
    out
}

/// The pattern text for messages lives next to the compiled regex, so messages quote the model's
/// expression, not our translation.
fn pattern_source(_check: &Check, static_name: &str) -> TokenStream {
    let ident = format_ident!("{}_SOURCE", static_name);
    quote!(crate::patterns::#ident)
}

pub(crate) fn structure_validate(s: &Structure) -> TokenStream {
    let name = format_ident!("{}", s.name.ident);
    let mut body = TokenStream::new();
    for field in &s.fields {
        let ident = field.ident.to_ident();
        let member = &field.member;
        let v = quote!(value);
        let checks = value_checks(&field.check, &field.ty, &v);
        let present = if checks.is_empty() {
            TokenStream::new()
        } else {
            quote! {
                let mark = c.enter(#member);
                #checks
                c.leave(mark);
            }
        };
        body.extend(match (field.required, checks.is_empty()) {
            (true, true) => quote! {
                if self.#ident.is_none() {
                    c.missing(#member);
                }
            },
            (true, false) => quote! {
                match &self.#ident {
                    ::std::option::Option::Some(value) => { #present }
                    ::std::option::Option::None => c.missing(#member),
                }
            },
            (false, false) => quote! {
                if let ::std::option::Option::Some(value) = &self.#ident { #present }
            },
            (false, true) => TokenStream::new(),
        });
    }
    let c = if body.is_empty() { quote!(_c) } else { quote!(c) };
    quote! {
        impl crate::validation::Validate for #name {
            fn validate_into(&self, #c: &mut crate::validation::Collector) {
                #body
            }
        }
    }
}

pub(crate) fn enum_validate(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name.ident);
    let unknown = format_ident!("{}", e.unknown_variant);
    let allowed: Vec<&str> = e.variants.iter().filter(|v| !v.internal).map(|v| v.value.as_str()).collect();
    let allowed = format!("[{}]", allowed.join(", "));
    quote! {
        impl crate::validation::Validate for #name {
            fn validate_into(&self, c: &mut crate::validation::Collector) {
                if let Self::#unknown(_) = self {
                    c.enum_value(#allowed);
                }
            }
        }
    }
}

pub(crate) fn union_validate(u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name.ident);
    let unknown = format_ident!("{}", u.unknown_variant);
    let arms = u.variants.iter().map(|variant| {
        let ident = format_ident!("{}", variant.ident);
        let member = &variant.member;
        match &variant.ty {
            None => quote!(Self::#ident => {}),
            Some(ty) => {
                let v = quote!(value);
                let checks = value_checks(&variant.check, ty, &v);
                if checks.is_empty() {
                    quote!(Self::#ident(_) => {})
                } else {
                    quote! {
                        Self::#ident(value) => {
                            let mark = c.enter(#member);
                            #checks
                            c.leave(mark);
                        }
                    }
                }
            }
        }
    });
    quote! {
        impl crate::validation::Validate for #name {
            fn validate_into(&self, c: &mut crate::validation::Collector) {
                match self {
                    #( #arms )*
                    Self::#unknown => c.unknown_union_member(),
                }
            }
        }
    }
}
