//! Smithy protocol compliance cases -> Rust integration tests of the generated crate.
//!
//! Request cases build the input from `params`, serialize it and compare method, path, query,
//! headers and body. Response cases parse the canned response and compare with `params`.
//! Malformed-request cases build the input from the request (body, query and headers mapped back
//! to members through the HTTP bindings) and expect validation to fail with Smithy's message.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::ir::{Binding, Crate, NamedKind, Operation, ProtocolTest, ProtocolTestKind, Structure, Type, TypeDef, TypePath, Union};

struct Ctx<'a> {
    krate: &'a Crate,
    lib: proc_macro2::Ident,
    /// Values come from a request body written for servers: blobs are base64 and unknown
    /// members are ignored, as a server would.
    from_wire: bool,
}

impl Ctx<'_> {
    fn path(&self, path: &TypePath) -> TokenStream {
        let lib = &self.lib;
        let rest = path.0.iter().skip(1).map(|s| format_ident!("{}", s));
        quote!(::#lib #( :: #rest )*)
    }

    fn structure(&self, path: &TypePath) -> Option<&Structure> {
        self.krate
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Structure(s) => Some(s),
                _ => None,
            })
            .chain(self.krate.operations.iter().flat_map(|op| [&op.input, &op.output]))
            .find(|s| &s.name.path() == path)
    }

    fn union(&self, path: &TypePath) -> Option<&Union> {
        self.krate.types.iter().find_map(|t| match t {
            TypeDef::Union(u) if &u.name.path() == path => Some(u),
            _ => None,
        })
    }

    /// A Rust expression of type `ty` holding the node value `value`; `Err` says why it cannot be built.
    fn value(&self, ty: &Type, value: &Value) -> Result<TokenStream, String> {
        Ok(match (ty, value) {
            (Type::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
            (Type::Bool, Value::Bool(b)) => quote!(#b),
            (Type::I8, Value::Number(n)) => int_literal::<i8>(n)?,
            (Type::I16, Value::Number(n)) => int_literal::<i16>(n)?,
            (Type::I32, Value::Number(n)) => int_literal::<i32>(n)?,
            (Type::I64, Value::Number(n)) => int_literal::<i64>(n)?,
            (Type::F32 | Type::F64, _) => float_value(value, matches!(ty, Type::F32))?,
            (Type::BigInteger, Value::Number(n)) => {
                let text = n.to_string();
                let lib = &self.lib;
                quote!(#text.parse::<::#lib::primitives::BigInteger>().expect("test value"))
            }
            (Type::BigDecimal, Value::Number(n)) => {
                let text = n.to_string();
                let lib = &self.lib;
                quote!(#text.parse::<::#lib::primitives::BigDecimal>().expect("test value"))
            }
            (Type::Blob, Value::String(s)) => {
                let lib = &self.lib;
                let decoded;
                let raw = if self.from_wire {
                    decoded = base64_decode(s).ok_or_else(|| format!("`{s}` is not base64"))?;
                    &decoded[..]
                } else {
                    s.as_bytes()
                };
                let bytes = proc_macro2::Literal::byte_string(raw);
                quote!(::#lib::primitives::Blob::new(#bytes.to_vec()))
            }
            (Type::Timestamp, Value::Number(n)) => {
                let lib = &self.lib;
                // Exact: the fraction's digits are nanoseconds, with no float rounding in between.
                let text = n.to_string();
                let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
                let int: i64 = int.parse().map_err(|_| format!("timestamp `{n}`"))?;
                let digits: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
                let frac: u32 = digits.parse().map_err(|_| format!("timestamp `{n}`"))?;
                let (whole, nanos) = if int < 0 && frac > 0 { (int - 1, 1_000_000_000 - frac) } else { (int, frac) };
                quote!(::#lib::primitives::DateTime::from_secs_and_nanos(#whole, #nanos))
            }
            (Type::Timestamp, Value::String(s)) => {
                let lib = &self.lib;
                quote! {
                    ::#lib::protocol::parse_date_time(#s)
                        .or_else(|_| ::#lib::protocol::parse_http_date(#s))
                        .expect("a test timestamp")
                }
            }
            (Type::Document, value) => {
                let lib = &self.lib;
                super::document_literal(&quote!(::#lib), value)
            }
            (Type::Named { kind: NamedKind::Enum, path, .. }, Value::String(s)) => {
                let path = self.path(path);
                quote!(#path::from(#s))
            }
            (Type::Named { kind: NamedKind::IntEnum, path, .. }, Value::Number(n)) => {
                let path = self.path(path);
                let v = int_literal::<i32>(n)?;
                quote!(#path::from(#v))
            }
            (Type::Named { kind: NamedKind::Structure, path, boxed }, Value::Object(entries)) => {
                let s = self.structure(path).ok_or_else(|| format!("no structure at {:?}", path.0))?;
                let built = self.structure_value(s, entries)?;
                if *boxed { quote!(::std::boxed::Box::new(#built)) } else { built }
            }
            (Type::Named { kind: NamedKind::Union, path, boxed }, Value::Object(entries)) => {
                let u = self.union(path).ok_or_else(|| format!("no union at {:?}", path.0))?;
                let (key, inner) = entries.iter().next().ok_or("an empty union value")?;
                let variant = u.variants.iter().find(|v| &v.member == key).ok_or_else(|| format!("union member `{key}`"))?;
                let ident = format_ident!("{}", variant.ident);
                let upath = self.path(path);
                let built = match &variant.ty {
                    None => quote!(#upath::#ident),
                    Some(vty) => {
                        let inner = self.value(vty, inner)?;
                        quote!(#upath::#ident(#inner))
                    }
                };
                if *boxed { quote!(::std::boxed::Box::new(#built)) } else { built }
            }
            (Type::List(item), Value::Array(items)) => {
                let items = items.iter().map(|v| self.value(item, v)).collect::<Result<Vec<_>, _>>()?;
                quote!(::std::vec![#( #items ),*])
            }
            (Type::Map(key, item), Value::Object(entries)) => {
                let pairs = entries
                    .iter()
                    .map(|(k, v)| {
                        let key = self.value(key, &Value::String(k.clone()))?;
                        let value = self.value(item, v)?;
                        Ok(quote!((#key, #value)))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                quote!(<::std::collections::HashMap<_, _> as ::std::iter::FromIterator<_>>::from_iter([#( #pairs ),*]))
            }
            (ty, value) => return Err(format!("cannot build a {ty:?} from {value}")),
        })
    }

    fn structure_value(&self, s: &Structure, entries: &serde_json::Map<String, Value>) -> Result<TokenStream, String> {
        let path = self.path(&s.name.path());
        let mut setters = Vec::new();
        for (key, value) in entries {
            let Some(field) = s.fields.iter().find(|f| if self.from_wire { &f.wire.json_name == key } else { &f.member == key }) else {
                if self.from_wire {
                    continue;
                }
                return Err(format!("`{}` has no member `{key}`", s.shape_id));
            };
            if value.is_null() {
                continue;
            }
            let set = format_ident!("set_{}", field.ident.name);
            let value = self.value(&field.ty, value)?;
            setters.push(quote!(.#set(::std::option::Option::Some(#value))));
        }
        Ok(quote!(#path::builder() #( #setters )* .build_unvalidated()))
    }
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes: Vec<u8> = text.bytes().filter(|b| *b != b'=').collect();
    let mut out = Vec::new();
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            acc |= value(*c)? << (18 - 6 * i);
        }
        let n = chunk.len() * 6 / 8;
        out.extend_from_slice(&acc.to_be_bytes()[1..1 + n]);
    }
    Some(out)
}

fn int_literal<T: std::str::FromStr + quote::ToTokens>(n: &serde_json::Number) -> Result<TokenStream, String> {
    let text = n.to_string();
    let value: T = text.parse().map_err(|_| format!("`{text}` does not fit the member's integer type"))?;
    Ok(quote!(#value))
}

fn float_value(value: &Value, single: bool) -> Result<TokenStream, String> {
    let ty = if single { quote!(f32) } else { quote!(f64) };
    Ok(match value {
        Value::String(s) if s == "NaN" => quote!(#ty::NAN),
        Value::String(s) if s == "Infinity" => quote!(#ty::INFINITY),
        Value::String(s) if s == "-Infinity" => quote!(#ty::NEG_INFINITY),
        Value::Number(n) if single => {
            let f: f32 = n.to_string().parse().map_err(|_| format!("float `{n}`"))?;
            quote!(#f)
        }
        Value::Number(n) => {
            let f: f64 = n.to_string().parse().map_err(|_| format!("float `{n}`"))?;
            quote!(#f)
        }
        other => return Err(format!("cannot build a float from {other}")),
    })
}

fn test_name(id: &str) -> proc_macro2::Ident {
    format_ident!("{}", crate::naming::to_snake(id))
}

fn strings(case: &Value, key: &str) -> Vec<String> {
    case.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
}

fn header_pairs(case: &Value, key: &str) -> Vec<(String, String)> {
    case.get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect()
}

fn body_check(case: &Value, actual: TokenStream) -> TokenStream {
    let Some(body) = case.get("body").and_then(Value::as_str) else { return quote!() };
    let media = case.get("bodyMediaType").and_then(Value::as_str).unwrap_or_default();
    if media.contains("json") {
        quote!(support::assert_json_eq(#actual, #body);)
    } else {
        quote!(assert_eq!(::std::string::String::from_utf8_lossy(#actual), #body, "body");)
    }
}

fn request_test(ctx: &Ctx<'_>, op: &Operation, case: &Value) -> Result<TokenStream, String> {
    let params = case.get("params").and_then(Value::as_object).cloned().unwrap_or_default();
    let input = ctx.structure_value(&op.input, &params)?;
    let marker = ctx.path(&TypePath(vec!["crate".into(), "operation".into(), op.module.clone(), op.name.clone()]));
    let host = case.get("host").and_then(Value::as_str).unwrap_or("example.com");
    let endpoint = format!("https://{host}");
    let method = case.get("method").and_then(Value::as_str).unwrap_or_default();
    let uri = case.get("uri").and_then(Value::as_str).unwrap_or_default();
    let query = strings(case, "queryParams");
    let forbid_query = strings(case, "forbidQueryParams");
    let require_query = strings(case, "requireQueryParams");
    let headers: Vec<(String, String)> = header_pairs(case, "headers");
    let (header_names, header_values): (Vec<_>, Vec<_>) = headers.into_iter().unzip();
    let forbid_headers = strings(case, "forbidHeaders");
    let require_headers = strings(case, "requireHeaders");
    let body = body_check(case, quote!(request.body()));
    Ok(quote! {
        let input = #input;
        let request = #marker::serialize_request(&input, #endpoint).expect("the input serializes");
        assert_eq!(request.method().as_str(), #method, "method");
        assert_eq!(request.uri().path(), #uri, "path");
        support::assert_query(&request, &[#( #query ),*], &[#( #forbid_query ),*], &[#( #require_query ),*]);
        support::assert_headers(request.headers(), &[#( (#header_names, #header_values) ),*], &[#( #forbid_headers ),*], &[#( #require_headers ),*]);
        #body
    })
}

fn response(case: &Value) -> TokenStream {
    let code = case.get("code").and_then(Value::as_u64).unwrap_or(200) as u16;
    let headers = header_pairs(case, "headers");
    let (names, values): (Vec<_>, Vec<_>) = headers.into_iter().unzip();
    let body = case.get("body").and_then(Value::as_str).unwrap_or_default();
    quote!(support::response(#code, &[#( (#names, #values) ),*], #body))
}

fn response_test(ctx: &Ctx<'_>, op: &Operation, case: &Value) -> Result<TokenStream, String> {
    let params = case.get("params").and_then(Value::as_object).cloned().unwrap_or_default();
    let expected = ctx.structure_value(&op.output, &params)?;
    let marker = ctx.path(&TypePath(vec!["crate".into(), "operation".into(), op.module.clone(), op.name.clone()]));
    let response = response(case);
    Ok(quote! {
        let response = #response;
        let output = #marker::parse_response(&response).expect("the response parses");
        let expected = #expected;
        support::assert_same(&output, &expected);
    })
}

fn error_test(ctx: &Ctx<'_>, op: &Operation, variant: &str, case: &Value) -> Result<TokenStream, String> {
    let params = case.get("params").and_then(Value::as_object).cloned().unwrap_or_default();
    let error_variant = op.error.variants.iter().find(|v| v.ident == variant).ok_or_else(|| format!("no variant {variant}"))?;
    let error_struct = ctx.structure(&error_variant.path).ok_or("error structure")?;
    let expected = ctx.structure_value(error_struct, &params)?;
    let marker = ctx.path(&TypePath(vec!["crate".into(), "operation".into(), op.module.clone(), op.name.clone()]));
    let error_enum = ctx.path(&TypePath(vec!["crate".into(), "operation".into(), op.module.clone(), op.error.ident.clone()]));
    let ident = format_ident!("{}", variant);
    let response = response(case);
    Ok(quote! {
        let response = #response;
        let error = #marker::parse_response(&response).expect_err("the response is an error");
        let expected = #error_enum::#ident(#expected);
        support::assert_same(error.service_error().expect("a service error"), &expected);
    })
}

/// Map the malformed request back to input members: the JSON body by `jsonName`, query parameters
/// and headers through their bindings.
fn malformed_input(op: &Operation, case: &Value) -> Result<serde_json::Map<String, Value>, String> {
    let request = case.get("request").ok_or("no request")?;
    let mut params = serde_json::Map::new();
    if let Some(body) = request.get("body").and_then(Value::as_str).filter(|b| !b.trim().is_empty()) {
        let parsed: Value = serde_json::from_str(body).map_err(|e| format!("request body is not JSON: {e}"))?;
        let object = parsed.as_object().ok_or("request body is not an object")?;
        for (key, value) in object {
            // Unknown body members are ignored, as a server would.
            if op.input.fields.iter().any(|f| f.wire.binding == Binding::Body && &f.wire.json_name == key) {
                params.insert(key.clone(), value.clone());
            }
        }
    }
    for item in request.get("queryParams").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        let (name, value) = item.split_once('=').unwrap_or((item, ""));
        let field = op.input.fields.iter().find(|f| f.wire.binding == Binding::Query(name.to_string()));
        let field = field.ok_or_else(|| format!("no query member `{name}`"))?;
        let value = Value::String(percent_decode(value));
        match &field.ty {
            Type::List(_) => params.entry(field.wire.json_name.clone()).or_insert_with(|| Value::Array(Vec::new())).as_array_mut().ok_or("list")?.push(value),
            _ => {
                params.insert(field.wire.json_name.clone(), value);
            }
        }
    }
    for (name, value) in header_pairs(request, "headers") {
        let field = op.input.fields.iter().find(|f| matches!(&f.wire.binding, Binding::Header(h) if h.eq_ignore_ascii_case(&name)));
        if let Some(field) = field {
            params.insert(field.wire.json_name.clone(), Value::String(value));
        }
    }
    Ok(params)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn malformed_test(ctx: &Ctx<'_>, op: &Operation, case: &Value) -> Result<TokenStream, String> {
    let params = malformed_input(op, case)?;
    let wire = Ctx { krate: ctx.krate, lib: ctx.lib.clone(), from_wire: true };
    let input = wire.structure_value(&op.input, &params)?;
    let body = case.pointer("/response/body/assertion/contents").and_then(Value::as_str).ok_or("no expected body")?;
    let expected: Value = serde_json::from_str(body).map_err(|e| format!("expected body is not JSON: {e}"))?;
    let message = expected.get("message").and_then(Value::as_str).ok_or("no expected message")?;
    let fields: Vec<(String, String)> = expected
        .get("fieldList")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f.get("path")?.as_str()?.to_string(), f.get("message")?.as_str()?.to_string())))
        .collect();
    let (paths, messages): (Vec<_>, Vec<_>) = fields.into_iter().unzip();
    let lib = &ctx.lib;
    Ok(quote! {
        let input = #input;
        let error = ::#lib::Validate::validate(&input).expect_err("validation fails");
        let fields: ::std::vec::Vec<(&str, &str)> = error.violations().iter().map(|v| (v.path(), v.message())).collect();
        assert_eq!(fields, [#( (#paths, #messages) ),*]);
        assert_eq!(error.to_string(), #message);
    })
}

/// The test file, or `None` when the crate has no cases.
pub(crate) fn emit_protocol_tests(krate: &Crate) -> Option<TokenStream> {
    if krate.protocol_tests.is_empty() {
        return None;
    }
    let ctx = Ctx { krate, lib: format_ident!("{}", krate.lib_name), from_wire: false };
    let tests = krate.protocol_tests.iter().map(|test| test_fn(&ctx, test));
    let lib = &ctx.lib;
    Some(quote! {
        //! Smithy's restJson1 protocol compliance cases, run against this generated crate.
        #![allow(clippy::unreadable_literal, clippy::approx_constant, clippy::excessive_precision, reason = "values are copied from the compliance cases")]

        #[allow(dead_code, reason = "a crate may have only some kinds of case")]
        mod support {
            use ::#lib::json::Json;

            pub fn response(code: u16, headers: &[(&str, &str)], body: &str) -> ::http::Response<::std::vec::Vec<u8>> {
                let mut response = ::http::Response::builder().status(code);
                for (name, value) in headers {
                    response = response.header(*name, *value);
                }
                response.body(body.as_bytes().to_vec()).expect("a valid test response")
            }

            /// Query parameters as `name=value` pairs, still percent-encoded, in order.
            fn query_pairs<B>(request: &::http::Request<B>) -> ::std::vec::Vec<::std::string::String> {
                request.uri().query().unwrap_or_default().split('&').filter(|p| !p.is_empty()).map(str::to_string).collect()
            }

            pub fn assert_query<B>(request: &::http::Request<B>, expected: &[&str], forbid: &[&str], require: &[&str]) {
                let actual = query_pairs(request);
                for pair in expected {
                    assert!(actual.iter().any(|a| a == pair), "query {pair} missing from {actual:?}");
                }
                let names: ::std::vec::Vec<&str> = actual.iter().map(|p| p.split('=').next().unwrap_or_default()).collect();
                for name in forbid {
                    assert!(!names.contains(name), "query {name} must not be sent: {actual:?}");
                }
                for name in require {
                    assert!(names.contains(name), "query {name} must be sent: {actual:?}");
                }
            }

            pub fn assert_headers(headers: &::http::HeaderMap, expected: &[(&str, &str)], forbid: &[&str], require: &[&str]) {
                for (name, value) in expected {
                    let actual: ::std::vec::Vec<&str> = headers.get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
                    assert_eq!(actual.join(", "), *value, "header {name}");
                }
                for name in forbid {
                    assert!(headers.get(*name).is_none(), "header {name} must not be sent");
                }
                for name in require {
                    assert!(headers.get(*name).is_some(), "header {name} must be sent");
                }
            }

            /// JSON bodies are compared as values: key order and number spelling do not matter.
            pub fn assert_json_eq(actual: &[u8], expected: &str) {
                if expected.trim().is_empty() {
                    assert!(actual.is_empty(), "expected no body, got {}", ::std::string::String::from_utf8_lossy(actual));
                    return;
                }
                let actual_json = ::#lib::json::parse(actual).unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", ::std::string::String::from_utf8_lossy(actual)));
                let expected_json = ::#lib::json::parse(expected.as_bytes()).expect("the expected body is JSON");
                assert!(same_json(&actual_json, &expected_json), "body\n  actual: {}\nexpected: {expected}", ::std::string::String::from_utf8_lossy(actual));
            }

            fn same_json(a: &Json, b: &Json) -> bool {
                match (a, b) {
                    (Json::Number(x), Json::Number(y)) => {
                        x.as_str() == y.as_str() || x.as_str().parse::<f64>().ok() == y.as_str().parse::<f64>().ok()
                    }
                    (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
                    (Json::Object(x), Json::Object(y)) => {
                        x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same_json(v, v2)))
                    }
                    _ => a == b,
                }
            }

            /// Equal, or (for values holding NaN, which is never equal to itself) equal when printed.
            pub fn assert_same<T: ::std::cmp::PartialEq + ::std::fmt::Debug>(actual: &T, expected: &T) {
                if actual != expected {
                    assert_eq!(format!("{actual:?}"), format!("{expected:?}"));
                }
            }
        }

        #( #tests )*
    })
}

fn test_fn(ctx: &Ctx<'_>, test: &ProtocolTest) -> TokenStream {
    let name = test_name(&format!("{}_{}", kind_label(&test.kind), test.id));
    let doc = test.case.get("documentation").and_then(Value::as_str).map(crate::docs::to_rustdoc).unwrap_or_default();
    let doc = super::doc_lines(&format!("`{}`: {}", test.id, doc));
    if let Some(reason) = &test.skip {
        return quote! {
            #doc
            #[test]
            #[ignore = #reason]
            fn #name() {}
        };
    }
    let op = &ctx.krate.operations[test.operation];
    let body = match &test.kind {
        ProtocolTestKind::Request => request_test(ctx, op, &test.case),
        ProtocolTestKind::Response => response_test(ctx, op, &test.case),
        ProtocolTestKind::ErrorResponse { variant } => error_test(ctx, op, variant, &test.case),
        ProtocolTestKind::MalformedRequest => malformed_test(ctx, op, &test.case),
    };
    match body {
        Ok(body) => quote! {
            #doc
            #[test]
            fn #name() {
                #body
            }
        },
        // A case the generator cannot express fails loudly rather than vanishing.
        Err(why) => {
            let message = format!("the generator could not build this case: {why}");
            quote! {
                #doc
                #[test]
                fn #name() {
                    panic!("{}", #message);
                }
            }
        }
    }
}

fn kind_label(kind: &ProtocolTestKind) -> &'static str {
    match kind {
        ProtocolTestKind::Request => "request",
        ProtocolTestKind::Response => "response",
        ProtocolTestKind::ErrorResponse { .. } => "error",
        ProtocolTestKind::MalformedRequest => "malformed",
    }
}
