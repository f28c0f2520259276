//! Token builders for one value of a given IR type: JSON writing, JSON reading, and HTTP text
//! (labels, query, headers) in both directions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::unboxed_tokens;
use crate::ir::{NamedKind, TimestampFormat, Type, TypePath};

/// `crate::codec::<module path>` for a named type.
pub(crate) fn codec_path(path: &TypePath, module: &str) -> TokenStream {
    // crate::types::X -> crate::codec::_x ; crate::types::error::X -> crate::codec::error::_x
    let mut segments = vec![quote!(crate), quote!(codec)];
    if path.0.get(2).is_some_and(|s| s == "error") && path.0.len() == 4 {
        segments.push(quote!(error));
    }
    let module = format_ident!("{}", module);
    segments.push(quote!(#module));
    quote!(#( #segments )::*)
}

/// The module of a named type, resolved by the caller from the IR.
pub(crate) type ModuleOf<'a> = &'a dyn Fn(&TypePath) -> String;

fn format_or(format: Option<TimestampFormat>, default: TimestampFormat) -> TimestampFormat {
    format.unwrap_or(default)
}

/// Statements writing `v` (an expression of type `&T`) to the JSON writer `w`.
pub(crate) fn write_json(ty: &Type, format: Option<TimestampFormat>, v: &TokenStream, module_of: ModuleOf<'_>) -> TokenStream {
    match ty {
        Type::String => quote!(w.string(#v);),
        Type::Bool => quote!(w.bool(*#v);),
        Type::I8 | Type::I16 | Type::I32 => quote!(w.i64(i64::from(*#v));),
        Type::I64 => quote!(w.i64(*#v);),
        Type::F32 => quote!(w.f32(*#v);),
        Type::F64 => quote!(w.f64(*#v);),
        Type::BigInteger | Type::BigDecimal => quote!(w.raw_number(#v.as_str());),
        Type::Blob => quote!(w.string(&crate::protocol::base64_encode(#v.as_bytes()));),
        Type::Timestamp => match format_or(format, TimestampFormat::EpochSeconds) {
            TimestampFormat::EpochSeconds => quote!(w.raw_number(&crate::protocol::format_epoch_seconds(#v));),
            TimestampFormat::DateTime => quote!(w.string(&crate::protocol::format_date_time(#v));),
            TimestampFormat::HttpDate => quote!(w.string(&crate::protocol::format_http_date(#v));),
        },
        Type::Document => quote!(w.document(#v);),
        Type::Named { kind: NamedKind::Enum, .. } => quote!(w.string(#v.as_str());),
        Type::Named { kind: NamedKind::IntEnum, .. } => quote!(w.i64(i64::from(#v.as_i32()));),
        Type::Named { path, .. } => {
            let codec = codec_path(path, &module_of(path));
            quote!(#codec::write(w, #v);)
        }
        Type::List(item) => {
            let item_v = quote!(item);
            let inner = write_json(item, format, &item_v, module_of);
            quote! {
                w.begin_array();
                for item in #v.iter() {
                    #inner
                }
                w.end_array();
            }
        }
        Type::Map(_, value) => {
            let value_v = quote!(value);
            let inner = write_json(value, format, &value_v, module_of);
            quote! {
                w.begin_object();
                for (key, value) in #v.iter() {
                    w.key(key.as_str());
                    #inner
                }
                w.end_object();
            }
        }
    }
}

/// An expression of type `Result<T, DeserializeError>` reading JSON value `j` (a `&Json`) at the
/// JSON pointer `p` (a `&str`).
pub(crate) fn read_json(ty: &Type, format: Option<TimestampFormat>, j: &TokenStream, p: &TokenStream, module_of: ModuleOf<'_>) -> TokenStream {
    match ty {
        Type::String => quote!(#j.expect_string(#p).map(::std::string::ToString::to_string)),
        Type::Bool => quote!(#j.expect_bool(#p)),
        Type::I8 => quote!(#j.to_i8(#p)),
        Type::I16 => quote!(#j.to_i16(#p)),
        Type::I32 => quote!(#j.to_i32(#p)),
        Type::I64 => quote!(#j.to_i64(#p)),
        Type::F32 => quote!(#j.to_f32(#p)),
        Type::F64 => quote!(#j.to_f64(#p)),
        Type::BigInteger => quote!(#j.to_big_integer_text(#p).map(crate::primitives::BigInteger)),
        Type::BigDecimal => quote!(#j.to_big_decimal_text(#p).map(|text| crate::primitives::BigDecimal(text.to_string()))),
        Type::Blob => quote! {
            #j.expect_string(#p).and_then(|text| {
                crate::protocol::base64_decode(text)
                    .map(crate::primitives::Blob::new)
                    .map_err(|error| crate::json::DeserializeError::new(#p, error.to_string()))
            })
        },
        Type::Timestamp => match format_or(format, TimestampFormat::EpochSeconds) {
            TimestampFormat::EpochSeconds => quote!(crate::http::read_epoch_seconds(#j, #p)),
            TimestampFormat::DateTime => quote! {
                #j.expect_string(#p).and_then(|text| {
                    crate::protocol::parse_date_time(text).map_err(|error| crate::json::DeserializeError::new(#p, error.to_string()))
                })
            },
            TimestampFormat::HttpDate => quote! {
                #j.expect_string(#p).and_then(|text| {
                    crate::protocol::parse_http_date(text).map_err(|error| crate::json::DeserializeError::new(#p, error.to_string()))
                })
            },
        },
        Type::Document => quote!({
            let _ = #p;
            ::std::result::Result::<_, crate::json::DeserializeError>::Ok(#j.to_document())
        }),
        Type::Named { kind: NamedKind::Enum, .. } => {
            let ty = unboxed_tokens(ty);
            quote!(#j.expect_string(#p).map(#ty::from))
        }
        Type::Named { kind: NamedKind::IntEnum, .. } => {
            let ty = unboxed_tokens(ty);
            quote!(#j.to_i32(#p).map(#ty::from))
        }
        Type::Named { path, boxed, .. } => {
            let codec = codec_path(path, &module_of(path));
            if *boxed {
                quote!(#codec::read(#j, #p).map(::std::boxed::Box::new))
            } else {
                quote!(#codec::read(#j, #p))
            }
        }
        Type::List(item) => {
            let item_j = quote!(item);
            let item_p = quote!(&item_path);
            let inner = read_json(item, format, &item_j, &item_p, module_of);
            quote! {
                #j.expect_array(#p).and_then(|items| {
                    let mut out = ::std::vec::Vec::with_capacity(items.len());
                    for (i, item) in items.iter().enumerate() {
                        // Dense lists: a null entry carries no value.
                        if item.is_null() {
                            continue;
                        }
                        let item_path = crate::json::index_path(#p, i);
                        out.push(#inner?);
                    }
                    ::std::result::Result::Ok(out)
                })
            }
        }
        Type::Map(key, value) => {
            let value_j = quote!(value);
            let value_p = quote!(&value_path);
            let inner = read_json(value, format, &value_j, &value_p, module_of);
            let key_expr = match &**key {
                Type::Named { .. } => {
                    let key_ty = unboxed_tokens(key);
                    quote!(#key_ty::from(key.as_str()))
                }
                _ => quote!(key.clone()),
            };
            quote! {
                #j.expect_object(#p).and_then(|entries| {
                    let mut out = ::std::collections::HashMap::with_capacity(entries.len());
                    for (key, value) in entries.iter() {
                        if value.is_null() {
                            continue;
                        }
                        let value_path = crate::json::child_path(#p, key);
                        out.insert(#key_expr, #inner?);
                    }
                    ::std::result::Result::Ok(out)
                })
            }
        }
    }
}

/// A Rust expression of type `T` for a `@default` node value, or `None` when the value does not
/// fit the type (the model check leaves such defaults alone rather than guess).
pub(crate) fn default_literal(ty: &Type, value: &serde_json::Value) -> Option<TokenStream> {
    use serde_json::Value;
    Some(match (ty, value) {
        (Type::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (Type::Bool, Value::Bool(b)) => quote!(#b),
        (Type::I8 | Type::I16 | Type::I32 | Type::I64, Value::Number(n)) => {
            let v: i64 = n.to_string().parse().ok()?;
            match ty {
                Type::I8 => {
                    let v = i8::try_from(v).ok()?;
                    quote!(#v)
                }
                Type::I16 => {
                    let v = i16::try_from(v).ok()?;
                    quote!(#v)
                }
                Type::I32 => {
                    let v = i32::try_from(v).ok()?;
                    quote!(#v)
                }
                _ => quote!(#v),
            }
        }
        (Type::F32, Value::Number(n)) => {
            let v: f32 = n.to_string().parse().ok()?;
            quote!(#v)
        }
        (Type::F64, Value::Number(n)) => {
            let v: f64 = n.to_string().parse().ok()?;
            quote!(#v)
        }
        (Type::BigInteger, Value::Number(n)) => {
            let text = n.to_string();
            quote!(crate::primitives::BigInteger(::std::string::String::from(#text)))
        }
        (Type::BigDecimal, Value::Number(n)) => {
            let text = n.to_string();
            quote!(crate::primitives::BigDecimal(::std::string::String::from(#text)))
        }
        // Smithy writes blob defaults in base64.
        (Type::Blob, Value::String(s)) => quote! {
            crate::primitives::Blob::new(crate::protocol::base64_decode(#s).unwrap_or_default())
        },
        (Type::Timestamp, Value::Number(n)) => {
            let seconds: i64 = n.to_string().parse().ok()?;
            quote!(crate::primitives::DateTime::from_secs(#seconds))
        }
        (Type::Timestamp, Value::String(s)) => quote! {
            crate::protocol::parse_date_time(#s).unwrap_or_else(|_| crate::primitives::DateTime::from_secs(0))
        },
        (Type::Document, value) => crate::emit::document_literal(&quote!(crate), value),
        (Type::Named { kind: NamedKind::Enum, .. }, Value::String(s)) => {
            let path = unboxed_tokens(ty);
            quote!(#path::from(#s))
        }
        (Type::Named { kind: NamedKind::IntEnum, .. }, Value::Number(n)) => {
            let v: i32 = n.to_string().parse().ok()?;
            let path = unboxed_tokens(ty);
            quote!(#path::from(#v))
        }
        (Type::List(_), Value::Array(items)) if items.is_empty() => quote!(::std::vec::Vec::new()),
        (Type::Map(..), Value::Object(entries)) if entries.is_empty() => quote!(::std::collections::HashMap::new()),
        _ => return None,
    })
}

/// Statements giving every unset member with a `@default` its default (a client reading a
/// response, where the service may omit defaulted members).
pub(crate) fn fill_defaults(fields: &[crate::ir::Field]) -> TokenStream {
    // A streaming payload is a body, present or not; its zero-length default is not a value.
    let fills = fields.iter().filter(|f| !f.wire.streaming).filter_map(|f| {
        let literal = default_literal(&f.ty, f.default.as_ref()?)?;
        let ident = f.ident.to_ident();
        Some(quote! {
            if builder.#ident.is_none() {
                builder.#ident = ::std::option::Option::Some(#literal);
            }
        })
    });
    quote!(#( #fills )*)
}

/// Where a value travels as text, which decides the default timestamp format.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextPlace {
    Label,
    Query,
    Header,
}

/// An expression of type `Cow<str>` (or something `Into<String>`) rendering scalar `v` (`&T`) as HTTP text.
pub(crate) fn to_text(ty: &Type, format: Option<TimestampFormat>, media_type: bool, place: TextPlace, v: &TokenStream) -> TokenStream {
    match ty {
        Type::String if media_type && place == TextPlace::Header => {
            quote!(::std::borrow::Cow::<str>::Owned(crate::protocol::base64_encode(#v.as_bytes())))
        }
        Type::String => quote!(::std::borrow::Cow::<str>::Borrowed(#v.as_str())),
        Type::Bool => quote!(::std::borrow::Cow::<str>::Borrowed(crate::http::bool_text(*#v))),
        Type::I8 | Type::I16 | Type::I32 | Type::I64 => quote!(::std::borrow::Cow::<str>::Owned(#v.to_string())),
        Type::F32 => quote!(::std::borrow::Cow::<str>::Owned(crate::protocol::format_f32(*#v))),
        Type::F64 => quote!(::std::borrow::Cow::<str>::Owned(crate::protocol::format_f64(*#v))),
        Type::BigInteger | Type::BigDecimal => quote!(::std::borrow::Cow::<str>::Borrowed(#v.as_str())),
        Type::Blob => quote!(::std::borrow::Cow::<str>::Owned(crate::protocol::base64_encode(#v.as_bytes()))),
        Type::Timestamp => {
            let default = if place == TextPlace::Header { TimestampFormat::HttpDate } else { TimestampFormat::DateTime };
            match format_or(format, default) {
                TimestampFormat::EpochSeconds => quote!(::std::borrow::Cow::<str>::Owned(crate::protocol::format_epoch_seconds(#v))),
                TimestampFormat::DateTime => quote!(::std::borrow::Cow::<str>::Owned(crate::protocol::format_date_time(#v))),
                TimestampFormat::HttpDate => quote!(::std::borrow::Cow::<str>::Owned(crate::protocol::format_http_date(#v))),
            }
        }
        Type::Named { kind: NamedKind::Enum, .. } => quote!(::std::borrow::Cow::<str>::Borrowed(#v.as_str())),
        Type::Named { kind: NamedKind::IntEnum, .. } => quote!(::std::borrow::Cow::<str>::Owned(#v.as_i32().to_string())),
        // Aggregates cannot be bound to text; the model check keeps them out.
        _ => quote!(::std::borrow::Cow::<str>::Borrowed("")),
    }
}

/// An expression of type `Result<T, DeserializeError>` parsing header text `t` (`&str`) into scalar `ty`.
pub(crate) fn from_text(ty: &Type, format: Option<TimestampFormat>, media_type: bool, t: &TokenStream, p: &TokenStream) -> TokenStream {
    let err = quote!(|error| crate::json::DeserializeError::new(#p, error.to_string()));
    match ty {
        Type::String if media_type => quote! {
            crate::protocol::base64_decode(#t)
                .map_err(#err)
                .and_then(|bytes| ::std::string::String::from_utf8(bytes).map_err(#err))
        },
        Type::String => quote!(::std::result::Result::<_, crate::json::DeserializeError>::Ok(#t.to_string())),
        Type::Bool => quote!(crate::protocol::parse_bool(#t).map_err(#err)),
        Type::I8 => quote!(crate::protocol::parse_i8(#t).map_err(#err)),
        Type::I16 => quote!(crate::protocol::parse_i16(#t).map_err(#err)),
        Type::I32 => quote!(crate::protocol::parse_i32(#t).map_err(#err)),
        Type::I64 => quote!(crate::protocol::parse_i64(#t).map_err(#err)),
        Type::F32 => quote!(crate::protocol::parse_f32(#t).map_err(#err)),
        Type::F64 => quote!(crate::protocol::parse_f64(#t).map_err(#err)),
        Type::BigInteger => quote!(#t.parse::<crate::primitives::BigInteger>().map_err(#err)),
        Type::BigDecimal => quote!(#t.parse::<crate::primitives::BigDecimal>().map_err(#err)),
        Type::Blob => quote!(crate::protocol::base64_decode(#t).map(crate::primitives::Blob::new).map_err(#err)),
        Type::Timestamp => match format_or(format, TimestampFormat::HttpDate) {
            TimestampFormat::EpochSeconds => quote!(crate::protocol::parse_epoch_seconds(#t).map_err(#err)),
            TimestampFormat::DateTime => quote!(crate::protocol::parse_date_time(#t).map_err(#err)),
            TimestampFormat::HttpDate => quote!(crate::protocol::parse_http_date(#t).map_err(#err)),
        },
        Type::Named { kind: NamedKind::Enum, .. } => {
            let ty = unboxed_tokens(ty);
            quote!(::std::result::Result::<_, crate::json::DeserializeError>::Ok(#ty::from(#t)))
        }
        Type::Named { kind: NamedKind::IntEnum, .. } => {
            let ty = unboxed_tokens(ty);
            quote!(crate::protocol::parse_i32(#t).map(#ty::from).map_err(#err))
        }
        _ => quote!(::std::result::Result::<_, crate::json::DeserializeError>::Err(crate::json::DeserializeError::new(#p, "this value cannot travel in a header"))),
    }
}

