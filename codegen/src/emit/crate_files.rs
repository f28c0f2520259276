//! The crate around the types: `Cargo.toml`, `lib.rs`, module trees, compiled patterns, and the
//! runtime modules every generated crate carries.

use std::collections::BTreeMap;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::enums::emit_enum;
use super::errors::emit_error_enum;
use super::structures::emit_structure;
use super::unions::emit_union;
use super::{doc_attrs, doc_lines, EmittedFile, FileKind, Job};
use super::restjson::{emit_codec, emit_operation_http};
use crate::ir::{Crate, Location, Operation, Protocol, TypeDef, TypePath};

const VALIDATION_RS: &str = include_str!("../../runtime/validation.rs");
const PRIMITIVES_RS: &str = include_str!("../../runtime/primitives.rs");
const ERROR_RS: &str = include_str!("../../runtime/error.rs");
const JSON_RS: &str = include_str!("../../runtime/json.rs");
const PROTOCOL_RS: &str = include_str!("../../runtime/protocol.rs");
const HTTP_RS: &str = include_str!("../../runtime/http.rs");
const ENDPOINT_LIB_RS: &str = include_str!("../../runtime/endpoint.rs");
const CONFIG_RS: &str = include_str!("../../runtime/config.rs");
const TRANSPORT_RS: &str = include_str!("../../runtime/transport.rs");

/// The client's dependencies. aws-sigv4 is AWS's own signer; the transport stack is optional so
/// users can bring their own (and the crate builds without it).
const CLIENT_DEPENDENCIES: &str = r#"aws-sigv4 = { version = "1", default-features = false, features = ["sign-http", "http1"] }
aws-credential-types = "1"
aws-smithy-runtime-api = { version = "1", features = ["client"] }
hyper = { version = "1", optional = true, features = ["client", "http1"] }
hyper-util = { version = "0.1", optional = true, features = ["client-legacy", "http1", "tokio"] }
hyper-rustls = { version = "0.27", optional = true, default-features = false, features = ["http1", "tls12", "ring", "webpki-tokio"] }
http-body-util = { version = "0.1", optional = true }
bytes = { version = "1", optional = true }
tokio = { version = "1", optional = true, features = ["time"] }
"#;

const CLIENT_FEATURES: &str = r#"
[features]
default = ["default-https-client"]
# The hyper + rustls transport and tokio timer; without it, set a transport and timer on the config.
default-https-client = ["dep:hyper", "dep:hyper-util", "dep:hyper-rustls", "dep:http-body-util", "dep:bytes", "dep:tokio"]
"#;

/// The `http` crate gives requests and responses the types the Rust ecosystem shares.
const HTTP_DEPENDENCY: &str = r#"http = "1""#;

/// The `regex` requirement of generated crates. No default features keeps the build small;
/// `unicode` keeps `\p{..}` classes working (the translation makes every other class ASCII-exact
/// already); `perf-dfa` (the lazy DFA) is worth its cost: checking the keys of a 1,024-entry map
/// against Connect's `^[A-Za-z0-9_-]+$` takes 49 µs instead of 299 µs (the PikeVM) or 128 µs
/// (`perf-backtrack`), for 0.7 s more to build `regex` on two cores (2.2 s on one). Patterns
/// compile on first use within `pattern::REGEX_SIZE_LIMIT` with it, as with any other features.
const REGEX_DEPENDENCY: &str = r#"regex = { version = "1.11", default-features = false, features = ["std", "unicode", "perf-dfa"] }"#;

fn rust(path: impl Into<String>, tokens: TokenStream) -> EmittedFile {
    EmittedFile { path: path.into(), kind: FileKind::Rust(tokens) }
}

fn text(path: impl Into<String>, contents: impl Into<String>) -> EmittedFile {
    EmittedFile { path: path.into(), kind: FileKind::Text(contents.into()) }
}

/// Every file of the crate, emitted in order on this thread.
pub fn emit_crate(krate: &Crate) -> Vec<EmittedFile> {
    crate_jobs(krate).iter().flat_map(Job::run).collect()
}

/// The crate's files as independent jobs; running them in order gives the files in order. A
/// type, an operation or a codec is a job of its own, so the jobs spread well over threads.
pub fn crate_jobs(krate: &Crate) -> Vec<Job<'_>> {
    let mut jobs = vec![Job::new(move || {
        vec![
            text("Cargo.toml", cargo_toml(krate)),
            rust("src/lib.rs", lib_rs(krate)),
            text("src/validation.rs", VALIDATION_RS),
            text("src/primitives.rs", PRIMITIVES_RS),
            text("src/error.rs", ERROR_RS),
        ]
    })];
    if !krate.patterns.is_empty() {
        jobs.push(Job::new(move || vec![rust("src/patterns.rs", patterns_rs(krate))]));
    }
    jobs.push(Job::new(move || {
        vec![
            rust("src/types/mod.rs", types_mod(krate, &Location::Types)),
            rust("src/types/error/mod.rs", types_mod(krate, &Location::Errors)),
        ]
    }));
    for def in &krate.types {
        let dir = match def.name().location {
            Location::Types => "src/types",
            Location::Errors => "src/types/error",
            Location::Operation(_) => continue,
        };
        jobs.push(Job::new(move || vec![rust(format!("{dir}/{}.rs", def.name().module), type_def(def))]));
    }
    jobs.push(Job::new(move || vec![rust("src/operation/mod.rs", operations_mod(krate))]));
    for op in &krate.operations {
        jobs.push(Job::new(move || operation_files(op, krate.client.is_some())));
    }
    if krate.protocol == Some(Protocol::RestJson1) {
        rest_json_jobs(krate, &mut jobs);
    }
    if let Some(info) = &krate.client {
        jobs.push(Job::new(move || {
            let mut files = vec![text("src/config.rs", CONFIG_RS), text("src/transport.rs", TRANSPORT_RS)];
            files.extend(super::client::emit_client(krate, info).into_iter().map(|(path, tokens)| rust(path, tokens)));
            files
        }));
    }
    jobs.push(Job::new(move || match super::endpoints::emit_endpoints(krate) {
        Some((resolver, tests)) => vec![
            rust("src/endpoint.rs", resolver),
            text("src/endpoint_lib.rs", ENDPOINT_LIB_RS),
            rust("tests/endpoint_tests.rs", tests),
        ],
        None => Vec::new(),
    }));
    jobs.push(Job::new(move || {
        super::protocol_tests::emit_protocol_tests(krate)
            .map(|tests| rust("tests/protocol_tests.rs", tests))
            .into_iter()
            .collect()
    }));
    jobs
}

/// The module holding each named type, looked up in the IR (emitters never derive names
/// themselves); the first type with a path wins.
fn module_lookup(krate: &Crate) -> BTreeMap<TypePath, String> {
    let mut modules = BTreeMap::new();
    for name in krate.types.iter().map(TypeDef::name) {
        modules.entry(name.path()).or_insert_with(|| name.module.clone());
    }
    modules
}

/// Whether [`emit_codec`] writes a codec module for the type: its IR asks for a writer or a reader.
fn has_codec(def: &TypeDef) -> bool {
    match def {
        TypeDef::Structure(s) => s.codec.write || s.codec.read,
        TypeDef::Union(u) => u.codec.write || u.codec.read,
        TypeDef::Enum(_) => false,
    }
}

fn rest_json_jobs<'k>(krate: &'k Crate, jobs: &mut Vec<Job<'k>>) {
    let modules = Arc::new(module_lookup(krate));
    jobs.push(Job::new(|| {
        vec![
            text("src/json.rs", JSON_RS),
            text("src/protocol.rs", PROTOCOL_RS),
            text("src/http.rs", HTTP_RS),
        ]
    }));
    let mut types_modules = Vec::new();
    let mut error_modules = Vec::new();
    for def in krate.types.iter().filter(|def| has_codec(def)) {
        let name = def.name();
        let (dir, list) = match name.location {
            Location::Errors => ("src/codec/error", &mut error_modules),
            _ => ("src/codec", &mut types_modules),
        };
        list.push(name.module.as_str());
        let modules = Arc::clone(&modules);
        jobs.push(Job::new(move || {
            let lookup = |path: &TypePath| modules.get(path).cloned().unwrap_or_default();
            let tokens = emit_codec(def, &lookup);
            debug_assert!(tokens.is_some(), "`has_codec` and `emit_codec` disagree about {}", name.ident);
            tokens.map(|tokens| rust(format!("{dir}/{}.rs", name.module), quote!(#![doc = " JSON codec."] #tokens))).into_iter().collect()
        }));
    }
    jobs.push(Job::new(move || {
        let types_modules = types_modules.iter().map(|module| format_ident!("{}", module));
        let error_modules = error_modules.iter().map(|module| format_ident!("{}", module));
        vec![
            rust(
                "src/codec/mod.rs",
                quote! {
                    //! JSON codecs of the structures and unions the operations send and receive.
                    #( #[rustfmt::skip] pub(crate) mod #types_modules; )*
                    #[rustfmt::skip]
                    pub(crate) mod error;
                },
            ),
            rust(
                "src/codec/error/mod.rs",
                quote! {
                    //! JSON codecs of the error structures.
                    #( #[rustfmt::skip] pub(crate) mod #error_modules; )*
                },
            ),
        ]
    }));
    for op in &krate.operations {
        if let Some(http) = &op.http {
            let modules = Arc::clone(&modules);
            jobs.push(Job::new(move || {
                let lookup = |path: &TypePath| modules.get(path).cloned().unwrap_or_default();
                let tokens = emit_operation_http(op, http, &lookup);
                vec![rust(format!("src/operation/{}/_http.rs", op.module), quote!(#![doc = " restJson1 request and response."] #tokens))]
            }));
        }
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    match def {
        TypeDef::Structure(s) => emit_structure(s),
        TypeDef::Enum(e) => emit_enum(e),
        TypeDef::Union(u) => emit_union(u),
    }
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
    if krate.protocol.is_some() {
        out.push_str(HTTP_DEPENDENCY);
        out.push('\n');
    }
    if !krate.patterns.is_empty() {
        out.push_str(REGEX_DEPENDENCY);
        out.push('\n');
    }
    if krate.client.is_some() {
        out.push_str(CLIENT_DEPENDENCIES);
        out.push_str(CLIENT_FEATURES);
    }
    out
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

fn lib_rs(krate: &Crate) -> TokenStream {
    let mut text = format!("{}\n", crate::docs::to_rustdoc(&krate.description));
    if let Some(service) = &krate.service_id {
        text.push_str(&format!("\nGenerated from the Smithy model of `{service}`.\n"));
    }
    if let Some(body) = &krate.docs.text {
        text.push_str(&format!("\n{body}\n"));
    }
    text.push_str("\n# Operations\n\n");
    for op in &krate.operations {
        text.push_str(&format!("- [`{}`](crate::operation::{}): [`{}`](crate::operation::{}::{}) in, [`{}`](crate::operation::{}::{}) out, [`{}`](crate::operation::{}::{}) on failure.\n",
            op.name, op.module, op.input.name.ident, op.module, op.input.name.ident, op.output.name.ident, op.module, op.output.name.ident, op.error.ident, op.module, op.error.ident));
    }
    text.push_str(
        "\n# Validation\n\nEvery builder's `build()` checks all constraints of the model (`@required`, `@length`, \
         `@range`, `@pattern`, enums, `@uniqueItems`) and reports every violation at once in a \
         [`ValidationError`], with messages worded like Smithy's. Use \
         [`Validate`] for values built another way, and `build_unvalidated()` when the service \
         has relaxed a limit this crate still enforces.\n",
    );
    let docs: Vec<String> = text.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect();
    let patterns = (!krate.patterns.is_empty()).then(|| quote!(#[rustfmt::skip] mod patterns;));
    let endpoint = krate.endpoint_rules.is_some().then(|| quote!(#[rustfmt::skip] pub mod endpoint; #[rustfmt::skip] pub mod endpoint_lib;));
    let client = krate.client.is_some().then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod client;
            #[rustfmt::skip]
            pub mod config;
            #[cfg(feature = "default-https-client")]
            #[rustfmt::skip]
            pub mod transport;

            pub use crate::client::Client;
            pub use crate::config::Config;
        }
    });
    let protocol = krate.protocol.is_some().then(|| {
        quote! {
            #[rustfmt::skip]
            mod codec;
            #[rustfmt::skip]
            pub mod http;
            #[rustfmt::skip]
            pub mod json;
            #[rustfmt::skip]
            pub mod protocol;
        }
    });
    quote! {
        #( #![doc = #docs] )*
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[rustfmt::skip]
        pub mod error;
        #[rustfmt::skip]
        pub mod operation;
        #patterns
        #protocol
        #endpoint
        #client
        #[rustfmt::skip]
        pub mod primitives;
        #[rustfmt::skip]
        pub mod types;
        #[rustfmt::skip]
        pub mod validation;

        pub use crate::validation::{Validate, ValidationError};
    }
}

fn patterns_rs(krate: &Crate) -> TokenStream {
    let items = krate.patterns.iter().map(|p| {
        let name = format_ident!("{}", p.static_name);
        let source_name = format_ident!("{}_SOURCE", p.static_name);
        let regex = &p.regex;
        let source = &p.source;
        let requirements = &p.requirements;
        let exclusions = &p.exclusions;
        quote! {
            /// `@pattern` as written in the model, for messages.
            pub(crate) const #source_name: &str = #source;
            /// The same pattern in `regex` syntax with ECMA-262 meaning.
            pub(crate) static #name: ::std::sync::LazyLock<Pattern> =
                ::std::sync::LazyLock::new(|| Pattern::new(#regex, &[#( #requirements ),*], &[#( #exclusions ),*]));
        }
    });
    let size_limit_mib = proc_macro2::Literal::usize_unsuffixed(crate::pattern::REGEX_SIZE_LIMIT_MIB);
    let size_limit_doc = format!(
        " The `regex` size limit of every expression here ({} MiB), the one the generator compiled them with.",
        crate::pattern::REGEX_SIZE_LIMIT_MIB
    );
    quote! {
        //! Compiled `@pattern` expressions, each built on first use.

        #[doc = #size_limit_doc]
        /// Above `regex`'s default because the room an expression needs grows with the `regex`
        /// features an application enables: `perf-dfa` also builds a reverse automaton.
        const SIZE_LIMIT: usize = #size_limit_mib << 20;

        /// A pattern as the `regex` crate can run it in linear time: the main expression, plus the
        /// leading lookaheads of the original split out as expressions that must (`(?=`) or must
        /// not (`(?!`) match at the start.
        pub(crate) struct Pattern {
            /// `None` if it did not compile here (see [`Pattern::new`]).
            main: ::std::option::Option<::regex::Regex>,
            required: ::std::vec::Vec<::regex::Regex>,
            excluded: ::std::vec::Vec<::regex::Regex>,
        }

        impl Pattern {
            /// Compile the expressions. The generator compiled each of them with this builder
            /// before emitting it, but `regex` features enabled elsewhere in the application can
            /// need more room than its build did. An expression that fails anyway is left out
            /// rather than panicking: the client then accepts values the pattern would reject
            /// (the service still checks them) and every other constraint keeps working.
            fn new(main: &str, required: &[&str], excluded: &[&str]) -> Self {
                let compile = |source: &str| ::regex::RegexBuilder::new(source).size_limit(SIZE_LIMIT).build().ok();
                Pattern {
                    main: compile(main),
                    required: required.iter().filter_map(|s| compile(s)).collect(),
                    excluded: excluded.iter().filter_map(|s| compile(s)).collect(),
                }
            }

            /// Whether `value` satisfies the model's pattern (the expressions that compiled).
            pub(crate) fn is_match(&self, value: &str) -> bool {
                self.main.as_ref().is_none_or(|r| r.is_match(value))
                    && self.required.iter().all(|r| r.is_match(value))
                    && !self.excluded.iter().any(|r| r.is_match(value))
            }
        }

        #( #items )*
    }
}

fn types_mod(krate: &Crate, location: &Location) -> TokenStream {
    let defs: Vec<&TypeDef> = krate.types.iter().filter(|d| &d.name().location == location).collect();
    let modules = defs.iter().map(|d| format_ident!("{}", d.name().module));
    let exports = defs.iter().map(|d| {
        let module = format_ident!("{}", d.name().module);
        let ident = format_ident!("{}", d.name().ident);
        quote!(pub use self::#module::#ident;)
    });
    let builders = defs.iter().filter(|d| matches!(d, TypeDef::Structure(_))).map(|d| {
        let module = format_ident!("{}", d.name().module);
        let builder = format_ident!("{}", d.name().builder);
        quote!(pub use super::#module::#builder;)
    });
    let error_mod = matches!(location, Location::Types).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod error;
        }
    });
    let module_doc = match location {
        Location::Types => " Shapes shared by the operations: structures, enums and unions.",
        _ => " Error shapes the operations can return.",
    };
    quote! {
        #![doc = #module_doc]
        #( #[rustfmt::skip] mod #modules; )*

        #( #exports )*

        /// Builders for the structures in this module.
        pub mod builders {
            #( #builders )*
        }

        #error_mod
    }
}

fn operations_mod(krate: &Crate) -> TokenStream {
    let modules = krate.operations.iter().map(|op| {
        let module = format_ident!("{}", op.module);
        let doc = doc_lines(&format!("Types for the `{}` operation.", op.name));
        quote!(#doc #[rustfmt::skip] pub mod #module;)
    });
    quote! {
        //! One module per operation: its input, output and error types.
        #( #modules )*
    }
}

fn operation_files(op: &Operation, client: bool) -> Vec<EmittedFile> {
    let http_module = op.http.is_some().then(|| quote!(#[rustfmt::skip] mod _http;));
    let fluent = format_ident!("{}FluentBuilder", op.name);
    let (fluent_module, fluent_export) = if client && op.http.is_some() {
        (quote!(#[rustfmt::skip] mod _fluent;), quote!(pub use super::_fluent::#fluent;))
    } else {
        (quote!(), quote!())
    };
    let dir = format!("src/operation/{}", op.module);
    let input_module = format_ident!("{}", op.input.name.module);
    let output_module = format_ident!("{}", op.output.name.module);
    let input = format_ident!("{}", op.input.name.ident);
    let output = format_ident!("{}", op.output.name.ident);
    let input_builder = format_ident!("{}", op.input.name.builder);
    let output_builder = format_ident!("{}", op.output.name.builder);
    let error = format_ident!("{}", op.error.ident);
    let marker = format_ident!("{}", op.name);
    let docs = doc_attrs(&op.docs);
    let name = &op.name;
    let shape_id = &op.shape_id;
    let module = quote! {
        #[rustfmt::skip]
        mod #input_module;
        #[rustfmt::skip]
        mod #output_module;
        #[rustfmt::skip]
        mod _error;
        #http_module
        #fluent_module

        pub use self::#input_module::#input;
        pub use self::#output_module::#output;
        pub use self::_error::#error;

        /// Builders for this operation's input and output.
        pub mod builders {
            pub use super::#input_module::#input_builder;
            pub use super::#output_module::#output_builder;
            #fluent_export
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
        }
    };
    let op_doc = format!(" The `{}` operation.", op.name);
    let module = quote! { #![doc = #op_doc] #module };
    vec![
        rust(format!("{dir}/mod.rs"), module),
        rust(format!("{dir}/{}.rs", op.input.name.module), emit_structure(&op.input)),
        rust(format!("{dir}/{}.rs", op.output.name.module), emit_structure(&op.output)),
        rust(format!("{dir}/_error.rs"), emit_error_enum(&op.error)),
    ]
}
