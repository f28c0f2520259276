//! The crate around the types: `Cargo.toml`, `lib.rs`, module trees and the re-exports of the
//! runtime types users touch.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::enums::emit_enum;
use super::structures::emit_structure;
use super::unions::emit_union;
use super::{doc_lines, rt, EmittedFile, FileKind, Job, Part};
use crate::ir::{Crate, Location, Primitives, Protocol, TypeDef, Wire};

fn rust(path: impl Into<String>, tokens: TokenStream) -> EmittedFile {
    super::rust_file(path, tokens)
}

fn text(path: impl Into<String>, contents: impl Into<String>) -> EmittedFile {
    EmittedFile { path: path.into(), kind: FileKind::Text(contents.into()) }
}

/// Every file of the crate, emitted in order on this thread.
pub fn emit_crate(krate: &Crate) -> Vec<EmittedFile> {
    crate_jobs(krate).iter().flat_map(Job::run).collect()
}

/// The crate's files as independent jobs; running them in order gives the files in order. A type
/// or an operation is a job of its own, so the jobs spread well over threads.
pub fn crate_jobs(krate: &Crate) -> Vec<Job<'_>> {
    let mut jobs = vec![Job::new(move || {
        let mut files = vec![
            text("Cargo.toml", cargo_toml(krate)),
            rust("src/lib.rs", lib_rs(krate)),
            rust("src/error.rs", error_rs(krate)),
            rust("src/primitives.rs", primitives_rs(krate)),
        ];
        if let Some(schemas) = super::schemas::schemas_rs(krate) {
            files.push(rust("src/schemas.rs", schemas));
        }
        files
    })];
    jobs.push(Job::new(move || {
        let mut files = Vec::new();
        for location in [Location::Types, Location::Errors] {
            if let Some(tokens) = types_mod(krate, &location) {
                let path = if location == Location::Types { "src/types/mod.rs" } else { "src/types/error/mod.rs" };
                files.push(rust(path, tokens));
            }
        }
        files
    }));
    for def in &krate.types {
        let dir = match def.name().location {
            Location::Types => "src/types",
            Location::Errors => "src/types/error",
            Location::Operation(_) => continue,
        };
        jobs.push(Job::new(move || {
            vec![EmittedFile { path: format!("{dir}/{}.rs", def.name().module), kind: FileKind::Rust(type_def(krate, def)) }]
        }));
    }
    if !krate.operations.is_empty() {
        jobs.push(Job::new(move || vec![rust("src/operation/mod.rs", operations_mod(krate))]));
    }
    for op in &krate.operations {
        jobs.push(Job::new(move || super::operations::operation_files(krate, op)));
    }
    if let Some(info) = &krate.client {
        jobs.push(Job::new(move || vec![rust("src/client.rs", super::client::client_rs(krate, info)), rust("src/config.rs", config_rs())]));
    }
    if !krate.waiters.is_empty() {
        jobs.push(Job::new(move || super::waiters::waiters_rs(krate).map(|tokens| rust("src/waiters.rs", tokens)).into_iter().collect()));
    }
    jobs.push(Job::new(move || match super::endpoints::emit_endpoints(krate) {
        Some((resolver, tests)) => vec![rust("src/endpoint.rs", resolver), rust("tests/endpoint_tests.rs", tests)],
        None => Vec::new(),
    }));
    jobs.push(Job::new(move || super::protocol_tests::emit_protocol_tests(krate).map(|tests| rust("tests/protocol_tests.rs", tests)).into_iter().collect()));
    jobs
}

fn type_def(krate: &Crate, def: &TypeDef) -> Vec<Part> {
    match def {
        TypeDef::Structure(s) => emit_structure(krate, s),
        TypeDef::Enum(e) => vec![Part::Tokens(emit_enum(e))],
        TypeDef::Union(u) => emit_union(krate, u),
    }
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn cargo_toml(krate: &Crate) -> String {
    let mut out = String::new();
    out.push_str("[package]\n");
    out.push_str(&format!("name = {}\n", toml_string(&krate.package)));
    out.push_str(&format!("version = {}\n", toml_string(&krate.version)));
    out.push_str(&format!("description = {}\n", toml_string(&krate.description)));
    out.push_str("edition = \"2024\"\nrust-version = \"1.85\"\nlicense = \"Apache-2.0\"\npublish = false\n");
    out.push_str("\n[lib]\npath = \"src/lib.rs\"\n");
    out.push_str("\n[dependencies]\n");
    let features: Vec<String> = krate.runtime.features.iter().map(|f| toml_string(f)).collect();
    out.push_str(&format!(
        "smithy-rt = {{ path = {}, features = [{}] }}\n",
        toml_string(&krate.runtime.path),
        features.join(", ")
    ));
    if krate.wire.is_some() {
        // `http` gives the sans-IO functions the request and response types the ecosystem shares.
        out.push_str("http = \"1\"\n");
    }
    if let Some(path) = &krate.credentials_chain {
        out.push_str(&format!("smithy-credentials = {{ path = {}, optional = true }}\n", toml_string(path)));
    }
    let tests = !krate.protocol_tests.is_empty();
    if tests {
        out.push_str(&format!(
            "\n[dev-dependencies]\nsmithy-rt = {{ path = {}, features = [\"test-util\"] }}\n",
            toml_string(&krate.runtime.path)
        ));
    }
    if krate.client.is_some() {
        let default = if krate.credentials_chain.is_some() { "[\"default-https-client\", \"credentials-chain\"]" } else { "[\"default-https-client\"]" };
        out.push_str(&format!("\n[features]\ndefault = {default}\n"));
        if krate.credentials_chain.is_some() {
            out.push_str("# `Client::from_env` with the AWS default credentials chain (profiles, roles, web identity, SSO, containers, IMDS).\ncredentials-chain = [\"dep:smithy-credentials\", \"default-https-client\"]\n");
        }
        out.push_str(
            "# The hyper + rustls transport and tokio timer; without it, set a transport and timer on the config.\ndefault-https-client = [\"smithy-rt/default-https-client\"]\n# Test doubles for code that uses this client: a replay transport, an instant timer, fixed idempotency tokens.\ntest-util = [\"smithy-rt/test-util\"]\n# A `tracing` span per call (`call`, the operation in `rpc`) and per attempt; never a value.\ntracing = [\"smithy-rt/tracing\"]\n",
        );
        out.push_str("# `Config::from(&sdk_config)`: an aws-config `SdkConfig`'s region, credentials, endpoint, retries and timeouts.\nsdk-config = [\"smithy-rt/sdk-config\"]\n");
        if krate.endpoint.as_ref().is_some_and(|rules| rules.sigv4a) {
            out.push_str(
                "# SigV4a signing, for the endpoints whose rules ask for it (opt-in: its elliptic-curve crates add to every build).\nsigv4a = [\"smithy-rt/sigv4a\"]\n",
            );
        }
    }
    out
}

fn lib_rs(krate: &Crate) -> TokenStream {
    let mut text = format!("{}\n", crate::docs::to_rustdoc(&krate.description));
    if let Some(service) = &krate.service_id {
        text.push_str(&format!("\nGenerated from the Smithy model of `{service}`.\n"));
    }
    if let Some(body) = &krate.docs.text {
        text.push_str(&format!("\n{body}\n"));
    }
    if !krate.operations.is_empty() {
        text.push_str("\n# Operations\n\n");
        for op in &krate.operations {
            let (Some(input), Some(output)) = (krate.structure(op.input), krate.structure(op.output)) else { continue };
            text.push_str(&format!(
                "- [`{}`](crate::operation::{}): [`{}`](crate::operation::{}::{}) in, [`{}`](crate::operation::{}::{}) out, [`{}`](crate::operation::{}::{}) on failure.\n",
                op.name, op.module, input.name.ident, op.module, input.name.ident, output.name.ident, op.module, output.name.ident, op.error.ident, op.module, op.error.ident
            ));
        }
    }
    text.push_str(
        "\n# Validation\n\nEvery builder's `build()` checks all constraints of the model (`@required`, `@length`, \
         `@range`, `@pattern`, enums, `@uniqueItems`) and reports every violation at once in a \
         [`ValidationError`], with messages worded like Smithy's. Use \
         [`Validate`] for values built another way, and `build_unvalidated()` when the service \
         has relaxed a limit this crate still enforces.\n",
    );
    let docs: Vec<String> = text.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect();
    let rt = rt();
    let has_types = krate.types.iter().any(|t| t.name().location == Location::Types);
    let has_errors = krate.types.iter().any(|t| t.name().location == Location::Errors);
    let types = (has_types || has_errors).then(|| quote!(#[rustfmt::skip] pub mod types;));
    let operation = (!krate.operations.is_empty()).then(|| quote!(#[rustfmt::skip] pub mod operation;));
    let schemas = (!krate.patterns.is_empty() || !krate.constraints.is_empty() || !krate.collections.is_empty()).then(|| quote!(#[rustfmt::skip] mod schemas;));
    let endpoint = krate.endpoint.is_some().then(|| quote!(#[rustfmt::skip] pub mod endpoint;));
    let waiters = (!krate.waiters.is_empty()).then(|| quote!(#[rustfmt::skip] pub mod waiters;));
    let client = krate.client.is_some().then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod client;
            #[rustfmt::skip]
            pub mod config;

            pub use crate::client::Client;
            pub use crate::config::Config;

            /// Test doubles for code that uses this client (feature `test-util`): a
            /// [`ReplayTransport`](test_util::ReplayTransport) answering from a script and keeping
            /// every request, an [`InstantSleep`](test_util::InstantSleep) timer, and
            /// `ConfigBuilder::idempotency_token` to fix generated tokens.
            #[cfg(feature = "test-util")]
            pub mod test_util {
                pub use #rt::testing::{InstantSleep, ReplayTransport};
            }
        }
    });
    quote! {
        #( #![doc = #docs] )*
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[rustfmt::skip]
        pub mod error;
        #operation
        #[rustfmt::skip]
        pub mod primitives;
        #types
        #schemas
        #endpoint
        #client
        #waiters

        pub use #rt::validate::{Validate, ValidationError};
    }
}

fn error_rs(krate: &Crate) -> TokenStream {
    let rt = rt();
    let wire = krate.wire.is_some().then(|| {
        quote! {
            pub use #rt::error::DeserializeError;
            pub use #rt::http::{RequestError, ResponseError, ServiceError};
        }
    });
    quote! {
        //! Errors shared by every operation.

        pub use #rt::error::Unhandled;
        pub use #rt::validate::{Constraint, ValidationError, Violation};
        #wire
    }
}

fn primitives_rs(krate: &Crate) -> TokenStream {
    let rt = rt();
    let shared = match krate.primitives {
        Primitives::SmithyTypes => quote! {
            pub use #rt::smithy_types::{Blob, DateTime, Document, Number};
        },
        Primitives::Runtime => quote! {
            pub use #rt::primitives::{Blob, DateTime, Document, Number};
        },
    };
    quote! {
        //! Value types for Smithy's blob, timestamp, document and arbitrary-precision number shapes.

        #shared
        pub use #rt::primitives::{BigDecimal, BigInteger, UnknownVariantValue};
    }
}

fn config_rs() -> TokenStream {
    let rt = rt();
    quote! {
        //! Client configuration, credentials (aws-credential-types'), retries, errors, and the
        //! transport seam.

        pub use #rt::client::{
            BoxFuture, Config, ConfigBuilder, ConstructionError, Credentials, CredentialsError, EnvironmentCredentials, HttpTransport,
            ProvideCredentials, RetryConfig, SdkError, SharedCredentialsProvider, Sleep, TransportError, DEFAULT_ATTEMPT_TIMEOUT,
            DEFAULT_CONNECT_TIMEOUT,
        };

        #[cfg(feature = "default-https-client")]
        pub use #rt::transport::{HyperTransport, TokioSleep};
    }
}

/// `types/mod.rs` or `types/error/mod.rs`, or `None` when it would hold nothing.
fn types_mod(krate: &Crate, location: &Location) -> Option<TokenStream> {
    let defs: Vec<&TypeDef> = krate.types.iter().filter(|d| &d.name().location == location).collect();
    let has_errors = krate.types.iter().any(|t| t.name().location == Location::Errors);
    if defs.is_empty() && !(location == &Location::Types && has_errors) {
        return None;
    }
    let modules = defs.iter().map(|d| format_ident!("{}", d.name().module));
    let exports = defs.iter().map(|d| {
        let module = format_ident!("{}", d.name().module);
        let ident = format_ident!("{}", d.name().ident);
        quote!(pub use self::#module::#ident;)
    });
    let builders: Vec<TokenStream> = defs
        .iter()
        .filter_map(|d| match d {
            TypeDef::Structure(s) => Some(s),
            _ => None,
        })
        .map(|s| {
            let module = format_ident!("{}", s.name.module);
            let builder = format_ident!("{}", s.builder);
            quote!(pub use super::#module::#builder;)
        })
        .collect();
    let builders = (!builders.is_empty()).then(|| {
        quote! {
            /// Builders for the structures in this module.
            pub mod builders {
                #( #builders )*
            }
        }
    });
    let error_mod = (location == &Location::Types && has_errors).then(|| quote!(#[rustfmt::skip] pub mod error;));
    let module_doc = match location {
        Location::Types => " Shapes shared by the operations: structures, enums and unions.",
        _ => " Error shapes the operations can return.",
    };
    Some(quote! {
        #![doc = #module_doc]

        #( #[rustfmt::skip] pub(crate) mod #modules; )*

        #( #exports )*

        #builders

        #error_mod
    })
}

fn operations_mod(krate: &Crate) -> TokenStream {
    let modules = krate.operations.iter().map(|op| {
        let module = format_ident!("{}", op.module);
        let doc = doc_lines(&format!("Types for the `{}` operation.", op.name));
        quote!(#doc #[rustfmt::skip] pub mod #module;)
    });
    let wire = krate.wire.as_ref().filter(|_| krate.operations.iter().any(|op| op.wire)).map(wire_static);
    quote! {
        //! One module per operation: its input, output and error types.
        #( #modules )*

        #wire
    }
}

fn wire_static(wire: &Wire) -> TokenStream {
    let rt = rt();
    let protocol = format_ident!(
        "{}",
        match wire.protocol {
            Protocol::RestJson1 => "RestJson1",
            Protocol::AwsJson1_0 => "AwsJson1_0",
            Protocol::AwsJson1_1 => "AwsJson1_1",
            Protocol::RestXml => "RestXml",
            Protocol::AwsQuery => "AwsQuery",
            Protocol::Ec2Query => "Ec2Query",
        }
    );
    let (service, version) = (&wire.service, &wire.version);
    let namespace = wire.xml_namespace.as_ref().map(|(uri, prefix)| {
        let prefix = match prefix {
            Some(p) => quote!(::core::option::Option::Some(#p)),
            None => quote!(::core::option::Option::None),
        };
        quote!(.xml_namespace(#uri, #prefix))
    });
    let query_compatible = wire.query_compatible.then(|| quote!(.query_compatible()));
    let no_error_wrapping = wire.no_error_wrapping.then(|| quote!(.no_error_wrapping()));
    let headers = (!wire.headers.is_empty()).then(|| {
        let pairs = wire.headers.iter().map(|(name, value)| quote!((#name, #value)));
        quote!(.headers(&[#( #pairs ),*]))
    });
    let ident = format_ident!("{}", crate::naming::WIRE_STATIC);
    quote! {
        /// How the service's operations travel.
        pub(crate) static #ident: #rt::schema::Wire = #rt::schema::Wire::new(#rt::schema::Protocol::#protocol, #service, #version) #namespace #query_compatible #no_error_wrapping #headers;
    }
}
