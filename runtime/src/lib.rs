//! The runtime of the Rust clients this repository generates from Smithy models.
//!
//! A generated crate holds types, builders and static [schemas](schema); everything that is the
//! same for every shape lives here, written and tested once:
//!
//! - [`schema`]: shapes as data (members, wire names, HTTP bindings, constraints, defaults);
//! - [`value`] and [`decode`]: the read and write views generated types offer, through the
//!   [`structure!`], [`union!`], [`enumeration!`], [`int_enumeration!`] and
//!   [`operation_error!`] macros;
//! - [`validate`] (feature `validate`, plus `pattern` for `@pattern`): every constraint, with
//!   Smithy's messages;
//! - [`json`] and [`protocol`] (features `json`, `http`, `rest-json`): the wire protocols;
//! - [`endpoint`] (feature `endpoint`): the functions endpoint rule sets call;
//! - [`client`] (feature `client`): configuration, credentials, SigV4 signing, retries and the
//!   send loop; `default-https-client` adds a hyper + rustls transport;
//! - [`testing`] (feature `test-util`): helpers for protocol-compliance and users' own tests.
//!
//! Generated crates re-export what their users touch; the rest of this crate is their plumbing.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod macros;

#[allow(missing_docs, reason = "schema fields and constructors mirror the Smithy traits of the same names")]
pub mod schema;

pub mod debug;
pub mod decode;
pub mod error;
pub mod named;
pub mod primitives;
pub mod text;
pub mod value;

#[cfg(feature = "aws-smithy-types")]
pub mod smithy_types;

#[cfg(feature = "validate")]
pub mod validate;

#[cfg(feature = "pattern")]
mod pattern;
#[cfg(feature = "pattern")]
pub use pattern::SIZE_LIMIT_MIB as PATTERN_SIZE_LIMIT_MIB;

#[cfg(feature = "json")]
pub mod json;

#[cfg(feature = "xml")]
pub mod xml;

#[cfg(feature = "http")]
pub mod http;

/// The `http` crate, for the macros' expansions.
#[cfg(feature = "http")]
#[doc(hidden)]
pub use ::http as __http;

#[cfg(feature = "http")]
pub mod protocol;

#[cfg(feature = "endpoint")]
pub mod endpoint;

#[cfg(feature = "client")]
pub mod client;

#[cfg(feature = "test-util")]
pub mod testing;

#[cfg(feature = "default-https-client")]
pub mod transport;
