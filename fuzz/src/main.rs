//! `cargo run --release -p fuzz-driver -- --target <name|all> --iterations N --seed S`
//!
//! With `all` (or several targets) each target runs in a child process of this binary, so a
//! crash that cannot be caught (a stack overflow aborts the process) ends one target, not the
//! run, and so each target's peak RSS is its own. When a child dies, the parent re-runs the
//! stretch after its last checkpoint one input at a time to name the input that killed it.

use std::io::{BufRead, BufReader};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use fuzz_driver::runner::{self, Config, Failure, Problem, Report};
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
  --in-process              run every target in this process (no child processes)
  --replay <FILE>           feed one reproduction file to --target and print what happened
  --write-input <I>         write input I of --target (with --seed/--iterations) to --out
  --dump-seeds <DIR>        write every seed (models and responses) to DIR and exit
  --write-repros <DIR>      write the minimal models of the findings (regression inputs; fuzz/README.md) to DIR
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
    dump_seeds: Option<String>,
    write_repros: Option<String>,
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
        dump_seeds: None,
        write_repros: None,
        passthrough: Vec::new(),
    };
    let mut stop = None;
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < raw.len() {
        let flag = raw[i].as_str();
        i += 1;
        let takes_value = !matches!(flag, "--in-process" | "--list" | "--help" | "-h");
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
            "--replay" => args.replay = Some(value),
            "--write-input" => args.write_input = Some(number()?),
            "--list" => args.list = true,
            "--dump-seeds" => args.dump_seeds = Some(value),
            "--write-repros" => args.write_repros = Some(value),
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
    if let Some(dir) = &args.write_repros {
        let dir = std::path::Path::new(dir);
        let written = std::fs::create_dir_all(dir).and_then(|()| {
            for (name, text) in fuzz_driver::model::known_repros() {
                std::fs::write(dir.join(&name), text)?;
                println!("{}", dir.join(&name).display());
            }
            Ok(())
        });
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let Some(path) = &args.replay {
        return replay(&args, path);
    }
    let corpus = Corpus::load();
    if let Some(dir) = &args.dump_seeds {
        return dump_seeds(&corpus, std::path::Path::new(dir));
    }
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
    if args.in_process {
        if args.config.checkpoint_every.is_none() {
            for note in &corpus.notes {
                println!("seeds: {note}");
            }
        }
        let mut failed = false;
        for name in &args.targets {
            let target = targets::find(name).expect("checked in parse_args");
            let mut config = args.config.clone();
            config.plan.iterations = iterations_of(&args, name);
            config.stop = config.stop.min(config.plan.iterations);
            let report = runner::run(target, &corpus, &config);
            if config.checkpoint_every.is_some() {
                println!("@final {}", report.to_json());
            } else {
                print!("{report}");
            }
            failed |= !report.failures.is_empty();
        }
        return if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    }
    for note in &corpus.notes {
        println!("seeds: {note}");
    }
    supervise(&args)
}

/// Every seed as a file named after where it came from, so a seed can be replayed alone.
fn dump_seeds(corpus: &Corpus, dir: &std::path::Path) -> ExitCode {
    let clean = |name: &str| name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect::<String>();
    let written = (|| -> std::io::Result<usize> {
        std::fs::create_dir_all(dir)?;
        for model in &corpus.models {
            std::fs::write(dir.join(format!("model-{}.json", clean(&model.name))), &model.text)?;
        }
        for (i, seed) in corpus.responses.iter().enumerate() {
            let input = fuzz_driver::response::ResponseInput {
                operation: seed.operations.first().cloned().unwrap_or_default(),
                status: seed.status,
                headers: seed.headers.iter().map(|(n, v)| (n.clone(), v.as_bytes().to_vec())).collect(),
                body: seed.body.clone(),
            };
            std::fs::write(dir.join(format!("response-{i:04}-{}.http", clean(&seed.id))), input.encode())?;
        }
        Ok(corpus.models.len() + corpus.responses.len())
    })();
    match written {
        Ok(n) => {
            println!("{n} seeds written to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
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
        fuzz_driver::model::run_stages(&text, &mut |stage, took, outcome| match outcome {
            Ok(()) => println!("  {stage}: ok in {took:?}"),
            Err(errors) => println!("  {stage}: errors in {took:?}\n      {errors}"),
        });
    }
    let before = fuzz_driver::alloc::reset_peak();
    let (result, took) = runner::replay(target, &input);
    let held = fuzz_driver::alloc::peak().saturating_sub(before);
    match result {
        Ok(outcome) => {
            println!("{}: {} ({}) in {took:?}, holding at most {} KiB", target.name, if outcome.ok { "ok" } else { "err" }, outcome.label, held >> 10);
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
        let report = supervise_target(&exe, args, name);
        print!("{report}");
        failed |= !report.failures.is_empty();
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// How a child process ended.
enum End {
    /// It ran to the end and printed its report.
    Finished,
    /// Its watchdog ended it on a call that did not return.
    Stuck(Failure),
    /// It died (a stack overflow aborts; so may an out-of-memory kill).
    Died(String),
}

/// What a child process said: its last report (the final one, or the last checkpoint's, which
/// covers the inputs before `last`), and how it ended.
struct Run {
    report: Option<Report>,
    last: u64,
    end: End,
}

/// Run one target over `start..stop` in a child process with a checkpoint every `every` inputs.
fn child(exe: &std::path::Path, args: &Args, name: &str, iterations: u64, start: u64, stop: u64, every: u64) -> Run {
    let mut command = Command::new(exe);
    command
        .args(["--in-process", "--target", name, "--iterations", &iterations.to_string(), "--seed", &args.config.plan.seed.to_string()])
        .args(["--start", &start.to_string(), "--stop", &stop.to_string(), "--checkpoint-every", &every.to_string()])
        .args(&args.passthrough)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut process = match command.spawn() {
        Ok(process) => process,
        Err(e) => return Run { report: None, last: start, end: End::Died(format!("cannot start the child: {e}")) },
    };
    // Forward the child's stderr as it comes, keeping its last lines for a crash report.
    let stderr = process.stderr.take().map(|stderr| {
        std::thread::spawn(move || {
            let mut tail: Vec<String> = Vec::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("{line}");
                if !line.trim().is_empty() {
                    tail.push(line);
                }
                if tail.len() > 4 {
                    tail.remove(0);
                }
            }
            tail
        })
    });
    let mut run = Run { report: None, last: start, end: End::Died(String::new()) };
    let mut finished = false;
    let mut stuck = None;
    if let Some(stdout) = process.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("@checkpoint ") {
                let (index, json) = rest.split_once(' ').unwrap_or((rest, "null"));
                run.last = index.parse().unwrap_or(run.last);
                run.report = serde_json::from_str(json).ok().and_then(|v| Report::from_json(&v));
            } else if let Some(json) = line.strip_prefix("@final ") {
                run.report = serde_json::from_str(json).ok().and_then(|v| Report::from_json(&v));
                finished = true;
            } else if let Some(json) = line.strip_prefix("@stuck ") {
                stuck = serde_json::from_str(json).ok().and_then(|v| Failure::from_json(&v));
            } else {
                println!("{line}");
            }
        }
    }
    let status = process.wait();
    let tail = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    run.end = match (finished, stuck) {
        (true, _) => End::Finished,
        (false, Some(failure)) => End::Stuck(failure),
        (false, None) => End::Died(format!("{} ({})", tail.join(" / "), status.map_or("no status".to_string(), |s| s.to_string()))),
    };
    run
}

/// One target's whole run, resumed past every input that ends its child process: the input is
/// found (the stretch after the last checkpoint again, with a checkpoint before every input),
/// written to a file, reported, and skipped.
fn supervise_target(exe: &std::path::Path, args: &Args, name: &str) -> Report {
    let target = targets::find(name).expect("checked in parse_args");
    let iterations = iterations_of(args, name);
    let stop = args.config.stop.min(iterations);
    let mut merged = Report::empty(target.name);
    let merge = |merged: &mut Report, report: Option<Report>| {
        if let Some(report) = report {
            merged.merge(report);
        }
    };
    let mut position = args.config.start;
    let mut deaths = 0;
    while position < stop {
        let run = child(exe, args, name, iterations, position, stop, 10_000);
        // A child stops when its RSS passes the bound; the high-water mark never comes down, so
        // the rest of the run goes on in a fresh process (the inputs that held the memory are
        // named by their own failures).
        let over_rss = run.report.as_ref().and_then(|r| r.failures.iter().filter(|f| matches!(f.problem, Problem::Rss(_))).map(|f| f.index).max());
        merge(&mut merged, run.report);
        let (killer, problem) = match run.end {
            End::Finished => match over_rss {
                Some(index) if index + 1 < stop => {
                    position = index + 1;
                    deaths += 1;
                    if deaths >= 100 {
                        break;
                    }
                    continue;
                }
                _ => break,
            },
            End::Stuck(failure) => {
                // The inputs between the last checkpoint and the stuck one ran but went unreported.
                let gap = child(exe, args, name, iterations, run.last, failure.index, 10_000);
                merge(&mut merged, gap.report);
                let index = failure.index;
                merged.failures.push(failure);
                position = index + 1;
                deaths += 1;
                if deaths >= 100 {
                    break;
                }
                continue;
            }
            End::Died(_) => {
                let end = (run.last + 10_000).min(stop);
                let probe = child(exe, args, name, iterations, run.last, end, 1);
                merge(&mut merged, probe.report);
                match probe.end {
                    End::Died(message) => (probe.last, Problem::Crash(message)),
                    End::Stuck(failure) => (failure.index, failure.problem),
                    End::Finished => {
                        eprintln!("{name}: the child died after input {} but not when run again; going on from {end}", run.last);
                        position = end;
                        continue;
                    }
                }
            }
        };
        let mut command = Command::new(exe);
        command
            .args(["--target", name, "--iterations", &iterations.to_string(), "--seed", &args.config.plan.seed.to_string()])
            .args(["--write-input", &killer.to_string()])
            .args(&args.passthrough);
        let file = command.output().ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).filter(|f| !f.is_empty());
        merged.failures.push(Failure { target: target.name, seed: args.config.plan.seed, iterations, index: killer, problem, file: file.map(Into::into) });
        position = killer + 1;
        deaths += 1;
        if deaths >= 100 {
            eprintln!("{name}: 100 inputs ended the child process; stopping this target");
            break;
        }
    }
    merged
}
