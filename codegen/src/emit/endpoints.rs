//! Endpoint resolution generated from the service's `smithy.rules#endpointRuleSet`.

use proc_macro2::TokenStream;

use crate::ir::Crate;

/// The resolver module (`src/endpoint.rs`) and its tests (`tests/endpoint_tests.rs`), or `None`
/// when the service has no rule set.
pub(crate) fn emit_endpoints(_krate: &Crate) -> Option<(TokenStream, TokenStream)> {
    None
}
