//! A fuzz driver that runs on the stable toolchain: no libFuzzer, no nightly, no framework.
//!
//! Every target (see [`targets::TARGETS`]) gets inputs made from real seeds by structured
//! mutations ([`mutate`], [`model`]), each a pure function of `(seed, target, index)`
//! ([`rng::Rng::for_input`]) so any failure reproduces from three numbers or from the file the
//! driver writes. [`runner::run`] feeds them under `catch_unwind`, times each call (a call over
//! the hang limit, twice, is a hang; a watchdog ends the process on one that never returns),
//! counts what each input makes the code under test hold ([`alloc::Counting`]) and checks the
//! process's resident memory.
//!
//! `cargo run --release -p fuzz-driver -- --help` runs it; `fuzz/README.md` has the long run.

#![warn(missing_docs)]

pub mod alloc;
pub mod model;
pub mod mutate;
pub mod response;
pub mod rng;
pub mod runner;
pub mod seeds;
pub mod targets;

pub use runner::{run, Config, Failure, Problem, Report};
pub use seeds::Corpus;
pub use targets::{find, Target, TARGETS};
