//! `cargo run --release -p fuzz-driver -- --target <name|all> --iterations N --seed S`
//!
//! With `all` (or several targets) each target runs in a child process of this binary, so a
//! crash that cannot be caught (a stack overflow aborts the process) ends one target, not the
//! run, and so each target's peak RSS is its own. When a child dies, the parent re-runs the
//! stretch after its last checkpoint one input at a time to name the input that killed it.

use std::io::{BufRead, BufReader};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use fuzz_driver::runner::{self, Config};
use fuzz_driver::{targets, Corpus, TARGETS};

#[global_allocator]
static ALLOC: fuzz_driver::alloc::Counting = fuzz_driver::alloc::Counting;

const HELP: &str = "\
fuzz-driver: feed generated and mutated inputs to the response parsers and the model loader

USAGE: fuzz-driver [OPTIONS]

  --target <name|all>       a target, a comma-separated list, or all (default: all)
  --iterations <N>          inputs per target (default: 10000)
  --model-iterations <N>    inputs for the model target (default: --iterations)
  --seed <S>                the run's seed (default: 1)
  --start <I>               first input index (default: 0)
  --stop <I>                stop before this index (default: --iterations)
  --generate-every <N>      model target: run codegen::generate on every Nth input (default: 10; 0: never)
  --hang-ms <MS>            a call slower than this, twice, is a hang (default: 1000)
  --abort-after-s <S>       the watchdog ends a call running this long (default: 60)
  --max-rss-mib <MiB>       fail when the process's RSS exceeds this (default: 512)
  --max-input-mib <MiB>     fail when one input makes the target hold more (default: 256)
  --out <DIR>               where failing inputs are written (default: target/fuzz)
  --progress-s <S>          print progress every S seconds
  --long-chains             model target: chains of 1000 and 5000 shapes too (known to be slow)
  --in-process              run every target in this process (no child processes)
  --replay <FILE>           feed one reproduction file to --target and print what happened
  --write-input <I>         write input I of --target (with --seed/--iterations) to --out
  --list                    list the targets
";

struct Args {
    targets: Vec<String>,
    iterations: u64,
    model_iterations: Option<u64>,
    config: Config,
    in_process: bool,
    replay: Option<String>,
    write_input: Option<u64>,
    list: bool,
    passthrough: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        targets: vec!["all".into()],
        iterations: 10_000,
        model_iterations: None,
        config: Config::new(1, 10_000),
        in_process: false,
        replay: None,
        write_input: None,
        list: false,
        passthrough: Vec::new(),
    };
    let mut stop = None;
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < raw.len() {
        let flag = raw[i].as_str();
        i += 1;
        let takes_value = !matches!(flag, "--in-process" | "--long-chains" | "--list" | "--help" | "-h");
        let value = if takes_value {
            let v = raw.get(i).cloned().ok_or_else(|| format!("{flag} needs a value"))?;
            i += 1;
            v
        } else {
            String::new()
        };
        let number = || value.parse::<u64>().map_err(|_| format!("{flag}: `{value}` is not a number"));
        // Options a child process needs as well are passed on as given.
        if matches!(flag, "--generate-every" | "--hang-ms" | "--abort-after-s" | "--max-rss-mib" | "--max-input-mib" | "--out" | "--progress-s") {
            args.passthrough.extend([flag.to_string(), value.clone()]);
        }
        match flag {
            "--target" => args.targets = value.split(',').map(str::to_string).collect(),
            "--iterations" => args.iterations = number()?,
            "--model-iterations" => args.model_iterations = Some(number()?),
            "--seed" => args.config.plan.seed = number()?,
            "--start" => args.config.start = number()?,
            "--stop" => stop = Some(number()?),
            "--generate-every" => args.config.plan.generate_every = number()?,
            "--hang-ms" => args.config.hang = Duration::from_millis(number()?),
            "--abort-after-s" => args.config.abort_after = Duration::from_secs(number()?),
            "--max-rss-mib" => args.config.max_rss_mib = number()?,
            "--max-input-mib" => args.config.max_input_mib = number()?,
            "--out" => args.config.out_dir = value.into(),
            "--progress-s" => args.config.progress = Some(Duration::from_secs(number()?)),
            "--checkpoint-every" => args.config.checkpoint_every = Some(number()?),
            "--in-process" => args.in_process = true,
            "--long-chains" => {
                args.config.plan.long_chains = true;
                args.passthrough.push(flag.to_string());
            }
            "--replay" => args.replay = Some(value),
            "--write-input" => args.write_input = Some(number()?),
            "--list" => args.list = true,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    args.config.stop = stop.unwrap_or(u64::MAX);
    if args.targets.iter().any(|t| t == "all") {
        args.targets = TARGETS.iter().map(|t| t.name.to_string()).collect();
    }
    for name in &args.targets {
        if targets::find(name).is_none() {
            return Err(format!("unknown target `{name}` (--list shows them)"));
        }
    }
    Ok(args)
}

fn iterations_of(args: &Args, target: &str) -> u64 {
    if target == "model" { args.model_iterations.unwrap_or(args.iterations) } else { args.iterations }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    if args.list {
        for target in TARGETS {
            println!("{:<26} {}", target.name, target.about);
        }
        return ExitCode::SUCCESS;
    }
    if let Some(path) = &args.replay {
        return replay(&args, path);
    }
    let corpus = Corpus::load();
    if let Some(index) = args.write_input {
        let target = targets::find(&args.targets[0]).expect("checked in parse_args");
        let mut config = args.config.clone();
        config.plan.iterations = iterations_of(&args, target.name);
        let input = target.input(&corpus, &config.plan, index);
        return match runner::write_input(&config, target, index, &input) {
            Some(path) => {
                println!("{}", path.display());
                ExitCode::SUCCESS
            }
            None => ExitCode::FAILURE,
        };
    }
    if args.in_process || args.targets.len() == 1 {
        for note in &corpus.notes {
            println!("seeds: {note}");
        }
        let mut failed = false;
        for name in &args.targets {
            let target = targets::find(name).expect("checked in parse_args");
            let mut config = args.config.clone();
            config.plan.iterations = iterations_of(&args, name);
            config.stop = config.stop.min(config.plan.iterations);
            let report = runner::run(target, &corpus, &config);
            print!("{report}");
            failed |= !report.failures.is_empty();
        }
        return if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    }
    supervise(&args)
}

fn replay(args: &Args, path: &str) -> ExitCode {
    let target = targets::find(&args.targets[0]).expect("checked in parse_args");
    if args.targets.len() != 1 {
        eprintln!("error: --replay needs one --target (the file name starts with it)");
        return ExitCode::from(2);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(input) = target.decode(&bytes) else {
        eprintln!("error: {path} is not an input of {}", target.name);
        return ExitCode::from(2);
    };
    if target.name == "model" {
        // Stage by stage first, so a slow or failing input names the function responsible.
        let text = String::from_utf8_lossy(&bytes);
        for (stage, took, ok) in fuzz_driver::model::run_stages(&text) {
            println!("  {stage}: {} in {took:?}", if ok { "ok" } else { "errors" });
        }
    }
    let (result, took) = runner::replay(target, &input);
    match result {
        Ok(outcome) => {
            println!("{}: {} ({}) in {took:?}", target.name, if outcome.ok { "ok" } else { "err" }, outcome.label);
            ExitCode::SUCCESS
        }
        Err(message) => {
            println!("{}: PANICKED after {took:?}: {message}", target.name);
            ExitCode::FAILURE
        }
    }
}

/// Run each target in a child process, one after another (the machine's cores are shared).
fn supervise(args: &Args) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("error: cannot find this executable ({e}); use --in-process");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for name in &args.targets {
        let iterations = iterations_of(args, name);
        let stop = args.config.stop.min(iterations);
        match child(&exe, args, name, iterations, args.config.start, stop, 10_000) {
            Ok(true) => {}
            Ok(false) => failed = true,
            Err(last) => {
                failed = true;
                println!("{name}: the child process died (after checkpoint {last}); finding the input");
                find_crash(&exe, args, name, iterations, last, stop);
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Run one target from `start` to `stop` in a child; `Ok(passed)` when it exited, `Err(last
/// checkpoint)` when it died.
fn child(exe: &std::path::Path, args: &Args, name: &str, iterations: u64, start: u64, stop: u64, checkpoint: u64) -> Result<bool, u64> {
    let mut command = Command::new(exe);
    command
        .args(["--in-process", "--target", name, "--iterations", &iterations.to_string(), "--seed", &args.config.plan.seed.to_string()])
        .args(["--start", &start.to_string(), "--stop", &stop.to_string(), "--checkpoint-every", &checkpoint.to_string()])
        .args(&args.passthrough)
        .stdout(Stdio::piped());
    let Ok(mut process) = command.spawn() else { return Err(start) };
    let mut last = start;
    if let Some(stdout) = process.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            match line.strip_prefix("@checkpoint ") {
                Some(index) => last = index.parse().unwrap_or(last),
                None => println!("{line}"),
            }
        }
    }
    match process.wait() {
        Ok(status) if status.code().is_some() && status.code() != Some(3) => Ok(status.success()),
        // Exit code 3: the watchdog already reported the hang and wrote its input.
        Ok(status) if status.code() == Some(3) => Ok(false),
        _ => Err(last),
    }
}

/// Re-run the stretch after `last` with a checkpoint before every input: the last one printed
/// is the input that kills the process. Write it and say how to replay it.
fn find_crash(exe: &std::path::Path, args: &Args, name: &str, iterations: u64, last: u64, stop: u64) {
    let end = (last + 10_000).min(stop);
    match child(exe, args, name, iterations, last, end, 1) {
        Err(index) => {
            let mut command = Command::new(exe);
            command
                .args(["--target", name, "--iterations", &iterations.to_string(), "--seed", &args.config.plan.seed.to_string()])
                .args(["--write-input", &index.to_string()])
                .args(&args.passthrough);
            let file = command.output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default();
            println!("{name}: input #{index} kills the process (seed {}, iterations {iterations})", args.config.plan.seed);
            println!("    input: {file}\n    replay: cargo run --release -p fuzz-driver -- --target {name} --replay {file}");
        }
        Ok(_) => println!("{name}: the crash did not happen again between {last} and {end}"),
    }
}
