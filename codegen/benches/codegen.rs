//! Whole-pipeline generation time (JSON parse included), with the repository's `codegen.json`
//! settings (service, crate metadata, overlay, suppressions):
//!
//! - `update_contact_attributes/official_model`: one operation from the full official Amazon Connect
//!   model in `../shared` (target: under 60 ms);
//! - `all_operations/official_model`: all 370 operations of it (target: under 1 s);
//! - `update_contact_attributes/trimmed_model`: one operation from the trimmed `models/connect.json`;
//! - `phases/*`: the pipeline stages on the official model, to show where the time goes:
//!   `load_sources` (JSON parse and assembly), `check_model_*` (the traits of the shapes one or
//!   all operations reach; patterns are only parsed here, translating and compiling them happens
//!   in lowering),
//!   `lower_request_*` (load + check + lower), `emit_render_*` (tokens and prettyplease formatting,
//!   on all cores as `generate` does; `emit_render_all_one_thread` on one).
//!
//! The official-model benchmarks are skipped, with a printed reason, when `../shared` is absent.
//!
//! `cargo bench -p codegen --bench codegen -- --measurement-time 5 --warm-up-time 1`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use codegen::config::Config;
use codegen::config::Selection;
use codegen::model::ModelSource;
use criterion::{Criterion, criterion_group, criterion_main};

const OFFICIAL: &str = "models/connect-2017-08-08.json";
const OPERATION: &str = "UpdateContactAttributes";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The request `cargo xtask codegen` would build, optionally with the official model instead of ours.
fn request(official: Option<&Path>, selection: Selection) -> codegen::Request {
    let config = Config::load(&workspace_root().join("codegen.json"))
        .unwrap_or_else(|d| panic!("codegen.json:\n{d}"));
    let mut request =
        codegen::Request::from_config(&config).unwrap_or_else(|d| panic!("{d}"));
    request.settings.selection = selection;
    if let Some(path) = official {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        request.models = vec![ModelSource {
            name: path.display().to_string(),
            text,
        }];
    }
    request
}

fn generate(request: &codegen::Request) -> codegen::Generated {
    codegen::generate(request).unwrap_or_else(|d| panic!("generation failed:\n{d}"))
}

fn official_model() -> Option<PathBuf> {
    let path = workspace_root().join("..").join("shared").join(OFFICIAL);
    if path.is_file() {
        Some(path)
    } else {
        println!(
            "skipped the official-model benchmarks: {} is absent (the official data lives in ../shared)",
            path.display()
        );
        None
    }
}

fn one_operation(c: &mut Criterion) {
    let mut group = c.benchmark_group("update_contact_attributes");
    if let Some(path) = official_model() {
        let request = request(Some(&path), Selection::Named(vec![OPERATION.into()]));
        group.bench_function("official_model", |b| {
            b.iter(|| generate(black_box(&request)))
        });
    }
    let request = request(None, Selection::Named(vec![OPERATION.into()]));
    group.bench_function("trimmed_model", |b| {
        b.iter(|| generate(black_box(&request)))
    });
    group.finish();
}

fn all_operations(c: &mut Criterion) {
    let Some(path) = official_model() else {
        return;
    };
    let mut request = request(Some(&path), Selection::All);
    request.settings.package = "aws-connect-full".into();
    let mut group = c.benchmark_group("all_operations");
    // About a second per iteration: ten samples are plenty and keep the run short.
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("official_model", |b| {
        b.iter(|| generate(black_box(&request)))
    });
    group.finish();
}

/// Emit and render on `threads` threads, as `generate` does with all of the machine's cores.
fn emit_render(krate: &codegen::ir::Crate, threads: usize) -> usize {
    codegen::render::render_crate_with(krate, threads)
        .into_iter()
        .map(|(_, text)| text.expect("renders").len())
        .sum()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn phases(c: &mut Criterion) {
    let Some(path) = official_model() else {
        return;
    };
    let one = request(Some(&path), Selection::Named(vec![OPERATION.into()]));
    let all = request(Some(&path), Selection::All);
    let mut group = c.benchmark_group("phases");
    group.sample_size(20);
    group.bench_function("load_sources", |b| {
        b.iter(|| codegen::model::load_sources(black_box(&one.models)).expect("loads"))
    });
    let (model, _) = codegen::model::load_sources(&one.models).expect("loads");
    for (name, request) in [("check_model_one", &one), ("check_model_all", &all)] {
        let scope = codegen::select::select(&model, &request.settings).expect("selects");
        group.bench_function(name, |b| {
            b.iter(|| codegen::check::check_model(black_box(&model), &scope))
        });
    }
    group.bench_function("lower_request_one", |b| {
        b.iter(|| codegen::lower_request(black_box(&one)).expect("lowers"))
    });
    group.bench_function("lower_request_all", |b| {
        b.iter(|| codegen::lower_request(black_box(&all)).expect("lowers"))
    });
    let (krate, _) = codegen::lower_request(&one).expect("lowers");
    group.bench_function("emit_render_one", |b| {
        b.iter(|| emit_render(black_box(&krate), cores()))
    });
    let (krate, _) = codegen::lower_request(&all).expect("lowers");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("emit_render_all", |b| {
        b.iter(|| emit_render(black_box(&krate), cores()))
    });
    group.bench_function("emit_render_all_one_thread", |b| {
        b.iter(|| emit_render(black_box(&krate), 1))
    });
    group.finish();
}

criterion_group!(benches, one_operation, all_operations, phases);
criterion_main!(benches);
