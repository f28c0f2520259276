//! `src/client.rs`: the service's description for the runtime's send loop, and `Client` with one
//! method per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_lines, rt};
use crate::ir::{ClientInfo, Crate};

pub(crate) fn client_rs(krate: &Crate, info: &ClientInfo) -> TokenStream {
    let rt = rt();
    let signing_name = &info.signing_name;
    let endpoint_env = &info.endpoint_env;
    let package = &krate.package;
    let resolve = if krate.endpoint.is_some() { quote!(crate::endpoint::resolve_settings) } else { quote!(#rt::client::endpoint_url_only) };
    let methods = krate.operations.iter().filter_map(|op| {
        let client = op.client.as_ref()?;
        let method = client.method.to_ident();
        let module = format_ident!("{}", op.module);
        let fluent = format_ident!("{}", client.fluent);
        let input = krate.structure(op.input)?;
        let input_module = format_ident!("{}", input.name.module);
        let input_ident = format_ident!("{}", input.name.ident);
        let builder = format_ident!("{}", input.builder);
        let doc = doc_lines(&format!("Call `{}`: set the input on the returned builder, then `.send().await`.", op.name));
        Some(quote! {
            #doc
            #[inline]
            pub fn #method(&self) -> crate::operation::#module::builders::#fluent {
                crate::operation::#module::#input_module::#builder {
                    inner: <crate::operation::#module::#input_ident as ::std::default::Default>::default(),
                    client: self.clone(),
                }
            }
        })
    });
    let waiters = super::waiters::client_methods(krate);
    let from_env = match &krate.credentials_chain {
        Some(_) => quote! {
            /// A client configured from the standard environment, credentials from the AWS
            /// default chain (feature `credentials-chain`, on by default: environment variables,
            /// profiles with keys, roles, web identity, SSO or `credential_process`, web identity
            /// from the environment, container credentials, IMDS) and the region from
            /// `AWS_REGION`, the profile or IMDS. The endpoint: the service's own endpoint
            /// variable, `AWS_ENDPOINT_URL`, then the profile's `services` entry for the
            /// service and its `endpoint_url`. Without the feature, the environment variables
            /// alone (see [`Config::from_env`](crate::config::Config::from_env)).
            ///
            /// # Errors
            ///
            /// When neither a region nor an endpoint override is set.
            pub async fn from_env() -> ::std::result::Result<Self, crate::config::ConstructionError> {
                #[cfg(feature = "credentials-chain")]
                let config = ::smithy_credentials::config_from_env().await;
                #[cfg(not(feature = "credentials-chain"))]
                let config = crate::config::Config::from_env();
                #rt::client::Handle::from_env_config(&SERVICE, config).map(|handle| Client { handle })
            }
        },
        None => quote! {
            /// A client configured from the standard environment variables (see
            /// [`Config::from_env`](crate::config::Config::from_env)); the service's own
            /// endpoint variable applies too.
            ///
            /// # Errors
            ///
            /// When neither a region nor an endpoint override is set.
            pub async fn from_env() -> ::std::result::Result<Self, crate::config::ConstructionError> {
                #rt::client::Handle::from_env(&SERVICE).map(|handle| Client { handle })
            }
        },
    };
    quote! {
        //! The client: configuration in, typed outputs and errors out.

        /// What the runtime's send loop needs to know about the service.
        pub(crate) static SERVICE: #rt::client::Service = #rt::client::Service {
            signing_name: #signing_name,
            endpoint_env: #endpoint_env,
            user_agent: ::std::concat!(#package, "/", ::std::env!("CARGO_PKG_VERSION"), " (generated Smithy client; rust)"),
            resolve_endpoint: #resolve,
        };

        /// A client for the service. Cheap to clone: clones share the configuration and the
        /// transport's connection pool.
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct Client {
            pub(crate) handle: #rt::client::Handle,
        }

        impl Client {
            /// A client with this configuration.
            pub fn new(config: crate::config::Config) -> Self {
                Client { handle: #rt::client::Handle::new(&SERVICE, config) }
            }

            #from_env

            /// The configuration.
            pub fn config(&self) -> &crate::config::Config {
                self.handle.config()
            }

            /// A client with some settings changed, for one call or a few: timeouts, retries,
            /// endpoint, validation. It shares the transport, its connection pool and the
            /// credentials provider with this one. Operation builders offer the same through
            /// `config_override`.
            pub fn with_overrides(&self, f: impl ::std::ops::FnOnce(crate::config::ConfigBuilder) -> crate::config::ConfigBuilder) -> Self {
                Client { handle: self.handle.with_overrides(f) }
            }

            /// Where requests go under the current settings.
            ///
            /// # Errors
            ///
            /// When the settings have no endpoint (no region, no override) or the service's
            /// endpoint rules refuse them.
            pub fn endpoint(&self) -> ::std::result::Result<::std::string::String, ::std::string::String> {
                self.handle.endpoint()
            }

            #( #methods )*

            #( #waiters )*
        }
    }
}
