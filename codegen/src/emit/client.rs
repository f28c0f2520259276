//! The callable client: `Client`, one fluent builder per operation, retry classification of the
//! operation errors, and the runtime modules behind them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_lines, path_tokens, type_tokens, unboxed_tokens};
use crate::ir::{ClientInfo, Crate, Field, Operation, Type};

/// `src/client.rs` and each operation's `_fluent.rs` (path relative to the crate, tokens).
pub(crate) fn emit_client(krate: &Crate, info: &ClientInfo) -> Vec<(String, TokenStream)> {
    let mut files = vec![("src/client.rs".to_string(), client_rs(krate, info))];
    for op in krate.operations.iter().filter(|op| op.http.is_some()) {
        files.push((format!("src/operation/{}/_fluent.rs", op.module), fluent(op)));
    }
    files
}

fn client_rs(krate: &Crate, info: &ClientInfo) -> TokenStream {
    let signing_name = &info.signing_name;
    let endpoint_env = &info.endpoint_env;
    let package = &krate.package;
    let methods = krate.operations.iter().filter(|op| op.http.is_some()).map(|op| {
        let method = format_ident!("{}", op.module);
        let module = format_ident!("{}", op.module);
        let fluent = format_ident!("{}FluentBuilder", op.name);
        let doc = doc_lines(&format!(
            "Call `{}`: set the input on the returned builder, then `.send().await`.",
            op.name
        ));
        quote! {
            #doc
            pub fn #method(&self) -> crate::operation::#module::builders::#fluent {
                crate::operation::#module::builders::#fluent::new(self.clone())
            }
        }
    });
    let classify = krate.operations.iter().map(|op| {
        let module = format_ident!("{}", op.module);
        let error = format_ident!("{}", op.error.ident);
        let arms = op.error.variants.iter().map(|v| {
            let ident = format_ident!("{}", v.ident);
            match v.retryable {
                Some(true) => quote!(Self::#ident(_) => ::std::option::Option::Some(crate::config::RetryKind::Throttling),),
                Some(false) => quote!(Self::#ident(_) => ::std::option::Option::Some(crate::config::RetryKind::Transient),),
                None => quote!(Self::#ident(_) => crate::config::classify_code(self.code()),),
            }
        });
        quote! {
            impl crate::config::ClassifyRetry for crate::operation::#module::#error {
                fn retry_kind(&self) -> ::std::option::Option<crate::config::RetryKind> {
                    match self {
                        #( #arms )*
                        Self::Unhandled(error) => crate::config::classify_code(error.code()),
                    }
                }
            }
        }
    });
    let endpoint = endpoint_fn(krate, info);
    quote! {
        //! The client: configuration in, typed outputs and errors out.

        /// The SigV4 signing name of the service.
        pub const SIGNING_NAME: &str = #signing_name;
        /// The environment variable that overrides this service's endpoint.
        pub const SERVICE_ENDPOINT_ENV: &str = #endpoint_env;
        /// Region used for signing when none is configured (requests then need an endpoint override).
        pub const DEFAULT_SIGNING_REGION: &str = "us-east-1";
        /// The default `User-Agent`.
        pub const DEFAULT_USER_AGENT: &str = concat!(#package, "/", env!("CARGO_PKG_VERSION"), " (generated Smithy client; rust)");

        /// Fills in the transport and timer the `default-https-client` feature provides.
        pub(crate) fn fill_defaults(config: &mut crate::config::Config) {
            #[cfg(feature = "default-https-client")]
            {
                if config.transport.is_none() {
                    config.transport = ::std::option::Option::Some(::std::sync::Arc::new(crate::transport::HyperTransport::new()));
                }
                if config.sleep.is_none() {
                    config.sleep = ::std::option::Option::Some(::std::sync::Arc::new(crate::transport::TokioSleep));
                }
            }
            #[cfg(not(feature = "default-https-client"))]
            let _ = config;
        }

        #endpoint

        /// A client for the service. Cheap to clone: clones share the configuration and the
        /// transport's connection pool.
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct Client {
            config: ::std::sync::Arc<crate::config::Config>,
        }

        impl Client {
            /// A client with this configuration.
            pub fn new(config: crate::config::Config) -> Self {
                Client { config: ::std::sync::Arc::new(config) }
            }

            /// A client configured from the standard environment variables (see
            /// [`Config::from_env`](crate::config::Config::from_env)).
            ///
            /// # Errors
            ///
            /// When neither a region nor an endpoint override is set.
            pub async fn from_env() -> ::std::result::Result<Self, crate::config::ConstructionError> {
                let config = crate::config::Config::from_env();
                if config.region().is_none() && config.endpoint_url().is_none() {
                    return ::std::result::Result::Err(crate::config::ConstructionError::Endpoint(
                        "set AWS_REGION (or an endpoint with AWS_ENDPOINT_URL)".to_string(),
                    ));
                }
                ::std::result::Result::Ok(Client::new(config))
            }

            /// The configuration.
            pub fn config(&self) -> &crate::config::Config {
                &self.config
            }

            /// Where requests go under the current settings.
            ///
            /// # Errors
            ///
            /// When the settings have no endpoint (no region, no override) or the service's
            /// endpoint rules refuse them.
            pub fn endpoint(&self) -> ::std::result::Result<::std::string::String, ::std::string::String> {
                resolve_endpoint(&self.config)
            }

            #( #methods )*

            /// Run one operation through the send loop.
            pub(crate) async fn invoke<I, O, E: crate::config::ClassifyRetry>(
                &self,
                invocation: crate::config::Invocation<'_, I, O, E>,
            ) -> ::std::result::Result<O, crate::config::SdkError<E>> {
                crate::config::invoke(&self.config, self.endpoint(), invocation).await
            }
        }

        #( #classify )*
    }
}

/// Endpoint resolution from the client settings: through the generated rule-set resolver when
/// the service has one, else the endpoint override alone.
fn endpoint_fn(krate: &Crate, info: &ClientInfo) -> TokenStream {
    if krate.endpoint_rules.is_none() {
        return quote! {
            fn resolve_endpoint(config: &crate::config::Config) -> ::std::result::Result<::std::string::String, ::std::string::String> {
                config.endpoint_url.clone().ok_or_else(|| "the service has no endpoint rules; set an endpoint URL".to_string())
            }
        };
    }
    let sets = info.endpoint_builtins.iter().filter_map(|(field, builtin)| {
        let set = format_ident!("set_{}", field.name);
        Some(match builtin.as_str() {
            "AWS::Region" => quote!(.#set(config.region.clone())),
            "AWS::UseFIPS" => quote!(.#set(::std::option::Option::Some(config.use_fips))),
            "AWS::UseDualStack" => quote!(.#set(::std::option::Option::Some(config.use_dual_stack))),
            "SDK::Endpoint" => quote!(.#set(config.endpoint_url.clone())),
            _ => return None,
        })
    });
    quote! {
        fn resolve_endpoint(config: &crate::config::Config) -> ::std::result::Result<::std::string::String, ::std::string::String> {
            let params = crate::endpoint::Params::builder() #( #sets )* .build();
            crate::endpoint::resolve(&params).map(|endpoint| endpoint.url().to_string()).map_err(|error| error.to_string())
        }
    }
}

fn fluent(op: &Operation) -> TokenStream {
    let fluent = format_ident!("{}FluentBuilder", op.name);
    let marker = format_ident!("{}", op.name);
    let input = path_tokens(&op.input.name.path());
    let output = path_tokens(&op.output.name.path());
    let builder = format_ident!("{}", op.input.name.builder);
    let error = format_ident!("{}", op.error.ident);
    let setters = op.input.fields.iter().map(delegate);
    let doc = doc_lines(&format!(
        "Builds and sends a `{}` request: the input's setters, then [`send`](Self::send).",
        op.name
    ));
    quote! {
        #doc
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct #fluent {
            client: crate::client::Client,
            inner: super::builders::#builder,
        }

        impl #fluent {
            pub(crate) fn new(client: crate::client::Client) -> Self {
                #fluent { client, inner: <super::builders::#builder as ::std::default::Default>::default() }
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &super::builders::#builder {
                &self.inner
            }

            #( #setters )*

            /// Validate, sign and send the request (with retries), and return the output.
            ///
            /// # Errors
            ///
            /// An [`SdkError`](crate::config::SdkError): not sent (invalid input, no endpoint or
            /// credentials), timed out, transport failure, the operation's error, or an
            /// unreadable response; with the attempt count and request id where known.
            pub async fn send(self) -> ::std::result::Result<#output, crate::config::SdkError<super::#error>> {
                let input = self.inner.build_unvalidated();
                self.client
                    .invoke(crate::config::Invocation {
                        operation: super::#marker::NAME,
                        input: &input,
                        validate: |input: &#input| crate::validation::Validate::validate(input),
                        serialize: super::#marker::serialize_request_unvalidated,
                        parse: |response: &::http::Response<::std::vec::Vec<u8>>| super::#marker::parse_response(response),
                    })
                    .await
            }
        }
    }
}

/// The input builder's setters, forwarded.
fn delegate(f: &Field) -> TokenStream {
    let ident = f.ident.to_ident();
    let set = format_ident!("set_{}", f.ident.name);
    let get = format_ident!("get_{}", f.ident.name);
    let ty = type_tokens(&f.ty);
    let doc = doc_lines(&format!("Sets `{}` (see the input builder).", f.member));
    let add_one = match &f.ty {
        Type::List(item) => {
            let item = type_tokens(item);
            quote! {
                #doc
                pub fn #ident(mut self, item: impl ::std::convert::Into<#item>) -> Self {
                    self.inner = self.inner.#ident(item);
                    self
                }
            }
        }
        Type::Map(key, value) => {
            let key = type_tokens(key);
            let value = type_tokens(value);
            quote! {
                #doc
                pub fn #ident(mut self, key: impl ::std::convert::Into<#key>, value: impl ::std::convert::Into<#value>) -> Self {
                    self.inner = self.inner.#ident(key, value);
                    self
                }
            }
        }
        other => {
            let inner = unboxed_tokens(other);
            quote! {
                #doc
                pub fn #ident(mut self, input: impl ::std::convert::Into<#inner>) -> Self {
                    self.inner = self.inner.#ident(input);
                    self
                }
            }
        }
    };
    let set_doc = doc_lines(&format!("Sets or clears `{}`.", f.member));
    let get_doc = doc_lines(&format!("`{}` as set so far.", f.member));
    quote! {
        #add_one

        #set_doc
        pub fn #set(mut self, input: ::std::option::Option<#ty>) -> Self {
            self.inner = self.inner.#set(input);
            self
        }

        #get_doc
        pub fn #get(&self) -> &::std::option::Option<#ty> {
            self.inner.#get()
        }
    }
}
