//! One module per operation: its input, output and error types, its schema, the marker struct with
//! the sans-IO wire functions, and (with the client) `send()` on the input builder.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::errors::emit_error_enum;
use super::structures::emit_structure;
use super::{doc_attrs, path_tokens, rt, EmittedFile, FileKind};
use crate::ir::{Crate, Operation, PathPart, Protocol, Structure};
use crate::naming;

fn rust(path: String, tokens: TokenStream) -> EmittedFile {
    EmittedFile { path, kind: FileKind::Rust(tokens) }
}

fn operation_static(krate: &Crate, op: &Operation) -> TokenStream {
    let rt = rt();
    let name = &op.name;
    let id = &op.shape_id;
    let input = path_tokens(&krate.types[op.input].name().schema);
    let output = path_tokens(&krate.types[op.output].name().schema);
    let errors = op.error.variants.iter().map(|v| {
        let schema = path_tokens(&krate.types[v.error].name().schema);
        quote!(&#schema)
    });
    let http = match &op.http {
        Some(http) => {
            let method = &http.method;
            let code = http.code;
            let path = http.path.iter().map(|part| match part {
                PathPart::Literal(text) => quote!(#rt::schema::PathPart::Literal(#text)),
                PathPart::Label { field, greedy } => {
                    let field = Literal::usize_unsuffixed(*field);
                    quote!(#rt::schema::PathPart::Label { member: #field, greedy: #greedy })
                }
            });
            let query = http.query.iter().map(|(k, v)| match v {
                Some(v) => quote!((#k, ::core::option::Option::Some(#v))),
                None => quote!((#k, ::core::option::Option::None)),
            });
            quote!(::core::option::Option::Some(#rt::schema::Http { method: #method, path: &[#( #path ),*], query: &[#( #query ),*], code: #code }))
        }
        None => quote!(::core::option::Option::None),
    };
    let ident = format_ident!("{}", naming::OPERATION_STATIC);
    quote! {
        pub(crate) static #ident: #rt::schema::Operation = #rt::schema::Operation {
            name: #name,
            id: #id,
            input: &#input,
            output: &#output,
            errors: &[#( #errors ),*],
            http: #http,
        };
    }
}

/// The sans-IO functions on the marker struct.
fn wire_functions(krate: &Crate, op: &Operation, protocol: Protocol) -> TokenStream {
    let rt = rt();
    let input = path_tokens(&krate.types[op.input].name().path);
    let output = path_tokens(&krate.types[op.output].name().path);
    let error = format_ident!("{}", op.error.ident);
    let operation = format_ident!("{}", naming::OPERATION_STATIC);
    let protocol = match protocol {
        Protocol::RestJson1 => quote!(#rt::protocol::rest_json),
    };
    quote! {
        /// Build the HTTP request for `input`, sent to `endpoint` (e.g. `https://service.us-east-1.amazonaws.com`).
        ///
        /// Every constraint of the model is checked first: an invalid input never becomes a request.
        ///
        /// # Errors
        ///
        /// [`RequestError::Validation`](crate::error::RequestError::Validation) with every
        /// violation, or another [`RequestError`](crate::error::RequestError) when the request
        /// cannot be formed.
        pub fn serialize_request(input: &#input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::RequestError> {
            #protocol::serialize_request(&#operation, input, endpoint)
        }

        /// Build the HTTP request without checking constraints (see `build_unvalidated`).
        ///
        /// # Errors
        ///
        /// A [`RequestError`](crate::error::RequestError) when a path label is missing, the
        /// endpoint is not a URI, or a header value cannot be sent.
        pub fn serialize_request_unvalidated(input: &#input, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::RequestError> {
            #protocol::serialize_request_unvalidated(&#operation, input, endpoint)
        }

        /// Turn an HTTP response into the output, or the operation's error.
        ///
        /// # Errors
        ///
        /// [`ResponseError::Service`](crate::error::ResponseError::Service) for an error the
        /// service returned (modelled, or [`Unhandled`](crate::error::Unhandled)), and
        /// [`ResponseError::Deserialize`](crate::error::ResponseError::Deserialize) for a
        /// response the protocol does not allow.
        pub fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<#output, crate::error::ResponseError<#error>> {
            #protocol::parse_response(&#operation, response.status().as_u16(), response.headers(), response.body().as_ref())
        }
    }
}

/// `send()` and friends on the input builder a client's method returns.
fn fluent(krate: &Crate, op: &Operation, input: &Structure) -> TokenStream {
    let builder = format_ident!("{}", input.builder);
    let input_ident = format_ident!("{}", input.name.ident);
    let output = path_tokens(&krate.types[op.output].name().path);
    let error = format_ident!("{}", op.error.ident);
    let operation = format_ident!("{}", naming::OPERATION_STATIC);
    let constructor = format_ident!("{}", naming::FLUENT_CONSTRUCTOR);
    quote! {
        /// The builder a client's method returns.
        pub(crate) fn #constructor(client: crate::Client) -> #builder<crate::Client> {
            #builder { inner: <#input_ident as ::std::default::Default>::default(), client }
        }

        impl #builder<crate::Client> {
            /// The input as set so far.
            pub fn as_input(&self) -> &#input_ident {
                &self.inner
            }

            /// Validate, sign and send the request (with retries), and return the output.
            ///
            /// # Errors
            ///
            /// An [`SdkError`](crate::config::SdkError): not sent (invalid input, no endpoint or
            /// credentials), timed out, transport failure, the operation's error, or an
            /// unreadable response; with the attempt count and request id where known.
            pub async fn send(self) -> ::std::result::Result<#output, crate::config::SdkError<super::#error>> {
                self.client.handle.invoke(&super::#operation, &self.inner).await
            }
        }
    }
}

pub(crate) fn operation_files(krate: &Crate, op: &Operation) -> Vec<EmittedFile> {
    let dir = format!("src/operation/{}", op.module);
    let (Some(input), Some(output)) = (krate.structure(op.input), krate.structure(op.output)) else {
        return Vec::new();
    };
    let input_module = format_ident!("{}", input.name.module);
    let output_module = format_ident!("{}", output.name.module);
    let input_ident = format_ident!("{}", input.name.ident);
    let output_ident = format_ident!("{}", output.name.ident);
    let input_builder = format_ident!("{}", input.builder);
    let output_builder = format_ident!("{}", output.builder);
    let error = format_ident!("{}", op.error.ident);
    let marker = format_ident!("{}", op.marker);
    let fluent_alias = op.client.as_ref().map(|client| {
        let fluent = format_ident!("{}", client.fluent);
        quote! {
            /// The builder [`Client`](crate::Client) returns for this operation: the input's setters, then `send()`.
            pub type #fluent = super::#input_module::#input_builder<crate::Client>;
        }
    });
    let docs = doc_attrs(&op.docs);
    let name = &op.name;
    let shape_id = &op.shape_id;
    let wire = match (krate.protocol, op.wire) {
        (Some(protocol), true) => Some((wire_functions(krate, op, protocol), operation_static(krate, op))),
        _ => None,
    };
    let (functions, schema) = match wire {
        Some((functions, schema)) => (functions, schema),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let op_doc = format!(" The `{}` operation.", op.name);
    let module = quote! {
        #![doc = #op_doc]

        #[rustfmt::skip]
        pub(crate) mod #input_module;
        #[rustfmt::skip]
        pub(crate) mod #output_module;
        #[rustfmt::skip]
        mod _error;

        pub use self::#input_module::#input_ident;
        pub use self::#output_module::#output_ident;
        pub use self::_error::#error;

        /// Builders for this operation's input and output.
        pub mod builders {
            pub use super::#input_module::#input_builder;
            pub use super::#output_module::#output_builder;

            #fluent_alias
        }

        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::default::Default)]
        #[non_exhaustive]
        pub struct #marker;

        impl #marker {
            /// The operation's name in the model.
            pub const NAME: &'static str = #name;

            /// The operation's absolute shape id.
            pub const SHAPE_ID: &'static str = #shape_id;

            #functions
        }

        #schema
    };
    let mut input_tokens = emit_structure(krate, input);
    if op.client.is_some() {
        input_tokens.extend(fluent(krate, op, input));
    }
    vec![
        rust(format!("{dir}/mod.rs"), module),
        rust(format!("{dir}/{}.rs", input.name.module), input_tokens),
        rust(format!("{dir}/{}.rs", output.name.module), emit_structure(krate, output)),
        rust(format!("{dir}/_error.rs"), emit_error_enum(krate, &op.error)),
    ]
}
