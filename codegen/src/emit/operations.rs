//! One module per operation: its input, output and error types, its schema, the marker struct with
//! the sans-IO wire functions, and (with the client) `send()` on the input builder and its
//! paginators ([`super::paginators`]).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::errors::emit_error_enum;
use super::structures::emit_structure;
use super::{doc_attrs, macro_call, path_tokens, rt, EmittedFile, FileKind, MacroArg, Part};
use crate::ir::{Crate, Customization, Operation, PathPart, Structure};
use crate::naming;

fn path_part(part: &PathPart) -> TokenStream {
    let rt = rt();
    match part {
        PathPart::Literal(text) => quote!(#rt::schema::PathPart::Literal(#text)),
        PathPart::Label { field, greedy } => {
            let field = Literal::usize_unsuffixed(*field);
            quote!(#rt::schema::PathPart::Label { member: #field, greedy: #greedy })
        }
    }
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
            let path = http.path.iter().map(path_part);
            let query = http.query.iter().map(|(k, v)| match v {
                Some(v) => quote!((#k, ::core::option::Option::Some(#v))),
                None => quote!((#k, ::core::option::Option::None)),
            });
            quote!(::core::option::Option::Some(#rt::schema::Http { method: #method, path: &[#( #path ),*], query: &[#( #query ),*], code: #code }))
        }
        None => quote!(::core::option::Option::None),
    };
    let ident = format_ident!("{}", naming::OPERATION_STATIC);
    let wire = format_ident!("{}", naming::WIRE_STATIC);
    let gzip = op.gzip;
    let anonymous = op.anonymous;
    let host_prefix = op.host_prefix.iter().map(path_part);
    let customizations = op.customizations.iter().map(|c| match c {
        Customization::UnwrappedOutput => quote!(#rt::schema::Customization::UnwrappedOutput),
        Customization::EndpointFromMember { field } => {
            let field = Literal::usize_unsuffixed(*field);
            quote!(#rt::schema::Customization::EndpointFromMember { member: #field })
        }
        Customization::TreeHashHeaders => quote!(#rt::schema::Customization::TreeHashHeaders),
    });
    let endpoint_params = super::endpoints::context_params(krate, op);
    quote! {
        pub(crate) static #ident: #rt::schema::Operation = #rt::schema::Operation {
            name: #name,
            id: #id,
            input: &#input,
            output: &#output,
            errors: &[#( #errors ),*],
            http: #http,
            wire: &crate::operation::#wire,
            gzip: #gzip,
            anonymous: #anonymous,
            host_prefix: &[#( #host_prefix ),*],
            customizations: &[#( #customizations ),*],
            endpoint_params: #endpoint_params,
        };
    }
}

/// The name, shape id and sans-IO functions of the marker struct.
fn marker_impl(krate: &Crate, op: &Operation) -> Part {
    let marker = format_ident!("{}", op.marker);
    let (name, id) = (&op.name, &op.shape_id);
    match (&krate.wire, op.wire) {
        (Some(_), true) => {
            let mut args = vec![
                op.marker.clone(),
                format!("{name:?}"),
                format!("{id:?}"),
                naming::OPERATION_STATIC.to_string(),
                format!("self::{}", krate.types[op.input].name().ident),
                format!("self::{}", krate.types[op.output].name().ident),
                format!("self::{}", op.error.ident),
            ];
            // With a rule set, the marker also offers `endpoint_params` for sans-IO callers.
            if krate.endpoint.is_some() {
                args.push("crate::endpoint::ParamsBuilder".to_string());
            }
            let args: Vec<MacroArg> = args.into_iter().map(MacroArg::Plain).collect();
            Part::Text(macro_call("operation", &args))
        }
        _ => Part::Tokens(quote! {
            impl #marker {
                /// The operation's name in the model.
                pub const NAME: &'static str = #name;

                /// The operation's absolute shape id.
                pub const SHAPE_ID: &'static str = #id;
            }
        }),
    }
}

/// `send()` and friends on the input builder a client's method returns.
fn fluent(krate: &Crate, op: &Operation, input: &Structure) -> TokenStream {
    let builder = format_ident!("{}", input.builder);
    let input_ident = format_ident!("{}", input.name.ident);
    let output = path_tokens(&krate.types[op.output].name().path);
    let error = format_ident!("{}", op.error.ident);
    let operation = format_ident!("{}", naming::OPERATION_STATIC);
    quote! {
        impl #builder<crate::Client> {
            /// The input as set so far.
            #[inline]
            pub fn as_input(&self) -> &#input_ident {
                &self.inner
            }

            /// Change settings for this call only (like aws-sdk-rust's `customize()`): timeouts,
            /// retries, endpoint, validation.
            #[inline]
            pub fn config_override(mut self, f: impl ::std::ops::FnOnce(crate::config::ConfigBuilder) -> crate::config::ConfigBuilder) -> Self {
                self.client = self.client.with_overrides(f);
                self
            }

            /// Validate, sign and send the request (with retries), and return the output.
            ///
            /// # Errors
            ///
            /// An [`SdkError`](crate::config::SdkError): not sent (invalid input, no endpoint or
            /// credentials), timed out, transport failure, the operation's error, or an
            /// unreadable response; with the attempt count and request id where known.
            #[inline]
            pub fn send(self) -> impl ::std::future::Future<Output = ::std::result::Result<#output, crate::config::SdkError<super::#error>>> + ::std::marker::Send {
                self.client.handle.invoke(&super::#operation, self.inner)
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
    let paginator = op.paginator.as_ref().filter(|_| op.client.is_some());
    let paginator_module = paginator.map(|_| {
        quote! {
            #[rustfmt::skip]
            pub mod paginator;
        }
    });
    let docs = doc_attrs(&op.docs);
    let marker_impl = marker_impl(krate, op);
    let schema = (krate.wire.is_some() && op.wire).then(|| operation_static(krate, op));
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

        #paginator_module

        /// Builders for this operation's input and output.
        pub mod builders {
            pub use super::#input_module::#input_builder;
            pub use super::#output_module::#output_builder;

            #fluent_alias
        }

        #docs
        #[non_exhaustive]
        pub struct #marker;

    };
    let module = vec![Part::Tokens(module), marker_impl, Part::Tokens(quote!(#schema))];
    let mut input_parts = emit_structure(krate, input);
    if op.client.is_some() {
        input_parts.push(Part::Tokens(fluent(krate, op, input)));
    }
    if let Some(paginator) = paginator {
        let into_paginator = super::paginators::into_paginator(op, paginator);
        input_parts.push(Part::Tokens(quote!(impl #input_builder<crate::Client> { #into_paginator })));
    }
    let file = |path: String, parts: Vec<Part>| EmittedFile { path, kind: FileKind::Rust(parts) };
    let mut files = vec![
        file(format!("{dir}/mod.rs"), module),
        file(format!("{dir}/{}.rs", input.name.module), input_parts),
        file(format!("{dir}/{}.rs", output.name.module), emit_structure(krate, output)),
        file(format!("{dir}/_error.rs"), emit_error_enum(krate, &op.error)),
    ];
    files.extend(paginator.and_then(|paginator| super::paginators::paginator_file(krate, op, paginator, &dir)));
    files
}
