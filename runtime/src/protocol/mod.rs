//! The wire protocols, each written once over the shape schemas.

pub(crate) mod http_bindings;
#[cfg(feature = "rest-json")]
pub mod rest_json;
