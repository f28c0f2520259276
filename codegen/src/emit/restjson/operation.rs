//! Per-operation HTTP functions on the operation's marker struct: `serialize_request` (validating
//! first), `serialize_request_unvalidated` and `parse_response`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::codec::{structure_reader_loop, structure_writer_body};
use super::values::{codec_path, from_text, to_text, write_json, ModuleOf, TextPlace};
use crate::emit::{path_tokens, unboxed_tokens};
use crate::ir::{Binding, Field, Http, NamedKind, Operation, PathPart, Type};

pub(crate) fn emit_operation_http(op: &Operation, http: &Http, module_of: ModuleOf<'_>) -> TokenStream {
    let marker = format_ident!("{}", op.name);
    let input = path_tokens(&op.input.name.path());
    let output = path_tokens(&op.output.name.path());
    let error_ident = format_ident!("{}", op.error.ident);
    let error = quote!(super::#error_ident);
    let serialize = serialize(op, http, module_of);
    let parse = parse_response(op, module_of);
    let parse_error = parse_error(op, module_of);
    let method = &http.method;
    let code = http.code;
    quote! {
        impl super::#marker {
            /// The HTTP method.
            pub const METHOD: &'static str = #method;
            /// The status code of a successful response.
            pub const SUCCESS_CODE: u16 = #code;

            /// Build the HTTP request for `input`, sent to `endpoint` (e.g. `https://connect.us-east-1.amazonaws.com`).
            ///
            /// Every constraint of the model is checked first: an invalid input never becomes a request.
            ///
            /// # Errors
            ///
            /// [`RequestError::Validation`](crate::http::RequestError::Validation) with every violation,
            /// or another [`RequestError`](crate::http::RequestError) when the request cannot be formed.
            pub fn serialize_request(input: &#input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::http::RequestError> {
                crate::validation::Validate::validate(input).map_err(crate::http::RequestError::Validation)?;
                Self::serialize_request_unvalidated(input, endpoint)
            }

            /// Build the HTTP request without checking constraints (see `build_unvalidated`).
            ///
            /// # Errors
            ///
            /// A [`RequestError`](crate::http::RequestError) when a path label is missing, the
            /// endpoint is not a URI, or a header value cannot be sent.
            pub fn serialize_request_unvalidated(input: &#input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::http::RequestError> {
                #serialize
            }

            /// Turn an HTTP response into the output, or the operation's error.
            ///
            /// # Errors
            ///
            /// [`ResponseError::Service`](crate::http::ResponseError::Service) for an error the service
            /// returned (modelled, or [`Unhandled`](crate::error::Unhandled)), and
            /// [`ResponseError::Deserialize`](crate::http::ResponseError::Deserialize) for a response
            /// the protocol does not allow.
            pub fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<#output, crate::http::ResponseError<#error>> {
                #parse
            }

            #parse_error
        }
    }
}

fn serialize(op: &Operation, http: &Http, module_of: ModuleOf<'_>) -> TokenStream {
    let method = &http.method;
    let fields = &op.input.fields;
    let mut out = quote! {
        let mut request = crate::http::RequestBuilder::new(#method, endpoint)?;
    };
    if fields.is_empty() {
        out.extend(quote!(let _ = input;));
    }
    for part in &http.path {
        out.extend(match part {
            PathPart::Literal(text) => quote!(request.path(#text);),
            PathPart::Label { field, greedy } => {
                let f = &fields[*field];
                let ident = f.ident.to_ident();
                let member = &f.member;
                let v = quote!(value);
                let text = to_text(&f.ty, f.wire.timestamp_format, false, TextPlace::Label, &v);
                quote! {
                    match &input.#ident {
                        ::std::option::Option::Some(value) => request.label(#member, &#text, #greedy)?,
                        ::std::option::Option::None => return ::std::result::Result::Err(crate::http::RequestError::MissingLabel { member: #member }),
                    }
                }
            }
        });
    }
    for (name, value) in &http.query {
        out.extend(match value {
            Some(value) => quote!(request.query(#name, #value);),
            None => quote!(request.query_flag(#name);),
        });
    }
    let bound_query: Vec<&str> = fields
        .iter()
        .filter_map(|f| match &f.wire.binding {
            Binding::Query(name) => Some(name.as_str()),
            _ => None,
        })
        .chain(http.query.iter().map(|(k, _)| k.as_str()))
        .collect();
    let mut prefix_headers = TokenStream::new();
    for f in fields {
        let ident = f.ident.to_ident();
        let format = f.wire.timestamp_format;
        let media = f.wire.media_type.is_some();
        match &f.wire.binding {
            Binding::Query(name) => {
                let v = quote!(item);
                let statement = match &f.ty {
                    Type::List(item) => {
                        let text = to_text(item, format, media, TextPlace::Query, &v);
                        quote!(for item in value.iter() { request.query(#name, &#text); })
                    }
                    ty => {
                        let text = to_text(ty, format, media, TextPlace::Query, &quote!(value));
                        quote!(request.query(#name, &#text);)
                    }
                };
                out.extend(quote!(if let ::std::option::Option::Some(value) = &input.#ident { #statement }));
            }
            Binding::QueryParams => {
                let item = match &f.ty {
                    Type::Map(_, value) => match &**value {
                        Type::List(_) => quote!(for item in value.iter() { request.query_param_if_absent(&[#(#bound_query),*], key, item); }),
                        _ => quote!(request.query_param_if_absent(&[#(#bound_query),*], key, value);),
                    },
                    _ => quote!(),
                };
                // Sorted so the URI is the same on every run.
                out.extend(quote! {
                    if let ::std::option::Option::Some(map) = &input.#ident {
                        let mut entries: ::std::vec::Vec<_> = map.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, value) in entries {
                            #item
                        }
                    }
                });
            }
            Binding::Header(name) => {
                let statement = match &f.ty {
                    Type::List(item) => {
                        let v = quote!(item);
                        let text = to_text(item, format, media, TextPlace::Header, &v);
                        let quoted = if matches!(**item, Type::String | Type::Named { kind: NamedKind::Enum, .. }) {
                            quote!(crate::protocol::quote_header_list_item(&#text).into_owned().into())
                        } else {
                            quote!(#text)
                        };
                        quote!(request.header(#name, crate::http::header_list(value.iter().map(|item| -> ::std::borrow::Cow<'_, str> { #quoted })));)
                    }
                    ty => {
                        let text = to_text(ty, format, media, TextPlace::Header, &quote!(value));
                        quote!(request.header(#name, #text.into_owned());)
                    }
                };
                out.extend(quote!(if let ::std::option::Option::Some(value) = &input.#ident { #statement }));
            }
            Binding::PrefixHeaders(prefix) => {
                // After every bound header (see the loop order below): an exact binding wins.
                prefix_headers.extend(quote! {
                    if let ::std::option::Option::Some(map) = &input.#ident {
                        let mut entries: ::std::vec::Vec<_> = map.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, value) in entries {
                            request.header_if_absent(&format!("{}{}", #prefix, key), value.as_str());
                        }
                    }
                });
            }
            _ => {}
        }
    }
    out.extend(prefix_headers);
    // Idempotency tokens are filled in when the caller left them unset; the serializers below
    // then read the filled copy like any other input.
    let tokens: Vec<&Field> = fields.iter().filter(|f| f.wire.idempotency_token && matches!(f.ty, Type::String)).collect();
    let out = if tokens.is_empty() {
        out
    } else {
        let idents: Vec<_> = tokens.iter().map(|f| f.ident.to_ident()).collect();
        quote! {
            let filled;
            let input = if #( input.#idents.is_none() )||* {
                let mut copy = input.clone();
                #( copy.#idents.get_or_insert_with(crate::protocol::new_idempotency_token); )*
                filled = copy;
                &filled
            } else {
                input
            };
            #out
        }
    };
    let body = request_body(op, module_of);
    quote! {
        #out
        #body
        request.build()
    }
}

fn request_body(op: &Operation, module_of: ModuleOf<'_>) -> TokenStream {
    let fields = &op.input.fields;
    if let Some(f) = fields.iter().find(|f| f.wire.binding == Binding::Payload) {
        let ident = f.ident.to_ident();
        let content_type = f.wire.media_type.clone();
        return match &f.ty {
            Type::Blob => {
                let ct = content_type.unwrap_or_else(|| "application/octet-stream".into());
                quote!(if let ::std::option::Option::Some(value) = &input.#ident { request.body(#ct, value.as_bytes().to_vec()); })
            }
            Type::String => {
                let ct = content_type.unwrap_or_else(|| "text/plain".into());
                quote!(if let ::std::option::Option::Some(value) = &input.#ident { request.body(#ct, value.as_bytes().to_vec()); })
            }
            Type::Named { kind: NamedKind::Enum, .. } => {
                let ct = content_type.unwrap_or_else(|| "text/plain".into());
                quote!(if let ::std::option::Option::Some(value) = &input.#ident { request.body(#ct, value.as_str().as_bytes().to_vec()); })
            }
            ty => {
                let v = quote!(value);
                let write = write_json(ty, f.wire.timestamp_format, &v, module_of);
                // An unset structure payload is sent as `{}`; an unset union or document is no body.
                let unset = if matches!(ty, Type::Named { kind: NamedKind::Structure, .. }) {
                    quote!(else { request.body("application/json", b"{}".to_vec()); })
                } else {
                    quote!()
                };
                quote! {
                    if let ::std::option::Option::Some(value) = &input.#ident {
                        let mut writer = crate::json::JsonWriter::new();
                        let w = &mut writer;
                        #write
                        request.body("application/json", writer.into_string().into_bytes());
                    } #unset
                }
            }
        };
    }
    if !fields.iter().any(|f| f.wire.binding == Binding::Body) {
        return quote!();
    }
    let body = structure_writer_body(&op.input, module_of, true);
    quote! {
        {
            let v = input;
            let mut writer = crate::json::JsonWriter::new();
            let w = &mut writer;
            #body
            request.body("application/json", writer.into_string().into_bytes());
        }
    }
}

fn parse_response(op: &Operation, module_of: ModuleOf<'_>) -> TokenStream {
    let error_ident = format_ident!("{}", op.error.ident);
    let error = quote!(super::#error_ident);
    let output = path_tokens(&op.output.name.path());
    let fields = &op.output.fields;
    let mut statements = TokenStream::new();
    for f in fields {
        let ident = f.ident.to_ident();
        let format = f.wire.timestamp_format;
        let media = f.wire.media_type.is_some();
        match &f.wire.binding {
            Binding::Header(name) => {
                let p = quote!(#name);
                let parse = match &f.ty {
                    Type::List(item) => {
                        let t = quote!(item.as_str());
                        let one = from_text(item, format, media, &t, &p);
                        let split = if matches!(**item, Type::Timestamp) && format.unwrap_or(crate::ir::TimestampFormat::HttpDate) == crate::ir::TimestampFormat::HttpDate {
                            quote!(crate::protocol::split_http_date_list(text).map_err(|error| deserialize(crate::json::DeserializeError::new(#name, error.to_string())))?)
                        } else {
                            quote!(crate::protocol::split_header_list(text).map_err(|error| deserialize(crate::json::DeserializeError::new(#name, error.to_string())))?)
                        };
                        quote! {
                            #split.iter().map(|item| #one).collect::<::std::result::Result<::std::vec::Vec<_>, _>>()
                        }
                    }
                    ty => {
                        let t = quote!(text);
                        from_text(ty, format, media, &t, &p)
                    }
                };
                statements.extend(quote! {
                    if let ::std::option::Option::Some(text) = crate::http::header(response.headers(), #name).map_err(deserialize)? {
                        builder.#ident = ::std::option::Option::Some(#parse.map_err(deserialize)?);
                    }
                });
            }
            Binding::PrefixHeaders(prefix) => {
                statements.extend(quote! {
                    let prefixed = crate::http::prefix_headers(response.headers(), #prefix);
                    if !prefixed.is_empty() {
                        builder.#ident = ::std::option::Option::Some(prefixed);
                    }
                });
            }
            Binding::ResponseCode => {
                statements.extend(quote!(builder.#ident = ::std::option::Option::Some(i32::from(status));));
            }
            _ => {}
        }
    }
    if let Some(f) = fields.iter().find(|f| f.wire.binding == Binding::Payload) {
        let ident = f.ident.to_ident();
        statements.extend(match &f.ty {
            Type::Blob => quote! {
                if !body.is_empty() {
                    builder.#ident = ::std::option::Option::Some(crate::primitives::Blob::new(body.to_vec()));
                }
            },
            Type::String => quote! {
                if !body.is_empty() {
                    let text = ::std::str::from_utf8(body).map_err(|_| deserialize(crate::json::DeserializeError::new("", "the payload is not UTF-8 text")))?;
                    builder.#ident = ::std::option::Option::Some(text.to_string());
                }
            },
            Type::Named { kind: NamedKind::Enum, .. } => {
                let ty = unboxed_tokens(&f.ty);
                quote! {
                    if !body.is_empty() {
                        let text = ::std::str::from_utf8(body).map_err(|_| deserialize(crate::json::DeserializeError::new("", "the payload is not UTF-8 text")))?;
                        builder.#ident = ::std::option::Option::Some(#ty::from(text));
                    }
                }
            }
            ty => {
                let j = quote!(json);
                let p = quote!("");
                let read = super::values::read_json(ty, f.wire.timestamp_format, &j, &p, module_of);
                quote! {
                    if let ::std::option::Option::Some(parsed) = crate::http::json_body(body).map_err(deserialize)? {
                        let json = &parsed;
                        builder.#ident = ::std::option::Option::Some(#read.map_err(deserialize)?);
                    }
                }
            }
        });
    } else if fields.iter().any(|f| f.wire.binding.in_response_body()) {
        let reader = structure_reader_loop(&op.output, module_of, true);
        statements.extend(quote! {
            if let ::std::option::Option::Some(json) = crate::http::json_body(body).map_err(deserialize)? {
                let path = "";
                let entries = json.expect_object(path).map_err(deserialize)?;
                (|| -> ::std::result::Result<(), crate::json::DeserializeError> {
                    #reader
                    ::std::result::Result::Ok(())
                })().map_err(deserialize)?;
            }
        });
    }
    let check_status = quote! {
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return ::std::result::Result::Err(Self::parse_error(response));
        }
    };
    if statements.is_empty() {
        // Nothing to read: any success status is the (empty) output.
        return quote! {
            #check_status
            ::std::result::Result::Ok(#output::builder().build_unvalidated())
        };
    }
    statements.extend(super::values::fill_defaults(fields));
    let reads_body = fields.iter().any(|f| f.wire.binding.in_response_body() || f.wire.binding == Binding::Payload);
    let body = reads_body.then(|| quote!(let body = response.body().as_ref();));
    let can_fail = fields.iter().any(|f| match f.wire.binding {
        Binding::Body | Binding::Header(_) | Binding::Query(_) | Binding::QueryParams | Binding::Label => true,
        // Raw bytes cannot be malformed; text and JSON payloads can.
        Binding::Payload => !matches!(f.ty, Type::Blob),
        _ => false,
    });
    let deserialize = can_fail.then(|| {
        quote! {
            let deserialize = |error: crate::json::DeserializeError| -> crate::http::ResponseError<#error> {
                crate::http::ResponseError::Deserialize { error, status, request_id: crate::http::request_id(response.headers()) }
            };
        }
    });
    quote! {
        #check_status
        #body
        #deserialize
        let mut builder = #output::builder();
        #statements
        ::std::result::Result::Ok(builder.build_unvalidated())
    }
}

fn parse_error(op: &Operation, module_of: ModuleOf<'_>) -> TokenStream {
    let error_ident = format_ident!("{}", op.error.ident);
    let error = quote!(super::#error_ident);
    let arms: Vec<TokenStream> = op.error.variants.iter().map(|v| {
        let code = &v.code;
        let ident = format_ident!("{}", v.ident);
        let codec = codec_path(&v.path, &module_of(&v.path));
        quote! {
            ::std::option::Option::Some(#code) => match #codec::read_error(response.headers(), json.as_ref()) {
                ::std::result::Result::Ok(error) => crate::http::ResponseError::service(#error::#ident(error), status, request_id),
                ::std::result::Result::Err(error) => crate::http::ResponseError::Deserialize { error, status, request_id },
            },
        }
    }).collect();
    let unhandled = quote! {
        let message = crate::http::error_message(json.as_ref());
        let unhandled = crate::error::Unhandled::new(code, message).with_status(status).with_request_id(request_id.clone());
        crate::http::ResponseError::service(#error::Unhandled(unhandled), status, request_id)
    };
    let dispatch = if arms.is_empty() {
        unhandled
    } else {
        quote! {
            match code.as_deref() {
                #( #arms )*
                _ => { #unhandled }
            }
        }
    };
    quote! {
        fn parse_error<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> crate::http::ResponseError<#error> {
            let status = response.status().as_u16();
            let request_id = crate::http::request_id(response.headers());
            // A garbled error body still yields an error: the code may be in a header.
            let json = crate::http::json_body(response.body().as_ref()).ok().flatten();
            let code = crate::http::error_code(response.headers(), json.as_ref());
            #dispatch
        }
    }
}

