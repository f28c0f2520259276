//! The short run CI makes: a few thousand inputs per target, in debug, failing on any panic,
//! hang or memory bound with the failing inputs named and written to `target/fuzz/short-run`.
//!
//! `FUZZ_SEED` and `FUZZ_ITERATIONS` change the seed and the size; the long run is the binary
//! (`fuzz/README.md`).

use std::time::Duration;

use fuzz_driver::runner::{self, default_out_dir, Config, Problem};
use fuzz_driver::{targets, Corpus, TARGETS};

#[global_allocator]
static ALLOC: fuzz_driver::alloc::Counting = fuzz_driver::alloc::Counting;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn config(seed: u64, iterations: u64) -> Config {
    let mut config = Config::new(seed, iterations);
    // Debug builds on a shared two-core machine: a second's hiccup is not a hang here; the
    // release run holds inputs to a second.
    config.hang = Duration::from_secs(10);
    config.out_dir = default_out_dir().join("short-run");
    config
}

/// One test, not one per target: the panic hook the runner installs is process-wide, and
/// targets running side by side would read each other's panic messages.
#[test]
fn every_target_survives_a_short_run_and_a_planted_panic_is_caught() {
    let corpus = Corpus::load();
    let seed = env_u64("FUZZ_SEED", 1);
    let iterations = env_u64("FUZZ_ITERATIONS", 2_000);
    let mut failures = Vec::new();
    for target in TARGETS {
        // `generate` costs ~100 times a check in debug: fewer model inputs, generate on 1 in 20.
        let n = if target.name == "model" { (iterations / 5).max(1) } else { iterations };
        let mut config = config(seed, n);
        config.plan.generate_every = 20;
        let report = runner::run(target, &corpus, &config);
        print!("{report}");
        assert_eq!(report.inputs, n, "{}: every input ran", target.name);
        failures.extend(report.failures.iter().map(ToString::to_string));
    }
    assert!(failures.is_empty(), "{} failing input(s):\n{}", failures.len(), failures.join("\n"));

    // The canary panics on any input with a backslash: the run must catch each one, name it
    // and write a file that replays to the same panic.
    let canary = targets::find("canary").expect("the canary target exists");
    let report = runner::run(canary, &corpus, &config(seed, 300));
    let panics: Vec<_> = report.failures.iter().filter(|f| matches!(f.problem, Problem::Panic(_))).collect();
    assert!(!panics.is_empty(), "the canary's panics were not caught:\n{report}");
    assert_eq!(report.inputs, 300, "the run goes on after a panic");
    for failure in panics {
        let Problem::Panic(message) = &failure.problem else { unreachable!() };
        assert!(message.contains("the canary found a backslash"), "the message is the panic's: {message}");
        let file = failure.file.as_ref().expect("the input was written");
        let input = canary.decode(&std::fs::read(file).expect("the file exists")).expect("the file decodes");
        assert_eq!(input, canary.input(&corpus, &config(seed, 300).plan, failure.index), "the file holds the input");
        let (replayed, _) = runner::replay(canary, &input);
        assert!(replayed.is_err(), "{} replays to the panic", file.display());
    }

    // Memory: the whole test process, every target included, stays under the bound.
    if let Some((peak_kib, _)) = runner::memory_kib() {
        assert!(peak_kib < 512 << 10, "peak RSS {} MiB is over 512 MiB", peak_kib >> 10);
    }
}
