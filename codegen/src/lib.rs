//! Smithy 2.0 JSON AST in, a small validated Rust client crate out.
pub mod docs;
pub mod pattern;
