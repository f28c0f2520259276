//! Smithy protocol compliance cases -> Rust integration tests of the generated crate.
//!
//! Request cases build the input, serialize it and compare method, path, query, headers and
//! body. Response cases parse the canned response and compare with the expected output or error.
//! Malformed-request cases build the input the request stands for and expect validation to fail
//! with Smithy's message. The comparisons live in the runtime's `testing` module.

use proc_macro2::{Ident, Literal as Lit, TokenStream};
use quote::{format_ident, quote};

use super::{doc_lines, external_path};
use crate::ir::protocol_tests::{BodyMedia, CannedResponse, ExpectedRequest, Literal, NonFinite, ProtocolTest, TestKind};
use crate::ir::{Crate, Operation, TypeDef};
use crate::node::Node;

struct Ctx<'a> {
    krate: &'a Crate,
    lib: Ident,
}

impl Ctx<'_> {
    fn type_path(&self, id: usize) -> TokenStream {
        external_path(&self.lib, &self.krate.types[id].name().path)
    }

    fn primitive(&self, name: &str) -> TokenStream {
        let lib = &self.lib;
        let name = format_ident!("{}", name);
        quote!(::#lib::primitives::#name)
    }

    fn document(&self, node: &Node) -> TokenStream {
        let document = self.primitive("Document");
        let number = self.primitive("Number");
        match node {
            Node::Null => quote!(#document::Null),
            Node::Bool(b) => quote!(#document::Bool(#b)),
            Node::Number(n) => {
                if let Ok(u) = n.parse::<u64>() {
                    quote!(#document::Number(#number::PosInt(#u)))
                } else if let Ok(i) = n.parse::<i64>() {
                    quote!(#document::Number(#number::NegInt(#i)))
                } else {
                    let f: f64 = n.parse().unwrap_or(f64::NAN);
                    quote!(#document::Number(#number::Float(#f)))
                }
            }
            Node::String(s) => quote!(#document::String(::std::string::String::from(#s))),
            Node::Array(items) => {
                let items = items.iter().map(|v| self.document(v));
                quote!(#document::Array(::std::vec![#( #items ),*]))
            }
            Node::Object(entries) => {
                let entries = entries.iter().map(|(k, v)| {
                    let v = self.document(v);
                    quote!((::std::string::String::from(#k), #v))
                });
                quote!(#document::Object(::std::iter::FromIterator::from_iter([#( #entries ),*])))
            }
        }
    }

    fn value(&self, literal: &Literal) -> TokenStream {
        match literal {
            Literal::String(s) => quote!(::std::string::String::from(#s)),
            Literal::Bool(b) => quote!(#b),
            Literal::I8(v) => quote!(#v),
            Literal::I16(v) => quote!(#v),
            Literal::I32(v) => quote!(#v),
            Literal::I64(v) => quote!(#v),
            Literal::F32(v) => quote!(#v),
            Literal::F64(v) => quote!(#v),
            Literal::NonFinite { single, value } => {
                let ty = if *single { quote!(f32) } else { quote!(f64) };
                match value {
                    NonFinite::NaN => quote!(#ty::NAN),
                    NonFinite::Infinity => quote!(#ty::INFINITY),
                    NonFinite::NegInfinity => quote!(#ty::NEG_INFINITY),
                }
            }
            Literal::BigInteger(text) => {
                let ty = self.primitive("BigInteger");
                quote!(#text.parse::<#ty>().expect("test value"))
            }
            Literal::BigDecimal(text) => {
                let ty = self.primitive("BigDecimal");
                quote!(#text.parse::<#ty>().expect("test value"))
            }
            Literal::Blob(bytes) => {
                let blob = self.primitive("Blob");
                let bytes = Lit::byte_string(bytes);
                quote!(#blob::new(#bytes.to_vec()))
            }
            Literal::Timestamp { secs, nanos } => {
                let time = self.primitive("DateTime");
                quote!(#time::from_secs_and_nanos(#secs, #nanos))
            }
            Literal::TimestampText(text) => {
                let time = self.primitive("DateTime");
                quote! {
                    ::smithy_rt::text::parse_date_time(#text)
                        .or_else(|_| ::smithy_rt::text::parse_http_date(#text))
                        .map(|t| #time::from_secs_and_nanos(t.secs(), t.subsec_nanos()))
                        .expect("a test timestamp")
                }
            }
            Literal::Document(node) => self.document(node),
            Literal::Enum { ty, value } => {
                let path = self.type_path(*ty);
                quote!(#path::from(#value))
            }
            Literal::IntEnum { ty, value } => {
                let path = self.type_path(*ty);
                quote!(#path::from(#value))
            }
            Literal::Structure { ty, fields } => {
                let path = self.type_path(*ty);
                let Some(TypeDef::Structure(s)) = self.krate.types.get(*ty) else { return quote!(()) };
                let setters = fields.iter().map(|(index, value)| {
                    let set = s.fields[*index].set.to_ident();
                    let value = self.value(value);
                    quote!(.#set(::std::option::Option::Some(#value)))
                });
                quote!(#path::builder() #( #setters )* .build_unvalidated())
            }
            Literal::Union { ty, variant, value } => {
                let path = self.type_path(*ty);
                let Some(TypeDef::Union(u)) = self.krate.types.get(*ty) else { return quote!(()) };
                let ident = format_ident!("{}", u.variants[*variant].ident);
                match value {
                    Some(value) => {
                        let value = self.value(value);
                        quote!(#path::#ident(#value))
                    }
                    None => quote!(#path::#ident),
                }
            }
            Literal::List(items) => {
                let items = items.iter().map(|v| self.value(v));
                quote!(::std::vec![#( #items ),*])
            }
            Literal::Map(entries) => {
                let pairs = entries.iter().map(|(k, v)| {
                    let (k, v) = (self.value(k), self.value(v));
                    quote!((#k, #v))
                });
                quote!(<::std::collections::HashMap<_, _> as ::std::iter::FromIterator<_>>::from_iter([#( #pairs ),*]))
            }
            Literal::Boxed(inner) => {
                let inner = self.value(inner);
                quote!(::std::boxed::Box::new(#inner))
            }
            Literal::Optional(Some(inner)) => {
                let inner = self.value(inner);
                quote!(::std::option::Option::Some(#inner))
            }
            Literal::Optional(None) => quote!(::std::option::Option::None),
        }
    }

    fn marker(&self, op: &Operation) -> TokenStream {
        let lib = &self.lib;
        let module = format_ident!("{}", op.module);
        let marker = format_ident!("{}", op.marker);
        quote!(::#lib::operation::#module::#marker)
    }
}

fn response(response: &CannedResponse) -> TokenStream {
    let code = response.code;
    let (names, values): (Vec<&String>, Vec<&String>) = response.headers.iter().map(|(k, v)| (k, v)).unzip();
    let body = &response.body;
    quote!(::smithy_rt::testing::response(#code, &[#( (#names, #values) ),*], #body))
}

fn request_checks(expect: &ExpectedRequest) -> TokenStream {
    let method = &expect.method;
    let path = &expect.path;
    let (query, forbid_query, require_query) = (&expect.query, &expect.forbid_query, &expect.require_query);
    let (names, values): (Vec<&String>, Vec<&String>) = expect.headers.iter().map(|(k, v)| (k, v)).unzip();
    let (forbid_headers, require_headers) = (&expect.forbid_headers, &expect.require_headers);
    let body = expect.body.as_ref().map(|body| {
        let text = &body.text;
        match body.media {
            BodyMedia::Json => quote!(::smithy_rt::testing::assert_json_eq(request.body(), #text);),
            BodyMedia::Xml => quote!(::smithy_rt::testing::assert_xml_eq(request.body(), #text);),
            BodyMedia::Form => quote!(::smithy_rt::testing::assert_form_eq(request.body(), #text);),
            BodyMedia::Literal => quote!(assert_eq!(::std::string::String::from_utf8_lossy(request.body()), #text, "body");),
        }
    });
    let host = expect.host.as_ref().map(|host| quote!(assert_eq!(request.uri().host(), ::std::option::Option::Some(#host), "host");));
    quote! {
        #host
        assert_eq!(request.method().as_str(), #method, "method");
        assert_eq!(request.uri().path(), #path, "path");
        ::smithy_rt::testing::assert_query(&request, &[#( #query ),*], &[#( #forbid_query ),*], &[#( #require_query ),*]);
        ::smithy_rt::testing::assert_headers(request.headers(), &[#( (#names, #values) ),*], &[#( #forbid_headers ),*], &[#( #require_headers ),*]);
        #body
    }
}

fn test_body(ctx: &Ctx<'_>, op: &Operation, kind: &TestKind) -> TokenStream {
    let marker = ctx.marker(op);
    let lib = &ctx.lib;
    match kind {
        TestKind::Request { input, expect } => {
            let input = ctx.value(input);
            let endpoint = &expect.endpoint;
            let checks = request_checks(expect);
            quote! {
                let input = #input;
                let request = ::smithy_rt::testing::with_idempotency_token(::smithy_rt::testing::COMPLIANCE_IDEMPOTENCY_TOKEN, || #marker::serialize_request(&input, #endpoint))
                    .expect("the input serializes");
                #checks
            }
        }
        TestKind::Response { response: canned, output } => {
            let response = response(canned);
            let expected = ctx.value(output);
            quote! {
                let response = #response;
                let output = #marker::parse_response(&response).expect("the response parses");
                let expected = #expected;
                ::smithy_rt::testing::assert_same(&output, &expected);
            }
        }
        TestKind::Error { response: canned, variant, error, query_code } => {
            let response = response(canned);
            let module = format_ident!("{}", op.module);
            let error_enum = format_ident!("{}", op.error.ident);
            let ident = format_ident!("{}", op.error.variants[*variant].ident);
            let expected = ctx.value(error);
            let query_code = query_code.as_ref().map(|code| quote!(::smithy_rt::testing::assert_error_code(&error, #code);));
            quote! {
                let response = #response;
                let error = #marker::parse_response(&response).expect_err("the response is an error");
                let expected = ::#lib::operation::#module::#error_enum::#ident(#expected);
                ::smithy_rt::testing::assert_same(error.service_error().expect("a service error"), &expected);
                #query_code
            }
        }
        TestKind::Malformed { input, message, fields } => {
            let input = ctx.value(input);
            let (paths, messages): (Vec<&String>, Vec<&String>) = fields.iter().map(|(p, m)| (p, m)).unzip();
            quote! {
                let input = #input;
                let error = ::#lib::Validate::validate(&input).expect_err("validation fails");
                let fields: ::std::vec::Vec<(&str, &str)> = error.violations().iter().map(|v| (v.path(), v.message())).collect();
                assert_eq!(fields, [#( (#paths, #messages) ),*]);
                assert_eq!(error.to_string(), #message);
            }
        }
    }
}

fn test_fn(ctx: &Ctx<'_>, test: &ProtocolTest) -> TokenStream {
    let name = test.name.to_ident();
    let doc = doc_lines(&format!("`{}`: {}", test.id, test.docs));
    if let Some(reason) = &test.skip {
        return quote! {
            #doc
            #[test]
            #[ignore = #reason]
            fn #name() {}
        };
    }
    let op = &ctx.krate.operations[test.operation];
    match &test.kind {
        Ok(kind) => {
            let body = test_body(ctx, op, kind);
            quote! {
                #doc
                #[test]
                fn #name() {
                    #body
                }
            }
        }
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

/// The test file, or `None` when the crate has no cases.
pub(crate) fn emit_protocol_tests(krate: &Crate) -> Option<TokenStream> {
    if krate.protocol_tests.is_empty() {
        return None;
    }
    let ctx = Ctx { krate, lib: format_ident!("{}", krate.lib_name) };
    let tests = krate.protocol_tests.iter().map(|test| test_fn(&ctx, test));
    Some(quote! {
        //! Smithy's protocol compliance cases, run against this generated crate.
        #![allow(clippy::unreadable_literal, clippy::approx_constant, clippy::excessive_precision, reason = "values are copied from the compliance cases")]

        #( #tests )*
    })
}
