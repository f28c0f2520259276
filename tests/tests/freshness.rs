//! The committed generated crates are exactly what the models produce (like `cargo xtask codegen --check`).
//!
//! Locally a stale tree is regenerated and the test fails so you notice and commit; in CI (`CI` set)
//! it only fails, naming the command to run.

use integration_tests::{empty_modules, workspace_root};

/// Every configured crate whose model is present, generated in memory.
fn generated_configs() -> impl Iterator<Item = (codegen::config::Config, codegen::Generated)> {
    let root = workspace_root();
    codegen::CONFIGS.iter().filter_map(move |config| {
        codegen::generate_from_config(&root.join(config)).unwrap_or_else(|d| panic!("generating from {config} failed:\n{d}"))
    })
}

#[test]
fn generated_crates_are_fresh() {
    for (config, generated) in generated_configs() {
        let drift = codegen::output::check(&config.output, &generated.files).expect("read the generated tree");
        if drift.is_clean() {
            continue;
        }
        if std::env::var_os("CI").is_none() {
            codegen::output::write(&config.output, &generated.files).expect("rewrite the generated tree");
            panic!("{} was stale and has been regenerated; review and commit it:\n{drift}", config.output.display());
        }
        panic!("{} is not what the model produces:\n{drift}run `cargo xtask codegen` and commit the result", config.output.display());
    }
}

#[test]
fn generation_is_byte_stable() {
    let root = workspace_root();
    let generate = || codegen::generate_from_config(&root.join("codegen.json")).expect("generate").expect("main model present");
    assert_eq!(generate().1.files, generate().1.files);
}

#[test]
fn no_generated_file_or_module_is_empty() {
    for (config, generated) in generated_configs() {
        let empty = empty_modules(&generated.files);
        assert!(empty.is_empty(), "{}: {empty:#?}", config.output.display());
    }
}
